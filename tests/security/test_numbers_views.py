"""Numbers typed into the pages go through the one parsing path: a student posting an infinite credit on a
study-plan line gets an error beside the field, nothing is saved and the page keeps what they typed; the
same for GPA, criterion scores, host results, DLT exams, LA changes, finance amounts, call weights and
the postgraduate score sheet and host grades. Before the fix each of these did ``Decimal(text)``."""

from __future__ import annotations

import datetime as dt
import html
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.test import Client

from bilim.apps.mobility import models as m
from tests.mobility.conftest import world  # noqa: F401  (fixture)
from tests.postgrad.conftest import pg  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db

BAD = ["NaN", "nan", "Infinity", "-Infinity", "1e999999", "1e-999999"]


def client_for(user) -> Client:  # noqa: ANN001
    c = Client()
    c.force_login(user)
    return c


def _mob(world, **kw) -> m.StudentMobility:  # noqa: ANN001, F811
    return m.StudentMobility.objects.create(student=world.student, call=world.call, host=world.partner, purpose="p", language="tr", specialty="s",
                                            expected_funding="f", intended_disciplines="A", year_of_study=3, start_date=dt.date(2027, 2, 1),
                                            end_date=dt.date(2027, 6, 30), term="LONG", scope="EXTERNAL", **kw)


def _act(c: Client, mob: m.StudentMobility, data: dict[str, str]):  # noqa: ANN202
    return c.post(f"/mobility/applications/{mob.pk}/act/", data, follow=True)


def _isp_rows(*rows: tuple[str, str, str]) -> dict[str, str]:
    """The study-plan table's POST (issue 11): one row per discipline (host code, title, ECTS)."""
    data = {"items-TOTAL_FORMS": str(len(rows)), "items-INITIAL_FORMS": "0", "items-MIN_NUM_FORMS": "0", "items-MAX_NUM_FORMS": "200"}
    for i, (code, title, credits) in enumerate(rows):
        data.update({f"items-{i}-kind": "HOST", f"items-{i}-host_code": code, f"items-{i}-title": title, f"items-{i}-credits": credits,
                     f"items-{i}-component": "EQUIVALENT_DISCIPLINE"})
    return data


@pytest.mark.parametrize("credits", [*BAD, "0", "-3", "30.1", "3.25", "12345"])
def test_student_study_plan_line_with_a_bad_credit_is_refused_beside_the_field_and_kept(world, credits: str) -> None:  # noqa: F811
    mob = _mob(world)
    r = client_for(world.users["student"]).post(f"/mobility/applications/{mob.pk}/isp/", _isp_rows(("CS101", "Algorithms", "6"), ("CS102", "Databases", credits)))
    assert r.status_code == 400
    page = html.unescape(r.content.decode())
    second = page.split('id="items-rows"')[1].split('data-testid="row"')[2]
    assert 'data-testid="cell-error"' in second.split('name="items-1-credits"')[1].split("</td>")[0]  # the error beside the cell of line 2
    assert f'value="{credits}"' in second and 'value="Algorithms"' in page  # what they typed is still in the table
    assert not m.IspVersion.objects.filter(mobility=mob).exists() and not m.IspItem.objects.exists()
    assert client_for(world.users["student"]).get(f"/mobility/applications/{mob.pk}/").status_code == 200


def test_student_study_plan_accepts_a_decimal_comma_and_the_limit(world) -> None:  # noqa: F811
    mob = _mob(world)
    client_for(world.users["student"]).post(f"/mobility/applications/{mob.pk}/isp/", _isp_rows(("CS101", "Algorithms", "7,5"), ("CS102", "Thesis", "30")))
    assert sorted(i.credits for i in m.IspItem.objects.filter(isp__mobility=mob)) == [Decimal("7.5"), Decimal(30)]


def test_service_refuses_a_non_finite_credit_even_when_called_directly(world) -> None:  # noqa: F811
    from django.core.exceptions import ValidationError

    from bilim.apps.mobility import services as svc

    mob = _mob(world)
    with pytest.raises(ValidationError) as exc:
        svc.isp_create_version(actor=world.users["student"], mobility=mob, items=[{"kind": "HOST", "host_code": "X", "title": "T",
                                                                                     "credits": Decimal("Infinity")}])
    assert "items" in exc.value.message_dict and not m.IspVersion.objects.exists()


