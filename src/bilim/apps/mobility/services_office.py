"""Office support of mobility (tasks and alerts, consultations, correspondence, learning-agreement changes, arrival,
commission membership, partner-list mailing, programmes and events, finance on the file).

Each step is one atomic transaction with an audit row; permissions are checked with ``require``; bad input raises
``ValidationError`` keyed by field and writes nothing. Rule decisions (the ISP change application, the results-documents
deadline) come from the rules layer.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from bilim.apps.accounts.models import Role, RoleAssignment
from bilim.apps.accounts.permissions import require
from bilim.apps.audit import services as audit
from bilim.apps.audit.models import AuditEvent
from bilim.apps.core.integrity import unique_or_error
from bilim.apps.core.numbers import AMOUNT, ISP_CREDITS, NumberError, parse_decimal
from bilim.apps.mobility import models as m
from bilim.apps.workflow.services import TransitionRefused
from bilim.regulations.core.outcome import Verdict
from bilim.regulations.core.registry import evaluate
from bilim.regulations.mobility import student as stu_rules

FACULTY_KINDS = ("faculty", "institute", "college")
A = AuditEvent.Action


def today() -> dt.date:
    return timezone.localdate()


def _required(**values: Any) -> None:
    missing = {k: _("This field is required.") for k, v in values.items() if v in (None, "") or (isinstance(v, str) and not v.strip())}
    if missing:
        raise ValidationError(missing)


def faculty_of(unit: Any) -> Any:
    """The faculty (institute, college) a unit belongs to, or None."""
    while unit is not None and unit.kind not in FACULTY_KINDS:
        unit = unit.parent
    return unit


def _role_holder(role: str, unit: Any) -> Any:
    ra = RoleAssignment.objects.active().filter(role=role, unit=unit).select_related("user").order_by("id").first()
    return ra.user if ra else None


def faculty_vdir(unit: Any) -> Any:
    """The faculty's deputy dean for international relations: default assignee of its tasks and alerts (OSU-4.8-VDIR-12)."""
    fac = faculty_of(unit)
    return _role_holder(Role.DEPUTY_DEAN_IR, fac) if fac is not None else None


# --- tasks and alerts (OSU-4.8-IRD-1, OSU-4.8-VDIR-12) ----------------------------------------------------------------------


@transaction.atomic
def task_create(*, actor: Any, unit: Any, title: str, description: str = "", due_on: dt.date | None = None, assignee: Any = None,
                mobility: m.StudentMobility | None = None) -> m.Task:
    """IRD assigns a task to any unit; a faculty-level task without an assignee goes to the faculty's VDIR."""
    require(actor, "mobility.manage_tasks")
    _required(unit=unit, title=title)
    if due_on is not None and due_on < today():
        raise ValidationError({"due_on": _("The due date is in the past.")})
    if assignee is None and unit.kind in FACULTY_KINDS:
        assignee = faculty_vdir(unit)
    task = m.Task.objects.create(title=title.strip(), description=description, unit=unit, assignee=assignee, due_on=due_on,
                                 mobility=mobility, created_by=actor)
    audit.record(actor=actor, action=A.CREATE, obj=task, after=audit.snapshot(task))
    return task


@transaction.atomic
def task_set_status(*, actor: Any, task: m.Task, status: str) -> m.Task:
    require(actor, "mobility.update_task", task)
    if status not in m.Task.Status.values:
        raise ValidationError({"status": _("Choose a valid status.")})
    locked = m.Task.objects.select_for_update().get(pk=task.pk)
    before = audit.snapshot(locked)
    locked.status = status
    locked.closed_at = None if status == m.Task.Status.OPEN else timezone.now()
    locked.save(update_fields=["status", "closed_at"])
    audit.record(actor=actor, action=A.UPDATE, obj=locked, before=before, after=audit.snapshot(locked))
    return locked


