from __future__ import annotations

import pytest


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
