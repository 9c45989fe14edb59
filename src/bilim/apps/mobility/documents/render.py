"""Generated documents (appendices, orders, letters) as PDF (fpdf2 with embedded DejaVu) and DOCX (python-docx),
from the administrator-editable ``DocumentTemplate`` rows (seeded from ``defaults.DEFAULTS``).

Every document is official (:mod:`bilim.apps.core.official`): the home institution's letterhead in the document's
language, the registration line (the order's number and date; the file's number for applications), dates as
``dd.mm.yyyy`` (in words in the place-and-date line, Kyrgyz months in lower case), and the recorded approvals with
their dates. An order is produced only once it is issued (:class:`NotIssued`)."""

from __future__ import annotations

from typing import Any

from django.utils import timezone, translation
from django.utils.translation import gettext as _

from bilim.apps.core import official
from bilim.apps.core.official import DOCX, FONT_DIR, PDF, Signature, date_numeric, date_text
from bilim.apps.mobility.documents.defaults import DEFAULTS

__all__ = ["DOCX", "FONT_DIR", "PDF", "NotIssued", "student_document", "trip_document"]

LANGS = ("ky", "ru", "en")
ORDERS = {"departure-order": "departure_order", "return-order": "return_order", "trip-order": "order"}


class NotIssued(Exception):
    """An order was asked for before it was issued (the view answers 409 with :data:`official.NOT_ISSUED`)."""


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


def _name(obj: Any, lang: str) -> str:
    if obj is None:
        return ""
    fn = getattr(obj, "name", None)
    if callable(fn):
        return str(fn(lang))
    return getattr(obj, f"name_{lang}", "") or getattr(obj, "name_en", "") or str(obj)


def _user(u: Any, lang: str) -> str:
    if u is None:
        return ""
    person = getattr(u, "person", None)
    if person is not None:
        return person_name(person, lang)
    return u.get_full_name() or u.get_username()


def person_name(person: Any, lang: str) -> str:
    """The name in the document's script: passport Latin in en/tr when recorded, Cyrillic in ky/ru."""
    fn = getattr(person, "name_in", None)
    return str(fn(lang)) if callable(fn) else str(person)


def _home(obj: Any) -> Any:
    return getattr(obj, "institution", None)


def _out(code: str, fmt: str, lang: str, values: dict[str, Any], *, institution: Any, registration: str,
         signatures: list[Signature], issued_on: Any) -> tuple[bytes, str]:
    title, body = fill(code, lang, values)
    with translation.override(lang):
        place = official.city_name(getattr(institution, "city", "") or "", lang)
        doc = official.OfficialDocument(
            lang=lang, head=official.letterhead(institution, lang), title=title, body=body, registration=registration,
            signatures=signatures, place_date=", ".join(x for x in (place, date_text(issued_on, lang)) if x),
        )
    return official.write(doc, fmt)


def _order_or_refuse(obj: Any, code: str) -> Any:
    attr = ORDERS.get(code)
    if attr is None:
        return None
    order = getattr(obj, attr, None)
    if order is None:
        raise NotIssued(code)
    return order


