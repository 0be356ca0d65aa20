"""Results per show and per euro spent, against a fixture counted by hand."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from buyers.tests.factories import BuyerProfileFactory
from catalog.models import ExchangeRate
from deals.models import Deal, Order, OrderLine, ProgramRate
from shows.models import Lead, ShowCost
from shows.selectors import show_results
from shows.tests.factories import ForeignShowFactory, selected_with_stand, show_program

pytestmark = pytest.mark.django_db


def _order(lead: Lead, *, currency: str, lines: list[tuple[int, str]], status=Order.Status.PLACED) -> None:
    application = lead.application
    deal = Deal.objects.create(
        artisan=application.artisan,
        buyer=BuyerProfileFactory(),
        program=application.show.program,
        source=Deal.Source.STAND,
    )
    lead.deal = deal
    lead.save(update_fields=["deal"])
    order = Order.objects.create(deal=deal, currency=currency, delivery_address="NY", status=status)
    for quantity, price in lines:
        OrderLine.objects.create(
            order=order, description="Vase", quantity=quantity, unit_price=Decimal(price)
        )


def _fixture():
    program = show_program()
    ProgramRate.objects.create(
        program=program, currency="EUR", usd_per_unit=Decimal("1.10"), as_of=date(2026, 9, 1)
    )
    ExchangeRate.objects.update_or_create(currency="MAD", defaults={"usd_per_unit": Decimal("0.10")})
    new_york = ForeignShowFactory(program=program, name="NY NOW")
    tokyo = ForeignShowFactory(program=program, name="Tokyo Gift Show")
    ForeignShowFactory(program=program, name="Kyiv Fair")  # nothing there yet
    ShowCost.objects.create(show=new_york, label="Stand", amount_eur=Decimal("4000"))
    ShowCost.objects.create(show=new_york, label="Travel", amount_eur=Decimal("1000"))
    ShowCost.objects.create(show=tokyo, label="Stand", amount_eur=Decimal("2000"))
    a = selected_with_stand(show=new_york)
    b = selected_with_stand(show=tokyo)
    ny1 = Lead.objects.create(application=a, full_name="One")
    ny2 = Lead.objects.create(application=a, full_name="Two")
    Lead.objects.create(application=a, full_name="Three")
    tk1 = Lead.objects.create(application=b, full_name="Four")
    tk2 = Lead.objects.create(application=b, full_name="Five")
    # New York: 10 × 100 EUR + 5 × 200 EUR = 2000 EUR; 1100 USD = 1000 EUR. Orders 2, 3000 EUR, 3300 USD.
    _order(ny1, currency="EUR", lines=[(10, "100.00"), (5, "200.00")])
    _order(ny2, currency="USD", lines=[(11, "100.00")])
    # Tokyo: 22000 MAD = 2200 USD = 2000 EUR; a cancelled order does not count.
    _order(tk1, currency="MAD", lines=[(100, "220.00")])
    _order(tk2, currency="EUR", lines=[(1, "999.00")], status=Order.Status.CANCELLED)
    return program


def test_results_per_show_and_per_euro(django_assert_max_num_queries):
    program = _fixture()
    with django_assert_max_num_queries(6):
        results = show_results(program)
    got = {
        r.show.name: (r.leads, r.deals, r.orders, r.orders_usd, r.orders_eur, r.costs_eur, r.per_euro)
        for r in results
    }
    assert got == {
        "NY NOW": (3, 2, 2, Decimal("3300.00"), Decimal("3000.00"), Decimal("5000.00"), Decimal("0.60")),
        "Tokyo Gift Show": (
            2,
            2,
            1,
            Decimal("2200.00"),
            Decimal("2000.00"),
            Decimal("2000.00"),
            Decimal("1.00"),
        ),
        "Kyiv Fair": (0, 0, 0, Decimal("0"), Decimal("0.00"), Decimal("0"), None),
    }


def test_results_take_as_many_queries_with_more_shows_and_orders(django_assert_max_num_queries):
    program = _fixture()
    for _ in range(3):
        show = ForeignShowFactory(program=program)
        ShowCost.objects.create(show=show, label="Stand", amount_eur=Decimal("100"))
        lead = Lead.objects.create(application=selected_with_stand(show=show), full_name="X")
        _order(lead, currency="EUR", lines=[(1, "10.00")])
    with django_assert_max_num_queries(6):
        assert len(show_results(program)) == 6
