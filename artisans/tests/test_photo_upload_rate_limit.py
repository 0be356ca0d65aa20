"""Photos an account may send: PHOTO_UPLOAD_RATE_LIMIT, counted before a photo is decoded."""

from __future__ import annotations

import pytest
from django.urls import reverse

from artisans.models import WorkshopPhoto
from catalog.models import ProductPhoto
from common.tests.imaging import jpeg_bytes, truncated_jpeg_bytes, upload

pytestmark = pytest.mark.django_db

URL = reverse("artisans:profile-photos")


@pytest.fixture(autouse=True)
def _own_cache(settings):
    # The counters live in the cache: a cache of this test's own, so no other run counts along.
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                                   "LOCATION": "photo-upload-rate"}}
    settings.PHOTO_UPLOAD_RATE_LIMIT = "3/10m"
    from django.core.cache import cache

    cache.clear()


def test_photo_over_the_limit_is_refused_with_a_form_error_and_the_description_kept(login, profile, product):
    client = login(profile.user)
    # Workshop and product photos share the allowance, and a damaged photo counts (it was decoded).
    assert client.post(URL, {"image": upload(jpeg_bytes()), "alt_text": "The kiln"}).status_code == 302
    assert client.post(URL, {"image": upload(truncated_jpeg_bytes()), "alt_text": "Broken"}).status_code == 400
    product_url = reverse("artisans:product-photos", args=[product.public_id])
    assert client.post(product_url, {"image": upload(jpeg_bytes()), "alt_text": "Bowl"}).status_code == 302

    response = client.post(URL, {"image": upload(jpeg_bytes()), "alt_text": "The wheel"})

    assert response.status_code == 400
    content = response.content.decode()
    assert "You have sent 3 photos in the last 10 minutes" in content
    assert 'id="id_image_error"' in content
    assert 'value="The wheel"' in content
    assert WorkshopPhoto.objects.filter(artisan=profile).count() == 1
    assert ProductPhoto.objects.filter(product=product).count() == 1


def test_the_limit_is_per_account(login, profile, other_profile):
    client = login(profile.user)
    for _ in range(3):
        client.post(URL, {"image": upload(jpeg_bytes()), "alt_text": "A photo"})
    assert client.post(URL, {"image": upload(jpeg_bytes()), "alt_text": "One more"}).status_code == 400

    response = login(other_profile.user).post(URL, {"image": upload(jpeg_bytes()), "alt_text": "Mine"})

    assert response.status_code == 302
    assert WorkshopPhoto.objects.filter(artisan=other_profile).count() == 1


def test_a_logo_over_the_limit_keeps_the_profile_form_and_a_save_without_one_passes(login, profile):
    client = login(profile.user)
    for _ in range(3):
        client.post(URL, {"image": upload(jpeg_bytes()), "alt_text": "A photo"})
    form = client.get(reverse("artisans:profile-edit")).context["form"]
    data = {name: value for name, value in form.initial.items() if value not in (None, "") and name != "logo"}
    data.update(crafts=[craft.pk for craft in profile.crafts.all()], business_name="Cerámica Moreno e Hijos")

    refused = client.post(reverse("artisans:profile-edit"), {**data, "logo": upload(jpeg_bytes(), "logo.jpg")})
    saved = client.post(reverse("artisans:profile-edit"), data)

    assert refused.status_code == 400
    assert "You have sent 3 photos" in refused.content.decode()
    assert 'value="Cerámica Moreno e Hijos"' in refused.content.decode()
    assert saved.status_code == 302
    profile.refresh_from_db()
    assert profile.business_name == "Cerámica Moreno e Hijos"
    assert not profile.logo
