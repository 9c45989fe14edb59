"""OshSU Regulation on Academic Mobility — clause 4.8, duties and rights of the student (`STU`).

Covers OSU-4.8-STU-1…5, 8…13, 15, 17…23 (the financial bullets STU-14/16 are in
:mod:`bilim.regulations.mobility.finance`). ERRATA applied: 4 and 15 (one-month deadline from the
end of the stay at the host, covering only the results documents and the report), 9 (what enters
the 15-credit sum), 10 (the ISP gate is a milestone: agreed, approved **and** handed to IRD),
14 (contract debt blocks exchange programmes; a warning on individual bases), 19 (windows are for
semester-length mobility only).

Public functions for the apps:

* ``application_host_ok`` (STU-1), ``application_fields`` (STU-2), ``documents_complete`` (STU-3) and the
  checklist ``required_documents(level, term, language_certificate_required, on)``;
* ``isp_status`` (STU-4) and ``isp_milestone_reached``; ``provisional_isp_allowed`` (STU-8);
  ``isp_change_application`` / ``isp_version_for_recognition`` (STU-9);
* ``departure_allowed`` (STU-5, the composite gate before the departure order);
* ``academic_debts`` (STU-10), ``dlt_channels_ok`` (STU-11);
* ``results_documents_due`` / ``results_documents_status`` / ``results_documents_content`` (STU-12), ``recognition_application_ok`` (STU-13);
* ``contract_debt`` (STU-15), ``closing_report`` (STU-17), ``may_participate_again`` (STU-18);
* ``year_of_study_window`` (STU-19…23, rule) and ``window_ok`` (plain function, for batches).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Literal

from bilim.regulations.core import Ctx, Facts, Outcome, RuleError, Verdict, rule
from bilim.regulations.core import params as _params

Level = Literal["COLLEGE", "BACHELOR", "MASTER"]
Scope = Literal["EXTERNAL", "INTERNAL"]
Term = Literal["SHORT", "LONG"]
FundingBasis = Literal["BUDGET", "CONTRACT"]
Basis = Literal[
    "INTERSTATE_AGREEMENT",
    "INSTITUTIONAL_AGREEMENT",
    "PROJECT",
    "ASSOCIATION_OR_CONSORTIUM",
    "PROGRAMME",
    "INDIVIDUAL_INVITATION",
    "INDIVIDUAL_INITIATIVE",
]
IspStatus = Literal["DRAFT", "AGREED", "APPROVED", "SUBMITTED_TO_IRD"]

#: ISP milestones in order (OSU-4.8-STU-4); ERRATA 10: gates test "reached", never equality.
ISP_MILESTONES: tuple[str, ...] = ("DRAFT", "AGREED", "APPROVED", "SUBMITTED_TO_IRD")


@rule("OSU-4.8-STU-4", "OSU-4.8-STU-5", kind="helper")
def isp_milestone_reached(status: str, milestone: str = "SUBMITTED_TO_IRD") -> bool:
    """True when an ISP in ``status`` has reached ``milestone`` (or a later one)."""
    return ISP_MILESTONES.index(status) >= ISP_MILESTONES.index(milestone)


# --- STU-1 / STU-2: the application ---------------------------------------------------------------


class AgreementPeriod(Facts):
    """A cooperation agreement of OshSU with the host: first and last day of validity (None = open-ended)."""

    valid_from: dt.date
    valid_to: dt.date | None = None


class HostChoice(Facts):
    """The host the student chose, the agreements OshSU has with it, and the intended disciplines."""

    mobility_start_date: dt.date
    term: Term
    basis: Basis
    host_agreements: tuple[AgreementPeriod, ...] = ()
    intended_disciplines: tuple[str, ...] = ()


@rule("OSU-4.8-STU-1")
def application_host_ok(f: HostChoice, ctx: Ctx) -> Outcome:
    """«…өз окуу жайы келишим түзгөн каалаган билим берүү же илимий мекемени, өз алдынча тандап,
    окуй турган дисциплиналарынын тизмесин аныктап… арыз берет».

    PASS when an agreement with the host is valid on the mobility start date; otherwise (A-06) WARN
    (flag for IRD review) when the basis is an individual invitation/initiative or a programme, and FAIL
    for any other basis. A long-term application must list the intended disciplines (FAIL if empty);
    a short-term event may have none (*inferred*).
    """
    if f.term == "LONG" and not f.intended_disciplines:
        return ctx.fail("osu.stu.application.no_disciplines")
    valid = any(
        a.valid_from <= f.mobility_start_date and (a.valid_to is None or f.mobility_start_date <= a.valid_to)
        for a in f.host_agreements
    )
    if valid:
        return ctx.passed("osu.stu.application.partner_ok", start=f.mobility_start_date)
    exempt = ctx.param("osu.stu.partner_exempt_bases")
    if f.basis in exempt:
        return ctx.warn("osu.stu.application.non_partner_review", basis=f.basis, start=f.mobility_start_date)
    return ctx.fail("osu.stu.application.no_agreement", basis=f.basis, start=f.mobility_start_date)


class MobilityApplication(Facts):
    """The student's application (D-01): the fields OSU-4.8-STU-2 names; empty = not stated."""

    purpose: str | None = None
    host_institution: str | None = None
    year_of_study: int | None = None
    language_of_instruction: str | None = None
    specialty: str | None = None
    expected_funding_source: str | None = None


