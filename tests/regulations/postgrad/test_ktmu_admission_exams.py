"""KTMU arts 11, 12(1)–(6), 13 — specialist exam, commissions, results, international route."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bilim.regulations import Verdict
from bilim.regulations.core import params
from bilim.regulations.postgrad.admission_exams import (
    accepted_ales_types,
    admission_track,
    diploma_score_100,
    exam_languages,
    exam_session,
    gre_gmat_to_ales,
    international_commission,
    international_exam_conduct,
    international_oral_result,
    required_exam_parts,
    specialist_commission,
    specialist_exam_result,
    specialist_score,
    waived_oral_exam_mode,
    written_exam_waiver,
)

ON = dt.date(2026, 7, 25)
D = Decimal
scores = st.decimals(min_value=0, max_value=100, places=2)

# --- 12(1), 13(1) ---------------------------------------------------------------------------


@pytest.mark.rule("KTMU-12(1)-1", "KTMU-13(1)-1")
@pytest.mark.parametrize(
    ("citizenships", "country", "languages", "bilateral", "track"),
    [
        ({"KR"}, "KG", {"KY"}, False, "SPECIALIST_EXAM"),
        ({"KR"}, "RU", {"RU"}, False, "SPECIALIST_EXAM"),  # citizenship wins
        ({"TR"}, "DE", {"DE"}, False, "SPECIALIST_EXAM"),
        ({"KR", "FOREIGN"}, "KZ", {"RU"}, False, "SPECIALIST_EXAM"),  # A-09 dual citizen
        ({"FOREIGN"}, "KG", {"KY", "TR"}, False, "SPECIALIST_EXAM"),  # foreign KTMU graduate
        ({"FOREIGN"}, "TR", {"TR"}, False, "SPECIALIST_EXAM"),
        ({"FOREIGN"}, "KZ", {"RU"}, False, "INTERNATIONAL_ORAL"),  # 13(1)a
        ({"FOREIGN"}, "KG", {"RU"}, False, "INTERNATIONAL_ORAL"),  # 13(1)b
        ({"FOREIGN"}, "KG", {"KY"}, True, "INTERNATIONAL_ORAL"),  # 13(1)c bilateral
    ],
)
def test_KTMU_12_1_1_admission_track(citizenships: set, country: str, languages: set, bilateral: bool, track: str) -> None:
    out = admission_track(
        {"citizenships": citizenships, "diploma_country": country, "diploma_instruction_languages": languages, "bilateral_agreement": bilateral},
        ON,
    )
    assert out.value == track


@pytest.mark.rule("KTMU-11-1", "KTMU-12(5)-2")
def test_KTMU_11_1_written_and_oral_unless_waived_oral_always() -> None:
    assert required_exam_parts({"track": "SPECIALIST_EXAM"}, ON).value == ("WRITTEN", "ORAL")
    assert required_exam_parts({"track": "SPECIALIST_EXAM", "written_waived": True}, ON).value == ("ORAL",)
    assert required_exam_parts({"track": "INTERNATIONAL_ORAL"}, ON).value == ("ORAL",)
    # a waived candidate must still be scheduled for the oral exam
    assert required_exam_parts({"track": "SPECIALIST_EXAM", "written_waived": True, "planned_parts": set()}, ON).value is Verdict.FAIL
    assert required_exam_parts({"track": "SPECIALIST_EXAM", "planned_parts": {"ORAL"}}, ON).value is Verdict.FAIL


# --- 11, 13(2) ------------------------------------------------------------------------------


def _member(person: str, fos: str = "CS", **kw: bool) -> dict:
    return {"person": person, "fos": fos, "full_salaried_ktmu": True, "has_academic_degree": True, "has_academic_title": True, **kw}


CHAIN = [{"body": "FOS_HEAD", "act": "PROPOSE"}, {"body": "INSTITUTE_BOARD", "act": "DECIDE"}]


def _commission(**kw: object) -> dict:
    base = {
        "programme_fos": "CS",
        "own_fos_eligible_staff": 5,
        "proposed": [_member(p) for p in "ABCDE"],
        "principal": ["A", "B", "C"],
        "substitute": ["D", "E"],
        "approvals": CHAIN,
    }
    base.update(kw)
    return base


@pytest.mark.rule("KTMU-11-2")
def test_KTMU_11_2_three_principal_two_substitute_from_five_proposed() -> None:
    assert specialist_commission(_commission(), ON).value is Verdict.PASS
    assert specialist_commission(_commission(proposed=[_member(p) for p in "ABCD"], substitute=["D"]), ON).value is Verdict.FAIL
    assert specialist_commission(_commission(principal=["A", "B"], substitute=["D", "E"]), ON).value is Verdict.FAIL
    assert specialist_commission(_commission(principal=["A", "B", "X"]), ON).value is Verdict.FAIL
    no_title = [_member("A", has_academic_title=False)] + [_member(p) for p in "BCDE"]
    assert specialist_commission(_commission(proposed=no_title), ON).value is Verdict.FAIL
    assert specialist_commission(_commission(approvals=CHAIN[1:]), ON).value is Verdict.FAIL


@pytest.mark.rule("KTMU-11-3")
def test_KTMU_11_3_members_from_nearest_fos_only_when_own_fos_lacks_staff() -> None:
    mixed = [_member(p) for p in "ABCD"] + [_member("E", fos="MATH")]
    f = _commission(proposed=mixed, related_fos={"MATH"}, own_fos_eligible_staff=4)
    assert specialist_commission(f, ON).value is Verdict.PASS
    assert specialist_commission({**f, "own_fos_eligible_staff": 5}, ON).value is Verdict.FAIL
    assert specialist_commission({**f, "related_fos": {"PHYS"}}, ON).value is Verdict.FAIL
    # original 11: the nearest-FoS member need be full-salaried teaching staff; degree/title not restated
    untitled = [_member(p) for p in "ABCD"] + [_member("E", fos="MATH", has_academic_title=False)]
    assert specialist_commission({**f, "proposed": untitled}, ON).value is Verdict.PASS
    part_time = [_member(p) for p in "ABCD"] + [_member("E", fos="MATH", full_salaried_ktmu=False)]
    assert specialist_commission({**f, "proposed": part_time}, ON).value is Verdict.FAIL


@pytest.mark.rule("KTMU-13(2)-1")
@pytest.mark.parametrize(("members", "expected"), [(["A", "B"], Verdict.FAIL), (["A", "B", "C"], Verdict.PASS), (["A", "B", "C", "D"], Verdict.FAIL)])
def test_KTMU_13_2_1_international_commission_of_three(members: list, expected: Verdict) -> None:
    assert international_commission({"members": members, "approvals": CHAIN}, ON).value is expected


@pytest.mark.rule("KTMU-13(2)-1")
def test_KTMU_13_2_1_international_commission_needs_board_decision() -> None:
    assert international_commission({"members": ["A", "B", "C"], "approvals": CHAIN[:1]}, ON).value is Verdict.FAIL


# --- 12(2), 12(4) -------------------------------------------------------------------------


@pytest.mark.rule("KTMU-12(2)-1")
def test_KTMU_12_2_1_diploma_grade_to_100_points() -> None:
    assert diploma_score_100({"grade": "83.45", "scale": "100"}, ON).value == D("83.45")
    table = {"4": [["0", "0", "0"], ["2", "2", "60"], ["4", "4", "100"]], "100": [["0", "0", "0"], ["100", "4", "100"]]}
    store = params.store().with_version("ktmu.adm.grade_conversion_table", dt.date(2026, 1, 1), table)
    with params.using(store):
        # 3.00 halfway between 2 (60) and 4 (100) → 80 exactly
        assert diploma_score_100({"grade": "3.00", "scale": "4"}, ON).value == D(80)
        assert diploma_score_100({"grade": "2", "scale": "4"}, ON).value == D(60)


@pytest.mark.rule("KTMU-12(2)-1")
@given(st.decimals(min_value=0, max_value=4, places=2))
def test_KTMU_12_2_1_conversion_within_0_100(gpa: Decimal) -> None:
    assert D(0) <= diploma_score_100({"grade": gpa, "scale": "4"}, ON).value <= D(100)


@pytest.mark.rule("KTMU-12(4)-1", "KTMU-12(4)-2")
def test_KTMU_12_4_1_exam_as_announced_or_changed_by_board() -> None:
    f = {
        "announced_date": "2026-07-25", "announced_time": "10:00", "announced_place": "B-101",
        "held_date": "2026-07-25", "held_time": "10:00", "held_place": "B-101",
    }
    assert exam_session(f, ON).value is Verdict.PASS
    moved = {**f, "held_date": "2026-07-26"}
    assert exam_session(moved, ON).value is Verdict.FAIL
    assert exam_session({**moved, "institute_board_decision": True}, ON).value is Verdict.PASS
    assert exam_session({**f, "online": True}, ON).value is Verdict.FAIL
    assert exam_session({**f, "online": True, "institute_board_decision": True}, ON).value is Verdict.PASS


@pytest.mark.rule("KTMU-12(4)a-1")
def test_KTMU_12_4a_1_written_questions_in_kyrgyz_and_turkish() -> None:
    f = {"programme_languages": {"KY", "TR"}, "written_question_languages": {"KY", "TR"}, "written_answer_language": "TR"}
    assert exam_languages(f, ON).value is Verdict.PASS
    assert exam_languages({**f, "written_question_languages": {"KY", "TR", "RU", "EN"}, "written_answer_language": "RU"}, ON).value is Verdict.PASS
    assert exam_languages({**f, "written_question_languages": {"TR"}}, ON).value is Verdict.FAIL
    assert exam_languages({**f, "written_question_languages": {"KY", "TR", "DE"}}, ON).value is Verdict.FAIL
    assert exam_languages({**f, "written_answer_language": "EN"}, ON).value is Verdict.FAIL


@pytest.mark.rule("KTMU-12(4)a-2")
def test_KTMU_12_4a_2_oral_in_the_candidates_language() -> None:
    f = {"programme_languages": {"KY", "TR"}, "written_question_languages": {"KY", "TR"}, "written_answer_language": "KY", "oral_language": "RU"}
    assert exam_languages(f, ON).value is Verdict.PASS


@pytest.mark.rule("KTMU-12(5)-4")
def test_KTMU_12_5_4_online_oral_exam_video_recorded() -> None:
    assert waived_oral_exam_mode({"mode": "ON_SITE"}, ON).value is Verdict.PASS
    assert waived_oral_exam_mode({"mode": "ONLINE"}, ON).value is Verdict.FAIL
    assert waived_oral_exam_mode({"mode": "ONLINE", "video_recording_ref": "rec-42"}, ON).value is Verdict.PASS


@pytest.mark.rule("KTMU-12(4)b-1")
def test_KTMU_12_4b_1_foreign_language_programme_exam_in_that_language() -> None:
    f = {"programme_languages": {"EN"}, "written_question_languages": {"EN"}, "written_answer_language": "EN", "oral_language": "EN"}
    assert exam_languages(f, ON).value is Verdict.PASS
    assert exam_languages({**f, "oral_language": "TR"}, ON).value is Verdict.FAIL
    assert exam_languages({**f, "written_question_languages": {"EN", "KY"}}, ON).value is Verdict.FAIL


# --- 12(4)c, 12(6) ------------------------------------------------------------------------


@pytest.mark.rule("KTMU-12(4)c-1")
def test_KTMU_12_4c_1_fifty_fifty_exact() -> None:
    assert specialist_score({"written": "70", "oral": "91"}, ON).value == D("80.5")
    assert specialist_score({"written": "70.01", "oral": "70"}, ON).value == D("70.005")  # no rounding


@pytest.mark.rule("KTMU-12(4)c-1")
def test_KTMU_12_4c_1_waived_written_a11_readings() -> None:
    assert specialist_score({"written_waived": True, "oral": "84", "ales_score": "90"}, ON).value == D(84)
    store = params.store().with_version("ktmu.adm.waived_written_reading", dt.date(2026, 1, 1), "ales_substitute")
    with params.using(store):
        assert specialist_score({"written_waived": True, "oral": "84", "ales_score": "90"}, ON).value == D(87)


@pytest.mark.rule("KTMU-12(4)c-1")
@given(scores, scores)
def test_KTMU_12_4c_1_bounds(written: Decimal, oral: Decimal) -> None:
    s = specialist_score({"written": written, "oral": oral}, ON).value
    assert min(written, oral) <= s <= max(written, oral)


@pytest.mark.rule("KTMU-12(6)-1")
@pytest.mark.parametrize(
    ("written", "oral", "expected"),
    [
        ("69.99", "90", Verdict.FAIL),
        ("70", "90", Verdict.PASS),
        ("70.01", "90", Verdict.PASS),
        ("90", "69.99", Verdict.FAIL),
        ("90", "70", Verdict.PASS),
        ("100", "0", Verdict.FAIL),  # a high written score does not compensate
    ],
)
def test_KTMU_12_6_1_each_part_at_least_70(written: str, oral: str, expected: Verdict) -> None:
    assert specialist_exam_result({"written": written, "oral": oral}, ON).value is expected


@pytest.mark.rule("KTMU-12(6)-1")
def test_KTMU_12_6_1_absent_fails_waived_written_not_tested() -> None:
    assert specialist_exam_result({"absent": True, "written": "90", "oral": "90"}, ON).value is Verdict.FAIL
    assert specialist_exam_result({"written": "90"}, ON).value is Verdict.FAIL  # did not sit the oral
    assert specialist_exam_result({"written_waived": True, "oral": "70"}, ON).value is Verdict.PASS
    assert specialist_exam_result({"written_waived": True, "oral": "69.99"}, ON).value is Verdict.FAIL


# --- 12(5) -----------------------------------------------------------------------------------


def _waiver(**kw: object) -> dict:
    base = {
        "declared_in_application": True, "exam": "ALES", "score": "55", "ales_type": "SAY", "exam_date": "2025-05-10",
        "programme_accepted_ales_types": {"SAY", "EA"}, "application_end": "2026-07-20",
    }
    base.update(kw)
    return base


@pytest.mark.rule("KTMU-12(5)-1")
@pytest.mark.parametrize(("score", "state"), [("54.99", "REQUIRED"), ("55", "WAIVED"), ("55.01", "WAIVED")])
def test_KTMU_12_5_1_ales_at_least_55_waives_written(score: str, state: str) -> None:
    assert written_exam_waiver(_waiver(score=score), ON).value == state


@pytest.mark.rule("KTMU-12(5)-1", "KTMU-12(5)-5")
def test_KTMU_12_5_1_waiver_needs_declaration_valid_certificate_accepted_type() -> None:
    assert written_exam_waiver(_waiver(declared_in_application=False, score="90"), ON).value == "REQUIRED"
    assert written_exam_waiver(_waiver(ales_type="SÖZ", score="90"), ON).value == "REQUIRED"
    assert written_exam_waiver(_waiver(exam_date="2023-07-19", score="90"), ON).value == "REQUIRED"  # 3 years end 19.07.2026
    assert written_exam_waiver(_waiver(exam_date="2023-07-20", score="90"), ON).value == "WAIVED"


@pytest.mark.rule("KTMU-12(5)-3", "KTMU-12(5)-1")
def test_KTMU_12_5_3_gre_gmat_through_senate_table() -> None:
    # No Senate table loaded → no GRE waiver
    assert written_exam_waiver(_waiver(exam="GRE", score="320", exam_date="2022-01-01"), ON).value == "REQUIRED"
    table = {"GRE": [["300", "50"], ["310", "55"], ["320", "60"]], "GMAT": [["500", "55"]]}
    store = params.store().with_version("ktmu.adm.gre_gmat_to_ales_table", dt.date(2026, 1, 1), table)
    with params.using(store):
        assert gre_gmat_to_ales({"exam": "GRE", "score": "309"}, ON).value == D(50)
        assert gre_gmat_to_ales({"exam": "GRE", "score": "310"}, ON).value == D(55)
        assert gre_gmat_to_ales({"exam": "GMAT", "score": "499"}, ON).value is None
        assert written_exam_waiver(_waiver(exam="GRE", score="309", exam_date="2022-01-01"), ON).value == "REQUIRED"
        assert written_exam_waiver(_waiver(exam="GRE", score="310", exam_date="2022-01-01"), ON).value == "WAIVED"
        # GRE valid 5 years: taken 19.07.2021 → expired on 20.07.2026
        assert written_exam_waiver(_waiver(exam="GRE", score="320", exam_date="2021-07-19"), ON).value == "REQUIRED"


@pytest.mark.rule("KTMU-12(5)-3", "KTMU-12(5)-1")
def test_KTMU_12_5_3_empty_table_says_so_and_a_converted_score_with_its_source_is_accepted() -> None:
    # the table ships empty: the explanation says the Senate's table is not loaded (not a silent "no equivalent")
    raw = gre_gmat_to_ales({"exam": "GRE", "score": "320"}, ON)
    assert raw.value is None and raw.explanation.message_key == "ktmu.adm.ales.table_empty"
    assert "has not been loaded" in raw.message("en") and "GRE" in raw.message("ky")
    waiver = written_exam_waiver(_waiver(exam="GRE", score="320", exam_date="2022-01-01"), ON)
    assert waiver.value == "REQUIRED" and waiver.explanation.children[-1].message_key == "ktmu.adm.ales.table_empty"
    # already converted by a named source: accepted at the boundary of the waiver (55 waives, 54.99 does not)
    source = {"converted_ales": "55", "conversion_source": "ÖSYM equivalence table 2024"}
    converted = gre_gmat_to_ales({"exam": "GRE", "score": "320", **source}, ON)
    assert converted.value == D(55) and "ÖSYM equivalence table 2024" in converted.message("en")
    assert written_exam_waiver(_waiver(exam="GRE", score="320", exam_date="2022-01-01", **source), ON).value == "WAIVED"
    low = {**source, "converted_ales": "54.99"}
    assert written_exam_waiver(_waiver(exam="GMAT", score="560", exam_date="2022-01-01", **low), ON).value == "REQUIRED"
    with pytest.raises(ValueError, match="conversion_source"):  # a converted score without its source is refused
        gre_gmat_to_ales({"exam": "GRE", "score": "320", "converted_ales": "60"}, ON)


@pytest.mark.rule("KTMU-12(5)-6")
def test_KTMU_12_5_6_ales_types_decided_by_board_on_fos_proposal() -> None:
    assert accepted_ales_types({"accepted_ales_types": {"SAY"}, "approvals": CHAIN}, ON).value is Verdict.PASS
    assert accepted_ales_types({"accepted_ales_types": {"SAY"}, "approvals": CHAIN[1:]}, ON).value is Verdict.FAIL
    assert accepted_ales_types({"accepted_ales_types": set(), "approvals": CHAIN}, ON).value is Verdict.FAIL


# --- 13(1)c ------------------------------------------------------------------------------------


@pytest.mark.rule("KTMU-13(1)c-2")
def test_KTMU_13_1c_2_oral_only_in_chosen_language() -> None:
    assert international_exam_conduct({"parts": {"ORAL"}, "exam_language": "RU", "preferred_language": "RU"}, ON).value is Verdict.PASS
    assert international_exam_conduct({"parts": {"ORAL", "WRITTEN"}, "exam_language": "RU", "preferred_language": "RU"}, ON).value is Verdict.FAIL
    assert international_exam_conduct({"parts": {"ORAL"}, "exam_language": "TR", "preferred_language": "RU"}, ON).value is Verdict.FAIL


@pytest.mark.rule("KTMU-13(1)c-3")
@pytest.mark.parametrize(("oral", "expected"), [("69.99", Verdict.FAIL), ("70", Verdict.PASS), ("70.01", Verdict.PASS), (None, Verdict.FAIL)])
def test_KTMU_13_1c_3_international_oral_at_least_70(oral: str | None, expected: Verdict) -> None:
    assert international_oral_result({"oral": oral}, ON).value is expected
