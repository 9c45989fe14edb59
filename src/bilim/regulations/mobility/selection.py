"""OshSU mobility — selection of outgoing students (clause 4.8: IRD-4, IRD-6…9, IRD-13; FD-2, FD-3; VDIR-4).

* GPA gate «GPA 3төн жогору болуусу зарыл»: ``gpa > 3`` strictly, on the unrounded GPA (A-02). It rejects
  only in an FD competition or an IRD commission selection; outside a competition it is a warning by
  default (ERRATA 12, A-31; parameter ``osu.gpa_gate_outside_competition``).
* Language knowledge is a scored criterion, not a gate (ERRATA 13); a per-call cut-off exists only as a
  non-default option set on the call (``CallFacts.language_cutoff``).
* Ranking within the quota: composite score of the call's criteria (weights per call, A-41) computed
  exactly — candidates are compared on the weighted sum Σ wᵢ·sᵢ (same denominator for the whole call, so
  no division and no rounding happens before comparison); then the tie-break keys of
  ``osu.selection.tie_break_keys`` (language-certificate holders first, FD-2; then the higher GPA);
  a tie that survives every key and straddles the quota line goes to the commission (``TIE_AT_QUOTA``).
  Withdrawn students are removed and free their place (IRD-13).

Public functions for the apps::

    gpa_gate(GpaGateFacts)                -> Verdict   (OSU-4.8-IRD-9, OSU-4.8-FD-2)
    rank_candidates(RankingFacts)         -> list[RankedCandidate] (whole call; thousands of candidates)
    quota_check, commission_check, announcement_check, selection_formats_check,
    language_check_recorded, nomination_check
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from pydantic import Field

from bilim.regulations.core import Ctx, D, Facts, Outcome, RuleError, Verdict, round_half_up, rule

SelectionKind = Literal["FD_COMPETITION", "IRD_COMMISSION", "NON_COMPETITIVE"]
Criterion = Literal["GPA", "SOCIAL_ACTIVITY", "LANGUAGE", "MOTIVATION_LETTER", "CV"]


# --- GPA gate -----------------------------------------------------------------------------------


class GpaGateFacts(Facts):
    """The candidate's GPA as stored in AVN (unrounded) and how the file is selected."""

    gpa: Decimal = Field(ge=0)
    selection_kind: SelectionKind


@rule("OSU-4.8-IRD-9", "OSU-4.8-FD-2")
def gpa_gate(f: GpaGateFacts, ctx: Ctx) -> Outcome:
    """«…студенттердин академиялык катышуу-жетишүүсү (GPA 3төн жогору болуусу зарыл)…»

    PASS when ``gpa > 3`` (strict, exact). At or below 3: FAIL in an FD competition or an IRD commission
    selection; WARN for a file that goes through no competition (ERRATA 12; the alternative
    ``reject_everywhere`` of ``osu.gpa_gate_outside_competition`` makes it FAIL).
    """
    gpa_min = D(ctx.param("osu.gpa_min"))
    if f.gpa > gpa_min:
        return ctx.passed("osu.gpa.above", gpa=f.gpa, gpa_min=gpa_min)
    if f.selection_kind in ("FD_COMPETITION", "IRD_COMMISSION"):
        return ctx.fail("osu.gpa.not_above_competition", gpa=f.gpa, gpa_min=gpa_min)
    severity = ctx.param("osu.gpa_gate_outside_competition")
    if severity == "FAIL":
        return ctx.fail("osu.gpa.not_above_competition", gpa=f.gpa, gpa_min=gpa_min)
    return ctx.warn("osu.gpa.not_above_warning", gpa=f.gpa, gpa_min=gpa_min)


# --- ranking --------------------------------------------------------------------------------------


class CallFacts(Facts):
    """A call's selection settings (per call: weights A-41, quota IRD-4, optional language cut-off)."""

    call_id: str
    selection_kind: SelectionKind
    quota: int = Field(ge=0)
    weights: dict[Criterion, Decimal]
    language_cutoff: Decimal | None = None  # non-default option (ERRATA 13)


class Candidate(Facts):
    """One applicant: GPA, the commission's criterion scores (0–100) and language-certificate priority."""

    candidate_id: str
    gpa: Decimal = Field(ge=0)
    scores: dict[Criterion, Decimal] = Field(default_factory=dict)
    has_language_certificate: bool = False
    withdrawn: bool = False


class RankingFacts(Facts):
    """A whole call: its settings and every applicant."""

    call: CallFacts
    candidates: list[Candidate]


