from __future__ import annotations

import re

import pytest
from django.core import mail
from django.urls import reverse

from accounts.models import User

pytestmark = pytest.mark.django_db


def _sign_up(client, path: str, email: str, *, time_zone: str = "Europe/Madrid"):
    return client.post(
        path,
        {
            "full_name": "Carmen Ruiz",
            "email": email,
            "password1": "a-long-Passphrase-42",
            "password2": "a-long-Passphrase-42",
            "time_zone": time_zone,
        },
    )


def _confirmation_link(message) -> str:
    match = re.search(r"https?://[^\s]+/accounts/confirm-email/[^\s]+/", message.body)
    assert match, message.body
    return match.group(0).split("testserver", 1)[-1]


@pytest.mark.parametrize(
    ("url_name", "role", "landing"),
    [
        ("accounts:signup-artisan", User.Role.ARTISAN, "artisans:profile-edit"),
        ("accounts:signup-buyer", User.Role.BUYER, "buyers:dashboard"),
    ],
)
def test_sign_up_verifies_email_then_lands_on_role_dashboard(
    client, django_capture_on_commit_callbacks, url_name, role, landing
):
    with django_capture_on_commit_callbacks(execute=True):
        response = _sign_up(client, reverse(url_name), "carmen@example.org")
    assert response.status_code == 302
    assert response.url == reverse("account_email_verification_sent")

    user = User.objects.get(email="carmen@example.org")
    assert user.role == role
    assert user.time_zone == "Europe/Madrid"
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["carmen@example.org"]

    # Not verified yet: dashboard access sends the person to the verification notice.
    client.logout()
    response = client.post(reverse("account_login"), {"login": "carmen@example.org", "password": "a-long-Passphrase-42"})
    assert response.status_code == 302
    assert response.url == reverse("account_email_verification_sent")

    link = _confirmation_link(mail.outbox[-1])
    response = client.post(link)
    assert response.status_code == 302
    response = client.get(response.url, follow=True)
    assert response.redirect_chain[-1][0] == reverse(landing)
    assert response.status_code == 200


def test_sign_up_form_keeps_input_and_shows_errors(client):
    response = client.post(
        reverse("accounts:signup-buyer"),
        {"full_name": "Ana", "email": "not-an-email", "password1": "x", "password2": "y", "time_zone": "Mars/Base"},
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert 'value="Ana"' in content
    assert 'class="error"' in content
    assert not User.objects.exists()


def test_role_cannot_be_chosen_by_post_data(client):
    client.post(
        reverse("accounts:signup-buyer"),
        {
            "full_name": "Sneaky", "email": "sneaky@example.org", "role": "staff",
            "password1": "a-long-Passphrase-42", "password2": "a-long-Passphrase-42", "time_zone": "UTC",
        },
    )
    user = User.objects.get(email="sneaky@example.org")
    assert user.role == User.Role.BUYER
    assert not user.is_staff


def test_signup_choice_page_links_both_paths(client):
    response = client.get(reverse("account_signup"))
    assert response.status_code == 200
    assert reverse("accounts:signup-artisan").encode() in response.content
    assert reverse("accounts:signup-buyer").encode() in response.content
