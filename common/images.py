"""Uploaded images: validated by content, cleaned by re-encoding, and resized into renditions.

Every upload (product photos, workshop photos, logos) goes through `clean_uploaded_image`, which
returns the bytes that are stored as the original: the pixels the person sent, turned upright
(EXIF orientation), at most ORIGINAL_LONG_EDGE on the longer side, with every metadata block
(GPS position, camera serial, comments) dropped because the image is re-encoded from pixels
alone. Renditions are made from that cleaned original by a task (catalog.tasks), never in the
request.

What one upload may cost is bounded (SECURITY.md, bench/README.md "Uploads"): the header's pixel
count is checked before any decoding (`MAX_IMAGE_PIXELS`); a JPEG is decoded at 1/2, 1/4 or 1/8
scale when that still gives ORIGINAL_LONG_EDGE; other images are shrunk right after decoding, so
later steps work on the small copy; only `IMAGE_DECODE_CONCURRENCY` decodes run at once in a
process; and an account may send `PHOTO_UPLOAD_RATE_LIMIT` photos (PhotoField's `uploader`).
"""

from __future__ import annotations

import io
import math
import threading
import uuid
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from PIL import ExifTags, Image, ImageOps, UnidentifiedImageError

from common.ratelimit import parse_rate, rate_limit_hit

# Pillow's names for the formats we accept, detected from the content, never the file name.
ALLOWED_FORMATS = {"JPEG", "PNG", "WEBP"}
ACCEPT_ATTRIBUTE = "image/jpeg,image/png,image/webp"

# The limits (MAX_UPLOAD_BYTES, MAX_IMAGE_PIXELS, IMAGE_DECODE_CONCURRENCY, IMAGE_DECODE_WAIT_SECONDS,
# PHOTO_UPLOAD_RATE_LIMIT) and their defaults are settings (config/settings.py), defined there only.
# A 12-megapixel phone photo passes. The cap's pixels are 64 MB as RGBA; with the decoders' and
# Pillow's working copies one upload peaks at about 170 MB (PNG) to 250 MB (WebP), bench/README.md.

# The stored original's longer side: the largest rendition (1600) with a margin, and the size at
# which a 12-megapixel JPEG (4032 x 3024) is decoded at half scale.
ORIGINAL_LONG_EDGE = 2000

# Long-edge sizes of the WebP renditions, by field name.
RENDITION_SIZES = {"thumb": 320, "card": 640, "large": 1600}


def max_upload_bytes() -> int:
    return int(settings.MAX_UPLOAD_BYTES)


def max_image_pixels() -> int:
    return int(settings.MAX_IMAGE_PIXELS)


def photo_upload_rate() -> str:
    return str(settings.PHOTO_UPLOAD_RATE_LIMIT)


_slots_guard = threading.Lock()
_slots: tuple[int, threading.BoundedSemaphore] | None = None


def _decode_slots() -> threading.BoundedSemaphore:
    """The process's decode slots, made on first use (and again if the setting changed)."""
    global _slots
    size = max(1, int(settings.IMAGE_DECODE_CONCURRENCY))
    with _slots_guard:
        if _slots is None or _slots[0] != size:
            _slots = (size, threading.BoundedSemaphore(size))
        return _slots[1]


@contextmanager
def decode_slot(*, blocking: bool = False) -> Iterator[None]:
    """Hold one of the process's decode slots: a threaded server decodes a couple of photos at
    once, however many arrive, so their memory adds up to a couple of photos' worth.

    A request waits IMAGE_DECODE_WAIT_SECONDS, then refuses with a form error; background work
    (renditions) has nobody waiting and passes blocking=True.
    """
    slots = _decode_slots()
    wait = None if blocking else float(settings.IMAGE_DECODE_WAIT_SECONDS)
    if not slots.acquire(timeout=wait):
        raise _reject(
            _("Many photos are being processed right now. Please send yours again in a minute."), "busy"
        )
    try:
        yield
    finally:
        slots.release()


def photo_upload_allowed(uploader) -> bool:
    """Count one photo sent by this account; False when it has sent its allowance already.

    Counted before decoding, so a refused photo costs nothing; photos that fail validation
    count too, since decoding them cost as much.
    """
    return rate_limit_hit(scope="photo-upload", key=str(uploader.pk), rate=photo_upload_rate())


@dataclass(frozen=True)
class CleanImage:
    file: ContentFile
    width: int
    height: int


def _reject(message, code: str, **params) -> ValidationError:
    return ValidationError(message, code=code, params=params or None)


