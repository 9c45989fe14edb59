"""Facts builders: what the rules of art. 19(11), 21(1), 25–29 need, read from the database.

Nothing here decides; each function gathers inputs and calls a rule of ``bilim.regulations.postgrad``.
Where a table row names a rule whose value is not a verdict (the renewal status, the effective supervisor,
the approval state) or whose verdict reads the other way round for the move (a FAIL of "may the student
still act" is what makes NOT_RENEWED true), :func:`as_guard` turns the rule's outcome into the guard's
PASS/FAIL keeping the rule's own explanation.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from bilim.apps.curriculum.models import Course, Offering
from bilim.apps.people.models import Level, Student
from bilim.apps.postgrad.models import Supervision
from bilim.regulations.core import params as _params
from bilim.regulations.core.calendar import default_calendar
from bilim.regulations.core.outcome import Explanation, Outcome, Verdict
from bilim.regulations.postgrad import studies_courses as courses_rules
from bilim.regulations.postgrad import studies_registration as reg_rules
from bilim.regulations.postgrad import studies_supervision as sup_rules
from bilim.regulations.postgrad import studies_transfer as tr_rules
from bilim.regulations.postgrad.studies_common import Approval

from . import models as m

LEVELS: dict[str, str] = {Level.MASTER: "MA", Level.DOCTORATE: "PHD", Level.ARTS: "AI", Level.BACHELOR: "BACHELOR"}


def level_code(level: str) -> str:
    return LEVELS.get(level, "MA")


def as_guard(outcome: Outcome, ok: bool, *, rule_ids: Sequence[str] | None = None, message_key: str | None = None,
             values: dict[str, Any] | None = None) -> Outcome:
    """The guard's verdict (``ok``) with the rule's explanation (its IDs, or ``rule_ids`` naming the guard with the rule's
    explanation as a child when the verdict is composed from another rule)."""
    e = outcome.explanation
    verdict = Verdict.PASS if ok else Verdict.FAIL
    if rule_ids is None and message_key is None:
        expl = Explanation(e.rule_ids, verdict, e.message_key, dict(e.message_values), e.inputs, e.params, e.children, e.skipped, e.as_of)
    else:
        expl = Explanation(tuple(rule_ids or e.rule_ids), verdict, message_key or e.message_key,
                           dict(values if values is not None else e.message_values), {}, [], [e], [], e.as_of)
    return Outcome(verdict, expl)


def composed(rule_ids: Sequence[str], ok: bool, message_key: str, values: dict[str, Any], children: Iterable[Outcome] = (),
             as_of: dt.date | None = None) -> Outcome:
    verdict = Verdict.PASS if ok else Verdict.FAIL
    return Outcome(verdict, Explanation(tuple(rule_ids), verdict, message_key, values, {}, [], [c.explanation for c in children], [], as_of))


# --- people ------------------------------------------------------------------------------------


def supervisions(student: Student) -> list[Supervision]:
    return list(Supervision.objects.filter(student=student, status=Supervision.Status.ACTIVE, staff__isnull=False).select_related("staff__person"))


def main_supervisor(student: Student) -> Supervision | None:
    return next((s for s in supervisions(student) if s.role == Supervision.Role.SUPERVISOR), None)


def is_supervisor(user: Any, student: Student) -> bool:
    """The user is an appointed supervisor (main or second, KTMU staff) of the student."""
    if not getattr(user, "is_authenticated", False):
        return False
    return Supervision.objects.filter(student=student, status=Supervision.Status.ACTIVE, staff__person__user=user).exists()


def is_fos_head(user: Any, student: Student, on: dt.date | None = None) -> bool:
    from bilim.apps.accounts.models import Role, RoleAssignment

    fos = student.programme.field_of_science_id
    if not getattr(user, "is_authenticated", False) or fos is None:
        return False
    return RoleAssignment.objects.active(on).filter(user=user, role=Role.HEAD_OF_DEPARTMENT, unit_id=fos).exists()


def effective_supervisor(student: Student, as_of: dt.date) -> Outcome:
    """KTMU-21(1)-2: the appointed supervisor, or the FoS head until one is appointed."""
    sup = main_supervisor(student)
    return sup_rules.effective_supervisor(
        sup_rules.SupervisionRecord(supervisor_id=f"staff:{sup.staff_id}" if sup else None,
                                    fos_head_id=f"fos:{student.programme.field_of_science_id}"), as_of)


def actor_id(user: Any, student: Student, as_of: dt.date) -> str | None:
    """The actor as the effective-supervisor rule names people."""
    sup = main_supervisor(student)
    if sup is not None and sup.staff is not None and sup.staff.person.user_id == getattr(user, "pk", None):
        return f"staff:{sup.staff_id}"
    if sup is None and is_fos_head(user, student, as_of):
        return f"fos:{student.programme.field_of_science_id}"
    return None


def effective_supervisor_guard(user: Any, student: Student, as_of: dt.date) -> Outcome:
    out = effective_supervisor(student, as_of)
    who = actor_id(user, student, as_of)
    if who is not None and who == out.value:
        return as_guard(out, True)
    return as_guard(out, False, message_key="ktmu.studies.reg.app.not_effective_supervisor", values={})


# --- courses of a selection --------------------------------------------------------------------


def course_code(o: Offering) -> str:
    return o.course.code if o.section in ("", "1") else f"{o.course.code}/{o.section}"


def title_key(course: Course) -> str:
    return " ".join((course.title_en or course.title_ky).lower().split())


def instructor_names(o: Offering) -> list[str]:
    return sorted(str(s.person) for s in o.instructors.all())


def origin(o: Offering, student: Student) -> tuple[str, str | None, bool]:
    """(origin, level of the other programme, same institute) — ERRATA 28: institute-code courses are own-programme."""
    prog = o.course.programme
    if prog is None or prog.pk == student.programme_id:
        return ("OWN_PROGRAMME" if prog is not None else "INSTITUTE_CODE"), None, True
    return "OTHER_PROGRAMME", LEVELS.get(prog.level), prog.unit_id == student.unit_id


def selected_course(o: Offering, student: Student, proposed: set[int]) -> reg_rules.SelectedCourse:
    org, lvl, same = origin(o, student)
    return reg_rules.SelectedCourse(
        code=course_code(o), title_key=title_key(o.course), language=o.language, instructors=instructor_names(o),
        elective=o.course.kind == Course.Kind.ELECTIVE, origin=org, origin_level=lvl, same_institute=same,  # type: ignore[arg-type]
        supervisor_proposed=o.pk in proposed,
    )


def semester_required_courses(student: Student, term: Any) -> int:
    """Courses the curriculum plans for the student's semester (by the term's parity when the plan has no such semester)."""
    plan = Course.objects.filter(programme=student.programme)
    n = plan.filter(semester=student.semester).count()
    if n:
        return n
    parity = 1 if term.kind == "fall" else 0
    return sum(1 for s in plan.values_list("semester", flat=True) if s and s % 2 == parity)


def selection_facts(reg: m.Registration, offerings: Sequence[Offering], *, extra_hei: Sequence[m.OtherHeiCourse] = ()) -> reg_rules.Registration:
    """The art. 26 facts of a registration with ``offerings`` selected (and the approved other-HEI courses of the term)."""
    student = reg.student
    proposed = set(reg.proposed.values_list("pk", flat=True)) if reg.pk else set()
    courses = [selected_course(o, student, proposed) for o in offerings]
    hei = list(m.OtherHeiCourse.objects.filter(student=student, term=reg.term, state="APPROVED")) + list(extra_hei)
    courses += [reg_rules.SelectedCourse(code=f"HEI-{h.pk or 'new'}", title_key=f"hei:{h.pk or 'new'}:{h.course_title.lower()}", language="",
                                         elective=h.elective, origin="OTHER_HEI") for h in hei]
    earlier_other = m.Selection.objects.filter(registration__student=student, registration__term__starts_on__lt=reg.term.starts_on,
                                               status=m.Selection.Status.ACTIVE).exclude(offering__course__programme=student.programme) \
        .exclude(offering__course__programme__isnull=True).count()
    earlier_hei = m.OtherHeiCourse.objects.filter(student=student, state="APPROVED", term__starts_on__lt=reg.term.starts_on).count()
    from bilim.apps.records.models import Enrolment

    passed = {title_key(e.offering.course) for e in Enrolment.objects.filter(student=student, grade__passed=True)
              .exclude(offering__term=reg.term).select_related("offering__course")}
    return reg_rules.Registration(
        student_id=str(student.pk), level=level_code(student.level) if student.level != Level.BACHELOR else "MA",  # type: ignore[arg-type]
        courses=courses, semester_required_courses=semester_required_courses(student, reg.term),
        programme_required_courses=Course.objects.filter(programme=student.programme).count(),
        other_programme_courses_earlier=earlier_other, other_hei_courses_earlier=earlier_hei,
        passed_title_keys=sorted(passed), exempt_languages=None,
    )


def limit_outcomes(reg: m.Registration, offerings: Sequence[Offering], as_of: dt.date) -> dict[str, Outcome]:
    """Every art. 26 limit (and 19(11)) on the selection, per rule ID of the W-13 row."""
    facts = selection_facts(reg, offerings)
    out = {
        "KTMU-19(11)-1": reg_rules.registration_languages(facts, as_of),
        "KTMU-26(6)-1": reg_rules.same_title_other_language(facts, as_of),
        "KTMU-26(7)-1": reg_rules.same_instructor_share(facts, as_of),
        "KTMU-26(8)-1": reg_rules.other_programme_courses(facts, as_of),
        "KTMU-26(9)-1": reg_rules.other_hei_courses(facts, as_of),
        "KTMU-26(10)-1": reg_rules.overload_limit(facts, as_of),
    }
    stage = reg_rules.thesis_stage_registration(
        reg_rules.StageSelection(level=facts.level, stage="COURSEWORK", selected_kinds=[c.kind for c in facts.courses]), as_of)
    out["KTMU-26(11)-1"] = stage
    out["KTMU-26(12)-1"] = stage
    return out


def renewal_outcome(reg: m.Registration, on: dt.date) -> Outcome:
    """KTMU-26(2)-1 / 26(3)-1 on the day ``on`` (the day of renewal if the student renewed earlier)."""
    cal = reg.calendar
    return reg_rules.registration_renewal(reg_rules.RenewalFacts(
        renewal_start=cal.selection_starts_on, renewal_end=cal.renewal_ends_on, adddrop_start=cal.adddrop_starts_on,
        adddrop_end=cal.adddrop_ends_on, registered_on=reg.registered_on or on, justified_notice_on=reg.late_notice_on,
        notice_in_writing=bool(reg.late_notice_text.strip()), board_accepted_reason=reg.late_decision_id is not None), on)


def renewal_guard(reg: m.Registration, on: dt.date) -> Outcome:
    out = renewal_outcome(reg, on)
    return as_guard(out, out.value in ("RENEWED", "LATE_RENEWED"))


def timetable_guard(cal: m.TermCalendar, published_on: dt.date) -> Outcome:
    """KTMU-25-1: published in Bilim (the curriculum system) and on the institute's public timetable page."""
    return courses_rules.timetable_publication(courses_rules.TimetablePublication(
        course_selection_start=cal.selection_starts_on, published_on=published_on, channels=["CURRICULUM_SYSTEM", "INSTITUTE_WEB"]),
        published_on)


