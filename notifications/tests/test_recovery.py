"""The sweep that re-queues emails whose task message was lost, and the stable Message-ID."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from notifications.models import Email
from notifications.services import email_enqueue, email_requeue_stuck, retry_delay
from notifications.tasks import requeue_stuck_emails_task

pytestmark = pytest.mark.django_db


def _email(key: str, **state) -> Email:
    with pytest.MonkeyPatch.context() as patch:
        # Recorded only: these rows play emails whose task message never arrived.
        patch.setattr("django.db.transaction.on_commit", lambda callback, *a, **k: None)
        email = email_enqueue(key=key, to="shop@museum.example", subject="Hello", text="Body")
    Email.objects.filter(pk=email.pk).update(**state)
    return email


def test_sweep_sends_what_no_worker_will_finish_and_leaves_the_rest(settings):
    settings.EMAIL_REQUEUE_AFTER_SECONDS = 600
    settings.EMAIL_STALE_CLAIM_SECONDS = 300
    settings.EMAIL_RETRY_MAX_SECONDS = 1800
    now = timezone.now()
    lost = [
        _email("queued-long-ago", created_at=now - timedelta(minutes=11)),
        _email("dead-claim", status=Email.Status.SENDING, claimed_at=now - timedelta(minutes=11), attempts=1),
        _email("lost-retry", status=Email.Status.WAITING, claimed_at=now - timedelta(minutes=41), attempts=1),
    ]
    moving = [
        _email("just-queued"),
        _email("fresh-claim", status=Email.Status.SENDING, claimed_at=now - timedelta(minutes=1), attempts=1),
        _email("backing-off", status=Email.Status.WAITING, claimed_at=now - timedelta(minutes=20), attempts=1),
        _email("done", status=Email.Status.SENT, sent_at=now),
        _email("given-up", status=Email.Status.FAILED, created_at=now - timedelta(days=1)),
    ]
    assert email_requeue_stuck() == 3
    assert sorted(m.extra_headers["X-CraftMatch-Key"] for m in mail.outbox) == sorted(e.key for e in lost)
    assert {e.key for e in Email.objects.filter(status=Email.Status.SENT)} == {e.key for e in lost} | {"done"}
    assert Email.objects.get(key="lost-retry").attempts == 2
    assert {e.key for e in Email.objects.exclude(status=Email.Status.SENT)} == {e.key for e in moving} - {"done"}


def test_sweep_run_twice_sends_nothing_twice():
    _email("queued-long-ago", created_at=timezone.now() - timedelta(hours=1))
    assert requeue_stuck_emails_task.delay().get() == 1
    assert requeue_stuck_emails_task.delay().get() == 0
    assert len(mail.outbox) == 1


def test_every_attempt_of_a_message_has_the_same_message_id(django_capture_on_commit_callbacks):
    from notifications.services import _message

    with django_capture_on_commit_callbacks(execute=False):
        email = email_enqueue(key="k:1", to="a@example.org", subject="s", text="t")
        other = email_enqueue(key="k:2", to="a@example.org", subject="s", text="t")
    first, again = _message(email).message()["Message-ID"], _message(email).message()["Message-ID"]
    assert first == again
    assert first.endswith("@craftmatch.local>")
    assert _message(other).message()["Message-ID"] != first


def test_backoff_doubles_and_is_capped(settings):
    settings.EMAIL_RETRY_BASE_SECONDS = 10
    settings.EMAIL_RETRY_MAX_SECONDS = 60
    assert [retry_delay(n) for n in (1, 2, 3, 4, 5)] == [10, 20, 40, 60, 60]
