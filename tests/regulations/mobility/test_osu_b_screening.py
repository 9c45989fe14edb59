"""Batch screening of a faculty's students for an outgoing call: same answers as the per-item rules."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bilim.regulations.core import Verdict
from bilim.regulations.mobility import screening as sc
from bilim.regulations.mobility import student as stu

ON = dt.date(2026, 11, 21)
CALL = {"call_id": "ERASMUS-27", "term": "LONG", "scope": "EXTERNAL", "basis": "PROGRAMME",
        "selection_kind": "IRD_COMMISSION", "semesters_ahead": 1, "semester_count": 1}


def _student(i: int, **kw: object) -> dict:
    base = {"student_id": f"S{i}", "level": "BACHELOR", "current_semester": 4, "total_semesters": 8,
            "funding_basis": "BUDGET", "tuition_debt": Decimal(0), "gpa": Decimal("3.50")}
    return {**base, **kw}


@pytest.mark.rule("OSU-4.8-STU-15", "OSU-4.8-STU-19", "OSU-4.8-STU-20", "OSU-4.8-STU-21", "OSU-4.8-STU-18")
def test_screening_reasons_per_student() -> None:
    students = [
        _student(0),
        _student(1, current_semester=1),  # mobility in semester 2, abroad: STU-19
        _student(2, funding_basis="CONTRACT", tuition_debt=Decimal("0.01")),  # STU-15
        _student(3, level="MASTER", current_semester=3, total_semesters=4),  # semester 4: STU-21
        _student(4, current_semester=8),  # graduates before the stay
        _student(5, gpa=Decimal("3.00")),  # GPA must be above 3 in a commission selection
        _student(6, previous_last_semester=4, previous_closed_in_semester=None),  # STU-18
    ]
    res = sc.screen_outgoing_candidates(students, CALL, ON)
    assert [r.student_id for r in res] == [f"S{i}" for i in range(7)]
    assert res[0].verdict is Verdict.PASS and res[0].semesters == (5,)
    assert res[1].failed == ("OSU-4.8-STU-19",)
    assert res[2].failed == ("OSU-4.8-STU-15",)
    assert res[3].failed == ("OSU-4.8-STU-21",)
    assert res[4].failed == ("PROGRAMME_ENDS_BEFORE_MOBILITY",)
    assert res[6].failed == ("OSU-4.8-STU-18",)
    if sc._gpa_gate is not None:
        assert res[5].failed == ("OSU-4.8-IRD-9",)
    summary = sc.summary(res)
    assert summary["by_verdict"]["FAIL"] >= 5


@pytest.mark.rule("OSU-4.8-STU-15", "OSU-4.8-STU-22")
def test_screening_individual_basis_warns_and_short_term_ignores_windows() -> None:
    call = {**CALL, "basis": "INDIVIDUAL_INITIATIVE", "term": "SHORT", "selection_kind": "NON_COMPETITIVE", "semesters_ahead": 0}
    res = sc.screen_outgoing_candidates(
        [_student(0, current_semester=1, funding_basis="CONTRACT", tuition_debt=Decimal("500"), gpa=Decimal("2.8"))], call, ON
    )
    assert res[0].verdict is Verdict.WARN
    assert "OSU-4.8-STU-15" in res[0].warnings and not res[0].failed
    explanation = res[0].explanation()
    assert "OSU-4.8-STU-22" in explanation.all_rule_ids()
    assert "S0" in explanation.message("ky") and "S0" in explanation.message("tr")


def _single(s: dict, call: dict) -> tuple[str, ...]:
    """The per-item rules, evaluated one by one (the reference the batch must agree with)."""
    failed: list[str] = []
    first = s["current_semester"] + call["semesters_ahead"]
    sems = tuple(range(first, first + call["semester_count"]))
    if sems[-1] > s["total_semesters"]:
        failed.append("PROGRAMME_ENDS_BEFORE_MOBILITY")
    else:
        w = stu.year_of_study_window(
            {"level": s["level"], "term": call["term"], "scope": call["scope"], "semesters_covered": sems,
             "total_semesters": s["total_semesters"]}, ON)
        if w.value is Verdict.FAIL:
            failed.append(w.explanation.message_values["rule"])
    d = stu.contract_debt({"funding_basis": s["funding_basis"], "tuition_debt": s["tuition_debt"], "basis": call["basis"]}, ON)
    if d.value is Verdict.FAIL:
        failed.append("OSU-4.8-STU-15")
    if sc._gpa_gate is not None:
        g = sc._gpa_gate({"gpa": s["gpa"], "selection_kind": call["selection_kind"]}, ON)
        if g.value is Verdict.FAIL:
            failed.append(g.rule_ids[0])
    return tuple(failed)


@pytest.mark.rule("OSU-4.8-STU-15", "OSU-4.8-STU-19", "OSU-4.8-STU-20", "OSU-4.8-STU-23")
@settings(max_examples=30, deadline=None)
@given(seed=st.integers(min_value=0, max_value=10_000), year=st.booleans(), external=st.booleans())
def test_batch_agrees_with_per_item_rules_and_is_order_independent(seed: int, year: bool, external: bool) -> None:
    cohort = sc._synthetic(60, seed)
    for s in cohort:
        s.pop("previous_last_semester", None)
        s.pop("previous_closed_in_semester", None)
    call = {**CALL, "semester_count": 2 if year else 1, "scope": "EXTERNAL" if external else "INTERNAL"}
    res = sc.screen_outgoing_candidates(cohort, call, ON)
    for s, r in zip(cohort, res):
        assert r.failed == _single(s, call)
    shuffled = cohort[:]
    random.Random(seed).shuffle(shuffled)
    again = {r.student_id: r.failed for r in sc.screen_outgoing_candidates(shuffled, call, ON)}
    assert again == {r.student_id: r.failed for r in res}


@pytest.mark.rule("OSU-4.8-STU-15", "OSU-4.8-STU-19")
def test_screening_explanation_states_the_overall_result_and_its_rules() -> None:
    res = sc.screen_outgoing_candidates([_student(0), _student(1, current_semester=1)], CALL, ON)
    ok, refused = (r.explanation() for r in res)
    assert (ok.message_key, ok.result) == ("osu.screening.eligible", Verdict.PASS)
    assert (refused.message_key, refused.result) == ("osu.screening.not_eligible", Verdict.FAIL)
    assert refused.message_values["rules"] == ["OSU-4.8-STU-19"]
    call = {**CALL, "basis": "INDIVIDUAL_INITIATIVE", "term": "SHORT", "selection_kind": "NON_COMPETITIVE", "semesters_ahead": 0}
    (warned,) = sc.screen_outgoing_candidates([_student(2, funding_basis="CONTRACT", tuition_debt=Decimal("500"))], call, ON)
    exp = warned.explanation()
    assert (exp.message_key, exp.message_values["rules"]) == ("osu.screening.warnings", ["OSU-4.8-STU-15"])
    assert "as_of" not in repr(warned) and "outcomes" not in repr(warned)  # a short repr: id, verdict, rules


@pytest.mark.rule("OSU-4.8-STU-15")
def test_screening_a_contract_student_without_a_recorded_debt_owes_nothing() -> None:
    student = {k: v for k, v in _student(0, funding_basis="CONTRACT").items() if k != "tuition_debt"}
    (res,) = sc.screen_outgoing_candidates([student], CALL, ON)
    assert res.verdict is Verdict.PASS and res.failed == () and res.warnings == ()
    (model,) = sc.screen_outgoing_candidates([sc.ScreeningStudent.model_validate(student)], CALL, ON)
    assert model.verdict is Verdict.PASS
