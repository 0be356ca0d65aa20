"""USD prices and search documents are current whatever writes the row: service, admin, update(), SQL."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import connection
from django.http import QueryDict
from django.urls import reverse

from catalog import services
from catalog.models import Craft, ExchangeRate, Product
from catalog.selectors import CatalogQuery, search_artisans, search_products, usd_per_unit
from catalog.tests.factories import ArtisanProfileFactory, CraftFactory, ProductFactory
from catalog.tests.test_product_admin import inline_data

pytestmark = pytest.mark.django_db


def found(params: str) -> list[str]:
    page = search_products(CatalogQuery.from_params(QueryDict(params), allow_prices=True))
    return [p.title for p in page.items]


def usd(title: str) -> Decimal:
    return Product.objects.get(title=title).wholesale_price_usd


@pytest.fixture
def lanterns(login, staff):
    """Four lanterns, each written by another path, none of which asks for its derived data."""
    artisan = ArtisanProfileFactory()
    craft = CraftFactory(slug="lighting")  # a craft of these four only
    services.product_create(artisan=artisan, data={
        "title": "Copper lantern", "craft": craft, "currency": "EUR", "wholesale_price": Decimal("10"),
        "status": Product.Status.PUBLISHED,
    })
    by_admin = ProductFactory(artisan=artisan, craft=craft, title="Unnamed", indexed=False)
    response = login(staff).post(
        reverse("admin:catalog_product_change", args=[by_admin.pk]),
        {**inline_data(by_admin, **{"photos-TOTAL_FORMS": "0"}), "title": "Brass lantern", "currency": "MAD",
         "wholesale_price": "50.00"},
    )
    assert response.status_code == 302
    by_update = ProductFactory(artisan=artisan, craft=craft, title="Unnamed", indexed=False)
    Product.objects.filter(pk=by_update.pk).update(title="Tin lantern", currency="USD", wholesale_price=Decimal("30"))
    by_sql = ProductFactory(artisan=artisan, craft=craft, title="Unnamed", indexed=False)
    with connection.cursor() as cursor:
        cursor.execute("UPDATE catalog_product SET title = 'Glass lantern', currency = 'MAD', wholesale_price = 200 "
                       "WHERE id = %s", [by_sql.pk])
    return artisan


def test_each_write_path_is_found_by_search_and_sorted_by_its_usd_price(lanterns):
    assert {t: usd(t) for t in ("Brass lantern", "Copper lantern", "Glass lantern", "Tin lantern")} == {
        "Brass lantern": Decimal("5.00"), "Copper lantern": Decimal("10.80"),
        "Glass lantern": Decimal("20.00"), "Tin lantern": Decimal("30.00"),
    }
    assert found("q=lantern&sort=price") == ["Brass lantern", "Copper lantern", "Glass lantern", "Tin lantern"]
    assert sorted(found("q=lanterns&price_max=11")) == ["Brass lantern", "Copper lantern"]
    assert found("q=unnamed") == []


def test_a_rate_staff_edit_in_the_admin_reprices_its_currency(lanterns, login, staff):
    response = login(staff).post(reverse("admin:catalog_exchangerate_change", args=["MAD"]), {"usd_per_unit": "0.25"})
    assert response.status_code == 302
    assert usd_per_unit()["MAD"] == Decimal("0.25")
    assert usd("Brass lantern") == Decimal("12.50") and usd("Glass lantern") == Decimal("50.00")
    assert found("q=lantern&sort=price") == ["Copper lantern", "Brass lantern", "Tin lantern", "Glass lantern"]


def test_a_rate_written_in_sql_reprices_too_and_usd_is_kept_at_one():
    product = ProductFactory(currency="EUR", wholesale_price=Decimal("100"))
    ExchangeRate.objects.filter(currency="EUR").update(usd_per_unit=Decimal("1.2"))
    product.refresh_from_db()
    assert product.wholesale_price_usd == Decimal("120.00")
    # A hand-written USD price does not stick: the database derives it again.
    Product.objects.filter(pk=product.pk).update(wholesale_price_usd=1)
    product.refresh_from_db()
    assert product.wholesale_price_usd == Decimal("120.00")
    with pytest.raises(Exception, match="exchange_rate_usd_is_one"):
        ExchangeRate.objects.filter(currency="USD").update(usd_per_unit=2)


def test_a_craft_renamed_in_sql_is_found_under_its_new_name(lanterns):
    Craft.objects.filter(slug="lighting").update(name_en="Moonware")
    assert sorted(found("q=moonware")) == ["Brass lantern", "Copper lantern", "Glass lantern", "Tin lantern"]


def test_an_artisan_written_in_sql_and_its_crafts_are_found():
    artisan = ArtisanProfileFactory(business_name="Atelier Quiet", story="", crafts=[CraftFactory(slug="leather")])
    with connection.cursor() as cursor:
        cursor.execute("UPDATE artisans_artisanprofile SET story = 'We weave esparto baskets' WHERE id = %s",
                       [artisan.pk])
    query = CatalogQuery.from_params(QueryDict("q=esparto"), allow_prices=False)
    assert [a.pk for a in search_artisans(query).items] == [artisan.pk]
    artisan.crafts.set([CraftFactory(slug="carpets")])
    rugs = Craft.objects.get(slug="carpets").name_en.split()[0]
    assert artisan.pk in [a.pk for a in search_artisans(CatalogQuery.from_params(QueryDict(f"q={rugs}"), allow_prices=False)).items]
