"""accounts.sessions reads Django's database sessions with a compiled statement: the same sessions as
Django's own store for every key (valid, expired, unknown, malformed), and a signed-in request
still costs one session query."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.sessions.backends.db import SessionStore as DjangoStore
from django.contrib.sessions.models import Session
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.sessions import SessionStore
from buyers.tests.factories import BuyerProfileFactory

pytestmark = pytest.mark.django_db


def _stored(data: dict, *, expires_in: timedelta) -> str:
    store = SessionStore()
    store.update(data)
    store.create()
    Session.objects.filter(session_key=store.session_key).update(expire_date=timezone.now() + expires_in)
    return store.session_key


def test_every_key_loads_what_djangos_store_loads():
    live = _stored({"n": 1}, expires_in=timedelta(hours=1))
    expired = _stored({"n": 2}, expires_in=timedelta(seconds=-1))
    for key in [live, expired, "x" * 32, "not a key", "", "'; DROP TABLE django_session; --"]:
        ours, django = SessionStore(key), DjangoStore(key)
        assert dict(ours.items()) == dict(django.items()), key
        assert ours.session_key == django.session_key, key
    assert dict(SessionStore(live).items()) == {"n": 1}
    store = SessionStore(expired)
    assert dict(store.items()) == {} and store.session_key is None  # an expired session is a new one


def test_a_signed_in_page_reads_its_session_once_and_an_expired_one_signs_out():
    user = BuyerProfileFactory().user
    client = Client()
    client.force_login(user)
    url = "/catalog/"
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        page = client.get(url)
    assert page.wsgi_request.user == user
    assert len([q for q in queries if "django_session" in q["sql"]]) == 1
    Session.objects.update(expire_date=timezone.now() - timedelta(seconds=1))
    assert not client.get(url).wsgi_request.user.is_authenticated


def test_get_user_is_djangos_for_every_id():
    from django.contrib.auth.backends import ModelBackend as DjangoBackend

    from accounts.backends import AuthenticationBackend, ModelBackend

    active = BuyerProfileFactory().user
    inactive = BuyerProfileFactory().user
    inactive.is_active = False
    inactive.save(update_fields=["is_active"])
    for user_id in [active.pk, inactive.pk, 10**9, -1]:
        expected = DjangoBackend().get_user(user_id)
        assert ModelBackend().get_user(user_id) == expected
        assert AuthenticationBackend().get_user(user_id) == expected
    assert ModelBackend().get_user(active.pk) == active


@pytest.mark.parametrize(
    "old_path", ["django.contrib.auth.backends.ModelBackend", "allauth.account.auth_backends.AuthenticationBackend"]
)
def test_a_session_signed_in_before_the_backends_moved_stays_signed_in(old_path):
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY

    user = BuyerProfileFactory().user
    store = SessionStore()
    store.update({SESSION_KEY: str(user.pk), BACKEND_SESSION_KEY: old_path, HASH_SESSION_KEY: user.get_session_auth_hash()})
    store.create()
    client = Client()
    client.cookies[settings.SESSION_COOKIE_NAME] = store.session_key
    assert client.get("/catalog/").wsgi_request.user == user
