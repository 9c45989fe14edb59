"""OshSU mobility — the 15-failed-credits rule (clause 4.8 FD-5 and FD-6; catalogue §3.2).

«…КАОЖдо канааттандыраарлык эмес баа алган дисциплиналарынын кредиттеринин суммасы 15 кредиттен ашып
кетсе, анда ал кайра келгенден кийин ЖибОЖдо белгиленген тартипте окуудан четтетилет» / «…ашып кетпесе,
… кошумча (жайкы) семестрде акы төлөөнүн негизинде академиялык карызын өздөштүрүп, жоюу мүмкүнчүлүгү бар».

What enters the sum (ERRATA 9, A-12): exactly the host results graded unsatisfactory *at the host*, with
the credits stated on the host document (ECTS). Unpassed DLT disciplines, refused recognitions and ISP host
courses with no host grade are academic debts under the home rules: they are listed for the dean and
never added to the sum.

Public functions for the apps::

    failed_credits_decision(FailedCreditsFacts) -> FailedCreditsDecision   (one returnee)
    failed_credits_decisions(list_of_facts)     -> list[LazyOutcome]        (a cohort; fast path)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Literal

from pydantic import Field

from bilim.regulations.core import Ctx, D, Facts, Outcome, rule
from bilim.regulations.core import params as _params
from bilim.regulations.core.outcome import Explanation


class HostResult(Facts):
    """One discipline of the ISP taken at the host, as the host document reports it."""

    discipline: str
    credits: Decimal = Field(ge=0)
    host_outcome: Literal["PASSED", "UNSATISFACTORY", "NOT_GRADED"]
    recognition: Literal["RECOGNISED", "REFUSED", "PENDING"] = "PENDING"


class FailedCreditsFacts(Facts):
    """A returned student's host results, plus the home-rule debts shown beside (never summed)."""

    student_id: str = ""
    host_results: list[HostResult]
    unpassed_dlt_disciplines: list[str] = Field(default_factory=list)


@dataclass(frozen=True)
class FailedCreditsDecision:
    """EXPULSION_PROCEDURE (FD-5), PAID_SUMMER_RETAKE (FD-6) or NO_HOST_DEBT, with the sum and the lists."""

    decision: str
    failed_credits: Decimal
    threshold: Decimal
    failed_disciplines: tuple[str, ...]
    home_rule_debts: tuple[str, ...]


def _exceeds(total: Decimal, threshold: Decimal, comparison: str) -> bool:
    """«ашып кетсе»: strict by default (P-37 ``GT``); ``GE`` is the only other reading."""
    return total >= threshold if comparison == "GE" else total > threshold


def _decide(f: FailedCreditsFacts, threshold: Decimal, comparison: str = "GT") -> FailedCreditsDecision:
    failed = [r for r in f.host_results if r.host_outcome == "UNSATISFACTORY"]
    total = sum((r.credits for r in failed), Decimal(0))
    home_debts = (
        [f"DLT: {d}" for d in f.unpassed_dlt_disciplines]
        + [f"REFUSED: {r.discipline}" for r in f.host_results if r.host_outcome == "PASSED" and r.recognition == "REFUSED"]
        + [f"NOT_GRADED: {r.discipline}" for r in f.host_results if r.host_outcome == "NOT_GRADED"]
    )
    if _exceeds(total, threshold, comparison):
        decision = "EXPULSION_PROCEDURE"
    elif total > 0:
        decision = "PAID_SUMMER_RETAKE"
    else:
        decision = "NO_HOST_DEBT"
    return FailedCreditsDecision(decision, total, threshold, tuple(r.discipline for r in failed), tuple(home_debts))


_KEYS = {
    "EXPULSION_PROCEDURE": "osu.failed_credits.expulsion",
    "PAID_SUMMER_RETAKE": "osu.failed_credits.retake",
    "NO_HOST_DEBT": "osu.failed_credits.none",
}


@rule("OSU-4.8-FD-5", "OSU-4.8-FD-6")
def failed_credits_decision(f: FailedCreditsFacts, ctx: Ctx) -> Outcome:
    """FD-5: «…кредиттеринин суммасы 15 кредиттен ашып кетсе … окуудан четтетилет»; FD-6: «…ашып кетпесе
    … кошумча (жайкы) семестрде акы төлөөнүн негизинде академиялык карызын … жоюу мүмкүнчүлүгү бар».

    Sum of the credits of host results graded UNSATISFACTORY at the host (ERRATA 9). More than 15
    (strict; 15.5 and 16 are more) → EXPULSION_PROCEDURE opened after return under the home procedure
    (A-13); more than 0 and at most 15 → PAID_SUMMER_RETAKE (an option of the student, A-14); 0 →
    NO_HOST_DEBT. Unpassed DLT disciplines, refused recognitions and ungraded host courses are listed
    as home-rule debts and never change the decision.
    """
    threshold = D(ctx.param("osu.failed_credits_threshold"))
    comparison = ctx.param("osu.failed_credits_comparison")
    d = _decide(f, threshold, comparison)
    if d.decision == "PAID_SUMMER_RETAKE":
        ctx.param("osu.summer_retake_fee")  # recorded: paid, amount from the university tariff
    return ctx.result(
        d,
        _KEYS[d.decision],
        failed_credits=d.failed_credits,
        threshold=threshold,
        disciplines=list(d.failed_disciplines),
        home_debts=list(d.home_rule_debts) or "—",
    )


