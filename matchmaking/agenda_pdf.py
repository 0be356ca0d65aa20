"""A printable agenda for one person at a B2B day: times in the venue's zone, tables, names."""

from __future__ import annotations

import io
import zoneinfo

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from common.pdf import base_styles as _styles
from common.pdf import markup as _text
from common.pdf import register_fonts as _register_fonts


def build_agenda_pdf(*, session, recipient, rows) -> bytes:
    """`rows`: matchmaking.services.scheduling.AgendaRow, in time order."""
    _register_fonts()
    styles = _styles()
    zone = zoneinfo.ZoneInfo(session.time_zone)
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=16 * mm,
        rightMargin=16 * mm,
        topMargin=16 * mm,
        bottomMargin=16 * mm,
        title=f"{session.name} – {recipient.get_full_name()}",
        author=session.program.organiser,
    )
    days = sorted({row.meeting.start_at.astimezone(zone).date() for row in rows})
    story: list = [
        Paragraph(_text(session.program.name), styles["muted"]),
        Paragraph(_text(session.name), styles["h1"]),
        Paragraph(_text(recipient.get_full_name()), styles["h2"]),
        Paragraph(_text(", ".join(date_format(day, "LONG_DATE_FORMAT") for day in days)), styles["base"]),
        Paragraph(_text(session.venue), styles["base"]),
        Paragraph(
            _text(_("Times are local to the venue (%(zone)s).") % {"zone": session.time_zone}),
            styles["muted"],
        ),
        Spacer(1, 6 * mm),
    ]
    header = [_("Time"), _("Table"), _("With"), _("Interpreter")]
    data = [[Paragraph(f"<b>{_text(h)}</b>", styles["base"]) for h in header]]
    for row in rows:
        start, end = row.meeting.start_at.astimezone(zone), row.meeting.end_at.astimezone(zone)
        when = (
            f"{start:%H:%M}–{end:%H:%M}"
            if len(days) == 1
            else f"{date_format(start, 'DAY_TIME_FORMAT')}–{end:%H:%M}"
        )
        who = f"<b>{_text(row.other_name)}</b><br/>{_text(row.other_person)}"
        data.append(
            [
                Paragraph(when, styles["base"]),
                Paragraph(str(row.table or "—"), styles["base"]),
                Paragraph(who, styles["base"]),
                Paragraph(_text(row.interpreter or "—"), styles["base"]),
            ]
        )
    table = Table(
        data, colWidths=[32 * mm, 18 * mm, doc.width - 90 * mm, 40 * mm], repeatRows=1, hAlign="LEFT"
    )
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.HexColor("#ddd3c8")),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#f4ede6")),
            ]
        )
    )
    story.append(table)
    doc.build(story)
    return buffer.getvalue()
