"""Crafted query values and posted ids: a 400 (pages) or 4xx JSON (API) with a message, never a 500.

Each case was a server error or a silent misreading before: ``"²".isdigit()`` is true but
``int("²")`` fails; a year ``0``/``99999`` makes ``date()`` fail; a negative ``offset`` is a negative
slice; a twenty-digit id or page overflows the database integer; a NUL byte is refused by
PostgreSQL (these tests run on both databases).
"""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from django.test import Client

from bilim.apps.mobility import models as m
from tests.mobility.conftest import world  # noqa: F401  (OshSU personas)
from tests.postgrad.conftest import pg  # noqa: F401  (KTMU postgraduate personas)

pytestmark = pytest.mark.django_db

BAD_IDS = ["²", "1e3", "abc", "-1", "0", "99999999999999999999"]
BAD_PAGES = ["²", "99999999999999999999", "0", "-1", "abc"]


def client_for(user: Any = None, lang: str = "en") -> Client:
    c = Client(raise_request_exception=False, HTTP_ACCEPT_LANGUAGE=lang)
    if user is not None:
        c.force_login(user)
        user.language = lang
        user.save(update_fields=["language"])
    return c


def assert_400_page(r: Any, *words: str) -> None:
    assert r.status_code == 400, (r.status_code, r.content[:300])
    html = r.content.decode()
    assert "<html" in html and 'data-testid="error-detail"' in html
    for w in words:
        assert w in html, (w, html[:2000])


# --- NUL bytes -----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("url", ["/mobility/calls/", "/mobility/partners/", "/regulations/", "/regulations/parameters/", "/"])
def test_nul_in_the_search_box_of_an_anonymous_page_is_a_400(world: Any, url: str) -> None:  # noqa: F811
    r = client_for().get(url, {"q": "Ank\x00ara"})
    assert_400_page(r, "NUL")


@pytest.mark.parametrize("url", ["/mobility/applications/", "/mobility/tasks/", "/mobility/consultations/", "/mobility/correspondence/",
                                 "/mobility/programmes/", "/mobility/trips/", "/mobility/incoming/", "/people/students/", "/org/units/"])
def test_nul_in_the_search_box_of_a_list_page_is_a_400(world: Any, url: str) -> None:  # noqa: F811
    r = client_for(world.users["ird_officer"]).get(url, {"q": "\x00"})
    assert_400_page(r, "NUL")
    assert client_for(world.users["ird_officer"]).get(url, {"q": "Асан"}).status_code in {200, 403}


def test_nul_in_a_posted_field_is_a_400_and_writes_nothing(world: Any) -> None:  # noqa: F811
    c = client_for(world.users["student"])
    r = c.post("/mobility/applications/new/", {"call": world.call.pk, "host": world.partner.pk, "basis": "INSTITUTIONAL_AGREEMENT",
                                                "purpose": "St\x00udy", "language": "Turkish", "specialty": "Math", "expected_funding": "M",
                                                "start_date": "2027-02-01", "end_date": "2027-06-30"})
    assert_400_page(r, "NUL")
    assert not m.StudentMobility.objects.exists()


def test_nul_in_an_api_query_or_json_body_is_a_json_400(world: Any) -> None:  # noqa: F811
    c = client_for()
    r = c.get("/api/v1/mobility/calls", {"q": "\x00"})
    assert r.status_code == 400 and "NUL" in r.json()["detail"]
    r = c.post("/api/v1/rules/KTMU-32-1/evaluate", data=json.dumps({"facts": {"x": "a\u0000b"}}), content_type="application/json")
    assert r.status_code == 400 and "NUL" in r.json()["detail"]
    # an escaped backslash followed by "u0000" is text, not a NUL: the rule endpoint answers normally
    r = c.post("/api/v1/rules/KTMU-32-1/evaluate", data=json.dumps({"facts": {"x": "a\\u0000b"}}), content_type="application/json")
    assert r.status_code != 400 and r.status_code < 500


def test_nul_message_is_translated(world: Any) -> None:  # noqa: F811
    en = client_for(lang="en").get("/mobility/calls/", {"q": "\x00"}).content.decode()
    ky = client_for(lang="ky").get("/mobility/calls/", {"q": "\x00"}).content.decode()
    assert "NUL" in en and "NUL" in ky and en != ky


# --- page numbers, offsets, limits ---------------------------------------------------------------------------------


@pytest.mark.parametrize("page", BAD_PAGES)
@pytest.mark.parametrize("url", ["/people/students/", "/mobility/applications/", "/mobility/tasks/", "/regulations/"])
def test_bad_page_number_is_a_400_with_a_message(world: Any, url: str, page: str) -> None:  # noqa: F811
    r = client_for(world.users["ird_officer"]).get(url, {"page": page})
    assert_400_page(r, "Page")