class LazyOutcome:
    """A batch result: ``value`` computed at once, ``explanation`` built on first access (same rule)."""

    __slots__ = ("value", "_facts", "_as_of", "_store", "_explanation")

    def __init__(self, value: Any, facts: Any, as_of: dt.date, store: Any) -> None:
        self.value = value
        self._facts = facts
        self._as_of = as_of
        self._store = store
        self._explanation: Explanation | None = None

    @property
    def explanation(self) -> Explanation:
        if self._explanation is None:
            with _params.using(self._store):
                self._explanation = failed_credits_decision(self._facts, self._as_of).explanation
        return self._explanation

    def outcome(self) -> Outcome:
        return Outcome(self.value, self.explanation)


_OUTCOMES = frozenset({"PASSED", "UNSATISFACTORY", "NOT_GRADED"})
_RECOGNITIONS = frozenset({"RECOGNISED", "REFUSED", "PENDING"})


def _fast_decide(item: dict[str, Any], threshold: Decimal, comparison: str) -> FailedCreditsDecision | None:
    """The same decision as :func:`_decide` straight from a plain dict (no model built).

    Returns None when anything is unusual (unknown keys, bad types, negative credits): the caller then
    validates with the pydantic model, which raises the proper error or handles the coercion.
    """
    if set(item) - {"student_id", "host_results", "unpassed_dlt_disciplines"}:
        return None
    total = Decimal(0)
    failed: list[str] = []
    refused: list[str] = []
    ungraded: list[str] = []
    for r in item.get("host_results", ()):
        if not isinstance(r, dict) or set(r) - {"discipline", "credits", "host_outcome", "recognition"}:
            return None
        outcome = r.get("host_outcome")
        credits = r.get("credits")
        name = r.get("discipline")
        recognition = r.get("recognition", "PENDING")
        if outcome not in _OUTCOMES or recognition not in _RECOGNITIONS or not isinstance(name, str):
            return None
        if isinstance(credits, (str, int)) and not isinstance(credits, bool):
            try:
                credits = Decimal(credits)
            except ArithmeticError:
                return None
        elif not isinstance(credits, Decimal):
            return None
        if not credits.is_finite() or credits < 0:
            return None
        if outcome == "UNSATISFACTORY":
            total += credits
            failed.append(name)
        elif outcome == "NOT_GRADED":
            ungraded.append(name)
        elif recognition == "REFUSED":
            refused.append(name)
    dlt = item.get("unpassed_dlt_disciplines", [])
    if not isinstance(dlt, list) or not all(isinstance(d, str) for d in dlt):
        return None
    home = [f"DLT: {d}" for d in dlt] + [f"REFUSED: {n}" for n in refused] + [f"NOT_GRADED: {n}" for n in ungraded]
    if _exceeds(total, threshold, comparison):
        decision = "EXPULSION_PROCEDURE"
    else:
        decision = "PAID_SUMMER_RETAKE" if total > 0 else "NO_HOST_DEBT"
    return FailedCreditsDecision(decision, total, threshold, tuple(failed), tuple(home))


@rule("OSU-4.8-FD-5", "OSU-4.8-FD-6", kind="batch")
def failed_credits_decisions(
    items: Sequence[FailedCreditsFacts | dict[str, Any]] | Iterable[FailedCreditsFacts | dict[str, Any]],
    as_of: dt.date,
) -> list[LazyOutcome]:
    """Batch of :func:`failed_credits_decision` for a cohort (plain lists, no I/O).

    The threshold is read once (as of ``as_of``). Plain-dict items are decided directly (same
    arithmetic as the rule, no model built); anything unusual goes through the pydantic model. Each
    item's explanation is built lazily, by the rule itself, on first access.
    """
    on = as_of
    store = _params.store()
    threshold = D(store.get("osu.failed_credits_threshold", on).value)
    comparison = store.get("osu.failed_credits_comparison", on).value
    out: list[LazyOutcome] = []
    validate = FailedCreditsFacts.model_validate
    for item in items:
        decided = _fast_decide(item, threshold, comparison) if isinstance(item, dict) else None
        if decided is None:
            facts = item if isinstance(item, FailedCreditsFacts) else validate(item)
            decided = _decide(facts, threshold, comparison)
        out.append(LazyOutcome(decided, item, on, store))
    return out
