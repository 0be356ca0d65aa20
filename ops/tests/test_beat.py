"""One beat, always: two real beat processes on one Redis run the schedule once, and the second
takes over when the first dies (ops.beat, the Procfile's `beat`)."""

from __future__ import annotations

import json
import time
import uuid

import pytest
import redis
from django.conf import settings

from tests.cluster.processes import start, wait_until

HEARTBEAT = "ops.heartbeat"
LOCK_TIMEOUT = 4


@pytest.fixture
def queue():
    name = f"test-beat-{uuid.uuid4().hex[:10]}"
    client = redis.Redis.from_url(settings.REDIS_URL)
    yield name, client
    client.delete(name, *client.keys(f"redbeat:{name}*"))


def heartbeats(client: redis.Redis, queue: str) -> int:
    messages = (json.loads(m) for m in client.lrange(queue, 0, -1))
    return sum(1 for m in messages if m["headers"]["task"] == HEARTBEAT)


def sends(log: str) -> int:
    return log.count(f"Sending due task worker-heartbeat ({HEARTBEAT})")


def test_a_second_beat_waits_and_takes_over_when_the_first_dies(queue, tmp_path):
    name, client = queue
    env = {
        "CELERY_TASK_DEFAULT_QUEUE": name,
        "HEARTBEAT_INTERVAL": "1",
        "BEAT_LOCK_TIMEOUT": str(LOCK_TIMEOUT),
        "LOG_LEVEL": "INFO",
    }
    first = start("beat", env, tmp_path)
    second = None
    try:
        wait_until(lambda: sends(first.log()) >= 1, 90, "the first beat to send a heartbeat")
        second = start("beat", env, tmp_path)
        wait_until(
            lambda: "beat: Starting" in second.log() or "Starting..." in second.log(),
            60,
            "the second beat to start",
        )
        time.sleep(2)  # the second is up and asking for the lock
        before, started = heartbeats(client, name), time.monotonic()
        time.sleep(6)
        sent = heartbeats(client, name) - before
        elapsed = time.monotonic() - started
        # One beat: one heartbeat a second (two beats would publish twice as many).
        assert sent <= elapsed + 2, (sent, elapsed)
        assert sent >= elapsed - 2, (sent, elapsed)
        assert sends(second.log()) == 0, second.log()
        assert second.alive()

        first.kill()  # no chance to release the lock: the second waits for it to expire
        killed_at = time.monotonic()
        wait_until(lambda: sends(second.log()) >= 1, LOCK_TIMEOUT + 15, "the second beat to take over")
        took_over = time.monotonic() - killed_at
        assert took_over <= LOCK_TIMEOUT + 5, took_over
        # Its schedule went on from where the first left it (the last runs are in Redis).
        before = heartbeats(client, name)
        time.sleep(3)
        assert 1 <= heartbeats(client, name) - before <= 5
    finally:
        first.stop()
        if second is not None:
            second.stop()
        print(first.log(), second.log() if second else "")


def test_a_beat_stopped_cleanly_hands_over_at_once(queue, tmp_path):
    name, client = queue
    env = {
        "CELERY_TASK_DEFAULT_QUEUE": name,
        "HEARTBEAT_INTERVAL": "1",
        "BEAT_LOCK_TIMEOUT": "30",
        "LOG_LEVEL": "INFO",
    }
    first = start("beat", env, tmp_path)
    second = None
    try:
        wait_until(lambda: sends(first.log()) >= 1, 90, "the first beat to send a heartbeat")
        second = start("beat", env, tmp_path)
        time.sleep(6)
        assert sends(second.log()) == 0
        first.stop()  # SIGTERM: the lock is released
        assert "beat: Releasing lock" in first.log()
        stopped_at = time.monotonic()
        wait_until(lambda: sends(second.log()) >= 1, 20, "the second beat to take over")
        # Far sooner than the lock's 30 s expiry.
        assert time.monotonic() - stopped_at < 15
    finally:
        first.stop()
        if second is not None:
            second.stop()
        print(first.log(), second.log() if second else "")


def test_the_nightly_purge_runs_at_night_in_the_agencys_zone():
    from celery.schedules import crontab

    from config.celery import app

    entry = settings.CELERY_BEAT_SCHEDULE["purge-old-messages"]
    assert isinstance(entry["schedule"], crontab)
    assert entry["schedule"].hour == {settings.MESSAGE_PURGE_HOUR}
    assert app.conf.timezone == settings.AGENCY_TIME_ZONE
    assert settings.CELERY_BEAT_SCHEDULER == "ops.beat.LockedScheduler"
