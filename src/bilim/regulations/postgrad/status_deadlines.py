"""Shared deadline check for KTMU art. 33–39 (appeals, leave, dismissal).

``deadline_check`` computes the due date of a dated-parameter time limit with the calendar in
force (working days skip weekends, KG public holidays and closures; calendar days, weeks and
months do not move — catalogue §0.5) and compares the date of the act with it:

* act done on or before the due date → PASS (``<key>.met``);
* act done after it → FAIL (``<key>.missed``);
* act not done and the period still running on ``as_of`` → WARN (``<key>.open``);
* act not done and the period over → FAIL (``<key>.overdue``).

The four messages of each key live in ``messages/ktmu_status.yaml``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from bilim.regulations.core import Ctx, Deadline, Outcome, Verdict

Unit = Literal["calendar_days", "working_days", "weeks", "months"]


def due_date(ctx: Ctx, start: dt.date, unit: Unit, amount: int) -> Deadline:
    cal = ctx.calendar
    if unit == "working_days":
        return cal.add_working_days(start, amount)
    if unit == "calendar_days":
        return cal.add_calendar_days(start, amount)
    if unit == "weeks":
        return cal.add_weeks(start, amount)
    if unit == "months":
        return cal.add_months(start, amount)
    raise ValueError(unit)


def deadline_check(
    ctx: Ctx, *, key: str, param: str, unit: Unit, start: dt.date, done: dt.date | None, **values: Any
) -> Outcome:
    amount = int(ctx.param(param))
    deadline = due_date(ctx, start, unit, amount)
    common = {"start": start, "due": deadline.due, "amount": amount, **values}
    if done is None:
        if ctx.as_of <= deadline.due:
            return ctx.result(Verdict.WARN, f"{key}.open", skipped=deadline.skipped, **common)
        return ctx.result(Verdict.FAIL, f"{key}.overdue", skipped=deadline.skipped, **common)
    if done <= deadline.due:
        return ctx.result(Verdict.PASS, f"{key}.met", skipped=deadline.skipped, done=done, **common)
    return ctx.result(Verdict.FAIL, f"{key}.missed", skipped=deadline.skipped, done=done, **common)
