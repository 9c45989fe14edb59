"""KTMU Instruction on Postgraduate Education, article 40 — writing the thesis "under the relevant
(separate) rules" (KTMU-40-1), and the gates the thesis app puts in front of the transition service.

Article 40 leaves the thesis stages to the institution's implementing regulation. The instruction
itself names the stages elsewhere: the doctoral qualifying exam (21(6), 39(1)h-1), the thesis proposal
and its review commission (4-7), progress reports each semester (39(1)g-2, h-3, h-4), submission
within the set period (39(1)g-3, h-6) and its lock after a supervisor change (23(2)-1), the jury
(attestation commission, 36(3)-2), the defence and its result (36, 39(1)i-1, h-2) and the diploma
(20(5)-1, 43). Their order and sizes are dated parameters ``ktmu.thesis.*`` (``ref: KTMU-40-1``) that
the institution's implementing rule set may change by date.

Public functions:

* ``thesis_step`` (KTMU-40-1) — may the student take this step of the thesis now;
* ``as_gate`` / ``ground_gate`` — turn a value-returning rule (an exemption, a dismissal ground) into
  the PASS/FAIL a transition-table guard expects, keeping the rule's own explanation.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from typing import Any, Literal

from pydantic import Field

from bilim.regulations.core import Ctx, Facts, Outcome, Verdict, rule
from bilim.regulations.postgrad.studies_common import Level

Step = Literal["QUALIFYING_EXAM", "PROPOSAL", "PROGRESS_REPORT", "SUBMISSION", "JURY", "DEFENCE", "DEGREE"]


class ThesisProgress(Facts):
    """Where a student's thesis stands, for one step asked about."""

    level: Level
    step: Step
    coursework_completed: bool = False
    qualifying_exam_passed: bool = False
    proposal_approved: bool = False
    approved_progress_reports: int = Field(default=0, ge=0)
    thesis_submitted: bool = False
    jury_members: int = Field(default=0, ge=0, description="Members of the jury proposed (0 before a jury is formed)")
    defence_passed: bool | None = None
    plagiarism_case_open: bool = False


@rule("KTMU-40-1")
def thesis_step(f: ThesisProgress, ctx: Ctx) -> Outcome:
    """«Магистратура, докторантура/ассистентура-стажировка программаларынын талабына ылайык,
    диссертациялык иш жазуу тиешелүү эрежелер менен ишке ашырылат».

    The stages in order: qualifying exam (levels ``ktmu.thesis.qualifying_exam_levels``, after the
    coursework, 21(6)) → proposal approved by the review commission (levels
    ``ktmu.thesis.proposal_levels``; for the other levels the institute's approval of the topic) →
    progress reports → submission (at least ``ktmu.thesis.min_progress_reports`` approved reports) →
    jury of ``ktmu.thesis.jury_size`` members → defence → degree (not while a plagiarism case is open,
    KTMU-43). PASS when every earlier stage is done, FAIL naming the first one missing.
    """
    qe_levels = ctx.param("ktmu.thesis.qualifying_exam_levels")
    proposal_levels = ctx.param("ktmu.thesis.proposal_levels")
    needs_qe = f.level in qe_levels
    order = ["QUALIFYING_EXAM", "PROPOSAL", "PROGRESS_REPORT", "SUBMISSION", "JURY", "DEFENCE", "DEGREE"]
    at = order.index(f.step)
    if f.step == "QUALIFYING_EXAM":
        if not needs_qe:
            return ctx.fail("ktmu.thesis.qe_not_for_level", level=f.level)
        if ctx.param("ktmu.thesis.qe_after_coursework") and not f.coursework_completed:
            return ctx.fail("ktmu.thesis.coursework_first")
        return ctx.passed("ktmu.thesis.step_ok", step=f.step)
    if needs_qe and not f.qualifying_exam_passed:
        return ctx.fail("ktmu.thesis.qe_first", step=f.step)
    if at > order.index("PROPOSAL") and not f.proposal_approved:
        key = "ktmu.thesis.proposal_first" if f.level in proposal_levels else "ktmu.thesis.topic_first"
        return ctx.fail(key, step=f.step)
    if at >= order.index("SUBMISSION") and f.step != "SUBMISSION" and not f.thesis_submitted:
        return ctx.fail("ktmu.thesis.submission_first", step=f.step)
    if f.step == "SUBMISSION":
        need = int(ctx.param("ktmu.thesis.min_progress_reports")[f.level])
        if f.approved_progress_reports < need:
            return ctx.fail("ktmu.thesis.reports_missing", count=f.approved_progress_reports, minimum=need)
    if f.step == "JURY":
        size = int(ctx.param("ktmu.thesis.jury_size")[f.level])
        if f.jury_members != size:
            return ctx.fail("ktmu.thesis.jury_size", count=f.jury_members, size=size)
    if f.step in ("DEFENCE", "DEGREE") and f.jury_members == 0:
        return ctx.fail("ktmu.thesis.jury_first", step=f.step)
    if f.step == "DEGREE":
        if f.defence_passed is not True:
            return ctx.fail("ktmu.thesis.defence_not_passed")
        if f.plagiarism_case_open:
            return ctx.fail("ktmu.thesis.plagiarism_hold")
    return ctx.passed("ktmu.thesis.step_ok", step=f.step)


def _with(outcome: Outcome, verdict: Verdict) -> Outcome:
    return Outcome(value=verdict, explanation=dataclasses.replace(outcome.explanation, result=verdict))


def as_gate(outcome: Outcome, ok_values: Iterable[Any]) -> Outcome:
    """A value-returning rule (e.g. ``EXEMPT`` / ``NOT_EXEMPT``) as a table guard: PASS when its value is
    one of ``ok_values``, else FAIL — with the rule's own explanation (its message says why)."""
    ok = set(ok_values)
    if outcome.verdict is Verdict.FAIL and Verdict.FAIL not in ok:
        return outcome
    return _with(outcome, Verdict.PASS if outcome.value in ok else Verdict.FAIL)


def ground_gate(outcome: Outcome) -> Outcome:
    """A dismissal-ground rule (FAIL = the ground exists) or a limit rule (FAIL = the limit is used up) as the
    guard of the step that *reaches* the ground: PASS when the ground exists, FAIL (the rule's "no ground"
    explanation) when it does not. A WARN (e.g. the appeal window still open) is not a ground: FAIL."""
    return _with(outcome, Verdict.PASS if outcome.verdict is Verdict.FAIL else Verdict.FAIL)
