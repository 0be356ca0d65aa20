"""Outgoing email: recorded first, sent by a Celery task, never twice.

The life of an Email row: queued -> sending (claimed by one worker) -> sent; on an SMTP error
it goes to waiting and the task retries with backoff; after the last attempt, failed.
"""

from __future__ import annotations

import base64
import logging
import smtplib
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone

from notifications.models import Email

log = logging.getLogger(__name__)

# A claim older than this belongs to a worker that died mid-send: the message may be re-sent.
STALE_CLAIM = timedelta(minutes=5)

# Errors worth another try: the relay is down, busy or refused for now.
TRANSIENT_ERRORS = (smtplib.SMTPException, ConnectionError, TimeoutError, OSError)


class EmailBusy(Exception):
    """Another worker holds a fresh claim on this email; try again after the claim goes stale."""


def email_enqueue(
    *,
    key: str,
    to: str,
    subject: str,
    text: str,
    html: str = "",
    attachments: list[tuple[str, bytes, str]] | None = None,
) -> Email:
    """Record an email and queue its sending after the current transaction commits.

    Calling it again with the same key returns the existing row and queues nothing.
    """
    from notifications.tasks import send_email_task

    encoded = [
        {"filename": name, "content": base64.b64encode(data).decode(), "mimetype": mimetype}
        for name, data, mimetype in attachments or []
    ]
    defaults = {
        "to": to,
        "subject": subject[:255],
        "body_text": text,
        "body_html": html,
        "attachments": encoded,
    }
    try:
        with transaction.atomic():
            email, created = Email.objects.get_or_create(key=key, defaults=defaults)
    except IntegrityError:
        # A concurrent caller recorded the same key between our read and our insert.
        return Email.objects.get(key=key)
    if created:
        transaction.on_commit(lambda: send_email_task.delay(email.pk))
    return email


def _claim(email_id: int) -> bool:
    now = timezone.now()
    claimable = Q(status__in=[Email.Status.QUEUED, Email.Status.WAITING]) | Q(
        status=Email.Status.SENDING, claimed_at__lt=now - STALE_CLAIM
    )
    updated = (
        Email.objects.filter(claimable, pk=email_id)
        .update(status=Email.Status.SENDING, claimed_at=now, attempts=F("attempts") + 1)
    )
    return updated == 1


def _message(email: Email) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject=email.subject,
        body=email.body_text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[email.to],
        headers={"X-CraftMatch-Key": email.key},
    )
    if email.body_html:
        message.attach_alternative(email.body_html, "text/html")
    for item in email.attachments:
        message.attach(item["filename"], base64.b64decode(item["content"]), item["mimetype"])
    return message


def email_send(*, email_id: int) -> bool:
    """Send one recorded email if nobody has. Returns True when this call sent it.

    Raises EmailBusy when another worker holds a fresh claim, and the SMTP error when the
    relay failed (the row is then `waiting`); the task retries both.
    """
    if not _claim(email_id):
        status = Email.objects.filter(pk=email_id).values_list("status", flat=True).first()
        if status == Email.Status.SENDING:
            raise EmailBusy(email_id)
        return False
    email = Email.objects.get(pk=email_id)
    try:
        _message(email).send()
    except TRANSIENT_ERRORS as error:
        Email.objects.filter(pk=email_id).update(
            status=Email.Status.WAITING, last_error=f"{type(error).__name__}: {error}"[:2000]
        )
        raise
    Email.objects.filter(pk=email_id).update(
        status=Email.Status.SENT, sent_at=timezone.now(), last_error=""
    )
    return True


def email_mark_failed(*, email_id: int, error: str) -> None:
    Email.objects.filter(pk=email_id).exclude(status=Email.Status.SENT).update(
        status=Email.Status.FAILED, last_error=error[:2000]
    )


def email_requeue_stuck(*, older_than: timedelta = timedelta(minutes=10)) -> int:
    """Queue again what no worker will finish: a lost broker message or a dead claim."""
    from notifications.tasks import send_email_task

    cutoff = timezone.now() - older_than
    stuck = Email.objects.filter(
        Q(status=Email.Status.QUEUED, created_at__lt=cutoff)
        | Q(status=Email.Status.SENDING, claimed_at__lt=cutoff)
    ).values_list("pk", flat=True)
    ids = list(stuck[:1000])
    for email_id in ids:
        send_email_task.delay(email_id)
    return len(ids)
