"""The digital catalog of a program as a PDF: a cover, then one page per artisan.

Drawn with reportlab in DejaVu Sans, shipped in fonts/ (Latin, Greek, Cyrillic and Arabic; its
licence beside it). Arabic text is shaped (joined letter forms) and put in visual order before it
is drawn, since reportlab does neither. Labels are in the active language (the person who asked
for the PDF), right-aligned when it is written right to left. Photos come from storage through
Django's storage API, the card rendition when it exists, else the original.
"""

from __future__ import annotations

import io
from decimal import Decimal
from pathlib import Path
from xml.sax.saxutils import escape

import arabic_reshaper
from bidi import get_display
from django.conf import settings
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (
    Image,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.flowables import Flowable, KeepTogether

FONT_DIR = Path(settings.BASE_DIR) / "fonts"
FONT, FONT_BOLD = "CraftSans", "CraftSans-Bold"
ACCENT = colors.HexColor("#8a3b12")
# Letters of right-to-left scripts (Hebrew, Arabic and their presentation forms).
RTL_RANGES = ((0x0590, 0x08FF), (0xFB1D, 0xFDFF), (0xFE70, 0xFEFF))


def _register_fonts() -> None:
    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(FONT, str(FONT_DIR / "DejaVuSans.ttf")))
        pdfmetrics.registerFont(TTFont(FONT_BOLD, str(FONT_DIR / "DejaVuSans-Bold.ttf")))
        pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=FONT_BOLD, italic=FONT, boldItalic=FONT_BOLD)


def _has_rtl(value: str) -> bool:
    return any(low <= ord(char) <= high for char in value for low, high in RTL_RANGES)


def shape(value: str) -> str:
    """A line as reportlab must draw it: Arabic letters joined, right-to-left runs in visual order."""
    if not _has_rtl(value):
        return value
    return get_display(arabic_reshaper.reshape(value))


def _styles() -> dict[str, ParagraphStyle]:
    align = TA_RIGHT if translation.get_language_bidi() else TA_LEFT
    base = ParagraphStyle("base", fontName=FONT, fontSize=9.5, leading=13, alignment=align)
    return {
        "base": base,
        "muted": ParagraphStyle("muted", parent=base, textColor=colors.HexColor("#5b524c")),
        "title": ParagraphStyle("title", parent=base, fontName=FONT_BOLD, fontSize=28, leading=34,
                                alignment=TA_CENTER, textColor=ACCENT),
        "subtitle": ParagraphStyle("subtitle", parent=base, fontSize=13, leading=18, alignment=TA_CENTER),
        "h1": ParagraphStyle("h1", parent=base, fontName=FONT_BOLD, fontSize=18, leading=22, textColor=ACCENT,
                             spaceAfter=4),
        "h2": ParagraphStyle("h2", parent=base, fontName=FONT_BOLD, fontSize=11.5, leading=15, spaceBefore=8,
                             spaceAfter=3),
    }


def _text(value: str) -> str:
    return "<br/>".join(escape(shape(line)) for line in (value or "").split("\n"))




def wrap_logical(value: str, width: float, font: str, size: float) -> list[str]:
    """Lines of the text in reading order, each as wide as its shaped form fits in `width`.

    A right-to-left paragraph must be wrapped before it is reordered: wrapped after, its first
    line would hold the end of the text (reportlab fills lines from the start of the visual
    string), so the lines would read bottom to top. A word wider than the line has one of its own.
    """
    lines: list[str] = []
    for hard_line in (value or "").split("\n"):
        current = ""
        for word in hard_line.split():
            candidate = f"{current} {word}" if current else word
            if current and pdfmetrics.stringWidth(shape(candidate), font, size) > width:
                lines.append(current)
                current = word
            else:
                current = candidate
        lines.append(current)
    return lines


