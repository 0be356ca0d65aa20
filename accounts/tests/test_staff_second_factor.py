"""Staff powers need the second factor everywhere, and a first enrolment needs more than a password.

With REQUIRE_STAFF_MFA (production), a staff member reaches any page beyond signing out and
enrolling only from a session that passed a TOTP code. The first authenticator can be set up only
after opening a single-use link that another administrator sent (or the server's command printed).
"""

from __future__ import annotations

import re
import time
from datetime import timedelta
from io import StringIO
from urllib.parse import urlparse

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, generate_totp_secret, hotp_value
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from accounts.models import StaffEnrolment
from accounts.services import EnrolmentError, staff_enrolment_issue
from accounts.tests.factories import PASSWORD, StaffUserFactory
from artisans.models import ArtisanProfile
from catalog.tests.factories import ArtisanProfileFactory
from notifications.models import Email

pytestmark = pytest.mark.django_db


def _code(secret: str) -> str:
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def _sign_in_with_password(client, user) -> None:
    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302


@pytest.fixture(autouse=True)
def _required(settings):
    settings.REQUIRE_STAFF_MFA = True


@pytest.fixture
def pending_artisan(db):
    return ArtisanProfileFactory(status=ArtisanProfile.Status.PENDING, slug="pending-workshop")


@pytest.fixture
def colleague(db):
    return StaffUserFactory(email="colleague@example.org", full_name="Other Admin")


def _enrol_link_from_mail(user) -> str:
    mail = Email.objects.get(to=user.email, key__startswith="staff-enrolment:")
    return urlparse(re.search(r"https?://\S+/accounts/2fa/enrol/\S+/", mail.body_text).group(0)).path


# --- Staff powers outside the admin ---------------------------------------------------------
def test_staff_without_a_second_factor_do_not_see_unapproved_artisans(client, staff, pending_artisan):
    _sign_in_with_password(client, staff)
    response = client.get(reverse("catalog:artisan-detail", args=[pending_artisan.slug]))
    assert response.status_code == 302
    assert response.url == reverse("accounts:staff-enrol")


def test_staff_without_a_second_factor_reach_only_the_enrolment_pages(client, staff):
    _sign_in_with_password(client, staff)
    for url in ("/", reverse("catalog:artisan-list"), reverse("catalog:product-list"), "/admin/",
                reverse("account_email"), reverse("mfa_index")):
        response = client.get(url)
        assert (response.status_code, response.url) == (302, reverse("accounts:staff-enrol")), url
    assert client.get(reverse("accounts:staff-enrol")).status_code == 200
    assert client.post(reverse("account_logout")).status_code == 302


def test_a_session_that_did_not_pass_the_enrolled_factor_is_asked_for_it(client, staff, pending_artisan):
    # Signed in before the authenticator existed (a thief with the password, say): no staff powers.
    _sign_in_with_password(client, staff)
    secret = generate_totp_secret()
    TOTP.activate(staff, secret)
    url = reverse("catalog:artisan-detail", args=[pending_artisan.slug])
    response = client.get(url)
    assert urlparse(response.url).path == reverse("mfa_reauthenticate")
    client.post(reverse("mfa_reauthenticate"), {"code": _code(secret)})
    assert client.get(url).status_code == 200


def test_staff_who_signed_in_with_the_code_keep_their_powers(client, staff, pending_artisan):
    secret = generate_totp_secret()
    TOTP.activate(staff, secret)
    _sign_in_with_password(client, staff)
    client.post(reverse("mfa_authenticate"), {"code": _code(secret)})
    assert client.get(reverse("catalog:artisan-detail", args=[pending_artisan.slug])).status_code == 200
    assert client.get("/admin/").status_code == 200


def test_without_the_requirement_staff_keep_their_powers(settings, client, staff, pending_artisan):
    settings.REQUIRE_STAFF_MFA = False
    _sign_in_with_password(client, staff)
    assert client.get(reverse("catalog:artisan-detail", args=[pending_artisan.slug])).status_code == 200


# --- The first enrolment ----------------------------------------------------------------------
def test_a_stolen_password_alone_cannot_enrol_an_authenticator(client, staff):
    _sign_in_with_password(client, staff)
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    response = client.get(reverse("mfa_activate_totp"))
    assert (response.status_code, response.url) == (302, reverse("accounts:staff-enrol"))
    assert "mfa.totp.secret" not in client.session
    response = client.post(reverse("mfa_activate_totp"), {"code": "123456"})
    assert response.url == reverse("accounts:staff-enrol")
    assert not Authenticator.objects.filter(user=staff).exists()