@rule("OSU-4.8-STU-2")
def application_fields(f: MobilityApplication, ctx: Ctx) -> Outcome:
    """«Арызда сыртка чыгуу максаты, тандаган окуу жайы, курсу, окутуунун тили, адистиги,
    болжолдонгон каржылоо булагы ж.б. көрсөтүлөт».

    FAIL naming every required field that is missing or blank; PASS when all are stated.
    """
    required = ctx.param("osu.stu.application_required_fields")
    missing = [name for name in required if getattr(f, name, None) in (None, "")]
    if missing:
        return ctx.fail("osu.stu.application.missing_fields", fields=missing)
    return ctx.passed("osu.stu.application.complete")


# --- STU-3: documents to IRD --------------------------------------------------------------------------


class StudentDocuments(Facts):
    """Documents the student has handed to IRD, and what makes further documents necessary."""

    level: Level
    term: Term
    uploaded_documents: frozenset[str] = frozenset()
    language_certificate_required: bool = False
    isp_has_dlt_list: bool | None = None  # the ISP states its DLT disciplines (an explicit empty list counts)


def required_documents(level: str, term: str, language_certificate_required: bool, on: dt.date) -> list[str]:
    """The checklist of documents a student hands to IRD for this type of mobility (OSU-4.8-STU-3)."""
    required = list(_params.get("osu.stu.documents_required", on).value)
    if level in _params.get("osu.stu.parental_consent_exempt_levels", on).value:
        required.remove("PARENTAL_CONSENT")
    if term == "LONG":
        required.append("ISP")
    if language_certificate_required:
        required.append("LANGUAGE_CERTIFICATE")
    return required


@rule("OSU-4.8-STU-3")
def documents_complete(f: StudentDocuments, ctx: Ctx) -> Outcome:
    """«керектүү документтерди (ЖОП (дистанттык технология менен окутулуучу дисциплиналардын
    тизмесин дагы өзүнө камтууга тийиш), ата-энесинин макулдук каты (гарант-кат (6-тиркеме)),
    транскрипт, анкета (5-тиркеме), мотивациялык катты, жарандыгын аныктаган документтин
    көчүрмөсүн ж.б., зарыл болгон учурда … сертификат) ЭАБДга алып келип тапшырат».

    Required: parents' consent (App. 6; A-30: all levels unless a level is exempted by parameter),
    home transcript, questionnaire (App. 5), motivation letter, citizenship-document copy; the ISP for
    long-term mobility only, and then it must state its DLT list (ERRATA 10: never asked of a
    short-term file); the language certificate when the call or host requires one. FAIL lists what is missing.
    """
    ctx.param("osu.stu.documents_required")
    ctx.param("osu.stu.parental_consent_exempt_levels")
    required = required_documents(f.level, f.term, f.language_certificate_required, ctx.as_of)
    missing = [d for d in required if d not in f.uploaded_documents]
    if f.term == "LONG" and "ISP" in f.uploaded_documents and not f.isp_has_dlt_list:
        missing.append("ISP_DLT_LIST")
    if missing:
        return ctx.fail("osu.stu.documents.missing", documents=missing)
    return ctx.passed("osu.stu.documents.complete", count=len(required))


# --- STU-4: ISP approval chain ------------------------------------------------------------------------


class IspApprovals(Facts):
    """Dates of the ISP approvals (None = not given) and whether an approver returned it."""

    pl_agreed_on: dt.date | None = None
    vdaa_agreed_on: dt.date | None = None
    dean_approved_on: dt.date | None = None
    submitted_to_ird_on: dt.date | None = None
    returned_with_comments: bool = False


