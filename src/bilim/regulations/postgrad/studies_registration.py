"""KTMU Instruction on Postgraduate Education, articles 26 and 28 — registration renewal, course
selection limits, overload, thesis-stage registration, supervisor approval, add/drop, replacement of
courses that do not run; and the maximum-duration count of 19(12), 20(8) and 26(1) (catalogue §2
arts. 19(12), 20(8), 26, 28, §4.6, W-13; ERRATA 26 and 28).

Public functions the apps call:

* ``max_duration_semesters_used`` (KTMU-26(1)-1, 19(12)-2, 20(8)-1) — semesters counted toward the maximum duration;
* ``registration_renewal`` (KTMU-26(2)-1, 26(3)-1) — RENEWED / LATE_RENEWED / NOT_RENEWED;
* ``semester_action_allowed`` (KTMU-26(4)-1, 26(5)-1) — a student who did not renew can do nothing that semester;
* ``same_title_other_language`` (KTMU-26(6)-1), ``same_instructor_share`` (KTMU-26(7)-1),
  ``other_programme_courses`` (KTMU-26(8)-1), ``other_hei_courses`` (KTMU-26(9)-1),
  ``overload_limit`` (KTMU-26(10)-1) — the selection limits, on one ``Registration``;
* ``registration_limits(registration, as_of)`` — all of those (and 19(11)) on one registration, as a list of outcomes;
* ``check_registrations(registrations, as_of)`` — the batch: the same limit checks over a whole
  institute's registrations in one term, fast, explanations built lazily per item;
* ``other_hei_approval`` (KTMU-26(9)-2) — application, supervisor consent, FoS council, Institute Board;
* ``overload_hidden_course`` (KTMU-26(10)-2) — the lowest-grade course hidden from the transcript;
* ``thesis_stage_registration`` (KTMU-26(11)-1, 26(12)-1) — thesis / QE / seminar selections by stage;
* ``selection_approval_state`` (KTMU-26(13)-1, 26(13)-2, 26(13)-3) — supervisor approval, requested changes, or automatic approval;
* ``add_drop_change`` (KTMU-28(1)-1), ``run_list_publication`` (KTMU-28(2)-1),
  ``course_replacement`` (KTMU-28(3)-1), ``selection_frozen`` (KTMU-28(3)-2).
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from bilim.regulations.core import Ctx, Facts, Outcome, RuleError, Verdict, rule
from bilim.regulations.core import params as _params
from bilim.regulations.postgrad.studies_common import (
    Approval,
    Letter,
    Level,
    chain_missing,
    doctoral,
    fmt_chain,
    letter_rank,
)

# --------------------------------------------------------------------------------------------
# 26(1), 19(12)-2, 20(8)-1: maximum duration

SemesterKind = Literal[
    "REGULAR",
    "NOT_RENEWED",
    "LANGUAGE_PERIOD",
    "SPP_PERIOD",
    "LEAVE_COUNTED",
    "LEAVE_NOT_COUNTED",
    "ACADEMIC_LEAVE",
]


class StudyHistory(Facts):
    semesters: list[SemesterKind] = Field(
        description="Every semester since the student became entitled to select courses, in order"
    )


@rule("KTMU-26(1)-1", "KTMU-19(12)-2", "KTMU-20(8)-1")
def max_duration_semesters_used(f: StudyHistory, ctx: Ctx) -> Outcome:
    """«… сабак тандап-тандабаганына, каттоосун жаӊыртып-жаӊыртпагандыгына карабай, бардык семестрлер
    студенттин максималдуу окуу мөөнөтү катары эсептелет»; «Бул мөөнөт студенттин катталган программасынын
    мөөнөтүнө кошулбайт» (19(12)); «Адистикке даярдоо программасынын окуу мөөнөтү … окуу мөөнөтү болуп
    эсептелбейт» (20(8)).

    Value: the number of semesters counted toward the maximum study duration — every semester, renewed
    or not, except the language period, the SPP period and study leave the Institute Board decided not to
    count (37(2)). Academic leave counts (ERRATA 26; parameter
    ``ktmu.studies.academic_leave_counts_toward_max_duration``, A-54 alternative).
    """
    excluded = {"LANGUAGE_PERIOD", "SPP_PERIOD", "LEAVE_NOT_COUNTED"}
    if not ctx.param("ktmu.studies.academic_leave_counts_toward_max_duration"):
        excluded.add("ACADEMIC_LEAVE")
    used = sum(1 for s in f.semesters if s not in excluded)
    return ctx.result(used, "ktmu.studies.reg.duration_used", used=used, total=len(f.semesters))


# --------------------------------------------------------------------------------------------
# 26(2)–(5): renewal


class RenewalFacts(Facts):
    renewal_start: dt.date
    renewal_end: dt.date
    adddrop_start: dt.date
    adddrop_end: dt.date
    registered_on: dt.date | None = Field(default=None, description="Day the student renewed (if at all)")
    justified_notice_on: dt.date | None = Field(default=None, description="Day a written justified notice reached the institute")
    notice_in_writing: bool = False
    board_accepted_reason: bool = False


@rule("KTMU-26(2)-1", "KTMU-26(3)-1")
def registration_renewal(f: RenewalFacts, ctx: Ctx) -> Outcome:
    """«Студенттер ар бир семестрдин башында академиялык календарда аныкталган күндөрдө каттоосун жаңыртып
    турушу керек»; «… сабактарды кошуу-алуу мөөнөтү башталганга чейин жүйөөлүү себебин жазуу жүзүндө
    институтка билдирсе, … Башкаруу кеӊешинин чечими менен кабыл алынган учурда, студент сабактарды
    кошуу-алуу мөөнөтү бүткөнгө чейин каттоодон өтө алат».

    Value ``RENEWED`` (within the calendar's renewal days), ``LATE_RENEWED`` (written justified notice
    strictly before add/drop starts, reason accepted by the Institute Board, registration no later than
    the last add/drop day) or ``NOT_RENEWED``.
    """
    d = f.registered_on
    if d is not None and f.renewal_start <= d <= f.renewal_end:
        return ctx.result("RENEWED", "ktmu.studies.reg.renewed", day=d)
    late_ok = (
        d is not None
        and d <= f.adddrop_end
        and f.justified_notice_on is not None
        and f.justified_notice_on < f.adddrop_start
        and f.notice_in_writing
        and f.board_accepted_reason
    )
    if late_ok:
        return ctx.result("LATE_RENEWED", "ktmu.studies.reg.late_renewed", day=d, end=f.adddrop_end)
    return ctx.result("NOT_RENEWED", "ktmu.studies.reg.not_renewed", start=f.renewal_start, end=f.renewal_end)


class SemesterAction(Facts):
    semester_status: Literal["RENEWED", "LATE_RENEWED", "NOT_RENEWED"]
    action: Literal["RE_REGISTRATION", "COURSE_SELECTION", "EXAM", "SUBMISSION", "APPLICATION", "OTHER"]


@rule("KTMU-26(4)-1", "KTMU-26(5)-1")
def semester_action_allowed(f: SemesterAction, ctx: Ctx) -> Outcome:
    """«Каттоо мөөнөтүн узартпаган студенттер ошол семестрде студенттик укуктарынан ажырайт. Бирок кийинки
    семестрде кайра каттоодон өткөндөн кийин билимин уланта алат»; «… башка иш-аракеттерди жасай албайт
    жана анын ошол семестрдеги жасаган башка бардык иш-аракети ийгиликсиз деп эсептелет».

    FAIL (the action is void) for any action of a student who did not renew in that semester, except
    re-registration for the next semester; PASS otherwise.
    """
    if f.semester_status == "NOT_RENEWED" and f.action != "RE_REGISTRATION":
        return ctx.fail("ktmu.studies.reg.action_void", action=f.action)
    return ctx.passed("ktmu.studies.reg.action_ok", action=f.action)


# --------------------------------------------------------------------------------------------
# 26(6)–(10): selection limits

CourseKind = Literal[
    "TAUGHT", "SEMINAR", "THESIS", "ARTWORK", "RESEARCH_PRACTICE", "PEDAGOGICAL_PRACTICE", "QUALIFYING_EXAM"
]
Origin = Literal["OWN_PROGRAMME", "INSTITUTE_CODE", "OTHER_PROGRAMME", "OTHER_HEI"]


class SelectedCourse(BaseModel):
    """One course in a student's semester selection."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    code: str
    title_key: str = Field(description="Identity of the course title across languages (same title = same key)")
    language: str
    instructors: list[str] = []
    kind: CourseKind = "TAUGHT"
    credit_bearing: bool = True
    elective: bool = False
    origin: Origin = "OWN_PROGRAMME"
    origin_level: Literal["BACHELOR", "MA", "PHD", "AI"] | None = Field(
        default=None, description="Level of the other programme (OTHER_PROGRAMME)"
    )
    same_institute: bool = Field(default=True, description="The other programme belongs to the student's institute")
    supervisor_proposed: bool = False