@transaction.atomic
def overdue_alerts_raise(*, on: dt.date | None = None) -> list[m.Task]:
    """Raise one alert per returned student whose host documents / report are overdue (OSU-4.8-STU-12 via the rules
    layer), addressed to the student's faculty and assigned to its VDIR (OSU-4.8-VDIR-12). Idempotent."""
    on = on or today()
    raised = []
    for mob in m.StudentMobility.objects.filter(state="RETURNED").select_related("student__unit", "student__person"):
        status = stu_rules.results_documents_status({"mobility_end_date": mob.end_date, "results_documents_submitted_on": mob.docs_submitted_on,
                                                     "report_submitted_on": mob.report_submitted_on}, on)
        if status.value != "OVERDUE":
            continue
        key = f"docs-overdue-{mob.pk}"
        fac = faculty_of(mob.student.unit) or mob.student.unit
        if m.Task.objects.filter(alert_key=key).exists():
            continue
        with translation.override(settings.LANGUAGE_CODE):
            title = _("Host documents and report overdue: %(student)s") % {"student": f"{mob.student.person.last_name} {mob.student.person.first_name}"}
            desc = status.message(settings.LANGUAGE_CODE)
        try:
            with unique_or_error("duplicate alert"):  # mob_task_alert_once: another worker raised it meanwhile
                task = m.Task.objects.create(kind=m.Task.Kind.ALERT, title=title, description=desc, unit=fac, assignee=faculty_vdir(fac),
                                             due_on=status.explanation.message_values.get("due") if isinstance(status.explanation.message_values.get("due"), dt.date) else None,
                                             mobility=mob, alert_key=key)
        except ValidationError:
            continue
        audit.record(actor=None, action=A.CREATE, obj=task, after=audit.snapshot(task), reason="OSU-4.8-STU-12")
        raised.append(task)
    return raised


# --- consultations (OSU-4.8-IRD-2) --------------------------------------------------------------------------------------------


@transaction.atomic
def consultation_create(*, actor: Any, topic: str, question: str) -> m.Consultation:
    require(actor, "mobility.ask_consultation")
    _required(question=question)
    if topic not in m.Consultation.Topic.values:
        raise ValidationError({"topic": _("Choose a valid topic.")})
    c = m.Consultation.objects.create(author=actor, topic=topic, question=question.strip())
    audit.record(actor=actor, action=A.CREATE, obj=c, after=audit.snapshot(c))
    return c


@transaction.atomic
def consultation_answer(*, actor: Any, consultation: m.Consultation, answer: str) -> m.Consultation:
    require(actor, "mobility.answer_consultation")
    _required(answer=answer)
    c = m.Consultation.objects.select_for_update().get(pk=consultation.pk)
    before = audit.snapshot(c)
    c.answer, c.status, c.answered_by, c.answered_at = answer.strip(), m.Consultation.Status.ANSWERED, actor, timezone.now()
    c.save()
    audit.record(actor=actor, action=A.UPDATE, obj=c, before=before, after=audit.snapshot(c))
    return c


# --- correspondence (OSU-4.8-IRD-3 per partner, OSU-4.8-VDIR-11 per outgoing student) -------------------------------------------


