"""KTMU art. 33–36 — appeals and corrections at their time-limit boundaries."""

from __future__ import annotations

import datetime as dt

import pytest

from bilim.regulations.core import Verdict
from bilim.regulations.postgrad import appeals as a

D = dt.date
LATER = D(2026, 12, 31)
P, W, F = Verdict.PASS, Verdict.WARN, Verdict.FAIL

# Thursday 19 March 2026: Friday 20 is Orozo Ait (public holiday), 21–22 the weekend (21 also
# Nooruz). Working days after the 19th: Mon 23 (1), Tue 24 (2), Wed 25 (3), … Fri 3 April (10).
THU = D(2026, 3, 19)


@pytest.mark.rule("KTMU-33-1")
@pytest.mark.parametrize(("filed", "verdict"), [(D(2026, 3, 24), P), (D(2026, 3, 25), F), (D(2026, 3, 20), P)])
def test_KTMU_33_1_two_working_days_across_holiday_and_weekend(filed: dt.date, verdict: Verdict) -> None:
    out = a.specialist_exam_appeal({"results_published_on": THU, "appeal_filed_on": filed}, LATER)
    assert out.value is verdict
    reasons = {s.day: s.reason for s in out.explanation.skipped}
    assert "Eid al-Fitr" in reasons[D(2026, 3, 20)] and reasons[D(2026, 3, 22)] == "weekend"


@pytest.mark.rule("KTMU-33-1")
def test_KTMU_33_1_open_then_lapsed_without_appeal() -> None:
    facts = {"results_published_on": THU}
    assert a.specialist_exam_appeal(facts, D(2026, 3, 24)).value is W
    assert a.specialist_exam_appeal(facts, D(2026, 3, 25)).value is F


@pytest.mark.rule("KTMU-33-2")
@pytest.mark.parametrize(
    ("submitted", "written", "papers", "verdict"),
    [(D(2026, 3, 24), True, True, P), (D(2026, 3, 25), True, True, F), (D(2026, 3, 23), False, True, F), (D(2026, 3, 23), True, False, F)],
)
def test_KTMU_33_2_commission_findings_in_2_working_days_with_papers(submitted: dt.date, written: bool, papers: bool, verdict: Verdict) -> None:
    facts = {"appeal_received_on": THU, "findings_submitted_on": submitted, "findings_in_writing": written, "papers_attached": papers}
    assert a.specialist_exam_review(facts, LATER).value is verdict


@pytest.mark.rule("KTMU-33-3")
@pytest.mark.parametrize(
    ("error", "changed", "board", "verdict"),
    [(True, True, D(2026, 3, 30), P), (True, True, None, F), (False, True, D(2026, 3, 30), F), (True, False, None, W), (False, False, None, P)],
)
def test_KTMU_33_3_correction_only_after_technical_error_and_board_decision(error: bool, changed: bool, board: dt.date | None, verdict: Verdict) -> None:
    facts = {"technical_error_found": error, "grade_changed": changed, "institute_board_decision_on": board}
    assert a.specialist_exam_correction(facts, LATER).value is verdict


@pytest.mark.rule("KTMU-34-1")
@pytest.mark.parametrize(
    ("published", "filed", "verdict"),
    [
        (D(2026, 5, 1), D(2026, 5, 8), P),  # 7th calendar day after
        (D(2026, 5, 1), D(2026, 5, 9), F),
        (D(2026, 11, 14), D(2026, 11, 21), P),  # due on a Saturday: calendar days, not moved
        (D(2026, 11, 14), D(2026, 11, 23), F),
    ],
)
def test_KTMU_34_1_seven_calendar_days(published: dt.date, filed: dt.date, verdict: Verdict) -> None:
    assert a.exam_appeal({"results_published_on": published, "appeal_filed_on": filed}, LATER).value is verdict


@pytest.mark.rule("KTMU-34-2")
@pytest.mark.parametrize(("submitted", "verdict"), [(D(2026, 3, 25), P), (D(2026, 3, 26), F)])
def test_KTMU_34_2_instructor_recheck_at_most_3_working_days(submitted: dt.date, verdict: Verdict) -> None:
    facts = {"appeal_received_on": THU, "findings_submitted_on": submitted, "findings_in_writing": True, "papers_attached": True}
    assert a.exam_appeal_review(facts, LATER).value is verdict


@pytest.mark.rule("KTMU-34-3")
@pytest.mark.parametrize(
    ("board", "notified", "verdict"),
    [(D(2026, 4, 1), D(2026, 4, 2), P), (D(2026, 4, 1), None, F), (None, D(2026, 4, 2), F)],
)
def test_KTMU_34_3_board_decision_and_student_notified(board: dt.date | None, notified: dt.date | None, verdict: Verdict) -> None:
    facts = {"technical_error_found": True, "grade_changed": True, "institute_board_decision_on": board, "student_notified_on": notified}
    assert a.exam_grade_correction(facts, LATER).value is verdict


