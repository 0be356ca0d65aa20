"""Every write of a deal: inquiries, quotes, samples and orders.

Each change locks the row it moves (select_for_update), asks its table in deals/transitions.py,
writes the new state and one DealEvent, and mails the other side after commit through the
outbox (one email per event and recipient). Two people acting on one row at once are serialised
by the lock: the second reads the new state and gets the table's message. Quantities and values
are checked by deals/minimums.py, never adjusted.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from catalog.models import Product
from catalog.visibility import artisan_visible_to, can_open_product, can_see_wholesale, program_is_public
from common.statemachine import Machine, TransitionRefused
from deals import minimums
from deals.models import (
    Deal,
    DealEvent,
    DealTerms,
    Inquiry,
    InquiryLine,
    Order,
    OrderLine,
    ProductTerms,
    Quote,
    QuoteLine,
    Sample,
)
from deals.selectors import event_label
from deals.transitions import (
    ARTISAN,
    INQUIRIES,
    NEEDS_REASON,
    ORDERS,
    QUOTES,
    SAMPLES,
    SENDER,
    STAFF,
    deal_roles,
)
from notifications.emails import render_email
from notifications.services import email_enqueue

CONFIRM_SALT = "deals.inquiry-confirm"
CONFIRM_MAX_AGE = 60 * 60 * 48
SUBJECTS = {
    Inquiry: DealEvent.Subject.INQUIRY,
    Quote: DealEvent.Subject.QUOTE,
    Sample: DealEvent.Subject.SAMPLE,
    Order: DealEvent.Subject.ORDER,
}
OPEN_ORDER = [s for s in Order.Status if s not in (Order.Status.DECLINED, Order.Status.CANCELLED)]


class QuantitiesRefused(TransitionRefused):
    """Lines below a minimum or off a pack multiple, or an order below the artisan's minimum value."""

    def __init__(self, messages: list[str]) -> None:
        super().__init__(" ".join(messages))
        self.messages = messages


@dataclass(frozen=True)
class Line:
    """One line as a person asks for it: a product (or a free specification) and a quantity."""

    quantity: int
    product: Product | None = None
    specification: str = ""
    unit: str = "piece"
    unit_price: Decimal | None = None
    description: str = ""
    pack_multiple: int = 1
    minimum_quantity: int = 1


# --- the common step -----------------------------------------------------------------------------


def _move(
    machine: Machine,
    obj,
    action: str,
    *,
    user,
    deal: Deal,
    for_artisan: bool = False,
    reason: str = "",
    fields: tuple[str, ...] = (),
    now: datetime | None = None,
    roles: frozenset[str] | None = None,
) -> DealEvent:
    """Take one row of `machine` on a locked `obj`, save it with `fields`, record and tell."""
    now = now or timezone.now()
    roles = deal_roles(deal, user, for_artisan=for_artisan) if roles is None else roles
    row = machine.check(obj, action, roles=roles, now=now)
    if action in NEEDS_REASON[SUBJECTS[type(obj)].value] and not reason.strip():
        raise TransitionRefused(_("Please give a reason."))
    before = obj.status
    obj.status = row.target
    obj.save(update_fields=["status", *fields])
    acting_for = (
        deal.artisan.user if STAFF in roles and ARTISAN in roles and user.pk != deal.artisan.user_id else None
    )
    event = DealEvent.objects.create(
        deal=deal,
        subject=SUBJECTS[type(obj)],
        subject_id=obj.pk,
        action=action,
        from_status=before,
        to_status=row.target,
        actor=user if getattr(user, "is_authenticated", False) else None,
        on_behalf_of=acting_for,
        reason=reason.strip(),
    )
    Deal.objects.filter(pk=deal.pk).update(updated_at=now)
    _notify(deal, event, roles=roles)
    return event


def _record_start(deal: Deal, obj, action: str, *, user) -> DealEvent:
    event = DealEvent.objects.create(
        deal=deal,
        subject=SUBJECTS[type(obj)],
        subject_id=obj.pk,
        action=action,
        from_status="",
        to_status=obj.status,
        actor=user if getattr(user, "is_authenticated", False) else None,
    )
    _notify(deal, event, roles=deal_roles(deal, user))
    return event


