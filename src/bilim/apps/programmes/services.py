"""Business steps of KTMU programmes, courses and quotas (W-01, W-02, W-03).

Every state change goes through :func:`bilim.apps.workflow.services.transition_apply`; the facts
builders here gather, from the *locked* row, what each guard rule of the table row needs (rules live in
``bilim.regulations.postgrad.programme`` and ``.studies_courses``). A step a body decides takes that
body's adopted ``governance.Decision`` naming the record (``decision=``); ``programme_step``,
``course_step`` and ``quota_step`` are the single entry for a step (pages, API and the governance
app's meetings through the registered ``perform``).

Approval chains with two bodies in one table row (a programme change, a course's instructor
appointment, a foreign-language section: "institute council decides, Senate consents") are carried
by decisions naming the record: the intermediate body's adopted decision is simply recorded (it fires
nothing), the Senate's fires the step, and the guard checks the whole chain — the decisions adopted
since the record's previous step.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from bilim.apps.accounts.permissions import require
from bilim.apps.audit.models import AuditEvent
from bilim.apps.audit.services import record, snapshot
from bilim.apps.curriculum.models import CalendarPeriod, Course, Offering, Programme
from bilim.apps.governance.models import Body, Decision
from bilim.apps.people.models import Level, Staff
from bilim.apps.programmes import models as m
from bilim.apps.records.models import Enrolment
from bilim.apps.workflow.models import Transition
from bilim.apps.workflow.services import Move, TransitionRefused, transition_apply
from bilim.regulations.core.registry import evaluate
from bilim.regulations.governance.decisions import Decision as DecisionFact
from bilim.regulations.postgrad import programme as P
from bilim.regulations.postgrad import studies_courses as SC
from bilim.regulations.postgrad.definitions import Instructor as InstructorFact
from bilim.regulations.postgrad.studies_common import Approval

W01, W02, W03 = m.W01, m.W02, m.W03

LEVEL_CODE: dict[str, Any] = {Level.MASTER: "MA", Level.DOCTORATE: "PHD", Level.ARTS: "AI", Level.BACHELOR: "BACHELOR"}
DEGREES = {Staff.Degree.CANDIDATE, Staff.Degree.PHD, Staff.Degree.DOCTOR}
TITLES = {Staff.Title.ASSOCIATE_PROFESSOR, Staff.Title.PROFESSOR}
RANKS: dict[str, Any] = {Staff.Title.PROFESSOR: "PROFESSOR", Staff.Title.ASSOCIATE_PROFESSOR: "ASSOCIATE_PROFESSOR",
                         Staff.Title.LECTURER: "SENIOR_INSTRUCTOR"}
#: the instructor-assignment period of the academic calendar (KTMU-24(7)-1) is not a kind of calendar period
#: yet: it is taken as the months before the term's course registration (a calendar setting, not a regulation number)
ASSIGNMENT_PERIOD_MONTHS = 6


# ------------------------------------------------------------------------------------------------
# helpers shared by the three tables


def _today(on: dt.date | None) -> dt.date:
    return on or timezone.localdate()


def _decision_fact(d: Decision, act: str = "DECIDE", body: str | None = None) -> DecisionFact:
    return DecisionFact(body=body or d.body.kind, act=act, date=d.date, number=d.number, positive=True)


def _history_decisions(obj: models.Model, actions: Iterable[str] | None = None) -> list[Decision]:
    """Decisions that fired the record's earlier steps (optionally only of ``actions``), oldest first."""
    qs = Transition.objects.for_object(obj).filter(decision__isnull=False).select_related("decision__body")
    if actions is not None:
        qs = qs.filter(action__in=list(actions))
    return [t.decision for t in qs.order_by("at", "id") if t.decision is not None]


def _since_last_step(obj: models.Model) -> list[Decision]:
    """Adopted decisions naming the record, adopted since its previous step (the chain of a pending two-body step)."""
    last = Transition.objects.for_object(obj).order_by("-at", "-id").first()
    qs = Decision.objects.filter(subject_type=obj._meta.label_lower, subject_id=str(obj.pk), status=Decision.Status.ADOPTED)
    if last is not None:
        qs = qs.filter(adopted_at__gte=last.at)
    return list(qs.select_related("body").order_by("date", "adopted_at", "id"))


def _with_current(decisions: list[Decision], decision: Decision | None) -> list[Decision]:
    if decision is not None and all(d.pk != decision.pk for d in decisions):
        decisions = [*decisions, decision]
    return decisions


def _is_body(decision: Decision | None, *kinds: str) -> bool:
    return decision is not None and decision.body.kind in kinds


def _instructor_fact(staff: Staff, home_institution_id: int) -> InstructorFact:
    titles: dict[str, str] = {Staff.Title.PROFESSOR: "PROF", Staff.Title.ASSOCIATE_PROFESSOR: "ASSOC_PROF"}
    title = titles.get(staff.title, "NONE")
    home = staff.institution_id == home_institution_id
    return InstructorFact(
        person_id=str(staff.pk), fos=_fos_label(staff.unit), full_salary=bool(staff.full_time) and home,
        has_degree=staff.degree in DEGREES, has_title=staff.title in TITLES, title=title,  # type: ignore[arg-type]
        employer="KTMU" if home else staff.institution.code, employer_country=staff.institution.country or "KG", is_staff=True,
    )


def _fos_label(unit: Any) -> str:
    """How a FoS is named in the facts (and so in explanations): its official name and code."""
    return f"{unit.name_ky} ({unit.code})"


def staff_label(staff: Staff) -> str:
    return f"{staff.person} ({staff.get_degree_display() or '—'}, {staff.get_title_display() or '—'})"


