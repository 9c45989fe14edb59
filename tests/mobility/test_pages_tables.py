"""The pages of the steps the tables added: the procedure a file runs on, the host's refusal, the distance-taught exam
flag and schedule, and an incoming staff visit — buttons only for who may act, refusals with their rule."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.utils import translation

from bilim.apps.mobility import models as m
from bilim.apps.mobility import services as svc
from bilim.apps.workflow.models import Transition
from tests.mobility.test_tables import DOMESTIC, EXTERNAL, VIRTUAL, advance, new_file

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 21)


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    monkeypatch.setattr(svc, "today", lambda: TODAY)


@pytest.fixture
def w(world):
    from bilim.apps.curriculum.models import AcademicYear, Term
    from bilim.apps.org.models import Institution

    world.knu = Institution.objects.create(code="knu", name_ky="Кыргыз улуттук университети", name_en="Kyrgyz National University", country="KG")
    m.Agreement.objects.create(partner=world.knu, kind=m.Agreement.Kind.MEMORANDUM, starts_on=dt.date(2024, 1, 1))
    Term.objects.create(year=AcademicYear.objects.get(), kind="summer", starts_on=dt.date(2027, 7, 1), ends_on=dt.date(2027, 8, 20))
    return world


def client_for(user, lang: str = "en") -> Client:  # noqa: ANN001
    user.language = lang  # the pages speak the user's language
    user.save(update_fields=["language"])
    c = Client()
    c.force_login(user)
    return c


@pytest.mark.workflow(DOMESTIC)
def test_host_refusal_button_only_for_the_office_and_the_page_names_the_procedure(w):
    mob = new_file(w, DOMESTIC)
    advance(w, mob, "REFERRED")
    url = f"/mobility/applications/{mob.pk}/"
    student_page = client_for(w.users["student"]).get(url).content.decode()
    assert 'data-code="osu.student_outgoing_domestic"' in student_page and 'data-testid="host-decline"' not in student_page
    ird = client_for(w.users["ird_officer"])
    assert 'data-testid="host-decline"' in ird.get(url).content.decode()
    r = ird.post(f"{url}act/", {"action": "host_decline", "reason": ""}, follow=True)  # no reason: nothing changes
    mob.refresh_from_db()
    with translation.override(r.wsgi_request.LANGUAGE_CODE):  # the refusal's own sentence, in the page's language
        expected = translation.gettext("Give the reason.")
    assert mob.state == "REFERRED" and expected in r.content.decode()  # the error itself, not the field name
    ird.post(f"{url}act/", {"action": "host_decline", "reason": "No place in the programme"})
    mob.refresh_from_db()
    assert mob.state == "HOST_DECLINED"
    page = ird.get(url).content.decode()
    assert 'data-code="host_declines"' in page  # the history names the step


@pytest.mark.workflow(VIRTUAL)
def test_distance_file_page_starts_online_studies(w):
    mob = new_file(w, VIRTUAL)
    advance(w, mob, "ORDER_ISSUED", la=False)
    url = f"/mobility/applications/{mob.pk}/"
    c = client_for(w.users["ird_officer"])
    with_language = c.get(url).content.decode()
    assert "Online studies started" in with_language and "Arrived at the host" not in with_language
    c.post(f"{url}act/", {"action": "depart"})
    mob.refresh_from_db()
    assert mob.state == "STUDYING_ONLINE"
    assert 'data-testid="return"' in client_for(w.users["rector_office"]).get(url).content.decode()


@pytest.mark.workflow("osu.student_outgoing_dlt")
@pytest.mark.rule("OSU-4.8-FD-14")
def test_dlt_flag_and_schedule_from_the_page(w):
    mob = new_file(w, EXTERNAL)
    advance(w, mob, "RETURNED", dlt=True, dlt_semester="FALL")
    url = f"/mobility/applications/{mob.pk}/"
    assert 'data-testid="dlt-flag"' not in client_for(w.users["student"]).get(url).content.decode()
    dean = client_for(w.users["dean_office"])
    dean.post(f"{url}act/", {"action": "dlt_flag"})
    mob.refresh_from_db()
    assert mob.dlt_state == "FLAGGED_TO_DEAN"
    r = dean.post(f"{url}act/", {"action": "dlt_schedule", "date": ""}, follow=True)  # the date is a fact: refused without it
    mob.refresh_from_db()
    assert mob.dlt_state == "FLAGGED_TO_DEAN" and 'data-testid="dlt-schedule"' in r.content.decode()
    dean.post(f"{url}act/", {"action": "dlt_schedule", "date": "2027-07-12"})
    mob.refresh_from_db()
    assert mob.dlt_state == "DLT_EXAMS"


@pytest.mark.workflow("osu.staff_incoming")
@pytest.mark.rule("OSU-6.3-1")
def test_incoming_staff_page(w):
    c = client_for(w.users["ird_officer"])
    r = c.post("/mobility/incoming/new/", {"kind": "STAFF", "last_name": "Öztürk", "first_name": "Mehmet", "citizenship": "TR",
                                           "home": w.partner.pk, "faculty": w.fac.pk, "level": "STAFF", "start_date": "2027-03-01",
                                           "end_date": "2027-03-10"})
    inc = m.IncomingMobility.objects.get()
    assert r.status_code == 302 and inc.kind == "STAFF" and inc.state == "REQUESTED"
    url = f"/mobility/incoming/{inc.pk}/"
    page = c.get(url).content.decode()
    assert 'data-testid="to-invited"' in page and "Send the invitation letter" in page and 'data-testid="to-accepted"' not in page
    viewer = client_for(w.users["rector_office"]).get(url).content.decode()  # may read, may not act
    assert 'data-testid="to-invited"' not in viewer and "No step is open to you now." in viewer
    c.post(f"{url}act/", {"target": "INVITED"})
    r = c.post(f"{url}act/", {"target": "ON_SITE", "fee_amount": "abc"}, follow=True)  # not a number: nothing written
    inc.refresh_from_db()
    assert inc.state == "INVITED" and inc.fee_amount == 0 and 'data-testid="error-fee_amount"' in r.content.decode()
    r = c.post(f"{url}act/", {"target": "ON_SITE", "fee_amount": "50"}, follow=True)  # a fee without its reason
    inc.refresh_from_db()
    html = r.content.decode()
    assert inc.state == "INVITED" and "OSU-6.3-1" in html.split('data-testid="error-fee_amount"')[1].split("</span>")[0]  # beside the field
    c.post(f"{url}act/", {"target": "ON_SITE", "fee_amount": "0"})
    c.post(f"{url}act/", {"target": "COMPLETED"})
    inc.refresh_from_db()
    assert inc.state == "COMPLETED"
    assert [t.action for t in Transition.objects.for_object(inc)] == ["invite", "arrive", "depart"]