@transaction.atomic
def correspondence_add(*, actor: Any, on: dt.date | None, direction: str, subject: str, note: str = "", topic: str = "OTHER",
                       partner: Any = None, mobility: m.StudentMobility | None = None, attachment: Any = None) -> m.Correspondence:
    if mobility is not None:
        require(actor, "mobility.student_correspondence", mobility)
        partner = partner or mobility.host
    else:
        require(actor, "mobility.manage_correspondence")
        _required(partner=partner)
    _required(on=on, subject=subject)
    assert on is not None  # _required refused an empty date
    errors = {}
    if direction not in m.Correspondence.Direction.values:
        errors["direction"] = _("Choose a valid direction.")
    if topic not in m.Correspondence.Topic.values:
        errors["topic"] = _("Choose a valid topic.")
    if on and on > today():
        errors["on"] = _("The date is in the future.")
    if errors:
        raise ValidationError(errors)
    if attachment:
        try:
            m.validate_upload(attachment)
        except ValidationError as e:
            raise ValidationError({"attachment": e.messages}) from None
    entry = m.Correspondence(partner=partner, mobility=mobility, on=on, direction=direction, topic=topic, subject=subject.strip(), note=note,
                             recorded_by=actor)
    if attachment:
        entry.attachment = attachment
    entry.save()
    audit.record(actor=actor, action=A.CREATE, obj=entry, after={"partner": entry.partner_id, "mobility": entry.mobility_id, "on": str(on),
                                                                "direction": direction, "topic": topic, "subject": entry.subject,
                                                                "attachment": entry.attachment.name if entry.attachment else ""})
    if mobility is not None:
        audit.record(actor=actor, action=A.UPDATE, obj=mobility, after={"letter": entry.pk, "topic": topic}, reason="correspondence with the host")
    return entry


# --- arrival and the ISP change application (OSU-4.8-STU-6/7, OSU-4.8-STU-9) ---------------------------------------------------

ABROAD_STATES = ("DEPARTED", "ABROAD", "STUDYING_ONLINE")


@transaction.atomic
def arrival_confirm(*, actor: Any, mobility: m.StudentMobility, met_on: dt.date | None, plan_changes: bool = False,
                    change_reason: str = "") -> Any:
    """Record the day the student met the host coordinator; when the review changes the plan, lodge the ISP change
    application with the dean (OSU-4.8-STU-9 decides whether it is admissible). Returns the task created, if any."""
    require(actor, "mobility.confirm_arrival", mobility)
    mob = m.StudentMobility.objects.select_for_update().get(pk=mobility.pk)
    if mob.state not in ABROAD_STATES:
        raise ValidationError({"met_on": _("Arrival can be confirmed only once the student has left for the host.")})
    _required(met_on=met_on)
    assert met_on is not None  # _required refused an empty date
    if met_on < mob.start_date - dt.timedelta(days=31) or met_on > today():
        raise ValidationError({"met_on": _("The date must lie between a month before the stay and today.")})
    if plan_changes and not change_reason.strip():
        raise ValidationError({"change_reason": _("Say what the review changes in the plan.")})
    task = None
    if plan_changes:
        versions = tuple({"number": v.number, "status": v.status} for v in mob.isp_versions.all())
        outcome = evaluate("OSU-4.8-STU-9", {"addressee": "DEAN", "versions": versions}, today())
        if outcome.verdict is Verdict.FAIL:
            raise TransitionRefused(_("The step was refused."), [outcome.explanation], code="guard")
        fac = faculty_of(mob.student.unit) or mob.student.unit
        with translation.override(settings.LANGUAGE_CODE):
            title = _("ISP change application: %(student)s") % {"student": f"{mob.student.person.last_name} {mob.student.person.first_name}"}
        task = m.Task.objects.create(title=title, description=change_reason.strip(), unit=fac, assignee=_role_holder(Role.DEAN_OFFICE, fac),
                                     due_on=today() + dt.timedelta(days=14), mobility=mob, created_by=actor)
        audit.record(actor=actor, action=A.CREATE, obj=task, after=audit.snapshot(task), reason="OSU-4.8-STU-9")
    before = {"arrived_on": str(mob.arrived_on) if mob.arrived_on else None}
    mob.arrived_on = met_on
    mob.save(update_fields=["arrived_on"])
    audit.record(actor=actor, action=A.UPDATE, obj=mob, before=before, after={"arrived_on": str(met_on), "isp_change_requested": plan_changes},
                 reason=change_reason or "arrival confirmed")
    return task


# --- learning-agreement changes during the mobility (OSU-4.8-VDIR-6) -------------------------------------------------------------


