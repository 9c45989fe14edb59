"""Business steps of KTMU semester registration (W-13), courses at other HEIs (W-13a) and credit transfer (W-14).

Every state change goes through ``transition_apply`` with a facts builder called on the locked row
(``facts.py`` gathers the inputs, the rules decide). Seats: every active selected course holds a seat of its
offering; ``OfferingSeats`` rows are locked in offering order before they are counted, and the database refuses
``taken > capacity`` — a registration rush cannot overbook. Lock order everywhere: registration, then seats.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from bilim.apps.accounts.permissions import require
from bilim.apps.audit import services as audit
from bilim.apps.audit.models import AuditEvent
from bilim.apps.curriculum.models import Offering, Term
from bilim.apps.governance.models import Decision
from bilim.apps.people.models import Level, Student
from bilim.apps.records.models import Enrolment
from bilim.apps.workflow.services import TransitionRefused, transition_apply
from bilim.regulations.core.outcome import Explanation, Outcome

from . import facts as F
from . import models as m
from .models import W13, W13A, W14

PG_LEVELS = (Level.MASTER, Level.DOCTORATE, Level.ARTS)
ACTIVE = m.Selection.Status.ACTIVE


class InputRefused(TransitionRefused):
    """A request that names something the student may not select (another term, a closed course, a full course)."""


def today() -> dt.date:
    return timezone.localdate()


# --- calendar, records -------------------------------------------------------------------------


def calendar_open(*, actor: Any, institute: Any, term: Term, selection_starts_on: dt.date, renewal_ends_on: dt.date,
                  adddrop_starts_on: dt.date, adddrop_ends_on: dt.date, run_list_on: dt.date,
                  replacement_deadline: dt.date | None = None, supervisor_deadline: dt.date | None = None) -> m.TermCalendar:
    """Semester S opens for an institute: its registration calendar and a registration (SEMESTER_OPEN) for every active
    postgraduate student of the institute."""
    require(actor, "registration.manage_calendar")
    from bilim.apps.accounts.permissions import restrict

    with transaction.atomic():
        cal = m.TermCalendar.objects.create(
            institute=institute, term=term, selection_starts_on=selection_starts_on, renewal_ends_on=renewal_ends_on,
            adddrop_starts_on=adddrop_starts_on, adddrop_ends_on=adddrop_ends_on, run_list_on=run_list_on,
            replacement_deadline=replacement_deadline, supervisor_deadline=supervisor_deadline)
        if not restrict(actor, "registration.manage_calendar", m.TermCalendar.objects.filter(pk=cal.pk)).exists():
            raise PermissionDenied("registration.manage_calendar")
        students = Student.objects.filter(unit=institute, level__in=PG_LEVELS, status=Student.Status.ACTIVE)
        m.Registration.objects.bulk_create([m.Registration(student=s, term=term, calendar=cal) for s in students], ignore_conflicts=True)
        audit.record(actor=actor, action=AuditEvent.Action.CREATE, obj=cal, after=audit.snapshot(cal), reason=f"{W13}: semester opens")
    return cal


def registration_for(student: Student, term: Term | None = None) -> m.Registration | None:
    """The student's registration of ``term`` (default: the newest calendar of the institute), created when the institute's
    calendar exists but the student came later (admitted after the semester opened)."""
    cals = m.TermCalendar.objects.filter(institute_id=student.unit_id).select_related("term")
    if term is not None:
        cal = cals.filter(term=term).first()
    else:  # the term running today, else the last one begun, else the next one
        t = today()
        cal = (cals.filter(term__starts_on__lte=t, term__ends_on__gte=t).first() or cals.filter(term__starts_on__lte=t).order_by("-term__starts_on").first()
               or cals.order_by("term__starts_on").first())
    if cal is None:
        return None
    reg, created = m.Registration.objects.get_or_create(student=student, term=cal.term, defaults={"calendar": cal})
    published_on = cal.timetable_published_on
    if created and published_on and cal.timetable_published_by_id:
        # the timetable was published before this record existed: the same publication opens its selection
        transition_apply(actor=cal.timetable_published_by, obj=reg, workflow_code=W13, action="publish_timetable",
                         facts=lambda locked: {"KTMU-25-1": F.timetable_guard(cal, published_on)},
                         reason=_("The timetable had already been published."))
    return reg


def timetable_publish(*, actor: Any, calendar: m.TermCalendar, on: dt.date | None = None) -> int:
    """KTMU-25-1: the FoS head publishes the weekly timetable of the institute's term; every registration of the term
    moves SEMESTER_OPEN → SELECTION_OPEN. Returns the number of registrations opened."""
    on = on or today()
    require(actor, "registration.publish_timetable", calendar)
    with transaction.atomic():
        cal = m.TermCalendar.objects.select_for_update().get(pk=calendar.pk)
        before = audit.snapshot(cal)
        cal.timetable_published_on, cal.timetable_published_by = on, actor
        cal.save(update_fields=["timetable_published_on", "timetable_published_by"])
        audit.record(actor=actor, action=AuditEvent.Action.UPDATE, obj=cal, before=before, after=audit.snapshot(cal), reason="KTMU-25-1")
        _ensure_seats(Offering.objects.filter(term=cal.term))
        n = 0
        for reg in m.Registration.objects.filter(calendar=cal, state="SEMESTER_OPEN"):
            transition_apply(actor=actor, obj=reg, workflow_code=W13, action="publish_timetable", as_of=on,
                             facts=lambda locked: {"KTMU-25-1": F.timetable_guard(cal, on)})
            n += 1
    calendar.timetable_published_on = on
    return n


# --- seats -------------------------------------------------------------------------------------


def _ensure_seats(offerings: Iterable[Offering]) -> None:
    for o in offerings:
        try:
            with transaction.atomic():
                m.OfferingSeats.objects.get_or_create(offering=o, defaults={"capacity": o.capacity})
        except IntegrityError:  # created by a concurrent request in the meantime
            pass


def _take_seats(offerings: Sequence[Offering]) -> list[Offering]:
    """Lock the seat rows (offering order) and take one seat in each; return the offerings that are full (nothing taken then)."""
    if not offerings:
        return []
    _ensure_seats(offerings)
    ids = sorted({o.pk for o in offerings})
    seats = {s.offering_id: s for s in m.OfferingSeats.objects.select_for_update().filter(offering_id__in=ids).order_by("offering_id")}
    caps = dict(Offering.objects.filter(pk__in=ids).values_list("pk", "capacity"))
    full = [o for o in offerings if seats[o.pk].taken >= caps[o.pk]]
    if full:
        return full
    for pk in ids:
        s = seats[pk]
        s.taken, s.capacity = s.taken + 1, caps[pk]
        s.save(update_fields=["taken", "capacity"])
    return []


def _release_seats(offering_ids: Iterable[int]) -> None:
    ids = sorted(set(offering_ids))
    for s in m.OfferingSeats.objects.select_for_update().filter(offering_id__in=ids).order_by("offering_id"):
        if s.taken > 0:
            s.taken -= 1
            s.save(update_fields=["taken"])


def seats_left(offering: Offering) -> int:
    s = m.OfferingSeats.objects.filter(offering=offering).first()
    return offering.capacity - (s.taken if s else 0)


def _capacity_refusal(full: Sequence[Offering]) -> InputRefused:
    codes = ", ".join(F.course_code(o) for o in full)
    return InputRefused(_("No seats left in: %(courses)s. Choose another course or section.") % {"courses": codes}, code="capacity")


# --- selection ---------------------------------------------------------------------------------


def selectable_offerings(reg: m.Registration) -> Any:
    """Offerings of the term the student may choose from: courses of the institute's programmes of the student's level
    group and the institute-code courses (ERRATA 28), not known to be closed."""
    from django.db.models import Q

    student = reg.student
    levels = [Level.MASTER] if student.level == Level.MASTER else [Level.DOCTORATE, Level.ARTS]
    return (Offering.objects.filter(term=reg.term, course__institution_id=student.institution_id)
            .filter(Q(course__programme__unit_id=student.unit_id, course__programme__level__in=levels) | Q(course__programme__isnull=True))
            .exclude(runs=False).select_related("course__programme").prefetch_related("instructors__person", "slots")
            .order_by("course__code", "section"))


def _offerings(reg: m.Registration, ids: Iterable[Any]) -> list[Offering]:
    wanted: list[int] = []
    for raw in ids:
        try:
            wanted.append(int(raw))
        except (TypeError, ValueError):
            raise InputRefused(_("A course was not recognised. Reload the page and choose again."), code="input") from None
    wanted = list(dict.fromkeys(wanted))
    found = {o.pk: o for o in selectable_offerings(reg).filter(pk__in=wanted)}
    if len(found) != len(wanted):
        raise InputRefused(_("A course you chose cannot be selected in this term. Reload the page and choose again."), code="input")
    return [found[i] for i in wanted]


def _is_admin(actor: Any) -> bool:
    from bilim.apps.accounts.models import Role
    from bilim.apps.accounts.permissions import role_codes

    return bool(getattr(actor, "is_superuser", False)) or Role.ADMINISTRATOR in role_codes(actor)


def _own_student(actor: Any, student: Student) -> None:
    """The student's own step (the administrator may enter a student's paper form on his/her behalf)."""
    if not getattr(actor, "is_authenticated", False) or (student.person.user_id != actor.pk and not _is_admin(actor)):
        raise PermissionDenied("registration.select")


def _own(actor: Any, reg: m.Registration) -> None:
    _own_student(actor, reg.student)


def selection_check(reg: m.Registration, offering_ids: Iterable[Any], on: dt.date | None = None) -> dict[str, Outcome]:
    """The outcomes of every limit on a proposed selection (for the page and the API, before submitting)."""
    on = on or today()
    offerings = _offerings(reg, offering_ids)
    out = F.limit_outcomes(reg, offerings, on)
    out["KTMU-26(2)-1"] = F.renewal_guard(reg, on)
    return out


def _limits_facts(reg: m.Registration, offerings: list[Offering], on: dt.date) -> dict[str, Outcome]:
    return F.limit_outcomes(reg, offerings, on)


def _sync_lines(reg: m.Registration, offerings: Sequence[Offering], on: dt.date) -> None:
    """Make the active lines equal ``offerings``: take seats for the new ones, release the dropped ones."""
    current = {line.offering_id: line for line in reg.lines.filter(status=ACTIVE)}
    wanted = {o.pk for o in offerings}
    new = [o for o in offerings if o.pk not in current]
    gone = [line for pk, line in current.items() if pk not in wanted]
    # lock every seat row this change touches at once, in offering order (two changes never wait on each other crosswise)
    _ensure_seats(new)
    touched = sorted({o.pk for o in new} | {line.offering_id for line in gone})
    list(m.OfferingSeats.objects.select_for_update().filter(offering_id__in=touched).order_by("offering_id"))
    full = _take_seats(new)
    if full:
        raise _capacity_refusal(full)
    if gone:
        _release_seats(line.offering_id for line in gone)
        for line in gone:
            line.status, line.ended_on = m.Selection.Status.DROPPED, on
            line.save(update_fields=["status", "ended_on"])
            if line.enrolment_id:
                Enrolment.objects.filter(pk=line.enrolment_id).update(status=Enrolment.Status.DROPPED)
    for o in new:
        m.Selection.objects.create(registration=reg, offering=o, added_on=on)


def selection_submit(*, actor: Any, registration: m.Registration, offering_ids: Iterable[Any], on: dt.date | None = None) -> m.Registration:
    """W-13 row 2: the student renews the registration and submits the course selection (every art. 26 limit checked)."""
    on = on or today()
    _own(actor, registration)
    offerings = _offerings(registration, offering_ids)
    if not offerings:
        raise InputRefused(_("Choose at least one course."), code="input")
    with transaction.atomic():
        def build(locked: m.Registration) -> dict[str, Any]:
            return {**_limits_facts(locked, offerings, on), "KTMU-26(2)-1": F.renewal_guard(locked, on)}

        transition_apply(actor=actor, obj=registration, workflow_code=W13, action="submit_selection", facts=build, as_of=on)
        _sync_lines(registration, offerings, on)
        registration.registered_on = registration.registered_on or on
        registration.submitted_on = on
        registration.save(update_fields=["registered_on", "submitted_on"])
    return registration


def _enrol(reg: m.Registration) -> None:
    """Approved selection → ``records.Enrolment`` rows (one per active line)."""
    for line in reg.lines.filter(status=ACTIVE, enrolment__isnull=True).select_related("offering"):
        e, _created = Enrolment.objects.get_or_create(student=reg.student, offering=line.offering)
        if e.status != Enrolment.Status.REGISTERED:
            e.status = Enrolment.Status.REGISTERED
            e.save(update_fields=["status"])
        line.enrolment = e
        line.save(update_fields=["enrolment"])


def _decider(actor: Any, reg: m.Registration) -> None:
    if not (F.is_supervisor(actor, reg.student) or F.is_fos_head(actor, reg.student) or getattr(actor, "is_superuser", False)):
        raise PermissionDenied("registration.decide_selection")


def _silent_first(registration: m.Registration, on: dt.date) -> None:
    """After the allotted time the selection is already in force (KTMU-26(13)-3): the supervisor can no longer decide on it."""
    if auto_approve_due(on=on, registrations=m.Registration.objects.filter(pk=registration.pk)):
        registration.refresh_from_db()


def selection_approve(*, actor: Any, registration: m.Registration, comment: str = "", on: dt.date | None = None) -> m.Registration:
    """W-13 row 3: the supervisor (the FoS head until one is appointed) approves; the courses become enrolments."""
    on = on or today()
    _decider(actor, registration)
    _silent_first(registration, on)
    with transaction.atomic():
        def build(locked: m.Registration) -> dict[str, Any]:
            who = F.actor_id(actor, locked.student, on)
            state = F.approval_outcome(locked, "APPROVED", who, on)
            return {"KTMU-26(13)-1": F.as_guard(state, state.value == "APPROVED"),
                    "KTMU-21(1)-2": F.effective_supervisor_guard(actor, locked.student, on)}

        transition_apply(actor=actor, obj=registration, workflow_code=W13, action="approve", facts=build, reason=comment, as_of=on)
        registration.approved_by, registration.supervisor_comment = actor, comment
        registration.save(update_fields=["approved_by", "supervisor_comment"])
        _enrol(registration)
    return registration


def selection_request_changes(*, actor: Any, registration: m.Registration, comment: str, on: dt.date | None = None) -> m.Registration:
    """W-13 row 3 (KTMU-26(13)-2): the supervisor asks the student to change the selection; it goes back to the student."""
    on = on or today()
    _decider(actor, registration)
    if not comment.strip():
        raise InputRefused(_("Say what the student should change."), code="input")
    _silent_first(registration, on)
    with transaction.atomic():
        transition_apply(actor=actor, obj=registration, workflow_code=W13, action="request_changes", reason=comment, as_of=on,
                         facts=lambda locked: {"KTMU-21(1)-2": F.effective_supervisor_guard(actor, locked.student, on)})
        registration.supervisor_comment = comment
        registration.save(update_fields=["supervisor_comment"])
    return registration


def propose_other_programme(*, actor: Any, registration: m.Registration, offering_ids: Iterable[Any]) -> None:
    """KTMU-26(8)-1: the supervisor proposes courses of other programmes of the institute (the student may then select them)."""
    _decider(actor, registration)
    offerings = _offerings(registration, offering_ids)
    with transaction.atomic():
        before = sorted(registration.proposed.values_list("pk", flat=True))
        registration.proposed.set(offerings)
        audit.record(actor=actor, action=AuditEvent.Action.UPDATE, obj=registration, before={"proposed": before},
                     after={"proposed": sorted(o.pk for o in offerings)}, reason="KTMU-26(8)-1")


def auto_approve_due(*, on: dt.date | None = None, registrations: Any = None) -> int:
    """W-13 row 4 (KTMU-26(13)-3): selections still awaiting the supervisor after the allotted time take effect.
    Run by ``bilim registration_tick`` (periodic) and for a record whenever its page is opened."""
    on = on or today()
    qs = registrations if registrations is not None else m.Registration.objects.all()
    n = 0
    for reg in qs.filter(state="SUBMITTED").select_related("calendar", "student__programme"):
        if on <= F.supervisor_deadline(reg):
            continue
        with transaction.atomic():
            try:
                transition_apply(actor=None, obj=reg, workflow_code=W13, action="supervisor_silent_until_deadline", as_of=on,
                                 facts=lambda locked: {"KTMU-26(13)-3": F.as_guard(s := F.approval_outcome(locked, "SUBMITTED", None, on),
                                                                                   s.value == "AUTO_APPROVED")})
            except TransitionRefused:
                continue
            _enrol(reg)
            n += 1
    return n


def renewal_close_due(*, on: dt.date | None = None, registrations: Any = None) -> int:
    """W-13 row 5: the renewal window closed without renewal → NOT_RENEWED (seats of an unfinished selection released)."""
    on = on or today()
    qs = registrations if registrations is not None else m.Registration.objects.all()
    n = 0
    for reg in qs.filter(state="SELECTION_OPEN").select_related("calendar"):
        with transaction.atomic():
            try:
                transition_apply(actor=None, obj=reg, workflow_code=W13, action="renewal_window_closes", as_of=on,
                                 facts=lambda locked: (lambda g: {"KTMU-26(4)-1": g, "KTMU-26(5)-1": g})(F.not_renewed_guard(locked, on)))
            except TransitionRefused:
                continue
            _sync_lines(reg, [], on)
            n += 1
    return n


def late_notice(*, actor: Any, registration: m.Registration, reason: str, on: dt.date | None = None) -> m.Registration:
    """KTMU-26(3)-1: the student's written notice of a justified reason (to be accepted by the Institute Board)."""
    on = on or today()
    _own(actor, registration)
    if not reason.strip():
        raise InputRefused(_("Write the justified reason."), code="input")
    if registration.state != "NOT_RENEWED":
        raise InputRefused(_("A notice of a justified reason is needed only when the registration was not renewed."), code="input")
    with transaction.atomic():
        before = audit.snapshot(registration)
        registration.late_notice_on, registration.late_notice_text = on, reason.strip()
        registration.save(update_fields=["late_notice_on", "late_notice_text"])
        audit.record(actor=actor, action=AuditEvent.Action.UPDATE, obj=registration, before=before, after=audit.snapshot(registration),
                     reason="KTMU-26(3)-1")
    return registration


