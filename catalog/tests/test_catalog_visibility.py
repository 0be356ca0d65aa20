"""Only approved artisans and their published products exist for the public, on every page."""

from __future__ import annotations

import pytest
from django.urls import reverse

from artisans.models import ArtisanProfile
from catalog.models import Product
from catalog.tests.factories import ArtisanProfileFactory, CraftFactory, ProductFactory

pytestmark = pytest.mark.django_db

HIDDEN_STATUSES = [ArtisanProfile.Status.DRAFT, ArtisanProfile.Status.PENDING, ArtisanProfile.Status.REJECTED]


@pytest.fixture
def hidden(artisan):
    """A pending artisan from Portugal with a published product, and a draft product of an approved one."""
    carpets = CraftFactory(slug="carpets")
    pending = ArtisanProfileFactory(user=artisan, business_name="Hiddenworkshop", country="PT",
                                    status=ArtisanProfile.Status.PENDING, certifications=["Secretlabel"],
                                    exported_before=True, crafts=[carpets])
    ProductFactory(artisan=pending, title="Hiddenrug", craft=carpets, materials=["secretwool"])
    approved = ArtisanProfileFactory(business_name="Visibleworkshop", country="ES", crafts=[CraftFactory()])
    ProductFactory(artisan=approved, title="Visiblebowl")
    ProductFactory(artisan=approved, title="Draftbowl", status=Product.Status.DRAFT, materials=["draftclay"])
    return pending


LIST_URLS = [
    ("catalog:artisan-list", ""),
    ("catalog:product-list", ""),
    ("catalog:artisan-list", "?q=hiddenworkshop"),
    ("catalog:product-list", "?q=hiddenrug"),
    ("catalog:product-list", "?q=draftbowl"),
    ("catalog:artisan-list", "?country=PT"),
    ("catalog:product-list", "?craft=carpets"),
    ("catalog:product-list", "?material=secretwool"),
    ("catalog:product-list", "?material=draftclay"),
]


@pytest.mark.parametrize(("name", "params"), LIST_URLS)
def test_hidden_things_never_appear_in_lists_search_or_facets(client, hidden, name, params):
    response = client.get(reverse(name) + params)
    html = response.content.decode()
    assert response.context["page"].items == [] or params == ""
    for secret in ("Hiddenworkshop", "Hiddenrug", "Draftbowl", "Portugal", "Secretlabel", "secretwool", "draftclay"):
        # What the visitor typed is echoed back in the form; nothing else may name a hidden thing.
        if secret.lower() not in params.lower():
            assert secret not in html


def test_counts_and_facets_leave_hidden_things_out(client, hidden):
    products = client.get(reverse("catalog:product-list")).context["page"]
    assert products.total == 1
    assert {o.value: o.count for o in products.facets["country"]} == {"ES": 1}
    assert {o.value: o.count for o in products.facets["craft"]} == {"ceramics": 1}
    assert {o.value: o.count for o in products.facets["exported"]} == {"1": 0}
    artisans = client.get(reverse("catalog:artisan-list")).context["page"]
    assert artisans.total == 1
    assert {o.value for o in artisans.facets["certification"]} == set()


@pytest.mark.parametrize("status", HIDDEN_STATUSES)
def test_unapproved_artisan_page_is_404_for_the_public(client, buyer, login, status):
    profile = ArtisanProfileFactory(status=status)
    product = ProductFactory(artisan=profile)
    assert client.get(reverse("catalog:artisan-detail", args=[profile.slug])).status_code == 404
    assert client.get(reverse("catalog:product-detail", args=[product.public_id])).status_code == 404
    login(buyer)
    assert client.get(reverse("catalog:artisan-detail", args=[profile.slug])).status_code == 404
    assert client.get(reverse("catalog:product-detail", args=[product.public_id])).status_code == 404


def test_draft_product_page_is_404_for_the_public_and_other_artisans(client, other_artisan, login):
    product = ProductFactory(status=Product.Status.DRAFT)
    url = reverse("catalog:product-detail", args=[product.public_id])
    assert client.get(url).status_code == 404
    login(other_artisan)
    assert client.get(url).status_code == 404


def test_owner_and_staff_may_preview_unapproved_pages(client, artisan, staff, login, hidden):
    draft = ProductFactory(artisan=hidden, status=Product.Status.DRAFT)
    for user in (artisan, staff):
        login(user)
        response = client.get(reverse("catalog:artisan-detail", args=[hidden.slug]))
        assert response.status_code == 200
        assert "Preview: this page is not public" in response.content.decode()
        assert client.get(reverse("catalog:product-detail", args=[draft.public_id])).status_code == 200
        # Preview never means listed.
        assert "Hiddenworkshop" not in client.get(reverse("catalog:artisan-list")).content.decode()


def test_artisan_page_lists_only_published_products(client, hidden):
    approved = ArtisanProfile.objects.get(business_name="Visibleworkshop")
    html = client.get(reverse("catalog:artisan-detail", args=[approved.slug])).content.decode()
    assert "Visiblebowl" in html
    assert "Draftbowl" not in html


def test_unknown_pages_are_404(client):
    assert client.get(reverse("catalog:artisan-detail", args=["nobody"])).status_code == 404
    assert client.get("/catalog/products/00000000-0000-0000-0000-000000000000/").status_code == 404
