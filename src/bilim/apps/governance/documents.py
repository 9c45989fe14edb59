"""Minutes of a meeting and extracts of a decision, as PDF (fpdf2, embedded DejaVu: Kyrgyz ң ө ү render) and DOCX
(python-docx), in Kyrgyz, Turkish, Russian or English. Texts come from the catalogue (gettext) and the rules'
explanations (rendered in the reader's language)."""

from __future__ import annotations

from typing import Any

from django.utils import translation
from django.utils.translation import gettext as _

from bilim.apps.core import official
from bilim.apps.core.official import DOCX, PDF, date_numeric
from bilim.apps.governance.models import Decision, Meeting
from bilim.apps.records.selectors import explanation_text

__all__ = ["DOCX", "LANGS", "PDF", "render"]
LANGS = ("ky", "tr", "ru", "en")


def _institution(body: Any, lang: str) -> str:
    return body.institution.name(lang) if hasattr(body.institution, "name") else str(body.institution)


def minutes_text(meeting: Meeting, lang: str) -> tuple[str, str]:
    with translation.override(lang):
        body = meeting.body
        title = _("Minutes of meeting №%(number)s of %(body)s") % {"number": meeting.number, "body": body.name(lang)}
        lines = [
            _("Date: %(date)s") % {"date": date_numeric(meeting.held_on)},
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
                lines.append("   " + _("Decision №%(number)s of %(date)s") % {"number": item.decision.number, "date": date_numeric(item.decision.date)})
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
            _("Date: %(date)s") % {"date": date_numeric(decision.date)},
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


def _user(u: Any, lang: str) -> str:
    if u is None:
        return ""
    person = getattr(u, "person", None)
    return person.name_in(lang) if person is not None else (u.get_full_name() or u.get_username())


def official_document(kind: str, obj: Any, lang: str) -> official.OfficialDocument:
    """Minutes or an extract with the institution's letterhead, the registration line and the recorded signatures."""
    title, body = minutes_text(obj, lang) if kind == "minutes" else extract_text(obj, lang)
    with translation.override(lang):
        if kind == "minutes":
            registration = official.registration_line(obj.number, obj.held_on, lang)
            closed = obj.closed_at.date() if obj.closed_at else None
            signatures = [official.Signature(_("Minutes closed by"), _user(obj.closed_by, lang), closed)]
        else:
            registration = official.registration_line(obj.number, obj.date, lang)
            adopted = obj.adopted_at.date() if obj.adopted_at else obj.date
            signatures = [official.Signature(_("Adopted by %(body)s") % {"body": obj.body.name(lang)}, "", adopted)]
        place = official.city_name(getattr(obj.body.institution, "city", "") or "", lang)
        when = obj.held_on if kind == "minutes" else obj.date
        return official.OfficialDocument(lang=lang, head=official.letterhead(obj.body.institution, lang), title=title, body=body,
                                         registration=registration, signatures=signatures,
                                         place_date=", ".join(x for x in (place, official.date_text(when, lang)) if x))


def render(kind: str, obj: Any, lang: str, fmt: str) -> tuple[bytes, str, str]:
    if lang not in LANGS or fmt not in ("pdf", "docx"):
        raise KeyError(f"{lang}.{fmt}")
    data, ctype = official.write(official_document(kind, obj, lang), fmt)
    return data, ctype, f"{kind}-{obj.pk}-{lang}.{fmt}"
