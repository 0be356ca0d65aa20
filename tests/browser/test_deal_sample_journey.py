"""From a sample to a shipped order, seen in the program's funnel; and a public visitor's inquiry.

Each person uses their own browser and only what their pages offer: after its first address
(a sign-in page, the catalog, or the link of an email) every page is reached by a link or a
button. The buyer asks a sample from a product page; the artisan accepts to send it and ships it;
the buyer marks it delivered, approves it and, from the sample, asks for a quote in the same deal; the artisan
quotes; the buyer accepts and orders it with a PO number; the artisan accepts with a ship-by date
and ships. Staff read the program's results. Then a visitor without an account asks from the
program's public catalog, confirms by the emailed link, and the artisan sees the inquiry.
"""

from __future__ import annotations

import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from accounts.tests.factories import PASSWORD, ArtisanUserFactory, BuyerUserFactory, StaffUserFactory
from catalog.tests.factories import ArtisanProfileFactory, ProductFactory
from deals.models import Deal, Inquiry, Order, ProductTerms, Quote, Sample
from meetings.tests.factories import BuyerProfileFactory
from programs.models import Application, Program, ProgramBuyer
from programs.tests.factories import ProgramFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _sign_in(page, email: str, start: str = "/accounts/login/") -> None:
    page.goto(start)
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(lambda url: "/login/" not in url)


def _open_newest_deal(page, name: str) -> None:
    """From any page: Deals in the menu, then the most recently moved deal with that party."""
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Deals").click()
    page.get_by_role("main").get_by_role("link", name=name).first.click()
    page.wait_for_url("**/deals/*-*/")


def _deal_mail(address: str) -> list[str]:
    """What the deal mails sent to `address` announced, in order."""
    suffix = ": your deal with Cerámica Moreno"
    return [m.subject.removesuffix(suffix) for m in mail.outbox if m.to == [address] and suffix in m.subject]


def _act(region, button: str, **fields: str) -> None:
    """Fill the form of one action in a deal page's section (by its labels) and submit it."""
    form = region.locator("form").filter(has=region.page.get_by_role("button", name=button, exact=True))
    for label, value in fields.items():
        form.get_by_label(label.replace("_", " ")).fill(value)
    form.get_by_role("button", name=button, exact=True).click()


