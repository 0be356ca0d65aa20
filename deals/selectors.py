"""Reads of deals: whose they are, what each person may do next, what waits for them, in words."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from uuid import UUID

from django.db.models import OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from artisans.models import ArtisanProfile
from buyers.models import ShortlistItem
from catalog.models import Product
from catalog.visibility import public_programs_q, visible_products
from common.statements import Statement
from deals.models import (
    Deal,
    DealAttachment,
    DealEvent,
    DealMessage,
    Inquiry,
    InquiryLine,
    Order,
    OrderLine,
    ProductTerms,
    Quote,
    QuoteLine,
    Sample,
    Unit,
)
from deals.transitions import ARTISAN, AWAITED, BUYER, MACHINES, DealObject, deal_roles
from meetings.models import Meeting, Outcome
from programs.models import Application, Program

EVENT_LABELS = {
    ("inquiry", "send"): _("Inquiry sent"),
    ("inquiry", "confirm"): _("Inquiry confirmed by its sender"),
    ("inquiry", "quote"): _("Quoted"),
    ("inquiry", "decline"): _("Inquiry declined"),
    ("inquiry", "withdraw"): _("Inquiry withdrawn"),
    ("inquiry", "order"): _("Ordered"),
    ("quote", "send"): _("Quote sent"),
    ("quote", "accept"): _("Quote accepted"),
    ("quote", "decline"): _("Quote declined"),
    ("quote", "ask_again"): _("New version asked"),
    ("quote", "supersede"): _("Quote replaced by a new version"),
    ("quote", "withdraw"): _("Quote withdrawn"),
    ("sample", "request"): _("Sample asked"),
    ("sample", "approve"): _("Sample accepted by the artisan"),
    ("sample", "decline"): _("Sample declined"),
    ("sample", "ship"): _("Sample shipped"),
    ("sample", "deliver"): _("Sample delivered"),
    ("sample", "accept"): _("Sample approved"),
    ("sample", "ask_changes"): _("Changes asked on the sample"),
    ("sample", "order"): _("Sample turned into an order"),
    ("order", "place"): _("Order placed"),
    ("order", "accept"): _("Order accepted"),
    ("order", "propose_changes"): _("Changes proposed to the order"),
    ("order", "confirm_changes"): _("Changes confirmed"),
    ("order", "decline"): _("Order declined"),
    ("order", "start_production"): _("Order in production"),
    ("order", "ship"): _("Order shipped"),
    ("order", "receive"): _("Order received"),
    ("order", "dispute"): _("Order disputed"),
    ("order", "close"): _("Order closed"),
    ("order", "cancel"): _("Order cancelled"),
}


def event_label(event: DealEvent) -> str:
    return str(EVENT_LABELS.get((event.subject, event.action), event.action))


@dataclass(frozen=True)
class Change:
    """One thing a move changed, old and new: a line's quantity, or the ship-by date."""

    field: str  # "quantity" or "ship_by"
    line: str  # the line's description, for a quantity
    old: int | date | None
    new: int | date | None


def event_changes(event: DealEvent) -> list[Change]:
    """What the history says a move changed (DealEvent.changes), dates read back as dates."""

    def value(raw: object, field: str) -> int | date | None:
        if raw is None:
            return None
        if field == "ship_by":
            return date.fromisoformat(str(raw))
        return int(str(raw))

    return [
        Change(
            field=str(change["field"]),
            line=str(change.get("line", "")),
            old=value(change.get("from"), str(change["field"])),
            new=value(change.get("to"), str(change["field"])),
        )
        for change in event.changes or []
    ]


def _sides(user: User) -> tuple[Q, Q]:
    """Deals where the person is the artisan, and where they are the buyer, by profile id.

    One small query for the ids: filtering by `artisan__user` joins every deal to its profile
    (a scan of all deals, 75 ms at 20,000); by id it is an index lookup of the person's own.
    """
    row = User.objects.filter(pk=user.pk).values_list("artisan_profile__id", "buyer_profile__id").first()
    artisan, buyer = row if row is not None else (None, None)
    nothing = Q(pk__in=[])
    return (Q(artisan_id=artisan) if artisan else nothing), (Q(buyer_id=buyer) if buyer else nothing)


def deals_of(user: User) -> QuerySet[Deal]:
    """The deals a person is a party to; staff see every deal in the admin, not here."""
    as_artisan, as_buyer = _sides(user)
    return Deal.objects.filter(as_artisan | as_buyer).select_related("artisan", "buyer", "program", "inquiry")


