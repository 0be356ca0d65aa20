"""A media tour's press kit for one artisan: its texts in each language and its photos with credits,
as a zip (texts as .txt, photos as sent, a CREDITS.txt) and as a PDF (common.pdf: Arabic shaped)."""

from __future__ import annotations

import io
import posixpath
import zipfile
from dataclasses import dataclass, field
from typing import Any

from django.utils.text import slugify
from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

from artisans.models import ArtisanProfile
from catalog.models import ProductPhoto
from catalog.visibility import public_product_q
from common.pdf import base_styles, markup, photo_flowable, register_fonts, text_paragraph
from programs.models import Program
from shows.models import PressText


@dataclass
class KitPhoto:
    photo: ProductPhoto
    product: str
    credit: str


@dataclass
class PressKit:
    program: Program
    artisan: ArtisanProfile
    texts: list[PressText] = field(default_factory=list)
    photos: list[KitPhoto] = field(default_factory=list)


def press_kit(program: Program, artisan: ArtisanProfile) -> PressKit:
    """The kit's contents (two queries): the press texts, else the artisan's story in its language;
    the photos of its published products, each with its credit (the artisan's name when none)."""
    texts = list(PressText.objects.filter(program=program, artisan=artisan).order_by("language"))
    if not texts and artisan.story:
        texts = [
            PressText(
                program=program,
                artisan=artisan,
                language=artisan.language,
                headline=artisan.business_name,
                body=artisan.story,
            )
        ]
    photos = (
        ProductPhoto.objects.filter(public_product_q("product__"), product__artisan=artisan)
        .select_related("product", "press_credit")
        .order_by("product_id", "position", "pk")
    )
    kit = PressKit(program=program, artisan=artisan, texts=texts)
    for photo in photos:
        credit = getattr(photo, "press_credit", None)
        kit.photos.append(
            KitPhoto(
                photo=photo,
                product=photo.product.title,
                credit=credit.credit if credit else artisan.business_name,
            )
        )
    return kit


def _name(kit: PressKit) -> str:
    return slugify(kit.artisan.business_name) or str(kit.artisan.public_id)


def press_kit_zip(kit: PressKit) -> bytes:
    buffer = io.BytesIO()
    folder = _name(kit)
    credits = [_("Photo credits"), ""]
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for text in kit.texts:
            archive.writestr(f"{folder}/text-{text.language}.txt", f"{text.headline}\n\n{text.body}\n")
        for number, item in enumerate(kit.photos, start=1):
            extension = posixpath.splitext(item.photo.image.name)[1] or ".jpg"
            name = f"photo-{number:02d}{extension}"
            try:
                with item.photo.image.open("rb") as handle:
                    archive.writestr(f"{folder}/photos/{name}", handle.read())
            except OSError:
                continue
            credits.append(f"{name}: {item.product} — © {item.credit}")
        archive.writestr(f"{folder}/CREDITS.txt", "\n".join(credits) + "\n")
    return buffer.getvalue()


def press_kit_pdf(kit: PressKit) -> bytes:
    register_fonts()
    styles = base_styles()
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=16 * mm,
        rightMargin=16 * mm,
        topMargin=16 * mm,
        bottomMargin=16 * mm,
        title=f"{kit.artisan.business_name} – {kit.program.name}",
    )
    story: list[Any] = [
        Paragraph(markup(kit.artisan.business_name), styles["h1"]),
        Paragraph(markup(_("Press kit — %(program)s") % {"program": kit.program.name}), styles["muted"]),
        Spacer(1, 4 * mm),
    ]
    for text in kit.texts:
        story += [text_paragraph(text.headline, styles["h2"]), text_paragraph(text.body, styles["base"])]
    for item in kit.photos:
        image = photo_flowable(item.photo.image, doc.width, 90 * mm)
        if image is not None:
            story += [Spacer(1, 4 * mm), image]
        caption = styles["muted"].clone("caption", textColor=colors.HexColor("#5b524c"))
        story.append(text_paragraph(f"{item.product} — © {item.credit}", caption))
    doc.build(story)
    return buffer.getvalue()
