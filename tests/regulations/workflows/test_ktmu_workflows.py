"""KTMU §5 workflows: every table validates against the catalogue index, guards are
machine-checkable rules, and the key paths (and the ERRATA 21 split) behave.

Only tests of IDs in this range (arts. 1–9, Part B) carry rule markers; path tests of other
articles' workflows test the tables, not those rules."""

from __future__ import annotations

import pytest

from bilim.regulations.core import coverage
from bilim.regulations.core.registry import load_all
from bilim.regulations.workflows.core import InvalidTransition, get_workflow
from bilim.regulations.workflows.ktmu import KTMU_WORKFLOWS


def walk(code: str, actions: list[str]) -> str:
    wf = get_workflow(code)
    state = wf.initial
    for a in actions:
        state = wf.find(state, a).target
    return state


def test_every_ktmu_workflow_validates() -> None:
    load_all()
    idx = coverage.index()
    expected = {f"KTMU-W-{n:02d}" for n in range(1, 22) if n != 16} | {"KTMU-W-13a", "KTMU-W-16a", "KTMU-W-16b",
                                                                        "KTMU-W-16c", "KTMU-W-16d"}
    assert set(KTMU_WORKFLOWS) == expected
    for wf in KTMU_WORKFLOWS.values():
        wf.validate(known_rule_ids=idx)


def test_guards_are_machine_checkable_and_listed_among_refs() -> None:
    idx = coverage.index()
    for wf in KTMU_WORKFLOWS.values():
        for t in wf.transitions:
            for g in t.guards:
                assert idx[g].machine_checkable, (wf.code, t.action, g)
                assert g in t.refs
            assert t.authority, (wf.code, t.source, t.action)


def test_every_decision_row_names_the_body_that_decides() -> None:
    assert get_workflow("KTMU-W-01").find("SENATE_APPROVED", "decide").authority == ("body:trustees",)
    assert get_workflow("KTMU-W-03").find("QUOTA_SENATE_APPROVED", "trustees_approve").authority == ("body:trustees",)
    assert get_workflow("KTMU-W-19").find("DISMISSAL_PROPOSED", "rector_order").authority == ("role:rector",)
    assert get_workflow("KTMU-W-19").find("DISMISSAL_CASE", "propose_dismissal").authority == ("body:institute_board",)


@pytest.mark.rule_table("KTMU-6(1)-1", "KTMU-6(2)-1")
def test_KTMU_6_1_1_programme_opening_paths() -> None:
    assert walk("KTMU-W-01", ["prepare_master", "propose", "decide", "consent", "decide"]) == "OPEN"
    assert walk("KTMU-W-01", ["prepare_interdisciplinary", "propose", "decide", "consent"]) == "OPEN"
    t = get_workflow("KTMU-W-01").find("SENATE_APPROVED", "decide")
    assert "KTMU-6(1)-1" in t.guards
    # the Senate cannot be skipped
    with pytest.raises(InvalidTransition):
        walk("KTMU-W-01", ["prepare_master", "propose", "decide", "decide"])
    # the master's and doctoral staff minimums guard the matching preparation only
    wf = get_workflow("KTMU-W-01")
    assert "KTMU-6(5)-1" in wf.find("NEW", "prepare_master").guards
    assert "KTMU-6(6)-1" in wf.find("NEW", "prepare_doctoral").guards
    assert "KTMU-6(5)-1" not in wf.find("NEW", "prepare_doctoral").guards


@pytest.mark.rule_table("KTMU-8-1", "KTMU-9-3")
def test_KTMU_8_1_quota_then_announcement_path() -> None:
    path = ["propose_quota", "institute_decide", "senate_consent", "trustees_approve", "draft_announcement", "propose",
            "decide", "publish"]
    assert walk("KTMU-W-03", path) == "ANNOUNCED"
    with pytest.raises(InvalidTransition):  # no announcement before the quota is approved
        walk("KTMU-W-03", ["propose_quota", "draft_announcement"])