@rule("OSU-4.8-STU-4")
def isp_status(f: IspApprovals, ctx: Ctx) -> Outcome:
    """«ЖОПту программа жетекчиси, декандын (директордун) окуу иштери боюнча орун басары менен
    макулдашкан соң деканга бекиттирип, ЭАБДга берет».

    Computes the ISP status: AGREED once both PL and VDAA agreed (in any order); APPROVED only if the
    dean approved on or after the later of the two agreements; SUBMITTED_TO_IRD only if handed to IRD on
    or after the dean's approval. A step taken out of order does not count. A rejection returns the ISP
    to DRAFT.
    """
    if f.returned_with_comments:
        return ctx.result("DRAFT", "osu.stu.isp.returned")
    if f.pl_agreed_on is None or f.vdaa_agreed_on is None:
        return ctx.result("DRAFT", "osu.stu.isp.awaiting_agreement")
    agreed = max(f.pl_agreed_on, f.vdaa_agreed_on)
    if f.dean_approved_on is None:
        return ctx.result("AGREED", "osu.stu.isp.agreed", on=agreed)
    if f.dean_approved_on < agreed:
        return ctx.result("AGREED", "osu.stu.isp.dean_out_of_order", dean=f.dean_approved_on, agreed=agreed)
    if f.submitted_to_ird_on is None:
        return ctx.result("APPROVED", "osu.stu.isp.approved", on=f.dean_approved_on)
    if f.submitted_to_ird_on < f.dean_approved_on:
        return ctx.result(
            "APPROVED", "osu.stu.isp.ird_out_of_order", ird=f.submitted_to_ird_on, dean=f.dean_approved_on
        )
    return ctx.result("SUBMITTED_TO_IRD", "osu.stu.isp.submitted", on=f.submitted_to_ird_on)


# --- STU-8 / STU-9: provisional ISP, ISP change ------------------------------------------------------------


class HostCurriculum(Facts):
    """Whether the host's curricula could be obtained before departure."""

    host_curriculum_available: bool


@rule("OSU-4.8-STU-8")
def provisional_isp_allowed(f: HostCurriculum, ctx: Ctx) -> Outcome:
    """«КАОЖдордун окуу пландары алынбай калган учурда студенттер өздөрү барып, окулуучу
    дисциплиналардын тизмегин аныктап … ЖОПту түзөт».

    PASS when the host curricula could not be obtained: the student drafts the ISP at the host with
    VDAA, VDIR and PL, and the departure order may rest on a provisional ISP (A-28, the only exception
    to the ISP gate of ERRATA 10). FAIL otherwise: the final ISP must be handed to IRD before departure.
    """
    if f.host_curriculum_available:
        return ctx.fail("osu.stu.isp.provisional_not_allowed")
    return ctx.passed("osu.stu.isp.provisional_allowed")


class IspVersion(Facts):
    """One version of the ISP with its status."""

    number: int
    status: IspStatus


class IspChange(Facts):
    """An application to change the approved ISP and the versions so far."""

    addressee: Literal["DEAN", "IRD", "VDIR", "VDAA", "PROGRAMME_LEADER", "OTHER"]
    versions: tuple[IspVersion, ...]


@rule("OSU-4.8-STU-9")
def isp_change_application(f: IspChange, ctx: Ctx) -> Outcome:
    """«…бекитилген ЖОПту өзгөртүү боюнча өз факультетинин деканына арыз менен кайрыла алат».

    The change application goes to the dean of the student's faculty (FAIL otherwise) and changes an
    *approved* ISP (FAIL if no version reached APPROVED). The new version keeps the old ones as history.
    """
    if f.addressee != "DEAN":
        return ctx.fail("osu.stu.isp.change_wrong_addressee", addressee=f.addressee)
    if not any(isp_milestone_reached(v.status, "APPROVED") for v in f.versions):
        return ctx.fail("osu.stu.isp.change_nothing_approved")
    return ctx.passed("osu.stu.isp.change_ok", next_version=max(v.number for v in f.versions) + 1)


class IspHistory(Facts):
    """All versions of a student's ISP."""

    versions: tuple[IspVersion, ...]