def _read(upload) -> bytes:
    size = getattr(upload, "size", None)
    limit = max_upload_bytes()
    # The size is known before anything is read: refuse early and cheaply.
    if size is not None and size > limit:
        raise _reject(
            _("This file is %(size)s; photos may be at most %(limit)s. Please send a smaller photo."),
            "too_large", size=filesizeformat(size), limit=filesizeformat(limit),
        )
    if hasattr(upload, "seek"):
        upload.seek(0)
    data = upload.read(limit + 1)
    if len(data) > limit:
        raise _reject(
            _("This file is larger than %(limit)s. Please send a smaller photo."),
            "too_large", limit=filesizeformat(limit),
        )
    if not data:
        raise _reject(_("This file is empty."), "empty")
    return data


def _open_checked(data: bytes) -> Image.Image:
    """Open without decoding, and refuse what is not an allowed format or is too many pixels."""
    limit = max_image_pixels()
    Image.MAX_IMAGE_PIXELS = limit
    unreadable = _reject(
        _("This file is not a photo we can read. Please send a JPEG, PNG or WebP image."), "invalid_image"
    )
    too_big = _reject(
        _("This image is too large (more than %(megapixels)s megapixels). Please send a smaller one."),
        "too_many_pixels", megapixels=limit // 1_000_000,
    )
    with warnings.catch_warnings():
        # Pillow only warns between the limit and twice the limit; we refuse both.
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image = Image.open(io.BytesIO(data), formats=sorted(ALLOWED_FORMATS))
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise too_big
        except (UnidentifiedImageError, OSError, ValueError, SyntaxError):
            raise unreadable
    if image.format not in ALLOWED_FORMATS:
        raise unreadable
    width, height = image.size
    # The header's declared size, checked before a single pixel is decoded.
    if width * height > limit:
        raise too_big
    if width < 1 or height < 1:
        raise unreadable
    return image


def _draft_size(size: tuple[int, int], long_edge: int) -> tuple[int, int]:
    """The smallest size with the same shape whose longer side is at least long_edge."""
    width, height = size
    ratio = min(1.0, long_edge / max(width, height))
    return max(1, math.ceil(width * ratio)), max(1, math.ceil(height * ratio))


def _load_bounded(image: Image.Image, *, long_edge: int) -> Image.Image:
    """Decode an opened image into at most about long_edge on its longer side.

    A JPEG's decoder scales by 1/2, 1/4 or 1/8 while decoding (draft mode), so the full-size
    pixels never exist; other formats are decoded whole (the pixel cap bounds that) and shrunk
    at once, before any conversion makes a second full-size copy.
    """
    if image.format == "JPEG":
        image.draft(image.mode, _draft_size(image.size, long_edge))
    image.load()
    if max(image.size) > long_edge:
        if image.mode in {"1", "P"}:
            # Resizing a palette image would pick nearest pixels; keep transparency if it has any.
            image = image.convert("RGBA" if _has_alpha(image) else "RGB")
        image.thumbnail((long_edge, long_edge), Image.Resampling.LANCZOS)
    return image


def _decode(data: bytes, *, long_edge: int = ORIGINAL_LONG_EDGE) -> Image.Image:
    unreadable = _reject(
        _("This photo is damaged or incomplete. Please send it again or choose another one."), "damaged"
    )
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            # verify() checks the structure but leaves the image unusable, hence a second open.
            Image.open(io.BytesIO(data)).verify()
            image = Image.open(io.BytesIO(data))
            exif = image.getexif()
            image = _load_bounded(image, long_edge=long_edge)
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise _reject(_("This image is too large. Please send a smaller one."), "too_many_pixels")
        except (OSError, ValueError, SyntaxError, SystemError, EOFError):
            raise unreadable
    # The orientation is read from the file, before a conversion could drop it.
    orientation = exif.get(ExifTags.Base.Orientation)
    if orientation:
        image.getexif()[ExifTags.Base.Orientation] = orientation
    return image


def _to_srgb(image: Image.Image) -> Image.Image:
    """Convert pixels from an embedded colour profile to sRGB, since the profile is dropped."""
    profile = image.info.get("icc_profile")
    if not profile or image.mode not in {"RGB", "RGBA"}:
        return image
    try:
        from PIL import ImageCms

        source = ImageCms.ImageCmsProfile(io.BytesIO(profile))
        target = ImageCms.createProfile("sRGB")
        converted = ImageCms.profileToProfile(image, source, target, outputMode=image.mode)
    except Exception:  # noqa: BLE001 - a broken profile must not refuse an otherwise good photo
        return image
    return converted or image


