"""The number of queries of each catalog page does not grow with the number of results."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from buyers.models import BuyerProfile, ShortlistItem
from catalog.models import Product
from catalog.search import refresh_documents
from catalog.tests.factories import ArtisanProfileFactory, CraftFactory, ProductFactory

pytestmark = pytest.mark.django_db


def make_catalog(products: int, artisans: int) -> list[Product]:
    crafts = [CraftFactory(slug="ceramics"), CraftFactory(slug="carpets")]
    makers = [
        ArtisanProfileFactory(crafts=crafts, certifications=["Fair trade"], exported_before=True, indexed=False)
        for _ in range(artisans)
    ]
    built = [
        ProductFactory.build(artisan=makers[n % artisans], craft=crafts[n % 2], title=f"Clay bowl {n}",
                             materials=["clay"])
        for n in range(products)
    ]
    created = Product.objects.bulk_create(built)
    refresh_documents()
    return created


def count_queries(client, url: str) -> int:
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def pages(products: list[Product]) -> dict[str, str]:
    artisan = products[0].artisan
    return {
        "artisan list": reverse("catalog:artisan-list"),
        "product list": reverse("catalog:product-list"),
        "search": reverse("catalog:product-list") + "?q=clay+bowl",
        "artisan search": reverse("catalog:artisan-list") + "?q=bowl",
        "facets and filters": reverse("catalog:product-list")
        + "?craft=ceramics&country=ES&material=clay&moq=50&lead=42&exported=1&certification=Fair+trade&sort=moq",
        "artisan filters": reverse("catalog:artisan-list") + "?craft=ceramics&material=clay&moq=50",
        "artisan detail": reverse("catalog:artisan-detail", args=[artisan.slug]),
        "product detail": reverse("catalog:product-detail", args=[products[0].public_id]),
        "shortlist": reverse("buyers:shortlist"),
        "dashboard": reverse("buyers:dashboard"),
    }


def measure(client, buyer, login, *, products: int, artisans: int) -> dict[str, int]:
    made = make_catalog(products, artisans)
    profile = BuyerProfile.objects.create(user=buyer, organisation_name="Shop", country="US", is_verified=True)
    # A long shortlist for the long catalog: both artisans and products.
    for artisan_id in {p.artisan_id for p in made}:
        ShortlistItem.objects.create(buyer=profile, artisan_id=artisan_id)
    for product in made[: min(products, 40)]:
        ShortlistItem.objects.create(buyer=profile, product=product)
    login(buyer)
    return {name: count_queries(client, url) for name, url in pages(made).items()}


def test_query_counts_do_not_grow_with_results(client, buyer, login):
    few = measure(client, buyer, login, products=10, artisans=5)
    Product.objects.all().delete()
    ShortlistItem.objects.all().delete()
    BuyerProfile.objects.all().delete()
    many = measure(client, buyer, login, products=1000, artisans=60)
    assert many == few


def test_anonymous_list_query_count_does_not_grow(client):
    made = make_catalog(10, 5)
    url = reverse("catalog:product-list") + "?q=clay"
    few = count_queries(client, url)
    make_catalog(300, 30)
    assert count_queries(client, url) == few
    # 10 for the page: crafts, the change log and (the catalog changed since the last request)
    # its changed products, artisans and artisans' name order, whether any search document is
    # to build, the text search, the page's products and photos, the highlighted words. 2 for
    # programs: is any catalog private, which programs to offer as a filter.
    assert few <= 12
    # The artisan's page: 6, 1 more to ask whether a public catalog takes inquiries to them, and 1
    # for the fairs' training sessions they attended (visitors_tags: the "Trained at" mark).
    assert count_queries(client, reverse("catalog:artisan-detail", args=[made[0].artisan.slug])) <= 8
