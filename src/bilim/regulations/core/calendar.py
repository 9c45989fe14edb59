"""Working-day calendar and deadline arithmetic.

Kyrgyz public holidays come from the ``holidays`` package (country KG, including the movable
Orozo Ait and Kurman Ait); an institution adds its declared closures and transferred working
days (a Saturday declared a working day in exchange for a bridge day). Each deadline function
returns a :class:`Deadline` that lists the days it skipped and why.

Conventions (KTMU catalogue §0.5, OshSU §0): a period "within N days" starts the day after the
triggering event; the deadline day itself is included; a deadline that falls on a non-working
day is **not** moved unless the rule says so (``roll_forward=True``).
"""

from __future__ import annotations

import calendar as _cal
import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

import holidays as _holidays

from bilim.regulations.core.outcome import Skipped

WEEKEND = frozenset({5, 6})  # Saturday, Sunday


@lru_cache(maxsize=64)
def _kg_holidays(year: int) -> dict[dt.date, str]:
    return dict(_holidays.country_holidays("KG", years=year).items())


@lru_cache(maxsize=64)
def _kg_holidays_in(year: int, language: str) -> dict[dt.date, str]:
    return dict(_holidays.country_holidays("KG", years=year, language=language).items())


def holiday_name(day: dt.date, lang: str) -> str | None:
    """The name of the Kyrgyz public holiday on ``day`` in ``lang`` (ky, ru; English for en and tr)."""
    language = {"ky": "ky", "ru": "ru_KG"}.get(lang, "en_US")
    return _kg_holidays_in(day.year, language).get(day)


@dataclass(frozen=True)
class Deadline:
    """A computed due date with the days skipped on the way."""

    start: dt.date
    due: dt.date
    unit: str
    amount: int
    skipped: tuple[Skipped, ...] = ()


@dataclass(frozen=True)
class WorkCalendar:
    """Public holidays of Kyrgyzstan + institution closures − transferred working days."""

    closures: frozenset[dt.date] = field(default_factory=frozenset)
    closure_names: tuple[tuple[dt.date, str], ...] = ()
    extra_working_days: frozenset[dt.date] = field(default_factory=frozenset)
    weekend: frozenset[int] = WEEKEND

    @classmethod
    def build(
        cls,
        closures: Iterable[tuple[dt.date, str] | dt.date] = (),
        extra_working_days: Iterable[dt.date] = (),
        weekend: Iterable[int] = WEEKEND,
    ) -> WorkCalendar:
        named: list[tuple[dt.date, str]] = []
        for c in closures:
            named.append(c if isinstance(c, tuple) else (c, "institution closure"))
        return cls(
            closures=frozenset(d for d, _ in named),
            closure_names=tuple(sorted(named)),
            extra_working_days=frozenset(extra_working_days),
            weekend=frozenset(weekend),
        )

    def holiday_name(self, day: dt.date) -> str | None:
        return _kg_holidays(day.year).get(day)

    def why_not_working(self, day: dt.date) -> str | None:
        """None on a working day, else the reason (holiday name, closure, weekend)."""
        if day in self.extra_working_days:
            return None
        for d, name in self.closure_names:
            if d == day:
                return name
        holiday = self.holiday_name(day)
        if holiday:
            return f"public holiday: {holiday}"
        if day.weekday() in self.weekend:
            return "weekend"
        return None

    def is_working_day(self, day: dt.date) -> bool:
        return self.why_not_working(day) is None

    # --- deadlines -------------------------------------------------------------------------

    def add_calendar_days(self, start: dt.date, days: int, roll_forward: bool = False) -> Deadline:
        due = start + dt.timedelta(days=days)
        return self._roll(Deadline(start, due, "calendar_days", days), roll_forward)

    def add_working_days(self, start: dt.date, days: int) -> Deadline:
        """The ``days``-th working day after ``start`` (``start`` itself never counts)."""
        if days < 0:
            raise ValueError("days must be >= 0")
        skipped: list[Skipped] = []
        day = start
        counted = 0
        while counted < days:
            day += dt.timedelta(days=1)
            reason = self.why_not_working(day)
            if reason:
                skipped.append(Skipped(day, reason))
            else:
                counted += 1
        return Deadline(start, day, "working_days", days, tuple(skipped))

    def working_days_between(self, start: dt.date, end: dt.date) -> int:
        """Working days after ``start`` up to and including ``end``."""
        count = 0
        day = start
        while day < end:
            day += dt.timedelta(days=1)
            if self.is_working_day(day):
                count += 1
        return count

    def add_weeks(self, start: dt.date, weeks: int, roll_forward: bool = False) -> Deadline:
        return self._roll(Deadline(start, start + dt.timedelta(weeks=weeks), "weeks", weeks), roll_forward)

    def add_months(self, start: dt.date, months: int, roll_forward: bool = False) -> Deadline:
        return self._roll(Deadline(start, add_months(start, months), "months", months), roll_forward)

    def add_semesters(
        self, start: dt.date, semesters: int, semester_starts: Sequence[dt.date]
    ) -> Deadline:
        """The start of the ``semesters``-th semester after the one containing ``start``."""
        starts = sorted(semester_starts)
        following = [s for s in starts if s > start]
        if len(following) < semesters:
            raise ValueError("the academic calendar does not reach that far")
        due = following[semesters - 1] if semesters > 0 else start
        return Deadline(start, due, "semesters", semesters)

    def _roll(self, deadline: Deadline, roll_forward: bool) -> Deadline:
        if not roll_forward:
            return deadline
        skipped: list[Skipped] = []
        due = deadline.due
        while (reason := self.why_not_working(due)) is not None:
            skipped.append(Skipped(due, reason))
            due += dt.timedelta(days=1)
        return Deadline(deadline.start, due, deadline.unit, deadline.amount, tuple(skipped))


def add_months(start: dt.date, months: int) -> dt.date:
    """Calendar-month arithmetic with month-end clamping (31 Jan + 1 month = 28/29 Feb)."""
    month_index = start.month - 1 + months
    year = start.year + month_index // 12
    month = month_index % 12 + 1
    last = _cal.monthrange(year, month)[1]
    return dt.date(year, month, min(start.day, last))


_DEFAULT = WorkCalendar()


def default_calendar() -> WorkCalendar:
    return _DEFAULT
