"""A retailer's product sheet: its own headings and order, as CSV and as XLSX read back with openpyxl."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from referencing import sheets
from referencing.models import Candidate, Listing
from referencing.tests.factories import GTIN, candidate, ready_product, referencing_round, retailer

pytestmark = pytest.mark.django_db

COLUMNS = [
    ("Réf. fournisseur", "article_number"),
    ("EAN", "gtin"),
    ("Libellé", "title"),
    ("Origine", "country_of_origin"),
    ("Code SH", "hs_code"),
    ("PCB", "case_pack"),
    ("Prix HT", "wholesale_price"),
]


@pytest.fixture
def round():
    shop = retailer(columns=COLUMNS)
    round = referencing_round(shop, status="decided")
    listed = candidate(
        round, ready_product(title="Jarre bleue", wholesale_price=Decimal("18.50")), status="listed"
    )
    Listing.objects.create(
        candidate=listed, retailer=shop, product=listed.product, article_number="GL-778812"
    )
    # A title a spreadsheet would run as a formula; a product turned down is not on the sheet.
    candidate(
        round,
        ready_product(title='=HYPERLINK("http://evil")', wholesale_price=Decimal("7")),
        status="selected",
    )
    candidate(round, ready_product(title="Not this one"), status=Candidate.Status.NOT_SELECTED, reason="No")
    return round


def test_csv_has_the_retailers_headings_in_its_order_and_formula_safe_cells(round):
    response = sheets.sheet_csv(round)
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == [heading for heading, _field in COLUMNS]
    by_title = {row[2]: row for row in rows[1:]}
    assert set(by_title) == {"Jarre bleue", '\'=HYPERLINK("http://evil")'}
    assert by_title["Jarre bleue"] == ["GL-778812", GTIN, "Jarre bleue", "ES", "630491", "6", "18.50"]


def test_xlsx_reads_back_with_the_same_columns_numbers_as_numbers_and_no_formula(round):
    response = sheets.sheet_xlsx(round)
    assert response["Content-Type"] == sheets.XLSX_TYPE
    book = load_workbook(io.BytesIO(response.content))
    rows = list(book.active.iter_rows(values_only=True))
    assert list(rows[0]) == [heading for heading, _field in COLUMNS]
    by_title = {row[2]: row for row in rows[1:]}
    assert by_title["Jarre bleue"] == ("GL-778812", GTIN, "Jarre bleue", "ES", "630491", 6, 18.5)
    evil = by_title['\'=HYPERLINK("http://evil")']
    assert evil[0] is None  # not listed: no article number yet
    cells = [cell for row in book.active.iter_rows() for cell in row]
    assert all(cell.data_type != "f" for cell in cells)


def test_each_retailer_gets_its_own_columns():
    shop = retailer("El Corte Inglés", columns=[("Código EAN", "gtin"), ("Descripción", "title")])
    round = referencing_round(shop, status="scoring")
    candidate(round, ready_product(title="Plato"))
    rows = list(csv.reader(io.StringIO(sheets.sheet_csv(round).content.decode("utf-8-sig"))))
    assert rows == [["Código EAN", "Descripción"], [GTIN, "Plato"]]
