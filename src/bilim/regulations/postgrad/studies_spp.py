"""KTMU Instruction on Postgraduate Education, article 20 — the scientific preparation programme
(SPP; catalogue §2 art. 20, §4.4, W-11; ERRATA 29 for SPP courses during the language programme).

Public functions the apps call:

* ``spp_allowed`` (KTMU-20(1)-1) — may an SPP be opened for the student, and is its length within 2 semesters;
* ``spp_semester_courses`` (KTMU-20(2)-1) — 2 to 4 SPP courses in a semester;
* ``spp_approval`` (KTMU-20(3)-1) — courses and ECTS decided on FoS-council proposal by the Institute Board;
* ``spp_course_source`` (KTMU-20(4)-1) — bachelor's (MA) / bachelor's or master's (PhD/AI) courses;
* ``spp_counting`` (KTMU-20(5)-1) — SPP grades on the transcript, not in credits, GPA or graduation;
* ``spp_pg_access`` (KTMU-20(6)-1) — PG courses alongside an SPP semester (≤ 2, no seminar; none with 4 SPP courses);
* ``spp_principles`` (KTMU-20(7)-1) — whose principles govern SPP courses (the student's PG level, A-25).

The SPP period's exclusion from the study period (KTMU-20(8)-1) is computed by
``studies_registration.max_duration_semesters_used``.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from bilim.regulations.core import Ctx, Facts, Outcome, rule
from bilim.regulations.postgrad.studies_common import Approval, Level, chain_missing, doctoral, fmt_chain


class SppNeed(Facts):
    """The student's previous degree against the programme, and the SPP proposed."""

    prior_degree_field: str
    programme_field: str
    prior_degree_from_ktmu: bool
    spp_semesters: int = Field(ge=1, description="Length of the proposed SPP in semesters")


@rule("KTMU-20(1)-1")
def spp_allowed(f: SppNeed, ctx: Ctx) -> Outcome:
    """«башка тармактардын бүтүрүүчүсү же ошол эле тармак боюнча башка жогорку окуу жайларын бүтүргөн
    студенттер катталган учурда … 2 семестрден ашпаган мөөнөткө адистикке даярдоо программасы ачылышы мүмкүн».

    PASS when the student graduated in another field, or in the same field from another HEI, and the
    SPP is at most 2 semesters; FAIL otherwise (no ground, or too long).
    """
    other_field = f.prior_degree_field != f.programme_field
    if not (other_field or not f.prior_degree_from_ktmu):
        return ctx.fail("ktmu.studies.spp.no_ground")
    limit = int(ctx.param("ktmu.studies.spp_max_semesters"))
    if f.spp_semesters > limit:
        return ctx.fail("ktmu.studies.spp.too_long", semesters=f.spp_semesters, limit=limit)
    return ctx.passed("ktmu.studies.spp.allowed", semesters=f.spp_semesters, limit=limit)


class SppSemester(Facts):
    spp_course_count: int = Field(ge=0, description="SPP courses in one semester")


@rule("KTMU-20(2)-1")
def spp_semester_courses(f: SppSemester, ctx: Ctx) -> Outcome:
    """«Адистикке даярдоо программасы 1 семестрде 2ден аз эмес, 4төн көп эмес сабактан түзүлөт».

    PASS when 2 ≤ courses ≤ 4 in the semester; FAIL otherwise.
    """
    lo = int(ctx.param("ktmu.studies.spp_min_courses"))
    hi = int(ctx.param("ktmu.studies.spp_max_courses"))
    if lo <= f.spp_course_count <= hi:
        return ctx.passed("ktmu.studies.spp.count_ok", count=f.spp_course_count, min=lo, max=hi)
    return ctx.fail("ktmu.studies.spp.count_bad", count=f.spp_course_count, min=lo, max=hi)


class SppDecision(Facts):
    approvals: list[Approval]
    course_codes: list[str] = Field(min_length=1)
    total_ects: Decimal = Field(gt=0)


_SPP_CHAIN = (("fos_council", "PROPOSE"), ("institute_board", "DECIDE"))


@rule("KTMU-20(3)-1")
def spp_approval(f: SppDecision, ctx: Ctx) -> Outcome:
    """«… сабактары жана жалпы AKTS саны ИИТ/ИКТнын академиялык кеңешинин сунушу жана институттун
    Башкаруу кеңешинин чечими менен аныкталат».

    PASS when the SPP's courses and total ECTS carry a FoS-council proposal followed by an Institute
    Board decision; FAIL naming the missing steps.
    """
    missing = chain_missing(f.approvals, _SPP_CHAIN)
    if missing:
        return ctx.fail("ktmu.studies.chain_missing", missing=missing, chain=fmt_chain(_SPP_CHAIN))
    return ctx.passed("ktmu.studies.chain_ok", chain=fmt_chain(_SPP_CHAIN))