def deal_list(user: User) -> QuerySet[Deal]:
    """A person's deals, newest change first, each with what it is about and where it stands.

    `about`: the first line's product title or specification (the inquiry's, else the first
    sample's, else the first order's); `latest_subject` and `latest_status`: the object moved last
    (its newest history row), read by status_label. Subqueries, so a page of deals is one query.
    """
    first_inquiry_line = InquiryLine.objects.filter(inquiry__deal=OuterRef("pk")).order_by("pk")
    first_sample = Sample.objects.filter(deal=OuterRef("pk")).order_by("pk")
    first_order_line = OrderLine.objects.filter(order__deal=OuterRef("pk")).order_by("pk")
    latest = DealEvent.objects.filter(deal=OuterRef("pk")).order_by("-created_at", "-pk")
    return (
        deals_of(user)
        .annotate(
            about=Coalesce(
                Subquery(first_inquiry_line.values("description")[:1]),
                Subquery(first_sample.values("description")[:1]),
                Subquery(first_order_line.values("description")[:1]),
            ),
            latest_subject=Subquery(latest.values("subject")[:1]),
            latest_status=Subquery(latest.values("to_status")[:1]),
        )
        .order_by("-updated_at", "-pk")
    )


_SUBJECT_MODELS: dict[str, type[DealObject]] = {
    DealEvent.Subject.INQUIRY: Inquiry,
    DealEvent.Subject.QUOTE: Quote,
    DealEvent.Subject.SAMPLE: Sample,
    DealEvent.Subject.ORDER: Order,
}


def status_label(subject: str | None, status: str | None) -> str:
    """ "Quote: Waiting for the buyer": the kind of object and its status, in the reader's language."""
    model = _SUBJECT_MODELS.get(subject or "")
    if model is None or not status:
        return ""
    labels = dict(model.Status.choices)
    return str(
        _("%(kind)s: %(status)s")
        % {"kind": capfirst(model._meta.verbose_name), "status": labels.get(status, status)}
    )


def may_act_for_artisans(user: User) -> bool:
    """Staff who may open any deal's page and act there for its artisan (assisted onboarding).

    Programs have no staff of their own, so this is any staff member holding the right to change
    deals; their second factor is asked before any page (common.security.StaffSecondFactorMiddleware).
    """
    return bool(getattr(user, "is_staff", False) and user.has_perm("deals.change_deal"))


def deal_for(user: User, public_id: UUID) -> Deal | None:
    """A deal its two parties (and staff who may act for artisans) may open; None for anyone else.

    Anyone else finds nothing, as if the deal did not exist.
    """
    deal = (
        Deal.objects.select_related("artisan__user", "buyer__user", "program", "meeting")
        .filter(public_id=public_id)
        .first()
    )
    if deal is None or not (deal_roles(deal, user) & {ARTISAN, BUYER} or may_act_for_artisans(user)):
        return None
    return deal


def thread_of(deal: Deal) -> list[DealMessage]:
    """The deal's messages, oldest first, with their authors, files and the move they belong to.

    Three queries however long the thread is.
    """
    return list(
        DealMessage.objects.filter(deal=deal)
        .select_related("author", "on_behalf_of", "event")
        .prefetch_related("attachments")
        .order_by("created_at", "pk")
    )


def attachment_for(user: User, deal_id: UUID, attachment_id: UUID) -> DealAttachment | None:
    """A file of a deal's thread, for the deal's two parties only; None for anyone else."""
    deal = deal_for(user, deal_id)
    if deal is None:
        return None
    return DealAttachment.objects.filter(public_id=attachment_id, message__deal=deal).first()


def allowed_actions(
    obj: DealObject, user: User, *, now: datetime | None = None, for_artisan: bool = False
) -> set[str]:
    """What the page offers this person on an inquiry, quote, sample or order: its table's rows."""
    return MACHINES[type(obj)].allowed(
        obj, roles=deal_roles(obj.deal, user, for_artisan=for_artisan), now=now or timezone.now()
    )


def waiting_for(user: User) -> dict[str, int]:
    """What needs this person's answer, in constant queries: one count per kind.

    Which states wait for which side is read from the tables (deals.transitions.AWAITED).
    """
    artisan_deals, buyer_deals = _sides(user)
    sides = {
        ARTISAN: Q(deal__in=Deal.objects.filter(artisan_deals).values("pk")),
        BUYER: Q(deal__in=Deal.objects.filter(buyer_deals).values("pk")),
    }
    counts: dict[str, int] = {}
    for kind, model in (("inquiries", Inquiry), ("quotes", Quote), ("orders", Order), ("samples", Sample)):
        condition = Q(pk__in=[])
        for role, side in sides.items():
            if states := AWAITED[model][role]:
                condition |= side & Q(status__in=sorted(states))
        counts[kind] = model.objects.filter(condition).count()
    return counts


def public_inquiry_program(artisan: ArtisanProfile, *, slug: str | None = None) -> Program | None:
    """The live program with a public catalog that accepted this artisan: the public may ask there.

    `slug` names the program the visitor was in (a fair's site, where the stand's product was seen);
    None when it is not public and live or did not accept this artisan.
    """
    if slug:
        found = _PUBLIC_INQUIRY_IN.models(Program, artisan_id=artisan.pk, slug=slug)
    else:
        found = _PUBLIC_INQUIRY.models(Program, artisan_id=artisan.pk)
    return found[0] if found else None


def _public_inquiry_programs(artisan_id: Any, **named: Any) -> QuerySet[Program]:
    return Program.objects.filter(
        public_programs_q(),
        applications__artisan_id=artisan_id,
        applications__status=Application.Status.ACCEPTED,
        **named,
    ).order_by("-starts_on", "pk")[:1]