@pytest.mark.parametrize(("gpa", "ok"), [("-1", False), ("NaN", False), ("Infinity", False), ("4.01", False), ("3,5", True), ("4", True), ("0", True)])
def test_commission_gpa(world, gpa: str, ok: bool) -> None:  # noqa: F811
    mob = _mob(world, state="DOCS_COMPLETE")
    _act(client_for(world.users["ird_officer"]), mob, {"action": "score", "gpa": gpa, "score_LANGUAGE": "50"})
    mob.refresh_from_db()
    if ok:
        assert mob.gpa == Decimal(gpa.replace(",", ".")) and mob.scores == {"LANGUAGE": "50"}
    else:
        assert mob.gpa is None and mob.scores == {}


@pytest.mark.parametrize(("score", "ok"), [("100", True), ("100.01", False), ("0", True), ("-0.01", False), ("Infinity", False),
                                           ("1e999999", False), ("99,5", True)])
def test_commission_criterion_score(world, score: str, ok: bool) -> None:  # noqa: F811
    mob = _mob(world, state="DOCS_COMPLETE")
    _act(client_for(world.users["ird_officer"]), mob, {"action": "score", "gpa": "3.5", "score_LANGUAGE": score})
    mob.refresh_from_db()
    assert (mob.scores != {}) is ok
    if ok:
        assert Decimal(mob.scores["LANGUAGE"]) == Decimal(score.replace(",", "."))


@pytest.mark.parametrize("credits", [*BAD, "0", "-1", "30.1"])
def test_host_result_credits(world, credits: str) -> None:  # noqa: F811
    mob = _mob(world, state="DOCS_RETURNED")
    r = _act(client_for(world.users["dean_office"]), mob, {"action": "host_result", "title": "Algebra", "credits": credits, "grade": "AA",
                                                           "grade_scale": "ECTS", "outcome": "PASSED"})
    assert r.status_code == 200 and not m.HostResult.objects.exists()


@pytest.mark.parametrize(("score", "ok"), [("Infinity", False), ("NaN", False), ("100.01", False), ("-0.01", False), ("100", True)])
def test_dlt_exam_score(world, score: str, ok: bool) -> None:  # noqa: F811
    mob = _mob(world)
    isp = m.IspVersion.objects.create(mobility=mob, number=1)
    item = m.IspItem.objects.create(isp=isp, kind="DLT", title="Кыргыз тили", credits=Decimal(3))
    _act(client_for(world.users["dean_office"]), mob, {"action": "dlt", "item": str(item.pk), "score": score, "date": "2027-07-10", "passed": "yes"})
    assert m.DltResult.objects.filter(item=item).exists() is ok


@pytest.mark.parametrize("amount", [*BAD, "-0.01", "100000000"])
def test_finance_amounts_are_refused_beside_the_field(world, amount: str) -> None:  # noqa: F811
    mob = _mob(world, state="ABROAD")
    r = _act(client_for(world.users["ird_officer"]), mob, {"action": "finance", "funding_programme": "", "fee_amount": amount,
                                                           "stipend_amount": "", "currency": "KGS"})
    assert 'data-testid="error-finance-fee_amount"' in r.content.decode()
    mob.refresh_from_db()
    assert mob.fee_amount is None


def test_finance_amount_with_a_decimal_comma(world) -> None:  # noqa: F811
    mob = _mob(world, state="ABROAD")
    _act(client_for(world.users["ird_officer"]), mob, {"action": "finance", "funding_programme": "", "fee_amount": "1500,50",
                                                       "stipend_amount": "0", "currency": "KGS"})
    mob.refresh_from_db()
    assert mob.fee_amount == Decimal("1500.50") and mob.stipend_amount == Decimal(0)