@pytest.mark.rule_table("KTMU-BT-1-8", "KTMU-BT-1-9", "KTMU-BT-1-11")
def test_KTMU_BT_trustees_meeting_paths() -> None:
    assert walk("KTMU-W-21", ["convene", "open_quorate", "vote_adopted", "next_item", "vote_not_adopted", "close_meeting"]) == "CLOSED"
    with pytest.raises(InvalidTransition):  # no vote without quorum
        walk("KTMU-W-21", ["convene", "open_not_quorate", "vote_adopted"])
    assert walk("KTMU-W-21", ["urgent_decision", "lapse"]) == "LAPSED"


def test_errata_21_failed_defence_grounds_split_by_level() -> None:
    wf = get_workflow("KTMU-W-16d")
    ma = wf.find("CLOSED", "dismissal_ground_master")
    phd = wf.find("CLOSED", "dismissal_ground_doctoral")
    assert ma.guards == ("KTMU-39(1)i-1",) and "MA only" in ma.note
    assert phd.guards == ("KTMU-39(1)h-2",) and "2 semesters" in phd.note
    # W-19 ground (i) is for master's students only
    assert "MA only" in get_workflow("KTMU-W-19").find("ENROLLED", "ground_ma_defence_failed").note
    path = ["appeal", "form_commission", "report_reevaluate", "send_to_jury", "decide", "sign_and_notify"]
    assert walk("KTMU-W-16d", path) == "CLOSED"


def test_KTMU_39_2_1_dismissal_needs_board_proposal_then_rector() -> None:
    assert walk("KTMU-W-19", ["ground_own_request", "propose_dismissal", "rector_order"]) == "DISMISSED"
    with pytest.raises(InvalidTransition):
        walk("KTMU-W-19", ["ground_own_request", "rector_order"])


def test_KTMU_23_2_1_supervisor_change_locks_thesis_until_expiry() -> None:
    assert walk("KTMU-W-12", ["interim_supervision", "propose_supervisor", "appoint", "change_on_application"]) == "THESIS_LOCK"
    assert walk("KTMU-W-12", ["interim_supervision", "propose_supervisor", "appoint", "change_on_application",
                               "suspend", "resume", "lock_expires"]) == "SUPERVISED"
    assert walk("KTMU-W-12", ["interim_supervision", "propose_supervisor", "appoint", "mandatory_change"]) == "SUPERVISED"


def test_KTMU_14_admission_registration_and_reserve_paths() -> None:
    base = ["apply", "check_master", "assign_specialist_track", "require_written", "sit_exam", "score_pass",
            "compute_master_composite", "publish_results"]
    assert walk("KTMU-W-04", base + ["place_main_list", "register"]) == "REGISTERED"
    assert walk("KTMU-W-04", base + ["place_main_list", "registration_period_ends"]) == "LOST_RIGHT"
    assert walk("KTMU-W-04", base + ["place_reserve_list", "promote", "register"]) == "REGISTERED"
    assert walk("KTMU-W-04", ["apply", "check_master", "assign_specialist_track", "waive_written", "absent", "close"]) == "FAILED"


def test_KTMU_38_4_1_academic_leave_blocks_activities() -> None:
    wf = get_workflow("KTMU-W-18")
    for state in ("ACADEMIC_LEAVE_HEALTH", "ACADEMIC_LEAVE_MILITARY"):
        t = wf.find(state, "activity_attempt")
        # the block is the reason recorded by the app (standing), not a guard: a FAIL guard would refuse the record itself
        assert t.target == state and "KTMU-38(4)-1" in t.refs
    assert walk("KTMU-W-18", ["military_service", "return", "renew_registration"]) == "ACTIVE"


def test_every_ktmu_workflow_lists_each_state_once_with_its_initial_and_final_states() -> None:
    for code, wf in KTMU_WORKFLOWS.items():
        assert len(set(wf.states)) == len(wf.states), code
        assert wf.states[0] == wf.initial, code
        assert set(wf.final) <= set(wf.states), code
        assert {s for t in wf.transitions for s in (t.source, t.target)} <= set(wf.states), code
