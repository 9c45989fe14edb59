"""Grade sheets, excuse exams, publication, appeals and corrections of KTMU postgraduate courses:
tables KTMU-W-15 (art. 30–32), KTMU-W-16b (art. 34) and KTMU-W-16c (art. 35).

Every state change goes through :func:`bilim.apps.workflow.services.transition_apply` with a facts
builder that reads the *locked* row; the rules of ``bilim.regulations.postgrad`` judge. Services here
gather facts, check the actor's scope (the engine checks the role or the body's decision), write the
data that goes with a step (scores, dates, the old and new grade) and an audit row.

``on`` (the day of the step) defaults to today; the seed and tests pass earlier days to lay out a
semester. A published grade is never overwritten: it changes only through an Institute Board
decision on an appeal (W-16b ``correct``) or an instructor's correction request (W-16c ``approve``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from bilim.apps.accounts.permissions import require
from bilim.apps.audit.models import AuditEvent
from bilim.apps.audit.services import record, snapshot
from bilim.apps.core.numbers import SCORE_KTMU, clean_decimal
from bilim.apps.core.uploads import validate_upload
from bilim.apps.curriculum.models import CalendarPeriod, Offering
from bilim.apps.governance.models import Decision
from bilim.apps.postgrad import models as m
from bilim.apps.postgrad.selectors import attendance_outcome, pg_level
from bilim.apps.records.models import Enrolment, Grade
from bilim.apps.workflow.services import TransitionRefused, cite, transition_apply
from bilim.regulations.core import Verdict
from bilim.regulations.core.outcome import Outcome
from bilim.regulations.postgrad import grading

W15, W16B, W16C = "KTMU-W-15", "KTMU-W-16b", "KTMU-W-16c"
#: states in which the instructor still enters scores (before the sheet is submitted to the institute)
OPEN_STATES = ("RUNS", "PLAN_SET", "SCHEDULED", "ELIGIBLE_FOR_FINAL", "F1", "EXCUSE_EXAM_SET", "PASSED", "FAILED")
#: states of a published result (W-15 row 8 onwards)
PUBLISHED_STATES = ("PUBLISHED", "RE_ENROLLED", "COURSEWORK_COMPLETED", "DISMISSAL_CASE")


def _today(on: dt.date | None) -> dt.date:
    return on or timezone.localdate()


def _plan(offering: Offering) -> m.AssessmentPlan:
    plan = m.AssessmentPlan.objects.filter(offering=offering).first()
    if plan is None:
        raise ValidationError(_("Set the weight plan of the course first."))
    return plan


def sheets_ensure(offering: Offering) -> list[m.ScoreSheet]:
    """A score sheet (state RUNS) for every registered student of the offering; returns all its sheets."""
    have = set(m.ScoreSheet.objects.filter(enrolment__offering=offering).values_list("enrolment_id", flat=True))
    missing = offering.enrolments.filter(status=Enrolment.Status.REGISTERED).exclude(pk__in=have)
    m.ScoreSheet.objects.bulk_create([m.ScoreSheet(enrolment=e) for e in missing])
    return list(m.ScoreSheet.objects.filter(enrolment__offering=offering).select_related("enrolment__student__person", "enrolment__offering__course")
                .order_by("enrolment__student__person__last_name", "pk"))


def _course_facts(sheet: m.ScoreSheet, plan: m.AssessmentPlan) -> dict[str, Any]:
    att = attendance_outcome(sheet.enrolment)
    comps = [{"kind": c["kind"], "weight": c["weight"], "score": sheet.scores.get(c["code"])} for c in plan.components]
    return {"level": pg_level(sheet.enrolment.student), "exam_date": plan.final_exam_date, "attendance_ok": att.verdict is not Verdict.FAIL,
            "components": comps, "final_excused": sheet.final_excused}


def _grade_dict(g: Grade | None) -> dict[str, Any] | None:
    if g is None:
        return None
    return {"score": str(g.score) if g.score is not None else None, "letter": g.letter, "passed": g.passed,
            "midterm": str(g.midterm) if g.midterm is not None else None, "final": str(g.final) if g.final is not None else None}


def _scope_check(actor: Any, action: str, sheet_or_offering: Any) -> None:
    offering = sheet_or_offering if isinstance(sheet_or_offering, Offering) else sheet_or_offering.enrolment.offering
    require(actor, action, offering)


# --- W-15 rows 1–2: plan and exam schedule -----------------------------------------------------------


def plan_steps(*, actor: Any, offering: Offering, create: bool = True) -> int:
    """W-15 row 1 for every sheet still in RUNS once the weight plan is saved (guards KTMU-31(1)-1, 32(1)-1).
    ``create=False``: only the sheets that exist (saving the plan alone creates no student rows)."""
    plan = _plan(offering)
    moved = 0
    sheets = sheets_ensure(offering) if create else list(m.ScoreSheet.objects.filter(enrolment__offering=offering))
    for sheet in sheets:
        if sheet.state != "RUNS":
            continue

        def facts(locked: m.ScoreSheet) -> dict[str, Any]:
            return {"KTMU-31(1)-1": {"components": [{"kind": c["kind"]} for c in plan.components]},
                    "KTMU-32(1)-1": {"components": [{"kind": c["kind"], "weight": c["weight"]} for c in plan.components]}}

        # the step is the plan's author's (a sheet created after the plan was saved joins it with the same author)
        transition_apply(actor=plan.updated_by or actor, obj=sheet, workflow_code=W15, action="set_assessment_plan", facts=facts,
                         as_of=plan.final_exam_date)
        moved += 1
    return moved


def exam_periods(offering: Offering) -> list[dict[str, dt.date]]:
    qs = CalendarPeriod.objects.filter(institution_id=offering.course.institution_id, kind=CalendarPeriod.Kind.FINALS).filter(
        term_id=offering.term_id) | CalendarPeriod.objects.filter(institution_id=offering.course.institution_id, kind=CalendarPeriod.Kind.FINALS,
                                                                  term__isnull=True, starts_on__lte=offering.term.ends_on, ends_on__gte=offering.term.starts_on)
    return [{"start": p.starts_on, "end": p.ends_on} for p in qs]


def exam_schedule_publish(*, actor: Any, offering: Offering, on: dt.date | None = None) -> int:
    """W-15 row 2: the FoS head publishes the final-exam date (KTMU-31(4)-1 calendar, 31(4)-2 two weeks ahead)."""
    require(actor, "postgrad.publish_exam_schedule", offering)
    plan = _plan(offering)
    day = _today(on)
    with transaction.atomic():
        plan_steps(actor=actor, offering=offering)
        moved = 0
        for sheet in sheets_ensure(offering):
            if sheet.state != "PLAN_SET":
                continue
            transition_apply(actor=actor, obj=sheet, workflow_code=W15, action="publish_exam_schedule", as_of=day, facts=lambda locked: {
                "KTMU-31(4)-1": {"exam_date": plan.final_exam_date, "calendar_exam_periods": exam_periods(offering)},
                "KTMU-31(4)-2": {"first_exam_date": plan.final_exam_date, "published_on": day, "prepared_by": "fos_head"},
            })
            moved += 1
    return moved


# --- the grade sheet: save all at once -------------------------------------------------------------


def grade_sheet_save(*, actor: Any, offering: Offering, rows: dict[int, dict[str, Any]]) -> dict[int, dict[str, str]]:
    """Save every student's component scores at once (KTMU-32(2)-1). ``rows``: enrolment id → {component code: typed text}.

    Each cell goes through the one parsing path (finite, 0–100, decimal comma accepted). If any cell is wrong,
    nothing is written and the errors come back per sheet and cell; the page shows the typed input again.
    A submitted or published sheet is locked (its result changes only by art. 34/35).
    """
    from bilim.apps.postgrad.services import _grade, require_instructor

    require_instructor(actor, offering)
    plan = _plan(offering)
    sheets = {s.enrolment_id: s for s in sheets_ensure(offering)}
    errors: dict[int, dict[str, str]] = {}
    clean: dict[int, dict[str, str | None]] = {}
    for sid, cells in rows.items():
        sheet = sheets.get(sid)
        if sheet is None:
            continue
        if sheet.state not in OPEN_STATES:
            errors.setdefault(sid, {})["__all__"] = _("The results of this student were submitted; they can change only by an appeal (KTMU-34) or a correction (KTMU-35).")
            continue
        out: dict[str, str | None] = {}
        for c in plan.components:
            try:
                value = clean_decimal(cells.get(c["code"], ""), SCORE_KTMU, c["code"], required=False)
            except ValidationError as exc:
                errors.setdefault(sid, {})[c["code"]] = " ".join(exc.messages)
                continue
            out[c["code"]] = None if value is None else str(value)
        clean[sid] = out
    if errors:
        return errors
    with transaction.atomic():
        for sid, out in clean.items():
            sheet = m.ScoreSheet.objects.select_for_update().get(enrolment_id=sid)
            if sheet.state not in OPEN_STATES:
                raise ValidationError(_("The results of this student were submitted; they can change only by an appeal (KTMU-34) or a correction (KTMU-35)."))
            if sheet.scores == out:
                continue
            before = snapshot(sheet)
            sheet.scores, sheet.updated_by = out, actor
            sheet.save(update_fields=["scores", "updated_by", "updated_at"])
            record(actor=actor, action=AuditEvent.Action.UPDATE, obj=sheet, before=before, reason="KTMU-32(2)-1")
            _grade(actor=actor, sheet=sheet, plan=plan, reason="grade sheet saved")
    return {}


# --- W-15 rows 3, 6, 7: close attendance, grade, submit --------------------------------------------


def _attendance_step(actor: Any, sheet: m.ScoreSheet, day: dt.date) -> None:
    att = attendance_outcome(sheet.enrolment)
    if att.verdict is Verdict.FAIL:
        def refuse_if_met(locked: m.ScoreSheet) -> dict[str, Any]:
            again = attendance_outcome(locked.enrolment)
            if again.verdict is not Verdict.FAIL:  # the branch the rule does not support
                raise TransitionRefused(_("Attendance is sufficient; the student may sit the final."), [again.explanation])
            return {}
        transition_apply(actor=actor, obj=sheet, workflow_code=W15, action="attendance_insufficient", facts=refuse_if_met, as_of=day,
                         extra_explanations=[att.explanation])
    else:
        transition_apply(actor=actor, obj=sheet, workflow_code=W15, action="attendance_sufficient", as_of=day,
                         facts=lambda locked: {"KTMU-30(1)-1": attendance_outcome(locked.enrolment)})


def _grade_step(actor: Any, sheet: m.ScoreSheet, plan: m.AssessmentPlan, day: dt.date) -> None:
    if sheet.state == "F1":
        transition_apply(actor=actor, obj=sheet, workflow_code=W15, action="grade", on_behalf_of_system=True, as_of=day,
                         reason="KTMU-30(2)-1")
        return
    facts = _course_facts(sheet, plan)
    result = grading.course_result(facts, plan.final_exam_date)
    g = result.value
    if g is None:  # final excused, excuse exam pending
        raise TransitionRefused(_("The excuse exam of this student is still pending."), [result.explanation])

    def builder(locked: m.ScoreSheet) -> dict[str, Any]:
        out = grading.course_result(_course_facts(locked, plan), plan.final_exam_date)
        if out.value is None or out.value.passed != g.passed:
            raise TransitionRefused(_("The scores changed meanwhile; reload the page."), [out.explanation])
        facts_: dict[str, Any] = {"KTMU-32(3)-1": out}
        if out.value.passed:
            level = pg_level(locked.enrolment.student)
            facts_["KTMU-T1-1"] = grading.letter_for_score({"score": out.value.score, "level": level, "exam_date": plan.final_exam_date}, plan.final_exam_date)
            facts_["KTMU-32(4)-1"] = facts_["KTMU-T1-1"]
            facts_["KTMU-32(5)-1"] = {"letter": out.value.letter, "level": level}
        return facts_

    action = "grade_passed" if g.passed else "grade_failed"
    transition_apply(actor=actor, obj=sheet, workflow_code=W15, action=action, facts=builder, as_of=plan.final_exam_date)


def grade_sheet_submit(*, actor: Any, offering: Offering, on: dt.date | None = None, papers_attached: bool = True) -> dict[str, Any]:
    """The instructor (or the FoS head) submits the results with the exam papers through the FoS management
    (KTMU-32(6)-1, W-15 rows 3, 6, 7): attendance closed, each student graded, each sheet SUBMITTED.

    Sheets whose excuse exam is pending stay behind (returned as ``pending``). A late or incomplete submission
    is refused with the rule's explanation and nothing is written.
    """
    from bilim.apps.postgrad.services import is_instructor

    if not is_instructor(actor, offering):
        require(actor, "postgrad.submit_results", offering)
    plan = _plan(offering)
    day = _today(on)
    pending: list[m.ScoreSheet] = []
    submitted = 0
    with transaction.atomic():
        if any(s.state == "RUNS" for s in sheets_ensure(offering)):
            plan_steps(actor=actor, offering=offering)
        for sheet in sheets_ensure(offering):
            if sheet.state in ("RUNS", "PLAN_SET"):
                raise TransitionRefused(_("The exam schedule of this course has not been published by the FoS head yet (KTMU-31(4)-2)."))
            if sheet.state == "EXCUSE_EXAM_SET" or (sheet.state == "ELIGIBLE_FOR_FINAL" and sheet.final_excused):
                pending.append(sheet)
                continue
            if sheet.state == "SCHEDULED":
                _attendance_step(actor, sheet, day)
            if sheet.state in ("ELIGIBLE_FOR_FINAL", "F1"):
                _grade_step(actor, sheet, plan, day)
            if sheet.state in ("PASSED", "FAILED"):
                transition_apply(actor=actor, obj=sheet, workflow_code=W15, action="submit_scores", as_of=day, facts=lambda locked: {
                    "KTMU-32(6)-1": {"exam_date": plan.final_exam_date, "submitted_on": day, "papers_attached": papers_attached, "via_fos_head": True}})
                m.ScoreSheet.objects.filter(pk=sheet.pk).update(submitted_on=day)
                submitted += 1
    return {"submitted": submitted, "pending": pending}


def submission_due(offering: Offering) -> Outcome | None:
    """KTMU-32(6)-1 on the sheet as it stands today (WARN while open, FAIL when overdue), or None without a plan."""
    plan = m.AssessmentPlan.objects.filter(offering=offering).first()
    if plan is None:
        return None
    return grading.grade_submission({"exam_date": plan.final_exam_date}, timezone.localdate())


# --- W-15 row 8: publication by the institute ------------------------------------------------------


def results_publish(*, actor: Any, offering: Offering, on: dt.date | None = None) -> int:
    """The institute publishes the submitted results (W-15 row 8; opens the appeal window of KTMU-34-1 and the
    correction window of 35-1), then the GPA step of row 9 records each student's term and cumulative GPA."""
    from bilim.apps.postgrad import gradebook

    require(actor, "postgrad.publish_results", offering)
    day = _today(on)
    moved = 0
    with transaction.atomic():
        for sheet in sheets_ensure(offering):
            if sheet.state != "SUBMITTED":
                continue
            transition_apply(actor=actor, obj=sheet, workflow_code=W15, action="publish", as_of=day)
            m.ScoreSheet.objects.filter(pk=sheet.pk).update(published_on=day)
            sheet.published_on = day
            moved += 1
            gpa_facts = gradebook.gpa_guard_facts(sheet.enrolment.student, sheet, day)
            transition_apply(actor=actor, obj=sheet, workflow_code=W15, action="compute_gpa", on_behalf_of_system=True, as_of=day,
                             facts=lambda locked: gpa_facts)
    if moved == 0:
        raise ValidationError(_("No submitted results to publish."))
    return moved


