"""Writes to artisan profiles: creation, edits that send a profile back to review, approval.

The one approval service: artisans and (when catalog.curation says so) their products are
approved or declined here, recording who and when, and mailing the artisan in their language.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from django.conf import settings
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.text import slugify

from accounts.models import User
from artisans import signals
from artisans.models import ArtisanProfile
from catalog import curation
from catalog.models import Craft, Product
from common.images import CleanImage
from common.photos import services as photo_services
from notifications.services import email_enqueue_to_user

# Editing one of these on an approved profile sends it back to the agency for review.
SUBSTANTIAL_FIELDS = ("business_name", "story", "country")
PROFILE_FIELDS = (
    "business_name", "kind", "country", "region", "city", "story", "language", "languages_spoken",
    "year_founded", "team_size", "website", "instagram", "facebook", "time_zone",
    "exported_before", "export_markets", "monthly_capacity", "lead_time_days", "min_order_value",
    "currency", "incoterms", "payment_terms", "certifications",
)


class ReviewConflict(Exception):
    """The profile or product was not in the status the review expects (already reviewed, or withdrawn)."""


def unique_slug(name: str, *, exclude_pk: int | None = None) -> str:
    base = slugify(name)[:70].strip("-") or slugify(name, allow_unicode=True)[:70].strip("-") or "workshop"
    slug, n = base, 1
    taken = ArtisanProfile.objects.all() if exclude_pk is None else ArtisanProfile.objects.exclude(pk=exclude_pk)
    while taken.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def _apply(profile: ArtisanProfile, data: dict[str, Any]) -> None:
    for name in PROFILE_FIELDS:
        if name in data:
            setattr(profile, name, data[name])


def _set_logo(profile: ArtisanProfile, logo: CleanImage | None | Literal[False]) -> list[str]:
    """Replace or clear the logo; return the names of the files it leaves behind."""
    if logo is None:
        return []
    old = photo_services.file_names(profile)
    if logo is False:
        profile.logo = ""
    else:
        profile.logo.save(logo.file.name, logo.file, save=False)
    profile.logo_thumb = ""
    return old


def artisan_profile_create(
    *, user: User, data: dict[str, Any], crafts: list[Craft] | None = None, logo: CleanImage | None = None
) -> ArtisanProfile:
    """Create the profile and submit it for review straight away (status pending)."""
    for attempt in range(3):
        profile = ArtisanProfile(user=user)
        _apply(profile, data)
        profile.slug = unique_slug(profile.business_name)
        profile.status = ArtisanProfile.Status.PENDING
        profile.submitted_at = timezone.now()
        try:
            with transaction.atomic():
                _set_logo(profile, logo)
                profile.save()
                profile.crafts.set(crafts or [])
                # Tell the apps above: programs binds calls sent to this address before the account existed.
                signals.profile_created.send(sender=ArtisanProfile, profile=profile)
                if profile.logo:
                    photo_services.renditions_queue(profile)
        except IntegrityError:
            # Two profiles took the same slug at once, or the user double-submitted.
            if attempt == 2 or ArtisanProfile.objects.filter(user=user).exists():
                raise
            continue
        return profile
    raise AssertionError("unreachable")


def artisan_profile_update(
    *, profile: ArtisanProfile, data: dict[str, Any], crafts: list | None = None,
    logo: CleanImage | None | Literal[False] = None,
) -> bool:
    """Save an artisan's edits. Returns True when the edit sent the profile (back) to review.

    A substantial change (name, story, country, crafts) to an approved profile, or any edit of a
    rejected one, submits it for review again; buyers stop seeing it until staff approve it.
    """
    with transaction.atomic():
        # Locked and compared with the stored row: a ModelForm has already written the edits onto
        # `profile`, and a review may be happening at the same moment.
        stored = (
            ArtisanProfile.objects.select_for_update()
            .filter(pk=profile.pk).values("status", *SUBSTANTIAL_FIELDS).get()
        )
        crafts_before = set(profile.crafts.values_list("pk", flat=True))
        _apply(profile, data)
        crafts_after = crafts_before if crafts is None else {craft.pk for craft in crafts}
        substantial = crafts_after != crafts_before or any(
            str(getattr(profile, name)) != str(stored[name]) for name in SUBSTANTIAL_FIELDS
        )
        status = stored["status"]
        resubmit = (status == ArtisanProfile.Status.APPROVED and substantial) or status in {
            ArtisanProfile.Status.REJECTED, ArtisanProfile.Status.DRAFT,
        }
        leftovers = _set_logo(profile, logo)
        profile.save(update_fields=[*PROFILE_FIELDS, "logo", "logo_thumb", "updated_at"])
        if resubmit:
            profile.status = ArtisanProfile.Status.PENDING
            profile.submitted_at = timezone.now()
            profile.save(update_fields=["status", "submitted_at"])
        else:
            profile.status = status
        if crafts is not None and crafts_after != crafts_before:
            profile.crafts.set(crafts)
        if logo:
            photo_services.renditions_queue(profile)
        photo_services.delete_files_on_commit(leftovers)
    return resubmit


def _send_review_email(
    template: str, *, user: User, obj: models.Model, context: dict[str, Any], reviewed_at: datetime
) -> None:
    """Mail a review decision to the artisan in their language, once per decision (keyed by its time)."""
    stamp = reviewed_at.strftime("%Y%m%dT%H%M%S%f")
    email_enqueue_to_user(
        key=f"{template.replace('_', '-')}:{user.pk}:{obj.pk}:{stamp}",
        user=user,
        template=template,
        context={**context, "user": user, "site_url": settings.SITE_URL},
    )


def _send_profile_review_email(profile: ArtisanProfile, template: str) -> None:
    assert profile.reviewed_at is not None  # the review's UPDATE has just set it
    _send_review_email(template, user=profile.user, obj=profile, context={"profile": profile},
                       reviewed_at=profile.reviewed_at)


def artisan_approve(*, profile: ArtisanProfile, reviewer: User) -> ArtisanProfile:
    """Approve a pending (or previously rejected) profile and email the artisan.

    The status is claimed with a conditional UPDATE, so a double click or two staff members at
    once approve (and email) only once.
    """
    now = timezone.now()
    with transaction.atomic():
        claimed = ArtisanProfile.objects.filter(
            pk=profile.pk, status__in=[ArtisanProfile.Status.PENDING, ArtisanProfile.Status.REJECTED]
        ).update(status=ArtisanProfile.Status.APPROVED, rejection_reason="", reviewed_at=now, reviewed_by=reviewer)
        if claimed != 1:
            raise ReviewConflict(profile.pk)
        profile.refresh_from_db()
        _send_profile_review_email(profile, "artisan_approved")
    return profile


def artisan_reject(*, profile: ArtisanProfile, reviewer: User, reason: str) -> ArtisanProfile:
    """Reject a pending (or approved) profile with a reason shown to the artisan, and email them."""
    reason = (reason or "").strip()
    if not reason:
        raise ValueError("A rejection needs a reason the artisan can act on.")
    now = timezone.now()
    with transaction.atomic():
        claimed = ArtisanProfile.objects.filter(
            pk=profile.pk, status__in=[ArtisanProfile.Status.PENDING, ArtisanProfile.Status.APPROVED]
        ).update(status=ArtisanProfile.Status.REJECTED, rejection_reason=reason, reviewed_at=now, reviewed_by=reviewer)
        if claimed != 1:
            raise ReviewConflict(profile.pk)
        profile.refresh_from_db()
        _send_profile_review_email(profile, "artisan_rejected")
    return profile


# --- Products: the same review, when catalog.curation says it applies -----------------------


def _send_product_review_email(product: Product, template: str) -> None:
    assert product.reviewed_at is not None  # the review's UPDATE has just set it
    _send_review_email(template, user=product.artisan.user, obj=product,
                       context={"product": product, "profile": product.artisan}, reviewed_at=product.reviewed_at)


def product_approve(*, product: Product, reviewer: User) -> Product:
    """Publish a product waiting for review (or declined before) and email its artisan.

    Claimed with a conditional UPDATE like artisan_approve: a double click or two staff members
    at once publish (and email) once; a product not waiting raises ReviewConflict.
    """
    now = timezone.now()
    with transaction.atomic():
        claimed = Product.objects.filter(
            pk=product.pk, status__in=curation.APPROVE_FROM
        ).update(status=Product.Status.PUBLISHED, review_reason="", reviewed_at=now, reviewed_by=reviewer)
        if claimed != 1:
            raise ReviewConflict(product.pk)
        product.refresh_from_db()
        _send_product_review_email(product, "product_approved")
    return product


def product_decline(*, product: Product, reviewer: User, reason: str) -> Product:
    """Decline a product waiting for review (or take down a published one) with a reason, and email the artisan."""
    reason = (reason or "").strip()
    if not reason:
        raise ValueError("Declining a product needs a reason the artisan can act on.")
    now = timezone.now()
    with transaction.atomic():
        claimed = Product.objects.filter(
            pk=product.pk, status__in=curation.DECLINE_FROM
        ).update(status=Product.Status.DECLINED, review_reason=reason, reviewed_at=now, reviewed_by=reviewer)
        if claimed != 1:
            raise ReviewConflict(product.pk)
        product.refresh_from_db()
        _send_product_review_email(product, "product_declined")
    return product


def product_send_to_review(*, product: Product, reviewer: User) -> Product:
    """Take a published product back for review (buyers stop seeing it) and email the artisan.

    For products published before review applied to them: claimed like the decisions above,
    with the reviewer and time recorded as the last review step.
    """
    now = timezone.now()
    with transaction.atomic():
        claimed = Product.objects.filter(pk=product.pk, status__in=curation.SEND_TO_REVIEW_FROM).update(
            status=Product.Status.IN_REVIEW, submitted_at=now, reviewed_at=now, reviewed_by=reviewer)
        if claimed != 1:
            raise ReviewConflict(product.pk)
        product.refresh_from_db()
        _send_product_review_email(product, "product_review_requested")
    return product
