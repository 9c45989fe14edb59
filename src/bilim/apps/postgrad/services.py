"""Business steps of the KTMU postgraduate app. Each service is keyword-only, runs in one
transaction, re-checks permission and writes an audit event. Every decision (weights, grades,
attendance, dismissal ground) comes from ``bilim.regulations``; nothing here re-implements a rule.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from bilim.apps.accounts.models import Role, RoleAssignment
from bilim.apps.accounts.permissions import require
from bilim.apps.audit.models import AuditEvent
from bilim.apps.audit.services import record, snapshot
from bilim.apps.core.integrity import unique_or_error
from bilim.apps.core.numbers import KTMU_CREDITS, SCORE_KTMU, WEIGHT, NumberError, clean_decimal, parse_decimal
from bilim.apps.curriculum.models import Offering, Term
from bilim.apps.governance.models import Body, Decision
from bilim.apps.mobility.models import Agreement
from bilim.apps.org.models import Institution, RegulationSet, Unit
from bilim.apps.people.models import Level, Staff, Student
from bilim.apps.postgrad import models as m
from bilim.apps.postgrad.selectors import attendance_outcome, lang, pg_level
from bilim.apps.records.models import Enrolment, Grade
from bilim.apps.workflow.services import cite
from bilim.regulations.core import NotCovered, RuleError, Verdict
from bilim.regulations.postgrad import dismissal, grading

PG_LEVELS = {Level.MASTER, Level.DOCTORATE, Level.ARTS}
KINDS = {"MIDTERM", "FINAL", "OTHER"}


def _user(actor: Any) -> Any:
    return actor if getattr(actor, "is_authenticated", False) else None


def is_instructor(actor: Any, offering: Offering) -> bool:
    return bool(getattr(actor, "is_authenticated", False)) and offering.instructors.filter(person__user=actor).exists()


def require_instructor(actor: Any, offering: Offering) -> None:
    """KTMU-32(2)-1 / 30(1)-2: only the offering's own instructor enters scores, weights and attendance.

    Checked against ``Offering.instructors`` for everyone, administrators included.
    """
    if not is_instructor(actor, offering):
        raise PermissionDenied("postgrad.enter_scores")


def _decimal(raw: Any, field: str) -> Decimal | None:
    """A typed score through the one parsing path (finite, two decimals, 0 to the Table 1 scale top); empty → None."""
    return clean_decimal(raw, SCORE_KTMU, field, required=False)


# --- assessment plan and scores (KTMU-32(1)-1, 32(2)-1, 32(3)–(5)) ------------------------------------


def assessment_plan_set(*, actor: Any, offering: Offering, components: list[dict[str, Any]], final_exam_date: dt.date, reason: str = "") -> m.AssessmentPlan:
    """Set the weight plan; the rules layer's ``weight_plan`` must pass (else the error is the rule's sentence)."""
    require_instructor(actor, offering)
    clean = []
    codes = set()
    for _i, c in enumerate(components):
        code = str(c.get("code", "")).strip().upper()[:12]
        if not code or code in codes:
            raise ValidationError({"components": _("Each component needs a short unique code.")})
        if c.get("kind") not in KINDS:
            raise ValidationError({"components": _("Unknown component kind.")})
        try:
            weight = parse_decimal(c.get("weight", ""), WEIGHT)  # the one parsing path (finite, 0–1)
        except NumberError:
            raise ValidationError({"components": _("Enter each weight as a fraction, e.g. 0.40.")}) from None
        codes.add(code)
        clean.append({"code": code, "kind": c["kind"], "weight": str(weight)})
    outcome = grading.weight_plan({"components": [{"kind": c["kind"], "weight": c["weight"]} for c in clean]}, final_exam_date)
    if outcome.verdict is Verdict.FAIL:
        raise ValidationError({"components": cite(outcome, lang())})
    _table_in_force(final_exam_date)
    from bilim.apps.postgrad.grades import OPEN_STATES, plan_steps

    if m.ScoreSheet.objects.filter(enrolment__offering=offering).exclude(state__in=OPEN_STATES).exists():
        raise ValidationError({"components": _("The results of this course were submitted; its weight plan can no longer change.")})
    with transaction.atomic():
        plan = m.AssessmentPlan.objects.select_for_update().filter(offering=offering).first()
        before = snapshot(plan) if plan else None
        if plan is None:
            plan = m.AssessmentPlan(offering=offering)
        plan.components, plan.final_exam_date, plan.updated_by = clean, final_exam_date, _user(actor)
        plan.explanation = outcome.explanation.to_dict()
        plan.save()
        record(actor=actor, action=AuditEvent.Action.UPDATE if before else AuditEvent.Action.CREATE, obj=plan, before=before, reason=reason)
        for sheet in m.ScoreSheet.objects.filter(enrolment__offering=offering).select_related("enrolment__student"):
            _grade(actor=actor, sheet=sheet, plan=plan, reason="weight plan changed")
        plan_steps(actor=actor, offering=offering, create=False)  # KTMU-W-15 row 1 for every student's sheet
    return plan


def _table_in_force(exam_date: dt.date) -> dt.date:
    try:
        return grading.grading_table_in_force({"exam_date": exam_date}, exam_date).value
    except NotCovered:
        raise ValidationError({"final_exam_date": _("No grading table is in force on %(date)s (the first table applies from a later date); KTMU-EN-2 grades an exam by the table in force on its date.") % {"date": exam_date}}) from None


def _table_version(tree: dict[str, Any]) -> dt.date | None:
    for p in tree.get("params", []):
        if p.get("name") == grading.TABLE:
            return dt.date.fromisoformat(p["since"])
    for child in tree.get("children", []):
        found = _table_version(child)
        if found:
            return found
    return None


def _grade(*, actor: Any, sheet: m.ScoreSheet, plan: m.AssessmentPlan, reason: str = "") -> Grade:
    enrolment = sheet.enrolment
    level = pg_level(enrolment.student)
    comps = [{"kind": c["kind"], "weight": c["weight"], "score": sheet.scores.get(c["code"])} for c in plan.components]
    att = attendance_outcome(enrolment)
    try:
        outcome = grading.course_result(
            {"level": level, "exam_date": plan.final_exam_date, "attendance_ok": att.verdict is not Verdict.FAIL,
             "components": comps, "final_excused": sheet.final_excused},
            plan.final_exam_date,
        )
    except NotCovered:
        _table_in_force(plan.final_exam_date)
        raise
    except RuleError as exc:
        raise ValidationError({"components": str(exc)}) from None
    g = outcome.value
    tree = outcome.explanation.to_dict()
    mids = [Decimal(str(sheet.scores[c["code"]])) for c in plan.components if c["kind"] == "MIDTERM" and sheet.scores.get(c["code"]) is not None]
    fins = [Decimal(str(sheet.scores[c["code"]])) for c in plan.components if c["kind"] == "FINAL" and sheet.scores.get(c["code"]) is not None]
    grade = Grade.objects.select_for_update().filter(enrolment=enrolment).first()
    before = snapshot(grade) if grade else None
    if grade is None:
        grade = Grade(enrolment=enrolment, graded_on=plan.final_exam_date)
    grade.midterm = (sum(mids, Decimal(0)) / len(mids)).quantize(Decimal("0.01")) if mids else None
    grade.final = fins[0] if fins else None
    grade.score = g.score.quantize(Decimal("0.01")) if g is not None and g.score is not None else None
    grade.letter = g.letter if g is not None else ""
    grade.coefficient = g.coefficient if g is not None else None
    grade.passed = g.passed if g is not None else None
    grade.graded_on = plan.final_exam_date
    grade.table_version = _table_version(tree)
    grade.explanation = {**tree, "attendance": att.explanation.to_dict()}
    grade.save()
    record(actor=actor, action=AuditEvent.Action.UPDATE if before else AuditEvent.Action.CREATE, obj=grade, before=before, reason=reason)
    return grade


def scores_enter(*, actor: Any, enrolment: Enrolment, scores: dict[str, Any], final_excused: bool = False, reason: str = "") -> Grade:
    """Enter one student's component scores; the course result is computed and stored with its explanation."""
    offering = enrolment.offering
    require_instructor(actor, offering)
    plan = m.AssessmentPlan.objects.filter(offering=offering).first()
    if plan is None:
        raise ValidationError(_("Set the weight plan of the course first."))
    clean: dict[str, str | None] = {}
    for c in plan.components:
        value = _decimal(scores.get(c["code"]), c["code"])
        clean[c["code"]] = None if value is None else str(value)
    from bilim.apps.postgrad.grades import OPEN_STATES

    with transaction.atomic():
        sheet = m.ScoreSheet.objects.select_for_update().filter(enrolment=enrolment).first()
        if sheet is not None and sheet.state not in OPEN_STATES:
            # a submitted or published result is locked: it changes only by an appeal (art. 34) or a correction (art. 35)
            raise ValidationError(_("The results of this student were submitted; they can change only by an appeal (KTMU-34) or a correction (KTMU-35)."))
        before = snapshot(sheet) if sheet else None
        if sheet is None:
            sheet = m.ScoreSheet(enrolment=enrolment)
        sheet.scores, sheet.final_excused, sheet.updated_by = clean, final_excused, _user(actor)
        sheet.save()
        record(actor=actor, action=AuditEvent.Action.UPDATE if before else AuditEvent.Action.CREATE, obj=sheet, before=before, reason=reason)
        return _grade(actor=actor, sheet=sheet, plan=plan, reason=reason)


