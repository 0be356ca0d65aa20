from __future__ import annotations

import pytest
from django.core import mail

from notifications.models import Email
from notifications.services import email_retry

pytestmark = pytest.mark.django_db


def _email(key: str, status: str) -> Email:
    return Email.objects.create(key=key, to="ana@example.org", subject="Subject", body_text="Body", status=status)


def test_retry_queues_failed_and_waiting_emails_after_commit(django_capture_on_commit_callbacks):
    failed, waiting = _email("retry:1", Email.Status.FAILED), _email("retry:2", Email.Status.WAITING)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        assert email_retry(email_ids=[failed.pk, waiting.pk]) == 2
        # Nothing leaves before the transaction that asked for it commits.
        assert mail.outbox == []
    assert len(callbacks) == 2
    failed.refresh_from_db()
    assert failed.status == Email.Status.WAITING


def test_retry_leaves_a_sent_email_alone_and_running_it_twice_sends_once(django_capture_on_commit_callbacks):
    sent, failed = _email("retry:3", Email.Status.SENT), _email("retry:4", Email.Status.FAILED)
    with django_capture_on_commit_callbacks(execute=True):
        assert email_retry(email_ids=[sent.pk, failed.pk]) == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert email_retry(email_ids=[sent.pk, failed.pk]) == 0
    assert len(mail.outbox) == 1
    sent.refresh_from_db()
    assert sent.status == Email.Status.SENT
