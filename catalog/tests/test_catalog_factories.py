from __future__ import annotations

import pytest

from catalog.models import Product
from catalog.tests.factories import ArtisanProfileFactory, CraftFactory, ProductFactory

pytestmark = pytest.mark.django_db


def test_product_factory_makes_a_published_indexed_product_of_an_approved_artisan():
    product = ProductFactory(craft=CraftFactory(slug="textiles"))
    product.refresh_from_db()
    assert product.status == Product.Status.PUBLISHED
    assert product.artisan.is_approved
    assert product.artisan.user.is_artisan
    assert product.craft.name_en == "Textiles and embroidery"
    assert product.search_vector
    assert product.wholesale_price_usd > 0


def test_artisan_factory_sets_crafts_and_indexes():
    artisan = ArtisanProfileFactory(crafts=[CraftFactory(slug="leather")])
    artisan.refresh_from_db()
    assert [c.slug for c in artisan.crafts.all()] == ["leather"]
    assert "leather" in str(artisan.search_vector)