def test_a_valid_page_past_the_end_shows_the_last_page(world: Any) -> None:  # noqa: F811
    c = client_for(world.users["ird_officer"])
    assert c.get("/regulations/", {"page": "2"}).status_code == 200
    assert c.get("/regulations/", {"page": "999999"}).status_code == 200


@pytest.mark.parametrize("query", [{"offset": "-1"}, {"limit": str(10**12)}, {"limit": "0"}, {"offset": "99999999999999999999"},
                                   {"limit": "²"}, {"offset": "1e3"}])
@pytest.mark.parametrize("url", ["/api/v1/students", "/api/v1/mobility/applications", "/api/v1/units"])
def test_api_offset_and_limit_are_validated(world: Any, url: str, query: dict[str, str]) -> None:  # noqa: F811
    r = client_for(world.users["ird_officer"]).get(url, query)
    assert r.status_code == 422, (r.status_code, r.content[:300])
    assert list(query)[0] in json.dumps(r.json())


def test_api_limit_at_the_maximum_is_accepted(world: Any) -> None:  # noqa: F811
    from bilim.apps.api.paging import MAX_LIMIT

    c = client_for(world.users["ird_officer"])
    assert c.get("/api/v1/units", {"limit": MAX_LIMIT, "offset": 0}).status_code == 200
    assert c.get("/api/v1/units", {"limit": MAX_LIMIT + 1}).status_code == 422
    assert c.get("/api/v1/mobility/applications", {"limit": MAX_LIMIT, "offset": 10**9}).json() == []


@pytest.mark.parametrize("pk", ["99999999999999999999", "0", "-1"])
def test_api_ids_out_of_range_are_refused(world: Any, pk: str) -> None:  # noqa: F811
    c = client_for(world.users["ird_officer"])
    for url in (f"/api/v1/students/{pk}", f"/api/v1/mobility/applications/{pk}"):
        r = c.get(url)
        assert r.status_code in {404, 422}, (url, r.status_code)
        assert r["Content-Type"].startswith("application/json")


# --- years ---------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("year", ["0", "99999", "²", "1e3", "-2026", "abc"])
@pytest.mark.parametrize("url", ["/mobility/statistics/", "/mobility/statistics.xlsx"])
def test_bad_statistics_year_is_a_400(world: Any, url: str, year: str) -> None:  # noqa: F811
    r = client_for(world.users["ird_officer"]).get(url, {"year": year})
    assert_400_page(r, "Academic year starting in")


def test_valid_statistics_year_is_accepted(world: Any) -> None:  # noqa: F811
    c = client_for(world.users["ird_officer"])
    assert c.get("/mobility/statistics/", {"year": "2026"}).status_code == 200
    assert c.get("/mobility/statistics/", {"year": ""}).status_code == 200


# --- ids in the query string and in posted fields -------------------------------------------------------------------


@pytest.mark.parametrize("bad", BAD_IDS)
def test_bad_id_in_a_list_filter_is_a_400(world: Any, bad: str) -> None:  # noqa: F811
    c = client_for(world.users["ird_officer"])
    assert_400_page(c.get("/mobility/tasks/", {"unit": bad}), "Unit")
    assert_400_page(c.get("/mobility/correspondence/", {"partner": bad}), "Partner")
    assert c.get("/mobility/tasks/", {"unit": world.fac.pk}).status_code == 200


@pytest.mark.parametrize("bad", BAD_IDS)
def test_bad_user_id_posted_to_the_commission_is_a_400_and_changes_nothing(world: Any, bad: str) -> None:  # noqa: F811
    c = client_for(world.users["ird_officer"])
    r = c.post(f"/mobility/calls/{world.call.pk}/commission/", {"user": bad, "op": "add"})
    assert_400_page(r, "User")
    assert not world.call.commission.exists() if hasattr(world.call, "commission") else True


@pytest.mark.parametrize("bad", ["²", "abc", "1e3", "-1", "99999999999999999999"])
def test_bad_version_posted_to_an_application_is_a_400(world: Any, bad: str) -> None:  # noqa: F811
    from bilim.apps.mobility import services as svc

    mob = svc.application_create(actor=world.users["student"], student=world.student, host=world.partner, purpose="Study", language="Turkish",
                                 specialty="Math", expected_funding="M", start_date=world.call.mobility_start, end_date=world.call.mobility_end,
                                 call=world.call)
    r = client_for(world.users["student"]).post(f"/mobility/applications/{mob.pk}/act/", {"action": "submit", "version": bad})
    assert_400_page(r, "Version")
    mob.refresh_from_db()
    assert mob.state == "DRAFT"


