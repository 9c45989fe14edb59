"""OshSU mobility — organisation (section 4.2, 4.4, 4.6, 4.7; 4.8 FD-15).

Public functions for the apps::

    application_check(ApplicationFacts)       -> Verdict   (OSU-4.2-1)
    study_period_check(StudyPeriodFacts)      -> Verdict   (OSU-4.4-1; WARN only)
    funding_sources_check(FundingFacts)       -> Verdict   (OSU-4.6-1)
    students_away(StudentsAwayFacts)          -> list[AwayCount]   (OSU-4.7-1; cohort-sized, plain lists)
    incoming_avn_check(IncomingAvnFacts)      -> Verdict   (OSU-4.8-FD-15)
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from pydantic import Field

from bilim.regulations.core import Ctx, Facts, Outcome, rule


class ApplicationFacts(Facts):
    """A student's application that opens an outgoing mobility file."""

    addressee_role: Literal["DEAN", "IRD", "RECTOR", "OTHER"]
    addressee_faculty: str | None = None
    student_faculty: str
    lodged_with: Literal["DEAN", "IRD", "OTHER"]


@rule("OSU-4.2-1")
def application_check(f: ApplicationFacts, ctx: Ctx) -> Outcome:
    """«…студентти башка окуу жайга жиберүү маселесин кароо, студенттин декандын атына жазган жекече
    арызы аркылуу ишке ашат»

    PASS when the application is addressed to the dean of the student's own faculty and lodged with the
    dean or with IRD (A-05); FAIL otherwise.
    """
    if f.addressee_role != "DEAN" or (f.addressee_faculty or "") != f.student_faculty:
        return ctx.fail("osu.application.addressee", faculty=f.student_faculty)
    if f.lodged_with not in ("DEAN", "IRD"):
        return ctx.fail("osu.application.lodged", lodged=f.lodged_with)
    return ctx.passed("osu.application.ok", faculty=f.student_faculty, lodged=f.lodged_with)


class HomeDiscipline(Facts):
    """A home-curriculum discipline of a mobility semester and how the ISP covers it."""

    name: str
    credits: Decimal = Field(ge=0)
    covered_by: Literal["REPLACEMENT", "EQUIVALENCE", "DLT", "NONE"]


class StudyPeriodFacts(Facts):
    """The home disciplines of the semester(s) the student spends away."""

    disciplines: list[HomeDiscipline]


@rule("OSU-4.4-1")
def study_period_check(f: StudyPeriodFacts, ctx: Ctx) -> Outcome:
    """«Студенттердин академиялык мобилдүүлүгү эрежеге ылайык өз окуу жайындагы окуунун нормативдик мөөнөтүн
    узартууга алып барбайт»

    WARN ("may extend the study period"; "as a rule", so never a block) when home disciplines of the
    mobility semester(s) are neither replaced, matched by content nor taught by DLT; names them and
    their credits. PASS otherwise.
    """
    open_ = [d for d in f.disciplines if d.covered_by == "NONE"]
    if open_:
        credits = sum((d.credits for d in open_), Decimal(0))
        return ctx.warn("osu.study_period.may_extend", disciplines=[d.name for d in open_], credits=credits)
    return ctx.passed("osu.study_period.ok")


class FundingSource(Facts):
    """One scholarship / grant / aid on a mobility."""

    source: Literal["STATE", "HOME", "HOST", "ORGANISATION", "ENTERPRISE", "PROGRAMME", "OWN", "OTHER"]
    name: str
    amount: Decimal | None = Field(default=None, ge=0)


class FundingFacts(Facts):
    """Every funding source of one mobility."""

    sources: list[FundingSource] = Field(default_factory=list)


@rule("OSU-4.6-1")
def funding_sources_check(f: FundingFacts, ctx: Ctx) -> Outcome:
    """«Академиялык мобилдүүлүктө жүргөн учурда студент жана ИПК мамлекет тарабынан чегерилген, ЖибОЖ же
    КАОЖдор, уюмдар, ишканалар ж.б. сунуштаган бардык стипендияларды же жардамдарды ала алышат»

    Cumulating is allowed: PASS for any number of sources (the state stipend next to a host grant, etc.),
    reporting how many there are and the known total. Never a FAIL on cumulation.
    """
    total = sum((s.amount for s in f.sources if s.amount is not None), Decimal(0))
    return ctx.passed("osu.funding.cumulated", count=len(f.sources), total=total)


class AwayMobility(Facts):
    """An outgoing student mobility, for load planning."""

    department: str
    programme: str
    group: str
    status: str
    start_date: dt.date
    end_date: dt.date


class StudentsAwayFacts(Facts):
    """All outgoing student mobilities and the semester being planned."""

    semester_start: dt.date
    semester_end: dt.date
    mobilities: list[AwayMobility]


@dataclass(frozen=True)
class AwayCount:
    """Students away from one department/programme/group during the semester."""

    department: str
    programme: str
    group: str
    count: int


AWAY_STATUSES = frozenset({"ORDER_ISSUED", "ABROAD"})


@rule("OSU-4.7-1")
def students_away(f: StudentsAwayFacts, ctx: Ctx) -> Outcome:
    """«Кафедралар … педагогикалык окуу жүктөмдөрүн бөлүштүрүү учурунда академиялык мобилдүүлүк боюнча башка
    окуу жайда жүргөн студенттердин контингентин эске алуусу керек»

    Counts, per department / programme / group, the outgoing student mobilities with an issued order or
    abroad whose stay overlaps the semester (both ends inclusive). Sorted, deterministic; plain lists
    (cohort-sized).
    """
    counts: Counter[tuple[str, str, str]] = Counter()
    for m in f.mobilities:
        if m.status in AWAY_STATUSES and m.start_date <= f.semester_end and m.end_date >= f.semester_start:
            counts[(m.department, m.programme, m.group)] += 1
    rows = [AwayCount(d, p, g, n) for (d, p, g), n in sorted(counts.items())]
    return ctx.result(rows, "osu.away.summary", total=sum(counts.values()), start=f.semester_start, end=f.semester_end)


class IncomingAvnFacts(Facts):
    """An incoming student about to start studying at OshSU."""

    avn_student_id: str | None = None


@rule("OSU-4.8-FD-15")
def incoming_avn_check(f: IncomingAvnFacts, ctx: Ctx) -> Outcome:
    """«мобилдүүлүк боюнча кабыл алынган студенттерди ОшМУнун AVN информациялык порталына киргизет»

    An incoming student goes to STUDYING only once registered in AVN (an AVN student ID); FAIL otherwise.
    """
    if not (f.avn_student_id and f.avn_student_id.strip()):
        return ctx.fail("osu.incoming_avn.missing")
    return ctx.passed("osu.incoming_avn.ok", avn=f.avn_student_id)
