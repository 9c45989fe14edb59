"""KTMU Instruction on Postgraduate Education, articles 21–23 — supervisor choice and appointment,
foreign supervisor, second supervisor, change of supervisor (catalogue §2 arts. 21–23, §4.5, W-12;
ERRATA 27: the foreign-HEI cap counts every supervisory role).

Public functions the apps call:

* ``supervisor_appointment_deadline`` (KTMU-21(1)-1) — appointed within 1 month from the start of course selection;
* ``effective_supervisor`` (KTMU-21(1)-2) — the supervisor, or the FoS head until one is appointed;
* ``supervisor_eligibility`` (KTMU-21(2)-1) — full-salaried KTMU instructor with degree, title and matching field;
* ``foreign_supervisor_due`` (KTMU-21(6)-1) — a doctoral student past coursework and the qualifying exam gets a foreign-HEI supervisor;
* ``foreign_supervision_cap`` (KTMU-21(7)-1) — one foreign-HEI instructor supervises at most 2 doctoral students;
* ``foreign_supervisor_fallback`` (KTMU-21(8)-1) — the KTMU instructor standing in for a foreign supervisor;
* ``supervision_active`` (KTMU-21(10)-1) — no supervision while not registered / on leave / on academic leave;
* ``second_supervisor_appointment`` (KTMU-22(1)-1, 22(1)-2) — justified proposals, Board decision, after topic approval;
* ``supervision_load`` (KTMU-22(2)-1) — second supervision is not teaching load, not paid, counted in evaluation;
* ``supervisor_change`` (KTMU-23(1)-1, 23(1)-2) — application and deciding chain of a change;
* ``thesis_submission_lock`` (KTMU-23(2)-1) — 1 (MA) / 2 (PhD, AI) semesters without thesis submission after a change.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from bilim.regulations.core import Ctx, Facts, Outcome, RuleError, rule
from bilim.regulations.postgrad.studies_common import Approval, Level, chain_missing, doctoral, fmt_chain


class SupervisorAppointment(Facts):
    course_selection_start: dt.date = Field(
        description="First day of course selection in the student's first semester of PG study (A-26)"
    )
    decision_date: dt.date | None = Field(default=None, description="Institute Board decision appointing the supervisor")


@rule("KTMU-21(1)-1")
def supervisor_appointment_deadline(f: SupervisorAppointment, ctx: Ctx) -> Outcome:
    """«… семестрде сабак тандоо башталган күндөн тартып 1 айдын ичинде ИИТ/ИКТнын академиялык кеңешинин
    сунушу жана институттун башкаруу кеңешинин чечими менен илимий жетекчи дайындалат».

    Due date = the same calendar day one month after the start of course selection (month-end
    clamped), not moved off a non-working day. PASS when decided by then (or not yet due). A missed
    deadline is the institution's, not the student's: WARN — the overdue alert to the FoS head and the
    institute (A-26) — when still undecided after the due date or decided late; a late decision is not
    blocked, so the student is not left without a supervisor (the FoS head acts meanwhile, 21(1)-2).
    """
    months = int(ctx.param("ktmu.studies.supervisor_appoint_months"))
    deadline = ctx.calendar.add_months(f.course_selection_start, months)
    if f.decision_date is not None:
        if f.decision_date <= deadline.due:
            return ctx.passed("ktmu.studies.sup.appointed_in_time", due=deadline.due, decided=f.decision_date)
        return ctx.warn("ktmu.studies.sup.appointed_late", due=deadline.due, decided=f.decision_date)
    if ctx.as_of > deadline.due:
        return ctx.warn("ktmu.studies.sup.overdue", due=deadline.due)
    return ctx.passed("ktmu.studies.sup.pending", due=deadline.due)


class SupervisionRecord(Facts):
    supervisor_id: str | None = None
    fos_head_id: str


@rule("KTMU-21(1)-2")
def effective_supervisor(f: SupervisionRecord, ctx: Ctx) -> Outcome:
    """«Илимий жетекчи дайындалганга чейин бул милдетти ИИТ/ИКТнын жетекчиси аткарат».

    Value: the appointed supervisor's id, or the FoS head's id until a supervisor is appointed.
    """
    if f.supervisor_id:
        return ctx.result(f.supervisor_id, "ktmu.studies.sup.effective_supervisor", person=f.supervisor_id)
    return ctx.result(f.fos_head_id, "ktmu.studies.sup.effective_fos_head", person=f.fos_head_id)


class SupervisorCandidate(Facts):
    employed_at_ktmu: bool
    full_salary: bool
    has_academic_degree: bool
    has_academic_title: bool
    scientific_fields: list[str]
    programme_field: str


@rule("KTMU-21(2)-1")
def supervisor_eligibility(f: SupervisorCandidate, ctx: Ctx) -> Outcome:
    """«Илимий тармагы ИИТ/ИКТнын программасына дал келген, университетте толук айлык акы алган
    окумуштуулук даражасы жана илимий наамы бар окутуучулардын арасынан илимий жетекчи тандалат».

    PASS when every condition holds; FAIL listing the unmet ones.
    """
    unmet = [
        name
        for name, ok in (
            ("employed_at_ktmu", f.employed_at_ktmu),
            ("full_salary", f.full_salary),
            ("academic_degree", f.has_academic_degree),
            ("academic_title", f.has_academic_title),
            ("field_matches", f.programme_field in f.scientific_fields),
        )
        if not ok
    ]
    if unmet:
        return ctx.fail("ktmu.studies.sup.not_eligible", unmet=unmet)
    return ctx.passed("ktmu.studies.sup.eligible")


class ForeignHei(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    country: str = Field(description="ISO country code of the HEI where the person works (KG, TR, DE, …)")


def _is_foreign(hei: ForeignHei, ctx: Ctx) -> bool:
    if hei.country == "KG":
        return False
    if hei.country == "TR":
        return bool(ctx.param("ktmu.studies.turkiye_counts_as_foreign"))
    return True


class DoctoralProgress(Facts):
    student_level: Level
    coursework_completed: bool
    qualifying_exam_passed: bool
    foreign_supervisor_hei: ForeignHei | None = Field(default=None, description="HEI of the foreign supervisor, if appointed")
    fallback_supervisor_appointed: bool = Field(default=False, description="A KTMU instructor under 21(8) is appointed")


@rule("KTMU-21(6)-1")
def foreign_supervisor_due(f: DoctoralProgress, ctx: Ctx) -> Outcome:
    """«Сабактарын бүтүрүп, адистик сынактан ийгиликтүү өткөн докторантка чет өлкөдөгү жогорку окуу
    жайларда эмгектенген дагы бир илимий жетекчи дайындалат».

    The exam meant is the doctoral qualifying exam (A-28); AI students are included by default
    (parameter ``ktmu.studies.foreign_supervisor_levels``, A-03). An HEI in Türkiye counts as foreign
    (A-27, parameter). PASS when not yet due, or when a foreign-HEI (or 21(8) fallback) supervisor is in
    place; WARN when due and not yet appointed (task for the FoS council); FAIL when the appointed
    "foreign" supervisor does not work at a foreign HEI.
    """
    levels = ctx.param("ktmu.studies.foreign_supervisor_levels")
    if f.foreign_supervisor_hei is not None and not _is_foreign(f.foreign_supervisor_hei, ctx):
        return ctx.fail("ktmu.studies.sup.foreign_not_foreign", country=f.foreign_supervisor_hei.country)
    due = f.student_level in levels and f.coursework_completed and f.qualifying_exam_passed
    if not due:
        return ctx.passed("ktmu.studies.sup.foreign_not_due")
    if f.foreign_supervisor_hei is None and not f.fallback_supervisor_appointed:
        return ctx.warn("ktmu.studies.sup.foreign_due")
    return ctx.passed("ktmu.studies.sup.foreign_in_place")


class SupervisionRole(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    student_id: str
    student_level: Level
    role: Literal["SUPERVISOR", "SUPERVISOR2", "FOREIGN_SUPERVISOR"]
    enrolled: bool = Field(default=True, description="The student is still enrolled (not graduated or dismissed)")


class ForeignSupervisorLoad(Facts):
    person_hei: ForeignHei
    roles: list[SupervisionRole] = Field(description="Current roles including the one proposed")


@rule("KTMU-21(7)-1")
def foreign_supervision_cap(f: ForeignSupervisorLoad, ctx: Ctx) -> Outcome:
    """«Чет өлкөнүн жогорку окуу жайында иштеген бир окутуучу эң көп 2 докторанттын диссертациясына
    илимий жетекчилик кыла алат».

    ERRATA 27: for a person working at a foreign HEI, count the distinct enrolled doctoral/AI students
    in **any** supervisory role (supervisor, second supervisor, foreign supervisor), concurrently (A-29);
    PASS when ≤ 2, FAIL above. People of non-foreign HEIs are outside this cap (PASS).
    """
    if not _is_foreign(f.person_hei, ctx):
        return ctx.passed("ktmu.studies.sup.cap_not_foreign")
    cap = int(ctx.param("ktmu.studies.foreign_supervisor_max_phd"))
    students = sorted({r.student_id for r in f.roles if r.enrolled and doctoral(r.student_level)})
    if len(students) > cap:
        return ctx.fail("ktmu.studies.sup.cap_over", count=len(students), cap=cap)
    return ctx.passed("ktmu.studies.sup.cap_ok", count=len(students), cap=cap)


class FallbackCandidate(Facts):
    employed_at_ktmu: bool
    full_salary: bool
    foreign_hei_experience: bool
    specialties: list[str]
    programme_field: str


@rule("KTMU-21(8)-1")
def foreign_supervisor_fallback(f: FallbackCandidate, ctx: Ctx) -> Outcome:
    """«Эгерде чет өлкөдө илимий жетекчиси жок болсо, чет өлкөнүн жогорку окуу жайларында иш тажрыйбасы
    бар жана адистиги ИИТ/ИКТнын доктордук программасына туура келген, университетте толук айлык акы
    алган окутуучу тарабынан жүргүзүлөт».

    PASS when the stand-in is a full-salaried KTMU instructor with foreign-HEI experience whose
    specialty matches the doctoral programme; FAIL listing the unmet conditions.
    """
    unmet = [
        name
        for name, ok in (
            ("employed_at_ktmu", f.employed_at_ktmu),
            ("full_salary", f.full_salary),
            ("foreign_hei_experience", f.foreign_hei_experience),
            ("field_matches", f.programme_field in f.specialties),
        )
        if not ok
    ]
    if unmet:
        return ctx.fail("ktmu.studies.sup.not_eligible", unmet=unmet)
    return ctx.passed("ktmu.studies.sup.eligible")


class StudentSemesterStatus(Facts):
    semester_status: Literal["REGISTERED", "NOT_RENEWED", "LEAVE", "ACADEMIC_LEAVE"]


@rule("KTMU-21(10)-1")
def supervision_active(f: StudentSemesterStatus, ctx: Ctx) -> Outcome:
    """«Студент каттоодон өтпөсө, жүйөөлүү себептер менен уруксат алса же академиялык өргүүгө чыкса, ошол
    учурда студентке илимий жетекчилик жүргүзүлбөйт».

    Value: True for a registered student; False while not renewed, on leave or on academic leave.
    """
    active = f.semester_status == "REGISTERED"
    return ctx.result(active, "ktmu.studies.sup.active" if active else "ktmu.studies.sup.suspended", status=f.semester_status)


class SecondSupervisor(Facts):
    approvals: list[Approval]
    justification: str = Field(description="The justified proposal (why the thesis needs a second supervisor)")
    thesis_topic_approved_on: dt.date | None
    appointed_on: dt.date


_SECOND_CHAIN = (("supervisor", "PROPOSE"), ("fos_council", "PROPOSE"), ("institute_board", "DECIDE"))


@rule("KTMU-22(1)-1", "KTMU-22(1)-2")
def second_supervisor_appointment(f: SecondSupervisor, ctx: Ctx) -> Outcome:
    """«… экинчи жетекчи биринчи илимий жетекчинин жана ИИТ/ИКТнын академиялык кеңешинин жүйөлүү сунушу
    жана институттун Башкаруу кеңешинин чечими менен дайындалат. Экинчи илимий жетекчи студенттин
    диссертациялык ишинин темасы институт тарабынан бекитилгенден кийин дайындалат».

    PASS when the first supervisor's and the FoS council's justified proposals precede the Institute
    Board decision and the appointment comes after the thesis topic was approved; FAIL otherwise.
    """
    if not f.justification.strip():
        return ctx.fail("ktmu.studies.justification_missing")
    missing = chain_missing(f.approvals, _SECOND_CHAIN)
    if missing:
        return ctx.fail("ktmu.studies.chain_missing", missing=missing, chain=fmt_chain(_SECOND_CHAIN))
    if f.thesis_topic_approved_on is None or f.appointed_on <= f.thesis_topic_approved_on:
        return ctx.fail("ktmu.studies.sup.second_before_topic", topic=f.thesis_topic_approved_on or "—", appointed=f.appointed_on)
    return ctx.passed("ktmu.studies.sup.second_ok", topic=f.thesis_topic_approved_on, appointed=f.appointed_on)


class InstructorRoles(Facts):
    roles: list[SupervisionRole]


@rule("KTMU-22(2)-1")
def supervision_load(f: InstructorRoles, ctx: Ctx) -> Outcome:
    """«Экинчи илимий жетекчилик кылуу милдети окуу жүгү катары эсептелбейт жана акы төлөнбөйт. Бирок
    окутуучунун ишмердүүлүгүнө баа берүүдө эсептелет».

    Value: ``{"teaching_load": n, "paid": n, "performance": n}`` — counts of enrolled students whose
    supervision counts in each; second supervision counts only in the performance evaluation.
    """
    active = [r for r in f.roles if r.enrolled]
    load = sum(1 for r in active if r.role != "SUPERVISOR2")
    value = {"teaching_load": load, "paid": load, "performance": len(active)}
    return ctx.result(value, "ktmu.studies.sup.load", load=load, performance=len(active))


class SupervisorChange(Facts):
    mandatory_case: bool = Field(description="A necessary and mandatory case (art. 23(1) last sentence)")
    applicant: Literal["SUPERVISOR", "STUDENT", "BOTH", "NONE"] = "NONE"
    justification: str = ""
    approvals: list[Approval]


_CHANGE_CHAIN = (("fos_council", "PROPOSE"), ("institute_board", "DECIDE"))
_MANDATORY_CHAIN = (("institute_director", "PROPOSE"), ("institute_board", "DECIDE"))


@rule("KTMU-23(1)-1", "KTMU-23(1)-2")
def supervisor_change(f: SupervisorChange, ctx: Ctx) -> Outcome:
    """«Илимий жетекчини алмаштыруу жетекчинин жана/же студенттин ИИТ/ИКТнын жетекчилигине жазган
    жүйөөлүү арызынын негизинде ишке ашырылат … Зарыл жана милдеттүү учурда институттун директорунун
    сунушу боюнча институттун Башкаруу кеңеши тарабынан да илимий жетекчи алмаштырылышы мүмкүн».

    Regular change (23(1)-1): a justified application by the supervisor and/or the student, a FoS-council
    proposal and an Institute Board decision. In a necessary and mandatory case (23(1)-2) the director's
    proposal and the Board decision suffice (the regular path remains valid too).
    """
    regular_missing = chain_missing(f.approvals, _CHANGE_CHAIN)
    has_application = f.applicant != "NONE" and bool(f.justification.strip())
    if has_application and not regular_missing:
        return ctx.passed("ktmu.studies.sup.change_ok", chain=fmt_chain(_CHANGE_CHAIN))
    if f.mandatory_case:
        missing = chain_missing(f.approvals, _MANDATORY_CHAIN)
        if not missing:
            return ctx.passed("ktmu.studies.sup.change_ok", chain=fmt_chain(_MANDATORY_CHAIN))
        return ctx.fail("ktmu.studies.chain_missing", missing=missing, chain=fmt_chain(_MANDATORY_CHAIN))
    if not has_application:
        return ctx.fail("ktmu.studies.sup.change_no_application")
    return ctx.fail("ktmu.studies.chain_missing", missing=regular_missing, chain=fmt_chain(_CHANGE_CHAIN))


class ThesisLock(Facts):
    student_level: Level
    stage_at_change: Literal["COURSEWORK", "THESIS"]
    mandatory_case: bool
    decision_date: dt.date = Field(description="Institute Board decision changing the supervisor")
    semester_starts: list[dt.date] = Field(description="First days of the autumn/spring semesters of the academic calendar")
    academic_leave_semester_starts: list[dt.date] = Field(default=[], description="Semesters the student spent on academic leave")
    submission_date: dt.date


@rule("KTMU-23(2)-1", judged_on="decision_date", date_field="decision_date")
def thesis_submission_lock(f: ThesisLock, ctx: Ctx) -> Outcome:
    """«Зарыл жана милдеттүү учурларды кошпогондо, … диссертациялык иш жазуу этабында илимий жетекчисин
    алмаштырган магистрант … эң аз 1 семестр, докторант эң аз 2 семестр ичинде диссертациялык ишин
    тапшыра алышпайт».

    After a non-mandatory change at the thesis stage, the thesis may be submitted from the start of the
    1st (MA) / 2nd (PhD; AI like PhD, A-30) semester after the semester of the Board decision;
    academic-leave semesters are not counted (A-30). PASS when submission is on or after that day (or
    no lock applies), FAIL before it.
    """
    if f.stage_at_change != "THESIS" or f.mandatory_case:
        return ctx.passed("ktmu.studies.sup.no_lock")
    lock = int(ctx.param("ktmu.studies.thesis_lock_phd" if doctoral(f.student_level) else "ktmu.studies.thesis_lock_ma"))
    starts = [s for s in f.semester_starts if s not in set(f.academic_leave_semester_starts)]
    try:
        deadline = ctx.calendar.add_semesters(f.decision_date, lock, starts)
    except ValueError as exc:
        raise RuleError(f"the academic calendar given does not reach {lock} semester(s) after {f.decision_date}") from exc
    if f.submission_date >= deadline.due:
        return ctx.passed("ktmu.studies.sup.lock_over", since=deadline.due, semesters=lock)
    return ctx.fail("ktmu.studies.sup.locked", until=deadline.due, semesters=lock)
