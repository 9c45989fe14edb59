"""KTMU Instruction on Postgraduate Education — GPA and completion: art. 32(9), 32(11), 32(12).

Covers KTMU-32(9)-1 (semester GPA), 32(9)-2 (cumulative GPA, last attempt per course counts),
32(9)-3 (shown with two decimals: round half-up, ERRATA 6; truncation is the alternative of the
parameter ``ktmu.grading.gpa_display``), 32(11)-1 (graduation GPA 2.50 / 3.00 on the shown value)
and 32(12)-1 (courses completed within 4 semesters).

What enters a GPA: credit-bearing letter grades (AA…FF) and the markers F1/F2/GM (coefficient
0.00, A-58). Outside it: non-credit work graded G/K (KTMU-32(8)-1), courses of the scientific
preparation programme (``kind="SPP"``), the hidden overload course (``kind="OVERLOAD_HIDDEN"``)
and dropped courses (``kind="DROPPED"``). A repeated course (same ``course_code``, the group code
of a replaced course) counts only with its last attempt in the cumulative GPA.

Public functions the apps call:

* ``semester_gpa(facts, as_of)`` / ``cumulative_gpa(facts, as_of)`` — Outcome, value :class:`GpaValue`.
* ``graduation_gpa(facts, as_of)`` — PASS/FAIL on the shown cumulative GPA.
* ``coursework_period(facts, as_of)`` — PASS/FAIL on the 4-semester limit.
* ``cohort_gpa(transcripts, as_of)`` — batch over many students; returns :class:`CohortGpaItem` per
  student, with the explanation built only on demand (``item.outcome()``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Literal

from pydantic import Field

from bilim.regulations.core import Ctx, D, Facts, Outcome, RuleError, round_half_up, rule, truncate
from bilim.regulations.core import params as _params
from bilim.regulations.postgrad.grading import TABLE, Level, bands_of

Term = Literal["AUTUMN", "SPRING"]
EXCLUDED_KINDS = frozenset({"SPP", "OVERLOAD_HIDDEN", "DROPPED", "NON_CREDIT"})


class CourseGrade(Facts):
    """One attempt at a course on a transcript."""

    course_code: str = Field(description="Course (or course-group) code; attempts with the same code are repeats.")
    academic_year: int = Field(description="Start year of the academic year (2025 = 2025–2026).")
    term: Term
    ects: Decimal = Field(gt=0)
    grade: str = Field(description="AA…FF, F1, F2, GM, or G/K for non-credit work.")
    kind: Literal["REGULAR", "SPP", "OVERLOAD_HIDDEN", "DROPPED", "NON_CREDIT"] = "REGULAR"
    coefficient: Decimal | None = Field(
        default=None,
        ge=0,
        le=4,
        description=(
            "The coefficient given with the grade (Table 1 in force on its exam date), as stored with the grade: "
            "the GPA uses it as it is, so a later amendment of the table never recomputes history. Empty: the "
            "table in force on exam_date (or, without it, on the evaluation date) gives it."
        ),
        examples=["3.50"],
    )
    exam_date: dt.date | None = Field(
        default=None,
        description="The exam date of the grade: the table in force that day gives the coefficient when none is stored.",
        examples=["2025-01-15"],
    )


class Transcript(Facts):
    """A student's course attempts."""

    student_id: str = ""
    level: Level = "MA"
    courses: list[CourseGrade]


class SemesterTranscript(Transcript):
    """A transcript and the semester whose GPA is wanted."""

    academic_year: int
    term: Term


@dataclass(frozen=True)
class GpaValue:
    """An exact GPA, the shown (two-decimal) value and the ECTS it is computed over."""

    exact: Decimal | None
    shown: Decimal | None
    ects: Decimal
    points: Decimal


def semester_index(year: int, term: str) -> int:
    return year * 2 + (1 if term == "SPRING" else 0)


def _coefficients(on: dt.date) -> dict[str, Decimal]:
    table = _params.get(TABLE, on).value
    coefs = {b.letter: b.coefficient for b in bands_of(table)}
    for marker, value in _params.get("ktmu.grading.marker_coefficients", on).value.items():
        coefs[marker] = D(value)
    return coefs


def show(value: Decimal, display: dict[str, Any]) -> Decimal:
    """The GPA as shown: two decimals, rounded half-up (default) or truncated (alternative)."""
    places = int(display["places"])
    if display["method"] == "round_half_up":
        return round_half_up(value, places)
    if display["method"] == "truncate":
        return truncate(value, places)
    raise RuleError(f"unknown GPA display method {display['method']!r}")


def _counts(grade: str, kind: str) -> bool:
    return kind not in EXCLUDED_KINDS and grade not in ("G", "K")


def _key(c: Any) -> tuple[str, int]:
    return c.course_code, semester_index(c.academic_year, c.term)


