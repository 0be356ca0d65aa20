"""The digital catalog of a program as a PDF: a cover, then one page per artisan.

Drawn with reportlab in DejaVu Sans, shipped in fonts/ (Latin, Greek, Cyrillic and Arabic; its
licence beside it). Arabic text is shaped (joined letter forms) and put in visual order before it
is drawn, since reportlab does neither. Labels are in the active language (the person who asked
for the PDF), right-aligned when it is written right to left. Photos come from storage through
Django's storage API, the card rendition when it exists, else the original.
"""

from __future__ import annotations

import io

from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import (
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.flowables import KeepTogether

from common.pdf import (
    base_styles,
    markup,
    money,
    photo_flowable,
    register_fonts,
    text_paragraph,
)


def _best(photo):
    return photo.card or photo.image


def _in_language(text: str, artisan) -> str:
    """The artisan's own words, with their language named when it is not the reader's."""
    if not text:
        return "—"
    if artisan.language == translation.get_language():
        return text
    return f"{text} ({_('Language: %(language)s') % {'language': artisan.get_language_display()}})"


def build_catalog_pdf(program, artisans, *, show_wholesale: bool) -> bytes:
    """`artisans`: the program's accepted, visible artisans with crafts, photos and products loaded.

    `show_wholesale`: catalog.visibility.can_see_wholesale of the readers; without it the
    wholesale terms (prices, the minimum order value) are left out.
    """
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
        title=program.name,
        author=program.organiser,
        lang=translation.get_language(),
    )
    story: list = [
        Spacer(1, 60 * mm),
        Paragraph(markup(program.name), styles["title"]),
        Spacer(1, 6 * mm),
        Paragraph(markup(program.organiser), styles["subtitle"]),
        Paragraph(
            markup(
                f"{date_format(program.starts_on, 'DATE_FORMAT')} – {date_format(program.ends_on, 'DATE_FORMAT')}"
            ),
            styles["subtitle"],
        ),
        Spacer(1, 10 * mm),
        text_paragraph(program.description, styles["base"]),
        Spacer(1, 10 * mm),
        Paragraph(
            markup(
                _("%(count)d artisans · generated %(date)s")
                % {
                    "count": len(artisans),
                    "date": date_format(timezone.localdate(), "DATE_FORMAT"),
                }
            ),
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
        Paragraph(markup(artisan.business_name), styles["h1"]),
        Paragraph(markup(f"{artisan.get_kind_display()} · {crafts} · {place}"), styles["muted"]),
        Spacer(1, 3 * mm),
    ]
    photos = [
        p
        for p in (
            photo_flowable(_best(photo), width / 3 - 4, 45 * mm) for photo in list(artisan.photos.all())[:3]
        )
        if p
    ]
    if photos:
        flow.append(Table([photos], hAlign="LEFT"))
        flow.append(Spacer(1, 3 * mm))
    if artisan.story:
        flow.append(text_paragraph(artisan.story[:1500], styles["base"]))
    terms = [
        (
            _("Monthly capacity"),
            f"{artisan.monthly_capacity} {_('units')}" if artisan.monthly_capacity else "—",
        ),
        (_("Usual lead time"), f"{artisan.lead_time_days} {_('days')}" if artisan.lead_time_days else "—"),
        *(
            [
                (_("Minimum order"), money(artisan.min_order_value, artisan.currency)),
                (_("Incoterms"), ", ".join(artisan.incoterms) or "—"),
                (_("Payment terms"), _in_language(artisan.payment_terms, artisan)),
            ]
            if show_wholesale
            else []
        ),
        (_("Exported to"), artisan.export_markets or ("—" if not artisan.exported_before else _("yes"))),
        (_("Certifications"), ", ".join(artisan.certifications) or "—"),
        (_("Languages"), ", ".join(artisan.languages_spoken) or "—"),
    ]
    flow.append(Paragraph(_("Export terms"), styles["h2"]))
    table = Table(
        [[Paragraph(markup(k), styles["muted"]), text_paragraph(v, styles["base"])] for k, v in terms],
        colWidths=[40 * mm, width - 40 * mm],
        hAlign="LEFT",
    )
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("BOTTOMPADDING", (0, 0), (-1, -1), 1)]))
    flow.append(table)
    products = list(artisan.products.all())[:6]
    if products:
        flow.append(Paragraph(_("Products"), styles["h2"]))
        rows = []
        for product in products:
            first = next(iter(product.photos.all()), None)
            image = photo_flowable(_best(first), 28 * mm, 22 * mm) if first else None
            details = (
                f"<b>{markup(product.title)}</b><br/>"
                + (
                    f"{markup(_('Wholesale'))}: {money(product.wholesale_price, product.currency)} · "
                    if show_wholesale
                    else ""
                )
                + f"{markup(_('Retail'))}: {money(product.retail_price, product.currency)}<br/>"
                f"{markup(_('Minimum order'))}: {product.min_order_qty} · "
                f"{markup(_('Lead time'))}: {product.lead_time_days} {markup(_('days'))}"
            )
            rows.append([image or "", Paragraph(details, styles["base"])])
        product_table = Table(rows, colWidths=[32 * mm, width - 32 * mm], hAlign="LEFT")
        product_table.setStyle(
            TableStyle(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.HexColor("#ddd3c8")),
                ]
            )
        )
        flow.append(KeepTogether(product_table))
    return flow
