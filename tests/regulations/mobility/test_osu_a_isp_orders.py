"""OSU 1.3.6-1, 1.4-1, 1.4-2, 4.3-1, 4.8 FD-4, FD-7, FD-9, VDIR-5, VDIR-9: ISP gate and orders (engineer A)."""

from __future__ import annotations

import datetime as dt

import pytest

from bilim.regulations.core import Verdict
from bilim.regulations.mobility.isp import (
    dlt_schedule_check,
    final_isp_check,
    isp_ready_for_departure,
    replacement_check,
)
from bilim.regulations.mobility.orders import (
    briefing_check,
    departure_order_check,
    invitation_basis_check,
    return_order_check,
    staff_trip_dean_consent,
    student_order_check,
)

D = dt.date
ON = D(2026, 11, 21)

ISP_OK = {
    "version": 2,
    "host_disciplines": ["Databases", "Networks"],
    "pl_agreed_on": D(2026, 8, 3),
    "vdaa_agreed_on": D(2026, 8, 4),
    "dean_approved_on": D(2026, 8, 5),
    "handed_to_ird_on": D(2026, 8, 6),
}
GATE = {
    "participant_type": "STUDENT",
    "direction": "OUTGOING",
    "start_date": D(2026, 9, 1),
    "end_date": D(2027, 1, 31),
    "planned_host_disciplines": ["Databases", "Networks"],
    "isp": ISP_OK,
}


@pytest.mark.rule("OSU-1.3.6-1")
def test_OSU_1_3_6_1_isp_gate_milestones_errata_10() -> None:
    assert isp_ready_for_departure(GATE, ON).value == Verdict.PASS
    # approved by the dean but not handed to IRD → no departure (ERRATA 10)
    assert isp_ready_for_departure({**GATE, "isp": {**ISP_OK, "handed_to_ird_on": None}}, ON).value == Verdict.FAIL
    assert isp_ready_for_departure({**GATE, "isp": {**ISP_OK, "dean_approved_on": None}}, ON).value == Verdict.FAIL
    assert isp_ready_for_departure({**GATE, "isp": {**ISP_OK, "vdaa_agreed_on": None}}, ON).value == Verdict.FAIL
    # order of the milestones: dean after both agreements, IRD after the dean (same day allowed)
    early = {**ISP_OK, "dean_approved_on": D(2026, 8, 3)}
    assert isp_ready_for_departure({**GATE, "isp": early}, ON).value == Verdict.FAIL
    same_day = {**ISP_OK, "dean_approved_on": D(2026, 8, 4), "handed_to_ird_on": D(2026, 8, 4)}
    assert isp_ready_for_departure({**GATE, "isp": same_day}, ON).value == Verdict.PASS
    handed_early = {**ISP_OK, "handed_to_ird_on": D(2026, 8, 4)}
    assert isp_ready_for_departure({**GATE, "isp": handed_early}, ON).value == Verdict.FAIL
    # covers all planned host disciplines
    more = {**GATE, "planned_host_disciplines": ["Databases", "Networks", "Compilers"]}
    out = isp_ready_for_departure(more, ON)
    assert out.value == Verdict.FAIL and out.explanation.message_values["disciplines"] == ["Compilers"]
    assert isp_ready_for_departure({**GATE, "isp": None}, ON).value == Verdict.FAIL
    # provisional ISP of OSU-4.8-STU-8: departure with a warning
    prov = {**GATE, "isp": {"version": 1, "provisional": True}}
    assert isp_ready_for_departure(prov, ON).value == Verdict.WARN


@pytest.mark.rule("OSU-1.3.6-1")
def test_OSU_1_3_6_1_isp_only_for_long_term_outgoing_students() -> None:
    short = {**GATE, "end_date": D(2026, 9, 30), "isp": None}  # 01.09–30.09: one month, short-term
    assert isp_ready_for_departure(short, ON).value == Verdict.PASS
    long_by_a_day = {**short, "end_date": D(2026, 10, 1)}
    assert isp_ready_for_departure(long_by_a_day, ON).value == Verdict.FAIL
    assert isp_ready_for_departure({**GATE, "participant_type": "STAFF", "isp": None}, ON).value == Verdict.PASS
    assert isp_ready_for_departure({**GATE, "direction": "INCOMING", "isp": None}, ON).value == Verdict.PASS


