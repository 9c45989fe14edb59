"""KTMU-40-1 (thesis stages under the implementing rule set) and the guard gates, without a database."""

from __future__ import annotations

import datetime as dt

import pytest

from bilim.regulations.core import Verdict
from bilim.regulations.core.registry import evaluate, load_all
from bilim.regulations.postgrad.thesis import as_gate, ground_gate

load_all()
ON = dt.date(2026, 12, 1)


def step(**kw: object) -> Verdict:
    return evaluate("KTMU-40-1", kw, ON).value


@pytest.mark.rule("KTMU-40-1")
def test_qualifying_exam_only_doctoral_and_after_coursework() -> None:
    assert step(level="MA", step="QUALIFYING_EXAM", coursework_completed=True) is Verdict.FAIL
    assert step(level="PHD", step="QUALIFYING_EXAM", coursework_completed=False) is Verdict.FAIL
    assert step(level="PHD", step="QUALIFYING_EXAM", coursework_completed=True) is Verdict.PASS
    assert step(level="AI", step="QUALIFYING_EXAM", coursework_completed=True) is Verdict.PASS


@pytest.mark.rule("KTMU-40-1")
def test_stages_in_order_with_boundaries() -> None:
    assert step(level="PHD", step="PROPOSAL") is Verdict.FAIL
    assert step(level="PHD", step="PROPOSAL", qualifying_exam_passed=True) is Verdict.PASS
    assert step(level="MA", step="PROPOSAL") is Verdict.PASS
    done = {"qualifying_exam_passed": True, "proposal_approved": True}
    # 3 approved reports for a doctorate: 2 refused, 3 accepted; none needed for master's
    assert step(level="PHD", step="SUBMISSION", approved_progress_reports=2, **done) is Verdict.FAIL
    assert step(level="PHD", step="SUBMISSION", approved_progress_reports=3, **done) is Verdict.PASS
    assert step(level="MA", step="SUBMISSION", proposal_approved=True) is Verdict.PASS
    assert step(level="MA", step="SUBMISSION") is Verdict.FAIL
    # the jury: exactly 5 (doctoral) / 3 (master's)
    sub = {**done, "thesis_submitted": True}
    assert [step(level="PHD", step="JURY", jury_members=n, **sub) for n in (4, 5, 6)] == [Verdict.FAIL, Verdict.PASS, Verdict.FAIL]
    assert step(level="MA", step="JURY", jury_members=3, proposal_approved=True, thesis_submitted=True) is Verdict.PASS
    assert step(level="PHD", step="DEFENCE", jury_members=0, **sub) is Verdict.FAIL
    assert step(level="PHD", step="DEGREE", jury_members=5, defence_passed=False, **sub) is Verdict.FAIL
    assert step(level="PHD", step="DEGREE", jury_members=5, defence_passed=True, plagiarism_case_open=True, **sub) is Verdict.FAIL
    assert step(level="PHD", step="DEGREE", jury_members=5, defence_passed=True, **sub) is Verdict.PASS


@pytest.mark.rule("KTMU-19(1)-1", "KTMU-39(1)d-1")
def test_gates_keep_the_rule_explanation() -> None:
    ex = evaluate("KTMU-19(2)-1", {"programme_languages": ["ky", "tr"], "prior_instruction_language": "tr", "language": "tr"}, ON)
    assert ex.value == "EXEMPT"
    g = as_gate(ex, {"EXEMPT"})
    assert g.verdict is Verdict.PASS and g.rule_ids == ex.rule_ids and g.explanation.message_key == ex.explanation.message_key
    assert as_gate(ex, {"NOT_EXEMPT"}).verdict is Verdict.FAIL
    ground = evaluate("KTMU-39(1)d-1", {"compulsory_languages": 1, "exempted_languages": 0, "language_semesters_used": 2}, ON)
    assert ground.verdict is Verdict.FAIL and ground_gate(ground).verdict is Verdict.PASS
    clear = evaluate("KTMU-39(1)d-1", {"compulsory_languages": 1, "exempted_languages": 0, "language_semesters_used": 1}, ON)
    assert ground_gate(clear).verdict is Verdict.FAIL


@pytest.mark.rule("KTMU-40-1")
def test_no_jury_yet_is_a_valid_record_a_negative_count_is_not() -> None:
    from pydantic import ValidationError

    assert step(level="MA", step="PROPOSAL", jury_members=0) is Verdict.PASS  # 0 before a jury is formed
    with pytest.raises(ValidationError):
        step(level="MA", step="PROPOSAL", jury_members=-1)
    assert step(level="MA", step="PROPOSAL", approved_progress_reports=0) is Verdict.PASS  # none yet is a record
    with pytest.raises(ValidationError):
        step(level="MA", step="PROPOSAL", approved_progress_reports=-1)
