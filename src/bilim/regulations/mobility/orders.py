"""OshSU mobility — orders and their preconditions (1.4, 4.3; 4.8 VDIR-5, VDIR-9).

* OSU-1.4-1 — staff mobility is a business trip with the dean's consent (ERRATA 11: the dean consents
  after the head of department has approved);
* OSU-1.4-2 — student mobility by a rector's (vice-rector's) order;
* OSU-4.3-1 — the host's official invitation letter is the basis of every outgoing mobility;
* OSU-4.8-VDIR-5 — orientation/briefing after the invitation, before the departure order;
* OSU-4.8-VDIR-9 — departure and return orders in AiDoc, timely; departure needs the invitation and,
  for long-term mobility, the ISP gate of :func:`bilim.regulations.mobility.isp.isp_ready_for_departure`.

Public functions for the apps::

    staff_trip_dean_consent, student_order_check, invitation_basis_check,
    briefing_check, departure_order_check, return_order_check
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from bilim.regulations.core import Ctx, Facts, Outcome, Verdict, rule
from bilim.regulations.mobility.isp import IspGateFacts, isp_ready_for_departure


class StaffConsentFacts(Facts):
    """A staff trip: head of department's approval, the dean's consent and the trip order (dates)."""

    start_date: dt.date
    end_date: dt.date
    hod_approved_on: dt.date | None = None
    dean_consent_on: dt.date | None = None
    trip_order_on: dt.date | None = None


@rule("OSU-1.4-1")
def staff_trip_dean_consent(f: StaffConsentFacts, ctx: Ctx) -> Outcome:
    """«ИПКнын сырткы жана ички академиялык мобилдүүлүгү жана иш сапарлары декандын (директордун) макулдугу
    менен белгилүү бир мөөнөткө … командировкага жиберүү…»

    PASS when the trip has dates (end not before start), the dean's consent is recorded after the head
    of department's approval (ERRATA 11) and no later than the trip order; FAIL otherwise.
    """
    if f.end_date < f.start_date:
        return ctx.fail("osu.term.invalid_period", start=f.start_date, end=f.end_date)
    if f.dean_consent_on is None:
        return ctx.fail("osu.staff_consent.missing")
    if f.hod_approved_on is None or f.dean_consent_on < f.hod_approved_on:
        return ctx.fail("osu.staff_consent.before_hod", consent=f.dean_consent_on)
    if f.trip_order_on is not None and f.trip_order_on < f.dean_consent_on:
        return ctx.fail("osu.staff_consent.after_order", consent=f.dean_consent_on, order=f.trip_order_on)
    return ctx.passed("osu.staff_consent.ok", consent=f.dean_consent_on)


class Order(Facts):
    """An order in AiDoc."""

    kind: Literal["STUDENT_DEPARTURE", "STUDENT_RETURN", "STAFF_TRIP"]
    signed_by: Literal["RECTOR", "VICE_RECTOR", "DEAN", "OTHER"]
    date: dt.date
    aidoc_ref: str | None = None


class StudentOrderFacts(Facts):
    """An outgoing student mobility about to go ABROAD and its departure order (if any)."""

    departure_order: Order | None


@rule("OSU-1.4-2")
def student_order_check(f: StudentOrderFacts, ctx: Ctx) -> Outcome:
    """«…ал эми студенттердики окуу жүктөмдөрүн аткаруу үчүн ректордун (проректордун) буйругуна ылайык
    жүргүзүлөт»

    A student mobility (long- or short-term) goes ABROAD only with a STUDENT_DEPARTURE order signed by the
    rector or a vice-rector; FAIL otherwise.
    """
    o = f.departure_order
    if o is None or o.kind != "STUDENT_DEPARTURE":
        return ctx.fail("osu.student_order.missing")
    signatories = ctx.param("osu.order_signatories")
    if o.signed_by not in signatories:
        return ctx.fail("osu.student_order.wrong_signatory", signed_by=o.signed_by, allowed=signatories)
    return ctx.passed("osu.student_order.ok", signed_by=o.signed_by, date=o.date)


class InvitationFacts(Facts):
    """An outgoing mobility's host and the invitation letter on file (issuer)."""

    direction: Literal["OUTGOING", "INCOMING"]
    host: str
    invitation_letter_issuer: str | None = None


@rule("OSU-4.3-1")
def invitation_basis_check(f: InvitationFacts, ctx: Ctx) -> Outcome:
    """«Башка билим берүү жана илимий мекемелердин расмий чакыруу каты академиялык мобилдүүлүктү ишке
    ашырууга негиз болот»

    Outgoing mobility (student or staff): PASS when an official invitation letter issued by the host is
    on file; FAIL otherwise. Incoming mobility: not applicable (PASS).
    """
    if f.direction == "INCOMING":
        return ctx.passed("osu.invitation.not_applicable")
    if not f.invitation_letter_issuer:
        return ctx.fail("osu.invitation.missing", host=f.host)
    if f.invitation_letter_issuer.strip().casefold() != f.host.strip().casefold():
        return ctx.fail("osu.invitation.wrong_issuer", host=f.host, issuer=f.invitation_letter_issuer)
    return ctx.passed("osu.invitation.ok", host=f.host)


