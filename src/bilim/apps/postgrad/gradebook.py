"""Reads of a KTMU student's results: the published course grades by term, term GPA and CGPA
(KTMU-32(9)-1…3, last attempt counts 30(7)-1), standing with its reasons (32(11)-1, 32(12)-1, ground
39(1)f-1), semesters used toward the maximum duration (26(1)-1; academic leave counts, ERRATA 26),
the queues of instructors, FoS heads and the institute. Every figure comes from a rule's Outcome,
so the page shows the "why" next to it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Q
from django.utils import timezone

from bilim.apps.curriculum.models import Term
from bilim.apps.people.models import Student
from bilim.apps.postgrad import models as m
from bilim.apps.postgrad.grades import PUBLISHED_STATES
from bilim.apps.postgrad.selectors import lang, pg_level
from bilim.apps.records.models import Enrolment, Grade
from bilim.regulations.core import Verdict
from bilim.regulations.core.outcome import Outcome
from bilim.regulations.core.registry import evaluate
from bilim.regulations.postgrad import dismissal, gpa
from bilim.regulations.postgrad.grading import CREDIT_LETTERS

NON_CREDIT = ("G", "K")


def _term_code(term: Term) -> tuple[int, str]:
    """(academic year start, AUTUMN/SPRING) of a term; a summer term belongs to the spring semester of its year."""
    return term.year.starts_on.year, "AUTUMN" if term.kind == Term.Kind.FALL else "SPRING"


class _Row:
    """A published result: the enrolment and its score sheet (None for a grade recorded before the grade sheets —
    imported history, which was published when it was recorded)."""

    def __init__(self, enrolment: Enrolment) -> None:
        self.enrolment = enrolment
        self.sheet = getattr(enrolment, "score_sheet", None)


def published_sheets(student: Student) -> list[_Row]:
    qs = (Enrolment.objects.filter(student=student).filter(Q(score_sheet__state__in=PUBLISHED_STATES) | Q(score_sheet__isnull=True, grade__isnull=False))
          .select_related("offering__course", "offering__term__year", "grade", "score_sheet")
          .order_by("offering__term__starts_on", "offering__course__code", "pk"))
    rows: list[_Row] = []
    seen: set[tuple[str, int]] = set()
    for e in qs:
        key = (e.offering.course.code, e.offering.term_id)
        if key in seen:  # one result per course and term (a second section's row would be a double attempt)
            continue
        seen.add(key)
        rows.append(_Row(e))
    return rows


def course_grade_facts(sheet: Any) -> dict[str, Any] | None:
    g = getattr(sheet.enrolment, "grade", None)
    if g is None or not g.letter:
        return None
    year, term = _term_code(sheet.enrolment.offering.term)
    return {"course_code": sheet.enrolment.offering.course.code, "academic_year": year, "term": term, "ects": sheet.enrolment.offering.course.ects,
            "grade": g.letter, "kind": "NON_CREDIT" if g.letter in NON_CREDIT else "REGULAR",
            # the coefficient stored with the grade (the table in force on its exam date): a later amendment of
            # Table 1 never recomputes a GPA; `bilim regrade` re-evaluates deliberately, on a recorded decision
            "coefficient": g.coefficient, "exam_date": g.graded_on}


@dataclass
class TermBlock:
    """One term of the transcript: its courses and the GPAs after it."""

    term: Term
    rows: list[dict[str, Any]] = field(default_factory=list)
    sgpa: Outcome | None = None
    cgpa: Outcome | None = None


def transcript(student: Student, upto: Term | None = None) -> list[TermBlock]:
    """Published results by term with the term GPA and the CGPA after each term (rules of art. 32(9))."""
    blocks: dict[int, TermBlock] = {}
    facts_so_far: list[dict[str, Any]] = []
    level = pg_level(student)
    out: list[TermBlock] = []
    for sheet in published_sheets(student):
        term = sheet.enrolment.offering.term
        if upto is not None and term.starts_on > upto.starts_on:
            continue
        b = blocks.get(term.pk)
        if b is None:
            b = blocks[term.pk] = TermBlock(term)
            out.append(b)
        g: Grade | None = getattr(sheet.enrolment, "grade", None)
        b.rows.append({"sheet": sheet, "course": sheet.enrolment.offering.course, "grade": g})  # sheet: a published row
    for b in out:
        term_facts = [f for f in (course_grade_facts(r["sheet"]) for r in b.rows) if f]
        facts_so_far += term_facts
        if not term_facts:
            continue
        year, code = _term_code(b.term)
        as_of = b.term.ends_on
        try:
            b.sgpa = gpa.semester_gpa({"level": level, "courses": facts_so_far, "academic_year": year, "term": code}, as_of)
            b.cgpa = gpa.cumulative_gpa({"level": level, "courses": list(facts_so_far)}, as_of)
        except Exception:  # noqa: BLE001 - an inconsistent record (two attempts in one semester) shows without a GPA
            b.sgpa = b.cgpa = None
    return out


def gpa_guard_facts(student: Student, sheet: m.ScoreSheet, day: dt.date) -> dict[str, Any]:
    """Facts of the GPA step of W-15 (row 9) for one published sheet."""
    level = pg_level(student)
    courses = [f for f in (course_grade_facts(s) for s in published_sheets(student)) if f]
    mine = course_grade_facts(sheet) or {}
    year, code = _term_code(sheet.enrolment.offering.term)
    attempts = [{"sequence": gpa.semester_index(c["academic_year"], c["term"]), "course_code": c["course_code"], "letter": c["grade"]}
                for c in courses if c["course_code"] == mine.get("course_code") and c["grade"] in CREDIT_LETTERS]
    facts: dict[str, Any] = {
        "KTMU-32(8)-1": {"course_type": "NON_CREDIT_WORK" if mine.get("grade") in NON_CREDIT else "COURSE", "grade": mine.get("grade", "")},
        "KTMU-32(9)-1": {"level": level, "courses": courses, "academic_year": year, "term": code},
        "KTMU-32(9)-2": {"level": level, "courses": courses},
        "KTMU-32(9)-3": {"level": level, "courses": courses, "academic_year": year, "term": code},
    }
    if attempts:
        facts["KTMU-30(7)-1"] = {"attempts": attempts}
    else:  # a marker (F1/F2/GM) or G/K: no letter attempt to order; the rule is judged on the marker's 0.00 as FF
        facts["KTMU-30(7)-1"] = {"attempts": [{"sequence": 0, "course_code": mine.get("course_code", "-"), "letter": "FF"}]}
    return facts


@dataclass
class Standing:
    """A student's standing: CGPA, the graduation threshold, the coursework limit and ground (f), each with its Outcome."""

    cgpa: Outcome
    graduation: Outcome | None
    coursework: Outcome
    ground_f: Outcome
    duration: Outcome
    semesters_used: int
    coursework_semesters: int
    completed: bool
    label: str

    def reasons(self) -> list[str]:
        lg = lang()
        return [o.message(lg) for o in (self.cgpa, self.graduation, self.coursework, self.ground_f, self.duration) if o is not None]