@pytest.mark.parametrize("credits", ["Infinity", "NaN", "0", "-2", "30.1"])
def test_la_change_credits(world, credits: str) -> None:  # noqa: F811
    mob = _mob(world, state="ABROAD")
    isp = m.IspVersion.objects.create(mobility=mob, number=1)
    m.LearningAgreement.objects.create(mobility=mob, isp=isp, number=1)
    r = client_for(world.users["ird_officer"]).post(f"/mobility/applications/{mob.pk}/la-changes/", {
        "changes-TOTAL_FORMS": "1", "changes-INITIAL_FORMS": "0", "changes-0-change": "ADDED", "changes-0-title": "Topology",
        "changes-0-credits": credits, "changes-0-reason": "timetable", "changes-0-changed_on": "2027-03-01"})
    assert r.status_code == 400
    cell = html.unescape(r.content.decode()).split('name="changes-0-credits"')[1].split("</td>")[0]
    assert 'data-testid="cell-error"' in cell  # beside the credits cell
    assert not m.LaChange.objects.exists()


def test_call_weights_refuse_nan_and_infinity() -> None:
    from bilim.apps.mobility.forms import CallForm

    for bad in ('{"GPA": NaN}', '{"GPA": Infinity}', '{"GPA": -1}', '{"GPA": "1e999999"}'):
        assert "weights" in CallForm({"weights": bad}).errors, bad
    assert "weights" not in CallForm({"weights": '{"GPA": 60, "LANGUAGE": "40"}'}).errors


# --- postgraduate ------------------------------------------------------------------------------------------------------

PLAN = [{"code": "MID1", "kind": "MIDTERM", "weight": "0.40"}, {"code": "FIN", "kind": "FINAL", "weight": "0.60"}]


@pytest.mark.parametrize("bad", ["Infinity", "-Infinity", "1e999999", "1e-999999", "100.01", "-0.01", "50.001"])
def test_postgrad_scores_refused(pg: SimpleNamespace, bad: str) -> None:  # noqa: F811
    from bilim.apps.postgrad import models as pm
    from bilim.apps.postgrad import services
    from bilim.apps.records.models import Grade

    services.assessment_plan_set(actor=pg.instructor, offering=pg.offering, components=PLAN, final_exam_date=dt.date(2026, 12, 20))
    r = client_for(pg.instructor).post(f"/postgrad/courses/{pg.offering.pk}/scores/", {"enrolment": pg.e1.pk, "score_MID1": bad, "score_FIN": "50"})
    assert r.status_code == 400
    assert not Grade.objects.exists() and not pm.ScoreSheet.objects.exists()


def test_postgrad_scores_boundaries_and_comma(pg: SimpleNamespace) -> None:  # noqa: F811
    from bilim.apps.postgrad import models as pm
    from bilim.apps.postgrad import services

    services.assessment_plan_set(actor=pg.instructor, offering=pg.offering, components=PLAN, final_exam_date=dt.date(2026, 12, 20))
    r = client_for(pg.instructor).post(f"/postgrad/courses/{pg.offering.pk}/scores/", {"enrolment": pg.e1.pk, "score_MID1": "100", "score_FIN": "0"})
    assert r.status_code == 302
    r = client_for(pg.instructor).post(f"/postgrad/courses/{pg.offering.pk}/scores/", {"enrolment": pg.e2.pk, "score_MID1": "87,5", "score_FIN": "90"})
    assert r.status_code == 302
    assert Decimal(pm.ScoreSheet.objects.get(enrolment=pg.e2).scores["MID1"]) == Decimal("87.5")


@pytest.mark.parametrize(("ects", "ok"), [("Infinity", False), ("NaN", False), ("0", False), ("-1", False), ("60.1", False), ("6,5", True)])
def test_postgrad_host_grade_ects(pg: SimpleNamespace, ects: str, ok: bool) -> None:  # noqa: F811
    from bilim.apps.postgrad import models as pm

    r = client_for(pg.officer).post(f"/postgrad/students/{pg.st.pk}/host/", {
        "host": pg.partner.pk, "course_title": "Veri Madenciliği", "host_grade": "S", "host_scale": "pass/fail", "ects": ects,
        "semester": "2025-AUTUMN", "received_on": "2026-02-01"})
    assert pm.HostGrade.objects.exists() is ok
    if ok:
        assert pm.HostGrade.objects.get().ects == Decimal("6.5")
    else:
        assert r.status_code == 400 and 'id="id_ects-error"' in r.content.decode()  # the error beside the field