@rule("OSU-4.8-STU-9", kind="helper")
def isp_version_for_recognition(f: IspHistory, ctx: Ctx) -> Outcome:
    """«…бекитилген ЖОПту өзгөртүү…»: recognition uses the last *approved* version.

    Returns the number of the highest version that reached APPROVED (or later), or None when no version
    was ever approved.
    """
    approved = [v.number for v in f.versions if isp_milestone_reached(v.status, "APPROVED")]
    if not approved:
        return ctx.result(None, "osu.stu.isp.none_approved")
    return ctx.result(max(approved), "osu.stu.isp.version_in_force", version=max(approved))


# --- STU-15: contract debt ------------------------------------------------------------------------------


class ContractDebt(Facts):
    """A student's funding basis, contract-payment debt and the basis of the mobility."""

    funding_basis: FundingBasis
    tuition_debt: Decimal = Decimal(0)
    basis: Basis


@rule("OSU-4.8-STU-15")
def contract_debt(f: ContractDebt, ctx: Ctx) -> Outcome:
    """«Контракттык төлөмдөн карызы бар студенттер алмашуу программаларына катыша алышпайт».

    A contract student whose debt exceeds ``osu.stu.contract_debt_max`` (0: any debt) is excluded from
    mobility under an exchange programme or agreement (FAIL). ERRATA 14: on an individual invitation or
    initiative the debt gives a WARN; the A-50 reading (block every mobility) is the alternative value
    ALL_MOBILITY of ``osu.stu.contract_debt_scope``. Evaluated at application, IRD re-check and before the
    departure order.
    """
    if f.funding_basis != "CONTRACT":
        return ctx.passed("osu.stu.debt.not_contract")
    limit = Decimal(ctx.param("osu.stu.contract_debt_max"))
    if f.tuition_debt <= limit:
        return ctx.passed("osu.stu.debt.none", debt=f.tuition_debt)
    scope = ctx.param("osu.stu.contract_debt_scope")
    if scope == "EXCHANGE_PROGRAMMES" and f.basis in ctx.param("osu.stu.contract_debt_warning_bases"):
        return ctx.warn("osu.stu.debt.individual_warning", debt=f.tuition_debt, basis=f.basis)
    return ctx.fail("osu.stu.debt.excluded", debt=f.tuition_debt, basis=f.basis)


# --- STU-19…23: year-of-study windows ---------------------------------------------------------------------


class WindowFacts(Facts):
    """Level, programme length and the regular semesters the stay overlaps (absolute numbers, 1 = year 1 sem 1)."""

    level: Level
    term: Term
    scope: Scope
    semesters_covered: tuple[int, ...]
    total_semesters: int


def _window_params(on: dt.date) -> dict[str, object]:
    get = _params.get
    return {
        "b_int": get("osu.stu.window.bachelor_internal_from", on),
        "b_ext": get("osu.stu.window.bachelor_external_from", on),
        "b_last": get("osu.stu.window.bachelor_last_offset", on),
        "m_sems": get("osu.stu.window.master_semesters", on),
        "c_from": get("osu.stu.window.college_from", on),
        "c_last": get("osu.stu.window.college_last_offset", on),
        "c_short": get("osu.stu.window.college_short_term_exempt", on),
    }


def window_ok(
    level: str, term: str, scope: str, semesters_covered: tuple[int, ...] | list[int], total_semesters: int,
    on: dt.date, p: dict[str, object] | None = None,
) -> tuple[bool, str, str, dict[str, object]]:
    """The §3.1 window function: (allowed, rule ID, message key, message values).

    ``p`` may carry the parameter uses of :func:`_window_params` (batches fetch them once).
    """
    p = p or _window_params(on)
    v = {k: u.value for k, u in p.items()}  # type: ignore[attr-defined]
    if term == "SHORT" and (level != "COLLEGE" or v["c_short"]):
        return True, "OSU-4.8-STU-22", "osu.stu.window.short_term", {}
    n = total_semesters
    for s in sorted(semesters_covered):
        if s < 1 or s > n:
            raise RuleError(f"semester {s} is outside the programme (1…{n})")
        if level == "BACHELOR":
            last = n - int(v["b_last"])
            if s < int(v["b_int"]):
                return False, "OSU-4.8-STU-19", "osu.stu.window.bachelor_first", {"semester": s}
            if s < int(v["b_ext"]) and scope != "INTERNAL":
                return False, "OSU-4.8-STU-19", "osu.stu.window.bachelor_domestic_only", {"semester": s}
            if s > last:
                return False, "OSU-4.8-STU-20", "osu.stu.window.bachelor_late", {"semester": s, "last": last}
        elif level == "MASTER":
            if s not in v["m_sems"]:
                return False, "OSU-4.8-STU-21", "osu.stu.window.master", {"semester": s, "allowed": v["m_sems"]}
        elif level == "COLLEGE":
            first, last = int(v["c_from"]), n - int(v["c_last"])
            if s < first or s > last:
                return False, "OSU-4.8-STU-23", "osu.stu.window.college", {"semester": s, "first": first, "last": last}
    return True, "", "osu.stu.window.ok", {"semesters": tuple(sorted(semesters_covered))}


