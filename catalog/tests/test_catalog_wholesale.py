"""Wholesale terms reach only verified buyers and staff; the price string never leaks elsewhere."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from buyers.models import BuyerProfile
from catalog.tests.factories import ArtisanProfileFactory, ProductFactory
from catalog.visibility import can_see_wholesale

pytestmark = pytest.mark.django_db

PRICE = "37.45"
RETAIL = "91.35"
MIN_ORDER = "1,234.56"


@pytest.fixture
def product():
    artisan = ArtisanProfileFactory(min_order_value=Decimal("1234.56"), payment_terms="Secret 30% deposit",
                                    incoterms=["EXW"])
    return ProductFactory(artisan=artisan, title="Jug", wholesale_price=Decimal(PRICE), retail_price=Decimal(RETAIL))


def pages(product) -> list[str]:
    return [
        reverse("catalog:artisan-list"),
        reverse("catalog:product-list"),
        reverse("catalog:product-list") + "?q=jug",
        reverse("catalog:artisan-detail", args=[product.artisan.slug]),
        reverse("catalog:product-detail", args=[product.public_id]),
    ]


def profile(user, *, verified: bool) -> BuyerProfile:
    return BuyerProfile.objects.create(user=user, organisation_name="Shop", country="US", is_verified=verified)


def assert_no_terms(client, product):
    for url in pages(product):
        html = client.get(url).content.decode()
        assert PRICE not in html and "37,45" not in html, url
        assert RETAIL not in html and MIN_ORDER not in html and "1234.56" not in html, url
        assert "Secret 30% deposit" not in html, url


def test_anonymous_sees_no_wholesale_terms_and_a_note(client, product):
    assert_no_terms(client, product)
    html = client.get(reverse("catalog:product-detail", args=[product.public_id])).content.decode()
    assert "Sign in as a verified buyer</a> to see wholesale terms" in html


def test_unverified_buyer_sees_no_wholesale_terms(client, buyer, login, product):
    profile(buyer, verified=False)
    login(buyer)
    assert_no_terms(client, product)


def test_buyer_without_profile_and_artisans_see_no_wholesale_terms(client, buyer, other_artisan, login, product):
    login(buyer)
    assert_no_terms(client, product)
    login(other_artisan)
    assert_no_terms(client, product)


@pytest.mark.parametrize("persona", ["verified_buyer", "staff"])
def test_verified_buyer_and_staff_see_wholesale_terms(client, buyer, staff, login, product, persona):
    if persona == "verified_buyer":
        profile(buyer, verified=True)
    login(buyer if persona == "verified_buyer" else staff)
    detail = client.get(reverse("catalog:product-detail", args=[product.public_id])).content.decode()
    assert f"EUR {PRICE}" in detail and f"EUR {RETAIL}" in detail
    assert "EUR 1,234.56" in detail or "EUR 1234.56" in detail
    assert "Secret 30% deposit" in detail
    assert f"EUR {PRICE}" in client.get(reverse("catalog:product-list")).content.decode()


def test_can_see_wholesale_per_persona(buyer, other_buyer, artisan, staff, anonymous):
    from django.contrib.auth.models import AnonymousUser

    profile(buyer, verified=True)
    profile(other_buyer, verified=False)
    assert can_see_wholesale(buyer) and can_see_wholesale(staff)
    assert not can_see_wholesale(other_buyer)
    assert not can_see_wholesale(artisan)
    assert not can_see_wholesale(AnonymousUser())


def test_price_filter_and_sort_are_not_offered_without_wholesale_access(client, product):
    html = client.get(reverse("catalog:product-list")).content.decode()
    assert 'name="price_min"' not in html
    assert '<option value="price"' not in html
