"""Services of the KTMU student status: every state change goes through ``transition_apply`` with a facts
builder on the locked row; the rules of ``bilim.regulations.postgrad.leave / dismissal / plagiarism`` judge.

Tables: KTMU-W-17 (:class:`Leave`), KTMU-W-18 (:class:`AcademicLeave`), KTMU-W-19 (:class:`DismissalCase`),
KTMU-W-20 (:class:`PlagiarismCase`). The student's ``people.Student.status`` is written only by
:func:`status_on_move`, the ``ON_MOVE`` hook of these tables (same transaction, same lock as the move).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from bilim.apps.accounts.permissions import require
from bilim.apps.audit import services as audit
from bilim.apps.audit.models import AuditEvent
from bilim.apps.governance.models import Body, Decision
from bilim.apps.people.models import Student
from bilim.apps.standing import models as m
from bilim.apps.workflow.models import Transition
from bilim.apps.workflow.services import Move, TransitionRefused, transition_apply
from bilim.regulations.core import Outcome, Verdict
from bilim.regulations.core.registry import evaluate
from bilim.regulations.workflows.core import get_workflow

W17, W18, W19, W20 = "KTMU-W-17", "KTMU-W-18", "KTMU-W-19", "KTMU-W-20"


def today() -> dt.date:
    return timezone.localdate()


def lang() -> str:
    return (get_language() or "ky")[:2]


def _user(actor: Any) -> Any:
    return actor if getattr(actor, "is_authenticated", False) else None


def _refuse(outcome: Outcome) -> TransitionRefused:
    return TransitionRefused(_("The step was refused."), [outcome.explanation], code="guard")


def _own_student(actor: Any, student: Student) -> None:
    """The student acts for themself only (the engine's ``role:student`` is any student); the administrator may
    record a student's paper application for them (the demo seed does)."""
    from bilim.apps.accounts.models import Role
    from bilim.apps.accounts.permissions import role_codes

    if getattr(actor, "is_superuser", False) or Role.ADMINISTRATOR in role_codes(actor):
        return
    if student.person.user_id is None or student.person.user_id != getattr(actor, "pk", None):
        raise PermissionDenied("standing: not the student's own file")


def is_own(actor: Any, obj: Any) -> bool:
    return getattr(obj.student.person, "user_id", None) == getattr(actor, "pk", -1)


# --- the student's status follows the tables (ON_MOVE) -------------------------------------------------------------


def _status_for(move: Move) -> str | None:
    if move.workflow_code == W18:
        if move.target.startswith("ACADEMIC_LEAVE_"):
            return Student.Status.ACADEMIC_LEAVE
        if move.source.startswith("ACADEMIC_LEAVE_") and move.target in ("ACTIVE", "RETURNING"):
            return Student.Status.ACTIVE
    if move.workflow_code == W19 and move.target == "DISMISSED":
        return Student.Status.DISMISSED
    return None


_CLOSING = {W17: ("ACTIVE",), W18: ("ACTIVE",), W19: ("ENROLLED", "TRANSCRIPT_ISSUED"), W20: ("CLOSED", "DISMISSAL_CASE")}


def status_on_move(move: Move) -> list[str]:
    """``ON_MOVE`` hook of the four tables: closes the file when its process is over and writes the student's status
    (academic leave ↔ active, dismissed) under a lock on the student, in the transition's transaction."""
    rec = move.locked
    fields: list[str] = []
    if move.target in _CLOSING.get(move.workflow_code, ()) and move.source != move.target and not rec.closed:
        rec.closed = True
        fields.append("closed")
    new = _status_for(move)
    if new is not None:
        student = Student.objects.select_for_update().get(pk=rec.student_id)
        if student.status != new:
            before = audit.snapshot(student)
            student.status = new
            student.save(update_fields=["status"])
            audit.record(actor=move.actor, action=AuditEvent.Action.TRANSITION, obj=student, before=before,
                         after=audit.snapshot(student), reason=f"{move.workflow_code}: {move.source} —{move.action}→ {move.target}")
    return fields


# --- helpers ------------------------------------------------------------------------------------------------------


def _decision_date(decision: Decision | None) -> dt.date | None:
    return decision.date if decision is not None else None


def _check(errors: dict[str, str], cond: bool, field: str, msg: str) -> None:
    if not cond and field not in errors:
        errors[field] = msg


def _new_record(model: type[Any], *, actor: Any, student: Student, **fields: Any) -> Any:
    rec = model.objects.create(student=student, institute=student.unit, created_by=_user(actor), **fields)
    audit.record(actor=actor, action=AuditEvent.Action.CREATE, obj=rec)
    return rec


def _apply(actor: Any, obj: Any, code: str, action: str, facts: Callable[[Any], dict[str, Any]] | None = None, *,
           decision: Decision | None = None, reason: str = "", as_of: dt.date | None = None, system: bool = False,
           extra: list[Outcome] | None = None) -> Transition:
    tr = transition_apply(actor=actor, obj=obj, workflow_code=code, action=action, facts=facts, decision=decision, reason=reason,
                          as_of=as_of or today(), on_behalf_of_system=system,
                          extra_explanations=[o.explanation for o in (extra or [])])
    return tr


def leave_periods(student: Student) -> list[dict[str, dt.date]]:
    """Periods during which the student is on leave (W-17 ON_LEAVE) or academic leave (W-18 in a leave state)."""
    out = [{"start": s, "end": e} for s, e in m.Leave.objects.filter(student=student, state="ON_LEAVE").values_list("starts_on", "ends_on")]
    out += [{"start": s, "end": e} for s, e in m.AcademicLeave.objects.filter(student=student, state__startswith="ACADEMIC_LEAVE_")
            .values_list("starts_on", "ends_on")]
    return out


def event_blocked(student: Student, on: dt.date, event: str = "EXAM") -> Outcome:
    """KTMU-38(4)-1 for other apps (exams, qualifying exam, defences): FAIL when ``on`` falls in a leave period."""
    return evaluate("KTMU-38(4)-1", {"event_date": on, "event": event, "leave_periods": leave_periods(student)}, on)


def event_validity(student: Student, on: dt.date, event: str = "EXAM") -> Outcome:
    """KTMU-37(5)-1 / 38(5)-1: VOID when the event fell during a leave, VALID otherwise."""
    return evaluate("KTMU-37(5)-1", {"event_date": on, "event": event, "leave_periods": leave_periods(student)}, on)


#: the board's step that answers each kind of application waiting in ACTIVE (a body's queue lists every step of the
#: state; firing another one is refused, never guessed)
LEAVE_STEP_FOR = {"study": "study_leave", "exchange": "academic_permission"}
ACLEAVE_STEP_FOR = {"childbirth": "childbirth", "excused": "excused_reason", "military": "military_service"}


def _matches(kind: str, action: str, table: dict[str, str]) -> None:
    if action in table.values() and table.get(kind) != action:
        raise TransitionRefused(_("This step does not answer this application."), code="invalid")


# --- W-17 leave (art. 37) -----------------------------------------------------------------------------------------


def _leave_app_facts(rec: m.Leave, decided: bool = False) -> dict[str, Any]:
    f: dict[str, Any] = {"reason_arose_on": rec.reason_arose_on, "applied_on": rec.applied_on, "reason_stated": bool(rec.reason.strip()),
         "supporting_documents": bool(rec.document)}
    if decided:
        f["board_decided_days"] = (rec.ends_on - rec.starts_on).days + 1
    return {"KTMU-37(1)-1": f, "KTMU-37(7)-1": f}


def _validate_period(errors: dict[str, str], starts_on: dt.date | None, ends_on: dt.date | None) -> None:
    _check(errors, starts_on is not None, "starts_on", _("Enter the first day."))
    _check(errors, ends_on is not None, "ends_on", _("Enter the last day."))
    if starts_on and ends_on and ends_on < starts_on:
        errors["ends_on"] = _("The last day cannot be before the first day.")


def leave_apply(*, actor: Any, student: Student, kind: str, reason: str, starts_on: dt.date, ends_on: dt.date,
                reason_arose_on: dt.date | None = None, document: Any = None, country: str = "", under_agreement: bool = False,
                rectorate_decision_ref: str = "", applied_on: dt.date | None = None) -> m.Leave:
    """The student applies for leave (art. 37). A justified-reason leave is judged at once by KTMU-37(1)-1 / 37(7)-1 (15
    days, documents): a late application is refused with its explanation and nothing is written. Study and exchange
    leaves wait for the institute board."""
    _own_student(actor, student)
    applied_on = applied_on or today()
    errors: dict[str, str] = {}
    _check(errors, kind in m.Leave.Kind.values, "kind", _("Choose the kind of leave."))
    _check(errors, bool((reason or "").strip()), "reason", _("State the reason."))
    _validate_period(errors, starts_on, ends_on)
    if kind == m.Leave.Kind.JUSTIFIED:
        _check(errors, reason_arose_on is not None, "reason_arose_on", _("Enter the day the reason arose."))
        if reason_arose_on and reason_arose_on > applied_on:
            errors["reason_arose_on"] = _("The day the reason arose cannot be in the future.")
    if kind == m.Leave.Kind.STUDY:
        _check(errors, len((country or "").strip()) == 2, "country", _("Enter the two-letter code of the country."))
    if kind == m.Leave.Kind.EXCHANGE:
        _check(errors, bool(rectorate_decision_ref.strip()), "rectorate_decision_ref", _("Enter the rectorate's decision."))
    if errors:
        raise ValidationError(errors)
    if m.Leave.objects.filter(student=student, closed=False).exists():
        raise ValidationError({"kind": _("You already have a leave application or leave in progress.")})
    with transaction.atomic():
        rec = _new_record(m.Leave, actor=actor, student=student, kind=kind, reason=reason.strip(), reason_arose_on=reason_arose_on,
                          applied_on=applied_on, starts_on=starts_on, ends_on=ends_on, country=(country or "").upper()[:2],
                          under_agreement=under_agreement, rectorate_decision_ref=rectorate_decision_ref.strip())
        if document:
            rec.document = document
            rec.save(update_fields=["document"])
        if kind == m.Leave.Kind.JUSTIFIED:
            _apply(actor, rec, W17, "request_leave", lambda r: _leave_app_facts(r), as_of=applied_on)
    return rec


def leave_step(*, actor: Any, leave: m.Leave, action: str, decision: Decision | None = None, reason: str = "",
               counts_toward_duration: bool | None = None, event_date: dt.date | None = None, event: str = "EXAM") -> Transition:
    """Every other step of KTMU-W-17 (the board's decision, refusal, study leave, exchange permission, the written notice,
    an exam sat during the leave, the end of the leave)."""
    _matches(leave.kind, action, LEAVE_STEP_FOR)
    if action == "decide":
        return _apply(actor, leave, W17, action, lambda r: _leave_app_facts(r, decided=True), decision=decision, reason=reason)
    if action == "reject":
        return _apply(actor, leave, W17, action, decision=decision, reason=reason)
    if action == "study_leave":
        if counts_toward_duration is not None:
            m.Leave.objects.filter(pk=leave.pk).update(counts_toward_duration=counts_toward_duration)

        def study(r: m.Leave) -> dict[str, Any]:
            f = {"under_agreement": r.under_agreement, "institute_board_decision_on": _decision_date(decision),
                 "period": {"start": r.starts_on, "end": r.ends_on}, "country": r.country or None,
                 "counts_toward_study_duration": r.counts_toward_duration}
            counts = evaluate("KTMU-37(2)-2", f, today())
            if counts.explanation.message_key.endswith("duration_undecided"):
                raise _refuse(counts)
            r.explanation = [counts.explanation.to_dict()]
            r.save(update_fields=["explanation"])
            return {"KTMU-37(2)-1": f}

        return _apply(actor, leave, W17, action, study, decision=decision, reason=reason)
    if action == "academic_permission":
        def exchange(r: m.Leave) -> dict[str, Any]:
            out = evaluate("KTMU-37(3)-1", {"rectorate_decision": bool(r.rectorate_decision_ref), "skill_programme_prepared_by_fos":
                                            r.skill_programme_ready, "institute_board_decision": decision is not None}, today())
            if out.value != "ON_LEAVE":
                raise _refuse(out)
            return {"KTMU-37(3)-1": out}

        return _apply(actor, leave, W17, action, exchange, decision=decision, reason=reason)
    if action == "notify_instructors":
        return _leave_notify(actor, leave, reason)
    if action == "exam_sat_during_leave":
        if event_date is None:
            raise ValidationError({"event_date": _("Enter the day of the exam.")})

        def void(r: m.Leave) -> dict[str, Any]:
            out = evaluate("KTMU-37(5)-1", {"event_date": event_date, "event": event,
                                            "leave_periods": [{"start": r.starts_on, "end": r.ends_on}]}, event_date)
            if out.value != "VOID":
                raise _refuse(out)
            r.voided_events = [*r.voided_events, {"date": event_date.isoformat(), "event": event}]
            r.save(update_fields=["voided_events"])
            return {}

        return _apply(actor, leave, W17, action, void, reason=reason, system=True)
    if action == "leave_ends":
        return _apply(actor, leave, W17, action, reason=reason, system=True)
    raise ValidationError(_("Unknown step."))


def _leave_notify(actor: Any, leave: m.Leave, reason: str) -> Transition:
    """KTMU-37(4)-1: the instructors teaching the student during the leave and the supervisor are told in writing."""
    from bilim.apps.postgrad.models import Supervision
    from bilim.apps.records.models import Enrolment

    require(actor, "standing.manage", leave)
    sent: list[str] = []

    def facts(r: m.Leave) -> dict[str, Any]:
        teachers: dict[str, str] = {}
        for e in Enrolment.objects.filter(student_id=r.student_id, offering__term__starts_on__lte=r.ends_on,
                                          offering__term__ends_on__gte=r.starts_on).prefetch_related("offering__instructors__person__user"):
            for s in e.offering.instructors.all():
                teachers[f"staff:{s.pk}"] = getattr(getattr(s.person, "user", None), "email", "") or ""
        sup = Supervision.objects.filter(student_id=r.student_id, status="ACTIVE").select_related("staff__person__user").first()
        sup_id = f"staff:{sup.staff_id}" if sup and sup.staff_id else "supervisor:none"
        if sup and sup.staff is not None:
            teachers[sup_id] = getattr(getattr(sup.staff.person, "user", None), "email", "") or ""
        notified = sorted({*teachers, sup_id})
        r.notified = notified
        r.save(update_fields=["notified"])
        sent.extend(e for e in teachers.values() if e)
        return {"KTMU-37(4)-1": {"instructors_teaching_during_leave": sorted(k for k in teachers if k != sup_id),
                                 "supervisor_id": sup_id, "notified_in_writing": notified}}

    tr = _apply(actor, leave, W17, "notify_instructors", facts, reason=reason)
    if sent:
        body = _("The student %(student)s is on leave by the institute board's decision from %(start)s to %(end)s (KTMU-37(4)-1).") % {
            "student": str(leave.student), "start": leave.starts_on, "end": leave.ends_on}
        transaction.on_commit(lambda: send_mail(_("Bilim: a student on leave"), body, None, sorted(set(sent)), fail_silently=True))
    return tr


# --- W-18 academic leave (art. 38) ----------------------------------------------------------------------------------


def _academic_year(student: Student, on: dt.date) -> dict[str, dt.date]:
    from bilim.apps.curriculum.models import AcademicYear

    y = AcademicYear.objects.filter(institution_id=student.institution_id, starts_on__lte=on, ends_on__gte=on).first()
    if y is not None:
        return {"start": y.starts_on, "end": y.ends_on}
    start = dt.date(on.year if on.month >= 9 else on.year - 1, 9, 1)
    return {"start": start, "end": dt.date(start.year + 1, 8, 31)}


def _calendar_window(student: Student, kind: str, on: dt.date) -> dict[str, dt.date] | None:
    from bilim.apps.curriculum.models import CalendarPeriod

    qs = CalendarPeriod.objects.filter(institution_id=student.institution_id, kind=kind)
    p = qs.filter(starts_on__lte=on).order_by("-starts_on").first() or qs.order_by("starts_on").first()
    return {"start": p.starts_on, "end": p.ends_on} if p else None


def _health_taken(rec: m.AcademicLeave) -> int:
    done = Transition.objects.filter(workflow=W18, target="ACADEMIC_LEAVE_HEALTH", object_type="standing.academicleave").values_list(
        "object_id", flat=True)
    return sum(m.AcademicLeave.objects.filter(student_id=rec.student_id, pk__in=[int(i) for i in done]).exclude(pk=rec.pk)
               .values_list("semesters", flat=True))


def _excused_facts(r: m.AcademicLeave, decided: bool) -> dict[str, Any]:
    f = {"reason": r.excused_reason, "evidence": bool(r.document), "semesters_requested": r.semesters, "institute_board_decision": decided}
    window = _calendar_window(r.student, "academic_leave", r.applied_on)
    w = {"applied_on": r.applied_on, "unforeseen": r.unforeseen, "window": window} if (window or r.unforeseen) else None
    if w is not None and window is None:
        w["window"] = {"start": r.applied_on, "end": r.applied_on}
    return {"KTMU-38(2)a-1": f, "KTMU-38(2)a-2": f, "KTMU-38(2)b-1": w}


def _military_facts(r: m.AcademicLeave) -> dict[str, Any]:
    from bilim.apps.curriculum.models import Term

    terms = Term.objects.filter(year__institution_id=r.student.institution_id).exclude(kind="summer").select_related("year")
    return {"service": {"start": r.service_starts_on, "end": r.service_ends_on}, "call_up_documents": bool(r.document),
            "written_notice": bool(r.statement.strip()),
            "semesters": [{"label": str(t), "start": t.starts_on, "end": t.ends_on} for t in terms]}


def _precheck(outcomes: list[Outcome | None]) -> None:
    """Refuse an application that a rule already rejects (nothing written), with every failing explanation."""
    bad = [o for o in outcomes if o is not None and o.verdict is Verdict.FAIL]
    if bad:
        raise TransitionRefused(_("The application was refused."), [o.explanation for o in bad], code="guard")


def acleave_apply(*, actor: Any, student: Student, reason: str, statement: str, starts_on: dt.date, ends_on: dt.date,
                  semesters: int = 1, excused_reason: str = "", unforeseen: bool = False, document: Any = None,
                  sick_sheet_opened_on: dt.date | None = None, hospital_admitted_on: dt.date | None = None,
                  hospital_discharged_on: dt.date | None = None, service_starts_on: dt.date | None = None,
                  service_ends_on: dt.date | None = None, applied_on: dt.date | None = None) -> m.AcademicLeave:
    """The student applies for academic leave (art. 38). Health documents are judged at once (KTMU-38(1)c-1, 7 days);
    for the other reasons the rules that do not wait for the board (documents, ≤ 2 semesters, job reasons excluded,
    the calendar window) are checked before anything is written; the institute board then decides."""
    _own_student(actor, student)
    applied_on = applied_on or today()
    errors: dict[str, str] = {}
    _check(errors, reason in m.AcademicLeave.Reason.values, "reason", _("Choose the reason."))
    _check(errors, bool((statement or "").strip()), "statement", _("Write your statement."))
    _validate_period(errors, starts_on, ends_on)
    if not isinstance(semesters, int) or semesters < 1 or semesters > 12:
        errors["semesters"] = _("Enter a number of semesters between 1 and 12.")
    if reason == m.AcademicLeave.Reason.HEALTH:
        _check(errors, sick_sheet_opened_on is not None, "sick_sheet_opened_on", _("Enter the day the sick-leave sheet was opened."))
        _check(errors, hospital_admitted_on is not None, "hospital_admitted_on", _("Enter the day of admission to hospital."))
        _check(errors, hospital_discharged_on is not None, "hospital_discharged_on", _("Enter the day of discharge."))
        if hospital_admitted_on and hospital_discharged_on and hospital_discharged_on < hospital_admitted_on:
            errors["hospital_discharged_on"] = _("The discharge cannot be before the admission.")
    if reason == m.AcademicLeave.Reason.EXCUSED:
        _check(errors, excused_reason in m.AcademicLeave.Excused.values, "excused_reason", _("Choose the excused reason."))
    if reason == m.AcademicLeave.Reason.MILITARY:
        _check(errors, service_starts_on is not None, "service_starts_on", _("Enter the first day of service."))
        _check(errors, service_ends_on is not None, "service_ends_on", _("Enter the last day of service."))
        if service_starts_on and service_ends_on and service_ends_on < service_starts_on:
            errors["service_ends_on"] = _("The last day cannot be before the first day.")
    if errors:
        raise ValidationError(errors)
    if m.AcademicLeave.objects.filter(student=student, closed=False).exists():
        raise ValidationError({"reason": _("You already have an academic-leave application or leave in progress.")})
    with transaction.atomic():
        rec = _new_record(m.AcademicLeave, actor=actor, student=student, reason=reason, excused_reason=excused_reason or "",
                          statement=statement.strip(), applied_on=applied_on, starts_on=starts_on, ends_on=ends_on, semesters=semesters,
                          unforeseen=unforeseen, sick_sheet_opened_on=sick_sheet_opened_on, hospital_admitted_on=hospital_admitted_on,
                          hospital_discharged_on=hospital_discharged_on, service_starts_on=service_starts_on, service_ends_on=service_ends_on)
        if document:
            rec.document = document
            rec.save(update_fields=["document"])
        if reason == m.AcademicLeave.Reason.HEALTH:
            _apply(actor, rec, W18, "submit_health_documents", lambda r: {"KTMU-38(1)c-1": {
                "sick_sheet_opened_on": r.sick_sheet_opened_on, "documents_submitted_on": r.applied_on}}, as_of=applied_on)
        elif reason == m.AcademicLeave.Reason.CHILDBIRTH:
            _precheck([evaluate("KTMU-38(1)b-1", {"birth_document": bool(rec.document), "semesters_requested": semesters}, applied_on)])
        elif reason == m.AcademicLeave.Reason.EXCUSED:
            f = _excused_facts(rec, decided=False)
            _precheck([evaluate("KTMU-38(2)a-1", f["KTMU-38(2)a-1"], applied_on),
                       evaluate("KTMU-38(2)b-1", f["KTMU-38(2)b-1"], applied_on) if f["KTMU-38(2)b-1"] else None])
        else:
            out = evaluate("KTMU-38(3)a-1", _military_facts(rec), applied_on)
            _precheck([out])
    return rec


def acleave_report_return(*, actor: Any, leave: m.AcademicLeave, returned_on: dt.date | None = None,
                          military_id_shown: bool = False) -> m.AcademicLeave:
    """The student reports recovery / that the reason is resolved / the return from service (art. 38(1)d, 38(2)c,
    38(3)b): recorded with an audit row; the institute board (or management) then ends the leave."""
    _own_student(actor, leave.student)
    if not leave.on_leave:
        raise ValidationError(_("You are not on academic leave."))
    with transaction.atomic():
        rec = m.AcademicLeave.objects.select_for_update().get(pk=leave.pk)
        before = audit.snapshot(rec)
        rec.returned_on = returned_on or today()
        rec.reported_on = today()
        rec.military_id_shown = military_id_shown
        rec.save(update_fields=["returned_on", "reported_on", "military_id_shown"])
        audit.record(actor=actor, action=AuditEvent.Action.UPDATE, obj=rec, before=before, after=audit.snapshot(rec),
                     reason="KTMU-38(1)d-1 / 38(2)c-1 / 38(3)b-1")
    leave.refresh_from_db()
    return leave


def acleave_step(*, actor: Any, leave: m.AcademicLeave, action: str, decision: Decision | None = None, reason: str = "",
                 event_date: dt.date | None = None, event: str = "EXAM") -> Transition:
    """Every decision step of KTMU-W-18 (board decisions, the return, an activity attempted during the leave)."""
    _matches(leave.reason, action, ACLEAVE_STEP_FOR)
    on = today()
    if action == "decide":
        return _apply(actor, leave, W18, action, lambda r: {
            "KTMU-38(1)a-1": {"admitted_on": r.hospital_admitted_on, "discharged_on": r.hospital_discharged_on,
                              "academic_year": _academic_year(r.student, r.hospital_admitted_on or r.applied_on),
                              "hospital_certificate": bool(r.document)},
            "KTMU-38(1)a-2": {"semesters_already_taken": _health_taken(r), "semesters_requested": r.semesters}},
            decision=decision, reason=reason)
    if action in ("reject", "return"):
        return _apply(actor, leave, W18, action, decision=decision, reason=reason)
    if action == "childbirth":
        return _apply(actor, leave, W18, action, lambda r: {"KTMU-38(1)b-1": {
            "birth_document": bool(r.document), "semesters_requested": r.semesters}}, decision=decision, reason=reason)
    if action in ("recovered", "resolved"):
        def end(r: m.AcademicLeave) -> dict[str, Any]:
            rid = "KTMU-38(1)d-1" if action == "recovered" else "KTMU-38(2)c-1"
            out = evaluate(rid, {"reason": "HEALTH" if action == "recovered" else "EXCUSED", "notice_given": r.reported_on is not None,
                                 "institute_board_decision": decision is not None}, on)
            if out.value != "ACTIVE":
                raise _refuse(out)
            return {rid: out}

        return _apply(actor, leave, W18, action, end, decision=decision, reason=reason)
    if action == "excused_reason":
        return _apply(actor, leave, W18, action, lambda r: _excused_facts(r, decided=decision is not None), decision=decision, reason=reason)
    if action == "military_service":
        def mil(r: m.AcademicLeave) -> dict[str, Any]:
            out = evaluate("KTMU-38(3)a-1", _military_facts(r), on)
            if out.verdict is Verdict.FAIL or not out.value:
                raise _refuse(out)
            return {"KTMU-38(3)a-1": out}

        return _apply(actor, leave, W18, action, mil, decision=decision, reason=reason)
    if action == "military_return":
        from bilim.apps.curriculum.models import CalendarPeriod

        def ret(r: m.AcademicLeave) -> dict[str, Any]:
            windows = CalendarPeriod.objects.filter(institution_id=r.student.institution_id, kind="registration").values_list("starts_on", "ends_on")
            return {"KTMU-38(3)b-1": {"returned_on": r.returned_on or r.service_ends_on, "reported_on": r.reported_on,
                                      "military_id_shown": r.military_id_shown, "service_end": r.service_ends_on,
                                      "renewal_windows": [{"start": s, "end": e} for s, e in windows]}}

        return _apply(actor, leave, W18, "return", ret, decision=decision, reason=reason)
    if action == "renew_registration":
        _own_student(actor, leave.student)
        return _apply(actor, leave, W18, action, reason=reason)
    if action == "activity_attempt":
        if event_date is None:
            raise ValidationError({"event_date": _("Enter the day of the activity.")})

        def attempt(r: m.AcademicLeave) -> dict[str, Any]:
            period = [{"start": r.starts_on, "end": r.ends_on}]
            blocked = evaluate("KTMU-38(4)-1", {"event_date": event_date, "event": event, "leave_periods": period}, event_date)
            if blocked.verdict is not Verdict.FAIL:
                raise _refuse(blocked)  # not during the leave: nothing to record
            r.voided_events = [*r.voided_events, {"date": event_date.isoformat(), "event": event}]
            r.save(update_fields=["voided_events"])
            return {}

        return _apply(actor, leave, W18, action, attempt, reason=reason, system=True,
                      extra=[evaluate("KTMU-38(5)-1", {"event_date": event_date, "event": event,
                                                       "leave_periods": [{"start": leave.starts_on, "end": leave.ends_on}]}, event_date)])
    raise ValidationError(_("Unknown step."))


# --- W-19 dismissal (art. 39) -------------------------------------------------------------------------------------

#: ground rule ID -> the W-19 action that opens a case on it (read from the table, never retyped)
GROUND_ACTIONS: dict[str, str] = {}


def ground_actions() -> dict[str, str]:
    if not GROUND_ACTIONS:
        for t in get_workflow(W19).actions_from("ENROLLED"):
            if t.action.startswith("ground_"):
                GROUND_ACTIONS[t.refs[0]] = t.action
    return GROUND_ACTIONS


def dismissal_open(*, actor: Any, student: Student, ground: Outcome, check_run: m.SemesterCheck | None = None,
                   plagiarism: m.PlagiarismCase | None = None, note: str = "") -> m.DismissalCase:
    """Open a dismissal case on a ground of art. 39(1): ``ground`` is the ground rule's outcome, which must be a FAIL (the
    ground exists); it is stored as the explanation of the move. Without an actor the move is the system's."""
    rid = next((r for r in ground.rule_ids if r in ground_actions()), None)
    if rid is None or ground.verdict is not Verdict.FAIL:
        raise _refuse(ground)
    with transaction.atomic():
        case = _new_record(m.DismissalCase, actor=actor, student=student, ground=rid, action=ground_actions()[rid], check_run=check_run,
                           plagiarism=plagiarism, note=note)
        _apply(actor, case, W19, case.action, system=actor is None, extra=[ground], reason=note)
    return case


def dismissal_open_own_request(*, actor: Any, student: Student, requested_on: dt.date, note: str = "") -> m.DismissalCase:
    """Ground (a): the student's own written request, recorded by the institute."""
    require(actor, "standing.manage_student", student)
    if requested_on > today():
        raise ValidationError({"requested_on": _("The request cannot be dated in the future.")})
    return dismissal_open(actor=actor, student=student, ground=evaluate("KTMU-39(1)a-1", {"requested_on": requested_on}, today()), note=note)


def _letter(rule_id: str) -> str:
    return rule_id.split("(1)")[-1].split("-")[0] if "(1)" in rule_id else rule_id


def dismissal_step(*, actor: Any, case: m.DismissalCase, action: str, decision: Decision | None = None, reason: str = "",
                   order_number: str = "", order_date: dt.date | None = None) -> Transition:
    """Propose / drop (institute board), the rector's order, the former student's transcript request, its issue."""
    if action == "propose_dismissal":
        def propose(r: m.DismissalCase) -> dict[str, Any]:
            r.proposal = decision
            r.save(update_fields=["proposal"])
            return {"KTMU-39(2)-1": {"grounds": [_letter(r.ground)], "institute_board_proposal_on": _decision_date(decision)}}

        return _apply(actor, case, W19, action, propose, decision=decision, reason=reason)
    if action == "drop_case":
        return _apply(actor, case, W19, action, decision=decision, reason=reason)
    if action == "rector_order":
        errors: dict[str, str] = {}
        _check(errors, bool(order_number.strip()), "order_number", _("Enter the number of the rector's order."))
        _check(errors, order_date is not None, "order_date", _("Enter the date of the rector's order."))
        if errors:
            raise ValidationError(errors)

        def order(r: m.DismissalCase) -> dict[str, Any]:
            r.order_number, r.order_date = order_number.strip(), order_date
            r.save(update_fields=["order_number", "order_date"])
            return {"KTMU-39(2)-1": {"grounds": [_letter(r.ground)], "institute_board_proposal_on": _decision_date(r.proposal),
                                     "rector_order_on": order_date}}

        return _apply(actor, case, W19, action, order, reason=reason, as_of=order_date)
    if action == "request_transcript":
        on = today()
        due = evaluate("KTMU-39(3)-1", {"requested_on": on}, on)

        def request(r: m.DismissalCase) -> dict[str, Any]:
            r.transcript_requested_on = on
            r.transcript_due_on = due.explanation.message_values.get("due")
            r.save(update_fields=["transcript_requested_on", "transcript_due_on"])
            return {}

        return _apply(actor, case, W19, action, request, reason=reason, extra=[due])
    if action == "issue_transcript":
        on = today()
        met = evaluate("KTMU-39(3)-1", {"requested_on": case.transcript_requested_on or on, "issued_on": on}, on)

        def issue(r: m.DismissalCase) -> dict[str, Any]:
            r.transcript_issued_on = on
            r.save(update_fields=["transcript_issued_on"])
            return {}

        return _apply(actor, case, W19, action, issue, reason=reason, extra=[met])
    raise ValidationError(_("Unknown step."))


# --- W-20 plagiarism (art. 43) -------------------------------------------------------------------------------------


def plagiarism_complain(*, actor: Any, student: Student, work: str, complaint: str, document: Any = None) -> m.PlagiarismCase:
    """Anyone may complain (KTMU-43(1)-1); the institute then refers the complaint in writing to the ethics committee."""
    if not getattr(actor, "is_authenticated", False):
        raise PermissionDenied("standing.complain")
    errors: dict[str, str] = {}
    _check(errors, bool((work or "").strip()), "work", _("Name the thesis or work concerned."))
    _check(errors, bool((complaint or "").strip()), "complaint", _("Describe the suspicion."))
    if errors:
        raise ValidationError(errors)
    on = today()
    with transaction.atomic():
        case = _new_record(m.PlagiarismCase, actor=actor, student=student, work=work.strip(), complaint=complaint.strip(), complained_on=on)
        if document:
            case.document = document
            case.save(update_fields=["document"])
        _apply(actor, case, W20, "complaint", lambda r: {"KTMU-43(1)-1": {"complaint_received_on": r.complained_on}})
    return case


def plagiarism_step(*, actor: Any, case: m.PlagiarismCase, action: str, decision: Decision | None = None, reason: str = "") -> Transition:
    on = today()
    if action == "refer_to_ethics_committee":
        def refer(r: m.PlagiarismCase) -> dict[str, Any]:
            r.referred_on = on
            r.save(update_fields=["referred_on"])
            return {"KTMU-43(1)-1": {"complaint_received_on": r.complained_on, "referred_in_writing_on": on, "referred_to": "ETHICS_COMMITTEE"}}

        return _apply(actor, case, W20, action, refer, reason=reason)
    if action == "no_plagiarism":
        day = _decision_date(decision) or on

        def clear(r: m.PlagiarismCase) -> dict[str, Any]:
            r.concluded_on, r.decision = day, decision
            r.save(update_fields=["concluded_on", "decision"])
            return {"KTMU-43(2)-1": {"cases": [{"opened_on": r.complained_on, "concluded_on": day}], "issue_on": max(day, r.complained_on)}}

        return _apply(actor, case, W20, action, clear, decision=decision, reason=reason)
    if action == "plagiarism_found":
        finding = evaluate("KTMU-43(3)-1", {"finding": "PLAGIARISM_AND_ETHICS_VIOLATION"}, on)
        with transaction.atomic():
            def found(r: m.PlagiarismCase) -> dict[str, Any]:
                r.concluded_on, r.decision = _decision_date(decision) or on, decision
                r.save(update_fields=["concluded_on", "decision"])
                return {}

            tr = _apply(actor, case, W20, action, found, decision=decision, reason=reason, extra=[finding])
            k = evaluate("KTMU-39(1)k-1", {"finding": "PLAGIARISM_AND_ETHICS_VIOLATION"}, on)
            if not m.DismissalCase.objects.filter(student_id=case.student_id, state__in=m.DismissalCase.OPEN_STATES).exists():
                dismissal_open(actor=None, student=case.student, ground=k, plagiarism=case, note=reason)
        return tr
    raise ValidationError(_("Unknown step."))


def diploma_hold(student: Student, on: dt.date | None = None) -> Outcome:
    """KTMU-43(2)-1 for the degree award: FAIL (no diploma) while a plagiarism complaint is not concluded."""
    on = on or today()
    cases = [{"opened_on": c.complained_on, "concluded_on": c.concluded_on}
             for c in m.PlagiarismCase.objects.filter(student=student).exclude(state="NEW")]
    return evaluate("KTMU-43(2)-1", {"cases": cases, "issue_on": on}, on)


# --- a body's adopted decision fires the waiting step (registry ``perform``) ------------------------------------------


def perform(*, obj: Any, action: str, actor: Any, decision: Decision | None = None, reason: str = "") -> Transition:
    if isinstance(obj, m.Leave):
        return leave_step(actor=actor, leave=obj, action=action, decision=decision, reason=reason)
    if isinstance(obj, m.AcademicLeave):
        return acleave_step(actor=actor, leave=obj, action="military_return" if action == "return" and obj.reason == "military" else action,
                            decision=decision, reason=reason)
    if isinstance(obj, m.DismissalCase):
        return dismissal_step(actor=actor, case=obj, action=action, decision=decision, reason=reason)
    if isinstance(obj, m.PlagiarismCase):
        return plagiarism_step(actor=actor, case=obj, action=action, decision=decision, reason=reason)
    raise LookupError(type(obj).__name__)


BODY_FOR_ACTION = {"institute_board": Body.Kind.INSTITUTE_BOARD}


def decide_by_body(*, actor: Any, obj: Any, workflow_code: str, action: str, number: str, date: dt.date, title: str = "",
                   text: str = "", **step_kwargs: Any) -> Transition:
    """The secretary records the body's adopted decision about this record and the step it fires (until the governance
    meetings carry it): decision draft → adopted → the step, in one transaction (a refused step keeps no decision)."""
    from bilim.apps.governance.services import decision_adopt, decision_create
    from bilim.apps.workflow.services import body_kind

    row = next((t for t in get_workflow(workflow_code).actions_from(obj.state) if t.action == action), None)
    bodies = [body_kind(a[5:]) for a in (row.authority if row else ()) if a.startswith("body:")]
    if not bodies:
        raise ValidationError(_("This step is not decided by a body."))
    errors: dict[str, str] = {}
    _check(errors, bool((number or "").strip()), "number", _("Enter the number of the decision."))
    _check(errors, date is not None, "date", _("Enter the date of the decision."))
    if errors:
        raise ValidationError(errors)
    unit = obj.institute
    body = (Body.objects.filter(kind=bodies[0], unit=unit).first() or Body.objects.filter(kind=bodies[0], unit__isnull=True,
            institution_id=obj.student.institution_id).first())
    if body is None:
        raise ValidationError(_("No body of this kind is set up for the institute."))
    try:
        with transaction.atomic():
            d = decision_create(actor=actor, body=body, number=number.strip(), date=date, title=title or str(obj)[:200], text=text,
                                subject_type=obj._meta.label_lower, subject_id=str(obj.pk))
            d = decision_adopt(actor=actor, decision=d)
            kw = {"leave": obj} if isinstance(obj, (m.Leave, m.AcademicLeave)) else {"case": obj}
            fn: Any = {W17: leave_step, W18: acleave_step, W19: dismissal_step, W20: plagiarism_step}[workflow_code]
            if workflow_code == W18 and action == "return" and obj.reason == "military":
                action = "military_return"
            return fn(actor=actor, action=action, decision=d, reason=text, **kw, **step_kwargs)
    except IntegrityError:
        raise ValidationError({"number": _("A decision with this number already exists.")}) from None
