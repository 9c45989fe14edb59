"""OshSU Regulation on Academic Mobility — clause 4.8, academic staff (ИПК, `STAFF`) and OSU-4.8-HOME-4.

ERRATA applied: 11 (approval chain HOD → DEAN → PJL when project-funded → VR-SCI; the dean's consent
is the DEAN step, given only after the head of department), 18 (class-substitution information for
trips abroad; optional for domestic trips by default).

Public functions for the apps:

* ``trip_order_basis`` (OSU-4.8-STAFF-1) — ON_TRIP needs the rector's order and the inviting party's document;
* ``trip_documents`` and ``class_substitution`` (OSU-4.8-STAFF-2);
* ``approval_chain`` / ``approval_state`` (OSU-4.8-STAFF-3) — the chain and where an application stands;
* ``expense_report_due`` / ``expense_report_status`` (OSU-4.8-STAFF-5) — 5 working days, university-funded only;
* ``trip_report_presented`` (OSU-4.8-STAFF-6);
* ``trip_classification`` (OSU-4.8-STAFF-7) — OFFICIAL or PERSONAL;
* ``personal_trip_funding`` (OSU-4.8-STAFF-8), ``own_initiative_leave`` (OSU-4.8-HOME-4).
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from bilim.regulations.core import Ctx, Facts, Outcome, RuleError, rule
from bilim.regulations.mobility.classification import mobility_term

Role = Literal["HOD", "DEAN", "PJL", "VR_SCI"]


class TripOrderBasis(Facts):
    """The order and the inviting party's document a staff trip rests on."""

    order_kind: Literal["STAFF_TRIP", "STUDENT_DEPARTURE", "OTHER"] | None = None
    order_signed_by: Literal["RECTOR", "VICE_RECTOR", "DEAN", "OTHER"] | None = None
    invitation_document: bool = False  # official document of the inviting party


@rule("OSU-4.8-STAFF-1")
def trip_order_basis(f: TripOrderBasis, ctx: Ctx) -> Outcome:
    """«…чет өлкөгө жана өлкө ичинде иш сапарга жиберилүүсү ректордун буйругунун жана чакыруучу тараптын
    расмий документинин негизинде жүргүзүлөт».

    A staff member may be ON_TRIP only on a STAFF_TRIP order signed by the rector and an official
    document of the inviting party; FAIL names what is missing.
    """
    missing = []
    if f.order_kind != "STAFF_TRIP" or f.order_signed_by not in ctx.param("osu.staff.order_signers"):
        missing.append("RECTOR_ORDER")
    if not f.invitation_document:
        missing.append("INVITATION_DOCUMENT")
    if missing:
        return ctx.fail("osu.staff.basis.missing", items=missing)
    return ctx.passed("osu.staff.basis.ok")


class TripDocuments(Facts):
    """Documents a staff member brings to IRD."""

    documents: frozenset[str] = frozenset()
    application_handwritten: bool = False


@rule("OSU-4.8-STAFF-2")
def trip_documents(f: TripDocuments, ctx: Ctx) -> Outcome:
    """«Бул үчүн ЭАБДга төмөнкү документтерди алып келет: өз колу менен ректордун атына жазган арызы;
    чакыруунун көчүрмөсү; … кафедра башчынын маалыматы жана декандын макулдугу».

    At submission: the application to the rector written in the staff member's own hand and a copy of
    the invitation (FAIL names what is missing). The substitution information is the head of
    department's (``class_substitution``); the dean's consent is the DEAN step of OSU-4.8-STAFF-3, which
    follows the head of department (ERRATA 11, A-40), so it is not asked at submission.
    """
    missing = []
    if "APPLICATION_TO_RECTOR" not in f.documents:
        missing.append("APPLICATION_TO_RECTOR")
    elif not f.application_handwritten:
        missing.append("APPLICATION_TO_RECTOR (handwritten)")
    if "INVITATION_COPY" not in f.documents:
        missing.append("INVITATION_COPY")
    if missing:
        return ctx.fail("osu.staff.documents.missing", documents=missing)
    return ctx.passed("osu.staff.documents.ok")


