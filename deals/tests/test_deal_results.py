"""A program's recorded deal figures against a fixture counted by hand, in constant queries."""

from __future__ import annotations

import datetime as dt
from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from catalog.tests.factories import ProductFactory
from deals import services
from deals.models import Deal, ProgramRate
from deals.results import deal_results
from deals.tests.factories import verified_buyer
from programs.tests.factories import ProgramFactory

pytestmark = pytest.mark.django_db


def _quote_accept_order(program, product, buyer):
    deal = services.inquiry_send(user=buyer, artisan=product.artisan, source=Deal.Source.PRODUCT, program=program,
                                 lines=[services.Line(quantity=20, product=product)])
    quote = services.quote_send(
        user=product.artisan.user, deal=deal, currency="EUR", incoterm="FCA", lead_time_days=30,
        valid_until=timezone.localdate() + timedelta(days=30),
        lines=[services.Line(quantity=20, product=product, description="Bowl", unit_price=Decimal("18.50"))])
    services.quote_accept(user=buyer, quote=quote)
    return services.order_place_from_quote(user=buyer, quote=quote, delivery_address="NY")


def _program_with_deals(extra_buyers: int = 0):
    program = ProgramFactory()
    ProgramRate.objects.create(program=program, currency="EUR", usd_per_unit=Decimal("1.10"), as_of=dt.date(2026, 10, 1))
    product = ProductFactory(min_order_qty=1, wholesale_price=Decimal("20.00"), indexed=False)
    first, second = verified_buyer(), verified_buyer()
    # First buyer: a sample asked and approved, then a quote accepted and ordered (20 × 18.50 = 370 EUR).
    sample = services.sample_request(user=first, product=product, program=program)
    artisan = product.artisan.user
    services.sample_approve(user=artisan, sample=sample)
    services.sample_ship(user=artisan, sample=sample, carrier="DHL")
    services.sample_deliver(user=first, sample=sample)
    services.sample_accept(user=first, sample=sample)
    _quote_accept_order(program, product, first)
    # Second buyer: a direct order (30 × 20 = 600 EUR), a reorder (12 × 20 = 240 EUR) and a cancelled one.
    services.order_place(user=second, artisan=product.artisan, delivery_address="NY", program=program,
                         lines=[services.Line(quantity=30, product=product)])
    services.order_place(user=second, artisan=product.artisan, delivery_address="NY", program=program,
                         lines=[services.Line(quantity=12, product=product)])
    cancelled = services.order_place(user=second, artisan=product.artisan, delivery_address="NY", program=program,
                                     lines=[services.Line(quantity=99, product=product)])
    services.order_cancel(user=second, order=cancelled, reason="Too many")
    # Outside the program: counts nowhere.
    services.order_place(user=second, artisan=product.artisan, delivery_address="NY",
                         lines=[services.Line(quantity=50, product=product)])
    for _ in range(extra_buyers):
        _quote_accept_order(program, product, verified_buyer())
    return program


def test_recorded_figures_match_the_fixture_counted_by_hand():
    results = deal_results(_program_with_deals())
    assert (results.deals, results.samples_asked, results.samples_approved) == (5, 1, 1)
    assert (results.quoted, results.quotes_accepted, results.quotes_accepted_usd) == (1, 1, Decimal("407.00"))
    assert (results.orders, results.orders_usd) == (2, Decimal("1067.00"))  # (370 + 600) × 1.10
    assert (results.reorders, results.reorders_usd) == (1, Decimal("264.00"))  # the cancelled one is not counted
    assert results.buyers == {"sampled": 1, "quoted": 1, "ordered": 2, "reordered": 1}
    assert [(rate.currency, rate.as_of) for rate in results.rates] == [("EUR", dt.date(2026, 10, 1))]


def test_without_a_program_rate_the_sites_rate_is_used_and_said():
    program = _program_with_deals()
    ProgramRate.objects.filter(program=program).delete()
    results = deal_results(program)
    (rate,) = results.rates
    assert rate.as_of is None and results.orders_usd == (Decimal("970") * rate.usd_per_unit).quantize(Decimal("0.01"))


def test_queries_do_not_grow_with_deals():
    def count(program) -> int:
        with CaptureQueriesContext(connection) as queries:
            deal_results(program)
        return len(queries)

    assert count(_program_with_deals()) == count(_program_with_deals(extra_buyers=4))


def test_the_results_page_and_csv_show_the_recorded_deals_and_their_rate(client, staff):
    program = _program_with_deals()
    client.force_login(staff)
    page = client.get(reverse("admin:programs_program_results", args=[program.pk])).content.decode()
    assert "Recorded in CraftMatch" in page and "$1,067" in page and "2 first orders (USD)" in page
    assert "1 EUR = 1.1000 USD" in page and "Placed an order" in page
    csv = client.get(reverse("admin:programs_program_results_csv", args=[program.pk])).content.decode()
    assert "1067.00" in csv and "264.00" in csv


def test_the_buyer_sees_a_quotes_total_in_dollars_beside_the_original_with_the_rates_date(client):
    program = ProgramFactory()
    ProgramRate.objects.create(program=program, currency="EUR", usd_per_unit=Decimal("1.10"), as_of=dt.date(2026, 10, 1))
    product = ProductFactory(min_order_qty=1, indexed=False)
    order = _quote_accept_order(program, product, verified_buyer())
    client.force_login(order.deal.buyer.user)
    page = client.get(reverse("deals:detail", args=[order.deal.public_id])).content.decode()
    assert "370.00 EUR" in page and "about 407.00 USD" in page and "at the program's rate of" in page
    # Without a program the site's rate is used, and said.
    ProgramRate.objects.all().delete()
    Deal.objects.filter(pk=order.deal_id).update(program=None)
    page = client.get(reverse("deals:detail", args=[order.deal.public_id])).content.decode()
    assert "at the site's current rate" in page
