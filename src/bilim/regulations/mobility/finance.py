"""OshSU Regulation on Academic Mobility — money: clause 4.8 (STU-14, STU-16, HOME-2, HOST-5) and section 6.

Public functions for the apps:

* ``contract_fee_during_mobility`` (OSU-4.8-STU-14) — the home fee stays 100 %, no host tuition;
* ``budget_student_host_fee`` (OSU-4.8-STU-16) — no host fee unless the partner charges budget students;
* ``stipend_preserved`` (OSU-4.8-HOME-2) — a budget student's stipend is kept in full;
* ``host_fee_under_agreement`` (OSU-4.8-HOST-5) — OshSU as host invoices nothing under a bilateral agreement;
* ``funding_sources_ok`` (OSU-6.1-1) — funding sources from the list of section 6.1, at least one;
* ``participant_fee`` (OSU-6.3-1) — participants pay nothing as a rule; a fee needs a recorded exception.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

from bilim.regulations.core import Ctx, Facts, Outcome, rule

FundingBasis = Literal["BUDGET", "CONTRACT"]


def _share(amount: Decimal, percent: object) -> Decimal:
    return amount * Decimal(str(percent)) / Decimal(100)


class ContractFee(Facts):
    """A student's funding basis, the regular contract fee of the mobility semesters and what is charged."""

    funding_basis: FundingBasis
    regular_contract_fee: Decimal = Decimal(0)
    home_fee_charged: Decimal = Decimal(0)
    host_tuition_charged: Decimal = Decimal(0)


@rule("OSU-4.8-STU-14")
def contract_fee_during_mobility(f: ContractFee, ctx: Ctx) -> Outcome:
    """«контракттык негизде окуп жаткан студент адаттагыдай эле келишимдик акыны өзүнүн окуу жайына
    толугу менен төлөп, КАОЖдо бекер билим алып келет».

    For a contract student the home fee of the mobility semesters is 100 % of the regular contract fee
    (no discount because of mobility, FAIL if it differs) and the host charges no tuition (FAIL otherwise).
    Budget students: not applicable (PASS).
    """
    if f.funding_basis != "CONTRACT":
        return ctx.passed("osu.fin.contract.not_contract")
    due = _share(f.regular_contract_fee, ctx.param("osu.stu.contract_fee_home_share"))
    if f.host_tuition_charged > 0:
        return ctx.fail("osu.fin.contract.host_tuition", amount=f.host_tuition_charged)
    if f.home_fee_charged != due:
        return ctx.fail("osu.fin.contract.home_fee_differs", charged=f.home_fee_charged, due=due)
    return ctx.passed("osu.fin.contract.ok", due=due)


class BudgetHostFee(Facts):
    """A student's funding basis, the host fee asked, and whether the partner charges budget students (A-23)."""

    funding_basis: FundingBasis
    host_fee: Decimal = Decimal(0)
    partner_charges_budget_students: bool = False


@rule("OSU-4.8-STU-16")
def budget_student_host_fee(f: BudgetHostFee, ctx: Ctx) -> Outcome:
    """«Ал эми бюджеттик негизде окуган студент КАОЖго академиялык мобилдүүлүк үчүн акы төлөбөйт
    (айрым окуу жайларды кошпогондо)».

    A budget student pays the host nothing (FAIL if a fee is asked) unless the partner is flagged as one
    of the "certain institutions" that charge budget students (WARN: the exception is applied).
    """
    if f.funding_basis != "BUDGET":
        return ctx.passed("osu.fin.budget.not_budget")
    allowed = Decimal(ctx.param("osu.stu.host_fee_budget_student"))
    if f.host_fee <= allowed:
        return ctx.passed("osu.fin.budget.no_fee")
    if f.partner_charges_budget_students:
        return ctx.warn("osu.fin.budget.partner_exception", fee=f.host_fee)
    return ctx.fail("osu.fin.budget.fee_not_allowed", fee=f.host_fee)


class Stipend(Facts):
    """A student's funding basis and monthly stipend before and during the mobility."""

    funding_basis: FundingBasis
    stipend_before: Decimal = Decimal(0)
    stipend_during: Decimal = Decimal(0)


@rule("OSU-4.8-HOME-2")
def stipend_preserved(f: Stipend, ctx: Ctx) -> Outcome:
    """«бюджеттик негизде окуган студенттер академиялык мобилдүүлүктө жүргөн мезгилде алардын
    стипендияларын толугу менен сактап берет».

    A budget student's stipend during mobility is at least 100 % of the stipend before it (the mobility
    status never suspends it); FAIL shows both amounts. Contract students and students without a
    stipend: PASS (not applicable).
    """
    if f.funding_basis != "BUDGET" or f.stipend_before == 0:
        return ctx.passed("osu.fin.stipend.not_applicable")
    due = _share(f.stipend_before, ctx.param("osu.home.stipend_preserved_share"))
    if f.stipend_during < due:
        return ctx.fail("osu.fin.stipend.reduced", before=f.stipend_before, during=f.stipend_during, due=due)
    return ctx.passed("osu.fin.stipend.kept", amount=f.stipend_during)


