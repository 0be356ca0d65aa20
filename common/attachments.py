"""Files attached to messages: PDF, JPEG or PNG, recognised by their content, never their name.

An attachment's kind is read from its first bytes: "%PDF-", the JPEG start-of-image marker or the
PNG signature; anything else (HTML, a script) is refused, and so is a file whose name claims
another kind than its content (a PNG renamed .pdf). Images then go through common.images (pixel cap, decode slots, re-encoded from
pixels alone, so a phone photo's GPS position never reaches the other side) and count against
the account's PHOTO_UPLOAD_RATE_LIMIT like any photo. A PDF is kept as sent once pypdf has read
its page tree; one that is encrypted or runs a script when opened is refused. Sizes and counts
are settings (ATTACHMENT_MAX_BYTES, ATTACHMENTS_PER_MESSAGE).
"""

from __future__ import annotations

import io
import posixpath
import unicodedata
import uuid
from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy
from pypdf import PdfReader
from pypdf.errors import PyPdfError

from common.images import clean_uploaded_image, photo_upload_allowed
from common.text import strip_bidi_controls

PDF, JPEG, PNG = "application/pdf", "image/jpeg", "image/png"
EXTENSIONS = {PDF: "pdf", JPEG: "jpg", PNG: "png"}
DOCUMENTS = frozenset({PDF, JPEG, PNG})
PHOTOS = frozenset({JPEG, PNG})
# The names a file of each kind may end in: a file whose name claims another kind is refused.
NAME_ENDINGS = {PDF: (".pdf",), JPEG: (".jpg", ".jpeg", ".jpe", ".jfif"), PNG: (".png",)}
_KIND_NAMES = {PDF: "PDF", JPEG: "JPEG", PNG: "PNG"}
ACCEPT = {PDF: "application/pdf,.pdf", JPEG: "image/jpeg,.jpg,.jpeg", PNG: "image/png,.png"}
_SIGNATURES = ((b"%PDF-", PDF), (b"\xff\xd8\xff", JPEG), (b"\x89PNG\r\n\x1a\n", PNG))
# What a PDF's catalog may hold that runs when the file is opened.
_ACTIVE_KEYS = ("/OpenAction", "/AA", "/JavaScript", "/Launch")


def max_attachment_bytes() -> int:
    return int(settings.ATTACHMENT_MAX_BYTES)


def max_attachments() -> int:
    return int(settings.ATTACHMENTS_PER_MESSAGE)


@dataclass(frozen=True)
class CleanAttachment:
    """What is stored: the bytes (an image re-encoded), their type and the name the reader sees."""

    file: ContentFile
    content_type: str
    name: str
    size: int


def sniff(data: bytes) -> str | None:
    """The content type of these bytes, from their signature; None when it is not one we take."""
    for signature, content_type in _SIGNATURES:
        if data.startswith(signature):
            return content_type
    return None


def display_name(filename: str, content_type: str) -> str:
    """The sender's file name without folders or control characters, ending as its content is."""
    base = posixpath.basename(str(filename).replace("\\", "/"))
    stem = posixpath.splitext(base)[0]
    stem = "".join(ch for ch in strip_bidi_controls(stem) if unicodedata.category(ch)[0] != "C").strip(" .")
    return f"{(stem or 'attachment')[:80]}.{EXTENSIONS[content_type]}"


def _read(upload) -> bytes:
    limit = max_attachment_bytes()
    size = getattr(upload, "size", None)
    too_large = ValidationError(
        _("%(name)s is larger than %(limit)s. Please send a smaller file."),
        code="too_large",
        params={"name": getattr(upload, "name", ""), "limit": filesizeformat(limit)},
    )
    if size is not None and size > limit:
        raise too_large
    upload.seek(0)
    data = upload.read(limit + 1)
    if len(data) > limit:
        raise too_large
    if not data:
        raise ValidationError(_("This file is empty."), code="empty")
    return data


def _check_pdf(data: bytes) -> None:
    damaged = ValidationError(
        _("This PDF is damaged or incomplete. Please export it again."), code="damaged_pdf"
    )
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            raise ValidationError(
                _(
                    "This PDF is protected by a password, so it cannot be checked. Please send it unprotected."
                ),
                code="encrypted_pdf",
            )
        if len(reader.pages) < 1:
            raise damaged
        root = reader.trailer["/Root"].get_object()
        names = root.get("/Names")
        active = any(key in root for key in _ACTIVE_KEYS) or (
            names is not None and "/JavaScript" in names.get_object()
        )
    except ValidationError:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, RecursionError, OSError):
        raise damaged
    if active:
        raise ValidationError(
            _(
                "This PDF runs actions when it is opened, which we do not pass on. Please print it to a new PDF."
            ),
            code="active_pdf",
        )


