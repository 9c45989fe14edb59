"""KTMU Instruction on Postgraduate Education — grading: art. 32(1)–(8), (10), Table 1, end note 2, art. 46.

Covers KTMU-32(1)-1 (weights), 32(3)-1 (midterm < 50 / no final ⇒ fail), 32(4)-1 and 32(10)-1
(score → letter by Table 1, absolute system), 32(5)-1 (pass per level), 32(6)-1 (submitting
scores within 7 days), 32(8)-1 with T1-2/T1-3 (non-credit G/K), T1-1…T1-7 (the table, failing
letters, markers F1/F2/GM), KTMU-EN-2 (which table: the one in force on the exam date) and
KTMU-46-1 (instruction in force from the 2021–2022 academic year).

Public functions the apps call:

* ``grade_for_score(score, level, on) -> Outcome`` — value :class:`Grade` (letter, coefficient, passed).
* ``course_result(facts, as_of)`` — full course grade in the §3.5 order (F1, F2, midterm, band, pass).
* ``letter_coefficient(letter, on)`` / ``letter_passes(letter, level, on)`` — plain helpers.
* ``weight_plan(facts)``, ``grade_submission(facts)``, ``non_credit_grade(facts)``,
  ``grading_table_in_force(facts)``, ``instruction_in_force(facts)`` — the other checks.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Literal

from pydantic import Field

from bilim.regulations.core import (
    Ctx,
    D,
    Facts,
    NotCovered,
    Outcome,
    RuleError,
    Verdict,
    register_validator,
    round_half_up,
    rule,
)
from bilim.regulations.core import params as _params

Level = Literal["MA", "PHD", "AI"]
CREDIT_LETTERS = ("AA", "BA", "BB", "CB", "CC", "DC", "DD", "FD", "FF")
MARKERS = ("F1", "F2", "GM")
NON_CREDIT = ("G", "K")

TABLE = "ktmu.grading_table"


# --- Table 1 as a dated parameter ------------------------------------------------------------


@register_validator(TABLE)
def validate_grading_table(value: Any) -> None:
    """Reject a grading table with gaps, overlaps, bad letters or incomplete 0–100 coverage.

    Bands meet at the table's printed resolution ``step`` (0.10): each band's lower bound is the
    next lower band's upper bound + step; the lowest band starts at 0, the highest ends at 100.
    """
    if not isinstance(value, dict) or "bands" not in value or "step" not in value:
        raise ValueError("grading table needs 'step' and 'bands'")
    step = D(value["step"])
    if step <= 0:
        raise ValueError("step must be positive")
    bands = sorted(value["bands"], key=lambda b: D(b["lower"]))
    if not bands:
        raise ValueError("no bands")
    letters = [b["letter"] for b in bands]
    if len(set(letters)) != len(letters):
        raise ValueError(f"duplicate letters {letters}")
    for b in bands:
        if D(b["lower"]) > D(b["upper"]):
            raise ValueError(f"band {b['letter']} has lower > upper")
        if not D("0") <= D(b["coefficient"]) <= D("4"):
            raise ValueError(f"band {b['letter']} coefficient outside 0–4")
    if D(bands[0]["lower"]) != 0:
        raise ValueError("table does not start at 0")
    if D(bands[-1]["upper"]) != 100:
        raise ValueError("table does not reach 100")
    for low, high in zip(bands, bands[1:]):
        gap = D(high["lower"]) - D(low["upper"])
        if gap > step:
            raise ValueError(f"gap between {low['letter']} ({low['upper']}) and {high['letter']} ({high['lower']})")
        if gap < step:
            raise ValueError(f"overlap between {low['letter']} ({low['upper']}) and {high['letter']} ({high['lower']})")
        if D(high["coefficient"]) <= D(low["coefficient"]):
            raise ValueError("coefficients must rise with the score")


@dataclass(frozen=True)
class Band:
    lower: Decimal
    upper: Decimal
    coefficient: Decimal
    letter: str


def bands_of(table: dict[str, Any]) -> list[Band]:
    """The table's bands, highest first."""
    out = [Band(D(b["lower"]), D(b["upper"]), D(b["coefficient"]), str(b["letter"])) for b in table["bands"]]
    return sorted(out, key=lambda b: b.lower, reverse=True)


