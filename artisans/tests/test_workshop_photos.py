from __future__ import annotations

import pytest
from django.urls import reverse

from artisans.models import WorkshopPhoto
from artisans.tests.factories import WorkshopPhotoFactory
from common.tests.imaging import jpeg_bytes, truncated_jpeg_bytes, upload

pytestmark = pytest.mark.django_db

URL = reverse("artisans:profile-photos")


def stored_files(settings) -> list:
    return [p for p in settings.MEDIA_ROOT.rglob("*") if p.is_file()] if settings.MEDIA_ROOT.exists() else []


def test_upload_stores_a_cleaned_photo_with_renditions(login, profile, settings, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = login(profile.user).post(URL, {"image": upload(jpeg_bytes(2000, 1500, gps=True)), "alt_text": "The kiln"})
    assert response.status_code == 302
    photo = WorkshopPhoto.objects.get(artisan=profile)
    assert photo.alt_text == "The kiln"
    assert (photo.width, photo.height) == (2000, 1500)
    assert photo.thumb and photo.card and photo.large
    page = login(profile.user).get(URL).content.decode()
    assert photo.thumb.url in page
    assert 'alt="The kiln"' in page


def test_bad_upload_keeps_the_description_and_stores_nothing(login, profile, settings):
    response = login(profile.user).post(URL, {"image": upload(truncated_jpeg_bytes()), "alt_text": "The kiln"})
    assert response.status_code == 400
    content = response.content.decode()
    assert 'value="The kiln"' in content
    assert 'id="id_image_error"' in content
    assert not WorkshopPhoto.objects.exists()
    assert stored_files(settings) == []


def test_photos_are_reordered_and_deleted_with_their_files(login, profile, settings, django_capture_on_commit_callbacks):
    first, second, third = (WorkshopPhotoFactory(artisan=profile, position=i) for i in range(3))
    client = login(profile.user)
    client.post(reverse("artisans:workshop-photo-move", args=[third.pk]), {"direction": "up"})
    assert list(WorkshopPhoto.objects.filter(artisan=profile).values_list("pk", flat=True)) == [first.pk, third.pk, second.pk]
    client.post(reverse("artisans:workshop-photo-move", args=[first.pk]), {"direction": "up"})  # already first
    assert WorkshopPhoto.objects.filter(artisan=profile).first() == first

    name = first.image.name
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("artisans:workshop-photo-delete", args=[first.pk]))
    assert response.status_code == 302
    assert list(WorkshopPhoto.objects.filter(artisan=profile).values_list("pk", "position")) == [(third.pk, 0), (second.pk, 1)]
    assert not first.image.storage.exists(name)