# --- attendance (KTMU-30(1)-2) ---------------------------------------------------------------


def attendance_session_add(*, actor: Any, offering: Offering, held_on: dt.date, kind: str, present: set[int], topic: str = "") -> m.AttendanceSession:
    """Record a session held and who attended it (every registered student gets a mark)."""
    require_instructor(actor, offering)
    if kind not in m.AttendanceSession.Kind.values:
        raise ValidationError({"kind": _("Choose theory or practice.")})
    if not offering.term.starts_on <= held_on <= offering.term.ends_on:
        raise ValidationError({"held_on": _("The session must fall within the term (%(start)s – %(end)s).") % {"start": offering.term.starts_on, "end": offering.term.ends_on}})
    enrolments = list(offering.enrolments.filter(status=Enrolment.Status.REGISTERED))
    unknown = set(present) - {e.pk for e in enrolments}
    if unknown:
        raise ValidationError({"present": _("Only students registered in this course can be marked present.")})
    with transaction.atomic():
        session = m.AttendanceSession.objects.create(offering=offering, held_on=held_on, kind=kind, topic=topic, recorded_by=_user(actor))
        m.AttendanceMark.objects.bulk_create([m.AttendanceMark(session=session, enrolment=e, present=e.pk in present) for e in enrolments])
        record(actor=actor, action=AuditEvent.Action.CREATE, obj=session, after={**snapshot(session), "present": sorted(present)})
    return session


