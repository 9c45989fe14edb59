"""KTMU Instruction on Postgraduate Education, articles 19–31 — shared vocabulary of the studies rules.

Types and small helpers used by the ``studies_*`` modules (no rules are registered here):

* ``Level`` (MA / PHD / AI) and ``doctoral(level)`` (catalogue §0.4; A-03: AI follows the doctorate);
* ``CREDIT_LETTERS`` and ``letter_at_least`` — the order of the credit-bearing letters of Table 1
  (the letter itself is an input fact; ``postgrad/grading.py`` computes it from a score);
* ``Approval`` and ``chain_missing`` — the deciding chain of an approval rule (who proposes, who
  consents, who decides), checked as an ordered subsequence of the recorded acts.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, ConfigDict

Level = Literal["MA", "PHD", "AI"]
Letter = Literal["AA", "BA", "BB", "CB", "CC", "DC", "DD", "FD", "FF"]
CREDIT_LETTERS: tuple[str, ...] = ("AA", "BA", "BB", "CB", "CC", "DC", "DD", "FD", "FF")  # best first
_RANK = {letter: i for i, letter in enumerate(CREDIT_LETTERS)}

Body = Literal[
    "student",
    "supervisor",
    "fos_head",
    "fos_council",
    "institute_management",
    "institute_director",
    "institute_board",
    "institute_council",
    "senate",
    "university_board",
]
Act = Literal["APPLY", "PROPOSE", "CONSENT", "DECIDE", "ACCEPT", "APPROVE"]


def doctoral(level: str) -> bool:
    """«докторантура/ассистентура-стажировка»: PhD and AI (A-03)."""
    return level in ("PHD", "AI")


def letter_rank(letter: str) -> int:
    """0 for AA … 8 for FF (smaller is better)."""
    return _RANK[letter]


def letter_at_least(letter: str, minimum: str) -> bool:
    """True when ``letter`` is ``minimum`` or better in Table 1's order."""
    return _RANK[letter] <= _RANK[minimum]


class Approval(BaseModel):
    """One recorded act of a body in an approval chain."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    body: Body
    act: Act
    on: dt.date | None = None


def chain_missing(approvals: list[Approval], expected: tuple[tuple[str, str], ...]) -> list[str]:
    """The expected ``(body, act)`` steps not found, in order, among ``approvals`` (dated acts in date order)."""
    missing: list[str] = []
    position = 0
    last_date: dt.date | None = None
    for body, act in expected:
        found = False
        for i in range(position, len(approvals)):
            a = approvals[i]
            if a.body == body and a.act == act and (last_date is None or a.on is None or a.on >= last_date):
                position = i + 1
                last_date = a.on or last_date
                found = True
                break
        if not found:
            missing.append(f"{body}:{act}")
    return missing


def fmt_chain(expected: tuple[tuple[str, str], ...]) -> str:
    return " → ".join(f"{b}:{a}" for b, a in expected)


def at_most_share(count: int | Decimal, share: Decimal, total: int | Decimal) -> bool:
    """``count ≤ share × total`` exactly (Decimal, no rounding)."""
    return Decimal(count) <= Decimal(share) * Decimal(total)


def plain(value: Decimal) -> Decimal:
    """A Decimal without trailing zeros and without exponent notation (70.0 → 70, 42.00 → 42, 0.50 → 0.5)."""
    value = Decimal(value)
    if value == value.to_integral_value():
        return value.quantize(Decimal(1))
    return value.normalize()
