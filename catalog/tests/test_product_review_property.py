"""Random artisan edits and staff decisions: under review, buyers only ever see what staff approved.

Each example drives a product through publishing, unpublishing, text and price edits, new photos,
approvals and declines (in any order, allowed or not), with review on or off, and checks after
every step that a published product under review is exactly the one staff last approved, that
the public sees it exactly when it is published, and that each decision taken mailed once.
"""

from __future__ import annotations

import pytest
from django.core.files.base import ContentFile
from django.db import transaction
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from artisans import services as review
from catalog import services
from catalog.models import CatalogSettings, Craft, Product
from catalog.tests.factories import ArtisanProfileFactory
from catalog.visibility import public_product_q
from common.images import CleanImage
from common.tests.imaging import jpeg_bytes
from notifications.models import Email

pytestmark = pytest.mark.django_db

ACTIONS = ["publish", "unpublish", "edit_text", "edit_price", "add_photo", "approve", "decline"]


class Rollback(Exception):
    pass


def _seen(product: Product) -> tuple:
    """What buyers read of a product: its texts and photos (prices need no review)."""
    product = Product.objects.get(pk=product.pk)
    return (product.title, product.description, tuple(product.materials), tuple(product.techniques),
            tuple(product.colours), tuple(product.photos.order_by("pk").values_list("pk", flat=True)))


def _act(action: str, product: Product, staff, step: int) -> bool:
    """Take the action; False when the review refused it (not in a state that allows it)."""
    product = Product.objects.get(pk=product.pk)
    if action in ("publish", "unpublish"):
        wanted = Product.Status.PUBLISHED if action == "publish" else Product.Status.DRAFT
        services.product_set_status(product=product, status=wanted)
    elif action == "edit_text":
        services.product_update(product=product, data={"title": f"Tile, version {step}"})
    elif action == "edit_price":
        services.product_update(product=product, data={"wholesale_price": 10 + step})
    elif action == "add_photo":
        image = CleanImage(file=ContentFile(jpeg_bytes(), name=f"p{step}.jpg"), width=64, height=48)
        services.product_photo_add(product=product, image=image, alt_text=f"Photo {step}")
    else:
        try:
            if action == "approve":
                review.product_approve(product=product, reviewer=staff)
            else:
                review.product_decline(product=product, reviewer=staff, reason=f"Reason {step}")
        except review.ReviewConflict:
            return False
    return True


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(review_on=st.booleans(), steps=st.lists(st.sampled_from(ACTIONS), min_size=1, max_size=8))
# The paths that matter most, every run: an approved product edited, then seen again.
@example(review_on=True, steps=["publish", "approve", "add_photo", "approve"])
@example(review_on=True, steps=["publish", "approve", "edit_text", "edit_price", "decline", "publish", "approve"])
@example(review_on=False, steps=["publish", "edit_text", "add_photo", "decline", "publish"])
def test_under_review_buyers_see_only_what_staff_approved(artisan, staff, review_on, steps):
    try:
        with transaction.atomic():
            CatalogSettings.objects.update_or_create(pk=1, defaults={"review_products": review_on})
            profile = ArtisanProfileFactory(user=artisan)
            product = services.product_create(artisan=profile, data={
                "title": "Tile", "craft": Craft.objects.first(), "wholesale_price": 10, "status": "draft",
            })
            approved: tuple | None = None
            for step, action in enumerate(steps):
                mails = Email.objects.count()
                took = _act(action, product, staff, step)
                current = Product.objects.get(pk=product.pk)
                if action in ("approve", "decline"):
                    assert Email.objects.count() == mails + (1 if took else 0), (action, took)
                    if took:
                        assert current.reviewed_by == staff and current.reviewed_at is not None
                if action == "approve" and took:
                    approved = _seen(current)
                public = Product.objects.filter(public_product_q(), pk=product.pk).exists()
                assert public == (current.status == Product.Status.PUBLISHED), (steps[: step + 1], current.status)
                if review_on and current.status == Product.Status.PUBLISHED:
                    assert _seen(current) == approved, steps[: step + 1]
                if not review_on and action == "publish":
                    assert current.status == Product.Status.PUBLISHED
            raise Rollback
    except Rollback:
        pass
