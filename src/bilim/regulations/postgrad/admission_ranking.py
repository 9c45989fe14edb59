"""KTMU Instruction on Postgraduate Education — article 12(7)–(8): composite scores, ranking with
the tie-break order, the list of candidates entitled to register and the reserve list.

ERRATA 2: composites are exact Decimals (no rounding before comparison); the tie-break keys
are applied in the article's order (specialist exam → diploma → language score), even where a
key can no longer decide; a tie surviving every key goes to the Institute Board (A-13).
International candidates (A-12) are ranked in the same list by their oral score (in place of a
composite and of the specialist score), ties by diploma score, language score 0.

Public functions the Django apps should call:
``composite_score(facts, as_of)`` (12(7)-1/-2) → Decimal;
``rank_applicants(programme_call, applicants, as_of)`` → :class:`RankingResult` (batch, whole
programme; explanations built lazily with ``RankingResult.explain(applicant_id)``);
``ranking(facts, as_of)`` — the same as a registered rule with an explanation;
``reserve_list_size(facts, as_of)`` (12(8)-2) and ``list_publication(facts, as_of)`` (12(8)-1).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Literal

from pydantic import Field

from bilim.regulations.core import Ctx, Explanation, Facts, Outcome, RuleError, rule
from bilim.regulations.core import params as _params
from bilim.regulations.postgrad.admission_common import Level, doctoral
from bilim.regulations.postgrad.admission_exams import (
    international_oral_result,
    specialist_exam_result,
    specialist_score,
)

# --- 12(7)-1, 12(7)-2: composite ----------------------------------------------------------------


class CompositeInputs(Facts):
    """The three composite inputs on the 100-point scale."""

    level: Level
    diploma100: Decimal = Field(ge=0, le=100)
    specialist: Decimal = Field(ge=0, le=100)
    language100: Decimal | None = Field(default=None, ge=0, le=100)
    """Doctoral/AI only: the foreign-language score converted under KTMU-12(3)-1."""


@rule("KTMU-12(7)-1", "KTMU-12(7)-2")
def composite_score(f: CompositeInputs, ctx: Ctx) -> Outcome:
    """«магистратура үчүн дипломдо көрсөтүлгөн академиялык жетишкендик баллынын 50%ы жана адистик сынак баллынын 50%ы; докторантура үчүн … 35%ы, чет тилинен алган баллынын 15%ы жана адистик сынак баллынын 50%ы эске алынат».

    Returns the exact composite: master's 0.50 × diploma + 0.50 × specialist exam; doctoral/AI
    0.35 × diploma + 0.15 × language + 0.50 × specialist exam. No rounding (ERRATA 2).
    """
    if doctoral(f.level):
        w = ctx.param("ktmu.adm.composite_weights_phd")
        if f.language100 is None:
            raise RuleError("A doctoral composite needs the foreign-language score (KTMU-12(3)-1)")
        value = w["diploma"] * f.diploma100 + w["language"] * f.language100 + w["specialist"] * f.specialist
        return ctx.result(value, "ktmu.adm.composite.phd", diploma=f.diploma100, language=f.language100, specialist=f.specialist, composite=value)
    w = ctx.param("ktmu.adm.composite_weights_ma")
    value = w["diploma"] * f.diploma100 + w["specialist"] * f.specialist
    return ctx.result(value, "ktmu.adm.composite.ma", diploma=f.diploma100, specialist=f.specialist, composite=value)


# --- 12(8)-2: reserve list size ------------------------------------------------------------------


class ReserveDesignation(Facts):
    quota: int = Field(ge=0)
    reserves_designated: int = Field(ge=0)


@rule("KTMU-12(8)-2")
def reserve_list_size(f: ReserveDesignation, ctx: Ctx) -> Outcome:
    """«Институттун Башкаруу кеӊеши эң көп кабыл алына турган студенттердин квотасына жараша, ошончо кошумча талапкерди көрсөтүшү мүмкүн».

    PASS when the Board designates at most as many reserve candidates as the admission quota
    (quota × ``ktmu.adm.reserve_max_factor``); FAIL above.
    """
    factor = ctx.param("ktmu.adm.reserve_max_factor")
    limit = int(Decimal(factor) * f.quota)
    if f.reserves_designated > limit:
        return ctx.fail("ktmu.adm.reserve.too_many", reserves=f.reserves_designated, limit=limit, quota=f.quota)
    return ctx.passed("ktmu.adm.reserve.ok", reserves=f.reserves_designated, limit=limit, quota=f.quota)


class ListPublication(Facts):
    published_on: dt.date
    institute_board_decision_on: dt.date | None


@rule("KTMU-12(8)-1")
def list_publication(f: ListPublication, ctx: Ctx) -> Outcome:
    """«…катталуу укугуна ээ болгон талапкерлердин тизмеси институттун Башкаруу кеӊешинин чечими менен такталат жана жарыяланат».

    PASS when the list is published on or after the Institute Board's decision confirming it;
    FAIL when published without (or before) the decision.
    """
    if f.institute_board_decision_on is None or f.institute_board_decision_on > f.published_on:
        return ctx.fail("ktmu.adm.list.no_decision", published=f.published_on)
    return ctx.passed("ktmu.adm.list.ok", published=f.published_on, decided=f.institute_board_decision_on)


# --- ranking ------------------------------------------------------------------------------------


class ProgrammeCall(Facts):
    """One announced programme: level, admission quota and the reserves the Board designates."""

    programme: str
    level: Level
    quota: int = Field(ge=0)
    reserves_designated: int = Field(ge=0)


class RankingApplicant(Facts):
    """One candidate's exam results and composite inputs (all on 0–100)."""

    applicant_id: str
    track: Literal["SPECIALIST_EXAM", "INTERNATIONAL_ORAL"] = "SPECIALIST_EXAM"
    absent: bool = False
    written: Decimal | None = Field(default=None, ge=0, le=100)
    oral: Decimal | None = Field(default=None, ge=0, le=100)
    written_waived: bool = False
    ales_score: Decimal | None = Field(default=None, ge=0, le=100)
    diploma100: Decimal = Field(ge=0, le=100)
    language100: Decimal | None = Field(default=None, ge=0, le=100)


