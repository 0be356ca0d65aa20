from __future__ import annotations

import pytest
from django.conf import settings
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, get_resolver

from tests.security.world import ROLES, build_world


@pytest.fixture(autouse=True)
def _private_cache(settings):
    # Rate-limit counters live in the cache; a shared Redis flushed by another test run on the
    # same machine would reset them mid-test. Same code paths, a cache of this process's own.
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "security-tests"}
    }
    from django.core.cache import cache

    cache.clear()
    yield


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    """One world for the whole table, inside a transaction rolled back at the end.

    Each test's own database fixture nests inside it (as a savepoint), and each request in a
    savepoint of its own, so nothing a request writes is seen by the next.
    """
    from django.test.utils import override_settings

    from tests.reference_data import ensure_reference_data

    media = tmp_path_factory.mktemp("matrix-media")
    # The world's private files (a program's catalog PDF) in a folder of its own, which every test
    # using the world reads too (_world_private_files): never the deployment's .data/private.
    private = _private_storages(tmp_path_factory.mktemp("matrix-private"))
    with django_db_blocker.unblock(), override_settings(
        MEDIA_ROOT=media, STORAGES=private, CELERY_TASK_ALWAYS_EAGER=True
    ):
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            ensure_reference_data()
            built = build_world()
            _point_media_at(media)
            built.misc["media_root"] = media
            built.misc["storages"] = private
            yield built
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


def _private_storages(root) -> dict:
    return {
        **settings.STORAGES,
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(root), "base_url": None},
        },
    }


@pytest.fixture(autouse=True)
def _world_private_files(request, settings):
    """A test on the world reads private files where the world wrote them (the root conftest
    gives each test a private folder of its own, where the world's catalog PDF is not)."""
    # test_privacy.py has a `world` of its own (a dict of people), with no shared files.
    world = request.getfixturevalue("world") if "world" in request.fixturenames else None
    if hasattr(world, "misc"):
        settings.STORAGES = world.misc["storages"]
    yield


def _point_media_at(root) -> None:
    # The DEBUG media view was bound to the MEDIA_ROOT of import time; this world's files are elsewhere.
    for pattern in get_resolver().url_patterns:
        if isinstance(pattern, URLPattern) and str(pattern.pattern).startswith("^media/"):
            pattern.default_args["document_root"] = str(root)


@pytest.fixture
def clients(world, settings):
    settings.REQUIRE_STAFF_MFA = False
    result = {"anonymous": Client()}
    for role in ROLES[1:]:
        result[role] = Client()
        result[role].force_login(world.users[role])
    return result
