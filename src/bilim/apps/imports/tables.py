"""Reading and writing the tables people bring: XLSX (openpyxl) and CSV (the standard library).

What AVN and 1C export is a sheet whose first non-empty row names the columns — in Kyrgyz, Russian or
English — and whose other rows are records. :func:`read_table` returns that header and the rows as text,
each with its row number as the spreadsheet shows it (so an error can say "row 7"). Cells are turned into
text the one way the importers parse them: dates as ISO dates, whole numbers without ".0", other numbers
as written; a CSV cell our own export escaped against formulas (``'=…``) loses its ``'`` again.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.utils.translation import gettext as _

from bilim.apps.core.spreadsheets import FORMULA_TRIGGERS, csv_row, xlsx_append

MAX_BYTES = 5 * 1024 * 1024  # stated on the upload page
MAX_ROWS = 5000
FORMATS = ("xlsx", "csv")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time(0) else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, Decimal):
        return format(value, "f")
    text = str(value).strip()
    if text.startswith("'") and text[1:2] and text[1:].startswith(FORMULA_TRIGGERS):
        text = text[1:]  # our CSV export's escape of a formula-looking cell
    return text


def _decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1251"):  # 1C and older Excel save CSV in Windows-1251
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ValidationError(_("The file is not readable text (save it as CSV UTF-8 or as an Excel workbook)."))


def _csv_rows(data: bytes) -> Iterable[list[Any]]:
    text = _decode(data)
    sample = text[:4096]
    try:
        dialect: Any = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    return csv.reader(io.StringIO(text), dialect)


def _xlsx_rows(data: bytes) -> Iterable[list[Any]]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a damaged or foreign file
        raise ValidationError(_("The file could not be read as an Excel workbook (.xlsx).")) from None
    sheet = book.worksheets[0]
    return (list(r) for r in sheet.iter_rows(values_only=True))


def read_table(name: str, data: bytes) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """The header and the non-empty rows ``(row number, cells)`` of an uploaded XLSX or CSV file."""
    if len(data) > MAX_BYTES:
        raise ValidationError(_("The file is larger than %(mb)s MB.") % {"mb": MAX_BYTES // (1024 * 1024)})
    ext = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if ext == "xlsx" and data[:2] == b"PK":
        raw = _xlsx_rows(data)
    elif ext == "csv" and data[:2] != b"PK":
        raw = _csv_rows(data)
    else:
        raise ValidationError(_("Upload an Excel workbook (.xlsx) or a CSV file (.csv)."))
    header: list[str] | None = None
    rows: list[tuple[int, list[str]]] = []
    for number, values in enumerate(raw, start=1):
        cells = [cell_text(v) for v in values]
        if not any(cells):
            continue
        if header is None:
            header = cells
            continue
        rows.append((number, cells))
        if len(rows) > MAX_ROWS:
            raise ValidationError(_("The file has more than %(n)s rows; split it into smaller files.") % {"n": MAX_ROWS})
    if header is None:
        raise ValidationError(_("The file is empty."))
    return header, rows


def table_response(fmt: str, filename: str, header: list[str], rows: Iterable[list[Any]]) -> HttpResponse:
    """A download of ``header`` + ``rows`` as XLSX or CSV (UTF-8 with BOM, so Excel reads Cyrillic), cells that a
    spreadsheet would run as formulas escaped (:mod:`bilim.apps.core.spreadsheets`)."""
    if fmt == "csv":
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
        response.write("\ufeff")
        writer = csv.writer(response)
        writer.writerow(csv_row(header))
        for row in rows:
            writer.writerow(csv_row(row))
        return response
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    xlsx_append(sheet, header)
    for row in rows:
        xlsx_append(sheet, row)
    buffer = io.BytesIO()
    book.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    return response
