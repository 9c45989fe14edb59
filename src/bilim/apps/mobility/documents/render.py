"""Generated documents (appendices, orders, letters) as PDF (fpdf2 with embedded DejaVu) and DOCX (python-docx),
from the administrator-editable ``DocumentTemplate`` rows (seeded from ``defaults.DEFAULTS``)."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from django.conf import settings

from bilim.apps.mobility.documents.defaults import DEFAULTS

FONT_DIR = Path(settings.BASE_DIR) / "static" / "fonts"
PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


class _Safe(dict):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def template(code: str) -> Any:
    from bilim.apps.mobility.models import DocumentTemplate

    if code not in DEFAULTS and not DocumentTemplate.objects.filter(code=code).exists():
        raise KeyError(code)
    tpl, _created = DocumentTemplate.objects.get_or_create(code=code, defaults=DEFAULTS.get(code, {}))
    return tpl


def fill(code: str, lang: str, values: dict[str, Any]) -> tuple[str, str]:
    tpl = template(code)
    v = _Safe({k: ("" if x is None else str(x)) for k, x in values.items()})
    return tpl.title(lang).format_map(v), tpl.body(lang).format_map(v)


def pdf_bytes(title: str, body: str) -> bytes:
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.add_font("DejaVu", "", str(FONT_DIR / "DejaVuSans.ttf"))
    pdf.add_font("DejaVu", "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))
    pdf.set_title(title)
    pdf.add_page()
    pdf.set_font("DejaVu", "B", 14)
    pdf.multi_cell(0, 8, "Ош мамлекеттик университети · Osh State University", align="C")
    pdf.ln(2)
    pdf.multi_cell(0, 8, title, align="C")
    pdf.ln(4)
    pdf.set_font("DejaVu", "", 11)
    pdf.multi_cell(0, 6, body, align="L")
    return bytes(pdf.output())


def docx_bytes(title: str, body: str) -> bytes:
    from docx import Document

    doc = Document()
    doc.add_paragraph("Ош мамлекеттик университети · Osh State University")
    doc.add_heading(title, level=1)
    for para in body.split("\n"):
        doc.add_paragraph(para)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def _out(code: str, fmt: str, lang: str, values: dict[str, Any]) -> tuple[bytes, str]:
    title, body = fill(code, lang, values)
    if fmt == "pdf":
        return pdf_bytes(title, body), PDF
    if fmt == "docx":
        return docx_bytes(title, body), DOCX
    raise KeyError(fmt)


def _name(obj: Any, lang: str) -> str:
    return getattr(obj, f"name_{lang}", "") or getattr(obj, "name_en", "") or str(obj)


def student_document(mob: Any, code: str, fmt: str, lang: str) -> tuple[bytes, str]:
    from bilim.apps.mobility.services import current_isp

    s = mob.student
    isp = current_isp(mob)
    if code == "isp":
        lines = [f"{i.kind}  {i.host_code} {i.title} — {i.credits} ECTS → {i.home_course or i.get_component_display()}" for i in (isp.items.all() if isp else [])]
    elif code == "recognition-sheet":
        lines = [f"{r.host_code} {r.title}: {r.grade} → {r.score_100 or '—'} · {getattr(getattr(r, 'recognition', None), 'decision', '—')} {getattr(getattr(r, 'recognition', None), 'reason', '')}"
                 for r in mob.host_results.select_related("recognition")]
    else:
        lines = []
    order = mob.return_order if code == "return-order" else mob.departure_order
    values = {
        "student": str(s.person), "faculty": _name(s.unit, lang), "programme": _name(s.programme, lang), "year": mob.year_of_study,
        "host": _name(mob.host, lang), "country": mob.host.country, "start": mob.start_date, "end": mob.end_date, "purpose": mob.purpose,
        "language": mob.language, "funding": mob.expected_funding, "gpa": mob.gpa or "—", "term": mob.term,
        "number": order.number if order else "____", "date": (order.date if order else None) or mob.created_at.date(),
        "items": "\n".join(lines), "report": mob.report_text,
    }
    return _out(code, fmt, lang, values)


def trip_document(trip: Any, code: str, fmt: str, lang: str) -> tuple[bytes, str]:
    if code not in ("trip-application", "trip-order"):
        raise KeyError(code)
    values = {"staff": str(trip.staff.person), "host": _name(trip.host, lang), "country": trip.host.country, "start": trip.start_date,
              "end": trip.end_date, "purpose": trip.purpose, "funding": ", ".join(trip.funding_sources),
              "number": trip.order.number if trip.order else "____", "date": (trip.order.date if trip.order else trip.created_at.date())}
    return _out(code, fmt, lang, values)
