"""A visitor's badge and a training session's attendance certificate, drawn through common.pdf.

People's names go through `common.pdf.shape`/`text_paragraph`, so an Arabic name is joined and
in visual order; the badge carries the pass's QR code (the code only, no personal data).
"""

from __future__ import annotations

import io
import zoneinfo

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from reportlab.graphics import renderPDF
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib.pagesizes import A4, A6
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas as pdf_canvas

from common.pdf import ACCENT, FONT, FONT_BOLD, register_fonts, shape
from visitors import codes
from visitors.models import Pass, Seat


def _fit(canvas: pdf_canvas.Canvas, text: str, font: str, size: float, width: float) -> float:
    """The largest size up to `size` at which the shaped text fits in `width`."""
    while size > 7 and stringWidth(shape(text), font, size) > width:
        size -= 0.5
    return size


def badge_pdf(pass_obj: Pass) -> bytes:
    """An A6 badge: the fair, the name (shaped), the organisation, the type, the days and the QR code."""
    register_fonts()
    visitor = pass_obj.visitor
    program = visitor.program
    buffer = io.BytesIO()
    width, height = A6
    canvas = pdf_canvas.Canvas(buffer, pagesize=A6)
    canvas.setTitle(f"{program.name} — {visitor.full_name}")
    canvas.setFillColor(ACCENT)
    canvas.rect(0, height - 22 * mm, width, 22 * mm, stroke=0, fill=1)
    canvas.setFillColorRGB(1, 1, 1)
    canvas.setFont(FONT_BOLD, _fit(canvas, program.name, FONT_BOLD, 13, width - 12 * mm))
    canvas.drawCentredString(width / 2, height - 13 * mm, shape(program.name))
    canvas.setFillColorRGB(0, 0, 0)
    name_size = _fit(canvas, visitor.full_name, FONT_BOLD, 20, width - 12 * mm)
    canvas.setFont(FONT_BOLD, name_size)
    canvas.drawCentredString(width / 2, height - 36 * mm, shape(visitor.full_name))
    if visitor.organisation:
        canvas.setFont(FONT, _fit(canvas, visitor.organisation, FONT, 11, width - 12 * mm))
        canvas.drawCentredString(width / 2, height - 44 * mm, shape(visitor.organisation))
    kind = str(visitor.get_kind_display())
    canvas.setFont(FONT_BOLD, 12)
    canvas.setFillColor(ACCENT)
    canvas.drawCentredString(width / 2, height - 53 * mm, shape(kind.upper()))
    canvas.setFillColorRGB(0, 0, 0)
    days = ", ".join(date_format(day, "SHORT_DATE_FORMAT") for day in sorted(pass_obj.days))
    canvas.setFont(FONT, 8)
    canvas.drawCentredString(width / 2, height - 59 * mm, shape(_("Valid on %(days)s") % {"days": days}))
    signed = codes.sign(pass_obj.code)
    widget = QrCodeWidget(signed)
    x0, y0, x1, y1 = widget.getBounds()
    side = 52 * mm
    drawing = Drawing(side, side, transform=[side / (x1 - x0), 0, 0, side / (y1 - y0), 0, 0])
    drawing.add(widget)
    renderPDF.draw(drawing, canvas, (width - side) / 2, 12 * mm)
    canvas.setFont(FONT, 7.5)
    canvas.drawCentredString(width / 2, 8 * mm, signed)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def certificate_pdf(seat: Seat, *, name: str) -> bytes:
    """An A4 certificate that the person attended a training session (attendance recorded by scan)."""
    register_fonts()
    session = seat.session
    program = session.program
    zone = zoneinfo.ZoneInfo(program.time_zone or "UTC")
    buffer = io.BytesIO()
    width, height = A4
    canvas = pdf_canvas.Canvas(buffer, pagesize=A4)
    canvas.setTitle(_("Certificate of attendance"))
    canvas.setStrokeColor(ACCENT)
    canvas.setLineWidth(3)
    canvas.rect(15 * mm, 15 * mm, width - 30 * mm, height - 30 * mm)
    canvas.setFillColor(ACCENT)
    canvas.setFont(FONT_BOLD, 26)
    canvas.drawCentredString(width / 2, height - 70 * mm, shape(_("Certificate of attendance")))
    canvas.setFillColorRGB(0, 0, 0)
    canvas.setFont(FONT, 13)
    canvas.drawCentredString(width / 2, height - 95 * mm, shape(_("This certifies that")))
    canvas.setFont(FONT_BOLD, _fit(canvas, name, FONT_BOLD, 24, width - 50 * mm))
    canvas.drawCentredString(width / 2, height - 112 * mm, shape(name))
    canvas.setFont(FONT, 13)
    canvas.drawCentredString(width / 2, height - 130 * mm, shape(_("attended the training session")))
    canvas.setFont(FONT_BOLD, _fit(canvas, session.title, FONT_BOLD, 17, width - 50 * mm))
    canvas.drawCentredString(width / 2, height - 145 * mm, shape(session.title))
    start = session.starts_at.astimezone(zone)
    end = session.ends_at.astimezone(zone)
    when = _("%(program)s, %(day)s, %(start)s–%(end)s (%(zone)s)") % {
        "program": program.name,
        "day": date_format(start, "DATE_FORMAT"),
        "start": date_format(start, "TIME_FORMAT"),
        "end": date_format(end, "TIME_FORMAT"),
        "zone": program.time_zone,
    }
    canvas.setFont(FONT, 11)
    canvas.drawCentredString(width / 2, height - 160 * mm, shape(when))
    if session.speaker_list:
        speakers = _("Given by %(names)s") % {"names": ", ".join(session.speaker_list)}
        canvas.setFont(FONT, _fit(canvas, speakers, FONT, 11, width - 50 * mm))
        canvas.drawCentredString(width / 2, height - 170 * mm, shape(speakers))
    canvas.setFont(FONT, 9)
    canvas.setFillColorRGB(0.36, 0.32, 0.3)
    canvas.drawCentredString(width / 2, 30 * mm, shape(program.organiser))
    canvas.drawCentredString(width / 2, 25 * mm, str(seat.public_id))
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()
