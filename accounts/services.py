"""A person's own data: download it all (account_export), or delete the account (account_delete).

Deletion keeps the agency's figures true: meetings, their events and outcomes stay, and the
User row stays as a tombstone that they point to (their foreign keys PROTECT it). Everything
that says who the person was goes: name, email, password, profile texts and contacts, photos
(files included), products, shortlist, availability, the messages they wrote, the mail sent to
them. Their profile stays as a nameless row hidden from the catalog (an artisan's status
becomes "rejected", which every catalog and matchmaking query already excludes).
"""

from __future__ import annotations

import hashlib
import secrets
import uuid
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import StaffEnrolment, User
from common.security import staff_has_second_factor
from notifications.emails import render_email
from notifications.services import email_enqueue

DELETED_NAME = "Deleted user"
DELETED_DOMAIN = "invalid"


def _iso(value) -> str | None:
    return value.isoformat() if value is not None else None


def _photo(photo) -> dict[str, Any]:
    return {"url": photo.image.url if photo.image else "", "alt_text": photo.alt_text, "position": photo.position}


def _artisan_profile(profile) -> dict[str, Any]:
    return {
        "business_name": profile.business_name, "slug": profile.slug, "kind": profile.kind,
        "crafts": [craft.slug for craft in profile.crafts.all()], "country": str(profile.country),
        "region": profile.region, "city": profile.city, "story": profile.story, "language": profile.language,
        "languages_spoken": list(profile.languages_spoken), "year_founded": profile.year_founded,
        "team_size": profile.team_size, "logo": profile.logo.url if profile.logo else "",
        "website": profile.website, "instagram": profile.instagram, "facebook": profile.facebook,
        "time_zone": profile.time_zone, "exported_before": profile.exported_before,
        "export_markets": profile.export_markets, "monthly_capacity": profile.monthly_capacity,
        "lead_time_days": profile.lead_time_days,
        "min_order_value": str(profile.min_order_value) if profile.min_order_value is not None else None,
        "currency": profile.currency, "incoterms": list(profile.incoterms),
        "payment_terms": profile.payment_terms, "certifications": list(profile.certifications),
        "status": profile.status, "workshop_photos": [_photo(photo) for photo in profile.photos.all()],
        "created_at": _iso(profile.created_at),
    }


def _product(product) -> dict[str, Any]:
    return {
        "id": str(product.public_id), "title": product.title, "description": product.description,
        "language": product.language, "craft": product.craft.slug, "materials": list(product.materials),
        "techniques": list(product.techniques), "colours": list(product.colours),
        "width_cm": str(product.width_cm) if product.width_cm is not None else None,
        "height_cm": str(product.height_cm) if product.height_cm is not None else None,
        "depth_cm": str(product.depth_cm) if product.depth_cm is not None else None,
        "weight_kg": str(product.weight_kg) if product.weight_kg is not None else None,
        "currency": product.currency, "wholesale_price": str(product.wholesale_price),
        "retail_price": str(product.retail_price) if product.retail_price is not None else None,
        "min_order_qty": product.min_order_qty, "lead_time_days": product.lead_time_days,
        "monthly_capacity": product.monthly_capacity, "status": product.status,
        "photos": [_photo(photo) for photo in product.photos.all()], "created_at": _iso(product.created_at),
    }


def _buyer_profile(profile) -> dict[str, Any]:
    return {
        "organisation_name": profile.organisation_name, "organisation_kind": profile.organisation_kind,
        "website": profile.website, "country": str(profile.country), "city": profile.city,
        "job_title": profile.job_title,
        "crafts_of_interest": [craft.slug for craft in profile.crafts_of_interest.all()],
        "typical_order_qty": profile.typical_order_qty,
        "price_min_usd": str(profile.price_min_usd) if profile.price_min_usd is not None else None,
        "price_max_usd": str(profile.price_max_usd) if profile.price_max_usd is not None else None,
        "languages": list(profile.languages), "is_verified": profile.is_verified,
        "created_at": _iso(profile.created_at),
    }