class BriefingFacts(Facts):
    """Orientation/briefing of a departing student."""

    invitation_received_on: dt.date | None
    briefing_date: dt.date | None
    attendance_recorded: bool = False
    departure_order_date: dt.date | None = None


@rule("OSU-4.8-VDIR-5")
def briefing_check(f: BriefingFacts, ctx: Ctx) -> Outcome:
    """«чакыруу катын алгандан кийин кетүүчү студенттер менен багыттоочу иш-чараларды өткөрүп, аларга
    инструктаж берет»

    PASS when the briefing took place on or after the day the invitation letter was received, the
    student's attendance is recorded, and it precedes (or falls on the day of) the departure order.
    """
    if f.briefing_date is None or not f.attendance_recorded:
        return ctx.fail("osu.briefing.missing")
    if f.invitation_received_on is None or f.briefing_date < f.invitation_received_on:
        return ctx.fail("osu.briefing.before_invitation", briefing=f.briefing_date)
    if f.departure_order_date is not None and f.briefing_date > f.departure_order_date:
        return ctx.fail("osu.briefing.after_order", briefing=f.briefing_date, order=f.departure_order_date)
    return ctx.passed("osu.briefing.ok", briefing=f.briefing_date)


class DepartureOrderFacts(Facts):
    """What the departure order rests on: the invitation, the ISP gate facts and the order itself."""

    invitation_letter: bool
    isp_gate: IspGateFacts
    order_date: dt.date
    aidoc_ref: str | None = None


@rule("OSU-4.8-VDIR-9")
def departure_order_check(f: DepartureOrderFacts, ctx: Ctx) -> Outcome:
    """«КАОЖдун чакыруу катынын жана түзүлгөн жекече окуу пландардын негизинде студенттерге буйруктардын
    (жиберилген жана кайтып келген учурда) AiDoc системасы аркылуу өз убагында чыгарылышын камсыздайт»

    Departure order: requires the invitation letter, the ISP gate for long-term mobility (ERRATA 10; a
    provisional ISP warns), an AiDoc reference, and an order date no later than the first day of the stay.
    """
    if not f.invitation_letter:
        return ctx.fail("osu.order.no_invitation")
    gate = ctx.sub(isp_ready_for_departure, f.isp_gate)
    if gate.value == Verdict.FAIL:
        return ctx.fail("osu.order.isp_gate")
    if not f.aidoc_ref:
        return ctx.fail("osu.order.no_aidoc")
    if f.order_date > f.isp_gate.start_date:
        return ctx.fail("osu.order.late", order=f.order_date, start=f.isp_gate.start_date)
    if gate.value == Verdict.WARN:
        return ctx.warn("osu.order.ok_provisional", order=f.order_date, aidoc=f.aidoc_ref)
    return ctx.passed("osu.order.ok", order=f.order_date, aidoc=f.aidoc_ref)


class ReturnOrderFacts(Facts):
    """The end of the stay and the return order (if issued)."""

    end_date: dt.date
    return_order_date: dt.date | None = None
    aidoc_ref: str | None = None


@rule("OSU-4.8-VDIR-9", kind="helper")
def return_order_check(f: ReturnOrderFacts, ctx: Ctx) -> Outcome:
    """«… буйруктардын (жиберилген жана кайтып келген учурда) AiDoc системасы аркылуу өз убагында
    чыгарылышын камсыздайт жана бул иш-аракеттин кечиктирилишине жол бербейт»

    Return order: issued on or after the last day of the stay, with an AiDoc reference (PASS). Not yet
    issued: WARN once ``osu.order_sla_days`` after the end have passed (the regulation sets no number,
    A-43: with no SLA set it stays PASS, pending).
    """
    if f.return_order_date is None:
        sla = ctx.param("osu.order_sla_days")
        if sla is not None and (ctx.as_of - f.end_date).days > int(sla):
            return ctx.warn("osu.return_order.overdue", end=f.end_date, days=sla)
        return ctx.passed("osu.return_order.pending", end=f.end_date)
    if f.return_order_date < f.end_date:
        return ctx.fail("osu.return_order.before_end", order=f.return_order_date, end=f.end_date)
    if not f.aidoc_ref:
        return ctx.fail("osu.order.no_aidoc")
    return ctx.passed("osu.return_order.ok", order=f.return_order_date, aidoc=f.aidoc_ref)