# --- W-15 rows 4–5: excuse exams ---------------------------------------------------------------------


def excuse_apply(*, actor: Any, sheet: m.ScoreSheet, evidence: str, note: str, on: dt.date | None = None) -> m.ScoreSheet:
    """The student applies to the institute for an excuse exam (KTMU-31(5)-1); the Institute Board decides."""
    if sheet.enrolment.student.person.user_id != getattr(actor, "pk", None):
        raise PermissionDenied("postgrad.excuse_apply")
    day = _today(on)
    errors = {}
    if evidence not in m.ScoreSheet.Evidence.values:
        errors["evidence"] = _("Choose the evidence you attach.")
    if not note.strip():
        errors["note"] = _("Describe why you missed the exam.")
    if sheet.state != "ELIGIBLE_FOR_FINAL" or sheet.excuse_applied_on:
        errors["__all__"] = _("An excuse exam cannot be requested for this course now.")
    if errors:
        raise ValidationError(errors)
    plan = _plan(sheet.enrolment.offering)
    check = grading_excuse_outcome(sheet, plan.final_exam_date, day, evidence, None)
    if check.verdict is Verdict.FAIL:
        raise ValidationError({"__all__": cite(check, _lang())})
    with transaction.atomic():
        locked = m.ScoreSheet.objects.select_for_update().get(pk=sheet.pk)
        before = snapshot(locked)
        locked.excuse_applied_on, locked.excuse_evidence, locked.excuse_note = day, evidence, note.strip()
        locked.save(update_fields=["excuse_applied_on", "excuse_evidence", "excuse_note"])
        record(actor=actor, action=AuditEvent.Action.UPDATE, obj=locked, before=before, reason="KTMU-31(5)-1")
    return locked


