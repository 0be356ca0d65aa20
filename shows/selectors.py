"""Reads of the trade shows abroad: who sees what, the samples list, the results per show."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.db.models import Count, F, QuerySet, Sum
from django.utils import timezone

from accounts.models import User
from artisans.models import ArtisanProfile
from catalog.models import Product
from catalog.visibility import LIVE_PROGRAM_STATUSES, public_product_q
from deals.models import Order, OrderLine
from deals.results import Rate, program_rates
from deals.services.base import OPEN_ORDER
from programs import kinds
from programs.models import Program
from shows.models import Application, Coverage, ForeignShow, Lead, SampleLine
from shows.transitions import APPLICATIONS, application_roles, is_show_staff
from tours.models import Participant

CENT = Decimal("0.01")


def application_for(user: Any, public_id: Any) -> Application | None:
    """An application its own SME or staff may see; None for anyone else (the page says 404)."""
    if not getattr(user, "is_authenticated", False):
        return None
    application = (
        Application.objects.select_related("show__program", "artisan__user", "stand")
        .filter(public_id=public_id)
        .first()
    )
    if application is None or not application_roles(application, user):
        return None
    return application


def lead_buyer(lead: Lead) -> User | None:
    """The buyer a lead names: the buyer account with the lead's email (a card or a badge's visitor)."""
    if not lead.email:
        return None
    return (
        User.objects.filter(email__iexact=lead.email.strip(), buyer_profile__isnull=False)
        .select_related("buyer_profile")
        .first()
    )


def lead_for_staff(user: Any, application_public_id: Any, lead_id: int) -> Lead | None:
    """A lead of an application, for the staff who run the trade shows; None for anyone else."""
    if not is_show_staff(user):
        return None
    return (
        Lead.objects.select_related(
            "application__show__program",
            "application__artisan__user",
            "application__stand",
            "deal",
            "meeting",
            "converted_by",
        )
        .filter(application__public_id=application_public_id, pk=lead_id)
        .first()
    )


def lead_products(lead: Lead) -> QuerySet[Product]:
    """The SME's products a lead's inquiry may name: those the catalog shows (one query)."""
    return Product.objects.filter(public_product_q(), artisan_id=lead.application.artisan_id).order_by(
        "title", "pk"
    )


def open_calls(today: date | None = None) -> QuerySet[ForeignShow]:
    """The shows whose call for SMEs is open: a live trade-show program, applications not closed."""
    return (
        ForeignShow.objects.filter(
            program__kind__in=kinds.kinds_with(kinds.SHOW),
            program__status__in=LIVE_PROGRAM_STATUSES,
            applications_close_on__gte=today or timezone.localdate(),
        )
        .select_related("program")
        .order_by("applications_close_on", "pk")
    )


def call_for(public_id: Any) -> ForeignShow | None:
    return open_calls().filter(public_id=public_id).first()


def application_actions(application: Application, user: Any, now: datetime | None = None) -> set[str]:
    return APPLICATIONS.allowed(
        application, roles=application_roles(application, user), now=now or timezone.now()
    )


def checklist(application: Application) -> list[dict[str, Any]]:
    """Each required document with its upload, if any (two queries)."""
    uploads = {d.required_id: d for d in application.documents.all()}
    return [
        {"required": required, "upload": uploads.get(required.pk)}
        for required in application.show.required_documents.all()
    ]


@dataclass(frozen=True)
class SampleRow:
    product_id: int
    item: str
    reference: str
    hs_code: str
    quantity: int
    unit_value: Decimal
    currency: str
    value: Decimal
    origin: str


def samples_list(application: Application) -> list[SampleRow]:
    """The samples an SME takes, from its catalog data: for the pro-forma invoice and the ATA carnet
    general list (one query). The value is the wholesale price, in the product's currency."""
    rows = []
    for line in SampleLine.objects.filter(application=application).select_related("product").order_by("pk"):
        product = line.product
        rows.append(
            SampleRow(
                product_id=product.pk,
                item=product.title,
                reference=product.gtin or "",
                hs_code=product.hs_code,
                quantity=line.quantity,
                unit_value=product.wholesale_price,
                currency=product.currency,
                value=(product.wholesale_price * line.quantity).quantize(CENT),
                origin=str(product.country_of_origin or application.artisan.country),
            )
        )
    return rows