Status = Literal["ENTITLED", "RESERVE", "NOT_PLACED", "BOARD_DECISION", "FAILED", "INCOMPLETE"]
KEY_NAMES = {"specialist": "SPECIALIST_EXAM", "diploma": "DIPLOMA", "language": "LANGUAGE"}


@dataclass
class RankedEntry:
    """One candidate's place: status, competition rank (ties share it), exact composite, and the
    key that separated the candidate from the one ranked just above (COMPOSITE, SPECIALIST_EXAM,
    DIPLOMA, LANGUAGE, or TIE when no key did — Institute Board, A-13)."""

    applicant_id: str
    status: Status
    rank: int | None = None
    position: int | None = None
    composite: Decimal | None = None
    specialist: Decimal | None = None
    diploma: Decimal | None = None
    language: Decimal | None = None
    decided_by: str | None = None
    reason: str | None = None


@dataclass
class RankingResult:
    """The programme's ranking: entries in rank order (failed and incomplete candidates last)."""

    call: ProgrammeCall
    entries: list[RankedEntry]
    as_of: dt.date
    board_ties: list[list[str]] = field(default_factory=list)
    _applicants: dict[str, RankingApplicant] = field(default_factory=dict, repr=False)

    @property
    def entitled(self) -> list[str]:
        return [e.applicant_id for e in self.entries if e.status == "ENTITLED"]

    @property
    def reserves(self) -> list[str]:
        """Reserve candidates in ranking order (the order of promotion under KTMU-14(3)-1)."""
        return [e.applicant_id for e in self.entries if e.status == "RESERVE"]

    @property
    def adjacent_decisions(self) -> list[tuple[str, str, str]]:
        """(above, below, deciding key) for each adjacent pair of ranked candidates."""
        ranked = [e for e in self.entries if e.position is not None]
        return [(a.applicant_id, b.applicant_id, b.decided_by or "") for a, b in zip(ranked, ranked[1:])]

    def entry(self, applicant_id: str) -> RankedEntry:
        index = self.__dict__.get("_index")
        if index is None or len(index) != len(self.entries):
            index = self.__dict__["_index"] = {e.applicant_id: e for e in self.entries}
        return index[applicant_id]

    def explain(self, applicant_id: str) -> Explanation:
        """The explanation of one candidate's result and composite (built on demand)."""
        a = self._applicants[applicant_id]
        e = self.entry(applicant_id)
        scores = {"absent": a.absent, "written": a.written, "oral": a.oral, "written_waived": a.written_waived, "ales_score": a.ales_score}
        children: list[Explanation] = []
        if a.track == "INTERNATIONAL_ORAL":
            children.append(international_oral_result({"oral": a.oral}, self.as_of).explanation)
        else:
            children.append(specialist_exam_result(scores, self.as_of).explanation)
            if e.specialist is not None:
                children.append(specialist_score(scores, self.as_of).explanation)
            if e.composite is not None:  # an INCOMPLETE file (e.g. no language score) has no composite
                children.append(
                    composite_score(
                        {"level": self.call.level, "diploma100": a.diploma100, "specialist": e.specialist, "language100": a.language100},
                        self.as_of,
                    ).explanation
                )
        return Explanation(
            rule_ids=("KTMU-12(7)-3", "KTMU-12(8)-1", "KTMU-12(8)-2"),
            result=e.status,
            message_key=f"ktmu.adm.rank.status.{e.status.lower()}",
            message_values={"rank": e.rank, "composite": e.composite, "quota": self.call.quota, "decided_by": e.decided_by or "—"},
            inputs=a.model_dump(mode="json"),
            children=children,
            as_of=self.as_of,
        )


