"""The second factor's data is stored encrypted (accounts.adapters.MFAAdapter, common.crypto)."""

from __future__ import annotations

import importlib
import time

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, generate_totp_secret, hotp_value
from django.apps import apps
from django.db import connection
from django.urls import reverse

from accounts.tests.factories import PASSWORD, UserFactory
from common.crypto import DecryptionError, decrypt_text, encrypt_text

pytestmark = pytest.mark.django_db

migration = importlib.import_module("accounts.migrations.0003_encrypt_authenticator_secrets")


def _stored(authenticator: Authenticator) -> str:
    """The row as a database dump would show it."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT data::text FROM mfa_authenticator WHERE id = %s", [authenticator.pk])
        return cursor.fetchone()[0]


def _code(secret: str) -> str:
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def test_a_totp_secret_is_not_stored_in_the_clear():
    user = UserFactory()
    secret = generate_totp_secret()
    totp = TOTP.activate(user, secret)

    stored = _stored(totp.instance)
    assert secret not in stored
    assert decrypt_text(Authenticator.objects.get(pk=totp.instance.pk).data["secret"]) == secret
    assert TOTP(Authenticator.objects.get(pk=totp.instance.pk)).validate_code(_code(secret))


def test_recovery_codes_and_their_seed_are_not_stored_in_the_clear():
    user = UserFactory()
    codes = RecoveryCodes.activate(user)
    unused = codes.get_unused_codes()
    seed = decrypt_text(codes.instance.data["seed"])

    stored = _stored(codes.instance)
    assert seed not in stored
    assert not [code for code in unused if code in stored]
    fresh = RecoveryCodes(Authenticator.objects.get(pk=codes.instance.pk))
    assert fresh.validate_code(unused[0])
    assert unused[0] not in fresh.get_unused_codes()


def test_sign_in_with_totp_still_works(client):
    user = UserFactory(password=PASSWORD)
    secret = generate_totp_secret()
    TOTP.activate(user, secret)

    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert response.url == reverse("mfa_authenticate")
    assert "_auth_user_id" not in client.session
    client.post(reverse("mfa_authenticate"), {"code": _code(secret)})
    assert client.session["_auth_user_id"] == str(user.pk)


def test_the_migration_encrypts_rows_stored_in_the_clear_and_is_harmless_twice():
    user, other = UserFactory(), UserFactory()
    secret, seed = generate_totp_secret(), "ab" * 40
    # What allauth wrote before the adapter encrypted: plain values.
    totp = Authenticator.objects.create(user=user, type=Authenticator.Type.TOTP, data={"secret": secret})
    recovery = Authenticator.objects.create(
        user=other, type=Authenticator.Type.RECOVERY_CODES,
        data={"seed": seed, "used_mask": 0, "migrated_codes": ["12345678", "87654321"]},
    )

    migration.encrypt_existing(apps, None)
    once = (_stored(totp), _stored(recovery))
    migration.encrypt_existing(apps, None)

    assert (_stored(totp), _stored(recovery)) == once
    assert secret not in once[0]
    assert seed not in once[1] and "12345678" not in once[1]
    assert TOTP(Authenticator.objects.get(pk=totp.pk)).validate_code(_code(secret))
    assert RecoveryCodes(Authenticator.objects.get(pk=recovery.pk)).get_unused_codes() == ["12345678", "87654321"]

    migration.decrypt_existing(apps, None)
    assert Authenticator.objects.get(pk=totp.pk).data == {"secret": secret}


def test_keys_rotate_the_first_encrypts_every_one_decrypts(settings):
    settings.ENCRYPTION_KEYS = ["old-key-0123456789abcdef0123456789"]
    stored = encrypt_text("JBSWY3DPEHPK3PXP")
    settings.ENCRYPTION_KEYS = ["new-key-0123456789abcdef0123456789", "old-key-0123456789abcdef0123456789"]
    assert decrypt_text(stored) == "JBSWY3DPEHPK3PXP"
    assert decrypt_text(encrypt_text("x")) == "x"
    settings.ENCRYPTION_KEYS = ["new-key-0123456789abcdef0123456789"]
    with pytest.raises(DecryptionError):
        decrypt_text(stored)


def test_without_keys_the_key_comes_from_secret_key(settings):
    settings.ENCRYPTION_KEYS = []
    stored = encrypt_text("JBSWY3DPEHPK3PXP")
    assert decrypt_text(stored) == "JBSWY3DPEHPK3PXP"
    settings.SECRET_KEY = "another-secret-key-0123456789abcdef0123456789"
    with pytest.raises(DecryptionError):
        decrypt_text(stored)