@rule("OSU-4.8-STU-19", "OSU-4.8-STU-20", "OSU-4.8-STU-21", "OSU-4.8-STU-22", "OSU-4.8-STU-23")
def year_of_study_window(f: WindowFacts, ctx: Ctx) -> Outcome:
    """«Бакалавриат боюнча: 1) 1-курстун студенттери экинчи семестрден баштап, ички (чет өлкөлүк эмес)
    окуу жайларга чыгарылат. 2) 2-курстун биринчи семестринен бүтүрүүчү курстун акыркы семестрине чейин…
    Магистратура боюнча: 3) … 2-3-семестрлерде… Алар кыска мөөнөттүү алмашууларга тиешелүү эмес.
    Колледждин студенттери 1-курстун экинчи семестринен бүтүрүүчү курстун 1-семестрине чейин…»

    Every regular semester the stay overlaps must be allowed (A-10 a). Bachelor: semester 1 never,
    semester 2 domestic only, 3…N (A-09 inclusive; N−1 is the alternative). Master: 2–3. College:
    2…N−1 (alternative N−2). Short-term: no window (STU-22; ERRATA 19: year-1 bachelors may go abroad
    short-term; college included by A-10 b, parameter).
    """
    uses = _window_params(ctx.as_of)
    ok, rid, key, values = window_ok(f.level, f.term, f.scope, f.semesters_covered, f.total_semesters, ctx.as_of, uses)
    if f.term == "SHORT":
        relevant: tuple[str, ...] = ("c_short",) if f.level == "COLLEGE" else ()
    else:
        relevant = {"BACHELOR": ("b_int", "b_ext", "b_last"), "MASTER": ("m_sems",), "COLLEGE": ("c_from", "c_last")}[f.level]
    if f.term == "SHORT" and f.level == "COLLEGE" and not uses["c_short"].value:  # type: ignore[attr-defined]
        relevant += ("c_from", "c_last")
    for name in relevant:  # record only the dated parameters this decision used
        if uses[name] not in ctx.params_used:
            ctx.params_used.append(uses[name])  # type: ignore[arg-type]
    if ok:
        return ctx.passed(key, **values)
    return ctx.fail(key, rule=rid, **values)


# --- STU-5: the departure gate ----------------------------------------------------------------------------


class DepartureFacts(Facts):
    """Everything the departure order depends on (OSU-4.8-STU-5); booleans are the outcomes of earlier steps."""

    term: Term
    application_ok: bool
    documents_complete: bool
    isp_status: IspStatus | None = None
    host_curriculum_available: bool = True
    selected_or_not_competitive: bool
    nominated: bool
    invitation_letter: bool
    la_required: bool = False
    la_signed: bool = False
    withdrawn: bool = False
    funding_basis: FundingBasis
    tuition_debt: Decimal = Decimal(0)
    basis: Basis
    level: Level
    scope: Scope
    semesters_covered: tuple[int, ...]
    total_semesters: int