def supervisor_deadline(reg: m.Registration) -> dt.date:
    """The last day allotted to the supervisor (KTMU-26(13)-3): the calendar's date, else the parameter's working days."""
    if reg.calendar.supervisor_deadline:
        return reg.calendar.supervisor_deadline
    start = reg.submitted_on or reg.calendar.selection_starts_on
    days = int(_params.get("ktmu.studies.supervisor_approval_workdays", start).value)
    return default_calendar().add_working_days(start, days).due


def approval_outcome(reg: m.Registration, status: str, approved_by: str | None, as_of: dt.date) -> Outcome:
    eff = effective_supervisor(reg.student, as_of)
    return reg_rules.selection_approval_state(reg_rules.SelectionApproval(
        status=status, approved_by=approved_by, effective_supervisor_id=str(eff.value),  # type: ignore[arg-type]
        supervisor_deadline=supervisor_deadline(reg)), as_of)


def adddrop_outcome(reg: m.Registration, on: dt.date, consent: bool) -> Outcome:
    cal = reg.calendar
    return reg_rules.add_drop_change(reg_rules.AddDropChange(change_on=on, adddrop_start=cal.adddrop_starts_on, adddrop_end=cal.adddrop_ends_on,
                                                             supervisor_consent=consent), on)


def run_list_guards(reg: m.Registration, on: dt.date) -> dict[str, Outcome]:
    cal = reg.calendar
    pub = reg_rules.run_list_publication(reg_rules.RunListPublication(adddrop_end=cal.adddrop_ends_on, calendar_publication_date=cal.run_list_on,
                                                                      published_on=cal.run_list_published_on), on)
    lines = list(reg.lines.filter(status=m.Selection.Status.ACTIVE).select_related("offering__course__programme"))
    lvl = level_code(reg.student.level)
    children = []
    undecided = []
    for line in lines:
        o = line.offering
        n = m.Selection.objects.filter(offering=o, status=m.Selection.Status.ACTIVE).count()
        children.append(courses_rules.course_runs(courses_rules.CourseEnrolment(programme_level=lvl if lvl != "BACHELOR" else "MA", selections=n), on))  # type: ignore[arg-type]
        if o.runs is None:
            undecided.append(course_code(o))
    ok = not undecided
    runs = composed(("KTMU-27-1", "KTMU-27-2"), ok, "ktmu.studies.reg.app.runs_decided" if ok else "ktmu.studies.reg.app.runs_undecided",
                    {"count": len(lines)} if ok else {"courses": undecided}, children, on)
    return {"KTMU-28(2)-1": pub, "KTMU-27-1": runs, "KTMU-27-2": runs}


