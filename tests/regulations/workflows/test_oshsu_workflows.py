"""OshSU workflow tables of catalogue §4 (with ERRATA 8, 10, 11, 15, 18, 19)."""

from __future__ import annotations

import datetime as dt

import pytest

from bilim.regulations.core import coverage
from bilim.regulations.core.registry import load_all
from bilim.regulations.mobility import staff as sf
from bilim.regulations.workflows import oshsu
from bilim.regulations.workflows.core import InvalidTransition, Workflow, get_workflow

ON = dt.date(2026, 11, 21)


def _run(wf: Workflow, actions: list[str]) -> str:
    state = wf.initial
    for action in actions:
        state = wf.find(state, action).target
    return state


@pytest.mark.parametrize("code", oshsu.WORKFLOW_CODES)
def test_every_oshsu_workflow_validates_against_the_catalogue(code: str) -> None:
    load_all()
    wf = get_workflow(code)
    wf.validate(known_rule_ids=coverage.index())
    from bilim.regulations.core.registry import registry

    functions = {}
    for t in wf.transitions:
        for g in t.guards:  # a guard must be evaluable, and one rule function is guarded once per step
            assert g in registry, f"{code}: guard {g} has no implementation"
            fn = registry.for_id(g)[0].fn
            assert functions.setdefault((t.source, t.action, fn), g) == g
    for t in wf.transitions:
        assert t.authority, f"{code}: {t.source}->{t.target} has no authority"
        assert t.refs or t.guards, f"{code}: {t.source}->{t.target} cites nothing"


def test_section_lookup_finds_the_main_tables() -> None:
    load_all()
    import re

    from bilim.regulations.workflows.core import WORKFLOWS

    def by_section(section: str) -> str:
        for wf in WORKFLOWS.values():
            if "OSU" in wf.ref.upper() and re.search(re.escape(section) + r"(?![\d.])", wf.ref):
                return wf.code
        raise LookupError(section)

    assert by_section("4.1") == "osu.student_outgoing"
    assert by_section("4.3") == "osu.student_incoming"
    assert by_section("4.4") == "osu.staff_outgoing"
    assert by_section("4.5") == "osu.staff_incoming"


LONG_PATH = [
    "apply", "documents_complete", "open_selection", "select", "nominate", "refer", "invitation_received",
    "isp_submitted", "sign_la", "brief", "issue_order", "start", "return",
]


@pytest.mark.rule_table("OSU-4.8-STU-5", "OSU-4.8-STU-4")
def test_long_term_happy_path_and_isp_gate_errata_10() -> None:
    wf = oshsu.STUDENT_OUTGOING
    assert _run(wf, LONG_PATH) == "RETURNED"
    isp = wf.find("INVITED", "isp_submitted")
    # STU-4 computes the ISP status (a value): the step cites it; a value rule is never a guard (it cannot FAIL)
    assert "OSU-4.8-STU-4" in isp.refs and isp.guards == () and isp.target == "ISP_APPROVED"
    order = wf.find("BRIEFED", "issue_order")
    assert "OSU-4.8-STU-5" in order.guards and order.authority == ("body:rector_office",)
    # no departure order straight from INVITED for long-term mobility: the ISP comes first
    with pytest.raises(InvalidTransition):
        wf.find("INVITED", "issue_order")


@pytest.mark.rule_table("OSU-4.8-STU-12", "OSU-4.8-STU-13")
def test_results_line_and_errata_15() -> None:
    wf = oshsu.STUDENT_OUTGOING
    docs = wf.find("RETURNED", "documents_returned")
    # STU-12 computes the deadline status (ON_TIME/LATE/OVERDUE, a value the step records); not a guard
    assert "OSU-4.8-STU-12" in docs.refs and docs.guards == ()  # the recognition application is not part of the deadline
    rec = wf.find("DOCS_RETURNED", "recognise")
    assert "OSU-4.8-STU-13" in rec.refs and "OSU-4.8-STU-13" not in docs.guards + docs.refs
    state = _run(wf, [*LONG_PATH, "documents_returned", "recognise"])
    assert {t.target for t in wf.actions_from(state)} == {"EXPULSION_PROCEDURE", "RETAKE_PENDING", "HOST_RESULTS_CLEAR"}
    assert _run(wf, [*LONG_PATH, "documents_returned", "recognise", "open_retake", "retakes_passed", "academic_close", "close"]) == "CLOSED"
    assert "EXPULSION_PROCEDURE" in wf.final