def _semesters(student: Student, day: dt.date) -> list[str]:
    """Fall/spring semesters since admission up to ``day`` (every one counts, leave included: ERRATA 26)."""
    if student.admitted_on is None:
        return ["REGULAR"] * max(student.semester, 1)
    terms = Term.objects.filter(year__institution_id=student.institution_id, kind__in=[Term.Kind.FALL, Term.Kind.SPRING],
                                ends_on__gte=student.admitted_on, starts_on__lte=day)
    return ["REGULAR"] * max(terms.count(), 1)


def _coursework_semesters(student: Student) -> int:
    """Semesters in which the student took credit courses (A-47: from the first with course-selection right)."""
    return (Enrolment.objects.filter(student=student).exclude(offering__term__kind=Term.Kind.SUMMER)
            .filter(Q(score_sheet__isnull=False) | Q(grade__isnull=False)).values("offering__term").distinct().count())


def standing(student: Student, day: dt.date | None = None) -> Standing:
    day = day or timezone.localdate()
    level = pg_level(student)
    courses = [f for f in (course_grade_facts(s) for s in published_sheets(student)) if f]
    cg = gpa.cumulative_gpa({"level": level, "courses": courses}, day)
    value: gpa.GpaValue = cg.value
    grad = gpa.graduation_gpa({"level": level, "cgpa": value.exact}, day) if value.exact is not None else None
    required = student.programme.courses.filter(kind="compulsory").values_list("code", flat=True)
    latest = {c.course_code: c for c in gpa.latest_attempts(gpa.CourseGrade(**c) for c in courses)}
    passed_codes = {code for code, c in latest.items() if _passes(c.grade, level, day)}
    all_passed = bool(latest) and set(required) <= passed_codes
    cw_used = _coursework_semesters(student)
    cw = gpa.coursework_period({"coursework_semesters_used": cw_used, "all_required_courses_passed": all_passed}, day)
    ground = dismissal.ground_f_coursework({"level": level, "coursework_semesters_used": cw_used, "all_required_courses_passed": all_passed,
                                            "cgpa": value.exact}, day)
    sem = _semesters(student, day)
    duration = evaluate("KTMU-26(1)-1", {"semesters": sem}, day)
    completed = all_passed and grad is not None and grad.verdict is Verdict.PASS and cw.verdict is Verdict.PASS
    if ground.verdict is Verdict.FAIL:
        label = "dismissal_ground"
    elif completed:
        label = "coursework_completed"
    elif grad is not None and grad.verdict is Verdict.FAIL:
        label = "below_threshold"
    elif value.exact is None:
        label = "no_results"
    else:
        label = "good"
    return Standing(cg, grad, cw, ground, duration, duration.value, cw_used, completed, label)