def late_registration_accept(*, actor: Any, registration: m.Registration, decision: Decision, on: dt.date | None = None) -> m.Registration:
    """W-13 row 6: the Institute Board accepts the reason; the student may register until add/drop ends."""
    on = on or decision.date
    with transaction.atomic():
        def build(locked: m.Registration) -> dict[str, Any]:
            locked.late_decision = decision
            return {"KTMU-26(3)-1": F.renewal_guard(locked, on)}

        transition_apply(actor=actor, obj=registration, workflow_code=W13, action="late_registration_accepted", decision=decision,
                         facts=build, as_of=on)
        registration.late_decision = decision
        registration.save(update_fields=["late_decision"])
    return registration


# --- add/drop ----------------------------------------------------------------------------------


def adddrop_request(*, actor: Any, registration: m.Registration, add: Iterable[Any] = (), drop: Iterable[Any] = (),
                    on: dt.date | None = None) -> m.Registration:
    """KTMU-28(1)-1: the student asks to add/drop courses; the change waits for the supervisor's consent."""
    on = on or today()
    _own(actor, registration)
    if registration.state not in ("APPROVED", "AUTO_APPROVED"):
        raise InputRefused(_("Add/drop is possible once the selection is approved."), code="invalid")
    add_o = _offerings(registration, add)
    current = {line.offering_id: line for line in registration.lines.filter(status=ACTIVE)}
    drop_ids = []
    for raw in drop:
        try:
            pk = int(raw)
        except (TypeError, ValueError):
            raise InputRefused(_("A course was not recognised. Reload the page and choose again."), code="input") from None
        if pk not in current:
            raise InputRefused(_("You can drop only a course you selected."), code="input")
        drop_ids.append(pk)
    if not add_o and not drop_ids:
        raise InputRefused(_("Choose a course to add or to drop."), code="input")
    window = F.adddrop_outcome(registration, on, True)
    if not window.ok:
        raise TransitionRefused(_("The step was refused."), [window.explanation], code="guard")
    result = [line.offering for pk, line in current.items() if pk not in drop_ids] + [o for o in add_o if o.pk not in current]
    limits = F.limit_outcomes(registration, result, on)
    failed = [o.explanation for o in limits.values() if not o.ok]
    if failed:
        raise TransitionRefused(_("The step was refused."), failed, code="guard")
    with transaction.atomic():
        before = audit.snapshot(registration)
        registration.pending_change = {"add": [o.pk for o in add_o if o.pk not in current], "drop": drop_ids, "on": on.isoformat()}
        registration.save(update_fields=["pending_change"])
        audit.record(actor=actor, action=AuditEvent.Action.UPDATE, obj=registration, before=before, after=audit.snapshot(registration),
                     reason="KTMU-28(1)-1")
    return registration


