"""Minutes of a meeting and extracts of a decision, as PDF (fpdf2, embedded DejaVu: Kyrgyz ң ө ү render) and DOCX
(python-docx), in Kyrgyz, Turkish, Russian or English. Texts come from the catalogue (gettext) and the rules'
explanations (rendered in the reader's language)."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from bilim.apps.governance.models import Decision, Meeting
from bilim.apps.records.selectors import explanation_text

FONT_DIR = Path(settings.BASE_DIR) / "static" / "fonts"
PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
LANGS = ("ky", "tr", "ru", "en")


def _institution(body: Any, lang: str) -> str:
    return body.institution.name(lang) if hasattr(body.institution, "name") else str(body.institution)


def minutes_text(meeting: Meeting, lang: str) -> tuple[str, str]:
    with translation.override(lang):
        body = meeting.body
        title = _("Minutes of meeting №%(number)s of %(body)s") % {"number": meeting.number, "body": body.name(lang)}
        lines = [
            _("Date: %(date)s") % {"date": meeting.held_on.strftime("%d.%m.%Y")},
            _("Place: %(place)s") % {"place": meeting.place or meeting.online_link or "—"},
            _("Convened by: %(who)s") % {"who": meeting.convened_by or "—"},
            _("Present: %(names)s") % {"names": ", ".join(str(p) for p in meeting.present.all()) or "—"},
            explanation_text(meeting.quorum_explanation, lang) if meeting.quorum_explanation else _("Attendance not recorded."),
            "",
            _("Agenda and decisions"),
        ]
        for item in meeting.items.prefetch_related("votes__person", "conflicts__person").select_related("decision"):
            lines.append(f"{item.position}. {item.title}")
            if item.text:
                lines.append("   " + item.text)
            for c in item.conflicts.all():
                lines.append("   " + _("Conflict of interest declared by %(person)s: %(note)s") % {"person": c.person, "note": c.note})
            votes = list(item.votes.all())
            if votes:
                lines.append("   " + _("Votes") + ": " + "; ".join(f"{v.person} — {v.get_choice_display()}" for v in votes))
            elif item.tally_yes is not None:
                lines.append("   " + _("For %(y)s, against %(n)s, abstaining %(a)s") % {"y": item.tally_yes, "n": item.tally_no, "a": item.tally_abstain})
            if item.outcome:
                lines.append("   " + explanation_text(item.outcome, lang))
            if item.decision:
                lines.append("   " + _("Decision №%(number)s of %(date)s") % {"number": item.decision.number, "date": item.decision.date.strftime("%d.%m.%Y")})
            else:
                lines.append("   " + _("Not decided at this meeting."))
            if item.step_refusal:
                lines.append("   " + _("The step was refused: %(why)s") % {"why": " ".join(item.step_refusal.get("messages", {}).get(lang, []))})
        if meeting.minutes_note:
            lines += ["", meeting.minutes_note]
        lines += ["", _("Status: %(status)s") % {"status": meeting.get_status_display()}]
        return title, "\n".join(lines)


def extract_text(decision: Decision, lang: str) -> tuple[str, str]:
    with translation.override(lang):
        title = _("Extract of decision №%(number)s of %(body)s") % {"number": decision.number, "body": decision.body.name(lang)}
        lines = [
            _("Date: %(date)s") % {"date": decision.date.strftime("%d.%m.%Y")},
            _("Status: %(status)s") % {"status": decision.get_status_display()},
        ]
        if decision.meeting is not None:
            lines.append(_("Meeting №%(number)s") % {"number": decision.meeting.number})
        if decision.votes_for is not None:
            lines.append(_("For %(y)s, against %(n)s, abstaining %(a)s") % {"y": decision.votes_for, "n": decision.votes_against or 0,
                                                                         "a": decision.votes_abstain or 0})
        lines += ["", decision.title, decision.text or ""]
        if decision.explanation:
            lines += ["", explanation_text(decision.explanation, lang)]
        return title, "\n".join(lines)


def pdf_bytes(heading: str, title: str, body: str) -> bytes:
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.add_font("DejaVu", "", str(FONT_DIR / "DejaVuSans.ttf"))
    pdf.add_font("DejaVu", "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))
    pdf.set_title(title)
    pdf.add_page()
    pdf.set_font("DejaVu", "B", 13)
    pdf.multi_cell(0, 7, heading, align="C")
    pdf.ln(2)
    pdf.multi_cell(0, 7, title, align="C")
    pdf.ln(4)
    pdf.set_font("DejaVu", "", 10)
    pdf.multi_cell(0, 5.5, body, align="L")
    return bytes(pdf.output())


def docx_bytes(heading: str, title: str, body: str) -> bytes:
    from docx import Document

    doc = Document()
    doc.add_paragraph(heading)
    doc.add_heading(title, level=1)
    for para in body.split("\n"):
        doc.add_paragraph(para)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def render(kind: str, obj: Any, lang: str, fmt: str) -> tuple[bytes, str, str]:
    if lang not in LANGS or fmt not in ("pdf", "docx"):
        raise KeyError(f"{lang}.{fmt}")
    title, body = minutes_text(obj, lang) if kind == "minutes" else extract_text(obj, lang)
    heading = obj.body.institution.name(lang) if hasattr(obj.body.institution, "name") else str(obj.body.institution)
    data = pdf_bytes(heading, title, body) if fmt == "pdf" else docx_bytes(heading, title, body)
    return data, PDF if fmt == "pdf" else DOCX, f"{kind}-{obj.pk}-{lang}.{fmt}"
