from __future__ import annotations

import pytest

from catalog.tests.factories import ArtisanProfileFactory, CraftFactory, ProductFactory


@pytest.fixture
def profile(artisan):
    """The `artisan` persona's approved profile; pages in English so assertions read plainly."""
    artisan.language = "en"
    artisan.save(update_fields=["language"])
    return ArtisanProfileFactory(user=artisan, business_name="Cerámica Moreno", slug="ceramica-moreno",
                                 crafts=[CraftFactory(slug="ceramics")])


@pytest.fixture
def other_profile(other_artisan):
    return ArtisanProfileFactory(user=other_artisan, business_name="Atelier Alami", slug="atelier-alami")


@pytest.fixture
def product(profile):
    return ProductFactory(artisan=profile, title="Blue bowl", status="draft")


@pytest.fixture
def other_product(other_profile):
    return ProductFactory(artisan=other_profile, title="Secret draft", status="draft")
