"""Decision records and approval chains of named bodies (KTMU catalogue §1.2, §5, A-01, A-68).

Almost every KTMU approval rule has the form "on the proposal of X, the decision of Y, the
consent of Z": a chain of decisions of named bodies, in that order. This module holds the shared
input model (:class:`Decision`) and the chain check used by the approval rules of arts. 5–9
(``bilim.regulations.postgrad.programme``) and Part B (``bilim.regulations.governance.trustees``).

It registers no rule itself. Public helpers:

* ``Decision`` — one decision document (body, act, date, number, positive/negative);
* ``check_chain(ctx, subject, chain, decisions)`` — the Outcome (PASS/FAIL) of an approval chain;
* ``body_label(code)`` — the catalogue abbreviation of a body, as shown in messages.

Body codes: ``fos_council``, ``fos_head``, ``inst_mgmt``, ``institute_board``, ``institute_council``,
``senate``, ``trustees``, ``bt_chair``, ``bt_deputy``, ``rectorate``, ``rector``, ``supervisor``,
``university_board``, ``gov_tr``, ``gov_kr``, ``moes_kr``.
A-01: the "Institute Council" of arts. 5(2), 6(4) and 24(7) is, by default, the Institute Board
(parameter ``ktmu.gov.institute_council_body``; alternative: a separate council).
A-68: the verb of a step (decision / consent / approval) is stored as given; any positive decision
of the named body satisfies the step.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from bilim.regulations.core import Ctx, Facts, Outcome

BODY_LABELS = {
    "fos_council": "FoS-council",
    "fos_head": "FoS-Head",
    "inst_mgmt": "Inst-Mgmt",
    "inst_director": "Inst-Director",
    "institute_board": "Institute Board",
    "institute_council": "Institute Council",
    "senate": "Senate",
    "trustees": "Trustees",
    "bt_chair": "BT-Chair",
    "bt_deputy": "BT-Deputy",
    "rectorate": "Rectorate",
    "rector": "Rector",
    "supervisor": "Supervisor",
    "instructor": "Instructor",
    "university_board": "University Board",
    "gov_tr": "Gov-TR",
    "gov_kr": "Gov-KR",
    "moes_kr": "MoES-KR",
}


def body_label(code: str) -> str:
    return BODY_LABELS.get(code, code)


class Decision(Facts):
    """One recorded decision (or proposal, consent, application) of a named body."""

    body: str
    act: str = "DECIDE"  # PROPOSE | DECIDE | CONSENT | APPROVE | APPLY (stored as given, A-68)
    date: dt.date
    number: str | None = None
    positive: bool = True


def _accepts(required: str, actual: str, council_alias: str) -> bool:
    if required == actual:
        return True
    if required == "institute_council" and council_alias == "institute_board":
        return actual == "institute_board"
    return False


def check_chain(
    ctx: Ctx,
    subject: str,
    chain: Sequence[tuple[str, str]],
    decisions: Sequence[Decision],
) -> Outcome:
    """PASS when every step of ``chain`` (body, act) has a positive decision, in order.

    Order: each step's decision is dated on or after the previous step's decision. A negative
    decision of a body in the chain with no later positive one is a rejection (FAIL).
    """
    alias = "institute_council"
    if any(body == "institute_council" for body, _ in chain):
        alias = ctx.param("ktmu.gov.institute_council_body")
    steps = " → ".join(body_label(b) for b, _ in chain)
    previous: dt.date | None = None
    for body, _act in chain:
        mine = sorted((d for d in decisions if _accepts(body, d.body, alias)), key=lambda d: d.date)
        ok = [d for d in mine if d.positive and (previous is None or d.date >= previous)]
        if not ok:
            if any(not d.positive for d in mine):
                return ctx.fail("ktmu.gov.chain.rejected", subject=subject, body=body_label(body), steps=steps)
            if any(d.positive for d in mine):
                return ctx.fail("ktmu.gov.chain.order", subject=subject, body=body_label(body), steps=steps)
            return ctx.fail("ktmu.gov.chain.missing", subject=subject, body=body_label(body), steps=steps)
        previous = ok[0].date
    return ctx.passed("ktmu.gov.chain.complete", subject=subject, steps=steps)