def adddrop_decide(*, actor: Any, registration: m.Registration, consent: bool, comment: str = "", on: dt.date | None = None) -> m.Registration:
    """KTMU-28(1)-1: the supervisor consents (the change is made, W-13 row 7) or refuses (the request is withdrawn)."""
    on = on or today()
    if not F.is_supervisor(actor, registration.student) and not F.is_fos_head(actor, registration.student):
        raise PermissionDenied("registration.decide_selection")
    change = registration.pending_change or {}
    if not change:
        raise InputRefused(_("There is no add/drop request to decide."), code="invalid")
    with transaction.atomic():
        if not consent:
            before = audit.snapshot(registration)
            registration.pending_change, registration.supervisor_comment = None, comment
            registration.save(update_fields=["pending_change", "supervisor_comment"])
            audit.record(actor=actor, action=AuditEvent.Action.UPDATE, obj=registration, before=before, after=audit.snapshot(registration),
                         reason=comment or "KTMU-28(1)-1: no consent")
            return registration
        current = {line.offering_id: line.offering for line in registration.lines.filter(status=ACTIVE).select_related("offering__course")}
        add_o = list(Offering.objects.filter(pk__in=change.get("add", [])).select_related("course__programme"))
        result = [o for pk, o in current.items() if pk not in change.get("drop", [])] + add_o

        def build(locked: m.Registration) -> dict[str, Any]:
            return {**F.limit_outcomes(locked, result, on), "KTMU-28(1)-1": F.adddrop_outcome(locked, on, True)}

        transition_apply(actor=actor, obj=registration, workflow_code=W13, action="add_drop", facts=build, reason=comment, as_of=on)
        _sync_lines(registration, result, on)
        registration.pending_change, registration.supervisor_comment = None, comment
        registration.save(update_fields=["pending_change", "supervisor_comment"])
        _enrol(registration)
    return registration


