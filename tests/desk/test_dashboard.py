"""Every dashboard is a desk: My tasks on top (the one selector), the role's own lists, figures as links, and for a
student what they may apply for now — asked from the owning apps, within the person's scope."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.test import Client
from django.utils import timezone

from bilim.apps.desk import dashboard as dash
from bilim.apps.mobility import models as m
from tests.mobility.conftest import world  # noqa: F401  (the OshSU persona fixture)

pytestmark = pytest.mark.django_db


def _file(world, state: str, call: object = None) -> m.StudentMobility:  # noqa: F811
    return m.StudentMobility.objects.create(
        student=world.student, call=call, host=world.partner, purpose="p", language="tr", specialty="s", expected_funding="f",
        intended_disciplines="A", year_of_study=3, start_date=dt.date(2027, 2, 1), end_date=dt.date(2027, 6, 30), term="LONG",
        scope="EXTERNAL", state=state)


def _open_call(world, **kw) -> m.Call:  # noqa: F811
    today = timezone.localdate()
    data = dict(title="Erasmus+ open", agreement=world.agreement, host=world.partner, faculty=world.fac, programme="ERASMUS_PLUS",
                opens_on=today - dt.timedelta(days=3), deadline=today + dt.timedelta(days=10), mobility_start=today + dt.timedelta(days=60),
                mobility_end=today + dt.timedelta(days=180), quota=2, published=True)
    data.update(kw)
    return m.Call.objects.create(**data)


def test_the_student_may_apply_to_open_calls_of_their_level_and_faculty_only(world):  # noqa: F811
    from bilim.apps.org.models import Unit

    today = timezone.localdate()
    open_call = _open_call(world)
    _open_call(world, title="closed yesterday", opens_on=today - dt.timedelta(days=20), deadline=today - dt.timedelta(days=1))
    _open_call(world, title="not yet open", opens_on=today + dt.timedelta(days=1), deadline=today + dt.timedelta(days=9))
    _open_call(world, title="masters only", level="MASTER")
    _open_call(world, title="unpublished", published=False)
    other = Unit.objects.create(institution=world.oshsu, kind="faculty", code="LAW", name_ky="Юридика", name_en="Law")
    _open_call(world, title="another faculty", faculty=other)
    last_day = _open_call(world, title="closes today", deadline=today)
    items = dash.open_to_apply(world.users["student"])
    assert [(i["kind"], i["title"]) for i in items] == [("mobility", "closes today"), ("mobility", "Erasmus+ open")]
    assert items[1]["url"] == f"/mobility/calls/{open_call.pk}/" and items[0]["deadline"] == last_day.deadline
    # applied already: no longer offered
    m.StudentMobility.objects.create(student=world.student, call=open_call, host=world.partner, purpose="p", language="tr", specialty="s",
                                     expected_funding="f", year_of_study=3, start_date=dt.date(2027, 2, 1), end_date=dt.date(2027, 6, 30),
                                     term="LONG", scope="EXTERNAL")
    assert [i["title"] for i in dash.open_to_apply(world.users["student"])] == ["closes today"]
    # an officer is offered nothing to apply for
    assert dash.open_to_apply(world.users["dean_office"]) == []


def test_the_student_lists_own_files_in_words_and_the_office_its_tasks(world):  # noqa: F811
    draft = _file(world, "DRAFT")
    waiting = _file(world, "SELECTED")  # nominating is the dean's office's step
    files = dash.my_files(world.users["student"])
    assert {(f["pk"], f["state"]) for f in files} == {(draft.pk, "DRAFT"), (waiting.pk, "SELECTED")}
    assert all(f["state_label"] != f["state"] for f in files)  # words, not codes
    assert dash.my_files(world.users["dean_office"]) == []
    panels = dash.dashboard_panels(world.users["dean_office"])
    assert [(t.obj.pk, t.state) for t in panels["tasks"]] == [(waiting.pk, "SELECTED")] and panels["task_total"] == 1
    student_panels = dash.dashboard_panels(world.users["student"])
    assert [(t.obj.pk, t.state) for t in student_panels["tasks"]] == [(draft.pk, "DRAFT")]


def test_dashboard_page_shows_tasks_first_with_links(world):  # noqa: F811
    waiting = _file(world, "SELECTED")
    c = Client()
    c.force_login(world.users["dean_office"])
    html = c.get("/dashboard/", HTTP_ACCEPT_LANGUAGE="ky").content.decode()
    assert 'data-testid="dashboard-tasks"' in html and f'href="/mobility/applications/{waiting.pk}/"' in html
    assert html.index('data-testid="dashboard-tasks"') < html.index('id="links-h"')  # on top of the role's links
    c.force_login(world.users["outsider"])
    html = c.get("/dashboard/").content.decode()
    assert 'data-testid="dashboard-no-tasks"' in html and 'data-testid="dashboard-task"' not in html


def test_the_accounting_debtors_figure_links_to_the_filtered_list(world):  # noqa: F811
    from bilim.apps.people.models import Student

    Student.objects.filter(pk=world.student.pk).update(tuition_debt=Decimal("12500.00"))
    panels = dash.dashboard_panels(world.users["accounting"])
    assert panels["accounting"]["debtors"] == 1 and panels["accounting"]["url"] == "/people/students/?debt=0"
    c = Client()
    c.force_login(world.users["accounting"])
    html = c.get(panels["accounting"]["url"]).content.decode()
    assert "S1" in html  # the debtor
    Student.objects.filter(pk=world.student.pk).update(tuition_debt=0)
    assert "S1" not in c.get(panels["accounting"]["url"]).content.decode()  # no debt: not listed


def test_the_supervisor_lists_their_students(world):  # noqa: F811
    from bilim.apps.postgrad.models import Supervision

    assert dash.my_students(world.users["staff"]) == []
    Supervision.objects.create(student=world.student, staff=world.staff, status="ACTIVE", proposed_on=dt.date(2026, 9, 1))
    assert dash.my_students(world.users["staff"]) == [world.student]
    Supervision.objects.filter(student=world.student).update(status="ENDED")
    assert dash.my_students(world.users["staff"]) == []