class Registration(Facts):
    """A student's course selection for one semester, with what the limits need to know."""

    student_id: str
    level: Level
    courses: list[SelectedCourse]
    semester_required_courses: int = Field(ge=0, description="Courses the curriculum requires in this semester (26(10))")
    programme_required_courses: int = Field(ge=0, description="Courses the programme requires in total (26(8), 26(9); A-36)")
    other_programme_courses_earlier: int = Field(default=0, ge=0, description="Courses of other programmes taken in earlier semesters")
    other_hei_courses_earlier: int = Field(default=0, ge=0, description="Courses of other HEIs taken in earlier semesters")
    passed_title_keys: list[str] = Field(default=[], description="Title keys of courses already passed")
    exempt_languages: list[str] | None = Field(default=None, description="Languages the student is exempt from (19(11)); None = not checked")


@rule("KTMU-26(6)-1")
def same_title_other_language(f: Registration, ctx: Ctx) -> Outcome:
    """«Студент бирдей аталыштагы башка тилдерде ачылган сабакты тандай албайт».

    FAIL when two selected courses share a title key (the same course opened in different languages).
    WARN — catalogue inference, parameter ``ktmu.studies.same_title_check_passed_courses`` — when a
    selected course has the title of a course the student already passed: a retake to raise the GPA
    (30(7)) is allowed, a retake in another language is not, so the supervisor checks the section.
    PASS otherwise.
    """
    counts = Counter(c.title_key for c in f.courses)
    dup = sorted(k for k, n in counts.items() if n > 1)
    if dup:
        return ctx.fail("ktmu.studies.reg.same_title", titles=dup)
    if ctx.param("ktmu.studies.same_title_check_passed_courses"):
        passed = set(f.passed_title_keys)
        again = sorted(c.code for c in f.courses if c.title_key in passed and c.kind == "TAUGHT")
        if again:
            return ctx.warn("ktmu.studies.reg.same_title_passed", courses=again)
    return ctx.passed("ktmu.studies.reg.same_title_ok")


