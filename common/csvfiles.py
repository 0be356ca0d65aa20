"""CSV in and out for staff: UTF-8, and no spreadsheet formulas smuggled in exported cells."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

from django.http import HttpResponse
from django.utils.translation import gettext as _

# A cell starting with one of these is run as a formula by spreadsheet programs.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
MAX_CSV_BYTES = 2 * 1024 * 1024


class CsvError(ValueError):
    pass


def safe_cell(value: object) -> str:
    text = "" if value is None else str(value)
    if text.startswith(FORMULA_PREFIXES):
        return "'" + text
    return text


def csv_response(filename: str, header: Sequence[str], rows: Iterable[Sequence[object]]) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")  # Excel needs the BOM to read UTF-8.
    writer = csv.writer(response)
    writer.writerow([safe_cell(cell) for cell in header])
    for row in rows:
        writer.writerow([safe_cell(cell) for cell in row])
    return response


def read_csv_upload(upload) -> list[dict[str, str]]:
    """Rows of an uploaded CSV as dicts keyed by lower-case header; clear errors for bad files."""
    if upload.size > MAX_CSV_BYTES:
        raise CsvError(_("The file is larger than 2 MB."))
    raw = upload.read()
    return read_csv_text(raw)


def read_csv_text(raw: bytes | str) -> list[dict[str, str]]:
    if isinstance(raw, bytes):
        if b"\x00" in raw:
            raise CsvError(_("This is not a text CSV file."))
        try:
            raw = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise CsvError(_("The file must be encoded in UTF-8 (in a spreadsheet: save as “CSV UTF-8”)."))
    try:
        dialect = csv.Sniffer().sniff(raw[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.DictReader(io.StringIO(raw), dialect=dialect)
    if not reader.fieldnames:
        raise CsvError(_("The file is empty."))
    reader.fieldnames = [name.strip().lower() for name in reader.fieldnames]
    return [{key: (value or "").strip() for key, value in row.items() if key} for row in reader]
