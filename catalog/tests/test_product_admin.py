"""Staff manage products, photos and the craft taxonomy in the admin; uploads are validated there too."""

from __future__ import annotations

import pytest
from django.urls import reverse

from artisans.tests.factories import ProductPhotoFactory, WorkshopPhotoFactory
from catalog.models import Craft, Product, ProductPhoto
from catalog.search import refresh_documents
from catalog.tests.factories import ProductFactory
from common.tests.imaging import SVG, jpeg_bytes, upload

pytestmark = pytest.mark.django_db


def inline_data(product, **photo) -> dict:
    data = {
        "artisan": product.artisan.pk, "title": "Renamed in admin", "description": "", "language": "en",
        "craft": product.craft.pk, "materials": "clay", "techniques": "", "colours": "",
        "currency": "USD", "wholesale_price": "12.00", "min_order_qty": "5", "lead_time_days": "10", "status": "published",
        "photos-TOTAL_FORMS": "1", "photos-INITIAL_FORMS": "0", "photos-MIN_NUM_FORMS": "0", "photos-MAX_NUM_FORMS": "1000",
        "photos-0-alt_text": "From above", "photos-0-position": "0",
    }
    data.update(photo)
    return data


def test_admin_pages_open_for_staff(login, staff):
    client = login(staff)
    product = ProductFactory()
    photo = ProductPhotoFactory(product=product)
    workshop = WorkshopPhotoFactory(artisan=product.artisan)
    for url in [
        reverse("admin:catalog_product_changelist"), reverse("admin:catalog_product_change", args=[product.pk]),
        reverse("admin:catalog_productphoto_changelist"), reverse("admin:catalog_productphoto_change", args=[photo.pk]),
        reverse("admin:catalog_craft_changelist"), reverse("admin:catalog_craft_add"),
        reverse("admin:artisans_workshopphoto_changelist"), reverse("admin:artisans_workshopphoto_change", args=[workshop.pk]),
        reverse("admin:artisans_artisanprofile_change", args=[product.artisan.pk]),
    ]:
        assert client.get(url).status_code == 200, url


def test_admin_product_save_recomputes_usd_and_adds_a_cleaned_photo_with_renditions(
    login, staff, django_capture_on_commit_callbacks
):
    product = ProductFactory()
    url = reverse("admin:catalog_product_change", args=[product.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = login(staff).post(url, inline_data(product, **{"photos-0-image": upload(jpeg_bytes(gps=True))}))
    assert response.status_code == 302, response.context["errors"] if response.context else response
    refresh_documents()  # what the next search does first
    product.refresh_from_db()
    assert product.wholesale_price_usd == 12
    assert "renam" in str(product.search_vector)
    photo = ProductPhoto.objects.get(product=product)
    assert photo.image.name.endswith(".jpg") and photo.thumb and photo.large


def test_admin_photo_upload_is_validated_like_the_artisans(login, staff, settings):
    product = ProductFactory()
    url = reverse("admin:catalog_product_change", args=[product.pk])
    response = login(staff).post(url, inline_data(product, **{"photos-0-image": upload(SVG, "x.jpg")}))
    assert response.status_code == 200
    assert "not a photo we can read" in response.content.decode()
    assert not ProductPhoto.objects.exists()
    assert Product.objects.get(pk=product.pk).title != "Renamed in admin"


def test_staff_extend_the_craft_taxonomy(login, staff):
    response = login(staff).post(reverse("admin:catalog_craft_add"), {
        "slug": "marquetry", "name_en": "Marquetry", "name_fr": "Marqueterie", "name_es": "Taracea",
        "name_ar": "", "position": "20",
    })
    assert response.status_code == 302
    assert Craft.objects.get(slug="marquetry").name_fr == "Marqueterie"


def test_buyers_and_artisans_cannot_open_the_admin(login, buyer):
    response = login(buyer).get(reverse("admin:catalog_product_changelist"))
    assert response.status_code == 302
