"""OshSU mobility — the deputy dean for international relations' information duties (4.8 VDIR-1, -2, -13).

ERRATA 17: outreach is due «айына бир жолудан кем эмес» — every calendar month, July and August included;
the academic-year-only reading (A-22) is the non-default alternative ``academic_year_only`` of
``osu.outreach_months``.

Public functions for the apps::

    outreach_check(OutreachFacts)          -> Verdict listing months without outreach  (OSU-4.8-VDIR-1)
    info_package_check(InfoPackageFacts)   -> Verdict                                   (OSU-4.8-VDIR-2)
    faculty_report_check(FacultyReportFacts) -> Verdict                                 (OSU-4.8-VDIR-13)
"""

from __future__ import annotations

import datetime as dt

from pydantic import Field

from bilim.regulations.core import Ctx, Facts, Outcome, add_months, rule


class OutreachFacts(Facts):
    """A faculty's outreach events over a period of whole calendar months (first day of each month)."""

    faculty: str
    period_start: dt.date
    period_end: dt.date
    event_dates: list[dt.date] = Field(default_factory=list)


@rule("OSU-4.8-VDIR-1")
def outreach_check(f: OutreachFacts, ctx: Ctx) -> Outcome:
    """«…студенттердин арасында кеңири маалымат берүү жана түшүндүрүү (агартуучулук) иштерин жүргүзөт (айына
    бир жолудан кем эмес), маалыматтарды окуу жайдын веб-сайтына жайгаштырат…»

    For every calendar month of the period that has fully ended by the evaluation date and is one of
    ``osu.outreach_months`` (default: all twelve, ERRATA 17), the faculty needs at least
    ``osu.outreach_min_per_month`` (1) events; FAIL (alert to the dean and IRD) lists the months short.
    """
    months = set(int(m) for m in ctx.param("osu.outreach_months"))
    minimum = int(ctx.param("osu.outreach_min_per_month"))
    counts: dict[tuple[int, int], int] = {}
    for d in f.event_dates:
        counts[(d.year, d.month)] = counts.get((d.year, d.month), 0) + 1
    short: list[str] = []
    m = f.period_start.replace(day=1)
    while m <= f.period_end:
        month_end = add_months(m, 1) - dt.timedelta(days=1)
        if month_end < ctx.as_of and m.month in months and counts.get((m.year, m.month), 0) < minimum:
            short.append(f"{m.year:04d}-{m.month:02d}")
        m = add_months(m, 1)
    if short:
        return ctx.fail("osu.outreach.missing", faculty=f.faculty, months=short, minimum=minimum)
    return ctx.passed("osu.outreach.ok", faculty=f.faculty, minimum=minimum)


class InfoPackageFacts(Facts):
    """The language versions of a faculty's information package."""

    faculty: str
    languages: list[str] = Field(default_factory=list)


@rule("OSU-4.8-VDIR-2")
def info_package_check(f: InfoPackageFacts, ctx: Ctx) -> Outcome:
    """«факультеттин маалымат пакетин мамлекеттик, англис жана орус тилдеринде иштеп чыгат»

    PASS when the package exists in Kyrgyz (the state language), English and Russian; FAIL (incomplete)
    names the missing versions.
    """
    required = ctx.param("osu.info_package_languages")
    have = {x.lower() for x in f.languages}
    missing = [x for x in required if x not in have]
    if missing:
        return ctx.fail("osu.info_package.missing", faculty=f.faculty, missing=missing)
    return ctx.passed("osu.info_package.ok", faculty=f.faculty)


class FacultyReportFacts(Facts):
    """A faculty's report to IRD for an academic year and the date IRD finalises the annual statistics."""

    faculty: str
    academic_year: str
    submitted_on: dt.date | None = None
    statistics_finalised_on: dt.date | None = None


@rule("OSU-4.8-VDIR-13")
def faculty_report_check(f: FacultyReportFacts, ctx: Ctx) -> Outcome:
    """«факультетте академиялык мобилдүүлүктүн аткарылышы жөнүндө отчетту ЭАБДга даярдап тапшырат»

    One report per faculty per academic year (inferred periodicity), submitted to IRD no later than the
    day IRD finalises the annual statistics; FAIL when missing or late, PASS otherwise.
    """
    if f.submitted_on is None:
        return ctx.fail("osu.faculty_report.missing", faculty=f.faculty, year=f.academic_year)
    if f.statistics_finalised_on is not None and f.submitted_on > f.statistics_finalised_on:
        return ctx.fail(
            "osu.faculty_report.late", faculty=f.faculty, year=f.academic_year, submitted=f.submitted_on,
            finalised=f.statistics_finalised_on,
        )
    return ctx.passed("osu.faculty_report.ok", faculty=f.faculty, year=f.academic_year, submitted=f.submitted_on)
