"""KTMU art. 32(9), 32(11), 32(12) — semester and cumulative GPA, graduation GPA, 4-semester limit."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bilim.regulations.core import Verdict, params
from bilim.regulations.postgrad.gpa import cohort_gpa, coursework_period, cumulative_gpa, graduation_gpa, semester_gpa

D = dt.date
AS_OF = D(2026, 11, 21)
COEF = {"AA": Decimal("4.00"), "BA": Decimal("3.50"), "BB": Decimal("3.00"), "CB": Decimal("2.50"), "CC": Decimal("2.00"), "DC": Decimal("1.50"), "DD": Decimal("1.00"), "FD": Decimal("0.50"), "FF": Decimal("0.00")}
ORDER = ["FF", "FD", "DD", "DC", "CC", "CB", "BB", "BA", "AA"]


def c(code: str, grade: str, ects: str = "5", year: int = 2025, term: str = "AUTUMN", kind: str = "REGULAR") -> dict:
    return {"course_code": code, "academic_year": year, "term": term, "ects": ects, "grade": grade, "kind": kind}


@pytest.mark.rule("KTMU-32(9)-1", "KTMU-32(9)-3")
def test_KTMU_32_9_1_semester_gpa_is_ects_weighted_and_excludes_non_gpa_items() -> None:
    courses = [
        c("A", "AA", "6"),
        c("B", "CC", "4"),
        c("T", "G", "30", kind="NON_CREDIT"),  # G/K out of the GPA (32(8))
        c("S", "FF", "5", kind="SPP"),  # scientific preparation programme out of the GPA
        c("O", "FF", "5", kind="OVERLOAD_HIDDEN"),
        c("X", "FF", "5", kind="DROPPED"),
        c("P", "AA", "5", year=2024, term="SPRING"),  # another semester
    ]
    out = semester_gpa({"courses": courses, "academic_year": 2025, "term": "AUTUMN"}, AS_OF)
    # (4.00×6 + 2.00×4) / 10 = 32/10 = 3.20
    assert out.value.exact == Decimal("3.2") and out.value.shown == Decimal("3.20") and out.value.ects == 10


@pytest.mark.rule("KTMU-32(9)-3")
@pytest.mark.parametrize(("method", "shown"), [("round_half_up", Decimal("2.67")), ("truncate", Decimal("2.66"))])
def test_KTMU_32_9_3_two_decimals_round_half_up_by_default_truncate_as_alternative(method: str, shown: Decimal) -> None:
    # (4×1 + 2×2) / 3 = 8/3 = 2.666…
    courses = [c("A", "AA", "1"), c("B", "CC", "2")]
    store = params.store().with_version("ktmu.grading.gpa_display", D(2030, 1, 1), {"method": method, "places": 2})
    with params.using(store):
        assert cumulative_gpa({"courses": courses}, D(2030, 1, 2)).value.shown == shown
    assert cumulative_gpa({"courses": courses}, AS_OF).value.shown == Decimal("2.67")


@pytest.mark.rule("KTMU-32(9)-2")
def test_KTMU_32_9_2_cumulative_gpa_counts_the_last_attempt_only() -> None:
    courses = [c("A", "FF", "5", 2024, "AUTUMN"), c("A", "CC", "5", 2025, "AUTUMN"), c("B", "AA", "5", 2024, "SPRING")]
    out = cumulative_gpa({"courses": courses}, AS_OF)
    assert out.value.exact == Decimal("3")  # (2×5 + 4×5)/10; the FF attempt no longer counts
    # a later worse attempt also replaces the earlier grade ("the last grade counts")
    worse = [c("A", "CC", "5", 2024, "AUTUMN"), c("A", "DD", "5", 2025, "SPRING")]
    assert cumulative_gpa({"courses": worse}, AS_OF).value.exact == Decimal("1")


@pytest.mark.rule("KTMU-32(9)-2")
def test_KTMU_32_9_2_markers_count_as_zero_and_empty_transcript_has_no_gpa() -> None:
    out = cumulative_gpa({"courses": [c("A", "AA", "5"), c("B", "F2", "5")]}, AS_OF)
    assert out.value.shown == Decimal("2.00")
    assert cumulative_gpa({"courses": [c("T", "G", "30", kind="NON_CREDIT")]}, AS_OF).value.exact is None


@pytest.mark.rule("KTMU-32(11)-1")
@pytest.mark.parametrize(
    ("level", "cgpa", "verdict"),
    [
        ("MA", "2.50", Verdict.PASS),
        ("MA", "2.495", Verdict.PASS),  # shown 2.50 (ERRATA 6: thresholds on the shown value)
        ("MA", "2.4949", Verdict.FAIL),  # shown 2.49
        ("PHD", "3.00", Verdict.PASS),
        ("PHD", "2.994", Verdict.FAIL),
        ("AI", "2.995", Verdict.PASS),
        ("PHD", "2.50", Verdict.FAIL),
    ],
)
def test_KTMU_32_11_1_graduation_gpa_on_the_shown_value(level: str, cgpa: str, verdict: Verdict) -> None:
    assert graduation_gpa({"level": level, "cgpa": cgpa}, AS_OF).value is verdict


@pytest.mark.rule("KTMU-32(11)-1")
def test_KTMU_32_11_1_truncation_alternative_changes_the_boundary() -> None:
    store = params.store().with_version("ktmu.grading.gpa_display", D(2030, 1, 1), {"method": "truncate", "places": 2})
    with params.using(store):
        assert graduation_gpa({"level": "MA", "cgpa": "2.499"}, D(2030, 1, 2)).value is Verdict.FAIL


@pytest.mark.rule("KTMU-32(12)-1")
@pytest.mark.parametrize(
    ("used", "done", "verdict"),
    [(4, True, Verdict.PASS), (5, True, Verdict.FAIL), (3, False, Verdict.PASS), (4, False, Verdict.FAIL)],
)
def test_KTMU_32_12_1_courses_within_4_semesters(used: int, done: bool, verdict: Verdict) -> None:
    assert coursework_period({"coursework_semesters_used": used, "all_required_courses_passed": done}, AS_OF).value is verdict


# --- properties ---------------------------------------------------------------------------

grade_st = st.sampled_from(ORDER + ["F1", "F2"])
course_st = st.builds(
    lambda code, g, e, y, t: c(f"C{code}", g, str(e), y, t),
    st.integers(0, 6),
    grade_st,
    st.integers(1, 30),
    st.integers(2021, 2025),
    st.sampled_from(["AUTUMN", "SPRING"]),
)


def _unique_semesters(courses: list[dict]) -> list[dict]:
    seen: set[tuple[str, int, str]] = set()
    out = []
    for x in courses:
        k = (x["course_code"], x["academic_year"], x["term"])
        if k not in seen:
            seen.add(k)
            out.append(x)
    return out


@pytest.mark.rule("KTMU-32(9)-2")
@settings(max_examples=150, deadline=None)
@given(st.lists(course_st, min_size=1, max_size=20), st.randoms())
def test_KTMU_32_9_2_gpa_is_order_independent_and_bounded(courses: list[dict], rnd: random.Random) -> None:
    courses = _unique_semesters(courses)
    a = cumulative_gpa({"courses": courses}, AS_OF).value
    shuffled = list(courses)
    rnd.shuffle(shuffled)
    b = cumulative_gpa({"courses": shuffled}, AS_OF).value
    assert a == b
    assert Decimal(0) <= a.exact <= Decimal(4)
    assert Decimal(0) <= a.shown <= Decimal(4)


@pytest.mark.rule("KTMU-32(9)-2")
@settings(max_examples=150, deadline=None)
@given(st.lists(course_st, min_size=1, max_size=20), st.data())
def test_KTMU_32_9_2_improving_one_grade_never_lowers_the_gpa(courses: list[dict], data: st.DataObject) -> None:
    courses = _unique_semesters(courses)
    i = data.draw(st.integers(0, len(courses) - 1))
    before = cumulative_gpa({"courses": courses}, AS_OF).value.exact
    g = courses[i]["grade"]
    better_choices = ORDER[ORDER.index(g) + 1 :] if g in ORDER else ORDER
    if not better_choices:
        return
    better = dict(courses[i], grade=data.draw(st.sampled_from(better_choices)))
    after = cumulative_gpa({"courses": courses[:i] + [better] + courses[i + 1 :]}, AS_OF).value.exact
    assert after >= before


@pytest.mark.rule("KTMU-32(9)-2")
@settings(max_examples=100, deadline=None)
@given(st.lists(course_st, min_size=1, max_size=15), grade_st)
def test_KTMU_32_9_2_a_later_attempt_replaces_the_earlier_grade(courses: list[dict], new_grade: str) -> None:
    courses = _unique_semesters(courses)
    code = courses[0]["course_code"]
    retake = c(code, new_grade, "5", 2026, "SPRING")  # later than every generated semester
    with_retake = cumulative_gpa({"courses": courses + [retake]}, AS_OF).value
    others = [x for x in courses if x["course_code"] != code]
    expected = cumulative_gpa({"courses": others + [retake]}, AS_OF).value
    assert with_retake == expected


@pytest.mark.rule("KTMU-32(9)-2")
def test_KTMU_32_9_2_cohort_batch_matches_the_rule() -> None:
    rnd = random.Random(7)
    transcripts = []
    for i in range(200):
        courses = _unique_semesters([c(f"C{rnd.randint(0, 9)}", rnd.choice(ORDER), str(rnd.randint(2, 8)), rnd.randint(2022, 2025), rnd.choice(["AUTUMN", "SPRING"])) for _ in range(12)])
        transcripts.append({"student_id": f"s{i}", "level": "MA", "courses": courses})
    items = cohort_gpa(transcripts, AS_OF)
    assert [it.student_id for it in items] == [t["student_id"] for t in transcripts]
    for it, t in zip(items, transcripts):
        assert it.gpa == cumulative_gpa(t, AS_OF).value
    assert items[0].outcome().value == items[0].gpa