def bodies_for(obj: models.Model, kind: str) -> models.QuerySet[Body]:
    """The bodies of ``kind`` whose remit covers the record (a FoS council its FoS, an institute board its institute,
    the Senate, the Trustees and the University Board their institution)."""
    from bilim.apps.workflow.services import body_kind

    kind = body_kind(kind)
    if isinstance(obj, m.ProgrammeProposal):
        institution_id, institute_id, fos_id = obj.institution_id, obj.institute_id, obj.fos_id
    else:
        programme = obj.programme  # type: ignore[attr-defined]
        institution_id, institute_id, fos_id = programme.institution_id, programme.unit_id, programme.field_of_science_id
    qs = Body.objects.filter(institution_id=institution_id, kind=kind)
    if kind == Body.Kind.FOS_COUNCIL:
        return qs.filter(unit_id=fos_id)
    if kind in (Body.Kind.INSTITUTE_BOARD, Body.Kind.INST_MGMT):
        return qs.filter(unit_id=institute_id)
    return qs


def record_decision_and_step(*, actor: Any, obj: models.Model, body: Body, number: str, date: dt.date, title: str,
                             step: Callable[[Decision], Any]) -> Any:
    """The body's secretary records its adopted decision naming the record; the step it decides follows in the same
    transaction (a refused step records nothing). Permission: ``governance.record_decision_for_body`` on ``body``."""
    from bilim.apps.governance.services import decision_adopt, decision_create

    with transaction.atomic():
        d = decision_create(actor=actor, body=body, number=number, date=date, title=title, subject_type=obj._meta.label_lower, subject_id=str(obj.pk))
        d = decision_adopt(actor=actor, decision=d)
        return step(d)


# ================================================================================================
# W-01 — opening a programme, changing one


def proposal_create(*, actor: Any, institute: Any, fos: Any, data: Mapping[str, Any], instructors: Iterable[Staff] = (),
                    partners: Iterable[Any] = ()) -> m.ProgrammeProposal:
    """Start a programme proposal (state NEW) of ``fos`` in ``institute``; the package is completed before it is prepared."""
    require(actor, "programmes.create_proposal")
    if fos.parent_id != institute.pk:
        raise ValidationError({"fos": _("The field of science does not belong to this institute.")})
    with transaction.atomic():
        proposal = m.ProgrammeProposal.objects.create(institution=institute.institution, institute=institute, fos=fos,
                                                      created_by=actor if getattr(actor, "is_authenticated", False) else None, **data)
        proposal.partners.set(list(partners))
        for s in instructors:
            m.ProposalInstructor.objects.create(proposal=proposal, staff=s)
        record(actor=actor, action=AuditEvent.Action.CREATE, obj=proposal, reason="programme proposal")
    return proposal


EDITABLE_PROPOSAL_STATES = {"NEW"}


def _editable(proposal: m.ProgrammeProposal) -> None:
    if proposal.state not in EDITABLE_PROPOSAL_STATES:
        raise ValidationError(_("The proposal can no longer be changed: it has been prepared and is with the bodies."), code="locked")


def proposal_update(*, actor: Any, proposal: m.ProgrammeProposal, data: Mapping[str, Any], partners: Iterable[Any] | None = None) -> m.ProgrammeProposal:
    require(actor, "programmes.manage_proposal", proposal)
    with transaction.atomic():
        locked = m.ProgrammeProposal.objects.select_for_update().get(pk=proposal.pk)
        _editable(locked)
        before = snapshot(locked)
        for k, v in data.items():
            setattr(locked, k, v)
        locked.save()
        if partners is not None:
            locked.partners.set(list(partners))
        record(actor=actor, action=AuditEvent.Action.UPDATE, obj=locked, before=before)
    return locked


def proposal_instructor_add(*, actor: Any, proposal: m.ProgrammeProposal, staff: Staff, cv: Any = None, publications: Any = None) -> m.ProposalInstructor:
    require(actor, "programmes.manage_proposal", proposal)
    with transaction.atomic():
        locked = m.ProgrammeProposal.objects.select_for_update().get(pk=proposal.pk)
        _editable(locked)
        row, _created = m.ProposalInstructor.objects.get_or_create(proposal=locked, staff=staff)
        before = _files_snapshot(row)
        if cv is not None:
            row.cv = cv
        if publications is not None:
            row.publications = publications
        row.save()
        # audit.snapshot cannot read an empty file field: the row is recorded by its file names
        record(actor=actor, action=AuditEvent.Action.UPDATE, obj=row, before=before, after=_files_snapshot(row), reason="instructor of the proposal")
    return row


def _files_snapshot(row: m.ProposalInstructor) -> dict[str, Any]:
    return {"proposal": row.proposal_id, "staff": row.staff_id, "cv": row.cv.name or "", "publications": row.publications.name or ""}


def proposal_course_add(*, actor: Any, proposal: m.ProgrammeProposal, data: Mapping[str, Any], change: m.ProgrammeChange | None = None) -> m.ProposalCourse:
    require(actor, "programmes.manage_proposal", proposal)
    with transaction.atomic():
        locked = m.ProgrammeProposal.objects.select_for_update().get(pk=proposal.pk)
        if change is None:
            _editable(locked)
        elif change.applied_version_id is not None:
            raise ValidationError(_("This change has already been applied."), code="applied")
        line = m.ProposalCourse.objects.create(proposal=locked, change=change, **data)
        record(actor=actor, action=AuditEvent.Action.CREATE, obj=line, reason="curriculum line")
    return line


def _fos_staff(proposal: m.ProgrammeProposal) -> list[InstructorFact]:
    staff = Staff.objects.filter(unit=proposal.fos, kind=Staff.Kind.ACADEMIC).select_related("institution", "unit")
    return [_instructor_fact(s, proposal.institution_id) for s in staff]


def _proposal_staff(proposal: m.ProgrammeProposal) -> list[InstructorFact]:
    rows = proposal.instructors.select_related("staff__institution", "staff__unit")
    return [_instructor_fact(r.staff, proposal.institution_id) for r in rows]


def _opening_package(p: m.ProgrammeProposal) -> P.OpeningProposal:
    semesters: dict[int, list[P.CourseLine]] = {}
    for c in p.courses.filter(change__isnull=True):
        semesters.setdefault(c.semester, []).append(P.CourseLine(code=c.code, title=c.title_ky, hours=Decimal(c.hours), credit=c.credit,
                                                                 ects=c.ects, content=c.content, outcomes=c.outcomes))
    rows = list(p.instructors.all())
    return P.OpeningProposal(
        programme_code=p.code, reasons=p.reasons, qualification=p.qualification, admission_conditions=p.admission_conditions,
        graduation_conditions=p.graduation_conditions, semesters=semesters, instructors=[str(r.staff_id) for r in rows],
        instructor_cvs=[str(r.staff_id) for r in rows if r.cv], publication_lists=[str(r.staff_id) for r in rows if r.publications],
    )


