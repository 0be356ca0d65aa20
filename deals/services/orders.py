"""Orders: from an accepted quote, a sample or directly; the artisan answers, ships; the buyer receives."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

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
    """The artisan accepts with other quantities or another date; the buyer's confirmation applies them."""
    lines = {line.pk: line for line in OrderLine.objects.filter(order=order)}
    if not set(quantities) <= set(lines) or any(quantity < 1 for quantity in quantities.values()):
        raise TransitionRefused(_("Each quantity must be at least 1."))
    if not quantities and ship_by is None:
        raise TransitionRefused(_("Propose other quantities or another date."))
    order = _step(
        order, "propose_changes", user=user, why=reason, for_artisan=for_artisan, proposed_ship_by=ship_by
    )
    for pk, quantity in quantities.items():
        OrderLine.objects.filter(pk=pk).update(proposed_quantity=quantity)
    return order


@transaction.atomic
def order_confirm_changes(*, user: User, order: Order) -> Order:
    order = _locked(Order, order.pk)  # read the proposal under the lock the step takes again
    ship_by = order.proposed_ship_by or order.ship_by
    order = _step(order, "confirm_changes", user=user, ship_by=ship_by, proposed_ship_by=None)
    for line in OrderLine.objects.filter(order=order, proposed_quantity__isnull=False):
        OrderLine.objects.filter(pk=line.pk).update(quantity=line.proposed_quantity, proposed_quantity=None)
    return order


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