# --- run list, replacement, freeze --------------------------------------------------------------


def run_list_publish(*, actor: Any, calendar: m.TermCalendar, on: dt.date | None = None) -> int:
    """W-13 row 8 (KTMU-28(2)-1): on the calendar's day the institute publishes the courses that run (Offering.runs, set
    by W-02); every approved registration moves to FINAL_PENDING."""
    on = on or today()
    require(actor, "registration.manage_calendar", calendar)
    auto_approve_due(on=on, registrations=m.Registration.objects.filter(calendar=calendar))
    with transaction.atomic():
        cal = m.TermCalendar.objects.select_for_update().get(pk=calendar.pk)
        before = audit.snapshot(cal)
        cal.run_list_published_on = on
        cal.save(update_fields=["run_list_published_on"])
        audit.record(actor=actor, action=AuditEvent.Action.UPDATE, obj=cal, before=before, after=audit.snapshot(cal), reason="KTMU-28(2)-1")
        n = 0
        for reg in m.Registration.objects.filter(calendar=cal, state__in=("APPROVED", "AUTO_APPROVED")).select_related("calendar", "student"):
            transition_apply(actor=actor, obj=reg, workflow_code=W13, action="add_drop_ends", as_of=on,
                             facts=lambda locked: F.run_list_guards(locked, on))
            n += 1
    calendar.run_list_published_on = on
    return n


