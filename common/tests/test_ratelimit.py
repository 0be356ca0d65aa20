"""Counted limits (common.ratelimit): one atomic counter per key and window; settings checked."""

from __future__ import annotations

import threading

import pytest

from common.ratelimit import check_rate_settings, parse_rate, rate_limit_hit


@pytest.fixture(autouse=True)
def _own_cache(settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                                   "LOCATION": "ratelimit-tests"}}
    from django.core.cache import cache

    cache.clear()


def test_rates_read_as_hits_per_seconds():
    assert parse_rate("40/10m") == (40, 600)
    assert parse_rate("5/h") == (5, 3600)
    assert parse_rate("3/30s") == (3, 30)
    with pytest.raises(ValueError):
        parse_rate("40/10 minutes")


def test_hits_over_the_rate_are_refused_per_key_and_scope():
    assert [rate_limit_hit(scope="s", key="a", rate="3/h") for _ in range(4)] == [True, True, True, False]
    assert rate_limit_hit(scope="s", key="b", rate="3/h")
    assert rate_limit_hit(scope="other", key="a", rate="3/h")


def test_concurrent_hits_never_let_more_than_the_rate_through():
    allowed = []
    barrier = threading.Barrier(12)

    def hit():
        barrier.wait()
        allowed.append(rate_limit_hit(scope="race", key="a", rate="5/h"))

    threads = [threading.Thread(target=hit) for _ in range(12)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert allowed.count(True) == 5


@pytest.mark.parametrize("rate", ["forty", "40/10x", "0/10m", "5/0m"])
def test_an_unusable_upload_rate_fails_the_system_check(settings, rate):
    settings.PHOTO_UPLOAD_RATE_LIMIT = rate
    assert [problem.id for problem in check_rate_settings()] == ["common.E001"]


def test_proxy_settings_are_checked(settings):
    settings.PHOTO_UPLOAD_RATE_LIMIT = "40/10m"
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    settings.ALLAUTH_TRUSTED_CLIENT_IP_HEADER = "X-Real-IP"
    assert [problem.id for problem in check_rate_settings()] == ["common.W001"]
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = -1
    settings.ALLAUTH_TRUSTED_CLIENT_IP_HEADER = None
    assert [problem.id for problem in check_rate_settings()] == ["common.E002"]
