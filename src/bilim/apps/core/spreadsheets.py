"""Cells that spreadsheets must not execute (CSV / formula injection).

Why: a name, a title or a reason typed by a person ends up in CSV and XLSX exports that officers open in
Excel or LibreOffice; a cell starting with ``=``, ``+``, ``-``, ``@`` (or a tab / carriage return that
hides one) is run as a formula there (``=HYPERLINK(...)`` exfiltrates, ``=cmd|...`` executes). CSV cells
are prefixed with ``'`` (OWASP's advice), numbers excepted so that ``-5`` stays a number; XLSX cells are
written as text, never as formulas.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?\d+(?:[.,]\d+)?(?:[eE][+-]?\d+)?")


def csv_cell(value: Any) -> str:
    """The text of one CSV cell, escaped with a leading ``'`` if a spreadsheet would read it as a formula."""
    text = "" if value is None else str(value)
    if text.startswith(FORMULA_TRIGGERS) and not _NUMBER.fullmatch(text):
        return "'" + text
    return text


def csv_row(values: Iterable[Any]) -> list[str]:
    return [csv_cell(v) for v in values]


def xlsx_append(sheet: Any, values: Iterable[Any]) -> None:
    """``sheet.append`` whose strings stay strings: openpyxl would store ``"=..."`` as a formula."""
    sheet.append(list(values))
    for cell in sheet[sheet.max_row]:
        if cell.data_type == "f":
            cell.data_type = "s"
