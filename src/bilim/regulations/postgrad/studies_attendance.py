"""KTMU Instruction on Postgraduate Education, article 30 — attendance, repeating and dropping courses
(catalogue §2 art. 30, §4.8, W-15 rows 3, 9–11; ERRATA 30: attendance is the exact ratio of the
sessions actually held, ≥ 0.70 theory / ≥ 0.80 practice).

Public functions the apps call:

* ``attendance_eligibility`` (KTMU-30(1)-1, 30(2)-1) — attendance met, else no final exam (letter F1);
* ``repeat_requirement`` (KTMU-30(3)-1, 30(4)-1) — NONE / MUST_REPEAT / REPEAT_OR_SUBSTITUTE;
* ``compulsory_course_replacement`` (KTMU-30(5)-1) — FoS-council proposal and Institute Board decision;
  repeat obligations move to the new course;
* ``failed_elective_substitute`` (KTMU-30(6)-1) — the same course, or another on the supervisor's proposal;
* ``drop_failed_elective`` (KTMU-30(6)-2) — when the semester's passed courses fill its ECTS;
* ``grade_for_gpa`` (KTMU-30(7)-1) — the last grade obtained counts;
* ``programme_elective_drop`` (KTMU-30(8)-1) — dropping failed and surplus electives once the programme's ECTS are met.
"""

from __future__ import annotations

from decimal import Decimal

from pydantic import BaseModel, ConfigDict, Field

from bilim.regulations.core import Ctx, Facts, Outcome, rule
from bilim.regulations.postgrad.studies_common import Approval, Letter, chain_missing, fmt_chain, plain


class Attendance(Facts):
    """Sessions (or hours) actually held for the student's section this semester, and attended."""

    theory_held: int = Field(ge=0)
    theory_attended: int = Field(ge=0)
    practice_held: int = Field(default=0, ge=0)
    practice_attended: int = Field(default=0, ge=0)


@rule("KTMU-30(1)-1", "KTMU-30(2)-1")
def attendance_eligibility(f: Attendance, ctx: Ctx) -> Outcome:
    """«Студент катталган теория сабагынын 70%ына, практика сабактарынын 80%ына катышууга милдеттүү»;
    «Толук катышпаган сабактардын финалдык сынагына студент кире албайт».

    ERRATA 30: attended ÷ held, for theory and practice separately, compared exactly (no rounding):
    attended ≥ 0.70 × held (theory) and ≥ 0.80 × held (practice); a part with no session held is not
    assessed. PASS: may sit the final exam. FAIL: not admitted to the final; the course grade is F1
    (inferred from Table 1) and the course must be repeated (30(3)).
    """
    if f.theory_attended > f.theory_held or f.practice_attended > f.practice_held:
        return ctx.fail("ktmu.studies.att.invalid")
    th = Decimal(ctx.param("ktmu.studies.att_min_theory"))
    pr = Decimal(ctx.param("ktmu.studies.att_min_practice"))
    short: list[str] = []
    if f.theory_held and Decimal(f.theory_attended) < th * f.theory_held:
        short.append("theory")
    if f.practice_held and Decimal(f.practice_attended) < pr * f.practice_held:
        short.append("practice")
    values = dict(
        theory=f"{f.theory_attended}/{f.theory_held}",
        practice=f"{f.practice_attended}/{f.practice_held}",
        theory_min=plain(th * 100),
        practice_min=plain(pr * 100),
    )
    if short:
        return ctx.fail("ktmu.studies.att.short", parts=short, **values)
    return ctx.passed("ktmu.studies.att.ok", **values)


class CourseOutcome(Facts):
    compulsory: bool
    attendance_met: bool
    passed: bool


@rule("KTMU-30(3)-1", "KTMU-30(4)-1")
def repeat_requirement(f: CourseOutcome, ctx: Ctx) -> Outcome:
    """«Студент толук катышпаган же сынагынан өтпөй калган сабакты кайра окууга милдеттүү»;
    «Милдеттүү сабактарга толук катышпаса же сынагынан өтпөй калса, сабакты кайра окууга тийиш».

    Value: ``NONE`` (attended and passed); ``MUST_REPEAT`` (a compulsory course: the same course, or its
    replacement under 30(5)); ``REPEAT_OR_SUBSTITUTE`` (an elective: the same course, another on the
    supervisor's proposal, or dropped under 30(6)-2 / 30(8)).
    """
    if f.attendance_met and f.passed:
        return ctx.result("NONE", "ktmu.studies.att.no_repeat")
    if f.compulsory:
        return ctx.result("MUST_REPEAT", "ktmu.studies.att.must_repeat")
    return ctx.result("REPEAT_OR_SUBSTITUTE", "ktmu.studies.att.repeat_or_substitute")


class CompulsoryReplacement(Facts):
    old_course: str
    new_course: str
    approvals: list[Approval]
    pending_repeats: list[str] = Field(default=[], description="Students who must repeat the old course")


_REPLACE_CHAIN = (("fos_council", "PROPOSE"), ("institute_board", "DECIDE"))