def course_replace(*, actor: Any, registration: m.Registration, line: m.Selection, new_offering_id: Any, on: dt.date | None = None) -> m.Selection:
    """W-13 row 9 (KTMU-28(3)-1): the Course Selection Form — a course that does not run is replaced by one that runs."""
    on = on or today()
    officer = False
    try:
        require(actor, "registration.manage_calendar", registration.calendar)
        officer = True
    except PermissionDenied:
        _own(actor, registration)
    del officer
    if line.registration_id != registration.pk or line.status != ACTIVE:
        raise InputRefused(_("This course is not in the selection."), code="input")
    new = _offerings(registration, [new_offering_id])[0]
    with transaction.atomic():
        current = [x.offering for x in registration.lines.filter(status=ACTIVE).select_related("offering__course") if x.pk != line.pk]

        def build(locked: m.Registration) -> dict[str, Any]:
            return {**F.limit_outcomes(locked, [*current, new], on), "KTMU-28(3)-1": F.replacement_outcome(locked, line.offering, new, on)}

        transition_apply(actor=actor, obj=registration, workflow_code=W13, action="replace_course_not_run", facts=build, as_of=on)
        full = _take_seats([new])
        if full:
            raise _capacity_refusal(full)
        _release_seats([line.offering_id])
        line.status, line.ended_on = m.Selection.Status.REPLACED, on
        line.save(update_fields=["status", "ended_on"])
        if line.enrolment_id:
            Enrolment.objects.filter(pk=line.enrolment_id).update(status=Enrolment.Status.DROPPED)
        created = m.Selection.objects.create(registration=registration, offering=new, added_on=on, replaces=line)
        _enrol(registration)
    return created


