"""The registry of photo kinds, keyed by model label: an app registers its photo models here.

A lower layer cannot name the models above it, so the apps that own photos tell it about them
(at the end of their models module) and everything here looks a kind up by the object it is
given, or by the label a task was queued with, never by an id passed under another name.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from django.core.exceptions import ImproperlyConfigured
from django.db import models

from common.images import RENDITION_SIZES


@dataclass(frozen=True)
class PhotoKind:
    model: type[models.Model]
    # The field holding the cleaned original.
    source: str = "image"
    # Rendition field -> long edge in pixels (common.images.make_rendition).
    renditions: Mapping[str, int] = field(default_factory=lambda: MappingProxyType(dict(RENDITION_SIZES)))
    # For ordered photos: the foreign key to what they belong to, and how many one owner may have.
    owner_field: str | None = None
    maximum: int | None = None

    @property
    def label(self) -> str:
        return self.model._meta.label_lower

    @property
    def file_fields(self) -> tuple[str, ...]:
        return (self.source, *self.renditions)


_KINDS: dict[str, PhotoKind] = {}


def register(model: type[models.Model], **options) -> PhotoKind:
    """Declare a model that holds a photo; registering the same thing twice is harmless."""
    if "renditions" in options:
        options["renditions"] = MappingProxyType(dict(options["renditions"]))
    kind = PhotoKind(model=model, **options)
    for name in kind.file_fields:
        model._meta.get_field(name)  # a typo fails at start-up, not in a task
    known = _KINDS.get(kind.label)
    if known is not None and (known.model is not model or known.file_fields != kind.file_fields
                              or known.owner_field != kind.owner_field or known.maximum != kind.maximum):
        raise ImproperlyConfigured(f"Photo kind {kind.label} is registered twice, differently")
    _KINDS[kind.label] = kind
    return kind


def kind_for(label: str) -> PhotoKind:
    try:
        return _KINDS[label.lower()]
    except KeyError:
        raise LookupError(f"{label!r} is not a registered photo kind") from None


def kind_of(obj: models.Model | type[models.Model]) -> PhotoKind:
    return kind_for(obj._meta.label_lower)


def ordered_kind_of(obj: models.Model | type[models.Model]) -> PhotoKind:
    kind = kind_of(obj)
    if kind.owner_field is None:
        raise LookupError(f"{kind.label} is a single image, not an ordered photo")
    return kind


def ordered_kinds() -> list[PhotoKind]:
    return [kind for kind in _KINDS.values() if kind.owner_field is not None]
