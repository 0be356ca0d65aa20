"""What /health/ checks: the database, Redis, and a recent heartbeat from a worker."""

from __future__ import annotations

import logging
import time

from django.conf import settings
from django.core.cache import cache
from django.db import connection

HEARTBEAT_KEY = "ops:worker-heartbeat"

log = logging.getLogger(__name__)


def _failed(what: str, error: Exception) -> dict:
    # The page is public: the kind of failure only; the details go to the log.
    log.error("Health check: %s failed: %s", what, error)
    return {"ok": False, "error": type(error).__name__}


def heartbeat_write() -> float:
    now = time.time()
    cache.set(HEARTBEAT_KEY, now, timeout=None)
    return now


def check_database() -> dict:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as error:  # noqa: BLE001 (any failure is the answer)
        return _failed("database", error)
    return {"ok": True}


def check_redis() -> dict:
    try:
        cache.set("ops:health-probe", "1", timeout=10)
        ok = cache.get("ops:health-probe") == "1"
    except Exception as error:  # noqa: BLE001
        return _failed("redis", error)
    return {"ok": ok} if ok else {"ok": False, "error": "value written was not read back"}


def check_worker() -> dict:
    try:
        beat = cache.get(HEARTBEAT_KEY)
    except Exception as error:  # noqa: BLE001
        return _failed("worker heartbeat", error)
    if beat is None:
        return {"ok": False, "error": "no heartbeat from any worker yet"}
    age = time.time() - float(beat)
    if age > settings.HEARTBEAT_MAX_AGE:
        return {"ok": False, "age_seconds": round(age, 1), "error": "last worker heartbeat is too old"}
    return {"ok": True, "age_seconds": round(age, 1)}


def health() -> dict:
    checks = {"database": check_database(), "redis": check_redis(), "worker": check_worker()}
    return {"ok": all(check["ok"] for check in checks.values()), "checks": checks}
