"""Orders: from an accepted quote, a sample or directly; the artisan answers, ships; the buyer receives."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from artisans.models import ArtisanProfile
from catalog.visibility import can_see_wholesale
from common.attachments import CleanAttachment
from common.statemachine import TransitionRefused
from deals.models import (
    Deal,
    Inquiry,
    Order,
    OrderLine,
    Quote,
    QuoteLine,
    Sample,
)
from deals.services.base import (
    Line,
    QuantitiesRefused,
    _check_lines,
    _locked,
    _move,
    _order_problems,
    _product_terms,
    _quantity_messages,
    _record_start,
    _step,
)
from deals.services.thread import deal_message_post
from deals.transitions import (
    INQUIRIES,
    ORDERS,
    SAMPLES,
    deal_roles,
)
from programs.models import Program

# --- orders --------------------------------------------------------------------------------------


@transaction.atomic
def order_place_from_quote(
    *, user: User, quote: Quote, delivery_address: str, po_number: str = "", wanted_by: date | None = None
) -> Order:
    """The buyer orders what an accepted quote says (quantities and prices as quoted)."""
    quote = _locked(Quote, quote.pk)
    deal = quote.deal
    if "buyer" not in deal_roles(deal, user):
        raise TransitionRefused(_("Only the buyer can do this."))
    if quote.status != Quote.Status.ACCEPTED:
        raise TransitionRefused(_("Only an accepted quote can be ordered."))
    if Order.objects.filter(quote=quote).exists():
        raise TransitionRefused(_("This quote has already been ordered."))
    if not delivery_address.strip():
        raise TransitionRefused(_("Please give a delivery address."))
    quote_lines = [line for line in quote.lines.all() if line.product_id is not None]
    if not quote_lines:
        raise TransitionRefused(_("This quote names no catalog product to order; ask the artisan for one."))
    problems, is_reorder = _order_problems(
        deal,
        [
            (line.description, line.quantity, line.minimum_quantity, line.pack_multiple, line.unit_price)
            for line in quote_lines
        ],
    )
    if problems:
        raise QuantitiesRefused(problems)
    order = Order.objects.create(
        deal=deal,
        quote=quote,
        currency=quote.currency,
        is_reorder=is_reorder,
        po_number=po_number.strip(),
        delivery_address=delivery_address.strip(),
        wanted_by=wanted_by,
    )
    OrderLine.objects.bulk_create(
        OrderLine(
            order=order,
            product_id=line.product_id,
            description=line.description,
            quantity=line.quantity,
            unit_price=line.unit_price,
        )
        for line in quote_lines
    )
    inquiry = Inquiry.objects.select_for_update().filter(deal=deal, status=Inquiry.Status.QUOTED).first()
    if inquiry is not None:
        _move(INQUIRIES, inquiry, "order", user=user, deal=deal, notify=False)
    _record_start(deal, order, "place", user=user)
    return order


@transaction.atomic
def order_place(
    *,
    user: User,
    artisan: ArtisanProfile,
    lines: list[Line],
    delivery_address: str,
    po_number: str = "",
    wanted_by: date | None = None,
    program: Program | None = None,
    source: str = Deal.Source.DIRECT,
    sample: Sample | None = None,
) -> Order:
    """A verified buyer orders catalog products directly at their wholesale prices."""
    buyer = getattr(user, "buyer_profile", None)
    if buyer is None or not can_see_wholesale(user):
        raise TransitionRefused(_("Only verified buyers can order directly."))
    _check_lines(artisan, lines, user)
    if any(line.product is None for line in lines):
        raise TransitionRefused(
            _("A direct order names catalog products; ask for a quote for anything else.")
        )
    if not delivery_address.strip():
        raise TransitionRefused(_("Please give a delivery address."))
    products = [line.product for line in lines if line.product is not None]
    currencies = {product.currency for product in products}
    if len(currencies) > 1:
        raise TransitionRefused(
            _("These products are priced in different currencies; order them separately.")
        )
    deal = (
        sample.deal
        if sample is not None
        else Deal.objects.create(artisan=artisan, buyer=buyer, program=program, source=source)
    )
    multiples = _product_terms(products)
    quantities = [line.quantity for line in lines]
    problems, is_reorder = _order_problems(
        deal,
        [
            (product.title, quantity, product.min_order_qty, multiples[product.pk], product.wholesale_price)
            for product, quantity in zip(products, quantities, strict=True)
        ],
    )
    if problems:
        raise QuantitiesRefused(problems)
    if sample is not None:
        locked = _locked(Sample, sample.pk)
        _move(SAMPLES, locked, "order", user=user, deal=deal)
    order = Order.objects.create(
        deal=deal,
        currency=currencies.pop(),
        is_reorder=is_reorder,
        po_number=po_number.strip(),
        delivery_address=delivery_address.strip(),
        wanted_by=wanted_by,
    )
    OrderLine.objects.bulk_create(
        OrderLine(
            order=order,
            product=product,
            description=product.title[:200],
            quantity=quantity,
            unit_price=product.wholesale_price,
        )
        for product, quantity in zip(products, quantities, strict=True)
    )
    _record_start(deal, order, "place", user=user)
    return order


@transaction.atomic
def order_accept(*, user: User, order: Order, ship_by: date, for_artisan: bool = False) -> Order:
    if ship_by < timezone.localdate():
        raise TransitionRefused(_("The ship-by date has passed."))
    return _step(order, "accept", user=user, for_artisan=for_artisan, ship_by=ship_by)


@transaction.atomic
def order_propose_changes(
    *,
    user: User,
    order: Order,
    quantities: dict[int, int],
    ship_by: date | None,
    reason: str,
    for_artisan: bool = False,
) -> Order:
    """The artisan accepts with other quantities or another ship-by date; the buyer's confirmation applies them.

    Each new quantity is checked as an order's would be (deals.minimums: the line's minimum and
    pack multiple, refused with the nearest valid quantities, never adjusted). The history records
    every change, old and new (DealEvent.changes), and the note as the move's reason.
    """
    locked = _locked(Order, order.pk)
    deal = locked.deal
    # The table first: someone who may not propose changes hears that, not about quantities.
    roles = deal_roles(deal, user, for_artisan=for_artisan)
    ORDERS.check(locked, "propose_changes", roles=roles, now=timezone.now())
    lines = {line.pk: line for line in OrderLine.objects.filter(order=locked).select_related("product")}
    if not set(quantities) <= set(lines) or any(quantity < 1 for quantity in quantities.values()):
        raise TransitionRefused(_("Each quantity must be at least 1."))
    if ship_by is not None and ship_by < timezone.localdate():
        raise TransitionRefused(_("The ship-by date has passed."))
    changed = {pk: quantity for pk, quantity in quantities.items() if quantity != lines[pk].quantity}
    new_ship_by = ship_by if ship_by is not None and ship_by != locked.ship_by else None
    if not changed and new_ship_by is None:
        raise TransitionRefused(_("Propose other quantities or another date."))
    rules = _line_rules(locked, [lines[pk] for pk in changed])
    problems = _quantity_messages(
        [(lines[pk].description, quantity, *rules[pk]) for pk, quantity in changed.items()]
    )
    if problems:
        raise QuantitiesRefused(problems)
    changes = _changes(
        [(lines[pk], quantity) for pk, quantity in changed.items()], locked.ship_by, new_ship_by
    )
    locked.proposed_ship_by = new_ship_by
    _move(
        ORDERS,
        locked,
        "propose_changes",
        user=user,
        deal=deal,
        for_artisan=for_artisan,
        reason=reason,
        fields=("proposed_ship_by",),
        changes=changes,
    )
    for pk, quantity in changed.items():
        OrderLine.objects.filter(pk=pk).update(proposed_quantity=quantity)
    return locked


def _line_rules(order: Order, lines: list[OrderLine]) -> dict[int, tuple[int, int]]:
    """Each line's (minimum, pack multiple): as its quote said, else as the catalog says."""
    if order.quote_id is not None:
        quoted = {
            line.product_id: (line.minimum_quantity, line.pack_multiple)
            for line in QuoteLine.objects.filter(quote_id=order.quote_id)
        }
        return {line.pk: quoted.get(line.product_id, (1, 1)) for line in lines}
    products = [line.product for line in lines if line.product is not None]
    multiples = _product_terms(products)
    return {
        line.pk: (line.product.min_order_qty, multiples[line.product.pk])
        if line.product is not None
        else (1, 1)
        for line in lines
    }