def _passes(letter: str, level: str, day: dt.date) -> bool:
    from bilim.regulations.postgrad.grading import letter_passes

    if letter == "G":
        return True
    if letter == "K":
        return False
    try:
        return letter_passes(letter, level, day)
    except Exception:  # noqa: BLE001 - an unknown letter does not pass
        return False


def gpa_shown(o: Outcome | None) -> str:
    if o is None or o.value is None or o.value.shown is None:
        return "—"
    return f"{o.value.shown:.2f}"


def letter_points(g: Grade | None) -> Decimal | None:
    return g.coefficient if g is not None else None


# --- queues ------------------------------------------------------------------------------------------------


def queues(user: Any) -> dict[str, list[Any]]:
    """Pending grade work for ``user``: as an instructor, as a FoS head, as the institute (each through ``restrict``)."""
    from bilim.apps.accounts.permissions import can, restrict
    from bilim.apps.postgrad.grades import OPEN_STATES, submission_due
    from bilim.apps.postgrad.selectors import pg_offerings

    lg = lang()
    q: dict[str, list[Any]] = {k: [] for k in ("sheets_due", "excuse_exams", "appeals_to_review", "my_corrections", "schedules", "overdue",
                                               "to_publish", "excuses", "appeals_board", "corrections_board", "second_appeals")}
    mine = pg_offerings().filter(instructors__person__user=user, assessment_plan__isnull=False).distinct()
    for o in mine:
        open_n = m.ScoreSheet.objects.filter(enrolment__offering=o, state__in=OPEN_STATES).count()
        registered = o.enrolments.filter(status="registered").count()
        if open_n or not m.ScoreSheet.objects.filter(enrolment__offering=o).exists() and registered:
            due = submission_due(o)
            q["sheets_due"].append({"offering": o, "open": open_n or registered, "due": due.message(lg) if due else "",
                                    "overdue": bool(due and due.verdict is Verdict.FAIL)})
    q["excuse_exams"] = list(m.ScoreSheet.objects.filter(state="EXCUSE_EXAM_SET", enrolment__offering__in=mine).select_related(
        "enrolment__student__person", "enrolment__offering__course"))
    q["appeals_to_review"] = list(m.GradeAppeal.objects.filter(state="APPEAL_FILED", sheet__enrolment__offering__in=mine).select_related(
        "sheet__enrolment__student__person", "sheet__enrolment__offering__course"))
    q["my_corrections"] = list(m.GradeCorrection.objects.filter(requested_by=user, state="CORRECTION_REQUESTED").select_related(
        "sheet__enrolment__student__person", "sheet__enrolment__offering__course"))
    if can(user, "postgrad.publish_exam_schedule"):
        heads = restrict(user, "postgrad.publish_exam_schedule", pg_offerings().filter(assessment_plan__isnull=False))
        q["schedules"] = list(heads.filter(enrolments__score_sheet__state__in=["RUNS", "PLAN_SET"]).distinct())
        for o in heads.filter(enrolments__score_sheet__state__in=OPEN_STATES).distinct():
            due = submission_due(o)
            if due is not None and due.verdict is Verdict.FAIL:
                q["overdue"].append({"offering": o, "due": due.message(lg)})
    if can(user, "postgrad.publish_results"):
        inst = restrict(user, "postgrad.publish_results", pg_offerings())
        q["to_publish"] = list(inst.filter(enrolments__score_sheet__state="SUBMITTED").distinct())
    if can(user, "postgrad.view_record"):
        from bilim.apps.postgrad.selectors import pg_students

        students = restrict(user, "postgrad.view_record", pg_students()).values("pk")
        rel = ("sheet__enrolment__student__person", "sheet__enrolment__offering__course")
        q["excuses"] = list(m.ScoreSheet.objects.filter(state="ELIGIBLE_FOR_FINAL", excuse_applied_on__isnull=False, enrolment__student__in=students)
                            .select_related("enrolment__student__person", "enrolment__offering__course"))
        q["appeals_board"] = list(m.GradeAppeal.objects.filter(state="REVIEWED", sheet__enrolment__student__in=students).select_related(*rel))
        q["corrections_board"] = list(m.GradeCorrection.objects.filter(state="CORRECTION_REQUESTED", sheet__enrolment__student__in=students)
                                      .select_related(*rel))
        q["second_appeals"] = list(m.GradeAppeal.objects.filter(state="SECOND_APPEAL", sheet__enrolment__student__in=students).select_related(*rel))
    q["total"] = [sum(len(v) for v in q.values())]
    return q