def test_a_link_from_another_administrator_lets_the_staff_member_enrol_once(client, staff, colleague):
    staff_enrolment_issue(user=staff, issued_by=colleague)
    link = _enrol_link_from_mail(staff)
    _sign_in_with_password(client, staff)
    assert client.get(link).status_code == 200
    response = client.post(link)
    assert response.url == reverse("accounts:totp-activate")
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    assert client.get(reverse("mfa_activate_totp")).status_code == 200
    client.post(reverse("mfa_activate_totp"), {"code": _code(client.session["mfa.totp.secret"])})
    assert Authenticator.objects.filter(user=staff, type=Authenticator.Type.TOTP).exists()
    # The session that entered the new authenticator's code has passed the second factor.
    assert client.get("/admin/").status_code == 200
    assert client.post(link).status_code == 400


def test_a_link_works_only_for_its_own_staff_member(client, staff, colleague):
    staff_enrolment_issue(user=staff, issued_by=colleague)
    link = _enrol_link_from_mail(staff)
    _sign_in_with_password(client, colleague)
    assert client.post(link).status_code == 400
    assert StaffEnrolment.objects.get(user=staff).used_at is None


def test_an_expired_or_replaced_link_is_refused(client, staff, colleague):
    staff_enrolment_issue(user=staff, issued_by=colleague)
    first = _enrol_link_from_mail(staff)
    StaffEnrolment.objects.filter(user=staff).update(expires_at=timezone.now() - timedelta(seconds=1))
    _sign_in_with_password(client, staff)
    assert client.post(first).status_code == 400
    Email.objects.all().delete()
    staff_enrolment_issue(user=staff, issued_by=colleague)
    second = _enrol_link_from_mail(staff)
    staff_enrolment_issue(user=staff, issued_by=colleague)
    assert client.post(second).status_code == 400


def test_nobody_sends_themselves_a_link(staff):
    with pytest.raises(EnrolmentError):
        staff_enrolment_issue(user=staff, issued_by=staff)
    assert not StaffEnrolment.objects.exists()


def test_only_a_hash_of_the_link_is_stored(staff, colleague):
    url = staff_enrolment_issue(user=staff, issued_by=colleague)
    token = url.rstrip("/").rsplit("/", 1)[-1]
    assert token not in StaffEnrolment.objects.get(user=staff).token_hash


def test_the_admin_action_sends_the_link(client, staff, colleague):
    secret = generate_totp_secret()
    TOTP.activate(colleague, secret)
    _sign_in_with_password(client, colleague)
    client.post(reverse("mfa_authenticate"), {"code": _code(secret)})
    response = client.post(
        reverse("admin:accounts_user_changelist"),
        {"action": "send_enrolment_link", "_selected_action": [staff.pk]},
    )
    assert response.status_code == 302
    assert _enrol_link_from_mail(staff).startswith("/accounts/2fa/enrol/")


def test_the_server_command_prints_a_link_for_the_first_administrator(client, staff):
    out = StringIO()
    call_command("staff_enrolment_link", staff.email, stdout=out)
    link = urlparse(out.getvalue().strip()).path
    assert not Email.objects.exists()
    _sign_in_with_password(client, staff)
    assert client.post(link).url == reverse("accounts:totp-activate")


def test_every_page_without_parameters_is_closed_to_staff_without_the_factor(client, staff):
    """Walks the URL resolver, so a page added later is covered without a line here."""
    from django.urls import URLPattern, URLResolver, get_resolver

    from common.security import StaffSecondFactorMiddleware

    def walk(patterns, prefix, namespace):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = f"{namespace}:{pattern.namespace}" if namespace and pattern.namespace else (
                    pattern.namespace or namespace)
                yield from walk(pattern.url_patterns, prefix + str(pattern.pattern), inner)
            elif isinstance(pattern, URLPattern) and pattern.name:
                route = prefix + str(pattern.pattern)
                if "<" not in route and "(" not in route and not route.startswith("^"):
                    yield (f"{namespace}:{pattern.name}" if namespace else pattern.name), "/" + route

    _sign_in_with_password(client, staff)
    checked = 0
    for name, path in walk(get_resolver().url_patterns, "", None):
        if name in StaffSecondFactorMiddleware.OPEN:
            continue
        response = client.get(path)
        assert (response.status_code, response.get("Location")) == (302, reverse("accounts:staff-enrol")), name
        checked += 1
    assert checked > 30