def _lang() -> str:
    from bilim.apps.postgrad.selectors import lang

    return lang()


def grading_excuse_outcome(sheet: m.ScoreSheet, exam_date: dt.date, applied_on: dt.date, evidence: str, accepted: bool | None) -> Outcome:
    from bilim.regulations.core.registry import evaluate

    return evaluate("KTMU-31(5)-1", {"exam_date": exam_date, "applied_on": applied_on, "evidence": evidence or "NONE", "board_accepted": accepted},
                    applied_on)


def excuse_accept(*, actor: Any, sheet: m.ScoreSheet, decision: Decision, reason: str = "") -> Any:
    """W-15 row 4: the Institute Board's adopted decision accepts the reason; the excuse exam is set (KTMU-31(5)-1, 31(6)-1)."""
    plan = _plan(sheet.enrolment.offering)

    def facts(locked: m.ScoreSheet) -> dict[str, Any]:
        if not locked.excuse_applied_on:
            raise TransitionRefused(_("The student has not applied for an excuse exam."))
        return {"KTMU-31(5)-1": {"exam_date": plan.final_exam_date, "applied_on": locked.excuse_applied_on, "evidence": locked.excuse_evidence or "NONE",
                                 "board_accepted": True},
                "KTMU-31(6)-1": {"excuse_exams_held_for_component": locked.excuse_exams, "missed_excuse_exam": locked.excuse_missed}}

    with transaction.atomic():
        tr = transition_apply(actor=actor, obj=sheet, workflow_code=W15, action="excuse_application", decision=decision, facts=facts,
                              as_of=sheet.excuse_applied_on, reason=reason or f"{decision.number}")
        m.ScoreSheet.objects.filter(pk=sheet.pk).update(final_excused=True)
        from bilim.apps.postgrad.services import _grade

        locked = m.ScoreSheet.objects.select_related("enrolment__student").get(pk=sheet.pk)
        _grade(actor=actor, sheet=locked, plan=plan, reason="KTMU-31(5)-1")  # the provisional F2 gives way to "excuse exam pending"
    return tr


