"""OshSU mobility — the individual study plan (ISP, ЖОП) gate and ISP content (1.3.6; 4.8 FD-4, FD-7, FD-9).

ERRATA 10: one gate for the ISP that allows departure — the current ISP version is agreed by the
programme leader (PL) and the deputy dean for academic affairs (VDAA), then approved by the dean, then
handed to IRD («ЖОПту программа жетекчиси, декандын (директордун) окуу иштери боюнча орун басары менен
макулдашкан соң деканга бекиттирип, ЭАБДга берет»). Milestones are tested, not a status equality
(an ISP handed to IRD, or later, passes). The only exception is the provisional ISP of OSU-4.8-STU-8
(host curriculum unobtainable, A-28): departure may rest on it, with the final ISP approved after
arrival (WARN).

Public functions for the apps::

    isp_ready_for_departure(IspGateFacts)   -> Verdict   (OSU-1.3.6-1; used by the departure order, STU-5, VDIR-9)
    final_isp_check(FinalIspFacts)          -> Verdict   (OSU-4.8-FD-4)
    replacement_check(ReplacementFacts)     -> Verdict   (OSU-4.8-FD-7)
    dlt_schedule_check(DltScheduleFacts)    -> Verdict   (OSU-4.8-FD-9)
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field

from bilim.regulations.core import Ctx, Facts, Outcome, rule
from bilim.regulations.mobility.classification import StayPeriod, mobility_term


class IspVersion(Facts):
    """The current ISP version and its approval milestones (dates; None = not yet)."""

    version: int = 1
    host_disciplines: list[str] = Field(default_factory=list)
    pl_agreed_on: dt.date | None = None
    vdaa_agreed_on: dt.date | None = None
    dean_approved_on: dt.date | None = None
    handed_to_ird_on: dt.date | None = None
    provisional: bool = False  # OSU-4.8-STU-8: host curricula missing, student drafts the ISP at the host


class IspGateFacts(Facts):
    """An outgoing mobility about to depart: who, which stay, the planned host disciplines and the ISP."""

    participant_type: Literal["STUDENT", "STAFF"]
    direction: Literal["OUTGOING", "INCOMING"]
    start_date: dt.date
    end_date: dt.date
    planned_host_disciplines: list[str] = Field(default_factory=list)
    isp: IspVersion | None = None


@rule("OSU-1.3.6-1")
def isp_ready_for_departure(f: IspGateFacts, ctx: Ctx) -> Outcome:
    """«Узак мөөнөттүү мобилдүүлүктүн зарыл шарты катары … бардык дисциплиналарды камтыган жекече окуу
    графикти (мындан ары – ЖОП) түзүү саналат»

    Long-term outgoing student mobility only (short-term and staff: not required). PASS when the ISP
    covers every planned host discipline and its milestones hold in order: agreed by PL and VDAA →
    approved by the dean (on or after both agreements) → handed to IRD (on or after the approval)
    (ERRATA 10). A provisional ISP under OSU-4.8-STU-8 gives WARN (final ISP after arrival, A-28).
    FAIL names the first unmet step.
    """
    if f.participant_type != "STUDENT" or f.direction != "OUTGOING":
        return ctx.passed("osu.isp.not_required", term="-")
    term = ctx.sub(mobility_term, StayPeriod(start_date=f.start_date, end_date=f.end_date)).value
    if term != "LONG":
        return ctx.passed("osu.isp.not_required", term=term)
    ctx.param("osu.isp_approval_chain")  # recorded: PL + VDAA agree → DEAN approves → handed to IRD
    isp = f.isp
    if isp is None:
        return ctx.fail("osu.isp.missing")
    uncovered = [d for d in f.planned_host_disciplines if d not in isp.host_disciplines]
    if uncovered and not isp.provisional:
        return ctx.fail("osu.isp.uncovered", disciplines=uncovered)
    if isp.provisional:
        return ctx.warn("osu.isp.provisional", version=isp.version)
    if isp.pl_agreed_on is None or isp.vdaa_agreed_on is None:
        return ctx.fail("osu.isp.not_agreed", version=isp.version)
    if isp.dean_approved_on is None:
        return ctx.fail("osu.isp.not_approved", version=isp.version)
    if isp.dean_approved_on < max(isp.pl_agreed_on, isp.vdaa_agreed_on):
        return ctx.fail("osu.isp.approved_before_agreement", version=isp.version, approved=isp.dean_approved_on)
    if isp.handed_to_ird_on is None:
        return ctx.fail("osu.isp.not_handed", version=isp.version)
    if isp.handed_to_ird_on < isp.dean_approved_on:
        return ctx.fail("osu.isp.handed_before_approval", version=isp.version, handed=isp.handed_to_ird_on)
    return ctx.passed("osu.isp.ready", version=isp.version, handed=isp.handed_to_ird_on)


class ComparisonRow(Facts):
    """One host discipline of the final ISP compared with the home curriculum."""

    host_discipline: str
    home_discipline: str | None = None
    no_equivalent: bool = False


class FinalIspFacts(Facts):
    """The final ISP version: when it was drawn up, the invitation date and the host-curriculum comparison."""

    invitation_received_on: dt.date | None
    final_isp_created_on: dt.date
    curriculum_source: Literal["HOST_CONTACT", "HOST_WEBSITE", "STUDENT"] | None
    comparison: list[ComparisonRow]


@rule("OSU-4.8-FD-4")
def final_isp_check(f: FinalIspFacts, ctx: Ctx) -> Outcome:
    """«КАОЖдун расмий чакыруу каты алынган соң, тийиштүү окуу планды … таап алып, ички окуу план менен
    салыштырып, … студенттин ЖОПун … түзөт»

    PASS when the final ISP is drawn up on or after the day the invitation letter was received, records
    where the host curriculum came from, and compares every host discipline with a home discipline or
    marks it "no equivalent"; FAIL otherwise.
    """
    if f.invitation_received_on is None or f.final_isp_created_on < f.invitation_received_on:
        return ctx.fail("osu.final_isp.before_invitation", created=f.final_isp_created_on)
    if f.curriculum_source is None:
        return ctx.fail("osu.final_isp.no_source")
    if not f.comparison:
        return ctx.fail("osu.final_isp.not_compared", disciplines="—")
    open_rows = [r.host_discipline for r in f.comparison if not r.home_discipline and not r.no_equivalent]
    if open_rows:
        return ctx.fail("osu.final_isp.not_compared", disciplines=open_rows)
    return ctx.passed("osu.final_isp.ok", count=len(f.comparison), source=f.curriculum_source)


class Replacement(Facts):
    """One mapping of a home discipline to a host discipline in the ISP."""

    home_discipline: str
    home_component: Literal["STATE_STANDARD", "UNIV_COMP", "ELECTIVE"]
    host_discipline: str
    kind: Literal["REPLACEMENT", "EQUIVALENCE"]


class ReplacementFacts(Facts):
    """The replacement / equivalence mappings of an ISP."""

    mappings: list[Replacement]


@rule("OSU-4.8-FD-7")
def replacement_check(f: ReplacementFacts, ctx: Ctx) -> Outcome:
    """«ЖибОЖдун кээ бир ЖОЖ компоненттерин жана тандоо курстарын КАОЖдун дисциплиналары менен алмаштырат»

    A home discipline may be *replaced* by a host discipline only when it is a university-component or
    elective course; a state-standard discipline is matched by content (EQUIVALENCE) or taught by DLT
    (A-33). FAIL lists the state-standard disciplines mapped as replacements.
    """
    allowed = ctx.param("osu.replaceable_components")
    bad = [m.home_discipline for m in f.mappings if m.kind == "REPLACEMENT" and m.home_component not in allowed]
    if bad:
        return ctx.fail("osu.replacement.state_standard", disciplines=bad, allowed=allowed)
    return ctx.passed("osu.replacement.ok", count=len(f.mappings))


class ModuleDue(Facts):
    """One module (рубежный контроль) of a DLT discipline: due date and form."""

    module: str
    due_date: dt.date
    form: str


class DltDiscipline(Facts):
    """A "difference" discipline taught at distance, with its module-submission schedule."""

    name: str
    schedule: list[ModuleDue] = Field(default_factory=list)
    schedule_attached_on: dt.date | None = None


class DltScheduleFacts(Facts):
    """The DLT disciplines of the approved ISP and the departure-order date (if issued)."""

    dlt_disciplines: list[DltDiscipline]
    departure_order_date: dt.date | None = None


@rule("OSU-4.8-FD-9")
def dlt_schedule_check(f: DltScheduleFacts, ctx: Ctx) -> Outcome:
    """«студенттерге айырма чыккан предметтерди дистанттык технологияны пайдаланып өздөштүрүүсүн, алар
    боюнча модулдарды тапшыруу регламентин иштеп чыгып, окуу процессин уюштуруп берүүнү өз мойнуна алат»

    Every DLT discipline has a module-submission schedule (≥ 1 module with due date and form) attached
    by the FD no later than the departure order; FAIL lists the disciplines without one.
    """
    missing = []
    for d in f.dlt_disciplines:
        attached = d.schedule and d.schedule_attached_on is not None
        if not attached or (f.departure_order_date is not None and d.schedule_attached_on is not None
                            and d.schedule_attached_on > f.departure_order_date):
            missing.append(d.name)
    if missing:
        return ctx.fail("osu.dlt_schedule.missing", disciplines=missing)
    return ctx.passed("osu.dlt_schedule.ok", count=len(f.dlt_disciplines))
