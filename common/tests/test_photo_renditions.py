"""Renditions of every photo kind are made by one task after commit; running it twice is harmless."""

from __future__ import annotations

import io

import pytest
from django.core.files.base import ContentFile
from PIL import Image

from artisans.tests.factories import ProductPhotoFactory, WorkshopPhotoFactory
from catalog.models import ProductPhoto
from catalog.tests.factories import ArtisanProfileFactory
from common.photos import services
from common.photos.tasks import make_renditions_task
from common.tests.imaging import png_bytes

pytestmark = pytest.mark.django_db

# Kinds are named by their model's label (common.photos.kinds).
PRODUCT, WORKSHOP, LOGO = "catalog.productphoto", "artisans.workshopphoto", "artisans.artisanprofile"


def size_of(field) -> tuple[int, int]:
    with field.open("rb") as stored:
        image = Image.open(io.BytesIO(stored.read()))
        assert image.format == "WEBP"
        return image.size


def files(settings) -> set[str]:
    return {str(p) for p in settings.MEDIA_ROOT.rglob("*") if p.is_file()}


def test_task_makes_three_webp_renditions_bounded_by_their_sizes():
    photo = ProductPhotoFactory(image=ContentFile(_jpeg(2400, 1800), name="p.jpg"))
    assert make_renditions_task.delay(PRODUCT, photo.pk).get() == ["thumb", "card", "large"]
    photo.refresh_from_db()
    assert size_of(photo.thumb) == (320, 240)
    assert size_of(photo.card) == (640, 480)
    assert size_of(photo.large) == (1600, 1200)


def _jpeg(width, height) -> bytes:
    from common.tests.imaging import jpeg_bytes

    return jpeg_bytes(width, height)


def test_running_the_task_twice_changes_nothing_the_second_time(settings):
    photo = ProductPhotoFactory()
    make_renditions_task(PRODUCT, photo.pk)
    photo.refresh_from_db()
    names = (photo.thumb.name, photo.card.name, photo.large.name)
    before = files(settings)
    assert make_renditions_task(PRODUCT, photo.pk) == []
    photo.refresh_from_db()
    assert (photo.thumb.name, photo.card.name, photo.large.name) == names
    assert files(settings) == before


def test_task_for_a_deleted_photo_does_nothing():
    photo = ProductPhotoFactory()
    photo_id = photo.pk
    photo.delete()
    assert make_renditions_task(PRODUCT, photo_id) == []


def test_only_missing_renditions_are_made_again(settings):
    photo = ProductPhotoFactory()
    make_renditions_task(PRODUCT, photo.pk)
    photo.refresh_from_db()
    card, large = photo.card.name, photo.large.name
    ProductPhoto.objects.filter(pk=photo.pk).update(thumb="")
    assert services.renditions_make(label=PRODUCT, pk=photo.pk) == ["thumb"]
    photo.refresh_from_db()
    assert photo.thumb and (photo.card.name, photo.large.name) == (card, large)


def test_workshop_photos_and_logos_get_renditions_too():
    workshop = WorkshopPhotoFactory()
    assert make_renditions_task(WORKSHOP, workshop.pk) == ["thumb", "card", "large"]
    profile = ArtisanProfileFactory()
    profile.logo.save("logo.png", ContentFile(png_bytes()), save=True)
    assert make_renditions_task(LOGO, profile.pk) == ["logo_thumb"]
    profile.refresh_from_db()
    assert size_of(profile.logo_thumb) == (40, 30)
    assert make_renditions_task(LOGO, profile.pk) == []


def test_unknown_kind_is_an_error():
    with pytest.raises(LookupError):
        services.renditions_make(label="accounts.avatar", pk=1)
    # The old names of kinds are not labels: nothing is dispatched by a free-form string.
    with pytest.raises(LookupError):
        services.renditions_make(label="product", pk=1)


def test_a_logo_is_queued_under_its_profile_label_and_id(django_capture_on_commit_callbacks, monkeypatch):
    queued = []
    monkeypatch.setattr(make_renditions_task, "delay", lambda *args: queued.append(args))
    profile = ArtisanProfileFactory()
    photo = WorkshopPhotoFactory(artisan=profile)
    with django_capture_on_commit_callbacks(execute=True):
        services.renditions_queue(profile)
        services.renditions_queue(photo)
    assert queued == [(LOGO, profile.pk), (WORKSHOP, photo.pk)]
