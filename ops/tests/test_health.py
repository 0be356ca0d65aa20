from __future__ import annotations

import time

import pytest

from ops.health import HEARTBEAT_KEY, heartbeat_write
from ops.tasks import heartbeat_task

pytestmark = pytest.mark.django_db


def test_health_is_ok_with_database_redis_and_a_recent_heartbeat(anonymous):
    heartbeat_write()
    response = anonymous.get("/health/")
    assert response.status_code == 200
    body = response.json()
    assert body["ok"] is True
    assert body["checks"]["database"] == {"ok": True}
    assert body["checks"]["redis"] == {"ok": True}
    assert body["checks"]["worker"]["ok"] is True
    assert response["Cache-Control"].startswith("max-age=0")


def test_health_is_503_without_a_worker_heartbeat(anonymous):
    response = anonymous.get("/health/")
    assert response.status_code == 503
    assert response.json()["checks"]["worker"] == {"ok": False, "error": "no heartbeat from any worker yet"}


def test_health_is_503_when_the_last_heartbeat_is_too_old(anonymous, settings):
    from django.core.cache import cache

    cache.set(HEARTBEAT_KEY, time.time() - settings.HEARTBEAT_MAX_AGE - 5, timeout=None)
    worker = anonymous.get("/health/").json()["checks"]["worker"]
    assert worker["ok"] is False
    assert worker["age_seconds"] > settings.HEARTBEAT_MAX_AGE


def test_health_is_503_and_names_redis_when_redis_does_not_answer(anonymous, settings):
    from tests.integration.conftest import free_port

    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{free_port()}/0",
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
    response = anonymous.get("/health/")
    assert response.status_code == 503
    checks = response.json()["checks"]
    assert checks["database"] == {"ok": True}
    assert checks["redis"] == {"ok": False, "error": "ConnectionError"}
    assert checks["worker"]["ok"] is False


def test_health_does_not_need_a_login_and_says_the_same_to_staff(anonymous, login, staff):
    heartbeat_write()
    assert anonymous.get("/health/").status_code == 200
    assert login(staff).get("/health/").status_code == 200


def test_health_refuses_writes(anonymous):
    assert anonymous.post("/health/").status_code == 405


def test_heartbeat_task_run_twice_only_moves_the_time_forward():
    from django.core.cache import cache

    first = heartbeat_task.delay().get()
    second = heartbeat_task.delay().get()
    assert second >= first
    assert cache.get(HEARTBEAT_KEY) == second
