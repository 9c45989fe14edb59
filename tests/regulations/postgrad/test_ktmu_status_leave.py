"""KTMU art. 37–38 — leave and academic leave at their boundaries."""

from __future__ import annotations

import datetime as dt

import pytest

from bilim.regulations.core import Verdict
from bilim.regulations.postgrad import leave as lv

D = dt.date
LATER = D(2026, 12, 31)
P, W, F = Verdict.PASS, Verdict.WARN, Verdict.FAIL


@pytest.mark.rule("KTMU-37(1)-1", "KTMU-37(7)-1")
@pytest.mark.parametrize(
    ("applied", "docs", "verdict"),
    [(D(2026, 3, 16), True, P), (D(2026, 3, 17), True, F), (D(2026, 3, 10), False, F)],
)
def test_KTMU_37_1_1_leave_application_within_15_days(applied: dt.date, docs: bool, verdict: Verdict) -> None:
    # reason arose 1 March 2026: 15 calendar days → last day 16 March
    facts = {"reason_arose_on": D(2026, 3, 1), "applied_on": applied, "supporting_documents": docs}
    assert lv.leave_application(facts, LATER).value is verdict


@pytest.mark.rule("KTMU-37(7)-1")
def test_KTMU_37_7_1_no_notice_in_15_days_reason_not_accepted() -> None:
    facts = {"reason_arose_on": D(2026, 3, 1), "supporting_documents": True}
    assert lv.leave_application(facts, D(2026, 3, 16)).value is W
    assert lv.leave_application(facts, D(2026, 3, 17)).value is F


@pytest.mark.rule("KTMU-37(2)-1")
def test_KTMU_37_2_1_study_leave_needs_agreement_board_period_country() -> None:
    ok = {"under_agreement": True, "institute_board_decision_on": D(2026, 1, 10), "period": {"start": D(2026, 2, 1), "end": D(2026, 6, 30)}, "country": "TR"}
    assert lv.study_leave(ok, LATER).value is P
    assert lv.study_leave({**ok, "institute_board_decision_on": None}, LATER).value is F
    assert lv.study_leave({**ok, "under_agreement": False}, LATER).value is F


@pytest.mark.rule("KTMU-37(2)-2")
def test_KTMU_37_2_2_board_decides_whether_time_counts() -> None:
    base = {"under_agreement": True, "institute_board_decision_on": D(2026, 1, 10)}
    assert lv.study_leave_duration({**base, "counts_toward_study_duration": True}, LATER).value is True
    assert lv.study_leave_duration({**base, "counts_toward_study_duration": False}, LATER).value is False
    assert lv.study_leave_duration(base, LATER).value is F


@pytest.mark.rule("KTMU-37(3)-1")
def test_KTMU_37_3_1_exchange_deemed_academic_permission() -> None:
    ok = {"rectorate_decision": True, "skill_programme_prepared_by_fos": True, "institute_board_decision": True}
    assert lv.exchange_academic_permission(ok, LATER).value == "ON_LEAVE"
    assert lv.exchange_academic_permission({**ok, "skill_programme_prepared_by_fos": False}, LATER).value == "ACTIVE"


@pytest.mark.rule("KTMU-37(4)-1")
def test_KTMU_37_4_1_instructors_and_supervisor_notified_in_writing() -> None:
    facts = {"instructors_teaching_during_leave": ["i1", "i2"], "supervisor_id": "sup", "notified_in_writing": ["i1", "i2", "sup"]}
    assert lv.leave_notification(facts, LATER).value is P
    out = lv.leave_notification({**facts, "notified_in_writing": ["i1", "i2"]}, LATER)
    assert out.value is F and out.explanation.message_values["missing"] == ["sup"]


LEAVE = [{"start": D(2026, 2, 1), "end": D(2026, 2, 28)}]


@pytest.mark.rule("KTMU-37(5)-1", "KTMU-38(5)-1")
@pytest.mark.parametrize(("day", "value"), [(D(2026, 2, 1), "VOID"), (D(2026, 2, 28), "VOID"), (D(2026, 1, 31), "VALID"), (D(2026, 3, 1), "VALID")])
def test_KTMU_37_5_1_exam_during_leave_is_void(day: dt.date, value: str) -> None:
    assert lv.result_during_leave({"event_date": day, "leave_periods": LEAVE}, LATER).value == value


