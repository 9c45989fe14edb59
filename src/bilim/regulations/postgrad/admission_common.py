"""Shared vocabulary of the KTMU admission rules (arts 10–18): levels, citizenships, approval
chains, table lookups and certificate validity. No rules are registered here.

Public helpers for other admission modules: :class:`Approval`, :func:`chain_missing`,
:func:`convert_grade`, :func:`step_lookup`, :func:`add_years`.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict

from bilim.regulations.core import D, RuleError
from bilim.regulations.core.calendar import add_months

Level = Literal["MA", "PHD", "AI"]
"""MA = master's; PHD = doctorate; AI = assistantship-internship in arts (doctoral, A-03)."""

Citizenship = Literal["KR", "TR", "FOREIGN"]
"""A dual citizen holding KR or TR citizenship counts as KR/TR (A-09)."""

Body = Literal[
    "FOS_COUNCIL",  # ИИТ/ИКТнын академиялык кеңеши
    "FOS_HEAD",  # ИИТ/ИКТнын жетекчилиги
    "INSTITUTE_BOARD",  # институттун Башкаруу кеңеши
    "SUPERVISOR",
    "SENATE",
    "HOME_HEI_COUNCIL",
    "HOST_HEI_COUNCIL",
]
Act = Literal["PROPOSE", "DECIDE", "CONSENT", "OPINION"]


def doctoral(level: str) -> bool:
    """PhD and AI are doctoral levels (A-03: doctoral rules apply to AI too)."""
    return level in ("PHD", "AI")


class Approval(BaseModel):
    """One step of a decision chain: which body did what, and when."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    body: Body
    act: Act
    decided_on: dt.date | None = None


def chain_missing(approvals: list[Approval], expected: tuple[tuple[str, str], ...]) -> list[str]:
    """The expected steps (``BODY:ACT``) not found, in order, in ``approvals``.

    The chain must appear as an ordered subsequence; where dates are given they must not go
    backwards along the chain.
    """
    missing: list[str] = []
    pos = 0
    last_date: dt.date | None = None
    for body, act in expected:
        found = None
        for i in range(pos, len(approvals)):
            a = approvals[i]
            if a.body == body and a.act == act and (last_date is None or a.decided_on is None or a.decided_on >= last_date):
                found = i
                break
        if found is None:
            missing.append(f"{body}:{act}")
        else:
            pos = found + 1
            last_date = approvals[found].decided_on or last_date
    return missing


def fmt_chain(expected: tuple[tuple[str, str], ...]) -> str:
    return " → ".join(f"{b}:{a}" for b, a in expected)


def convert_grade(table: dict[str, Any], scale: str, grade: Decimal, column: int) -> Decimal:
    """Piecewise-linear lookup in the grade-conversion table (column 1 = 4-point, 2 = 100-point)."""
    rows = table.get(scale)
    if not rows:
        raise RuleError(f"The grade-conversion table has no scale {scale!r}")
    pts = [(D(r[0]), D(r[column])) for r in rows]
    if grade < pts[0][0] or grade > pts[-1][0]:
        raise RuleError(f"Grade {grade} lies outside the {scale}-point scale ({pts[0][0]}–{pts[-1][0]})")
    for (x0, y0), (x1, y1) in zip(pts, pts[1:]):
        if x0 <= grade <= x1:
            if grade == x1:
                return y1
            return y0 + (y1 - y0) * (grade - x0) / (x1 - x0)
    return pts[-1][1]


def step_lookup(rows: list[Any], raw: Decimal) -> Decimal | None:
    """Step table: the equivalent of the row with the highest minimum not above ``raw``."""
    result: Decimal | None = None
    for minimum, equivalent in rows:
        if raw >= D(minimum):
            result = D(equivalent)
        else:
            break
    return result


def validate_grade_table(value: Any) -> None:
    if not isinstance(value, dict) or not value:
        raise ValueError("grade-conversion table must map scales to breakpoint lists")
    for scale, rows in value.items():
        if len(rows) < 2:
            raise ValueError(f"scale {scale}: at least two breakpoints")
        xs = [D(r[0]) for r in rows]
        if xs != sorted(xs) or len(set(xs)) != len(xs):
            raise ValueError(f"scale {scale}: breakpoints must be strictly ascending")
        for r in rows:
            if not (D(0) <= D(r[1]) <= D(4) and D(0) <= D(r[2]) <= D(100)):
                raise ValueError(f"scale {scale}: converted values must lie in 0–4 and 0–100")
        for col in (1, 2):
            ys = [D(r[col]) for r in rows]
            if ys != sorted(ys):
                raise ValueError(f"scale {scale}: conversion must be non-decreasing")


def validate_step_table(value: Any) -> None:
    if not isinstance(value, dict):
        raise ValueError("equivalence table must map exam types to step lists")
    for exam, rows in value.items():
        if rows == "identity":
            continue
        if not isinstance(rows, list):
            raise ValueError(f"{exam}: 'identity' or a list of [minimum, equivalent] rows")
        mins = [D(r[0]) for r in rows]
        eqs = [D(r[1]) for r in rows]
        if mins != sorted(mins) or len(set(mins)) != len(mins):
            raise ValueError(f"{exam}: minima must be strictly ascending")
        if eqs != sorted(eqs):
            raise ValueError(f"{exam}: equivalents must be non-decreasing")
        if any(not (D(0) <= e <= D(100)) for e in eqs):
            raise ValueError(f"{exam}: equivalents must lie in 0–100")


def add_years(start: dt.date, years: int) -> dt.date:
    """Same day ``years`` later (29 Feb → 28 Feb), via calendar-month arithmetic."""
    return add_months(start, 12 * int(years))
