"""OSU 3.4-1, 4.5-1, 4.8 FD-10…FD-13: grade conversion and recognition decisions (engineer A)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bilim.regulations.core import Verdict
from bilim.regulations.mobility.recognition import (
    convert_grade,
    ects_credits,
    no_equivalent_target,
    recognition_complete,
    recognition_recorded,
    refusal_reasoned,
)

D = dt.date
ON = D(2026, 11, 21)

HOST = [{"grade": g, "percent": p} for g, p in [("A", 10), ("B", 25), ("C", 30), ("D", 25), ("E", 10)]]
HOME = [
    {"min_score": 87, "max_score": 100, "percent": 20},
    {"min_score": 74, "max_score": 86, "percent": 40},
    {"min_score": 61, "max_score": 73, "percent": 40},
]


@pytest.mark.rule("OSU-4.8-FD-11")
@pytest.mark.parametrize(
    ("grade", "score"),
    [
        # A holds the top 0–10 % of the host group, midpoint 5 %; OshSU's top band 87–100 holds 0–20 %:
        # 100 − 5/20 × 13 = 96.75 → 97 (half-up).
        ("A", 97),
        # C: 35–65 %, midpoint 50 %, in OshSU's 74–86 band (20–60 %): 86 − 30/40 × 12 = 77.
        ("C", 77),
        # E: 90–100 %, midpoint 95 %, in the 61–73 band (60–100 %): 73 − 35/40 × 12 = 62.5 → 63 (half-up).
        ("E", 63),
    ],
)
def test_OSU_4_8_FD_11_grade_distribution_method(grade, score) -> None:
    out = convert_grade({"grade": grade, "grade_scale": "ECTS", "host_distribution": HOST, "home_distribution": HOME}, ON)
    assert out.value.status == "CONVERTED" and out.value.method == "GRADE_DISTRIBUTION"
    assert out.value.score_100 == Decimal(score)


@pytest.mark.rule("OSU-4.8-FD-11")
def test_OSU_4_8_FD_11_points_table_and_refusals() -> None:
    pts = convert_grade({"grade": "73,5", "grade_scale": "POINTS_100"}, ON).value
    assert pts.status == "CONVERTED" and pts.score_100 == Decimal("73.5")
    assert convert_grade({"grade": "100", "grade_scale": "POINTS_100"}, ON).value.score_100 == 100
    assert convert_grade({"grade": "100.01", "grade_scale": "POINTS_100"}, ON).value.status == "REFUSED"
    assert convert_grade({"grade": "AA", "grade_scale": "POINTS_100"}, ON).value.status == "REFUSED"
    table = [{"grade": "AA", "score_100": 95}, {"grade": "BA", "score_100": 88}]
    t = convert_grade({"grade": "BA", "grade_scale": "TR_4", "partner_table": table, "partner_table_id": "T-7",
                       "host_distribution": HOST, "home_distribution": HOME}, ON).value
    assert (t.status, t.score_100, t.method, t.basis) == ("CONVERTED", 88, "PARTNER_TABLE", "T-7")  # table first
    # grade absent from the table but present in the distribution → the distribution method
    d = convert_grade({"grade": "C", "grade_scale": "ECTS", "partner_table": table, "host_distribution": HOST,
                       "home_distribution": HOME}, ON).value
    assert d.method == "GRADE_DISTRIBUTION"
    none = convert_grade({"grade": "B", "grade_scale": "ECTS"}, ON)
    assert none.value.status == "REFUSED" and none.value.reason == "osu.convert.refused_no_basis"
    assert "B" in none.message("ky") and "баш тартылды" in none.message("ky")
    unknown = convert_grade({"grade": "Z", "grade_scale": "ECTS", "partner_table": table}, ON).value
    assert unknown.reason == "osu.convert.refused_grade_unknown"
    bad = [{"grade": "A", "percent": 50}, {"grade": "B", "percent": 49}]  # adds up to 99 %
    inc = convert_grade({"grade": "A", "grade_scale": "ECTS", "host_distribution": bad, "home_distribution": HOME}, ON)
    assert inc.value.reason == "osu.convert.refused_incomplete_table"


def _split(total: int, parts: int, draw) -> list[int]:
    cuts = sorted(draw(st.lists(st.integers(0, total), min_size=parts - 1, max_size=parts - 1)))
    edges = [0, *cuts, total]
    return [edges[i + 1] - edges[i] for i in range(parts)]


@pytest.mark.rule("OSU-4.8-FD-11")
@settings(max_examples=60, deadline=None)
@given(st.data())
def test_OSU_4_8_FD_11_distribution_conversion_is_monotone_and_bounded(data) -> None:
    n_host = data.draw(st.integers(2, 7))
    host = [{"grade": f"G{i}", "percent": p} for i, p in enumerate(_split(100, n_host, data.draw))]
    n_home = data.draw(st.integers(1, 5))
    bounds = sorted(data.draw(st.lists(st.integers(0, 100), min_size=n_home * 2, max_size=n_home * 2, unique=True)),
                    reverse=True)
    home = []
    pcts = _split(100, n_home, data.draw)
    for k in range(n_home):
        home.append({"max_score": bounds[2 * k], "min_score": bounds[2 * k + 1], "percent": pcts[k]})
    scores = []
    for row in host:
        out = convert_grade({"grade": row["grade"], "grade_scale": "X", "host_distribution": host, "home_distribution": home}, ON)
        assert out.value.status == "CONVERTED"
        assert 0 <= out.value.score_100 <= 100
        scores.append(out.value.score_100)
    # a better host grade never converts to fewer points than a worse one
    assert all(scores[i] >= scores[i + 1] for i in range(len(scores) - 1))


@pytest.mark.rule("OSU-4.8-FD-10")
def test_OSU_4_8_FD_10_every_result_needs_an_fd_decision() -> None:
    ids = ["r1", "r2"]
    dec = [{"result_id": "r1", "decision": "RECOGNISED", "decided_by_role": "DEAN"}]
    assert recognition_complete({"host_result_ids": ids, "decisions": dec}, ON).value == Verdict.FAIL
    dec.append({"result_id": "r2", "decision": "REFUSED", "decided_by_role": "OTHER", "reason": "x"})
    assert recognition_complete({"host_result_ids": ids, "decisions": dec}, ON).value == Verdict.FAIL  # not FD
    dec[1]["decided_by_role"] = "FD_DEPUTY"
    assert recognition_complete({"host_result_ids": ids, "decisions": dec}, ON).value == Verdict.PASS


@pytest.mark.rule("OSU-4.8-FD-12")
def test_OSU_4_8_FD_12_refusal_needs_reasons() -> None:
    assert refusal_reasoned({"result_id": "r", "decision": "REFUSED", "reason": "  "}, ON).value == Verdict.FAIL
    assert refusal_reasoned({"result_id": "r", "decision": "REFUSED"}, ON).value == Verdict.FAIL
    ok = refusal_reasoned({"result_id": "r", "decision": "REFUSED", "reason": "content covers 40 % of the home course"}, ON)
    assert ok.value == Verdict.PASS
    assert refusal_reasoned({"result_id": "r", "decision": "RECOGNISED"}, ON).value == Verdict.PASS


@pytest.mark.rule("OSU-4.8-FD-13")
def test_OSU_4_8_FD_13_recorded_in_avn_record_book_and_supplement() -> None:
    f = {"result_id": "r", "decision": "RECOGNISED", "avn_recorded": True, "record_book_entry": True}
    out = recognition_recorded(f, ON)
    assert out.value == Verdict.FAIL and out.explanation.message_values["missing"] == ["DIPLOMA_SUPPLEMENT"]
    assert recognition_recorded({**f, "diploma_supplement_entry": True}, ON).value == Verdict.PASS


@pytest.mark.rule("OSU-4.5-1")
def test_OSU_4_5_1_no_equivalent_goes_to_university_component_or_elective() -> None:
    f = {"result_id": "r", "decision": "RECOGNISED", "has_home_equivalent": False}
    assert no_equivalent_target({**f, "home_target": "ELECTIVE"}, ON).value == Verdict.PASS
    assert no_equivalent_target({**f, "home_target": "UNIV_COMP"}, ON).value == Verdict.PASS
    assert no_equivalent_target({**f, "home_target": "STATE_STANDARD"}, ON).value == Verdict.FAIL
    assert no_equivalent_target({**f, "has_home_equivalent": True, "home_target": "STATE_STANDARD"}, ON).value == Verdict.PASS


@pytest.mark.rule("OSU-3.4-1")
def test_OSU_3_4_1_recognition_in_ects() -> None:
    assert ects_credits({"credits": "6", "credit_unit": "ects"}, ON).value == Decimal(6)
    assert ects_credits({"credits": "3", "credit_unit": "US_CREDIT"}, ON).value == "REQUIRES_ECTS_EQUIVALENT"
    assert ects_credits({"credits": "3", "credit_unit": "US_CREDIT", "ects_equivalent": "6"}, ON).value == Decimal(6)


@pytest.mark.rule("OSU-4.8-FD-11")
def test_OSU_4_8_FD_11_malformed_distribution_tables_are_refused_with_reason() -> None:
    overlapping = [
        {"min_score": 80, "max_score": 100, "percent": 50},
        {"min_score": 61, "max_score": 85, "percent": 50},  # overlaps the band above
    ]
    out = convert_grade({"grade": "A", "grade_scale": "ECTS", "host_distribution": HOST, "home_distribution": overlapping}, ON)
    assert out.value.status == "REFUSED" and out.value.reason == "osu.convert.refused_incomplete_table"
    repeated = HOST + [{"grade": "A", "percent": 0}]
    out2 = convert_grade({"grade": "A", "grade_scale": "ECTS", "host_distribution": repeated, "home_distribution": HOME}, ON)
    assert out2.value.status == "REFUSED"


@pytest.mark.rule("OSU-4.8-FD-13")
@pytest.mark.parametrize("decision", ["REFUSED", None])
def test_OSU_4_8_FD_13_a_result_not_recognised_is_not_recorded(decision) -> None:
    """Only recognised («тапшырды деп эсептелген») results go to AVN, the record book and the supplement:
    a refused or undecided result needs no entry and is not reported as missing one."""
    out = recognition_recorded({"result_id": "r", "decision": decision}, ON)
    assert out.value == Verdict.PASS
    assert out.explanation.message_key == "osu.recorded.not_recognised"
    recognised = recognition_recorded({"result_id": "r", "decision": "RECOGNISED"}, ON)
    assert recognised.value == Verdict.FAIL
    assert recognised.explanation.message_key == "osu.recorded.missing"


@pytest.mark.rule("OSU-4.8-FD-11")
@pytest.mark.parametrize(
    ("grade", "status", "score"),
    [("0", "CONVERTED", Decimal(0)), ("100", "CONVERTED", Decimal(100)), ("-0.5", "REFUSED", None), ("100.5", "REFUSED", None)],
)
def test_OSU_4_8_FD_11_points_scale_bounds_are_inclusive(grade, status, score) -> None:
    """A grade stated on the 100-point scale is taken as is from 0 to 100 inclusive; outside it is refused."""
    out = convert_grade({"grade": grade, "grade_scale": "POINTS_100"}, ON)
    assert out.value.status == status
    assert out.value.score_100 == score


@pytest.mark.rule("OSU-4.8-FD-11")
def test_OSU_4_8_FD_11_a_negative_share_in_a_distribution_is_bad_input() -> None:
    """Shares of a grade distribution are percentages: 0 is allowed, a negative share is refused as input."""
    from pydantic import ValidationError

    facts = {
        "grade": "A",
        "grade_scale": "LETTER",
        "host_distribution": [{"grade": "A", "percent": "-0.5"}, {"grade": "B", "percent": "100.5"}],
        "home_distribution": [{"min_score": "0", "max_score": "100", "percent": "100"}],
    }
    with pytest.raises(ValidationError):
        convert_grade(facts, ON)
    # the boundary itself: a grade nobody received (0 %) is a valid row
    zero = {**facts, "host_distribution": [{"grade": "A", "percent": "0"}, {"grade": "B", "percent": "100"}]}
    assert convert_grade(zero, ON).value.status == "CONVERTED"
