"""A buyer asks a quote from a product page; the artisan quotes; the buyer orders it; the artisan ships."""

from __future__ import annotations

import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from accounts.tests.factories import PASSWORD, ArtisanUserFactory, BuyerUserFactory
from catalog.tests.factories import ArtisanProfileFactory, ProductFactory
from deals.models import Order, Quote
from meetings.tests.factories import BuyerProfileFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _sign_in(page, email):
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)


def test_quote_asked_from_a_product_page_is_quoted_ordered_accepted_and_shipped(new_page):
    artisan = ArtisanUserFactory(email="lucia@ceramica.example", full_name="Lucía Moreno", language="en")
    workshop = ArtisanProfileFactory(user=artisan, slug="ceramica-moreno", business_name="Cerámica Moreno")
    product = ProductFactory(artisan=workshop, title="Blue bowl", min_order_qty=10, wholesale_price=Decimal("20"),
                             indexed=False)
    buyer = BuyerUserFactory(email="emily@metstore.example", full_name="Emily Carter", language="en")
    BuyerProfileFactory(user=buyer, organisation_name="Met Store")

    buyer_page = new_page()
    _sign_in(buyer_page, buyer.email)
    buyer_page.goto(f"/catalog/products/{product.public_id}/")
    buyer_page.get_by_role("link", name="Ask for a quote").click()
    asking = buyer_page.get_by_role("region", name="Ask for a quote")
    asking.get_by_label("Quantity", exact=True).fill("40")
    asking.get_by_label("Destination country").select_option("US")
    asking.get_by_label("Message to the artisan").fill("For our museum shop, in time for spring.")
    asking.get_by_role("button", name="Send the request for a quote").click()
    buyer_page.wait_for_url("**/deals/*-*/")
    deal_url = buyer_page.url

    artisan_page = new_page()
    _sign_in(artisan_page, artisan.email)
    artisan_page.goto("/dashboard/")
    assert "1 request for a quote" in artisan_page.get_by_role("region", name="Waiting for you").inner_text()
    artisan_page.goto(deal_url)
    quoting = artisan_page.get_by_role("region", name="Send a quote")
    assert quoting.get_by_label("Quantity", exact=True).input_value() == "40"
    quoting.get_by_label("Unit price").fill("18.50")
    quoting.get_by_label("Named place").fill("Seville")
    quoting.get_by_role("button", name="Send the quote").click()
    artisan_page.wait_for_url(deal_url)
    assert Quote.objects.get().lines.get().unit_price == Decimal("18.50")

    buyer_page.reload()
    quote = buyer_page.get_by_role("region", name=re.compile("Quote, version 1"))
    quote.get_by_role("button", name="Accept").click()
    quote = buyer_page.get_by_role("region", name=re.compile("Quote, version 1"))
    quote.get_by_label("Delivery address").fill("1000 Fifth Avenue, New York")
    quote.get_by_label("Purchase order number").fill("PO-2026-17")
    quote.get_by_role("button", name="Order this quote").click()
    assert buyer_page.get_by_role("region", name=re.compile("PO-2026-17")).is_visible()

    artisan_page.reload()
    order = artisan_page.get_by_role("region", name=re.compile("PO-2026-17"))
    order.get_by_label("Ship by").fill((timezone.localdate() + timedelta(days=20)).isoformat())
    order.get_by_role("button", name="Accept").click()
    order = artisan_page.get_by_role("region", name=re.compile("PO-2026-17"))
    order.get_by_label("Carrier").fill("DHL")
    order.get_by_role("button", name="Mark as shipped").click()
    assert "Shipped" in artisan_page.get_by_role("region", name=re.compile("PO-2026-17")).inner_text()

    placed = Order.objects.get()
    assert (placed.po_number, placed.status, placed.carrier) == ("PO-2026-17", Order.Status.SHIPPED, "DHL")
    assert placed.ship_by == timezone.localdate() + timedelta(days=20)
