"""OshSU Regulation on Academic Mobility — clause 4.8, duties of the host (КАОЖ) and home (ЖибОЖ) institution.

OshSU is the host of incoming students (workflow §4.3) and the home of outgoing ones (§4.1, §4.4).
Money duties (HOME-2, HOST-5) are in :mod:`bilim.regulations.mobility.finance`, the own-initiative
staff trip (HOME-4) in :mod:`bilim.regulations.mobility.staff`.

Public functions for the apps:

* ``incoming_coordinator`` (OSU-4.8-HOST-1) and ``incoming_groups`` (OSU-4.8-HOST-3) — before STUDYING;
* ``incoming_results_documents`` (OSU-4.8-HOST-4) — what OshSU issues at the end of an incoming stay;
* ``non_standard_recognition_target`` (OSU-4.8-HOME-1) — UNIV_COMP / ELECTIVE for subjects outside the standard;
* ``default_recognition`` (OSU-4.8-HOME-3) — a passed host course is recognised unless refused with reasons;
* ``departure_order`` (OSU-4.8-HOME-5) — nobody is ABROAD / ON_TRIP without the order.
"""

from __future__ import annotations

from typing import Literal

from bilim.regulations.core import Ctx, ExceptionCase, Facts, Outcome, resolve_exceptions, rule


class Coordinator(Facts):
    """The coordinator assigned to an incoming student (None = none yet)."""

    coordinator_id: str | None = None
    coordinator_is_curator: bool = False


@rule("OSU-4.8-HOST-1")
def incoming_coordinator(f: Coordinator, ctx: Ctx) -> Outcome:
    """«…маалыматтык-моралдык колдоо көрсөтүү үчүн кураторлордун арасынан атайын координаторлорду дайындайт».

    An incoming student may start STUDYING only with a coordinator assigned, chosen from among the
    curators (FAIL otherwise).
    """
    if f.coordinator_id is None:
        return ctx.fail("osu.host.coordinator.missing")
    if not f.coordinator_is_curator:
        return ctx.fail("osu.host.coordinator.not_curator", coordinator=f.coordinator_id)
    return ctx.passed("osu.host.coordinator.ok", coordinator=f.coordinator_id)


class GroupAssignment(Facts):
    """One AVN group an incoming student is enrolled in."""

    group_code: str
    regular: bool  # a regular academic group of OshSU students (not a separate group of visitors)


class IncomingGroups(Facts):
    """The groups an incoming student is enrolled in."""

    groups: tuple[GroupAssignment, ...] = ()


@rule("OSU-4.8-HOST-3")
def incoming_groups(f: IncomingGroups, ctx: Ctx) -> Outcome:
    """«жиберген окуу жайдын студенттерин тийиштүү тайпаларга киргизип, өздөрүнүн студенттери менен
    биргеликте окутат».

    PASS when the incoming student is enrolled in at least one regular group taught with OshSU's own
    students; FAIL otherwise (a separate visitors' group does not count).
    """
    regular = [g.group_code for g in f.groups if g.regular]
    if not regular:
        return ctx.fail("osu.host.groups.none")
    return ctx.passed("osu.host.groups.ok", groups=regular)


class IssuedResult(Facts):
    """A discipline on the results document OshSU issues to an incoming student."""

    discipline: str
    credits: str | None = None
    grade: str | None = None


class IncomingResults(Facts):
    """What OshSU (as host) issues at the end of an incoming stay."""

    term: Literal["SHORT", "LONG"]
    documents_issued: frozenset[str] = frozenset()
    results: tuple[IssuedResult, ...] = ()


@rule("OSU-4.8-HOST-4")
def incoming_results_documents(f: IncomingResults, ctx: Ctx) -> Outcome:
    """«окуунун жыйынтыгы боюнча мобилдүү студенттерге өтүлгөн дисциплиналардын тизмеси, алар боюнча
    алынган баалар көрсөтүлгөн жеке ведомостторду, транскрипттерди, сертификаттарды ж.б. документтерди берет».

    Long-term: an individual statement or a transcript is issued and lists every discipline with its
    grade (FAIL names disciplines without a grade). Short-term: an hours reference or a participation
    certificate (OSU-1.3.5-3).
    """
    if f.term == "SHORT":
        if f.documents_issued & {"HOURS_CERTIFICATE", "PARTICIPATION_CERTIFICATE", "TRANSCRIPT", "INDIVIDUAL_STATEMENT"}:
            return ctx.passed("osu.host.results.ok")
        return ctx.fail("osu.host.results.no_certificate")
    if not f.documents_issued & {"TRANSCRIPT", "INDIVIDUAL_STATEMENT"}:
        return ctx.fail("osu.host.results.no_transcript")
    if not f.results:
        return ctx.fail("osu.host.results.no_disciplines")
    ungraded = [r.discipline for r in f.results if not r.grade]
    if ungraded:
        return ctx.fail("osu.host.results.ungraded", disciplines=ungraded)
    return ctx.passed("osu.host.results.ok")


class NonStandardSubject(Facts):
    """A host subject, whether it is in the state educational standard, and the recognition target proposed."""

    in_state_standard: bool
    target: Literal["DISCIPLINE", "UNIV_COMP", "ELECTIVE"]