def excuse_exam_record(*, actor: Any, sheet: m.ScoreSheet, score: Any, on: dt.date | None = None) -> Any:
    """W-15 row 5: the instructor records the excuse exam (the final's score, or empty when the student missed it:
    then no further excuse exam, KTMU-31(6)-1, and the course is graded F2)."""
    from bilim.apps.postgrad.services import _grade, require_instructor

    offering = sheet.enrolment.offering
    require_instructor(actor, offering)
    plan = _plan(offering)
    value = clean_decimal(score, SCORE_KTMU, "score", required=False)
    final = next((c["code"] for c in plan.components if c["kind"] == "FINAL"), None)
    with transaction.atomic():
        tr = transition_apply(actor=actor, obj=sheet, workflow_code=W15, action="sit_excuse_exam", as_of=_today(on), facts=lambda locked: {
            # the excuse exam now sat is the first organised for the final: none before it, none missed (KTMU-31(6)-1)
            "KTMU-31(6)-1": {"excuse_exams_held_for_component": locked.excuse_exams, "missed_excuse_exam": locked.excuse_missed}})
        locked = m.ScoreSheet.objects.select_for_update().get(pk=sheet.pk)
        before = snapshot(locked)
        if final:
            locked.scores = {**locked.scores, final: None if value is None else str(value)}
        locked.excuse_exams += 1
        locked.excuse_missed = value is None
        locked.final_excused = False
        locked.save(update_fields=["scores", "excuse_exams", "excuse_missed", "final_excused"])
        record(actor=actor, action=AuditEvent.Action.UPDATE, obj=locked, before=before, reason="KTMU-31(6)-1")
        _grade(actor=actor, sheet=locked, plan=plan, reason="excuse exam")
    return tr


