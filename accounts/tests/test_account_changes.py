"""A borrowed session is not the account: changes need reauthentication and the owner is told.

Each test signs in the way an attacker holding only the session cookie would be (no recent
reauthentication), tries the change, and checks nothing changed; then the owner reauthenticates
and the change goes through, with a notice to the address that was the account's.
"""

from __future__ import annotations

from urllib.parse import urlparse

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, generate_totp_secret, hotp_value
from django.urls import reverse

from accounts.models import User
from accounts.tests.factories import PASSWORD, BuyerUserFactory
from notifications.models import Email

pytestmark = pytest.mark.django_db


def _code(secret: str) -> str:
    import time

    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def _reauthenticate(client) -> None:
    response = client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    assert response.status_code == 302


def _asks_reauthentication(response) -> bool:
    return response.status_code == 302 and urlparse(response.url).path == reverse("account_reauthenticate")


def _mail_to(address: str) -> list[Email]:
    return list(Email.objects.filter(to=address).order_by("created_at"))


@pytest.fixture
def owner(db):
    return BuyerUserFactory(email="owner@example.org", language="en")


@pytest.fixture
def session(client, owner):
    client.force_login(owner)
    return client


# --- Email addresses ----------------------------------------------------------------------
def test_adding_an_address_needs_reauthentication(session, owner):
    response = session.post(reverse("account_email"), {"action_add": "", "email": "thief@example.net"})
    assert _asks_reauthentication(response)
    assert not EmailAddress.objects.filter(email="thief@example.net").exists()


def test_an_added_address_is_told_to_the_old_one(session, owner):
    _reauthenticate(session)
    session.post(reverse("account_email"), {"action_add": "", "email": "second@example.net"})
    assert EmailAddress.objects.filter(user=owner, email="second@example.net").exists()
    notices = [mail for mail in _mail_to("owner@example.org") if "second@example.net" in mail.body_text]
    assert len(notices) == 1
    assert "has been added to your account" in notices[0].body_text


def test_making_another_address_primary_needs_reauthentication(session, owner):
    EmailAddress.objects.create(user=owner, email="thief@example.net", verified=True, primary=False)
    response = session.post(reverse("account_email"), {"action_primary": "", "email": "thief@example.net"})
    assert _asks_reauthentication(response)
    assert EmailAddress.objects.get_primary_email(owner) == "owner@example.org"


def test_a_new_primary_address_is_told_to_the_old_one(session, owner):
    EmailAddress.objects.create(user=owner, email="second@example.net", verified=True, primary=False)
    _reauthenticate(session)
    session.post(reverse("account_email"), {"action_primary": "", "email": "second@example.net"})
    assert EmailAddress.objects.get_primary_email(owner) == "second@example.net"
    (notice,) = _mail_to("owner@example.org")
    assert "owner@example.org" in notice.body_text and "second@example.net" in notice.body_text


def test_removing_an_address_needs_reauthentication_and_is_told(session, owner):
    EmailAddress.objects.create(user=owner, email="second@example.net", verified=True, primary=False)
    response = session.post(reverse("account_email"), {"action_remove": "", "email": "second@example.net"})
    assert _asks_reauthentication(response)
    assert EmailAddress.objects.filter(email="second@example.net").exists()
    _reauthenticate(session)
    session.post(reverse("account_email"), {"action_remove": "", "email": "second@example.net"})
    assert not EmailAddress.objects.filter(email="second@example.net").exists()
    (notice,) = _mail_to("owner@example.org")
    assert "second@example.net" in notice.body_text


# --- Password -----------------------------------------------------------------------------
def test_changing_the_password_needs_reauthentication(session, owner):
    assert _asks_reauthentication(session.get(reverse("account_change_password")))
    response = session.post(
        reverse("account_change_password"),
        {"oldpassword": PASSWORD, "password1": "a brand new secret 42", "password2": "a brand new secret 42"},
    )
    assert _asks_reauthentication(response)
    owner.refresh_from_db()
    assert owner.check_password(PASSWORD)