@pytest.mark.rule("KTMU-34-4")
@pytest.mark.parametrize(
    ("filed", "to", "written", "verdict"),
    [(D(2026, 6, 8), "UNIVERSITY_BOARD", True, P), (D(2026, 6, 9), "UNIVERSITY_BOARD", True, F), (D(2026, 6, 5), "INSTITUTE_BOARD", True, F), (D(2026, 6, 5), "UNIVERSITY_BOARD", False, F)],
)
def test_KTMU_34_4_further_appeal_7_days_written_to_university_board(filed: dt.date, to: str, written: bool, verdict: Verdict) -> None:
    facts = {"board_decision_published_on": D(2026, 6, 1), "appeal_filed_on": filed, "addressed_to": to, "in_writing": written}
    assert a.exam_further_appeal(facts, LATER).value is verdict


@pytest.mark.rule("KTMU-35-1")
@pytest.mark.parametrize(
    ("filed", "reason", "attachments", "verdict"),
    [(D(2026, 1, 27), "WRONG_ENTRY", 1, P), (D(2026, 1, 28), "WRONG_ENTRY", 1, F), (D(2026, 1, 27), None, 1, F), (D(2026, 1, 27), "WRONG_CALCULATION", 0, F)],
)
def test_KTMU_35_1_instructor_correction_within_7_days_with_reason_and_attachments(filed: dt.date, reason: str | None, attachments: int, verdict: Verdict) -> None:
    facts = {"results_published_on": D(2026, 1, 20), "filed_on": filed, "reason": reason, "attachments": attachments}
    assert a.instructor_correction_request(facts, LATER).value is verdict


@pytest.mark.rule("KTMU-35-2")
@pytest.mark.parametrize(("board", "old", "new", "verdict"), [(D(2026, 2, 2), "CC", "CB", P), (None, "CC", "CB", F), (D(2026, 2, 2), None, "CB", F)])
def test_KTMU_35_2_correction_by_board_decision_with_old_and_new_grade(board: dt.date | None, old: str | None, new: str, verdict: Verdict) -> None:
    facts = {"technical_error_found": False, "grade_changed": True, "institute_board_decision_on": board, "old_grade": old, "new_grade": new}
    assert a.instructor_correction_decision(facts, LATER).value is verdict


@pytest.mark.rule("KTMU-36(1)-1")
@pytest.mark.parametrize(
    ("defence", "filed", "passed", "verdict"),
    [
        (D(2026, 1, 31), D(2026, 3, 31), False, P),  # 2 months later, same day
        (D(2026, 1, 31), D(2026, 4, 1), False, F),
        (D(2025, 12, 31), D(2026, 2, 28), False, P),  # month-end clamping
        (D(2025, 12, 31), D(2026, 3, 1), False, F),
        (D(2026, 1, 31), D(2026, 2, 1), True, F),  # a passed defence cannot be appealed
    ],
)
def test_KTMU_36_1_1_defence_appeal_within_2_months(defence: dt.date, filed: dt.date, passed: bool, verdict: Verdict) -> None:
    facts = {"defence_date": defence, "defence_passed": passed, "appeal_filed_on": filed}
    assert a.defence_appeal(facts, LATER).value is verdict


@pytest.mark.rule("KTMU-36(2)-1")
@pytest.mark.parametrize(("formed", "verdict"), [(D(2026, 4, 3), P), (D(2026, 4, 6), F)])
def test_KTMU_36_2_1_commission_within_10_working_days(formed: dt.date, verdict: Verdict) -> None:
    out = a.appeal_commission_formed({"appeal_filed_on": THU, "formed_on": formed}, LATER)
    assert out.value is verdict
    assert D(2026, 3, 20) in [s.day for s in out.explanation.skipped]


def _m(pid: str, voting: bool = True, deg: bool = True, title: bool = True, inst: str = "NAT", fos: str = "MATH") -> dict:
    return {"person_id": pid, "voting": voting, "has_academic_degree": deg, "has_academic_title": title, "institute": inst, "fos": fos}


@pytest.mark.rule("KTMU-36(3)-1")
@pytest.mark.parametrize(
    ("members", "verdict"),
    [
        ([_m("a"), _m("b"), _m("c", fos="PHYS"), _m("s", voting=False, deg=False, title=False)], P),
        ([_m("a"), _m("b"), _m("s", voting=False)], F),  # 2 voting members
        ([_m("a"), _m("b"), _m("c"), _m("d"), _m("s", voting=False)], F),  # 4 voting members
        ([_m("a"), _m("b"), _m("c")], F),  # no secretary
        ([_m("a"), _m("b"), _m("c", title=False), _m("s", voting=False)], F),
        ([_m("a"), _m("b"), _m("c", inst="SOC"), _m("s", voting=False)], F),
    ],
)
def test_KTMU_36_3_1_three_qualified_voting_members_and_a_secretary(members: list[dict], verdict: Verdict) -> None:
    facts = {"members": members, "student_institute": "NAT", "student_fos": "MATH"}
    assert a.appeal_commission_composition(facts, LATER).value is verdict