def _notify(deal: Deal, event: DealEvent, *, roles: frozenset[str]) -> None:
    """Mail the other side of the one who acted, in their language (outbox, after commit).

    A member of the public has no account: they get the artisan's moves at their address, in the
    program's language; the artisan hears nothing of an inquiry whose sender has not confirmed.
    """
    url = f"{settings.SITE_URL}{reverse('deals:detail', args=[deal.public_id])}"
    recipients: list[tuple[str, str, str, str]] = []  # (key, address, language, zone)
    if ARTISAN not in roles and event.to_status != Inquiry.Status.UNCONFIRMED:
        artisan = deal.artisan.user
        recipients.append((str(artisan.pk), artisan.email, artisan.language, artisan.time_zone))
    if not roles & {"buyer", SENDER}:
        if deal.buyer_id is not None:
            buyer = deal.buyer.user
            recipients.append((str(buyer.pk), buyer.email, buyer.language, buyer.time_zone))
        elif (inquiry := Inquiry.objects.filter(deal=deal).first()) is not None:
            url = ""  # no account, no page: the mail says it all
            recipients.append(("contact", inquiry.contact_email, inquiry.language, "UTC"))
    for key, address, language, zone in recipients:
        rendered = render_email(
            "deal_update",
            {"deal": deal, "event": event, "label": event_label(event), "url": url},
            language=language,
            time_zone=zone,
        )
        email_enqueue(
            key=f"deal-event:{event.pk}:{key}",
            to=address,
            subject=rendered.subject,
            text=rendered.text,
            html=rendered.html,
            language=rendered.language,
        )


def _locked(model, pk: int):
    return (
        model.objects.select_for_update(of=("self",))
        .select_related("deal__artisan", "deal__buyer")
        .get(pk=pk)
    )


# --- minimums ------------------------------------------------------------------------------------


def _quantity_messages(lines: list[tuple[str, int, int, int]]) -> list[str]:
    """(name, quantity, minimum, multiple) for each line -> what is wrong, with nearest valid quantities."""
    messages = []
    for name, quantity, minimum, multiple in lines:
        refusal = minimums.quantity_refusal(quantity, minimum=minimum, multiple=multiple)
        if refusal is None:
            continue
        values = {
            "product": name,
            "quantity": quantity,
            "minimum": minimum,
            "multiple": multiple,
            "above": refusal.above,
            "below": refusal.below,
        }
        if refusal.below is not None:
            messages.append(
                _(
                    "%(product)s: %(quantity)s cannot be ordered (minimum %(minimum)s, in packs of "
                    "%(multiple)s). The nearest quantities are %(below)s and %(above)s."
                )
                % values
            )
        else:
            messages.append(
                _(
                    "%(product)s: %(quantity)s cannot be ordered (minimum %(minimum)s, in packs of "
                    "%(multiple)s). The nearest quantity is %(above)s."
                )
                % values
            )
    return messages


def _product_terms(products: list[Product]) -> dict[int, int]:
    multiples = dict(
        ProductTerms.objects.filter(product__in=products).values_list("product_id", "pack_multiple")
    )
    return {product.pk: multiples.get(product.pk, 1) for product in products}


def order_minimum(deal: Deal) -> tuple[Decimal | None, bool]:
    """The value the buyer's next order with this artisan must reach, and whether it is a reorder."""
    is_reorder = Order.objects.filter(
        deal__artisan_id=deal.artisan_id, deal__buyer_id=deal.buyer_id, status__in=OPEN_ORDER
    ).exists()
    terms = DealTerms.objects.filter(artisan_id=deal.artisan_id).first()
    if terms is None:
        return None, is_reorder
    return (terms.reorder_minimum if is_reorder else terms.opening_order_minimum), is_reorder


# --- inquiries -----------------------------------------------------------------------------------


def _check_lines(artisan, lines: list[Line], viewer) -> None:
    if not lines:
        raise TransitionRefused(_("Add at least one product or a specification."))
    for line in lines:
        if line.quantity < 1:
            raise TransitionRefused(_("Each quantity must be at least 1."))
        if line.product is None and not line.specification.strip():
            raise TransitionRefused(_("Describe what you need, or choose a product."))
        if line.product is not None and (
            line.product.artisan_id != artisan.pk or not can_open_product(line.product, viewer)
        ):
            raise TransitionRefused(_("One of the products is not available."))


