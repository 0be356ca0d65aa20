"""Writes to photos of every kind: add, move, set the alt text, delete, and their renditions.

Each function finds what it needs (the owner's key, the limit, the rendition fields) in the
photo's registered kind (common.photos.kinds). Apps that must hear of a photo change (catalog's
review of published products) wrap these in their own one-line services.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TypeVar

from django.core.files.storage import default_storage
from django.db import models, transaction

from common.images import CleanImage, make_rendition
from common.limits import Limit, limit_enforce
from common.photos import tasks
from common.photos.kinds import kind_for, kind_of, ordered_kind_of
from common.photos.models import OrderedPhoto

Photo = TypeVar("Photo", bound=OrderedPhoto)


def delete_files_on_commit(names: Iterable[str]) -> None:
    """Delete these stored files once the transaction commits (never, if it rolls back)."""
    names = [name for name in names if name]

    def delete() -> None:
        for name in names:
            default_storage.delete(name)

    if names:
        transaction.on_commit(delete)


def file_names(obj: models.Model) -> list[str]:
    """The stored files of a photo (original and renditions) as the object holds them."""
    return [name for name in (getattr(obj, field).name for field in kind_of(obj).file_fields) if name]


def stored_file_names(model: type[models.Model], pk: int | None) -> list[str]:
    """The stored files of a photo as its row holds them (before a form replaces them in memory)."""
    if pk is None:
        return []
    row = model._default_manager.filter(pk=pk).values(*kind_of(model).file_fields).first() or {}
    return [name for name in row.values() if name]


def renditions_queue(obj: models.Model) -> None:
    """Ask for the photo's renditions once the transaction commits."""
    label, pk = kind_of(obj).label, obj.pk
    transaction.on_commit(lambda: tasks.make_renditions_task.delay(label, pk))


def image_replaced(*, obj: models.Model, old_names: Iterable[str]) -> None:
    """After a save that replaced or cleared a photo's original (the admin): its renditions are
    emptied and made again from the new one, and the old files go after commit."""
    kind = kind_of(obj)
    blank = dict.fromkeys(kind.renditions, "")
    type(obj)._default_manager.filter(pk=obj.pk).update(**blank)
    for field in blank:
        setattr(obj, field, "")
    delete_files_on_commit(old_names)
    if getattr(obj, kind.source):
        renditions_queue(obj)


def photo_add(*, model: type[Photo], owner: models.Model, image: CleanImage, alt_text: str) -> Photo:
    """Append a cleaned photo at the end of an owner's ordered photos and queue its renditions.

    Raises common.limits.LimitReached when the owner has its kind's `maximum` photos already:
    counted under the owner's limit lock, which also keeps two uploads at once off the same position.
    """
    kind = ordered_kind_of(model)
    assert kind.owner_field is not None  # ordered_kind_of refuses kinds without an owner
    photos = model._default_manager.filter(**{kind.owner_field: owner})
    with transaction.atomic():
        limit_enforce(Limit(key=(kind.label, owner.pk), maximum=kind.maximum, counted=photos))
        last = photos.aggregate(top=models.Max("position"))["top"]
        photo = model(**{kind.owner_field: owner}, alt_text=alt_text, position=0 if last is None else last + 1)
        photo.image.save(image.file.name, image.file, save=False)
        try:
            photo.save()
        except Exception:
            default_storage.delete(photo.image.name)
            raise
        renditions_queue(photo)
    return photo


def _owner_photos(photo: OrderedPhoto) -> models.QuerySet:
    owner_field = ordered_kind_of(photo).owner_field
    return type(photo)._default_manager.filter(**{f"{owner_field}_id": getattr(photo, f"{owner_field}_id")})


def photo_delete(*, photo: OrderedPhoto) -> None:
    """Delete a photo, close the gap in its owner's order, and delete its files after commit."""
    with transaction.atomic():
        names = file_names(photo)
        siblings = _owner_photos(photo)
        photo.delete()
        for position, pk in enumerate(siblings.order_by("position", "id").values_list("pk", flat=True)):
            siblings.filter(pk=pk).exclude(position=position).update(position=position)
        delete_files_on_commit(names)


def photo_move(*, photo: OrderedPhoto, offset: int) -> None:
    """Move a photo one place earlier (offset -1) or later (+1) among its owner's photos."""
    with transaction.atomic():
        siblings = _owner_photos(photo)
        photos = list(siblings.select_for_update().order_by("position", "id"))
        index = next((i for i, p in enumerate(photos) if p.pk == photo.pk), None)
        if index is None:
            return
        target = index + offset
        if not 0 <= target < len(photos):
            return
        photos[index], photos[target] = photos[target], photos[index]
        for position, item in enumerate(photos):
            if item.position != position:
                siblings.filter(pk=item.pk).update(position=position)


def photo_set_alt(*, photo: OrderedPhoto, alt_text: str) -> bool:
    """Change the description read to people who cannot see the photo. False when unchanged."""
    changed = type(photo)._default_manager.filter(pk=photo.pk).exclude(alt_text=alt_text).update(alt_text=alt_text)
    photo.alt_text = alt_text
    return changed == 1


def renditions_make(*, label: str, pk: int) -> list[str]:
    """Make the missing WebP renditions of one photo of kind `label`. Returns the fields it filled.

    Idempotent: a rendition that exists is left alone, and when two runs race, the one that
    loses the row lock finds the field filled and deletes the file it made.
    """
    kind = kind_for(label)
    model = kind.model
    photo = model._default_manager.filter(pk=pk).first()
    if photo is None:
        return []
    source = getattr(photo, kind.source)
    if not source:
        return []
    missing = {field: size for field, size in kind.renditions.items() if not getattr(photo, field)}
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
        locked = model._default_manager.select_for_update().filter(pk=pk).first()
        if locked is None or getattr(locked, kind.source).name != source_name:
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
                model._default_manager.filter(pk=pk).update(**updates)
    for name in leftovers:
        default_storage.delete(name)
    return filled