@pytest.mark.parametrize("bad", BAD_IDS)
def test_bad_enrolment_id_posted_with_scores_is_a_400_and_writes_nothing(pg: Any, bad: str) -> None:  # noqa: F811
    from bilim.apps.records.models import Grade

    r = client_for(pg.instructor).post(f"/postgrad/courses/{pg.offering.pk}/scores/", {"enrolment": bad, "score_MID1": "90", "score_FIN": "90"})
    assert_400_page(r, "Student")
    assert not Grade.objects.exists()


@pytest.mark.parametrize("bad", BAD_IDS)
def test_bad_staff_id_in_the_supervisor_form_query_is_a_400(pg: Any, bad: str) -> None:  # noqa: F811
    r = client_for(pg.officer).get("/postgrad/supervision/new/", {"staff": bad})
    assert_400_page(r, "Supervisor")
    assert client_for(pg.officer).get("/postgrad/supervision/new/", {"staff": pg.s_sup.pk}).status_code == 200


def test_bad_staff_id_posted_to_the_supervisor_form_is_a_form_error(pg: Any) -> None:  # noqa: F811
    r = client_for(pg.officer).post("/postgrad/supervision/new/", {"student": pg.st.pk, "role": "SUPERVISOR", "staff": "²", "mode": "ONLINE"})
    assert r.status_code == 400 and 'id="id_staff-error"' in r.content.decode()  # beside the field, not an error page


# --- the error pages themselves -------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang,text", [("en", "Not found"), ("ru", "Не найдено"), ("ky", "Табылган жок"), ("tr", "Bulunamadı")])
def test_404_page_is_translated_and_says_what_to_do(world: Any, lang: str, text: str) -> None:  # noqa: F811
    r = client_for(world.users["ird_officer"], lang=lang).get("/mobility/applications/999999/")
    assert r.status_code == 404
    html = r.content.decode()
    assert text in html and 'class="button"' in html


def test_api_errors_are_json(world: Any) -> None:  # noqa: F811
    r = client_for().get("/api/v1/no-such-endpoint")
    assert r.status_code == 404 and r["Content-Type"].startswith("application/json") and r.json()["detail"]


@pytest.mark.parametrize("lang,text", [("en", "Access denied"), ("ru", "Доступ запрещён"), ("ky", "Кирүүгө уруксат жок"), ("tr", "Erişim engellendi")])
def test_403_page_is_translated_and_says_what_to_do(world: Any, lang: str, text: str) -> None:  # noqa: F811
    r = client_for(world.users["outsider"], lang=lang).get("/mobility/statistics/")
    assert r.status_code == 403
    assert text in r.content.decode() and 'class="button"' in r.content.decode()


@pytest.mark.parametrize("lang,text", [("en", "Nothing you entered was saved"), ("ru", "Ничего из введённого не сохранено"),
                                       ("ky", "Сиз киргизген эч нерсе сакталган жок"), ("tr", "Girdiğiniz hiçbir şey kaydedilmedi")])
def test_500_page_is_translated_and_api_500_is_json(lang: str, text: str) -> None:
    from django.test import RequestFactory
    from django.utils import translation

    from bilim.apps.core.errors import server_error

    with translation.override(lang):
        page = server_error(RequestFactory().get("/mobility/"))
        api = server_error(RequestFactory().get("/api/v1/units"))
    assert page.status_code == 500 and text in page.content.decode()
    assert api.status_code == 500 and api["Content-Type"].startswith("application/json")


@pytest.mark.parametrize("bad", BAD_IDS)
def test_bad_ids_in_a_form_s_choice_fields_are_errors_beside_the_fields(world: Any, bad: str) -> None:  # noqa: F811
    r = client_for(world.users["student"]).post("/mobility/applications/new/", {
        "call": bad, "host": bad, "basis": "INSTITUTIONAL_AGREEMENT", "purpose": "Study", "language": "Turkish", "specialty": "Math",
        "expected_funding": "M", "start_date": "2027-02-01", "end_date": "2027-06-30"})
    assert r.status_code in {200, 400}
    assert "errorlist" in r.content.decode() or 'class="error"' in r.content.decode()
    assert not m.StudentMobility.objects.exists()


def _draft(world: Any) -> Any:  # noqa: F811
    from bilim.apps.mobility import services as svc

    return svc.application_create(actor=world.users["student"], student=world.student, host=world.partner, purpose="Study", language="Turkish",
                                   specialty="Math", expected_funding="M", start_date=world.call.mobility_start, end_date=world.call.mobility_end,
                                   call=world.call)


