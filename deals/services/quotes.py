"""Quote versions: the artisan sends, the buyer accepts, declines or asks again."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from common.statemachine import TransitionRefused
from deals.models import (
    Deal,
    Inquiry,
    Quote,
    QuoteLine,
)
from deals.services.base import (
    Line,
    QuantitiesRefused,
    _move,
    _quantity_messages,
    _record_start,
    _step,
)
from deals.transitions import (
    ARTISAN,
    INQUIRIES,
    QUOTES,
    deal_roles,
)

# --- quotes --------------------------------------------------------------------------------------


@transaction.atomic
def quote_send(
    *,
    user: User,
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
        _move(INQUIRIES, inquiry, "quote", user=user, deal=deal, roles=roles, notify=False)
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
            unit_price=line.unit_price or Decimal(0),  # checked above: every line has a price
            pack_multiple=line.pack_multiple,
            minimum_quantity=line.minimum_quantity,
        )
        for line in lines
    )
    _record_start(deal, quote, "send", user=user, roles=roles)
    return quote


@transaction.atomic
def quote_accept(*, user: User, quote: Quote) -> Quote:
    return _step(quote, "accept", user=user)


@transaction.atomic
def quote_decline(*, user: User, quote: Quote, reason: str) -> Quote:
    return _step(quote, "decline", user=user, why=reason, reason=reason.strip())


@transaction.atomic
def quote_ask_again(*, user: User, quote: Quote, reason: str) -> Quote:
    return _step(quote, "ask_again", user=user, why=reason, reason=reason.strip())


@transaction.atomic
def quote_withdraw(*, user: User, quote: Quote, for_artisan: bool = False) -> Quote:
    return _step(quote, "withdraw", user=user, for_artisan=for_artisan)