@dataclass(frozen=True)
class RankedCandidate:
    """One line of the ranking. ``status``: SELECTED, TIE_AT_QUOTA, RESERVE, REJECTED, WITHDRAWN."""

    candidate_id: str
    status: str
    rank: int | None
    composite: Decimal | None  # display value, rounded to 2 places; ranking never uses it
    gpa_verdict: str
    reason: str
    decided_by_key: str | None = None


def _criterion_score(c: Candidate, criterion: str, gpa_scale: Decimal) -> Decimal:
    if criterion == "GPA" and "GPA" not in c.scores:
        return c.gpa * 100 / gpa_scale
    if criterion not in c.scores:
        raise RuleError(f"candidate {c.candidate_id}: no score for criterion {criterion} (same score sheet, IRD-6)")
    s = c.scores[criterion]
    if not (0 <= s <= 100):
        raise RuleError(f"candidate {c.candidate_id}: {criterion} score {s} outside 0–100")
    return s


@rule("OSU-4.8-IRD-13", cites=("OSU-4.8-IRD-9", "OSU-4.8-FD-2"))
def rank_candidates(f: RankingFacts, ctx: Ctx) -> Outcome:
    """«…GPA 3төн жогору болуусу зарыл…, … тилди билүүсү жана мотивациялык каттардын, резюмелердин
    мазмундуулугу эске алынат»; FD: «…сертификаттары барлар артыкчылыктарга ээ болушат»;
    IRD: «Катталып коюп, бирок кийин баруудан баш тарткан студенттерди тизмеден чыгарат».

    Ranks a whole call within its quota. Withdrawn students leave the list; the GPA gate rejects in a
    competition (warns outside one); eligible candidates are ordered by the exact weighted sum of the
    call's criteria, then certificate holders first, then the higher GPA; the first ``quota`` are
    SELECTED, the rest RESERVE; a full tie across the quota line is TIE_AT_QUOTA (commission decides).
    """
    call = f.call
    if not call.weights or any(w < 0 for w in call.weights.values()) or sum(call.weights.values()) == 0:
        raise RuleError("the call needs non-negative criterion weights with a positive total (A-41)")
    ids = [c.candidate_id for c in f.candidates]
    if len(set(ids)) != len(ids):
        raise RuleError("duplicate candidate IDs in the call")
    gpa_min = D(ctx.param("osu.gpa_min"))
    gpa_scale = D(ctx.param("osu.gpa_scale_max"))
    outside = ctx.param("osu.gpa_gate_outside_competition")
    keys = list(ctx.param("osu.selection.tie_break_keys"))
    competitive = call.selection_kind in ("FD_COMPETITION", "IRD_COMMISSION")
    total_w = sum(call.weights.values())
    lines: list[RankedCandidate] = []
    eligible: list[tuple[tuple, Candidate, Decimal, str]] = []
    for c in f.candidates:
        if c.withdrawn:
            lines.append(RankedCandidate(c.candidate_id, "WITHDRAWN", None, None, "-", "osu.rank.withdrawn"))
            continue
        above = c.gpa > gpa_min
        gpa_verdict = "PASS" if above else ("FAIL" if competitive or outside == "FAIL" else "WARN")
        weighted = sum((w * _criterion_score(c, k, gpa_scale) for k, w in call.weights.items()), Decimal(0))
        composite = round_half_up(weighted / total_w, 2)
        if gpa_verdict == "FAIL":
            lines.append(RankedCandidate(c.candidate_id, "REJECTED", None, composite, gpa_verdict, "osu.rank.gpa"))
            continue
        if call.language_cutoff is not None and _criterion_score(c, "LANGUAGE", gpa_scale) < call.language_cutoff:
            lines.append(
                RankedCandidate(c.candidate_id, "REJECTED", None, composite, gpa_verdict, "osu.rank.language_cutoff")
            )
            continue
        key: list = [-weighted]
        for k in keys:
            if k == "language_certificate":
                key.append(0 if c.has_language_certificate else 1)
            elif k == "gpa":
                key.append(-c.gpa)
        eligible.append((tuple(key), c, composite, gpa_verdict))
    eligible.sort(key=lambda e: (e[0], e[1].candidate_id))
    # group by full key; rank = 1 + number strictly better
    position = 0
    i = 0
    key_names = ["composite", *keys]
    while i < len(eligible):
        j = i
        while j < len(eligible) and eligible[j][0] == eligible[i][0]:
            j += 1
        group = eligible[i:j]
        rank = position + 1
        # which key separated this group from the previous one (named in the explanation)
        decided = None
        if i > 0:
            prev = eligible[i - 1][0]
            for n, (a, b) in enumerate(zip(prev, group[0][0])):
                if a != b:
                    decided = key_names[n]
                    break
        straddles = position < call.quota < position + len(group)
        for _, c, composite, gv in group:
            if straddles:
                status, reason = "TIE_AT_QUOTA", "osu.rank.tie_at_quota"
            elif position + len(group) <= call.quota:
                status, reason = "SELECTED", "osu.rank.selected"
            else:
                status, reason = "RESERVE", "osu.rank.reserve"
            lines.append(RankedCandidate(c.candidate_id, status, rank, composite, gv, reason, decided))
        position += len(group)
        i = j
    order = {"SELECTED": 0, "TIE_AT_QUOTA": 1, "RESERVE": 2, "REJECTED": 3, "WITHDRAWN": 4}
    lines.sort(key=lambda r: (order[r.status], r.rank or 0, r.candidate_id))
    selected = sum(1 for r in lines if r.status == "SELECTED")
    tied = sum(1 for r in lines if r.status == "TIE_AT_QUOTA")
    return ctx.result(
        lines,
        "osu.rank.summary",
        call=call.call_id,
        quota=call.quota,
        selected=selected,
        tied=tied,
        applicants=len(f.candidates),
        keys=key_names,
    )


