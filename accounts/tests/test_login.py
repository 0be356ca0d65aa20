from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("persona", "landing"),
    # An artisan without a workshop profile yet is taken from the dashboard to create it.
    [("artisan", "artisans:profile-edit"), ("buyer", "buyers:dashboard"), ("staff", "admin:index")],
)
def test_login_lands_on_role_page(client, request, password, persona, landing):
    user = request.getfixturevalue(persona)
    response = client.post(reverse("account_login"), {"login": user.email, "password": password}, follow=True)
    assert response.redirect_chain[-1][0] == reverse(landing)
    assert response.status_code == 200


def test_wrong_password_is_refused_with_message(client, buyer):
    response = client.post(reverse("account_login"), {"login": buyer.email, "password": "wrong"})
    assert response.status_code == 200
    assert b"not correct" in response.content
    assert "_auth_user_id" not in client.session


def test_repeated_failed_logins_are_throttled(client, buyer, password):
    for _ in range(5):
        client.post(reverse("account_login"), {"login": buyer.email, "password": "wrong"})
    response = client.post(reverse("account_login"), {"login": buyer.email, "password": password})
    assert "_auth_user_id" not in client.session
    assert b"Too many failed login attempts" in response.content


def test_role_dashboards_refuse_the_other_role(login, artisan, buyer):
    assert login(artisan).get(reverse("buyers:dashboard")).status_code == 403
    assert login(buyer).get(reverse("artisans:dashboard")).status_code == 403


def test_dashboards_need_login(client):
    for name in ["dashboard", "artisans:dashboard", "buyers:dashboard"]:
        response = client.get(reverse(name))
        assert response.status_code == 302
        assert response.url.startswith(reverse("account_login"))