def replacement_outcome(reg: m.Registration, old: Offering, new: Offering, on: dt.date) -> Outcome:
    cal = reg.calendar
    return reg_rules.course_replacement(reg_rules.ReplacementFacts(
        run_list_published_on=cal.run_list_published_on or cal.run_list_on, replacement_deadline=cal.replacement_deadline,
        original_course_runs=old.runs is not False, new_course_runs=new.runs is True, course_selection_form=True, form_on=on), on)


def frozen_guard(reg: m.Registration, on: dt.date) -> Outcome:
    cal = reg.calendar
    out = reg_rules.selection_frozen(reg_rules.FrozenFacts(run_list_published_on=cal.run_list_published_on or cal.run_list_on,
                                                           replacement_deadline=cal.replacement_deadline, change_on=on), on)
    return as_guard(out, out.verdict is Verdict.FAIL)  # the rule refuses a change after the period: that is the freeze


def not_renewed_guard(reg: m.Registration, on: dt.date) -> Outcome:
    """KTMU-26(4)-1/26(5)-1: the window (or, after an accepted late notice, add/drop) is over and the student has not renewed."""
    cal = reg.calendar
    end = cal.adddrop_ends_on if reg.late_decision_id else cal.renewal_ends_on
    status = "NOT_RENEWED" if (on > end and reg.submitted_on is None) else "RENEWED"
    out = reg_rules.semester_action_allowed(reg_rules.SemesterAction(semester_status=status, action="COURSE_SELECTION"), on)  # type: ignore[arg-type]
    if status == "NOT_RENEWED":
        return as_guard(out, True)
    return composed(("KTMU-26(4)-1", "KTMU-26(5)-1"), False, "ktmu.studies.reg.app.window_open", {}, [renewal_outcome(reg, on)], on)