def freeze_due(*, on: dt.date | None = None, registrations: Any = None) -> int:
    """W-13 row 10 (KTMU-28(3)-2): after the replacement period nothing changes; courses that do not run leave the selection."""
    on = on or today()
    qs = registrations if registrations is not None else m.Registration.objects.all()
    n = 0
    for reg in qs.filter(state="FINAL_PENDING").select_related("calendar"):
        with transaction.atomic():
            try:
                transition_apply(actor=None, obj=reg, workflow_code=W13, action="replacement_period_ends", as_of=on,
                                 facts=lambda locked: {"KTMU-28(3)-2": F.frozen_guard(locked, on)})
            except TransitionRefused:
                continue
            dead = list(reg.lines.filter(status=ACTIVE, offering__runs=False))
            _release_seats(x.offering_id for x in dead)
            for x in dead:
                x.status, x.ended_on = m.Selection.Status.NOT_RUN, on
                x.save(update_fields=["status", "ended_on"])
                if x.enrolment_id:
                    Enrolment.objects.filter(pk=x.enrolment_id).update(status=Enrolment.Status.DROPPED)
            n += 1
    return n


def semester_close_due(*, on: dt.date | None = None, registrations: Any = None) -> int:
    """W-13 rows 11: a semester without renewal ends; the second in a row without a justified reason opens a dismissal case
    (KTMU-39(1)c-1, handed to W-19)."""
    on = on or today()
    qs = registrations if registrations is not None else m.Registration.objects.all()
    n = 0
    for reg in qs.filter(state="NOT_RENEWED", term__ends_on__lt=on).select_related("term", "calendar"):
        with transaction.atomic():
            ground = F.ground_c(reg, on)
            try:
                if not ground.ok:  # the rule finds the ground: the second consecutive semester
                    transition_apply(actor=None, obj=reg, workflow_code=W13, action="second_consecutive_semester_ends", as_of=on,
                                     facts=lambda locked: {"KTMU-39(1)c-1": F.as_guard(ground, True)})
                else:
                    transition_apply(actor=None, obj=reg, workflow_code=W13, action="semester_ends", as_of=on,
                                     facts=lambda locked: {"KTMU-26(4)-1": F.semester_over_guard(locked, on)})
            except TransitionRefused:
                continue
            n += 1
    return n