def _languages(p: m.ProgrammeProposal) -> list[str]:
    return [x.strip() for x in p.languages.split(",") if x.strip()] or ["ky"]


def _senate_mode_decision(p: m.ProgrammeProposal) -> DecisionFact | None:
    d = Decision.objects.filter(subject_type=p._meta.label_lower, subject_id=str(p.pk), status=Decision.Status.ADOPTED,
                                body__kind=Body.Kind.SENATE).order_by("date").first()
    return _decision_fact(d) if d is not None else None


def _prepare_facts(p: m.ProgrammeProposal) -> dict[str, Any]:
    level = LEVEL_CODE.get(p.level, "MA")
    facts: dict[str, Any] = {
        "KTMU-6(8)-1": _opening_package(p),
        "KTMU-5(1)-1": P.ProgrammeLanguages(programme_code=p.code, level=level, instruction_languages=_languages(p),
                                            fully_foreign_language=p.fully_foreign_language or None),
        "KTMU-5(5)-1": P.Delivery(subject=p.code, mode=p.mode, senate_decision=_senate_mode_decision(p)),  # type: ignore[arg-type]
        "KTMU-6(7)-1": P.OpeningFacilities(programme_code=p.code, required=_split(p.facilities_required),
                                           available=_split(p.facilities_available), reviewer_confirmed=p.facilities_confirmed),
    }
    if p.kind != m.ProgrammeProposal.Kind.INTERDISCIPLINARY:
        facts["KTMU-6(1)-2"] = P.ProgrammeName(programme_type=p.kind, programme_name=p.name_ky, fos_name=p.fos.name_ky)  # type: ignore[arg-type]
        # the FoS's staff minimum of its level (row 1 of W-01: "staff minimum" for every programme opened within a FoS)
        if level == "MA":
            facts["KTMU-6(5)-1"] = P.FosStaff(fos=_fos_label(p.fos), instructors=_fos_staff(p))
        else:
            facts["KTMU-6(6)-1"] = P.DoctoralFosStaff(fos=_fos_label(p.fos), instructors=_fos_staff(p), level=level)
    if p.kind == m.ProgrammeProposal.Kind.JOINT:
        facts["KTMU-6(3)-1"] = P.ProgrammeStaff(programme_code=p.code, managing_fos=_fos_label(p.fos), instructors=_proposal_staff(p),
                                                partner_universities=["KTMU", *[i.code for i in p.partners.all()]])
    return facts


def prepare_checks(p: m.ProgrammeProposal, on: dt.date | None = None) -> dict[str, Any]:
    """The checks of the ``prepare`` step evaluated now, without moving the record (the proposal page shows them)."""
    from bilim.apps.workflow.services import evaluate_guards

    return evaluate_guards([], _prepare_facts(p), _today(on)).outcomes


def _split(text: str) -> list[str]:
    return [x.strip().lower() for x in (text or "").split(",") if x.strip()]


def prepare_action(p: m.ProgrammeProposal) -> str:
    if p.kind == m.ProgrammeProposal.Kind.INTERDISCIPLINARY:
        return "prepare_interdisciplinary"
    if p.kind == m.ProgrammeProposal.Kind.JOINT:
        return "prepare_joint"
    return "prepare_master" if p.level == Level.MASTER else "prepare_doctoral"


_OPENING_ACTS = {"propose": "PROPOSE", "decide": "DECIDE", "consent": "CONSENT"}


def _opening_chain(p: m.ProgrammeProposal, decision: Decision | None, rule_id: str) -> P.ApprovalRecord:
    regular = rule_id == "KTMU-6(1)-1"
    acts = ({"fos_council": "PROPOSE", "institute_board": "DECIDE", "senate": "CONSENT", "trustees": "DECIDE"} if regular
            else {"inst_mgmt": "PROPOSE", "senate": "DECIDE", "trustees": "CONSENT"})
    history = _history_decisions(p, ["propose", "decide", "consent"])
    decisions = [_decision_fact(d, acts.get(d.body.kind, "DECIDE")) for d in _with_current(history, decision)]
    return P.ApprovalRecord(subject=p.code, decisions=decisions)


def _programme_facts(action: str, decision: Decision | None) -> Callable[[m.ProgrammeProposal], dict[str, Any]]:
    def build(p: m.ProgrammeProposal) -> dict[str, Any]:
        if action.startswith("prepare_"):
            return _prepare_facts(p)
        if action == "propose" and p.state == "IDP_DRAFT":
            return {"KTMU-6(2)-2": P.ProgrammeStaff(programme_code=p.code, managing_fos=_fos_label(p.fos) if p.fos_id else None,
                                                    instructors=_proposal_staff(p))}
        if action == "decide" and p.state == "SENATE_APPROVED":
            return {"KTMU-6(1)-1": _opening_chain(p, decision, "KTMU-6(1)-1")}
        if action == "consent" and p.state == "IDP_SENATE_DECIDED":
            return {"KTMU-6(2)-1": _opening_chain(p, decision, "KTMU-6(2)-1")}
        if action == "change_curriculum":
            acts = {"fos_council": "PROPOSE", "institute_board": "DECIDE", "senate": "CONSENT"}
            chain = [_decision_fact(d, acts.get(d.body.kind, "DECIDE")) for d in _with_current(_since_last_step(p), decision)]
            return {"KTMU-6(4)-1": P.ApprovalRecord(subject=p.code, decisions=chain)}
        return {}

    return build


