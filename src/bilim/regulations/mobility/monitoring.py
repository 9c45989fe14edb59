"""OshSU mobility — while the participant is away or visiting (1.3.1-1, 1.3.1-2, 1.5-1; 4.8 VDIR-10, IRD-17).

These rules are marked "no" (not machine-checkable) in the index; each has a crisp supporting check:

    counterpart_is_other_institution(CounterpartFacts) -> Verdict  (OSU-1.3.1-1)
    recognition_step_required(RecognitionStepFacts)     -> Verdict  (OSU-1.3.1-2)
    stay_within_visa(VisaFacts)                         -> Verdict  (OSU-1.5-1; WARN only)
    monitoring_contact_check(MonitoringFacts)           -> Verdict  (OSU-4.8-VDIR-10)
    interview_publication_check(InterviewFacts)         -> Verdict  (OSU-4.8-IRD-17)
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field

from bilim.regulations.core import Ctx, Facts, Outcome, rule

OSHSU = "OSHSU"


class CounterpartFacts(Facts):
    """A student mobility record: direction and the other institution's code."""

    direction: Literal["OUTGOING", "INCOMING"]
    counterpart_institution: str


@rule("OSU-1.3.1-1")
def counterpart_is_other_institution(f: CounterpartFacts, ctx: Ctx) -> Outcome:
    """«Бул Жобо академиялык мобилдүүлүктү студенттердин ОшМУдан тышкары билим алуусу катары аныктап…»

    A student mobility is study outside OshSU: the host of an outgoing (home of an incoming) mobility
    must be another institution than OshSU; FAIL otherwise.
    """
    code = f.counterpart_institution.strip().upper().replace(" ", "")
    if code in (OSHSU, "ОШМУ", "OSHSTATEUNIVERSITY"):
        return ctx.fail("osu.outside.same_institution")
    return ctx.passed("osu.outside.ok", institution=f.counterpart_institution)


class RecognitionStepFacts(Facts):
    """An outgoing student mobility about to close: how many host results it has and whether they are decided."""

    host_results: int = Field(ge=0)
    recognition_complete: bool


@rule("OSU-1.3.1-2")
def recognition_step_required(f: RecognitionStepFacts, ctx: Ctx) -> Outcome:
    """«…башка окуу жайда топтогон кредиттерин ОшМУда таанууну шарттайт»

    A mobility with host results cannot close before every result has a recognition decision (the
    recognition step, OSU-4.8-FD-10); with no graded results (e.g. short-term) nothing is to recognise.
    """
    if f.host_results and not f.recognition_complete:
        return ctx.fail("osu.recognition_step.pending", count=f.host_results)
    return ctx.passed("osu.recognition_step.ok", count=f.host_results)


class VisaFacts(Facts):
    """An incoming external physical stay and the recorded visa / registration validity."""

    end_date: dt.date
    visa_valid_until: dt.date | None = None


@rule("OSU-1.5-1")
def stay_within_visa(f: VisaFacts, ctx: Ctx) -> Outcome:
    """«…чет өлкөлүк студенттердин жана окутуучулардын академиялык мобилдүүлүгү "КРдин аймагына кирүү жана
    КРдин аймагынан чыгуу тартиптери" жөнүндөгү мыйзамдардын талаптарына … ылайык камсыздалат»

    WARN when no visa/registration validity is recorded or the stay ends after it; PASS otherwise (the
    legal rules themselves are external; this is support only).
    """
    if f.visa_valid_until is None:
        return ctx.warn("osu.visa.unknown", end=f.end_date)
    if f.end_date > f.visa_valid_until:
        return ctx.warn("osu.visa.exceeded", end=f.end_date, valid=f.visa_valid_until)
    return ctx.passed("osu.visa.ok", valid=f.visa_valid_until)


class MonitoringFacts(Facts):
    """A student abroad and the dates of logged contacts / consultations."""

    start_date: dt.date
    contact_dates: list[dt.date] = Field(default_factory=list)


@rule("OSU-4.8-VDIR-10")
def monitoring_contact_check(f: MonitoringFacts, ctx: Ctx) -> Outcome:
    """«кафедра башчылары менен биргеликте сапарда жүргөн студенттер менен үзгүлтүксүз байланышта болуп…»

    WARN when the last logged contact (or the start of the stay) is more than
    ``osu.monitoring_contact_max_gap_days`` ago; the regulation sets no gap (A-43), so with the
    parameter unset this stays PASS.
    """
    gap = ctx.param("osu.monitoring_contact_max_gap_days")
    last = max([f.start_date, *f.contact_dates])
    if gap is not None and (ctx.as_of - last).days > int(gap):
        return ctx.warn("osu.monitoring.gap", last=last, days=gap)
    return ctx.passed("osu.monitoring.ok", last=last)


class InterviewFacts(Facts):
    """An interview of a returnee and where it was published."""

    participant_consented: bool
    published_channels: list[str] = Field(default_factory=list)


@rule("OSU-4.8-IRD-17")
def interview_publication_check(f: InterviewFacts, ctx: Ctx) -> Outcome:
    """«академиялык мобилдүүлүктөн өтүп келген студенттерден жана ИПКдан интервью алып, аны департаменттин
    сайтына жана социалдык тармактарга жайгаштырат»

    Publishing needs the participant's consent (inferred) and goes to the IRD website and at least one
    social network; FAIL when published without consent, WARN while a channel is missing.
    """
    if f.published_channels and not f.participant_consented:
        return ctx.fail("osu.interview.no_consent")
    chans = ctx.param("osu.selection_channels")
    if not f.published_channels:
        return ctx.warn("osu.interview.not_published")
    if any(c not in f.published_channels for c in chans["required"]) or not any(
        c in f.published_channels for c in chans["at_least_one_of"]
    ):
        return ctx.warn("osu.interview.channels", channels=f.published_channels)
    return ctx.passed("osu.interview.ok", channels=f.published_channels)