# --- W-15 row 12: progression ------------------------------------------------------------------------


def progression_check(*, actor: Any, student: Any, on: dt.date | None = None) -> str | None:
    """W-15 row 12 at the semester's end: coursework completed within the limit with the CGPA required
    (KTMU-32(11)-1, 32(12)-1) closes the published course records; ground KTMU-39(1)f-1 sends them to a
    dismissal case (table W-19 of the standing app). Otherwise nothing moves (returns None)."""
    from bilim.apps.postgrad import gradebook

    require(actor, "postgrad.manage_record", student)
    day = _today(on)
    st = gradebook.standing(student, day)
    sheets = list(m.ScoreSheet.objects.filter(enrolment__student=student, state="PUBLISHED"))
    if not sheets:
        return None
    if st.ground_f.verdict is Verdict.FAIL:
        action = "progression_failed"
    elif st.completed:
        action = "progression_completed"
    else:
        return None

    def facts(locked: m.ScoreSheet) -> dict[str, Any]:
        again = gradebook.standing(student, day)  # judged again inside the transaction, under the row lock
        if action == "progression_failed":
            if again.ground_f.verdict is not Verdict.FAIL:
                raise TransitionRefused(_("No dismissal ground under KTMU-39(1)f-1."), [again.ground_f.explanation])
            return {}
        return {"KTMU-32(11)-1": again.graduation, "KTMU-32(12)-1": again.coursework}

    with transaction.atomic():
        for sheet in sheets:
            transition_apply(actor=actor, obj=sheet, workflow_code=W15, action=action, on_behalf_of_system=True, as_of=day, facts=facts,
                             extra_explanations=[st.ground_f.explanation] if action == "progression_failed" else [])
    return action


# --- W-15 rows 10–11: the course taken again ------------------------------------------------------------


def sheet_re_enrol(*, actor: Any, sheet: m.ScoreSheet, new_enrolment: Enrolment, supervisor_proposed: bool = False) -> Any:
    """The student is registered again (by the registration service) for the same course — a failed course repeated
    (KTMU-30(3)-1, 30(4)-1) or a passed one retaken, the last grade counting (30(7)-1) — or for another elective in
    place of a failed one on the supervisor's proposal (30(6)-1): the earlier course record closes as RE_ENROLLED."""
    student = sheet.enrolment.student
    if new_enrolment.student_id != student.pk or new_enrolment.offering.term.starts_on <= sheet.enrolment.offering.term.starts_on:
        raise ValidationError(_("Choose a later registration of the same student."))
    if student.person.user_id != getattr(actor, "pk", None):
        require(actor, "postgrad.manage_record", student)
    old_course = sheet.enrolment.offering.course
    new_course = new_enrolment.offering.course
    if new_course.pk == old_course.pk:
        def facts(locked: m.ScoreSheet) -> dict[str, Any]:
            g = Grade.objects.filter(enrolment_id=locked.enrolment_id).first()
            return {"KTMU-30(3)-1": {"compulsory": old_course.kind == "compulsory", "attendance_met": bool(g and g.letter != "F1"),
                                     "passed": bool(g and g.passed)}}
        action = "re_enrol"
    else:
        def facts(locked: m.ScoreSheet) -> dict[str, Any]:
            g = Grade.objects.filter(enrolment_id=locked.enrolment_id).first()
            if old_course.kind != "elective" or (g is not None and g.passed):
                raise TransitionRefused(_("Only a failed elective may be replaced by another course (KTMU-30(6)-1)."))
            return {"KTMU-30(6)-1": {"failed_course": old_course.code, "chosen_course": new_course.code,
                                     "chosen_is_elective": new_course.kind == "elective", "supervisor_proposed": supervisor_proposed}}
        action = "substitute_elective"
    return transition_apply(actor=actor, obj=sheet, workflow_code=W15, action=action, facts=facts,
                            reason=f"{old_course.code} → {new_course.code} ({new_enrolment.offering.term})")


# --- W-16b: appeal against an exam result (art. 34) --------------------------------------------------


