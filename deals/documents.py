"""The deal's documents as PDFs: a quote version, an order's pro forma invoice and its packing list.

Each builder takes what deals.selectors loaded (quote_document, order_document) and returns the
PDF's bytes; it reads nothing more from the database. Labels are in the language asked for (the
buyer's or the artisan's, see `document_languages`), people's text as they wrote it; both go
through common.pdf, so Arabic is shaped and right to left, and a right-to-left page lays its
tables out from the right. Dates are the reader's: a moment (when a quote was issued) in their
time zone, all in their language's format. Amounts always carry their currency.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date, datetime, tzinfo
from decimal import Decimal

from django.conf import settings
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import SimpleDocTemplate, Spacer, Table, TableStyle
from reportlab.platypus.flowables import Flowable

from common.pdf import base_styles, money, register_fonts, text_paragraph
from deals.models import Deal, Incoterm, Inquiry, OrderLine, Unit
from deals.selectors import OrderDocument, QuoteDocument

RULE = colors.HexColor("#ddd3c8")
SHADE = colors.HexColor("#f4efe9")
LANGUAGES = dict(settings.LANGUAGES)


def _site_language(code: str | None) -> str:
    return code if code in LANGUAGES else settings.LANGUAGE_CODE


def document_languages(deal: Deal, inquiry: Inquiry | None) -> list[str]:
    """The languages a deal's documents come in: the buyer's, then the artisan's (once if the same).

    A member of the public has no account: their language is the one they wrote the inquiry in.
    """
    if deal.buyer is not None:
        buyer = deal.buyer.user.language
    else:
        buyer = inquiry.language if inquiry is not None else ""
    languages = [_site_language(buyer), _site_language(deal.artisan.user.language)]
    return list(dict.fromkeys(languages))


def pick_language(asked: str | None, deal: Deal, inquiry: Inquiry | None, *, reader_language: str) -> str:
    """The language asked for when it is one of the deal's; else the reader's own, else the buyer's."""
    offered = document_languages(deal, inquiry)
    for candidate in (asked, reader_language):
        if candidate in offered:
            return candidate
    return offered[0]


# --- Drawing -------------------------------------------------------------------------------------
class _Page:
    """The styles, direction and width of one document being drawn, in the active language."""

    def __init__(self, width: float):
        self.width = width
        self.rtl = translation.get_language_bidi()
        self.styles = base_styles()
        base = self.styles["base"]
        self.number = ParagraphStyle("number", parent=base, alignment=TA_LEFT if self.rtl else TA_RIGHT)
        self.head = ParagraphStyle("head", parent=self.styles["muted"], fontSize=8.5, leading=11)
        self.head_number = ParagraphStyle("head_number", parent=self.head, alignment=self.number.alignment)
        self.total = ParagraphStyle("total", parent=self.number, fontName="CraftSans-Bold")

    def label(self, text: str, style: ParagraphStyle | None = None) -> Flowable:
        """Words of ours (labels, figures): in Arabic wrapped in reading order like people's text."""
        return text_paragraph(text, style or self.styles["base"])

    def people(self, text: str, style: ParagraphStyle | None = None) -> Flowable:
        """Someone's own words, in their script's direction."""
        return text_paragraph(text or "—", style or self.styles["base"])

    def row(self, cells: Sequence[object]) -> list[object]:
        """A table row in reading order: a right-to-left page starts it at the right."""
        return list(reversed(cells)) if self.rtl else list(cells)

    def table(
        self, rows: list[list[object]], widths: list[float], *, header: bool = False, total: bool = False
    ) -> Table:
        table = Table(
            [self.row(cells) for cells in rows],
            colWidths=self.row(widths),
            hAlign="RIGHT" if self.rtl else "LEFT",
            repeatRows=1 if header else 0,
        )
        style = [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 3),
            ("RIGHTPADDING", (0, 0), (-1, -1), 3),
            ("LINEBELOW", (0, 0), (-1, -1), 0.25, RULE),
        ]
        if header:
            style.append(("BACKGROUND", (0, 0), (-1, 0), SHADE))
        if total:
            style.append(("LINEABOVE", (0, -1), (-1, -1), 0.8, colors.black))
        table.setStyle(TableStyle(style))
        return table

    def terms(self, pairs: list[tuple[str, Flowable | str]]) -> Table:
        """Label and value, one pair a row; a plain string value is drawn as a label is."""
        rows = [
            [
                self.label(name, self.styles["muted"]),
                value if isinstance(value, Flowable) else self.label(value),
            ]
            for name, value in pairs
        ]
        return self.table(rows, [45 * mm, self.width - 45 * mm])