@pytest.mark.rule("KTMU-38(4)-1")
@pytest.mark.parametrize(("day", "event", "verdict"), [(D(2026, 2, 28), "DEFENCE", F), (D(2026, 2, 1), "QE", F), (D(2026, 3, 1), "EXAM", P)])
def test_KTMU_38_4_1_no_classes_exams_defence_on_academic_leave(day: dt.date, event: str, verdict: Verdict) -> None:
    assert lv.participation_during_academic_leave({"event_date": day, "event": event, "leave_periods": LEAVE}, LATER).value is verdict


YEAR = {"start": D(2025, 9, 1), "end": D(2026, 8, 31)}


@pytest.mark.rule("KTMU-38(1)a-1")
@pytest.mark.parametrize(
    ("admitted", "discharged", "verdict"),
    [
        (D(2026, 2, 1), D(2026, 2, 28), P),  # ERRATA 7: 1–28 Feb inclusive = 28 days = 4 weeks
        (D(2026, 2, 1), D(2026, 2, 27), F),  # 27 days
        (D(2025, 8, 10), D(2025, 9, 20), F),  # only 20 days fall within the academic year
        (D(2025, 8, 10), D(2025, 9, 28), P),  # 28 days within the academic year
    ],
)
def test_KTMU_38_1_a_1_four_weeks_in_hospital_inclusive(admitted: dt.date, discharged: dt.date, verdict: Verdict) -> None:
    facts = {"admitted_on": admitted, "discharged_on": discharged, "academic_year": YEAR, "hospital_certificate": True}
    assert lv.health_leave_eligibility(facts, LATER).value is verdict


@pytest.mark.rule("KTMU-38(1)a-1")
def test_KTMU_38_1_a_1_certificate_required() -> None:
    facts = {"admitted_on": D(2026, 2, 1), "discharged_on": D(2026, 3, 31), "academic_year": YEAR, "hospital_certificate": False}
    assert lv.health_leave_eligibility(facts, LATER).value is F


@pytest.mark.rule("KTMU-38(1)a-2")
@pytest.mark.parametrize(("taken", "requested", "verdict"), [(0, 2, P), (1, 1, P), (1, 2, F), (0, 3, F)])
def test_KTMU_38_1_a_2_health_leave_at_most_2_semesters_in_total(taken: int, requested: int, verdict: Verdict) -> None:
    assert lv.health_leave_limit({"semesters_already_taken": taken, "semesters_requested": requested}, LATER).value is verdict


@pytest.mark.rule("KTMU-38(1)b-1")
@pytest.mark.parametrize(("doc", "taken", "requested", "verdict"), [(True, 0, 2, P), (True, 1, 2, F), (False, 0, 1, F)])
def test_KTMU_38_1_b_1_childbirth_up_to_2_semesters(doc: bool, taken: int, requested: int, verdict: Verdict) -> None:
    facts = {"birth_document": doc, "semesters_already_taken": taken, "semesters_requested": requested}
    assert lv.childbirth_leave(facts, LATER).value is verdict


@pytest.mark.rule("KTMU-38(1)c-1")
@pytest.mark.parametrize(("submitted", "verdict"), [(D(2026, 3, 27), P), (D(2026, 3, 28), F)])
def test_KTMU_38_1_c_1_health_documents_within_7_days(submitted: dt.date, verdict: Verdict) -> None:
    # sheet opened Friday 20 March 2026 (a public holiday): calendar days, nothing skipped
    assert lv.health_documents({"sick_sheet_opened_on": D(2026, 3, 20), "documents_submitted_on": submitted}, LATER).value is verdict


@pytest.mark.rule("KTMU-38(1)d-1", "KTMU-38(2)c-1")
@pytest.mark.parametrize(("reason", "notice", "board", "status"), [("HEALTH", True, True, "ACTIVE"), ("HEALTH", True, False, "ACADEMIC_LEAVE"), ("EXCUSED", True, True, "ACTIVE"), ("EXCUSED", False, True, "ACADEMIC_LEAVE")])
def test_KTMU_38_1_d_1_leave_ends_by_board_decision_after_notice(reason: str, notice: bool, board: bool, status: str) -> None:
    assert lv.academic_leave_end({"reason": reason, "notice_given": notice, "institute_board_decision": board}, LATER).value == status


