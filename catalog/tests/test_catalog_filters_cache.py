"""The filter form is reused within a process only while everything it shows is unchanged."""

from __future__ import annotations

import pytest
from django.urls import reverse

from catalog.templatetags import catalog_filters
from catalog.tests.factories import ArtisanProfileFactory, CraftFactory, ProductFactory
from meetings.tests.factories import BuyerProfileFactory

pytestmark = pytest.mark.django_db

PRODUCTS = reverse("catalog:product-list")


def form(client, url: str = PRODUCTS) -> str:
    html = client.get(url).content.decode()
    return html[html.index('<form id="catalog-filters"') : html.index("</form>", html.index('id="catalog-filters"'))]


@pytest.fixture
def catalog():
    craft = CraftFactory(slug="ceramics")
    artisan = ArtisanProfileFactory(crafts=[craft], country="ES")
    ProductFactory(artisan=artisan, craft=craft, title="Clay bowl")
    return artisan, craft


def test_the_reused_form_equals_a_fresh_one_and_a_changed_count_shows_at_once(client, catalog):
    artisan, craft = catalog
    first = form(client)
    assert form(client) == first
    catalog_filters.forget_local()
    assert form(client) == first
    assert 'for="craft-ceramics">' in first and '<span class="facet-count">1</span>' in first
    ProductFactory(artisan=artisan, craft=craft, title="Clay jug")
    assert '<span class="facet-count">2</span>' in form(client)


def test_wholesale_fields_and_a_buyers_error_are_never_shown_from_another_viewers_form(
    client, buyer, login, catalog
):
    BuyerProfileFactory(user=buyer, is_verified=True)
    anonymous = form(client, PRODUCTS + "?mov=abc")
    assert 'name="price_min"' not in anonymous and 'id="id_mov_error"' not in anonymous
    login(buyer)
    verified = form(client, PRODUCTS + "?mov=abc")
    assert 'name="price_min"' in verified and 'id="id_mov_error"' in verified
    assert 'id="id_mov_error"' not in form(client, PRODUCTS + "?mov=12")
    client.logout()
    assert form(client, PRODUCTS + "?mov=abc") == anonymous


def test_each_language_and_query_has_its_own_form(client, catalog):
    english = form(client)
    assert form(client, PRODUCTS + "?q=bowl") != english
    client.cookies["django_language"] = "fr"
    assert form(client) != english
