"""Reads of referencing with rules in them: scores, results, the committee's, the artisan's and the reorder pages.

Every page reads in a number of queries that does not grow with the candidates, scores or
listings (tests/test_referencing_queries.py). What a page offers comes from
referencing.transitions, so it is what referencing.services accepts.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from artisans.models import ArtisanProfile
from catalog.identifiers import gtin_is_valid, hs_code_is_valid
from catalog.visibility import visible_products
from deals.models import OrderLine
from programs.models import Program
from referencing import scoring, sheets
from referencing.models import (
    Candidate,
    Criterion,
    Listing,
    ReadinessTick,
    ReferencingRound,
    Retailer,
    Score,
    SheetColumn,
)
from referencing.transitions import CANDIDATES, candidate_roles

CS = Candidate.Status
# A candidate the retailer took: selected, then perhaps a trial order, then listed.
TAKEN = (CS.SELECTED, CS.TRIAL, CS.LISTED)


# --- scores and results --------------------------------------------------------------------------


def round_scores(round: ReferencingRound) -> dict[int, Decimal | None]:
    """Each candidate's weighted score (referencing.scoring), in two queries."""
    weights = dict(Criterion.objects.filter(round=round).values_list("pk", "weight"))
    marks = Score.objects.filter(candidate__round=round).values_list("candidate_id", "criterion_id", "value")
    return scoring.scores_by_candidate(weights, list(marks))


@dataclass(frozen=True)
class RoundResults:
    """What rounds led to: deals' program results may read these counts."""

    rounds: int
    candidates: int
    selected: int
    not_selected: int
    trial_orders: int
    listed: int


def round_results(*, round: ReferencingRound | None = None, program: Program | None = None) -> RoundResults:
    """The counts of one round, or of every round of a program, or of all rounds: one query."""
    candidates = Candidate.objects.all()
    if round is not None:
        candidates = candidates.filter(round=round)
    if program is not None:
        candidates = candidates.filter(round__program=program)
    counts = candidates.aggregate(
        rounds=Count("round", distinct=True),
        candidates=Count("pk"),
        selected=Count("pk", filter=Q(status__in=TAKEN)),
        not_selected=Count("pk", filter=Q(status=CS.NOT_SELECTED)),
        trial_orders=Count("pk", filter=Q(trial_order__isnull=False)),
        listed=Count("pk", filter=Q(status=CS.LISTED)),
    )
    return RoundResults(**counts)


# --- the committee's pages ----------------------------------------------------------------------


def member_rounds(user: User) -> QuerySet[ReferencingRound]:
    """The rounds of the retailers whose committee this person sits on (none for anyone else)."""
    buyer = getattr(user, "buyer_profile", None)
    if buyer is None:
        return ReferencingRound.objects.none()
    return (
        ReferencingRound.objects.filter(retailer__members=buyer)
        .select_related("retailer", "program")
        .annotate(candidate_count=Count("candidates", distinct=True))
        .order_by("-created_at")
    )


def member_round(user: User, public_id: Any) -> ReferencingRound | None:
    return member_rounds(user).filter(public_id=public_id).first()


@dataclass
class CandidateRow:
    candidate: Candidate
    score: Decimal | None
    my_marks: dict[int, int]
    actions: set[str]


@dataclass
class CommitteePage:
    round: ReferencingRound
    criteria: list[Criterion]
    rows: list[CandidateRow]


def committee_page(round: ReferencingRound, user: User, *, now: datetime | None = None) -> CommitteePage:
    """The candidates a member sees (catalog.visibility decides), each with its score, their own marks
    and what the table lets them do."""
    now = now or timezone.now()
    member_ids = frozenset(round.retailer.members.values_list("pk", flat=True))
    criteria = list(Criterion.objects.filter(round=round))
    candidates = list(
        Candidate.objects.filter(round=round, product__in=visible_products(user).values("pk"))
        .exclude(status=CS.WITHDRAWN)
        .select_related("product__craft", "artisan", "round__retailer")
        .order_by("artisan__business_name", "id")
    )
    buyer = getattr(user, "buyer_profile", None)
    mine: dict[int, dict[int, int]] = defaultdict(dict)
    if buyer is not None:
        for candidate_id, criterion_id, value in Score.objects.filter(
            candidate__round=round, member=buyer
        ).values_list("candidate_id", "criterion_id", "value"):
            mine[candidate_id][criterion_id] = value
    scores = round_scores(round)
    rows = [
        CandidateRow(
            candidate=candidate,
            score=scores.get(candidate.pk),
            my_marks=mine.get(candidate.pk, {}),
            actions=CANDIDATES.allowed(
                candidate, roles=candidate_roles(candidate, user, member_ids=member_ids), now=now
            ),
        )
        for candidate in candidates
    ]
    return CommitteePage(round=round, criteria=criteria, rows=rows)


def candidate_actions(candidate: Candidate, user: User, *, now: datetime | None = None) -> set[str]:
    """What a page offers this person on one candidate: its table's rows."""
    return CANDIDATES.allowed(candidate, roles=candidate_roles(candidate, user), now=now or timezone.now())


def member_candidate(user: User, public_id: Any) -> Candidate | None:
    """A candidate of a round this member may open, among the products they may see."""
    return (
        Candidate.objects.filter(
            public_id=public_id,
            round__in=member_rounds(user).values("pk"),
            product__in=visible_products(user).values("pk"),
        )
        .select_related("round__retailer", "round__program", "product", "artisan")
        .first()
    )


@dataclass
class ListingRow:
    listing: Listing
    last_price: Decimal
    currency: str
    # Whether last_price is what a member of the retailer last paid (else the current wholesale price).
    paid_before: bool


