"""Product cards come from the cache only when everything they show is unchanged."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.urls import reverse

from artisans.models import WorkshopPhoto
from buyers.models import BuyerProfile
from catalog.models import Craft, Product, ProductPhoto
from catalog.templatetags import catalog_cards
from catalog.templatetags.catalog_tags import photo
from catalog.tests.factories import ArtisanProfileFactory, ProductFactory

pytestmark = pytest.mark.django_db

PRICE = "37.45"
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="[^"]*"')


@pytest.fixture
def product():
    return ProductFactory(
        artisan=ArtisanProfileFactory(), title="Jug", wholesale_price=Decimal(PRICE), min_order_qty=12
    )


def cards(client, url: str | None = None) -> str:
    html = client.get(url or reverse("catalog:product-list")).content.decode()
    return TOKEN.sub("", html[html.index('class="card catalog-card"') : html.rindex("</li>")])


def card_keys() -> list[str]:
    redis = cache._cache.get_client()  # type: ignore[attr-defined]
    return list(redis.keys(f"*{catalog_cards.KEY_VERSION}*"))


def test_cached_and_uncached_cards_are_equal_and_the_second_list_is_served_from_the_cache(client, product):
    first = cards(client)
    assert len(card_keys()) == 1
    assert cards(client) == first
    assert "Jug" in first and "12 units" in first


def test_a_changed_product_shows_its_new_card_at_once(client, product):
    cards(client)
    # A plain UPDATE, as the bench's writer: updated_at is not bumped, the card still changes.
    Product.objects.filter(pk=product.pk).update(min_order_qty=77, title="Jar")
    html = cards(client)
    assert "77 units" in html and "Jar" in html and "Jug" not in html
    product.artisan.business_name = "Renamed Workshop"
    product.artisan.save()
    assert "Renamed Workshop" in cards(client)
    Craft.objects.filter(pk=product.craft_id).update(name_en="Renamed craft")
    assert "Renamed craft" in cards(client)


def test_unverified_buyer_never_gets_a_verified_buyers_cached_wholesale_card(
    client, buyer, other_buyer, login, product
):
    BuyerProfile.objects.create(user=buyer, organisation_name="Shop", country="US", is_verified=True)
    BuyerProfile.objects.create(user=other_buyer, organisation_name="Other", country="US", is_verified=False)
    login(buyer)
    assert f"EUR {PRICE}" in cards(client)
    login(other_buyer)
    html = cards(client)
    assert PRICE not in html and "37,45" not in html
    client.logout()
    html = cards(client)
    assert PRICE not in html and "37,45" not in html
    assert len(card_keys()) == 2  # with and without wholesale; the anonymous viewer shares the unverified one


def test_shortlist_state_and_token_are_per_viewer_not_cached(client, buyer, login, product):
    BuyerProfile.objects.create(user=buyer, organisation_name="Shop", country="US", is_verified=False)
    assert "Sign in to shortlist" in cards(client)
    login(buyer)
    html = client.get(reverse("catalog:product-list")).content.decode()
    assert "Add to shortlist" in html and "Sign in to shortlist" not in html
    assert TOKEN.search(html)


def test_each_language_has_its_own_card(client, product):
    english = cards(client)
    client.cookies["django_language"] = "fr"
    french = cards(client)
    assert "12 units" in english and "12 unités" in french
    assert len(card_keys()) == 2


def test_artisan_cards_are_cached_and_a_changed_artisan_shows_at_once(client, product):
    url = reverse("catalog:artisan-list")
    first = cards(client, url)
    assert cards(client, url) == first
    assert product.artisan.business_name in first
    assert len(card_keys()) == 1
    product.artisan.city = "Fès el Bali"
    product.artisan.save()
    assert "Fès el Bali" in cards(client, url)


def test_list_cards_show_the_first_photo_exactly_as_the_photo_tag_shows_the_model(client, product):
    """Cards read photos as values (catalog.rows): the HTML is the one {% photo %} makes of the model."""
    later = ProductPhoto.objects.create(
        product=product, image="products/b.jpg", card="renditions/b.webp", width=1200, height=900,
        alt_text="A jug from the side", position=1,
    )  # fmt: skip
    first = ProductPhoto.objects.create(
        product=product, image="products/a.jpg", card="renditions/a.webp", width=800, height=1600,
        alt_text="A blue jug", position=0,
    )  # fmt: skip
    workshop = WorkshopPhoto.objects.create(
        artisan=product.artisan, image="workshops/w.jpg", card="", width=10, height=10, alt_text="The kiln"
    )
    expected = str(photo(first, "card"))
    assert 'src="/media/renditions/a.webp"' in expected and 'height="640"' in expected
    assert expected in cards(client)
    assert str(photo(later, "card")) not in cards(client)
    # The artisan's own page lists the same cards.
    assert (
        expected
        in client.get(reverse("catalog:artisan-detail", args=[product.artisan.slug])).content.decode()
    )
    # A workshop photo whose rendition is not made yet: its placeholder, with its description.
    artisan_cards = cards(client, reverse("catalog:artisan-list"))
    assert str(photo(workshop, "card")) in artisan_cards and "The kiln" in artisan_cards


def test_a_warm_list_comes_from_the_process_copy_without_reaching_redis(client, product, monkeypatch):
    first = cards(client)
    calls = []
    monkeypatch.setattr(catalog_cards.best_effort_cache, "get_many", lambda keys: calls.append(keys) or {})
    assert cards(client) == first
    assert calls == []
    # A changed row is another key: it goes to the shared cache (here: found nowhere, rendered again).
    Product.objects.filter(pk=product.pk).update(title="Jar")
    assert "Jar" in cards(client) and len(calls) == 1