# --- quota, commission, announcement, formats ------------------------------------------------------


class QuotaFacts(Facts):
    """A call's (or agreement's) quota for a period and the students nominated / referred under it."""

    quota: int = Field(ge=0)
    nominated_ids: list[str] = Field(default_factory=list)
    referred_ids: list[str] = Field(default_factory=list)
    override_reason: str | None = None


@rule("OSU-4.8-IRD-4")
def quota_check(f: QuotaFacts, ctx: Ctx) -> Outcome:
    """«…академиялык мобилдүүлүккө катышуучуларга бөлүнүүчү квоталарды аныктап…»

    PASS while the distinct students nominated or referred do not exceed the quota; above it FAIL,
    unless IRD recorded an override with a reason (then WARN).
    """
    count = len(set(f.nominated_ids) | set(f.referred_ids))
    if count <= f.quota:
        return ctx.passed("osu.quota.within", count=count, quota=f.quota)
    if f.override_reason and f.override_reason.strip():
        return ctx.warn("osu.quota.override", count=count, quota=f.quota, reason=f.override_reason)
    return ctx.fail("osu.quota.exceeded", count=count, quota=f.quota)


class CommissionFacts(Facts):
    """A call entering selection: grant-based?, commission members, and the criteria each applicant was scored on."""

    grant_based: bool
    commission_members: list[str] = Field(default_factory=list)
    published_criteria: list[str]
    applicant_score_sheets: dict[str, list[str]] = Field(default_factory=dict)


@rule("OSU-4.8-IRD-6")
def commission_check(f: CommissionFacts, ctx: Ctx) -> Outcome:
    """«гранттык, стипендиялык программаларга студенттерди тандап алуу үчүн компетенттүү комиссия түзүп,
    конкурсту … мүмкүнчүлүктөрдү бирдей кароо принциптерине таянып уюштурат»

    FAIL when a grant/scholarship call enters selection without a commission (≥ 1 member), or when an
    applicant was scored on other criteria than the published ones (equal consideration).
    """
    if f.grant_based and not [m for m in f.commission_members if m.strip()]:
        return ctx.fail("osu.commission.missing")
    published = set(f.published_criteria)
    unequal = sorted(a for a, crit in f.applicant_score_sheets.items() if set(crit) != published)
    if unequal:
        return ctx.fail("osu.commission.unequal_criteria", applicants=unequal, criteria=sorted(published))
    return ctx.passed("osu.commission.ok", members=len(f.commission_members))


class AnnouncementFacts(Facts):
    """Publication of the selection information of a call."""

    published_on: dt.date | None
    application_deadline: dt.date
    selection_start: dt.date
    channels: list[str] = Field(default_factory=list)


@rule("OSU-4.8-IRD-7")
def announcement_check(f: AnnouncementFacts, ctx: Ctx) -> Outcome:
    """«Студенттерди тандоо боюнча маалымат алдын ала жарыяланып, департаменттин сайтына, социалдык
    тармактарга илинет»

    PASS when published before the application deadline and before the selection starts ("алдын ала",
    strictly earlier), on the IRD website and at least one social network. A minimum lead time applies
    only when ``osu.selection_notice_min_days`` is set (the regulation sets none, A-43).
    """
    if f.published_on is None:
        return ctx.fail("osu.announce.not_published")
    first = min(f.application_deadline, f.selection_start)
    if not f.published_on < first:
        return ctx.fail("osu.announce.late", published=f.published_on, first=first)
    lead = ctx.param("osu.selection_notice_min_days")
    if lead is not None and (first - f.published_on).days < int(lead):
        return ctx.fail("osu.announce.short_notice", published=f.published_on, first=first, days=lead)
    chans = ctx.param("osu.selection_channels")
    missing = [c for c in chans["required"] if c not in f.channels]
    if missing or not any(c in f.channels for c in chans["at_least_one_of"]):
        return ctx.fail("osu.announce.channels", channels=f.channels)
    return ctx.passed("osu.announce.ok", published=f.published_on, first=first)