@transaction.atomic
def inquiry_send(
    *,
    user,
    artisan,
    lines: list[Line],
    source: str,
    program=None,
    meeting=None,
    destination_country: str = "",
    incoterm: str = "",
    wanted_by: date | None = None,
    target_price: Decimal | None = None,
    currency: str = "USD",
    message: str = "",
) -> Deal:
    """A signed-in buyer asks an artisan for a quote (from a product page, the shortlist or a meeting)."""
    buyer = getattr(user, "buyer_profile", None)
    if buyer is None:
        raise TransitionRefused(_("Only buyers can ask for a quote."))
    if not artisan_visible_to(artisan, user):
        raise TransitionRefused(_("This artisan is not available."))
    if meeting is not None and (meeting.buyer_id != buyer.pk or meeting.artisan_id != artisan.pk):
        raise TransitionRefused(_("This meeting is not yours with this artisan."))
    _check_lines(artisan, lines, user)
    deal = Deal.objects.create(
        artisan=artisan,
        buyer=buyer,
        program=program or getattr(meeting, "program", None),
        meeting=meeting,
        source=source,
    )
    inquiry = _inquiry_create(
        deal,
        lines,
        status=Inquiry.Status.OPEN,
        destination_country=destination_country,
        incoterm=incoterm,
        wanted_by=wanted_by,
        target_price=target_price,
        currency=currency,
        message=message,
    )
    _record_start(deal, inquiry, "send", user=user)
    return deal


def _inquiry_create(deal: Deal, lines: list[Line], **fields) -> Inquiry:
    inquiry = Inquiry.objects.create(deal=deal, **fields)
    InquiryLine.objects.bulk_create(
        InquiryLine(
            inquiry=inquiry,
            product=line.product,
            specification=line.specification.strip(),
            description=(line.product.title if line.product else line.specification.strip())[:200],
            quantity=line.quantity,
            unit=line.unit,
        )
        for line in lines
    )
    return inquiry


@transaction.atomic
def inquiry_send_public(
    *,
    program,
    artisan,
    name: str,
    email: str,
    lines: list[Line],
    message: str = "",
    destination_country: str = "",
    language: str = "",
) -> Deal:
    """A member of the public asks from a public catalog; the artisan sees it once the email is confirmed."""
    if not program_is_public(program):
        raise TransitionRefused(_("This catalog does not take inquiries from the public."))
    if not artisan_visible_to(artisan, None):
        raise TransitionRefused(_("This artisan is not available."))
    if not name.strip() or not email.strip():
        raise TransitionRefused(_("Please give your name and email."))
    _check_lines(artisan, lines, None)
    deal = Deal.objects.create(artisan=artisan, program=program, source=Deal.Source.PUBLIC)
    inquiry = _inquiry_create(
        deal,
        lines,
        status=Inquiry.Status.UNCONFIRMED,
        contact_name=name.strip(),
        contact_email=email.strip(),
        message=message,
        destination_country=destination_country,
        language=language or settings.LANGUAGE_CODE,
    )
    token = signing.dumps(inquiry.pk, salt=CONFIRM_SALT)
    rendered = render_email(
        "deal_confirm",
        {
            "inquiry": inquiry,
            "artisan": artisan,
            "url": f"{settings.SITE_URL}{reverse('deals:confirm', args=[token])}",
        },
        language=inquiry.language,
    )
    email_enqueue(
        key=f"deal-confirm:{inquiry.pk}",
        to=inquiry.contact_email,
        subject=rendered.subject,
        text=rendered.text,
        html=rendered.html,
        language=rendered.language,
    )
    return deal


@transaction.atomic
def inquiry_confirm(*, token: str) -> Inquiry:
    """The link in the confirmation mail: valid two days, for this inquiry only; a replay changes nothing."""
    try:
        inquiry_id = signing.loads(token, salt=CONFIRM_SALT, max_age=CONFIRM_MAX_AGE)
    except signing.SignatureExpired:
        raise TransitionRefused(_("This link has expired. Please send your inquiry again."))
    except signing.BadSignature:
        raise TransitionRefused(_("This link is not valid."))
    inquiry = _locked(Inquiry, inquiry_id)
    if inquiry.status != Inquiry.Status.UNCONFIRMED:
        return inquiry
    inquiry.confirmed_at = timezone.now()
    _move(
        INQUIRIES,
        inquiry,
        "confirm",
        user=None,
        deal=inquiry.deal,
        roles=frozenset({SENDER}),
        fields=("confirmed_at",),
    )
    return inquiry


@transaction.atomic
def inquiry_decline(*, user, inquiry: Inquiry, reason: str, for_artisan: bool = False) -> Inquiry:
    inquiry = _locked(Inquiry, inquiry.pk)
    inquiry.reason = reason.strip()
    _move(
        INQUIRIES,
        inquiry,
        "decline",
        user=user,
        deal=inquiry.deal,
        reason=reason,
        fields=("reason",),
        for_artisan=for_artisan,
    )
    return inquiry


