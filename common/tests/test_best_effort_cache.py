"""common.best_effort_cache: a cache that fails is a miss (a real Redis client on a closed port)."""

from __future__ import annotations

import socket
import uuid

import pytest
from django.test import override_settings

from common import best_effort_cache


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(autouse=True)
def fresh_state():
    best_effort_cache.reset()
    yield
    best_effort_cache.reset()


def test_values_round_trip_when_the_cache_answers():
    key = f"test-best-effort-{uuid.uuid4().hex}"
    best_effort_cache.set(key, "one", 30)
    best_effort_cache.set_many({f"{key}-2": "two"}, 30)
    assert best_effort_cache.get(key) == "one"
    assert best_effort_cache.get_many([key, f"{key}-2", f"{key}-3"]) == {key: "one", f"{key}-2": "two"}


def test_a_cache_that_fails_is_a_miss_for_every_call(caplog, monkeypatch):
    monkeypatch.setattr(best_effort_cache, "RETRY_AFTER_SECONDS", 0.0)
    backend = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": f"redis://127.0.0.1:{_closed_port()}/0",
    }
    with (
        override_settings(CACHES={"default": backend}),
        caplog.at_level("WARNING", logger=best_effort_cache.__name__),
    ):
        best_effort_cache.set("k", "v", 30)
        best_effort_cache.set_many({"k": "v"}, 30)
        assert best_effort_cache.get("k") is None
        assert best_effort_cache.get_many(["k"]) == {}
    assert [r.getMessage()[:17] for r in caplog.records] == ["Cache unavailable"]
