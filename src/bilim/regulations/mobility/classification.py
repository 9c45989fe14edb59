"""OshSU Regulation on Academic Mobility — classification of a mobility (section 1.3)."""

from __future__ import annotations

import datetime as dt

from bilim.regulations.core import Ctx, Facts, Outcome, add_months, rule


class StayPeriod(Facts):
    """First and last day (inclusive) of a stay at the other institution."""

    start_date: dt.date
    end_date: dt.date


@rule("OSU-1.3.5-1", "OSU-1.3.5-2", "OSU-1.3.5-4")
def mobility_term(f: StayPeriod, ctx: Ctx) -> Outcome:
    """Short-term: «1 айдан көп эмес мезгил» (not more than 1 month); long-term: «бир айдан көп».

    The stay is short-term while its last day falls before the same calendar day one month
    after the first day (01.03–31.03 short, 01.03–01.04 long; A-08: exactly one month is short).
    """
    if f.end_date < f.start_date:
        return ctx.result("INVALID", "osu.term.invalid_period", start=f.start_date, end=f.end_date)
    months = ctx.param("osu.short_term_max_months")
    limit = add_months(f.start_date, int(months))
    if f.end_date < limit:
        return ctx.result("SHORT", "osu.term.short", start=f.start_date, end=f.end_date, months=months)
    return ctx.result("LONG", "osu.term.long", start=f.start_date, end=f.end_date, months=months)