def test_a_sample_leads_to_a_quote_and_a_shipped_order_the_funnel_counts_and_a_visitor_asks(new_page):
    today = timezone.localdate()
    program = ProgramFactory(
        name="Mission Nueva York",
        status=Program.Status.OPEN_BUYERS,
        public_catalog=True,
        starts_on=today - timedelta(days=7),
        ends_on=today + timedelta(days=30),
    )
    artisan = ArtisanUserFactory(email="lucia@ceramica.example", full_name="Lucía Moreno", language="en")
    workshop = ArtisanProfileFactory(user=artisan, slug="ceramica-moreno", business_name="Cerámica Moreno")
    product = ProductFactory(
        artisan=workshop,
        title="Blue bowl",
        min_order_qty=10,
        wholesale_price=Decimal("20"),
        currency="EUR",
        indexed=False,
    )
    ProductTerms.objects.create(product=product, sample_policy=ProductTerms.SamplePolicy.FREE)
    Application.objects.create(program=program, artisan=workshop, status=Application.Status.ACCEPTED)
    buyer = BuyerUserFactory(email="emily@metstore.example", full_name="Emily Carter", language="en")
    BuyerProfileFactory(user=buyer, organisation_name="Met Store")
    ProgramBuyer.objects.create(program=program, user=buyer)
    StaffUserFactory(email="carmen@agency.example")

    # --- The buyer asks a sample from the product page ------------------------------------------
    buyer_page = new_page()
    _sign_in(buyer_page, buyer.email, start=f"/accounts/login/?next=/catalog/products/{product.public_id}/")
    expect(buyer_page.get_by_role("heading", name="Blue bowl")).to_be_visible()
    buyer_page.get_by_role("link", name="Ask for a sample").click()
    asking = buyer_page.get_by_role("region", name="Ask for a sample")
    asking.get_by_label("Message about the sample").fill("One bowl to show our buying committee.")
    asking.get_by_role("button", name="Ask for a sample").click()
    buyer_page.wait_for_url("**/deals/*-*/")
    sample_heading = re.compile("Sample of Blue bowl, round 1")
    expect(buyer_page.get_by_role("region", name=sample_heading)).to_contain_text("Waiting for the artisan")

    # --- The artisan accepts to send it and ships it --------------------------------------------
    artisan_page = new_page()
    _sign_in(artisan_page, artisan.email)
    expect(artisan_page.get_by_role("region", name="Waiting for you")).to_contain_text("1 sample")
    artisan_page.get_by_role("link", name="See my deals").click()
    artisan_page.get_by_role("main").get_by_role("link", name="Met Store").click()
    sample = artisan_page.get_by_role("region", name=sample_heading)
    _act(sample, "Accept to send it")
    sample = artisan_page.get_by_role("region", name=sample_heading)
    _act(sample, "Mark as shipped", Carrier="UPS", Tracking_number="1Z999")
    expect(artisan_page.get_by_role("region", name=sample_heading)).to_contain_text("Shipped")

    # --- The buyer marks it delivered, approves it and asks a quote from it -----------------------
    buyer_page.reload()
    sample = buyer_page.get_by_role("region", name=sample_heading)
    _act(sample, "Mark as delivered")
    sample = buyer_page.get_by_role("region", name=sample_heading)
    expect(sample.get_by_role("button", name="Ask for changes")).to_be_visible()
    _act(sample, "Accept", **{"Reason or message": "Exactly the blue we wanted."})
    sample = buyer_page.get_by_role("region", name=sample_heading)
    expect(sample).to_contain_text("Exactly the blue we wanted.")
    # The quote is asked on the sample's own deal: one deal, one history, from sample to order.
    quote_deal_url = buyer_page.url
    sample.get_by_text("Ask for a quote", exact=True).click()
    asking = sample.get_by_role("form", name="Ask for a quote on this sample")
    asking.get_by_label("Quantity", exact=True).fill("40")
    asking.get_by_label("Destination country").select_option("US")
    asking.get_by_role("button", name="Send the request for a quote").click()
    expect(buyer_page.get_by_role("region", name="Inquiry to Cerámica Moreno")).to_contain_text(
        "Waiting for a quote"
    )
    assert buyer_page.url == quote_deal_url

    # --- The artisan quotes -----------------------------------------------------------------------
    _open_newest_deal(artisan_page, "Met Store")
    assert artisan_page.url == quote_deal_url
    quoting = artisan_page.get_by_role("region", name="Send a quote")
    quoting.get_by_label("Unit price").fill("18.50")
    quoting.get_by_label("Named place").fill("Seville")
    quoting.get_by_role("button", name="Send the quote").click()
    expect(artisan_page.get_by_role("region", name=re.compile("Quote, version 1"))).to_contain_text(
        "Waiting for the buyer"
    )

    # --- The buyer accepts it and orders it with a PO number ---------------------------------------
    buyer_page.reload()
    quote = buyer_page.get_by_role("region", name=re.compile("Quote, version 1"))
    _act(quote, "Accept")
    quote = buyer_page.get_by_role("region", name=re.compile("Quote, version 1"))
    quote.get_by_label("Delivery address").fill("1000 Fifth Avenue, New York")
    quote.get_by_label("Purchase order number").fill("PO-2026-31")
    quote.get_by_role("button", name="Order this quote").click()
    expect(buyer_page.get_by_role("region", name=re.compile("PO-2026-31"))).to_contain_text(
        "Waiting for the artisan"
    )

    # --- The artisan accepts it with a ship-by date and ships it ------------------------------------
    ship_by = today + timedelta(days=21)
    _open_newest_deal(artisan_page, "Met Store")
    order = artisan_page.get_by_role("region", name=re.compile("PO-2026-31"))
    _act(order, "Accept", Ship_by=ship_by.isoformat())
    order = artisan_page.get_by_role("region", name=re.compile("PO-2026-31"))
    _act(order, "Mark as shipped", Carrier="DHL", Tracking_number="JD0146")
    expect(artisan_page.get_by_role("region", name=re.compile("PO-2026-31"))).to_contain_text("Shipped")

    sent = Sample.objects.get()
    assert (sent.status, sent.carrier, sent.feedback) == (
        Sample.Status.ACCEPTED,
        "UPS",
        "Exactly the blue we wanted.",
    )
    placed = Order.objects.get()
    assert (placed.po_number, placed.status, placed.ship_by, placed.carrier) == (
        "PO-2026-31",
        Order.Status.SHIPPED,
        ship_by,
        "DHL",
    )
    assert Quote.objects.get().status == Quote.Status.ACCEPTED
    assert Deal.objects.count() == 1
    assert set(Deal.objects.values_list("program_id", flat=True)) == {program.pk}

    # --- Staff see it in the program's results ----------------------------------------------------
    staff = new_page()
    _sign_in(staff, "carmen@agency.example", start="/admin/")
    staff.locator("#programs-home").get_by_role("link", name="Mission Nueva York").click()
    staff.get_by_role("link", name="Results").click()
    recorded = staff.locator(".results-figures").nth(1)
    for figure in ("1samples asked", "1samples approved", "1deals quoted"):
        expect(recorded).to_contain_text(figure)
    expect(recorded).to_contain_text("1 quote accepted (USD)")
    expect(recorded).to_contain_text("1 first order (USD)")
    funnel = staff.get_by_role("img", name="Buyers at each stage, from invitation to order")
    expect(funnel).to_be_visible()
    texts = funnel.locator("text").all_text_contents()  # each stage's label, then its count
    stages = dict(zip(texts[::2], texts[1::2], strict=True))
    assert {
        stage: stages[stage]
        for stage in (
            "Joined the program",
            "Asked for a sample",
            "Received a quote",
            "Placed an order",
            "Reordered",
        )
    } == {
        "Joined the program": "1",
        "Asked for a sample": "1",
        "Received a quote": "1",
        "Placed an order": "1",
        "Reordered": "0",
    }

    # Each step mailed the other side, once (the inquiry's own moves to quoted and ordered are not
    # announced beside the quote and the order: deals/tests/test_deal_mail_once.py).
    assert _deal_mail(buyer.email) == [
        "Sample accepted by the artisan",
        "Sample shipped",
        "Quote sent",
        "Order accepted",
        "Order shipped",
    ]
    assert _deal_mail(artisan.email) == [
        "Sample asked",
        "Sample delivered",
        "Sample approved",
        "Inquiry sent",
        "Quote accepted",
        "Order placed",
    ]

    # --- A visitor without an account asks from the public catalog and confirms by email ---------
    mail.outbox.clear()
    visitor = new_page()
    visitor.goto("/catalog/products/")
    visitor.get_by_role("link", name="Blue bowl").click()
    visitor.get_by_role("link", name="Ask the artisan for a quote").click()
    expect(visitor.get_by_text("public catalog of Mission Nueva York")).to_be_visible()
    visitor.get_by_label("Your name").fill("Ana Ruiz")
    visitor.get_by_label("Your email").fill("ana@tienda.example")
    visitor.get_by_label("Quantity").fill("12")
    visitor.get_by_label("Message to the artisan").fill("Do you ship to Valencia?")
    visitor.get_by_role("button", name="Send my inquiry").click()
    expect(visitor.get_by_role("status")).to_contain_text("open its link to confirm your address")
    assert Inquiry.objects.get(contact_email="ana@tienda.example").status == Inquiry.Status.UNCONFIRMED

    # Not confirmed yet: nothing waits for the artisan.
    artisan_page.get_by_role("navigation", name="Main").get_by_role("link", name="My workshop").click()
    expect(artisan_page.get_by_role("region", name="Waiting for you")).not_to_contain_text(
        "request for a quote"
    )

    [confirmation] = [m for m in mail.outbox if m.to == ["ana@tienda.example"]]
    link = re.search(r"https?://\S+?(/deals/confirm/[^/\s]+/)", confirmation.body).group(1)
    visitor.goto(link)
    visitor.get_by_role("button", name="Send my inquiry to the artisan").click()
    expect(visitor.get_by_role("status")).to_contain_text("your inquiry is sent to the artisan")

    # --- The artisan is told, and now sees it ------------------------------------------------------
    assert _deal_mail(artisan.email) == ["Inquiry confirmed by its sender"]
    artisan_page.reload()
    expect(artisan_page.get_by_role("region", name="Waiting for you")).to_contain_text(
        "1 request for a quote"
    )
    artisan_page.get_by_role("link", name="See my deals").click()
    artisan_page.get_by_role("main").get_by_role("link", name="A visitor of the public catalog").click()
    inquiry = artisan_page.get_by_role("region", name="Inquiry to Cerámica Moreno")
    expect(inquiry).to_contain_text("Waiting for a quote")
    expect(inquiry).to_contain_text("12")
    expect(inquiry).to_contain_text("Do you ship to Valencia?")
    expect(artisan_page.get_by_role("region", name="Send a quote")).to_be_visible()
    assert Inquiry.objects.get(contact_email="ana@tienda.example").status == Inquiry.Status.OPEN
