"""What a program's deals led to, recorded in CraftMatch: samples, quotes, orders and reorders.

Beside meetings.results (what the parties *declared* after meeting: "next step: order", an
estimate), these figures are *recorded*: each is a row the parties moved through deals.services.

Definitions (the same on the page, in the CSV and in the tests):
- the program's deals: Deal.program is the program (whatever page started them);
- samples asked: first rounds asked; samples approved: rounds the buyer approved;
- quoted: deals with a quote sent (any version); quotes accepted, and their value;
- orders and reorders: orders not declined or cancelled, split by Order.is_reorder, with their
  value (quantity × unit price of their lines);
- values in US dollars at the program's own rate for each currency (deals.ProgramRate, with its
  date), else at the site's rate (catalog.ExchangeRate), and the page says which.
A fixed handful of queries, whatever the number of deals.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.db.models import Count, DateField, DateTimeField, F, Q, QuerySet, Subquery, Sum, Value
from django.utils import timezone

from catalog.models import ExchangeRate
from common.statements import Statement
from deals.models import Deal, Order, OrderLine, ProgramRate, Quote, QuoteLine, Sample
from deals.services.base import OPEN_ORDER
from programs.models import Program


@dataclass(frozen=True)
class Rate:
    currency: str
    usd_per_unit: Decimal
    as_of: date | None  # None: the site's rate, not one set for the program
    site_rate_of: date | None = None  # for the site's rate: the day staff last saved it


@dataclass
class DealResults:
    deals: int = 0
    samples_asked: int = 0
    samples_approved: int = 0
    quoted: int = 0
    quotes_accepted: int = 0
    quotes_accepted_usd: Decimal = Decimal("0")
    orders: int = 0
    orders_usd: Decimal = Decimal("0")
    reorders: int = 0
    reorders_usd: Decimal = Decimal("0")
    # Buyers at each stage, for the funnel: sampled, quoted, ordered, reordered.
    buyers: dict[str, int] = field(default_factory=dict)
    rates: list[Rate] = field(default_factory=list)


def program_rates(program: Program | None) -> dict[str, Rate]:
    """The rate each currency is reported at: the program's own, else the site's."""
    site = ExchangeRate.objects.values_list("currency", "usd_per_unit", "updated_at")
    own = ProgramRate.objects.filter(program=program).values_list("currency", "usd_per_unit", "as_of")
    return _merged(site, own)


def _merged(site: Iterable[tuple[str, Decimal, datetime]], own: Iterable[tuple[str, Decimal, date]]) -> dict[str, Rate]:
    rates = {
        currency: Rate(currency, value, None, site_rate_of=timezone.localdate(saved)) for currency, value, saved in site
    }
    for currency, value, as_of in own:
        rates[currency] = Rate(currency, value, as_of)
    return rates


def _rates_program(user_id: Any) -> QuerySet[Program]:
    """The newest live program the user joined that set its own rates."""
    return (
        Program.objects.filter(memberships__user_id=user_id, deal_rates__isnull=False)
        .exclude(status__in=[Program.Status.DRAFT, Program.Status.CLOSED])
        .order_by("-starts_on", "-pk")
    )


# Every page with a wholesale price reads these: one statement, compiled once per process. A row
# is the site's rate (with the day it was saved) or the program's own (with its date).
_VIEWER_RATES = Statement(
    lambda user_id: [
        ExchangeRate.objects.order_by().values_list(
            "currency", "usd_per_unit", F("updated_at"), Value(None, output_field=DateField())
        ),
        ProgramRate.objects.filter(program=Subquery(_rates_program(user_id).values("pk")[:1]))
        .order_by()
        .values_list("currency", "usd_per_unit", Value(None, output_field=DateTimeField()), F("as_of")),
    ],
    "user_id",
    wrap="{0} UNION ALL {1}",
)


def viewer_rates(user: Any) -> dict[str, Rate]:
    """The rates a buyer sees prices converted at: those of the newest live program they joined that
    set its own, else the site's. One query, whatever the page shows."""
    user_id = user.pk if getattr(user, "is_authenticated", False) else None
    rows = _VIEWER_RATES.rows(user_id=user_id)
    return _merged(
        [(currency, value, saved) for currency, value, saved, as_of in rows if as_of is None],
        [(currency, value, as_of) for currency, value, saved, as_of in rows if as_of is not None],
    )


def in_usd(amount: Decimal, currency: str, rates: dict[str, Rate]) -> tuple[Decimal, Rate] | None:
    """An amount in US dollars beside its original, with the rate used; None for dollars or no rate."""
    if currency == "USD" or currency not in rates:
        return None
    return _usd(amount, currency, rates), rates[currency]


def _usd(amount: Decimal | None, currency: str, rates: dict[str, Rate]) -> Decimal:
    return ((amount or Decimal("0")) * rates[currency].usd_per_unit).quantize(Decimal("0.01"))


def deal_results(program: Program) -> DealResults:
    rates = program_rates(program)
    deals = Deal.objects.filter(program=program)
    results = DealResults(deals=deals.count())
    samples = Sample.objects.filter(deal__in=deals).aggregate(
        asked=Count("pk", filter=Q(round=1)),
        approved=Count("pk", filter=Q(status__in=[Sample.Status.ACCEPTED, Sample.Status.ORDERED])),
    )
    results.samples_asked, results.samples_approved = samples["asked"], samples["approved"]
    quotes = Quote.objects.filter(deal__in=deals).aggregate(
        quoted=Count("deal", distinct=True), accepted=Count("pk", filter=Q(status=Quote.Status.ACCEPTED))
    )
    results.quoted, results.quotes_accepted = quotes["quoted"], quotes["accepted"]
    value = F("quantity") * F("unit_price")
    for row in (
        QuoteLine.objects.filter(quote__deal__in=deals, quote__status=Quote.Status.ACCEPTED)
        .values("quote__currency")
        .annotate(total=Sum(value))
    ):
        results.quotes_accepted_usd += _usd(row["total"], row["quote__currency"], rates)
    counted = Order.objects.filter(deal__in=deals, status__in=OPEN_ORDER)
    for row in counted.values("is_reorder").annotate(n=Count("pk")):
        if row["is_reorder"]:
            results.reorders = row["n"]
        else:
            results.orders = row["n"]
    for row in (
        OrderLine.objects.filter(order__in=counted)
        .values("order__currency", "order__is_reorder")
        .annotate(total=Sum(value))
    ):
        usd = _usd(row["total"], row["order__currency"], rates)
        if row["order__is_reorder"]:
            results.reorders_usd += usd
        else:
            results.orders_usd += usd
    results.buyers = deals.aggregate(
        sampled=Count("buyer", distinct=True, filter=Q(samples__isnull=False)),
        quoted=Count("buyer", distinct=True, filter=Q(quotes__isnull=False)),
        ordered=Count(
            "buyer", distinct=True, filter=Q(orders__status__in=OPEN_ORDER, orders__is_reorder=False)
        ),
        reordered=Count(
            "buyer", distinct=True, filter=Q(orders__status__in=OPEN_ORDER, orders__is_reorder=True)
        ),
    )
    used = set(Order.objects.filter(deal__in=deals).values_list("currency", flat=True)) | set(
        Quote.objects.filter(deal__in=deals, status=Quote.Status.ACCEPTED).values_list("currency", flat=True)
    )
    results.rates = [rates[currency] for currency in sorted(used)]
    return results
