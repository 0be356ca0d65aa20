"""Staff replace and delete photos in the admin: renditions are made again, old files go after commit."""

from __future__ import annotations

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.urls import reverse

from artisans.models import WorkshopPhoto
from artisans.tests.factories import ProductPhotoFactory, WorkshopPhotoFactory
from catalog.models import ProductPhoto
from catalog.tests.factories import ArtisanProfileFactory
from catalog.tests.test_product_admin import inline_data
from common.photos import services as photo_services
from common.tests.imaging import jpeg_bytes, png_bytes, upload

pytestmark = pytest.mark.django_db


def _with_renditions(photo):
    with_files = photo_services.renditions_make(label=photo._meta.label_lower, pk=photo.pk)
    assert with_files
    photo.refresh_from_db()
    return photo_services.file_names(photo)


def test_a_photo_replaced_in_the_admin_gets_new_renditions_and_its_old_files_go(
    login, staff, django_capture_on_commit_callbacks
):
    photo = WorkshopPhotoFactory(alt_text="The kiln")
    old = _with_renditions(photo)
    url = reverse("admin:artisans_workshopphoto_change", args=[photo.pk])
    data = {"artisan": photo.artisan.pk, "image": upload(jpeg_bytes(800, 600)), "alt_text": "The new kiln", "position": 0}
    with django_capture_on_commit_callbacks(execute=True):
        response = login(staff).post(url, data)
    assert response.status_code == 302
    photo.refresh_from_db()
    new = photo_services.file_names(photo)
    assert len(new) == 4 and not set(new) & set(old)
    assert (photo.width, photo.height) == (800, 600)
    assert not any(default_storage.exists(name) for name in old)
    assert all(default_storage.exists(name) for name in new)


def test_a_photo_deleted_from_its_products_inline_takes_its_files_along(
    login, staff, django_capture_on_commit_callbacks
):
    photo = ProductPhotoFactory()
    names = _with_renditions(photo)
    product = photo.product
    data = inline_data(product, **{
        "photos-INITIAL_FORMS": "1", "photos-0-id": str(photo.pk), "photos-0-product": str(product.pk),
        "photos-0-alt_text": photo.alt_text, "photos-0-DELETE": "on",
    })
    with django_capture_on_commit_callbacks(execute=True):
        response = login(staff).post(reverse("admin:catalog_product_change", args=[product.pk]), data)
    assert response.status_code == 302, response.context["errors"] if response.context else response
    assert not ProductPhoto.objects.filter(pk=photo.pk).exists()
    assert not any(default_storage.exists(name) for name in names)


def test_a_replaced_logo_loses_its_old_thumbnail_and_gets_a_new_one(django_capture_on_commit_callbacks):
    profile = ArtisanProfileFactory()
    profile.logo.save("logo.png", ContentFile(png_bytes()), save=True)
    old = _with_renditions(profile)
    profile.logo.save("new.png", ContentFile(png_bytes()), save=True)
    with django_capture_on_commit_callbacks(execute=True):
        photo_services.image_replaced(obj=profile, old_names=old)
    profile.refresh_from_db()
    assert profile.logo_thumb and profile.logo_thumb.name not in old
    assert not any(default_storage.exists(name) for name in old)


def test_a_workshop_photo_deleted_through_the_service_closes_the_gap(django_capture_on_commit_callbacks):
    first = WorkshopPhotoFactory(position=0)
    second = WorkshopPhotoFactory(artisan=first.artisan, position=1)
    third = WorkshopPhotoFactory(artisan=first.artisan, position=2)
    names = photo_services.file_names(second)
    with django_capture_on_commit_callbacks(execute=True):
        photo_services.photo_delete(photo=second)
    assert list(WorkshopPhoto.objects.filter(artisan=first.artisan).values_list("pk", "position")) == [
        (first.pk, 0), (third.pk, 1)]
    assert not any(default_storage.exists(name) for name in names)
