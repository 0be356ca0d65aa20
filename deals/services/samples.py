"""Samples of a product, in rounds."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User
from catalog.models import Product
from catalog.visibility import can_open_product
from common.statemachine import TransitionRefused
from deals.models import (
    Deal,
    ProductTerms,
    Sample,
)
from deals.services.base import (
    _record_start,
    _step,
)
from meetings.models import Meeting
from meetings.selectors import buyer_was_at
from programs.models import Program

# --- samples -------------------------------------------------------------------------------------


@transaction.atomic
def sample_request(
    *,
    user: User,
    product: Product,
    message: str = "",
    source: str = Deal.Source.PRODUCT,
    program: Program | None = None,
    meeting: Meeting | None = None,
) -> Sample:
    """A buyer asks for a sample of a product (from its page, or after a meeting: linked to it)."""
    buyer = getattr(user, "buyer_profile", None)
    if buyer is None:
        raise TransitionRefused(_("Only buyers can ask for samples."))
    if not can_open_product(product, user) or product.artisan.user_id == user.pk:
        raise TransitionRefused(_("This product is not available."))
    if meeting is not None and (not buyer_was_at(meeting, buyer.pk) or meeting.artisan_id != product.artisan_id):
        raise TransitionRefused(_("This meeting is not yours with this artisan."))
    terms = ProductTerms.objects.filter(product=product).first()
    policy = terms.sample_policy if terms else ProductTerms.SamplePolicy.CHARGED
    if policy == ProductTerms.SamplePolicy.NONE:
        raise TransitionRefused(_("The artisan does not send samples of this product."))
    deal = Deal.objects.create(
        artisan=product.artisan,
        buyer=buyer,
        program=program or getattr(meeting, "program", None),
        meeting=meeting,
        source=source,
    )
    sample = Sample.objects.create(
        deal=deal, product=product, description=product.title[:200], policy=policy, message=message.strip()
    )
    _record_start(deal, sample, "request", user=user)
    return sample


@transaction.atomic
def sample_approve(*, user: User, sample: Sample, for_artisan: bool = False) -> Sample:
    return _step(sample, "approve", user=user, for_artisan=for_artisan)


@transaction.atomic
def sample_decline(*, user: User, sample: Sample, reason: str, for_artisan: bool = False) -> Sample:
    return _step(sample, "decline", user=user, why=reason, for_artisan=for_artisan, reason=reason.strip())


@transaction.atomic
def sample_ship(
    *, user: User, sample: Sample, carrier: str, tracking_number: str = "", for_artisan: bool = False
) -> Sample:
    if not carrier.strip():
        raise TransitionRefused(_("Please name the carrier."))
    return _step(
        sample,
        "ship",
        user=user,
        for_artisan=for_artisan,
        carrier=carrier.strip(),
        tracking_number=tracking_number.strip(),
    )


@transaction.atomic
def sample_deliver(*, user: User, sample: Sample) -> Sample:
    return _step(sample, "deliver", user=user)


@transaction.atomic
def sample_accept(*, user: User, sample: Sample, feedback: str = "") -> Sample:
    return _step(sample, "accept", user=user, feedback=feedback.strip())


@transaction.atomic
def sample_ask_changes(*, user: User, sample: Sample, feedback: str) -> Sample:
    """The buyer asks for changes: this round closes and the next one is requested."""
    sample = _step(sample, "ask_changes", user=user, why=feedback, feedback=feedback.strip())
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
