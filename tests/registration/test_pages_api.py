"""Pages and API of semester registration: the student selects (refusals beside the course, input kept), the supervisor
approves from the queue, the institute's overview with CSV, the API a registration rush drives, clear 4xx errors."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.test import Client
from django.utils import timezone

from bilim.apps.registration import models as m
from bilim.apps.registration import services as svc


def client_for(user):
    c = Client()
    c.force_login(user)
    return c


@pytest.fixture
def live(w):
    """The calendar placed around today, the timetable published the day before selection started."""
    t = timezone.localdate()
    m.TermCalendar.objects.filter(pk=w.cal.pk).update(selection_starts_on=t - dt.timedelta(days=5), renewal_ends_on=t + dt.timedelta(days=5),
                                                      adddrop_starts_on=t - dt.timedelta(days=5), adddrop_ends_on=t + dt.timedelta(days=15),
                                                      run_list_on=t + dt.timedelta(days=17))
    w.cal.refresh_from_db()
    svc.timetable_publish(actor=w.fos_head, calendar=w.cal, on=t - dt.timedelta(days=6))
    w.reg.refresh_from_db()
    return w


@pytest.mark.workflow("W-13")
def test_student_page_refusal_beside_course_input_kept_then_submit_and_supervisor_approves(live):
    w = live
    c = client_for(w.student_user)
    r = c.get("/postgrad/registration/", follow=True)
    assert r.status_code == 200 and f"/postgrad/registration/{w.reg.pk}/" in r.redirect_chain[-1][0]
    page = r.content.decode()
    assert 'data-testid="selection-form"' in page and "A-100" in page  # timetable shown with the offerings
    r = c.post(f"/postgrad/registration/{w.reg.pk}/", {"action": "submit", "offering": [o.pk for o in w.offerings]})
    assert r.status_code == 400
    page = r.content.decode()
    assert "KTMU-26(10)-1" in page and 'data-testid="course-refusal"' in page
    assert page.count("checked") >= 7  # the student's choice is kept
    w.reg.refresh_from_db()
    assert w.reg.state == "SELECTION_OPEN"
    r = c.post(f"/postgrad/registration/{w.reg.pk}/", {"action": "submit", "offering": [o.pk for o in w.offerings[0:7:2]]})
    assert r.status_code == 302
    w.reg.refresh_from_db()
    assert w.reg.state == "SUBMITTED"
    s = client_for(w.sup_user)
    assert str(w.st.person) in s.get("/postgrad/registration/queue/").content.decode()
    assert client_for(w.outsider).get(f"/postgrad/registration/{w.reg.pk}/").status_code == 404
    r = s.post(f"/postgrad/registration/{w.reg.pk}/", {"action": "approve", "comment": "OK"})
    assert r.status_code == 302
    w.reg.refresh_from_db()
    assert w.reg.state == "APPROVED"
    page = c.get(f"/postgrad/registration/{w.reg.pk}/").content.decode()
    assert 'data-testid="adddrop-form"' in page and 'data-testid="transition"' in page


def test_overview_list_and_csv_for_the_institute_only(live):
    w = live
    o = client_for(w.officer)
    r = o.get("/postgrad/registration/overview/?q=K00001")
    assert r.status_code == 200 and "K00001" in r.content.decode() and "K00002" not in r.content.decode()
    r = o.get("/postgrad/registration/overview/export.csv")
    assert r.status_code == 200 and "K00002" in r.content.decode("utf-8-sig")
    assert client_for(w.student_user).get("/postgrad/registration/overview/").status_code == 403
    assert Client().get(f"/postgrad/registration/timetable/{w.cal.pk}/").status_code == 200  # the public timetable


@pytest.mark.workflow("W-13")
def test_api_rush_path_and_clear_errors(live):
    w = live
    c = client_for(w.student_user)
    me = json.loads(c.get("/api/v1/postgrad/registration/mine").content)
    assert me["state"] == "SELECTION_OPEN"
    offs = json.loads(c.get(f"/api/v1/postgrad/registration/{me['id']}/offerings").content)
    assert len(offs) == 7 and offs[0]["timetable"] and offs[0]["seats_left"] == 10
    r = c.post(f"/api/v1/postgrad/registration/{me['id']}/selection", json.dumps({"offering_ids": [o["id"] for o in offs]}), content_type="application/json")
    assert r.status_code == 422 and "KTMU-26(10)-1" in r.content.decode()
    r = c.post(f"/api/v1/postgrad/registration/{me['id']}/selection", json.dumps({"offering_ids": ["x"]}), content_type="application/json")
    assert r.status_code in (400, 422)
    r = c.post(f"/api/v1/postgrad/registration/{me['id']}/selection", json.dumps({"offering_ids": [999999]}), content_type="application/json")
    assert r.status_code == 422
    chk = json.loads(c.post(f"/api/v1/postgrad/registration/{me['id']}/check", json.dumps({"offering_ids": [offs[0]["id"]]}),
                            content_type="application/json").content)
    assert any("KTMU-26(7)-1" in o["rule_ids"] for o in chk)
    r = c.post(f"/api/v1/postgrad/registration/{me['id']}/selection", json.dumps({"offering_ids": [o["id"] for o in offs[:4]]}),
               content_type="application/json")
    assert r.status_code == 200 and json.loads(r.content)["state"] == "SUBMITTED"
    r = c.post(f"/api/v1/postgrad/registration/{me['id']}/approve", json.dumps({}), content_type="application/json")
    assert r.status_code == 403  # the student does not approve
    r = c.post(f"/api/v1/postgrad/registration/{me['id']}/selection", json.dumps({"offering_ids": [offs[0]["id"]]}), content_type="application/json")
    assert r.status_code == 409
    s = client_for(w.sup_user)
    assert [x["id"] for x in json.loads(s.get("/api/v1/postgrad/registration/queue").content)] == [me["id"]]
    r = s.post(f"/api/v1/postgrad/registration/{me['id']}/approve", json.dumps({"comment": "OK"}), content_type="application/json")
    assert r.status_code == 200 and json.loads(r.content)["state"] == "APPROVED"
    r = c.post(f"/api/v1/postgrad/registration/{me['id']}/add-drop", json.dumps({"drop": [offs[3]["id"]], "add": [offs[4]["id"]]}),
               content_type="application/json")
    assert r.status_code == 200 and json.loads(r.content)["pending_change"]
    r = s.post(f"/api/v1/postgrad/registration/{me['id']}/add-drop/decision", json.dumps({"consent": True}), content_type="application/json")
    assert r.status_code == 200
    codes = {x["code"] for x in json.loads(r.content)["courses"] if x["status"] == "active"}
    assert offs[4]["code"] in codes and offs[3]["code"] not in codes
    assert client_for(w.outsider).get(f"/api/v1/postgrad/registration/{me['id']}").status_code == 404


def test_student_section_on_the_ktmu_student_page(live, rf):
    """The section registered for the KTMU student's page renders the term's state, courses and the next action."""
    from django.template.loader import render_to_string

    from bilim.apps.postgrad.sections import STUDENT_SECTIONS

    w = live
    template, builder = next((t, b) for t, b in STUDENT_SECTIONS if t == "registration/_student_section.html")
    request = rf.get("/")
    request.user = w.student_user
    html = render_to_string(template, builder(request, w.st), request=request)
    assert 'data-testid="registration-state"' in html and f"/postgrad/registration/{w.reg.pk}/" in html
    request.user = w.outsider
    assert "registration-state" not in render_to_string(template, builder(request, w.st), request=request)


@pytest.mark.workflow("W-13")
def test_calendar_page_open_semester_publish_timetable_refused_late_then_run_list(w):
    o = client_for(w.officer)
    r = o.get("/postgrad/registration/calendars/")
    assert r.status_code == 200 and 'data-testid="calendar-form"' in r.content.decode()
    # the same institute and term again: an error beside the field, nothing written
    r = o.post("/postgrad/registration/calendars/", {"institute": w.inst.pk, "term": w.term.pk, "selection_starts_on": "2026-08-25",
                                                     "renewal_ends_on": "2026-09-01", "adddrop_starts_on": "2026-09-02", "adddrop_ends_on": "2026-09-12",
                                                     "run_list_on": "2026-09-14"})
    assert r.status_code == 400 and m.TermCalendar.objects.count() == 1
    r = o.post("/postgrad/registration/calendars/", {"institute": w.inst.pk, "term": w.prev.pk, "selection_starts_on": "2026-01-26",
                                                     "renewal_ends_on": "2026-01-20", "adddrop_starts_on": "2026-02-03", "adddrop_ends_on": "2026-02-13",
                                                     "run_list_on": "2026-02-16"})
    assert r.status_code == 400 and m.TermCalendar.objects.count() == 1  # renewal ends before it starts
    # the FoS head publishes today: after selection started (25 Aug. 2026), too late by KTMU-25-1
    h = client_for(w.fos_head)
    r = h.post(f"/postgrad/registration/calendars/{w.cal.pk}/timetable/")
    assert r.status_code == 400 and "KTMU-25-1" in r.content.decode()
    assert client_for(w.student_user).get("/postgrad/registration/calendars/").status_code == 403
    assert o.post(f"/postgrad/registration/calendars/{w.cal.pk}/timetable/").status_code in (400, 403)
    t = timezone.localdate()
    m.TermCalendar.objects.filter(pk=w.cal.pk).update(selection_starts_on=t + dt.timedelta(days=1), renewal_ends_on=t + dt.timedelta(days=8),
                                                      adddrop_starts_on=t + dt.timedelta(days=9), adddrop_ends_on=t + dt.timedelta(days=19),
                                                      run_list_on=t + dt.timedelta(days=21))
    r = h.post(f"/postgrad/registration/calendars/{w.cal.pk}/timetable/")  # the last day allowed: the day before selection starts
    assert r.status_code == 302
    w.reg.refresh_from_db()
    assert w.reg.state == "SELECTION_OPEN"