@rule("OSU-4.8-STU-5")
def departure_allowed(f: DepartureFacts, ctx: Ctx) -> Outcome:
    """«жогоруда көрсөтүлгөн процедуралар аткарылгандан кийин гана КАОЖго баруу мүмкүнчүлүгүнө ээ болот».

    The composite gate before the departure order: application (STU-1/2) and documents (STU-3) done;
    long-term: the ISP has reached SUBMITTED_TO_IRD (ERRATA 10) unless a provisional ISP is allowed
    (STU-8); selected or non-competitive, nominated, invitation letter, LA signed when required, not
    withdrawn, no blocking contract debt (STU-15), inside the year-of-study window (STU-19…23).
    FAIL lists the unmet steps by rule ID; a WARN of a sub-rule is carried through.
    """
    unmet: list[str] = []
    if not f.application_ok:
        unmet.append("OSU-4.8-STU-1/2")
    if not f.documents_complete:
        unmet.append("OSU-4.8-STU-3")
    if f.term == "LONG":
        isp_ok = f.isp_status is not None and isp_milestone_reached(f.isp_status)
        if not isp_ok:
            provisional = ctx.sub(provisional_isp_allowed, {"host_curriculum_available": f.host_curriculum_available})
            if provisional.value is not Verdict.PASS:
                unmet.append("OSU-4.8-STU-4")
    if not f.selected_or_not_competitive:
        unmet.append("OSU-4.8-FD-2")
    if not f.nominated:
        unmet.append("OSU-4.8-FD-3")
    if not f.invitation_letter:
        unmet.append("OSU-4.3-1")
    if f.la_required and not f.la_signed:
        unmet.append("OSU-4.8-IRD-10")
    if f.withdrawn:
        unmet.append("OSU-4.8-IRD-13")
    debt = ctx.sub(contract_debt, {"funding_basis": f.funding_basis, "tuition_debt": f.tuition_debt, "basis": f.basis})
    if debt.value is Verdict.FAIL:
        unmet.append("OSU-4.8-STU-15")
    window = ctx.sub(
        year_of_study_window,
        {
            "level": f.level,
            "term": f.term,
            "scope": f.scope,
            "semesters_covered": f.semesters_covered,
            "total_semesters": f.total_semesters,
        },
    )
    if window.value is Verdict.FAIL:
        unmet.append("OSU-4.8-STU-19…23")
    if unmet:
        return ctx.fail("osu.stu.departure.blocked", steps=unmet)
    if debt.value is Verdict.WARN:
        return ctx.warn("osu.stu.departure.allowed_with_warning")
    return ctx.passed("osu.stu.departure.allowed")


# --- STU-10 / STU-11: ISP disciplines and distance study --------------------------------------------------


class HostDiscipline(Facts):
    """An ISP discipline to be studied at the host and its host result (None = no grade yet)."""

    name: str
    credits: Decimal
    host_outcome: Literal["PASSED", "UNSATISFACTORY"] | None = None


class DltDiscipline(Facts):
    """A home ("difference") discipline studied at distance from OshSU."""

    name: str
    credits: Decimal = Decimal(0)
    channel: str = "AVN"
    exam_passed: bool = False


class IspResults(Facts):
    """The ISP disciplines with their results, after the deadlines of the mobility."""

    host_disciplines: tuple[HostDiscipline, ...] = ()
    dlt_disciplines: tuple[DltDiscipline, ...] = ()


@rule("OSU-4.8-STU-10")
def academic_debts(f: IspResults, ctx: Ctx) -> Outcome:
    """«ЖОПунда көрсөтүлгөн дисциплиналарды өздөштүрүүгө милдеттүү».

    Returns the academic debts of the mobility: ``host_failed`` (graded unsatisfactory at the host —
    the only ones that enter the 15-credit sum of OSU-4.8-FD-5/6, ERRATA 9), ``host_ungraded`` and
    ``dlt_unpassed`` (debts under the home rules, shown to the dean, never added to the sum), and
    ``failed_host_credits`` (Decimal).
    """
    host_failed = [d.name for d in f.host_disciplines if d.host_outcome == "UNSATISFACTORY"]
    failed_credits = sum((d.credits for d in f.host_disciplines if d.host_outcome == "UNSATISFACTORY"), Decimal(0))
    ungraded = [d.name for d in f.host_disciplines if d.host_outcome is None]
    dlt = [d.name for d in f.dlt_disciplines if not d.exam_passed]
    value = {
        "host_failed": tuple(host_failed),
        "failed_host_credits": failed_credits,
        "host_ungraded": tuple(ungraded),
        "dlt_unpassed": tuple(dlt),
        "clear": not (host_failed or ungraded or dlt),
    }
    if value["clear"]:
        return ctx.result(value, "osu.stu.debts.none")
    return ctx.result(
        value,
        "osu.stu.debts.some",
        failed=len(host_failed),
        credits=failed_credits,
        ungraded=len(ungraded),
        dlt=len(dlt),
    )


class DltPlan(Facts):
    """The DLT disciplines listed in the ISP."""

    dlt_disciplines: tuple[DltDiscipline, ...] = ()


