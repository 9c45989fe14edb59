"""OshSU — money (STU-14, STU-16, HOME-2, HOST-5, 6.1-1, 6.3-1) and host/home duties (HOST-1/3/4, HOME-1/3/5)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from bilim.regulations.core import Verdict
from bilim.regulations.mobility import finance as fin
from bilim.regulations.mobility import home_host as hh

ON = dt.date(2026, 11, 21)


@pytest.mark.rule("OSU-4.8-STU-14")
def test_OSU_4_8_STU_14_contract_fee_in_full_host_free() -> None:
    base = {"funding_basis": "CONTRACT", "regular_contract_fee": "48000", "home_fee_charged": "48000"}
    assert fin.contract_fee_during_mobility(base, ON).value is Verdict.PASS
    assert fin.contract_fee_during_mobility({**base, "home_fee_charged": "47999.99"}, ON).value is Verdict.FAIL  # discount
    assert fin.contract_fee_during_mobility({**base, "host_tuition_charged": "0.01"}, ON).value is Verdict.FAIL
    assert fin.contract_fee_during_mobility({"funding_basis": "BUDGET"}, ON).value is Verdict.PASS


@pytest.mark.rule("OSU-4.8-STU-16")
def test_OSU_4_8_STU_16_budget_student_host_fee() -> None:
    assert fin.budget_student_host_fee({"funding_basis": "BUDGET", "host_fee": "0"}, ON).value is Verdict.PASS
    assert fin.budget_student_host_fee({"funding_basis": "BUDGET", "host_fee": "0.01"}, ON).value is Verdict.FAIL
    flagged = {"funding_basis": "BUDGET", "host_fee": "300", "partner_charges_budget_students": True}
    assert fin.budget_student_host_fee(flagged, ON).value is Verdict.WARN  # "айрым окуу жайларды кошпогондо"
    assert fin.budget_student_host_fee({"funding_basis": "CONTRACT", "host_fee": "300"}, ON).value is Verdict.PASS


@pytest.mark.rule("OSU-4.8-HOME-2")
def test_OSU_4_8_HOME_2_stipend_kept_in_full() -> None:
    base = {"funding_basis": "BUDGET", "stipend_before": "2500"}
    assert fin.stipend_preserved({**base, "stipend_during": "2500"}, ON).value is Verdict.PASS
    assert fin.stipend_preserved({**base, "stipend_during": "2499.99"}, ON).value is Verdict.FAIL
    assert fin.stipend_preserved({**base, "stipend_during": "0"}, ON).value is Verdict.FAIL  # never suspended
    assert fin.stipend_preserved({"funding_basis": "CONTRACT", "stipend_before": "0"}, ON).value is Verdict.PASS


@pytest.mark.rule("OSU-4.8-HOST-5")
def test_OSU_4_8_HOST_5_no_fee_under_bilateral_agreement() -> None:
    assert fin.host_fee_under_agreement({"under_bilateral_agreement": True, "fee": "0"}, ON).value is Verdict.PASS
    assert fin.host_fee_under_agreement({"under_bilateral_agreement": True, "fee": "0.01"}, ON).value is Verdict.FAIL
    assert fin.host_fee_under_agreement({"under_bilateral_agreement": False, "fee": "100"}, ON).value is Verdict.PASS


@pytest.mark.rule("OSU-6.1-1")
def test_OSU_6_1_1_funding_sources() -> None:
    assert fin.funding_sources_ok({"funding_sources": ["UNIVERSITY", "CREDIT_MOBILITY_PROJECT"]}, ON).value is Verdict.PASS
    assert fin.funding_sources_ok({"funding_sources": []}, ON).value is Verdict.FAIL
    out = fin.funding_sources_ok({"funding_sources": ["PERSONAL", "LOTTERY"]}, ON)
    assert out.value is Verdict.FAIL and out.explanation.message_values["sources"] == ["LOTTERY"]


@pytest.mark.rule("OSU-6.3-1")
def test_OSU_6_3_1_participants_generally_pay_nothing() -> None:
    assert fin.participant_fee({"fee": "0"}, ON).value is Verdict.PASS
    assert fin.participant_fee({"fee": "0.01"}, ON).value is Verdict.FAIL
    assert fin.participant_fee({"fee": "100", "exception_reason": "OSU-4.8-STU-16 partner"}, ON).value is Verdict.WARN
    assert fin.participant_fee({"fee": "100", "exception_reason": ""}, ON).value is Verdict.FAIL


@pytest.mark.rule("OSU-4.8-HOST-1")
def test_OSU_4_8_HOST_1_coordinator_from_curators() -> None:
    assert hh.incoming_coordinator({}, ON).value is Verdict.FAIL
    assert hh.incoming_coordinator({"coordinator_id": "u7", "coordinator_is_curator": False}, ON).value is Verdict.FAIL
    assert hh.incoming_coordinator({"coordinator_id": "u7", "coordinator_is_curator": True}, ON).value is Verdict.PASS


@pytest.mark.rule("OSU-4.8-HOST-3")
def test_OSU_4_8_HOST_3_enrolled_in_regular_group() -> None:
    assert hh.incoming_groups({"groups": []}, ON).value is Verdict.FAIL
    assert hh.incoming_groups({"groups": [{"group_code": "VIS-1", "regular": False}]}, ON).value is Verdict.FAIL
    out = hh.incoming_groups({"groups": [{"group_code": "FIZ-21", "regular": True}]}, ON)
    assert out.value is Verdict.PASS


@pytest.mark.rule("OSU-4.8-HOST-4")
def test_OSU_4_8_HOST_4_results_documents() -> None:
    rows = [{"discipline": "Algebra", "credits": "5", "grade": "87"}]
    assert hh.incoming_results_documents({"term": "LONG", "documents_issued": {"TRANSCRIPT"}, "results": rows}, ON).value is Verdict.PASS
    assert hh.incoming_results_documents({"term": "LONG", "documents_issued": {"CERTIFICATE"}, "results": rows}, ON).value is Verdict.FAIL
    ungraded = [*rows, {"discipline": "Optics", "credits": "4"}]
    out = hh.incoming_results_documents({"term": "LONG", "documents_issued": {"INDIVIDUAL_STATEMENT"}, "results": ungraded}, ON)
    assert out.value is Verdict.FAIL and out.explanation.message_values["disciplines"] == ["Optics"]
    assert hh.incoming_results_documents({"term": "SHORT", "documents_issued": {"PARTICIPATION_CERTIFICATE"}}, ON).value is Verdict.PASS
    assert hh.incoming_results_documents({"term": "SHORT"}, ON).value is Verdict.FAIL


@pytest.mark.rule("OSU-4.8-HOME-1")
def test_OSU_4_8_HOME_1_non_standard_subject_targets() -> None:
    assert hh.non_standard_recognition_target({"in_state_standard": False, "target": "ELECTIVE"}, ON).value is Verdict.PASS
    assert hh.non_standard_recognition_target({"in_state_standard": False, "target": "UNIV_COMP"}, ON).value is Verdict.PASS
    assert hh.non_standard_recognition_target({"in_state_standard": False, "target": "DISCIPLINE"}, ON).value is Verdict.FAIL
    assert hh.non_standard_recognition_target({"in_state_standard": True, "target": "DISCIPLINE"}, ON).value is Verdict.PASS


@pytest.mark.rule("OSU-4.8-HOME-3")
def test_OSU_4_8_HOME_3_passed_course_recognised_unless_reasoned_refusal() -> None:
    assert hh.default_recognition({"host_outcome": "PASSED"}, ON).value == "RECOGNISED"
    refused = hh.default_recognition({"host_outcome": "PASSED", "refused": True, "refusal_reason": "content differs"}, ON)
    assert refused.value == "REFUSED"
    assert hh.default_recognition({"host_outcome": "PASSED", "refused": True, "refusal_reason": "  "}, ON).value == "RECOGNISED"
    assert hh.default_recognition({"host_outcome": "UNSATISFACTORY"}, ON).value == "NOT_PASSED"


@pytest.mark.rule("OSU-4.8-HOME-5")
def test_OSU_4_8_HOME_5_order_before_departure() -> None:
    assert hh.departure_order({"participant_type": "STUDENT"}, ON).value is Verdict.FAIL
    st_ok = {"participant_type": "STUDENT", "order_kind": "STUDENT_DEPARTURE", "signed_by": "VICE_RECTOR"}
    assert hh.departure_order(st_ok, ON).value is Verdict.PASS
    assert hh.departure_order({**st_ok, "signed_by": "DEAN"}, ON).value is Verdict.FAIL
    staff = {"participant_type": "STAFF", "order_kind": "STAFF_TRIP", "signed_by": "RECTOR"}
    assert hh.departure_order(staff, ON).value is Verdict.PASS
    assert hh.departure_order({**staff, "signed_by": "VICE_RECTOR"}, ON).value is Verdict.FAIL  # staff: rector (STAFF-1)
    assert hh.departure_order({**staff, "order_kind": "STUDENT_DEPARTURE"}, ON).value is Verdict.FAIL


@pytest.mark.rule("OSU-4.8-HOME-2")
def test_finance_message_mentions_amounts_in_every_language() -> None:
    out = fin.stipend_preserved({"funding_basis": "BUDGET", "stipend_before": "2500", "stipend_during": "1250.5"}, ON)
    assert "1250,5" in out.message("ky") and "1250,5" in out.message("ru") and "1250.5" in out.message("en")
    assert out.explanation.message_values["due"] == Decimal("2500")


@pytest.mark.rule("OSU-4.8-HOME-2")
def test_OSU_4_8_HOME_2_a_contract_students_stipend_is_not_this_rules_concern() -> None:
    """Only budget students' stipends are preserved in full; a contract student's (e.g. a named grant) is not judged."""
    out = fin.stipend_preserved({"funding_basis": "CONTRACT", "stipend_before": "1000", "stipend_during": "0"}, ON)
    assert out.value is Verdict.PASS and out.explanation.message_key == "osu.fin.stipend.not_applicable"
    budget_none = fin.stipend_preserved({"funding_basis": "BUDGET", "stipend_before": "0", "stipend_during": "0"}, ON)
    assert budget_none.value is Verdict.PASS and budget_none.explanation.message_key == "osu.fin.stipend.not_applicable"