class ClassDuringTrip(Facts):
    """One class of the staff member and its substitute (None = not arranged)."""

    date: dt.date
    course: str
    substitute: str | None = None


class Substitution(Facts):
    """The trip period, its scope and the classes of the staff member with their substitutes."""

    scope: Literal["EXTERNAL", "INTERNAL"]
    start_date: dt.date
    end_date: dt.date
    substitution_info_given: bool = False
    classes: tuple[ClassDuringTrip, ...] = ()


@rule("OSU-4.8-STAFF-2", kind="helper")
def class_substitution(f: Substitution, ctx: Ctx) -> Outcome:
    """«чет өлкөгө сапарга чыгуу мезгилинде сабактарын алмаштырып туруу жөнүндөгү кафедра башчынын маалыматы».

    For a trip abroad the head of department's information must be given and name a substitute for every
    class of the staff member between the first and last day of the trip (inclusive). ERRATA 18: for a
    domestic trip it is optional (PASS) unless ``osu.staff.substitution_info_domestic_required`` (A-34).
    """
    required = f.scope == "EXTERNAL" or ctx.param("osu.staff.substitution_info_domestic_required")
    if not required:
        return ctx.passed("osu.staff.substitution.optional")
    if not f.substitution_info_given:
        return ctx.fail("osu.staff.substitution.missing")
    uncovered = [
        f"{c.course} {c.date.isoformat()}"
        for c in f.classes
        if f.start_date <= c.date <= f.end_date and not c.substitute
    ]
    if uncovered:
        return ctx.fail("osu.staff.substitution.uncovered", classes=uncovered)
    return ctx.passed("osu.staff.substitution.ok")


class Approval(Facts):
    """One decision on the staff application."""

    role: Role
    decision: Literal["APPROVED", "REJECTED"]
    on: dt.date
    reason: str | None = None


class StaffApplication(Facts):
    """Whether the trip is funded within a research project, and the decisions given so far."""

    project_funded: bool
    approvals: tuple[Approval, ...] = ()


def approval_chain(project_funded: bool, on: dt.date) -> list[str]:
    """HOD → DEAN → (PJL if project-funded) → VR_SCI, from ``osu.staff.approval_chain``."""
    from bilim.regulations.core import params

    chain = list(params.get("osu.staff.approval_chain", on).value)
    return [r for r in chain if r != "PJL" or project_funded]


@rule("OSU-4.8-STAFF-3")
def approval_state(f: StaffApplication, ctx: Ctx) -> Outcome:
    """«окутуучунун жана кызматкерлердин арызы төмөнкүдөй тартипте макулдашылат: кафедра башчысы;
    факультеттин деканы; долбоордун жетекчиси (эгер сапар илимий долбоордун алкагында каржыланса);
    илимий иштер боюнча проректор».

    Returns the state of the application: ``APPROVAL_<ROLE>`` of the next step, ``READY_FOR_ORDER`` when
    all approved, ``REJECTED`` (a rejection needs a reason — without one it is ignored and the step stays
    open). Steps are strictly sequential (ERRATA 11): a decision by a role whose turn has not come, or
    dated before the previous approval, raises RuleError (the apps never record it). PJL decides only on
    project-funded trips.
    """
    chain = approval_chain(f.project_funded, ctx.as_of)
    ctx.param("osu.staff.approval_chain")
    step = 0
    last_date: dt.date | None = None
    for a in sorted(f.approvals, key=lambda a: (a.on, chain.index(a.role) if a.role in chain else 99)):
        if step >= len(chain) or a.role != chain[step]:
            raise RuleError(f"{a.role} decided out of turn (expected {chain[step] if step < len(chain) else 'none'})")
        if last_date is not None and a.on < last_date:
            raise RuleError(f"{a.role} decided before the previous step")
        if a.decision == "REJECTED":
            if a.reason and a.reason.strip():
                return ctx.result("REJECTED", "osu.staff.chain.rejected", role=a.role, reason=a.reason)
            continue  # an unreasoned rejection does not count; the step stays open
        step += 1
        last_date = a.on
    if step == len(chain):
        return ctx.result("READY_FOR_ORDER", "osu.staff.chain.complete", chain=chain)
    return ctx.result(f"APPROVAL_{chain[step]}", "osu.staff.chain.next", role=chain[step], chain=chain)