@pytest.mark.rule("OSU-4.8-FD-4")
def test_OSU_4_8_FD_4_final_isp_after_invitation_with_comparison() -> None:
    f = {
        "invitation_received_on": D(2026, 7, 1),
        "final_isp_created_on": D(2026, 7, 1),
        "curriculum_source": "HOST_WEBSITE",
        "comparison": [{"host_discipline": "Databases", "home_discipline": "Databases I"},
                       {"host_discipline": "Turkish art", "no_equivalent": True}],
    }
    assert final_isp_check(f, ON).value == Verdict.PASS
    assert final_isp_check({**f, "final_isp_created_on": D(2026, 6, 30)}, ON).value == Verdict.FAIL
    assert final_isp_check({**f, "invitation_received_on": None}, ON).value == Verdict.FAIL
    assert final_isp_check({**f, "curriculum_source": None}, ON).value == Verdict.FAIL
    open_row = {**f, "comparison": [{"host_discipline": "Networks"}]}
    assert final_isp_check(open_row, ON).value == Verdict.FAIL


@pytest.mark.rule("OSU-4.8-FD-7")
def test_OSU_4_8_FD_7_only_university_component_and_electives_replaced() -> None:
    ok = [
        {"home_discipline": "Elective X", "home_component": "ELECTIVE", "host_discipline": "Y", "kind": "REPLACEMENT"},
        {"home_discipline": "Univ Z", "home_component": "UNIV_COMP", "host_discipline": "W", "kind": "REPLACEMENT"},
        {"home_discipline": "Physics", "home_component": "STATE_STANDARD", "host_discipline": "Physics", "kind": "EQUIVALENCE"},
    ]
    assert replacement_check({"mappings": ok}, ON).value == Verdict.PASS
    bad = ok + [{"home_discipline": "History of KR", "home_component": "STATE_STANDARD", "host_discipline": "Art", "kind": "REPLACEMENT"}]
    out = replacement_check({"mappings": bad}, ON)
    assert out.value == Verdict.FAIL and out.explanation.message_values["disciplines"] == ["History of KR"]


@pytest.mark.rule("OSU-4.8-FD-9")
def test_OSU_4_8_FD_9_module_schedule_before_departure_order() -> None:
    disc = {"name": "Philosophy", "schedule": [{"module": "M1", "due_date": D(2026, 10, 15), "form": "test"}],
            "schedule_attached_on": D(2026, 8, 20)}
    assert dlt_schedule_check({"dlt_disciplines": [disc], "departure_order_date": D(2026, 8, 20)}, ON).value == Verdict.PASS
    assert dlt_schedule_check({"dlt_disciplines": [disc], "departure_order_date": D(2026, 8, 19)}, ON).value == Verdict.FAIL
    assert dlt_schedule_check({"dlt_disciplines": [{**disc, "schedule": []}]}, ON).value == Verdict.FAIL


@pytest.mark.rule("OSU-1.4-1")
def test_OSU_1_4_1_staff_trip_needs_dean_consent_after_hod() -> None:
    f = {"start_date": D(2026, 12, 1), "end_date": D(2026, 12, 5), "hod_approved_on": D(2026, 11, 10),
         "dean_consent_on": D(2026, 11, 10), "trip_order_on": D(2026, 11, 12)}
    assert staff_trip_dean_consent(f, ON).value == Verdict.PASS
    assert staff_trip_dean_consent({**f, "dean_consent_on": None}, ON).value == Verdict.FAIL
    assert staff_trip_dean_consent({**f, "dean_consent_on": D(2026, 11, 9)}, ON).value == Verdict.FAIL  # before HOD
    assert staff_trip_dean_consent({**f, "trip_order_on": D(2026, 11, 9)}, ON).value == Verdict.FAIL
    assert staff_trip_dean_consent({**f, "end_date": D(2026, 11, 30)}, ON).value == Verdict.FAIL


@pytest.mark.rule("OSU-1.4-2")
def test_OSU_1_4_2_student_order_by_rector_or_vice_rector() -> None:
    order = {"kind": "STUDENT_DEPARTURE", "signed_by": "VICE_RECTOR", "date": D(2026, 8, 25), "aidoc_ref": "A-1"}
    assert student_order_check({"departure_order": order}, ON).value == Verdict.PASS
    assert student_order_check({"departure_order": {**order, "signed_by": "RECTOR"}}, ON).value == Verdict.PASS
    assert student_order_check({"departure_order": {**order, "signed_by": "DEAN"}}, ON).value == Verdict.FAIL
    assert student_order_check({"departure_order": {**order, "kind": "STAFF_TRIP"}}, ON).value == Verdict.FAIL
    assert student_order_check({"departure_order": None}, ON).value == Verdict.FAIL