def attendance_mark_set(*, actor: Any, session: m.AttendanceSession, enrolment: Enrolment, present: bool) -> m.AttendanceMark:
    """Correct one student's mark of a session."""
    require_instructor(actor, session.offering)
    if enrolment.offering_id != session.offering_id:
        raise ValidationError(_("This student is not registered in this course."))
    with transaction.atomic():
        mark, _created = m.AttendanceMark.objects.select_for_update().get_or_create(session=session, enrolment=enrolment)
        before = snapshot(mark)
        mark.present = present
        mark.save(update_fields=["present"])
        record(actor=actor, action=AuditEvent.Action.UPDATE, obj=mark, before=before)
    return mark


# --- supervision (arts 21–22) ----------------------------------------------------------------


def _foreign(supervision_country: str, role: str) -> bool:
    """A foreign supervisor (KTMU-21(6)): the foreign-supervisor role, or an external person of a foreign HEI."""
    return role == m.Supervision.Role.FOREIGN_SUPERVISOR or bool(supervision_country and supervision_country.upper() != "KG")


def supervision_propose(
    *, actor: Any, student: Student, role: str, staff: Staff | None = None, external_name: str = "", external_institution: str = "",
    external_country: str = "", mode: str = m.Supervision.Mode.IN_PERSON, student_preference: str = "", on: dt.date | None = None,
) -> m.Supervision:
    """Propose a supervisor (KTMU-21(3)-1: the screen shows the candidate's load and the student's preference).

    The main supervisor is a KTMU staff member; a second or foreign supervisor may be an external
    person (KTMU-22(1)-3); online supervision is allowed for a foreign supervisor (KTMU-21(6)-2).
    """
    require(actor, "postgrad.manage_supervision")
    require(actor, "postgrad.manage_record", student)  # the student is in the actor's institute
    errors: dict[str, str] = {}
    if student.level not in PG_LEVELS or student.institution.regulation_set != RegulationSet.KTMU_POSTGRAD:
        errors["student"] = _("Supervisors are appointed for KTMU master's and doctoral students.")
    if role not in m.Supervision.Role.values:
        errors["role"] = _("Choose a role.")
    external = bool(external_name.strip())
    if staff is not None and external:
        errors["external_name"] = _("Choose a KTMU staff member or enter an external person, not both.")
    elif staff is None and not external:
        errors["staff"] = _("Choose a KTMU staff member or enter an external person.")
    if external and role == m.Supervision.Role.SUPERVISOR:
        errors["external_name"] = _("The supervisor must be a KTMU instructor; only a second or foreign supervisor may be external.")
    if external and (not external_institution.strip() or len(external_country.strip()) != 2):
        errors["external_institution"] = _("Give the external person's institution and its country code (e.g. TR).")
    if staff is not None and staff.institution_id != student.institution_id:
        errors["staff"] = _("This person is not employed at KTMU; enter them as an external person.")
    country = external_country.strip().upper() if external else ""
    if mode == m.Supervision.Mode.ONLINE and not _foreign(country, role):
        errors["mode"] = _("Online supervision is allowed for a foreign supervisor (KTMU-21(6)-2) or, after the supervisor leaves KTMU, with their consent (KTMU-21(9)-1).")
    if mode not in m.Supervision.Mode.values:
        errors["mode"] = _("Choose a mode.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        sup = m.Supervision.objects.create(
            student=student, role=role, staff=staff, external_name=external_name.strip(), external_institution=external_institution.strip(),
            external_country=country, mode=mode, student_preference=student_preference.strip(), proposed_on=on or timezone.localdate(),
        )
        record(actor=actor, action=AuditEvent.Action.CREATE, obj=sup)
    return sup


