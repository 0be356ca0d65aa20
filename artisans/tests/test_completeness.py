from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from artisans.selectors import profile_completeness
from artisans.tests.factories import WorkshopPhotoFactory
from catalog.tests.factories import ArtisanProfileFactory, CraftFactory, ProductFactory
from common.tests.imaging import png_bytes

pytestmark = pytest.mark.django_db


def labels(completeness) -> list[str]:
    return [str(item.label) for item in completeness.missing]


def test_bare_profile_lists_what_is_missing_in_order(artisan):
    profile = ArtisanProfileFactory(user=artisan, city="", story="", languages_spoken=[])
    result = profile_completeness(profile)
    assert result.percent == round(100 * 1 / 16)
    assert labels(result)[:3] == ["Your crafts", "Country and city", "The story of your workshop (a few sentences at least)"]
    assert "At least one published product" in labels(result)
    assert not result.is_complete


def test_complete_profile_has_nothing_missing(artisan):
    profile = ArtisanProfileFactory(
        user=artisan, crafts=[CraftFactory(slug="ceramics")], story="x" * 200, languages_spoken=["es"],
        year_founded=1990, team_size=3, website="https://example.org", monthly_capacity=100, lead_time_days=30,
        min_order_value=Decimal("0"), incoterms=["EXW"], payment_terms="Prepaid",
    )
    profile.logo.save("logo.png", ContentFile(png_bytes()), save=True)
    WorkshopPhotoFactory(artisan=profile)
    ProductFactory(artisan=profile)
    result = profile_completeness(profile)
    assert result.missing == []
    assert result.percent == 100


def test_draft_product_does_not_count_as_published(artisan):
    profile = ArtisanProfileFactory(user=artisan)
    ProductFactory(artisan=profile, status="draft")
    assert "At least one published product" in labels(profile_completeness(profile))


def test_dashboard_shows_the_meter_and_links_to_what_is_missing(login, artisan):
    ArtisanProfileFactory(user=artisan, story="")
    content = login(artisan).get(reverse("artisans:dashboard")).content.decode()
    assert 'role="meter"' in content
    assert f'href="{reverse("artisans:profile-edit")}#id_story"' in content
    assert f'href="{reverse("artisans:profile-photos")}"' in content
