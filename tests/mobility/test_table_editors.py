"""Table editors of a mobility file (issue 11): the study plan, learning-agreement changes and host results.

A wrong row writes nothing, keeps every typed value and shows its error beside the cell; a valid table is saved
at once through the same services; credits accept a decimal comma; dates round-trip in ky/ru/tr/en.
"""

from __future__ import annotations

import datetime as dt
import html
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client

from bilim.apps.mobility import models as m
from tests.mobility.conftest import world  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db


def client_for(user: Any, lang: str = "ky") -> Client:
    c = Client(HTTP_ACCEPT_LANGUAGE=lang)
    c.force_login(user)
    c.cookies["django_language"] = lang
    return c


def rows(prefix: str, *data: dict[str, str]) -> dict[str, str]:
    """A formset's POST: its management form and each row's fields."""
    out = {f"{prefix}-TOTAL_FORMS": str(len(data)), f"{prefix}-INITIAL_FORMS": "0", f"{prefix}-MIN_NUM_FORMS": "0", f"{prefix}-MAX_NUM_FORMS": "200"}
    for i, row in enumerate(data):
        out.update({f"{prefix}-{i}-{k}": v for k, v in row.items()})
    return out


def _mob(world, **kw: Any) -> m.StudentMobility:  # noqa: ANN001, F811
    return m.StudentMobility.objects.create(student=world.student, call=world.call, host=world.partner, purpose="p", language="tr", specialty="s",
                                            expected_funding="f", intended_disciplines="A", year_of_study=3, start_date=dt.date(2027, 2, 1),
                                            end_date=dt.date(2027, 6, 30), term="LONG", scope="EXTERNAL", **kw)


def _page(r: Any) -> str:
    return html.unescape(r.content.decode())


# --- the study plan ----------------------------------------------------------------------------------------------------


def test_isp_editor_offers_home_courses_of_the_students_faculty_only(world) -> None:  # noqa: F811
    from bilim.apps.curriculum.models import Course, Programme
    from bilim.apps.org.models import Unit

    other_fac = Unit.objects.create(institution=world.oshsu, kind="faculty", code="FIL", name_ky="Филология", name_en="Philology")
    other_prog = Programme.objects.create(institution=world.oshsu, unit=other_fac, code="PHIL", name_ky="Филология", name_en="Philology",
                                          level="bachelor", normative_semesters=8)
    Course.objects.create(institution=world.oshsu, programme=other_prog, code="PHIL101", title_ky="Фонетика", title_en="Phonetics", ects=Decimal(5))
    mob = _mob(world)
    page = _page(client_for(world.users["student"]).get(f"/mobility/applications/{mob.pk}/isp/"))
    assert "MATH301 Сызыктуу алгебра" in page and "MATH302" in page  # the student's programme, titles in Kyrgyz
    assert "PHIL101" not in page  # another faculty's course is not offered
    assert 'data-testid="isp"' in page and "items-template" in page  # a table with a row template for "add a row"
    assert "HOST |" not in page  # no pipe-separated text to type


def test_isp_wrong_row_keeps_every_typed_value_and_shows_the_error_beside_it(world) -> None:  # noqa: F811
    mob = _mob(world)
    data = rows("items",
                {"kind": "HOST", "host_code": "BIL101", "title": "Algoritmalar", "credits": "7,5", "home_course": str(world.course.pk),
                 "component": "EQUIVALENT_DISCIPLINE"},
                {"kind": "HOST", "host_code": "BIL102", "title": "Veritabanı", "credits": "Infinity", "home_course": str(world.course2.pk),
                 "component": "ELECTIVE"},
                {"kind": "DLT", "host_code": "", "title": "Кыргыз тили", "credits": "3", "home_course": "", "component": "UNIV_COMP"})
    r = client_for(world.users["student"]).post(f"/mobility/applications/{mob.pk}/isp/", data)
    assert r.status_code == 400
    page = _page(r)
    assert not m.IspVersion.objects.filter(mobility=mob).exists() and not m.IspItem.objects.exists()  # nothing written
    # every typed value is back in its cell
    for value in ('value="BIL101"', 'value="Algoritmalar"', 'value="7,5"', 'value="BIL102"', 'value="Veritabanı"', 'value="Infinity"',
                  'value="Кыргыз тили"'):
        assert value in page, value
    assert f'<option value="{world.course2.pk}" selected>' in page  # the chosen home course of the wrong row too
    # the error sits in the wrong row (the second), beside its credits cell, and the other rows carry none
    body = page.split('id="items-rows"')[1].split("</tbody>")[0]
    row_html = body.split('data-testid="row"')[1:]
    assert len(row_html) == 3
    assert 'data-testid="cell-error"' not in row_html[0] and 'data-testid="cell-error"' not in row_html[2]
    credits_cell = row_html[1].split('name="items-1-credits"')[1].split("</td>")[0]
    assert 'data-testid="cell-error"' in credits_cell
    assert 'data-testid="editor-error"' in page  # and a banner says nothing was saved


