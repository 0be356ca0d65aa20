"""An artisan changes a photo's description (its alt text) without uploading it again."""

from __future__ import annotations

import pytest
from django.urls import reverse

from artisans.tests.factories import ProductPhotoFactory, WorkshopPhotoFactory
from catalog.tests.factories import ProductFactory

pytestmark = pytest.mark.django_db


def test_a_workshop_photos_description_is_changed_in_place(login, profile):
    photo = WorkshopPhotoFactory(artisan=profile, alt_text="Kiln")
    response = login(profile.user).post(reverse("artisans:workshop-photo-describe", args=[photo.pk]),
                                        {"alt_text": "  The wood-fired kiln, lit at dusk  "})
    assert response.status_code == 302
    photo.refresh_from_db()
    assert photo.alt_text == "The wood-fired kiln, lit at dusk"
    page = login(profile.user).get(reverse("artisans:profile-photos")).content.decode()
    assert "The photo&#x27;s description is saved." in page
    assert f'id="id_photo_{photo.pk}_alt_text"' in page


def test_an_empty_description_is_refused_beside_its_photo_and_the_others_keep_theirs(login, profile):
    first = WorkshopPhotoFactory(artisan=profile, alt_text="The kiln", position=0)
    second = WorkshopPhotoFactory(artisan=profile, alt_text="The wheel", position=1)
    response = login(profile.user).post(reverse("artisans:workshop-photo-describe", args=[second.pk]), {"alt_text": " "})
    assert response.status_code == 400
    page = response.content.decode()
    assert f'id="id_photo_{second.pk}_alt_text_error"' in page
    assert f'id="id_photo_{first.pk}_alt_text_error"' not in page
    assert 'value="The kiln"' in page
    second.refresh_from_db()
    assert second.alt_text == "The wheel"


def test_a_product_photos_description_goes_through_the_product_service(login, profile):
    product = ProductFactory(artisan=profile)
    photo = ProductPhotoFactory(product=product, alt_text="Bowl")
    url = reverse("artisans:product-photo-describe", args=[product.public_id, photo.pk])
    response = login(profile.user).post(url, {"alt_text": "Blue glazed bowl seen from above"})
    assert response.status_code == 302
    assert response.url == reverse("artisans:product-photos", args=[product.public_id])
    photo.refresh_from_db()
    assert photo.alt_text == "Blue glazed bowl seen from above"


def test_another_artisans_photo_is_not_found_and_keeps_its_description(login, profile):
    other = WorkshopPhotoFactory(alt_text="Their kiln")
    response = login(profile.user).post(reverse("artisans:workshop-photo-describe", args=[other.pk]),
                                        {"alt_text": "Mine now"})
    assert response.status_code == 404
    other.refresh_from_db()
    assert other.alt_text == "Their kiln"
