"""The samples list as a PDF: the pro-forma invoice's lines or the ATA carnet's general list."""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from common.pdf import base_styles, markup, money, register_fonts, text_paragraph
from shows.models import Application
from shows.selectors import SampleRow

PROFORMA, CARNET = "proforma", "carnet"


def samples_header() -> list[str]:
    return [
        _("No."),
        _("Item"),
        _("GTIN"),
        _("HS code"),
        _("Quantity"),
        _("Unit value"),
        _("Value"),
        _("Currency"),
        _("Origin"),
    ]


def samples_cells(number: int, row: SampleRow) -> list[Any]:
    return [
        number,
        row.item,
        row.reference,
        row.hs_code,
        row.quantity,
        row.unit_value,
        row.value,
        row.currency,
        row.origin,
    ]


def samples_totals(rows: list[SampleRow]) -> dict[str, Decimal]:
    totals: dict[str, Decimal] = {}
    for row in rows:
        totals[row.currency] = totals.get(row.currency, Decimal("0")) + row.value
    return totals


def samples_pdf(application: Application, rows: list[SampleRow], *, kind: str) -> bytes:
    register_fonts()
    styles = base_styles()
    buffer = io.BytesIO()
    show = application.show
    title = _("Pro-forma invoice: samples") if kind == PROFORMA else _("ATA carnet: general list")
    doc = SimpleDocTemplate(
        buffer,
        pagesize=landscape(A4),
        leftMargin=12 * mm,
        rightMargin=12 * mm,
        topMargin=12 * mm,
        bottomMargin=12 * mm,
        title=f"{title} – {application.artisan.business_name}",
    )
    story: list[Any] = [
        Paragraph(markup(title), styles["h1"]),
        text_paragraph(application.artisan.business_name, styles["h2"]),
        text_paragraph(
            f"{show.name}, {show.city} ({show.starts_on:%Y-%m-%d} – {show.ends_on:%Y-%m-%d})", styles["base"]
        ),
        Spacer(1, 4 * mm),
    ]
    data: list[list[Any]] = [[Paragraph(f"<b>{markup(h)}</b>", styles["base"]) for h in samples_header()]]
    for number, row in enumerate(rows, start=1):
        cells = samples_cells(number, row)
        cells[1] = text_paragraph(row.item, styles["base"])
        cells[5], cells[6] = money(row.unit_value, row.currency), money(row.value, row.currency)
        data.append(cells)
    for currency, total in sorted(samples_totals(rows).items()):
        data.append(
            [
                "",
                Paragraph(f"<b>{markup(_('Total'))}</b>", styles["base"]),
                "",
                "",
                "",
                "",
                money(total, currency),
                currency,
                "",
            ]
        )
    table = Table(data, repeatRows=1, hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), "CraftSans"),
                ("FONTSIZE", (0, 0), (-1, -1), 8.5),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.HexColor("#ddd3c8")),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#f4ede6")),
            ]
        )
    )
    story.append(table)
    doc.build(story)
    return buffer.getvalue()
