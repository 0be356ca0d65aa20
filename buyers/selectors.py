from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch, QuerySet

from buyers.models import BuyerProfile, ShortlistItem
from catalog.models import ProductPhoto


def buyer_profile_of(user: Any) -> BuyerProfile | None:
    """The signed-in buyer's profile, or None. Django caches the answer (even a miss) on the user."""
    if not getattr(user, "is_authenticated", False) or not user.is_buyer:
        return None
    return getattr(user, "buyer_profile", None)


@dataclass
class Shortlisted:
    artisan_ids: set[int] = field(default_factory=set)
    product_ids: set[int] = field(default_factory=set)


def shortlisted_targets(user: Any) -> Shortlisted:
    """What the viewer already shortlisted, to show add or remove on catalog cards (one query)."""
    profile = buyer_profile_of(user)
    result = Shortlisted()
    if profile is None:
        return result
    for artisan_id, product_id in ShortlistItem.objects.filter(buyer=profile).values_list("artisan_id", "product_id"):
        if artisan_id:
            result.artisan_ids.add(artisan_id)
        else:
            result.product_ids.add(product_id)
    return result


def shortlist_of(profile: BuyerProfile) -> QuerySet[ShortlistItem]:
    """A buyer's own items. A target that left the public catalog stays listed, marked unavailable."""
    return (
        ShortlistItem.objects.filter(buyer=profile)
        .select_related("artisan", "product", "product__artisan")
        .prefetch_related(Prefetch("product__photos", queryset=ProductPhoto.objects.order_by("position", "id")))
    )