@transaction.atomic
def la_change_record(*, actor: Any, mobility: m.StudentMobility, change: str, title: str, credits: Decimal | None, reason: str,
                     changed_on: dt.date | None, host_code: str = "") -> m.LaChange:
    require(actor, "mobility.record_la_change", mobility)
    _required(title=title, reason=reason, changed_on=changed_on, credits=credits)
    assert changed_on is not None and credits is not None  # _required refused empty values
    errors = {}
    if change not in m.LaChange.Change.values:
        errors["change"] = _("Choose whether the course is added or removed.")
    if credits is not None:
        try:
            credits = parse_decimal(credits, ISP_CREDITS)  # the one parsing path (finite, 0 < ECTS <= limit)
        except NumberError as e:
            errors["credits"] = e.message
    if not mobility.learning_agreements.exists():
        errors["change"] = _("There is no signed learning agreement to change.")
    if errors:
        raise ValidationError(errors)
    assert credits is not None  # parsed above (an empty value was refused)
    ch = m.LaChange.objects.create(mobility=mobility, change=change, host_code=host_code.strip(), title=title.strip(), credits=credits,
                                   reason=reason.strip(), changed_on=changed_on, recorded_by=actor)
    audit.record(actor=actor, action=A.CREATE, obj=ch, after=audit.snapshot(ch))
    audit.record(actor=actor, action=A.UPDATE, obj=mobility, after={"la_change": ch.pk, "change": change, "course": ch.title}, reason=ch.reason)
    return ch


@transaction.atomic
def la_change_review(*, actor: Any, change: m.LaChange, approve: bool, note: str = "") -> m.LaChange:
    """The deputy dean for IR reviews and signs the change for the faculty."""
    require(actor, "mobility.review_la_change", change.mobility)
    ch = m.LaChange.objects.select_for_update().get(pk=change.pk)
    if ch.status != m.LaChange.Status.PROPOSED:
        raise ValidationError({"status": _("This change has already been reviewed.")})
    if not approve and not note.strip():
        raise ValidationError({"review_note": _("Give the reason for rejecting the change.")})
    before = audit.snapshot(ch)
    ch.status = m.LaChange.Status.APPROVED if approve else m.LaChange.Status.REJECTED
    ch.reviewed_by, ch.reviewed_on, ch.review_note = actor, today(), note.strip()
    ch.save()
    audit.record(actor=actor, action=A.DECISION, obj=ch, before=before, after=audit.snapshot(ch))
    audit.record(actor=actor, action=A.DECISION, obj=ch.mobility, after={"la_change": ch.pk, "status": ch.status}, reason=note)
    return ch


# --- selection commission (OSU-4.8-VDIR-3) -------------------------------------------------------------------------------------


@transaction.atomic
def commission_add(*, actor: Any, call: m.Call, user: Any) -> None:
    """Add a member to the call's commission: an IRD officer, or a deputy dean for IR of the call's faculty."""
    require(actor, "mobility.manage_calls", call)
    _required(user=user)
    roles = RoleAssignment.objects.active().filter(user=user)
    eligible = roles.filter(role=Role.IRD_OFFICER).exists() or roles.filter(role=Role.DEPUTY_DEAN_IR).filter(
        **({"unit": call.faculty} if call.faculty_id else {})).exists()
    if not eligible:
        raise ValidationError({"user": _("Only IRD officers and the deputy dean for international relations of the call's faculty can sit on this commission.")})
    before = sorted(call.commission.values_list("username", flat=True))
    call.commission.add(user)
    audit.record(actor=actor, action=A.UPDATE, obj=call, before={"commission": before},
                 after={"commission": sorted(call.commission.values_list("username", flat=True))}, reason="commission member added")


