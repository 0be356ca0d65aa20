"""A verified buyer searches the catalog, filters it, opens an artisan and shortlists them."""

from __future__ import annotations

from decimal import Decimal

import pytest

from accounts.tests.factories import PASSWORD, BuyerUserFactory
from buyers.models import BuyerProfile, ShortlistItem
from catalog.tests.factories import ArtisanProfileFactory, CraftFactory, ProductFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_buyer_searches_filters_opens_an_artisan_and_shortlists_them(page, live_server):
    ceramics, carpets = CraftFactory(slug="ceramics"), CraftFactory(slug="carpets")
    seville = ArtisanProfileFactory(business_name="Taller Moreno", slug="taller-moreno", country="ES", city="Seville",
                                    language="es", story="Cerámica pintada a mano desde 1890.", crafts=[ceramics],
                                    exported_before=True, time_zone="Europe/Madrid")
    ProductFactory(artisan=seville, title="Cuenco de cerámica azul", language="es", craft=ceramics,
                   min_order_qty=24, lead_time_days=30, wholesale_price=Decimal("14.50"))
    fes = ArtisanProfileFactory(business_name="Atelier Fès", slug="atelier-fes", country="MA", language="fr",
                                story="Poterie émaillée de Fès.", crafts=[ceramics])
    ProductFactory(artisan=fes, title="Bol en céramique", language="fr", craft=ceramics, min_order_qty=200)
    ProductFactory(artisan=ArtisanProfileFactory(business_name="Tapis Atlas", country="MA", crafts=[carpets]),
                   title="Tapis berbère", craft=carpets, language="fr")
    buyer = BuyerUserFactory(email="emily@museumshop.example", full_name="Emily Carter")
    BuyerProfile.objects.create(user=buyer, organisation_name="Met Store", country="US", is_verified=True)

    page.goto("/accounts/login/?next=/catalog/")
    page.get_by_label("Email").fill("emily@museumshop.example")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/catalog/")

    # Search, typed without the accent, in the product view.
    page.get_by_role("link", name="Products", exact=True).click()
    page.get_by_label("Search").fill("ceramica")
    page.get_by_role("button", name="Show results").click()
    results = page.locator(".catalog-results")
    assert results.get_by_role("heading", name="Cuenco de cerámica azul").is_visible()
    assert results.locator("mark", has_text="cerámica").first.is_visible()
    assert "Tapis berbère" not in results.inner_text()
    # A verified buyer sees the wholesale price.
    assert "EUR 14.50" in results.inner_text()

    # Filter: from Spain, minimum order under 50; the URL keeps the state.
    page.get_by_label("Spain").check()
    page.get_by_label("Minimum order at most (units)").fill("49")
    page.get_by_label("Ready within").select_option("42")
    page.get_by_role("button", name="Show results").click()
    assert "country=ES" in page.url and "moq=49" in page.url and "q=ceramica" in page.url
    assert page.get_by_role("heading", name="1 result").is_visible()
    assert "Bol en céramique" not in results.inner_text()

    # Open the artisan, see their local time, shortlist them.
    results.get_by_role("link", name="Taller Moreno").click()
    page.wait_for_url("**/catalog/artisans/taller-moreno/")
    assert page.get_by_role("heading", name="Taller Moreno", level=1).is_visible()
    assert "Local time at the workshop" in page.content()
    page.get_by_role("button", name="Add to shortlist Taller Moreno").click()
    page.wait_for_url("**/catalog/artisans/taller-moreno/")
    assert page.get_by_role("button", name="Shortlisted ✓ Remove Taller Moreno").is_visible()
    assert ShortlistItem.objects.filter(buyer__user=buyer, artisan=seville).exists()

    # The dashboard shows the shortlist.
    page.get_by_role("link", name="My dashboard").click()
    assert page.locator(".shortlist").get_by_role("link", name="Taller Moreno", exact=True).is_visible()
    assert page.locator(".shortlist").get_by_role("link", name="Request a meeting").is_visible()
