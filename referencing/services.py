"""Every write of a referencing round: candidates, scores, decisions, trial orders, listings, reorders.

Each change of state locks its row (select_for_update), asks its table in
referencing/transitions.py and writes. Trial orders and reorders are deals orders made by
deals.services.order_place (its minimums and pack multiples apply, refused with the nearest valid
quantities, never adjusted); referencing only links them. Who may see a product is
catalog.visibility's to say.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from artisans.models import ArtisanProfile
from catalog.models import Product
from catalog.visibility import product_is_public
from common.statemachine import TransitionRefused
from deals.models import Deal, Order
from deals.services import Line, order_place
from referencing.models import (
    Candidate,
    Criterion,
    Listing,
    ReadinessTick,
    ReferencingRound,
    Retailer,
    Score,
)
from referencing.transitions import CANDIDATES, NEEDS_REASON, ROUNDS, STAFF, candidate_roles, round_roles


def _locked_candidate(candidate: Candidate) -> Candidate:
    return (
        Candidate.objects.select_for_update(of=("self",))
        .select_related("round__retailer", "artisan", "product")
        .get(pk=candidate.pk)
    )


def _take(candidate: Candidate, action: str, *, user: User, now: Any = None) -> Candidate:
    """Lock `candidate`, check `action` against the table; the caller saves what it changes."""
    locked = _locked_candidate(candidate)
    row = CANDIDATES.check(locked, action, roles=candidate_roles(locked, user), now=now or timezone.now())
    locked.status = row.target
    return locked


@transaction.atomic
def round_move(*, user: User, round: ReferencingRound, action: str) -> ReferencingRound:
    """Staff move a round: start scoring, decide (every candidate decided), close."""
    locked = ReferencingRound.objects.select_for_update().get(pk=round.pk)
    row = ROUNDS.check(locked, action, roles=round_roles(user), now=timezone.now())
    locked.status = row.target
    locked.save(update_fields=["status"])
    return locked


@transaction.atomic
def candidate_add(*, user: User, round: ReferencingRound, product: Product) -> Candidate:
    """Staff put a public product forward in an open round (once per round)."""
    if STAFF not in round_roles(user):
        raise TransitionRefused(_("Only the agency's staff can do this."))
    locked = ReferencingRound.objects.select_for_update().get(pk=round.pk)
    if not locked.takes_candidates:
        raise TransitionRefused(_("Candidates are added while the round is open."))
    if not product_is_public(product):
        raise TransitionRefused(_("Only a published product of an approved artisan can be a candidate."))
    if Candidate.objects.filter(round=locked, product=product).exists():
        raise TransitionRefused(_("This product is already a candidate in this round."))
    return Candidate.objects.create(round=locked, product=product, artisan_id=product.artisan_id)


@transaction.atomic
def score_record(*, user: User, candidate: Candidate, marks: dict[int, int]) -> list[Score]:
    """A committee member marks a candidate (1 to 5) against some or all of the round's criteria."""
    locked = _locked_candidate(candidate)
    CANDIDATES.check(locked, "score", roles=candidate_roles(locked, user), now=timezone.now())
    criteria = set(Criterion.objects.filter(round_id=locked.round_id).values_list("pk", flat=True))
    if not marks:
        raise TransitionRefused(_("Give at least one score."))
    if not set(marks) <= criteria:
        raise TransitionRefused(_("One of the criteria is not part of this round."))
    if any(not 1 <= value <= 5 for value in marks.values()):
        raise TransitionRefused(_("Each score is from 1 to 5."))
    member = user.buyer_profile
    return [
        Score.objects.update_or_create(
            candidate=locked, member=member, criterion_id=criterion, defaults={"value": value}
        )[0]
        for criterion, value in sorted(marks.items())
    ]


@transaction.atomic
def candidate_decide(*, user: User, candidate: Candidate, action: str, reason: str = "") -> Candidate:
    """Staff select a candidate or not, with the reason the artisan reads (required when not selected)."""
    if action not in ("select", "not_select"):
        raise TransitionRefused(_("Choose to select the candidate or not."))
    if action in NEEDS_REASON and not reason.strip():
        raise TransitionRefused(_("Please give a reason; the artisan reads it."))
    locked = _take(candidate, action, user=user)
    locked.reason = reason.strip()
    locked.decided_at = timezone.now()
    locked.decided_by = user
    locked.save(update_fields=["status", "reason", "decided_at", "decided_by"])
    return locked