def latest_attempts(courses: Iterable[Any]) -> list[Any]:
    """Last attempt per course code (KTMU-30(7)-1 «акыркы баа»); two attempts of one course in one
    semester are an error."""
    last: dict[str, Any] = {}
    for c in courses:
        if not _counts(c.grade, c.kind):
            continue
        prev = last.get(c.course_code)
        idx = semester_index(c.academic_year, c.term)
        if prev is not None:
            pidx = semester_index(prev.academic_year, prev.term)
            if pidx == idx:
                raise RuleError(f"course {c.course_code} has two attempts in the same semester")
            if pidx > idx:
                continue
        last[c.course_code] = c
    return list(last.values())


def _coefficient(grade: str, stored: Any, exam_date: dt.date | None, coefs: dict[str, Decimal]) -> Decimal:
    """The coefficient of one grade: the one stored with it; else the table in force on its exam date; else
    ``coefs`` (the table on the evaluation date)."""
    if stored is not None:
        return D(stored)
    table = coefs
    if exam_date is not None:
        try:
            table = _coefficients(exam_date)
        except _params.NotCovered:  # an exam before the first recorded table: the table of the evaluation date
            table = coefs
    try:
        return table[grade]
    except KeyError:
        raise RuleError(f"grade {grade!r} has no coefficient") from None


def _gpa(courses: Iterable[Any], coefs: dict[str, Decimal], display: dict[str, Any]) -> GpaValue:
    points = Decimal(0)
    ects = Decimal(0)
    for c in courses:
        if not _counts(c.grade, c.kind):
            continue
        coef = _coefficient(c.grade, c.coefficient, c.exam_date, coefs)
        e = D(c.ects)
        points += coef * e
        ects += e
    if ects == 0:
        return GpaValue(None, None, ects, points)
    exact = points / ects
    return GpaValue(exact, show(exact, display), ects, points)


@rule("KTMU-32(9)-1", "KTMU-32(9)-3")
def semester_gpa(f: SemesterTranscript, ctx: Ctx) -> Outcome:
    """«ал семестрде окуган ар бир сабактан алган баасы AKTS кредити менен көбөйтүлүп, көбөйтүндү алынган сабактар AKTS кредитинин суммасына бөлүнөт»; «үтүрдөн кийинки эки саны көрсөтүлөт».

    Semester GPA = Σ coefficient × ECTS ÷ Σ ECTS over the semester's credit-bearing grades
    (every attempt taken that semester; G/K, SPP, hidden overload and dropped courses excluded),
    shown with two decimals (round half-up, ERRATA 6). Value: :class:`GpaValue` (exact and shown).
    """
    ctx.param(TABLE)
    ctx.param("ktmu.grading.marker_coefficients")
    display = ctx.param("ktmu.grading.gpa_display")
    idx = semester_index(f.academic_year, f.term)
    chosen = [c for c in f.courses if semester_index(c.academic_year, c.term) == idx]
    value = _gpa(chosen, _coefficients(ctx.as_of), display)
    if value.exact is None:
        return ctx.result(value, "ktmu.grading.gpa_none", year=f.academic_year, term=f.term)
    return ctx.result(value, "ktmu.grading.sgpa", year=f.academic_year, term=f.term, gpa=value.shown, ects=value.ects)


@rule("KTMU-32(9)-2", cites=("KTMU-32(9)-3",))
def cumulative_gpa(f: Transcript, ctx: Ctx) -> Outcome:
    """«Жалпы академиялык жетишкендик боюнча орточо баллы … бардык сабактардын AKTS суммасына бөлүү менен эсептелет».

    Cumulative GPA over all semesters (A-46), with only the last attempt of each course, the same
    exclusions as the semester GPA, shown with two decimals (round half-up; truncation is the
    alternative). Value: :class:`GpaValue`.
    """
    ctx.param(TABLE)
    ctx.param("ktmu.grading.marker_coefficients")
    display = ctx.param("ktmu.grading.gpa_display")
    value = _gpa(latest_attempts(f.courses), _coefficients(ctx.as_of), display)
    if value.exact is None:
        return ctx.result(value, "ktmu.grading.gpa_none_cum")
    return ctx.result(value, "ktmu.grading.cgpa", gpa=value.shown, ects=value.ects)


class GraduationGpaFacts(Facts):
    """The level and the exact cumulative GPA (unrounded)."""

    level: Level
    cgpa: Decimal = Field(ge=0, le=4)


@rule("KTMU-32(11)-1")
def graduation_gpa(f: GraduationGpaFacts, ctx: Ctx) -> Outcome:
    """«жалпы академиялык жетишкендигинин орточо баллы магистратурада кеминде 2.50/4.00, докторантура / ассистентура-стажировка программасында кеминде 3.00 / 4.00 болушу керек».

    PASS when the shown (two-decimal, KTMU-32(9)-3) cumulative GPA is ≥ 2.50 (MA) / ≥ 3.00
    (PhD/AI): 2.495 shows as 2.50 and passes (ERRATA 6); under truncation it would show 2.49.
    """
    display = ctx.param("ktmu.grading.gpa_display")
    minimum = D(ctx.param("ktmu.grading.graduation_gpa")[f.level])
    shown = show(f.cgpa, display)
    if shown >= minimum:
        return ctx.passed("ktmu.grading.grad_gpa_ok", gpa=shown, minimum=minimum, level=f.level)
    return ctx.fail("ktmu.grading.grad_gpa_low", gpa=shown, minimum=minimum, level=f.level)