# Every artisan's and product's public page asks: compiled once per process (common.statements).
_PUBLIC_INQUIRY = Statement(_public_inquiry_programs, "artisan_id")
_PUBLIC_INQUIRY_IN = Statement(_public_inquiry_programs, "artisan_id", "slug")


# --- Where deals start: the shortlist, a held meeting ---------------------------------------------
def shortlisted_products(user: User, artisan: ArtisanProfile) -> list[Product]:
    """The products of `artisan` this buyer shortlisted and may still see in the catalog."""
    shortlisted = ShortlistItem.objects.filter(buyer__user=user, product__artisan=artisan).values(
        "product_id"
    )
    return list(visible_products(user).filter(artisan=artisan, pk__in=shortlisted).order_by("title", "pk"))


def held_meeting_for(user: User, public_id: UUID) -> Meeting | None:
    """A meeting of this buyer that took place (a side said so): a deal may start from it."""
    return (
        Meeting.objects.select_related("artisan", "program")
        .filter(public_id=public_id, buyer_user=user, outcomes__attendance=Outcome.Attendance.HELD)
        .first()
    )


def meeting_products(meeting: Meeting, user: User) -> QuerySet[Product]:
    """The meeting's products of interest that its buyer may still see in the catalog."""
    return (
        visible_products(user)
        .filter(artisan_id=meeting.artisan_id, pk__in=meeting.products.values("pk"))
        .order_by("title", "pk")
    )


# --- Documents (deals/documents.py draws them) ------------------------------------------------
@dataclass(frozen=True)
class QuoteDocument:
    """A quote version with its lines, and the unit of each line (the inquiry's: quotes keep none)."""

    deal: Deal
    quote: Quote
    lines: list[QuoteLine]
    units: list[str]
    inquiry: Inquiry | None


@dataclass(frozen=True)
class OrderDocument:
    """An order with its lines, each line's unit and pack size, and the terms it was ordered on."""

    deal: Deal
    order: Order
    lines: list[OrderLine]
    units: list[str]
    packs: list[int]
    inquiry: Inquiry | None


def _inquiry_with_lines(deal: Deal) -> Inquiry | None:
    return (
        Inquiry.objects.filter(deal=deal)
        .prefetch_related(Prefetch("lines", queryset=InquiryLine.objects.order_by("pk")))
        .first()
    )


def _units(inquiry: Inquiry | None, lines: list[QuoteLine] | list[OrderLine]) -> list[str]:
    """Each line's unit: the inquiry line naming the same product (or, without one, the same words)."""
    asked = list(inquiry.lines.all()) if inquiry is not None else []
    by_product: dict[int | None, str] = {
        line.product_id: line.unit for line in asked if line.product_id is not None
    }
    by_description = {line.description: line.unit for line in asked}
    return [
        by_product.get(line.product_id) or by_description.get(line.description) or Unit.PIECE
        for line in lines
    ]


def quote_document(deal: Deal, pk: int) -> QuoteDocument | None:
    """One of the deal's quote versions, loaded for its PDF in four queries whatever its size."""
    quote = Quote.objects.filter(deal=deal, pk=pk).prefetch_related("lines").first()
    if quote is None:
        return None
    quote.deal = deal
    lines = list(quote.lines.all())
    inquiry = _inquiry_with_lines(deal)
    return QuoteDocument(deal=deal, quote=quote, lines=lines, units=_units(inquiry, lines), inquiry=inquiry)


def order_document(deal: Deal, pk: int) -> OrderDocument | None:
    """One of the deal's orders, loaded for its pro forma and packing list in constant queries.

    A line's pack size is the one its quote agreed, else the product's current one, else 1; its
    product comes along for the customs facts (HS code, country of origin) the documents show.
    """
    order = (
        Order.objects.filter(deal=deal, pk=pk)
        .select_related("quote")
        .prefetch_related(
            Prefetch("lines", queryset=OrderLine.objects.select_related("product")), "quote__lines"
        )
        .first()
    )
    if order is None:
        return None
    order.deal = deal
    lines = list(order.lines.all())
    quoted: dict[int | None, int] = (
        {line.product_id: line.pack_multiple for line in order.quote.lines.all()} if order.quote else {}
    )
    current: dict[int | None, int] = dict(
        ProductTerms.objects.filter(
            product_id__in=[line.product_id for line in lines if line.product_id]
        ).values_list("product_id", "pack_multiple")
    )
    packs = [quoted.get(line.product_id) or current.get(line.product_id) or 1 for line in lines]
    inquiry = _inquiry_with_lines(deal)
    return OrderDocument(
        deal=deal, order=order, lines=lines, units=_units(inquiry, lines), packs=packs, inquiry=inquiry
    )


__all__ = [
    "ARTISAN",
    "BUYER",
    "OrderDocument",
    "QuoteDocument",
    "allowed_actions",
    "attachment_for",
    "deal_for",
    "deal_list",
    "deals_of",
    "event_changes",
    "event_label",
    "order_document",
    "public_inquiry_program",
    "quote_document",
    "status_label",
    "thread_of",
    "waiting_for",
]
