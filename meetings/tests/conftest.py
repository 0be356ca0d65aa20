"""Profiles for the shared personas: the artisan's workshop in Madrid, the buyer's shop in New York."""

from __future__ import annotations

import pytest

from catalog.tests.factories import ArtisanProfileFactory, ProductFactory
from meetings.tests.factories import BuyerProfileFactory


@pytest.fixture
def workshop(artisan):
    return ArtisanProfileFactory(user=artisan, slug="ceramica-moreno", business_name="Cerámica Moreno",
                                 time_zone="Europe/Madrid")


@pytest.fixture
def other_workshop(other_artisan):
    return ArtisanProfileFactory(user=other_artisan, slug="poterie-alami", business_name="Poterie Alami",
                                 country="MA", city="Fez", time_zone="Africa/Casablanca")


@pytest.fixture
def shop(buyer):
    return BuyerProfileFactory(user=buyer, organisation_name="Met Store")


@pytest.fixture
def other_shop(other_buyer):
    return BuyerProfileFactory(user=other_buyer, organisation_name="LACMA Store", city="Los Angeles")


@pytest.fixture
def product(workshop):
    return ProductFactory(artisan=workshop, title="Green glazed bowl")