@pytest.mark.rule_table("OSU-4.8-STU-10")
def test_dlt_track_is_parallel_from_returned_errata_8() -> None:
    wf = oshsu.STUDENT_OUTGOING
    assert wf.parallel_tracks == {"RETURNED": ("osu.student_outgoing_dlt",)}
    assert "DLT_EXAMS" not in wf.states  # the main line never waits in a DLT state
    dlt = oshsu.STUDENT_OUTGOING_DLT
    assert dlt.initial == "DLT_EXAMS"
    # the DLT track can finish while the main line is still waiting for documents
    assert _run(dlt, ["all_passed"]) == "DLT_PASSED"
    assert not oshsu.tracks_joined("RETURNED", "DLT_PASSED")
    assert not oshsu.tracks_joined("HOST_RESULTS_CLEAR", "DLT_EXAMS")
    assert not oshsu.tracks_joined("HOST_RESULTS_CLEAR", "DLT_DEBT")
    assert oshsu.tracks_joined("HOST_RESULTS_CLEAR", "DLT_PASSED")
    assert oshsu.tracks_joined("HOST_RESULTS_CLEAR", "NO_DLT_DISCIPLINES")
    # a stay with no window for the fall exams is flagged to the dean, not failed
    assert _run(dlt, ["flag_no_window", "schedule", "not_passed", "debt_cleared"]) == "DLT_PASSED"
    # nothing in the results line opens the DLT exams after recognition or retake any more
    for t in wf.transitions:
        assert t.target != "DLT_EXAMS"


@pytest.mark.rule_table("OSU-4.8-STU-22")
def test_short_term_variant_no_isp_no_window_errata_19() -> None:
    wf = oshsu.STUDENT_OUTGOING_SHORT
    apply = wf.find("DRAFT", "apply")
    assert "OSU-4.8-STU-22" in apply.guards
    assert not {"OSU-4.8-STU-19", "OSU-4.8-STU-20", "OSU-4.8-STU-21"} & set(apply.guards)
    assert "ISP_APPROVED" not in wf.states and "RECOGNISED" not in wf.states
    path = ["apply", "documents_complete", "select_non_competitive", "nominate", "refer", "invitation_received",
            "issue_order", "start", "return", "documents_returned", "academic_close", "close"]
    assert _run(wf, path) == "CLOSED"


@pytest.mark.rule_table("OSU-4.8-STU-19", "OSU-4.8-STU-20")
def test_long_term_variants_keep_the_windows() -> None:
    for wf in (oshsu.STUDENT_OUTGOING, oshsu.STUDENT_OUTGOING_DOMESTIC, oshsu.STUDENT_OUTGOING_VIRTUAL):
        apply = wf.find("DRAFT", "apply")
        assert "OSU-4.8-STU-19" in apply.guards  # the one window function (STU-19…23)
        assert {"OSU-4.8-STU-20", "OSU-4.8-STU-21", "OSU-4.8-STU-23"} <= set(apply.refs)
    virtual = oshsu.STUDENT_OUTGOING_VIRTUAL
    assert "ABROAD" not in virtual.states and "STUDYING_ONLINE" in virtual.states
    assert "OSU-6.2-1" not in virtual.find("BRIEFED", "issue_order").refs  # no visa for virtual mobility


def _staff_path(project_funded: bool) -> list[str]:
    dean = "approve_project_funded" if project_funded else "approve"
    return ["submit", "route", "approve", dean] + (["approve"] if project_funded else []) + ["issue_order"]


