"""Shared PDF drawing: DejaVu Sans from fonts/, Arabic shaped and in visual order, RTL paragraphs.

reportlab neither joins Arabic letters nor reorders right-to-left runs, so every PDF of the site
(catalog, deal documents, badges, floor plans, certificates) draws people's text through here:
`shape` for one line, `text_paragraph` for a paragraph in its script's direction, `markup` for
text inside reportlab's paragraph markup. Labels follow the active language (`base_styles`
right-aligns when it is written right to left).
"""

from __future__ import annotations

import io
from decimal import Decimal
from pathlib import Path
from xml.sax.saxutils import escape

import arabic_reshaper
from bidi.algorithm import get_display
from django.conf import settings
from django.utils import translation
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Image, Paragraph
from reportlab.platypus.flowables import Flowable

FONT_DIR = Path(settings.BASE_DIR) / "fonts"
FONT, FONT_BOLD = "CraftSans", "CraftSans-Bold"
ACCENT = colors.HexColor("#8a3b12")
# Letters of right-to-left scripts (Hebrew, Arabic and their presentation forms).
RTL_RANGES = ((0x0590, 0x08FF), (0xFB1D, 0xFDFF), (0xFE70, 0xFEFF))


def register_fonts() -> None:
    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(FONT, str(FONT_DIR / "DejaVuSans.ttf")))
        pdfmetrics.registerFont(TTFont(FONT_BOLD, str(FONT_DIR / "DejaVuSans-Bold.ttf")))
        pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=FONT_BOLD, italic=FONT, boldItalic=FONT_BOLD)


def has_rtl(value: str) -> bool:
    return any(low <= ord(char) <= high for char in value for low, high in RTL_RANGES)


def shape(value: str) -> str:
    """A line as reportlab must draw it: Arabic letters joined, right-to-left runs in visual order."""
    if not has_rtl(value):
        return value
    # bidi.algorithm, python-bidi's own implementation: its default (Rust) get_display applies rules
    # L1-L2 only, not L4, and drew a bracket in a right-to-left run unmirrored, ")FCA(" (its issue 25).
    return get_display(arabic_reshaper.reshape(value))


def base_styles() -> dict[str, ParagraphStyle]:
    align = TA_RIGHT if translation.get_language_bidi() else TA_LEFT
    base = ParagraphStyle("base", fontName=FONT, fontSize=9.5, leading=13, alignment=align)
    return {
        "base": base,
        "muted": ParagraphStyle("muted", parent=base, textColor=colors.HexColor("#5b524c")),
        "title": ParagraphStyle(
            "title",
            parent=base,
            fontName=FONT_BOLD,
            fontSize=28,
            leading=34,
            alignment=TA_CENTER,
            textColor=ACCENT,
        ),
        "subtitle": ParagraphStyle("subtitle", parent=base, fontSize=13, leading=18, alignment=TA_CENTER),
        "h1": ParagraphStyle(
            "h1", parent=base, fontName=FONT_BOLD, fontSize=18, leading=22, textColor=ACCENT, spaceAfter=4
        ),
        "h2": ParagraphStyle(
            "h2", parent=base, fontName=FONT_BOLD, fontSize=11.5, leading=15, spaceBefore=8, spaceAfter=3
        ),
    }


def markup(value: str) -> str:
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
        return [
            RightToLeftParagraph(self.text, self.style, self.lines[:fits]),
            RightToLeftParagraph(self.text, self.style, self.lines[fits:]),
        ]

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
    if has_rtl(value or ""):
        return RightToLeftParagraph(value, style)
    return Paragraph(markup(value), style)


def photo_flowable(field, width: float, height: float):
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


def money(amount: Decimal | None, currency: str) -> str:
    return f"{amount:,.2f} {currency}" if amount is not None else "—"
