from __future__ import annotations

from decimal import Decimal

import pytest

from catalog import services
from catalog.models import Product
from catalog.search import refresh_documents
from catalog.tests.factories import ArtisanProfileFactory, CraftFactory

pytestmark = pytest.mark.django_db


def data(**overrides) -> dict:
    values = {
        "title": "Tajine à l'ancienne", "description": "Terre cuite émaillée.", "language": "fr",
        "craft": CraftFactory(slug="ceramics"), "materials": ["argile"], "techniques": [], "colours": ["vert"],
        "currency": "MAD", "wholesale_price": Decimal("250.00"), "min_order_qty": 20, "lead_time_days": 20,
        "status": "published",
    }
    values.update(overrides)
    return values


def test_create_keeps_the_usd_price_and_the_search_document():
    product = services.product_create(artisan=ArtisanProfileFactory(), data=data())
    assert product.wholesale_price_usd == Decimal("25.00")  # read back from the database
    refresh_documents()  # what the next search does first
    product.refresh_from_db()
    # Folded (accent-free) text is indexed.
    assert "ancienn" in str(product.search_vector)
    assert "argil" in str(product.search_vector)


@pytest.mark.parametrize(("currency", "usd"), [("EUR", Decimal("270.00")), ("USD", Decimal("250.00")), ("MAD", Decimal("25.00"))])
def test_update_recomputes_usd_for_each_currency(currency, usd):
    product = services.product_create(artisan=ArtisanProfileFactory(), data=data())
    services.product_update(product=product, data={"currency": currency, "title": "Plat"})
    assert product.wholesale_price_usd == usd
    refresh_documents()
    product.refresh_from_db()
    assert product.wholesale_price_usd == usd
    assert "plat" in str(product.search_vector)


def test_set_status_is_harmless_twice():
    product = services.product_create(artisan=ArtisanProfileFactory(), data=data(status="draft"))
    assert services.product_set_status(product=product, status=Product.Status.PUBLISHED) is True
    assert services.product_set_status(product=product, status=Product.Status.PUBLISHED) is False
    product.refresh_from_db()
    assert product.status == "published"
    with pytest.raises(ValueError):
        services.product_set_status(product=product, status="archived")
