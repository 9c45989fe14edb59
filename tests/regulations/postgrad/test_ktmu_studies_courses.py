"""KTMU arts. 24, 25, 27 — courses, instructors, timetable, minimum enrolment."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bilim.regulations.core import Verdict, params
from bilim.regulations.postgrad import studies_courses as C

ON = dt.date(2025, 10, 1)
D = dt.date
P, F = Verdict.PASS, Verdict.FAIL


@pytest.mark.rule("KTMU-24(1)-1")
def test_KTMU_24_1_1_compulsory_and_enough_electives() -> None:
    base = {"compulsory_courses": ["C1", "C2"], "offered_courses": ["C1", "C2", "E1", "E2"], "offered_electives": ["E1", "E2"], "required_electives": 2}
    assert C.programme_offer(base, ON).value is P
    assert C.programme_offer({**base, "required_electives": 3}, ON).value is F
    assert C.programme_offer({**base, "offered_courses": ["C1", "E1", "E2"]}, ON).value is F


@pytest.mark.rule("KTMU-24(2)-1")
def test_KTMU_24_2_1_no_same_title_or_content_across_levels() -> None:
    courses = [
        {"code": "B1", "level": "BACHELOR", "title": "Research Methods"},
        {"code": "M1", "level": "MA", "title": "research  methods!"},
    ]
    out = C.duplicate_courses_across_levels({"courses": courses}, ON)
    assert out.value is F and out.explanation.message_values["pairs"] == ["B1=M1"]
    same_level = [courses[0], {"code": "B2", "level": "BACHELOR", "title": "Research Methods"}]
    assert C.duplicate_courses_across_levels({"courses": same_level}, ON).value is P  # one level only
    content = [
        {"code": "M2", "level": "MA", "title": "Qualitative Inquiry", "same_content_as": ["P2"]},
        {"code": "P2", "level": "PHD", "title": "Advanced Qualitative Inquiry"},
    ]
    assert C.duplicate_courses_across_levels({"courses": content}, ON).value is F


@pytest.mark.rule("KTMU-24(3)-1")
def test_KTMU_24_3_1_mandated_course_once_under_institute_code() -> None:
    ok = [{"code": "INS501", "title": "Philosophy of Science", "ministry_mandated": True, "code_owner": "INSTITUTE"}]
    assert C.ministry_mandated_courses({"courses": ok}, ON).value is P
    fos = [{**ok[0], "code_owner": "FOS"}]
    assert C.ministry_mandated_courses({"courses": fos}, ON).value is F
    twice = [ok[0], {**ok[0], "code": "INS502"}]
    assert C.ministry_mandated_courses({"courses": twice}, ON).value is F


def teach(level: str, **facts: object) -> Verdict:
    base = {"course_level": level, "has_academic_degree": True, "has_academic_title": True, "bachelor_semesters_taught": 0}
    return C.instructor_eligibility({**base, **facts}, ON).value


@pytest.mark.rule("KTMU-24(4)-1")
@pytest.mark.parametrize(("ba", "verdict"), [(1, F), (2, P), (3, P)])
def test_KTMU_24_4_1_two_bachelor_semesters_for_master_courses(ba: int, verdict: Verdict) -> None:
    assert teach("MA", bachelor_semesters_taught=ba) is verdict


@pytest.mark.rule("KTMU-24(4)-1")
def test_KTMU_24_4_1_exception_doctoral_degree_four_semesters() -> None:
    untitled = {"has_academic_title": False, "has_doctoral_degree": True, "exception_decided": True}
    assert teach("MA", bachelor_semesters_taught=4, **untitled) is P
    assert teach("MA", bachelor_semesters_taught=3, **untitled) is F
    assert teach("MA", bachelor_semesters_taught=4, **{**untitled, "exception_decided": False}) is F


@pytest.mark.rule("KTMU-24(5)-1")
@pytest.mark.parametrize(("ba", "pg", "verdict"), [(3, 1, F), (4, 0, P), (0, 2, P), (3, 2, P)])
def test_KTMU_24_5_1_doctoral_courses_four_bachelor_or_two_pg_semesters(ba: int, pg: int, verdict: Verdict) -> None:
    assert teach("PHD", bachelor_semesters_taught=ba, pg_semesters_taught=pg) is verdict
    assert teach("AI", bachelor_semesters_taught=ba, pg_semesters_taught=pg) is verdict


@pytest.mark.rule("KTMU-24(5)-1")
def test_KTMU_24_5_1_exception_senior_instructor() -> None:
    exc = {"has_academic_title": False, "rank": "SENIOR_INSTRUCTOR", "exception_decided": True}
    assert teach("AI", has_master_of_arts_title=True, **exc) is P
    assert teach("PHD", has_doctoral_degree=True, **exc) is P
    assert teach("PHD", has_doctoral_degree=True, **{**exc, "rank": "INSTRUCTOR"}) is F
    assert teach("PHD", **exc) is F


@pytest.mark.rule("KTMU-24(6)-1")
@pytest.mark.parametrize(
    ("owner", "by", "verdict"),
    [("INSTITUTE", "institute_management", P), ("INSTITUTE", "fos_council", F), ("FOS", "fos_council", P), ("FOS", "institute_management", F)],
)
def test_KTMU_24_6_1_who_determines_instructors(owner: str, by: str, verdict: Verdict) -> None:
    assert C.instructor_proposer({"code_owner": owner, "proposed_by": by}, ON).value is verdict


@pytest.mark.rule("KTMU-24(7)-1")
@pytest.mark.parametrize(("day", "verdict"), [(D(2025, 5, 31), F), (D(2025, 6, 1), P), (D(2025, 6, 30), P), (D(2025, 7, 1), F)])
def test_KTMU_24_7_1_council_senate_within_calendar_period(day: dt.date, verdict: Verdict) -> None:
    chain = [{"body": "institute_council", "act": "DECIDE"}, {"body": "senate", "act": "CONSENT"}]
    facts = {"approvals": chain, "appointed_on": day, "period_start": D(2025, 6, 1), "period_end": D(2025, 6, 30)}
    assert C.instructor_appointment(facts, ON).value is verdict
    assert C.instructor_appointment({**facts, "approvals": chain[:1]}, ON).value is F


def staff(external: int, total: int, decided: bool = True) -> Verdict:
    people = [{"instructor_id": f"x{i}", "external": i < external, "university_board_decision": decided} for i in range(total)]
    return C.external_instructor_share({"instructors": people}, ON).value


@pytest.mark.rule("KTMU-24(8)-1")
@pytest.mark.parametrize(("external", "total", "verdict"), [(3, 10, P), (4, 10, F), (2, 7, P), (3, 9, F), (0, 1, P)])
def test_KTMU_24_8_1_at_most_thirty_percent_external(external: int, total: int, verdict: Verdict) -> None:
    # 3/10 = 30 % exactly is allowed («30%га чейин»); 3/9 = 33.3 % is not; 2/7 = 28.6 % is.
    assert staff(external, total) is verdict


@pytest.mark.rule("KTMU-24(8)-1")
def test_KTMU_24_8_1_university_board_decision_required_and_distinct_people() -> None:
    assert staff(1, 10, decided=False) is F
    dup = [{"instructor_id": "x", "external": True, "university_board_decision": True}] * 3 + [
        {"instructor_id": f"k{i}", "external": False} for i in range(3)
    ]
    assert C.external_instructor_share({"instructors": dup}, ON).value is P  # 1 distinct external of 4


@pytest.mark.rule("KTMU-24(9)-1")
@pytest.mark.parametrize(("ids", "verdict"), [([], P), (["a"], P), (["a", "a"], P), (["a", "b"], F)])
def test_KTMU_24_9_1_one_titled_instructor_per_elective(ids: list[str], verdict: Verdict) -> None:
    assert C.elective_titled_instructors({"titled_instructor_ids": ids}, ON).value is verdict


@pytest.mark.rule("KTMU-25-1")
@pytest.mark.parametrize(("published", "verdict"), [(D(2025, 9, 6), P), (D(2025, 9, 7), P), (D(2025, 9, 8), F), (None, F)])
def test_KTMU_25_1_timetable_day_before_selection(published: dt.date | None, verdict: Verdict) -> None:
    # Selection starts Monday 8 September 2025; the day before is Sunday 7 — calendar days, not moved.
    facts = {"course_selection_start": D(2025, 9, 8), "published_on": published, "channels": ["CURRICULUM_SYSTEM", "INSTITUTE_WEB"]}
    assert C.timetable_publication(facts, ON).value is verdict


@pytest.mark.rule("KTMU-25-1")
def test_KTMU_25_1_both_channels() -> None:
    facts = {"course_selection_start": D(2025, 9, 8), "published_on": D(2025, 9, 1), "channels": ["INSTITUTE_WEB"]}
    assert C.timetable_publication(facts, ON).value is F


@pytest.mark.rule("KTMU-27-1", "KTMU-27-2")
def test_KTMU_27_minimum_enrolment_from_implementing_regulations() -> None:
    assert C.course_runs({"programme_level": "MA", "selections": 1}, ON).value is True
    assert C.course_runs({"programme_level": "MA", "selections": 0}, ON).value is False
    # When the implementing regulations set e.g. 5 (MA) and 3 (PhD), that is a dated amendment:
    store = (
        params.store()
        .with_version("ktmu.studies.min_enrol_ma", D(2025, 9, 1), 5)
        .with_version("ktmu.studies.min_enrol_phd", D(2025, 9, 1), 3)
    )
    with params.using(store):
        assert C.course_runs({"programme_level": "MA", "selections": 4}, ON).value is False
        assert C.course_runs({"programme_level": "MA", "selections": 5}, ON).value is True
        assert C.course_runs({"programme_level": "AI", "selections": 3}, ON).value is True
        assert C.course_runs({"programme_level": "PHD", "selections": 2}, ON).value is False
        assert C.course_runs({"programme_level": "MA", "selections": 4}, D(2025, 8, 31)).value is True  # before the amendment


@pytest.mark.rule("KTMU-24(8)-1")
@given(st.integers(1, 40), st.data())
def test_KTMU_24_8_1_property_exact_thirty_percent(total: int, data: st.DataObject) -> None:
    external = data.draw(st.integers(0, total))
    assert (staff(external, total) is P) == (10 * external <= 3 * total)


@pytest.mark.rule("KTMU-24(2)-1")
def test_KTMU_24_2_1_same_content_naming_a_course_outside_the_catalogue_is_no_pair() -> None:
    courses = [{"code": "M2", "level": "MA", "title": "Qualitative Inquiry", "same_content_as": ["X9"]}]
    assert C.duplicate_courses_across_levels({"courses": courses}, ON).value is P


@pytest.mark.rule("KTMU-24(5)-1")
def test_instructor_semesters_taught_are_never_negative() -> None:
    from pydantic import ValidationError

    with pytest.raises(ValidationError):
        teach("PHD", bachelor_semesters_taught=-1, pg_semesters_taught=2)
    with pytest.raises(ValidationError):
        teach("PHD", bachelor_semesters_taught=4, pg_semesters_taught=-1)
    assert teach("PHD", bachelor_semesters_taught=0, pg_semesters_taught=2) is P  # 0 bachelor semesters is a record
    assert teach("PHD", bachelor_semesters_taught=4, pg_semesters_taught=0) is P


@pytest.mark.rule("KTMU-25-1")
def test_KTMU_25_1_an_unpublished_timetable_is_late_and_says_not_published() -> None:
    out = C.timetable_publication({"course_selection_start": D(2026, 9, 7), "published_on": None,
                                   "channels": ["CURRICULUM_SYSTEM", "INSTITUTE_WEB"]}, ON)
    assert out.value is F and out.explanation.message_values["published"] == "—"
