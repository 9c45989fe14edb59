"""KTMU Instruction on Postgraduate Education — article 14 (final registration, loss of the
right to register, promotion of reserve candidates).

Public functions the Django apps should call (each ``fn(facts_or_dict, as_of)`` → Outcome):
``final_registration`` (14(1)-1…-4), ``registration_right`` (14(2)-1),
``reserve_registration_window`` (14(3)-1, A-15: working-day due date),
``promote_reserves`` (14(3)-1: which reserves are called, in ranking order).
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field

from bilim.regulations.core import Ctx, Facts, Outcome, rule


class FinalRegistration(Facts):
    """A final-registration attempt at the institute."""

    registration_on: dt.date
    registration_start: dt.date
    registration_end: dt.date
    """Registration days stated in the announcement (or the reserve window of KTMU-14(3)-1)."""
    submitted_by: Literal["SELF", "NOTARISED_PROXY", "OTHER_PROXY"]
    required_documents: set[str]
    submitted_documents: set[str]
    """Documents handed in as originals or notarised copies (KTMU-10(1)-2)."""
    originals_requested: set[str] = set()
    originals_received: set[str] = set()


@rule("KTMU-14(1)-1", "KTMU-14(1)-2", "KTMU-14(1)-3", "KTMU-14(1)-4")
def final_registration(f: FinalRegistration, ctx: Ctx) -> Outcome:
    """«…кулактандырууда көрсөтүлгөн каттоо күндөрү өзү же нотариус тарабынан дайындалган ишенимдүү өкүлү аркылуу тапшырат. Документтер толук болбогон учурда каттоо жүргүзүлбөйт. … Документтин түп нускасын тапшырбаган талапкер институтка каттала албайт».

    PASS (registered) when the candidate, in person or through a notarially appointed proxy,
    hands in every required document on a registration day (inclusive range) and every original
    the institute requested (notarised copies are accepted unless an original is requested,
    14(1)-3); FAIL otherwise, naming what is missing.
    """
    if not (f.registration_start <= f.registration_on <= f.registration_end):
        return ctx.fail("ktmu.adm.finreg.outside_days", day=f.registration_on, start=f.registration_start, end=f.registration_end)
    if f.submitted_by == "OTHER_PROXY":
        return ctx.fail("ktmu.adm.finreg.proxy")
    missing = sorted(f.required_documents - f.submitted_documents)
    if missing:
        return ctx.fail("ktmu.adm.finreg.incomplete", missing=missing)
    originals = sorted(f.originals_requested - f.originals_received)
    if originals:
        return ctx.fail("ktmu.adm.finreg.original_missing", missing=originals)
    return ctx.passed("ktmu.adm.finreg.ok", day=f.registration_on)


class RegistrationRight(Facts):
    status: Literal["ENTITLED", "REGISTERED"]
    registration_end: dt.date
    justified_reason: bool = False
    """Recorded but irrelevant: the right is lost «жүйөөлүү себеби болгонуна карабай»."""


@rule("KTMU-14(2)-1")
def registration_right(f: RegistrationRight, ctx: Ctx) -> Outcome:
    """«Белгиленген мөөнөттө акыркы каттоодон өтпөгөн талапкер жүйөөлүү себеби болгонуна карабай, катталуу укугунан ажырайт».

    Returns the candidate's state on ``as_of``: "REGISTERED"; "ENTITLED" up to and including the
    last registration day; "LOST_RIGHT" from the day after it, whatever the reason.
    """
    if f.status == "REGISTERED":
        return ctx.result("REGISTERED", "ktmu.adm.right.registered")
    if ctx.as_of <= f.registration_end:
        return ctx.result("ENTITLED", "ktmu.adm.right.still_entitled", end=f.registration_end)
    return ctx.result("LOST_RIGHT", "ktmu.adm.right.lost", end=f.registration_end, justified=f.justified_reason)


class ReserveCall(Facts):
    published_on: dt.date
    """Day the call of reserve candidates is published."""
    announced_last_day: dt.date | None = None
    """The reserve registration deadline, where the announcement states one (A-15)."""


@rule("KTMU-14(3)-1", kind="helper")
def reserve_registration_window(f: ReserveCall, ctx: Ctx) -> Outcome:
    """«Акыркы каттоо укугунан ажыраган талапкерлердин ордуна резервдик тизмедеги талапкерлер баллдарына жараша акыркы каттоодон өткөрүлөт».

    Returns the last registration day of a promoted reserve candidate: the announcement's day if
    it states one, otherwise the 3rd working day after the reserve call is published (A-15;
    weekends, KR public holidays and closures skipped and listed).
    """
    if f.announced_last_day is not None:
        return ctx.result(f.announced_last_day, "ktmu.adm.reserve_window.announced", due=f.announced_last_day)
    days = ctx.param("ktmu.adm.reserve_registration_working_days")
    deadline = ctx.calendar.add_working_days(f.published_on, int(days))
    return ctx.result(deadline.due, "ktmu.adm.reserve_window.default", skipped=deadline.skipped, published=f.published_on, due=deadline.due, days=days)


class ReservePromotion(Facts):
    """Vacancies after final registration, and the reserve list in ranking order."""

    quota: int = Field(ge=0)
    registered: int = Field(ge=0)
    pending_entitled: int = Field(ge=0)
    """Candidates (incl. promoted reserves) still within their registration days."""
    reserves_in_order: list[str]
    """Reserve candidates not yet promoted, best first (RankingResult.reserves)."""


@rule("KTMU-14(3)-1")
def promote_reserves(f: ReservePromotion, ctx: Ctx) -> Outcome:
    """«Акыркы каттоо укугунан ажыраган талапкерлердин ордуна резервдик тизмедеги талапкерлер баллдарына жараша акыркы каттоодон өткөрүлөт».

    Returns the reserve candidates to call now: as many as the open places (quota − registered −
    still-entitled), taken from the top of the reserve list in ranking order.
    """
    vacancies = max(0, f.quota - f.registered - f.pending_entitled)
    called = f.reserves_in_order[:vacancies]
    return ctx.result(called, "ktmu.adm.promote.called", vacancies=vacancies, called=called or ["—"])
