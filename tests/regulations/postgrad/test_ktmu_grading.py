"""KTMU art. 32, Table 1, end note 2, art. 46 — grading by the rules' boundaries."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from bilim.regulations.core import NotCovered, Verdict, params
from bilim.regulations.postgrad.grading import (
    course_pass,
    course_result,
    grade_for_score,
    grade_submission,
    grading_table_in_force,
    instruction_in_force,
    non_credit_grade,
    validate_grading_table,
    weight_plan,
)

D = dt.date
EXAM = D(2025, 1, 15)  # an exam of the 2024–2025 academic year: the amended Table 1 applies

# Table 1 as printed (catalogue §3.1): lower bound, upper bound, coefficient, letter.
PRINTED = [
    ("89.00", "100.00", "4.00", "AA"),
    ("82.40", "88.90", "3.50", "BA"),
    ("75.00", "82.30", "3.00", "BB"),
    ("67.50", "74.90", "2.50", "CB"),
    ("60.00", "67.40", "2.00", "CC"),
    ("55.00", "59.90", "1.50", "DC"),
    ("50.00", "54.90", "1.00", "DD"),
    ("40.00", "49.90", "0.50", "FD"),
    ("0.00", "39.90", "0.00", "FF"),
]


def _edges() -> list[tuple[str, str]]:
    """Every printed edge is in its own band; scores between printed bands round half-up to one
    decimal (A-57): x.x5 goes up to the next band, x.x4 stays below."""
    cases: list[tuple[str, str]] = []
    for i, (low, high, _, letter) in enumerate(PRINTED):
        cases += [(low, letter), (high, letter)]
        if i + 1 < len(PRINTED):
            below = PRINTED[i + 1][3]
            lo = Decimal(low)
            cases += [(str(lo - Decimal("0.05")), letter), (str(lo - Decimal("0.06")), below), (str(lo - Decimal("0.01")), letter)]
    return cases


@pytest.mark.rule("KTMU-T1-1", "KTMU-32(4)-1", "KTMU-32(10)-1")
@pytest.mark.parametrize(("score", "letter"), _edges())
def test_KTMU_T1_1_band_edges_inclusive_and_rounding_between_bands(score: str, letter: str) -> None:
    outcome = grade_for_score(score, "MA", EXAM)
    assert outcome.value.letter == letter
    coef = {let: c for _, _, c, let in PRINTED}[letter]
    assert outcome.value.coefficient == Decimal(coef)


@pytest.mark.rule("KTMU-T1-1")
@pytest.mark.parametrize(("score", "letter"), [("82.35", "BA"), ("82.34", "BB"), ("88.95", "AA"), ("88.94", "BA"), ("59.95", "CC"), ("49.95", "DD"), ("39.95", "FD")])
def test_KTMU_T1_1_catalogue_rounding_examples(score: str, letter: str) -> None:
    assert grade_for_score(score, "PHD", EXAM).value.letter == letter


@pytest.mark.rule("KTMU-T1-1")
def test_KTMU_T1_1_lower_bound_alternative_reading() -> None:
    alt = params.store().with_version("ktmu.grading.score_lookup", D(2030, 1, 1), {"method": "lower_bound", "places": 1})
    with params.using(alt):
        assert grade_for_score("82.35", "MA", D(2030, 1, 10)).value.letter == "BB"
        assert grade_for_score("88.95", "MA", D(2030, 1, 10)).value.letter == "BA"
        assert grade_for_score("82.35", "MA", D(2029, 12, 31)).value.letter == "BA"


@pytest.mark.rule("KTMU-T1-1")
def test_KTMU_T1_1_score_is_exact_decimal_not_float() -> None:
    # 82.35 as a binary float is 82.34999…; the score must be handled as the decimal entered.
    assert grade_for_score(Decimal("82.35"), "MA", EXAM).value.letter == "BA"
    with pytest.raises(ValueError):
        grade_for_score("100.01", "MA", EXAM)


@pytest.mark.rule("KTMU-EN-2")
def test_KTMU_EN_2_table_in_force_on_the_exam_date() -> None:
    # A synthetic earlier table (a stricter AA band) in force from 2021-09-01: exams before the
    # 2024-09-01 version use it, exams from that day use the amended table.
    old = {
        "step": "0.10",
        "bands": [
            {"lower": "90.00", "upper": "100.00", "coefficient": "4.00", "letter": "AA"},
            {"lower": "0.00", "upper": "89.90", "coefficient": "0.00", "letter": "FF"},
        ],
    }
    store = params.store().with_version("ktmu.grading_table", D(2021, 9, 1), old, decided_by="synthetic 2021 table")
    with params.using(store):
        assert grade_for_score("89.5", "MA", D(2024, 8, 31)).value.letter == "FF"
        assert grade_for_score("89.5", "MA", D(2024, 9, 1)).value.letter == "AA"
        assert grading_table_in_force({"exam_date": D(2024, 8, 31)}, D(2026, 1, 1)).value == D(2021, 9, 1)
        assert grading_table_in_force({"exam_date": D(2024, 9, 1)}, D(2026, 1, 1)).value == D(2024, 9, 1)


@pytest.mark.rule("KTMU-EN-2")
def test_KTMU_EN_2_exam_before_any_table_is_not_covered() -> None:
    with pytest.raises(NotCovered):
        grade_for_score("75", "MA", D(2024, 8, 31))
    with pytest.raises(NotCovered):
        grading_table_in_force({"exam_date": D(2024, 8, 31)}, D(2026, 1, 1))


@pytest.mark.rule_table("KTMU-T1-1")
@pytest.mark.parametrize(
    ("bands", "problem"),
    [
        ([("89.00", "100.00", "4.00", "AA"), ("0.00", "88.80", "0.00", "FF")], "gap"),
        ([("89.00", "100.00", "4.00", "AA"), ("0.00", "89.00", "0.00", "FF")], "overlap"),
        ([("89.00", "99.90", "4.00", "AA"), ("0.00", "88.90", "0.00", "FF")], "100"),
        ([("89.00", "100.00", "4.00", "AA"), ("0.10", "88.90", "0.00", "FF")], "start at 0"),
    ],
)
def test_KTMU_T1_1_validator_rejects_gaps_overlaps_and_partial_coverage(bands: list[tuple[str, str, str, str]], problem: str) -> None:
    table = {"step": "0.10", "bands": [{"lower": a, "upper": b, "coefficient": c, "letter": let} for a, b, c, let in bands]}
    with pytest.raises(ValueError, match=problem):
        validate_grading_table(table)
    with pytest.raises(ValueError):
        params.store().with_version("ktmu.grading_table", D(2031, 1, 1), table)


@pytest.mark.rule_table("KTMU-T1-1")
def test_KTMU_T1_1_validator_accepts_the_printed_table() -> None:
    validate_grading_table({"step": "0.10", "bands": [{"lower": a, "upper": b, "coefficient": c, "letter": let} for a, b, c, let in PRINTED]})


@pytest.mark.rule("KTMU-32(5)-1", "KTMU-T1-4")
@pytest.mark.parametrize(
    ("letter", "level", "verdict"),
    [
        ("CC", "MA", Verdict.PASS),  # master's minimum is CC
        ("DC", "MA", Verdict.FAIL),
        ("CB", "PHD", Verdict.PASS),  # doctoral minimum is CB
        ("CC", "PHD", Verdict.FAIL),
        ("CC", "AI", Verdict.FAIL),
        ("CB", "AI", Verdict.PASS),
        ("FD", "MA", Verdict.FAIL),  # FD, FF fail at every level
        ("FF", "MA", Verdict.FAIL),
        ("AA", "PHD", Verdict.PASS),
        ("F2", "MA", Verdict.FAIL),
    ],
)
def test_KTMU_32_5_1_course_pass_per_level(letter: str, level: str, verdict: Verdict) -> None:
    assert course_pass({"letter": letter, "level": level}, EXAM).value is verdict


@pytest.mark.rule("KTMU-32(5)-1")
@pytest.mark.parametrize(("score", "level", "passed"), [("60.00", "MA", True), ("59.94", "MA", False), ("59.95", "MA", True), ("67.50", "PHD", True), ("67.44", "PHD", False), ("67.45", "AI", True)])
def test_KTMU_32_5_1_pass_threshold_on_the_score(score: str, level: str, passed: bool) -> None:
    assert grade_for_score(score, level, EXAM).value.passed is passed


def _course(mid: str | None, final: str | None, *, attendance: bool = True, level: str = "MA", w_final: str = "0.6", excused: bool = False) -> dict:
    w_mid = str(Decimal(1) - Decimal(w_final))
    return {
        "level": level,
        "exam_date": EXAM,
        "attendance_ok": attendance,
        "final_excused": excused,
        "components": [{"kind": "MIDTERM", "weight": w_mid, "score": mid}, {"kind": "FINAL", "weight": w_final, "score": final}],
    }


@pytest.mark.rule("KTMU-32(3)-1")
@pytest.mark.parametrize(("mid", "letter"), [("50", "BB"), ("49.99", "FF"), ("49", "FF")])
def test_KTMU_32_3_1_midterm_below_50_fails_whatever_the_final(mid: str, letter: str) -> None:
    # final 100 × 0.6 + midterm ~50 × 0.4 = ~80 (BB) would pass; the midterm rule overrides.
    grade = course_result(_course(mid, "100", w_final="0.6"), EXAM).value
    if letter == "FF":
        assert grade.letter == "FF" and grade.reason == "MIDTERM_BELOW_50" and not grade.passed
    else:
        assert grade.letter == "BB" and grade.passed  # 50×0.4 + 100×0.6 = 80.0


@pytest.mark.rule("KTMU-32(3)-1", "KTMU-T1-6")
def test_KTMU_T1_6_no_final_is_F2_unless_excused() -> None:
    grade = course_result(_course("90", None), EXAM).value
    assert grade.letter == "F2" and not grade.passed and grade.coefficient == 0
    assert course_result(_course("90", None, excused=True), EXAM).value is None


@pytest.mark.rule("KTMU-T1-5")
def test_KTMU_T1_5_attendance_failure_is_F1_before_anything_else() -> None:
    grade = course_result(_course("100", "100", attendance=False), EXAM).value
    assert grade.letter == "F1" and not grade.passed and grade.coefficient == 0


@pytest.mark.rule("KTMU-T1-7")
def test_KTMU_T1_7_missed_midterm_is_GM_and_fails() -> None:
    grade = course_result(_course(None, "100"), EXAM).value
    assert grade.letter == "GM" and not grade.passed


@pytest.mark.rule("KTMU-32(1)-1")
@pytest.mark.parametrize(("w_final", "verdict"), [("0.40", Verdict.PASS), ("0.39", Verdict.FAIL), ("0.60", Verdict.PASS), ("0.61", Verdict.FAIL), ("0.5", Verdict.PASS)])
def test_KTMU_32_1_1_final_weight_between_40_and_60_percent(w_final: str, verdict: Verdict) -> None:
    w_mid = str(Decimal(1) - Decimal(w_final))
    plan = {"components": [{"kind": "MIDTERM", "weight": w_mid}, {"kind": "FINAL", "weight": w_final}]}
    assert weight_plan(plan, EXAM).value is verdict


@pytest.mark.rule("KTMU-32(1)-1")
def test_KTMU_32_1_1_weights_must_add_up_to_one() -> None:
    plan = {"components": [{"kind": "MIDTERM", "weight": "0.3"}, {"kind": "FINAL", "weight": "0.6"}]}
    assert weight_plan(plan, EXAM).value is Verdict.FAIL


@pytest.mark.rule("KTMU-32(8)-1", "KTMU-T1-2", "KTMU-T1-3")
@pytest.mark.parametrize(
    ("course_type", "grade", "verdict"),
    [("QE", "G", Verdict.PASS), ("MA_THESIS", "K", Verdict.FAIL), ("SEMINAR", "AA", Verdict.FAIL), ("REGULAR", "G", Verdict.FAIL), ("REGULAR", "BB", Verdict.PASS)],
)
def test_KTMU_32_8_1_non_credit_work_is_graded_G_or_K(course_type: str, grade: str, verdict: Verdict) -> None:
    assert non_credit_grade({"course_type": course_type, "grade": grade}, EXAM).value is verdict


@pytest.mark.rule("KTMU-32(6)-1")
@pytest.mark.parametrize(
    ("submitted", "verdict"),
    [(D(2025, 1, 22), Verdict.PASS), (D(2025, 1, 23), Verdict.FAIL), (D(2025, 1, 16), Verdict.PASS)],
)
def test_KTMU_32_6_1_scores_within_7_days_of_the_exam(submitted: dt.date, verdict: Verdict) -> None:
    facts = {"exam_date": EXAM, "submitted_on": submitted, "papers_attached": True, "via_fos_head": True}
    assert grade_submission(facts, D(2025, 2, 1)).value is verdict


@pytest.mark.rule("KTMU-32(6)-1")
def test_KTMU_32_6_1_pending_incomplete_and_overdue() -> None:
    assert grade_submission({"exam_date": EXAM}, D(2025, 1, 22)).value is Verdict.WARN
    assert grade_submission({"exam_date": EXAM}, D(2025, 1, 23)).value is Verdict.FAIL
    facts = {"exam_date": EXAM, "submitted_on": D(2025, 1, 20), "papers_attached": False, "via_fos_head": True}
    assert grade_submission(facts, D(2025, 2, 1)).value is Verdict.FAIL


@pytest.mark.rule("KTMU-46-1")
@pytest.mark.parametrize(("on", "verdict"), [(D(2021, 8, 31), Verdict.FAIL), (D(2021, 9, 1), Verdict.PASS), (D(2026, 11, 21), Verdict.PASS)])
def test_KTMU_46_1_in_force_from_2021_2022(on: dt.date, verdict: Verdict) -> None:
    assert instruction_in_force({"on": on}, on).value is verdict


@pytest.mark.rule("KTMU-T1-1")
def test_KTMU_T1_1_explanation_names_the_table_version_and_renders() -> None:
    outcome = grade_for_score("82.35", "MA", EXAM)
    names = [p.name for p in outcome.explanation.params]
    assert "ktmu.grading_table" in names and "ktmu.grading.score_lookup" in names
    assert "KTMU-EN-2" in outcome.explanation.all_rule_ids()
    assert "82,4" in outcome.message("ky") and "BA" in outcome.message("tr")


@pytest.mark.rule("KTMU-32(1)-1", "KTMU-32(3)-1")
def test_KTMU_32_1_1_course_with_invalid_weight_plan_cannot_be_graded() -> None:
    from bilim.regulations.core import RuleError

    with pytest.raises(RuleError):
        course_result(_course("80", "80", w_final="0.7"), EXAM)


# --- properties of the score → letter mapping ---------------------------------------------

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

score_st = st.decimals(min_value=0, max_value=100, places=2, allow_nan=False, allow_infinity=False)


@pytest.mark.rule("KTMU-T1-1")
@settings(max_examples=300, deadline=None)
@given(score_st, score_st)
def test_KTMU_T1_1_higher_score_never_gets_a_lower_coefficient(a: Decimal, b: Decimal) -> None:
    lo, hi = sorted((a, b))
    g_lo = grade_for_score(lo, "MA", EXAM).value
    g_hi = grade_for_score(hi, "MA", EXAM).value
    assert g_lo.coefficient <= g_hi.coefficient
    assert Decimal(0) <= g_lo.coefficient <= Decimal(4)


@pytest.mark.rule("KTMU-T1-1", "KTMU-32(5)-1")
@settings(max_examples=200, deadline=None)
@given(score_st)
def test_KTMU_T1_1_every_score_has_exactly_one_band_and_pass_matches_the_level_minimum(score: Decimal) -> None:
    # equivalent thresholds on the unrounded score (catalogue §3.3): CC ≥ 59.95, CB ≥ 67.45
    ma = grade_for_score(score, "MA", EXAM).value
    phd = grade_for_score(score, "PHD", EXAM).value
    assert ma.letter == phd.letter  # the band does not depend on the level
    assert ma.passed is (score >= Decimal("59.95"))
    assert phd.passed is (score >= Decimal("67.45"))


@pytest.mark.rule("KTMU-46-1")
def test_KTMU_46_1_before_the_first_recorded_start_the_first_version_is_read() -> None:
    """A date before every recorded version is judged against the first start date, even when a later
    (amended) start date has been recorded since."""
    name = "ktmu.grading.instruction_in_force_from"
    store = params.store().with_version(name, dt.date(2030, 1, 1), dt.date(2030, 1, 1), decided_by="test")
    with params.using(store):
        early = instruction_in_force({"on": dt.date(2020, 9, 1)}, dt.date(2020, 9, 1))
        assert early.value is Verdict.FAIL
        assert early.explanation.message_values["start"] == dt.date(2021, 9, 1)