class ExpenseReport(Facts):
    """Funding of a staff trip, the return date and the day the advance expense report reached accounting."""

    funding_sources: tuple[str, ...]
    return_date: dt.date
    report_submitted_on: dt.date | None = None


@rule("OSU-4.8-STAFF-5", kind="helper")
def expense_report_due(f: ExpenseReport, ctx: Ctx) -> Outcome:
    """«…сапарын өтөп келгенден кийин 5 (беш) жумушчу күндүн ичинде бухгалтерияга … алдын ала отчет
    берет (эгер сапар университет тарабынан каржыланса)».

    The due date is the 5th working day after the return date (the return day is not counted; weekends,
    Kyrgyz public holidays and closures skipped, listed in the explanation) — only when the university
    funds the trip in whole or in part (A-16); otherwise the value is None (no report owed).
    """
    if "UNIVERSITY" not in f.funding_sources:
        return ctx.result(None, "osu.staff.expense.not_required")
    days = int(ctx.param("osu.staff.expense_report_working_days"))
    deadline = ctx.calendar.add_working_days(f.return_date, days)
    return ctx.result(
        deadline.due, "osu.staff.expense.due", skipped=deadline.skipped, due=deadline.due, days=days, returned=f.return_date
    )


@rule("OSU-4.8-STAFF-5")
def expense_report_status(f: ExpenseReport, ctx: Ctx) -> Outcome:
    """«…5 (беш) жумушчу күндүн ичинде бухгалтерияга … алдын ала отчет берет…»

    NOT_REQUIRED (no university money), ON_TIME (handed in on or before the due day), OVERDUE once the due
    day has passed without the report on time — not handed in as of the evaluation date (notify staff
    member, accounting, head of department) or handed in after it: the catalogue's flag («…else flag
    OVERDUE») stays on a late report, the message says when it came; PENDING otherwise.
    """
    due_outcome = ctx.sub(expense_report_due, f)
    due = due_outcome.value
    skipped = due_outcome.explanation.skipped
    if due is None:
        return ctx.result("NOT_REQUIRED", "osu.staff.expense.not_required")
    if f.report_submitted_on is not None:
        if f.report_submitted_on <= due:
            return ctx.result("ON_TIME", "osu.staff.expense.on_time", skipped=skipped, due=due)
        return ctx.result("OVERDUE", "osu.staff.expense.late", skipped=skipped, due=due, on=f.report_submitted_on)
    if ctx.as_of > due:
        return ctx.result("OVERDUE", "osu.staff.expense.overdue", skipped=skipped, due=due)
    return ctx.result("PENDING", "osu.staff.expense.pending", skipped=skipped, due=due)


class TripReport(Facts):
    """Return date and the dates of the department discussion and the faculty presentation of the trip report."""

    return_date: dt.date
    department_discussion_on: dt.date | None = None
    faculty_presentation_on: dt.date | None = None


@rule("OSU-4.8-STAFF-6")
def trip_report_presented(f: TripReport, ctx: Ctx) -> Outcome:
    """«мындан сырткары сапардын жыйынтыгы боюнча отчетту кафедраларда талкуулап, факультетте презентациялайт».

    The trip may be CLOSED only when the report was discussed at the department and then presented at
    the faculty, both on or after the return date, the presentation not before the discussion
    ("талкуулап, … презентациялайт"); no deadline is set (A-43).
    """
    if f.department_discussion_on is None or f.faculty_presentation_on is None:
        missing = [
            n
            for n, d in (("DEPARTMENT_DISCUSSION", f.department_discussion_on), ("FACULTY_PRESENTATION", f.faculty_presentation_on))
            if d is None
        ]
        return ctx.fail("osu.staff.report.missing", items=missing)
    if f.department_discussion_on < f.return_date:
        return ctx.fail("osu.staff.report.before_return", on=f.department_discussion_on, returned=f.return_date)
    if f.faculty_presentation_on < f.department_discussion_on:
        return ctx.fail(
            "osu.staff.report.order", presented=f.faculty_presentation_on, discussed=f.department_discussion_on
        )
    return ctx.passed("osu.staff.report.ok")


