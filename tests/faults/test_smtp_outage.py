"""The mail relay refuses (451) and then is down; when it returns, each mail arrives once."""

from __future__ import annotations

import re
import time

import pytest
from django.test import Client

from accounts.tests.factories import StaffUserFactory
from notifications.models import Email
from notifications.services import email_enqueue
from tests.faults.conftest import report, wait_until, worker_env

pytestmark = [pytest.mark.faults, pytest.mark.django_db(transaction=True)]

MAILS = 20


def _rows(page: str) -> list[str]:
    """The changelist's rows. A row being retried at this instant is `sending`, not listed."""
    return [row for row in re.findall(r"<tr[^>]*>.*?</tr>", page, re.S) if "@museum.example" in row]


def test_refusing_then_absent_relay_is_retried_with_backoff_and_each_mail_arrives_once(celery_worker_process, smtp):
    smtp.refuse = "451 4.3.0 Mailbox temporarily unavailable"
    celery_worker_process(env=worker_env(smtp, EMAIL_MAX_ATTEMPTS="30"))
    keys = set()
    for n in range(MAILS):
        key = f"fault:smtp:{n}"
        email_enqueue(key=key, to=f"shop{n}@museum.example", subject=f"Mission update {n}", text="Details inside")
        keys.add(key)

    wait_until(lambda: Email.objects.filter(status=Email.Status.WAITING).count() == MAILS, 30, "all mails waiting")
    # Staff see which are waiting and why.
    staff_client = Client()
    staff_client.force_login(StaffUserFactory())
    page = staff_client.get("/admin/notifications/email/?status__exact=waiting").content.decode()
    # A row being retried at this instant is `sending`; every listed row says what the relay said.
    rows = _rows(page)
    assert len(rows) >= MAILS // 2
    assert all("SMTPDataError: 451 4.3.0 Mailbox temporarily unavailable" in row for row in rows)
    refused_while_up = smtp.refused

    # Then the relay goes away altogether: connection refused.
    smtp.stop()
    time.sleep(3)
    wait_until(
        lambda: Email.objects.filter(status=Email.Status.WAITING, last_error__icontains="refused").exists(),
        20, "a connection error to be recorded",
    )
    rows = _rows(staff_client.get("/admin/notifications/email/?status__exact=waiting").content.decode())
    assert any("ConnectionRefusedError" in row for row in rows)
    assert smtp.messages == []

    # The outage lasts until every mail has failed twice: on a fast run the fixed waits above could
    # end before a backed-off mail came round again, and it was then delivered on its second try.
    wait_until(lambda: not Email.objects.filter(attempts__lt=2).exists(), 90, "every mail tried twice in the outage")
    smtp.refuse = None
    smtp.start()
    back_at = time.monotonic()
    smtp.wait_for_keys(keys, timeout=60)
    drained_in = time.monotonic() - back_at
    wait_until(lambda: Email.objects.filter(status=Email.Status.SENT).count() == MAILS, 20, "all rows sent")
    time.sleep(2)
    delivered = smtp.keys()
    assert delivered == {key: 1 for key in keys}
    attempts = list(Email.objects.values_list("attempts", flat=True))
    # Backoff, not a busy loop: a handful of attempts each over the whole outage.
    assert min(attempts) >= 3
    assert max(attempts) <= 12
    assert _rows(staff_client.get("/admin/notifications/email/?status__exact=waiting").content.decode()) == []
    report(
        "SMTP 451 then down", mails=MAILS, refused=refused_while_up, delivered=sum(delivered.values()),
        duplicates=sum(n - 1 for n in delivered.values()), lost=len(keys - set(delivered)),
        attempts_max=max(attempts), drained_s=round(drained_in, 1),
    )
