"""KTMU Instruction on Postgraduate Education — plagiarism: art. 43 (and dismissal ground 39(1)k).

Public functions the apps call:
``plagiarism_referral`` (43(1): a complaint is referred in writing to the Research and Publication
Ethics Committee), ``diploma_hold`` (43(2): no diploma while a case is open), and
``plagiarism_established`` (43(3) and 39(1)k: plagiarism and an ethics violation found ⇒
dismissal ground).
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field

from bilim.regulations.core import Ctx, Facts, Outcome, rule


class PlagiarismComplaint(Facts):
    """A plagiarism suspicion with a complaint about a student's thesis or other scholarly work."""

    complaint_received_on: dt.date | None = None
    referred_in_writing_on: dt.date | None = None
    referred_to: Literal["ETHICS_COMMITTEE", "OTHER"] | None = None


@rule("KTMU-43(1)-1")
def plagiarism_referral(f: PlagiarismComplaint, ctx: Ctx) -> Outcome:
    """«плагиат боюнча шек жаралып, арыз түшсө, бул маселе … Илимий изилдөө жана жарыялоо этикасы боюнча комиссиясына жазуу түрүндө билдирилет».

    PASS when no complaint was received, or when the complaint was referred in writing to the
    Research and Publication Ethics Committee; WARN while the referral is not yet made; FAIL
    when referred elsewhere or dated before the complaint.
    """
    if f.complaint_received_on is None:
        return ctx.passed("ktmu.status.no_complaint")
    if f.referred_in_writing_on is None:
        return ctx.warn("ktmu.status.referral_pending", received=f.complaint_received_on)
    if f.referred_to != "ETHICS_COMMITTEE" or f.referred_in_writing_on < f.complaint_received_on:
        return ctx.fail("ktmu.status.referral_wrong")
    return ctx.passed("ktmu.status.referral_ok", referred=f.referred_in_writing_on)


class PlagiarismCase(Facts):
    opened_on: dt.date
    concluded_on: dt.date | None = None


class DiplomaHold(Facts):
    """The student's plagiarism cases and the day the diploma would be issued."""

    cases: list[PlagiarismCase] = Field(default_factory=list)
    issue_on: dt.date


@rule("KTMU-43(2)-1")
def diploma_hold(f: DiplomaHold, ctx: Ctx) -> Outcome:
    """«Илимий изилдөө жана жарыялоо этикасы боюнча комиссиясынын иликтөөсүнө ылайык териштирүү иши жыйынтыкталганча студентке диплом берилбейт».

    FAIL (diploma blocked) when a case opened on or before the issue day is not concluded by then;
    PASS otherwise (graduation may be computed, the diploma is not issued).
    """
    open_cases = [c.opened_on for c in f.cases if c.opened_on <= f.issue_on and (c.concluded_on is None or c.concluded_on > f.issue_on)]
    if open_cases:
        return ctx.fail("ktmu.status.diploma_blocked", opened=min(open_cases), day=f.issue_on)
    return ctx.passed("ktmu.status.diploma_free", day=f.issue_on)


class PlagiarismFinding(Facts):
    """The Ethics Committee's finding."""

    finding: Literal["NONE", "PENDING", "CLEARED", "PLAGIARISM_AND_ETHICS_VIOLATION"] = "NONE"


@rule("KTMU-43(3)-1", "KTMU-39(1)k-1")
def plagiarism_established(f: PlagiarismFinding, ctx: Ctx) -> Outcome:
    """«эмгекте плагиат орун алганы жана этикалык нормалар бузулганы аныкталса, студент окуудан чыгарылат»; (k) «плагиат аныкталса окуудан чыгарылат».

    FAIL (dismissal ground k) when the investigation established plagiarism and a violation of
    ethical norms; WARN while pending; PASS otherwise.
    """
    if f.finding == "PLAGIARISM_AND_ETHICS_VIOLATION":
        return ctx.fail("ktmu.status.ground.k", ground="k")
    if f.finding == "PENDING":
        return ctx.warn("ktmu.status.plagiarism_pending")
    return ctx.passed("ktmu.status.ground_clear", ground="k")