_PARAM_NAMES = (
    "ktmu.adm.spec_pass_min",
    "ktmu.adm.intl_oral_pass_min",
    "ktmu.adm.spec_weight_written",
    "ktmu.adm.spec_weight_oral",
    "ktmu.adm.waived_written_reading",
    "ktmu.adm.composite_weights_ma",
    "ktmu.adm.composite_weights_phd",
    "ktmu.adm.tie_break_order",
    "ktmu.adm.reserve_max_factor",
)


def _score(a: RankingApplicant, level: str, p: Mapping[str, Any]) -> tuple[str, Decimal | None, Decimal | None, str | None]:
    """(status, composite/primary score, specialist key, reason) of one candidate — same arithmetic as the rules."""
    if a.track == "INTERNATIONAL_ORAL":
        if a.oral is None or a.absent:
            return "FAILED", None, None, "absent"
        if a.oral < p["ktmu.adm.intl_oral_pass_min"]:
            return "FAILED", None, None, "oral_low"
        return "OK", a.oral, a.oral, None
    minimum = p["ktmu.adm.spec_pass_min"]
    if a.absent or a.oral is None or (not a.written_waived and a.written is None):
        return "FAILED", None, None, "absent"
    if not a.written_waived and a.written < minimum:
        return "FAILED", None, None, "written_low"
    if a.oral < minimum:
        return "FAILED", None, None, "oral_low"
    if a.written_waived:
        if p["ktmu.adm.waived_written_reading"] == "ales_substitute":
            if a.ales_score is None:
                return "INCOMPLETE", None, None, "ales_score_missing"
            spec = p["ktmu.adm.spec_weight_written"] * a.ales_score + p["ktmu.adm.spec_weight_oral"] * a.oral
        else:
            spec = a.oral
    else:
        spec = p["ktmu.adm.spec_weight_written"] * a.written + p["ktmu.adm.spec_weight_oral"] * a.oral
    if doctoral(level):
        if a.language100 is None:
            return "INCOMPLETE", None, spec, "language_score_missing"
        w = p["ktmu.adm.composite_weights_phd"]
        comp = w["diploma"] * a.diploma100 + w["language"] * a.language100 + w["specialist"] * spec
    else:
        w = p["ktmu.adm.composite_weights_ma"]
        comp = w["diploma"] * a.diploma100 + w["specialist"] * spec
    return "OK", comp, spec, None


