"""KTMU arts 15–18 — special status, incoming and outgoing exchange, junior-researcher transfer."""

from __future__ import annotations

import datetime as dt

import pytest

from bilim.regulations import Verdict
from bilim.regulations.postgrad.admission_special import (
    incoming_exchange_admission,
    incoming_exchange_capacity,
    incoming_exchange_courses,
    incoming_exchange_documents,
    incoming_exchange_eligibility,
    incoming_exchange_period,
    junior_researcher_transfer,
    junior_researcher_transfer_eligibility,
    outgoing_exchange_approval,
    outgoing_exchange_credit_load,
    outgoing_exchange_documents,
    outgoing_exchange_no_ktmu_courses,
    outgoing_exchange_period,
    outgoing_exchange_return_documents,
    special_course_rules_level,
    special_course_selection,
    special_status_admission,
    special_status_card,
    special_status_completion_documents,
    special_status_eligibility,
    special_status_entitlement,
    special_status_next_semester,
    special_status_registration_date,
    special_status_semesters,
    study_semesters_with_exchange,
    transferred_student_next_semester,
)

ON = dt.date(2026, 9, 15)

# --- art. 15 -------------------------------------------------------------------------------------


@pytest.mark.rule("KTMU-15(1)-1")
@pytest.mark.parametrize(("years", "graduated", "expected"), [(3, True, Verdict.FAIL), (4, True, Verdict.PASS), (5, True, Verdict.PASS), (4, False, Verdict.FAIL)])
def test_KTMU_15_1_1_graduate_with_at_least_four_years(years: int, graduated: bool, expected: Verdict) -> None:
    assert special_status_eligibility({"graduated": graduated, "degree_nominal_years": years}, ON).value is expected


@pytest.mark.rule("KTMU-15(2)-1")
def test_KTMU_15_2_1_fos_opinion_then_board_decision() -> None:
    ok = [{"body": "FOS_HEAD", "act": "OPINION"}, {"body": "INSTITUTE_BOARD", "act": "DECIDE"}]
    assert special_status_admission({"approvals": ok}, ON).value is Verdict.PASS
    assert special_status_admission({"approvals": ok[1:]}, ON).value is Verdict.FAIL
    assert special_status_admission({"approvals": ok[::-1]}, ON).value is Verdict.FAIL


@pytest.mark.rule("KTMU-15(3)-1")
@pytest.mark.parametrize(("previous", "expected"), [(0, Verdict.PASS), (1, Verdict.PASS), (2, Verdict.FAIL)])
def test_KTMU_15_3_1_at_most_two_semesters(previous: int, expected: Verdict) -> None:
    assert special_status_semesters({"previous_special_semesters": previous}, ON).value is expected


@pytest.mark.rule("KTMU-15(3)-1")
def test_KTMU_15_3_1_a_longer_request_is_granted_for_the_fixed_semester_not_refused() -> None:
    out = special_status_semesters({"previous_special_semesters": 0, "semesters_requested": 2}, ON)
    assert out.value is Verdict.PASS and out.explanation.message_key == "ktmu.adm.special.granted_fixed"
    assert out.message("en").startswith("Special status granted for 1 semester (requested 2)")
    assert "1 семестрге берилди (2 семестр суралган)" in out.message("ky")
    # the limit still holds: a second semester already studied plus this one is 2; a third is refused
    assert special_status_semesters({"previous_special_semesters": 1, "semesters_requested": 3}, ON).value is Verdict.PASS
    assert special_status_semesters({"previous_special_semesters": 2, "semesters_requested": 1}, ON).value is Verdict.FAIL
    assert special_status_semesters({"previous_special_semesters": 0}, ON).explanation.message_key == "ktmu.adm.special.semesters_ok"


@pytest.mark.rule("KTMU-15(4)-1")
@pytest.mark.parametrize(
    ("day", "expected"),
    [("2026-09-06", Verdict.FAIL), ("2026-09-07", Verdict.PASS), ("2026-09-11", Verdict.PASS), ("2026-09-12", Verdict.FAIL)],
)
def test_KTMU_15_4_1_admitted_during_course_registration(day: str, expected: Verdict) -> None:
    f = {"on": day, "period_start": "2026-09-07", "period_end": "2026-09-11"}
    assert special_status_registration_date(f, ON).value is expected


@pytest.mark.rule("KTMU-15(4)-2")
@pytest.mark.parametrize(("n", "expected"), [(1, Verdict.PASS), (2, Verdict.PASS), (3, Verdict.FAIL)])
def test_KTMU_15_4_2_at_most_two_courses(n: int, expected: Verdict) -> None:
    courses = [{"code": f"C{i}"} for i in range(n)]
    assert special_course_selection({"courses": courses}, ON).value is expected