def test_isp_valid_table_is_saved_at_once_through_the_service_with_a_decimal_comma(world) -> None:  # noqa: F811
    mob = _mob(world)
    data = rows("items",
                {"kind": "HOST", "host_code": "BIL101", "title": "Algoritmalar", "credits": "7,5", "home_course": str(world.course.pk),
                 "component": "EQUIVALENT_DISCIPLINE"},
                {"kind": "HOST", "host_code": "", "title": "", "credits": "", "home_course": "", "component": "EQUIVALENT_DISCIPLINE"},  # blank: skipped
                {"kind": "DLT", "host_code": "", "title": "Кыргыз тили", "credits": "3", "home_course": "", "component": "UNIV_COMP"},
                {"kind": "HOST", "host_code": "X", "title": "Removed", "credits": "5", "home_course": "", "component": "ELECTIVE", "DELETE": "on"})
    r = client_for(world.users["student"]).post(f"/mobility/applications/{mob.pk}/isp/", data)
    assert r.status_code == 302
    isp = m.IspVersion.objects.get(mobility=mob)
    items = list(isp.items.order_by("id"))
    assert [(i.kind, i.title, i.credits, i.home_course_id, i.component) for i in items] == [
        ("HOST", "Algoritmalar", Decimal("7.5"), world.course.pk, "EQUIVALENT_DISCIPLINE"), ("DLT", "Кыргыз тили", Decimal(3), None, "UNIV_COMP")]
    from bilim.apps.audit.models import AuditEvent

    assert AuditEvent.objects.filter(object_id=str(isp.pk)).exists()  # written by the service, with its audit row


def test_isp_service_rule_still_decides_and_the_rows_stay(world) -> None:  # noqa: F811
    """Only DLT lines: the service refuses (the ISP must list host disciplines); the rows come back, nothing written."""
    mob = _mob(world)
    data = rows("items", {"kind": "DLT", "host_code": "", "title": "Кыргыз тили", "credits": "3", "home_course": "", "component": "UNIV_COMP"})
    r = client_for(world.users["student"]).post(f"/mobility/applications/{mob.pk}/isp/", data)
    assert r.status_code == 400 and not m.IspVersion.objects.exists()
    page = _page(r)
    assert 'data-testid="isp-error"' in page and 'value="Кыргыз тили"' in page


def test_isp_new_version_needs_a_reason_beside_its_field_and_is_prefilled_from_the_last(world) -> None:  # noqa: F811
    mob = _mob(world)
    c = client_for(world.users["student"])
    one = {"kind": "HOST", "host_code": "BIL101", "title": "Algoritmalar", "credits": "6", "home_course": "", "component": "ELECTIVE"}
    assert c.post(f"/mobility/applications/{mob.pk}/isp/", rows("items", one)).status_code == 302
    page = _page(c.get(f"/mobility/applications/{mob.pk}/isp/"))
    assert 'value="Algoritmalar"' in page  # the next version starts from the current one
    r = c.post(f"/mobility/applications/{mob.pk}/isp/", rows("items", one, {**one, "title": "Ağlar", "credits": "4,5"}))
    assert r.status_code == 400 and 'data-testid="error-change_reason"' in _page(r) and 'value="Ağlar"' in _page(r)
    assert m.IspVersion.objects.filter(mobility=mob).count() == 1
    r = c.post(f"/mobility/applications/{mob.pk}/isp/", {**rows("items", one, {**one, "title": "Ağlar", "credits": "4,5"}), "change_reason": "host list"})
    assert r.status_code == 302 and m.IspVersion.objects.filter(mobility=mob).count() == 2