@transaction.atomic
def commission_remove(*, actor: Any, call: m.Call, user: Any) -> None:
    require(actor, "mobility.manage_calls", call)
    before = sorted(call.commission.values_list("username", flat=True))
    call.commission.remove(user)
    audit.record(actor=actor, action=A.UPDATE, obj=call, before={"commission": before},
                 after={"commission": sorted(call.commission.values_list("username", flat=True))}, reason="commission member removed")


# --- partner list to staff e-mail (OSU-5.4-2) ---------------------------------------------------------------------------------


def staff_emails() -> list[str]:
    from bilim.apps.people.models import Staff

    emails = set()
    for s in Staff.objects.filter(institution__is_home=True).select_related("person__user"):
        for e in (s.person.email, getattr(s.person.user, "email", "")):
            if e:
                emails.add(e.lower())
    return sorted(emails)


@transaction.atomic
def partner_list_send(*, actor: Any) -> m.PartnerListMailing:
    """E-mail the public partner list (agreements in force) to every home staff member; one log row per sending."""
    from bilim.apps.mobility import selectors as sel

    require(actor, "mobility.mail_partner_list")
    recipients = staff_emails()
    if not recipients:
        raise ValidationError({"recipients": _("No staff member has an e-mail address.")})
    agreements = list(sel.partners())
    with translation.override(settings.LANGUAGE_CODE):
        lines = [f"- {a.partner.name(settings.LANGUAGE_CODE)} ({a.partner.country}) — {a.get_kind_display()}"
                 f"{', ' + str(a.ends_on) if a.ends_on else ''}" for a in agreements]
        subject = _("OshSU partner institutions")
        body = _("Partner institutions of OshSU with agreements in force:") + "\n\n" + "\n".join(lines)
    EmailMessage(subject, body, None, [], bcc=recipients).send()
    log = m.PartnerListMailing.objects.create(sent_by=actor, recipients=len(recipients), partners=len(agreements))
    audit.record(actor=actor, action=A.CREATE, obj=log, after={"recipients": len(recipients), "partners": len(agreements)})
    return log


# --- programmes and events (OSU-3.5-1, OSU-2.2-3) ---------------------------------------------------------------------------------


def parse_correspondence(text: str, institution: Any) -> list[dict[str, Any]]:
    """Lines ``host code | host course | ECTS | home course code`` (home course optional)."""
    from bilim.apps.curriculum.models import Course

    rows = []
    for n, line in enumerate([x for x in (text or "").splitlines() if x.strip()], 1):
        parts = [p.strip() for p in line.split("|")]
        if len(parts) < 3 or not parts[1]:
            raise ValidationError({"correspondence": _("Line %(n)s: write host code | host course | ECTS [| home course code].") % {"n": n}})
        try:
            credits = parse_decimal(parts[2], ISP_CREDITS)  # the one parsing path (finite, 0 < ECTS <= limit)
        except NumberError as e:
            raise ValidationError({"correspondence": _("Line %(n)s: ECTS credits: %(error)s") % {"n": n, "error": e.message}}) from None
        row: dict[str, Any] = {"host_code": parts[0], "host_title": parts[1], "credits": credits, "home_course": None}
        if len(parts) > 3 and parts[3]:
            row["home_course"] = Course.objects.filter(institution=institution, code=parts[3]).first()
            if row["home_course"] is None:
                raise ValidationError({"correspondence": _("Line %(n)s: no home course with code %(code)s.") % {"n": n, "code": parts[3]}})
        rows.append(row)
    return rows


