"""The fair site's lists when the cache fails (common.best_effort_cache): the pages render uncached,
the outage is logged once, and the cache is used again when it is back.

The failing cache is a real Redis client pointed at a port nothing listens on.
"""

from __future__ import annotations

import logging
import socket

import pytest
from django.test import override_settings

from common import best_effort_cache
from fairs.tests.factories import small_fair
from fairs.tests.test_fair_site_cache import _page, _published, _stored, _urls

pytestmark = pytest.mark.django_db(transaction=True)

LOGGER = "common.best_effort_cache"


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def fair():
    world = small_fair(stands=4, exhibitors=3)
    _published(world)
    return world


@pytest.fixture
def unreachable_cache():
    best_effort_cache.reset()
    caches = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{_closed_port()}/0",
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
    with override_settings(CACHES=caches):
        yield
    best_effort_cache.reset()


def _messages(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name == LOGGER]


def test_fair_pages_render_uncached_when_the_cache_is_down_and_the_outage_is_logged_once(
    client, fair, caplog, monkeypatch, unreachable_cache
):
    # Retried on every call, so each page meets the failure again: still one log line.
    monkeypatch.setattr(best_effort_cache, "RETRY_AFTER_SECONDS", 0.0)
    caplog.set_level(logging.WARNING, logger=LOGGER)
    name = fair.exhibitors[0].artisan.business_name
    for url in _urls(fair).values():
        for _ in range(2):
            assert name in _page(client, url)
    messages = _messages(caplog)
    assert len(messages) == 1, messages
    assert messages[0].startswith("Cache unavailable")


def test_the_cache_is_used_again_once_it_is_back(client, fair, caplog, monkeypatch):
    monkeypatch.setattr(best_effort_cache, "RETRY_AFTER_SECONDS", 0.0)
    caplog.set_level(logging.WARNING, logger=LOGGER)
    url = _urls(fair)["hall"]
    best_effort_cache.reset()
    try:
        with override_settings(
            CACHES={
                "default": {
                    "BACKEND": "django.core.cache.backends.redis.RedisCache",
                    "LOCATION": f"redis://127.0.0.1:{_closed_port()}/0",
                }
            }
        ):
            down = _page(client, url)
        assert not _stored(fair, "hall")
        assert _page(client, url) == down
        assert _stored(fair, "hall")
        assert _messages(caplog)[-1] == "Cache available again"
        assert len(_messages(caplog)) == 2
    finally:
        best_effort_cache.reset()


def test_after_a_failure_the_cache_is_left_alone_for_a_while(fair, unreachable_cache):
    assert best_effort_cache.get("any") is None
    # Inside the retry period no connection is tried (a Redis that times out costs one timeout).
    assert best_effort_cache._state.skipping()
    best_effort_cache.set("any", "value", 10)
    assert best_effort_cache.get("any") is None