def programme_step(*, actor: Any, proposal: m.ProgrammeProposal, action: str, decision: Decision | None = None, reason: str = "",
                   on: dt.date | None = None) -> Transition | None:
    """Apply one step of W-01 to ``proposal`` (``prepare`` picks the row of its kind and level).

    A change (``change_curriculum``) is fired by the Senate's decision; an institute board (council) decision on
    it is the chain's middle step and is only recorded (returns None)."""
    if action == "prepare":
        action = prepare_action(proposal)
    if action == "change_curriculum" and not _is_body(decision, Body.Kind.SENATE):
        if _is_body(decision, Body.Kind.INSTITUTE_BOARD, Body.Kind.FOS_COUNCIL) and decision is not None and decision.status == Decision.Status.ADOPTED:
            return None  # the decision names the record; the Senate's consent will find it
    with transaction.atomic():
        change = None
        if action == "change_curriculum":
            change = m.ProgrammeChange.objects.select_for_update().filter(proposal=proposal, applied_version__isnull=True).first()
            if change is None:
                raise TransitionRefused(_("There is no pending change of this programme to apply."), code="no_change")
        tr = transition_apply(actor=actor, obj=proposal, workflow_code=W01, action=action, facts=_programme_facts(action, decision),
                              decision=decision, reason=reason, as_of=_today(on))
        if tr.target == "OPEN" and tr.source != "OPEN":
            _open_programme(actor, proposal, decision)
        elif change is not None:
            _apply_change(actor, proposal, change, decision)
    return tr


def _open_programme(actor: Any, proposal: m.ProgrammeProposal, decision: Decision | None) -> Programme:
    """The Trustees opened the programme: create ``curriculum.Programme``, its courses and curriculum version 1."""
    p = m.ProgrammeProposal.objects.select_for_update().get(pk=proposal.pk)
    programme = Programme.objects.create(
        institution=p.institution, unit=p.institute, field_of_science=p.fos, code=p.code, name_ky=p.name_ky, name_ru=p.name_ru,
        name_en=p.name_en, name_tr=p.name_tr, level=p.level, languages=p.languages, normative_semesters=p.normative_semesters,
        with_thesis=p.with_thesis, is_active=True,
    )
    record(actor=actor, action=AuditEvent.Action.CREATE, obj=programme, reason=f"{W01}: opened")
    lines = list(p.courses.filter(change__isnull=True))
    _courses_for(programme, lines)
    version = m.CurriculumVersion.objects.create(programme=programme, number=1, valid_from=decision.date if decision else timezone.localdate(),
                                                 decision=decision, lines=[c.line() for c in lines], summary=p.reasons[:500])
    record(actor=actor, action=AuditEvent.Action.CREATE, obj=version)
    m.ProgrammeProposal.objects.filter(pk=p.pk).update(programme=programme)
    proposal.programme = programme
    return programme


def _courses_for(programme: Programme, lines: Iterable[m.ProposalCourse]) -> None:
    for c in lines:
        if Course.objects.filter(institution=programme.institution, code=c.code).exists():
            continue
        Course.objects.create(institution=programme.institution, programme=programme, code=c.code, title_ky=c.title_ky, title_en=c.title_en,
                              ects=c.ects, local_credits=c.credit, kind=c.kind, theory_hours=c.hours, practice_hours=0,
                              language=(programme.languages.split(",")[0] or "ky")[:2], semester=c.semester)


def change_create(*, actor: Any, proposal: m.ProgrammeProposal, summary: str, effective_from: dt.date, removed_codes: str = "") -> m.ProgrammeChange:
    """Propose a change of an open programme's curriculum (art. 6(4)); its lines are added with ``proposal_course_add(change=)``."""
    require(actor, "programmes.manage_proposal", proposal)
    if proposal.state != "OPEN":
        raise ValidationError(_("Only an open programme can be changed."), code="not_open")
    try:
        with transaction.atomic():
            change = m.ProgrammeChange.objects.create(proposal=proposal, summary=summary, effective_from=effective_from, removed_codes=removed_codes,
                                                      created_by=actor if getattr(actor, "is_authenticated", False) else None)
            record(actor=actor, action=AuditEvent.Action.CREATE, obj=change)
    except IntegrityError:
        raise ValidationError(_("A change of this programme is already pending; it must be decided first."), code="pending") from None
    return change


def _apply_change(actor: Any, proposal: m.ProgrammeProposal, change: m.ProgrammeChange, decision: Decision | None) -> m.CurriculumVersion:
    programme = proposal.programme or Programme.objects.get(proposal=proposal)
    last = m.CurriculumVersion.objects.filter(programme=programme).order_by("-number").first()
    lines = {ln["code"]: ln for ln in (last.lines if last else [])}
    for code in _split(change.removed_codes):
        for k in [k for k in lines if k.lower() == code]:
            lines.pop(k)
    new = list(change.courses.all())
    for c in new:
        lines[c.code] = c.line()
    _courses_for(programme, new)
    version = m.CurriculumVersion.objects.create(programme=programme, number=(last.number + 1) if last else 1, valid_from=change.effective_from,
                                                 decision=decision, lines=sorted(lines.values(), key=lambda x: (x["semester"], x["code"])),
                                                 summary=change.summary)
    before = snapshot(change)
    change.applied_version = version
    change.save(update_fields=["applied_version"])
    record(actor=actor, action=AuditEvent.Action.UPDATE, obj=change, before=before, reason="applied")
    record(actor=actor, action=AuditEvent.Action.CREATE, obj=version)
    return version


def curriculum_in_force(programme: Programme, on: dt.date) -> m.CurriculumVersion | None:
    """The curriculum version of ``programme`` in force on ``on`` (latest ``valid_from`` on or before it)."""
    return m.CurriculumVersion.objects.filter(programme=programme, valid_from__lte=on).order_by("-valid_from", "-number").first()


# ================================================================================================
# W-02 — a new course, its instructors, timetable and whether it runs


def course_create(*, actor: Any, programme: Programme, applicant: Staff, data: Mapping[str, Any]) -> m.CourseProposal:
    require(actor, "programmes.create_course")
    with transaction.atomic():
        c = m.CourseProposal.objects.create(programme=programme, applicant=applicant, **data)
        record(actor=actor, action=AuditEvent.Action.CREATE, obj=c, reason="course application")
    return c


