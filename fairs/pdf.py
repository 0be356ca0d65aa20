"""A fair's printable floor plan and an exhibitor's sheet of QR labels (reportlab, common.pdf).

People's text (exhibitors' and products' names, Arabic included) is drawn through
`common.pdf.shape`, so Arabic letters join and run right to left. The QR codes are drawn as
vector squares from the qrcode library's matrix: sharp at any printer's resolution.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

import qrcode
from django.utils.translation import gettext as _
from qrcode.constants import ERROR_CORRECT_M
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen import canvas

from common.pdf import ACCENT, FONT, FONT_BOLD, money, register_fonts, shape
from fairs.selectors import PlanHall

MARGIN = 12 * mm


def _fit(text: str, font: str, size: float, width: float) -> str:
    """The text, cut with an ellipsis to fit `width` once shaped."""
    shaped = shape(text)
    if pdfmetrics.stringWidth(shaped, font, size) <= width:
        return shaped
    while text and pdfmetrics.stringWidth(shape(text + "…"), font, size) > width:
        text = text[:-1]
    return shape(text + "…") if text else ""


def plan_pdf(*, title: str, halls: Sequence[PlanHall]) -> bytes:
    """One landscape A4 page per hall: every stand drawn to scale with its code and exhibitor,
    then the list of stands (the same list as the web page's)."""
    register_fonts()
    buffer = io.BytesIO()
    page_w, page_h = landscape(A4)
    pdf = canvas.Canvas(buffer, pagesize=(page_w, page_h))
    pdf.setTitle(title)
    for drawn in halls:
        hall = drawn.hall
        pdf.setFont(FONT_BOLD, 14)
        pdf.setFillColor(ACCENT)
        pdf.drawString(
            MARGIN, page_h - MARGIN, _fit(f"{title} · {hall.name}", FONT_BOLD, 14, page_w - 2 * MARGIN)
        )
        area_w, area_h = page_w - 2 * MARGIN, page_h - 2 * MARGIN - 10 * mm
        scale = min(area_w / float(hall.width_m), area_h / float(hall.depth_m))
        top = page_h - MARGIN - 10 * mm

        def at(x: float, y: float, scale: float = scale, top: float = top) -> tuple[float, float]:
            return MARGIN + x * scale, top - y * scale

        pdf.setStrokeColor(colors.HexColor("#5b524c"))
        pdf.rect(
            MARGIN,
            top - float(hall.depth_m) * scale,
            float(hall.width_m) * scale,
            float(hall.depth_m) * scale,
        )
        for item in drawn.stands:
            corners = [at(x, y) for x, y in item.stand.polygon()]
            path = pdf.beginPath()
            path.moveTo(*corners[0])
            for corner in corners[1:]:
                path.lineTo(*corner)
            path.close()
            taken = item.exhibitor is not None
            pdf.setFillColor(colors.HexColor("#f3e3d3" if taken else "#ffffff"))
            pdf.drawPath(path, fill=1, stroke=1)
            cx, cy = at(item.label_x, item.label_y)
            width = max(float(item.stand.w) * scale - 2, 10)
            pdf.setFillColor(colors.black)
            pdf.setFont(FONT_BOLD, 7)
            pdf.drawCentredString(cx, cy + 1, item.stand.code)
            if item.exhibitor is not None:
                pdf.setFont(FONT, 5.5)
                pdf.drawCentredString(
                    cx, cy - 6, _fit(item.exhibitor.artisan.business_name, FONT, 5.5, width)
                )
        pdf.showPage()
    # The list: code, hall, size, exhibitor.
    y = page_h - MARGIN
    pdf.setFont(FONT_BOLD, 12)
    pdf.drawString(MARGIN, y, shape(_("Stands")))
    y -= 8 * mm
    for drawn in halls:
        for item in drawn.stands:
            if y < MARGIN:
                pdf.showPage()
                y = page_h - MARGIN
            pdf.setFont(FONT, 9)
            pdf.drawString(MARGIN, y, item.stand.code)
            pdf.drawString(MARGIN + 25 * mm, y, _fit(drawn.hall.name, FONT, 9, 50 * mm))
            pdf.drawString(MARGIN + 80 * mm, y, f"{item.stand.size_m2:g} m²")
            name = item.exhibitor.artisan.business_name if item.exhibitor is not None else "—"
            pdf.drawString(MARGIN + 105 * mm, y, _fit(name, FONT, 9, 150 * mm))
            y -= 5 * mm
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def _qr(pdf: canvas.Canvas, text: str, x: float, y: float, size: float) -> None:
    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=2)
    code.add_data(text)
    code.make(fit=True)
    matrix = code.get_matrix()
    cell = size / len(matrix)
    pdf.setFillColor(colors.black)
    for row, cells in enumerate(matrix):
        for col, dark in enumerate(cells):
            if dark:
                pdf.rect(x + col * cell, y + size - (row + 1) * cell, cell, cell, stroke=0, fill=1)


# Labels of 70 × 42.3 mm, three across and seven down (a common A4 label sheet).
LABEL_W, LABEL_H, ACROSS, DOWN = 70 * mm, 42.3 * mm, 3, 7


def labels_pdf(*, exhibitor_name: str, stand_code: str, labels: Sequence[tuple[str, str, str]]) -> bytes:
    """One label per product: its QR code (the product's page on the fair site), title, maker,
    price when shown. `labels` holds (url, title, price or "") in print order."""
    register_fonts()
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    pdf.setTitle(f"{exhibitor_name} · QR")
    page_w, page_h = A4
    left = (page_w - ACROSS * LABEL_W) / 2
    top = (page_h + DOWN * LABEL_H) / 2
    per_page = ACROSS * DOWN
    for index, (url, title, price) in enumerate(labels):
        if index and index % per_page == 0:
            pdf.showPage()
        row, col = divmod(index % per_page, ACROSS)
        x, y = left + col * LABEL_W, top - (row + 1) * LABEL_H
        qr_size = LABEL_H - 6 * mm
        _qr(pdf, url, x + 3 * mm, y + 3 * mm, qr_size)
        text_x, text_w = x + qr_size + 5 * mm, LABEL_W - qr_size - 8 * mm
        pdf.setFillColor(colors.black)
        pdf.setFont(FONT_BOLD, 8)
        pdf.drawString(text_x, y + LABEL_H - 9 * mm, _fit(title, FONT_BOLD, 8, text_w))
        pdf.setFont(FONT, 7)
        pdf.drawString(text_x, y + LABEL_H - 14 * mm, _fit(exhibitor_name, FONT, 7, text_w))
        if stand_code:
            pdf.drawString(
                text_x,
                y + LABEL_H - 19 * mm,
                _fit(_("Stand %(code)s") % {"code": stand_code}, FONT, 7, text_w),
            )
        if price:
            pdf.setFont(FONT_BOLD, 8)
            pdf.drawString(text_x, y + 5 * mm, _fit(price, FONT_BOLD, 8, text_w))
        pdf.setFont(FONT, 6)
        pdf.drawString(text_x, y + 1.5 * mm, _fit(_("Scan to order"), FONT, 6, text_w))
    if not labels:
        pdf.setFont(FONT, 10)
        pdf.drawString(left, top, shape(_("No public product yet.")))
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


__all__ = ["labels_pdf", "money", "plan_pdf"]
