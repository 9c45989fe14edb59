"""OshSU mobility — "difference" disciplines taught by distance-learning technology (DLT) (4.8 FD-8, FD-14).

ERRATA 3: the DLT exams after return are the *first* exams of the courses taken at a distance — free of
charge; fall courses within the first month of the spring semester, spring courses within the summer
semester. They are not retakes (retakes of courses failed at the host: FD-6, paid summer semester).
ERRATA 8: the DLT-exam track opens at RETURNED and runs in parallel with recognition and retakes; its
windows never wait for them. The check presumes the student is back; if the student is still away when
the window ends (a stay covering fall and spring), the text gives no window: the case is flagged to the
dean (WARN), never failed while the student is away.

Windows are calendar windows (no working-day arithmetic): a last day that is a weekend or a public
holiday is not moved.

Public functions for the apps::

    dlt_exam_window(DltExamFacts)     -> Verdict with window_start / window_end   (OSU-4.8-FD-14)
    dlt_teaching_check(DltTeachingFacts) -> Verdict listing FD alerts            (OSU-4.8-FD-8)
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Literal

from pydantic import Field

from bilim.regulations.core import Ctx, D, Facts, Outcome, RuleError, add_months, rule


class DltExamFacts(Facts):
    """One DLT discipline's exam after return, with the academic-calendar dates that fix its window."""

    discipline: str
    semester_type: Literal["FALL", "SPRING"]
    spring_semester_start: dt.date | None = None
    summer_semester_start: dt.date | None = None
    summer_semester_end: dt.date | None = None
    stay_end_date: dt.date
    returned_on: dt.date | None = None
    exam_date: dt.date | None = None
    fee: Decimal = Field(default=Decimal(0), ge=0)
    individual_exam_plan: bool = False


def _window(f: DltExamFacts, months: int) -> tuple[dt.date, dt.date]:
    if f.semester_type == "FALL":
        if f.spring_semester_start is None:
            raise RuleError("spring_semester_start is needed for a fall DLT discipline")
        # first calendar month of spring: from the start up to the day before the same date next month
        return f.spring_semester_start, add_months(f.spring_semester_start, months) - dt.timedelta(days=1)
    if f.summer_semester_start is None or f.summer_semester_end is None:
        raise RuleError("summer semester dates are needed for a spring DLT discipline")
    return f.summer_semester_start, f.summer_semester_end


@rule("OSU-4.8-FD-14")
def dlt_exam_window(f: DltExamFacts, ctx: Ctx) -> Outcome:
    """«студент кайтып келгенден кийин ДОТту пайдаланып окутулган дисциплиналар боюнча сынактарды күзгү
    семестр үчүн жазгы семестрдин биринчи айынын ичинде, ал эми жазгы семестр үчүн жайкы семестр ичинде …
    кошумча акы төлөтпөстөн, окуп тапшырууга шарт түзүп берет»

    Window: fall → [spring start, same day one month later − 1 day]; spring → [summer start, summer end]
    (both ends inclusive; calendar days). FAIL when a fee above ``osu.dlt_exam_fee`` (0) is charged, when
    the returned student has no individual exam plan, or when the exam date is outside the window.
    WARN (flag to the dean, ERRATA 8) when the student is still away at the end of the window. PASS
    otherwise (an unscheduled exam of a returned student passes with the window shown).
    """
    fee_max = D(ctx.param("osu.dlt_exam_fee"))
    months = int(ctx.param("osu.dlt_fall_window_months"))
    start, end = _window(f, months)
    vals = dict(discipline=f.discipline, window_start=start, window_end=end)
    if f.fee > fee_max:
        return ctx.fail("osu.dlt_exam.fee", fee=f.fee, **vals)
    back = f.returned_on if f.returned_on is not None and f.returned_on <= ctx.as_of else None
    if back is None:
        if f.stay_end_date > end or ctx.as_of > end:
            return ctx.warn("osu.dlt_exam.away_no_window", **vals)
        return ctx.passed("osu.dlt_exam.pending_return", **vals)
    if back > end:
        return ctx.warn("osu.dlt_exam.away_no_window", **vals)
    if not f.individual_exam_plan:
        return ctx.fail("osu.dlt_exam.no_plan", **vals)
    if f.exam_date is None:
        return ctx.passed("osu.dlt_exam.window", **vals)
    if not (start <= f.exam_date <= end):
        return ctx.fail("osu.dlt_exam.outside", exam=f.exam_date, **vals)
    return ctx.passed("osu.dlt_exam.inside", exam=f.exam_date, **vals)


class Assessment(Facts):
    """A current / intermediate assessment of a DLT discipline."""

    due_date: dt.date
    scored_on: dt.date | None = None


class DltCourse(Facts):
    """One DLT discipline during the semester abroad."""

    name: str
    teacher: str | None = None
    channel: str | None = None
    materials_uploaded: bool = False
    assessments: list[Assessment] = Field(default_factory=list)
    final_score_in_avn: bool = False


class DltTeachingFacts(Facts):
    """The DLT disciplines of a student abroad; ``semester_ended`` makes the final AVN score due."""

    courses: list[DltCourse]
    semester_ended: bool = False


@rule("OSU-4.8-FD-8")
def dlt_teaching_check(f: DltTeachingFacts, ctx: Ctx) -> Outcome:
    """«…айырма чыккан предметтерден сабак өтүүчү окутуучулар семестр ичинде сапардагы студенттер менен
    үзгүлтүксүз online, zoom режиминде же ОшМУнун AVN … аркылуу байланышта болуп, … учурдагы жана аралык
    текшерүүлөрдү өз учурунда алып, жыйынтык баллдарын ведомостко киргизип, AVN порталына коюп туруусун
    көзөмөлдөйт»

    FAIL (an FD alert listing each problem) when a DLT discipline has no teacher, no allowed channel
    (online, Zoom, AVN, Google Classroom), no materials, an assessment past its due date without a score
    on time, or — once the semester has ended — no final score in AVN; PASS otherwise.
    """
    channels = ctx.param("osu.dlt_channels")
    alerts: list[str] = []
    for c in f.courses:
        if not c.teacher:
            alerts.append(f"{c.name}: teacher")
        if c.channel not in channels:
            alerts.append(f"{c.name}: channel")
        if not c.materials_uploaded:
            alerts.append(f"{c.name}: materials")
        for a in c.assessments:
            if a.due_date < ctx.as_of and (a.scored_on is None or a.scored_on > a.due_date):
                alerts.append(f"{c.name}: assessment due {a.due_date.isoformat()}")
        if f.semester_ended and not c.final_score_in_avn:
            alerts.append(f"{c.name}: final score in AVN")
    if alerts:
        return ctx.fail("osu.dlt_teaching.alerts", alerts=alerts)
    return ctx.passed("osu.dlt_teaching.ok", count=len(f.courses))
