"""Shared personas: an artisan, another artisan, a buyer, another buyer, staff, anonymous."""

from __future__ import annotations

import os

import pytest

from accounts.tests.factories import (
    PASSWORD,
    ArtisanUserFactory,
    BuyerUserFactory,
    StaffUserFactory,
)
from tests.reference_data import ensure_reference_data

# Shared fixtures that live beside what they fake: `refusing_relay` (a mail relay that is down).
pytest_plugins = ["notifications.tests.fakes"]

# Browser tests run a live server in a thread while Playwright's event loop is open.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_configure(config):
    from django.conf import settings

    from config import embedded

    # Without DATABASE_URL/REDIS_URL the session starts the embedded servers, before any test
    # connects; a PostgreSQL started just now may listen elsewhere than the settings guessed.
    embedded.ensure_started()
    if not os.environ.get("DATABASE_URL"):
        found = embedded.postgres_settings()
        settings.DATABASES["default"].update(HOST=found["HOST"], PORT=found["PORT"])
    # The test run's settings (config/settings_test.py) are loaded by now; the processes tests start
    # (Celery workers, gunicorn, manage.py) run the deployment's, as in production.
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path):
    """Per-test paths; the plain test settings are config/settings_test.py."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "private"), "base_url": None},
        },
    }
    yield
    from config import settings_test
    from config.celery import app

    # A test that ran a real worker turned eager execution off (here and in `settings`).
    app.conf.task_always_eager = settings_test.CELERY_TASK_ALWAYS_EAGER


@pytest.fixture(autouse=True)
def _default_language():
    # A request in Arabic leaves Arabic active on the test's thread (LocaleMiddleware activates it and
    # nothing deactivates it): each test starts, and leaves, in the site's default language.
    from django.utils import translation

    translation.deactivate()
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _clear_cache():
    # Rate limits live in the cache; each test starts with a clean slate.
    from django.core.cache import cache

    cache.clear()
    yield


@pytest.fixture(autouse=True)
def _craft_taxonomy(request):
    """The craft taxonomy and exchange rates are reference data from migrations; transactional tests flush them."""
    uses_db = request.node.get_closest_marker("django_db") or {"db", "transactional_db", "live_server"} & set(
        request.fixturenames
    )
    if uses_db:
        request.getfixturevalue("django_db_setup")
        with request.getfixturevalue("django_db_blocker").unblock():
            ensure_reference_data()
    yield


@pytest.fixture
def password() -> str:
    return PASSWORD


@pytest.fixture
def artisan(db):
    return ArtisanUserFactory(email="artisan@example.org", full_name="Lucía Moreno")


@pytest.fixture
def other_artisan(db):
    return ArtisanUserFactory(email="other.artisan@example.org", full_name="Youssef Alami", time_zone="Africa/Casablanca")


@pytest.fixture
def buyer(db):
    return BuyerUserFactory(email="buyer@example.org", full_name="Emily Carter")


@pytest.fixture
def other_buyer(db):
    return BuyerUserFactory(email="other.buyer@example.org", full_name="Daniel Brooks", time_zone="America/Los_Angeles")


@pytest.fixture
def staff(db):
    return StaffUserFactory(email="staff@example.org", full_name="Agency Staff")


@pytest.fixture
def anonymous(client):
    return client


@pytest.fixture
def login(client):
    """Sign a persona in on the test client and return the client."""

    def _login(user):
        client.force_login(user)
        return client

    return _login
