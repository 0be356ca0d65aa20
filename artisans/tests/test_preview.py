from __future__ import annotations

import pytest
from django.urls import reverse

from artisans.tests.factories import ProductPhotoFactory
from catalog.tests.factories import ProductFactory

pytestmark = pytest.mark.django_db


def test_preview_shows_the_profile_and_only_published_products(login, profile):
    published = ProductFactory(artisan=profile, title="Green jug", status="published", materials=["clay"])
    ProductFactory(artisan=profile, title="Unfinished vase", status="draft")
    ProductPhotoFactory(product=published, alt_text="Green jug from the side")
    content = login(profile.user).get(reverse("artisans:preview")).content.decode()
    assert "Cerámica Moreno" in content
    assert "Green jug" in content
    assert "Unfinished vase" not in content
    # No rendition yet: the placeholder stands in, labelled with the photo's description.
    assert 'class="placeholder-image photo-card" role="img" aria-label="Green jug from the side"' in content


def test_preview_tells_a_pending_artisan_buyers_do_not_see_it_yet(login, profile):
    profile.status = "pending"
    profile.save()
    content = login(profile.user).get(reverse("artisans:preview")).content.decode()
    assert "once the agency approves your profile" in content


def test_preview_and_workshop_photo_pages_query_count_does_not_grow(login, profile):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from artisans.tests.factories import WorkshopPhotoFactory

    client = login(profile.user)
    urls = [reverse("artisans:preview"), reverse("artisans:profile-photos"), reverse("artisans:dashboard")]

    def counts() -> list[int]:
        result = []
        for url in urls:
            with CaptureQueriesContext(connection) as captured:
                assert client.get(url).status_code == 200
            result.append(len(captured))
        return result

    ProductPhotoFactory(product=ProductFactory(artisan=profile))
    WorkshopPhotoFactory(artisan=profile)
    few = counts()
    for _ in range(8):
        ProductPhotoFactory(product=ProductFactory(artisan=profile))
        WorkshopPhotoFactory(artisan=profile)
    assert counts() == few
