"""An approved sample ordered from the deal page, accepted with changes, the changes confirmed.

The sample's steps before are written through the services; then each person uses only what
their deal page offers: the buyer opens "Order this" on the approved sample (the smallest valid
quantity prefilled) and orders with a PO number; the artisan opens "Accept with changes", asks
for more and a later date; the buyer reads before and after, and confirms.
"""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from accounts.tests.factories import PASSWORD, ArtisanUserFactory, BuyerUserFactory
from catalog.tests.factories import ArtisanProfileFactory, ProductFactory
from deals import services
from deals.models import Deal, Order, ProductTerms, Sample
from meetings.tests.factories import BuyerProfileFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _sign_in(page, email: str, start: str) -> None:
    page.goto(f"/accounts/login/?next={start}")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(lambda url: "/login/" not in url)


def test_an_approved_sample_is_ordered_accepted_with_changes_and_the_buyer_confirms_them(new_page):
    artisan = ArtisanUserFactory(email="lucia@ceramica.example", language="en")
    workshop = ArtisanProfileFactory(user=artisan, business_name="Cerámica Moreno")
    product = ProductFactory(
        artisan=workshop, title="Blue bowl", min_order_qty=10, wholesale_price=Decimal("20"), indexed=False
    )
    ProductTerms.objects.create(
        product=product, pack_multiple=6, sample_policy=ProductTerms.SamplePolicy.FREE
    )
    buyer = BuyerUserFactory(email="emily@metstore.example", language="en")
    BuyerProfileFactory(user=buyer, organisation_name="Met Store", is_verified=True)
    sample = services.sample_request(user=buyer, product=product)
    services.sample_approve(user=artisan, sample=sample)
    services.sample_ship(user=artisan, sample=sample, carrier="UPS")
    services.sample_deliver(user=buyer, sample=sample)
    services.sample_accept(user=buyer, sample=sample, feedback="Right blue")
    deal_url = reverse("deals:detail", args=[sample.deal.public_id])

    # --- The buyer orders the approved sample -----------------------------------------------------
    buyer_page = new_page()
    _sign_in(buyer_page, buyer.email, deal_url)
    region = buyer_page.get_by_role("region", name="Sample of Blue bowl, round 1")
    region.get_by_text("Order this", exact=True).click()
    ordering = region.get_by_role("form", name="Order this sample")
    expect(ordering.get_by_label("Quantity to order")).to_have_value("12")  # minimum 10, packs of 6
    ordering.get_by_label("Delivery address").fill("1000 Fifth Avenue, New York")
    ordering.get_by_label("Purchase order number").fill("PO-2026-40")
    ordering.get_by_role("button", name="Place the order").click()
    expect(buyer_page.get_by_role("region", name="PO-2026-40")).to_contain_text("Waiting for the artisan")

    # --- The artisan accepts with changes: more bowls, a later date --------------------------------
    later = timezone.localdate() + timedelta(days=45)
    artisan_page = new_page()
    _sign_in(artisan_page, artisan.email, deal_url)
    order = artisan_page.get_by_role("region", name="PO-2026-40")
    order.get_by_text("Accept with changes", exact=True).click()
    changing = order.get_by_role("form", name="Accept with changes")
    changing.get_by_label("Quantity of Blue bowl").fill("13")
    changing.get_by_label("New ship-by date").fill(later.isoformat())
    changing.get_by_role("button", name="Propose these changes").click()
    # Off the pack multiple: refused with the nearest quantities, the input kept.
    order = artisan_page.get_by_role("region", name="PO-2026-40")
    expect(order).to_contain_text("The nearest quantities are 12 and 18.")
    changing = order.get_by_role("form", name="Accept with changes")
    expect(changing.get_by_label("Quantity of Blue bowl")).to_have_value("13")
    changing.get_by_label("Quantity of Blue bowl").fill("18")
    changing.get_by_label("Note to the buyer").fill("A full kiln is 18 bowls.")
    changing.get_by_role("button", name="Propose these changes").click()
    expect(artisan_page.get_by_role("region", name="PO-2026-40")).to_contain_text(
        "Changes proposed by the artisan"
    )

    # --- The buyer reads before and after, and confirms ----------------------------------------------
    buyer_page.reload()
    order = buyer_page.get_by_role("region", name="PO-2026-40")
    proposal = order.get_by_role("note")
    expect(proposal).to_contain_text("Blue bowl: 12 → 18")
    expect(proposal).to_contain_text("A full kiln is 18 bowls.")
    order.get_by_role("button", name="Confirm the changes").click()
    expect(buyer_page.get_by_role("region", name="PO-2026-40")).to_contain_text("Accepted")

    placed = Order.objects.get()
    assert (placed.status, placed.ship_by, placed.lines.get().quantity) == (Order.Status.ACCEPTED, later, 18)
    assert Sample.objects.get().status == Sample.Status.ORDERED
    assert Deal.objects.count() == 1
