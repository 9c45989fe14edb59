"""KTMU-W-13 through the services: timetable, selection with every art. 26 limit, approval (and automatic approval),
add/drop, the run list, replacement, freeze, non-renewal, late registration, dismissal ground."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from bilim.apps.audit.models import AuditEvent
from bilim.apps.records.models import Enrolment
from bilim.apps.registration import models as m
from bilim.apps.registration import services as svc
from bilim.apps.workflow.labels import missing_labels
from bilim.apps.workflow.services import TransitionRefused, history

D = dt.date


def ids(offerings):
    return [o.pk for o in offerings]


def test_every_state_and_action_has_a_label(db):
    for code in ("KTMU-W-13", "KTMU-W-13a", "KTMU-W-14"):
        assert missing_labels(code) == []


@pytest.mark.workflow("W-13")
@pytest.mark.rule("KTMU-25-1")
def test_timetable_published_late_is_refused_then_on_time_opens_selection(w):
    with pytest.raises(TransitionRefused) as exc:
        svc.timetable_publish(actor=w.fos_head, calendar=w.cal, on=D(2026, 8, 25))  # the first day of selection: too late
    assert "KTMU-25-1" in exc.value.explanations[0].rule_ids
    w.cal.refresh_from_db()
    assert w.cal.timetable_published_on is None
    with pytest.raises(PermissionDenied):
        svc.timetable_publish(actor=w.officer, calendar=w.cal, on=D(2026, 8, 24))
    assert svc.timetable_publish(actor=w.fos_head, calendar=w.cal, on=D(2026, 8, 24)) == 2  # the last day allowed
    w.reg.refresh_from_db()
    assert w.reg.state == "SELECTION_OPEN"


@pytest.mark.workflow("W-13")
@pytest.mark.rule("KTMU-26(2)-1", "KTMU-26(13)-1", "KTMU-28(1)-1", "KTMU-28(2)-1", "KTMU-28(3)-1", "KTMU-28(3)-2")
def test_main_path_select_approve_adddrop_runlist_replace_freeze(opened):
    w = opened
    four = w.offerings[0:7:2]  # the 4 fall courses
    svc.selection_submit(actor=w.student_user, registration=w.reg, offering_ids=ids(four), on=D(2026, 8, 26))
    w.reg.refresh_from_db()
    assert w.reg.state == "SUBMITTED" and w.reg.registered_on == D(2026, 8, 26)
    assert m.OfferingSeats.objects.get(offering=four[0]).taken == 1
    assert not Enrolment.objects.filter(student=w.st).exists()
    # another instructor is not the supervisor; the FoS head is not either once a supervisor is appointed
    with pytest.raises(PermissionDenied):
        svc.selection_approve(actor=w.other_staff_user, registration=w.reg, on=D(2026, 8, 27))
    with pytest.raises(TransitionRefused) as exc:
        svc.selection_approve(actor=w.fos_head, registration=w.reg, on=D(2026, 8, 27))
    assert any("KTMU-21(1)-2" in e.rule_ids for e in exc.value.explanations)
    svc.selection_approve(actor=w.sup_user, registration=w.reg, comment="Жакшы", on=D(2026, 8, 27))
    w.reg.refresh_from_db()
    assert w.reg.state == "APPROVED"
    assert Enrolment.objects.filter(student=w.st, status="registered").count() == 4
    # add/drop: before the period is refused; within it, with the supervisor's consent
    with pytest.raises(TransitionRefused) as exc:
        svc.adddrop_request(actor=w.student_user, registration=w.reg, drop=[four[3].pk], add=[w.offerings[1].pk], on=D(2026, 9, 1))
    assert "KTMU-28(1)-1" in exc.value.explanations[0].rule_ids
    svc.adddrop_request(actor=w.student_user, registration=w.reg, drop=[four[3].pk], add=[w.offerings[1].pk], on=D(2026, 9, 3))
    w.reg.refresh_from_db()
    assert w.reg.state == "APPROVED" and w.reg.pending_change
    svc.adddrop_decide(actor=w.sup_user, registration=w.reg, consent=True, on=D(2026, 9, 4))
    w.reg.refresh_from_db()
    active = set(w.reg.lines.filter(status="active").values_list("offering_id", flat=True))
    assert w.offerings[1].pk in active and four[3].pk not in active and w.reg.pending_change is None
    assert Enrolment.objects.get(student=w.st, offering=four[3]).status == "dropped"
    assert m.OfferingSeats.objects.get(offering=four[3]).taken == 0
    # the run list: undecided courses block it; once W-02 decided, published on the calendar's day
    for o in w.offerings + [w.o_other]:
        o.runs = o.pk != four[0].pk
        o.save()
    with pytest.raises(TransitionRefused):
        svc.run_list_publish(actor=w.officer, calendar=w.cal, on=D(2026, 9, 13))  # not the calendar's day
    assert svc.run_list_publish(actor=w.officer, calendar=w.cal, on=D(2026, 9, 14)) == 1
    w.reg.refresh_from_db()
    assert w.reg.state == "FINAL_PENDING"
    dead = w.reg.lines.get(offering=four[0], status="active")
    # replacement: only by a running course, within 3 working days (15–17 Sept.)
    with pytest.raises(TransitionRefused):
        svc.course_replace(actor=w.student_user, registration=w.reg, line=dead, new_offering_id=w.offerings[5].pk, on=D(2026, 9, 21))
    svc.course_replace(actor=w.student_user, registration=w.reg, line=dead, new_offering_id=w.offerings[5].pk, on=D(2026, 9, 15))
    dead.refresh_from_db()
    assert dead.status == "replaced"
    assert Enrolment.objects.get(student=w.st, offering=w.offerings[5]).status == "registered"
    # the freeze: not before the period ends
    assert svc.freeze_due(on=D(2026, 9, 17)) == 0
    assert svc.freeze_due(on=D(2026, 9, 18)) == 1
    w.reg.refresh_from_db()
    assert w.reg.state == "FROZEN"
    steps = [t.action for t in history(w.reg)]
    assert steps == ["publish_timetable", "submit_selection", "approve", "add_drop", "add_drop_ends", "replace_course_not_run",
                     "replacement_period_ends"][::-1] or set(steps) >= {"approve", "add_drop", "replacement_period_ends"}
    assert AuditEvent.objects.filter(object_id=str(w.reg.pk)).count() >= 7


@pytest.mark.workflow("W-13")
@pytest.mark.rule("KTMU-26(10)-1")
def test_over_limit_selection_is_refused_with_its_explanation_and_nothing_written(opened):
    w = opened
    with pytest.raises(TransitionRefused) as exc:
        svc.selection_submit(actor=w.student_user, registration=w.reg, offering_ids=ids(w.offerings), on=D(2026, 8, 26))
    rules = {r for e in exc.value.explanations for r in e.rule_ids}
    assert "KTMU-26(10)-1" in rules
    assert "3" in exc.value.explanations[0].message("en") or exc.value.messages("en")
    w.reg.refresh_from_db()
    assert w.reg.state == "SELECTION_OPEN" and not w.reg.lines.exists()
    assert not m.OfferingSeats.objects.filter(taken__gt=0).exists()
    by, general = svc.explanations_by_course(exc.value.explanations, w.offerings)
    assert all(by[o.pk] for o in w.offerings)  # a selection-wide limit stands beside every course
    # at the boundary: 4 required + 2 extra = 6 is allowed
    svc.selection_submit(actor=w.student_user, registration=w.reg, offering_ids=ids(w.offerings[:6]), on=D(2026, 8, 26))


@pytest.mark.workflow("W-13")
@pytest.mark.rule("KTMU-26(8)-1", "KTMU-26(6)-1")
def test_other_programme_course_needs_the_supervisors_proposal(opened):
    w = opened
    sel = [*w.offerings[0:6:2], w.o_other]
    with pytest.raises(TransitionRefused) as exc:
        svc.selection_submit(actor=w.student_user, registration=w.reg, offering_ids=ids(sel), on=D(2026, 8, 26))
    e = next(e for e in exc.value.explanations if "KTMU-26(8)-1" in e.rule_ids)
    by, _general = svc.explanations_by_course([e], sel)
    assert by[w.o_other.pk] and not by[w.offerings[0].pk]  # beside the course it concerns
    svc.propose_other_programme(actor=w.sup_user, registration=w.reg, offering_ids=[w.o_other.pk])
    svc.selection_submit(actor=w.student_user, registration=w.reg, offering_ids=ids(sel), on=D(2026, 8, 26))
    w.reg.refresh_from_db()
    assert w.reg.state == "SUBMITTED"


@pytest.mark.workflow("W-13")
@pytest.mark.rule("KTMU-26(13)-2", "KTMU-26(13)-3")
def test_changes_requested_then_supervisor_silent_auto_approval(opened):
    w = opened
    svc.selection_submit(actor=w.student_user, registration=w.reg, offering_ids=ids(w.offerings[0:4]), on=D(2026, 8, 26))
    with pytest.raises(TransitionRefused):
        svc.selection_request_changes(actor=w.sup_user, registration=w.reg, comment="  ", on=D(2026, 8, 27))
    svc.selection_request_changes(actor=w.sup_user, registration=w.reg, comment="Алгоритмдерди алыңыз", on=D(2026, 8, 27))
    w.reg.refresh_from_db()
    assert w.reg.state == "SELECTION_OPEN" and w.reg.supervisor_comment
    svc.selection_submit(actor=w.student_user, registration=w.reg, offering_ids=ids(w.offerings[0:7:2]), on=D(2026, 8, 28))  # Friday
    # 3 working days after Friday 28 Aug.: Thursday 3 Sept. (31 Aug. is a holiday in KR) — silent until then
    assert svc.auto_approve_due(on=D(2026, 9, 2)) == 0
    deadline = svc.F.supervisor_deadline(w.reg)
    assert svc.auto_approve_due(on=deadline) == 0
    assert svc.auto_approve_due(on=deadline + dt.timedelta(days=1)) == 1
    w.reg.refresh_from_db()
    assert w.reg.state == "AUTO_APPROVED"
    assert Enrolment.objects.filter(student=w.st).count() == 4
    # add/drop from an automatically approved selection
    svc.adddrop_request(actor=w.student_user, registration=w.reg, drop=[w.offerings[6].pk], on=D(2026, 9, 8))
    svc.adddrop_decide(actor=w.sup_user, registration=w.reg, consent=True, on=D(2026, 9, 8))
    w.reg.refresh_from_db()
    assert w.reg.state == "APPROVED"


@pytest.mark.workflow("W-13")
def test_fos_head_approves_when_no_supervisor_and_runlist_from_auto_approved(opened):
    w = opened
    svc.selection_submit(actor=w.peer_user, registration=w.peer_reg, offering_ids=ids(w.offerings[0:2]), on=D(2026, 8, 26))
    with pytest.raises(PermissionDenied):
        svc.selection_submit(actor=w.student_user, registration=w.peer_reg, offering_ids=ids(w.offerings[0:2]), on=D(2026, 8, 26))
    svc.selection_approve(actor=w.fos_head, registration=w.peer_reg, on=D(2026, 8, 27))
    w.peer_reg.refresh_from_db()
    assert w.peer_reg.state == "APPROVED"
    svc.selection_submit(actor=w.student_user, registration=w.reg, offering_ids=ids(w.offerings[0:2]), on=D(2026, 8, 26))
    for o in w.offerings + [w.o_other]:
        o.runs = True
        o.save()
    # the student's selection is still awaiting the supervisor on the run-list day: automatic approval first, then the list
    assert svc.run_list_publish(actor=w.officer, calendar=w.cal, on=D(2026, 9, 14)) == 2
    w.reg.refresh_from_db()
    assert w.reg.state == "FINAL_PENDING"


@pytest.mark.workflow("W-13")
@pytest.mark.rule("KTMU-26(3)-1", "KTMU-26(4)-1", "KTMU-39(1)c-1")
def test_not_renewed_late_registration_by_board_and_second_semester_dismissal_ground(opened):
    w = opened
    assert svc.renewal_close_due(on=D(2026, 9, 1)) == 0  # the last day of renewal
    with pytest.raises(TransitionRefused):
        svc.selection_submit(actor=w.student_user, registration=w.reg, offering_ids=ids(w.offerings[0:2]), on=D(2026, 8, 24))
    assert svc.renewal_close_due(on=D(2026, 9, 2)) == 2
    w.reg.refresh_from_db()
    assert w.reg.state == "NOT_RENEWED"
    # a notice after add/drop started is too late for the Board to make the registration possible
    svc.late_notice(actor=w.student_user, registration=w.reg, reason="Ооруканада болдум", on=D(2026, 9, 1))
    d = w.decision(w.board, w.reg, "2026-09.3", D(2026, 9, 4))
    svc.late_registration_accept(actor=w.officer, registration=w.reg, decision=d)
    w.reg.refresh_from_db()
    assert w.reg.state == "SELECTION_OPEN"
    svc.selection_submit(actor=w.student_user, registration=w.reg, offering_ids=ids(w.offerings[0:2]), on=D(2026, 9, 10))
    w.reg.refresh_from_db()
    assert w.reg.state == "SUBMITTED"
    # the peer: not renewed in the previous spring either → the second semester in a row is a dismissal ground
    prev_cal = m.TermCalendar.objects.create(institute=w.inst, term=w.prev, selection_starts_on=D(2026, 1, 26), renewal_ends_on=D(2026, 2, 2),
                                             adddrop_starts_on=D(2026, 2, 3), adddrop_ends_on=D(2026, 2, 13), run_list_on=D(2026, 2, 16))
    m.Registration.objects.create(student=w.peer, term=w.prev, calendar=prev_cal, state="SEMESTER_CLOSED")
    assert svc.semester_close_due(on=D(2027, 1, 25)) == 0  # the last day of the term
    assert svc.semester_close_due(on=D(2027, 1, 26)) == 1
    w.peer_reg.refresh_from_db()
    assert w.peer_reg.state == "DISMISSAL_CASE"


@pytest.mark.workflow("W-13")
@pytest.mark.rule("KTMU-26(4)-1")
def test_first_semester_without_renewal_closes(opened):
    w = opened
    svc.renewal_close_due(on=D(2026, 9, 2))
    assert svc.semester_close_due(on=D(2027, 1, 26)) == 2
    w.reg.refresh_from_db()
    assert w.reg.state == "SEMESTER_CLOSED"


@pytest.mark.workflow("W-13")
def test_late_registration_through_the_body_perform_hook(opened):
    from bilim.apps.workflow.registry import perform_step

    w = opened
    svc.renewal_close_due(on=D(2026, 9, 2))
    w.reg.refresh_from_db()
    svc.late_notice(actor=w.student_user, registration=w.reg, reason="Үй-бүлөлүк себеп", on=D(2026, 9, 1))
    d = w.decision(w.board, w.reg, "2026-09.4", D(2026, 9, 4))
    perform_step(obj=w.reg, workflow_code="KTMU-W-13", action="late_registration_accepted", actor=w.officer, decision=d)
    w.reg.refresh_from_db()
    assert w.reg.state == "SELECTION_OPEN"


@pytest.mark.workflow("W-13")
def test_outsider_and_other_student_see_nothing_and_cannot_act(opened):
    from bilim.apps.accounts.permissions import restrict

    w = opened
    qs = m.Registration.objects.all()
    assert restrict(w.outsider, "registration.view_registration", qs).count() == 0
    assert list(restrict(w.student_user, "registration.view_registration", qs)) == [w.reg]
    assert list(restrict(w.sup_user, "registration.view_registration", qs)) == [w.reg]
    assert restrict(w.officer, "registration.view_overview", qs).count() == 2
    with pytest.raises(PermissionDenied):
        svc.selection_submit(actor=w.outsider, registration=w.reg, offering_ids=ids(w.offerings[0:2]), on=D(2026, 8, 26))
    with pytest.raises(TransitionRefused):  # a course of another term / a bad id: a clear refusal, nothing written
        svc.selection_submit(actor=w.student_user, registration=w.reg, offering_ids=["x"], on=D(2026, 8, 26))
    svc.selection_submit(actor=w.student_user, registration=w.reg, offering_ids=ids(w.offerings[0:2]), on=D(2026, 8, 26))


@pytest.mark.workflow("W-13")
@pytest.mark.rule("KTMU-26(13)-3")
def test_supervisor_cannot_decide_after_the_allotted_time(opened):
    w = opened
    svc.selection_submit(actor=w.student_user, registration=w.reg, offering_ids=ids(w.offerings[0:2]), on=D(2026, 8, 26))
    late = svc.F.supervisor_deadline(w.reg) + dt.timedelta(days=1)
    with pytest.raises(TransitionRefused) as exc:
        svc.selection_request_changes(actor=w.sup_user, registration=w.reg, comment="Кеч калдым", on=late)
    assert exc.value.code == "invalid"
    w.reg.refresh_from_db()
    assert w.reg.state == "AUTO_APPROVED"
