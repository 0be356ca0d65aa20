"""No log line carries a usable secret link (ops.logging.RedactSecretsFilter on every handler)."""

from __future__ import annotations

import io
import json
import logging
import sys

import pytest
from django.urls import reverse

from accounts.tests.factories import ArtisanUserFactory
from ops.logging import JsonFormatter, RedactSecretsFilter, redact_secrets
from programs.models import BuyerInvitation
from programs.tests.factories import ProgramFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def console():
    """What the configured console handler writes, with its filters from settings.LOGGING."""
    handler = next(h for h in logging.getLogger().handlers
                   if any(isinstance(f, RedactSecretsFilter) for f in h.filters))
    buffer = io.StringIO()
    previous = handler.setStream(buffer)
    try:
        yield buffer
    finally:
        handler.setStream(previous)


def test_a_forbidden_invitation_link_is_logged_without_its_token(client, console):
    invitation = BuyerInvitation.objects.create(program=ProgramFactory(), email="buyer@example.org")
    client.force_login(ArtisanUserFactory())

    response = client.get(reverse("programs:join", args=[invitation.token]))

    assert response.status_code == 403
    logged = console.getvalue()
    assert "Forbidden" in logged and "/programs/join/[redacted]/" in logged
    assert invitation.token not in logged


@pytest.mark.parametrize("url", [
    "/accounts/password/reset/key/1a-c4f5e1b2d3a4f5e6a7b8/",
    "/accounts/confirm-email/MQ:1vKx2a:abcdefghijklmnopqrstuvwxyz0123/",
    "/programs/join/Vq3yQWvS1cP5t0xK9lZ2b8sD7fG6hJ4k/",
    "/accounts/2fa/enrol/Vq3yQWvS1cP5t0xK9lZ2b8sD7fG6hJ4kVq3yQWvS1cP/",
])
def test_every_secret_link_is_redacted_in_message_extras_traceback_and_json(url):
    secret = url.rstrip("/").rsplit("/", 1)[1]
    try:
        raise ValueError(f"while serving https://craftmatch.example{url}")
    except ValueError:
        record = logging.LogRecord("django.request", logging.ERROR, __file__, 1, "Internal Server Error: %s",
                                   (url,), exc_info=sys.exc_info())
    record.path = url
    record.request = type("Request", (), {"__repr__": lambda self: f"<WSGIRequest: GET '{url}'>"})()
    record.request_id = "-"
    RedactSecretsFilter().filter(record)

    plain = logging.Formatter("%(message)s %(path)s").format(record)
    line = JsonFormatter().format(record)
    assert secret not in plain and secret not in line
    assert "[redacted]" in plain and "[redacted]" in json.loads(line)["exception"]
    assert "[redacted]" in json.loads(line)["request"]


def test_other_paths_are_left_alone():
    assert redact_secrets("GET /catalog/products/42/ 200") == "GET /catalog/products/42/ 200"
    assert redact_secrets("/accounts/password/reset/") == "/accounts/password/reset/"
