"""The agenda is built from the body's queue; the adopted decision fires the waiting step in the same transaction; a
refused step keeps the decision and shows the refusal; a rejected item takes the table's rejection row if any."""

from __future__ import annotations

import datetime as dt

import pytest

from bilim.apps.governance import meetings as svc
from bilim.apps.governance.models import Body, Decision
from bilim.apps.workflow.models import Transition
from tests.governance.support import decide_through_meeting
from tests.mobility.conftest import world  # noqa: F401  (fixture)

DAY = dt.date(2026, 11, 20)


def _mob(w, state, n=0):  # noqa: ANN001, ANN202
    from bilim.apps.mobility.models import StudentMobility
    from bilim.apps.people.models import Person, Student

    student = w.student
    if n:
        p = Person.objects.create(last_name=f"Студент{n}", first_name="Ө")
        student = Student.objects.create(person=p, institution=w.oshsu, unit=w.fac, programme=w.prog, student_number=f"G{n}", level="bachelor",
                                         year_of_study=3, semester=5)
    return StudentMobility.objects.create(student=student, call=w.call, host=w.partner, purpose="p", language="tr", specialty="s",
                                          expected_funding="f", year_of_study=3, start_date=dt.date(2027, 2, 1), end_date=dt.date(2027, 6, 30),
                                          term="LONG", scope="EXTERNAL", state=state)


@pytest.fixture
def rectorate(world):  # noqa: ANN001, F811
    return Body.objects.create(institution=world.oshsu, kind="rector_office", code="rectorate", name_ky="Ректорат", name_en="Rector's office")


def test_rector_office_agenda_collects_waiting_files_and_the_decision_moves_them(world, rectorate):  # noqa: ANN001, F811
    abroad, briefed = _mob(world, "ABROAD"), _mob(world, "BRIEFED", 1)
    item = decide_through_meeting(body=rectorate, obj=abroad, workflow_code="osu.student_outgoing", action="return", held_on=DAY)
    assert item.source == "queue" and item.subject_url and "osu.student_outgoing" in item.workflow_code
    assert item.step_done and item.step_refusal is None
    abroad.refresh_from_db()
    assert abroad.state == "RETURNED"
    tr = Transition.objects.get(object_type="mobility.studentmobility", object_id=str(abroad.pk), action="return")
    assert tr.decision_id == item.decision_id
    # the same meeting's agenda also collected the briefed file (the order waits for the rector's office)
    titles = {(i.subject_id, i.action) for i in item.meeting.items.all()}
    assert (str(briefed.pk), "issue_order") in titles


def test_refused_step_keeps_the_decision_and_shows_why(world, rectorate):  # noqa: ANN001, F811
    briefed = _mob(world, "BRIEFED")
    item = decide_through_meeting(body=rectorate, obj=briefed, workflow_code="osu.student_outgoing", action="issue_order", held_on=DAY)
    briefed.refresh_from_db()
    assert briefed.state == "BRIEFED"  # the order's guard (OSU-4.8-STU-5) was not met: the step is refused
    assert item.decision.status == Decision.Status.ADOPTED and not item.step_done
    assert item.step_refusal["messages"]["en"]
    assert item.step_refusal["messages"]["ky"]


def test_rejected_item_without_a_rejection_row_keeps_the_file_and_records_the_reason(world, rectorate):  # noqa: ANN001, F811
    abroad = _mob(world, "ABROAD")
    item = decide_through_meeting(body=rectorate, obj=abroad, workflow_code="osu.student_outgoing", action="return", held_on=DAY, choice="NO")
    abroad.refresh_from_db()
    assert abroad.state == "ABROAD" and item.status == "not_adopted"
    d = item.decision
    assert d.status == Decision.Status.REJECTED and not d.positive and d.subject_id == str(abroad.pk)
    assert list(svc.decisions_about(abroad)) == [d]


def test_the_file_page_partial_shows_the_rejection_and_its_reason(world, rectorate):  # noqa: ANN001, F811
    from django.template import Context, Template

    abroad = _mob(world, "ABROAD")
    decide_through_meeting(body=rectorate, obj=abroad, workflow_code="osu.student_outgoing", action="return", held_on=DAY, choice="NO")
    html = Template("{% load governance_tags %}{% decisions_about obj %}").render(Context({"obj": abroad}))
    assert 'data-testid="decisions-about"' in html and "badge fail" in html