APPOINTING_BODIES = {Body.Kind.INSTITUTE_BOARD, Body.Kind.FOS_COUNCIL}


def supervision_appoint(*, actor: Any, supervision: m.Supervision, decision: Decision, reason: str = "") -> m.Supervision:
    """Proposed → appointed, by an adopted decision of the Institute Board or FoS council (KTMU-21(1)-1, 22(1)-1)."""
    require(actor, "postgrad.manage_supervision", supervision)
    if decision.status != Decision.Status.ADOPTED:
        raise ValidationError({"decision": _("Only an adopted decision can appoint a supervisor.")})
    if decision.body.kind not in APPOINTING_BODIES or decision.body.institution_id != supervision.student.institution_id:
        raise ValidationError({"decision": _("The decision must be one of the student's Institute Board or FoS council.")})
    with transaction.atomic():
        sup = m.Supervision.objects.select_for_update().get(pk=supervision.pk)
        if sup.status != m.Supervision.Status.PROPOSED:
            raise ValidationError(_("Only a proposed supervision can be appointed."))
        before = snapshot(sup)
        sup.status, sup.decision, sup.started_on = m.Supervision.Status.ACTIVE, decision, decision.date
        sup.save(update_fields=["status", "decision", "started_on"])
        record(actor=actor, action=AuditEvent.Action.TRANSITION, obj=sup, before=before, reason=reason or f"decision №{decision.number}")
    return sup


def supervisor_employment_end(*, actor: Any, staff: Staff, ended_on: dt.date) -> list[m.SupervisionTask]:
    """A supervisor leaves KTMU (KTMU-21(9)-1): each active supervision gets a task for the institute
    — continue online with the instructor's consent, or change the supervisor (KTMU-23)."""
    tasks = []
    with transaction.atomic():
        for sup in m.Supervision.objects.select_for_update().filter(staff=staff, status=m.Supervision.Status.ACTIVE).select_related("student"):
            require(actor, "postgrad.manage_supervision", sup)
            if m.SupervisionTask.objects.filter(supervision=sup, status=m.SupervisionTask.Status.OPEN).exists():
                continue
            task = m.SupervisionTask.objects.create(supervision=sup, employment_ended_on=ended_on)
            record(actor=actor, action=AuditEvent.Action.CREATE, obj=task, reason="KTMU-21(9)-1")
            tasks.append(task)
    return tasks