def _rank(call: ProgrammeCall, applicants: list[RankingApplicant], p: Mapping[str, Any], as_of: dt.date) -> RankingResult:
    limit = int(Decimal(p["ktmu.adm.reserve_max_factor"]) * call.quota)
    if call.reserves_designated > limit:
        raise RuleError(f"{call.reserves_designated} reserves exceed the limit of {limit} (KTMU-12(8)-2)")
    order = list(p["ktmu.adm.tie_break_order"])
    ranked: list[tuple[tuple[Decimal | None, ...], RankedEntry]] = []
    others: list[RankedEntry] = []
    by_id: dict[str, RankingApplicant] = {}
    zero = Decimal(0)
    for a in applicants:
        if a.applicant_id in by_id:
            raise RuleError(f"Applicant {a.applicant_id} appears twice")
        by_id[a.applicant_id] = a
        scored, comp, spec, reason = _score(a, call.level, p)
        if scored != "OK":
            others.append(RankedEntry(a.applicant_id, scored, specialist=spec, reason=reason))  # type: ignore[arg-type]
            continue
        lang = a.language100 if (a.language100 is not None and a.track != "INTERNATIONAL_ORAL") else zero
        values = {"specialist": spec, "diploma": a.diploma100, "language": lang}
        key = (comp, *(values[k] for k in order))
        ranked.append((key, RankedEntry(a.applicant_id, "NOT_PLACED", composite=comp, specialist=spec, diploma=a.diploma100, language=lang)))
    # Descending on every key; applicant_id only orders display inside an exact tie (same rank).
    ranked.sort(key=lambda t: t[1].applicant_id)
    ranked.sort(key=lambda t: t[0], reverse=True)
    names = ["COMPOSITE", *(KEY_NAMES[k] for k in order)]
    groups: list[list[RankedEntry]] = []
    prev_key: tuple[Decimal | None, ...] | None = None
    for pos, (key, entry) in enumerate(ranked):
        entry.position = pos
        if prev_key is not None and key == prev_key:
            entry.decided_by = "TIE"
            entry.rank = groups[-1][0].rank
            groups[-1].append(entry)
        else:
            if prev_key is not None:
                entry.decided_by = next(n for n, x, y in zip(names, key, prev_key) if x != y)
            entry.rank = pos + 1
            groups.append([entry])
        prev_key = key
    main_end = call.quota
    reserve_end = call.quota + call.reserves_designated
    board_ties: list[list[str]] = []
    start = 0
    for g in groups:
        end = start + len(g)
        if end <= main_end:
            status: Status = "ENTITLED"
        elif start >= main_end and end <= reserve_end:
            status = "RESERVE"
        elif start >= reserve_end:
            status = "NOT_PLACED"
        else:
            status = "BOARD_DECISION"
        if len(g) > 1 and status == "BOARD_DECISION":
            board_ties.append([e.applicant_id for e in g])
        for e in g:
            e.status = status
        start = end
    others.sort(key=lambda e: e.applicant_id)
    return RankingResult(call, [e for _, e in ranked] + others, as_of, board_ties, by_id)


@rule("KTMU-12(7)-3", kind="batch", cites=("KTMU-12(8)-1", "KTMU-12(8)-2", "KTMU-13(1)c-3"))
def rank_applicants(
    programme_call: ProgrammeCall | dict,
    applicants: Iterable[RankingApplicant | dict],
    as_of: dt.date,
) -> RankingResult:
    """Rank a whole programme (KTMU-12(6)–(8), A-12, A-13, ERRATA 2): pass/fail, exact composites,
    tie-breaks, the entitled list (top ``quota``), the reserve list (next ``reserves_designated``)
    and the exact ties straddling a cut that the Institute Board must decide. No I/O; explanations
    are built on demand (``result.explain(id)``)."""
    call = programme_call if isinstance(programme_call, ProgrammeCall) else ProgrammeCall.model_validate(programme_call)
    items = [a if isinstance(a, RankingApplicant) else RankingApplicant.model_validate(a) for a in applicants]
    p = {name: _params.get(name, as_of).value for name in _PARAM_NAMES}
    return _rank(call, items, p, as_of)


class RankingFacts(Facts):
    call: ProgrammeCall
    applicants: list[RankingApplicant]


@rule("KTMU-12(7)-3", cites=("KTMU-12(8)-1", "KTMU-12(8)-2"))
def ranking(f: RankingFacts, ctx: Ctx) -> Outcome:
    """«Талапкерлердин алган баллдары бирдей болуп калган учурда адистик сынак, дипломдо көрсөтүлгөн академиялык жетишкендик жана чет тилинен алган баллдарына карата тандалып алынат».

    Ranks passed candidates by exact composite, then (in the article's order) specialist-exam,
    diploma and language score (missing = 0, A-13); the top ``quota`` are entitled to register
    (12(8)-1), the next ``reserves_designated`` (≤ quota, 12(8)-2) are reserves; an exact tie
    that straddles a cut is sent to the Institute Board (A-13). Returns a :class:`RankingResult`.
    """
    p = {name: ctx.param(name) for name in _PARAM_NAMES}
    result = _rank(f.call, list(f.applicants), p, ctx.as_of)
    return ctx.result(
        result,
        "ktmu.adm.rank.summary",
        programme=f.call.programme,
        ranked=sum(1 for e in result.entries if e.position is not None),
        entitled=len(result.entitled),
        reserves=len(result.reserves),
        ties=len(result.board_ties),
        quota=f.call.quota,
    )
