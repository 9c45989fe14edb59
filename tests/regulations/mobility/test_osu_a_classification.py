"""OSU §1.1, §1.3, §1.3.2–1.3.7: scope and classification (engineer A)."""

from __future__ import annotations

import datetime as dt

import pytest

from bilim.regulations.core import Verdict
from bilim.regulations.mobility.classification import (
    base_period_check,
    joint_degree_participant,
    mobility_definition,
    mobility_mode,
    mobility_scope,
    mobility_term,
    participant_in_scope,
    period_preset,
    result_documents_check,
    return_reminder,
)

D = dt.date
ON = D(2026, 11, 21)


@pytest.mark.rule("OSU-1.1-1", "OSU-1.1-2")
@pytest.mark.parametrize(
    ("ptype", "direction", "level", "verdict"),
    [
        ("STUDENT", "OUTGOING", "BACHELOR", Verdict.PASS),
        ("STUDENT", "INCOMING", "MASTER", Verdict.PASS),  # «студент, магистрант – студент»
        ("STUDENT", "OUTGOING", "COLLEGE", Verdict.PASS),
        ("STUDENT", "OUTGOING", "PHD", Verdict.FAIL),  # doctoral candidates not in scope
        ("STUDENT", "OUTGOING", None, Verdict.FAIL),
        ("STAFF", "INCOMING", None, Verdict.PASS),  # foreign staff coming to OshSU
        ("OTHER", "OUTGOING", None, Verdict.FAIL),
    ],
)
def test_OSU_1_1_1_participants_and_directions(ptype, direction, level, verdict) -> None:
    out = participant_in_scope({"participant_type": ptype, "direction": direction, "level": level}, ON)
    assert out.value == verdict


@pytest.mark.rule("OSU-1.3-1")
def test_OSU_1_3_1_definition_needs_purpose_and_dates() -> None:
    ok = {"purposes": ["STUDY"], "start_date": D(2026, 2, 1), "end_date": D(2026, 6, 30)}
    assert mobility_definition(ok, ON).value == Verdict.PASS
    assert mobility_definition({**ok, "purposes": []}, ON).value == Verdict.FAIL
    assert mobility_definition({**ok, "purposes": ["TOURISM"]}, ON).value == Verdict.FAIL
    assert mobility_definition({**ok, "end_date": None}, ON).value == Verdict.FAIL
    assert mobility_definition({**ok, "end_date": D(2026, 1, 31)}, ON).value == Verdict.FAIL


@pytest.mark.rule("OSU-1.3-2")
@pytest.mark.parametrize(
    ("start", "end", "academic", "preset"),
    [
        (D(2026, 4, 6), D(2026, 4, 8), None, "3_DAYS"),  # 3 days inclusive
        (D(2026, 4, 6), D(2026, 4, 12), None, "1_WEEK"),
        (D(2026, 4, 6), D(2026, 5, 5), None, "1_MONTH"),  # last day = day before the same date next month
        (D(2026, 4, 6), D(2026, 4, 25), None, "OTHER"),  # "20 days" is allowed, not a preset
        (D(2026, 2, 1), D(2026, 6, 30), "SEMESTER", "1_SEMESTER"),
        (D(2025, 9, 1), D(2026, 6, 30), "ACADEMIC_YEAR", "1_YEAR"),
    ],
)
def test_OSU_1_3_2_period_presets_never_reject(start, end, academic, preset) -> None:
    out = period_preset({"start_date": start, "end_date": end, "academic_period": academic}, ON)
    assert out.value == preset
    assert out.verdict is None  # a preset is information, never a rejection


@pytest.mark.rule("OSU-1.3-3")
def test_OSU_1_3_3_base_period_warns_not_rejects() -> None:
    base = {"participant_type": "STUDENT", "start_date": D(2026, 2, 1), "end_date": D(2026, 6, 30)}
    assert base_period_check({**base, "period_unit": "SEMESTER"}, ON).value == Verdict.PASS
    assert base_period_check({**base, "period_unit": "OTHER"}, ON).value == Verdict.WARN
    # short-term stays (≤ 1 month) are not concerned
    short = {**base, "end_date": D(2026, 2, 28), "period_unit": "OTHER"}
    assert base_period_check(short, ON).value == Verdict.PASS
    assert base_period_check({**base, "participant_type": "STAFF", "period_unit": "OTHER"}, ON).value == Verdict.PASS


@pytest.mark.rule("OSU-1.3-4")
def test_OSU_1_3_4_return_not_recorded_after_end() -> None:
    f = {"end_date": D(2026, 6, 30), "status": "ABROAD"}
    assert return_reminder(f, D(2026, 6, 30)).value == Verdict.PASS  # the last day itself: still there
    assert return_reminder(f, D(2026, 7, 1)).value == Verdict.WARN
    assert return_reminder({**f, "return_recorded": True}, D(2026, 7, 1)).value == Verdict.PASS
    assert return_reminder({**f, "status": "RETURNED"}, D(2026, 7, 1)).value == Verdict.PASS