class RightToLeftParagraph(Flowable):
    """Plain text with right-to-left script: wrapped in reading order, each line then shaped.

    Drawn line by line and right-aligned (the text's own direction, whatever the reader's), so
    reportlab never wraps a visual string. Split across pages or columns by whole lines.
    """

    def __init__(self, text: str, style: ParagraphStyle, lines: list[str] | None = None):
        super().__init__()
        self.text, self.style, self._given = text, style, lines
        self.lines: list[str] = lines or []

    def wrap(self, availWidth, availHeight):
        style = self.style
        self.width = availWidth
        if self._given is None:
            room = availWidth - style.leftIndent - style.rightIndent
            self.lines = wrap_logical(self.text, room, style.fontName, style.fontSize)
        self.height = len(self.lines) * style.leading
        return self.width, self.height

    def split(self, availWidth, availHeight):
        self.wrap(availWidth, availHeight)
        fits = int(availHeight // self.style.leading)
        if fits >= len(self.lines):
            return [self]
        if fits < 1:
            return []
        return [RightToLeftParagraph(self.text, self.style, self.lines[:fits]),
                RightToLeftParagraph(self.text, self.style, self.lines[fits:])]

    def getSpaceBefore(self):
        return self.style.spaceBefore

    def getSpaceAfter(self):
        return self.style.spaceAfter

    def visual_lines(self) -> list[str]:
        """The lines as drawn, top to bottom: each in visual order, its letters joined."""
        return [shape(line) for line in self.lines]

    def draw(self):
        style, canvas = self.style, self.canv
        canvas.setFont(style.fontName, style.fontSize)
        canvas.setFillColor(style.textColor)
        right = self.width - style.rightIndent
        for number, line in enumerate(self.visual_lines()):
            canvas.drawRightString(right, self.height - number * style.leading - style.fontSize, line)


def text_paragraph(value: str, style: ParagraphStyle) -> Flowable:
    """A paragraph of someone's plain text, in the direction of its script."""
    if _has_rtl(value or ""):
        return RightToLeftParagraph(value, style)
    return Paragraph(_text(value), style)


def _photo(field, width: float, height: float):
    """A flowable for a stored image, or None when the file is missing or unreadable."""
    if not field:
        return None
    try:
        with field.open("rb") as handle:
            data = handle.read()
        reader = ImageReader(io.BytesIO(data))
    except (OSError, ValueError):
        return None
    iw, ih = reader.getSize()
    scale = min(width / iw, height / ih)
    return Image(io.BytesIO(data), width=iw * scale, height=ih * scale)


def _best(photo):
    return photo.card or photo.image


def _in_language(text: str, artisan) -> str:
    """The artisan's own words, with their language named when it is not the reader's."""
    if not text:
        return "—"
    if artisan.language == translation.get_language():
        return text
    return f"{text} ({_('Language: %(language)s') % {'language': artisan.get_language_display()}})"


def _money(amount: Decimal | None, currency: str) -> str:
    return f"{amount:,.2f} {currency}" if amount is not None else "—"


def build_catalog_pdf(program, artisans, *, show_wholesale: bool) -> bytes:
    """`artisans`: the program's accepted, visible artisans with crafts, photos and products loaded.

    `show_wholesale`: catalog.visibility.can_see_wholesale of the readers; without it the
    wholesale terms (prices, the minimum order value) are left out.
    """
    _register_fonts()
    styles = _styles()
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer, pagesize=A4, leftMargin=16 * mm, rightMargin=16 * mm, topMargin=16 * mm, bottomMargin=16 * mm,
        title=program.name, author=program.organiser, lang=translation.get_language(),
    )
    story: list = [
        Spacer(1, 60 * mm),
        Paragraph(_text(program.name), styles["title"]),
        Spacer(1, 6 * mm),
        Paragraph(_text(program.organiser), styles["subtitle"]),
        Paragraph(
            _text(f"{date_format(program.starts_on, 'DATE_FORMAT')} – {date_format(program.ends_on, 'DATE_FORMAT')}"),
            styles["subtitle"],
        ),
        Spacer(1, 10 * mm),
        text_paragraph(program.description, styles["base"]),
        Spacer(1, 10 * mm),
        Paragraph(
            _text(_("%(count)d artisans · generated %(date)s") % {
                "count": len(artisans), "date": date_format(timezone.localdate(), "DATE_FORMAT"),
            }),
            styles["subtitle"],
        ),
    ]
    for artisan in artisans:
        story.append(PageBreak())
        story.extend(_artisan_page(artisan, styles, doc.width, show_wholesale=show_wholesale))
    doc.build(story)
    return buffer.getvalue()


