"""A task executed by a real Celery worker over Redis delivers mail to a real SMTP server."""

from __future__ import annotations

import time

import pytest

from notifications.models import Email
from notifications.services import email_enqueue

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


def test_worker_sends_recorded_email_through_smtp_once(celery_worker_process, smtp_sink):
    celery_worker_process(env={"EMAIL_URL": smtp_sink.url})
    email = email_enqueue(
        key="test:welcome:ana@example.org", to="ana@example.org",
        subject="Bienvenida", text="Hola Ana", html="<p>Hola <b>Ana</b></p>",
        attachments=[("note.txt", b"hello", "text/plain")],
    )
    # The same key again, as a retried caller would: recorded once, sent once.
    again = email_enqueue(key="test:welcome:ana@example.org", to="ana@example.org", subject="x", text="y")
    assert again.pk == email.pk

    messages = smtp_sink.wait_for(1)
    assert messages[0]["To"] == "ana@example.org"
    assert messages[0]["Subject"] == "Bienvenida"
    assert messages[0]["X-CraftMatch-Key"] == "test:welcome:ana@example.org"
    parts = {part.get_content_type() for part in messages[0].walk()}
    assert {"text/plain", "text/html"} <= parts

    for _ in range(100):
        email.refresh_from_db()
        if email.status == Email.Status.SENT:
            break
        time.sleep(0.1)
    assert email.status == Email.Status.SENT
    assert email.attempts == 1
    # Nothing else arrives.
    time.sleep(1)
    assert len(smtp_sink.messages) == 1