def tick(*, on: dt.date | None = None) -> dict[str, int]:
    """The periodic job (``bilim registration_tick``): every step the table gives to the system."""
    on = on or today()
    return {"auto_approved": auto_approve_due(on=on), "not_renewed": renewal_close_due(on=on), "frozen": freeze_due(on=on),
            "semester_closed": semester_close_due(on=on)}


def refresh(reg: m.Registration, on: dt.date | None = None) -> None:
    """The system's steps for one record, evaluated when its page is opened (same services as the periodic job)."""
    qs = m.Registration.objects.filter(pk=reg.pk)
    auto_approve_due(on=on, registrations=qs)
    renewal_close_due(on=on, registrations=qs)
    freeze_due(on=on, registrations=qs)
    reg.refresh_from_db()


# --- W-13a: courses at other HEIs ----------------------------------------------------------------


def other_hei_apply(*, actor: Any, student: Student, term: Term, host_name: str, course_title: str, ects: Any, application_text: str,
                    host_country: str = "", elective: bool = True, on: dt.date | None = None) -> m.OtherHeiCourse:
    """KTMU-26(9)-2: the student's written application."""
    on = on or today()
    _own_student(actor, student)
    with transaction.atomic():
        app = m.OtherHeiCourse.objects.create(student=student, term=term, host_name=host_name, host_country=host_country,
                                              course_title=course_title, ects=ects, elective=elective, application_text=application_text,
                                              applied_on=on)
        audit.record(actor=actor, action=AuditEvent.Action.CREATE, obj=app, after=audit.snapshot(app), reason="KTMU-26(9)-2")
        transition_apply(actor=actor, obj=app, workflow_code=W13A, action="apply", as_of=on)
    return app


def other_hei_consent(*, actor: Any, application: m.OtherHeiCourse, consent: bool = True, reason: str = "", on: dt.date | None = None) -> m.OtherHeiCourse:
    on = on or today()
    if not F.is_supervisor(actor, application.student):
        raise PermissionDenied("registration.consent")
    with transaction.atomic():
        transition_apply(actor=actor, obj=application, workflow_code=W13A, action="supervisor_consent" if consent else "reject",
                         reason=reason, as_of=on)
        if consent:
            m.OtherHeiCourse.objects.filter(pk=application.pk).update(consented_on=on)
            application.consented_on = on
    return application


def other_hei_step(*, actor: Any, application: m.OtherHeiCourse, action: str, decision: Decision, reason: str = "") -> Any:
    """A body's step: the FoS council proposes (or rejects), the Institute Board decides (or rejects)."""
    on = decision.date
    with transaction.atomic():
        if action == "propose":
            tr = transition_apply(actor=actor, obj=application, workflow_code=W13A, action="propose", decision=decision, reason=reason, as_of=on)
            m.OtherHeiCourse.objects.filter(pk=application.pk).update(proposal=decision)
            application.proposal = decision
            return tr
        if action == "decide":
            def build(locked: m.OtherHeiCourse) -> dict[str, Any]:
                reg = m.Registration.objects.filter(student=locked.student, term=locked.term).first()
                return {"KTMU-26(9)-1": F.hei_limit(locked, reg, on), "KTMU-26(9)-2": F.hei_chain(locked, on)}

            tr = transition_apply(actor=actor, obj=application, workflow_code=W13A, action="decide", decision=decision, facts=build,
                                  reason=reason, as_of=on)
            m.OtherHeiCourse.objects.filter(pk=application.pk).update(decision=decision)
            application.decision = decision
            return tr
        return transition_apply(actor=actor, obj=application, workflow_code=W13A, action="reject", decision=decision, reason=reason, as_of=on)


# --- W-14: credit transfer / exemption -----------------------------------------------------------


