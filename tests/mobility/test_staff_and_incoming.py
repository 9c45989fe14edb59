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


@pytest.mark.rule("OSU-4.8-STAFF-3", "OSU-1.4-1", "OSU-4.8-STAFF-5", "OSU-4.8-STAFF-6", "OSU-4.8-STAFF-1")
def test_trip_whole_chain_without_project_funding(world):
    w = world
    t = trip(w)
    svc.trip_submit(actor=w.users["staff"], trip=t)
    # the dean cannot act before the head of department (ERRATA 11)
    with pytest.raises(PermissionDenied):
        svc.trip_decide(actor=w.users["dean_office"], trip=t, decision="APPROVED")
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
    with pytest.raises(PermissionDenied):
        svc.trip_decide(actor=w.users["vice_rector_research"], trip=t, decision="APPROVED")
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
