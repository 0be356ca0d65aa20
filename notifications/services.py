"""Outgoing email: recorded first, sent by a Celery task, never twice.

The life of an Email row: queued -> sending (claimed by one worker) -> sent; on an SMTP error
it goes to waiting and the task retries with backoff; after the last attempt, failed.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import logging
import re
import smtplib
import time
from datetime import timedelta
from email.utils import parseaddr
from typing import Protocol

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, InterfaceError, OperationalError, connection, transaction
from django.db.models import F, Q
from django.utils import timezone

from notifications.emails import render_email
from notifications.models import Email

log = logging.getLogger(__name__)


def stale_claim() -> timedelta:
    """A claim older than this belongs to a worker that died mid-send: the message may be re-sent.

    Settings (EMAIL_STALE_CLAIM_SECONDS) rather than a constant, so fault tests can shrink it.
    """
    return timedelta(seconds=settings.EMAIL_STALE_CLAIM_SECONDS)


def retry_delay(attempts: int) -> float:
    """Exponential backoff after the given number of failed attempts, capped."""
    base = settings.EMAIL_RETRY_BASE_SECONDS
    return min(base * 2 ** max(attempts - 1, 0), settings.EMAIL_RETRY_MAX_SECONDS)

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
    language: str = "",
) -> Email:
    """Record an email and queue its sending after the current transaction commits.

    `language` (the one it is written in) goes out as its Content-Language.

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
        "language": language,
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


class Recipient(Protocol):
    """Whoever an email is for: an address, the language they read and the zone they live in."""

    @property
    def email(self) -> str: ...
    @property
    def language(self) -> str: ...
    @property
    def time_zone(self) -> str: ...


def email_enqueue_template(
    *,
    key: str,
    to: str,
    template: str,
    context: dict,
    language: str,
    time_zone: str,
    attachments: list[tuple[str, bytes, str]] | None = None,
) -> Email:
    """Render `emails/<template>_*` in `language` and `time_zone`, and queue it once per key."""
    rendered = render_email(template, context, language=language, time_zone=time_zone)
    return email_enqueue(
        key=key,
        to=to,
        subject=rendered.subject,
        text=rendered.text,
        html=rendered.html,
        language=rendered.language,
        attachments=attachments,
    )


def email_enqueue_to_user(
    *,
    key: str,
    user: Recipient,
    template: str,
    context: dict,
    attachments: list[tuple[str, bytes, str]] | None = None,
) -> Email:
    """The same, to a person's own address, in their language and time zone."""
    return email_enqueue_template(
        key=key,
        to=user.email,
        template=template,
        context=context,
        language=user.language or settings.LANGUAGE_CODE,
        time_zone=user.time_zone or "UTC",
        attachments=attachments,
    )


def _claim(email_id: int) -> bool:
    now = timezone.now()
    claimable = Q(status__in=[Email.Status.QUEUED, Email.Status.WAITING]) | Q(
        status=Email.Status.SENDING, claimed_at__lt=now - stale_claim()
    )
    updated = (
        Email.objects.filter(claimable, pk=email_id)
        .update(status=Email.Status.SENDING, claimed_at=now, attempts=F("attempts") + 1)
    )
    return updated == 1


def _message_id(key: str) -> str:
    domain = parseaddr(settings.DEFAULT_FROM_EMAIL)[1].rpartition("@")[2] or "craftmatch.local"
    return f"<{hashlib.sha256(key.encode()).hexdigest()[:32]}@{domain}>"


def _message(email: Email) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject=email.subject,
        body=email.body_text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[email.to],
        # The same Message-ID on every attempt: a copy re-sent after a crash in the window between
        # the relay's "250" and our "sent" is recognisably the same message to mail clients.
        headers={
            "X-CraftMatch-Key": email.key, "Message-ID": _message_id(email.key),
            **({"Content-Language": email.language} if email.language else {}),
        },
    )
    if email.body_html:
        message.attach_alternative(email.body_html, "text/html")
    for item in email.attachments:
        _attach(message, item["filename"], base64.b64decode(item["content"]), item["mimetype"])
    return message


