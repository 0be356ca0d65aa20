"""Buyers see wholesale prices converted to US dollars beside the original, with the rate's date.

At the rate of the newest live program the buyer joined that set its own (deals.ProgramRate), else
at the site's (catalog.ExchangeRate); read once per page, so lists keep constant query counts.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from buyers.tests.factories import BuyerProfileFactory, ShortlistItemFactory
from catalog.models import ExchangeRate
from catalog.tests.factories import ArtisanProfileFactory, ProductFactory
from deals.models import ProgramRate
from deals.tests.factories import verified_buyer
from programs.models import Program, ProgramBuyer
from programs.tests.factories import ProgramFactory

pytestmark = pytest.mark.django_db


def _client(user=None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def product():
    ExchangeRate.objects.update_or_create(currency="EUR", defaults={"usd_per_unit": Decimal("1.100000")})
    return ProductFactory(indexed=False, title="Blue bowl", wholesale_price=Decimal("20.00"), currency="EUR")


def _page(user, product) -> str:
    return _client(user).get(reverse("catalog:product-detail", args=[product.public_id])).content.decode()


def test_a_verified_buyer_sees_the_price_in_dollars_at_the_sites_rate_with_its_date(product):
    page = _page(verified_buyer(), product)
    saved = timezone.localdate(ExchangeRate.objects.get(currency="EUR").updated_at)
    assert "about 22.00 USD" in page
    assert f"at the site's rate of {date_format(saved, 'DATE_FORMAT')}" in page


def test_the_buyers_program_rate_wins_with_its_date(product):
    buyer = verified_buyer()
    program = ProgramFactory(status=Program.Status.OPEN_BUYERS)
    ProgramBuyer.objects.create(program=program, user=buyer)
    ProgramRate.objects.create(
        program=program, currency="EUR", usd_per_unit=Decimal("1.2"), as_of=date(2026, 11, 2)
    )
    # A closed program's rate is not the buyer's any more.
    closed = ProgramFactory(status=Program.Status.CLOSED)
    ProgramBuyer.objects.create(program=closed, user=buyer)
    ProgramRate.objects.create(
        program=closed, currency="EUR", usd_per_unit=Decimal("9"), as_of=date(2026, 1, 1)
    )
    page = _page(buyer, product)
    assert "about 24.00 USD" in page
    assert f"at the program's rate of {date_format(date(2026, 11, 2), 'DATE_FORMAT')}" in page


def test_no_conversion_without_wholesale_prices_or_for_dollars(product):
    assert "USD" not in _page(None, product) and "USD" not in _page(BuyerProfileFactory().user, product)
    dollars = ProductFactory(indexed=False, wholesale_price=Decimal("20.00"), currency="USD")
    assert "about 20.00 USD" not in _page(verified_buyer(), dollars)


def test_cards_and_the_shortlist_show_it_in_constant_queries(product):
    buyer = verified_buyer()
    client = _client(buyer)
    maker = product.artisan
    ShortlistItemFactory(buyer=buyer.buyer_profile, product=product, artisan=None)
    urls = [reverse("catalog:artisan-detail", args=[maker.slug]), reverse("buyers:shortlist")]

    def counts() -> list[int]:
        found = []
        for url in urls:
            with CaptureQueriesContext(connection) as captured:
                page = client.get(url).content.decode()
            assert "about 22.00 USD" in page, url
            found.append(len(captured))
        return found

    few = counts()
    for _n in range(6):
        more = ProductFactory(indexed=False, artisan=maker, wholesale_price=Decimal("20.00"), currency="EUR")
        ShortlistItemFactory(buyer=buyer.buyer_profile, product=more, artisan=None)
        ShortlistItemFactory(
            buyer=buyer.buyer_profile, artisan=ArtisanProfileFactory(indexed=False), product=None
        )
    assert counts() == few


def test_the_viewers_rates_in_one_statement_are_the_rule_for_any_memberships():
    """deals.results.viewer_rates (one compiled statement) gives what program_rates gives for the
    newest live program the buyer joined that set its own rates, over programs of every status,
    start and rate, joined or not."""
    import random

    from deals.results import _rates_program, program_rates, viewer_rates

    ExchangeRate.objects.update_or_create(currency="EUR", defaults={"usd_per_unit": Decimal("1.1")})
    ExchangeRate.objects.update_or_create(currency="MAD", defaults={"usd_per_unit": Decimal("0.1")})
    rng = random.Random(7)
    buyers = [verified_buyer() for _ in range(4)]
    for n in range(12):
        program = ProgramFactory(
            status=rng.choice(list(Program.Status)), starts_on=date(2026, rng.randint(1, 12), rng.randint(1, 28))
        )
        for buyer in rng.sample(buyers, rng.randint(0, 3)):
            ProgramBuyer.objects.create(program=program, user=buyer)
        for currency in rng.sample(["EUR", "MAD", "GBP"], rng.randint(0, 2)):
            ProgramRate.objects.create(
                program=program, currency=currency, usd_per_unit=Decimal(rng.randint(1, 300)) / 100,
                as_of=date(2026, 11, n + 1),
            )
    from django.contrib.auth.models import AnonymousUser

    for viewer in [*buyers, AnonymousUser()]:
        program = _rates_program(viewer.pk).first() if viewer.is_authenticated else None
        with CaptureQueriesContext(connection) as queries:
            rates = viewer_rates(viewer)
        assert rates == program_rates(program)
        assert len(queries) == 1
    assert any(r.as_of for b in buyers for r in viewer_rates(b).values())  # some buyer has a program's rate