@pytest.mark.rule("KTMU-15(4)-3")
def test_KTMU_15_4_3_no_seminar() -> None:
    out = special_course_selection({"courses": [{"code": "SEM600", "kind": "SEMINAR"}]}, ON)
    assert out.value is Verdict.FAIL and out.explanation.message_values["courses"] == ["SEM600"]


@pytest.mark.rule("KTMU-15(4)-4")
def test_KTMU_15_4_4_each_semester_needs_a_new_registration() -> None:
    assert special_status_next_semester({"continuing_from_previous_semester": True, "new_registration_for_semester": False}, ON).value is Verdict.FAIL
    assert special_status_next_semester({"continuing_from_previous_semester": True, "new_registration_for_semester": True}, ON).value is Verdict.PASS


@pytest.mark.rule("KTMU-15(5)-1")
def test_KTMU_15_5_1_rules_of_the_offering_programme_level() -> None:
    assert special_course_rules_level({"offering_programme_level": "PHD"}, ON).value == "PHD"
    assert special_course_rules_level({"offering_programme_level": "MA"}, ON).value == "MA"


@pytest.mark.rule("KTMU-15(6)-1", "KTMU-15(7)-1")
@pytest.mark.parametrize(
    ("status", "requested", "expected"),
    [
        ("SPECIAL", "ENROLMENT_CERTIFICATE", Verdict.FAIL),
        ("SPECIAL", "MILITARY_STATUS_CERTIFICATE", Verdict.FAIL),
        ("SPECIAL", "HEALTH_BENEFITS", Verdict.FAIL),
        ("SPECIAL", "DIPLOMA", Verdict.FAIL),
        ("SPECIAL", "TITLE", Verdict.FAIL),
        ("SPECIAL", "GRADUATION_DOCUMENT", Verdict.FAIL),
        ("SPECIAL", "STUDENT_CARD", Verdict.PASS),
        ("SPECIAL", "GRADES_DOCUMENT", Verdict.PASS),
        ("REGULAR", "ENROLMENT_CERTIFICATE", Verdict.PASS),
    ],
)
def test_KTMU_15_6_1_special_status_denials(status: str, requested: str, expected: Verdict) -> None:
    assert special_status_entitlement({"student_status": status, "requested": requested}, ON).value is expected


@pytest.mark.rule("KTMU-15(6)-2")
def test_KTMU_15_6_2_card_scope_and_return() -> None:
    assert special_status_card({"card_scope": {"CANTEEN", "CAFETERIA", "LIBRARY"}, "period_ended": False}, ON).value is Verdict.PASS
    assert special_status_card({"card_scope": {"LIBRARY", "OTHER"}, "period_ended": False}, ON).value is Verdict.FAIL
    assert special_status_card({"card_scope": {"LIBRARY"}, "period_ended": True}, ON).value is Verdict.FAIL
    assert special_status_card({"card_scope": {"LIBRARY"}, "period_ended": True, "card_returned": True}, ON).value is Verdict.PASS


@pytest.mark.rule("KTMU-15(7)-2")
def test_KTMU_15_7_2_grades_document_and_confirmation() -> None:
    assert special_status_completion_documents({"period_ended": False, "issued": set()}, ON).value is Verdict.PASS
    assert special_status_completion_documents({"period_ended": True, "issued": {"GRADES_DOCUMENT"}}, ON).value is Verdict.FAIL
    both = {"GRADES_DOCUMENT", "SPECIAL_STATUS_CONFIRMATION"}
    assert special_status_completion_documents({"period_ended": True, "issued": both}, ON).value is Verdict.PASS


# --- art. 16 --------------------------------------------------------------------------------------


@pytest.mark.rule("KTMU-16(1)-1")
@pytest.mark.parametrize(
    ("country", "level", "active", "expected"),
    [("TR", "MA", True, Verdict.PASS), ("KG", "PHD", True, Verdict.PASS), ("KZ", "MA", True, Verdict.FAIL), ("TR", "BACHELOR", True, Verdict.FAIL), ("TR", "MA", False, Verdict.FAIL)],
)
def test_KTMU_16_1_1_pg_student_of_kr_or_tr_hei(country: str, level: str, active: bool, expected: Verdict) -> None:
    f = {"home_hei_country": country, "home_level": level, "home_enrolment_active": active}
    assert incoming_exchange_eligibility(f, ON).value is expected