class SppCourseSource(Facts):
    student_level: Level
    source_level: Literal["BACHELOR", "MA", "PHD"] = Field(description="Level of the programme the SPP course comes from")


@rule("KTMU-20(4)-1")
def spp_course_source(f: SppCourseSource, ctx: Ctx) -> Outcome:
    """«магистратура үчүн бакалавриат программаларынан, докторантура программалары үчүн бакалавр же
    магистратура программаларынан алынышы мүмкүн».

    PASS for a bachelor's course (any student) or a master's course (doctoral/AI student); FAIL otherwise.
    """
    allowed = ("BACHELOR", "MA") if doctoral(f.student_level) else ("BACHELOR",)
    if f.source_level in allowed:
        return ctx.passed("ktmu.studies.spp.source_ok", source=f.source_level, level=f.student_level)
    return ctx.fail("ktmu.studies.spp.source_bad", source=f.source_level, level=f.student_level)


class GradedCourse(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    course_code: str
    is_spp: bool
    ects: Decimal = Field(ge=0)


class TranscriptCourses(Facts):
    courses: list[GradedCourse]


@rule("KTMU-20(5)-1")
def spp_counting(f: TranscriptCourses, ctx: Ctx) -> Outcome:
    """«… бүтүрүү үчүн талап кылынган сабактар катары саналбайт, кредит катары эсептелбейт, дипломунда
    баасы көрсөтүлөт, бирок академиялык орточо көрсөткүчкө кирбейт».

    Value: ``{"transcript": all codes (SPP flagged, A-73), "gpa": codes counted in the GPA,
    "graduation": codes counted toward graduation, "credit_ects": ECTS counted as credits}``.
    """
    counted = [c for c in f.courses if not c.is_spp]
    value = {
        "transcript": [c.course_code for c in f.courses],
        "not_counted": [c.course_code for c in f.courses if c.is_spp],
        "gpa": [c.course_code for c in counted],
        "graduation": [c.course_code for c in counted],
        "credit_ects": sum((c.ects for c in counted), Decimal(0)),
    }
    return ctx.result(value, "ktmu.studies.spp.counting", excluded=value["not_counted"], ects=value["credit_ects"])


class PgCourse(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    course_code: str
    is_seminar: bool = False


class SppPgSelection(Facts):
    spp_course_count: int = Field(ge=0, description="SPP courses of the student in this semester")
    pg_courses: list[PgCourse] = Field(description="Courses of the own PG programme selected alongside")


@rule("KTMU-20(6)-1")
def spp_pg_access(f: SppPgSelection, ctx: Ctx) -> Outcome:
    """«Бир семестрде максималдуу 3 сабактан адистикке даярдоо программасына кабыл алынган студент …
    өзү окуган ЖОЖдон кийинки билим берүү программасынан 2 сабакка гана катыша алат, семинардык
    сабакка катыша албайт».

    With at most 3 SPP courses in the semester: at most 2 PG courses and no seminar. With more SPP
    courses (4): no PG course (A-25). No SPP this semester: not restricted by this rule.
    """
    if f.spp_course_count == 0:
        return ctx.passed("ktmu.studies.spp.no_spp")
    access = int(ctx.param("ktmu.studies.spp_courses_for_pg_access"))
    cap = int(ctx.param("ktmu.studies.spp_max_pg_courses"))
    if f.spp_course_count > access:
        if f.pg_courses:
            return ctx.fail("ktmu.studies.spp.full_spp_no_pg", spp=f.spp_course_count, access=access)
        return ctx.passed("ktmu.studies.spp.pg_ok", count=0, cap=0)
    seminars = [c.course_code for c in f.pg_courses if c.is_seminar]
    if seminars:
        return ctx.fail("ktmu.studies.spp.no_seminar", courses=seminars)
    if len(f.pg_courses) > cap:
        return ctx.fail("ktmu.studies.spp.pg_over", count=len(f.pg_courses), cap=cap)
    return ctx.passed("ktmu.studies.spp.pg_ok", count=len(f.pg_courses), cap=cap)


class SppStudent(Facts):
    student_level: Level


@rule("KTMU-20(7)-1")
def spp_principles(f: SppStudent, ctx: Ctx) -> Outcome:
    """«… сабак тандоо, сабакка катышуу, сынактар, сабактагы баалар, алдыӊкы студент болуу ж.б. маселелерде
    тийиштүү программанын принциптери колдонулат».

    Value: the level whose rules (selection, attendance, exams, pass letter, honours) apply to the
    student's SPP courses — the student's own PG level by default (A-25; parameter
    ``ktmu.studies.spp_principles_level``, alternative ``BACHELOR``).
    """
    reading = ctx.param("ktmu.studies.spp_principles_level")
    level = f.student_level if reading == "STUDENT_PG_LEVEL" else "BACHELOR"
    return ctx.result(level, "ktmu.studies.spp.principles", level=level)