def test_a_changed_password_is_told(session, owner):
    _reauthenticate(session)
    assert session.get(reverse("account_change_password")).status_code == 200
    session.post(
        reverse("account_change_password"),
        {"oldpassword": PASSWORD, "password1": "a brand new secret 42", "password2": "a brand new secret 42"},
    )
    owner.refresh_from_db()
    assert owner.check_password("a brand new secret 42")
    (notice,) = _mail_to("owner@example.org")
    assert "password" in notice.subject.lower()


def test_setting_a_password_needs_reauthentication_with_the_authenticator(client, db):
    user = BuyerUserFactory(email="nopassword@example.org")
    user.set_unusable_password()
    user.save(update_fields=["password"])
    TOTP.activate(user, generate_totp_secret())
    client.force_login(user)
    response = client.get(reverse("account_set_password"))
    assert response.status_code == 302
    assert urlparse(response.url).path == reverse("mfa_reauthenticate")


def test_a_password_reset_is_told_in_the_account_language(client, db):
    user = BuyerUserFactory(email="francoise@example.org", language="fr")
    client.post(reverse("account_reset_password"), {"email": user.email}, HTTP_ACCEPT_LANGUAGE="en")
    link = next(
        line for line in Email.objects.get(to=user.email).body_text.splitlines() if "/password/reset/key/" in line
    )
    form_page = client.get(urlparse(link.strip()).path, follow=True)
    client.post(
        form_page.redirect_chain[-1][0] if form_page.redirect_chain else urlparse(link.strip()).path,
        {"password1": "un tout nouveau secret 42", "password2": "un tout nouveau secret 42"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    user.refresh_from_db()
    assert user.check_password("un tout nouveau secret 42")
    notice = Email.objects.filter(to=user.email).order_by("-created_at").first()
    assert "/password/reset/key/" not in notice.body_text
    # allauth's French: "Réinitialisation du mot de passe" ("Password Reset").
    assert "mot de passe" in notice.subject.lower()


# --- Second factor --------------------------------------------------------------------------
def test_second_factor_changes_need_reauthentication(session, owner):
    assert _asks_reauthentication(session.get(reverse("mfa_activate_totp")))
    TOTP.activate(owner, generate_totp_secret())
    session.force_login(owner)
    for name in ("mfa_deactivate_totp", "mfa_generate_recovery_codes"):
        response = session.get(reverse(name))
        assert response.status_code == 302
        assert urlparse(response.url).path in (reverse("account_reauthenticate"), reverse("mfa_reauthenticate"))


def test_activating_and_deactivating_the_authenticator_are_told(session, owner):
    _reauthenticate(session)
    session.get(reverse("mfa_activate_totp"))
    secret = session.session["mfa.totp.secret"]
    session.post(reverse("mfa_activate_totp"), {"code": _code(secret)})
    assert Authenticator.objects.filter(user=owner, type=Authenticator.Type.TOTP).exists()
    session.post(reverse("mfa_deactivate_totp"))
    assert not Authenticator.objects.filter(user=owner, type=Authenticator.Type.TOTP).exists()
    subjects = [mail.subject.lower() for mail in _mail_to("owner@example.org")]
    assert any("activated" in subject for subject in subjects)
    assert any("deactivated" in subject for subject in subjects)


# --- Deletion -------------------------------------------------------------------------------
def test_deleting_the_account_is_told_to_its_address(session, owner):
    response = session.post(reverse("privacy:account-delete"), {"password": PASSWORD})
    assert response.status_code == 302
    owner.refresh_from_db()
    assert not owner.is_active
    (notice,) = _mail_to("owner@example.org")
    assert "deleted" in notice.subject.lower()


def test_the_delete_password_check_is_throttled_like_login(session, owner):
    for _ in range(5):
        assert session.post(reverse("privacy:account-delete"), {"password": "not it"}).status_code == 200
    response = session.post(reverse("privacy:account-delete"), {"password": PASSWORD})
    assert response.status_code == 200
    assert b"Too many failed login attempts" in response.content
    assert User.objects.get(pk=owner.pk).is_active


def test_failed_delete_passwords_count_against_login_too(client, session, owner):
    for _ in range(5):
        session.post(reverse("privacy:account-delete"), {"password": "not it"})
    session.logout()
    response = client.post(reverse("account_login"), {"login": owner.email, "password": PASSWORD})
    assert "_auth_user_id" not in client.session
    assert b"Too many failed login attempts" in response.content
