"""The artisan's own deal terms in the portal: order minimums, a product's pack size and samples.

Personas: the artisan (who sets them), another artisan, a buyer. The forms say what is wrong beside
the field; deals.services.terms refuses the same things for any other caller.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from buyers.tests.factories import BuyerProfileFactory
from catalog.models import Product
from catalog.tests.factories import ProductFactory
from common.statemachine import TransitionRefused
from deals import services
from deals.models import DealTerms, ProductTerms
from deals.services.terms import deal_terms_update, product_terms_update
from deals.tests.factories import verified_buyer

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def product():
    return ProductFactory(indexed=False, title="Blue bowl", min_order_qty=1)


def test_an_artisan_sets_their_order_minimums(product):
    client = _client(product.artisan.user)
    page = client.get(reverse("deals:terms"))
    assert (
        page.status_code == 200
        and reverse("deals:product-terms", args=[product.public_id]).encode() in page.content
    )
    assert f'href="{reverse("deals:terms")}"'.encode() in client.get(reverse("artisans:dashboard")).content
    response = client.post(
        reverse("deals:terms"),
        {"currency": "EUR", "opening_order_minimum": "500.00", "reorder_minimum": "200"},
    )
    assert response.status_code == 302
    terms = DealTerms.objects.get(artisan=product.artisan)
    assert (terms.currency, terms.opening_order_minimum, terms.reorder_minimum) == (
        "EUR",
        Decimal("500.00"),
        Decimal("200"),
    )
    # Emptied: no minimum any more.
    client.post(
        reverse("deals:terms"), {"currency": "USD", "opening_order_minimum": "", "reorder_minimum": ""}
    )
    terms.refresh_from_db()
    assert (terms.currency, terms.opening_order_minimum, terms.reorder_minimum) == ("USD", None, None)


def test_a_reorder_minimum_above_the_first_orders_is_refused_beside_its_field(product):
    client = _client(product.artisan.user)
    response = client.post(
        reverse("deals:terms"), {"currency": "EUR", "opening_order_minimum": "100", "reorder_minimum": "300"}
    )
    assert response.status_code == 400
    assert b"The minimum reorder cannot be above the minimum first order." in response.content
    assert b'value="300"' in response.content
    zero = client.post(reverse("deals:terms"), {"currency": "EUR", "opening_order_minimum": "0"})
    assert zero.status_code == 400
    assert not DealTerms.objects.exists()


def test_the_service_holds_the_minimum_rules_for_every_caller(product):
    with pytest.raises(TransitionRefused, match="cannot be above"):
        deal_terms_update(
            artisan=product.artisan,
            currency="EUR",
            opening_order_minimum=Decimal(100),
            reorder_minimum=Decimal(101),
        )
    with pytest.raises(TransitionRefused, match="more than zero"):
        deal_terms_update(
            artisan=product.artisan, currency="EUR", opening_order_minimum=Decimal(-1), reorder_minimum=None
        )
    with pytest.raises(TransitionRefused, match="currency"):
        deal_terms_update(
            artisan=product.artisan, currency="XXX", opening_order_minimum=None, reorder_minimum=None
        )
    assert not DealTerms.objects.exists()


def test_an_artisan_sets_a_products_pack_size_and_samples_and_orders_follow(product):
    client = _client(product.artisan.user)
    url = reverse("deals:product-terms", args=[product.public_id])
    edit = client.get(reverse("artisans:product-edit", args=[product.public_id])).content.decode()
    assert url in edit
    assert client.get(url).status_code == 200
    response = client.post(url, {"pack_multiple": 6, "sample_policy": ProductTerms.SamplePolicy.NONE})
    assert response.status_code == 302
    terms = ProductTerms.objects.get(product=product)
    assert (terms.pack_multiple, terms.sample_policy) == (6, "none")
    buyer = verified_buyer()
    with pytest.raises(TransitionRefused, match="does not send samples"):
        services.sample_request(user=buyer, product=product)
    with pytest.raises(services.QuantitiesRefused, match="nearest quantities are 6 and 12"):
        services.order_place(
            user=buyer,
            artisan=product.artisan,
            delivery_address="1 Main St",
            lines=[services.Line(quantity=10, product=product)],
        )


def test_a_pack_size_out_of_range_is_refused(product):
    client = _client(product.artisan.user)
    url = reverse("deals:product-terms", args=[product.public_id])
    for pack in (0, 100_001, "x"):
        response = client.post(url, {"pack_multiple": pack, "sample_policy": "free"})
        assert response.status_code == 400
    assert client.post(url, {"pack_multiple": 2, "sample_policy": "given away"}).status_code == 400
    assert not ProductTerms.objects.exists()


def test_terms_are_the_artisans_own(product):
    other = ProductFactory(indexed=False)
    draft = ProductFactory(indexed=False, artisan=product.artisan, status=Product.Status.DRAFT)
    client = _client(product.artisan.user)
    # Another artisan's product is not found; one's own draft has terms too.
    assert client.get(reverse("deals:product-terms", args=[other.public_id])).status_code == 404
    assert (
        client.post(
            reverse("deals:product-terms", args=[other.public_id]),
            {"pack_multiple": 2, "sample_policy": "free"},
        ).status_code
        == 404
    )
    assert client.get(reverse("deals:product-terms", args=[draft.public_id])).status_code == 200
    buyer = _client(BuyerProfileFactory().user)
    assert buyer.get(reverse("deals:terms")).status_code == 403
    assert buyer.get(reverse("deals:product-terms", args=[product.public_id])).status_code == 403
    with pytest.raises(TransitionRefused, match="not yours"):
        product_terms_update(artisan=product.artisan, product=other, pack_multiple=2, sample_policy="free")
    assert not ProductTerms.objects.exists()