def _day(value: date | None) -> str:
    return date_format(value, "DATE_FORMAT") if value is not None else "—"


def _moment(value: datetime, zone: tzinfo) -> str:
    return date_format(timezone.localtime(value, zone), "DATE_FORMAT")


def _unit(code: str) -> str:
    return str(Unit(code).label) if code in Unit.values else code


def _incoterm(code: str) -> str:
    if not code:
        return "—"
    return str(Incoterm(code).label) if code in Incoterm.values else code


def _goods(page: _Page, line: OrderLine) -> list[Flowable]:
    """An order line's description and, when its product has them, its HS code and country of origin."""
    cell = [page.people(line.description)]
    product = line.product
    facts = []
    if product is not None and product.hs_code:
        facts.append(pgettext("deal document", "HS code %(code)s") % {"code": product.hs_code})
    if product is not None and product.country_of_origin:
        facts.append(
            pgettext("deal document", "Made in %(country)s") % {"country": product.country_of_origin.name}
        )
    if facts:
        cell.append(page.label(" · ".join(facts), page.head))
    return cell


def _parties(page: _Page, deal: Deal, inquiry: Inquiry | None) -> Table:
    """The artisan (seller) and the buyer side by side, as each of them wrote their names."""
    artisan = deal.artisan
    seller: list[Flowable] = [
        page.label(pgettext("deal document", "Seller"), page.styles["h2"]),
        page.people(artisan.business_name),
        page.people(
            ", ".join(part for part in (artisan.city, artisan.region, str(artisan.country.name)) if part)
        ),
    ]
    if artisan.user.full_name:
        seller.append(page.people(artisan.user.full_name, page.styles["muted"]))
    buyer_block: list[Flowable] = [page.label(_("Buyer"), page.styles["h2"])]
    if deal.buyer is not None:
        buyer = deal.buyer
        buyer_block += [
            page.people(buyer.organisation_name),
            page.people(", ".join(part for part in (buyer.city, str(buyer.country.name)) if part)),
        ]
        if buyer.user.full_name:
            buyer_block.append(page.people(buyer.user.full_name, page.styles["muted"]))
    else:
        buyer_block.append(page.people(inquiry.contact_name if inquiry is not None else ""))
    half = page.width / 2
    table = Table([page.row([seller, buyer_block])], colWidths=[half, half], hAlign="LEFT")
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
    return table


def _build(story_of, *, title: str, author: str, language: str) -> bytes:
    """Draw `story_of(page)` on A4 in `language`, and return the PDF."""
    register_fonts()
    buffer = io.BytesIO()
    with translation.override(language):
        doc = SimpleDocTemplate(
            buffer,
            pagesize=A4,
            leftMargin=15 * mm,
            rightMargin=15 * mm,
            topMargin=15 * mm,
            bottomMargin=15 * mm,
            title=title,
            author=author,
            lang=language,
        )
        doc.build(story_of(_Page(doc.width)))
    return buffer.getvalue()