def appeal_file(*, actor: Any, sheet: m.ScoreSheet, statement: str, on: dt.date | None = None) -> m.GradeAppeal:
    """The student appeals to the institute within the limit after publication (KTMU-34-1)."""
    if sheet.enrolment.student.person.user_id != getattr(actor, "pk", None):
        raise PermissionDenied("postgrad.appeal")
    if not statement.strip():
        raise ValidationError({"statement": _("State the grounds of your appeal.")})
    if sheet.state not in PUBLISHED_STATES or sheet.published_on is None:
        raise ValidationError({"statement": _("Only a published result can be appealed.")})
    if sheet.appeals.exclude(state__in=["CORRECTED", "UPHELD", "DECIDED"]).exists():
        raise ValidationError({"statement": _("An appeal against this result is already under way.")})
    day = _today(on)
    with transaction.atomic():
        appeal = m.GradeAppeal.objects.create(sheet=sheet, statement=statement.strip(), filed_on=day, created_by=actor)
        record(actor=actor, action=AuditEvent.Action.CREATE, obj=appeal, reason="KTMU-34-1")
        transition_apply(actor=actor, obj=appeal, workflow_code=W16B, action="appeal", as_of=day, facts=lambda locked: {
            "KTMU-34-1": {"results_published_on": locked.sheet.published_on, "appeal_filed_on": locked.filed_on}})
    return appeal


def appeal_review(*, actor: Any, appeal: m.GradeAppeal, findings: str, technical_error: bool, proposed_scores: dict[str, Any] | None = None,
                  papers_attached: bool = True, on: dt.date | None = None) -> m.GradeAppeal:
    """The instructor re-checks the papers and reports in writing within the limit (KTMU-34-2)."""
    from bilim.apps.postgrad.services import require_instructor

    offering = appeal.sheet.enrolment.offering
    require_instructor(actor, offering)
    if not findings.strip():
        raise ValidationError({"findings": _("Write your findings.")})
    clean = _clean_scores(offering, proposed_scores or {}) if technical_error else {}
    if technical_error and not clean:
        raise ValidationError({"findings": _("Enter the corrected scores that the technical error calls for.")})
    day = _today(on)
    with transaction.atomic():
        locked = m.GradeAppeal.objects.select_for_update().get(pk=appeal.pk)
        before = snapshot(locked)
        locked.findings, locked.technical_error, locked.proposed_scores = findings.strip(), technical_error, clean
        locked.papers_attached, locked.reviewed_on = papers_attached, day
        locked.save()
        transition_apply(actor=actor, obj=locked, workflow_code=W16B, action="review", as_of=day, facts=lambda row: {
            "KTMU-34-2": {"appeal_received_on": row.filed_on, "findings_submitted_on": row.reviewed_on, "findings_in_writing": bool(row.findings),
                          "papers_attached": row.papers_attached}})
        record(actor=actor, action=AuditEvent.Action.UPDATE, obj=locked, before=before, reason="KTMU-34-2")
    appeal.refresh_from_db()
    return appeal


def _clean_scores(offering: Offering, raw: dict[str, Any]) -> dict[str, str | None]:
    plan = _plan(offering)
    out: dict[str, str | None] = {}
    errors: dict[str, str] = {}
    for c in plan.components:
        if c["code"] not in raw:
            continue
        try:
            v = clean_decimal(raw[c["code"]], SCORE_KTMU, c["code"], required=False)
        except ValidationError as exc:
            errors[c["code"]] = " ".join(exc.messages)
            continue
        out[c["code"]] = None if v is None else str(v)
    if errors:
        raise ValidationError(errors)
    return out


def _apply_new_scores(*, actor: Any, sheet_id: int, scores: dict[str, Any], reason: str) -> tuple[dict[str, Any] | None, dict[str, Any] | None]:
    """Write corrected component scores and regrade under the table of the exam date; returns (old, new) grade."""
    from bilim.apps.postgrad.services import _grade

    sheet = m.ScoreSheet.objects.select_for_update(of=("self",)).select_related("enrolment__student", "enrolment__offering").get(pk=sheet_id)
    plan = _plan(sheet.enrolment.offering)
    old = _grade_dict(Grade.objects.filter(enrolment_id=sheet.enrolment_id).first())
    before = snapshot(sheet)
    sheet.scores = {**sheet.scores, **scores}
    sheet.save(update_fields=["scores", "updated_at"])
    record(actor=actor, action=AuditEvent.Action.UPDATE, obj=sheet, before=before, reason=reason)
    new = _grade_dict(_grade(actor=actor, sheet=sheet, plan=plan, reason=reason))
    return old, new


def appeal_decide(*, actor: Any, appeal: m.GradeAppeal, decision: Decision, correct: bool | None = None, on: dt.date | None = None,
                  reason: str = "") -> Any:
    """The Institute Board corrects the grade (technical error found) or upholds it (KTMU-34-3); the student is notified.
    ``correct`` defaults to the instructor's finding; a correction without a technical error is refused by the rule."""
    day = _today(on)
    with transaction.atomic():
        locked = m.GradeAppeal.objects.select_for_update().get(pk=appeal.pk)
        correct = bool(locked.technical_error) if correct is None else correct
        old = new = None
        if correct and locked.technical_error and locked.proposed_scores:
            old, new = _apply_new_scores(actor=actor, sheet_id=locked.sheet_id, scores=locked.proposed_scores, reason=f"KTMU-34-3 {decision.number}")
        m.GradeAppeal.objects.filter(pk=locked.pk).update(board_decision=decision, old_grade=old, new_grade=new)
        tr = transition_apply(actor=actor, obj=locked, workflow_code=W16B, action="correct" if correct else "uphold", decision=decision, as_of=day,
                              reason=reason or decision.number, facts=lambda row: {"KTMU-34-3": {
                                  "technical_error_found": bool(row.technical_error), "grade_changed": correct, "institute_board_decision_on": decision.date,
                                  "student_notified_on": day, "old_grade": (old or {}).get("letter"), "new_grade": (new or {}).get("letter")}})
    appeal.refresh_from_db()
    return tr


