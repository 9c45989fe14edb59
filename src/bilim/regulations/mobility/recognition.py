"""OshSU mobility — recognition of host results (sections 3.4, 4.5; clause 4.8 FD-10…FD-13).

* OSU-3.4-1 — recognition rests on ECTS: host credits are recorded in ECTS (or an ECTS equivalent).
* OSU-4.5-1 — a host discipline with no home equivalent is accepted as a university-component or
  elective course, never as a state-standard discipline.
* OSU-4.8-FD-11 — grades not stated on the 100-point scale are converted: by the partner's conversion
  table (maintained by the FD), else by the ECTS grade-distribution method (EGRACONS-style: the host
  grade's percentile band in the host's distribution table, mapped to the home distribution table of
  100-point bands, interpolated inside the band, rounded half-up to whole points — a cited step);
  when no basis exists the result is a reasoned refusal (FD-12) naming why.
* OSU-4.8-FD-10/12/13 — completeness of decisions, reasons for refusals, entries in AVN / record book /
  diploma supplement.

Public functions for the apps::

    convert_grade(GradeConversionFacts)   -> ConversionResult  (CONVERTED with score_100, or REFUSED with reason)
    recognition_complete, refusal_reasoned, recognition_recorded, no_equivalent_target, ects_credits
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any, Literal

from pydantic import Field

from bilim.regulations.core import Ctx, D, Facts, Outcome, round_half_up, rule


class TableRow(Facts):
    """A partner conversion-table row: host grade → score on the 100-point scale."""

    grade: str
    score_100: Decimal = Field(ge=0)


class HostDistributionRow(Facts):
    """Share (percent) of the host's reference group that received ``grade``; rows best first."""

    grade: str
    percent: Decimal = Field(ge=0)


class HomeDistributionRow(Facts):
    """Share (percent) of OshSU's reference group within a 100-point band; rows best first."""

    min_score: Decimal = Field(ge=0)
    max_score: Decimal = Field(ge=0)
    percent: Decimal = Field(ge=0)


class GradeConversionFacts(Facts):
    """A host grade as on the host document, and the conversion bases the FD has for that host/scale."""

    grade: str
    grade_scale: str  # "POINTS_100" when the document states points on the 100-point scale
    partner_table_id: str | None = None
    partner_table: list[TableRow] = Field(default_factory=list)
    host_distribution: list[HostDistributionRow] = Field(default_factory=list)
    home_distribution: list[HomeDistributionRow] = Field(default_factory=list)


@dataclass(frozen=True)
class ConversionResult:
    """``status`` CONVERTED (``score_100``, ``method``, ``basis``) or REFUSED (``reason`` message key)."""

    status: str
    score_100: Decimal | None
    method: str | None
    basis: str | None
    reason: str | None = None


def _refuse(ctx: Ctx, reason: str, **values: Any) -> Outcome:
    return ctx.result(ConversionResult("REFUSED", None, None, None, reason), reason, **values)


