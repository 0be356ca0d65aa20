"""SIGTERM to the worker (what `manage.py serve` sends): the task in flight finishes, none is lost."""

from __future__ import annotations

import signal
import time
import uuid

import pytest
from django.test import Client

from notifications.models import Email
from notifications.services import email_enqueue
from tests.faults.conftest import report, wait_until, worker_env

pytestmark = [pytest.mark.faults, pytest.mark.django_db(transaction=True)]

MAILS = 6


def test_sigterm_lets_the_running_task_finish_and_leaves_the_rest_queued(celery_worker_process, smtp, settings):
    # A cache namespace of our own, so no other worker's heartbeat can answer for ours.
    prefix = f"test-{uuid.uuid4().hex[:8]}"
    settings.CACHES = {"default": {**settings.CACHES["default"], "KEY_PREFIX": prefix}}
    assert Client().get("/health/").json()["checks"]["worker"]["ok"] is False

    smtp.delay = 2.0  # each DATA takes two seconds to be accepted: a long task to interrupt
    # The pool `serve` runs: prefork, two processes.
    worker = celery_worker_process(
        env=worker_env(smtp, CACHE_KEY_PREFIX=prefix), args=["--pool", "prefork", "--concurrency", "2"]
    )
    wait_until(lambda: "ready." in worker.log_path.read_text(), 30, "the worker to be ready")
    health = Client().get("/health/")
    assert health.status_code == 200, health.content
    assert health.json()["checks"] == {
        "database": {"ok": True}, "redis": {"ok": True}, "worker": {"ok": True, "age_seconds": pytest.approx(0, abs=30)}
    }

    keys = {f"fault:shutdown:{n}" for n in range(MAILS)}
    for key in sorted(keys):
        email_enqueue(key=key, to="shop@museum.example", subject="Catalogue", text="Attached")
    wait_until(lambda: Email.objects.filter(status=Email.Status.SENDING).exists(), 20, "a send in progress")
    in_flight = set(Email.objects.filter(status=Email.Status.SENDING).values_list("key", flat=True))

    worker.send_signal(signal.SIGTERM)  # to the main process only, as serve does
    stopped_at = time.monotonic()
    assert worker.wait(timeout=30) == 0
    shutdown_s = time.monotonic() - stopped_at
    # Warm shutdown: what was running is sent and recorded; nothing is left half-done.
    assert in_flight <= set(smtp.keys())
    assert set(Email.objects.filter(key__in=in_flight).values_list("status", flat=True)) == {Email.Status.SENT}
    assert not Email.objects.filter(status=Email.Status.SENDING).exists()
    waiting_after_stop = Email.objects.filter(status=Email.Status.QUEUED).count()
    assert waiting_after_stop > 0  # the rest stayed in the queue ...

    smtp.delay = 0
    celery_worker_process(env=worker_env(smtp, CACHE_KEY_PREFIX=prefix))
    delivered = smtp.wait_for_keys(keys, timeout=30)  # ... and a new worker sends them
    time.sleep(1)
    delivered = smtp.keys()
    assert delivered == {key: 1 for key in keys}
    report("SIGTERM warm shutdown", mails=MAILS, in_flight_at_sigterm=len(in_flight),
           left_queued=waiting_after_stop, delivered=sum(delivered.values()),
           duplicates=sum(n - 1 for n in delivered.values()), shutdown_s=round(shutdown_s, 1))
