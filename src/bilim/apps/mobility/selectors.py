"""Read-side queries of mobility: lists through ``restrict``, overdue lists, statistics."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from bilim.apps.accounts.permissions import restrict
from bilim.apps.mobility import models as m
from bilim.apps.mobility.labels import label
from bilim.regulations.core.outcome import Explanation
from bilim.regulations.mobility import student as stu_rules


def partners(q: str = "", country: str = "") -> QuerySet[m.Agreement]:
    today = timezone.localdate()
    qs = m.Agreement.objects.filter(is_public=True).filter(Q(ends_on__isnull=True) | Q(ends_on__gte=today)).select_related("partner")
    if q:
        qs = qs.filter(Q(partner__name_en__icontains=q) | Q(partner__name_ky__icontains=q) | Q(partner__name_ru__icontains=q) | Q(areas__icontains=q))
    if country:
        qs = qs.filter(partner__country=country.upper())
    return qs


def published_calls(q: str = "", programme: str = "") -> QuerySet[m.Call]:
    qs = m.Call.objects.filter(published=True).select_related("host", "faculty")
    if q:
        qs = qs.filter(Q(title__icontains=q) | Q(host__name_en__icontains=q) | Q(host__name_ky__icontains=q))
    if programme:
        qs = qs.filter(programme=programme)
    return qs


def applications(user: Any, q: str = "", state: str = "", term: str = "") -> QuerySet[m.StudentMobility]:
    qs = restrict(user, "mobility.view_application", m.StudentMobility.objects.select_related("student__person", "host", "call"))
    if q:
        qs = qs.filter(Q(student__person__last_name__icontains=q) | Q(host__name_en__icontains=q) | Q(student__student_number__icontains=q))
    if state:
        qs = qs.filter(state=state)
    if term:
        qs = qs.filter(term=term)
    return qs


def trips(user: Any, q: str = "", state: str = "") -> QuerySet[m.StaffTrip]:
    qs = restrict(user, "mobility.view_trip", m.StaffTrip.objects.select_related("staff__person", "host"))
    if q:
        qs = qs.filter(Q(staff__person__last_name__icontains=q) | Q(host__name_en__icontains=q) | Q(purpose__icontains=q))
    if state:
        qs = qs.filter(state=state)
    return qs


def incoming(user: Any, q: str = "", state: str = "") -> QuerySet[m.IncomingMobility]:
    qs = restrict(user, "mobility.view_incoming", m.IncomingMobility.objects.select_related("home", "faculty"))
    if q:
        qs = qs.filter(Q(last_name__icontains=q) | Q(home__name_en__icontains=q))
    if state:
        qs = qs.filter(state=state)
    return qs


def overdue_documents(user: Any, on: dt.date | None = None) -> list[tuple[m.StudentMobility, Any]]:
    """Returned students whose results documents / report are overdue or due soon (OSU-4.8-STU-12, ERRATA 4/15)."""
    on = on or timezone.localdate()
    out = []
    for mob in applications(user).filter(state="RETURNED"):
        status = stu_rules.results_documents_status({"mobility_end_date": mob.end_date, "results_documents_submitted_on": mob.docs_submitted_on,
                                                     "report_submitted_on": mob.report_submitted_on}, on)
        out.append((mob, status))
    return out


def overdue_expenses(user: Any, on: dt.date | None = None) -> list[tuple[m.StaffTrip, Any]]:
    from bilim.apps.mobility.services import trip_expense_status

    on = on or timezone.localdate()
    out = []
    for trip in trips(user).filter(state="RETURNED"):
        status = trip_expense_status(trip, on)
        if status is not None and status.value in ("OVERDUE", "PENDING") and trip.expense_report_on is None:
            out.append((trip, status))
    return out


def statistics(year_start: dt.date | None = None, lang: str = "en") -> dict[str, Any]:
    """Outgoing/incoming by type, programme, partner, country, faculty, funding; recognition rate; credits lost (F-13)."""
    out_qs = m.StudentMobility.objects.exclude(state__in=["DRAFT", "CANCELLED"]).select_related("host", "student__unit", "student__programme", "call")
    inc_qs = m.IncomingMobility.objects.select_related("home", "faculty")
    trips_qs = m.StaffTrip.objects.exclude(state__in=["DRAFT", "REJECTED"]).select_related("host")
    if year_start:
        year_end = dt.date(year_start.year + 1, year_start.month, year_start.day) - dt.timedelta(days=1)
        out_qs = out_qs.filter(start_date__range=(year_start, year_end))
        inc_qs = inc_qs.filter(start_date__range=(year_start, year_end))
        trips_qs = trips_qs.filter(start_date__range=(year_start, year_end))
    outs, incs, trs = list(out_qs), list(inc_qs), list(trips_qs)
    recs = list(m.Recognition.objects.filter(host_result__mobility__in=out_qs).select_related("host_result"))
    recognised = [r for r in recs if r.decision == "RECOGNISED"]
    credits_total = sum((r.host_result.credits for r in recs), Decimal(0))
    credits_lost = sum((r.host_result.credits for r in recs if r.decision == "REFUSED"), Decimal(0))

    def count(items: list[Any], key: Any) -> list[tuple[str, int]]:
        return sorted(Counter(key(x) for x in items).items(), key=lambda kv: (-kv[1], kv[0]))

    return {
        "outgoing_students": len(outs), "incoming": len(incs), "staff_trips": len(trs),
        "by_term": count(outs, lambda x: label(x.term) if x.term else "—"),
        "by_scope": count(outs, lambda x: label(x.scope) if x.scope else "—"),
        "by_programme": count(outs, lambda x: x.student.programme.name(lang)),
        "by_partner": count(outs, lambda x: x.host.name(lang)),
        "by_country": count(outs + trs, lambda x: x.host.country),
        "by_faculty": count(outs, lambda x: x.student.unit.name(lang)),
        "by_funding": count(outs, lambda x: funding_label(x)),
        "finance_by_funding": finance_by_funding(outs),
        "incoming_by_country": count(incs, lambda x: x.home.country),
        "recognition_decisions": len(recs),
        "recognition_rate": (Decimal(len(recognised) * 100) / len(recs)).quantize(Decimal("0.1")) if recs else None,
        "credits_recognised": credits_total - credits_lost, "credits_lost": credits_lost,
    }


def funding_of(mob: m.StudentMobility) -> str:
    """The funding source of a file (OSU-1.1-3): recorded on the file, else the call's programme."""
    return mob.funding_programme or (mob.call.programme if mob.call else "")


