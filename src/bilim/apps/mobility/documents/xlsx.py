"""The statistics dashboard as an XLSX workbook (openpyxl)."""

from __future__ import annotations

import io
import re
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import override

from bilim.apps.core.spreadsheets import xlsx_append


def _sheet_title(title: str) -> str:
    """Excel forbids []:*?/\\ in sheet titles and allows 31 characters."""
    return re.sub(r"[\[\]:*?/\\]", "-", str(title))[:31]


def statistics_workbook(s: dict[str, Any], lang: str = "ky") -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    with override(lang):
        wb = Workbook()
        ws = wb.active
        ws.title = _sheet_title(_("Summary"))
        xlsx_append(ws, [_("Indicator"), _("Value")])
        ws["A1"].font = ws["B1"].font = Font(bold=True)
        for label, key in ((_("Outgoing students"), "outgoing_students"), (_("Incoming participants"), "incoming"), (_("Staff trips"), "staff_trips"),
                           (_("Recognition decisions"), "recognition_decisions"), (_("Recognition rate"), "recognition_rate"),
                           (_("ECTS credits recognised"), "credits_recognised"), (_("ECTS credits not recognised"), "credits_lost")):
            v = s.get(key)
            xlsx_append(ws, [label, float(v) if v is not None and not isinstance(v, int) else v])
        for title, key in ((_("By term"), "by_term"), (_("By scope"), "by_scope"), (_("By programme"), "by_programme"), (_("By partner"), "by_partner"),
                           (_("By country"), "by_country"), (_("By faculty"), "by_faculty"), (_("By funding"), "by_funding"),
                           (_("Incoming by country"), "incoming_by_country")):
            sheet = wb.create_sheet(_sheet_title(title))
            xlsx_append(sheet, [title, _("Number")])
            sheet["A1"].font = sheet["B1"].font = Font(bold=True)
            for k, v in s[key]:
                xlsx_append(sheet, [k, v])  # partner / country names typed by people stay text
        buf = io.BytesIO()
        wb.save(buf)
    return buf.getvalue()