# --- The quote -----------------------------------------------------------------------------------
def quote_pdf(document: QuoteDocument, *, language: str, zone: tzinfo) -> bytes:
    """A quote version as its buyer (or the artisan) reads it: lines, terms, total, validity."""
    quote, deal = document.quote, document.deal

    def story(page: _Page) -> list[Flowable]:
        widths = [page.width - 128 * mm, 18 * mm, 22 * mm, 26 * mm, 16 * mm, 16 * mm, 30 * mm]
        rows: list[list[object]] = [
            [
                page.label(_("Product"), page.head),
                page.label(_("Quantity"), page.head_number),
                page.label(_("Unit"), page.head),
                page.label(_("Unit price"), page.head_number),
                page.label(pgettext("deal document", "Pack of"), page.head_number),
                page.label(pgettext("deal document", "Minimum"), page.head_number),
                page.label(pgettext("deal document", "Amount"), page.head_number),
            ]
        ]
        total = Decimal(0)
        for line, unit in zip(document.lines, document.units, strict=True):
            amount = line.quantity * line.unit_price
            total += amount
            rows.append(
                [
                    page.people(line.description),
                    page.label(str(line.quantity), page.number),
                    page.label(_unit(unit)),
                    page.label(money(line.unit_price, quote.currency), page.number),
                    page.label(str(line.pack_multiple), page.number),
                    page.label(str(line.minimum_quantity), page.number),
                    page.label(money(amount, quote.currency), page.number),
                ]
            )
        rows.append(
            [
                "",
                "",
                "",
                "",
                "",
                page.label(_("Total"), page.total),
                page.label(money(total, quote.currency), page.total),
            ]
        )
        terms: list[tuple[str, Flowable | str]] = [
            (_("Incoterm"), _incoterm(quote.incoterm)),
            (_("Named place"), page.people(quote.named_place)),
            (_("Lead time"), pgettext("deal document", "%(days)s days") % {"days": quote.lead_time_days}),
            (_("Payment terms"), page.people(quote.payment_terms)),
            (_("Currency"), quote.currency),
            (_("Valid until"), _day(quote.valid_until)),
        ]
        flow: list[Flowable] = [
            page.label(_("Quote"), page.styles["h1"]),
            page.label(
                _("Version %(version)s · issued %(date)s · status: %(status)s")
                % {
                    "version": quote.version,
                    "date": _moment(quote.created_at, zone),
                    "status": quote.get_status_display(),
                },
                page.styles["muted"],
            ),
            Spacer(1, 4 * mm),
            _parties(page, deal, document.inquiry),
            Spacer(1, 5 * mm),
            page.table(rows, widths, header=True, total=True),
            Spacer(1, 5 * mm),
            page.label(pgettext("deal document", "Terms"), page.styles["h2"]),
            page.terms(terms),
        ]
        if quote.notes:
            flow += [page.label(_("Notes"), page.styles["h2"]), page.people(quote.notes)]
        flow += [
            Spacer(1, 6 * mm),
            page.label(
                _("This quote is valid until %(date)s. Prices are per unit, in %(currency)s.")
                % {"date": _day(quote.valid_until), "currency": quote.currency},
                page.styles["muted"],
            ),
        ]
        return flow

    with translation.override(language):
        title = _("Quote, version %(version)s") % {"version": quote.version}
    return _build(story, title=title, author=deal.artisan.business_name, language=language)


# --- The order's documents -----------------------------------------------------------------------
def _order_terms(document: OrderDocument) -> tuple[str, str, str]:
    """The incoterm, named place and payment terms of an order: its quote's, else what was asked."""
    quote = document.order.quote
    if quote is not None:
        return quote.incoterm, quote.named_place, quote.payment_terms
    inquiry = document.inquiry
    return (inquiry.incoterm if inquiry is not None else ""), "", ""


def _order_header(page: _Page, document: OrderDocument, title: str, zone: tzinfo) -> list[Flowable]:
    order = document.order
    return [
        page.label(title, page.styles["h1"]),
        page.label(
            _("Order %(reference)s · placed %(date)s · status: %(status)s")
            % {
                "reference": str(order.public_id)[:8].upper(),
                "date": _moment(order.created_at, zone),
                "status": order.get_status_display(),
            },
            page.styles["muted"],
        ),
        Spacer(1, 4 * mm),
        _parties(page, document.deal, document.inquiry),
        Spacer(1, 4 * mm),
    ]