def task_resolve(*, actor: Any, task: m.SupervisionTask, resolution: str, note: str = "") -> m.SupervisionTask:
    """Close a supervisor-left task: continue online (the instructor consented) or change supervisor."""
    require(actor, "postgrad.manage_task", task)
    if resolution not in (m.SupervisionTask.Status.CONTINUE_ONLINE, m.SupervisionTask.Status.CHANGE_SUPERVISOR):
        raise ValidationError({"resolution": _("Choose how the supervision continues.")})
    if resolution == m.SupervisionTask.Status.CONTINUE_ONLINE and not note.strip():
        raise ValidationError({"note": _("Record the instructor's consent to continue online.")})
    with transaction.atomic():
        t = m.SupervisionTask.objects.select_for_update().get(pk=task.pk)
        if t.status != m.SupervisionTask.Status.OPEN:
            raise ValidationError(_("This task is already closed."))
        before = snapshot(t)
        t.status, t.note, t.resolved_by = resolution, note.strip(), _user(actor)
        t.save(update_fields=["status", "note", "resolved_by"])
        record(actor=actor, action=AuditEvent.Action.TRANSITION, obj=t, before=before, reason=note)
        sup = m.Supervision.objects.select_for_update().get(pk=t.supervision_id)
        sbefore = snapshot(sup)
        if resolution == m.SupervisionTask.Status.CONTINUE_ONLINE:
            sup.mode = m.Supervision.Mode.ONLINE
        else:
            sup.status, sup.ended_on = m.Supervision.Status.ENDED, t.employment_ended_on
        sup.save(update_fields=["mode", "status", "ended_on"])
        record(actor=actor, action=AuditEvent.Action.UPDATE, obj=sup, before=sbefore, reason="KTMU-21(9)-1")
    return t


def ruleset_create(*, actor: Any, institution: Institution, name: str, scope: str, adopted_on: dt.date, level: str = "",
                   adopted_by: Decision | None = None, rule_ids: str = "", url: str = "") -> m.ExternalRuleSet:
    """Record a separate implementing regulation (KTMU-21(4)-1, 21(5)-1, 21(11)-1, 40-1)."""
    require(actor, "postgrad.manage_ruleset")
    if adopted_by is not None and adopted_by.status not in (Decision.Status.ADOPTED,):
        raise ValidationError({"adopted_by": _("Only an adopted decision can adopt a rule set.")})
    with transaction.atomic():
        rs = m.ExternalRuleSet.objects.create(institution=institution, name=name, scope=scope, adopted_on=adopted_on, level=level,
                                              adopted_by=adopted_by, rule_ids=rule_ids, url=url)
        require(actor, "postgrad.manage_ruleset", rs)  # for the actor's own institution (rolled back if not)
        record(actor=actor, action=AuditEvent.Action.CREATE, obj=rs)
    return rs


# --- exam schedules (KTMU-31(4)-3, 31(5)-2) ----------------------------------------------------


def fos_head_emails(offering: Offering) -> list[str]:
    """E-mail addresses of the heads of the course's field of science (head-of-department role on the FoS unit)."""
    fos = offering.course.programme.field_of_science_id if offering.course.programme is not None else None
    if fos is None:
        return []
    qs = RoleAssignment.objects.active().filter(role=Role.HEAD_OF_DEPARTMENT, unit_id=fos).select_related("user")
    return sorted({a.user.email for a in qs if a.user.email})