@pytest.mark.rule("OSU-1.3.2-1", "OSU-1.3.3-1", "OSU-1.3.3-2", "OSU-1.3.4-1", "OSU-1.3.4-2")
@pytest.mark.parametrize(
    ("direction", "country", "scope"),
    [
        ("OUTGOING", "TR", "EXTERNAL"),
        ("INCOMING", "KZ", "EXTERNAL"),
        ("OUTGOING", "KG", "INTERNAL"),
        ("INCOMING", "kg", "INTERNAL"),
    ],
)
def test_OSU_1_3_2_1_external_or_internal(direction, country, scope) -> None:
    out = mobility_scope({"direction": direction, "counterpart_country": country}, ON)
    assert out.value == scope
    assert out.explanation.params[0].name == "osu.home_country"


@pytest.mark.rule("OSU-1.3.2-2")
def test_OSU_1_3_2_2_distance_form() -> None:
    assert mobility_mode({"mode": "PHYSICAL"}, ON).value == "PHYSICAL"
    for form in ("ONLINE", "VIRTUAL", "ELECTRONIC", "DISTANCE"):
        out = mobility_mode({"mode": form}, ON)
        assert out.value == "DISTANCE"
        assert "VISA" in out.explanation.message_values["steps"]


@pytest.mark.rule("OSU-1.3.5-1", "OSU-1.3.5-2", "OSU-1.3.5-4")
@pytest.mark.parametrize(
    ("start", "end", "term"),
    [
        (D(2026, 3, 1), D(2026, 3, 31), "SHORT"),  # exactly one month: «1 айдан көп эмес»
        (D(2026, 3, 1), D(2026, 4, 1), "LONG"),  # one day more
        (D(2026, 3, 10), D(2026, 3, 29), "SHORT"),  # "20 days"
        (D(2024, 1, 30), D(2024, 2, 28), "SHORT"),  # leap year: 30 Jan + 1 month = 29 Feb
        (D(2024, 1, 30), D(2024, 2, 29), "LONG"),
    ],
)
def test_OSU_1_3_5_4_long_is_more_than_one_month(start, end, term) -> None:
    assert mobility_term({"start_date": start, "end_date": end}, ON).value == term


@pytest.mark.rule("OSU-1.3.5-3", "OSU-1.3.5-5")
def test_OSU_1_3_5_3_results_documents_by_term() -> None:
    short = {"start_date": D(2026, 3, 1), "end_date": D(2026, 3, 31), "activity": "STUDY"}
    # short-term study: the hours letter suffices; a credit transcript is not required
    assert result_documents_check({**short, "documents": ["HOURS_REFERENCE_LETTER"]}, ON).value == Verdict.PASS
    assert result_documents_check({**short, "documents": []}, ON).value == Verdict.FAIL
    event = {**short, "activity": "EVENT"}
    assert result_documents_check({**event, "documents": ["PARTICIPATION_CERTIFICATE"]}, ON).value == Verdict.PASS
    assert result_documents_check({**event, "documents": ["HOURS_REFERENCE_LETTER"]}, ON).value == Verdict.FAIL
    both = {**short, "activity": "BOTH"}  # studied and attended an event: both documents
    assert result_documents_check({**both, "documents": ["PARTICIPATION_CERTIFICATE"]}, ON).value == Verdict.FAIL
    assert result_documents_check(
        {**both, "documents": ["PARTICIPATION_CERTIFICATE", "HOURS_REFERENCE_LETTER"]}, ON
    ).value == Verdict.PASS
    long = {"start_date": D(2026, 3, 1), "end_date": D(2026, 4, 1), "activity": "STUDY"}  # one day over a month
    assert result_documents_check({**long, "documents": ["HOURS_REFERENCE_LETTER"]}, ON).value == Verdict.FAIL
    both = ["GRADE_STATEMENT_OR_TRANSCRIPT", "STUDY_CERTIFICATE"]
    assert result_documents_check({**long, "documents": both}, ON).value == Verdict.PASS
    missing = result_documents_check({**long, "documents": both[:1]}, ON)
    assert missing.value == Verdict.FAIL and missing.explanation.message_values["missing"] == ["STUDY_CERTIFICATE"]


@pytest.mark.rule("OSU-1.3.7-1")
def test_OSU_1_3_7_1_double_degree_students_count() -> None:
    assert joint_degree_participant({"enrolled_in_joint_or_double_degree": True}, ON).value == "PARTICIPANT"
    assert joint_degree_participant({"enrolled_in_joint_or_double_degree": False}, ON).value == "NOT_COUNTED"


@pytest.mark.rule("OSU-1.3.5-4")
def test_OSU_1_3_5_4_a_stay_ending_before_it_starts_is_invalid() -> None:
    assert mobility_term({"start_date": D(2026, 3, 2), "end_date": D(2026, 3, 1)}, ON).value == "INVALID"
    assert mobility_term({"start_date": D(2026, 3, 1), "end_date": D(2026, 3, 1)}, ON).value == "SHORT"  # one day