@rule("OSU-4.8-HOME-1")
def non_standard_recognition_target(f: NonStandardSubject, ctx: Ctx) -> Outcome:
    """«…мамлекеттик стандартта жок предметтер боюнча топтогон кредиттерин жиберген окуу жай ЖОЖ
    компоненттери жана тандоо курстары катары тааныйт».

    Credits of a subject absent from the state standard are recognised as university component or
    elective (FAIL for any other target); subjects of the standard are outside this rule (PASS).
    """
    if f.in_state_standard:
        return ctx.passed("osu.home.target.standard")
    targets = ctx.param("osu.home.non_standard_targets")
    if f.target not in targets:
        return ctx.fail("osu.home.target.wrong", target=f.target, allowed=targets)
    return ctx.passed("osu.home.target.ok", target=f.target)


class HostCourseDecision(Facts):
    """A host course result and the faculty's decision on it (None = none recorded)."""

    host_outcome: Literal["PASSED", "UNSATISFACTORY"]
    refused: bool = False
    refusal_reason: str | None = None


@rule("OSU-4.8-HOME-3")
def default_recognition(f: HostCourseDecision, ctx: Ctx) -> Outcome:
    """«КАОЖдо окулган курстарды жана топтолгон кредиттерди ЖибОЖ жана анын тийиштүү түзүмдөрү
    тааныйт жана тапшырылды деп эсептейт».

    The decision for a passed host course is RECOGNISED by default; the only exception is a reasoned
    refusal (OSU-4.8-FD-12) — a refusal without reasons is void and the default stands. A course graded
    unsatisfactory is NOT_PASSED (it feeds OSU-4.8-FD-5/6).
    """
    if f.host_outcome == "UNSATISFACTORY":
        return ctx.result("NOT_PASSED", "osu.home.recognition.failed")
    exception = resolve_exceptions(
        [
            ExceptionCase(
                priority=1,
                rule_id="OSU-4.8-FD-12",
                applies=f.refused and bool(f.refusal_reason and f.refusal_reason.strip()),
                value="REFUSED",
                message_key="osu.home.recognition.refused",
            )
        ]
    )
    if exception is not None:
        return ctx.result(exception.value, exception.message_key, reason=f.refusal_reason)
    if f.refused:
        return ctx.result("RECOGNISED", "osu.home.recognition.refusal_void")
    return ctx.result("RECOGNISED", "osu.home.recognition.default")


class OrderFacts(Facts):
    """The participant and the order issued for his/her departure (None = no order)."""

    participant_type: Literal["STUDENT", "STAFF"]
    order_kind: Literal["STUDENT_DEPARTURE", "STAFF_TRIP"] | None = None
    signed_by: Literal["RECTOR", "VICE_RECTOR", "DEAN", "OTHER"] | None = None


@rule("OSU-4.8-HOME-5")
def departure_order(f: OrderFacts, ctx: Ctx) -> Outcome:
    """«студенттердин жана ИПКнын КАОЖго баруусун тийиштүү буйрукту чыгаруу менен камсыздайт».

    ABROAD (student) / ON_TRIP (staff) requires the corresponding order: STUDENT_DEPARTURE signed by the
    rector or a vice-rector (OSU-1.4-2, A-44), STAFF_TRIP signed by the rector (OSU-4.8-STAFF-1).
    """
    expected = "STUDENT_DEPARTURE" if f.participant_type == "STUDENT" else "STAFF_TRIP"
    if f.order_kind != expected:
        return ctx.fail("osu.home.order.missing", kind=expected)
    signers = ctx.param("osu.home.student_order_signers" if f.participant_type == "STUDENT" else "osu.staff.order_signers")
    if f.signed_by not in signers:
        return ctx.fail("osu.home.order.wrong_signer", signer=f.signed_by, allowed=signers)
    return ctx.passed("osu.home.order.ok", kind=expected)


class IncomingPlanItem(Facts):
    """One discipline of an incoming student's plan at OshSU and how it is taught."""

    discipline: str
    mode: Literal["REGULAR_GROUP", "INDIVIDUAL_ONLINE", "DISTANCE_BY_HOME"]
    in_oshsu_curricula: bool  # OshSU teaches this discipline in one of its curricula


class IncomingPlan(Facts):
    """The incoming student's study plan."""

    items: tuple[IncomingPlanItem, ...] = ()


@rule("OSU-4.8-HOST-2")
def incoming_plan_modes(f: IncomingPlan, ctx: Ctx) -> Outcome:
    """«студенттерге алардын окуу пландарында жок айрым предметтерди online түрдө жекече окутуу
    мүмкүнчүлүктөрүн караштырат же кээ бир предметтерди дистанттык технологияны пайдаланып окутуу жана
    модулдарды кабыл алууга уруксат берет».

    Individual online teaching and distance modules of the home institution are for subjects absent from
    OshSU's curricula (A-51): such an item on a subject OshSU teaches is a FAIL — the student joins the
    regular group instead (OSU-4.8-HOST-3).
    """
    wrong = [i.discipline for i in f.items if i.mode != "REGULAR_GROUP" and i.in_oshsu_curricula]
    if wrong:
        return ctx.fail("osu.host.plan.taught_here", disciplines=wrong)
    return ctx.passed("osu.host.plan.ok", count=len(f.items))
