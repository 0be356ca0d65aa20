"""A participant's itinerary as a PDF: in their language, times local to the tour, map links."""

from __future__ import annotations

import io
import zoneinfo
from typing import Any

from django.conf import settings
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from common.pdf import base_styles, markup, register_fonts
from tours.selectors import map_links


def build_itinerary_pdf(*, participant: Any, stops: list[Any]) -> bytes:
    """`stops`: the participant's planned stops (tours.selectors.itinerary), in time order."""
    program = participant.tour.program
    zone = zoneinfo.ZoneInfo(program.time_zone or "UTC")
    with translation.override(participant.user.language or settings.LANGUAGE_CODE):
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
            title=f"{program.name} – {participant.user.get_full_name()}",
            author=program.organiser,
        )
        story: list = [
            Paragraph(markup(program.name), styles["h1"]),
            Paragraph(markup(participant.user.get_full_name()), styles["h2"]),
            Paragraph(
                markup(_("Meeting point: %(place)s") % {"place": participant.tour.start_name}), styles["base"]
            ),
            Paragraph(
                markup(_("Times are local (%(zone)s).") % {"zone": program.time_zone}), styles["muted"]
            ),
            Spacer(1, 5 * mm),
        ]
        header = [_("When"), _("Workshop"), _("Address"), _("Status")]
        data = [[Paragraph(f"<b>{markup(h)}</b>", styles["base"]) for h in header]]
        for stop in stops:
            start, end = stop.arrival_at.astimezone(zone), stop.departure_at.astimezone(zone)
            links = map_links(stop.candidate.latitude, stop.candidate.longitude)
            where = f'{markup(stop.candidate.address)}<br/><link href="{links["osm"]}" color="blue">{markup(_("Map"))}</link>'
            data.append(
                [
                    Paragraph(f"{markup(date_format(start, 'DAY_TIME_FORMAT'))}–{end:%H:%M}", styles["base"]),
                    Paragraph(markup(stop.candidate.artisan.business_name), styles["base"]),
                    Paragraph(where, styles["base"]),
                    Paragraph(markup(str(stop.get_status_display())), styles["base"]),
                ]
            )
        if not stops:
            data.append([Paragraph(markup(_("No visits planned yet.")), styles["muted"]), "", "", ""])
        table = Table(
            data, colWidths=[30 * mm, 45 * mm, doc.width - 105 * mm, 30 * mm], repeatRows=1, hAlign="LEFT"
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
