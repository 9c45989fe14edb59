"""Pages and API of programmes: personas see what their scope allows, an outsider nothing; bad input answers beside the field."""

from __future__ import annotations

import pytest
from django.test import Client

from bilim.apps.programmes import models as m
from tests.programmes.helpers import course, proposal, quota


def _client(user) -> Client:
    c = Client()
    c.force_login(user)
    return c


@pytest.mark.django_db
def test_lists_and_pages_by_persona(pp) -> None:
    p = proposal(pp)
    c = course(pp)
    q = quota(pp)
    for url in ("/programmes/", "/programmes/courses/", "/programmes/quotas/", "/programmes/catalogue/", "/programmes/queue/fos_council/",
                f"/programmes/{p.pk}/", f"/programmes/courses/{c.pk}/", f"/programmes/quotas/{q.pk}/", "/programmes/export.csv",
                f"/programmes/catalogue/{pp.prog.pk}/"):
        assert _client(pp.officer).get(url).status_code == 200, url
    page = _client(pp.fos_head).get(f"/programmes/{p.pk}/").content.decode()
    assert 'data-rule="KTMU-6(5)-1"' in page and "step-prepare_master" in page
    # the dean's office of another institute and an outsider see none of them
    for user in (pp.other_dean, pp.outsider):
        assert _client(user).get(f"/programmes/{p.pk}/").status_code == 404
        assert _client(user).get(f"/programmes/quotas/{q.pk}/").status_code == 404
    assert "fbe-cs-ma2" not in _client(pp.other_dean).get("/programmes/").content.decode()
    # the instructor sees his own course application, not the proposals list
    assert _client(pp.instructor_user).get(f"/programmes/courses/{c.pk}/").status_code == 200
    assert _client(pp.instructor_user).get(f"/programmes/{p.pk}/").status_code == 404
    # a refused step shows its explanation on the page, nothing written
    r = _client(pp.fos_head).post(f"/programmes/{p.pk}/", {"form": "step", "action": "prepare_master"})
    assert r.status_code == 200 and 'data-testid="refusal"' in r.content.decode()
    p.refresh_from_db()
    assert p.state == "NEW"
    # bad number: error beside the field, nothing written
    r = _client(pp.fos_head).post(f"/programmes/{p.pk}/", {"form": "line", "semester": "1", "code": "X1", "title_ky": "x", "title_en": "x",
                                                           "kind": "compulsory", "hours": "3", "credit": "NaN", "ects": "6", "content": "c", "outcomes": "o"})
    assert r.status_code == 200 and not m.ProposalCourse.objects.filter(code="X1").exists()


@pytest.mark.django_db
def test_api(pp) -> None:
    p = proposal(pp)
    q = quota(pp)
    officer = _client(pp.officer)
    assert any(x["code"] == "fbe-cs-ma2" for x in officer.get("/api/v1/programmes/proposals").json()["items"])
    assert officer.get(f"/api/v1/programmes/proposals/{p.pk}").json()["state"] == "NEW"
    assert officer.get(f"/api/v1/programmes/quotas/{q.pk}").json()["places"] == 12
    assert _client(pp.outsider).get(f"/api/v1/programmes/proposals/{p.pk}").status_code == 404
    assert Client().get("/api/v1/programmes/announcements").status_code == 200
    assert Client().get("/api/v1/programmes/proposals").status_code in (401, 403)
    assert officer.get("/api/v1/programmes/proposals/abc").status_code in (400, 404, 422)



@pytest.mark.workflow("W-01")
def test_board_secretary_records_the_boards_decision_on_the_page_and_the_step_follows(pp) -> None:
    import datetime as dt

    from bilim.apps.accounts.models import Role
    from bilim.apps.governance.models import Decision
    from bilim.apps.people.models import Staff
    from bilim.apps.programmes import services
    from tests.programmes.conftest import _user

    pp.staff("Токтогулов", Staff.Degree.DOCTOR, Staff.Title.PROFESSOR)
    p = proposal(pp)
    services.programme_step(actor=pp.fos_head, proposal=p, action="prepare")
    services.programme_step(actor=pp.admin, proposal=p, action="propose", decision=pp.decide(pp.fos_council, p, dt.date(2026, 11, 2)))
    secretary = _user("board_sec", Role.BOARD_SECRETARY, institution=pp.ktmu, unit=pp.inst, body=pp.board)
    page = _client(secretary).get(f"/programmes/{p.pk}/").content.decode()
    assert 'data-testid="step-decide"' in page and 'data-testid="step-reject"' in page
    # the FoS head cannot record the board's decision; nothing is written
    r = _client(pp.fos_head).post(f"/programmes/{p.pk}/", {"form": "step", "action": "decide", "body": pp.board.pk, "number": "IB-1", "date": "2026-11-05"})
    assert r.status_code == 200 and not Decision.objects.filter(number="IB-1").exists()
    r = _client(secretary).post(f"/programmes/{p.pk}/", {"form": "step", "action": "decide", "body": pp.board.pk, "number": "IB-2", "date": "2026-11-05"})
    assert r.status_code == 302
    p.refresh_from_db()
    d = Decision.objects.get(number="IB-2")
    assert p.state == "INSTITUTE_APPROVED" and d.status == "adopted" and d.subject_id == str(p.pk)
    # the Senate is not the secretary's body
    r = _client(secretary).post(f"/programmes/{p.pk}/", {"form": "step", "action": "consent", "body": pp.senate.pk, "number": "S-1", "date": "2026-11-06"})
    p.refresh_from_db()
    assert p.state == "INSTITUTE_APPROVED" and not Decision.objects.filter(number="S-1").exists()
