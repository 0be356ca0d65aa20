"""Staff accounts hardened: one throttled login door, a second factor before the admin."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, generate_totp_secret, hotp_value
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _activate_totp(user) -> str:
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    return secret


def _current_code(secret: str) -> str:
    import time

    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def test_admin_login_page_sends_to_allauth_login_with_next(client):
    response = client.get("/admin/login/?next=/admin/programs/program/")
    assert response.status_code == 302
    target = urlparse(response.url)
    assert target.path == reverse("account_login")
    assert parse_qs(target.query)["next"] == ["/admin/programs/program/"]


def test_admin_login_page_refuses_a_foreign_next(client):
    response = client.get("/admin/login/?next=https://evil.example/admin/")
    assert parse_qs(urlparse(response.url).query)["next"] == [reverse("admin:index")]


def test_admin_index_for_anonymous_ends_at_allauth_login(client):
    response = client.get("/admin/", follow=True)
    assert response.redirect_chain[-1][0].startswith(reverse("account_login"))
    assert response.status_code == 200


def test_posting_a_password_to_the_admin_login_signs_nobody_in(client, staff, password):
    response = client.post("/admin/login/", {"username": staff.email, "password": password})
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_signed_in_non_staff_gets_403_not_a_redirect_loop(login, buyer):
    client = login(buyer)
    response = client.get("/admin/", follow=True)
    assert response.status_code == 403


def test_repeated_failed_staff_logins_are_throttled(client, staff, password):
    for _ in range(5):
        client.post(reverse("account_login"), {"login": staff.email, "password": "wrong"})
    response = client.post(reverse("account_login"), {"login": staff.email, "password": password})
    assert "_auth_user_id" not in client.session
    assert b"Too many failed login attempts" in response.content
    # The admin's own door leads to the same throttled form.
    response = client.post("/admin/login/", {"username": staff.email, "password": password}, follow=True)
    assert "_auth_user_id" not in client.session


def test_staff_without_totp_cannot_reach_admin_when_required(settings, login, staff):
    settings.REQUIRE_STAFF_MFA = True
    client = login(staff)
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response.url == reverse("accounts:staff-enrol")
    response = client.get("/admin/programs/program/")
    assert response.url == reverse("accounts:staff-enrol")
    page = client.get(response.url, follow=True)
    assert page.status_code == 200


def test_staff_with_totp_reaches_admin_when_required(settings, client, staff, password):
    settings.REQUIRE_STAFF_MFA = True
    secret = _activate_totp(staff)
    client.post(reverse("account_login"), {"login": staff.email, "password": password})
    client.post(reverse("mfa_authenticate"), {"code": _current_code(secret)})
    assert client.get("/admin/").status_code == 200


def test_staff_with_totp_but_a_session_without_it_are_asked_for_the_code(settings, login, staff):
    settings.REQUIRE_STAFF_MFA = True
    _activate_totp(staff)
    response = login(staff).get("/admin/")
    assert urlparse(response.url).path == reverse("mfa_reauthenticate")


def test_staff_without_totp_reaches_admin_when_not_required(settings, login, staff):
    settings.REQUIRE_STAFF_MFA = False
    assert login(staff).get("/admin/").status_code == 200


def test_staff_with_totp_must_give_the_code_at_login(settings, client, staff, password):
    settings.REQUIRE_STAFF_MFA = True
    secret = _activate_totp(staff)
    response = client.post(reverse("account_login"), {"login": staff.email, "password": password})
    assert response.status_code == 302
    assert response.url == reverse("mfa_authenticate")
    assert "_auth_user_id" not in client.session
    wrong = client.post(reverse("mfa_authenticate"), {"code": "000000" if _current_code(secret) != "000000" else "111111"})
    assert "_auth_user_id" not in client.session
    assert wrong.status_code == 200
    client.post(reverse("mfa_authenticate"), {"code": _current_code(secret)})
    assert client.session["_auth_user_id"] == str(staff.pk)
    assert client.get("/admin/").status_code == 200


def test_require_staff_mfa_defaults_on_in_production():
    from tests.security.prod import production_settings

    values = production_settings("REQUIRE_STAFF_MFA")
    assert values["REQUIRE_STAFF_MFA"] is True


def test_totp_authenticator_rows_are_the_second_factor(staff):
    assert not Authenticator.objects.filter(user=staff).exists()
    _activate_totp(staff)
    from common.security import staff_has_second_factor

    assert staff_has_second_factor(staff)
