"""The artisan's product pages: list, create, edit, publish, delete (permissions: artisans/tests)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from artisans.tests.factories import ProductPhotoFactory
from catalog.models import Product, ProductPhoto
from catalog.search import refresh_documents
from catalog.tests.factories import ArtisanProfileFactory, CraftFactory, ProductFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def profile(artisan):
    artisan.language = "en"
    artisan.save(update_fields=["language"])
    return ArtisanProfileFactory(user=artisan, business_name="Cerámica Moreno", currency="MAD", language="fr")


def form_data(**overrides) -> dict:
    data = {
        "title": "Green tajine", "description": "Glazed clay.", "language": "en",
        "craft": CraftFactory(slug="ceramics").pk, "materials": "Clay, glaze", "techniques": "", "colours": "green",
        "width_cm": "", "height_cm": "", "depth_cm": "", "weight_kg": "", "currency": "MAD",
        "wholesale_price": "250", "retail_price": "", "min_order_qty": "12", "lead_time_days": "20",
        "monthly_capacity": "", "status": "published",
    }
    data.update(overrides)
    return data


def test_create_form_starts_from_the_profiles_language_and_currency(login, profile):
    form = login(profile.user).get(reverse("artisans:product-create")).context["form"]
    assert form["currency"].value() == "MAD"
    assert form["language"].value() == "fr"


def test_create_saves_and_leads_to_the_photos(login, profile):
    response = login(profile.user).post(reverse("artisans:product-create"), form_data())
    product = Product.objects.get(artisan=profile)
    assert response.status_code == 302
    assert response.url == reverse("artisans:product-photos", args=[product.public_id])
    assert product.materials == ["clay", "glaze"]
    assert product.wholesale_price_usd == Decimal("25.00")
    assert product.status == "published"


def test_invalid_create_keeps_the_input_and_saves_nothing(login, profile):
    response = login(profile.user).post(reverse("artisans:product-create"), form_data(wholesale_price="0"))
    assert response.status_code == 400
    content = response.content.decode()
    assert 'value="Green tajine"' in content
    assert 'value="Clay, glaze"' in content  # exactly as typed
    assert 'id="id_wholesale_price_error"' in content
    assert not Product.objects.exists()


def test_edit_changes_own_product(login, profile):
    product = ProductFactory(artisan=profile, title="Old", status="draft")
    response = login(profile.user).post(reverse("artisans:product-edit", args=[product.public_id]),
                                        form_data(title="New title", currency="EUR", wholesale_price="10"))
    assert response.status_code == 302
    refresh_documents()  # what the next search does first
    product.refresh_from_db()
    assert product.title == "New title"
    assert product.wholesale_price_usd == Decimal("10.80")
    assert "new" in str(product.search_vector)


def test_publish_and_unpublish(login, profile):
    product = ProductFactory(artisan=profile, status="draft")
    client = login(profile.user)
    url = reverse("artisans:product-status", args=[product.public_id])
    client.post(url, {"action": "publish"})
    product.refresh_from_db()
    assert product.status == "published"
    client.post(url, {"action": "unpublish"})
    product.refresh_from_db()
    assert product.status == "draft"


def test_delete_asks_first_then_removes_product_photos_and_files(login, profile, django_capture_on_commit_callbacks):
    product = ProductFactory(artisan=profile)
    photo = ProductPhotoFactory(product=product)
    storage, name = photo.image.storage, photo.image.name
    client = login(profile.user)
    url = reverse("artisans:product-delete", args=[product.public_id])
    assert client.get(url).status_code == 200
    assert Product.objects.filter(pk=product.pk).exists()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url)
    assert response.status_code == 302
    assert not Product.objects.filter(pk=product.pk).exists()
    assert not ProductPhoto.objects.exists()
    assert not storage.exists(name)


def test_list_shows_own_products_with_drafts(login, profile):
    ProductFactory(artisan=profile, title="A draft", status="draft")
    ProductFactory(artisan=profile, title="A published one", status="published")
    ProductFactory(title="Someone else's")
    content = login(profile.user).get(reverse("artisans:product-list")).content.decode()
    assert "A draft" in content and "A published one" in content
    assert "Someone else" not in content


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_product_list_query_count_does_not_grow_with_products(login, profile):
    client = login(profile.user)
    url = reverse("artisans:product-list")
    crafts = [CraftFactory(slug="ceramics"), CraftFactory(slug="textiles")]
    ProductPhotoFactory(product=ProductFactory(artisan=profile, craft=crafts[0]))
    few = _queries(client, url)
    for i in range(15):
        product = ProductFactory(artisan=profile, craft=crafts[i % 2], status="draft" if i % 3 else "published")
        ProductPhotoFactory(product=product)
        ProductPhotoFactory(product=product)
    many = _queries(client, url)
    assert few == many
