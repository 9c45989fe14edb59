"""My tasks: one selector over the workflow engine. Each person sees the records waiting for *their* step, within
their scopes; a body's chair or secretary sees what waits for the body's decision; an outsider sees nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from bilim.apps.desk.selectors import my_tasks
from bilim.apps.governance.models import Body, Membership
from bilim.apps.mobility import models as m
from bilim.apps.people.models import Person
from tests.mobility.conftest import world  # noqa: F401  (the OshSU persona fixture)

pytestmark = pytest.mark.django_db


def _file(world, state: str, **kw) -> m.StudentMobility:  # noqa: F811
    return m.StudentMobility.objects.create(
        student=world.student, call=world.call, host=world.partner, purpose="p", language="tr", specialty="s", expected_funding="f",
        intended_disciplines="A", year_of_study=3, start_date=dt.date(2027, 2, 1), end_date=dt.date(2027, 6, 30), term="LONG",
        scope="EXTERNAL", state=state, **kw)


def _rows(user) -> set[tuple[str, int, str]]:
    return {(t.workflow_code, t.obj.pk, t.state) for t in my_tasks(user)}


def test_the_student_sees_the_steps_that_are_theirs_and_the_office_its_own(world):  # noqa: F811
    draft = _file(world, "DRAFT")
    assert ("osu.student_outgoing", draft.pk, "DRAFT") in _rows(world.users["student"])  # the student applies
    # the dean's office does not apply for the student; the outsider has nothing
    assert ("osu.student_outgoing", draft.pk, "DRAFT") not in _rows(world.users["dean_office"])
    assert _rows(world.users["outsider"]) == set()


def test_an_officer_sees_only_files_in_scope(world):  # noqa: F811
    from bilim.apps.org.models import Unit
    from bilim.apps.people.models import Student

    f = _file(world, _a_state_for("dean_office"))
    tasks = _rows(world.users["dean_office"])
    assert ("osu.student_outgoing", f.pk, f.state) in tasks
    # the same file of a student of another faculty is not this dean's office's task
    other_fac = Unit.objects.create(institution=world.oshsu, kind="faculty", code="FIL", name_ky="Филология", name_en="Philology")
    Student.objects.filter(pk=world.student.pk).update(unit=other_fac)
    assert ("osu.student_outgoing", f.pk, f.state) not in _rows(world.users["dean_office"])


def _a_state_for(role: str) -> str:
    from bilim.regulations.workflows.core import get_workflow

    return next(t.source for t in get_workflow("osu.student_outgoing").transitions if f"role:{role}" in t.authority)


def test_a_body_secretary_sees_what_waits_for_the_body(world):  # noqa: F811
    from bilim.regulations.workflows.core import get_workflow

    state = next(t.source for t in get_workflow("osu.student_outgoing").transitions if "body:rector_office" in t.authority)
    f = _file(world, state)
    body = Body.objects.create(institution=world.oshsu, kind="rector_office", code="rectorate", name_ky="Ректорат", name_en="Rector's office")
    secretary = world.users["outsider"]
    person = Person.objects.create(user=secretary, last_name="Өмүрова", first_name="Гүлнара")
    assert ("osu.student_outgoing", f.pk, state) not in _rows(secretary)
    Membership.objects.create(body=body, person=person, role=Membership.Role.SECRETARY, starts_on=dt.date(2020, 1, 1))
    task = next(t for t in my_tasks(secretary) if t.obj.pk == f.pk)
    assert task.via_body in ("Rector's office", "Ректорат")
    # a membership that ended yesterday no longer makes it a task
    Membership.objects.filter(body=body).update(ends_on=dt.date.today() - dt.timedelta(days=1), starts_on=dt.date(2020, 1, 1))
    assert ("osu.student_outgoing", f.pk, state) not in _rows(secretary)


def test_the_page_and_the_api_give_the_same_list_in_words(world):  # noqa: F811
    f = _file(world, "DRAFT")
    c = Client()
    c.force_login(world.users["student"])
    r = c.get("/desk/", HTTP_ACCEPT_LANGUAGE="ky")
    assert r.status_code == 200
    html = r.content.decode()
    assert "Менин тапшырмаларым" in html and 'data-code="DRAFT"' in html
    assert ">DRAFT<" not in html  # the state is shown in words, the code only in data-code
    api = c.get("/api/v1/me/tasks")
    assert api.status_code == 200
    data = api.json()
    assert data["count"] == len(my_tasks(world.users["student"])) >= 1
    item = next(i for i in data["items"] if i["record_id"] == f.pk)
    assert item["workflow"] == "osu.student_outgoing" and item["url"] == f"/mobility/applications/{f.pk}/"
    assert Client().get("/api/v1/me/tasks").status_code == 401