# --- the student's page -----------------------------------------------------------------------------------


def student_overview(student: Student, user: Any) -> dict[str, Any]:
    """Everything the KTMU student's page shows about courses, results, standing, deadlines and decisions."""
    from bilim.apps.postgrad.grades import OPEN_STATES
    from bilim.apps.workflow.models import Transition
    from bilim.regulations.core.registry import evaluate

    lg = lang()
    today = timezone.localdate()
    own = student.person.user_id == getattr(user, "pk", None)
    plans = {p.offering_id: p for p in m.AssessmentPlan.objects.filter(offering__enrolments__student=student).distinct()}
    courses = []
    deadlines: list[str] = []
    actions: list[dict[str, Any]] = []
    sheets = {s.enrolment_id: s for s in m.ScoreSheet.objects.filter(enrolment__student=student)}
    for e in student.enrolments.select_related("offering__course", "offering__term__year").order_by("-offering__term__starts_on", "offering__course__code"):
        sheet = sheets.get(e.pk)
        plan = plans.get(e.offering_id)
        published = bool(sheet and sheet.state in PUBLISHED_STATES) or (sheet is None and Grade.objects.filter(enrolment=e).exists())
        comps = [(c["code"], (sheet.scores.get(c["code"]) if sheet else None)) for c in (plan.components if plan else [])]
        courses.append({"e": e, "sheet": sheet, "components": comps, "published": published, "state": sheet.state if sheet else "RUNS"})
        if sheet is None:
            continue
        label = f"{e.offering.course.code} {e.offering.course.title(lg)}"
        if published and sheet.published_on:
            o = evaluate("KTMU-34-1", {"results_published_on": sheet.published_on}, today)
            if o.verdict is Verdict.WARN:
                deadlines.append(f"{label}: {o.message(lg)}")
                if own and not sheet.appeals.exclude(state__in=["CORRECTED", "UPHELD", "DECIDED"]).exists():
                    actions.append({"label": label, "kind": "appeal", "sheet": sheet})
        if sheet.state == "ELIGIBLE_FOR_FINAL" and plan and not sheet.excuse_applied_on and not sheet.excuse_exams and plan.final_exam_date <= today:
            o = evaluate("KTMU-31(5)-1", {"exam_date": plan.final_exam_date, "applied_on": today, "evidence": "HEALTH_CERTIFICATE", "board_accepted": None}, today)
            if o.verdict is Verdict.WARN:
                deadlines.append(f"{label}: {o.message(lg)}")
                if own:
                    actions.append({"label": label, "kind": "excuse", "sheet": sheet})
        if sheet.state in OPEN_STATES and plan:
            deadlines.append(f"{label}: " + grading_due_text(plan, today, lg))
    ids = [str(s.pk) for s in sheets.values()]
    appeal_ids = [str(pk) for pk in m.GradeAppeal.objects.filter(sheet__enrolment__student=student).values_list("pk", flat=True)]
    corr_ids = [str(pk) for pk in m.GradeCorrection.objects.filter(sheet__enrolment__student=student).values_list("pk", flat=True)]
    decisions = list(Transition.objects.filter(decision__isnull=False).filter(
        models_q(("postgrad.scoresheet", ids), ("postgrad.gradeappeal", appeal_ids), ("postgrad.gradecorrection", corr_ids)))
        .select_related("decision__body").order_by("-at"))
    return {"courses": courses, "deadlines": deadlines, "actions": actions, "decisions": decisions,
            "appeals": m.GradeAppeal.objects.filter(sheet__enrolment__student=student).select_related("sheet__enrolment__offering__course"),
            "corrections": m.GradeCorrection.objects.filter(sheet__enrolment__student=student).select_related("sheet__enrolment__offering__course")}


def grading_due_text(plan: m.AssessmentPlan, today: dt.date, lg: str) -> str:
    from bilim.regulations.postgrad import grading

    return grading.grade_submission({"exam_date": plan.final_exam_date}, today).message(lg)


def models_q(*pairs: tuple[str, list[str]]) -> Any:
    from django.db.models import Q

    q = Q(pk__in=[])
    for object_type, ids in pairs:
        if ids:
            q |= Q(object_type=object_type, object_id__in=ids)
    return q
