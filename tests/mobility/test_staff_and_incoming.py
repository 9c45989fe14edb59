"""Staff business trips (§4.4, ERRATA 11/18) and incoming students (§4.3)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from bilim.apps.mobility import services as svc
from bilim.apps.workflow.models import Transition
from bilim.apps.workflow.services import TransitionRefused

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 21)


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    monkeypatch.setattr(svc, "today", lambda: TODAY)


def trip(w, **kw):
    data = dict(actor=w.users["staff"], staff=w.staff, host=w.partner, purpose="Conference", start_date=dt.date(2026, 12, 1),
                end_date=dt.date(2026, 12, 5), funding_sources=["UNIVERSITY"], substitution_info="Classes covered by Dr. Ы",
                invitation=SimpleUploadedFile("inv.pdf", b"%PDF-1.4"))
    data.update(kw)
    return svc.trip_create(**data)


@pytest.mark.rule("OSU-4.8-STAFF-2")
def test_trip_abroad_needs_substitution_information(world):
    t = trip(world, substitution_info="")
    with pytest.raises(TransitionRefused) as e:
        svc.trip_submit(actor=world.users["staff"], trip=t)
    assert any("OSU-4.8-STAFF-2" in x.rule_ids for x in e.value.explanations)
    t.refresh_from_db()
    assert t.state == "DRAFT"


@pytest.mark.workflow("osu.staff_outgoing")
@pytest.mark.rule("OSU-4.8-STAFF-3", "OSU-4.8-STAFF-5", "OSU-4.8-STAFF-6")
@pytest.mark.rule_table("OSU-1.4-1", "OSU-4.8-STAFF-1")  # shown/driven here, evaluated elsewhere
def test_trip_whole_chain_without_project_funding(world):
    w = world
    t = trip(w)
    svc.trip_submit(actor=w.users["staff"], trip=t)
    # the dean cannot act before the head of department (ERRATA 11): refused by the approval-order rule, cited
    with pytest.raises(TransitionRefused) as out_of_turn:
        svc.trip_decide(actor=w.users["dean_office"], trip=t, decision="APPROVED")
    assert out_of_turn.value.code == "order" and "OSU-4.8-STAFF-3" in out_of_turn.value.rule_ids
    svc.trip_decide(actor=w.users["head_of_department"], trip=t, decision="APPROVED")
    svc.trip_decide(actor=w.users["dean_office"], trip=t, decision="APPROVED")
    t.refresh_from_db()
    assert t.state == "APPROVAL_VR_SCI"
    svc.trip_decide(actor=w.users["vice_rector_research"], trip=t, decision="APPROVED")
    svc.trip_order_issue(actor=w.users["rector_office"], trip=t, number="55-к")
    svc.trip_start(actor=w.users["staff"], trip=t)
    svc.trip_return(actor=w.users["staff"], trip=t, returned_on=dt.date(2026, 12, 5))
    # university-funded: the expense report is owed before reporting
    with pytest.raises(TransitionRefused):
        svc.trip_reporting(actor=w.users["staff"], trip=t)
    svc.trip_expense_report(actor=w.users["accounting"], trip=t, submitted_on=dt.date(2026, 12, 9))
    svc.trip_reporting(actor=w.users["staff"], trip=t)
    svc.trip_close(actor=w.users["staff"], trip=t, discussed_on=dt.date(2026, 12, 15), presented_on=dt.date(2026, 12, 18),
                   ird_report_on=dt.date(2026, 12, 18), proposals="Joint summer school")
    t.refresh_from_db()
    assert t.state == "CLOSED"
    assert "APPROVAL_PJL" not in [x.target for x in Transition.objects.for_object(t)]


@pytest.mark.workflow("osu.staff_outgoing")
@pytest.mark.rule("OSU-4.8-STAFF-3")
def test_trip_with_project_funding_goes_through_project_leader(world):
    w = world
    from bilim.apps.people.models import Person, Staff

    leader = Person.objects.create(user=w.users["programme_leader"], last_name="Жолдошев", first_name="Бакыт")
    Staff.objects.create(person=leader, institution=w.oshsu, unit=w.fac)  # the project leader is a staff member of OshSU
    t = trip(w, project_funded=True, project_leader=w.users["programme_leader"], funding_sources=["PROJECT"])
    svc.trip_submit(actor=w.users["staff"], trip=t)
    svc.trip_decide(actor=w.users["head_of_department"], trip=t, decision="APPROVED")
    svc.trip_decide(actor=w.users["dean_office"], trip=t, decision="APPROVED")
    t.refresh_from_db()
    assert t.state == "APPROVAL_PJL"
    with pytest.raises(TransitionRefused) as out_of_turn:  # the vice-rector before the project leader: the order rule
        svc.trip_decide(actor=w.users["vice_rector_research"], trip=t, decision="APPROVED")
    assert "OSU-4.8-STAFF-3" in out_of_turn.value.rule_ids
    # a rejection needs a reason
    from bilim.apps.accounts.models import RoleAssignment

    RoleAssignment.objects.create(user=w.users["programme_leader"], role="staff", institution=w.oshsu)
    w.users["programme_leader"]._bilim_roles = None
    del w.users["programme_leader"]._bilim_roles
    with pytest.raises(ValidationError):
        svc.trip_decide(actor=w.users["programme_leader"], trip=t, decision="REJECTED", reason="")
    svc.trip_decide(actor=w.users["programme_leader"], trip=t, decision="REJECTED", reason="Project budget exhausted")
    t.refresh_from_db()
    assert t.state == "REJECTED"


@pytest.mark.workflow("osu.student_incoming")
@pytest.mark.rule("OSU-4.8-HOST-1", "OSU-4.8-HOST-3", "OSU-1.3.3-2", "OSU-1.5-1", "OSU-2.2-4")
def test_incoming_student_needs_coordinator_and_groups(world):
    w = world
    inc = svc.incoming_register(actor=w.users["ird_officer"], last_name="Yılmaz", first_name="Ayşe", citizenship="tr", home=w.partner,
                                faculty=w.fac, start_date=dt.date(2027, 2, 1), end_date=dt.date(2027, 6, 30), agreement=w.agreement)
    assert inc.scope == "EXTERNAL" and inc.term == "LONG"
    svc.incoming_step(actor=w.users["ird_officer"], inc=inc, target="ACCEPTED")
    svc.incoming_step(actor=w.users["ird_officer"], inc=inc, target="VISA_AND_MIGRATION", visa_valid_until=dt.date(2027, 6, 15))
    svc.incoming_step(actor=w.users["ird_officer"], inc=inc, target="ARRIVED")
    arrival = Transition.objects.for_object(inc).get(target="ARRIVED")
    assert any("OSU-1.5-1" in e.rule_ids and e.result == "WARN" for e in arrival.explanations())  # stay ends after the visa
    with pytest.raises(TransitionRefused):
        svc.incoming_step(actor=w.users["ird_officer"], inc=inc, target="STUDYING")
    svc.incoming_step(actor=w.users["ird_officer"], inc=inc, target="STUDYING", coordinator=w.staff, groups="МАТ-21", avn_registered=True)
    svc.incoming_step(actor=w.users["ird_officer"], inc=inc, target="RESULTS_ISSUED", results_issued_on=dt.date(2027, 6, 30))
    svc.incoming_step(actor=w.users["ird_officer"], inc=inc, target="DEPARTED")
    inc.refresh_from_db()
    assert inc.state == "DEPARTED"
    with pytest.raises(PermissionDenied):
        svc.incoming_register(actor=w.users["outsider"], last_name="X", first_name="Y", citizenship="TR", home=w.partner,
                              faculty=w.fac, start_date=dt.date(2027, 2, 1), end_date=dt.date(2027, 6, 30))


# --- the remaining steps of the staff-trip chain (§4.4, ERRATA 11) ----------------------------------------------------------


def _project_leader(w):  # noqa: ANN001, ANN202
    from bilim.apps.accounts.models import RoleAssignment
    from bilim.apps.people.models import Person, Staff

    leader = Person.objects.create(user=w.users["programme_leader"], last_name="Жолдошев", first_name="Бакыт")
    Staff.objects.create(person=leader, institution=w.oshsu, unit=w.fac)
    RoleAssignment.objects.create(user=w.users["programme_leader"], role="staff", institution=w.oshsu)
    return w.users["programme_leader"]


@pytest.mark.workflow("osu.staff_outgoing")
@pytest.mark.rule("OSU-4.8-STAFF-3")
@pytest.mark.parametrize("who", ["head_of_department", "dean_office", "vice_rector_research"])
def test_each_approver_may_reject_with_a_reason(world, who):
    w = world
    t = trip(w)
    svc.trip_submit(actor=w.users["staff"], trip=t)
    for approver in ["head_of_department", "dean_office", "vice_rector_research"]:
        if approver == who:
            break
        svc.trip_decide(actor=w.users[approver], trip=t, decision="APPROVED")
    with pytest.raises(ValidationError):
        svc.trip_decide(actor=w.users[who], trip=t, decision="REJECTED", reason=" ")
    svc.trip_decide(actor=w.users[who], trip=t, decision="REJECTED", reason="Classes cannot be covered")
    t.refresh_from_db()
    last = Transition.objects.for_object(t).last()
    assert t.state == "REJECTED" and last.action == "reject" and last.reason == "Classes cannot be covered"
    assert any("OSU-4.8-STAFF-3" in e.rule_ids for e in last.explanations())
    with pytest.raises(TransitionRefused):  # a rejected trip gets no order
        svc.trip_order_issue(actor=w.users["rector_office"], trip=t, number="1-к")


@pytest.mark.workflow("osu.staff_outgoing")
@pytest.mark.rule("OSU-4.8-STAFF-3", "OSU-4.8-STAFF-5")
@pytest.mark.rule_table("OSU-4.8-STAFF-8")  # driven here, evaluated elsewhere
def test_project_leader_approves_and_a_trip_without_university_money_owes_no_expense_report(world):
    w = world
    leader = _project_leader(w)
    t = trip(w, project_funded=True, project_leader=leader, funding_sources=["PROJECT", "HOST"])
    svc.trip_submit(actor=w.users["staff"], trip=t)
    svc.trip_decide(actor=w.users["head_of_department"], trip=t, decision="APPROVED")
    svc.trip_decide(actor=w.users["dean_office"], trip=t, decision="APPROVED")
    svc.trip_decide(actor=leader, trip=t, decision="APPROVED")
    t.refresh_from_db()
    assert t.state == "APPROVAL_VR_SCI"
    svc.trip_decide(actor=w.users["vice_rector_research"], trip=t, decision="APPROVED")
    svc.trip_order_issue(actor=w.users["rector_office"], trip=t, number="56-к")
    svc.trip_start(actor=w.users["staff"], trip=t)
    svc.trip_return(actor=w.users["staff"], trip=t, returned_on=dt.date(2026, 12, 5))
    svc.trip_reporting(actor=w.users["staff"], trip=t)  # no university money: straight to the reports
    t.refresh_from_db()
    steps = [(x.source, x.action) for x in Transition.objects.for_object(t)]
    assert t.state == "REPORTING" and ("APPROVAL_PJL", "approve") in steps and steps[-1] == ("RETURNED", "no_expense_report")
    assert Transition.objects.for_object(t).last().actor == w.users["staff"]  # the system's move names who triggered it


# --- incoming students (§4.3): the two remaining steps ------------------------------------------------------------------------


@pytest.mark.workflow("osu.student_incoming")
def test_incoming_nomination_declined_and_a_domestic_student_arrives_without_visa_step(world):
    from bilim.apps.org.models import Institution

    w = world
    declined = svc.incoming_register(actor=w.users["ird_officer"], last_name="Doe", first_name="Jane", citizenship="TR", home=w.partner,
                                     faculty=w.fac, start_date=dt.date(2027, 2, 1), end_date=dt.date(2027, 6, 30))
    svc.incoming_step(actor=w.users["ird_officer"], inc=declined, target="DECLINED")
    assert declined.state == "DECLINED"
    knu = Institution.objects.create(code="knu", name_ky="КУУ", name_en="Kyrgyz National University", country="KG")
    inc = svc.incoming_register(actor=w.users["ird_officer"], last_name="Асанов", first_name="Бакыт", citizenship="KG", home=knu,
                                faculty=w.fac, start_date=dt.date(2027, 2, 1), end_date=dt.date(2027, 6, 30))
    assert inc.scope == "INTERNAL" and inc.state == "NOMINATION_RECEIVED"
    svc.incoming_step(actor=w.users["dean_office"], inc=inc, target="ACCEPTED")
    svc.incoming_step(actor=w.users["ird_officer"], inc=inc, target="ARRIVED")
    steps = [(x.workflow, x.source, x.action) for x in Transition.objects.for_object(inc)]
    assert steps == [("osu.student_incoming", "NOMINATION_RECEIVED", "accept"), ("osu.student_incoming", "ACCEPTED", "arrive")]


# --- incoming staff (§4.5) on their own table ---------------------------------------------------------------------------------


def visitor(w, **kw):  # noqa: ANN001, ANN003, ANN201
    data = dict(actor=w.users["ird_officer"], kind="STAFF", last_name="Öztürk", first_name="Mehmet", citizenship="tr", home=w.partner,
                faculty=w.fac, start_date=dt.date(2027, 3, 1), end_date=dt.date(2027, 3, 10), level="STAFF")
    data.update(kw)
    return svc.incoming_register(**data)


@pytest.mark.workflow("osu.staff_incoming")
@pytest.mark.rule("OSU-6.3-1", "OSU-1.5-1")
@pytest.mark.rule_table("OSU-1.1-1")  # driven here, evaluated elsewhere
def test_incoming_staff_visit_runs_on_the_staff_table_and_a_fee_needs_its_reason(world):
    from decimal import Decimal

    from bilim.apps.mobility.workflows import code_of

    w = world
    inc = visitor(w)
    assert inc.state == "REQUESTED" and code_of(inc, "incoming") == "osu.staff_incoming"
    with pytest.raises(TransitionRefused):  # the student table's steps do not exist for a visitor
        svc.incoming_step(actor=w.users["ird_officer"], inc=inc, target="ACCEPTED")
    svc.incoming_step(actor=w.users["ird_officer"], inc=inc, target="INVITED")
    # a fee charged for the visit without its reason is refused by OSU-6.3-1, and nothing is kept
    with pytest.raises(TransitionRefused) as e:
        svc.incoming_step(actor=w.users["ird_officer"], inc=inc, target="ON_SITE", fee_amount=Decimal("50"), fee_reason="")
    assert any("OSU-6.3-1" in x.rule_ids for x in e.value.explanations) and e.value.messages("ky")[0]
    inc.refresh_from_db()
    assert inc.state == "INVITED" and inc.fee_amount == 0
    svc.incoming_step(actor=w.users["ird_officer"], inc=inc, target="ON_SITE", fee_amount=Decimal("50"), fee_reason="Dormitory, programme terms",
                      visa_valid_until=dt.date(2027, 3, 5))
    arrival = Transition.objects.for_object(inc).last()
    results = {e.rule_ids[0]: e.result for e in arrival.explanations()}
    assert inc.state == "ON_SITE" and results["OSU-6.3-1"] == "WARN" and results["OSU-1.5-1"] == "WARN"  # stay ends after the visa
    svc.incoming_step(actor=w.users["ird_officer"], inc=inc, target="COMPLETED")
    inc.refresh_from_db()
    assert inc.state == "COMPLETED"
    assert [(x.workflow, x.action) for x in Transition.objects.for_object(inc)] == [
        ("osu.staff_incoming", "invite"), ("osu.staff_incoming", "arrive"), ("osu.staff_incoming", "depart")]


@pytest.mark.workflow("osu.staff_incoming")
@pytest.mark.parametrize("invited", [False, True])
def test_incoming_staff_visit_cancelled_with_a_reason(world, invited):
    w = world
    inc = visitor(w)
    if invited:
        svc.incoming_step(actor=w.users["ird_officer"], inc=inc, target="INVITED")
    with pytest.raises(ValidationError):
        svc.incoming_step(actor=w.users["ird_officer"], inc=inc, target="CANCELLED")
    with pytest.raises(PermissionDenied):
        svc.incoming_step(actor=w.users["student"], inc=inc, target="CANCELLED", reason="x")
    svc.incoming_step(actor=w.users["ird_officer"], inc=inc, target="CANCELLED", reason="Visit postponed by the guest")
    last = Transition.objects.for_object(inc).last()
    assert inc.state == "CANCELLED" and (last.source, last.action, last.reason) == ("INVITED" if invited else "REQUESTED", "cancel",
                                                                                    "Visit postponed by the guest")


def test_existing_staff_visits_are_carried_to_the_staff_table_states(world):
    """The data migration maps each §4.3 state of a staff record to the §4.5 state it stands for; students keep theirs."""
    from importlib import import_module

    from django.apps import apps

    from bilim.apps.mobility import models as m

    mig = import_module("bilim.apps.mobility.migrations.0007_incoming_staff_table")
    base = dict(last_name="X", first_name="Y", citizenship="TR", home=world.partner, faculty=world.fac, start_date=dt.date(2027, 3, 1),
                end_date=dt.date(2027, 3, 10))
    old = {s: m.IncomingMobility.objects.create(kind="STAFF", state=s, **base).pk for s in mig.STAFF_STATES}
    student = m.IncomingMobility.objects.create(kind="STUDENT", state="STUDYING", **base)
    mob = m.StudentMobility.objects.create(student=world.student, host=world.partner, purpose="p", language="tr", specialty="s", expected_funding="f",
                                           year_of_study=3, start_date=dt.date(2027, 2, 1), end_date=dt.date(2027, 6, 30), term="LONG",
                                           scope="EXTERNAL", mode="DISTANCE", state="ABROAD")
    mig.forwards(apps, None)
    for state, pk in old.items():
        assert m.IncomingMobility.objects.get(pk=pk).state == mig.STAFF_STATES[state]
    assert m.IncomingMobility.objects.get(pk=student.pk).state == "STUDYING"
    assert m.StudentMobility.objects.get(pk=mob.pk).state == "STUDYING_ONLINE"