def exam_entry_create(*, actor: Any, institute: Unit, kind: str, offering: Offering, exam_date: dt.date, starts_at: dt.time, room: str,
                      decision: Decision | None = None) -> m.ExamScheduleEntry:
    """Record and publish a special exam (31(4)-3) or an excuse exam set by an Institute Board decision
    (31(5)-2); the FoS head is notified by e-mail after the commit."""
    errors: dict[str, str] = {}
    if institute.kind != Unit.Kind.INSTITUTE:
        errors["institute"] = _("Choose an institute.")
    if offering.course.programme is None or offering.course.programme.unit_id != institute.pk:
        errors["offering"] = _("This course is not taught by the chosen institute.")
    if kind not in m.ExamScheduleEntry.Kind.values:
        errors["kind"] = _("Choose the kind of exam.")
    if kind == m.ExamScheduleEntry.Kind.EXCUSE:
        if decision is None:
            errors["decision"] = _("Excuse-exam dates are set by an Institute Board decision (KTMU-31(5)-2).")
        elif decision.status != Decision.Status.ADOPTED or decision.body.kind != Body.Kind.INSTITUTE_BOARD or decision.body.unit_id != institute.pk:
            errors["decision"] = _("Choose an adopted decision of this institute's board.")
    if errors:
        raise ValidationError(errors)
    entry = m.ExamScheduleEntry(institute=institute, kind=kind, offering=offering, exam_date=exam_date, starts_at=starts_at, room=room,
                                decision=decision, created_by=_user(actor))
    require(actor, "postgrad.manage_exam_schedule")
    with transaction.atomic():
        today = timezone.localdate()
        entry.published_on = today
        to = fos_head_emails(offering)
        entry.notified_on = today if to else None
        entry.save()
        require(actor, "postgrad.manage_exam_schedule", entry)
        after = {**snapshot(entry), "starts_at": starts_at.strftime("%H:%M")}  # the audit encoder knows dates, not times
        record(actor=actor, action=AuditEvent.Action.CREATE, obj=entry, after=after, reason="KTMU-31(5)-2" if kind == "EXCUSE" else "KTMU-31(4)-3")
        if to:
            subject = _("Exam schedule: %(course)s on %(date)s") % {"course": offering.course.code, "date": exam_date}
            body = _("%(kind)s: %(course)s, %(date)s %(time)s, room %(room)s. Published on the institute's page.") % {
                "kind": entry.get_kind_display(), "course": f"{offering.course.code} {offering.course.title(lang())}", "date": exam_date,
                "time": starts_at.strftime("%H:%M"), "room": room}
            if decision is not None:
                body += "\n" + _("Institute Board decision №%(number)s of %(date)s.") % {"number": decision.number, "date": decision.date}
            transaction.on_commit(lambda: send_mail(subject, body, None, to, fail_silently=True))
    return entry


# --- student records -------------------------------------------------------------------------


def semester_scope_set(*, actor: Any, student: Student, term: Term, kind: str, home_institution: str = "") -> m.SemesterScope:
    """Mark a term's enrolments as belonging only to that semester (KTMU-15(3)-2, 16(2)-2)."""
    require(actor, "postgrad.manage_record", student)
    if kind not in m.SemesterScope.Kind.values:
        raise ValidationError({"kind": _("Choose the kind.")})
    if kind == m.SemesterScope.Kind.INCOMING_EXCHANGE and not home_institution.strip():
        raise ValidationError({"home_institution": _("Give the home institution of the exchange student.")})
    if term.year.institution_id != student.institution_id:
        raise ValidationError({"term": _("Choose a term of the student's institution.")})
    with transaction.atomic():
        duplicate = {"term": _("This term is already recorded for the student.")}
        if m.SemesterScope.objects.select_for_update().filter(student=student, term=term).exists():
            raise ValidationError(duplicate)
        with unique_or_error(duplicate):  # pg_semester_scope_unique: a concurrent twin passes the check above
            scope = m.SemesterScope.objects.create(student=student, term=term, kind=kind, home_institution=home_institution.strip())
        record(actor=actor, action=AuditEvent.Action.CREATE, obj=scope)
    return scope