def _taught(courses: Iterable[SelectedCourse]) -> list[SelectedCourse]:
    return [c for c in courses if c.credit_bearing and c.kind == "TAUGHT"]


@rule("KTMU-26(7)-1")
def same_instructor_share(f: Registration, ctx: Ctx) -> Outcome:
    """«Студент тандаган сабактарынын жарымынан көбүн бир эле профессор-окутуучудан ала албайт».

    Per semester, over credit-bearing taught courses (thesis, seminar, practice and the qualifying exam
    are left out, A-35): for every instructor, courses taught by him/her ≤ ½ × selected courses
    (exact: "more than half" is forbidden, exactly half is allowed). FAIL names the instructor.
    """
    taught = _taught(f.courses)
    share = Decimal(ctx.param("ktmu.studies.same_instructor_max_share"))
    counts = Counter(i for c in taught for i in set(c.instructors))
    over = sorted(i for i, n in counts.items() if Decimal(n) > share * len(taught))
    if over:
        worst = max(counts[i] for i in over)
        return ctx.fail("ktmu.studies.reg.same_instructor", instructors=over, count=worst, total=len(taught))
    return ctx.passed("ktmu.studies.reg.same_instructor_ok", total=len(taught))


def _non_own_allowance(f: Registration, share: Decimal) -> Decimal:
    """Courses from outside the own programme the programme can bear: (1 − share) × required (A-36)."""
    return (1 - share) * f.programme_required_courses


def _same_level_group(level: str, other: str | None) -> bool:
    if other is None:
        return False
    return (doctoral(level) and doctoral(other)) or (level == "MA" and other == "MA")


@rule("KTMU-26(8)-1")
def other_programme_courses(f: Registration, ctx: Ctx) -> Outcome:
    """«Программа талап кылган сабактардын санынын кеминде жарымын өзү окуган программадан алууга тийиш
    шарты жана илимий жетекчинин сунушу менен магистрант институттун башка магистратура программасынан,
    докторант институттун башка докторантура программасынан 2 сабактан көп эмес сабак тандай алат».

    ERRATA 28: institute-code courses of the curriculum count as own-programme courses; a course of
    another KTMU programme is allowed only from the same institute and level (MA→MA, PhD/AI→doctoral), on
    the supervisor's proposal, at most 2 over the programme (earlier + now, A-36); courses of another
    level or institute are refused. The own-programme half (A-36, cumulative): courses from outside the
    own programme (other programmes and other HEIs, over the programme) ≤ ½ × the programme's required
    courses, so that at least half can still come from the own programme.
    """
    others = [c for c in f.courses if c.origin == "OTHER_PROGRAMME"]
    foreign_level = [c.code for c in others if not (c.same_institute and _same_level_group(f.level, c.origin_level))]
    if foreign_level:
        return ctx.fail("ktmu.studies.reg.other_programme_not_provided", courses=foreign_level)
    unproposed = [c.code for c in others if not c.supervisor_proposed]
    if unproposed:
        return ctx.fail("ktmu.studies.reg.other_programme_no_proposal", courses=unproposed)
    cap = int(ctx.param("ktmu.studies.other_prog_max_courses"))
    total = f.other_programme_courses_earlier + len(others)
    if total > cap:
        return ctx.fail("ktmu.studies.reg.other_programme_over", count=total, cap=cap)
    share = Decimal(ctx.param("ktmu.studies.own_prog_min_share"))
    outside = total + f.other_hei_courses_earlier + sum(1 for c in f.courses if c.origin == "OTHER_HEI")
    allowance = _non_own_allowance(f, share)
    if outside > allowance:
        return ctx.fail("ktmu.studies.reg.own_share", outside=outside, required=f.programme_required_courses)
    return ctx.passed("ktmu.studies.reg.other_programme_ok", count=total, cap=cap)


