from __future__ import annotations

import smtplib

import pytest
from django.core import mail

from notifications.models import Email
from notifications.services import email_enqueue, email_send
from notifications.tasks import send_email_task

pytestmark = pytest.mark.django_db


def _enqueue(key="test:key:1", to="ana@example.org"):
    return email_enqueue(key=key, to=to, subject="Subject", text="Body")


def test_email_is_sent_after_commit_once(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        email = _enqueue()
        _enqueue()
    assert len(callbacks) == 1
    assert len(mail.outbox) == 1
    email.refresh_from_db()
    assert email.status == Email.Status.SENT
    assert Email.objects.count() == 1


def test_running_the_send_task_twice_sends_once(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        email = _enqueue()
    send_email_task.delay(email.pk)
    send_email_task.delay(email.pk)
    assert len(mail.outbox) == 1
    assert email_send(email_id=email.pk) is False


def test_smtp_error_leaves_email_waiting_with_reason(refusing_relay, django_capture_on_commit_callbacks):
    refusing_relay(2)
    with django_capture_on_commit_callbacks(execute=False):
        email = _enqueue()
    with pytest.raises(smtplib.SMTPServerDisconnected):
        email_send(email_id=email.pk)
    email.refresh_from_db()
    assert email.status == Email.Status.WAITING
    assert "relay down" in email.last_error
    with pytest.raises(smtplib.SMTPServerDisconnected):
        email_send(email_id=email.pk)
    assert email_send(email_id=email.pk) is True
    email.refresh_from_db()
    assert email.status == Email.Status.SENT
    assert email.attempts == 3
    assert len(mail.outbox) == 1


def test_task_marks_failed_after_last_attempt(settings, refusing_relay, django_capture_on_commit_callbacks):
    settings.EMAIL_MAX_ATTEMPTS = 2
    refusing_relay(99)
    with django_capture_on_commit_callbacks(execute=False):
        email = _enqueue()
    # Eager mode runs the retries inline; the last one gives up and records why.
    send_email_task.apply(args=[email.pk], throw=False)
    email.refresh_from_db()
    assert email.status == Email.Status.FAILED
    assert "relay down" in email.last_error
    assert mail.outbox == []


def test_fresh_claim_by_another_worker_is_not_sent_again(django_capture_on_commit_callbacks):
    from django.utils import timezone

    from notifications.services import EmailBusy

    with django_capture_on_commit_callbacks(execute=False):
        email = _enqueue()
    Email.objects.filter(pk=email.pk).update(status=Email.Status.SENDING, claimed_at=timezone.now())
    with pytest.raises(EmailBusy):
        email_send(email_id=email.pk)
    assert mail.outbox == []


def test_stale_claim_of_a_dead_worker_is_sent(django_capture_on_commit_callbacks):
    from datetime import timedelta

    from django.utils import timezone

    with django_capture_on_commit_callbacks(execute=False):
        email = _enqueue()
    Email.objects.filter(pk=email.pk).update(
        status=Email.Status.SENDING, claimed_at=timezone.now() - timedelta(minutes=30)
    )
    assert email_send(email_id=email.pk) is True
    assert len(mail.outbox) == 1