def convert_host_grade(*, agreement: Agreement | None, host_grade: str, level: str, on: dt.date) -> tuple[Decimal | None, str, dict[str, Any]]:
    """KTMU-29(3)-1: the agreement's conversion table gives the 100-point score; Table 1 the KTMU letter.

    The agreement's table is read, never changed. Without a table (or a grade it does not list) the
    grade stays as received, unconverted.
    """
    table = (agreement.conversion_table if agreement is not None else []) or []
    row = next((r for r in table if str(r.get("grade", "")).strip().upper() == host_grade.strip().upper()), None)
    info: dict[str, Any] = {"rule_ids": ["KTMU-29(3)-1", "KTMU-32(7)-1"], "agreement": agreement.pk if agreement else None, "host_grade": host_grade}
    if row is None:
        info["converted"] = False
        return None, "", info
    try:
        score = parse_decimal(row.get("score_100"), SCORE_KTMU)  # the agreement's table is data someone typed
    except NumberError as e:
        raise ValidationError({"agreement": _("The agreement's conversion table has an invalid score: %(error)s") % {"error": e.message}}) from None
    assert score is not None
    outcome = grading.grade_for_score(score, level, on)
    info.update(converted=True, score_100=str(score), letter=outcome.explanation.to_dict())
    return score, outcome.value.letter, info


def host_grade_record(*, actor: Any, student: Student, host: Institution, course_title: str, host_grade: str, host_scale: str, ects: Decimal,
                      semester: str, received_on: dt.date, agreement: Agreement | None = None) -> m.HostGrade:
    """Store a host-university grade as received (KTMU-17(5)-2, 32(7)-1) with its conversion (29(3)-1)."""
    require(actor, "postgrad.manage_record", student)
    ects = clean_decimal(ects, KTMU_CREDITS, "ects")  # type: ignore[assignment]  # the one parsing path
    if agreement is not None and agreement.partner_id != host.pk:
        raise ValidationError({"agreement": _("This agreement is not with the chosen host institution.")})
    if not host_grade.strip():
        raise ValidationError({"host_grade": _("Enter the grade exactly as the host reported it.")})
    try:
        score, letter, info = convert_host_grade(agreement=agreement, host_grade=host_grade, level=pg_level(student), on=received_on)
    except NotCovered:
        raise ValidationError({"received_on": _("No grading table is in force on this date.")}) from None
    with transaction.atomic():
        hg = m.HostGrade.objects.create(student=student, host=host, agreement=agreement, course_title=course_title, host_grade=host_grade.strip(),
                                        host_scale=host_scale, ects=ects, semester=semester, received_on=received_on, converted_score=score,
                                        ktmu_letter=letter, explanation=info)
        record(actor=actor, action=AuditEvent.Action.CREATE, obj=hg)
    return hg


def external_remedy_record(*, actor: Any, student: Student, filed_on: dt.date, note: str, decision: Decision | None = None) -> m.ExternalRemedy:
    """KTMU-36(10)-1 / A-76: record that the student sought an administrative remedy outside the system."""
    require(actor, "postgrad.manage_record", student)
    if not note.strip():
        raise ValidationError({"note": _("Describe the remedy sought (authority, reference).")})
    with transaction.atomic():
        r = m.ExternalRemedy.objects.create(student=student, filed_on=filed_on, note=note.strip(), decision=decision, recorded_by=_user(actor))
        record(actor=actor, action=AuditEvent.Action.CREATE, obj=r, reason="KTMU-36(10)-1")
    return r


def student_resume_after_leave(*, actor: Any, student: Student, reason: str = "") -> Student:
    """KTMU-37(6)-1: after the leave the student continues where they stopped — status back to ACTIVE;
    enrolments and grades are not touched."""
    require(actor, "postgrad.manage_record", student)
    from bilim.apps.standing.models import (
        AcademicLeave,  # standing: an academic leave with a file ends by the board (W-18)
    )

    if AcademicLeave.objects.filter(student_id=student.pk, closed=False).exists():
        raise ValidationError(_("This academic leave ends by the institute board's decision on its file (KTMU-38(1)d-1, 38(2)c-1)."))
    with transaction.atomic():
        s = Student.objects.select_for_update().get(pk=student.pk)
        if s.status != Student.Status.ACADEMIC_LEAVE:
            raise ValidationError(_("The student is not on leave."))
        before = snapshot(s)
        s.status = Student.Status.ACTIVE
        s.save(update_fields=["status"])
        record(actor=actor, action=AuditEvent.Action.TRANSITION, obj=s, before=before, reason=reason or "KTMU-37(6)-1")
    return s