def place_score(score: Decimal, table: dict[str, Any], lookup: dict[str, Any]) -> tuple[Decimal, Band]:
    """The score used for the lookup (after the cited rounding step) and its band."""
    if lookup["method"] == "round_half_up":
        x = round_half_up(score, int(lookup["places"]))
    elif lookup["method"] == "lower_bound":
        x = score
    else:  # pragma: no cover - guarded by the parameter file
        raise RuleError(f"unknown score lookup method {lookup['method']!r}")
    for band in bands_of(table):
        if x >= band.lower:
            return x, band
    raise RuleError(f"score {score} is below the table")


def letter_coefficient(letter: str, on: dt.date) -> Decimal:
    """4-point coefficient of a letter (Table 1) or of a marker F1/F2/GM (A-58) on date ``on``."""
    if letter in MARKERS:
        return D(_params.get("ktmu.grading.marker_coefficients", on).value[letter])
    for band in bands_of(_params.get(TABLE, on).value):
        if band.letter == letter:
            return band.coefficient
    raise RuleError(f"{letter!r} has no grade coefficient")


def letter_passes(letter: str, level: str, on: dt.date) -> bool:
    """KTMU-32(5)-1 / T1-4: does ``letter`` pass a credit-bearing course at ``level``?"""
    if letter in MARKERS or letter in _params.get("ktmu.grading.failing_letters", on).value:
        return False
    minimum = _params.get("ktmu.grading.course_pass_letter", on).value[level]
    return letter_coefficient(letter, on) >= letter_coefficient(minimum, on)


# --- which table, which instruction ---------------------------------------------------------


class GradeDate(Facts):
    """The date of the exam whose grade is being determined."""

    exam_date: dt.date


@rule("KTMU-EN-2", judged_on="exam_date", date_field="exam_date")
def grading_table_in_force(f: GradeDate, ctx: Ctx) -> Outcome:
    """«…№2024-07.49(а) чечими менен 1-таблица. Баалоо таблицасына өзгөртүү киргизилген».

    Table 1 is versioned; a grade is looked up in the table in force on its **exam date** (A-62:
    the amended table applies from the 2024–2025 academic year; earlier grades are not re-graded).
    Value: the ``since`` date of the table version used. A date before every version raises
    ``NotCovered``.
    """
    use = _params.get(TABLE, f.exam_date)
    ctx.param(TABLE, f.exam_date)
    return ctx.result(use.since, "ktmu.grading.table_in_force", exam_date=f.exam_date, since=use.since)


class InstructionDate(Facts):
    """A date on which the postgraduate instruction is to be applied."""

    on: dt.date


@rule("KTMU-46-1")
def instruction_in_force(f: InstructionDate, ctx: Ctx) -> Outcome:
    """«Бул нускама 2021-2022-окуу жылынын башынан тарта күчүнө кирет».

    PASS when ``on`` is on or after the first day of the 2021–2022 academic year; FAIL before it
    (the repealed 2017 instruction, art. 45, governs those dates).
    """
    name = "ktmu.grading.instruction_in_force_from"
    try:
        start = ctx.param(name, f.on)
    except NotCovered:  # before the first recorded version: read the first version
        start = ctx.param(name, _params.store().parameter(name).versions[0].since)
    if f.on >= start:
        return ctx.passed("ktmu.grading.instruction_in_force", on=f.on, start=start)
    return ctx.fail("ktmu.grading.instruction_not_in_force", on=f.on, start=start)


# --- score → letter --------------------------------------------------------------------------


@dataclass(frozen=True)
class Grade:
    """A course grade: letter (or marker), coefficient, pass, and the score looked up."""

    letter: str
    coefficient: Decimal
    passed: bool
    score: Decimal | None = None
    reason: str | None = None


