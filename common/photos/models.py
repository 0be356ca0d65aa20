"""The abstract ordered photo: the fields product photos and workshop photos share.

A subclass adds the foreign key to its owner, says where its originals are stored
(`upload_folder`) and registers itself (common.photos.kinds.register) with that key's name.
Renditions are WebP files made by common.photos.tasks after commit; empty until then, and pages
show a placeholder meanwhile ({% photo %}).
"""

from __future__ import annotations

import posixpath
import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from common.text import SingleLineCharField


def original_path(instance: OrderedPhoto, filename: str) -> str:
    # A random name: the artisan's file name and the owner's slug say nothing to the world.
    extension = posixpath.splitext(filename)[1].lower() or ".jpg"
    return f"{instance.upload_folder()}/{uuid.uuid4().hex}{extension}"


def rendition_path(instance: models.Model, filename: str) -> str:
    return f"renditions/{uuid.uuid4().hex}.webp"


class OrderedPhoto(models.Model):
    image = models.ImageField(_("photo"), upload_to=original_path, width_field="width", height_field="height")
    width = models.PositiveIntegerField(null=True, editable=False)
    height = models.PositiveIntegerField(null=True, editable=False)
    alt_text = SingleLineCharField(_("description of the photo (for screen readers)"), max_length=200)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    thumb = models.ImageField(upload_to=rendition_path, blank=True, editable=False)
    card = models.ImageField(upload_to=rendition_path, blank=True, editable=False)
    large = models.ImageField(upload_to=rendition_path, blank=True, editable=False)

    class Meta:
        abstract = True
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.alt_text

    def upload_folder(self) -> str:
        """The storage folder of this photo's original."""
        raise NotImplementedError