def account_export(*, user: User) -> dict[str, Any]:
    """Everything CraftMatch holds about `user` that they gave or that concerns them, as JSON-ready data.

    Other people's data is left out: of a meeting, the other party appears by organisation or
    business name only (what the person saw on the meeting page), and only the person's own
    messages and outcomes are included.
    """
    from artisans.models import ArtisanProfile
    from buyers.models import BuyerProfile
    from meetings.models import Meeting, Message, Outcome

    data: dict[str, Any] = {
        "format": "craftmatch-account-export-1",
        "account": {
            "email": user.email, "full_name": user.full_name, "role": user.role, "language": user.language,
            "time_zone": user.time_zone, "date_joined": _iso(user.date_joined),
            "last_login": _iso(user.last_login),
            "email_addresses": [
                {"email": address.email, "verified": address.verified, "primary": address.primary}
                for address in user.emailaddress_set.all()
            ],
        },
        "artisan_profile": None,
        "products": [],
        "buyer_profile": None,
        "shortlist": [],
        "meetings": [],
        "messages": [],
        "outcomes": [],
    }
    artisan = ArtisanProfile.objects.filter(user=user).prefetch_related("crafts", "photos").first()
    if artisan is not None:
        data["artisan_profile"] = _artisan_profile(artisan)
        data["products"] = [
            _product(product)
            for product in artisan.products.select_related("craft").prefetch_related("photos").order_by("created_at")
        ]
    buyer = BuyerProfile.objects.filter(user=user).prefetch_related("crafts_of_interest").first()
    if buyer is not None:
        data["buyer_profile"] = _buyer_profile(buyer)
        data["shortlist"] = [
            {
                "artisan": item.artisan.business_name if item.artisan_id else None,
                "product": item.product.title if item.product_id else None,
                "note": item.note, "created_at": _iso(item.created_at),
            }
            for item in buyer.shortlist.select_related("artisan", "product")
        ]
    meetings = (
        Meeting.objects.filter(Q(artisan_user=user) | Q(buyer_user=user))
        .select_related("artisan", "buyer", "program").order_by("created_at")
    )
    data["meetings"] = [
        {
            "id": str(meeting.public_id), "status": meeting.status, "mode": meeting.mode,
            "as": "artisan" if meeting.artisan_user_id == user.pk else "buyer",
            "artisan": meeting.artisan.business_name, "buyer": meeting.buyer.organisation_name,
            "program": meeting.program.name if meeting.program_id else None,
            "start_at": _iso(meeting.start_at), "end_at": _iso(meeting.end_at),
            "duration_minutes": meeting.duration_minutes, "location": meeting.location,
            "created_at": _iso(meeting.created_at),
        }
        for meeting in meetings
    ]
    data["messages"] = [
        {"meeting": str(message.meeting.public_id), "body": message.body, "created_at": _iso(message.created_at)}
        for message in Message.objects.filter(author=user).select_related("meeting").order_by("created_at")
    ]
    data["outcomes"] = [
        {
            "meeting": str(outcome.meeting.public_id), "attendance": outcome.attendance,
            "interest": outcome.interest, "next_step": outcome.next_step,
            "estimated_order_value": (
                str(outcome.estimated_order_value) if outcome.estimated_order_value is not None else None
            ),
            "currency": outcome.currency, "notes": outcome.notes, "created_at": _iso(outcome.created_at),
        }
        for outcome in Outcome.objects.filter(user=user).select_related("meeting").order_by("created_at")
    ]
    return data


def _file_names(*fields) -> list[str]:
    return [field.name for field in fields if field and field.name]


def account_delete(*, user: User) -> None:
    """Delete a person's account, keeping the agency's counts (see the module docstring).

    One transaction for the rows; the photo files are removed after commit, so a rollback
    never leaves rows pointing at missing files. Running it twice is harmless.
    """
    from allauth.account.models import EmailAddress
    from allauth.mfa.models import Authenticator

    from artisans.models import ArtisanProfile, WorkshopPhoto
    from buyers.models import BuyerProfile, ShortlistItem
    from catalog.models import Product, ProductPhoto
    from matchmaking.models import Preference, Recommendation
    from meetings.models import (
        AvailabilityException,
        AvailabilitySettings,
        AvailabilitySlot,
        AvailabilityWindow,
        Meeting,
        MeetingEvent,
        Message,
        Outcome,
    )
    from notifications.models import Email
    from programs.models import Application, BuyerInvitation

    files: list[str] = []
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user.pk)
        tombstone = f"deleted-{uuid.uuid4().hex}@{DELETED_DOMAIN}"
        old_emails = {user.email, *EmailAddress.objects.filter(user=user).values_list("email", flat=True)}

        artisan = ArtisanProfile.objects.filter(user=user).first()
        if artisan is not None:
            for photo in ProductPhoto.objects.filter(product__artisan=artisan):
                files += _file_names(photo.image, photo.thumb, photo.card, photo.large)
            for photo in WorkshopPhoto.objects.filter(artisan=artisan):
                files += _file_names(photo.image, photo.thumb, photo.card, photo.large)
            files += _file_names(artisan.logo, artisan.logo_thumb)
            Product.objects.filter(artisan=artisan).delete()
            WorkshopPhoto.objects.filter(artisan=artisan).delete()
            for model in (AvailabilityWindow, AvailabilitySlot, AvailabilityException, AvailabilitySettings):
                model.objects.filter(artisan=artisan).delete()
            Application.objects.filter(artisan=artisan).update(motivation="", email="")
            artisan.crafts.clear()
            ArtisanProfile.objects.filter(pk=artisan.pk).update(
                slug=f"deleted-{uuid.uuid4().hex[:16]}", business_name=DELETED_NAME, region="", city="",
                story="", languages_spoken=[], year_founded=None, team_size=None, logo="", logo_thumb="",
                website="", instagram="", facebook="", export_markets="", monthly_capacity=None,
                lead_time_days=None, min_order_value=None, incoterms=[], payment_terms="",
                certifications=[], status=ArtisanProfile.Status.REJECTED, rejection_reason="",
            )

        buyer = BuyerProfile.objects.filter(user=user).first()
        if buyer is not None:
            ShortlistItem.objects.filter(buyer=buyer).delete()
            buyer.crafts_of_interest.clear()
            # The organisation's kind and country stay: results count meetings per country.
            BuyerProfile.objects.filter(pk=buyer.pk).update(
                organisation_name=DELETED_NAME, website="", city="", job_title="", typical_order_qty=None,
                price_min_usd=None, price_max_usd=None, languages=[],
            )
        Preference.objects.filter(buyer_user=user).delete()
        Recommendation.objects.filter(buyer_user=user).delete()
        # One address per program is unique: each invitation gets its own placeholder.
        for invitation in BuyerInvitation.objects.filter(Q(user=user) | Q(email__in=old_emails)):
            BuyerInvitation.objects.filter(pk=invitation.pk).update(
                email=f"deleted-{uuid.uuid4().hex}@{DELETED_DOMAIN}"
            )

        Message.objects.filter(author=user).delete()
        Outcome.objects.filter(user=user).update(notes="")
        MeetingEvent.objects.filter(actor=user).update(note="")
        Meeting.objects.filter(cancelled_by=user).update(cancel_reason="")
        Meeting.objects.filter(artisan_user=user).update(decline_reason="")
        Email.objects.filter(to__in=old_emails).delete()

        EmailAddress.objects.filter(user=user).delete()
        Authenticator.objects.filter(user=user).delete()
        user.email = tombstone
        user.full_name = DELETED_NAME
        user.is_active = False
        user.is_staff = False
        user.is_superuser = False
        user.set_unusable_password()
        user.save()
        user.groups.clear()
        user.user_permissions.clear()
        transaction.on_commit(lambda: _delete_files(files))