def _artisan_page(artisan, styles, width: float, *, show_wholesale: bool) -> list:
    crafts = ", ".join(craft.name for craft in artisan.crafts.all())
    place = ", ".join(part for part in [artisan.city, artisan.region, artisan.country.name] if part)
    flow: list = [
        Paragraph(_text(artisan.business_name), styles["h1"]),
        Paragraph(_text(f"{artisan.get_kind_display()} · {crafts} · {place}"), styles["muted"]),
        Spacer(1, 3 * mm),
    ]
    photos = [p for p in (_photo(_best(photo), width / 3 - 4, 45 * mm) for photo in list(artisan.photos.all())[:3]) if p]
    if photos:
        flow.append(Table([photos], hAlign="LEFT"))
        flow.append(Spacer(1, 3 * mm))
    if artisan.story:
        flow.append(text_paragraph(artisan.story[:1500], styles["base"]))
    terms = [
        (_("Monthly capacity"), f"{artisan.monthly_capacity} {_('units')}" if artisan.monthly_capacity else "—"),
        (_("Usual lead time"), f"{artisan.lead_time_days} {_('days')}" if artisan.lead_time_days else "—"),
        *([
            (_("Minimum order"), _money(artisan.min_order_value, artisan.currency)),
            (_("Incoterms"), ", ".join(artisan.incoterms) or "—"),
            (_("Payment terms"), _in_language(artisan.payment_terms, artisan)),
        ] if show_wholesale else []),
        (_("Exported to"), artisan.export_markets or ("—" if not artisan.exported_before else _("yes"))),
        (_("Certifications"), ", ".join(artisan.certifications) or "—"),
        (_("Languages"), ", ".join(artisan.languages_spoken) or "—"),
    ]
    flow.append(Paragraph(_("Export terms"), styles["h2"]))
    table = Table([[Paragraph(_text(k), styles["muted"]), text_paragraph(v, styles["base"])] for k, v in terms],
                  colWidths=[40 * mm, width - 40 * mm], hAlign="LEFT")
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("BOTTOMPADDING", (0, 0), (-1, -1), 1)]))
    flow.append(table)
    products = list(artisan.products.all())[:6]
    if products:
        flow.append(Paragraph(_("Products"), styles["h2"]))
        rows = []
        for product in products:
            first = next(iter(product.photos.all()), None)
            image = _photo(_best(first), 28 * mm, 22 * mm) if first else None
            details = (
                f"<b>{_text(product.title)}</b><br/>"
                + (f"{_text(_('Wholesale'))}: {_money(product.wholesale_price, product.currency)} · " if show_wholesale else "")
                + f"{_text(_('Retail'))}: {_money(product.retail_price, product.currency)}<br/>"
                f"{_text(_('Minimum order'))}: {product.min_order_qty} · "
                f"{_text(_('Lead time'))}: {product.lead_time_days} {_text(_('days'))}"
            )
            rows.append([image or "", Paragraph(details, styles["base"])])
        product_table = Table(rows, colWidths=[32 * mm, width - 32 * mm], hAlign="LEFT")
        product_table.setStyle(TableStyle([
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.HexColor("#ddd3c8")),
        ]))
        flow.append(KeepTogether(product_table))
    return flow