@rule("OSU-4.8-STU-11")
def dlt_channels_ok(f: DltPlan, ctx: Ctx) -> Outcome:
    """«…кээ бир дисциплиналарды ЖибОЖдо дистанттык окутуу технологиялары: AVN системасынын, Zoom,
    Google classroom тиркемесинин мүмкүнчүлүктөрү аркылуу online билим алуу укугуна ээ».

    Every DLT discipline is taught through an allowed channel (AVN, Zoom, Google Classroom, online);
    FAIL names the disciplines with another channel.
    """
    allowed = ctx.param("osu.stu.dlt_channels")
    bad = [d.name for d in f.dlt_disciplines if d.channel not in allowed]
    if bad:
        return ctx.fail("osu.stu.dlt.bad_channel", disciplines=bad, allowed=allowed)
    return ctx.passed("osu.stu.dlt.ok", count=len(f.dlt_disciplines))


# --- STU-12 / STU-13: results documents and recognition application ------------------------------------------


class ResultsDocuments(Facts):
    """Last day of the mobility at the host and the days the results documents and the report were handed in."""

    mobility_end_date: dt.date
    results_documents_submitted_on: dt.date | None = None
    report_submitted_on: dt.date | None = None


@rule("OSU-4.8-STU-12", kind="helper")
def results_documents_due(f: ResultsDocuments, ctx: Ctx) -> Outcome:
    """«КАОЖдо академиялык мобилдүүлүктүн мөөнөтү аяктагандан соң бир айдын ичинде … деканатка алып
    келип берип, отчет тапшырат».

    The due date: one calendar month after the last day of the stay at the host (ERRATA 4: not from the
    return), same day-of-month clamped to month end; the due day itself is still in time, and a due day
    on a weekend or holiday is not moved (§0 convention).
    """
    months = ctx.param("osu.stu.return_docs_deadline_months")
    deadline = ctx.calendar.add_months(f.mobility_end_date, int(months))
    return ctx.result(deadline.due, "osu.stu.results.due", end=f.mobility_end_date, due=deadline.due, months=months)


@rule("OSU-4.8-STU-12")
def results_documents_status(f: ResultsDocuments, ctx: Ctx) -> Outcome:
    """«…бир айдын ичинде … ведомостторду, транскрипттерди … сертификаттарды деканатка алып келип
    берип, отчет тапшырат».

    ON_TIME when both the results documents and the report were handed in on or before the due date;
    OVERDUE once the due date has passed without both on time — still missing (as of the evaluation date)
    or handed in after it (the catalogue's flag «if today > deadline and not on_time: flag OVERDUE» stays
    on a file handed in late; the message says when); PENDING otherwise. ERRATA 15: only these two dates count — the
    recognition application (STU-13) never makes the file overdue. No sanction follows (A-15).
    """
    due = ctx.sub(results_documents_due, f).value
    dates = (f.results_documents_submitted_on, f.report_submitted_on)
    if all(d is not None for d in dates):
        if all(d <= due for d in dates):
            return ctx.result("ON_TIME", "osu.stu.results.on_time", due=due)
        return ctx.result("OVERDUE", "osu.stu.results.late", due=due, on=max(dates))  # type: ignore[type-var]
    if ctx.as_of > due:
        return ctx.result("OVERDUE", "osu.stu.results.overdue", due=due)
    return ctx.result("PENDING", "osu.stu.results.pending", due=due)


class ResultLine(Facts):
    """One discipline (or other class) on the host results documents."""

    name: str
    credits: Decimal | None = None
    grade: str | None = None
    hours: Decimal | None = None


class ResultsContent(Facts):
    """What the results documents brought to the deanery state, per discipline."""

    term: Term
    lines: tuple[ResultLine, ...] = ()


@rule("OSU-4.8-STU-12", kind="helper")
def results_documents_content(f: ResultsContent, ctx: Ctx) -> Outcome:
    """«…өздөштүргөн дисциплиналардын жана башка сабактардын аталыштары, топтогон кредиттери, алган баалары
    камтылган ведомостторду, транскрипттерди…»

    Long-term: the documents list at least one discipline, each with its name, credits and grade (FAIL
    names the incomplete lines). Short-term: hours or participation suffice, credits are not required
    (OSU-1.3.5-3) — PASS with at least one line.
    """
    if not f.lines:
        return ctx.fail("osu.stu.results.no_lines")
    if f.term == "SHORT":
        return ctx.passed("osu.stu.results.content_ok", count=len(f.lines))
    incomplete = [line.name for line in f.lines if line.credits is None or not (line.grade and line.grade.strip())]
    if incomplete:
        return ctx.fail("osu.stu.results.incomplete_lines", disciplines=incomplete)
    return ctx.passed("osu.stu.results.content_ok", count=len(f.lines))


