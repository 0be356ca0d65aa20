"""Starting deals from pages: a product's quote, sample and order forms, the public inquiry, the quote form.

Personas: the buyer (who asks), the artisan (who answers), another buyer, and an anonymous visitor.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from buyers.tests.factories import BuyerProfileFactory
from catalog.tests.factories import ProductFactory
from deals import services
from deals.models import Deal, Inquiry, Order, ProductTerms, Quote, Sample
from deals.tests.factories import quoted_deal, verified_buyer
from notifications.models import Email
from programs.models import Application
from programs.tests.factories import ProgramFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def product():
    return ProductFactory(indexed=False, title="Blue bowl", min_order_qty=10)


def _client(user=None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def test_the_product_page_offers_a_buyer_quote_and_sample_and_a_verified_one_an_order(product):
    page = _client(BuyerProfileFactory().user).get(reverse("catalog:product-detail", args=[product.public_id]))
    start = reverse("deals:start", args=[product.public_id])
    assert f'href="{start}#quote"'.encode() in page.content and f'href="{start}#sample"'.encode() in page.content
    assert f'href="{start}#order"'.encode() not in page.content
    verified = _client(verified_buyer()).get(reverse("catalog:product-detail", args=[product.public_id]))
    assert f'href="{start}#order"'.encode() in verified.content
    anonymous = _client().get(reverse("catalog:product-detail", args=[product.public_id]))
    assert start.encode() not in anonymous.content and b"Sign in as a buyer" in anonymous.content


def test_a_buyer_asks_for_a_quote_from_the_product_page(product):
    buyer = BuyerProfileFactory().user
    client = _client(buyer)
    assert client.get(reverse("deals:start", args=[product.public_id])).status_code == 200
    response = client.post(
        reverse("deals:inquire", args=[product.public_id]),
        {"quantity": 40, "unit": "piece", "incoterm": "FOB", "destination_country": "US", "currency": "USD",
         "target_price": "15.00", "wanted_by": (timezone.localdate() + timedelta(days=60)).isoformat(),
         "message": "For our museum shop"},
    )
    deal = Deal.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("deals:detail", args=[deal.public_id])
    inquiry = Inquiry.objects.get(deal=deal)
    assert (deal.source, deal.buyer.user, inquiry.status, inquiry.incoterm) == ("product", buyer, "open", "FOB")
    assert [(line.product, line.quantity) for line in inquiry.lines.all()] == [(product, 40)]


def test_a_refused_form_is_shown_again_with_its_errors_and_the_input_kept(product):
    client = _client(BuyerProfileFactory().user)
    response = client.post(
        reverse("deals:inquire", args=[product.public_id]),
        {"quantity": "0", "unit": "piece", "currency": "USD", "message": "Keep this message, please"},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Keep this message, please" in html
    assert "Ensure this value is greater than or equal to 1." in html
    assert not Deal.objects.exists()


def test_an_order_off_the_pack_multiple_is_refused_with_the_nearest_quantities(product):
    ProductTerms.objects.create(product=product, pack_multiple=6)
    client = _client(verified_buyer())
    url = reverse("deals:order", args=[product.public_id])
    data = {"quantity": 13, "delivery_address": "1 Museum Mile, New York", "po_number": "PO-9"}
    response = client.post(url, data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "The nearest quantities are 12 and 18." in html and "PO-9" in html
    assert not Order.objects.exists()
    assert client.post(url, {**data, "quantity": 12}).status_code == 302
    assert Order.objects.get().po_number == "PO-9"


def test_an_unverified_buyer_cannot_order_directly(product):
    response = _client(BuyerProfileFactory().user).post(
        reverse("deals:order", args=[product.public_id]), {"quantity": 12, "delivery_address": "x"}
    )
    assert response.status_code == 404 and not Order.objects.exists()


def test_a_buyer_asks_for_a_sample(product):
    response = _client(BuyerProfileFactory().user).post(
        reverse("deals:sample", args=[product.public_id]), {"message": "One in blue"}
    )
    sample = Sample.objects.get()
    assert response.status_code == 302 and (sample.product, sample.message) == (product, "One in blue")


def test_the_artisan_and_anonymous_cannot_start_a_deal(product):
    url = reverse("deals:start", args=[product.public_id])
    assert _client(product.artisan.user).get(url).status_code == 403
    assert _client().get(url).status_code == 302
    assert not Deal.objects.exists()


def test_the_artisan_answers_with_a_quote_prefilled_from_the_inquiry(product):
    ProductTerms.objects.create(product=product, pack_multiple=5)
    buyer = BuyerProfileFactory().user
    deal = services.inquiry_send(user=buyer, artisan=product.artisan, source="product",
                                 lines=[services.Line(quantity=40, product=product)])
    artisan = _client(product.artisan.user)
    page = artisan.get(reverse("deals:detail", args=[deal.public_id])).content.decode()
    assert 'name="line-0-quantity" value="40"' in page and 'name="line-0-pack_multiple" value="5"' in page
    assert 'name="line-0-unit_price" value="20.00"' in page
    # The other parties see no quote form.
    assert 'name="line-0-quantity"' not in _client(buyer).get(reverse("deals:detail", args=[deal.public_id])).content.decode()
    valid_until = (timezone.localdate() + timedelta(days=20)).isoformat()
    data = {"line-TOTAL_FORMS": 1, "line-INITIAL_FORMS": 1, "line-MIN_NUM_FORMS": 1, "line-MAX_NUM_FORMS": 50,
            "line-0-description": "Blue bowl", "line-0-product": product.pk, "line-0-quantity": 42,
            "line-0-unit_price": "17.50", "line-0-pack_multiple": 5, "line-0-minimum_quantity": 10,
            "currency": "EUR", "incoterm": "FCA", "named_place": "Seville", "payment_terms": "30% upfront",
            "lead_time_days": 30, "valid_until": valid_until, "notes": ""}
    refused = artisan.post(reverse("deals:quote", args=[deal.public_id]), data)
    assert refused.status_code == 400 and "The nearest quantities are 40 and 45." in refused.content.decode()
    assert not Quote.objects.exists()
    sent = artisan.post(reverse("deals:quote", args=[deal.public_id]), {**data, "line-0-quantity": 40})
    assert sent.status_code == 302
    quote = Quote.objects.get()
    assert (quote.named_place, quote.lines.get().unit_price, quote.lines.get().product) == ("Seville", 17.5, product)
    assert _client(buyer).post(reverse("deals:quote", args=[deal.public_id]), data).status_code == 400


def test_the_buyer_orders_an_accepted_quote_and_another_buyer_finds_nothing():
    deal, quote = quoted_deal()
    buyer = _client(deal.buyer.user)
    url = reverse("deals:quote-order", args=[deal.public_id, quote.pk])
    data = {"delivery_address": "1 Museum Mile", "po_number": "PO-1"}
    assert buyer.post(url, data).status_code == 400  # not accepted yet
    services.quote_accept(user=deal.buyer.user, quote=quote)
    page = buyer.get(reverse("deals:detail", args=[deal.public_id])).content.decode()
    assert url in page
    assert _client(verified_buyer()).post(url, data).status_code == 404
    assert buyer.post(url, data).status_code == 302
    assert Order.objects.get(quote=quote).po_number == "PO-1"
    assert url not in buyer.get(reverse("deals:detail", args=[deal.public_id])).content.decode()


def _public_program(artisan):
    program = ProgramFactory(public_catalog=True)
    Application.objects.create(program=program, artisan=artisan, status=Application.Status.ACCEPTED)
    return program


def test_a_visitor_of_a_public_catalog_sends_an_inquiry_confirmed_by_email(product):
    _public_program(product.artisan)
    anonymous = _client()
    page = anonymous.get(reverse("catalog:product-detail", args=[product.public_id])).content.decode()
    url = reverse("deals:public-inquire", args=[product.public_id])
    assert url in page
    response = anonymous.post(url, {"name": "Ana", "email": "ana@example.org", "quantity": 12, "message": "Hi"})
    assert response.status_code == 200 and b"confirm your address" in response.content
    inquiry = Inquiry.objects.get()
    assert (inquiry.status, inquiry.contact_email, inquiry.deal.source) == ("unconfirmed", "ana@example.org", "public")
    assert Email.objects.filter(to="ana@example.org").count() == 1


def test_the_public_inquiry_keeps_input_on_error_and_is_rate_limited(product, settings):
    settings.PUBLIC_INQUIRY_RATE_LIMIT = "2/h"
    _public_program(product.artisan)
    anonymous = _client()
    url = reverse("deals:public-inquire", args=[product.public_id])
    bad = anonymous.post(url, {"name": "Ana", "email": "not-an-address", "quantity": 12, "message": "Kept"})
    assert bad.status_code == 400 and b"Kept" in bad.content
    assert anonymous.post(url, {"name": "Ana", "email": "ana@example.org", "quantity": 12}).status_code == 200
    assert anonymous.post(url, {"name": "Ana", "email": "ana@example.org", "quantity": 12}).status_code == 429
    assert Inquiry.objects.count() == 1


def test_no_public_inquiry_without_a_public_catalog(product):
    url = reverse("deals:public-inquire", args=[product.public_id])
    assert _client().get(url).status_code == 404
    assert url not in _client().get(reverse("catalog:product-detail", args=[product.public_id])).content.decode()
    _public_program(product.artisan)
    assert _client(BuyerProfileFactory().user).get(url).status_code == 404


def _dashboard_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize("side", ["buyer", "artisan"])
def test_waiting_for_you_on_the_dashboards_in_constant_queries(side):
    product = ProductFactory(indexed=False)
    buyer = verified_buyer()
    user = buyer if side == "buyer" else product.artisan.user
    url = reverse("buyers:dashboard" if side == "buyer" else "artisans:dashboard")
    client = _client(user)
    quoted_deal(buyer_user=buyer, product=product)
    page = client.get(url).content.decode()
    assert "Waiting for you" in page and reverse("deals:list") in page
    assert ("1 quote to answer" if side == "buyer" else "Nothing needs your answer.") in page
    one = _dashboard_queries(client, url)
    for _ in range(3):
        quoted_deal(buyer_user=buyer, product=product)
        services.inquiry_send(user=buyer, artisan=product.artisan, source="product",
                              lines=[services.Line(quantity=10, product=product)])
    assert _dashboard_queries(client, url) == one
    page = client.get(url).content.decode()
    assert ("4 quotes to answer" if side == "buyer" else "3 requests for a quote") in page


def test_the_navigation_links_to_deals_for_buyers_and_artisans(product):
    for user in (BuyerProfileFactory().user, product.artisan.user):
        assert f'href="{reverse("deals:list")}"' in _client(user).get("/").content.decode()
    assert f'href="{reverse("deals:list")}"' not in _client().get("/").content.decode()