class IncomingFee(Facts):
    """The basis of an incoming student's mobility and the fee OshSU (as host) would invoice."""

    under_bilateral_agreement: bool
    fee: Decimal = Decimal(0)


@rule("OSU-4.8-HOST-5")
def host_fee_under_agreement(f: IncomingFee, ctx: Ctx) -> Outcome:
    """«эки тараптуу кызматташтык келишимине ылайык, кабыл алган студенттерге академиялык мобилдүүлүк
    уюштургандыгы үчүн акы албайт».

    Under a bilateral cooperation agreement the host charges nothing for organising mobility: a fee
    above ``osu.host.fee_under_bilateral_agreement`` (0) is a FAIL (no invoice may be generated).
    Other bases are outside this rule (PASS; see OSU-6.3-1).
    """
    if not f.under_bilateral_agreement:
        return ctx.passed("osu.fin.host.no_agreement")
    limit = Decimal(ctx.param("osu.host.fee_under_bilateral_agreement"))
    if f.fee > limit:
        return ctx.fail("osu.fin.host.fee_not_allowed", fee=f.fee)
    return ctx.passed("osu.fin.host.no_fee")


class FundingSources(Facts):
    """The funding sources recorded on a mobility."""

    funding_sources: tuple[str, ...]


@rule("OSU-6.1-1")
def funding_sources_ok(f: FundingSources, ctx: Ctx) -> Outcome:
    """«Академиялык мобилдүүлүк программалары: мамлекеттер аралык келишимдердин … ЖибОЖнун бюджетинин;
    Эразмус+, Мевлана, ДААД, ITEC … катышуучулардын жеке каражаттарынын эсебинен каржыланат».

    At least one source, each from the list of section 6.1 (several may be combined, OSU-4.6-1);
    FAIL names unknown sources.
    """
    if not f.funding_sources:
        return ctx.fail("osu.fin.sources.empty")
    allowed = ctx.param("osu.fin.funding_sources")
    unknown = [s for s in f.funding_sources if s not in allowed]
    if unknown:
        return ctx.fail("osu.fin.sources.unknown", sources=unknown)
    return ctx.passed("osu.fin.sources.ok", sources=list(f.funding_sources))


class ParticipantFee(Facts):
    """The fee a participant pays the host for study or the trip, and the recorded exception reason."""

    fee: Decimal = Decimal(0)
    exception_reason: str | None = None


@rule("OSU-6.3-1")
def participant_fee(f: ParticipantFee, ctx: Ctx) -> Outcome:
    """«Негизинен академиялык мобилдүүлүктүн катышуучулары окууда же иш сапарда болуусу үчүн акы төлөбөйт».

    As a rule the fee is 0 (PASS). A fee is an exception ("негизинен"): WARN when its reason is recorded
    (e.g. the partner exception of OSU-4.8-STU-16, programme terms — A-24), FAIL without a reason.
    """
    default = Decimal(ctx.param("osu.fin.participant_fee_default"))
    if f.fee <= default:
        return ctx.passed("osu.fin.fee.none")
    if f.exception_reason:
        return ctx.warn("osu.fin.fee.exception", fee=f.fee, reason=f.exception_reason)
    return ctx.fail("osu.fin.fee.no_reason", fee=f.fee)


class VisaFacts(Facts):
    """Direction, scope and mode of a mobility."""

    direction: Literal["OUTGOING", "INCOMING"]
    scope: Literal["EXTERNAL", "INTERNAL"]
    mode: Literal["PHYSICAL", "DISTANCE"]


@rule("OSU-6.2-1")
def visa_task(f: VisaFacts, ctx: Ctx) -> Outcome:
    """«Студент же ИПК чет өлкөгө кирүү визасын чет өлкөлөрдүн Кыргызстандагы (же жакынкы башка өлкөдөгү)
    консулдук мекемелерине кайрылышып, өз алдынча алышат».

    True when the participant has the task "obtain the visa" (an external physical stay: the participant
    crosses a border — outgoing, and incoming foreigners as in §4.3 I2); the university is not an actor of
    that step. False for domestic or distance mobility.
    """
    needed = f.scope == "EXTERNAL" and f.mode == "PHYSICAL"
    return ctx.result(needed, "osu.fin.visa.own_task" if needed else "osu.fin.visa.none")