def funding_label(mob: m.StudentMobility) -> str:
    code = funding_of(mob)
    return str(m.FundingProgramme(code).label) if code in m.FundingProgramme.values else "—"


def finance_by_funding(outs: list[m.StudentMobility]) -> list[dict[str, Any]]:
    """Per funding source and currency: files, fees and stipends recorded (OSU-1.1-3)."""
    rows: dict[tuple[str, str], dict[str, Any]] = {}
    for mob in outs:
        key = (funding_label(mob), mob.currency)
        row = rows.setdefault(key, {"funding": key[0], "currency": key[1], "files": 0, "fees": Decimal(0), "stipends": Decimal(0)})
        row["files"] += 1
        row["fees"] += mob.fee_amount or Decimal(0)
        row["stipends"] += mob.stipend_amount or Decimal(0)
    return sorted(rows.values(), key=lambda r: (-r["files"], r["funding"], r["currency"]))


def explanations(data: Any) -> list[Explanation]:
    if not data:
        return []
    items = data if isinstance(data, list) else [data]
    out = []
    for d in items:
        try:
            out.append(Explanation.from_dict(d))
        except (KeyError, TypeError, ValueError):
            continue
    return out


# --- quota places: the counters agree with the files holding a place (OSU-4.8-IRD-4, OSU-4.8-IRD-13) --------------------


