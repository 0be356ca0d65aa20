"""The catalog's filter on an artisan's minimum order value in US dollars (issue 16).

A wholesale term: offered to verified buyers and staff only, converted at the rates staff set
(catalog.ExchangeRate), validated with an error on bad input, in a constant number of queries.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from catalog.models import ExchangeRate
from catalog.tests.factories import ArtisanProfileFactory, ProductFactory
from meetings.tests.factories import BuyerProfileFactory

pytestmark = pytest.mark.django_db

ARTISANS = reverse("catalog:artisan-list")
PRODUCTS = reverse("catalog:product-list")


@pytest.fixture
def makers():
    # At the seeded rates (EUR 1.08, MAD 0.10): 432, 1000 and 2000 US dollars, and none at all.
    specs = {
        "Taller Euro": ("EUR", Decimal("400")),
        "Dollar Works": ("USD", Decimal("1000")),
        "Atelier Dirham": ("MAD", Decimal("20000")),
        "No Minimum Studio": ("EUR", None),
    }
    for name, (currency, value) in specs.items():
        artisan = ArtisanProfileFactory(business_name=name, currency=currency, min_order_value=value)
        ProductFactory(artisan=artisan, title=f"{name} bowl")
    return specs


@pytest.fixture
def verified(buyer):
    BuyerProfileFactory(user=buyer, is_verified=True)
    return buyer


def _names(client, url: str, **params) -> set[str]:
    html = client.get(url, params).content.decode()
    return {name for name in ("Taller Euro", "Dollar Works", "Atelier Dirham", "No Minimum Studio") if name in html}


def test_verified_buyer_filters_artisans_and_products_by_minimum_order_value_in_dollars(makers, verified, login):
    client = login(verified)
    assert _names(client, ARTISANS, mov="500") == {"Taller Euro", "No Minimum Studio"}
    assert _names(client, PRODUCTS, mov="500") == {"Taller Euro", "No Minimum Studio"}
    assert _names(client, ARTISANS, mov="1000") == {"Taller Euro", "Dollar Works", "No Minimum Studio"}
    # The boundary: 400 EUR is exactly 432 USD.
    assert "Taller Euro" in _names(client, ARTISANS, mov="432")
    assert "Taller Euro" not in _names(client, ARTISANS, mov="431.99")


def test_a_rate_staff_change_applies_to_the_filter_at_once(makers, verified, login):
    client = login(verified)
    assert "Atelier Dirham" not in _names(client, ARTISANS, mov="1500")
    ExchangeRate.objects.filter(currency="MAD").update(usd_per_unit=Decimal("0.05"))
    assert "Atelier Dirham" in _names(client, ARTISANS, mov="1500")


@pytest.mark.parametrize("persona", ["anonymous", "unverified", "artisan"])
def test_the_filter_is_neither_offered_nor_applied_for_those_who_may_not_see_wholesale_terms(
    persona, makers, buyer, artisan, client, login
):
    if persona == "unverified":
        BuyerProfileFactory(user=buyer, is_verified=False)
        client = login(buyer)
    elif persona == "artisan":
        client = login(artisan)
    html = client.get(ARTISANS, {"mov": "500"}).content.decode()
    assert 'name="mov"' not in html
    # Otherwise a series of filters would tell each artisan's minimum order by bisection.
    assert _names(client, ARTISANS, mov="500") == set(makers)
    assert _names(client, PRODUCTS, mov="500") == set(makers)


@pytest.mark.parametrize("value, error", [
    ("lots", "Enter an amount in US dollars"),
    ("-5", "greater than or equal to 0"),
    ("1e12", ""),
])
def test_bad_input_re_renders_the_catalog_with_an_error_and_no_filter(value, error, makers, verified, login):
    client = login(verified)
    response = client.get(ARTISANS, {"mov": value})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="id_mov_error"' in html and error in html
    assert 'aria-invalid="true"' in html
    assert _names(client, ARTISANS, mov=value) == set(makers)


def _count(client, url: str) -> int:
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_filter_costs_the_same_queries_whatever_the_number_of_artisans(verified, login):
    client = login(verified)
    urls = [f"{ARTISANS}?mov=800", f"{PRODUCTS}?mov=800&sort=price"]

    def grow(count: int) -> None:
        for n in range(count):
            currency = ("EUR", "USD", "MAD")[n % 3]
            maker = ArtisanProfileFactory(currency=currency, min_order_value=Decimal(100 * (n + 1)))
            ProductFactory(artisan=maker)

    grow(2)
    for url in urls:
        _count(client, url)  # warm the in-memory index
    small = [_count(client, url) for url in urls]
    grow(9)
    assert [_count(client, url) for url in urls] == small
