"""The applicant portal, the staff pages, the exports and the API through Django's test client."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import pytest
from django.test import Client
from django.utils import timezone

from bilim.apps.admissions import services as svc
from bilim.apps.admissions.models import Application, Round

from .conftest import pdf

pytestmark = pytest.mark.django_db


def _open_round(w) -> Round:
    today = timezone.localdate()
    Round.objects.filter(pk=w.round.pk).update(application_start=today - dt.timedelta(days=5), application_end=today + dt.timedelta(days=5),
                                               exam_date=today + dt.timedelta(days=7), finreg_start=today + dt.timedelta(days=10),
                                               finreg_end=today + dt.timedelta(days=12))
    w.round.refresh_from_db()
    return w.round


@pytest.mark.workflow("W-04")
def test_candidate_signs_up_applies_is_refused_then_submits(w) -> None:
    rnd = _open_round(w)
    c = Client()
    assert c.get("/admissions/").status_code == 200
    r = c.post("/admissions/signup/", {"email": "aigul@example.kg", "first_name": "Айгүл", "last_name": "Токтосунова",
                                      "password1": "Kyrgyz-2027-pass", "password2": "Kyrgyz-2027-pass"})
    assert r.status_code == 302
    r = c.post(f"/admissions/round/{rnd.pk}/apply/", {"last_name": "Токтосунова", "first_name": "Айгүл", "citizenship": "KR",
                                                     "diploma_country": "KG", "diploma_languages": "KY", "diploma_grade": "5,5", "diploma_scale": "4",
                                                     "preferred_oral_language": "KY", "transcript_certified": "on"})
    assert r.status_code == 200 and "error-diploma_grade" in r.content.decode()  # 5.5 on a 4-point scale
    assert not Application.objects.exists()
    r = c.post(f"/admissions/round/{rnd.pk}/apply/", {"last_name": "Токтосунова", "first_name": "Айгүл", "citizenship": "KR",
                                                     "diploma_country": "KG", "diploma_languages": "KY", "diploma_grade": "3,4", "diploma_scale": "4",
                                                     "preferred_oral_language": "KY", "transcript_certified": "on"})
    app = Application.objects.get()
    assert r.status_code == 302 and app.diploma_grade == Decimal("3.4")
    for kind in ("BACHELOR_DIPLOMA", "TRANSCRIPT", "ID_CARD"):
        assert c.post(f"/admissions/application/{app.pk}/", {"op": "upload", "kind": kind, "file": pdf()}).status_code == 302
    r = c.post(f"/admissions/application/{app.pk}/", {"op": "submit"})
    html = r.content.decode()
    assert r.status_code == 200 and 'data-testid="refusal"' in html and "KTMU-10(1)a-1" in html
    c.post(f"/admissions/application/{app.pk}/", {"op": "upload", "kind": "APPLICATION_FORM", "file": pdf()})
    assert c.post(f"/admissions/application/{app.pk}/", {"op": "submit"}).status_code == 302
    app.refresh_from_db()
    assert app.state == "APPLIED"
    # someone else sees nothing
    other = Client()
    other.force_login(w.outsider)
    assert other.get(f"/admissions/application/{app.pk}/").status_code == 404
    officer = Client()
    officer.force_login(w.officer)
    assert officer.post(f"/admissions/application/{app.pk}/", {"op": "check"}).status_code == 302
    app.refresh_from_db()
    assert app.state == "WRITTEN_REQUIRED"
    assert "history" in officer.get(f"/admissions/application/{app.pk}/").content.decode()
    doc = app.documents.get(kind="TRANSCRIPT")
    assert officer.get(f"/files/admission-document/{doc.pk}/").status_code == 200
    assert c.get(f"/files/admission-document/{doc.pk}/").status_code == 200
    assert other.get(f"/files/admission-document/{doc.pk}/").status_code == 404


@pytest.mark.workflow("W-04")
def test_score_sheet_results_page_exports_and_api(w) -> None:
    a = w.to_exam(w.candidate("aida", diploma_grade=Decimal("80")))
    b = w.to_exam(w.candidate("bakyt", diploma_grade=Decimal("90")))
    sec = Client()
    sec.force_login(w.secretary)
    url = f"/admissions/rounds/{w.round.pk}/scores/"
    assert sec.get(url).status_code == 200
    bad = sec.post(url, {"number": "P-1", "date": "2027-07-27", f"a{a.pk}-written": "101", f"a{a.pk}-oral": "90", f"a{a.pk}-answer_language": "KY",
                         f"a{b.pk}-written": "NaN", f"a{b.pk}-oral": "80", f"a{b.pk}-answer_language": "KY"})
    assert bad.status_code == 200 and 'role="alert"' in bad.content.decode()
    a.refresh_from_db()
    assert a.written is None
    ok = sec.post(url, {"number": "P-1", "date": "2027-07-27", f"a{a.pk}-written": "90", f"a{a.pk}-oral": "90", f"a{a.pk}-answer_language": "KY",
                        f"a{b.pk}-written": "80", f"a{b.pk}-oral": "80", f"a{b.pk}-answer_language": "KY"})
    assert ok.status_code == 302
    assert Client().get(f"/admissions/round/{w.round.pk}/results/").status_code == 404  # not published yet
    svc.results_publish(actor=w.officer, round=w.round, on=dt.date(2027, 8, 2))
    page = Client().get(f"/admissions/round/{w.round.pk}/results/").content.decode()
    a.refresh_from_db()
    b.refresh_from_db()
    assert a.number in page and b.number in page and a.full_name not in page
    api = Client().get(f"/api/v1/admissions/rounds/{w.round.pk}/ranking").json()
    assert [r["number"] for r in api] == [a.number, b.number] and api[1]["decided_by"] == "SPECIALIST_EXAM"
    officer = Client()
    officer.force_login(w.officer)
    x = officer.get(f"/admissions/rounds/{w.round.pk}/export.xlsx")
    assert x.status_code == 200 and x.content[:2] == b"PK"
    assert a.number in officer.get(f"/admissions/rounds/{w.round.pk}/export.csv").content.decode()
    assert officer.get("/admissions/applications/?q=aida").status_code == 200
    outsider = Client()
    outsider.force_login(w.outsider)
    assert outsider.get(f"/admissions/rounds/{w.round.pk}/").status_code == 404
    assert outsider.get(f"/admissions/rounds/{w.round.pk}/export.xlsx").status_code == 404
    assert Client().get("/api/v1/admissions/rounds").status_code == 200


@pytest.mark.workflow("W-04")
def test_api_score_entry_refuses_non_finite_numbers(w) -> None:
    a = w.to_exam(w.candidate("aida"))
    sec = Client()
    sec.force_login(w.secretary)
    url = f"/api/v1/admissions/applications/{a.pk}/scores"
    for bad in ("NaN", "Infinity", "1e3", "100.5"):
        r = sec.post(url, json.dumps({"protocol_number": "P-1", "protocol_date": "2027-07-27", "written": bad, "oral": "80"}), content_type="application/json")
        assert r.status_code == 422, (bad, r.status_code)
    a.refresh_from_db()
    assert a.written is None
    r = sec.post(url, json.dumps({"protocol_number": "P-1", "protocol_date": "2027-07-27", "written": "85,5", "oral": 80}), content_type="application/json")
    assert r.status_code == 200 and r.json()["state"] == "SCORED"
    mine = Client()
    mine.force_login(a.user)
    assert mine.get("/api/v1/admissions/applications/mine").json()[0]["number"] == a.number
    assert Client().get("/api/v1/admissions/applications/mine").status_code in (401, 403)


@pytest.mark.workflow("W-06")
def test_special_status_pages_and_a_board_step_through_a_decision(w) -> None:
    c = Client()
    u = __import__("tests.admissions.conftest", fromlist=["_user"])._user("aizada")
    c.force_login(u)
    today = timezone.localdate()
    r = c.post("/admissions/cases/special/new/", {"programme": w.prog.pk, "full_name": "Айзада Бекова", "degree_years": "3", "graduated": "on",
                                                 "previous_semesters": "0", "period_start": (today - dt.timedelta(days=1)).isoformat(),
                                                 "period_end": (today + dt.timedelta(days=5)).isoformat()})
    assert r.status_code == 200 and "KTMU-15(1)-1" in r.content.decode()  # 3 years < 4: refused, explained
    r = c.post("/admissions/cases/special/new/", {"programme": w.prog.pk, "full_name": "Айзада Бекова", "degree_years": "4", "graduated": "on",
                                                 "previous_semesters": "0", "period_start": (today - dt.timedelta(days=1)).isoformat(),
                                                 "period_end": (today + dt.timedelta(days=5)).isoformat()})
    assert r.status_code == 302
    from bilim.apps.admissions.models import SpecialStudent
    s = SpecialStudent.objects.get()
    head = Client()
    head.force_login(w.fos_head)
    assert head.post(f"/admissions/cases/special/{s.pk}/", {"action": "give_opinion"}).status_code == 302
    # the board's decision fires the waiting step through the registry (as governance does when a meeting adopts it)
    from bilim.apps.workflow.registry import perform_step
    from bilim.apps.workflow.selectors import pending_for_body
    assert any(p.obj.pk == s.pk for p in pending_for_body(w.board))
    d = w.decide(w.board, "S-9", today, subject=s)
    perform_step(obj=s, workflow_code="KTMU-W-06", action="accept", actor=w.admin, decision=d)
    s.refresh_from_db()
    assert s.state == "SPECIAL_ACTIVE"
    assert "history" in c.get(f"/admissions/cases/special/{s.pk}/").content.decode()
    outsider = Client()
    outsider.force_login(w.outsider)
    assert outsider.get(f"/admissions/cases/special/{s.pk}/").status_code == 404