@rule("KTMU-30(5)-1")
def compulsory_course_replacement(f: CompulsoryReplacement, ctx: Ctx) -> Outcome:
    """«Кандайдыр бир себептен улам милдеттүү сабак программадан алынып салынса, ал сабактын ордуна коюлган
    милдеттүү сабак … ИИТ/ИКТнын академиялык кеңешинин сунушу жана институттун башкаруу кеңешинин чечими
    менен киргизилет».

    PASS when the FoS-council proposal and the Institute Board decision are recorded; the students who
    had to repeat the old course must now take the new one (message lists them). FAIL otherwise.
    """
    missing = chain_missing(f.approvals, _REPLACE_CHAIN)
    if missing:
        return ctx.fail("ktmu.studies.chain_missing", missing=missing, chain=fmt_chain(_REPLACE_CHAIN))
    return ctx.passed("ktmu.studies.att.replacement_ok", old=f.old_course, new=f.new_course, students=f.pending_repeats or "—")


class ElectiveSubstitute(Facts):
    failed_course: str
    chosen_course: str
    chosen_is_elective: bool = True
    supervisor_proposed: bool = False


@rule("KTMU-30(6)-1")
def failed_elective_substitute(f: ElectiveSubstitute, ctx: Ctx) -> Outcome:
    """«Студент тапшыра албай калган тандоо сабагынын ордуна, ошол эле сабакты же илимий жетекчисинин
    сунушу менен башка сабакты тандай алат».

    PASS for the same course, or another elective the supervisor proposed; FAIL otherwise.
    """
    if f.chosen_course == f.failed_course:
        return ctx.passed("ktmu.studies.att.substitute_same", course=f.chosen_course)
    if f.chosen_is_elective and f.supervisor_proposed:
        return ctx.passed("ktmu.studies.att.substitute_other", course=f.chosen_course)
    return ctx.fail("ktmu.studies.att.substitute_bad", course=f.chosen_course)


class SemesterCredits(Facts):
    passed_ects: Decimal = Field(ge=0, description="ECTS of the courses passed this semester")
    required_ects: Decimal = Field(ge=0, description="ECTS the curriculum requires this semester (A-42)")


@rule("KTMU-30(6)-2")
def drop_failed_elective(f: SemesterCredits, ctx: Ctx) -> Outcome:
    """«Бир семестрде ийгиликтүү аяктаган сабактары AKTS кредитин толтурса, студент тапшыра албай калган
    тандоо сабагынан баш тарта алат».

    PASS (may drop the failed elective) when passed ECTS ≥ the semester's required ECTS; FAIL below.
    """
    if f.passed_ects >= f.required_ects:
        return ctx.passed("ktmu.studies.att.drop_ok", passed=f.passed_ects, required=f.required_ects)
    return ctx.fail("ktmu.studies.att.drop_short", passed=f.passed_ects, required=f.required_ects)


class Attempt(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    sequence: int = Field(ge=0, description="Order of the attempt (semester index); larger = later")
    course_code: str
    letter: Letter


class CourseGroupAttempts(Facts):
    attempts: list[Attempt] = Field(min_length=1, description="Attempts of one course or its approved replacement elective")


@rule("KTMU-30(7)-1")
def grade_for_gpa(f: CourseGroupAttempts, ctx: Ctx) -> Outcome:
    """«Студент орточо академиялык жетишкендик баасын жогорулатуу максатында ийгиликтүү аяктаган сабактарын
    кайра окуй алат … Бирок мындай учурда акыркы алган баасы эске алынат».

    Value: the letter of the latest attempt (even when lower than an earlier one). Two attempts with
    the same sequence cannot be ordered: the value is None and the message asks for the order.
    """
    latest_seq = max(a.sequence for a in f.attempts)
    latest = [a for a in f.attempts if a.sequence == latest_seq]
    if len(latest) > 1:
        return ctx.result(None, "ktmu.studies.att.attempts_ambiguous", sequence=latest_seq)
    a = latest[0]
    return ctx.result(a.letter, "ktmu.studies.att.latest_grade", letter=a.letter, course=a.course_code)


class ProgrammeCourse(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    code: str
    ects: Decimal = Field(ge=0)
    elective: bool
    passed: bool


class ProgrammeDrop(Facts):
    courses: list[ProgrammeCourse]
    programme_course_ects: Decimal = Field(gt=0)
    requested_drops: list[str]
    board_decided: bool = False


@rule("KTMU-30(8)-1")
def programme_elective_drop(f: ProgrammeDrop, ctx: Ctx) -> Outcome:
    """«Окуу мезгилинде ийгиликтүү аяктаган сабактары боюнча AKTS кредитин толтурса же ашырса, студент
    институтка арыз менен кайрылып, тапшыра албай калган тандоо сабактарынан жана ийгиликтүү аяктаган
    ашыкча тандоо сабактарынан баш тарта алат. Сабактардан баш тартуу институттун башкаруу кеңешинин
    чечими менен ишке ашат».

    PASS when every requested course is an elective, and the passed courses that remain after the drop
    still fill the programme's course ECTS (≥), and the Institute Board decided; WARN when admissible but
    the Board has not yet decided; FAIL otherwise.
    """
    by_code = {c.code: c for c in f.courses}
    bad = [code for code in f.requested_drops if code not in by_code or not by_code[code].elective]
    if bad:
        return ctx.fail("ktmu.studies.att.drop_not_elective", courses=bad)
    drops = set(f.requested_drops)
    remaining = sum((c.ects for c in f.courses if c.passed and c.code not in drops), Decimal(0))
    if remaining < f.programme_course_ects:
        return ctx.fail("ktmu.studies.att.drop_short", passed=remaining, required=f.programme_course_ects)
    if not f.board_decided:
        return ctx.warn("ktmu.studies.att.drop_pending", passed=remaining, required=f.programme_course_ects)
    return ctx.passed("ktmu.studies.att.drop_ok", passed=remaining, required=f.programme_course_ects)
