from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch, QuerySet

from buyers.models import BuyerProfile, ShortlistItem
from catalog.models import ProductPhoto
from common.statements import Statement


def buyer_profile_of(user: Any) -> BuyerProfile | None:
    """The signed-in buyer's profile, or None. Django caches the answer (even a miss) on the user."""
    if not getattr(user, "is_authenticated", False) or not user.is_buyer:
        return None
    return getattr(user, "buyer_profile", None)


@dataclass
class Shortlisted:
    artisan_ids: set[int] = field(default_factory=set)
    product_ids: set[int] = field(default_factory=set)


# On every catalog page a buyer opens: compiled once per process (common.statements).
_SHORTLISTED = Statement(
    lambda user_id: ShortlistItem.objects.filter(buyer__user_id=user_id).order_by().values_list("artisan_id", "product_id"),
    "user_id",
)


def shortlisted_targets(user: Any) -> Shortlisted:
    """What the viewer already shortlisted, to show add or remove on catalog cards (one query)."""
    result = Shortlisted()
    if not getattr(user, "is_authenticated", False) or not user.is_buyer:
        return result
    for artisan_id, product_id in _SHORTLISTED.rows(user_id=user.pk):
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