def disciplinary_case_open(*, actor: Any, student: Student, opened_on: dt.date, summary: str) -> m.DisciplinaryCase:
    """Open a case at the student's institute (KTMU-42-1)."""
    require(actor, "postgrad.manage_record", student)
    if not summary.strip():
        raise ValidationError({"summary": _("Describe the matter.")})
    with transaction.atomic():
        case = m.DisciplinaryCase.objects.create(student=student, institute=student.unit, opened_on=opened_on, summary=summary.strip())
        record(actor=actor, action=AuditEvent.Action.CREATE, obj=case)
    return case


def disciplinary_case_decide(*, actor: Any, case: m.DisciplinaryCase, outcome: str, decided_on: dt.date) -> m.DisciplinaryCase:
    """Record the outcome; the dismissal ground KTMU-39(1)j-1 is evaluated by the rules layer and stored."""
    require(actor, "postgrad.manage_record", case.student)
    if outcome not in m.DisciplinaryCase.Outcome.values or outcome == m.DisciplinaryCase.Outcome.PENDING:
        raise ValidationError({"outcome": _("Choose the outcome.")})
    if decided_on < case.opened_on:
        raise ValidationError({"decided_on": _("The decision cannot precede the opening of the case.")})
    ground = dismissal.ground_j_discipline({"penalty": outcome}, decided_on)
    with transaction.atomic():
        c = m.DisciplinaryCase.objects.select_for_update().get(pk=case.pk)
        if c.outcome != m.DisciplinaryCase.Outcome.PENDING:
            raise ValidationError(_("This case is already decided."))
        before = snapshot(c)
        c.outcome, c.decided_on, c.ground_explanation = outcome, decided_on, ground.explanation.to_dict()
        c.save(update_fields=["outcome", "decided_on", "ground_explanation"])
        record(actor=actor, action=AuditEvent.Action.TRANSITION, obj=c, before=before, reason="KTMU-42-1")
    return c


NOT_COVERED = "postgrad.not_covered"


def not_covered_record(*, actor: Any, body: Body, number: str, date: dt.date, title: str, text: str, jurisdiction: str, legal_reference: str,
                       student: Student | None = None) -> m.NotCoveredMatter:
    """KTMU-44-1: a manual decision on a matter the instruction does not cover, citing national law."""
    from bilim.apps.governance.services import decision_create

    require(actor, "postgrad.manage_record")
    errors = {}
    if jurisdiction not in m.NotCoveredMatter.Jurisdiction.values:
        errors["jurisdiction"] = _("Choose the Kyrgyz Republic or the Republic of Türkiye.")
    if not legal_reference.strip():
        errors["legal_reference"] = _("Cite the law (act, article) the decision rests on.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        decision = decision_create(actor=actor, body=body, number=number, date=date, title=title, text=text, subject_type=NOT_COVERED,
                                   subject_id=str(student.pk) if student else "", reason="KTMU-44-1")
        matter = m.NotCoveredMatter.objects.create(decision=decision, student=student, jurisdiction=jurisdiction, legal_reference=legal_reference.strip())
        record(actor=actor, action=AuditEvent.Action.CREATE, obj=matter, reason="KTMU-44-1")
    return matter


def supervision_end(*, actor: Any, supervision: m.Supervision, ended_on: dt.date, reason: str = "") -> m.Supervision:
    """An appointed supervision ends (the supervisor was changed, KTMU-23(1)): status ENDED with its date.

    Added for the thesis app's W-12 change of supervisor (which decides the change through the workflow engine)."""
    require(actor, "postgrad.manage_supervision", supervision)
    with transaction.atomic():
        sup = m.Supervision.objects.select_for_update().get(pk=supervision.pk)
        if sup.status != m.Supervision.Status.ACTIVE:
            raise ValidationError(_("Only an appointed supervision can end."))
        if sup.started_on and ended_on < sup.started_on:
            raise ValidationError({"ended_on": _("The supervision cannot end before it started.")})
        before = snapshot(sup)
        sup.status, sup.ended_on = m.Supervision.Status.ENDED, ended_on
        sup.save(update_fields=["status", "ended_on"])
        record(actor=actor, action=AuditEvent.Action.UPDATE, obj=sup, before=before, reason=reason or "KTMU-23(1)-1")
    return sup
