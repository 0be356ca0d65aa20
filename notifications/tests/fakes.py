"""A mail relay that refuses the first few messages, then accepts: for retry tests."""

from __future__ import annotations

import smtplib

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend


class RefusingBackend(BaseEmailBackend):
    """Refuses the first `failures` sends as a relay that is down would, then delivers to outbox."""

    failures = 0
    calls = 0

    def send_messages(self, messages):
        RefusingBackend.calls += 1
        if RefusingBackend.calls <= RefusingBackend.failures:
            raise smtplib.SMTPServerDisconnected("relay down")
        mail.outbox.extend(messages)
        return len(messages)


@pytest.fixture
def refusing_relay(settings):
    """`refusing_relay(n)`: the next n sends fail with an SMTP error, later ones are delivered."""

    def _refuse(failures: int) -> None:
        RefusingBackend.calls = 0
        RefusingBackend.failures = failures
        settings.EMAIL_BACKEND = "notifications.tests.fakes.RefusingBackend"

    yield _refuse
    RefusingBackend.calls = RefusingBackend.failures = 0