@transaction.atomic
def programme_save(*, actor: Any, data: dict[str, Any], correspondence: str = "", programme: m.MobilityProgramme | None = None) -> m.MobilityProgramme:
    """Create or edit a programme's academic content (faculty roles, OSU-3.5-1) or an OshSU event (OSU-2.2-3)."""
    require(actor, "mobility.manage_programmes", programme)
    fac = data.get("faculty")
    _required(title=data.get("title"), faculty=fac)
    assert fac is not None  # _required refused an empty faculty
    if data.get("starts_on") and data.get("ends_on") and data["ends_on"] < data["starts_on"]:
        raise ValidationError({"ends_on": _("The last day is before the first day.")})
    if programme is None and not _may_manage_faculty(actor, fac):
        raise ValidationError({"faculty": _("You can write programmes only for your own faculty.")})
    rows = parse_correspondence(correspondence, fac.institution)
    before = audit.snapshot(programme) if programme else None
    if programme is not None:
        programme = m.MobilityProgramme.objects.select_for_update().get(pk=programme.pk)
        if fac != programme.faculty and not _may_manage_faculty(actor, fac):
            raise ValidationError({"faculty": _("You can write programmes only for your own faculty.")})
        before = dict(before or {}, correspondence=[str(c) for c in programme.courses.all()])
    else:
        programme = m.MobilityProgramme(faculty=fac)
    for k in ("kind", "title", "faculty", "partner", "starts_on", "ends_on", "description", "disciplines"):
        if k in data:
            setattr(programme, k, data[k])
    programme.version += 1
    programme.save()
    programme.courses.all().delete()
    for r in rows:
        m.ProgrammeCourse.objects.create(programme=programme, **r)
    after = dict(audit.snapshot(programme), correspondence=[str(c) for c in programme.courses.all()])
    audit.record(actor=actor, action=A.UPDATE if before else A.CREATE, obj=programme, before=before, after=after)
    return programme


def _may_manage_faculty(actor: Any, faculty: Any) -> bool:
    from bilim.apps.accounts.permissions import active_roles

    if actor.is_superuser:
        return True
    units = set()
    for ra in active_roles(actor):
        if ra.role in (Role.IRD_OFFICER, Role.ADMINISTRATOR):
            return True
        if ra.role in (Role.DEAN_OFFICE, Role.PROGRAMME_LEADER, Role.DEPUTY_DEAN_IR):
            if ra.unit_id is None:
                return True
            units.add(ra.unit_id)
    return faculty.pk in units or getattr(faculty, "parent_id", None) in units


# --- finance on the file (OSU-1.1-3) ------------------------------------------------------------------------------------------


@transaction.atomic
def finance_update(*, actor: Any, mobility: m.StudentMobility, funding_programme: str, fee_amount: Decimal | None,
                   stipend_amount: Decimal | None, currency: str = "KGS") -> m.StudentMobility:
    require(actor, "mobility.record_finance", mobility)
    errors = {}
    if funding_programme and funding_programme not in m.FundingProgramme.values:
        errors["funding_programme"] = _("Choose a valid funding source.")
    amounts: dict[str, Decimal | None] = {}
    for k, v in (("fee_amount", fee_amount), ("stipend_amount", stipend_amount)):
        try:
            amounts[k] = parse_decimal(v, AMOUNT, required=False)  # the one parsing path (finite, >= 0, fits the column)
        except NumberError as e:
            errors[k] = e.message
    fee_amount, stipend_amount = amounts.get("fee_amount"), amounts.get("stipend_amount")
    currency = (currency or "").strip().upper()
    if len(currency) != 3 or not currency.isalpha():
        errors["currency"] = _("Enter a three-letter currency code (e.g. KGS, EUR).")
    if errors:
        raise ValidationError(errors)
    mob = m.StudentMobility.objects.select_for_update().get(pk=mobility.pk)
    fields = ("funding_programme", "fee_amount", "stipend_amount", "currency")
    before = {k: str(getattr(mob, k)) if getattr(mob, k) is not None else None for k in fields}
    mob.funding_programme, mob.fee_amount, mob.stipend_amount, mob.currency = funding_programme, fee_amount, stipend_amount, currency
    mob.save(update_fields=list(fields))
    audit.record(actor=actor, action=A.UPDATE, obj=mob, before=before, after={k: str(getattr(mob, k)) if getattr(mob, k) is not None else None for k in fields}, reason="financial data")
    return mob
