"""Rate limits behind a reverse proxy: each client counted on its own, no header believed unless
the settings say which proxy to trust (TRUSTED_PROXY_COUNT, TRUSTED_CLIENT_IP_HEADER)."""

from __future__ import annotations

import pytest
from django.test import RequestFactory
from django.urls import reverse

from accounts.adapters import AccountAdapter
from common.ratelimit import client_ip
from tests.security.prod import production_settings

pytestmark = pytest.mark.django_db

PROXY = "10.0.0.1"
ATTACKER = "203.0.113.5"
VICTIM = "198.51.100.7"


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # Eleven logins a test: the hash is not what is tested here (before the personas are made).
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def _fail_logins(client, *, times: int, **headers) -> None:
    # Different accounts each time: only the per-address limit (10 a minute) can stop them.
    for attempt in range(times):
        client.post(reverse("account_login"), {"login": f"nobody{attempt}@example.org", "password": "wrong"},
                    REMOTE_ADDR=PROXY, **headers)


def _login(client, user, password, **headers):
    return client.post(reverse("account_login"), {"login": user.email, "password": password},
                       REMOTE_ADDR=PROXY, **headers)


def test_behind_a_trusted_proxy_one_attacker_does_not_lock_out_everyone(settings, client, buyer, password):
    from django.test import Client

    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    _fail_logins(client, times=10, HTTP_X_FORWARDED_FOR=ATTACKER)
    refused = _login(client, buyer, password, HTTP_X_FORWARDED_FOR=ATTACKER)
    assert b"Too many failed login attempts" in refused.content

    victim = Client()
    response = _login(victim, buyer, password, HTTP_X_FORWARDED_FOR=VICTIM)

    assert response.status_code == 302
    assert victim.session["_auth_user_id"] == str(buyer.pk)


def test_addresses_the_client_writes_before_the_proxys_are_ignored(settings, client, buyer, password):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    # The proxy appends the address it saw; whatever the attacker put before it changes nothing.
    for attempt in range(10):
        client.post(reverse("account_login"), {"login": f"nobody{attempt}@example.org", "password": "wrong"},
                    REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=f"192.0.2.{attempt}, {ATTACKER}")
    response = _login(client, buyer, password, HTTP_X_FORWARDED_FOR=f"{VICTIM}, {ATTACKER}")
    assert b"Too many failed login attempts" in response.content
    assert "_auth_user_id" not in client.session


def test_without_a_trusted_proxy_a_forwarded_header_is_ignored(settings, client, buyer, password):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 0
    for attempt in range(10):
        client.post(reverse("account_login"), {"login": f"nobody{attempt}@example.org", "password": "wrong"},
                    REMOTE_ADDR=ATTACKER, HTTP_X_FORWARDED_FOR=f"192.0.2.{attempt}")
    response = client.post(reverse("account_login"), {"login": buyer.email, "password": password},
                           REMOTE_ADDR=ATTACKER, HTTP_X_FORWARDED_FOR=VICTIM)
    assert b"Too many failed login attempts" in response.content


def test_a_trusted_client_ip_header_separates_clients_and_replaces_x_forwarded_for(settings, client, buyer, password):
    from django.test import Client

    settings.ALLAUTH_TRUSTED_CLIENT_IP_HEADER = "X-Real-IP"
    _fail_logins(client, times=10, HTTP_X_REAL_IP=ATTACKER, HTTP_X_FORWARDED_FOR=VICTIM)
    assert b"Too many failed login attempts" in _login(client, buyer, password, HTTP_X_REAL_IP=ATTACKER).content

    victim = Client()
    assert _login(victim, buyer, password, HTTP_X_REAL_IP=VICTIM).status_code == 302


@pytest.mark.parametrize(("count", "header", "meta", "expected"), [
    (0, None, {"HTTP_X_FORWARDED_FOR": "192.0.2.1"}, PROXY),
    (1, None, {"HTTP_X_FORWARDED_FOR": f"192.0.2.1, {VICTIM}"}, VICTIM),
    (2, None, {"HTTP_X_FORWARDED_FOR": f"192.0.2.1, {VICTIM}, 10.0.0.2"}, VICTIM),
    # Fewer entries than proxies: the request skipped one of ours, only the connection is sure.
    (2, None, {"HTTP_X_FORWARDED_FOR": VICTIM}, PROXY),
    (1, None, {}, PROXY),
    (1, None, {"HTTP_X_FORWARDED_FOR": "not-an-address"}, PROXY),
    (1, None, {"HTTP_X_FORWARDED_FOR": "[2001:db8::7]:443"}, "2001:db8::7"),
    (0, "X-Real-IP", {"HTTP_X_REAL_IP": VICTIM, "HTTP_X_FORWARDED_FOR": ATTACKER}, VICTIM),
])
def test_client_ip_is_what_every_rate_limit_keys_on(settings, count, header, meta, expected):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = count
    settings.ALLAUTH_TRUSTED_CLIENT_IP_HEADER = header
    request = RequestFactory().post("/", REMOTE_ADDR=PROXY, **meta)
    assert client_ip(request) == expected
    # allauth's limits (login, sign-up, reset, reauthentication) ask the adapter: the same answer.
    assert AccountAdapter(request).get_client_ip(request) == expected


def test_no_proxy_is_trusted_unless_the_environment_says_so():
    default = production_settings("ALLAUTH_TRUSTED_PROXY_COUNT", "ALLAUTH_TRUSTED_CLIENT_IP_HEADER")
    assert default == {"ALLAUTH_TRUSTED_PROXY_COUNT": 0, "ALLAUTH_TRUSTED_CLIENT_IP_HEADER": None}
    configured = production_settings("ALLAUTH_TRUSTED_PROXY_COUNT", "ALLAUTH_TRUSTED_CLIENT_IP_HEADER",
                                     TRUSTED_PROXY_COUNT="2", TRUSTED_CLIENT_IP_HEADER="X-Real-IP")
    assert configured == {"ALLAUTH_TRUSTED_PROXY_COUNT": 2, "ALLAUTH_TRUSTED_CLIENT_IP_HEADER": "X-Real-IP"}