def course_update(*, actor: Any, course: m.CourseProposal, data: Mapping[str, Any]) -> m.CourseProposal:
    require(actor, "programmes.manage_course", course)
    with transaction.atomic():
        locked = m.CourseProposal.objects.select_for_update().get(pk=course.pk)
        allowed = {"NEW"} | ({"IN_CATALOGUE"} if set(data) <= {"term", "foreign_language", "minimum_enrolment"} else set())
        if locked.state not in allowed:
            raise ValidationError(_("The course application can no longer be changed in this state."), code="locked")
        before = snapshot(locked)
        for k, v in data.items():
            setattr(locked, k, v)
        locked.save()
        record(actor=actor, action=AuditEvent.Action.UPDATE, obj=locked, before=before)
    return locked


def course_instructor_add(*, actor: Any, course: m.CourseProposal, staff: Staff, exception_decided: bool = False) -> m.CourseInstructor:
    require(actor, "programmes.manage_course", course)
    with transaction.atomic():
        locked = m.CourseProposal.objects.select_for_update().get(pk=course.pk)
        if locked.state != "IN_CATALOGUE":
            raise ValidationError(_("Instructors are proposed while the course is in the catalogue."), code="state")
        row, _created = m.CourseInstructor.objects.update_or_create(proposal=locked, staff=staff, defaults={"exception_decided": exception_decided})
        record(actor=actor, action=AuditEvent.Action.CREATE, obj=row, reason="proposed instructor")
    return row


def timetable_slot_add(*, actor: Any, course: m.CourseProposal, weekday: int, starts_at: dt.time, ends_at: dt.time, room: str) -> Any:
    """A weekly meeting of the course's offering (KTMU-25-1); a room holds one class at a time."""
    from bilim.apps.curriculum.models import TimetableSlot

    require(actor, "programmes.manage_course", course)
    errors: dict[str, str] = {}
    if ends_at <= starts_at:
        errors["ends_at"] = _("The class must end after it starts.")
    with transaction.atomic():
        locked = m.CourseProposal.objects.select_for_update().get(pk=course.pk)
        offering = locked.offering
        if locked.state != "STAFFED" or offering is None:
            raise ValidationError(_("The timetable is set once the course is staffed and before it is published."), code="state")
        clash = TimetableSlot.objects.filter(offering__term_id=offering.term_id, weekday=weekday, room__iexact=room.strip(),
                                             starts_at__lt=ends_at, ends_at__gt=starts_at).exclude(room="")
        taken = clash.first() if room.strip() else None
        if taken is not None:
            errors["room"] = _("The room is taken at that time by %(course)s.") % {"course": taken.offering}
        if errors:
            raise ValidationError(errors)
        slot = TimetableSlot.objects.create(offering=offering, weekday=weekday, starts_at=starts_at, ends_at=ends_at, room=room.strip())
        record(actor=actor, action=AuditEvent.Action.CREATE, obj=slot, reason="timetable")
    return slot


def _lt(c: m.CourseProposal, field: str) -> P.LocalisedText:
    return P.LocalisedText(**{lang: getattr(c, f"{field}_{lang}") for lang in ("ky", "tr", "en", "ru")})


def _catalogue(c: m.CourseProposal) -> SC.CourseCatalogue:
    """The institute's courses of every level (KTMU-24(2)-1 compares titles across bachelor's, master's, doctoral)."""
    level = LEVEL_CODE.get(c.programme.level, "MA")
    items = [SC.CatalogueCourse(code=c.code, level=level, title=t) for t in (c.title_ky, c.title_en) if t]
    others = Course.objects.filter(programme__unit_id=c.programme.unit_id).exclude(programme__level=c.programme.level).select_related("programme")
    for o in others.exclude(code=c.code)[:5000]:
        lv = LEVEL_CODE.get(o.programme.level if o.programme else "", "BACHELOR")
        items += [SC.CatalogueCourse(code=o.code, level=lv, title=t) for t in (o.title_ky, o.title_en) if t]
    return SC.CourseCatalogue(courses=items)


def _mandated(c: m.CourseProposal) -> SC.MandatedCourses:
    rows = [SC.MandatedCourse(code=c.code, title=c.title_ky or c.title_en, ministry_mandated=c.ministry_mandated, code_owner=c.code_owner)]  # type: ignore[arg-type]
    others = m.CourseProposal.objects.filter(programme__unit_id=c.programme.unit_id, ministry_mandated=True).exclude(pk=c.pk).exclude(
        state__in=["NEW", "REJECTED"])
    rows += [SC.MandatedCourse(code=o.code, title=o.title_ky or o.title_en, ministry_mandated=True, code_owner=o.code_owner) for o in others]  # type: ignore[arg-type]
    return SC.MandatedCourses(courses=rows)


def _eligibility(c: m.CourseProposal, as_of: dt.date) -> Any:
    """KTMU-24(4)-1 / 24(5)-1 for every proposed instructor: the first refusal, else the first pass."""
    from bilim.apps.people.models import TeachingRecord

    level = LEVEL_CODE.get(c.programme.level, "MA")
    first = None
    for row in c.instructors.select_related("staff"):
        s = row.staff
        ba = TeachingRecord.objects.filter(staff=s, level=Level.BACHELOR).values("term").distinct().count()
        pg = TeachingRecord.objects.filter(staff=s, level__in=[Level.MASTER, Level.DOCTORATE, Level.ARTS]).values("term").distinct().count()
        facts = SC.Instructor(course_level=level, has_academic_degree=s.degree in DEGREES, has_academic_title=s.title in TITLES,
                              has_doctoral_degree=s.degree in {Staff.Degree.PHD, Staff.Degree.DOCTOR},
                              rank=RANKS.get(s.title, "OTHER"),
                              bachelor_semesters_taught=ba, pg_semesters_taught=pg, exception_decided=row.exception_decided)
        out = evaluate("KTMU-24(4)-1", facts, as_of)
        if not out.ok:
            return out
        first = first or out
    return first


