"""Writes to the catalog: an artisan's products, their photos, and the renditions of all photos."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.files.storage import default_storage
from django.db import models, transaction
from django.utils import timezone

from catalog import curation
from catalog.models import Product, ProductPhoto
from common.images import RENDITION_SIZES, CleanImage, make_rendition
from common.limits import Limit, limit_enforce

# The fields of a product an artisan edits through the product form.
PRODUCT_FIELDS = (
    "title", "description", "language", "craft", "materials", "techniques", "colours",
    "width_cm", "height_cm", "depth_cm", "weight_kg", "currency", "wholesale_price", "retail_price",
    "min_order_qty", "lead_time_days", "monthly_capacity", "status",
)
MAX_PHOTOS_PER_PRODUCT = 12


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
def product_create(*, artisan, data: dict[str, Any]) -> Product:
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


def delete_files_on_commit(names: Iterable[str]) -> None:
    names = [name for name in names if name]

    def delete() -> None:
        for name in names:
            default_storage.delete(name)

    if names:
        transaction.on_commit(delete)


def _photo_file_names(photo: models.Model) -> list[str]:
    return [getattr(photo, field).name for field in ("image", *RENDITION_SIZES)]


@transaction.atomic
def product_delete(*, product: Product) -> None:
    names = [name for photo in product.photos.all() for name in _photo_file_names(photo)]
    product.delete()
    delete_files_on_commit(names)


# --- Photos ---------------------------------------------------------------------------------


def queue_renditions(*, kind: str, photo_id: int) -> None:
    from catalog.tasks import make_renditions_task

    transaction.on_commit(lambda: make_renditions_task.delay(kind, photo_id))


def photo_add(*, owner_field: str, owner: models.Model, model: type[models.Model], kind: str,
              image: CleanImage, alt_text: str, maximum: int) -> models.Model:
    """Append a cleaned photo at the end of an owner's ordered photos and queue its renditions.

    Raises common.limits.LimitReached when the owner has `maximum` photos already: counted
    under the owner's limit lock, which also keeps two uploads at once off the same position.
    """
    photos = model.objects.filter(**{owner_field: owner})
    with transaction.atomic():
        limit_enforce(Limit(key=(f"{kind}-photos", owner.pk), maximum=maximum, counted=photos))
        last = photos.aggregate(top=models.Max("position"))["top"]
        photo = model(**{owner_field: owner}, alt_text=alt_text, position=0 if last is None else last + 1)
        photo.image.save(image.file.name, image.file, save=False)
        try:
            photo.save()
        except Exception:
            default_storage.delete(photo.image.name)
            raise
        queue_renditions(kind=kind, photo_id=photo.pk)
    return photo


def photo_delete(*, photo: models.Model, owner_field: str) -> None:
    with transaction.atomic():
        names = _photo_file_names(photo)
        owner_id = getattr(photo, f"{owner_field}_id")
        photo.delete()
        _renumber(type(photo), owner_field, owner_id)
        delete_files_on_commit(names)


def photo_move(*, photo: models.Model, owner_field: str, offset: int) -> None:
    """Move a photo one place earlier (offset -1) or later (+1) among its owner's photos."""
    model = type(photo)
    owner_id = getattr(photo, f"{owner_field}_id")
    with transaction.atomic():
        photos = list(model.objects.select_for_update().filter(**{f"{owner_field}_id": owner_id}).order_by("position", "id"))
        index = next((i for i, p in enumerate(photos) if p.pk == photo.pk), None)
        if index is None:
            return
        target = index + offset
        if not 0 <= target < len(photos):
            return
        photos[index], photos[target] = photos[target], photos[index]
        for position, item in enumerate(photos):
            if item.position != position:
                model.objects.filter(pk=item.pk).update(position=position)


def _renumber(model: type[models.Model], owner_field: str, owner_id: int) -> None:
    for position, pk in enumerate(
        model.objects.filter(**{f"{owner_field}_id": owner_id}).order_by("position", "id").values_list("pk", flat=True)
    ):
        model.objects.filter(pk=pk).exclude(position=position).update(position=position)


def product_photo_add(*, product: Product, image: CleanImage, alt_text: str) -> ProductPhoto:
    """Raises common.limits.LimitReached when the product has MAX_PHOTOS_PER_PRODUCT photos.

    Under review, the new photo sends a published product back to staff (product_photos_changed);
    deleting or reordering photos shows buyers nothing staff have not seen.
    """
    with transaction.atomic():
        photo = photo_add(owner_field="product", owner=product, model=ProductPhoto, kind="product",
                          image=image, alt_text=alt_text, maximum=MAX_PHOTOS_PER_PRODUCT)
        product_photos_changed(product=product)
    return photo


def product_photo_delete(*, photo: ProductPhoto) -> None:
    photo_delete(photo=photo, owner_field="product")


def product_photo_move(*, photo: ProductPhoto, offset: int) -> None:
    photo_move(photo=photo, owner_field="product", offset=offset)


# --- Renditions -----------------------------------------------------------------------------


def _rendition_targets(kind: str) -> tuple[type[models.Model], str, dict[str, int]]:
    """The model, the source field and the rendition fields (with their sizes) of a kind of photo."""
    from artisans.models import ArtisanProfile, WorkshopPhoto

    if kind == "product":
        return ProductPhoto, "image", RENDITION_SIZES
    if kind == "workshop":
        return WorkshopPhoto, "image", RENDITION_SIZES
    if kind == "logo":
        return ArtisanProfile, "logo", {"logo_thumb": RENDITION_SIZES["thumb"]}
    raise ValueError(f"Unknown photo kind {kind!r}")


def photo_make_renditions(*, kind: str, photo_id: int) -> list[str]:
    """Make the missing WebP renditions of one photo. Returns the fields it filled.

    Idempotent: a rendition that exists is left alone, and when two runs race, the one that
    loses the row lock finds the field filled and deletes the file it made.
    """
    model, source_field, sizes = _rendition_targets(kind)
    photo = model.objects.filter(pk=photo_id).first()
    if photo is None:
        return []
    source = getattr(photo, source_field)
    if not source:
        return []
    missing = {field: size for field, size in sizes.items() if not getattr(photo, field)}
    if not missing:
        return []
    source_name = source.name
    # Image work happens outside any transaction: it is slow and holds no lock.
    made: dict[str, str] = {}
    for field, size in missing.items():
        rendition = make_rendition(source, long_edge=size)
        made[field] = default_storage.save(f"renditions/{rendition.name}", rendition)
    filled: list[str] = []
    leftovers: list[str] = []
    with transaction.atomic():
        locked = model.objects.select_for_update().filter(pk=photo_id).first()
        if locked is None or getattr(locked, source_field).name != source_name:
            # Deleted or replaced meanwhile: these renditions belong to nothing.
            leftovers = list(made.values())
        else:
            updates = {}
            for field, name in made.items():
                if getattr(locked, field):
                    leftovers.append(name)
                else:
                    updates[field] = name
                    filled.append(field)
            if updates:
                model.objects.filter(pk=photo_id).update(**updates)
    for name in leftovers:
        default_storage.delete(name)
    return filled