class ScoreFacts(Facts):
    """A course achievement score (0–100, exact decimal), the student's level and the exam date."""

    score: Decimal = Field(ge=0, le=100)
    level: Level
    exam_date: dt.date


@rule("KTMU-T1-1", "KTMU-32(4)-1", "KTMU-32(10)-1", judged_on="exam_date", date_field="exam_date")
def letter_for_score(f: ScoreFacts, ctx: Ctx) -> Outcome:
    """«89,00 –100,00 4,00 AA» … «0,00 – 39,90 0,00 FF»: the score's band in Table 1.

    Absolute rating system (A-61). The table in force on the exam date is used (KTMU-EN-2); the
    score is rounded half-up to one decimal once before the lookup (A-57: 82.35 → 82.4 → BA,
    82.34 → BB); lower bounds are inclusive. The lower-bound alternative of A-57 is the parameter
    ``ktmu.grading.score_lookup``. Value: :class:`Grade` (``passed`` per KTMU-32(5)-1).
    """
    ctx.sub(grading_table_in_force, {"exam_date": f.exam_date})
    table = ctx.param(TABLE, f.exam_date)
    lookup = ctx.param("ktmu.grading.score_lookup", f.exam_date)
    placed, band = place_score(f.score, table, lookup)
    passed = ctx.sub(course_pass, {"letter": band.letter, "level": f.level}, f.exam_date).value is Verdict.PASS
    grade = Grade(band.letter, band.coefficient, passed, f.score)
    return ctx.result(
        grade,
        "ktmu.grading.letter",
        score=f.score,
        rounded=placed,
        letter=band.letter,
        coefficient=band.coefficient,
        lower=band.lower,
        upper=band.upper,
    )


@rule("KTMU-T1-1", kind="helper")
def grade_for_score(score: Decimal | int | str, level: str, on: dt.date) -> Outcome:
    """Letter, coefficient and pass of a 100-point ``score`` at ``level`` for an exam held on ``on``."""
    return letter_for_score({"score": D(score), "level": level, "exam_date": on}, on)


class LetterLevel(Facts):
    """A letter grade (or marker) of a credit-bearing course and the student's level."""

    letter: Literal["AA", "BA", "BB", "CB", "CC", "DC", "DD", "FD", "FF", "F1", "F2", "GM"]
    level: Level


@rule("KTMU-32(5)-1", "KTMU-T1-4")
def course_pass(f: LetterLevel, ctx: Ctx) -> Outcome:
    """«магистратурада кеминде CC, докторантура/ассистентура-стажировка программасында CB»; «FF, FD: … өтүмсүз баа».

    PASS when the letter's coefficient is at least that of CC (master's) or CB (doctorate/AI);
    FD and FF fail at every level, markers F1/F2/GM always fail.
    """
    minimum = ctx.param("ktmu.grading.course_pass_letter")[f.level]
    failing = ctx.param("ktmu.grading.failing_letters")
    if f.letter in MARKERS:
        ctx.param("ktmu.grading.marker_coefficients")
        return ctx.fail("ktmu.grading.marker_fails", letter=f.letter)
    ctx.param(TABLE)
    if f.letter in failing:
        return ctx.fail("ktmu.grading.letter_fails_all_levels", letter=f.letter)
    if letter_coefficient(f.letter, ctx.as_of) >= letter_coefficient(minimum, ctx.as_of):
        return ctx.passed("ktmu.grading.course_passed", letter=f.letter, minimum=minimum, level=f.level)
    return ctx.fail("ktmu.grading.course_failed_level", letter=f.letter, minimum=minimum, level=f.level)


# --- components, weights, the course result -------------------------------------------------


class Component(Facts):
    """One assessed component of a course: its kind, weight (fraction) and score (None = absent)."""

    kind: Literal["MIDTERM", "FINAL", "OTHER"]
    weight: Decimal = Field(ge=0, le=1)
    score: Decimal | None = Field(default=None, ge=0, le=100)