def test_isp_editor_is_refused_to_an_outsider(world) -> None:  # noqa: F811
    mob = _mob(world)
    assert client_for(world.users["outsider"]).get(f"/mobility/applications/{mob.pk}/isp/").status_code in (403, 404)


# --- learning-agreement changes --------------------------------------------------------------------------------------------


def _with_la(world) -> m.StudentMobility:  # noqa: ANN001, F811
    mob = _mob(world, state="DEPARTED")
    isp = m.IspVersion.objects.create(mobility=mob, number=1)
    m.LearningAgreement.objects.create(mobility=mob, isp=isp, number=1, student_signed_on=dt.date(2027, 1, 10), home_signed_on=dt.date(2027, 1, 10),
                                       host_signed_on=dt.date(2027, 1, 10))
    return mob


@pytest.mark.parametrize("lang", ["ky", "ru", "tr", "en"])
def test_la_changes_wrong_row_keeps_everything_and_dates_round_trip(world, lang: str) -> None:  # noqa: F811
    mob = _with_la(world)
    data = rows("changes",
                {"change": "ADDED", "host_code": "MAT210", "title": "Sayısal Analiz", "credits": "5,5", "reason": "yeni ders", "changed_on": "2027-03-02"},
                {"change": "REMOVED", "host_code": "MAT205", "title": "Topoloji", "credits": "6", "reason": "", "changed_on": "2027-03-03"})
    r = client_for(world.users["deputy_dean_ir"], lang).post(f"/mobility/applications/{mob.pk}/la-changes/", data)
    assert r.status_code == 400 and not m.LaChange.objects.exists()
    page = _page(r)
    for value in ('value="2027-03-02"', 'value="2027-03-03"', 'value="5,5"', 'value="Sayısal Analiz"', 'value="Topoloji"'):
        assert value in page, (lang, value)  # the ISO date stays in the date input whatever the language
    second = page.split('id="changes-rows"')[1].split('data-testid="row"')[2]
    assert 'data-testid="cell-error"' in second.split('name="changes-1-reason"')[1].split("</td>")[0]
    r = client_for(world.users["deputy_dean_ir"], lang).post(f"/mobility/applications/{mob.pk}/la-changes/",
                                                             {**data, "changes-1-reason": "kapandı"})
    assert r.status_code == 302
    got = sorted((c.title, c.credits, c.changed_on) for c in m.LaChange.objects.filter(mobility=mob))
    assert got == [("Sayısal Analiz", Decimal("5.5"), dt.date(2027, 3, 2)), ("Topoloji", Decimal(6), dt.date(2027, 3, 3))]


def test_la_changes_a_refused_row_rolls_back_the_valid_ones(world) -> None:  # noqa: F811
    """The service refuses a change when there is no signed LA: no row is written, the refusal stands beside the rows."""
    mob = _mob(world, state="DEPARTED")  # no learning agreement
    data = rows("changes", {"change": "ADDED", "host_code": "", "title": "Sayısal Analiz", "credits": "5", "reason": "r", "changed_on": "2027-03-02"})
    r = client_for(world.users["deputy_dean_ir"]).post(f"/mobility/applications/{mob.pk}/la-changes/", data)
    assert r.status_code == 400 and not m.LaChange.objects.exists()
    assert 'value="Sayısal Analiz"' in _page(r)


# --- host results ----------------------------------------------------------------------------------------------------