def _attach(message: EmailMultiAlternatives, filename: str, content: bytes, mimetype: str) -> None:
    main = mimetype.partition(";")[0].strip().lower()
    found = CALENDAR_METHOD.search(content.decode(errors="replace")) if main == "text/calendar" else None
    if found:
        # Mail clients take a calendar part's method (invitation, cancellation) from its type,
        # which must match the METHOD inside: read it from the file, so the two never disagree.
        mimetype = f"text/calendar; method={found.group(1).upper()}"
    message.attach(filename, content, mimetype)


CALENDAR_METHOD = re.compile(r"^METHOD:([A-Za-z-]+)\s*$", re.MULTILINE)


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
            status=Email.Status.WAITING, last_error=describe_error(error)[:2000]
        )
        raise
    _mark_sent(email_id)
    log.info("Email %s sent to the relay (%s, attempt %s)", email_id, email.key, email.attempts)
    return True


def describe_error(error: BaseException) -> str:
    """What staff read in the admin: the relay's own code and words when it answered."""
    if isinstance(error, smtplib.SMTPResponseException):
        text = error.smtp_error.decode(errors="replace") if isinstance(error.smtp_error, bytes) else error.smtp_error
        return f"{type(error).__name__}: {error.smtp_code} {text}"
    return f"{type(error).__name__}: {error}"


def _mark_sent(email_id: int) -> None:
    # The relay has the message: from here until the row says sent, a crash means a second copy
    # later. A dropped database connection is the likeliest such crash, so reconnect and insist
    # briefly instead of leaving the row `sending` for the stale-claim sweep.
    for attempt in range(4):
        try:
            Email.objects.filter(pk=email_id).update(
                status=Email.Status.SENT, sent_at=timezone.now(), last_error=""
            )
            return
        except (OperationalError, InterfaceError):
            if attempt == 3 or connection.in_atomic_block:
                raise
            connection.close()
            time.sleep(0.5 * (attempt + 1))


def email_mark_failed(*, email_id: int, error: str) -> None:
    Email.objects.filter(pk=email_id).exclude(status=Email.Status.SENT).update(
        status=Email.Status.FAILED, last_error=error[:2000]
    )


def email_requeue_stuck(*, older_than: timedelta | None = None) -> int:
    """Queue again what no worker will finish: a lost broker message or a dead claim.

    The database, not the broker, knows what is unsent. A task message can vanish: the worker
    holding it was killed (Redis keeps it unacked for the whole visibility timeout), Redis lost
    it, or publishing failed after the row was committed. Rows in that state are:
    queued for longer than `older_than`; sending under a stale claim; waiting longer than the
    longest backoff. Queueing one that is in fact still moving is harmless: the claim decides.
    """
    from notifications.tasks import send_email_task

    now = timezone.now()
    if older_than is None:
        older_than = timedelta(seconds=settings.EMAIL_REQUEUE_AFTER_SECONDS)
    lost_retry = timedelta(seconds=settings.EMAIL_RETRY_MAX_SECONDS) + older_than
    stuck = Email.objects.filter(
        Q(status=Email.Status.QUEUED, created_at__lt=now - older_than)
        | Q(status=Email.Status.SENDING, claimed_at__lt=now - max(older_than, stale_claim()))
        | Q(status=Email.Status.WAITING, claimed_at__lt=now - lost_retry)
    ).order_by("pk").values_list("pk", flat=True)
    ids = list(stuck[:1000])
    for email_id in ids:
        send_email_task.delay(email_id)
    if ids:
        log.warning("Requeued %d stuck emails", len(ids))
    return len(ids)


def email_retry(*, email_ids: list[int]) -> int:
    """Staff asked to send failed or waiting emails now; returns how many were queued again.

    The status is claimed row by row (an email sent meanwhile stays sent and is not queued), and
    the task is queued only after commit.
    """
    from notifications.tasks import send_email_task

    retryable = [Email.Status.FAILED, Email.Status.WAITING]
    queued = 0
    for email_id in email_ids:
        if Email.objects.filter(pk=email_id, status__in=retryable).update(status=Email.Status.WAITING):
            transaction.on_commit(functools.partial(send_email_task.delay, email_id))
            queued += 1
    return queued
