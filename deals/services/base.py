"""The common step of every deal change: check the table, write, record, tell; and the minimums."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any, TypeVar

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from artisans.models import ArtisanProfile
from catalog.models import Product
from catalog.visibility import can_open_product
from common.statemachine import Machine, TransitionRefused
from deals import minimums
from deals.models import (
    Deal,
    DealEvent,
    DealTerms,
    Inquiry,
    Order,
    ProductTerms,
    Quote,
    Sample,
)
from deals.selectors import event_label
from deals.transitions import (
    ARTISAN,
    MACHINES,
    NEEDS_REASON,
    SENDER,
    STAFF,
    DealObject,
    deal_roles,
)
from notifications.services import email_enqueue_template

SUBJECTS = {
    Inquiry: DealEvent.Subject.INQUIRY,
    Quote: DealEvent.Subject.QUOTE,
    Sample: DealEvent.Subject.SAMPLE,
    Order: DealEvent.Subject.ORDER,
}
OPEN_ORDER = [s for s in Order.Status if s not in (Order.Status.DECLINED, Order.Status.CANCELLED)]


T = TypeVar("T", Inquiry, Quote, Sample, Order)


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
    obj: DealObject,
    action: str,
    *,
    user: User | None,
    deal: Deal,
    for_artisan: bool = False,
    reason: str = "",
    fields: tuple[str, ...] = (),
    now: datetime | None = None,
    roles: frozenset[str] | None = None,
    notify: bool = True,
    changes: list[dict[str, Any]] | None = None,
) -> DealEvent:
    """Take one row of `machine` on a locked `obj`, save it with `fields`, record and tell.

    `notify=False` for a move that follows another one of the same action (the inquiry becoming
    quoted as its quote is sent): recorded, but the other side hears of the action once.
    `changes` goes in the history as it is: what the move changed, old and new.
    """
    now = now or timezone.now()
    roles = deal_roles(deal, user, for_artisan=for_artisan) if roles is None else roles
    row = machine.check(obj, action, roles=roles, now=now)
    if action in NEEDS_REASON[SUBJECTS[type(obj)].value] and not reason.strip():
        raise TransitionRefused(_("Please give a reason."))
    before = obj.status
    obj.status = row.target
    obj.save(update_fields=["status", *fields])
    event = DealEvent.objects.create(
        deal=deal,
        subject=SUBJECTS[type(obj)],
        subject_id=obj.pk,
        action=action,
        from_status=before,
        to_status=row.target,
        actor=user if getattr(user, "is_authenticated", False) else None,
        on_behalf_of=_acting_for(deal, user, roles),
        reason=reason.strip(),
        changes=changes or [],
    )
    Deal.objects.filter(pk=deal.pk).update(updated_at=now)
    if notify:
        _notify(deal, event, roles=roles)
    return event


def _acting_for(deal: Deal, user: User | None, roles: frozenset[str]) -> User | None:
    """The artisan, when staff took the artisan's part (assisted onboarding); else None."""
    if user is not None and STAFF in roles and ARTISAN in roles and user.pk != deal.artisan.user_id:
        return deal.artisan.user
    return None


def _record_start(
    deal: Deal,
    obj: DealObject,
    action: str,
    *,
    user: User,
    roles: frozenset[str] | None = None,
    entered_by: User | None = None,
) -> DealEvent:
    """Record the first move of `obj` and tell the other side.

    With `entered_by`, a staff member did it for `user` (a buyer met at a stand): the history names
    the staff member as the actor and `user` in on_behalf_of, the same record as staff acting for an
    artisan; the move stays `user`'s for whom to tell (their roles).
    """
    roles = deal_roles(deal, user) if roles is None else roles
    if entered_by is not None:
        actor: User | None = entered_by
        acting_for: User | None = user
    else:
        actor = user if getattr(user, "is_authenticated", False) else None
        acting_for = _acting_for(deal, user, roles)
    event = DealEvent.objects.create(
        deal=deal,
        subject=SUBJECTS[type(obj)],
        subject_id=obj.pk,
        action=action,
        from_status="",
        to_status=obj.status,
        actor=actor,
        on_behalf_of=acting_for,
    )
    _notify(deal, event, roles=roles)
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
        if deal.buyer is not None:
            buyer = deal.buyer.user
            recipients.append((str(buyer.pk), buyer.email, buyer.language, buyer.time_zone))
        elif (inquiry := Inquiry.objects.filter(deal=deal).first()) is not None:
            url = ""  # no account, no page: the mail says it all
            recipients.append(("contact", inquiry.contact_email, inquiry.language, "UTC"))
    for key, address, language, zone in recipients:
        email_enqueue_template(
            key=f"deal-event:{event.pk}:{key}",
            to=address,
            template="deal_update",
            context={"deal": deal, "event": event, "label": event_label(event), "url": url},
            language=language,
            time_zone=zone,
        )


def _step(obj: T, action: str, *, user: User, why: str = "", for_artisan: bool = False, **changes: Any) -> T:
    """Lock `obj`'s row, set `changes` on it and take `action` from its table: one change, recorded."""
    locked = _locked(type(obj), obj.pk)
    for name, value in changes.items():
        setattr(locked, name, value)
    _move(
        MACHINES[type(obj)],
        locked,
        action,
        user=user,
        deal=locked.deal,
        reason=why,
        for_artisan=for_artisan,
        fields=tuple(changes),
    )
    return locked


def _locked(model: type[T], pk: int) -> T:
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


def _check_lines(artisan: ArtisanProfile, lines: list[Line], viewer: User | None) -> None:
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