@pytest.mark.rule("KTMU-36(3)-2")
def test_KTMU_36_3_2_supervisors_and_jury_excluded() -> None:
    base = {"supervisor_ids": ["sup1", "sup2"], "jury_member_ids": ["j1", "j2"]}
    assert a.appeal_commission_exclusions({**base, "member_ids": ["x", "y", "z"]}, LATER).value is P
    assert a.appeal_commission_exclusions({**base, "member_ids": ["x", "y", "sup2"]}, LATER).value is F
    assert a.appeal_commission_exclusions({**base, "member_ids": ["j1", "y", "z"]}, LATER).value is F


@pytest.mark.rule("KTMU-36(4)-1")
@pytest.mark.parametrize(("submitted", "verdict"), [(D(2026, 5, 1), P), (D(2026, 5, 2), F)])
def test_KTMU_36_4_1_report_within_30_calendar_days(submitted: dt.date, verdict: Verdict) -> None:
    assert a.appeal_commission_report_due({"formed_on": D(2026, 4, 1), "report_submitted_on": submitted}, LATER).value is verdict


@pytest.mark.rule("KTMU-36(4)-2")
def test_KTMU_36_4_2_report_has_findings_evaluations_decision() -> None:
    full = {"findings": "papers and video reviewed", "evaluations": "scores confirmed", "decision": "UPHOLD", "submitted_to_institute": True}
    assert a.appeal_commission_report_content(full, LATER).value is P
    assert a.appeal_commission_report_content({**full, "evaluations": " "}, LATER).value is F
    assert a.appeal_commission_report_content({**full, "decision": None}, LATER).value is F


@pytest.mark.rule("KTMU-36(5)-1")
def test_KTMU_36_5_1_decision_is_uphold_or_reevaluate() -> None:
    assert a.appeal_commission_decision({"decision": "UPHOLD"}, LATER).value == "UPHOLD"
    assert a.appeal_commission_decision({"decision": "REEVALUATE"}, LATER).value == "REEVALUATE"
    assert a.appeal_commission_decision({"decision": "ANNUL"}, LATER).value is F


@pytest.mark.rule("KTMU-36(6)-1")
def test_KTMU_36_6_1_majority_of_three_by_open_vote() -> None:
    members = ["a", "b", "c"]
    two = [{"member_id": "a", "choice": "REEVALUATE"}, {"member_id": "b", "choice": "REEVALUATE"}, {"member_id": "c", "choice": "UPHOLD"}]
    assert a.appeal_commission_vote({"voting_member_ids": members, "votes": two}, LATER).value == "REEVALUATE"
    # the secretary's vote does not count: 1 + 1 of 3 is no majority
    split = [{"member_id": "a", "choice": "UPHOLD"}, {"member_id": "b", "choice": "REEVALUATE"}, {"member_id": "secr", "choice": "UPHOLD"}]
    assert a.appeal_commission_vote({"voting_member_ids": members, "votes": split}, LATER).value is F
    assert a.appeal_commission_vote({"voting_member_ids": members, "votes": two, "open_vote": False}, LATER).value is F


@pytest.mark.rule("KTMU-36(7)-1")
def test_KTMU_36_7_1_upheld_report_goes_to_the_institute_board() -> None:
    assert a.appeal_upheld_board_decision({"decision": "UPHOLD"}, LATER).value is W
    assert a.appeal_upheld_board_decision({"decision": "UPHOLD", "institute_board_decision_on": D(2026, 5, 5)}, LATER).value is P
    assert a.appeal_upheld_board_decision({"decision": "REEVALUATE"}, LATER).value is P


@pytest.mark.rule("KTMU-36(8)-1")
@pytest.mark.parametrize(("sent", "verdict"), [(D(2026, 5, 16), P), (D(2026, 5, 17), F)])
def test_KTMU_36_8_1_reevaluate_report_sent_to_jury_within_15_days(sent: dt.date, verdict: Verdict) -> None:
    facts = {"decision": "REEVALUATE", "report_received_on": D(2026, 5, 1), "sent_to_jury_on": sent}
    assert a.appeal_report_to_jury(facts, LATER).value is verdict


@pytest.mark.rule("KTMU-36(9)-1")
@pytest.mark.parametrize(("notified", "published", "verdict"), [(D(2026, 6, 6), True, P), (D(2026, 6, 7), True, F), (D(2026, 6, 3), False, F)])
def test_KTMU_36_9_1_student_notified_in_5_days_and_published(notified: dt.date, published: bool, verdict: Verdict) -> None:
    facts = {"board_signed_on": D(2026, 6, 1), "student_notified_on": notified, "published_on_institute_website": published}
    assert a.appeal_final_notification(facts, LATER).value is verdict
