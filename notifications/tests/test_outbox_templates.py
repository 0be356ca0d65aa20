from __future__ import annotations

from datetime import UTC, datetime
from types import SimpleNamespace

import pytest
from django.core import mail

from notifications.models import Email
from notifications.services import email_enqueue_template, email_enqueue_to_user

pytestmark = pytest.mark.django_db

# 12:00 UTC is 21:00 in Tokyo and 12:00 in UTC: the rendered hour tells which zone was used.
EXPIRES = datetime(2026, 5, 1, 12, 0, tzinfo=UTC)


def _context(name: str) -> dict:
    return {
        "name": name,
        "session": SimpleNamespace(title="Glaze workshop"),
        "seat": SimpleNamespace(offer_expires_at=EXPIRES),
        "url": "https://craftmatch.example/seat",
    }


def test_mail_to_a_user_is_written_in_their_language_and_zone(buyer, django_capture_on_commit_callbacks):
    buyer.language, buyer.time_zone = "es", "Asia/Tokyo"
    with django_capture_on_commit_callbacks(execute=True):
        email = email_enqueue_to_user(key="test:seat:1", user=buyer, template="agenda_offer",
                                      context=_context("Emily"))
    assert email.to == "buyer@example.org"
    assert email.language == "es"
    assert email.subject == "Hay una plaza libre para usted: Glaze workshop"
    assert "Tómela antes" in email.body_text
    assert "21:00" in email.body_text
    assert 'lang="es"' in email.body_html
    [sent] = mail.outbox
    assert sent.extra_headers["Content-Language"] == "es"
    assert sent.to == ["buyer@example.org"]


def test_the_same_key_twice_queues_one_mail(buyer, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        first = email_enqueue_to_user(key="test:seat:2", user=buyer, template="agenda_offer",
                                      context=_context("Emily"))
        buyer.language = "fr"  # a second call renders anew but keeps the row already recorded
        second = email_enqueue_to_user(key="test:seat:2", user=buyer, template="agenda_offer",
                                       context=_context("Emily"))
    assert first.pk == second.pk
    assert second.language == "en"
    assert len(callbacks) == 1
    assert len(mail.outbox) == 1
    assert Email.objects.filter(key="test:seat:2").count() == 1


def test_mail_to_an_address_takes_the_language_zone_and_attachments_given(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        email = email_enqueue_template(
            key="test:seat:3", to="guest@example.org", template="agenda_offer", context=_context("Guest"),
            language="en", time_zone="UTC", attachments=[("note.txt", b"hello", "text/plain")],
        )
    assert email.language == "en"
    assert "May 1, 2026, noon" in email.body_text
    [sent] = mail.outbox
    assert sent.attachments == [("note.txt", "hello", "text/plain")]
