"""A key change: put the new key first, `manage.py reencrypt_secrets`, then the old key can go."""

from __future__ import annotations

import io
import time

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, generate_totp_secret, hotp_value
from django.core.management import call_command
from django.core.management.base import CommandError

from accounts.tests.factories import UserFactory
from notifications.models import Email
from notifications.services import email_enqueue
from programs.models import BuyerInvitation
from programs.services import invitation_by_token
from programs.tests.factories import ProgramFactory

pytestmark = pytest.mark.django_db

OLD, NEW = "old-key-0123456789abcdef0123456789abcdef", "new-key-0123456789abcdef0123456789abcdef"


def test_after_reencrypting_the_old_key_can_be_dropped(settings):
    settings.ENCRYPTION_KEYS = [OLD]
    user = UserFactory()
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    codes = RecoveryCodes.activate(user).get_unused_codes()
    email = email_enqueue(key="test:rotate:1", to=user.email, subject="Hi", text="a link", html="<p>a link</p>")
    invitation = BuyerInvitation.objects.create(program=ProgramFactory(), email="buyer@example.org")

    settings.ENCRYPTION_KEYS = [NEW, OLD]
    out = io.StringIO()
    call_command("reencrypt_secrets", stdout=out)
    assert "1 emails, 2 authenticators and 1 invitation tokens" in out.getvalue()
    call_command("reencrypt_secrets", stdout=io.StringIO())  # twice is harmless

    settings.ENCRYPTION_KEYS = [NEW]
    stored = Email.objects.get(pk=email.pk)
    assert (stored.body_text, stored.body_html) == ("a link", "<p>a link</p>")
    totp = TOTP(Authenticator.objects.get(user=user, type="totp"))
    assert totp.validate_code(format_hotp_value(hotp_value(secret, int(time.time()) // 30)))
    recovery = RecoveryCodes(Authenticator.objects.get(user=user, type="recovery_codes"))
    assert recovery.get_unused_codes() == codes
    assert invitation_by_token(invitation.token).pk == invitation.pk


def test_without_the_old_key_it_stops_and_says_so(settings):
    settings.ENCRYPTION_KEYS = [OLD]
    email_enqueue(key="test:rotate:2", to="ana@example.org", subject="Hi", text="a link")
    settings.ENCRYPTION_KEYS = [NEW]
    with pytest.raises(CommandError, match="Keep the old key"):
        call_command("reencrypt_secrets", stdout=io.StringIO())