@pytest.mark.parametrize("bad", ["²", "abc", "1e3", "99999999999999999999"])
@pytest.mark.parametrize("fields", [{"action": "recognise", "result": "{bad}"}, {"action": "recognise", "result": "1", "home_course": "{bad}"},
                                    {"action": "dlt", "item": "{bad}", "score": "80", "passed": "yes"}])
def test_bad_ids_posted_to_a_student_file_are_a_400(world: Any, bad: str, fields: dict[str, str]) -> None:  # noqa: F811
    mob = _draft(world)
    data = {k: v.format(bad=bad) for k, v in fields.items()}
    r = client_for(world.users["ird_officer"]).post(f"/mobility/applications/{mob.pk}/act/", data)
    assert r.status_code in {400, 404}, r.status_code
    if r.status_code == 400:
        assert 'data-testid="error-detail"' in r.content.decode()


@pytest.mark.parametrize("bad", ["²", "abc", "1e3", "-1", "99999999999999999999"])
def test_bad_coordinator_id_posted_to_an_incoming_file_is_a_400(world: Any, bad: str) -> None:  # noqa: F811
    import datetime as dt

    from bilim.apps.mobility import services as svc

    inc = svc.incoming_register(actor=world.users["ird_officer"], last_name="Yılmaz", first_name="Ayşe", citizenship="tr", home=world.partner,
                                faculty=world.fac, start_date=dt.date(2027, 2, 1), end_date=dt.date(2027, 6, 30), agreement=world.agreement)
    r = client_for(world.users["ird_officer"]).post(f"/mobility/incoming/{inc.pk}/act/", {"coordinator": bad, "target": "ACCEPTED"})
    assert_400_page(r, "Coordinator")
    inc.refresh_from_db()
    assert inc.state != "ACCEPTED" and inc.coordinator_id is None


@pytest.mark.parametrize("on", ["0001-01-01", "9999-12-31", "1899-12-31", "2201-01-01"])
def test_rule_evaluation_date_outside_bilims_years_is_refused(on: str) -> None:
    r = Client().post("/api/v1/rules/KTMU-32-1/evaluate", data=json.dumps({"facts": {}, "on": on}), content_type="application/json")
    assert r.status_code == 422
    assert any(e["loc"][-1] == "on" for e in r.json()["detail"]), r.json()  # refused for the date, before any rule runs


def test_nul_in_the_session_cookie_is_a_400_before_the_session_store_reads_it(world: Any) -> None:  # noqa: F811
    from django.conf import settings

    c = Client(raise_request_exception=False)
    c.cookies[settings.SESSION_COOKIE_NAME] = "abcdefgh\x00ijklmnop"
    r = c.get("/mobility/calls/")
    assert r.status_code == 400 and "NUL" in r.content.decode()


@pytest.mark.django_db
def test_a_refused_value_is_the_translated_400_page_in_development_too(world: Any, settings: Any) -> None:  # noqa: F811
    """With DEBUG on (the README's first command) Django showed its technical page for a BadRequest."""
    settings.DEBUG = True
    client = Client()
    client.force_login(world.users["ird_officer"])
    response = client.get("/people/students/?page=%C2%B2", HTTP_ACCEPT_LANGUAGE="ky")
    assert response.status_code == 400
    body = response.content.decode()
    assert "400.html" in [t.name for t in response.templates]
    assert "technical" not in " ".join(str(t.name) for t in response.templates)
    assert not re.search(r"<script(?![^>]*\bsrc=)", body)  # no inline script for the CSP to block
    assert 'lang="ky"' in body


@pytest.mark.parametrize("lang,text", [("en", "reload the page and send the form again"), ("ru", "обновите страницу и отправьте форму ещё раз"),
                                       ("ky", "баракты жаңылап, форманы кайра жөнөтүңүз"), ("tr", "sayfayı yenileyin ve formu yeniden gönderin")])
def test_a_form_without_its_security_token_gets_the_translated_403_saying_what_to_do(world: Any, lang: str, text: str) -> None:  # noqa: F811
    """Django's own CSRF failure page is English and says nothing a user can act on."""
    from bilim.apps.mobility.models import StudentMobility

    client = client_for(world.users["student"], lang=lang)
    client.handler.enforce_csrf_checks = True
    before = StudentMobility.objects.count()
    r = client.post("/mobility/applications/new/", {"call": world.call.pk})
    assert r.status_code == 403
    html = r.content.decode()
    assert text in html and 'class="button"' in html
    assert StudentMobility.objects.count() == before