def _has_alpha(image: Image.Image) -> bool:
    return image.mode in {"RGBA", "LA"} or (image.mode == "P" and "transparency" in image.info)


def _flatten(image: Image.Image, *, keep_alpha: bool) -> Image.Image:
    if keep_alpha and _has_alpha(image):
        return image.convert("RGBA")
    if _has_alpha(image):
        rgba = image.convert("RGBA")
        background = Image.new("RGB", rgba.size, (255, 255, 255))
        background.paste(rgba, mask=rgba.getchannel("A"))
        return background
    return image.convert("RGB")


def clean_uploaded_image(upload, *, keep_transparency: bool = False) -> CleanImage:
    """Validate an uploaded file as a photo and return its cleaned, re-encoded version.

    Raises ValidationError with a message meant for the person who sent it. Photos become JPEG;
    with keep_transparency (logos) an image with transparency becomes PNG instead.
    """
    data = _read(upload)
    _open_checked(data)
    with decode_slot():
        image = _decode(data)
        image = ImageOps.exif_transpose(image) or image
        image = _to_srgb(image)
        image = _flatten(image, keep_alpha=keep_transparency)
        # A fresh image built from the pixels alone: nothing of the original's info travels along.
        pixels_only = Image.new(image.mode, image.size)
        pixels_only.paste(image)
        del image
    buffer = io.BytesIO()
    if pixels_only.mode == "RGBA":
        pixels_only.save(buffer, format="PNG", optimize=True)
        extension = "png"
    else:
        pixels_only.save(buffer, format="JPEG", quality=90, optimize=True, progressive=True)
        extension = "jpg"
    name = f"{uuid.uuid4().hex}.{extension}"
    return CleanImage(file=ContentFile(buffer.getvalue(), name=name), width=pixels_only.width,
                      height=pixels_only.height)


def make_rendition(source, *, long_edge: int) -> ContentFile:
    """A WebP no larger than long_edge on its longer side (never enlarged), from a stored image."""
    Image.MAX_IMAGE_PIXELS = max_image_pixels()
    with decode_slot(blocking=True):
        source.open("rb")
        try:
            with Image.open(source) as opened:
                # Originals stored before ORIGINAL_LONG_EDGE may be large: decode only what is needed.
                image = _load_bounded(opened, long_edge=long_edge)
                image = image.copy() if image is opened else image
        finally:
            source.close()
        image = ImageOps.exif_transpose(image) or image
        image = image.convert("RGBA") if _has_alpha(image) else image.convert("RGB")
        image.thumbnail((long_edge, long_edge), Image.Resampling.LANCZOS)
        buffer = io.BytesIO()
        image.save(buffer, format="WEBP", quality=82, method=4)
    return ContentFile(buffer.getvalue(), name=f"{uuid.uuid4().hex}.webp")


def _photo_help_text() -> str:
    return gettext("A JPEG, PNG or WebP photo, up to %(limit)s.") % {"limit": filesizeformat(max_upload_bytes())}


# Evaluated when rendered, in the reader's language and with the current size limit.
_photo_help = lazy(_photo_help_text, str)


class PhotoField(forms.FileField):
    """A file input whose cleaned value is a CleanImage (or, for an unchanged optional field, the
    stored file; False when the person ticked "clear")."""

    # The account the form's uploads count against (PhotoUploaderMixin sets it); None in the
    # admin, where staff are trusted and decode slots and the pixel cap still bound the cost.
    uploader = None

    def __init__(self, *, keep_transparency: bool = False, **kwargs):
        self.keep_transparency = keep_transparency
        kwargs.setdefault("help_text", _photo_help())
        super().__init__(**kwargs)
        self.widget.attrs.setdefault("accept", ACCEPT_ATTRIBUTE)

    def clean(self, data, initial=None):
        value = super().clean(data, initial)
        if isinstance(value, UploadedFile):
            if self.uploader is not None and not photo_upload_allowed(self.uploader):
                amount, seconds = parse_rate(photo_upload_rate())
                raise _reject(
                    _("You have sent %(amount)s photos in the last %(minutes)s minutes, the most we take at "
                      "once. Please wait a few minutes and send this one again; the rest of the form is kept."),
                    "rate_limited", amount=amount, minutes=max(1, round(seconds / 60)),
                )
            return clean_uploaded_image(value, keep_transparency=self.keep_transparency)
        return value


class PhotoUploaderMixin:
    """For a form with photo fields: `uploader=` (the signed-in account) is the account its
    photos count against (`PHOTO_UPLOAD_RATE_LIMIT`)."""

    def __init__(self, *args, uploader=None, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, PhotoField):
                field.uploader = uploader
