"""The instructor's weight plan as a table and the grade sheet saved at once (issue 11).

A wrong row or cell writes nothing and every typed value comes back with the error beside it; a valid table is
saved through the same service (``assessment_plan_set`` / ``grade_sheet_save``); weights and scores accept a decimal
comma; the final-exam date keeps its value in ky/ru/tr/en.
"""

from __future__ import annotations

import html
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.test import Client

from bilim.apps.postgrad import models as m
from bilim.apps.postgrad import services
from tests.postgrad.conftest import pg  # noqa: F401  (fixture)
from tests.postgrad.test_postgrad import EXAM, PLAN, _plan

pytestmark = pytest.mark.django_db


def client(user: object, lang: str = "ky") -> Client:
    c = Client(HTTP_ACCEPT_LANGUAGE=lang)
    c.force_login(user)  # type: ignore[arg-type]
    c.cookies["django_language"] = lang
    return c


def test_weight_plan_is_a_table_with_kind_names_not_codes(pg: SimpleNamespace) -> None:  # noqa: F811
    page = html.unescape(client(pg.instructor).get(f"/postgrad/courses/{pg.offering.pk}/").content.decode())
    assert 'data-testid="plan-table"' in page and "plan-template" in page
    assert "MIDTERM, FINAL or OTHER" not in page  # no codes to type
    assert '<option value="FINAL"' in page and ">FINAL<" not in page  # a select whose options carry translated names


@pytest.mark.parametrize("lang", ["ky", "ru", "tr", "en"])
def test_weight_plan_wrong_row_keeps_every_row_and_the_date(pg: SimpleNamespace, lang: str) -> None:  # noqa: F811
    data = _plan(("MID1", "MIDTERM", "0,40"), ("HW", "OTHER", "1e9"), ("FIN", "FINAL", "0,60"), date="2026-11-14")
    r = client(pg.instructor, lang).post(f"/postgrad/courses/{pg.offering.pk}/plan/", data)
    assert r.status_code == 400 and not m.AssessmentPlan.objects.exists()
    page = html.unescape(r.content.decode())
    for value in ('value="MID1"', 'value="0,40"', 'value="HW"', 'value="1e9"', 'value="FIN"', 'value="0,60"', 'value="2026-11-14"'):
        assert value in page, (lang, value)
    wrong = page.split('id="plan-rows"')[1].split('data-testid="row"')[2]
    assert 'data-testid="cell-error"' in wrong.split('name="plan-1-weight"')[1].split("</td>")[0]
    assert '<option value="OTHER" selected>' in wrong
    assert 'data-testid="form-error"' in page  # the banner: nothing was saved


def test_weight_plan_valid_table_with_decimal_comma_is_saved_through_the_service(pg: SimpleNamespace) -> None:  # noqa: F811
    data = _plan(("MID1", "MIDTERM", "0,3"), ("HW", "OTHER", "0,1"), ("", "MIDTERM", ""), ("FIN", "FINAL", "0,6"))  # the blank row is skipped
    r = client(pg.instructor).post(f"/postgrad/courses/{pg.offering.pk}/plan/", data)
    assert r.status_code == 302, html.unescape(r.content.decode())[:3000]
    plan = m.AssessmentPlan.objects.get(offering=pg.offering)
    assert [(c["code"], c["kind"], Decimal(c["weight"])) for c in plan.components] == [
        ("MID1", "MIDTERM", Decimal("0.3")), ("HW", "OTHER", Decimal("0.1")), ("FIN", "FINAL", Decimal("0.6"))]
    assert str(plan.final_exam_date) == "2026-11-14"
    page = html.unescape(client(pg.instructor).get(f"/postgrad/courses/{pg.offering.pk}/").content.decode())
    assert 'name="plan-1-code" value="HW"' in page  # the editor starts from the plan in force


def test_weight_plan_refused_to_another_instructor(pg: SimpleNamespace) -> None:  # noqa: F811
    r = client(pg.other).post(f"/postgrad/courses/{pg.offering.pk}/plan/", _plan(("MID1", "MIDTERM", "0.4"), ("FIN", "FINAL", "0.6")))
    assert r.status_code in (403, 404) and not m.AssessmentPlan.objects.exists()


def test_grade_sheet_wrong_cell_keeps_every_typed_cell_and_a_valid_sheet_saves_at_once(pg: SimpleNamespace) -> None:  # noqa: F811
    services.assessment_plan_set(actor=pg.instructor, offering=pg.offering, components=PLAN, final_exam_date=EXAM)
    c = client(pg.instructor)
    e1, e2 = pg.e1.pk, pg.e2.pk
    r = c.post(f"/postgrad/courses/{pg.offering.pk}/gradesheet/", {f"c_{e1}_MID1": "85,5", f"c_{e1}_FIN": "90", f"c_{e2}_MID1": "101",
                                                                   f"c_{e2}_FIN": "77,25", "step": "save"})
    assert r.status_code == 400
    page = html.unescape(r.content.decode())
    for name, value in ((f"c_{e1}_MID1", "85,5"), (f"c_{e1}_FIN", "90"), (f"c_{e2}_MID1", "101"), (f"c_{e2}_FIN", "77,25")):
        assert f'name="{name}" id="{name}" value="{value}"' in page, name
    assert f'id="c_{e2}_MID1-error"' in page and f'id="c_{e1}_MID1-error"' not in page  # the error beside its own cell only
    assert not any(s.scores for s in m.ScoreSheet.objects.all())  # nothing written
    r = c.post(f"/postgrad/courses/{pg.offering.pk}/gradesheet/", {f"c_{e1}_MID1": "85,5", f"c_{e1}_FIN": "90", f"c_{e2}_MID1": "70",
                                                                   f"c_{e2}_FIN": "77,25", "step": "save"})
    assert r.status_code == 302
    sheets = {s.enrolment_id: s.scores for s in m.ScoreSheet.objects.all()}
    assert Decimal(sheets[e1]["MID1"]) == Decimal("85.5") and Decimal(sheets[e2]["FIN"]) == Decimal("77.25")