@rule("KTMU-26(9)-1")
def other_hei_courses(f: Registration, ctx: Ctx) -> Outcome:
    """«Студент программа талап кылган сабактардын санынын кеминде жарымын өзү окуган программадан алуу
    шарты менен жергиликтүү жана чет элдик башка жогорку окуу жайлардын ЖОЖдон кийинки билим берүү
    программаларында ар бир семестрде максимум 2 тандоо курсун ала алат».

    At most 2 courses of other HEIs in the semester, each an elective, and the own-programme half as in
    26(8) (cumulative, A-36). The approval chain of each such course is ``other_hei_approval``.
    """
    ext = [c for c in f.courses if c.origin == "OTHER_HEI"]
    not_elective = [c.code for c in ext if not c.elective]
    if not_elective:
        return ctx.fail("ktmu.studies.reg.other_hei_not_elective", courses=not_elective)
    cap = int(ctx.param("ktmu.studies.other_hei_max_electives_per_sem"))
    if len(ext) > cap:
        return ctx.fail("ktmu.studies.reg.other_hei_over", count=len(ext), cap=cap)
    share = Decimal(ctx.param("ktmu.studies.own_prog_min_share"))
    outside = (
        f.other_hei_courses_earlier
        + len(ext)
        + f.other_programme_courses_earlier
        + sum(1 for c in f.courses if c.origin == "OTHER_PROGRAMME")
    )
    if outside > _non_own_allowance(f, share):
        return ctx.fail("ktmu.studies.reg.own_share", outside=outside, required=f.programme_required_courses)
    return ctx.passed("ktmu.studies.reg.other_hei_ok", count=len(ext), cap=cap)


def overload_allowance(required: int, share: Decimal, min_extra: int) -> int:
    """max(min_extra, ⌊share × required⌋) (A-37)."""
    return max(min_extra, math.floor(share * required))


@rule("KTMU-26(10)-1")
def overload_limit(f: Registration, ctx: Ctx) -> Outcome:
    """«Студенттин каалоосу менен бир семестрде окушу керек болгон сабактардын жок дегенде теңин же
    алышы керек болгон сабактардын жалпы санынан дагы бир сабакты ашык окуса болот».

    Garbled text; A-37 reading: extra courses (credit-bearing selected − required this semester) ≤
    max(1, ⌊½ × required⌋). PASS (WARN when the student takes extra courses, so that 26(10)-2 may later
    apply), FAIL above the allowance.
    """
    n = sum(1 for c in f.courses if c.credit_bearing)
    extra = n - f.semester_required_courses
    allowed = overload_allowance(
        f.semester_required_courses,
        Decimal(ctx.param("ktmu.studies.overload_share")),
        int(ctx.param("ktmu.studies.overload_min_extra")),
    )
    if extra > allowed:
        return ctx.fail("ktmu.studies.reg.overload_over", extra=extra, allowed=allowed)
    if extra > 0:
        return ctx.warn("ktmu.studies.reg.overload_taken", extra=extra, allowed=allowed)
    return ctx.passed("ktmu.studies.reg.overload_none", extra=max(extra, 0), allowed=allowed)


@rule("KTMU-19(11)-1", kind="batch")
def registration_languages(f: Registration, ctx: Ctx) -> Outcome:
    """«Студент бошотулбаган тилде жүргүзүлгөн сабакка жазыла албайт» — over a whole selection.

    ERRATA 23: every selected course must be taught in a language the student is exempt from.
    Not checked (PASS) when the registration does not carry the exemptions.
    """
    if f.exempt_languages is None:
        return ctx.passed("ktmu.studies.reg.languages_not_checked")
    bad = sorted(c.code for c in f.courses if c.language not in f.exempt_languages)
    if bad:
        return ctx.fail("ktmu.studies.lang.lp_language_not_exempt", courses=bad)
    return ctx.passed("ktmu.studies.reg.languages_ok")


LIMIT_RULES = (
    registration_languages,
    same_title_other_language,
    same_instructor_share,
    other_programme_courses,
    other_hei_courses,
    overload_limit,
)