def _changes(
    quantities: list[tuple[OrderLine, int]], ship_by: date | None, new_ship_by: date | None
) -> list[dict[str, Any]]:
    """What a proposal changes, old and new, as the history keeps it (dates as ISO strings)."""
    changes: list[dict[str, Any]] = [
        {"field": "quantity", "line": line.description, "from": line.quantity, "to": quantity}
        for line, quantity in quantities
    ]
    if new_ship_by is not None:
        changes.append(
            {
                "field": "ship_by",
                "from": ship_by.isoformat() if ship_by else None,
                "to": new_ship_by.isoformat(),
            }
        )
    return changes


@transaction.atomic
def order_confirm_changes(*, user: User, order: Order) -> Order:
    """The buyer confirms the artisan's proposal: its quantities and date apply, recorded old and new."""
    locked = _locked(Order, order.pk)
    lines = list(OrderLine.objects.filter(order=locked, proposed_quantity__isnull=False))
    changes = _changes(
        [(line, line.proposed_quantity) for line in lines if line.proposed_quantity is not None],
        locked.ship_by,
        locked.proposed_ship_by,
    )
    locked.ship_by = locked.proposed_ship_by or locked.ship_by
    locked.proposed_ship_by = None
    _move(
        ORDERS,
        locked,
        "confirm_changes",
        user=user,
        deal=locked.deal,
        fields=("ship_by", "proposed_ship_by"),
        changes=changes,
    )
    for line in lines:
        OrderLine.objects.filter(pk=line.pk).update(quantity=line.proposed_quantity, proposed_quantity=None)
    return locked