def _external_share(c: m.CourseProposal, decided_here: bool) -> SC.ProgrammeStaff:
    """Distinct instructors of the programme's offerings in the course's semester, plus this course's (KTMU-24(8)-1).
    Instructors already teaching were appointed; this course's external ones are decided only by a University Board decision."""
    home = c.programme.institution_id
    rows: dict[str, SC.ProgrammeInstructor] = {}
    if c.term_id:
        for s in Staff.objects.filter(offerings__course__programme=c.programme, offerings__term_id=c.term_id).distinct():
            rows[str(s.pk)] = SC.ProgrammeInstructor(instructor_id=str(s.pk), external=s.institution_id != home, university_board_decision=True)
    for r in c.instructors.select_related("staff"):
        ext = r.staff.institution_id != home
        rows[str(r.staff_id)] = SC.ProgrammeInstructor(instructor_id=str(r.staff_id), external=ext, university_board_decision=decided_here or not ext)
    return SC.ProgrammeStaff(instructors=list(rows.values()))


def _assignment_period(c: m.CourseProposal) -> tuple[dt.date, dt.date]:
    term = c.term
    assert term is not None
    reg = CalendarPeriod.objects.filter(term=term, kind=CalendarPeriod.Kind.REGISTRATION).order_by("starts_on").first()
    end = (reg.starts_on if reg else term.starts_on) - dt.timedelta(days=1)
    month = end.month - ASSIGNMENT_PERIOD_MONTHS
    year = end.year + (month - 1) // 12
    start = dt.date(year, (month - 1) % 12 + 1, 1)
    return start, end


def _course_facts(action: str, decision: Decision | None, on: dt.date) -> Callable[[m.CourseProposal], dict[str, Any]]:
    def build(c: m.CourseProposal) -> dict[str, Any]:
        if action == "submit_application":
            return {
                "KTMU-7-1": P.NewCourseApplication(instructor_id=str(c.applicant_id), name=_lt(c, "title"), content=_lt(c, "content"),
                                                   sources=_lt(c, "sources"), outcomes=_lt(c, "outcomes"), credit=c.credit,
                                                   theory_hours_per_week=c.theory_hours, practice_or_lab_hours_per_week=c.practice_hours, ects=c.ects),
                "KTMU-4-1": {"theory_hours_per_week": c.theory_hours, "practice_or_lab_hours_per_week": c.practice_hours},
            }
        if action == "propose":
            return {"KTMU-24(2)-1": _catalogue(c), "KTMU-24(3)-1": _mandated(c)}
        if action == "approve":
            acts = {"fos_council": "PROPOSE", "institute_board": "DECIDE", "senate": "APPROVE"}
            history = _history_decisions(c, ["propose", "decide"])
            return {"KTMU-7-2": P.ApprovalRecord(subject=c.code, decisions=[_decision_fact(d, acts.get(d.body.kind, "DECIDE"))
                                                                            for d in _with_current(history, decision)])}
        if action == "add_foreign_language_section":
            lang = c.foreign_language
            chain = [_decision_fact(d, {"fos_council": "PROPOSE", "institute_board": "DECIDE"}.get(d.body.kind, "CONSENT"))
                     for d in _with_current(_since_last_step(c), decision)]
            return {"KTMU-5(2)-1": P.ForeignSection(course_code=c.code, section_language=lang or c.language, programme_languages=[
                        x.strip() for x in c.programme.languages.split(",") if x.strip()], decisions=chain),
                    "KTMU-5(2)-2": P.SectionActivities(course_code=c.code, section_language=lang or c.language,
                                                       practical_languages=[lang or c.language], exam_languages=[lang or c.language])}
        if action == "propose_instructor":
            elig = _eligibility(c, on)
            proposer = {"inst_mgmt": "institute_management", "fos_council": "fos_council"}.get(decision.body.kind if decision else "", "other")
            titled = [str(r.staff_id) for r in c.instructors.select_related("staff") if r.staff.degree in DEGREES and r.staff.title in TITLES]
            return {
                "KTMU-24(4)-1": elig, "KTMU-24(5)-1": elig,
                "KTMU-24(6)-1": SC.InstructorProposal(code_owner=c.code_owner, compulsory=c.kind == m.CourseKind.COMPULSORY, proposed_by=proposer),  # type: ignore[arg-type]
                "KTMU-24(9)-1": SC.ElectiveStaff(titled_instructor_ids=titled if c.kind == m.CourseKind.ELECTIVE else []),
            }
        if action == "assign":
            start, end = _assignment_period(c)
            approvals = [Approval(body="institute_council" if d.body.kind == Body.Kind.INSTITUTE_BOARD else d.body.kind,  # type: ignore[arg-type]
                                  act="DECIDE" if d.body.kind == Body.Kind.INSTITUTE_BOARD else "CONSENT", on=d.date)
                         for d in _with_current(_since_last_step(c), decision) if d.body.kind in (Body.Kind.INSTITUTE_BOARD, Body.Kind.SENATE)]
            return {"KTMU-24(7)-1": SC.InstructorAppointment(approvals=approvals, appointed_on=decision.date if decision else on,
                                                             period_start=start, period_end=end),
                    # an external instructor is appointed only by the University Board (row 7a)
                    "KTMU-24(8)-1": _external_share(c, decided_here=False)}
        if action == "assign_external":
            return {"KTMU-24(8)-1": _external_share(c, decided_here=_is_body(decision, Body.Kind.UNIVERSITY_BOARD))}
        if action == "publish_timetable":
            term = c.term
            reg = CalendarPeriod.objects.filter(term=term, kind=CalendarPeriod.Kind.REGISTRATION).order_by("starts_on").first()
            start = reg.starts_on if reg else term.starts_on  # type: ignore[union-attr]
            return {"KTMU-25-1": SC.TimetablePublication(course_selection_start=start, published_on=on,
                                                         channels=["CURRICULUM_SYSTEM", "INSTITUTE_WEB"])}
        if action == "close_add_drop_runs":
            facts = _enrolment(c)
            return {"KTMU-27-1": facts, "KTMU-27-2": facts}
        return {}

    return build


def _enrolment(c: m.CourseProposal) -> SC.CourseEnrolment:
    n = Enrolment.objects.filter(offering_id=c.offering_id, status__in=[Enrolment.Status.REGISTERED, Enrolment.Status.COMPLETED]).count() if c.offering_id else 0
    return SC.CourseEnrolment(programme_level=LEVEL_CODE.get(c.programme.level, "MA"), selections=n)