def appeal_second(*, actor: Any, appeal: m.GradeAppeal, statement: str, on: dt.date | None = None) -> m.GradeAppeal:
    """The student appeals further, in writing, to the University Board within the limit (KTMU-34-4)."""
    if appeal.sheet.enrolment.student.person.user_id != getattr(actor, "pk", None):
        raise PermissionDenied("postgrad.appeal")
    if not statement.strip():
        raise ValidationError({"statement": _("State the grounds of your further appeal.")})
    if appeal.board_decision is None:
        raise ValidationError({"statement": _("The Institute Board has not decided yet.")})
    day = _today(on)
    with transaction.atomic():
        locked = m.GradeAppeal.objects.select_for_update().get(pk=appeal.pk)
        before = snapshot(locked)
        locked.second_statement, locked.second_filed_on = statement.strip(), day
        locked.save(update_fields=["second_statement", "second_filed_on"])
        transition_apply(actor=actor, obj=locked, workflow_code=W16B, action="second_appeal", as_of=day, facts=lambda row: {
            "KTMU-34-4": {"board_decision_published_on": row.board_decision.date, "appeal_filed_on": row.second_filed_on,
                          "addressed_to": "UNIVERSITY_BOARD", "in_writing": True}})
        record(actor=actor, action=AuditEvent.Action.UPDATE, obj=locked, before=before, reason="KTMU-34-4")
    appeal.refresh_from_db()
    return appeal


def appeal_university_decide(*, actor: Any, appeal: m.GradeAppeal, decision: Decision, scores: dict[str, Any] | None = None, reason: str = "") -> Any:
    """The University Board decides the further appeal (KTMU-34-4; no time limit, A-63); corrected scores, if any, are applied."""
    with transaction.atomic():
        if scores:
            clean = _clean_scores(appeal.sheet.enrolment.offering, scores)
            old, new = _apply_new_scores(actor=actor, sheet_id=appeal.sheet_id, scores=clean, reason=f"KTMU-34-4 {decision.number}")
            m.GradeAppeal.objects.filter(pk=appeal.pk).update(old_grade=old, new_grade=new)
        m.GradeAppeal.objects.filter(pk=appeal.pk).update(university_decision=decision)
        tr = transition_apply(actor=actor, obj=appeal, workflow_code=W16B, action="decide", decision=decision, reason=reason or decision.number)
    appeal.refresh_from_db()
    return tr


# --- W-16c: correction requested by the instructor (art. 35) -----------------------------------------


def correction_request(*, actor: Any, sheet: m.ScoreSheet, reason: str, statement: str, new_scores: dict[str, Any], attachment: Any,
                       on: dt.date | None = None) -> m.GradeCorrection:
    """The course's instructor applies to the institute management within the limit after publication, with the
    reason and a supporting attachment (KTMU-35-1). The grade itself changes only by the Board's decision (35-2)."""
    from bilim.apps.postgrad.services import require_instructor

    offering = sheet.enrolment.offering
    require_instructor(actor, offering)
    errors: dict[str, str] = {}
    if reason not in m.GradeCorrection.Reason.values:
        errors["reason"] = _("Choose the reason.")
    if not statement.strip():
        errors["statement"] = _("Explain what went wrong.")
    if attachment is None:
        errors["attachment"] = _("Attach the document that supports the correction.")
    else:
        try:
            validate_upload(attachment)
        except ValidationError as exc:
            errors["attachment"] = " ".join(exc.messages)
    try:
        clean = _clean_scores(offering, new_scores)
    except ValidationError as exc:
        errors.update({k: " ".join(v) for k, v in exc.message_dict.items()})
        clean = {}
    if not errors and not clean:
        errors["new_scores"] = _("Enter the corrected scores.")
    if sheet.state not in PUBLISHED_STATES or sheet.published_on is None:
        errors["__all__"] = _("Only a published result is corrected this way; before publication the instructor edits the grade sheet.")
    if errors:
        raise ValidationError(errors)
    day = _today(on)
    with transaction.atomic():
        corr = m.GradeCorrection.objects.create(sheet=sheet, reason=reason, statement=statement.strip(), attachment=attachment, new_scores=clean,
                                                filed_on=day, requested_by=actor)
        record(actor=actor, action=AuditEvent.Action.CREATE, obj=corr, reason="KTMU-35-1")
        transition_apply(actor=actor, obj=corr, workflow_code=W16C, action="request_correction", as_of=day, facts=lambda row: {
            "KTMU-35-1": {"results_published_on": row.sheet.published_on, "filed_on": row.filed_on, "reason": row.reason, "attachments": 1 if row.attachment else 0,
                          "filed_by_course_instructor": True}})
    return corr