def registration_limits(registration: Registration | dict[str, Any], as_of: dt.date) -> list[Outcome]:
    """Every selection limit (19(11), 26(6)–26(10)-1) on one registration, as a list of outcomes."""
    reg = registration if isinstance(registration, Registration) else Registration.model_validate(registration)
    return [fn(reg, as_of) for fn in LIMIT_RULES]


@dataclass
class RegistrationCheck:
    """Per-item result of :func:`check_registrations`; ``explain()`` builds the full outcomes lazily."""

    student_id: str
    verdict: Verdict
    failed: tuple[str, ...]  # rule IDs that failed
    warned: tuple[str, ...]
    _facts: Any = field(repr=False, default=None)
    _as_of: dt.date | None = field(repr=False, default=None)

    def explain(self) -> list[Outcome]:
        if self._as_of is None:
            raise RuleError("a registration check is explained on the date it was made: _as_of is missing")
        return registration_limits(self._facts, self._as_of)

    def to_dict(self) -> dict[str, Any]:
        return {"student_id": self.student_id, "verdict": self.verdict.value, "failed": list(self.failed), "warned": list(self.warned)}


@rule("KTMU-26(6)-1", "KTMU-26(7)-1", "KTMU-26(8)-1", "KTMU-26(9)-1", "KTMU-26(10)-1", "KTMU-19(11)-1", kind="batch")
def check_registrations(
    registrations: Sequence[Registration | dict[str, Any]], as_of: dt.date, *, validate: bool = False
) -> list[RegistrationCheck]:
    """Batch: the course-registration limits (19(11), 26(6)–26(10)-1) for a whole institute's registrations
    in one term. Parameters are read once; each item is decided in one pass with plain Python and exact
    integer arithmetic (shares as integer ratios), the same logic and boundaries as the rules above (a
    property test checks agreement); its explanation is built only when ``explain()`` is called.

    Items may be ``Registration`` models or plain dicts of the same shape (read as they are, defaults as
    in the model; ``validate=True`` validates dicts through the model first, about 6× slower).
    """
    p = lambda name: _params.get(name, as_of).value  # noqa: E731
    check_passed = bool(p("ktmu.studies.same_title_check_passed_courses"))
    ip, iq = Decimal(p("ktmu.studies.same_instructor_max_share")).as_integer_ratio()
    op, oq = Decimal(p("ktmu.studies.own_prog_min_share")).as_integer_ratio()
    other_cap = int(p("ktmu.studies.other_prog_max_courses"))
    hei_cap = int(p("ktmu.studies.other_hei_max_electives_per_sem"))
    vp, vq = Decimal(p("ktmu.studies.overload_share")).as_integer_ratio()
    ov_min = int(p("ktmu.studies.overload_min_extra"))
    results: list[RegistrationCheck] = []
    append = results.append
    for item in registrations:
        if validate and not isinstance(item, Registration):
            item = Registration.model_validate(item)
        g: Any = dict.get if isinstance(item, dict) else getattr
        level = g(item, "level", None)
        exempt = g(item, "exempt_languages", None)
        other_earlier = g(item, "other_programme_courses_earlier", 0)
        hei_earlier = g(item, "other_hei_courses_earlier", 0)
        required_sem = g(item, "semester_required_courses", 0)
        required_prog = g(item, "programme_required_courses", 0)
        failed: list[str] = []
        warned: list[str] = []
        keys: set[str] = set()
        duplicate = bad_language = passed_again = False
        passed_keys = g(item, "passed_title_keys", None) if check_passed else None
        n_credit = n_taught = n_other = n_ext = 0
        other_bad = ext_not_elective = False
        per_instructor: dict[str, int] = {}
        for c in g(item, "courses", ()):
            gc: Any = dict.get if isinstance(c, dict) else getattr
            key = gc(c, "title_key", None)
            if key in keys:
                duplicate = True
            keys.add(key)
            kind = gc(c, "kind", "TAUGHT")
            if passed_keys and kind == "TAUGHT" and key in passed_keys:
                passed_again = True
            if exempt is not None and gc(c, "language", None) not in exempt:
                bad_language = True
            if gc(c, "credit_bearing", True):
                n_credit += 1
                if kind == "TAUGHT":
                    n_taught += 1
                    for i in set(gc(c, "instructors", ())):
                        per_instructor[i] = per_instructor.get(i, 0) + 1
            origin = gc(c, "origin", "OWN_PROGRAMME")
            if origin == "OTHER_PROGRAMME":
                n_other += 1
                if not (
                    gc(c, "same_institute", True)
                    and _same_level_group(level, gc(c, "origin_level", None))
                    and gc(c, "supervisor_proposed", False)
                ):
                    other_bad = True
            elif origin == "OTHER_HEI":
                n_ext += 1
                if not gc(c, "elective", False):
                    ext_not_elective = True
        if bad_language:
            failed.append("KTMU-19(11)-1")
        if duplicate:
            failed.append("KTMU-26(6)-1")
        elif passed_again:
            warned.append("KTMU-26(6)-1")
        if per_instructor and max(per_instructor.values()) * iq > ip * n_taught:
            failed.append("KTMU-26(7)-1")
        outside_over = (other_earlier + n_other + hei_earlier + n_ext) * oq > (oq - op) * required_prog
        if other_bad or other_earlier + n_other > other_cap or outside_over:
            failed.append("KTMU-26(8)-1")
        if ext_not_elective or n_ext > hei_cap or outside_over:
            failed.append("KTMU-26(9)-1")
        extra = n_credit - required_sem
        allowed = max(ov_min, (vp * required_sem) // vq)
        if extra > allowed:
            failed.append("KTMU-26(10)-1")
        elif extra > 0:
            warned.append("KTMU-26(10)-1")
        verdict = Verdict.FAIL if failed else (Verdict.WARN if warned else Verdict.PASS)
        append(RegistrationCheck(g(item, "student_id", None), verdict, tuple(failed), tuple(warned), item, as_of))
    return results


# --------------------------------------------------------------------------------------------
# 26(9)-2, 26(10)-2


class OtherHeiApproval(Facts):
    written_application: bool
    approvals: list[Approval]


_HEI_CHAIN = (("student", "APPLY"), ("supervisor", "CONSENT"), ("fos_council", "PROPOSE"), ("institute_board", "DECIDE"))


@rule("KTMU-26(9)-2")
def other_hei_approval(f: OtherHeiApproval, ctx: Ctx) -> Outcome:
    """«Бул сабакты алуу студенттин жазуу түрүндөгү арызы, илимий жетекчинин макулдугу, ИИТ/ИКТнын
    академиялык кеңешинин сунушу жана институттун Башкаруу кеӊешинин чечими менен бекитилет».

    PASS when the written application, the supervisor's consent, the FoS-council proposal and the
    Institute Board decision are recorded in this order; FAIL naming what is missing.
    """
    missing = chain_missing(f.approvals, _HEI_CHAIN)
    if not f.written_application and "student:APPLY" not in missing:
        missing.insert(0, "student:APPLY (written)")
    if missing:
        return ctx.fail("ktmu.studies.chain_missing", missing=missing, chain=fmt_chain(_HEI_CHAIN))
    return ctx.passed("ktmu.studies.chain_ok", chain=fmt_chain(_HEI_CHAIN))


class GradedSelection(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    code: str
    letter: Letter
    score: Decimal
    ects: Decimal = Field(ge=0)
    credit_bearing: bool = True


class OverloadTranscript(Facts):
    courses: list[GradedSelection] = Field(description="The semester's graded courses")
    semester_required_courses: int = Field(ge=0)
    semester_required_ects: Decimal = Field(ge=0, description="ECTS the semester requires")
    approvals: list[Approval]


_HIDE_CHAIN = (("student", "APPLY"), ("institute_board", "DECIDE"))


@rule("KTMU-26(10)-2")
def overload_hidden_course(f: OverloadTranscript, ctx: Ctx) -> Outcome:
    """«Ашыгы менен сабак алган студенттин арызы жана институттун Башкаруу кеӊешинин чечими менен эң төмөн
    баа алган сабагы транскриптте (дипломдун тиркемесинде) көрсөтүлбөйт».

    Value: the code of the course hidden from the transcript (and, A-37, from GPA and credit totals),
    or None. Requires at least one extra credit-bearing course, the student's application and the Board
    decision, and that the remaining courses still meet the semester's ECTS. The lowest grade is the
    lowest letter; ties: lowest score, then smallest ECTS, then course code (deterministic).
    """
    credit = [c for c in f.courses if c.credit_bearing]
    if len(credit) - f.semester_required_courses < 1:
        return ctx.result(None, "ktmu.studies.reg.hide_no_overload")
    missing = chain_missing(f.approvals, _HIDE_CHAIN)
    if missing:
        return ctx.result(None, "ktmu.studies.chain_missing", missing=missing, chain=fmt_chain(_HIDE_CHAIN))
    lowest = min(credit, key=lambda c: (-letter_rank(c.letter), c.score, c.ects, c.code))
    remaining = sum((c.ects for c in credit if c is not lowest), Decimal(0))
    if remaining < f.semester_required_ects:
        return ctx.result(None, "ktmu.studies.reg.hide_ects_short", remaining=remaining, required=f.semester_required_ects)
    return ctx.result(lowest.code, "ktmu.studies.reg.hidden", course=lowest.code, letter=lowest.letter)


# --------------------------------------------------------------------------------------------
# 26(11)–(13)


class StageSelection(Facts):
    level: Level
    stage: Literal["COURSEWORK", "QUALIFYING", "THESIS"]
    selected_kinds: list[CourseKind]


@rule("KTMU-26(11)-1", "KTMU-26(12)-1")
def thesis_stage_registration(f: StageSelection, ctx: Ctx) -> Outcome:
    """«Диссертациялык иш жазуу учурунда студенттин каттоону узартуусу диссертациялык иши, … илимий-изилдөө
    практикасы, педагогикалык практикасы сыяктуу сабактарды тандоо аркылуу ишке ашырылат» (11);
    «… квалификациялык деӊгээлде квалификациялык сынакты, диссертациялык иштин деӊгээлинде
    диссертациялык ишти/көркөм өнөр ишин жана семинардык иштерди тандоосу зарыл» (12).

    Thesis stage: the renewal includes the thesis course (catalogue recommendation; parameter
    ``ktmu.studies.thesis_stage_requires_thesis_course`` — otherwise any of thesis / research practice /
    pedagogical practice); doctoral/AI: the qualifying exam at the qualifying stage, thesis or art work
    and seminar at the thesis stage. FAIL lists what is missing.
    """
    kinds = set(f.selected_kinds)
    missing: list[str] = []
    if f.stage == "THESIS":
        if doctoral(f.level):
            if not kinds & {"THESIS", "ARTWORK"}:
                missing.append("THESIS/ARTWORK")
            if "SEMINAR" not in kinds:
                missing.append("SEMINAR")
        elif ctx.param("ktmu.studies.thesis_stage_requires_thesis_course"):
            if "THESIS" not in kinds:
                missing.append("THESIS")
        elif not kinds & {"THESIS", "RESEARCH_PRACTICE", "PEDAGOGICAL_PRACTICE"}:
            missing.append("THESIS/RESEARCH_PRACTICE/PEDAGOGICAL_PRACTICE")
    elif f.stage == "QUALIFYING" and doctoral(f.level) and "QUALIFYING_EXAM" not in kinds:
        missing.append("QUALIFYING_EXAM")
    if missing:
        return ctx.fail("ktmu.studies.reg.stage_missing", missing=missing, stage=f.stage)
    return ctx.passed("ktmu.studies.reg.stage_ok", stage=f.stage)


class SelectionApproval(Facts):
    status: Literal["SUBMITTED", "APPROVED", "CHANGES_REQUESTED"]
    approved_by: str | None = None
    effective_supervisor_id: str = Field(description="Supervisor, or FoS head until one is appointed (21(1)-2)")
    supervisor_deadline: dt.date = Field(description="Last day of the time allotted to the supervisor")


@rule("KTMU-26(13)-1", "KTMU-26(13)-2", "KTMU-26(13)-3")
def selection_approval_state(f: SelectionApproval, ctx: Ctx) -> Outcome:
    """«Сабак тандоо жана тандоону жаӊыртуу процесси студенттин илимий жетекчисинин бекитүүсү менен ишке
    ашырылат. Зарыл учурларда илимий жетекчиси студентке тандаган сабактарын өзгөртүүнү сунушташы мүмкүн.
    Эгерде илимий жетекчи өзүнө бөлүнгөн убакыт ичинде сунуш киргизип, пикирин билдирбесе,
    студенттин тандаган сабактары автоматтык түрдө күчүнө кирет».

    Value: ``APPROVED`` (approved by the effective supervisor), ``AUTO_APPROVED`` (still submitted after
    the supervisor's last day, as of the evaluation date), ``CHANGES_REQUESTED``, or ``SUBMITTED``
    (pending; an approval by someone other than the effective supervisor does not count).
    """
    if f.status == "APPROVED" and f.approved_by == f.effective_supervisor_id:
        return ctx.result("APPROVED", "ktmu.studies.reg.sel_approved", by=f.approved_by)
    if f.status == "CHANGES_REQUESTED":
        return ctx.result("CHANGES_REQUESTED", "ktmu.studies.reg.sel_changes")
    if ctx.as_of > f.supervisor_deadline:
        return ctx.result("AUTO_APPROVED", "ktmu.studies.reg.sel_auto", deadline=f.supervisor_deadline)
    return ctx.result("SUBMITTED", "ktmu.studies.reg.sel_pending", deadline=f.supervisor_deadline)


# --------------------------------------------------------------------------------------------
# 28: add/drop, run list, replacement


class AddDropChange(Facts):
    change_on: dt.date
    adddrop_start: dt.date
    adddrop_end: dt.date
    supervisor_consent: bool


@rule("KTMU-28(1)-1")
def add_drop_change(f: AddDropChange, ctx: Ctx) -> Outcome:
    """«Студент илимий жетекчисинин макулдугу менен кошуу/алып салуу мезгилинде тандаган сабактарынан баш
    тартышы, өзгөртүшү же ордуна башка сабак тандашы мүмкүн».

    PASS when the change falls within the add/drop period (both ends included) with the supervisor's
    consent; FAIL otherwise.
    """
    if not (f.adddrop_start <= f.change_on <= f.adddrop_end):
        return ctx.fail("ktmu.studies.outside_period", day=f.change_on, start=f.adddrop_start, end=f.adddrop_end)
    if not f.supervisor_consent:
        return ctx.fail("ktmu.studies.reg.no_supervisor_consent")
    return ctx.passed("ktmu.studies.reg.adddrop_ok", day=f.change_on)


class RunListPublication(Facts):
    adddrop_end: dt.date
    calendar_publication_date: dt.date
    published_on: dt.date | None


@rule("KTMU-28(2)-1")
def run_list_publication(f: RunListPublication, ctx: Ctx) -> Outcome:
    """«Сабактарды кошуу/алып салуу мөөнөтү бүткөндөн кийин академиялык календарда белгиленген күнү
    киргизилген/киргизилбеген сабактар институттун интернет баракчасында жарыяланат».

    PASS when the run list is published on the calendar's day, which lies after the end of add/drop;
    FAIL otherwise.
    """
    if f.calendar_publication_date <= f.adddrop_end:
        return ctx.fail("ktmu.studies.reg.runlist_calendar_bad", day=f.calendar_publication_date, end=f.adddrop_end)
    if f.published_on != f.calendar_publication_date:
        return ctx.fail("ktmu.studies.reg.runlist_wrong_day", day=f.calendar_publication_date, published=f.published_on or "—")
    return ctx.passed("ktmu.studies.reg.runlist_ok", day=f.calendar_publication_date)


class ReplacementFacts(Facts):
    run_list_published_on: dt.date
    replacement_deadline: dt.date | None = Field(default=None, description="Calendar's last day for replacements, if set")
    original_course_runs: bool
    new_course_runs: bool
    course_selection_form: bool
    form_on: dt.date


def _replacement_deadline(ctx: Ctx, published: dt.date, calendar_deadline: dt.date | None) -> tuple[dt.date, tuple]:
    if calendar_deadline is not None:
        return calendar_deadline, ()
    days = int(ctx.param("ktmu.studies.replacement_default_workdays"))
    d = ctx.calendar.add_working_days(published, days)
    return d.due, d.skipped


@rule("KTMU-28(3)-1")
def course_replacement(f: ReplacementFacts, ctx: Ctx) -> Outcome:
    """«Жарыяланган тизмелер боюнча кирбей калган сабакты тандаган … студенти белгиленген мөөнөт ичинде
    "Сабак тандоо бланкын" толтуруу менен институтка кайрылып, киргизилген сабактардын ичинен башкасын
    тандай алат».

    PASS when the original course does not run, the new one runs, the Course Selection Form is filed on or
    after the run-list publication and no later than the replacement deadline — the calendar's date, or
    by default 3 working days after publication (A-39; weekends and public holidays skipped, listed).
    """
    due, skipped = _replacement_deadline(ctx, f.run_list_published_on, f.replacement_deadline)
    if f.original_course_runs:
        return ctx.fail("ktmu.studies.reg.replace_original_runs")
    if not f.new_course_runs:
        return ctx.fail("ktmu.studies.reg.replace_new_not_running")
    if not f.course_selection_form:
        return ctx.fail("ktmu.studies.reg.replace_no_form")
    if not (f.run_list_published_on <= f.form_on <= due):
        return ctx.result(Verdict.FAIL, "ktmu.studies.outside_period", skipped=skipped, day=f.form_on, start=f.run_list_published_on, end=due)
    return ctx.result(Verdict.PASS, "ktmu.studies.reg.replace_ok", skipped=skipped, due=due)


class FrozenFacts(Facts):
    run_list_published_on: dt.date
    replacement_deadline: dt.date | None = None
    change_on: dt.date


@rule("KTMU-28(3)-2")
def selection_frozen(f: FrozenFacts, ctx: Ctx) -> Outcome:
    """«Бул мөөнөттөн кийин киргизилген сабактарга бир дагы өзгөртүүлөрдү киргизүү мүмкүн эмес».

    FAIL for any change to the running courses after the replacement deadline (same deadline as
    28(3)-1); PASS up to and including that day.
    """
    due, skipped = _replacement_deadline(ctx, f.run_list_published_on, f.replacement_deadline)
    if f.change_on > due:
        return ctx.result(Verdict.FAIL, "ktmu.studies.reg.frozen", skipped=skipped, due=due)
    return ctx.result(Verdict.PASS, "ktmu.studies.reg.not_frozen", skipped=skipped, due=due)