@pytest.mark.rule("KTMU-16(2)-1")
@pytest.mark.parametrize(("n", "expected"), [(0, Verdict.FAIL), (1, Verdict.PASS), (2, Verdict.FAIL)])
def test_KTMU_16_2_1_one_semester(n: int, expected: Verdict) -> None:
    assert incoming_exchange_period({"semesters": n}, ON).value is expected


@pytest.mark.rule("KTMU-16(2)-3")
@pytest.mark.parametrize(("already", "expected"), [(0, Verdict.PASS), (1, Verdict.PASS), (2, Verdict.FAIL)])
def test_KTMU_16_2_3_at_most_two_per_programme(already: int, expected: Verdict) -> None:
    assert incoming_exchange_capacity({"already_accepted": already}, ON).value is expected


@pytest.mark.rule("KTMU-16(3)-1")
def test_KTMU_16_3_1_application_home_decision_during_course_selection() -> None:
    f = {"has_exchange_application": True, "has_home_council_decision": True, "admitted_on": "2026-09-07", "course_selection_start": "2026-09-07", "course_selection_end": "2026-09-11"}
    assert incoming_exchange_admission(f, ON).value is Verdict.PASS
    assert incoming_exchange_admission({**f, "admitted_on": "2026-09-12"}, ON).value is Verdict.FAIL
    assert incoming_exchange_admission({**f, "has_home_council_decision": False}, ON).value is Verdict.FAIL


@pytest.mark.rule("KTMU-16(4)-1")
def test_KTMU_16_4_1_any_course_offered_that_semester() -> None:
    f = {"offered_in_semester": {"CS501", "CS502", "CS503"}, "requested": {"CS501", "CS502", "CS503"}}
    assert incoming_exchange_courses(f, ON).value is Verdict.PASS
    assert incoming_exchange_courses({**f, "requested": {"CS501", "CS900"}}, ON).value is Verdict.FAIL


@pytest.mark.rule("KTMU-16(5)-1")
def test_KTMU_16_5_1_courses_and_grades_document_after_period() -> None:
    assert incoming_exchange_documents({"period_ended": True, "issued": set()}, ON).value is Verdict.FAIL
    assert incoming_exchange_documents({"period_ended": True, "issued": {"COURSES_AND_GRADES"}}, ON).value is Verdict.PASS
    assert incoming_exchange_documents({"period_ended": False, "issued": set()}, ON).value is Verdict.PASS


# --- art. 17 ---------------------------------------------------------------------------------------

OUT_CHAIN = [{"body": "SUPERVISOR", "act": "OPINION"}, {"body": "FOS_HEAD", "act": "PROPOSE"}, {"body": "INSTITUTE_BOARD", "act": "DECIDE"}]


@pytest.mark.rule("KTMU-17(1)-1")
def test_KTMU_17_1_1_same_level_abroad_with_full_chain() -> None:
    f = {"student_level": "PHD", "host_country": "TR", "host_programme_level": "PHD", "approvals": OUT_CHAIN}
    assert outgoing_exchange_approval(f, ON).value is Verdict.PASS
    assert outgoing_exchange_approval({**f, "host_country": "DE"}, ON).value is Verdict.PASS
    assert outgoing_exchange_approval({**f, "host_country": "KG"}, ON).value is Verdict.FAIL
    assert outgoing_exchange_approval({**f, "host_programme_level": "MA"}, ON).value is Verdict.FAIL
    assert outgoing_exchange_approval({**f, "approvals": OUT_CHAIN[1:]}, ON).value is Verdict.FAIL


@pytest.mark.rule("KTMU-17(2)-1")
def test_KTMU_17_2_1_host_decision_and_application() -> None:
    assert outgoing_exchange_documents({"has_host_council_decision": True, "has_outgoing_application": True}, ON).value is Verdict.PASS
    assert outgoing_exchange_documents({"has_host_council_decision": False, "has_outgoing_application": True}, ON).value is Verdict.FAIL


@pytest.mark.rule("KTMU-17(3)-1", "KTMU-17(3)-2")
def test_KTMU_17_3_one_semester_changed_only_at_thesis_stage() -> None:
    change = [{"body": "SUPERVISOR", "act": "CONSENT"}, {"body": "FOS_HEAD", "act": "PROPOSE"}, {"body": "INSTITUTE_BOARD", "act": "DECIDE"}]
    assert outgoing_exchange_period({"semesters": 1, "thesis_stage": False}, ON).value is Verdict.PASS
    assert outgoing_exchange_period({"semesters": 2, "thesis_stage": False, "change_approvals": change}, ON).value is Verdict.FAIL
    assert outgoing_exchange_period({"semesters": 2, "thesis_stage": True}, ON).value is Verdict.FAIL
    assert outgoing_exchange_period({"semesters": 2, "thesis_stage": True, "change_approvals": change}, ON).value is Verdict.PASS
    # no hard maximum, warning above 2
    assert outgoing_exchange_period({"semesters": 3, "thesis_stage": True, "change_approvals": change}, ON).value is Verdict.WARN


