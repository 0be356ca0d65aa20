"""Outbox bodies hold reset, confirmation and invitation links: encrypted at rest, never in the admin."""

from __future__ import annotations

import importlib

import pytest
from django.core import mail
from django.db import connection
from django.urls import reverse

from accounts.tests.factories import StaffUserFactory
from notifications.models import Email
from notifications.services import email_enqueue

pytestmark = pytest.mark.django_db

migration = importlib.import_module("notifications.migrations.0002_encrypt_bodies")
LINK = "https://craftmatch.example/accounts/password/reset/key/1a-c4f5e1b2d3a4f5e6/"


def _stored(email_id: int) -> tuple[str, str]:
    """The row as a database dump would show it."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT body_text, body_html FROM notifications_email WHERE id = %s", [email_id])
        return cursor.fetchone()


def test_bodies_are_stored_encrypted_and_sent_in_the_clear(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        email = email_enqueue(key="test:reset:1", to="ana@example.org", subject="Reset",
                              text=f"Open {LINK}", html=f'<a href="{LINK}">Reset</a>')

    text, html = _stored(email.pk)
    assert "reset/key" not in text and "reset/key" not in html
    assert Email.objects.get(pk=email.pk).body_text == f"Open {LINK}"
    assert mail.outbox[0].body == f"Open {LINK}"
    assert LINK in mail.outbox[0].alternatives[0][0]


def test_the_migration_encrypts_bodies_stored_in_the_clear_and_is_harmless_twice():
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO notifications_email (key, \"to\", subject, body_text, body_html, attachments, status,"
            " attempts, last_error, created_at) VALUES ('old:1', 'ana@example.org', 'Reset', %s, '', '[]',"
            " 'sent', 1, '', now()) RETURNING id",
            [f"Open {LINK}"],
        )
        email_id = cursor.fetchone()[0]

    with connection.schema_editor() as editor:
        migration.encrypt_existing(None, editor)
        once = _stored(email_id)
        migration.encrypt_existing(None, editor)

    assert _stored(email_id) == once
    assert "reset/key" not in once[0]
    assert once[1] == ""
    assert Email.objects.get(pk=email_id).body_text == f"Open {LINK}"


def test_the_admin_cannot_search_or_filter_on_bodies(client, settings):
    settings.REQUIRE_STAFF_MFA = False
    email_enqueue(key="test:reset:2", to="ana@example.org", subject="Reset", text=f"Open {LINK}")
    client.force_login(StaffUserFactory())
    url = reverse("admin:notifications_email_changelist")

    # A filter on the body would answer yes or no to each guessed character of the link.
    assert client.get(url, {"body_text__contains": "reset/key/1a"}).status_code == 400
    assert client.get(url, {"body_html__startswith": "<"}).status_code == 400
    page = client.get(url, {"q": "reset/key"})
    assert page.status_code == 200
    assert "ana@example.org" not in page.content.decode()
