"""OSU 4.8 FD-8 and FD-14 (ERRATA 3, 8): distance-taught difference disciplines (engineer A)."""

from __future__ import annotations

import datetime as dt

import pytest

from bilim.regulations.core import Verdict
from bilim.regulations.mobility.dlt import dlt_exam_window, dlt_teaching_check

D = dt.date

# Academic calendar 2026/27: spring starts Mon 8 Feb 2027; summer semester 14 Jun – 31 Jul 2027.
FALL = {
    "discipline": "Philosophy",
    "semester_type": "FALL",
    "spring_semester_start": D(2027, 2, 8),
    "stay_end_date": D(2027, 1, 20),
    "returned_on": D(2027, 1, 22),
    "individual_exam_plan": True,
}
SPRING = {
    "discipline": "Kyrgyz history",
    "semester_type": "SPRING",
    "summer_semester_start": D(2027, 6, 14),
    "summer_semester_end": D(2027, 7, 31),
    "stay_end_date": D(2027, 6, 5),
    "returned_on": D(2027, 6, 7),
    "individual_exam_plan": True,
}


@pytest.mark.rule("OSU-4.8-FD-14")
@pytest.mark.parametrize(
    ("exam", "verdict"),
    [
        (D(2027, 2, 8), Verdict.PASS),  # first day of spring
        (D(2027, 2, 7), Verdict.FAIL),  # the day before spring starts
        (D(2027, 3, 7), Verdict.PASS),  # last day of the first month (a Sunday: calendar window)
        # 8 March (Women's Day) and 9 March (Orozo Ait) are holidays: the window is not extended to
        # the next working day (10 March) — "first month of the spring semester" is a calendar month.
        (D(2027, 3, 8), Verdict.FAIL),
        (D(2027, 3, 10), Verdict.FAIL),
    ],
)
def test_OSU_4_8_FD_14_fall_disciplines_first_month_of_spring(exam, verdict) -> None:
    out = dlt_exam_window({**FALL, "exam_date": exam}, D(2027, 3, 20))
    assert out.value == verdict
    assert out.explanation.message_values["window_end"] == D(2027, 3, 7)


@pytest.mark.rule("OSU-4.8-FD-14")
@pytest.mark.parametrize(
    ("exam", "verdict"),
    [(D(2027, 6, 13), Verdict.FAIL), (D(2027, 6, 14), Verdict.PASS), (D(2027, 7, 31), Verdict.PASS), (D(2027, 8, 1), Verdict.FAIL)],
)
def test_OSU_4_8_FD_14_spring_disciplines_in_the_summer_semester(exam, verdict) -> None:
    assert dlt_exam_window({**SPRING, "exam_date": exam}, D(2027, 8, 10)).value == verdict


@pytest.mark.rule("OSU-4.8-FD-14")
def test_OSU_4_8_FD_14_free_of_charge_and_individual_plan() -> None:
    ok = {**FALL, "exam_date": D(2027, 2, 15)}
    assert dlt_exam_window({**ok, "fee": "0"}, D(2027, 2, 20)).value == Verdict.PASS
    out = dlt_exam_window({**ok, "fee": "0.01"}, D(2027, 2, 20))
    assert out.value == Verdict.FAIL and out.explanation.message_key == "osu.dlt_exam.fee"
    assert dlt_exam_window({**ok, "individual_exam_plan": False}, D(2027, 2, 20)).value == Verdict.FAIL


@pytest.mark.rule("OSU-4.8-FD-14")
def test_OSU_4_8_FD_14_errata_8_never_fails_while_away_and_flags_year_long_stays() -> None:
    # year-long stay (Sept–June): the fall exams' window (8 Feb – 7 Mar) passes while the student is away
    year = {**FALL, "stay_end_date": D(2027, 6, 20), "returned_on": None}
    during = dlt_exam_window(year, D(2027, 2, 1))
    assert during.value == Verdict.WARN and during.explanation.message_key == "osu.dlt_exam.away_no_window"
    # a fall-semester stay, still away before the window opens: pending, not failed
    away = {**FALL, "returned_on": None}
    assert dlt_exam_window(away, D(2027, 1, 10)).value == Verdict.PASS
    # back before spring: the window is open regardless of recognition / retakes (not inputs at all)
    assert dlt_exam_window({**FALL, "exam_date": None}, D(2027, 2, 1)).value == Verdict.PASS
    # returned after the window closed: the dean decides
    assert dlt_exam_window({**FALL, "returned_on": D(2027, 3, 8)}, D(2027, 3, 9)).value == Verdict.WARN


@pytest.mark.rule("OSU-4.8-FD-8")
def test_OSU_4_8_FD_8_teacher_channel_materials_and_timely_scores() -> None:
    course = {
        "name": "Philosophy",
        "teacher": "Asanov",
        "channel": "ZOOM",
        "materials_uploaded": True,
        "assessments": [{"due_date": D(2026, 10, 10), "scored_on": D(2026, 10, 10)}],
    }
    on = D(2026, 11, 21)
    assert dlt_teaching_check({"courses": [course]}, on).value == Verdict.PASS
    late = {**course, "assessments": [{"due_date": D(2026, 10, 10), "scored_on": D(2026, 10, 11)}]}
    assert dlt_teaching_check({"courses": [late]}, on).value == Verdict.FAIL
    not_yet_due = {**course, "assessments": [{"due_date": D(2026, 11, 21)}]}
    assert dlt_teaching_check({"courses": [not_yet_due]}, on).value == Verdict.PASS
    assert dlt_teaching_check({"courses": [{**course, "channel": "EMAIL"}]}, on).value == Verdict.FAIL
    assert dlt_teaching_check({"courses": [{**course, "teacher": None}]}, on).value == Verdict.FAIL
    assert dlt_teaching_check({"courses": [course], "semester_ended": True}, on).value == Verdict.FAIL
    done = {**course, "final_score_in_avn": True}
    assert dlt_teaching_check({"courses": [done], "semester_ended": True}, on).value == Verdict.PASS


@pytest.mark.rule("OSU-4.8-FD-14")
def test_OSU_4_8_FD_14_needs_the_academic_calendar() -> None:
    from bilim.regulations.core import RuleError

    with pytest.raises(RuleError):
        dlt_exam_window({**FALL, "spring_semester_start": None}, D(2027, 2, 20))
    with pytest.raises(RuleError):
        dlt_exam_window({**SPRING, "summer_semester_end": None}, D(2027, 7, 1))
