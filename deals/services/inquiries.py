"""Inquiries: from a signed-in buyer, or from the public with an email confirmation link."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from artisans.models import ArtisanProfile
from catalog.visibility import artisan_visible_to, program_is_public
from common import signed_links
from common.statemachine import TransitionRefused
from deals.models import (
    Deal,
    Inquiry,
    InquiryLine,
    Sample,
)
from deals.services.base import (
    Line,
    _check_lines,
    _locked,
    _move,
    _record_start,
    _step,
)
from deals.transitions import (
    INQUIRIES,
    SENDER,
)
from meetings.models import Meeting
from meetings.selectors import buyer_was_at
from notifications.services import email_enqueue_template
from programs.models import Program

CONFIRM_SALT = signed_links.register("deals.inquiry-confirm")
CONFIRM_MAX_AGE = 60 * 60 * 48


# --- inquiries -----------------------------------------------------------------------------------


@transaction.atomic
def inquiry_send(
    *,
    user: User,
    artisan: ArtisanProfile,
    lines: list[Line],
    source: str,
    program: Program | None = None,
    meeting: Meeting | None = None,
    destination_country: str = "",
    incoterm: str = "",
    wanted_by: date | None = None,
    target_price: Decimal | None = None,
    currency: str = "USD",
    message: str = "",
    deal: Deal | None = None,
    entered_by: User | None = None,
) -> Deal:
    """A signed-in buyer asks an artisan for a quote (from a product page, the shortlist or a meeting).

    `entered_by`: agency staff who enter the request for the buyer (met at a trade show's stand);
    the history records them acting for the buyer. What the buyer may ask is checked as the buyer.

    With `deal`, the request goes on a deal the buyer already has with this artisan (one that
    began with a sample): the deal gets its inquiry, and the quotes and the order that follow stay
    in its one history. A deal has one inquiry; the deal's row is locked while that is checked.
    """
    buyer = getattr(user, "buyer_profile", None)
    if buyer is None:
        raise TransitionRefused(_("Only buyers can ask for a quote."))
    if entered_by is not None and not entered_by.is_staff:
        raise TransitionRefused(_("Only the agency's staff can do this now."))
    if not artisan_visible_to(artisan, user):
        raise TransitionRefused(_("This artisan is not available."))
    if meeting is not None and (not buyer_was_at(meeting, buyer.pk) or meeting.artisan_id != artisan.pk):
        raise TransitionRefused(_("This meeting is not yours with this artisan."))
    _check_lines(artisan, lines, user)
    if deal is not None:
        deal = (
            Deal.objects.select_for_update(of=("self",))
            .select_related("artisan__user", "buyer__user")
            .get(pk=deal.pk)
        )
        if deal.buyer_id != buyer.pk or deal.artisan_id != artisan.pk:
            raise TransitionRefused(_("This deal is not yours with this artisan."))
        if not Sample.objects.filter(deal=deal, status=Sample.Status.ACCEPTED).exists():
            raise TransitionRefused(_("Ask for a quote on this deal once you have approved its sample."))
        if Inquiry.objects.filter(deal=deal).exists():
            raise TransitionRefused(
                _("This deal already has a request for a quote: the artisan answers it on the deal's page.")
            )
    else:
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
    _record_start(deal, inquiry, "send", user=user, entered_by=entered_by)
    Deal.objects.filter(pk=deal.pk).update(updated_at=timezone.now())
    return deal


def _inquiry_create(deal: Deal, lines: list[Line], **fields: Any) -> Inquiry:
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
    program: Program | None,
    artisan: ArtisanProfile,
    name: str,
    email: str,
    lines: list[Line],
    message: str = "",
    destination_country: str = "",
    language: str = "",
    source: str = Deal.Source.PUBLIC,
) -> Deal:
    """A member of the public asks from a public catalog; the artisan sees it once the email is confirmed.

    `source`: the public catalog, or a fair's stand (its site's product page, where the stand's QR
    label leads).
    """
    if source not in (Deal.Source.PUBLIC, Deal.Source.STAND):
        raise ValueError(f"not a public source: {source}")
    if not program_is_public(program):
        raise TransitionRefused(_("This catalog does not take inquiries from the public."))
    if not artisan_visible_to(artisan, None):
        raise TransitionRefused(_("This artisan is not available."))
    if not name.strip() or not email.strip():
        raise TransitionRefused(_("Please give your name and email."))
    _check_lines(artisan, lines, None)
    deal = Deal.objects.create(artisan=artisan, program=program, source=source)
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
    token = signed_links.make(CONFIRM_SALT, inquiry.pk)
    email_enqueue_template(
        key=f"deal-confirm:{inquiry.pk}",
        to=inquiry.contact_email,
        template="deal_confirm",
        context={
            "inquiry": inquiry,
            "artisan": artisan,
            "url": f"{settings.SITE_URL}{reverse('deals:confirm', args=[token])}",
        },
        language=inquiry.language,
        time_zone="UTC",  # a guest without an account has no zone of their own
    )
    return deal


@transaction.atomic
def inquiry_confirm(*, token: str) -> Inquiry:
    """The link in the confirmation mail: valid two days, for this inquiry only; a replay changes nothing."""
    try:
        inquiry_id = signed_links.read(CONFIRM_SALT, token, max_age=CONFIRM_MAX_AGE)
    except signed_links.Expired:
        raise TransitionRefused(_("This link has expired. Please send your inquiry again."))
    except signed_links.Invalid:
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
def inquiry_decline(*, user: User, inquiry: Inquiry, reason: str, for_artisan: bool = False) -> Inquiry:
    return _step(inquiry, "decline", user=user, why=reason, for_artisan=for_artisan, reason=reason.strip())


@transaction.atomic
def inquiry_withdraw(*, user: User, inquiry: Inquiry) -> Inquiry:
    return _step(inquiry, "withdraw", user=user)