def course_on_move(move: Move) -> list[str]:
    """ON_MOVE hook of W-02: the catalogue course, the offering and ``Offering.runs`` follow the record's state."""
    c: m.CourseProposal = move.locked
    changed: list[str] = []
    if move.target == "IN_CATALOGUE" and move.source != "IN_CATALOGUE" and c.course_id is None:
        code_taken = Course.objects.filter(institution=c.programme.institution, code=c.code).exists()
        if code_taken:
            raise TransitionRefused(_("The course code %(code)s is already in the catalogue.") % {"code": c.code}, code="code_taken")
        c.course = Course.objects.create(
            institution=c.programme.institution, programme=c.programme, code=c.code, title_ky=c.title_ky, title_ru=c.title_ru,
            title_en=c.title_en, title_tr=c.title_tr, ects=c.ects or Decimal(1), local_credits=c.credit or Decimal(0), kind=c.kind,
            theory_hours=int(c.theory_hours), practice_hours=int(c.practice_hours), language=c.language, semester=c.semester_in_plan)
        changed.append("course")
    if move.action == "add_foreign_language_section":
        c.foreign_language_approved = True
        changed.append("foreign_language_approved")
    if move.target == "STAFFED":
        if c.term_id is None:
            raise TransitionRefused(_("Choose the semester of the offering first."), code="no_term")
        offering, _created = Offering.objects.get_or_create(course=c.course, term=c.term, section="1",
                                                            defaults={"language": c.language, "capacity": 40})
        offering.instructors.set([r.staff for r in c.instructors.all()])
        c.offering = offering
        changed.append("offering")
    if move.target == "SCHEDULED":
        c.timetable_published_on = timezone.localdate()
        changed.append("timetable_published_on")
    if move.target in ("RUNS", "NOT_RUN") and c.offering_id is not None:
        facts = _enrolment(c)
        c.selections = facts.selections
        Offering.objects.filter(pk=c.offering_id).update(runs=move.target == "RUNS")
        changed.append("selections")
    return changed


def course_step(*, actor: Any, course: m.CourseProposal, action: str, decision: Decision | None = None, reason: str = "",
                on: dt.date | None = None) -> Transition | None:
    """Apply one step of W-02. The Senate's consent fires ``assign`` / ``add_foreign_language_section``; the institute
    board's (council's) or FoS council's decision before it is the chain's earlier step and is only recorded (returns None)."""
    on = _today(on)
    course.refresh_from_db()
    if action in ("assign", "add_foreign_language_section") and not _is_body(decision, Body.Kind.SENATE):
        if _is_body(decision, Body.Kind.INSTITUTE_BOARD, Body.Kind.FOS_COUNCIL) and decision is not None and decision.status == Decision.Status.ADOPTED:
            return None
    if action == "close_add_drop":
        return course_close_add_drop(actor=actor, course=course, on=on)
    if action == "propose_instructor" and not course.instructors.exists():
        raise ValidationError(_("Add at least one instructor before proposing."), code="no_instructor")
    if action == "publish_timetable" and (course.offering is None or not course.offering.slots.exists()):
        raise ValidationError(_("Add the weekly classes (day, time, room) before publishing the timetable."), code="no_slots")
    if action == "add_foreign_language_section" and not course.foreign_language:
        raise ValidationError(_("Choose the foreign language of the section first."), code="no_language")
    return transition_apply(actor=actor, obj=course, workflow_code=W02, action=action, facts=_course_facts(action, decision, on),
                            decision=decision, reason=reason, as_of=on)


def course_close_add_drop(*, actor: Any, course: m.CourseProposal, on: dt.date | None = None) -> Transition:
    """At the close of add/drop the course runs or not (KTMU-27-1/27-2): the system's step, set on ``Offering.runs``."""
    require(actor, "programmes.manage_course", course)
    on = _today(on)
    outcome = evaluate("KTMU-27-1", _enrolment(course), on)
    if outcome.value:
        return transition_apply(actor=actor, obj=course, workflow_code=W02, action="close_add_drop_runs", facts=_course_facts("close_add_drop_runs", None, on),
                                as_of=on, on_behalf_of_system=True)
    return transition_apply(actor=actor, obj=course, workflow_code=W02, action="close_add_drop_not_run", as_of=on, on_behalf_of_system=True,
                            extra_explanations=[outcome.explanation], reason=_("Too few students selected the course."))


def close_add_drop_for_term(*, actor: Any, term: Any, on: dt.date | None = None) -> dict[str, int]:
    """Close add/drop for every scheduled new course of ``term`` (the registration app may call it when its add/drop
    period ends): each runs or not by its selections; returns the counts per outcome. Each course is its own step."""
    counts = {"RUNS": 0, "NOT_RUN": 0}
    for course in m.CourseProposal.objects.filter(term=term, state="SCHEDULED").order_by("pk"):
        tr = course_close_add_drop(actor=actor, course=course, on=on)
        counts[tr.target] += 1
    return counts


# ================================================================================================
# W-03 — quotas and the announcement


def quota_create(*, actor: Any, programme: Programme, admission_year: int, places: int, places_international: int = 0, specifics: str = "") -> m.Quota:
    require(actor, "programmes.create_quota")
    errors = {}
    if places_international > places:
        errors["places_international"] = _("The places for international students cannot exceed the quota.")
    if m.Quota.objects.filter(programme=programme, admission_year=admission_year).exists():
        errors["admission_year"] = _("This programme already has a quota for this admission year (admission once a year).")
    if errors:
        raise ValidationError(errors)
    try:
        with transaction.atomic():
            q = m.Quota.objects.create(programme=programme, admission_year=admission_year, places=places, places_international=places_international,
                                       specifics=specifics)
            record(actor=actor, action=AuditEvent.Action.CREATE, obj=q)
    except IntegrityError:
        raise ValidationError({"admission_year": _("This programme already has a quota for this admission year (admission once a year).")}) from None
    return q


