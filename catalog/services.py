"""Writes to the catalog: an artisan's products and their photos (common.photos does the photo work)."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from artisans.models import ArtisanProfile
from catalog import curation
from catalog.models import Product, ProductPhoto
from common.images import CleanImage
from common.photos import services as photo_services

# The fields of a product an artisan edits through the product form.
PRODUCT_FIELDS = (
    "title", "description", "language", "craft", "materials", "techniques", "colours",
    "width_cm", "height_cm", "depth_cm", "weight_kg", "currency", "wholesale_price", "retail_price",
    "min_order_qty", "lead_time_days", "monthly_capacity", "status",
    # Trade identifiers retailers ask for (catalog.identifiers); no review: they are not texts buyers read.
    "gtin", "hs_code", "country_of_origin", "case_pack",
)


def _apply(product: Product, data: dict[str, Any]) -> None:
    # The USD price and the search document are the database's to derive (catalog.models.ExchangeRate).
    for name in PRODUCT_FIELDS:
        if name in data:
            setattr(product, name, data[name])


def _settle_status(product: Product, *, current: str, wanted: str, content_changed: bool) -> None:
    """Put on `product` the status its artisan's wish leads to (catalog.curation), and when it went to review."""
    review = wanted == Product.Status.PUBLISHED and curation.review_required(product.artisan)
    product.status = curation.next_status(current=current, wanted=wanted, review=review,
                                          content_changed=content_changed)
    if product.status == Product.Status.IN_REVIEW and current != Product.Status.IN_REVIEW:
        product.submitted_at = timezone.now()


@transaction.atomic
def product_create(*, artisan: ArtisanProfile, data: dict[str, Any]) -> Product:
    """Create a product; asked to be published, it waits for staff when review applies."""
    product = Product(artisan=artisan)
    _apply(product, data)
    _settle_status(product, current=Product.Status.DRAFT, wanted=data.get("status", Product.Status.DRAFT),
                   content_changed=True)
    product.save()
    return product


@transaction.atomic
def product_update(*, product: Product, data: dict[str, Any]) -> Product:
    """Save an artisan's edits; `product.status` then says whether it went (back) to review.

    Under review (catalog.curation), a change to a published product's texts sends it back to
    staff; prices and quantities do not. The stored row is locked and compared, as a ModelForm
    has already written the edits onto `product` and a review may be happening at once.
    """
    stored = (
        Product.objects.select_for_update().filter(pk=product.pk)
        .values("status", *curation.REVIEWED_FIELDS).get()
    )
    _apply(product, data)
    changed = any(getattr(product, name) != stored[name] for name in curation.REVIEWED_FIELDS)
    _settle_status(product, current=stored["status"], wanted=data.get("status", curation.wanted_status(stored["status"])),
                   content_changed=changed)
    product.save()
    return product


def product_set_status(*, product: Product, status: str) -> bool:
    """Publish or unpublish, as the artisan asks. Returns False when nothing changed.

    Publishing a product under review (catalog.curation) sends it to staff instead.
    """
    if status not in (Product.Status.DRAFT, Product.Status.PUBLISHED):
        raise ValueError(f"An artisan publishes or unpublishes, not {status!r}")
    with transaction.atomic():
        current = Product.objects.select_for_update().filter(pk=product.pk).values_list("status", flat=True).get()
        _settle_status(product, current=current, wanted=status, content_changed=False)
        if product.status == current:
            return False
        Product.objects.filter(pk=product.pk).update(status=product.status, submitted_at=product.submitted_at)
    return True


def product_photos_changed(*, product: Product) -> bool:
    """A new photo of a published product under review sends it back to staff. True when it did."""
    if not curation.review_required(product.artisan):
        return False
    now = timezone.now()
    sent = Product.objects.filter(pk=product.pk, status=Product.Status.PUBLISHED).update(
        status=Product.Status.IN_REVIEW, submitted_at=now)
    if sent:
        product.status, product.submitted_at = Product.Status.IN_REVIEW, now
    return sent == 1


@transaction.atomic
def product_delete(*, product: Product) -> None:
    names = [name for photo in product.photos.all() for name in photo_services.file_names(photo)]
    product.delete()
    photo_services.delete_files_on_commit(names)


# --- Photos: the one service per action on a product's photos (common.photos does the work) ---


def product_photo_add(*, product: Product, image: CleanImage, alt_text: str) -> ProductPhoto:
    """Raises common.limits.LimitReached when the product has MAX_PHOTOS_PER_PRODUCT photos.

    Under review, the new photo sends a published product back to staff (product_photos_changed);
    deleting or reordering photos shows buyers nothing staff have not seen.
    """
    with transaction.atomic():
        photo = photo_services.photo_add(model=ProductPhoto, owner=product, image=image, alt_text=alt_text)
        product_photos_changed(product=product)
    return photo


def product_photo_delete(*, photo: ProductPhoto) -> None:
    photo_services.photo_delete(photo=photo)


def product_photo_move(*, photo: ProductPhoto, offset: int) -> None:
    photo_services.photo_move(photo=photo, offset=offset)


def product_photo_set_alt(*, photo: ProductPhoto, alt_text: str) -> bool:
    """False when unchanged. Under review, a new description (what buyers who cannot see the photo
    read) sends a published product back to staff, as a new photo does."""
    with transaction.atomic():
        changed = photo_services.photo_set_alt(photo=photo, alt_text=alt_text)
        if changed:
            product_photos_changed(product=photo.product)
    return changed
