from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from artisans.models import ArtisanProfile
from buyers.models import BuyerProfile, ShortlistItem
from catalog.models import Product


def buyer_profiles_verify(*, profiles: QuerySet[BuyerProfile], by: Any) -> int:
    """Mark buyers verified (staff only, from admin), recording who and when; already verified ones keep theirs."""
    return profiles.filter(is_verified=False).update(is_verified=True, verified_at=timezone.now(), verified_by=by)


def shortlist_add(
    *, profile: BuyerProfile, artisan: ArtisanProfile | None = None, product: Product | None = None
) -> ShortlistItem:
    """Add an artisan or a product (exactly one); adding twice returns the existing item."""
    if (artisan is None) == (product is None):
        raise ValueError("Shortlist exactly one artisan or one product.")
    # get_or_create retries the read when a concurrent insert wins the unique constraint.
    item, _created = ShortlistItem.objects.get_or_create(buyer=profile, artisan=artisan, product=product)
    return item


def shortlist_remove(
    *, profile: BuyerProfile, artisan_slug: str | None = None, product_public_id: Any = None
) -> int:
    """Remove by the target's public key; no visibility check, so what left the catalog can go too."""
    if (artisan_slug is None) == (product_public_id is None):
        raise ValueError("Remove exactly one artisan or one product.")
    items = ShortlistItem.objects.filter(buyer=profile)
    if artisan_slug is not None:
        items = items.filter(artisan__slug=artisan_slug)
    else:
        items = items.filter(product__public_id=product_public_id)
    deleted, _ = items.delete()
    return deleted


def shortlist_note_update(*, item: ShortlistItem, note: str) -> ShortlistItem:
    item.note = note
    item.save(update_fields=["note"])
    return item