def sample_products(application: Application) -> QuerySet[Product]:
    """The SME's catalog products its samples list may name, whatever their review state (one query)."""
    return Product.objects.filter(artisan_id=application.artisan_id).order_by("title", "pk")


@dataclass
class ShowResults:
    show: ForeignShow
    leads: int = 0
    deals: int = 0
    orders: int = 0
    orders_usd: Decimal = Decimal("0")
    orders_eur: Decimal | None = None
    costs_eur: Decimal = Decimal("0")
    per_euro: Decimal | None = None  # order value (EUR) per euro spent


def _to_usd(total: Decimal, currency: str, rates: dict[str, Rate]) -> Decimal:
    if currency == "USD" or currency not in rates:
        return total if currency == "USD" else Decimal("0")
    return (total * rates[currency].usd_per_unit).quantize(CENT)


def _to_eur(total: Decimal, currency: str, rates: dict[str, Rate]) -> Decimal:
    """An amount in euros, through its dollar value; an amount in euros as is."""
    if currency == "EUR":
        return total
    eur = rates.get("EUR")
    if eur is None or not eur.usd_per_unit:
        return Decimal("0")
    return _to_usd(total, currency, rates) / eur.usd_per_unit


def show_results(program: Program) -> list[ShowResults]:
    """Per show of the program: leads, deals started at its stands, their orders (not declined or
    cancelled) and value, the costs entered and the order value per euro spent. Values are in US
    dollars at the program's rates (deals.results), and in euros where a euro rate is known.
    A fixed number of queries whatever the number of shows, leads and orders."""
    rates = program_rates(program)
    shows = list(
        ForeignShow.objects.filter(program=program)
        .annotate(spent=Sum("costs__amount_eur"))
        .order_by("starts_on", "pk")
    )
    results = {show.pk: ShowResults(show=show, costs_eur=show.spent or Decimal("0")) for show in shows}
    leads = Lead.objects.filter(application__show__program=program)
    for row in leads.values("application__show").annotate(n=Count("pk"), with_deal=Count("deal")):
        results[row["application__show"]].leads = row["n"]
        results[row["application__show"]].deals = row["with_deal"]
    orders = Order.objects.filter(deal__stand_lead__application__show__program=program, status__in=OPEN_ORDER)
    for row in orders.values("deal__stand_lead__application__show").annotate(n=Count("pk")):
        results[row["deal__stand_lead__application__show"]].orders = row["n"]
    eur_total = {pk: Decimal("0") for pk in results}
    for row in (
        OrderLine.objects.filter(order__in=orders)
        .values("order__deal__stand_lead__application__show", "order__currency")
        .annotate(total=Sum(F("quantity") * F("unit_price")))
    ):
        result = results[row["order__deal__stand_lead__application__show"]]
        total, currency = row["total"] or Decimal("0"), row["order__currency"]
        result.orders_usd += _to_usd(total, currency, rates)
        eur_total[result.show.pk] += _to_eur(total, currency, rates)
    eur = rates.get("EUR")
    for result in results.values():
        if eur is not None and eur.usd_per_unit:
            result.orders_eur = eur_total[result.show.pk].quantize(CENT)
            if result.costs_eur:
                result.per_euro = (result.orders_eur / result.costs_eur).quantize(CENT)
    return list(results.values())


def program_coverage(program: Program) -> QuerySet[Coverage]:
    """The coverage recorded for a program, for its results page (one query)."""
    return Coverage.objects.filter(program=program).select_related("artisan").order_by("-published_on", "pk")


def press_kit_allowed(user: Any, program: Program) -> bool:
    """A program's press kits are for its media tour's journalists and the agency's staff."""
    if not getattr(user, "is_authenticated", False):
        return False
    if user.is_staff and user.has_perm("shows.view_presstext"):
        return True
    return Participant.objects.filter(
        tour__program=program, user=user, role=Participant.Role.JOURNALIST
    ).exists()


def press_kit_artisans(program: Program) -> QuerySet[ArtisanProfile]:
    """The artisans of a media tour's press kits: its workshops (tours.CandidateStop)."""
    return (
        ArtisanProfile.objects.filter(tour_candidacies__tour__program=program)
        .distinct()
        .order_by("business_name")
    )
