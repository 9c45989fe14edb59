"""KTMU Instruction on Postgraduate Education, articles 24, 25 and 27 — courses offered, instructors'
eligibility and appointment, timetable publication, minimum enrolment (catalogue §2 arts. 24, 25,
27, §4.2, W-02, W-13 rows 1 and 8).

Public functions the apps call:

* ``programme_offer`` (KTMU-24(1)-1) — every compulsory course and enough electives offered;
* ``duplicate_courses_across_levels`` (KTMU-24(2)-1) — no same-title course at two levels (content: manual review);
* ``ministry_mandated_courses`` (KTMU-24(3)-1) — such courses only once, under the institute code;
* ``instructor_eligibility`` (KTMU-24(4)-1, 24(5)-1) — who may teach master's / doctoral courses;
* ``instructor_proposer`` (KTMU-24(6)-1) — institute management (institute code) or FoS council (FoS code);
* ``instructor_appointment`` (KTMU-24(7)-1) — Institute Council decision, Senate consent, in the calendar period;
* ``external_instructor_share`` (KTMU-24(8)-1) — at most 30 % from other HEIs, by University Board decision;
* ``elective_titled_instructors`` (KTMU-24(9)-1) — at most one titled instructor per elective per semester;
* ``timetable_publication`` (KTMU-25-1) — published the day before course selection at the latest;
* ``course_runs`` (KTMU-27-1, 27-2) — minimum enrolment (value from the implementing regulations, A-38).
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from bilim.regulations.core import Ctx, Facts, Outcome, rule
from bilim.regulations.postgrad.studies_common import Approval, Level, chain_missing, doctoral, fmt_chain, plain


class ProgrammeOffer(Facts):
    compulsory_courses: list[str] = Field(description="Codes of the programme's compulsory courses")
    offered_courses: list[str] = Field(description="Codes of the courses offered this semester")
    offered_electives: list[str]
    required_electives: int = Field(ge=0, description="Electives the curriculum requires to be available")


@rule("KTMU-24(1)-1")
def programme_offer(f: ProgrammeOffer, ctx: Ctx) -> Outcome:
    """«… аныкталган бардык милдеттүү сабактар менен катар жетиштүү санда тандалма сабактар да киргизилет».

    PASS when every compulsory course is offered and at least the required number of electives is
    offered ("sufficient" is the curriculum's figure, inferred); FAIL listing the missing courses.
    """
    missing = sorted(set(f.compulsory_courses) - set(f.offered_courses))
    if missing:
        return ctx.fail("ktmu.studies.courses.compulsory_missing", courses=missing)
    electives = len(set(f.offered_electives))
    if electives < f.required_electives:
        return ctx.fail("ktmu.studies.courses.electives_short", offered=electives, required=f.required_electives)
    return ctx.passed("ktmu.studies.courses.offer_ok", offered=electives, required=f.required_electives)


class CatalogueCourse(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    code: str
    level: Literal["BACHELOR", "MA", "PHD", "AI"]
    title: str
    same_content_as: list[str] = Field(default=[], description="Codes a reviewer marked as having the same content")


class CourseCatalogue(Facts):
    courses: list[CatalogueCourse]


def normalise_title(title: str) -> str:
    return re.sub(r"[\W_]+", " ", title.casefold()).strip()


@rule("KTMU-24(2)-1")
def duplicate_courses_across_levels(f: CourseCatalogue, ctx: Ctx) -> Outcome:
    """«Институттун бакалавриат, магистратура жана докторантура программаларында бирдей аталыштагы же
    бирдей мазмундагы сабактар киргизилбейт».

    FAIL when two courses of different levels share a normalised title or were marked as having the
    same content (A-31: the university catalogue of all levels is compared; content similarity is
    decided by a reviewer). Value carries the conflicting pairs.
    """
    by_title: dict[str, list[CatalogueCourse]] = {}
    for c in f.courses:
        by_title.setdefault(normalise_title(c.title), []).append(c)
    pairs: list[str] = []
    for group in by_title.values():
        for i, a in enumerate(group):
            for b in group[i + 1 :]:
                if a.level != b.level:
                    pairs.append(f"{a.code}={b.code}")
    levels = {c.code: c.level for c in f.courses}
    for c in f.courses:
        for other in c.same_content_as:
            if other in levels and levels[other] != c.level:
                pair = "=".join(sorted((c.code, other)))
                if pair not in pairs and f"{other}={c.code}" not in pairs and f"{c.code}={other}" not in pairs:
                    pairs.append(pair)
    if pairs:
        return ctx.fail("ktmu.studies.courses.duplicates", pairs=pairs)
    return ctx.passed("ktmu.studies.courses.no_duplicates")


class MandatedCourse(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    code: str
    title: str
    ministry_mandated: bool
    code_owner: Literal["INSTITUTE", "FOS"]


class MandatedCourses(Facts):
    courses: list[MandatedCourse]


@rule("KTMU-24(3)-1")
def ministry_mandated_courses(f: MandatedCourses, ctx: Ctx) -> Outcome:
    """«… министрлиги тарабынан бир нече илимий тармак боюнча милдеттүү сабак катары киргизилген сабактар
    студенттин илимий тармагы боюнча өзүнчө сабак катары киргизилбейт. Бул сыяктуу сабактар институттун
    коду менен тийиштүү бардык бөлүмдөргө жалпы сабак катары берилет».

    FAIL when a ministry-mandated course is opened under a FoS code, or the same mandated title is opened
    more than once; PASS otherwise.
    """
    fos_coded = [c.code for c in f.courses if c.ministry_mandated and c.code_owner != "INSTITUTE"]
    if fos_coded:
        return ctx.fail("ktmu.studies.courses.mandated_fos_code", courses=fos_coded)
    seen: dict[str, str] = {}
    dups: list[str] = []
    for c in f.courses:
        if not c.ministry_mandated:
            continue
        key = normalise_title(c.title)
        if key in seen:
            dups.append(f"{seen[key]}={c.code}")
        else:
            seen[key] = c.code
    if dups:
        return ctx.fail("ktmu.studies.courses.mandated_duplicated", pairs=dups)
    return ctx.passed("ktmu.studies.courses.mandated_ok")


class Instructor(Facts):
    course_level: Level = Field(description="Level of the programme the course belongs to")
    has_academic_degree: bool
    has_academic_title: bool
    has_doctoral_degree: bool = Field(default=False, description="Doctoral degree (PhD / Doctor of Sciences)")
    has_master_of_arts_title: bool = Field(default=False, description="«көркөм өнөр чебери» title (arts)")
    rank: Literal["PROFESSOR", "ASSOCIATE_PROFESSOR", "SENIOR_INSTRUCTOR", "INSTRUCTOR", "OTHER"] = "OTHER"
    bachelor_semesters_taught: int = Field(ge=0)
    pg_semesters_taught: int = Field(default=0, ge=0)
    exception_decided: bool = Field(default=False, description="A recorded decision for a necessary and exceptional case (A-31)")


@rule("KTMU-24(4)-1", "KTMU-24(5)-1")
def instructor_eligibility(f: Instructor, ctx: Ctx) -> Outcome:
    """(4) «… бакалавриат программасында 2 семестрден кем эмес сабак берген, окумуштуулук даражасы жана
    илимий наамы бар окутуучулар … Зарыл жана өзгөчө учурларда … кеминде 4 семестр сабак берген докторлук
    наамдары бар окутуучулар»; (5) «… бакалавриат программасында кеминде 4 семестр же ЖОЖдон кийинки
    билим берүү программаларында 2 семестрден кем эмес эмгектенген окумуштуулук даражасы жана илимий
    наамы бар окутуучулар … ага окутуучулар да».

    Master's courses (24(4)): degree and title and ≥ 2 bachelor's semesters; by exception a doctoral-degree
    holder with ≥ 4 bachelor's semesters. Doctoral/AI courses (24(5)): degree and title and (≥ 4
    bachelor's or ≥ 2 PG semesters); by exception a senior instructor with a doctoral degree or the
    master-of-arts title. Exceptions need a recorded decision. PASS names the basis; FAIL otherwise.
    """
    titled = f.has_academic_degree and f.has_academic_title
    if doctoral(f.course_level):
        ba = int(ctx.param("ktmu.studies.phd_teach_min_ba_sem"))
        pg = int(ctx.param("ktmu.studies.phd_teach_min_pg_sem"))
        if titled and (f.bachelor_semesters_taught >= ba or f.pg_semesters_taught >= pg):
            return ctx.passed("ktmu.studies.courses.instructor_ok", basis="KTMU-24(5)-1")
        if f.exception_decided and f.rank == "SENIOR_INSTRUCTOR" and (f.has_doctoral_degree or f.has_master_of_arts_title):
            return ctx.passed("ktmu.studies.courses.instructor_exception", basis="KTMU-24(5)-1")
        return ctx.fail("ktmu.studies.courses.instructor_phd_bad", ba=ba, pg=pg)
    ba = int(ctx.param("ktmu.studies.pg_teach_min_ba_sem"))
    exc = int(ctx.param("ktmu.studies.pg_teach_exc_ba_sem"))
    if titled and f.bachelor_semesters_taught >= ba:
        return ctx.passed("ktmu.studies.courses.instructor_ok", basis="KTMU-24(4)-1")
    if f.exception_decided and f.has_doctoral_degree and f.bachelor_semesters_taught >= exc:
        return ctx.passed("ktmu.studies.courses.instructor_exception", basis="KTMU-24(4)-1")
    return ctx.fail("ktmu.studies.courses.instructor_ma_bad", ba=ba, exc=exc)


class InstructorProposal(Facts):
    code_owner: Literal["INSTITUTE", "FOS"]
    compulsory: bool = True
    proposed_by: Literal["institute_management", "fos_council", "other"]


@rule("KTMU-24(6)-1")
def instructor_proposer(f: InstructorProposal, ctx: Ctx) -> Outcome:
    """«Институттун коду менен ачыла турган милдеттүү сабакты бере турган окутуучулар институттун
    жетекчилиги тарабынан аныкталат, ал эми илимий тармактын коду менен киргизиле турган сабактарды окута
    турган профессордук-окутуучулук курам ИИТ/ИКТнын академиялык кеңеши тарабынан аныкталат».

    PASS when institute-code compulsory courses are staffed by the institute management and FoS-code
    courses by the FoS council; FAIL otherwise.
    """
    if f.code_owner == "INSTITUTE" and f.compulsory:
        expected = "institute_management"
    elif f.code_owner == "FOS":
        expected = "fos_council"
    else:
        return ctx.passed("ktmu.studies.courses.proposer_not_regulated")
    if f.proposed_by == expected:
        return ctx.passed("ktmu.studies.courses.proposer_ok", body=expected)
    return ctx.fail("ktmu.studies.courses.proposer_bad", body=expected, given=f.proposed_by)


class InstructorAppointment(Facts):
    approvals: list[Approval]
    appointed_on: dt.date
    period_start: dt.date = Field(description="Start of the instructor-assignment period of the academic calendar")
    period_end: dt.date


_APPOINT_CHAIN = (("institute_council", "DECIDE"), ("senate", "CONSENT"))


@rule("KTMU-24(7)-1")
def instructor_appointment(f: InstructorAppointment, ctx: Ctx) -> Outcome:
    """«Сабак бере турган окутуучуларды дайындоо институттун кеңешинин чечими жана Окумуштуулар кеӊешинин
    макулдугу менен академиялык календарда аныкталган мөөнөттө жүргүзүлөт».

    PASS when the Institute Council decided, the Senate consented, and the appointment lies within the
    calendar period (both ends included); FAIL otherwise.
    """
    missing = chain_missing(f.approvals, _APPOINT_CHAIN)
    if missing:
        return ctx.fail("ktmu.studies.chain_missing", missing=missing, chain=fmt_chain(_APPOINT_CHAIN))
    if not (f.period_start <= f.appointed_on <= f.period_end):
        return ctx.fail("ktmu.studies.outside_period", day=f.appointed_on, start=f.period_start, end=f.period_end)
    return ctx.passed("ktmu.studies.chain_ok", chain=fmt_chain(_APPOINT_CHAIN))


class ProgrammeInstructor(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    instructor_id: str
    external: bool = Field(description="Works at another local or foreign HEI")
    university_board_decision: bool = False


class ProgrammeStaff(Facts):
    instructors: list[ProgrammeInstructor] = Field(description="Instructors of one programme in one semester")


@rule("KTMU-24(8)-1")
def external_instructor_share(f: ProgrammeStaff, ctx: Ctx) -> Outcome:
    """«… окутуучулардын 30%га чейинкиси жергиликтүү жана чет өлкөлүк жогорку окуу жайларында иштеген
    профессордук-окутуучулук курамдын ичинен тандалып алынат жана аларды дайындоо университеттин
    Башкаруу кеңешинин чечими менен жүргүзүлөт».

    Distinct external instructors ≤ 30 % of the distinct instructors of the programme in the semester
    (exact, A-32), each appointed by University Board decision. PASS / FAIL.
    """
    distinct: dict[str, ProgrammeInstructor] = {i.instructor_id: i for i in f.instructors}
    external = [i for i in distinct.values() if i.external]
    share = Decimal(ctx.param("ktmu.studies.external_instructor_max_share"))
    if Decimal(len(external)) > share * len(distinct):
        return ctx.fail("ktmu.studies.courses.external_over", external=len(external), total=len(distinct), share=plain(share * 100))
    undecided = [i.instructor_id for i in external if not i.university_board_decision]
    if undecided:
        return ctx.fail("ktmu.studies.courses.external_undecided", people=undecided)
    return ctx.passed("ktmu.studies.courses.external_ok", external=len(external), total=len(distinct), share=plain(share * 100))


class ElectiveStaff(Facts):
    titled_instructor_ids: list[str] = Field(description="Instructors with degree and title assigned to the elective this semester")


@rule("KTMU-24(9)-1")
def elective_titled_instructors(f: ElectiveStaff, ctx: Ctx) -> Outcome:
    """«Бир тандоо сабагы үчүн бир семестр ичинде окумуштуулук даражасы жана илимий наамы бар бирден ашык
    окутуучу дайындалбайт».

    PASS when at most one distinct titled instructor is assigned; FAIL above.
    """
    cap = int(ctx.param("ktmu.studies.elective_max_titled_instructors"))
    n = len(set(f.titled_instructor_ids))
    if n > cap:
        return ctx.fail("ktmu.studies.courses.elective_titled_over", count=n, cap=cap)
    return ctx.passed("ktmu.studies.courses.elective_titled_ok", count=n, cap=cap)


class TimetablePublication(Facts):
    course_selection_start: dt.date
    published_on: dt.date | None
    channels: list[Literal["CURRICULUM_SYSTEM", "INSTITUTE_WEB"]] = []


@rule("KTMU-25-1")
def timetable_publication(f: TimetablePublication, ctx: Ctx) -> Outcome:
    """«… университеттин окуу планы боюнча системасына жана институттун веб-баракчасына сабак тандоо
    күндөрү башталганга чейин бир күн калганда жарыяланат».

    PASS when published in both channels no later than 1 calendar day before course selection starts
    (A-33: "no later than"); FAIL otherwise. Calendar days: a weekend does not move the date.
    """
    lead = int(ctx.param("ktmu.studies.timetable_lead_days"))
    latest = ctx.calendar.add_calendar_days(f.course_selection_start, -lead).due
    missing = sorted({"CURRICULUM_SYSTEM", "INSTITUTE_WEB"} - set(f.channels))
    if f.published_on is None or f.published_on > latest:
        return ctx.fail("ktmu.studies.courses.timetable_late", latest=latest, published=f.published_on or "—")
    if missing:
        return ctx.fail("ktmu.studies.courses.timetable_channel", channels=missing)
    return ctx.passed("ktmu.studies.courses.timetable_ok", latest=latest, published=f.published_on)


class CourseEnrolment(Facts):
    programme_level: Level
    selections: int = Field(ge=0, description="Students who selected the course this semester")


@rule("KTMU-27-1", "KTMU-27-2")
def course_runs(f: CourseEnrolment, ctx: Ctx) -> Outcome:
    """«Магистрдик программаларда сабак киргизүү үчүн ал сабакты бир семестрде жок дегенде бир нече студент
    тандашы керектиги “ЖОЖдон кийинки билим берүү программаларын ишке ашыруу жөнүндөгү жобо” аркылуу
    аныкталат» (and likewise for doctoral/AI programmes).

    Value: True when the selections reach the minimum of the level (``ktmu.studies.min_enrol_ma`` /
    ``min_enrol_phd`` — values of the external implementing regulations; placeholder 1, A-38).
    """
    minimum = int(ctx.param("ktmu.studies.min_enrol_phd" if doctoral(f.programme_level) else "ktmu.studies.min_enrol_ma"))
    runs = f.selections >= minimum
    return ctx.result(runs, "ktmu.studies.courses.runs" if runs else "ktmu.studies.courses.not_run", count=f.selections, minimum=minimum)