@transaction.atomic
def inquiry_withdraw(*, user, inquiry: Inquiry) -> Inquiry:
    inquiry = _locked(Inquiry, inquiry.pk)
    _move(INQUIRIES, inquiry, "withdraw", user=user, deal=inquiry.deal)
    return inquiry


# --- quotes --------------------------------------------------------------------------------------


@transaction.atomic
def quote_send(
    *,
    user,
    deal: Deal,
    lines: list[Line],
    currency: str,
    incoterm: str,
    lead_time_days: int,
    valid_until: date,
    named_place: str = "",
    payment_terms: str = "",
    notes: str = "",
    for_artisan: bool = False,
) -> Quote:
    """The artisan's answer: a new version, replacing the one on the table (if any)."""
    deal = Deal.objects.select_for_update(of=("self",)).select_related("artisan", "buyer").get(pk=deal.pk)
    roles = deal_roles(deal, user, for_artisan=for_artisan)
    if ARTISAN not in roles:
        raise TransitionRefused(_("Only the artisan can do this."))
    if valid_until < timezone.localdate():
        raise TransitionRefused(_("The validity date has passed."))
    if not lines or any(line.unit_price is None or line.unit_price <= 0 for line in lines):
        raise TransitionRefused(_("Give each line a unit price."))
    problems = _quantity_messages(
        [
            (line.description or str(line.product), line.quantity, line.minimum_quantity, line.pack_multiple)
            for line in lines
        ]
    )
    if problems:
        raise QuantitiesRefused(problems)
    inquiry = Inquiry.objects.select_for_update().filter(deal=deal).first()
    if inquiry is not None:
        _move(INQUIRIES, inquiry, "quote", user=user, deal=deal, roles=roles)
    for previous in Quote.objects.select_for_update().filter(
        deal=deal, status__in=[Quote.Status.SENT, Quote.Status.REVISION_ASKED]
    ):
        _move(QUOTES, previous, "supersede", user=user, deal=deal, roles=roles)
    version = (
        Quote.objects.filter(deal=deal).order_by("-version").values_list("version", flat=True).first() or 0
    ) + 1
    quote = Quote.objects.create(
        deal=deal,
        version=version,
        currency=currency,
        incoterm=incoterm,
        named_place=named_place,
        payment_terms=payment_terms,
        lead_time_days=lead_time_days,
        valid_until=valid_until,
        notes=notes,
    )
    QuoteLine.objects.bulk_create(
        QuoteLine(
            quote=quote,
            product=line.product,
            description=line.description or str(line.product),
            quantity=line.quantity,
            unit_price=line.unit_price,
            pack_multiple=line.pack_multiple,
            minimum_quantity=line.minimum_quantity,
        )
        for line in lines
    )
    _record_start(deal, quote, "send", user=user)
    return quote


@transaction.atomic
def quote_accept(*, user, quote: Quote) -> Quote:
    quote = _locked(Quote, quote.pk)
    _move(QUOTES, quote, "accept", user=user, deal=quote.deal)
    return quote


@transaction.atomic
def quote_decline(*, user, quote: Quote, reason: str) -> Quote:
    quote = _locked(Quote, quote.pk)
    quote.reason = reason.strip()
    _move(QUOTES, quote, "decline", user=user, deal=quote.deal, reason=reason, fields=("reason",))
    return quote


@transaction.atomic
def quote_ask_again(*, user, quote: Quote, reason: str) -> Quote:
    quote = _locked(Quote, quote.pk)
    quote.reason = reason.strip()
    _move(QUOTES, quote, "ask_again", user=user, deal=quote.deal, reason=reason, fields=("reason",))
    return quote


@transaction.atomic
def quote_withdraw(*, user, quote: Quote, for_artisan: bool = False) -> Quote:
    quote = _locked(Quote, quote.pk)
    _move(QUOTES, quote, "withdraw", user=user, deal=quote.deal, for_artisan=for_artisan)
    return quote


# --- orders --------------------------------------------------------------------------------------


def _order_problems(deal: Deal, lines: list[tuple[str, int, int, int, Decimal]]) -> tuple[list[str], bool]:
    problems = _quantity_messages([line[:4] for line in lines])
    minimum, is_reorder = order_minimum(deal)
    total = sum((quantity * price for _n, quantity, _m, _p, price in lines), start=Decimal(0))
    refusal = minimums.value_refusal(total, minimum=minimum)
    if refusal is not None:
        kind = _("a reorder") if is_reorder else _("a first order")
        problems.append(
            _(
                "The artisan's minimum for %(kind)s is %(minimum)s; this order comes to %(total)s "
                "(%(missing)s more)."
            )
            % {"kind": kind, "minimum": refusal.minimum, "total": refusal.total, "missing": refusal.missing}
        )
    return problems, is_reorder