def _term_code(term: Any) -> tuple[int, str] | None:
    if term.kind == "fall":
        return term.starts_on.year, "AUTUMN"
    if term.kind == "spring":
        return term.starts_on.year - 1, "SPRING"
    return None


def ground_c(reg: m.Registration, on: dt.date) -> Outcome:
    """KTMU-39(1)c-1 over the student's registrations up to this one."""
    from bilim.regulations.postgrad import dismissal

    sems = []
    for r in m.Registration.objects.filter(student=reg.student, term__starts_on__lte=reg.term.starts_on).select_related("term"):
        code = _term_code(r.term)
        if code is None:
            continue
        renewed = r.pk != reg.pk and r.state not in ("NOT_RENEWED", "SEMESTER_CLOSED", "DISMISSAL_CASE")
        sems.append(dismissal.Registration(academic_year=code[0], term=code[1], renewed=renewed, justified=r.late_decision_id is not None))  # type: ignore[arg-type]
    return dismissal.ground_c_not_registered(dismissal.Registrations(semesters=sems), on)


def semester_over_guard(reg: m.Registration, on: dt.date) -> Outcome:
    out = reg_rules.semester_action_allowed(reg_rules.SemesterAction(semester_status="NOT_RENEWED", action="COURSE_SELECTION"), on)
    if on > reg.term.ends_on:
        return as_guard(out, True)
    return composed(("KTMU-26(4)-1",), False, "ktmu.studies.reg.app.semester_not_over", {"end": reg.term.ends_on}, [out], on)


