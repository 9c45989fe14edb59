"""Reads for the KTMU postgraduate pages: attendance ratios with their eligibility outcome, a
supervisor's current load, the rule sets that apply to a student, an institute's published exams."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import get_language

from bilim.apps.accounts.permissions import active_roles
from bilim.apps.curriculum.models import Offering
from bilim.apps.org.models import Institution, RegulationSet
from bilim.apps.people.models import Level, Staff, Student
from bilim.apps.postgrad import models as m
from bilim.apps.records.models import Enrolment
from bilim.regulations.core import Outcome
from bilim.regulations.postgrad.studies_attendance import attendance_eligibility

LEVEL_CODE: dict[str, str] = {Level.MASTER: "MA", Level.DOCTORATE: "PHD", Level.ARTS: "AI"}


def lang() -> str:
    code = (get_language() or "ky")[:2]
    return code if code in {"ky", "ru", "en", "tr"} else "ky"


def pg_level(student: Student) -> str:
    """The rules layer's level code (MA / PHD / AI) of a KTMU postgraduate student."""
    return LEVEL_CODE.get(student.level, "MA")


# Institutions run by the KTMU postgraduate instruction: chosen by their regulation set, never by their code.
PG_REGULATION_SET = RegulationSet.KTMU_POSTGRAD


def pg_institutions() -> QuerySet[Institution]:
    return Institution.objects.filter(regulation_set=PG_REGULATION_SET)


def actor_pg_institution(user: Any) -> Institution | None:
    """The postgraduate institution a user acts for: that of their role assignments, else the only one there is."""
    ids = {a.institution_id for a in active_roles(user) if a.institution_id}
    qs = pg_institutions().order_by("pk")
    if ids:  # a role held somewhere: that institution or none (never another university's)
        return qs.filter(pk__in=ids).first()
    candidates = list(qs[:2])
    return candidates[0] if len(candidates) == 1 else None


def pg_students() -> QuerySet[Student]:
    return Student.objects.filter(institution__regulation_set=PG_REGULATION_SET, level__in=list(LEVEL_CODE)).select_related("person", "programme", "unit")


def pg_offerings() -> QuerySet[Offering]:
    return Offering.objects.filter(course__institution__regulation_set=PG_REGULATION_SET, course__programme__level__in=list(LEVEL_CODE)).select_related(
        "course__programme", "term__year")


def attendance_counts(enrolment: Enrolment) -> dict[str, int]:
    rows = m.AttendanceMark.objects.filter(enrolment=enrolment).values("session__kind").annotate(
        held=Count("id"), attended=Count("id", filter=Q(present=True)))
    out = {"theory_held": 0, "theory_attended": 0, "practice_held": 0, "practice_attended": 0}
    for r in rows:
        kind = r["session__kind"]
        out[f"{kind}_held"] = r["held"]
        out[f"{kind}_attended"] = r["attended"]
    return out


def attendance_outcome(enrolment: Enrolment) -> Outcome:
    """KTMU-30(1)-1, 30(2)-1 on the sessions actually held for this student (ERRATA 30)."""
    return attendance_eligibility(attendance_counts(enrolment), timezone.localdate())


def supervision_load(staff: Staff | None) -> int:
    """Students the person currently supervises in any role (KTMU-21(3)-1 shows this to the FoS council)."""
    if staff is None:
        return 0
    return m.Supervision.objects.filter(staff=staff, status=m.Supervision.Status.ACTIVE).values("student").distinct().count()


def external_load(name: str) -> int:
    return m.Supervision.objects.filter(staff__isnull=True, external_name__iexact=name.strip(), status=m.Supervision.Status.ACTIVE).count()


def rulesets_for(student: Student, scopes: tuple[str, ...] = ("SUPERVISION", "THESIS", "PROGRAMME")) -> QuerySet[m.ExternalRuleSet]:
    """The implementing rule sets attached to the student's level or programme (or to every level)."""
    return m.ExternalRuleSet.objects.filter(institution_id=student.institution_id, scope__in=scopes).filter(
        Q(programme_id=student.programme_id) | Q(programme__isnull=True, level__in=[student.level, ""])
    ).select_related("adopted_by__body")


def published_exams(institute_id: int) -> QuerySet[m.ExamScheduleEntry]:
    return m.ExamScheduleEntry.objects.filter(institute_id=institute_id, published_on__isnull=False).select_related(
        "offering__course", "decision__body").order_by("exam_date", "starts_at")


def explanation(data: Any) -> str:
    from bilim.apps.records.selectors import explanation_text

    return explanation_text(data, lang())