def proforma_pdf(document: OrderDocument, *, language: str, zone: tzinfo) -> bytes:
    """An order's pro forma invoice: what is sold, at what price, on which terms. Not a tax invoice."""
    order, deal = document.order, document.deal
    incoterm, place, payment = _order_terms(document)

    def story(page: _Page) -> list[Flowable]:
        widths = [page.width - 92 * mm, 18 * mm, 22 * mm, 24 * mm, 28 * mm]
        rows: list[list[object]] = [
            [
                page.label(_("Product"), page.head),
                page.label(_("Quantity"), page.head_number),
                page.label(_("Unit"), page.head),
                page.label(_("Unit price"), page.head_number),
                page.label(pgettext("deal document", "Amount"), page.head_number),
            ]
        ]
        total = Decimal(0)
        for line, unit in zip(document.lines, document.units, strict=True):
            amount = line.quantity * line.unit_price
            total += amount
            rows.append(
                [
                    _goods(page, line),
                    page.label(str(line.quantity), page.number),
                    page.label(_unit(unit)),
                    page.label(money(line.unit_price, order.currency), page.number),
                    page.label(money(amount, order.currency), page.number),
                ]
            )
        rows.append(
            [
                "",
                "",
                "",
                page.label(_("Total"), page.total),
                page.label(money(total, order.currency), page.total),
            ]
        )
        terms: list[tuple[str, Flowable | str]] = [
            (_("Purchase order number"), page.people(order.po_number)),
            (pgettext("deal document", "Deliver to"), page.people(order.delivery_address)),
            (_("Incoterm"), _incoterm(incoterm)),
            (_("Named place"), page.people(place)),
            (_("Payment terms"), page.people(payment)),
            (_("Currency"), order.currency),
            (_("Wanted by"), _day(order.wanted_by)),
            (_("Ship by"), _day(order.ship_by)),
        ]
        return [
            *_order_header(page, document, _("Pro forma invoice"), zone),
            page.label(_("Pro forma — not a tax invoice."), page.styles["h2"]),
            Spacer(1, 2 * mm),
            page.table(rows, widths, header=True, total=True),
            Spacer(1, 5 * mm),
            page.label(pgettext("deal document", "Terms"), page.styles["h2"]),
            page.terms(terms),
            Spacer(1, 6 * mm),
            page.label(
                _(
                    "This pro forma invoice states the goods and prices of the order for customs, "
                    "import licences or advance payment. It is not a tax invoice and asks for no payment "
                    "by itself."
                ),
                page.styles["muted"],
            ),
        ]

    with translation.override(language):
        title = _("Pro forma invoice")
    return _build(story, title=title, author=deal.artisan.business_name, language=language)


def packing_list_pdf(document: OrderDocument, *, language: str, zone: tzinfo) -> bytes:
    """What is in the shipment: each line's quantity, pack size and number of packages; no prices."""
    order, deal = document.order, document.deal

    def story(page: _Page) -> list[Flowable]:
        widths = [page.width - 84 * mm, 20 * mm, 22 * mm, 20 * mm, 22 * mm]
        rows: list[list[object]] = [
            [
                page.label(_("Product"), page.head),
                page.label(_("Quantity"), page.head_number),
                page.label(_("Unit"), page.head),
                page.label(pgettext("deal document", "Pack of"), page.head_number),
                page.label(pgettext("deal document", "Packages"), page.head_number),
            ]
        ]
        quantity = packages = 0
        for line, unit, pack in zip(document.lines, document.units, document.packs, strict=True):
            count = -(-line.quantity // pack)  # a part-filled last package is a package too
            quantity += line.quantity
            packages += count
            rows.append(
                [
                    _goods(page, line),
                    page.label(str(line.quantity), page.number),
                    page.label(_unit(unit)),
                    page.label(str(pack), page.number),
                    page.label(str(count), page.number),
                ]
            )
        rows.append(
            [
                page.label(_("Total"), page.total),
                page.label(str(quantity), page.total),
                "",
                "",
                page.label(str(packages), page.total),
            ]
        )
        terms: list[tuple[str, Flowable | str]] = [
            (_("Purchase order number"), page.people(order.po_number)),
            (pgettext("deal document", "Deliver to"), page.people(order.delivery_address)),
            (_("Ship by"), _day(order.ship_by)),
            (_("Carrier"), page.people(order.carrier)),
            (_("Tracking number"), page.people(order.tracking_number)),
        ]
        return [
            *_order_header(page, document, _("Packing list"), zone),
            page.terms(terms),
            Spacer(1, 5 * mm),
            page.table(rows, widths, header=True, total=True),
        ]

    with translation.override(language):
        title = _("Packing list")
    return _build(story, title=title, author=deal.artisan.business_name, language=language)
