"""A backup holds no usable secret: no session keys; outbox, second factor and invitation tokens encrypted."""

from __future__ import annotations

import json
import subprocess

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.test import Client

from accounts.tests.factories import StaffUserFactory
from common.crypto import decrypt_text
from notifications.models import Email
from notifications.services import email_enqueue
from ops.backup import pg_tool
from programs.models import BuyerInvitation
from programs.tests.factories import ProgramFactory

pytestmark = pytest.mark.django_db(transaction=True)

LINK = "https://craftmatch.example/accounts/password/reset/key/1a-c4f5e1b2d3a4f5e6a7b8c9d0/"


def _dump_as_sql(directory) -> str:
    result = subprocess.run(
        [pg_tool("pg_restore"), "--file=-", str(directory / "database.dump")],
        check=True, capture_output=True, text=True,
    )
    return result.stdout


def test_a_backup_holds_no_session_key_reset_link_or_totp_secret(tmp_path):
    staff = StaffUserFactory(email="root@example.org")
    client = Client()
    client.force_login(staff)
    session_key = client.session.session_key
    assert Session.objects.filter(session_key=session_key).exists()
    email_enqueue(key="account:password_reset_key:root@example.org:1", to=staff.email,
                  subject="Password reset", text=f"Open {LINK}")
    secret = generate_totp_secret()
    TOTP.activate(staff, secret)
    invitation = BuyerInvitation.objects.create(program=ProgramFactory(), email="buyer@example.org")

    call_command("backup", str(tmp_path / "backup"))
    sql = _dump_as_sql(tmp_path / "backup")

    assert "root@example.org" in sql  # the rows are there
    assert session_key not in sql
    assert "reset/key" not in sql
    assert secret not in sql
    assert invitation.token not in sql
    manifest = json.loads((tmp_path / "backup" / "manifest.json").read_text())
    assert manifest["database"]["tables"]["django_session"] == 0

    # Restoring signs everybody out and keeps the rest.
    call_command("restore", str(tmp_path / "backup"), "--noinput")
    assert not Session.objects.exists()
    assert decrypt_text(Authenticator.objects.get(user=staff, type="totp").data["secret"]) == secret
    assert Email.objects.get(to=staff.email).body_text == f"Open {LINK}"