class WeightPlan(Facts):
    """The instructor's weight plan of a course."""

    components: list[Component]


@rule("KTMU-32(1)-1")
def weight_plan(f: WeightPlan, ctx: Ctx) -> Outcome:
    """«Финалдык сынактын жетишкендик бааллына болгон катышы эң аз 40%ды, эң көп 60%ды түзөт».

    PASS when the weights sum to exactly 1 and the final exam's weight is within 0.40–0.60
    inclusive (A-75); FAIL otherwise.
    """
    wmin = D(ctx.param("ktmu.grading.final_weight_min"))
    wmax = D(ctx.param("ktmu.grading.final_weight_max"))
    total = sum((c.weight for c in f.components), Decimal(0))
    final = sum((c.weight for c in f.components if c.kind == "FINAL"), Decimal(0))
    if total != 1:
        return ctx.fail("ktmu.grading.weights_sum", total=total)
    if not wmin <= final <= wmax:
        return ctx.fail("ktmu.grading.final_weight_out", weight=final, min=wmin, max=wmax)
    return ctx.passed("ktmu.grading.weights_ok", weight=final, min=wmin, max=wmax)


class CourseFacts(Facts):
    """A student's record in one credit-bearing course."""

    level: Level
    exam_date: dt.date = Field(description="Date of the final exam (selects the grading table).")
    attendance_ok: bool = Field(description="KTMU-30(1)-1 attendance met (False ⇒ F1).")
    components: list[Component]
    final_excused: bool = Field(False, description="An accepted excuse for the missed final (excuse exam pending).")


@rule("KTMU-32(3)-1", "KTMU-T1-5", "KTMU-T1-6", "KTMU-T1-7", judged_on="exam_date", date_field="exam_date")
def course_result(f: CourseFacts, ctx: Ctx) -> Outcome:
    """«Финалдык сынакка кирбей, же ара сынагында 50дөн аз балл алган студент сабакты тапшырбаган болуп эсептелет».

    Order of §3.5: attendance not met ⇒ F1 (T1-5); final not sat without accepted excuse ⇒ F2
    (T1-6); otherwise score = Σ weight × component (a missed midterm is GM, scored 0, T1-7); the
    weighted midterm average below 50 ⇒ FF with reason MIDTERM_BELOW_50 (A-45); otherwise the
    Table 1 letter and the level's pass (KTMU-32(5)-1). Value: :class:`Grade`. A weight plan that
    breaks KTMU-32(1)-1 cannot be graded (``RuleError``).
    """
    markers = ctx.param("ktmu.grading.marker_coefficients", f.exam_date)
    plan = ctx.sub(weight_plan, {"components": [c.model_dump() for c in f.components]}, f.exam_date)
    if plan.value is not Verdict.PASS:
        raise RuleError("the course's weight plan breaks KTMU-32(1)-1: " + plan.message("en"))
    if not f.attendance_ok:
        return ctx.result(Grade("F1", D(markers["F1"]), False, reason="ATTENDANCE"), "ktmu.grading.f1")
    finals = [c for c in f.components if c.kind == "FINAL"]
    if not finals or any(c.score is None for c in finals):
        if f.final_excused:
            return ctx.result(None, "ktmu.grading.final_pending")
        return ctx.result(Grade("F2", D(markers["F2"]), False, reason="NO_FINAL"), "ktmu.grading.f2")
    midterms = [c for c in f.components if c.kind == "MIDTERM"]
    missed_mid = [c for c in midterms if c.score is None]
    score = sum((c.weight * (c.score or 0) for c in f.components), Decimal(0))
    if midterms:
        mw = sum((c.weight for c in midterms), Decimal(0))
        mid = (
            sum((c.weight * (c.score or 0) for c in midterms), Decimal(0)) / mw
            if mw
            else sum((c.score or 0 for c in midterms), Decimal(0)) / len(midterms)
        )
        minimum = ctx.param("ktmu.grading.midterm_min", f.exam_date)
        if mid < minimum:
            if missed_mid and len(missed_mid) == len(midterms):
                return ctx.result(Grade("GM", D(markers["GM"]), False, score, "MIDTERM_MISSED"), "ktmu.grading.gm")
            return ctx.result(
                Grade("FF", letter_coefficient("FF", f.exam_date), False, score, "MIDTERM_BELOW_50"),
                "ktmu.grading.midterm_below",
                midterm=mid,
                minimum=minimum,
            )
    grade: Grade = ctx.sub(letter_for_score, {"score": score, "level": f.level, "exam_date": f.exam_date}, f.exam_date).value
    return ctx.result(grade, "ktmu.grading.course_grade", score=score, letter=grade.letter, passed=grade.passed)