def clean_attachment(upload, *, allowed: frozenset[str] = DOCUMENTS, uploader=None) -> CleanAttachment:
    """Validate one uploaded file by its content; raise ValidationError with a message for its sender."""
    data = _read(upload)
    content_type = sniff(data)
    if content_type not in allowed:
        if allowed == PHOTOS:
            message = _("%(name)s is not a JPEG or PNG photo.")
        else:
            message = _("%(name)s is not a PDF, JPEG or PNG file. Other kinds of files cannot be attached.")
        raise ValidationError(message, code="invalid_type", params={"name": getattr(upload, "name", "")})
    name = str(getattr(upload, "name", "") or "")
    if not name.lower().endswith(NAME_ENDINGS[content_type]):
        # A PNG called "invoice.pdf" is not what its sender thinks it is, or not what it claims to be.
        raise ValidationError(
            _("%(name)s is a %(kind)s file but its name says otherwise. Please send the file you meant."),
            code="name_mismatch",
            params={"name": name, "kind": _KIND_NAMES[content_type]},
        )
    if content_type == PDF:
        _check_pdf(data)
        stored = ContentFile(data, name=f"{uuid.uuid4().hex}.pdf")
    else:
        if uploader is not None and not photo_upload_allowed(uploader):
            raise ValidationError(
                _(
                    "You have sent many photos in the last minutes. Please wait a few minutes and send them again."
                ),
                code="rate_limited",
            )
        image = clean_uploaded_image(ContentFile(data, name="upload"), keep_transparency=True)
        stored = image.file
        content_type = PNG if stored.name.endswith(".png") else JPEG
    return CleanAttachment(
        file=stored,
        content_type=content_type,
        name=display_name(name, content_type),
        size=stored.size,
    )


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class AttachmentsField(forms.FileField):
    """Several files in one input; the cleaned value is a list of CleanAttachment (maybe empty).

    `uploader` (the signed-in account) is who the images count against; the form sets it.
    """

    widget = MultipleFileInput

    def __init__(self, *, allowed: frozenset[str] = DOCUMENTS, **kwargs):
        self.allowed = allowed
        self.uploader = None
        kwargs.setdefault("required", False)
        kwargs.setdefault("help_text", _attachments_help(allowed))
        super().__init__(**kwargs)
        self.widget.attrs.setdefault("accept", ",".join(ACCEPT[kind] for kind in sorted(allowed)))

    def clean(self, data, initial=None):
        files = [item for item in (data if isinstance(data, list | tuple) else [data]) if item]
        if not files:
            if self.required:
                raise ValidationError(self.error_messages["required"], code="required")
            return []
        if len(files) > max_attachments():
            raise ValidationError(
                ngettext_lazy(
                    "At most %(count)s file can be attached to one message.",
                    "At most %(count)s files can be attached to one message.",
                    "count",
                ),
                code="too_many",
                params={"count": max_attachments()},
            )
        cleaned, errors = [], []
        for upload in files:
            if not isinstance(upload, UploadedFile):
                errors.append(ValidationError(_("This is not a file."), code="invalid"))
                continue
            try:
                cleaned.append(clean_attachment(upload, allowed=self.allowed, uploader=self.uploader))
            except ValidationError as error:
                errors.append(error)
        if errors:
            raise ValidationError(errors)
        return cleaned


def _attachments_help(allowed: frozenset[str]):
    def text() -> str:
        values = {"count": max_attachments(), "limit": filesizeformat(max_attachment_bytes())}
        if allowed == PHOTOS:
            return str(_("Up to %(count)s JPEG or PNG photos, each up to %(limit)s.") % values)
        return str(_("Up to %(count)s PDF, JPEG or PNG files, each up to %(limit)s.") % values)

    return lazy(text, str)()


class AttachmentUploaderMixin:
    """For a form with attachment fields: `uploader=` the account its images count against."""

    def __init__(self, *args, uploader=None, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, AttachmentsField):
                field.uploader = uploader