def _delete_files(names: list[str]) -> None:
    for name in names:
        default_storage.delete(name)


# --- A staff member's first second factor -----------------------------------------------------
class EnrolmentError(Exception):
    """The enrolment link cannot be issued or used; the message says why, for the person."""


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def staff_enrolment_issue(*, user: User, issued_by: User | None) -> str:
    """Issue a single-use link to set up `user`'s first authenticator; returns its URL.

    `issued_by` is the administrator who sends it (None: `manage.py staff_enrolment_link` on the
    server, which prints the link instead of mailing it). An administrator cannot issue one to
    themselves: the point is that someone other than the password holder vouches. Older unused
    links of the same person stop working. Only the token's hash is stored.
    """
    if not user.is_staff or not user.is_active:
        raise EnrolmentError(_("Only active staff members enrol a second factor by link."))
    if issued_by is not None and issued_by.pk == user.pk:
        raise EnrolmentError(_("Another administrator must send you the enrolment link."))
    if staff_has_second_factor(user):
        raise EnrolmentError(_("%(user)s already has an authenticator.") % {"user": user})
    token = secrets.token_urlsafe(32)
    now = timezone.now()
    url = settings.SITE_URL + reverse("accounts:staff-enrol-link", args=[token])
    with transaction.atomic():
        StaffEnrolment.objects.filter(user=user, used_at__isnull=True).update(expires_at=now)
        enrolment = StaffEnrolment.objects.create(
            user=user, token_hash=_token_hash(token), issued_by=issued_by,
            expires_at=now + timedelta(hours=settings.STAFF_ENROLMENT_LINK_HOURS),
        )
        if issued_by is not None:
            rendered = render_email(
                "staff_enrolment",
                {"user": user, "issued_by": issued_by, "url": url, "hours": settings.STAFF_ENROLMENT_LINK_HOURS},
                language=user.language or settings.LANGUAGE_CODE, time_zone=user.time_zone or "UTC",
            )
            email_enqueue(
                key=f"staff-enrolment:{enrolment.pk}", to=user.email,
                subject=rendered.subject, text=rendered.text, html=rendered.html, language=rendered.language,
            )
    return url


def staff_enrolment_redeem(*, user: User, token: str) -> StaffEnrolment:
    """Use an enrolment link: valid, unused, unexpired and the signed-in person's own.

    Claimed with a conditional UPDATE, so the same link opened twice at once is redeemed once.
    """
    now = timezone.now()
    enrolment = StaffEnrolment.objects.filter(token_hash=_token_hash(token), user=user).first()
    claimed = enrolment is not None and StaffEnrolment.objects.filter(
        pk=enrolment.pk, used_at__isnull=True, expires_at__gt=now
    ).update(used_at=now) == 1
    if not claimed:
        raise EnrolmentError(
            _("This enrolment link is not valid any more. Ask another administrator for a new one.")
        )
    enrolment.used_at = now
    return enrolment