# --- non-credit work -----------------------------------------------------------------------


class NonCreditFacts(Facts):
    """A piece of work (course type) and the grade recorded for it."""

    course_type: str = Field(description="MA_THESIS, QE, THESIS, ARTWORK, RESEARCH, RESEARCH_PRACTICE, PEDAGOGICAL_PRACTICE, SEMINAR or a credit course type")
    grade: str


@rule("KTMU-32(8)-1", "KTMU-T1-2", "KTMU-T1-3")
def non_credit_grade(f: NonCreditFacts, ctx: Ctx) -> Outcome:
    """«…баллы G (өттү) жана K (өткөн жок) деп белгиленет. Бул балл орточо академиялык жетишкендигин эсептөөдө эске алынбайт».

    Non-credit work is graded G (pass, T1-2) or K (fail, T1-3) and stays out of the GPA. PASS for
    G, FAIL for K; FAIL (invalid) for a letter grade on non-credit work or G/K on a credit course.
    """
    types = ctx.param("ktmu.grading.non_credit_types")
    if f.course_type in types:
        if f.grade == "G":
            return ctx.passed("ktmu.grading.g", course_type=f.course_type)
        if f.grade == "K":
            return ctx.fail("ktmu.grading.k", course_type=f.course_type)
        return ctx.fail("ktmu.grading.noncredit_needs_gk", course_type=f.course_type, grade=f.grade)
    if f.grade in NON_CREDIT:
        return ctx.fail("ktmu.grading.gk_on_credit_course", course_type=f.course_type, grade=f.grade)
    return ctx.passed("ktmu.grading.credit_course", course_type=f.course_type, grade=f.grade)


# --- submission of scores ---------------------------------------------------------------


class GradeSubmission(Facts):
    """Submission of a course's scores to the institute."""

    exam_date: dt.date
    submitted_on: dt.date | None = None
    papers_attached: bool = False
    via_fos_head: bool = Field(False, description="Submitted through the FoS (ИИТ/ИКТ) management.")


@rule("KTMU-32(6)-1", judged_on="exam_date", date_field="exam_date")
def grade_submission(f: GradeSubmission, ctx: Ctx) -> Outcome:
    """«сынак баракчалары менен бирге сынак өткөн күндөн тарта 7 күндүн ичинде ИИТ/ИКТнын жетекчилиги аркылуу институтка тапшырылат».

    PASS when the scores reach the institute, with the papers and through the FoS management, on
    or before exam date + 7 calendar days; WARN while the period runs; FAIL when late/incomplete.
    """
    days = ctx.param("ktmu.grading.grade_submit_days")
    due = ctx.calendar.add_calendar_days(f.exam_date, int(days)).due
    if f.submitted_on is None:
        if ctx.as_of <= due:
            return ctx.warn("ktmu.grading.submit_open", due=due, days=days)
        return ctx.fail("ktmu.grading.submit_overdue", due=due, days=days)
    if f.submitted_on > due:
        return ctx.fail("ktmu.grading.submit_late", submitted=f.submitted_on, due=due, days=days)
    if not (f.papers_attached and f.via_fos_head):
        return ctx.fail("ktmu.grading.submit_incomplete", submitted=f.submitted_on)
    return ctx.passed("ktmu.grading.submit_ok", submitted=f.submitted_on, due=due, days=days)