class TripKind(Facts):
    """A staff trip's dates and whether its results count in the university's rating system."""

    start_date: dt.date
    end_date: dt.date
    affects_rating: bool


@rule("OSU-4.8-STAFF-7")
def trip_classification(f: TripKind, ctx: Ctx) -> Outcome:
    """«кыска мөөнөттүү жана жыйынтыгы ЖОЖдун рейтингдик системасына таасирин тийгизген сапарлардан
    сырткары учурларда өз демилгеси менен … жеке иш сапары менен чыга алат».

    Proposes OFFICIAL for a trip that is short-term (OSU-1.3.5-2, same calendar-month test as students,
    A-08) or affects the rating, and PERSONAL (own initiative, unpaid leave, no university money)
    otherwise. A-19: ``osu.staff.official_trip_combination`` OR (default) / AND. The approvers decide.
    """
    term = ctx.sub(mobility_term, {"start_date": f.start_date, "end_date": f.end_date}).value
    if term == "INVALID":
        raise RuleError("end date before start date")
    short = term == "SHORT"
    how = ctx.param("osu.staff.official_trip_combination")
    official = (short or f.affects_rating) if how == "OR" else (short and f.affects_rating)
    key = "osu.staff.kind.official" if official else "osu.staff.kind.personal"
    return ctx.result("OFFICIAL" if official else "PERSONAL", key, short=short, rating=f.affects_rating)


class PersonalTripFunding(Facts):
    """Whether the trip is on the staff member's own initiative, and its funding sources."""

    own_initiative: bool
    funding_sources: tuple[str, ...]


@rule("OSU-4.8-STAFF-8")
def personal_trip_funding(f: PersonalTripFunding, ctx: Ctx) -> Outcome:
    """«Мындай учурда сапар чыгымдары чакыруучу тараптын, демөөрчүлөрдүн жана жеке өзүнүн каражаттарынын
    эсебинен төлөнөт».

    A personal (own-initiative) trip is paid only by the inviting party, sponsors and the staff member
    (FAIL names other sources, e.g. UNIVERSITY); hence no expense report under OSU-4.8-STAFF-5.
    """
    if not f.own_initiative:
        return ctx.passed("osu.staff.funding.official")
    allowed = ctx.param("osu.staff.personal_trip_funding")
    other = [s for s in f.funding_sources if s not in allowed]
    if other or not f.funding_sources:
        return ctx.fail("osu.staff.funding.not_allowed", sources=other or ["—"], allowed=allowed)
    return ctx.passed("osu.staff.funding.ok", sources=list(f.funding_sources))


class OwnInitiativeLeave(Facts):
    """Whether the trip is on the staff member's own initiative and the leave type of the order."""

    own_initiative: bool
    leave_type: Literal["BUSINESS_TRIP", "UNPAID_LEAVE", "ANNUAL_LEAVE"]


@rule("OSU-4.8-HOME-4")
def own_initiative_leave(f: OwnInitiativeLeave, ctx: Ctx) -> Outcome:
    """«эгерде ИПК өз демилгеси менен башка ЖОЖдорго же уюмдарга иш сапарга барса, ага документтерин
    даярдоого көмөктөшөт жана аны өз эсебинен каржылануучу өргүүгө сунуштайт» (A-20).

    An own-initiative trip is proposed as leave at the staff member's own expense (UNPAID_LEAVE), not
    as a paid business trip (FAIL otherwise); funding is checked by OSU-4.8-STAFF-8.
    """
    if not f.own_initiative:
        return ctx.passed("osu.staff.leave.official")
    if f.leave_type != "UNPAID_LEAVE":
        return ctx.fail("osu.staff.leave.wrong", leave=f.leave_type)
    return ctx.passed("osu.staff.leave.ok")