@transaction.atomic
def order_decline(*, user: User, order: Order, code: str, reason: str, for_artisan: bool = False) -> Order:
    if code not in Order.DeclineCode.values:
        raise TransitionRefused(_("Please choose a reason."))
    return _step(
        order,
        "decline",
        user=user,
        why=reason,
        for_artisan=for_artisan,
        decline_code=code,
        reason=reason.strip(),
    )


@transaction.atomic
def order_start_production(*, user: User, order: Order, for_artisan: bool = False) -> Order:
    return _step(order, "start_production", user=user, for_artisan=for_artisan)


@transaction.atomic
def order_ship(
    *, user: User, order: Order, carrier: str, tracking_number: str = "", for_artisan: bool = False
) -> Order:
    if not carrier.strip():
        raise TransitionRefused(_("Please name the carrier."))
    return _step(
        order,
        "ship",
        user=user,
        for_artisan=for_artisan,
        carrier=carrier.strip(),
        tracking_number=tracking_number.strip(),
    )


@transaction.atomic
def order_receive(*, user: User, order: Order) -> Order:
    return _step(order, "receive", user=user)


@transaction.atomic
def order_dispute(*, user: User, order: Order, reason: str, photos: Sequence[CleanAttachment] = ()) -> Order:
    """The buyer disputes what arrived; the reason and photos of the goods go in the deal's thread too."""
    locked = _locked(Order, order.pk)
    locked.reason = reason.strip()
    event = _move(ORDERS, locked, "dispute", user=user, deal=locked.deal, reason=reason, fields=("reason",))
    # The dispute's own mail tells the artisan; the message only keeps reason and photos in the thread.
    deal_message_post(user=user, deal=locked.deal, body=reason, attachments=photos, event=event, notify=False)
    return locked


@transaction.atomic
def order_close(*, user: User, order: Order, for_artisan: bool = False) -> Order:
    return _step(order, "close", user=user, for_artisan=for_artisan)


@transaction.atomic
def order_cancel(*, user: User, order: Order, reason: str, for_artisan: bool = False) -> Order:
    return _step(
        order,
        "cancel",
        user=user,
        why=reason,
        for_artisan=for_artisan,
        reason=reason.strip(),
        cancelled_by=user,
        cancelled_at=timezone.now(),
    )