@pytest.mark.rule_table("OSU-4.8-STAFF-3")
def test_project_funded_trip_needs_the_pjl_step() -> None:
    wf = oshsu.STAFF_OUTGOING
    state = wf.initial
    visited = []
    for action in _staff_path(True):
        state = wf.find(state, action).target
        visited.append(state)
    assert visited == ["SUBMITTED", "APPROVAL_HOD", "APPROVAL_DEAN", "APPROVAL_PJL", "APPROVAL_VR_SCI", "ORDER_ISSUED"]
    assert wf.find("APPROVAL_PJL", "approve").authority == ("role:project_leader",)


@pytest.mark.rule_table("OSU-4.8-STAFF-3")
def test_non_project_trip_skips_pjl_and_rule_agrees_with_table() -> None:
    wf = oshsu.STAFF_OUTGOING
    assert _run(wf, _staff_path(False)[:-1]) == "APPROVAL_VR_SCI"
    # The rule's state after HOD and DEAN approved is reachable by one transition from APPROVAL_DEAN.
    for funded, expected in ((True, "APPROVAL_PJL"), (False, "APPROVAL_VR_SCI")):
        appr = [{"role": "HOD", "decision": "APPROVED", "on": ON}, {"role": "DEAN", "decision": "APPROVED", "on": ON}]
        state = sf.approval_state({"project_funded": funded, "approvals": appr}, ON).value
        assert state == expected
        assert state in {t.target for t in wf.actions_from("APPROVAL_DEAN")}


@pytest.mark.rule_table("OSU-4.8-STAFF-2", "OSU-4.8-STAFF-3")
def test_dean_consent_only_after_hod_errata_11() -> None:
    wf = oshsu.STAFF_OUTGOING
    submit = wf.find("DRAFT", "submit")
    assert "role:dean_office" not in submit.authority
    assert submit.guards == ("OSU-4.8-STAFF-2",)  # documents and the HOD's substitution information (ERRATA 18)
    assert "dean" not in submit.note.lower().replace("no dean's consent", "")
    # the only way into APPROVAL_DEAN is the HOD's approval, which carries the substitution check (ERRATA 18)
    into_dean = [t for t in wf.transitions if t.target == "APPROVAL_DEAN"]
    assert [(t.source, t.authority) for t in into_dean] == [("APPROVAL_HOD", ("role:head_of_department",))]
    assert "OSU-4.8-STAFF-3" in into_dean[0].refs and into_dean[0].guards == ()  # the chain state is a value, cited
    for state in ("APPROVAL_HOD", "APPROVAL_DEAN", "APPROVAL_PJL", "APPROVAL_VR_SCI"):
        assert wf.find(state, "reject").target == "REJECTED"


@pytest.mark.rule_table("OSU-4.8-STAFF-5", "OSU-4.8-STAFF-6")
def test_staff_expense_report_only_when_university_funded() -> None:
    wf = oshsu.STAFF_OUTGOING
    after = _staff_path(False) + ["start", "return"]
    assert _run(wf, [*after, "expenses_reported", "report", "close"]) == "CLOSED"
    assert _run(wf, [*after, "no_expense_report", "close"]) == "CLOSED"
    assert "OSU-4.8-STAFF-5" in wf.find("RETURNED", "no_expense_report").refs
    assert "OSU-4.8-STAFF-6" in wf.find("REPORTING", "close").guards


@pytest.mark.rule_table("OSU-4.8-HOST-1", "OSU-4.8-HOST-3", "OSU-4.8-HOST-4")
def test_incoming_student_needs_coordinator_group_before_studying() -> None:
    wf = oshsu.STUDENT_INCOMING
    start = wf.find("ARRIVED", "start_studies")
    assert start.guards == ("OSU-4.8-HOST-1", "OSU-4.8-HOST-3") and "OSU-4.8-FD-15" in start.refs
    assert _run(wf, ["accept", "visa_and_migration", "arrive", "start_studies", "issue_results", "depart"]) == "DEPARTED"
    assert _run(oshsu.STAFF_INCOMING, ["invite", "arrive", "depart"]) == "COMPLETED"
