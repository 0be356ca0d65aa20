"""Product photos: every bad upload is refused with a message, a 400 and nothing stored."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from PIL import ExifTags, Image

from artisans.tests.factories import ProductPhotoFactory
from catalog.models import MAX_PHOTOS_PER_PRODUCT, ProductPhoto
from catalog.tests.factories import ArtisanProfileFactory, ProductFactory
from common.tests.imaging import SVG, jpeg_bytes, png_bomb_bytes, truncated_jpeg_bytes, upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def product(artisan):
    artisan.language = "en"
    artisan.save(update_fields=["language"])
    return ProductFactory(artisan=ArtisanProfileFactory(user=artisan), title="Blue bowl", status="draft")


def url(product) -> str:
    return reverse("artisans:product-photos", args=[product.public_id])


def stored_files(settings) -> list:
    return [p for p in settings.MEDIA_ROOT.rglob("*") if p.is_file()] if settings.MEDIA_ROOT.exists() else []


BAD_UPLOADS = [
    pytest.param(lambda: upload(b"Dear buyer,\nthis is text.\n" * 50, "photo.jpg"), "not a photo we can read", id="text-renamed-jpg"),
    pytest.param(lambda: upload(truncated_jpeg_bytes(), "photo.jpg"), "damaged or incomplete", id="truncated-jpeg"),
    pytest.param(lambda: upload(png_bomb_bytes(), "tiny.png", "image/png"), "too large", id="png-declaring-50000x50000"),
    pytest.param(lambda: upload(SVG, "drawing.svg", "image/svg+xml"), "not a photo we can read", id="svg"),
    pytest.param(lambda: upload(b"\xff\xd8\xff" + b"\0" * (8 * 1024 * 1024 + 10), "huge.jpg"), "at most", id="over-size-limit"),
]


@pytest.mark.parametrize(("make_file", "message"), BAD_UPLOADS)
def test_bad_upload_is_refused_with_a_clear_message_and_nothing_stored(login, product, settings, make_file, message):
    response = login(product.artisan.user).post(url(product), {"image": make_file(), "alt_text": "Bowl from above"})
    assert response.status_code == 400
    content = response.content.decode()
    assert message in content
    assert 'id="id_image_error"' in content
    assert 'value="Bowl from above"' in content
    assert not ProductPhoto.objects.exists()
    assert stored_files(settings) == []


def test_missing_description_is_refused(login, product, settings):
    response = login(product.artisan.user).post(url(product), {"image": upload(jpeg_bytes()), "alt_text": ""})
    assert response.status_code == 400
    assert response.context["form"].has_error("alt_text", "required")
    assert stored_files(settings) == []


def test_good_upload_stores_the_cleaned_original_without_gps(login, product, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = login(product.artisan.user).post(
            url(product), {"image": upload(jpeg_bytes(64, 48, orientation=6, gps=True), "IMG_0001.JPG"), "alt_text": "Bowl"}
        )
    assert response.status_code == 302
    photo = ProductPhoto.objects.get(product=product)
    assert photo.image.name.startswith(f"products/{product.public_id}/")
    assert (photo.width, photo.height) == (48, 64)
    with photo.image.open("rb") as stored:
        image = Image.open(io.BytesIO(stored.read()))
    assert image.size == (48, 64)
    assert not image.getexif().get_ifd(ExifTags.IFD.GPSInfo)
    assert ExifTags.Base.Orientation not in image.getexif()
    assert photo.thumb and photo.card and photo.large


def test_photos_are_appended_reordered_and_deleted(login, product, django_capture_on_commit_callbacks):
    client = login(product.artisan.user)
    for alt in ("one", "two", "three"):
        client.post(url(product), {"image": upload(jpeg_bytes()), "alt_text": alt})
    ordered = lambda: list(ProductPhoto.objects.filter(product=product).values_list("alt_text", flat=True))  # noqa: E731
    assert ordered() == ["one", "two", "three"]
    three = ProductPhoto.objects.get(alt_text="three")
    client.post(reverse("artisans:product-photo-move", args=[product.public_id, three.pk]), {"direction": "up"})
    assert ordered() == ["one", "three", "two"]
    one = ProductPhoto.objects.get(alt_text="one")
    client.post(reverse("artisans:product-photo-move", args=[product.public_id, one.pk]), {"direction": "down"})
    assert ordered() == ["three", "one", "two"]
    name = one.image.name
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("artisans:product-photo-delete", args=[product.public_id, one.pk]))
    assert ordered() == ["three", "two"]
    assert list(ProductPhoto.objects.filter(product=product).values_list("position", flat=True)) == [0, 1]
    assert not one.image.storage.exists(name)


def test_photo_limit_per_product(login, product, settings):
    for _ in range(MAX_PHOTOS_PER_PRODUCT):
        ProductPhotoFactory(product=product)
    response = login(product.artisan.user).post(url(product), {"image": upload(jpeg_bytes()), "alt_text": "more"})
    assert response.status_code == 400
    assert ProductPhoto.objects.filter(product=product).count() == MAX_PHOTOS_PER_PRODUCT
