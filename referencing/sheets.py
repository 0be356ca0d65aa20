"""A retailer's product sheet: our product data under the retailer's own column headings, as CSV or XLSX.

The columns come from the retailer's SheetColumn rows (which of our fields, under which heading,
in which order). Every text cell is made formula-safe the same way for both formats
(common.csvfiles.safe_cell), as a spreadsheet runs a cell starting with "=" or "+"; numbers stay numbers.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django.http import HttpResponse
from openpyxl import Workbook

from common.csvfiles import csv_response, safe_cell
from referencing.models import Candidate, ReferencingRound, SheetColumn, SheetField

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

F = SheetField


def _listing_number(candidate: Candidate) -> str:
    listing = getattr(candidate, "listing", None)
    return listing.article_number if listing is not None else ""


READERS: dict[str, Callable[[Candidate], Any]] = {
    F.ARTICLE_NUMBER: _listing_number,
    F.GTIN: lambda c: c.product.gtin,
    F.TITLE: lambda c: c.product.title,
    F.DESCRIPTION: lambda c: c.product.description,
    F.ARTISAN: lambda c: c.artisan.business_name,
    F.CRAFT: lambda c: c.product.craft.name,
    F.MATERIALS: lambda c: ", ".join(c.product.materials),
    F.HS_CODE: lambda c: c.product.hs_code,
    F.COUNTRY_OF_ORIGIN: lambda c: c.product.country_of_origin.code or "",
    F.CASE_PACK: lambda c: c.product.case_pack,
    F.MIN_ORDER_QTY: lambda c: c.product.min_order_qty,
    F.LEAD_TIME_DAYS: lambda c: c.product.lead_time_days,
    F.CURRENCY: lambda c: c.product.currency,
    F.WHOLESALE_PRICE: lambda c: c.product.wholesale_price,
    F.RETAIL_PRICE: lambda c: c.product.retail_price,
    F.WIDTH_CM: lambda c: c.product.width_cm,
    F.HEIGHT_CM: lambda c: c.product.height_cm,
    F.DEPTH_CM: lambda c: c.product.depth_cm,
    F.WEIGHT_KG: lambda c: c.product.weight_kg,
}
# The fields the artisan answers for (the retailer gives its own article numbers).
ARTISAN_FIELDS = frozenset(READERS) - {F.ARTICLE_NUMBER}


def columns_of(round: ReferencingRound) -> list[SheetColumn]:
    return list(SheetColumn.objects.filter(retailer_id=round.retailer_id))


def sheet_candidates(round: ReferencingRound) -> list[Candidate]:
    """The candidates still in the running (not withdrawn, not turned down), in one query."""
    return list(
        Candidate.objects.filter(round=round)
        .exclude(status__in=[Candidate.Status.WITHDRAWN, Candidate.Status.NOT_SELECTED])
        .select_related("product__craft", "artisan", "listing")
        .order_by("artisan__business_name", "id")
    )


def sheet_rows(columns: list[SheetColumn], candidates: list[Candidate]) -> tuple[list[str], list[list[Any]]]:
    header = [column.heading for column in columns]
    rows = [[READERS[column.field](candidate) for column in columns] for candidate in candidates]
    return header, rows


def missing_fields(columns: list[SheetColumn], candidate: Candidate) -> list[SheetColumn]:
    """The retailer's columns the artisan has not filled for this candidate."""
    return [
        column
        for column in columns
        if column.field in ARTISAN_FIELDS and READERS[column.field](candidate) in (None, "")
    ]


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, int | float):
        return value
    if isinstance(value, Decimal):
        return float(value)
    return safe_cell(value)


def _filename(round: ReferencingRound, extension: str) -> str:
    return f"product-sheet-{round.public_id}.{extension}"


def sheet_csv(round: ReferencingRound) -> HttpResponse:
    header, rows = sheet_rows(columns_of(round), sheet_candidates(round))
    return csv_response(_filename(round, "csv"), header, rows)


def sheet_xlsx_bytes(round: ReferencingRound) -> bytes:
    header, rows = sheet_rows(columns_of(round), sheet_candidates(round))
    book = Workbook()
    sheet = book.active
    sheet.title = "Products"  # a retailer's name may hold characters a sheet title may not
    sheet.append([safe_cell(heading) for heading in header])
    for row in rows:
        sheet.append([_cell(value) for value in row])
    for cells in sheet.iter_rows():
        for cell in cells:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # never a formula, whatever the text
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def sheet_xlsx(round: ReferencingRound) -> HttpResponse:
    response = HttpResponse(sheet_xlsx_bytes(round), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{_filename(round, "xlsx")}"'
    return response
