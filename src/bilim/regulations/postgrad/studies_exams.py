"""KTMU Instruction on Postgraduate Education, article 31 — exams and the exam schedule (catalogue §2
art. 31, §4.8, W-15 rows 1, 2, 4, 5).

Public functions the apps call:

* ``assessment_plan_minimum`` (KTMU-31(1)-1; with 31(2)-1, 31(3)-1) — at least one midterm and one final per course
  and semester, homework/seminar work counted as a midterm and a course project as the final where the plan says so;
* ``exam_in_calendar`` (KTMU-31(4)-1) — exams on the academic calendar's dates (excuse exams aside);
* ``exam_schedule_publication`` (KTMU-31(4)-2) — prepared by the FoS heads, published 2 weeks before;
* ``excuse_exam_application`` (KTMU-31(5)-1) — within 3 working days after the exam, with evidence, reason accepted by the Institute Board;
* ``excuse_exam_available`` (KTMU-31(6)-1) — no second excuse exam for a missed excuse exam.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from bilim.regulations.core import Ctx, Facts, Outcome, Verdict, rule


class AssessmentComponent(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    kind: Literal["MIDTERM", "FINAL", "HOMEWORK", "SEMINAR", "PROJECT", "OTHER"]
    counts_as_midterm: bool = Field(default=False, description="Homework/seminar counted in place of a midterm (31(2))")
    counts_as_final: bool = Field(default=False, description="A course project counted as the final (31(3), A-43)")


class AssessmentPlan(Facts):
    components: list[AssessmentComponent]


@rule("KTMU-31(1)-1", "KTMU-31(2)-1", "KTMU-31(3)-1")
def assessment_plan_minimum(f: AssessmentPlan, ctx: Ctx) -> Outcome:
    """«Магистратура / докторантура программаларында ар бир семестрде кеминде 1 ара сынак жана 1 финалдык
    сынак, зарыл болсо жүйөлүү себепке байланыштуу сынак уюштурулат»; «Үй тапшырмасы, семинар ж.б.у.с.
    иштер ара сынактын ордуна эсептелген …» (2); «Финалдык сынак курстук иштин ордуна эсептелиши мүмкүн» (3).

    PASS when the course's plan has at least 1 midterm (or work counted in its place, 31(2)) and at
    least 1 final (or a project counted as the final, 31(3)/A-43); FAIL otherwise.
    """
    mids = sum(1 for c in f.components if c.kind == "MIDTERM" or c.counts_as_midterm)
    finals = sum(1 for c in f.components if c.kind == "FINAL" or c.counts_as_final)
    need_mid = int(ctx.param("ktmu.studies.min_midterms"))
    need_fin = int(ctx.param("ktmu.studies.min_finals"))
    if mids < need_mid or finals < need_fin:
        return ctx.fail("ktmu.studies.exam.plan_short", midterms=mids, finals=finals, need_mid=need_mid, need_fin=need_fin)
    return ctx.passed("ktmu.studies.exam.plan_ok", midterms=mids, finals=finals)


class ExamPeriod(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    start: dt.date
    end: dt.date


class ExamDate(Facts):
    exam_date: dt.date
    calendar_exam_periods: list[ExamPeriod]
    excuse_exam: bool = False


@rule("KTMU-31(4)-1", judged_on="exam_date", date_field="exam_date")
def exam_in_calendar(f: ExamDate, ctx: Ctx) -> Outcome:
    """«Семестр ичиндеги сынактар академиялык календарда белгиленген күндөрү уюштурулат».

    PASS when the exam falls in one of the calendar's exam periods (both ends included), or it is an
    excuse exam (dates set by the Institute Board, 31(5)); FAIL otherwise.
    """
    if f.excuse_exam:
        return ctx.passed("ktmu.studies.exam.excuse_dates_by_board")
    if any(p.start <= f.exam_date <= p.end for p in f.calendar_exam_periods):
        return ctx.passed("ktmu.studies.exam.in_calendar", day=f.exam_date)
    return ctx.fail("ktmu.studies.exam.not_in_calendar", day=f.exam_date)


class ExamSchedule(Facts):
    first_exam_date: dt.date
    published_on: dt.date | None
    prepared_by: Literal["fos_head", "other"]


@rule("KTMU-31(4)-2")
def exam_schedule_publication(f: ExamSchedule, ctx: Ctx) -> Outcome:
    """«Сынактын жүгүртмөсү институттагы ИИТ/ИКТнын жетекчилери тарабынан түзүлөт жана 2 апта мурун
    жарыяланат».

    PASS when the FoS heads prepared it and it was published no later than 2 weeks (14 calendar days)
    before the first exam; FAIL otherwise.
    """
    weeks = int(ctx.param("ktmu.studies.exam_schedule_lead_weeks"))
    latest = ctx.calendar.add_weeks(f.first_exam_date, -weeks).due
    if f.prepared_by != "fos_head":
        return ctx.fail("ktmu.studies.exam.schedule_author")
    if f.published_on is None or f.published_on > latest:
        return ctx.fail("ktmu.studies.exam.schedule_late", latest=latest, published=f.published_on or "—", weeks=weeks)
    return ctx.passed("ktmu.studies.exam.schedule_ok", latest=latest, published=f.published_on, weeks=weeks)


class ExcuseApplication(Facts):
    exam_date: dt.date = Field(description="Day the missed exam ended")
    applied_on: dt.date
    evidence: Literal["HEALTH_CERTIFICATE", "OTHER_JUSTIFIED_REASON", "NONE"]
    board_accepted: bool | None = Field(default=None, description="Institute Board decision on the reason (None = pending)")


@rule("KTMU-31(5)-1")
def excuse_exam_application(f: ExcuseApplication, ctx: Ctx) -> Outcome:
    """«Ден соолугуна байланыштуу маалымкаты же башка жүйөлүү себеби менен сынак бүткөндөн кийин 3 иш
    күнү ичинде кайрылган студенттин жүйөлүү себеби институттун башкаруу кеңешинин чечими менен кабыл
    алынганда аларга … жүйөлүү себепке байланыштуу сынактар уюштурулат».

    Window = from the exam day (after the exam) to the 3rd working day after it (weekends, KG public
    holidays and closures skipped and listed). PASS: applied in time with evidence and the Board accepted the reason; WARN: in time with
    evidence, Board decision pending; FAIL: late, without evidence, or the reason rejected.
    """
    days = int(ctx.param("ktmu.studies.excuse_apply_workdays"))
    deadline = ctx.calendar.add_working_days(f.exam_date, days)
    sk = deadline.skipped
    if f.applied_on < f.exam_date or f.applied_on > deadline.due:
        return ctx.result(Verdict.FAIL, "ktmu.studies.exam.excuse_late", skipped=sk, due=deadline.due, applied=f.applied_on, days=days)
    if f.evidence == "NONE":
        return ctx.result(Verdict.FAIL, "ktmu.studies.exam.excuse_no_evidence", skipped=sk)
    if f.board_accepted is None:
        return ctx.result(Verdict.WARN, "ktmu.studies.exam.excuse_pending", skipped=sk, due=deadline.due)
    if not f.board_accepted:
        return ctx.result(Verdict.FAIL, "ktmu.studies.exam.excuse_rejected", skipped=sk)
    return ctx.result(Verdict.PASS, "ktmu.studies.exam.excuse_ok", skipped=sk, due=deadline.due, applied=f.applied_on)


class ExcuseHistory(Facts):
    excuse_exams_held_for_component: int = Field(ge=0, description="Excuse exams already organised for this course component")
    missed_excuse_exam: bool = Field(description="The student did not sit the excuse exam organised")


@rule("KTMU-31(6)-1")
def excuse_exam_available(f: ExcuseHistory, ctx: Ctx) -> Outcome:
    """«Аталган сынакка кирбеген студентке кайра жүйөлүү себепке байланыштуу сынак уюштурулбайт».

    FAIL (no further excuse exam) once an excuse exam was organised for the component and the student
    missed it — or the per-component number (1) is reached; PASS otherwise.
    """
    cap = int(ctx.param("ktmu.studies.excuse_exams_per_exam"))
    if f.missed_excuse_exam or f.excuse_exams_held_for_component >= cap:
        return ctx.fail("ktmu.studies.exam.no_second_excuse")
    return ctx.passed("ktmu.studies.exam.excuse_available")