class RecognitionApplication(Facts):
    """The recognition application (D-19): addressee and the results documents attached / brought."""

    term: Term
    addressee: Literal["DEAN", "IRD", "VDIR", "OTHER"]
    attachments: frozenset[str] = frozenset()
    documents_brought: frozenset[str] = frozenset()


GRADED_RESULTS = frozenset({"INDIVIDUAL_STATEMENT", "TRANSCRIPT"})
SHORT_TERM_RESULTS = frozenset({"HOURS_CERTIFICATE", "PARTICIPATION_CERTIFICATE"})


@rule("OSU-4.8-STU-13")
def recognition_application_ok(f: RecognitionApplication, ctx: Ctx) -> Outcome:
    """«…факультеттин деканынын атына … арыз жазат. Арызга алып келген ведомостун, транскриптин жана
    сертификатын тиркейт».

    Recognition starts only on an application to the dean that attaches every results document brought
    (statement, transcript, certificate); a long-term application needs a graded document (individual
    statement or transcript), a short-term one an hours or participation certificate (OSU-1.3.5-3).
    """
    if f.addressee != "DEAN":
        return ctx.fail("osu.stu.recognition.wrong_addressee", addressee=f.addressee)
    missing = sorted(f.documents_brought - f.attachments)
    if missing:
        return ctx.fail("osu.stu.recognition.missing_attachments", documents=missing)
    needed = GRADED_RESULTS if f.term == "LONG" else SHORT_TERM_RESULTS | GRADED_RESULTS
    if not (f.attachments & needed):
        return ctx.fail("osu.stu.recognition.no_results_document", documents=sorted(needed))
    return ctx.passed("osu.stu.recognition.ok")


# --- STU-17 / STU-18: closing and participating again ---------------------------------------------------------


class ClosingFacts(Facts):
    """The debriefing at IRD: trip report (Appendix 4) and interview."""

    trip_report_submitted_on: dt.date | None = None
    interview_recorded: bool = False


@rule("OSU-4.8-STU-17")
def closing_report(f: ClosingFacts, ctx: Ctx) -> Outcome:
    """«…ЭАБДга келип … сапары боюнча отчет (4-тиркеме), башка студенттерге мотивация болуучу
    интервьюларды берет».

    The mobility may be CLOSED only with the Appendix 4 report handed to IRD (the same report as
    STU-12, A-37) and the debriefing interview recorded; FAIL names what is missing.
    """
    missing = []
    if f.trip_report_submitted_on is None:
        missing.append("TRIP_REPORT")
    if not f.interview_recorded:
        missing.append("INTERVIEW")
    if missing:
        return ctx.fail("osu.stu.closing.missing", items=missing)
    return ctx.passed("osu.stu.closing.ok", on=f.trip_report_submitted_on)


class Reparticipation(Facts):
    """The previous mobility (if any) and the semester of the new one (absolute semester numbers)."""

    target_semester: int
    previous_last_semester: int | None = None
    previous_closed_in_semester: int | None = None  # semester in which all its obligations were closed


@rule("OSU-4.8-STU-18")
def may_participate_again(f: Reparticipation, ctx: Ctx) -> Outcome:
    """«…кайтып келгенден кийин ЖибОЖдогу дисциплиналарын ийгиликтүү жаап алса, анда кезектеги
    семестрде кайрадан мобилдүүлүккө катышууга укугу болот».

    PASS without a previous mobility. Otherwise the previous mobility must be closed (all host,
    retake and DLT obligations) and the new one may start from the semester after the one in which it
    was closed, and after the last semester of the previous stay (A-38).
    """
    if f.previous_last_semester is None:
        return ctx.passed("osu.stu.again.first")
    if f.previous_closed_in_semester is None:
        return ctx.fail("osu.stu.again.not_closed")
    offset = int(ctx.param("osu.stu.reparticipation_semester_offset"))
    earliest = max(f.previous_closed_in_semester, f.previous_last_semester) + offset
    if f.target_semester < earliest:
        return ctx.fail("osu.stu.again.too_early", target=f.target_semester, earliest=earliest)
    return ctx.passed("osu.stu.again.ok", target=f.target_semester, earliest=earliest)
