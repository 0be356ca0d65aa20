"""A visitor on a phone, in Arabic, finds a cooperative's product with its price on the fair's
public site and sends an order inquiry, which goes to the member artisan who made it."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django.utils import timezone

from artisans.models import ArtisanProfile
from catalog.tests.factories import ArtisanProfileFactory, ProductFactory
from deals.models import Deal, Inquiry
from fairs.models import ExhibitorMember, FairSettings, Stand
from fairs.tests.factories import accept, small_fair

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_visitor_in_arabic_on_a_phone_finds_a_cooperative_product_with_its_price_and_asks_to_order(new_page):
    world = small_fair(stands=3, exhibitors=2, show_public_prices=True)
    coop = world.exhibitors[0]
    ArtisanProfile.objects.filter(pk=coop.artisan_id).update(kind="cooperative", business_name="تعاونية الأطلس")
    member = ArtisanProfileFactory(indexed=False, business_name="Fatima Weaver", slug="fatima", country="MA")
    accept(world.program, member)
    ExhibitorMember.objects.create(exhibitor=coop, artisan=member)
    ProductFactory(artisan=member, title="زربية زرقاء", wholesale_price=Decimal("87.65"), currency="MAD",
                   indexed=False)
    Stand.objects.filter(pk=world.stands[0].pk).update(status=Stand.Status.ASSIGNED, exhibitor=coop)
    FairSettings.objects.filter(pk=world.fair.pk).update(published_at=timezone.now())

    page = new_page(phone=True, locale="ar")
    page.goto(f"/fairs/{world.program.slug}/?by=craft")
    assert page.locator("html").get_attribute("dir") == "rtl"
    page.get_by_role("link", name="تعاونية الأطلس").first.click()
    page.wait_for_url(f"**/exhibitors/{coop.artisan.slug}/")
    card = page.locator(".fair-products li", has_text="زربية زرقاء")
    assert re.search(r"87[.,]65", card.inner_text())
    assert page.locator("html").evaluate("html => html.scrollWidth <= window.innerWidth")
    card.get_by_role("link", name="التواصل مع العارض / تقديم طلب").click()
    page.locator("input[name=name]").fill("Nadia Berrada")
    page.locator("input[name=email]").fill("nadia@example.org")
    page.locator("input[name=quantity]").fill("12")
    page.locator("textarea[name=message]").fill("لمتجري في الرباط")
    page.locator("form[action*='/ask/'] button[type=submit]").click()
    page.wait_for_load_state()
    assert page.get_by_role("status").is_visible()
    deal = Deal.objects.get()
    # The cooperative's stand, the member's product: the inquiry is the member's.
    assert deal.artisan_id == member.pk and deal.program_id == world.program.pk
    assert Inquiry.objects.get(deal=deal).contact_email == "nadia@example.org"

    page.goto(f"/fairs/{world.program.slug}/plan/")
    assert page.locator("svg.fair-plan polygon").count() == 3
    assert page.locator("html").evaluate("html => html.scrollWidth <= window.innerWidth")