@pytest.mark.rule("KTMU-38(2)a-1", "KTMU-38(2)a-2")
@pytest.mark.parametrize(
    ("reason", "evidence", "semesters", "board", "verdict"),
    [
        ("NATURAL_DISASTER", True, 2, True, P),
        ("NATURAL_DISASTER", True, 3, True, F),
        ("PROSECUTION", False, 1, True, F),
        ("ABROAD_EDU_RESEARCH", True, 1, False, W),
        ("JOB_POSTING_ABROAD", True, 1, True, F),
        ("JOB_RELOCATION_DOMESTIC", True, 1, True, F),
    ],
)
def test_KTMU_38_2_a_1_excused_leave_up_to_2_semesters_job_moves_excluded(reason: str, evidence: bool, semesters: int, board: bool, verdict: Verdict) -> None:
    facts = {"reason": reason, "evidence": evidence, "semesters_requested": semesters, "institute_board_decision": board}
    assert lv.excused_leave(facts, LATER).value is verdict


@pytest.mark.rule("KTMU-38(2)b-1")
@pytest.mark.parametrize(("day", "unforeseen", "verdict"), [(D(2026, 9, 1), False, P), (D(2026, 9, 15), False, P), (D(2026, 9, 16), False, F), (D(2026, 10, 20), True, P)])
def test_KTMU_38_2_b_1_application_within_calendar_window(day: dt.date, unforeseen: bool, verdict: Verdict) -> None:
    facts = {"applied_on": day, "window": {"start": D(2026, 9, 1), "end": D(2026, 9, 15)}, "unforeseen": unforeseen}
    assert lv.excused_leave_application_window(facts, LATER).value is verdict


SEMS = [
    {"label": "2025-AUTUMN", "start": D(2025, 9, 1), "end": D(2026, 1, 31)},
    {"label": "2025-SPRING", "start": D(2026, 2, 1), "end": D(2026, 6, 30)},
    {"label": "2026-AUTUMN", "start": D(2026, 9, 1), "end": D(2027, 1, 31)},
]


@pytest.mark.rule("KTMU-38(3)a-1")
def test_KTMU_38_3_a_1_semesters_overlapping_service() -> None:
    facts = {"service": {"start": D(2026, 1, 31), "end": D(2026, 9, 1)}, "call_up_documents": True, "written_notice": True, "semesters": SEMS}
    assert lv.military_leave_semesters(facts, LATER).value == ["2025-AUTUMN", "2025-SPRING", "2026-AUTUMN"]
    short = {**facts, "service": {"start": D(2026, 2, 1), "end": D(2026, 8, 31)}}
    assert lv.military_leave_semesters(short, LATER).value == ["2025-SPRING"]
    assert lv.military_leave_semesters({**facts, "written_notice": False}, LATER).value is F


@pytest.mark.rule("KTMU-38(3)b-1")
@pytest.mark.parametrize(("reported", "mid", "verdict"), [(D(2026, 2, 28), True, P), (D(2026, 3, 1), True, F), (D(2026, 2, 10), False, F)])
def test_KTMU_38_3_b_1_report_within_one_month_of_return(reported: dt.date, mid: bool, verdict: Verdict) -> None:
    # returned 31 January: one calendar month → 28 February (month-end clamping)
    facts = {
        "returned_on": D(2026, 1, 31),
        "reported_on": reported,
        "military_id_shown": mid,
        "service_end": D(2026, 1, 25),
        "renewal_windows": [{"start": D(2025, 9, 1), "end": D(2025, 9, 10)}, {"start": D(2026, 2, 2), "end": D(2026, 2, 13)}],
    }
    out = lv.military_return(facts, LATER)
    assert out.value is verdict
    if verdict is P:
        assert out.explanation.message_values["start"] == D(2026, 2, 2)


def test_ktmu_grading_and_status_messages_use_the_same_placeholders_in_every_language() -> None:
    import string

    from bilim.regulations.core import messages

    fmt = string.Formatter()
    for key, texts in messages.catalogue().items():
        if not key.startswith(("ktmu.grading.", "ktmu.status.")):
            continue
        fields = {lang: {f for _, f, _, _ in fmt.parse(texts[lang]) if f} for lang in messages.LANGUAGES}
        assert len({frozenset(v) for v in fields.values()}) == 1, (key, fields)


@pytest.mark.rule("KTMU-37(1)-1")
def test_KTMU_37_1_1_granted_leave_length_is_never_negative() -> None:
    from pydantic import ValidationError

    base = {"reason_arose_on": dt.date(2026, 11, 1), "applied_on": dt.date(2026, 11, 10), "supporting_documents": True}
    with pytest.raises(ValidationError):
        lv.leave_application({**base, "board_decided_days": -1}, dt.date(2026, 11, 21))
    assert lv.leave_application({**base, "board_decided_days": 0}, dt.date(2026, 11, 21)).value is Verdict.PASS