def member_listings(user: User) -> dict[Retailer, list[ListingRow]]:
    """The referenced list of each retailer this person's committee keeps, with each product's last price."""
    buyer = getattr(user, "buyer_profile", None)
    if buyer is None:
        return {}
    listings = list(
        Listing.objects.filter(retailer__members=buyer, product__in=visible_products(user).values("pk"))
        .select_related("retailer", "product__artisan")
        .order_by("retailer__name", "product__artisan__business_name", "product__title")
    )
    retailer_ids = {listing.retailer_id for listing in listings}
    members = Retailer.members.through.objects.filter(retailer_id__in=retailer_ids)
    last: dict[tuple[int, int], tuple[Decimal, str]] = {}
    # The newest line of each (retailer, product) among the orders of the retailer's members.
    lines = (
        OrderLine.objects.filter(
            product_id__in={listing.product_id for listing in listings},
            order__deal__buyer_id__in=members.values("buyerprofile_id"),
        )
        .order_by("-order__created_at", "-pk")
        .values_list("product_id", "order__deal__buyer_id", "unit_price", "order__currency")
    )
    retailers_of: dict[int, set[int]] = defaultdict(set)
    for retailer_id, buyer_id in members.values_list("retailer_id", "buyerprofile_id"):
        retailers_of[buyer_id].add(retailer_id)
    for product_id, buyer_id, price, currency in lines:
        for retailer_id in retailers_of[buyer_id]:
            last.setdefault((retailer_id, product_id), (price, currency))
    grouped: dict[Retailer, list[ListingRow]] = {}
    for listing in listings:
        paid = last.get((listing.retailer_id, listing.product_id))
        grouped.setdefault(listing.retailer, []).append(
            ListingRow(
                listing=listing,
                last_price=paid[0] if paid else listing.product.wholesale_price,
                currency=paid[1] if paid else listing.product.currency,
                paid_before=paid is not None,
            )
        )
    return grouped


# --- the artisan's page -------------------------------------------------------------------------


@dataclass
class ChecklistItem:
    key: str
    label: Any
    done: bool
    # Ticked by a person (True) or read from the product data (False).
    manual: bool
    missing: list[str] = field(default_factory=list)


@dataclass
class ArtisanCandidate:
    candidate: Candidate
    # What the artisan's page offers on it: its table's rows (withdraw, while the round allows).
    actions: set[str]


@dataclass
class ArtisanRound:
    round: ReferencingRound
    candidates: list[ArtisanCandidate]
    checklist: list[ChecklistItem]


def readiness(
    candidates: list[Candidate], columns: list[SheetColumn], ticked: set[str]
) -> list[ChecklistItem]:
    """The vendor checklist of one artisan in one round: read from the products where the data says it."""
    running = [c for c in candidates if c.status not in (CS.WITHDRAWN, CS.NOT_SELECTED)]

    def lacking(test: Any) -> list[str]:
        return [c.product.title for c in running if not test(c.product)]

    no_sheet = [c.product.title for c in running if sheets.missing_fields(columns, c)]
    items = [
        ChecklistItem(
            "gtin", _("A GTIN (EAN) for each product"), False, False, lacking(lambda p: gtin_is_valid(p.gtin))
        ),
        ChecklistItem(
            "hs_code",
            _("An HS code for each product"),
            False,
            False,
            lacking(lambda p: hs_code_is_valid(p.hs_code)),
        ),
        ChecklistItem(
            "origin",
            _("The country of origin of each product"),
            False,
            False,
            lacking(lambda p: bool(p.country_of_origin)),
        ),
        ChecklistItem(
            "sheet", _("Every column of the retailer's product sheet filled"), False, False, no_sheet
        ),
    ]
    for item in items:
        item.done = not item.missing
    for key, label in ReadinessTick.Item.choices:
        items.append(ChecklistItem(key, label, key in ticked, True))
    return items


def artisan_rounds(artisan: ArtisanProfile, user: User, *, now: datetime | None = None) -> list[ArtisanRound]:
    """The rounds an artisan has candidates in, with each candidate's decision, what `user` (the artisan)
    may do on it, and the checklist: three queries."""
    now = now or timezone.now()
    candidates = list(
        Candidate.objects.filter(artisan=artisan)
        .select_related("round__retailer", "product__craft", "artisan", "listing")
        .order_by("-round__created_at", "id")
    )
    round_ids = {c.round_id for c in candidates}
    retailer_ids = {c.round.retailer_id for c in candidates}
    columns: dict[int, list[SheetColumn]] = defaultdict(list)
    for column in SheetColumn.objects.filter(retailer_id__in=retailer_ids):
        columns[column.retailer_id].append(column)
    ticks: dict[int, set[str]] = defaultdict(set)
    for round_id, item in ReadinessTick.objects.filter(round_id__in=round_ids, artisan=artisan).values_list(
        "round_id", "item"
    ):
        ticks[round_id].add(item)
    by_round: dict[int, list[Candidate]] = defaultdict(list)
    for candidate in candidates:
        by_round[candidate.round_id].append(candidate)
    return [
        ArtisanRound(
            round=group[0].round,
            candidates=[
                ArtisanCandidate(
                    candidate,
                    CANDIDATES.allowed(
                        candidate, roles=candidate_roles(candidate, user, member_ids=frozenset()), now=now
                    ),
                )
                for candidate in group
            ],
            checklist=readiness(group, columns[group[0].round.retailer_id], ticks[round_id]),
        )
        for round_id, group in by_round.items()
    ]
