"""Catalog pages when the cache fails (common.best_effort_cache): the cards are rendered uncached.

The failing cache is a real Redis client pointed at a port nothing listens on.
"""

from __future__ import annotations

import logging
import re
import socket

import pytest
from django.test import override_settings
from django.urls import reverse

from catalog.templatetags import catalog_cards
from catalog.tests.factories import ArtisanProfileFactory, ProductFactory
from common import best_effort_cache

pytestmark = pytest.mark.django_db

LOGGER = "common.best_effort_cache"
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="[^"]*"')


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _unreachable() -> dict:
    return {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{_closed_port()}/0",
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }


@pytest.fixture
def unreachable_cache():
    best_effort_cache.reset()
    catalog_cards.forget_local()
    with override_settings(CACHES=_unreachable()):
        yield
    best_effort_cache.reset()
    catalog_cards.forget_local()


def _cards(html: str) -> str:
    return TOKEN.sub("", html[html.index('class="card catalog-card"') : html.rindex("</li>")])


@pytest.fixture
def product():
    artisan = ArtisanProfileFactory(business_name="Taller Azul")
    return ProductFactory(artisan=artisan, title="Blue jug")


def test_catalog_pages_answer_with_their_cards_when_the_cache_is_unreachable(
    client, caplog, product, unreachable_cache
):
    caplog.set_level(logging.WARNING, logger=LOGGER)
    lists = {
        reverse("catalog:product-list"): "Blue jug",
        reverse("catalog:artisan-list"): "Taller Azul",
        # The artisan's page lists its products as cards.
        reverse("catalog:artisan-detail", args=[product.artisan.slug]): "Blue jug",
    }
    for url, shown in lists.items():
        response = client.get(url)
        assert response.status_code == 200, url
        assert shown in _cards(response.content.decode()), url
    response = client.get(reverse("catalog:product-detail", args=[product.public_id]))
    assert response.status_code == 200
    assert "Blue jug" in response.content.decode() and "Taller Azul" in response.content.decode()
    # The lists did ask the cache, met the failure once, and went on without it.
    messages = [r.getMessage() for r in caplog.records if r.name == LOGGER]
    assert len(messages) == 1 and messages[0].startswith("Cache unavailable"), messages


def test_cards_rendered_without_the_cache_are_those_rendered_with_it(client, product):
    url = reverse("catalog:product-list")
    best_effort_cache.reset()
    catalog_cards.forget_local()
    try:
        with override_settings(CACHES=_unreachable()):
            down = _cards(client.get(url).content.decode())
    finally:
        best_effort_cache.reset()
        catalog_cards.forget_local()
    assert _cards(client.get(url).content.decode()) == down
    # Now stored: a process without its own copy gets the same cards from Redis.
    catalog_cards.forget_local()
    assert _cards(client.get(url).content.decode()) == down
