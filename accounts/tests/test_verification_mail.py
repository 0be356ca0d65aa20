"""The verification mail names the site and speaks Spanish in one register (usted)."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _sign_up_in(client, language: str, capture):
    with capture(execute=True):
        client.post(
        reverse("accounts:signup-artisan"),
            {"full_name": "Carmen Ruiz", "email": "carmen@example.es", "password1": "a-long-Passphrase-42",
             "password2": "a-long-Passphrase-42", "time_zone": "Europe/Madrid"},
            HTTP_ACCEPT_LANGUAGE=language,
        )
    (message,) = mail.outbox
    return message


def test_the_verification_mail_greets_from_the_site(client, settings, django_capture_on_commit_callbacks):
    settings.SITE_URL = "http://craft.example.org:8123"
    message = _sign_up_in(client, "en", django_capture_on_commit_callbacks)
    assert "Hello from CraftMatch!" in message.body
    assert "from !" not in message.body
    assert "craft.example.org:8123" in message.body
    assert message.subject == message.subject.strip()


def test_the_spanish_verification_mail_says_usted_throughout(client, django_capture_on_commit_callbacks):
    message = _sign_up_in(client, "es", django_capture_on_commit_callbacks)
    body = message.body
    assert "¡Hola desde CraftMatch!" in body
    assert "vaya a" in body
    for informal in ("vete", "tu dirección", "Estás", "introdúcelo"):
        assert informal not in body
    assert message.extra_headers["Content-Language"] == "es"
    (html,) = [content for content, mimetype in message.alternatives if mimetype == "text/html"]
    assert '<html lang="es" dir="ltr">' in html