@dataclass(frozen=True)
class PlaceMismatch:
    """One disagreement between a quota counter and the files marked as holding its places (or a selected file of a
    call that holds no place). ``kind``: ``call`` / ``agreement_quota`` / ``unmarked_file``."""

    kind: str
    pk: int
    label: str
    counted: int
    holders: int

    def __str__(self) -> str:
        return f"{self.kind} #{self.pk} {self.label}: counter {self.counted}, files holding a place {self.holders}"


def place_inconsistencies() -> list[PlaceMismatch]:
    """Places used = files holding a place, per call and per agreement/year/level quota; and every file of a call past
    selection (not ended before the mobility) holds one. Empty when consistent."""
    from django.db.models import Count

    out: list[PlaceMismatch] = []
    for call in m.Call.objects.annotate(n=Count("applications", filter=Q(applications__quota_taken=True))).order_by("pk"):
        if call.quota_used != call.n:
            out.append(PlaceMismatch("call", call.pk, call.title, call.quota_used, call.n))
    for q in m.AgreementQuota.objects.annotate(n=Count("holders")).select_related("agreement__partner").order_by("pk"):
        if q.used != q.n:
            out.append(PlaceMismatch("agreement_quota", q.pk, f"{q.agreement} {q.academic_year} {q.level}", q.used, q.n))
    unmarked = (m.StudentMobility.objects.filter(call__isnull=False, quota_taken=False)
                .exclude(state__in=m.StudentMobility.NO_PLACE).order_by("pk").values_list("pk", "call_id", "state"))
    for pk, call_id, state in unmarked:
        out.append(PlaceMismatch("unmarked_file", pk, f"call #{call_id}, {state}", 0, 1))
    return out


def project_leader_candidates(institution: Any) -> QuerySet[Any]:
    """Who may be named project leader of a staff trip: active user accounts of staff members of the trip's institution
    (the project leader approves a step of the chain, OSU-4.8-STAFF-3 — never any username)."""
    from django.contrib.auth import get_user_model

    from bilim.apps.people.models import Staff

    users = get_user_model().objects.filter(is_active=True)
    if institution is None:
        return users.none()
    staff_users = Staff.objects.filter(institution=institution, person__user__isnull=False).values("person__user")
    return users.filter(pk__in=staff_users).order_by("last_name", "first_name", "username")


def home_courses(student: Any) -> QuerySet:
    """The home courses a study-plan line may count for: the student's programme first, then the other programmes of
    the student's faculty (the faculty decides equivalences within its own curricula; OSU-4.8-STU-9)."""
    from django.db.models import Case, IntegerField, Value, When

    from bilim.apps.curriculum.models import Course

    return (Course.objects.filter(institution_id=student.institution_id)
            .filter(Q(programme_id=student.programme_id) | Q(programme__unit_id=student.unit_id))
            .annotate(own=Case(When(programme_id=student.programme_id, then=Value(0)), default=Value(1), output_field=IntegerField()))
            .order_by("own", "code"))


def required_documents(call: Any, student: Any, term: str | None = None) -> list[tuple[str, str]]:
    """The documents a student of this level hands to IRD for this call (OSU-4.8-STU-3), as (code, translated name).

    Short-term or long-term is known only once the dates are set; the ISP is listed for a long stay by the rule itself.
    """
    from django.core.exceptions import ValidationError

    from bilim.apps.mobility.services import _level, today
    from bilim.regulations.core.registry import evaluate

    try:
        level = _level(student) if student is not None else "BACHELOR"
    except ValidationError:  # a level this regulation does not cover: the application itself will say so
        level = "BACHELOR"
    if term is None and call is not None:  # OSU-1.3.5-2 classifies the stay by its dates (the limit is a dated parameter)
        term = str(evaluate("OSU-1.3.5-2", {"start_date": call.mobility_start, "end_date": call.mobility_end}, today()).value)
    codes = stu_rules.required_documents(level, term or "SHORT", bool(call and call.language_certificate_required), today())
    names = dict(m.MobilityDocument.Kind.choices)
    from django.utils.translation import gettext as _

    names["ISP"] = _("Individual study plan (with the list of disciplines taught at a distance)")  # type: ignore[assignment]
    return [(c, str(names.get(c, c))) for c in codes]