@pytest.mark.rule("KTMU-17(4)-1")
def test_KTMU_17_4_1_no_institute_courses_during_exchange() -> None:
    assert outgoing_exchange_no_ktmu_courses({"on_exchange_in_semester": True, "ktmu_courses_in_semester": ["CS601"]}, ON).value is Verdict.FAIL
    assert outgoing_exchange_no_ktmu_courses({"on_exchange_in_semester": True, "ktmu_courses_in_semester": []}, ON).value is Verdict.PASS
    assert outgoing_exchange_no_ktmu_courses({"on_exchange_in_semester": False, "ktmu_courses_in_semester": ["CS601"]}, ON).value is Verdict.PASS


@pytest.mark.rule("KTMU-17(5)-1")
@pytest.mark.parametrize(("credits", "expected"), [(["15", "14.5"], Verdict.PASS), (["15", "15"], Verdict.PASS), (["15", "15.5"], Verdict.FAIL)])
def test_KTMU_17_5_1_credits_within_host_maximum(credits: list, expected: Verdict) -> None:
    assert outgoing_exchange_credit_load({"host_course_credits": credits, "host_max_credits_per_semester": "30"}, ON).value is expected


@pytest.mark.rule("KTMU-17(6)-1")
def test_KTMU_17_6_1_exchange_counts_as_study_period() -> None:
    assert study_semesters_with_exchange({"regular_semesters": 3, "outgoing_exchange_semesters": 1}, ON).value == 4


@pytest.mark.rule("KTMU-17(7)-1")
def test_KTMU_17_7_1_return_documents() -> None:
    f = {"period_ended": True, "submitted": {"HOST_TRANSCRIPT"}, "due_on": "2026-09-20"}
    assert outgoing_exchange_return_documents(f, dt.date(2026, 9, 20)).value is Verdict.WARN
    assert outgoing_exchange_return_documents(f, dt.date(2026, 9, 21)).value is Verdict.FAIL
    done = {**f, "submitted": {"HOST_TRANSCRIPT", "CERTIFIED_THESIS_REPORT"}}
    assert outgoing_exchange_return_documents(done, dt.date(2026, 9, 21)).value is Verdict.PASS


# --- art. 18 ----------------------------------------------------------------------------------------


@pytest.mark.rule("KTMU-18-1")
@pytest.mark.parametrize(
    ("jr", "at_ktmu", "programme", "expected"),
    [(True, False, "X", Verdict.PASS), (True, True, "OTHER", Verdict.PASS), (True, True, "SPEC", Verdict.FAIL), (False, False, "X", Verdict.FAIL)],
)
def test_KTMU_18_1_junior_researcher_eligibility(jr: bool, at_ktmu: bool, programme: str, expected: Verdict) -> None:
    f = {"ktmu_junior_researcher": jr, "enrolled_at_ktmu": at_ktmu, "enrolled_programme": programme, "specialty_programme": "SPEC"}
    assert junior_researcher_transfer_eligibility(f, ON).value is expected


@pytest.mark.rule("KTMU-18-2")
def test_KTMU_18_2_transfer_to_opened_specialty_by_board_decision() -> None:
    f = {"target_programme": "SPEC", "specialty_programme": "SPEC", "target_open": True, "institute_board_decision": True, "applied_on": "2026-09-18", "first_add_drop_end_after_opening": "2026-09-18"}
    assert junior_researcher_transfer(f, ON).value is Verdict.PASS
    assert junior_researcher_transfer({**f, "applied_on": "2026-09-19"}, ON).value is Verdict.WARN
    assert junior_researcher_transfer({**f, "target_open": False}, ON).value is Verdict.FAIL
    assert junior_researcher_transfer({**f, "target_programme": "OTHER"}, ON).value is Verdict.FAIL
    assert junior_researcher_transfer({**f, "institute_board_decision": False}, ON).value is Verdict.FAIL


@pytest.mark.rule("KTMU-18-3")
def test_KTMU_18_3_continues_where_studies_stopped() -> None:
    assert transferred_student_next_semester({"completed_semesters": 2}, ON).value == 3
    assert transferred_student_next_semester({"completed_semesters": 0}, ON).value == 1
