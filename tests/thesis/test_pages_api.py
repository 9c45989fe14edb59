"""Pages and API of the thesis app: who sees what, forms that write through the services, refusals shown
with their explanation (nothing written), bad input beside the field, the API's 4xx answers."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from bilim.apps.thesis import models as m
from bilim.apps.thesis import services as s
from tests.thesis.test_supervision import appointed, thesis_stage

D = dt.date


def client(user: Any) -> Client:
    c = Client()
    c.force_login(user)
    return c


@pytest.mark.workflow("W-12")
def test_student_page_change_request_and_lock_refusal(th: Any) -> None:
    file = appointed(th, th.phd_st, th.s1)
    thesis_stage(th, th.phd_st)
    url = reverse("thesis:student", args=[th.phd_st.pk])
    r = client(th.phd_user).get(url)
    assert r.status_code == 200
    body = r.content.decode()
    assert 'data-testid="form-change_request"' in body and "Өмүрова" in body
    assert client(th.outsider).get(url).status_code == 404
    assert client(th.other_dean).get(url).status_code == 404
    assert client(th.ma_user).get(url).status_code == 404
    # an empty justification is refused beside the field, nothing written
    act = reverse("thesis:student_act", args=[th.phd_st.pk, "change_request"])
    r = client(th.phd_user).post(act, {"justification": " "})
    assert r.status_code == 400 and 'data-testid="field-error"' in r.content.decode()
    assert not m.SupervisorApplication.objects.filter(kind="CHANGE").exists()
    r = client(th.phd_user).post(act, {"justification": "Илимий багытым өзгөрдү", "student_preference": "Сатыбалдиев"})
    assert r.status_code == 302
    app = m.SupervisorApplication.objects.get(kind="CHANGE")
    # the student cannot take the institute's steps
    assert client(th.phd_user).post(reverse("thesis:record_act", args=["supervision", file.pk, "candidate"]), {"app": app.pk, "staff": th.s2.pk}).status_code == 403
    # the FoS head's queue shows the application; the record page shows the forms for it
    q = client(th.fos_head).get(reverse("thesis:queue")).content.decode()
    assert "Студент2" in q
    page = client(th.fos_head).get(reverse("thesis:supervision", args=[file.pk])).content.decode()
    assert 'data-testid="form-candidate"' in page and 'data-testid="transition"' in page
    s.supervisor_application_set_candidate(actor=th.fos_head, app=app, staff=th.s2)
    s.supervisor_change_propose(actor=th.fos_head, app=app, proposal=th.decide(th.council, D(2026, 4, 2)))
    app.submitted_on = D(2026, 3, 20)
    app.save()
    s.supervisor_change(actor=th.secretary, app=app, decision=th.decide(th.board, D(2026, 4, 10), file))
    # releasing the lock before its day: refused with the rule's sentence, state unchanged
    r = client(th.officer).post(reverse("thesis:record_act", args=["supervision", file.pk, "lock_expires"]), {})
    assert r.status_code == 400 and 'data-testid="refusal"' in r.content.decode() and "KTMU-23(2)-1" in r.content.decode()
    file.refresh_from_db()
    assert file.state == "THESIS_LOCK"
    # the student's submission is refused through the API too (409 with the sentence)
    api = client(th.phd_user)
    out = api.get(f"/api/v1/postgrad/thesis/students/{th.phd_st.pk}").json()
    assert out["supervision"]["state"] == "THESIS_LOCK" and out["supervision"]["lock_until"] == "2027-02-10"
    r = api.post(f"/api/v1/postgrad/thesis/students/{th.phd_st.pk}/submission")
    assert r.status_code in (409, 422)


def test_api_errors_and_own_file(th: Any) -> None:
    appointed(th, th.ma_st, th.s1)
    c = client(th.ma_user)
    me = c.get("/api/v1/postgrad/thesis/me").json()
    assert me["student"]["number"] == th.ma_st.student_number and me["supervision"]["state"] == "SUPERVISED"
    assert c.get(f"/api/v1/postgrad/thesis/students/{th.phd_st.pk}").status_code == 404
    r = c.post(f"/api/v1/postgrad/thesis/students/{th.ma_st.pk}/supervisor-change", data=json.dumps({"justification": ""}), content_type="application/json")
    assert r.status_code == 422
    r = c.post(f"/api/v1/postgrad/thesis/students/{th.ma_st.pk}/supervisor-change", data=json.dumps({"justification": "Себеп"}), content_type="application/json")
    assert r.status_code == 201 and r.json()["pending"]
    assert client(th.outsider).get("/api/v1/postgrad/thesis/me").status_code == 404
    assert c.get("/api/v1/postgrad/thesis/students/abc").status_code in (404, 422)


def test_record_pages_render(th: Any) -> None:
    langs = s.languages_open(actor=th.officer, student=th.ma_st, registered_on=D(2025, 9, 1))
    plan = s.spp_propose(actor=th.officer, student=th.phd_st, prior_degree_field="Biology", prior_degree_from_ktmu=False, semesters=1,
                         courses=[{"code": "B1", "title": "B", "semester": 1, "source_level": "BACHELOR"},
                                  {"code": "B2", "title": "B", "semester": 1, "source_level": "BACHELOR"}],
                         total_ects="10", proposal=th.decide(th.council, D(2025, 9, 10)), on=D(2025, 9, 10))
    c = client(th.officer)
    for name, pk in (("thesis:language", langs[0].pk), ("thesis:spp", plan.pk)):
        r = c.get(reverse(name, args=[pk]))
        assert r.status_code == 200 and 'id="history"' in r.content.decode()
    # a bad score is refused beside the field
    r = c.post(reverse("thesis:record_act", args=["language", langs[0].pk, "evidence"]), {"kind": "certificate", "issuer": "OSYM", "score": "abc"})
    assert r.status_code == 400
    assert c.get(reverse("thesis:students")).status_code == 200
    assert c.get(reverse("thesis:students_csv")).status_code == 200
    assert client(th.outsider).get(reverse("thesis:language", args=[langs[0].pk])).status_code == 404
    from django.template.loader import render_to_string

    from bilim.apps.thesis.wiring import student_section

    class Req:
        user = th.ma_user

    html = render_to_string("thesis/_student_section.html", student_section(Req(), th.ma_st))
    assert 'data-testid="thesis-section"' in html


@pytest.mark.workflow("W-12")
def test_daily_sync_suspends_on_academic_leave(th: Any) -> None:
    from django.core.management import call_command

    from bilim.apps.people.models import Student

    file = appointed(th, th.ma_st, th.s1)
    Student.objects.filter(pk=th.ma_st.pk).update(status=Student.Status.ACADEMIC_LEAVE)
    call_command("thesis_sync", verbosity=0)
    file.refresh_from_db()
    assert file.state == "SUSPENDED"
    Student.objects.filter(pk=th.ma_st.pk).update(status=Student.Status.ACTIVE)
    call_command("thesis_sync", verbosity=0)
    file.refresh_from_db()
    assert file.state == "SUPERVISED"


@pytest.mark.workflow("W-16d")
def test_student_and_fos_head_are_notified_of_the_appeal(th: Any, mailoutbox: Any, django_capture_on_commit_callbacks: Any) -> None:
    from tests.thesis.test_thesis_defence import failed

    th.ma_user.email = "ma@example.kg"
    th.ma_user.save()
    appeal = failed(th, th.ma_st)
    with django_capture_on_commit_callbacks(execute=True):
        s.appeal_file(actor=th.ma_user, appeal=appeal, grounds="Жооптор туура болчу", on=D(2026, 7, 1))
    to = {a for mail in mailoutbox for a in mail.to}
    assert {"ma@example.kg", "fos_head@example.kg"} <= to