@pytest.mark.rule("OSU-4.3-1")
def test_OSU_4_3_1_invitation_letter_is_the_basis() -> None:
    f = {"direction": "OUTGOING", "host": "Ankara University", "invitation_letter_issuer": "ankara university"}
    assert invitation_basis_check(f, ON).value == Verdict.PASS
    assert invitation_basis_check({**f, "invitation_letter_issuer": None}, ON).value == Verdict.FAIL
    assert invitation_basis_check({**f, "invitation_letter_issuer": "A travel agency"}, ON).value == Verdict.FAIL
    assert invitation_basis_check({"direction": "INCOMING", "host": "OshSU"}, ON).value == Verdict.PASS


@pytest.mark.rule("OSU-4.8-VDIR-5")
def test_OSU_4_8_VDIR_5_briefing_between_invitation_and_order() -> None:
    f = {"invitation_received_on": D(2026, 7, 1), "briefing_date": D(2026, 7, 1), "attendance_recorded": True,
         "departure_order_date": D(2026, 8, 25)}
    assert briefing_check(f, ON).value == Verdict.PASS
    assert briefing_check({**f, "briefing_date": D(2026, 6, 30)}, ON).value == Verdict.FAIL
    assert briefing_check({**f, "briefing_date": D(2026, 8, 26)}, ON).value == Verdict.FAIL
    assert briefing_check({**f, "attendance_recorded": False}, ON).value == Verdict.FAIL


@pytest.mark.rule("OSU-4.8-VDIR-9")
def test_OSU_4_8_VDIR_9_departure_order() -> None:
    f = {"invitation_letter": True, "isp_gate": GATE, "order_date": D(2026, 9, 1), "aidoc_ref": "AiDoc-77"}
    assert departure_order_check(f, ON).value == Verdict.PASS  # on the first day: still timely
    assert departure_order_check({**f, "order_date": D(2026, 9, 2)}, ON).value == Verdict.FAIL
    assert departure_order_check({**f, "invitation_letter": False}, ON).value == Verdict.FAIL
    assert departure_order_check({**f, "aidoc_ref": None}, ON).value == Verdict.FAIL
    no_ird = {**f, "isp_gate": {**GATE, "isp": {**ISP_OK, "handed_to_ird_on": None}}}
    out = departure_order_check(no_ird, ON)
    assert out.value == Verdict.FAIL and "OSU-1.3.6-1" in out.explanation.all_rule_ids()
    prov = {**f, "isp_gate": {**GATE, "isp": {"provisional": True}}}
    assert departure_order_check(prov, ON).value == Verdict.WARN


@pytest.mark.rule("OSU-4.8-VDIR-9")
def test_OSU_4_8_VDIR_9_return_order() -> None:
    from bilim.regulations.core import params

    f = {"end_date": D(2027, 1, 31)}
    assert return_order_check({**f, "return_order_date": D(2027, 1, 31), "aidoc_ref": "R-1"}, ON).value == Verdict.PASS
    assert return_order_check({**f, "return_order_date": D(2027, 1, 30), "aidoc_ref": "R-1"}, ON).value == Verdict.FAIL
    assert return_order_check(f, D(2027, 6, 1)).value == Verdict.PASS  # no SLA set by the regulation
    store = params.store().with_version("osu.order_sla_days", D(2026, 1, 1), 5, decided_by="IRD log")
    with params.using(store):
        assert return_order_check(f, D(2027, 2, 5)).value == Verdict.PASS  # 5 days after the end
        assert return_order_check(f, D(2027, 2, 6)).value == Verdict.WARN  # 6 days


@pytest.mark.rule("OSU-1.3.6-1")
def test_OSU_1_3_6_1_the_explanation_names_the_approval_chain_it_applied() -> None:
    """A long-term departure is judged under the dated ISP approval chain: the explanation records it."""
    out = isp_ready_for_departure(GATE, ON)
    assert "osu.isp_approval_chain" in [u.name for u in out.explanation.params]