@rule("OSU-4.8-FD-11")
def convert_grade(f: GradeConversionFacts, ctx: Ctx) -> Outcome:
    """«эгерде тийиштүү документте баалар 100 баллдык шкала боюнча так көрсөтүлбөсө, сертификаттагы
    баалардын дал келишин ЖибОЖдо кабыл алынган шкалага ылайык аныктайт»

    A grade stated on the 100-point scale is taken as is (0–100). Otherwise, in the order of
    ``osu.conversion_method``: the partner table (exact grade match), then the grade-distribution
    method: the host grade occupies the percentile band [a, b) of the host table (best grades first);
    its midpoint falls in one home band [A, B) with points max…min; score = max − (mid − A)/(B − A) ×
    (max − min), rounded half-up to ``osu.converted_score_places``. No basis, an incomplete table
    (not adding up to 100 %, overlapping or unordered bands, a repeated grade) or a grade missing from it → REFUSED with the reason (FD-12).
    """
    top = D(ctx.param("osu.home_grade_scale_max"))
    if f.grade_scale == "POINTS_100":
        try:
            value = D(f.grade.strip().replace(",", "."))
        except InvalidOperation:
            return _refuse(ctx, "osu.convert.refused_not_numeric", grade=f.grade)
        if not (0 <= value <= top):
            return _refuse(ctx, "osu.convert.refused_out_of_scale", grade=f.grade, top=top)
        return ctx.result(
            ConversionResult("CONVERTED", value, "POINTS_100", "host document"), "osu.convert.points", score=value
        )
    places = int(ctx.param("osu.converted_score_places"))
    for method in ctx.param("osu.conversion_method"):
        if method == "PARTNER_TABLE" and f.partner_table:
            rows = [r for r in f.partner_table if r.grade == f.grade]
            if len(rows) == 1 and rows[0].score_100 <= top:
                score = rows[0].score_100
                basis = f.partner_table_id or "partner table"
                return ctx.result(
                    ConversionResult("CONVERTED", score, "PARTNER_TABLE", basis),
                    "osu.convert.table",
                    grade=f.grade,
                    score=score,
                    table=basis,
                )
        if method == "GRADE_DISTRIBUTION" and f.host_distribution and f.home_distribution:
            total = D(ctx.param("osu.grade_distribution_total"))
            if sum(r.percent for r in f.host_distribution) != total or sum(r.percent for r in f.home_distribution) != total:
                return _refuse(ctx, "osu.convert.refused_incomplete_table", total=total)
            if any(r.min_score > r.max_score or r.max_score > top for r in f.home_distribution) or any(
                later.max_score > earlier.min_score
                for earlier, later in zip(f.home_distribution, f.home_distribution[1:])
            ):  # home bands must run best first without overlapping
                return _refuse(ctx, "osu.convert.refused_incomplete_table", total=total)
            if len({r.grade for r in f.host_distribution}) != len(f.host_distribution):
                return _refuse(ctx, "osu.convert.refused_incomplete_table", total=total)
            start = Decimal(0)
            band = None
            for r in f.host_distribution:
                if r.grade == f.grade:
                    band = (start, start + r.percent)
                    break
                start += r.percent
            if band is None:
                continue
            mid = (band[0] + band[1]) / 2
            acc = Decimal(0)
            chosen = f.home_distribution[-1]
            lo_pct = total - chosen.percent
            for h in f.home_distribution:
                if h.percent > 0 and acc <= mid < acc + h.percent:
                    chosen, lo_pct = h, acc
                    break
                acc += h.percent
            share = (mid - lo_pct) / chosen.percent if chosen.percent else Decimal(0)
            raw = chosen.max_score - share * (chosen.max_score - chosen.min_score)
            score = round_half_up(raw, places)
            return ctx.result(
                ConversionResult("CONVERTED", score, "GRADE_DISTRIBUTION", f"percentile {band[0]}–{band[1]} %"),
                "osu.convert.distribution",
                grade=f.grade,
                low=band[0],
                high=band[1],
                score=score,
            )
    if f.partner_table or f.host_distribution:
        return _refuse(ctx, "osu.convert.refused_grade_unknown", grade=f.grade)
    return _refuse(ctx, "osu.convert.refused_no_basis", grade=f.grade, scale=f.grade_scale)


# --- decisions --------------------------------------------------------------------------------


class RecognitionDecision(Facts):
    """The FD decision on one host result."""

    result_id: str
    decision: Literal["RECOGNISED", "REFUSED"] | None = None
    decided_by_role: Literal["DEAN", "FD_DEPUTY", "OTHER"] | None = None
    reason: str | None = None
    home_target: Literal["EQUIVALENT_DISCIPLINE", "UNIV_COMP", "ELECTIVE", "STATE_STANDARD"] | None = None
    has_home_equivalent: bool = True
    avn_recorded: bool = False
    record_book_entry: bool = False
    diploma_supplement_entry: bool = False


class RecognitionFacts(Facts):
    """All host results of a mobility and the FD decisions taken on them."""

    host_result_ids: list[str]
    decisions: list[RecognitionDecision]


@rule("OSU-4.8-FD-10")
def recognition_complete(f: RecognitionFacts, ctx: Ctx) -> Outcome:
    """«…топтогон кредиттерди (бааларды) анализдейт, … кредиттерди (бааларды) чегерүү боюнча чечимдерди
    кабыл алат»

    PASS (recognition complete) when every host result has a RECOGNISED or REFUSED decision taken by the
    FD (the dean or an authorised deputy); FAIL listing the results still without one.
    """
    by_id = {d.result_id: d for d in f.decisions}
    missing = [
        r for r in f.host_result_ids
        if r not in by_id or by_id[r].decision is None or by_id[r].decided_by_role not in ("DEAN", "FD_DEPUTY")
    ]
    if missing:
        return ctx.fail("osu.recognition.incomplete", results=missing)
    return ctx.passed("osu.recognition.complete", count=len(f.host_result_ids))