@transaction.atomic
def candidate_withdraw(*, user: User, candidate: Candidate) -> Candidate:
    locked = _take(candidate, "withdraw", user=user)
    locked.save(update_fields=["status"])
    return locked


@transaction.atomic
def candidate_order_trial(
    *,
    user: User,
    candidate: Candidate,
    quantity: int,
    delivery_address: str,
    po_number: str = "",
    wanted_by: date | None = None,
) -> Order:
    """A committee member places the trial order of a selected candidate: a direct deals order."""
    locked = _take(candidate, "order_trial", user=user)
    order = order_place(
        user=user,
        artisan=locked.artisan,
        lines=[Line(quantity=quantity, product=locked.product)],
        delivery_address=delivery_address,
        po_number=po_number,
        wanted_by=wanted_by,
        program=locked.round.program,
        source=Deal.Source.DIRECT,
    )
    locked.trial_order = order
    locked.save(update_fields=["status", "trial_order"])
    return order


@transaction.atomic
def candidate_list(*, user: User, candidate: Candidate, article_number: str) -> Listing:
    """Staff record that the retailer lists a selected candidate under its own article number."""
    article_number = article_number.strip()
    if not article_number:
        raise TransitionRefused(_("Please give the retailer's article number."))
    locked = _take(candidate, "list", user=user)
    locked.save(update_fields=["status"])
    try:
        with transaction.atomic():
            return Listing.objects.create(
                candidate=locked,
                retailer_id=locked.round.retailer_id,
                product_id=locked.product_id,
                article_number=article_number,
            )
    except IntegrityError:
        raise TransitionRefused(
            _("The retailer already lists this product, or uses this article number for another one.")
        )


@transaction.atomic
def readiness_tick(
    *, user: User, round: ReferencingRound, artisan: ArtisanProfile, item: str, done: bool
) -> bool:
    """The artisan (or staff) ticks or unticks a checklist item the product data cannot answer."""
    if item not in ReadinessTick.Item.values:
        raise TransitionRefused(_("There is no such item on the checklist."))
    if not (user.is_staff or user.pk == artisan.user_id):
        raise TransitionRefused(_("Only the artisan can do this."))
    if not round.takes_checklist_ticks:
        raise TransitionRefused(_("This round is closed."))
    if not Candidate.objects.filter(round=round, artisan=artisan).exists():
        raise TransitionRefused(_("None of your products is a candidate in this round."))
    if done:
        _tick, created = ReadinessTick.objects.get_or_create(
            round=round, artisan=artisan, item=item, defaults={"ticked_by": user}
        )
        return created
    deleted, _counts = ReadinessTick.objects.filter(round=round, artisan=artisan, item=item).delete()
    return deleted > 0


@transaction.atomic
def listing_reorder(
    *,
    user: User,
    retailer: Retailer,
    quantities: dict[int, int],
    delivery_address: str,
    po_number: str = "",
    wanted_by: date | None = None,
) -> list[Order]:
    """A committee member reorders listed products: one deals order per artisan, all or none.

    Prices are the artisan's current wholesale prices (deals.services.order_place); each order
    meets that artisan's minimums or the whole reorder is refused with what to change.
    """
    buyer = getattr(user, "buyer_profile", None)
    if buyer is None or not retailer.members.filter(pk=buyer.pk).exists():
        raise TransitionRefused(_("Only the retailer's committee can do this."))
    wanted = {pk: quantity for pk, quantity in quantities.items() if quantity}
    if not wanted:
        raise TransitionRefused(_("Give a quantity for at least one product."))
    listings = list(
        Listing.objects.filter(retailer=retailer, pk__in=wanted).select_related(
            "product__artisan", "candidate__round"
        )
    )
    if len(listings) != len(wanted):
        raise TransitionRefused(_("One of the products is not listed by this retailer."))
    by_artisan: dict[int, list[Listing]] = defaultdict(list)
    for listing in listings:
        by_artisan[listing.product.artisan_id].append(listing)
    orders = []
    for _artisan_id, group in sorted(by_artisan.items()):
        orders.append(
            order_place(
                user=user,
                artisan=group[0].product.artisan,
                lines=[Line(quantity=wanted[listing.pk], product=listing.product) for listing in group],
                delivery_address=delivery_address,
                po_number=po_number,
                wanted_by=wanted_by,
                program=group[0].candidate.round.program,
                source=Deal.Source.DIRECT,
            )
        )
    return orders
