"""Run calls at once, each on its own thread and database connection, and sort the outcomes.

For race tests under `django_db(transaction=True)`: a barrier releases every thread together, so
each call reads the database while the others are between their read and their write.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import connection


@dataclass
class RaceResult:
    wins: list[Any] = field(default_factory=list)
    refusals: list[BaseException] = field(default_factory=list)
    errors: list[BaseException] = field(default_factory=list)


def race(calls: Sequence[Callable[[], Any]], *, refused: type[BaseException] | tuple[type[BaseException], ...],
         timeout: float = 60) -> RaceResult:
    """Call each of `calls` at the same moment; an exception of type `refused` is a refusal."""
    barrier = threading.Barrier(len(calls))
    result = RaceResult()
    lock = threading.Lock()

    def run(call: Callable[[], Any]) -> None:
        try:
            barrier.wait()
            outcome = call()
            with lock:
                result.wins.append(outcome)
        except refused as error:
            with lock:
                result.refusals.append(error)
        except Exception as error:  # noqa: BLE001 (any other outcome fails the calling test)
            with lock:
                result.errors.append(error)
        finally:
            # Each thread has its own connection; close it or the test database cannot be dropped.
            connection.close()

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=timeout)
    return result