def correction_decide(*, actor: Any, correction: m.GradeCorrection, decision: Decision, approve: bool, reason: str = "") -> Any:
    """The Institute Board approves (the grade is corrected, old and new recorded) or rejects the request (KTMU-35-2)."""
    with transaction.atomic():
        locked = m.GradeCorrection.objects.select_for_update().get(pk=correction.pk)
        old = new = None
        if approve:
            old, new = _apply_new_scores(actor=actor, sheet_id=locked.sheet_id, scores=locked.new_scores, reason=f"KTMU-35-2 {decision.number}")
        m.GradeCorrection.objects.filter(pk=locked.pk).update(decision=decision, old_grade=old, new_grade=new)
        tr = transition_apply(actor=actor, obj=locked, workflow_code=W16C, action="approve" if approve else "reject", decision=decision,
                              reason=reason or decision.number, facts=lambda row: {"KTMU-35-2": {
                                  "technical_error_found": approve, "grade_changed": approve, "institute_board_decision_on": decision.date,
                                  "old_grade": (old or {}).get("letter"), "new_grade": (new or {}).get("letter")}})
    correction.refresh_from_db()
    return tr


# --- the governance app fires the waiting steps with the adopted decision ----------------------------


def perform(*, obj: Any, action: str, actor: Any, decision: Any, reason: str = "") -> Any:
    """``register_subject(..., perform=perform)``: a body's adopted decision carries out the waiting step."""
    if isinstance(obj, m.ScoreSheet) and action == "excuse_application":
        return excuse_accept(actor=actor, sheet=obj, decision=decision, reason=reason)
    if isinstance(obj, m.GradeAppeal) and action in ("correct", "uphold"):
        return appeal_decide(actor=actor, appeal=obj, decision=decision, correct=action == "correct", reason=reason)
    if isinstance(obj, m.GradeAppeal) and action == "decide":
        return appeal_university_decide(actor=actor, appeal=obj, decision=decision, reason=reason)
    if isinstance(obj, m.GradeCorrection) and action in ("approve", "reject"):
        return correction_decide(actor=actor, correction=obj, decision=decision, approve=action == "approve", reason=reason)
    raise TransitionRefused(_("This step is not decided by a body."))


def sheet_student_user(obj: Any) -> int | None:
    sheet = obj if isinstance(obj, m.ScoreSheet) else getattr(obj, "sheet", None)
    return sheet.enrolment.student.person.user_id if sheet is not None else None


def teaches(obj: Any, actor: Any) -> bool:
    sheet = obj if isinstance(obj, m.ScoreSheet) else getattr(obj, "sheet", None)
    if not isinstance(sheet, m.ScoreSheet) or not getattr(actor, "is_authenticated", False):
        return False
    return sheet.enrolment.offering.instructors.filter(person__user=actor).exists()


def is_own(obj: Any, actor: Any) -> bool:
    if not isinstance(obj, (m.ScoreSheet, m.GradeAppeal, m.GradeCorrection)):
        return False
    return sheet_student_user(obj) == getattr(actor, "pk", -1)


RELATIONS: list[tuple[str, Callable[[Any, Any], bool]]] = [("instructor", teaches), ("student", is_own)]


def readable_corrections(user: Any) -> Any:
    """Corrections whose supporting document ``user`` may download (through the one permission layer)."""
    from bilim.apps.accounts.permissions import restrict

    return restrict(user, "postgrad.view_grade_case", m.GradeCorrection.objects.all())


# --- a body's decision recorded from the record's page ------------------------------------------------------


def deciding_body(obj: Any, kind: str) -> Any:
    """The institute board of the student's institute, or the university board of the institution."""
    from bilim.apps.governance.models import Body

    sheet = obj if isinstance(obj, m.ScoreSheet) else obj.sheet
    student = sheet.enrolment.student
    qs = Body.objects.filter(kind=kind, institution_id=student.institution_id)
    if kind == Body.Kind.INSTITUTE_BOARD:
        qs = qs.filter(unit_id=student.unit_id)
    return qs.order_by("pk").first()


def board_decide(*, actor: Any, obj: Any, workflow_code: str, action: str, body_kind: str, number: str, date: dt.date, title: str,
                 text: str = "") -> Any:
    """Record the body's decision about ``obj`` (draft → adopted, through the governance services) and carry out
    the waiting step with it — in one transaction: if the step is refused, the decision is not recorded either."""
    from bilim.apps.governance.services import decision_adopt, decision_create
    from bilim.apps.workflow.registry import perform_step

    body = deciding_body(obj, body_kind)
    if body is None:
        raise ValidationError(_("The deciding body is not set up for this institute."))
    with transaction.atomic():
        d = decision_create(actor=actor, body=body, number=number, date=date, title=title, text=text, subject_type=obj._meta.label_lower,
                            subject_id=str(obj.pk), reason=workflow_code)
        d = decision_adopt(actor=actor, decision=d)
        return perform_step(obj=obj, workflow_code=workflow_code, action=action, actor=actor, decision=d, reason=f"{body} №{number}")