def test_host_results_are_proposed_from_the_study_plan_and_saved_at_once(world) -> None:  # noqa: F811
    mob = _mob(world, state="DOCS_RETURNED")
    isp = m.IspVersion.objects.create(mobility=mob, number=1)
    a = m.IspItem.objects.create(isp=isp, kind="HOST", host_code="MAT201", title="Lineer Cebir", credits=Decimal(6))
    b = m.IspItem.objects.create(isp=isp, kind="HOST", host_code="MAT202", title="Analiz", credits=Decimal("7.5"))
    c = client_for(world.users["dean_office"])
    page = _page(c.get(f"/mobility/applications/{mob.pk}/results/"))
    assert 'value="Lineer Cebir"' in page and 'value="Analiz"' in page
    assert "Turkish 4-point" in page or "4 баллдык" in page or 'value="TR_4" selected' in page  # a select of scales, not a code to type
    base = {"results-0-isp_item": str(a.pk), "results-0-host_code": "MAT201", "results-0-title": "Lineer Cebir", "results-0-credits": "6",
            "results-0-grade_scale": "TR_4", "results-0-outcome": "PASSED",
            "results-1-isp_item": str(b.pk), "results-1-host_code": "MAT202", "results-1-title": "Analiz", "results-1-credits": "7.5",
            "results-1-grade_scale": "TR_4", "results-1-outcome": "PASSED",
            "results-TOTAL_FORMS": "2", "results-INITIAL_FORMS": "2", "results-MIN_NUM_FORMS": "0", "results-MAX_NUM_FORMS": "200"}
    # a wrong credit on the second row: nothing saved, the grade typed in the first row is still there
    r = c.post(f"/mobility/applications/{mob.pk}/results/", {**base, "results-0-grade": "AA", "results-1-grade": "BA", "results-1-credits": "7,55"})
    assert r.status_code == 400 and not m.HostResult.objects.exists()
    assert 'name="results-0-grade" value="AA"' in _page(r) and 'value="7,55"' in _page(r)
    # a row left without a grade is not saved; the other one is, converted by the partner table (OSU-4.8-FD-11)
    r = c.post(f"/mobility/applications/{mob.pk}/results/", {**base, "results-0-grade": "AA", "results-1-grade": ""})
    assert r.status_code == 302
    hr = m.HostResult.objects.get(mobility=mob)
    assert (hr.isp_item_id, hr.grade, hr.grade_scale, hr.score_100) == (a.pk, "AA", "TR_4", Decimal(95))
    # the next visit proposes only the discipline without a result
    page = _page(c.get(f"/mobility/applications/{mob.pk}/results/"))
    assert 'value="Analiz"' in page and 'value="Lineer Cebir"' not in page


def test_host_results_decimal_comma_in_credits(world) -> None:  # noqa: F811
    mob = _mob(world, state="DOCS_RETURNED")
    data = rows("results", {"isp_item": "", "host_code": "X1", "title": "Olasılık", "credits": "4,5", "grade": "86", "grade_scale": "POINTS_100",
                            "outcome": "PASSED"})
    r = client_for(world.users["dean_office"]).post(f"/mobility/applications/{mob.pk}/results/", data)
    assert r.status_code == 302
    hr = m.HostResult.objects.get(mobility=mob)
    assert (hr.credits, hr.score_100) == (Decimal("4.5"), Decimal(86))


def test_host_results_refused_to_the_student(world) -> None:  # noqa: F811
    mob = _mob(world, state="DOCS_RETURNED")
    assert client_for(world.users["student"]).get(f"/mobility/applications/{mob.pk}/results/").status_code == 403


# --- calls prefill the forms and show the checklist ---------------------------------------------------------------------


def test_call_page_shows_the_translated_checklist_and_prefills_the_application(world) -> None:  # noqa: F811
    c = client_for(world.users["student"])
    page = _page(c.get(f"/mobility/calls/{world.call.pk}/"))
    assert 'data-testid="checklist"' in page
    assert "PARENTAL_CONSENT" not in page.replace('data-code="PARENTAL_CONSENT"', "")  # the kind's name, not its code
    assert 'data-code="ISP"' in page  # February to June is a long stay: the ISP is on the list (OSU-4.8-STU-3)
    page = _page(c.get(f"/mobility/applications/new/?call={world.call.pk}"))
    assert f'<option value="{world.partner.pk}" selected>' in page
    assert 'value="2027-02-01"' in page and 'value="2027-06-30"' in page
    assert 'data-testid="checklist"' in page
    assert c.get("/mobility/applications/new/?call=abc").status_code == 200  # a bad id is no call, not an error


def test_first_isp_starts_from_the_disciplines_named_in_the_application(world) -> None:  # noqa: F811
    mob = _mob(world)
    mob.intended_disciplines = "Lineer Cebir\nAnaliz\n"
    mob.save()
    page = _page(client_for(world.users["student"]).get(f"/mobility/applications/{mob.pk}/isp/"))
    assert 'name="items-0-title" value="Lineer Cebir"' in page and 'name="items-1-title" value="Analiz"' in page