# --- W-13a, W-14 -------------------------------------------------------------------------------


def hei_chain(app: m.OtherHeiCourse, decided_on: dt.date | None) -> Outcome:
    approvals = [Approval(body="student", act="APPLY", on=app.applied_on)]
    if app.consented_on:
        approvals.append(Approval(body="supervisor", act="CONSENT", on=app.consented_on))
    if app.proposal is not None:
        approvals.append(Approval(body="fos_council", act="PROPOSE", on=app.proposal.date))
    if decided_on:
        approvals.append(Approval(body="institute_board", act="DECIDE", on=decided_on))
    return reg_rules.other_hei_approval(reg_rules.OtherHeiApproval(written_application=bool(app.application_text.strip()), approvals=approvals),
                                        decided_on or dt.date.today())


def hei_limit(app: m.OtherHeiCourse, reg: m.Registration | None, on: dt.date) -> Outcome:
    if reg is None:
        reg = m.Registration(student=app.student, term=app.term)
        offerings: list[Offering] = []
    else:
        offerings = [line.offering for line in reg.lines.filter(status=m.Selection.Status.ACTIVE).select_related("offering__course__programme")]
    facts = selection_facts(reg, offerings, extra_hei=[app])
    return reg_rules.other_hei_courses(facts, on)


def recognition_candidate(rec: m.Recognition, on: dt.date) -> Outcome:
    return tr_rules.course_recognition(tr_rules.RecognitionCandidate(
        student_level=level_code(rec.student.level) if rec.student.level != Level.BACHELOR else "MA",  # type: ignore[arg-type]
        category=rec.category,  # type: ignore[arg-type]
        completed_on=rec.completed_on, application_on=rec.applied_on or on, status=rec.result,  # type: ignore[arg-type]
        letter=rec.letter or None,  # type: ignore[arg-type]
        ects=rec.ects, target_ects=rec.target.ects, at_same_institute=rec.category != "EXTERNAL_INSTITUTION",
        same_programme=rec.target.programme_id == rec.student.programme_id, content_matches=rec.content_matches,
        language_matches=rec.language_matches), on)


def recognition_caps(rec: m.Recognition, on: dt.date) -> Outcome:
    student = rec.student
    prog_ects = sum((c.ects for c in Course.objects.filter(programme=student.programme)), start=type(rec.ects)(0)) or rec.target.ects
    others = m.Recognition.objects.filter(student=student, state="RECOGNISED").exclude(pk=rec.pk)
    items = [tr_rules.RecognisedCourse(code=f"R{r.pk}", ects=r.ects, from_outside_institution=r.category == "EXTERNAL_INSTITUTION") for r in others]
    items.append(tr_rules.RecognisedCourse(code=f"R{rec.pk}", ects=rec.ects, from_outside_institution=rec.category == "EXTERNAL_INSTITUTION"))
    return tr_rules.recognition_caps(tr_rules.RecognitionTotals(programme_course_ects=prog_ects, recognised=items), on)


def recognition_equivalence(rec: m.Recognition, on: dt.date) -> Outcome:
    if rec.category != "EXTERNAL_INSTITUTION":
        return composed(("KTMU-29(5)-1",), True, "ktmu.studies.recog.not_external", {}, as_of=on)
    sem = f"{rec.completed_on.year}"
    return tr_rules.external_course_equivalence(tr_rules.HostCourse(
        student_level=level_code(rec.student.level) if rec.student.level != Level.BACHELOR else "MA",  # type: ignore[arg-type]
        exchange=False, host_letter=rec.letter or "FF", host_ects=rec.ects, host_semester=sem,  # type: ignore[arg-type]
        target_ects=rec.target.ects, target_semester=sem), on)


def recognition_chain(rec: m.Recognition, decided_on: dt.date) -> Outcome:
    approvals = []
    if rec.consented_on:
        approvals.append(Approval(body="supervisor", act="CONSENT", on=rec.consented_on))
    if rec.proposal is not None:
        approvals.append(Approval(body="fos_council", act="PROPOSE", on=rec.proposal.date))
    approvals.append(Approval(body="institute_board", act="DECIDE", on=decided_on))
    return tr_rules.recognition_application(tr_rules.RecognitionApplication(
        transcript_attached=bool(rec.transcript), course_contents_attached=bool(rec.course_contents), approvals=approvals), decided_on)
