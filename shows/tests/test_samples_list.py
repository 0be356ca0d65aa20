"""The samples list comes from catalog data (title, GTIN, HS code, price, origin), checked by hand."""

from __future__ import annotations

from decimal import Decimal

import pytest

from catalog.tests.factories import ProductFactory
from common.statemachine import TransitionRefused
from shows import services
from shows.samples_pdf import CARNET, PROFORMA, samples_pdf, samples_totals
from shows.selectors import samples_list
from shows.tests.factories import ApplicationFactory

pytestmark = pytest.mark.django_db


def test_samples_list_from_catalog_data(django_assert_max_num_queries):
    application = ApplicationFactory(status="submitted", artisan__country="ES")
    vase = ProductFactory(
        artisan=application.artisan,
        title="Talavera vase",
        hs_code="691390",
        gtin="4006381333931",
        country_of_origin="ES",
        wholesale_price=Decimal("42.50"),
        currency="EUR",
        indexed=False,
    )
    rug = ProductFactory(
        artisan=application.artisan,
        title="Wool rug",
        hs_code="570110",
        country_of_origin="MA",
        wholesale_price=Decimal("180.00"),
        currency="USD",
        indexed=False,
    )
    bowl = ProductFactory(artisan=application.artisan, title="Bowl", hs_code="691200", indexed=False)
    services.application_samples_set(
        user=application.artisan.user, application=application, quantities={vase.pk: 3, rug.pk: 1, bowl.pk: 2}
    )
    services.application_samples_set(
        user=application.artisan.user, application=application, quantities={bowl.pk: 0}
    )
    with django_assert_max_num_queries(1):
        rows = samples_list(application)
    assert [
        (r.item, r.reference, r.hs_code, r.quantity, r.unit_value, r.value, r.currency, r.origin)
        for r in rows
    ] == [
        ("Talavera vase", "4006381333931", "691390", 3, Decimal("42.50"), Decimal("127.50"), "EUR", "ES"),
        ("Wool rug", "", "570110", 1, Decimal("180.00"), Decimal("180.00"), "USD", "MA"),
    ]
    assert samples_totals(rows) == {"EUR": Decimal("127.50"), "USD": Decimal("180.00")}
    for kind in (PROFORMA, CARNET):
        assert samples_pdf(application, rows, kind=kind).startswith(b"%PDF")


def test_origin_falls_back_to_the_artisans_country():
    application = ApplicationFactory(status="submitted", artisan__country="MA")
    product = ProductFactory(artisan=application.artisan, country_of_origin="", indexed=False)
    services.application_samples_set(
        user=application.artisan.user, application=application, quantities={product.pk: 1}
    )
    assert samples_list(application)[0].origin == "MA"


def test_only_own_products_are_samples(other_artisan):
    application = ApplicationFactory(status="submitted")
    foreign = ProductFactory(indexed=False)
    with pytest.raises(TransitionRefused):
        services.application_samples_set(
            user=application.artisan.user, application=application, quantities={foreign.pk: 1}
        )
