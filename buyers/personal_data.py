"""A buyer's profile and shortlist: exported whole; on deletion the shortlist goes and the
profile becomes a nameless row (its kind and country stay: results count meetings per country).
"""

from __future__ import annotations

from typing import Any

from accounts.models import User
from buyers.models import BuyerProfile, ShortlistItem
from common.personal_data import DELETED_NAME, Erasure, PersonalData, decimal, iso


def _buyer_profile(user: User) -> dict[str, Any] | None:
    profile = BuyerProfile.objects.filter(user=user).prefetch_related("crafts_of_interest").first()
    if profile is None:
        return None
    return {
        "organisation_name": profile.organisation_name, "organisation_kind": profile.organisation_kind,
        "website": profile.website, "country": str(profile.country), "city": profile.city,
        "job_title": profile.job_title,
        "crafts_of_interest": [craft.slug for craft in profile.crafts_of_interest.all()],
        "typical_order_qty": profile.typical_order_qty,
        "price_min_usd": decimal(profile.price_min_usd), "price_max_usd": decimal(profile.price_max_usd),
        "languages": list(profile.languages), "is_verified": profile.is_verified,
        "created_at": iso(profile.created_at),
    }


def _shortlist(user: User) -> list[dict[str, Any]]:
    return [
        {
            "artisan": item.artisan.business_name if item.artisan_id else None,
            "product": item.product.title if item.product_id else None,
            "note": item.note, "created_at": iso(item.created_at),
        }
        for item in ShortlistItem.objects.filter(buyer__user=user).select_related("artisan", "product")
    ]


def _erase(erasure: Erasure) -> None:
    profile = BuyerProfile.objects.filter(user=erasure.user).first()
    if profile is None:
        return
    erasure.forget_admin_history(profile, *ShortlistItem.objects.filter(buyer=profile))
    ShortlistItem.objects.filter(buyer=profile).delete()
    profile.crafts_of_interest.clear()
    BuyerProfile.objects.filter(pk=profile.pk).update(
        organisation_name=DELETED_NAME, website="", city="", job_title="", typical_order_qty=None,
        price_min_usd=None, price_max_usd=None, languages=[],
    )


PERSONAL_DATA = PersonalData(
    app_label="buyers",
    # The profile's verified_by is the member of staff who verified it: kept with the decision.
    models=("buyers.BuyerProfile", "buyers.ShortlistItem"),
    sections={"buyer_profile": _buyer_profile, "shortlist": _shortlist},
    erase=_erase,
)