def recognition_apply(*, actor: Any, student: Student, on: dt.date | None = None, **fields: Any) -> m.Recognition:
    """KTMU-29(1)-1: the application, with the transcript and the course contents attached."""
    on = on or today()
    _own_student(actor, student)
    if not fields.get("transcript") or not fields.get("course_contents"):
        raise InputRefused(_("Attach the transcript and the course contents (KTMU-29(1)-1)."), code="input")
    with transaction.atomic():
        rec = m.Recognition.objects.create(student=student, applied_on=on, **fields)
        audit.record(actor=actor, action=AuditEvent.Action.CREATE, obj=rec, after=audit.snapshot(rec), reason="KTMU-29(1)-1")
        transition_apply(actor=actor, obj=rec, workflow_code=W14, action="apply", as_of=on)
    return rec


def recognition_consent(*, actor: Any, recognition: m.Recognition, consent: bool = True, reason: str = "", on: dt.date | None = None) -> m.Recognition:
    on = on or today()
    if not F.is_supervisor(actor, recognition.student):
        raise PermissionDenied("registration.consent")
    with transaction.atomic():
        transition_apply(actor=actor, obj=recognition, workflow_code=W14, action="consent" if consent else "reject", reason=reason, as_of=on)
        if consent:
            m.Recognition.objects.filter(pk=recognition.pk).update(consented_on=on)
            recognition.consented_on = on
    return recognition


def recognition_step(*, actor: Any, recognition: m.Recognition, action: str, decision: Decision, reason: str = "") -> Any:
    """The FoS council evaluates and proposes (every art. 29 condition), the Institute Board decides; either may reject."""
    on = decision.date
    with transaction.atomic():
        if action == "propose":
            def build(locked: m.Recognition) -> dict[str, Any]:
                cand = F.recognition_candidate(locked, on)
                caps = F.recognition_caps(locked, on)
                out: dict[str, Any] = {rid: cand for rid in ("KTMU-29(2)-1", "KTMU-29(2)a-1", "KTMU-29(2)b-1", "KTMU-29(2)c-1",
                                                            "KTMU-29(2)d-1", "KTMU-29(6)-1")}
                out["KTMU-29(2)e-1"] = cand if not cand.ok else caps
                out["KTMU-29(1)-2"] = caps
                out["KTMU-29(5)-1"] = F.recognition_equivalence(locked, on)
                return out

            tr = transition_apply(actor=actor, obj=recognition, workflow_code=W14, action="propose", decision=decision, facts=build,
                                  reason=reason, as_of=on)
            m.Recognition.objects.filter(pk=recognition.pk).update(proposal=decision, explanation=tr.explanation)
            recognition.proposal = decision
            return tr
        if action == "decide":
            tr = transition_apply(actor=actor, obj=recognition, workflow_code=W14, action="decide", decision=decision, reason=reason, as_of=on,
                                  facts=lambda locked: {"KTMU-29(1)-1": F.recognition_chain(locked, on)})
            m.Recognition.objects.filter(pk=recognition.pk).update(decision=decision)
            recognition.decision = decision
            return tr
        return transition_apply(actor=actor, obj=recognition, workflow_code=W14, action="reject", decision=decision, reason=reason, as_of=on)


# --- bodies' decisions fire waiting steps (registry ``perform``) -------------------------------------


def perform_w13(*, obj: m.Registration, action: str, actor: Any, decision: Any, reason: str = "") -> Any:
    if action == "late_registration_accepted":
        late_registration_accept(actor=actor, registration=obj, decision=decision)
        from bilim.apps.workflow.models import Transition

        return Transition.objects.for_object(obj).order_by("-pk").first()
    raise TransitionRefused(_("This step is not taken by a body."), code="invalid")


def perform_w13a(*, obj: m.OtherHeiCourse, action: str, actor: Any, decision: Any, reason: str = "") -> Any:
    return other_hei_step(actor=actor, application=obj, action=action, decision=decision, reason=reason)


def perform_w14(*, obj: m.Recognition, action: str, actor: Any, decision: Any, reason: str = "") -> Any:
    return recognition_step(actor=actor, recognition=obj, action=action, decision=decision, reason=reason)


def explanations_by_course(explanations: Sequence[Explanation], offerings: Sequence[Offering]) -> tuple[dict[int, list[Explanation]], list[Explanation]]:
    """Attach each refusal to the courses it names (codes, titles, instructors); the rest concern the whole selection."""
    by: dict[int, list[Explanation]] = {o.pk: [] for o in offerings}
    general: list[Explanation] = []
    for e in explanations:
        v = e.message_values or {}
        hit = False
        for o in offerings:
            names = (set(v.get("courses") or []) & {F.course_code(o)}) or (set(v.get("titles") or []) & {F.title_key(o.course)}) \
                or (set(v.get("instructors") or []) & set(F.instructor_names(o)))
            if names:
                by[o.pk].append(e)
                hit = True
        if not hit:
            general.append(e)
            for o in offerings:
                by[o.pk].append(e)
    return by, general
