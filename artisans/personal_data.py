"""An artisan's profile and workshop photos: exported whole; on deletion a nameless, hidden row.

The profile row stays because meetings and applications point at it (the agency's figures
count them); its status becomes "rejected", which every catalog and matchmaking query already
excludes. Its kind and country stay: results count meetings per country.
"""

from __future__ import annotations

import uuid
from typing import Any

from accounts.models import User
from artisans.models import ArtisanProfile, WorkshopPhoto
from common.personal_data import DELETED_NAME, Erasure, PersonalData, decimal, iso, photo


def _artisan_profile(user: User) -> dict[str, Any] | None:
    profile = ArtisanProfile.objects.filter(user=user).prefetch_related("crafts", "photos").first()
    if profile is None:
        return None
    return {
        "business_name": profile.business_name, "slug": profile.slug, "kind": profile.kind,
        "crafts": [craft.slug for craft in profile.crafts.all()], "country": str(profile.country),
        "region": profile.region, "city": profile.city, "story": profile.story, "language": profile.language,
        "languages_spoken": list(profile.languages_spoken), "year_founded": profile.year_founded,
        "team_size": profile.team_size, "logo": profile.logo.url if profile.logo else "",
        "website": profile.website, "instagram": profile.instagram, "facebook": profile.facebook,
        "time_zone": profile.time_zone, "exported_before": profile.exported_before,
        "export_markets": profile.export_markets, "monthly_capacity": profile.monthly_capacity,
        "lead_time_days": profile.lead_time_days, "min_order_value": decimal(profile.min_order_value),
        "currency": profile.currency, "incoterms": list(profile.incoterms),
        "payment_terms": profile.payment_terms, "certifications": list(profile.certifications),
        "status": profile.status, "workshop_photos": [photo(each) for each in profile.photos.all()],
        "created_at": iso(profile.created_at),
    }


def _erase(erasure: Erasure) -> None:
    profile = ArtisanProfile.objects.filter(user=erasure.user).first()
    if profile is None:
        return
    photos = list(WorkshopPhoto.objects.filter(artisan=profile))
    erasure.forget_files(profile, *photos)
    erasure.forget_admin_history(profile, *photos)
    WorkshopPhoto.objects.filter(artisan=profile).delete()
    profile.crafts.clear()
    ArtisanProfile.objects.filter(pk=profile.pk).update(
        slug=f"deleted-{uuid.uuid4().hex[:16]}", business_name=DELETED_NAME, region="", city="",
        story="", languages_spoken=[], year_founded=None, team_size=None, logo="", logo_thumb="",
        website="", instagram="", facebook="", export_markets="", monthly_capacity=None,
        lead_time_days=None, min_order_value=None, incoterms=[], payment_terms="",
        certifications=[], status=ArtisanProfile.Status.REJECTED, rejection_reason="",
    )


PERSONAL_DATA = PersonalData(
    app_label="artisans",
    # The profile's reviewed_by is the member of staff who reviewed it: kept with the decision.
    models=("artisans.ArtisanProfile", "artisans.WorkshopPhoto"),
    sections={"artisan_profile": _artisan_profile},
    erase=_erase,
)