class FormatsFacts(Facts):
    """Competition formats of a call and whether each applicant can see his/her own scores and rank."""

    formats: list[str]
    results_visible_to_applicants: bool


@rule("OSU-4.8-IRD-8")
def selection_formats_check(f: FormatsFacts, ctx: Ctx) -> Outcome:
    """«конкурс (интервью, тестирлөө, сынак алуу) ачык-айкын жүргүзүлөт»

    PASS when the call uses at least one of interview / test / exam and nothing else, and applicants
    can see their own scores and rank (transparency); FAIL otherwise.
    """
    allowed = ctx.param("osu.selection_formats")
    if not f.formats or any(x not in allowed for x in f.formats):
        return ctx.fail("osu.formats.invalid", formats=f.formats, allowed=allowed)
    if not f.results_visible_to_applicants:
        return ctx.fail("osu.formats.not_transparent")
    return ctx.passed("osu.formats.ok", formats=f.formats)


class LanguageCheckFacts(Facts):
    """The VDIR language check of a candidate for a foreign host (ERRATA 13: recorded, scored, not a gate)."""

    scope: Literal["EXTERNAL", "INTERNAL"]
    check_form: str | None = None
    check_result: str | None = None
    checked_on: dt.date | None = None
    nomination_date: dt.date | None = None
    certificate: str | None = None


@rule("OSU-4.8-VDIR-4")
def language_check_recorded(f: LanguageCheckFacts, ctx: Ctx) -> Outcome:
    """«эгерде студент чет өлкөлүк окуу жайларга барууга талапкер болуп жатса, алардын тил билүү деңгээлин
    текшерүү үчүн тестирлөө өткөрөт же баарлашуу, чакан экзамен уюштурат»

    External candidates: PASS when a check (test, conversation or mini-exam) with its result is recorded
    no later than the nomination; FAIL when missing. The result is a scored criterion; it never rejects
    the candidate by itself (ERRATA 13). Internal mobility: not required.
    """
    if f.scope == "INTERNAL":
        return ctx.passed("osu.langcheck.not_required")
    forms = ctx.param("osu.language_check_forms")
    if f.check_form not in forms or not f.check_result or f.checked_on is None:
        return ctx.fail("osu.langcheck.missing", forms=forms)
    if f.nomination_date is not None and f.checked_on > f.nomination_date:
        return ctx.fail("osu.langcheck.after_nomination", checked=f.checked_on, nominated=f.nomination_date)
    return ctx.passed("osu.langcheck.ok", form=f.check_form, result=f.check_result)


class Nominee(Facts):
    """One student on the dean's nomination (Appendix 1)."""

    student_id: str
    long_term: bool
    isp_attached: bool


class NominationFacts(Facts):
    """The students selected for the call and the dean's nomination."""

    selected_ids: list[str]
    nominees: list[Nominee]


@rule("OSU-4.8-FD-3", "OSU-1.3.6-2")
def nomination_check(f: NominationFacts, ctx: Ctx) -> Outcome:
    """«тандалган студенттерди сунуштайт (1-тиркеме) (билдирүүгө студенттин жекече окуу графиги (ЖОП)
    (2-тиркеме) тиркелет)»; 1.3.6: «Бул милдеттүү тиркеме».

    FAIL when the nomination lists a student who was not selected, or a long-term nominee without an
    attached ISP (a draft suffices at this stage, A-28); PASS otherwise.
    """
    selected = set(f.selected_ids)
    not_selected = [n.student_id for n in f.nominees if n.student_id not in selected]
    if not_selected:
        return ctx.fail("osu.nomination.not_selected", students=not_selected)
    no_isp = [n.student_id for n in f.nominees if n.long_term and not n.isp_attached]
    if no_isp:
        return ctx.fail("osu.nomination.isp_missing", students=no_isp)
    return ctx.passed("osu.nomination.ok", count=len(f.nominees))


__all__ = [
    "Candidate",
    "CallFacts",
    "GpaGateFacts",
    "RankedCandidate",
    "RankingFacts",
    "Verdict",
    "gpa_gate",
    "rank_candidates",
]
