"""Uploads at once to a product or a workshop one short of full: exactly the limit is stored."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from artisans.models import MAX_WORKSHOP_PHOTOS, WorkshopPhoto
from artisans.tests.factories import ProductPhotoFactory, WorkshopPhotoFactory
from catalog import services
from catalog.models import MAX_PHOTOS_PER_PRODUCT, ProductPhoto
from catalog.tests.factories import ArtisanProfileFactory, ProductFactory
from common.images import clean_uploaded_image
from common.limits import LimitReached
from common.photos import services as photo_services
from common.tests.imaging import jpeg_bytes, upload
from common.tests.races import race

pytestmark = pytest.mark.django_db(transaction=True)

AT_ONCE = 6


def _images(n: int) -> list:
    return [clean_uploaded_image(upload(jpeg_bytes())) for _ in range(n)]


def test_uploads_at_once_to_a_product_stop_at_its_limit():
    product = ProductFactory()
    for position in range(MAX_PHOTOS_PER_PRODUCT - 2):
        ProductPhotoFactory(product=product, position=position)
    calls = [
        (lambda image=image, n=n: services.product_photo_add(product=product, image=image, alt_text=f"at once {n}"))
        for n, image in enumerate(_images(AT_ONCE))
    ]
    result = race(calls, refused=LimitReached)
    assert result.errors == []
    assert len(result.wins) == 2 and len(result.refusals) == AT_ONCE - 2
    photos = ProductPhoto.objects.filter(product=product).order_by("position")
    assert photos.count() == MAX_PHOTOS_PER_PRODUCT
    assert list(photos.values_list("position", flat=True)) == list(range(MAX_PHOTOS_PER_PRODUCT))


def test_uploads_at_once_to_a_workshop_stop_at_its_limit():
    profile = ArtisanProfileFactory()
    for position in range(MAX_WORKSHOP_PHOTOS - 1):
        WorkshopPhotoFactory(artisan=profile, position=position)
    calls = [
        (lambda image=image: photo_services.photo_add(model=WorkshopPhoto, owner=profile, image=image, alt_text="at once"))
        for image in _images(AT_ONCE)
    ]
    result = race(calls, refused=LimitReached)
    assert result.errors == []
    assert len(result.wins) == 1 and len(result.refusals) == AT_ONCE - 1
    assert WorkshopPhoto.objects.filter(artisan=profile).count() == MAX_WORKSHOP_PHOTOS


def test_artisan_uploading_from_several_tabs_at_once_gets_the_limit_and_a_400_for_the_rest():
    product = ProductFactory()
    for position in range(MAX_PHOTOS_PER_PRODUCT - 1):
        ProductPhotoFactory(product=product, position=position)
    url = reverse("artisans:product-photos", args=[product.public_id])
    clients = [Client() for _ in range(AT_ONCE)]
    for client in clients:
        client.force_login(product.artisan.user)
    calls = [
        (lambda client=client: client.post(url, {"image": upload(jpeg_bytes()), "alt_text": "tab"}).status_code)
        for client in clients
    ]
    result = race(calls, refused=())
    assert result.errors == []
    assert sorted(result.wins) == [302] + [400] * (AT_ONCE - 1)
    assert ProductPhoto.objects.filter(product=product).count() == MAX_PHOTOS_PER_PRODUCT