@rule("OSU-4.8-FD-12")
def refusal_reasoned(f: RecognitionDecision, ctx: Ctx) -> Outcome:
    """«Аргументтүү жүйөлөрдүн негизинде студенттин … алган бааларын тапшырды деп эсептөөдөн баш тартышы мүмкүн»

    A REFUSED decision needs a non-empty reason (shown to the student); the refused discipline becomes
    a home-rule academic debt, outside the 15-credit sum (ERRATA 9). FAIL for a refusal without reasons.
    """
    if f.decision != "REFUSED":
        return ctx.passed("osu.refusal.not_refused")
    if not (f.reason and f.reason.strip()):
        return ctx.fail("osu.refusal.no_reason", result=f.result_id)
    return ctx.passed("osu.refusal.reasoned", result=f.result_id, reason=f.reason.strip())


@rule("OSU-4.8-FD-13")
def recognition_recorded(f: RecognitionDecision, ctx: Ctx) -> Outcome:
    """«тапшырды деп эсептелген предметтер жөнүндөгү маалыматтарды ЖибОЖнун AVN системасына, зачеттук
    китепчеге, дипломдун тиркемесине киргизет»

    A RECOGNISED result is RECORDED only when it is entered in AVN, in the record book and in the
    diploma supplement; FAIL names the missing entries.
    """
    if f.decision != "RECOGNISED":
        return ctx.passed("osu.recorded.not_recognised")
    missing = [
        name
        for name, done in (
            ("AVN", f.avn_recorded),
            ("RECORD_BOOK", f.record_book_entry),
            ("DIPLOMA_SUPPLEMENT", f.diploma_supplement_entry),
        )
        if not done
    ]
    if missing:
        return ctx.fail("osu.recorded.missing", result=f.result_id, missing=missing)
    return ctx.passed("osu.recorded.ok", result=f.result_id)


@rule("OSU-4.5-1")
def no_equivalent_target(f: RecognitionDecision, ctx: Ctx) -> Outcome:
    """«Студент өз окуу жайынын билим берүү программасында жок дисциплиналарды КАОЖдо өздөштүргөн учурда,
    ал дисциплиналар ЖОЖ компоненттери жана тандоо курстары катары кабыл алынат»

    For a recognised host discipline without a home equivalent the target must be a university-component
    or elective course (never the state-standard component): FAIL otherwise.
    """
    if f.decision != "RECOGNISED" or f.has_home_equivalent:
        return ctx.passed("osu.no_equivalent.not_applicable")
    allowed = ctx.param("osu.no_equivalent_targets")
    if f.home_target not in allowed:
        return ctx.fail("osu.no_equivalent.wrong_target", result=f.result_id, target=f.home_target or "—", allowed=allowed)
    return ctx.passed("osu.no_equivalent.ok", result=f.result_id, target=f.home_target)


class CreditFacts(Facts):
    """Credits of a host result in the unit of the host document, and the ECTS equivalent if another unit."""

    credits: Decimal = Field(ge=0)
    credit_unit: str
    ects_equivalent: Decimal | None = Field(default=None, ge=0)


@rule("OSU-3.4-1")
def ects_credits(f: CreditFacts, ctx: Ctx) -> Outcome:
    """«ЖОЖдор ортосундагы алмашуулардын алкагында жүргүзүлгөн окуунун натыйжаларын таануу … (ECTS) таянылат»

    Returns the ECTS credits used in recognition: the document's credits when they are ECTS, else the
    ECTS equivalent recorded by the FD; REQUIRES_ECTS_EQUIVALENT when another unit has none recorded.
    """
    system = ctx.param("osu.credit_system")
    if f.credit_unit.strip().upper() == system:
        return ctx.result(f.credits, "osu.ects.native", credits=f.credits)
    if f.ects_equivalent is None:
        return ctx.result("REQUIRES_ECTS_EQUIVALENT", "osu.ects.missing", credits=f.credits, unit=f.credit_unit)
    return ctx.result(f.ects_equivalent, "osu.ects.equivalent", credits=f.credits, unit=f.credit_unit, ects=f.ects_equivalent)