ANN_EDITABLE = {"QUOTA_APPROVED", "ANN_DRAFT"}


def announcement_save(*, actor: Any, quota: m.Quota, data: Mapping[str, Any], documents: Iterable[tuple[str, str, str]] | None = None) -> m.Announcement:
    """Write the announcement of an approved quota (until the institute board proposes it). ``documents``: (stage, category, code)."""
    require(actor, "programmes.manage_quota", quota)
    errors: dict[str, str] = {}
    if data.get("application_end") and data.get("application_start") and data["application_end"] < data["application_start"]:
        errors["application_end"] = _("The application period ends before it starts.")
    if data.get("registration_end") and data.get("registration_start") and data["registration_end"] < data["registration_start"]:
        errors["registration_end"] = _("The final registration ends before it starts.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        locked = m.Quota.objects.select_for_update().get(pk=quota.pk)
        if locked.state not in ANN_EDITABLE:
            raise ValidationError(_("The announcement can be written once the quota is approved and until the institute board proposes it."), code="state")
        ann = m.Announcement.objects.filter(quota=locked).first()
        before = snapshot(ann) if ann else None
        if ann is None:
            ann = m.Announcement(quota=locked)
        for k, v in data.items():
            setattr(ann, k, v)
        ann.save()
        if documents is not None:
            ann.documents.all().delete()
            m.AnnouncementDocument.objects.bulk_create([m.AnnouncementDocument(announcement=ann, stage=s, category=c, code=d)
                                                        for s, c, d in dict.fromkeys(documents)])
        record(actor=actor, action=AuditEvent.Action.UPDATE if before else AuditEvent.Action.CREATE, obj=ann, before=before)
    return ann


def _academic_year(year: int) -> str:
    return f"{year}-{year + 1}"


def _announcement_facts(q: m.Quota, on: dt.date) -> dict[str, Any]:
    ann = m.Announcement.objects.filter(quota=q).first()
    year = _academic_year(q.admission_year)
    if ann is None:
        empty = P.Announcement(academic_year=year, quotas={q.programme.code: q.places})
        return {"KTMU-9-1": empty, "KTMU-9-2": P.AdmissionTimeline(admission_year=q.admission_year, dates={"—": dt.date(q.admission_year, 1, 1)}),
                "KTMU-9-4": P.AdmissionRounds(rounds=[]), "KTMU-19(7)-2": {"published_on": on, "language_exam_date": None}}
    docs = list(ann.documents.all())
    dates = {"application_start": ann.application_start, "application_end": ann.application_end, "specialist_exam": ann.exam_date,
             "results": ann.results_date, "final_registration_start": ann.registration_start, "final_registration_end": ann.registration_end}
    if ann.language_exam_date:
        dates["language_exam"] = ann.language_exam_date
    rounds = [P.AdmissionRound(programme_code=o.programme.code, institute=str(o.programme.unit_id), academic_year=_academic_year(o.admission_year),
                               round_id=str(o.pk))
              for o in m.Quota.objects.filter(programme=q.programme, admission_year=q.admission_year).exclude(state="REJECTED").select_related("programme")]
    return {
        "KTMU-9-1": P.Announcement(
            academic_year=year, quotas={q.programme.code: q.places},
            documents_application=[d.code for d in docs if d.stage == m.AnnouncementDocument.Stage.APPLICATION],
            documents_final_registration=[d.code for d in docs if d.stage == m.AnnouncementDocument.Stage.FINAL_REGISTRATION],
            application_conditions=ann.conditions_ky or ann.conditions_tr or ann.conditions_en or ann.conditions_ru,
            specialist_exam=P.SpecExamInfo(date=ann.exam_date, time=ann.exam_time.strftime("%H:%M") if ann.exam_time else None,
                                           place=ann.exam_place, form=ann.exam_form),
            registration_start=ann.registration_start, registration_end=ann.registration_end, language_exemption_exam_date=ann.language_exam_date),
        "KTMU-9-2": P.AdmissionTimeline(admission_year=q.admission_year, dates=dates),
        "KTMU-9-4": P.AdmissionRounds(rounds=rounds),
        "KTMU-19(7)-2": {"published_on": on, "language_exam_date": ann.language_exam_date},
    }


def _quota_facts(action: str, decision: Decision | None, on: dt.date) -> Callable[[m.Quota], dict[str, Any]]:
    def build(q: m.Quota) -> dict[str, Any]:
        if action == "trustees_approve":
            acts = {"fos_council": "PROPOSE", "institute_board": "DECIDE", "senate": "CONSENT", "trustees": "APPROVE"}
            history = _history_decisions(q, ["propose_quota", "institute_decide", "senate_consent"])
            return {"KTMU-8-1": P.QuotaRecord(subject=q.programme.code, quota=q.places,
                                              decisions=[_decision_fact(d, acts.get(d.body.kind, "DECIDE")) for d in _with_current(history, decision)])}
        if action == "draft_announcement":
            return _announcement_facts(q, on)
        if action == "publish":
            history = _history_decisions(q, ["propose", "decide"])
            acts = {"institute_board": "PROPOSE", "senate": "DECIDE"}
            return {"KTMU-9-3": P.AnnouncementPublication(subject=q.programme.code, decisions=[_decision_fact(d, acts.get(d.body.kind, "DECIDE")) for d in history],
                                                           published_on=["RECTORATE_WEB", "INSTITUTE_WEB"], published_date=on)}
        return {}

    return build


def quota_on_move(move: Move) -> list[str]:
    """ON_MOVE hook of W-03: the announcement's publication date follows ``publish``."""
    if move.target == "ANNOUNCED":
        m.Announcement.objects.filter(quota_id=move.locked.pk).update(published_on=timezone.localdate())
    return []


def quota_step(*, actor: Any, quota: m.Quota, action: str, decision: Decision | None = None, reason: str = "", on: dt.date | None = None) -> Transition:
    """Apply one step of W-03 to ``quota``."""
    on = _today(on)
    return transition_apply(actor=actor, obj=quota, workflow_code=W03, action=action, facts=_quota_facts(action, decision, on),
                            decision=decision, reason=reason, as_of=on)