def student_document(mob: Any, code: str, fmt: str, lang: str) -> tuple[bytes, str]:
    from bilim.apps.mobility.services import current_isp

    if code not in DEFAULTS and code not in ("isp", "recognition-sheet"):
        template(code)  # KeyError for an unknown code
    order = _order_or_refuse(mob, code)
    s = mob.student
    isp = current_isp(mob)
    with translation.override(lang):
        if code == "isp":
            lines = [f"{i.host_code} {i.title} — {i.credits} ECTS → {i.home_course or i.get_component_display()}" for i in (isp.items.all() if isp else [])]
        elif code == "recognition-sheet":
            lines = []
            for r in mob.host_results.select_related("recognition"):
                rec = getattr(r, "recognition", None)
                lines.append(f"{r.host_code} {r.title}: {r.grade} → {r.score_100 or '—'} · "
                             f"{rec.get_decision_display() if rec else '—'} {getattr(rec, 'reason', '') or ''}".rstrip())
        else:
            lines = []
        signatures: list[Signature] = []
        if code == "isp" and isp is not None:
            signatures = [
                Signature(_("Programme leader"), _user(isp.pl_by, lang), isp.pl_agreed_on),
                Signature(_("Deputy dean (academic)"), _user(isp.vdaa_by, lang), isp.vdaa_agreed_on),
                Signature(_("Dean"), _user(isp.dean_by, lang), isp.dean_approved_on),
                Signature(_("International Relations Department"), _user(isp.ird_by, lang), isp.submitted_to_ird_on),
            ]
        elif order is not None:
            signatures = [Signature(_("Rector"), "", order.date)]
    issued_on = (order.date if order else None) or timezone.localdate()
    values = {
        "student": person_name(s.person, lang), "faculty": _name(s.unit, lang), "programme": _name(s.programme, lang), "year": mob.year_of_study,
        "host": _name(mob.host, lang), "country": mob.host.country, "start": date_numeric(mob.start_date), "end": date_numeric(mob.end_date),
        "purpose": mob.purpose, "language": mob.language, "funding": mob.expected_funding, "gpa": mob.gpa or "—", "term": mob.term,
        "number": order.number if order else "____", "date": date_numeric(order.date if order else mob.created_at.date()),
        "items": "\n".join(lines), "report": mob.report_text,
    }
    with translation.override(lang):
        registration = (official.registration_line(order.number, order.date, lang) if order is not None
                        else _("Mobility file No. %(number)s of %(date)s") % {"number": mob.pk, "date": date_numeric(mob.created_at.date())})
    return _out(code, fmt, lang, values, institution=_home(s), registration=registration, signatures=signatures, issued_on=issued_on)


def _trip_approvals(trip: Any) -> list[Signature]:
    """The approval chain of the application (§4.4) with each recorded decision and its date (ERRATA 11: in turn)."""
    roles = {"HOD": _("Head of department"), "DEAN": _("Dean"), "PJL": _("Project leader"), "VR_SCI": _("Vice-rector for research")}
    chain = ["HOD", "DEAN", *(["PJL"] if trip.project_funded else []), "VR_SCI"]
    given = {a.get("role"): a for a in trip.approvals}
    out = []
    for role in chain:
        a = given.get(role)
        if a is None:
            out.append(Signature(_("Agreed: %(role)s") % {"role": roles[role]}))
        else:
            verdict = _("Agreed: %(role)s") if a.get("decision") == "APPROVED" else _("Refused: %(role)s")
            out.append(Signature(verdict % {"role": roles[role]}, "", official_date(a.get("on"))))
    return out


def trip_document(trip: Any, code: str, fmt: str, lang: str) -> tuple[bytes, str]:
    if code not in ("trip-application", "trip-order"):
        raise KeyError(code)
    order = _order_or_refuse(trip, code)
    values = {"staff": person_name(trip.staff.person, lang), "host": _name(trip.host, lang), "country": trip.host.country,
              "start": date_numeric(trip.start_date), "end": date_numeric(trip.end_date), "purpose": trip.purpose,
              "funding": ", ".join(trip.funding_sources), "number": order.number if order else "____",
              "date": date_numeric(order.date if order else trip.created_at.date())}
    with translation.override(lang):
        if order is not None:
            signatures = [Signature(_("Rector"), "", order.date)]
            registration = official.registration_line(order.number, order.date, lang)
        else:
            signatures = _trip_approvals(trip)
            registration = _("Business trip application No. %(number)s of %(date)s") % {"number": trip.pk, "date": date_numeric(trip.created_at.date())}
    issued_on = order.date if order else timezone.localdate()
    return _out(code, fmt, lang, values, institution=_home(trip.staff), registration=registration, signatures=signatures, issued_on=issued_on)


def official_date(value: Any) -> Any:
    import datetime as dt

    if isinstance(value, str) and value:
        return dt.date.fromisoformat(value[:10])
    return value