class CourseworkFacts(Facts):
    """Coursework progress: semesters used (counted per A-47) and whether all courses are passed."""

    coursework_semesters_used: int = Field(ge=0, description="Completed semesters with course-selection right, excluding language period, SPP period and academic leave (A-47).")
    all_required_courses_passed: bool


@rule("KTMU-32(12)-1")
def coursework_period(f: CourseworkFacts, ctx: Ctx) -> Outcome:
    """«Студент сабактарын 4 семестрден көп эмес убакытта ийгиликтүү аякташы керек».

    PASS when the courses are completed within ≤ 4 counted semesters, or while fewer than 4 are
    used; FAIL when 4 semesters are used and courses remain (ground KTMU-39(1)f-1).
    """
    limit = ctx.param("ktmu.grading.coursework_max_semesters")
    used = f.coursework_semesters_used
    if f.all_required_courses_passed:
        if used <= limit:
            return ctx.passed("ktmu.grading.coursework_done", used=used, limit=limit)
        return ctx.fail("ktmu.grading.coursework_done_late", used=used, limit=limit)
    if used >= limit:
        return ctx.fail("ktmu.grading.coursework_limit_reached", used=used, limit=limit)
    return ctx.passed("ktmu.grading.coursework_running", used=used, limit=limit, left=limit - used)


# --- batch ---------------------------------------------------------------------------------


@dataclass
class CohortGpaItem:
    """One student's cumulative GPA from :func:`cohort_gpa`; ``outcome()`` builds the explanation."""

    student_id: str
    gpa: GpaValue
    _transcript: Any = field(repr=False, default=None)
    _as_of: dt.date | None = field(repr=False, default=None)

    def outcome(self) -> Outcome:
        t = self._transcript
        if not isinstance(t, Transcript):
            t = Transcript.model_validate(t)
        return cumulative_gpa(t, self._as_of)


_DEC: dict[Any, Decimal] = {}


def _dec(value: Any) -> Decimal:
    d = _DEC.get(value)
    if d is None:
        d = D(value)
        if len(_DEC) < 10_000:
            _DEC[value] = d
    return d


def _tuples(courses: Iterable[Any]) -> list[tuple[str, int, Any, str, str, Any, Any]]:
    """(course_code, semester index, ects, grade, kind, stored coefficient, exam date) for dicts or models."""
    out = []
    for c in courses:
        if isinstance(c, dict):
            exam = c.get("exam_date")
            out.append((c["course_code"], c["academic_year"] * 2 + (c["term"] == "SPRING"), c["ects"], c["grade"], c.get("kind", "REGULAR"),
                        c.get("coefficient"), dt.date.fromisoformat(exam) if isinstance(exam, str) else exam))
        else:
            out.append((c.course_code, c.academic_year * 2 + (c.term == "SPRING"), c.ects, c.grade, c.kind, c.coefficient, c.exam_date))
    return out


def fast_cgpa(courses: Iterable[Any], coefs: dict[str, Decimal], display: dict[str, Any]) -> GpaValue:
    """Cumulative GPA in one pass (same result as :func:`cumulative_gpa`), for batches."""
    last: dict[str, tuple[int, Any, str, Any, Any]] = {}
    for code, idx, ects, grade, kind, stored, exam in _tuples(courses):
        if kind in EXCLUDED_KINDS or grade == "G" or grade == "K":
            continue
        prev = last.get(code)
        if prev is None or idx > prev[0]:
            last[code] = (idx, ects, grade, stored, exam)
        elif idx == prev[0]:
            raise RuleError(f"course {code} has two attempts in the same semester")
    points = Decimal(0)
    total = Decimal(0)
    for _, ects, grade, stored, exam in last.values():
        if stored is None and exam is None:
            try:
                coef = coefs[grade]
            except KeyError:
                raise RuleError(f"grade {grade!r} has no coefficient") from None
        else:
            coef = _coefficient(grade, stored, exam, coefs)
        e = _dec(ects)
        points += coef * e
        total += e
    if total == 0:
        return GpaValue(None, None, total, points)
    exact = points / total
    return GpaValue(exact, show(exact, display), total, points)


@rule("KTMU-32(9)-2", kind="batch")
def cohort_gpa(transcripts: Iterable[Transcript | dict[str, Any]], as_of: dt.date) -> list[CohortGpaItem]:
    """Cumulative GPA (KTMU-32(9)-2/-3) of every transcript, parameters read once, no I/O.

    Accepts :class:`Transcript` models or plain dicts of the same shape; returns one item per
    transcript in input order; ``item.outcome()`` re-runs the rule to build the explanation.
    """
    coefs = _coefficients(as_of)
    display = _params.get("ktmu.grading.gpa_display", as_of).value
    out: list[CohortGpaItem] = []
    for t in transcripts:
        if isinstance(t, dict):
            sid, courses = str(t.get("student_id", "")), t["courses"]
        else:
            sid, courses = t.student_id, t.courses
        out.append(CohortGpaItem(sid, fast_cgpa(courses, coefs, display), t, as_of))
    return out