@transaction.atomic
def order_place_from_quote(
    *, user, quote: Quote, delivery_address: str, po_number: str = "", wanted_by: date | None = None
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
        _move(INQUIRIES, inquiry, "order", user=user, deal=deal)
    _record_start(deal, order, "place", user=user)
    return order


@transaction.atomic
def order_place(
    *,
    user,
    artisan,
    lines: list[Line],
    delivery_address: str,
    po_number: str = "",
    wanted_by: date | None = None,
    program=None,
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
    currencies = {line.product.currency for line in lines}
    if len(currencies) > 1:
        raise TransitionRefused(
            _("These products are priced in different currencies; order them separately.")
        )
    deal = (
        sample.deal
        if sample is not None
        else Deal.objects.create(artisan=artisan, buyer=buyer, program=program, source=source)
    )
    multiples = _product_terms([line.product for line in lines])
    problems, is_reorder = _order_problems(
        deal,
        [
            (
                line.product.title,
                line.quantity,
                line.product.min_order_qty,
                multiples[line.product.pk],
                line.product.wholesale_price,
            )
            for line in lines
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
            product=line.product,
            description=line.product.title[:200],
            quantity=line.quantity,
            unit_price=line.product.wholesale_price,
        )
        for line in lines
    )
    _record_start(deal, order, "place", user=user)
    return order


def _order_step(
    action: str, *, user, order: Order, reason: str = "", for_artisan: bool = False, **changes
) -> Order:
    order = _locked(Order, order.pk)
    for name, value in changes.items():
        setattr(order, name, value)
    _move(
        ORDERS,
        order,
        action,
        user=user,
        deal=order.deal,
        reason=reason,
        for_artisan=for_artisan,
        fields=tuple(changes),
    )
    return order


@transaction.atomic
def order_accept(*, user, order: Order, ship_by: date, for_artisan: bool = False) -> Order:
    if ship_by < timezone.localdate():
        raise TransitionRefused(_("The ship-by date has passed."))
    return _order_step("accept", user=user, order=order, for_artisan=for_artisan, ship_by=ship_by)


@transaction.atomic
def order_propose_changes(
    *,
    user,
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
    order = _order_step(
        "propose_changes",
        user=user,
        order=order,
        reason=reason,
        for_artisan=for_artisan,
        proposed_ship_by=ship_by,
    )
    for pk, quantity in quantities.items():
        OrderLine.objects.filter(pk=pk).update(proposed_quantity=quantity)
    return order


@transaction.atomic
def order_confirm_changes(*, user, order: Order) -> Order:
    order = _locked(Order, order.pk)
    ship_by = order.proposed_ship_by or order.ship_by
    order = _order_step("confirm_changes", user=user, order=order, ship_by=ship_by, proposed_ship_by=None)
    for line in OrderLine.objects.filter(order=order, proposed_quantity__isnull=False):
        OrderLine.objects.filter(pk=line.pk).update(quantity=line.proposed_quantity, proposed_quantity=None)
    return order


@transaction.atomic
def order_decline(*, user, order: Order, code: str, reason: str, for_artisan: bool = False) -> Order:
    if code not in Order.DeclineCode.values:
        raise TransitionRefused(_("Please choose a reason."))
    order = _locked(Order, order.pk)
    order.decline_code, order.reason = code, reason.strip()
    _move(
        ORDERS,
        order,
        "decline",
        user=user,
        deal=order.deal,
        reason=reason,
        for_artisan=for_artisan,
        fields=("decline_code", "reason"),
    )
    return order


@transaction.atomic
def order_start_production(*, user, order: Order, for_artisan: bool = False) -> Order:
    return _order_step("start_production", user=user, order=order, for_artisan=for_artisan)


@transaction.atomic
def order_ship(
    *, user, order: Order, carrier: str, tracking_number: str = "", for_artisan: bool = False
) -> Order:
    if not carrier.strip():
        raise TransitionRefused(_("Please name the carrier."))
    return _order_step(
        "ship",
        user=user,
        order=order,
        for_artisan=for_artisan,
        carrier=carrier.strip(),
        tracking_number=tracking_number.strip(),
    )


@transaction.atomic
def order_receive(*, user, order: Order) -> Order:
    return _order_step("receive", user=user, order=order)


@transaction.atomic
def order_dispute(*, user, order: Order, reason: str) -> Order:
    order = _locked(Order, order.pk)
    order.reason = reason.strip()
    _move(ORDERS, order, "dispute", user=user, deal=order.deal, reason=reason, fields=("reason",))
    return order


@transaction.atomic
def order_close(*, user, order: Order, for_artisan: bool = False) -> Order:
    return _order_step("close", user=user, order=order, for_artisan=for_artisan)


@transaction.atomic
def order_cancel(*, user, order: Order, reason: str, for_artisan: bool = False) -> Order:
    order = _locked(Order, order.pk)
    order.reason, order.cancelled_by, order.cancelled_at = reason.strip(), user, timezone.now()
    _move(
        ORDERS,
        order,
        "cancel",
        user=user,
        deal=order.deal,
        reason=reason,
        for_artisan=for_artisan,
        fields=("reason", "cancelled_by", "cancelled_at"),
    )
    return order


# --- samples -------------------------------------------------------------------------------------


@transaction.atomic
def sample_request(
    *, user, product: Product, message: str = "", source: str = Deal.Source.PRODUCT, program=None
) -> Sample:
    buyer = getattr(user, "buyer_profile", None)
    if buyer is None:
        raise TransitionRefused(_("Only buyers can ask for samples."))
    if not can_open_product(product, user) or product.artisan.user_id == user.pk:
        raise TransitionRefused(_("This product is not available."))
    terms = ProductTerms.objects.filter(product=product).first()
    policy = terms.sample_policy if terms else ProductTerms.SamplePolicy.CHARGED
    if policy == ProductTerms.SamplePolicy.NONE:
        raise TransitionRefused(_("The artisan does not send samples of this product."))
    deal = Deal.objects.create(artisan=product.artisan, buyer=buyer, program=program, source=source)
    sample = Sample.objects.create(
        deal=deal, product=product, description=product.title[:200], policy=policy, message=message.strip()
    )
    _record_start(deal, sample, "request", user=user)
    return sample


def _sample_step(
    action: str, *, user, sample: Sample, reason: str = "", for_artisan: bool = False, **changes
) -> Sample:
    sample = _locked(Sample, sample.pk)
    for name, value in changes.items():
        setattr(sample, name, value)
    _move(
        SAMPLES,
        sample,
        action,
        user=user,
        deal=sample.deal,
        reason=reason,
        for_artisan=for_artisan,
        fields=tuple(changes),
    )
    return sample


@transaction.atomic
def sample_approve(*, user, sample: Sample, for_artisan: bool = False) -> Sample:
    return _sample_step("approve", user=user, sample=sample, for_artisan=for_artisan)


@transaction.atomic
def sample_decline(*, user, sample: Sample, reason: str, for_artisan: bool = False) -> Sample:
    sample = _locked(Sample, sample.pk)
    sample.reason = reason.strip()
    _move(
        SAMPLES,
        sample,
        "decline",
        user=user,
        deal=sample.deal,
        reason=reason,
        for_artisan=for_artisan,
        fields=("reason",),
    )
    return sample


@transaction.atomic
def sample_ship(
    *, user, sample: Sample, carrier: str, tracking_number: str = "", for_artisan: bool = False
) -> Sample:
    if not carrier.strip():
        raise TransitionRefused(_("Please name the carrier."))
    return _sample_step(
        "ship",
        user=user,
        sample=sample,
        for_artisan=for_artisan,
        carrier=carrier.strip(),
        tracking_number=tracking_number.strip(),
    )


@transaction.atomic
def sample_deliver(*, user, sample: Sample) -> Sample:
    return _sample_step("deliver", user=user, sample=sample)


@transaction.atomic
def sample_accept(*, user, sample: Sample, feedback: str = "") -> Sample:
    return _sample_step("accept", user=user, sample=sample, feedback=feedback.strip())


@transaction.atomic
def sample_ask_changes(*, user, sample: Sample, feedback: str) -> Sample:
    """The buyer asks for changes: this round closes and the next one is requested."""
    sample = _sample_step("ask_changes", user=user, sample=sample, reason=feedback, feedback=feedback.strip())
    following = Sample.objects.create(
        deal=sample.deal,
        product=sample.product,
        description=sample.description,
        round=sample.round + 1,
        policy=sample.policy,
        message=feedback.strip(),
    )
    _record_start(sample.deal, following, "request", user=user)
    return following
