"""Django's cache used where it only saves work: a cache that fails is a miss, never an error page.

A page that caches what it renders (fairs.cache) must still render when Redis is down or
unreachable: `get` answers None and `set` does nothing. The first failure is logged (with its
exception), then the cache is left alone for RETRY_AFTER_SECONDS, so a Redis that times out
costs one timeout per process and period rather than two per page; later failures of the same
outage are not logged again, and the first success after it is logged once.

State is per process, as each process has its own connection to the cache.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import Any, TypeVar

from django.core.cache import cache

logger = logging.getLogger(__name__)

T = TypeVar("T")

RETRY_AFTER_SECONDS = 30.0


class _State:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.down = False
        self.retry_at = 0.0

    def skipping(self) -> bool:
        return self.down and time.monotonic() < self.retry_at

    def failed(self, error: Exception) -> None:
        with self.lock:
            first = not self.down
            self.down = True
            self.retry_at = time.monotonic() + RETRY_AFTER_SECONDS
        if first:
            logger.warning(
                "Cache unavailable, pages are rendered without it (retried every %s s): %r",
                RETRY_AFTER_SECONDS,
                error,
                exc_info=error,
            )

    def succeeded(self) -> None:
        if not self.down:
            return
        with self.lock:
            recovered = self.down
            self.down = False
        if recovered:
            logger.warning("Cache available again")


_state = _State()


def reset() -> None:
    """Forget an outage (tests: the next call tries the cache at once)."""
    global _state
    _state = _State()


def _attempt(call: Callable[[], T], default: T) -> T:
    if _state.skipping():
        return default
    try:
        value = call()
    except Exception as error:  # noqa: BLE001 - any backend's failure is a miss (the module's rule)
        _state.failed(error)
        return default
    _state.succeeded()
    return value


def get(key: str) -> Any:
    return _attempt(lambda: cache.get(key), None)


def get_many(keys: list[str]) -> dict[str, Any]:
    return _attempt(lambda: cache.get_many(keys), {})


def set(key: str, value: Any, timeout: float) -> None:  # noqa: A001 - the cache's own verb
    _attempt(lambda: cache.set(key, value, timeout), None)


def set_many(values: dict[str, Any], timeout: float) -> None:
    _attempt(lambda: cache.set_many(values, timeout), None)
