"""KTMU Instruction on Postgraduate Education — articles 11, 12(1)–(6) and 13 (specialist exam,
exam commissions, exam results, international candidates).

Public functions the Django apps should call (each ``fn(facts_or_dict, as_of)`` → Outcome):
``admission_track`` (12(1), 13(1)), ``required_exam_parts`` (11, 12(5)-2),
``specialist_commission`` (11), ``international_commission`` (13(2)), ``diploma_score_100``
(12(2)), ``exam_session`` (12(4)), ``exam_languages`` (12(4)a–b), ``gre_gmat_to_ales`` (12(5)-3),
``accepted_ales_types`` (12(5)-6), ``written_exam_waiver`` (12(5)-1), ``specialist_score``
(12(4)c, A-11), ``specialist_exam_result`` (12(6)), ``international_exam_conduct`` (13(1)c-2),
``international_oral_result`` (13(1)c-3), ``waived_oral_exam_mode`` (12(5)-4).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Literal

from pydantic import Field, model_validator

from bilim.regulations.core import Ctx, Facts, Outcome, RuleError, rule
from bilim.regulations.postgrad.admission_common import (
    Approval,
    Citizenship,
    chain_missing,
    convert_grade,
    fmt_chain,
    step_lookup,
)
from bilim.regulations.postgrad.admission_eligibility import Certificate, DiplomaGrade, certificate_validity

# --- 12(1), 13(1): which track ------------------------------------------------------------------


class TrackFacts(Facts):
    """Citizenship(s) and the qualifying diploma: where, and in which language it was taught."""

    citizenships: set[Citizenship]
    """All citizenships held; a dual citizen with KR or TR counts as KR/TR (A-09)."""
    diploma_country: str
    diploma_instruction_languages: set[str]
    """Languages of instruction of the graduating programme (KY, TR, RU, EN, …)."""
    bilateral_agreement: bool = False


@rule("KTMU-12(1)-1", "KTMU-13(1)-1")
def admission_track(f: TrackFacts, ctx: Ctx) -> Outcome:
    """«Эл аралык студенттердин катарына кирбеген чет элдик студенттер (анын ичинде “Манас” университетинин бүтүрүүчүлөрү) жана КРнын жана ТРнын жараны болгон талапкерлер адистик сынак тапшырышат».

    Returns "SPECIALIST_EXAM" for KR/TR citizens (citizenship wins, A-08) and for foreign
    nationals who are not international students; "INTERNATIONAL_ORAL" for foreign nationals
    (a) with a diploma from outside KR and TR, (b) from a KR HEI not teaching in Kyrgyz and/or
    Turkish, or (c) admitted under a bilateral agreement (A-09).
    """
    if {"KR", "TR"} & f.citizenships:
        return ctx.result("SPECIALIST_EXAM", "ktmu.adm.track.citizen")
    if f.bilateral_agreement:
        return ctx.result("INTERNATIONAL_ORAL", "ktmu.adm.track.intl_bilateral")
    if f.diploma_country not in ("KG", "TR"):
        return ctx.result("INTERNATIONAL_ORAL", "ktmu.adm.track.intl_foreign_hei", country=f.diploma_country)
    if f.diploma_country == "KG" and not ({"KY", "TR"} & f.diploma_instruction_languages):
        return ctx.result("INTERNATIONAL_ORAL", "ktmu.adm.track.intl_kr_language", languages=sorted(f.diploma_instruction_languages))
    return ctx.result("SPECIALIST_EXAM", "ktmu.adm.track.foreign_not_intl")


class ExamPartsFacts(Facts):
    track: Literal["SPECIALIST_EXAM", "INTERNATIONAL_ORAL"]
    written_waived: bool = False
    planned_parts: set[Literal["WRITTEN", "ORAL"]] | None = None
    """The parts scheduled for the candidate; when given, compared with the required parts."""


@rule("KTMU-11-1", "KTMU-12(5)-2")
def required_exam_parts(f: ExamPartsFacts, ctx: Ctx) -> Outcome:
    """«…адистик сынагы жазуу жана оозеки түрүндө жүргүзүлөт»; «Бирок оозеки сынакка кирүүгө милдеттүү».

    Returns the parts the candidate must sit: written and oral; oral only when the written exam
    is waived (12(5)) or on the international route (13(1)c.2). With ``planned_parts`` given,
    a schedule that differs from the requirement returns FAIL.
    """
    required = {"ORAL"} if (f.written_waived or f.track == "INTERNATIONAL_ORAL") else {"WRITTEN", "ORAL"}
    parts = sorted(required, reverse=True)
    if f.planned_parts is not None and set(f.planned_parts) != required:
        return ctx.fail("ktmu.adm.parts.mismatch", required=parts, planned=sorted(f.planned_parts, reverse=True))
    return ctx.result(tuple(parts), "ktmu.adm.parts.required", parts=parts)


# --- 11, 13(2): commissions ------------------------------------------------------------------


class CommissionMember(Facts):
    person: str
    fos: str
    full_salaried_ktmu: bool
    has_academic_degree: bool
    has_academic_title: bool


class SpecialistCommission(Facts):
    """The specialist-exam commission of one announced programme."""

    programme_fos: str
    related_fos: set[str] = set()
    """FoS the Institute Board confirmed as nearest to the programme's FoS (A-70)."""
    own_fos_eligible_staff: int
    """Full-salaried instructors with degree and title available in the programme's own FoS."""
    proposed: list[CommissionMember]
    principal: list[str]
    substitute: list[str]
    approvals: list[Approval]


_COMM_CHAIN = (("FOS_HEAD", "PROPOSE"), ("INSTITUTE_BOARD", "DECIDE"))


@rule("KTMU-11-2", "KTMU-11-3")
def specialist_commission(f: SpecialistCommission, ctx: Ctx) -> Outcome:
    """«…толук айлык акы алган окумуштуулук даражасы жана илимий наамы бар 5 окутуучунун ичинен институттун Башкаруу кеӊеши тарабынан аныкталган 3 негизги жана 2 кошумча мүчөдөн турат»; «…жакынкы ИИТ/ИКТда толук айлык акы алган профессордук-окутуучулук курамдын ичинен сунушталышы мүмкүн».

    FAIL unless exactly 5 are proposed by the FoS management, the Institute Board determines
    exactly 3 principal and 2 substitute members from them, everyone proposed from the own FoS is
    a full-salaried KTMU instructor with degree and title, and members from another FoS are
    full-salaried teaching staff of a nearest FoS (the original does not restate degree and
    title for them), proposed only when the own FoS lacks enough staff (fewer than 5).
    """
    n_prop = ctx.param("ktmu.adm.spec_commission_proposed")
    n_prin = ctx.param("ktmu.adm.spec_commission_principal")
    n_sub = ctx.param("ktmu.adm.spec_commission_substitute")
    problems: list[str] = []
    ids = [m.person for m in f.proposed]
    if len(set(ids)) != n_prop:
        problems.append(f"proposed={len(set(ids))}≠{n_prop}")
    if len(set(f.principal)) != n_prin:
        problems.append(f"principal={len(set(f.principal))}≠{n_prin}")
    if len(set(f.substitute)) != n_sub:
        problems.append(f"substitute={len(set(f.substitute))}≠{n_sub}")
    if set(f.principal) & set(f.substitute):
        problems.append("principal∩substitute")
    outside = (set(f.principal) | set(f.substitute)) - set(ids)
    if outside:
        problems.append("not proposed: " + ", ".join(sorted(outside)))
    for m in f.proposed:
        if m.fos == f.programme_fos:
            if not (m.full_salaried_ktmu and m.has_academic_degree and m.has_academic_title):
                problems.append(f"{m.person}: not full-salaried with degree and title")
            continue
        # 11-3 (original): from the nearest FoS «толук айлык акы алган профессордук-окутуучулук
        # курамдын ичинен» — full-salaried teaching staff; degree and title are not restated.
        if not m.full_salaried_ktmu:
            problems.append(f"{m.person}: not full-salaried")
        if m.fos not in f.related_fos:
            problems.append(f"{m.person}: FoS {m.fos} is not a nearest FoS")
        elif f.own_fos_eligible_staff >= n_prop:
            problems.append(f"{m.person}: own FoS has enough staff")
    missing = chain_missing(f.approvals, _COMM_CHAIN)
    if missing:
        problems.append("approvals missing: " + ", ".join(missing))
    if problems:
        return ctx.fail("ktmu.adm.commission.invalid", problems=problems, proposed=n_prop, principal=n_prin, substitute=n_sub)
    return ctx.passed("ktmu.adm.commission.ok", proposed=n_prop, principal=n_prin, substitute=n_sub)


class InternationalCommission(Facts):
    members: list[str]
    approvals: list[Approval]


@rule("KTMU-13(2)-1")
def international_commission(f: InternationalCommission, ctx: Ctx) -> Outcome:
    """«Оозеки сынак комиссиясы ИИТ/ИКТнын сунушу жана институттун Башкаруу кеңешинин чечими менен аныкталган 3 кишиден турат».

    PASS when the commission has exactly 3 distinct members proposed by the FoS and decided by
    the Institute Board.
    """
    size = ctx.param("ktmu.adm.intl_commission_size")
    n = len(set(f.members))
    missing = chain_missing(f.approvals, _COMM_CHAIN)
    if n != size:
        return ctx.fail("ktmu.adm.intl_commission.size", count=n, size=size)
    if missing:
        return ctx.fail("ktmu.adm.approval.missing", missing=missing, chain=fmt_chain(_COMM_CHAIN))
    return ctx.passed("ktmu.adm.intl_commission.ok", size=size)


# --- 12(2): diploma score on 100 points ---------------------------------------------------------


@rule("KTMU-12(2)-1")
def diploma_score_100(f: DiplomaGrade, ctx: Ctx) -> Outcome:
    """«Талапкерлердин … жыйынтык баалары Окумуштуулар кеӊеши тарабынан кабыл алынган “…баллдарды которуу таблицасына” ылайык 100 баллдык системага айландырылат».

    Returns the diploma's academic-achievement score on the 100-point scale (the only composite
    input not already on 100 points, A-05), unchanged when already on 100, otherwise through
    ``ktmu.adm.grade_conversion_table``; exact Decimal, no rounding.
    """
    if f.scale == "100":
        if not (Decimal(0) <= f.grade <= Decimal(100)):
            raise RuleError(f"A 100-point score must lie in 0–100, not {f.grade}")
        return ctx.result(f.grade, "ktmu.adm.diploma100.as_is", score=f.grade)
    table = ctx.param("ktmu.adm.grade_conversion_table")
    score = convert_grade(table, f.scale, f.grade, 2)
    return ctx.result(score, "ktmu.adm.diploma100.converted", grade=f.grade, scale=f.scale, score=score)


# --- 12(4): date, place, languages ----------------------------------------------------------------


class ExamSession(Facts):
    announced_date: dt.date
    announced_time: dt.time
    announced_place: str
    held_date: dt.date
    held_time: dt.time
    held_place: str
    online: bool = False
    institute_board_decision: bool = False
    """The Institute Board decided the change of date, time, place or the online form."""


@rule("KTMU-12(4)-1", "KTMU-12(4)-2")
def exam_session(f: ExamSession, ctx: Ctx) -> Outcome:
    """«…кулактандырууда көрсөтүлгөн күнүндө, убактысында жана дарегинде комиссия тарабынан өткөрүлөт»; «Зарыл учурларда институттун Башкаруу кеңешинин чечими менен … башка күнү, башка убакытта жана башка даректе же онлайн түрүндө өткөрүлүшү мүмкүн».

    PASS when the exam is held as announced; a different date, time, place or an online exam
    needs an Institute Board decision (FAIL without one).
    """
    changed = (f.held_date, f.held_time, f.held_place) != (f.announced_date, f.announced_time, f.announced_place) or f.online
    if not changed:
        return ctx.passed("ktmu.adm.session.as_announced", date=f.announced_date)
    if f.institute_board_decision:
        return ctx.passed("ktmu.adm.session.changed_by_board", date=f.held_date)
    return ctx.fail("ktmu.adm.session.changed_without_decision", date=f.held_date, announced=f.announced_date)


class ExamLanguages(Facts):
    programme_languages: set[str]
    """Languages of instruction of the programme (KY, TR, or one foreign language)."""
    written_question_languages: set[str] = set()
    written_answer_language: str | None = None
    oral_language: str | None = None
    written_waived: bool = False


@rule("KTMU-12(4)a-1", "KTMU-12(4)a-2", "KTMU-12(4)b-1")
def exam_languages(f: ExamLanguages, ctx: Ctx) -> Outcome:
    """«…жазуу түрүндөгү сынактын суроолору кыргызча жана түркчө (керек учурда орусча жана англисче) даярдалат. Талапкер бул тилдердин биринде жооп берет»; «Окутуу чет тилинде жүргүзүлгөн программаларда адистик сынак ошол тилде өткөрүлөт».

    Kyrgyz/Turkish programmes: written questions in Kyrgyz and Turkish (Russian and English may
    be added, nothing else) and the answer in one of the question languages; the oral exam may
    be held in the language the candidate chose (12(4)a-2: no check on it). A programme taught in a foreign language: written and oral in it.
    """
    if f.programme_languages <= {"KY", "TR"}:
        if not f.written_waived:
            q = f.written_question_languages
            if not ({"KY", "TR"} <= q <= {"KY", "TR", "RU", "EN"}):
                return ctx.fail("ktmu.adm.lang_exam.questions", languages=sorted(q))
            if f.written_answer_language not in q:
                return ctx.fail("ktmu.adm.lang_exam.answer", language=f.written_answer_language or "—", languages=sorted(q))
        return ctx.passed("ktmu.adm.lang_exam.ok")
    foreign = sorted(f.programme_languages - {"KY", "TR"})
    if len(foreign) != 1:
        raise RuleError("A foreign-language programme is taught in exactly one foreign language")
    lang = foreign[0]
    used = [x for x in ((None if f.written_waived else f.written_answer_language), f.oral_language) if x is not None]
    if not f.written_waived:
        used += list(f.written_question_languages)
    if any(x != lang for x in used):
        return ctx.fail("ktmu.adm.lang_exam.not_programme_language", language=lang)
    return ctx.passed("ktmu.adm.lang_exam.ok")


# --- 12(5): written-exam waiver --------------------------------------------------------------------


class GreGmatScore(Facts):
    """A GRE or GMAT result: raw (converted here through the dated Senate table), or already converted to ALES
    by a named source (then the table is not consulted)."""

    exam: Literal["GRE", "GMAT"] = Field(description="The international exam taken.", examples=["GRE"])
    score: Decimal = Field(description="The raw score on the exam's own scale.", examples=["320"])
    converted_ales: Decimal | None = Field(
        default=None, ge=0, le=100,
        description="The ALES equivalent when it was already converted (e.g. by ÖSYM's table); needs conversion_source.",
        examples=["61.5"],
    )
    conversion_source: str | None = Field(
        default=None, description="Who converted the score and by which table (required with converted_ales).",
        examples=["ÖSYM equivalence table 2024"],
    )

    @model_validator(mode="after")
    def _source_with_conversion(self) -> GreGmatScore:
        if self.converted_ales is not None and not (self.conversion_source or "").strip():
            raise ValueError("converted_ales needs its conversion_source")
        return self


@rule("KTMU-12(5)-3", judged_on="application_date")
def gre_gmat_to_ales(f: GreGmatScore, ctx: Ctx) -> Outcome:
    """«GRE жана GMAT баллдары Окумуштуулар кеӊеши тарабынан кабыл алынган эквиваленттик таблицаларга ылайык ALES баллдарына айландырылат».

    Returns the ALES equivalent: the one already converted by a named source, else from the Senate table
    ``ktmu.adm.gre_gmat_to_ales_table`` in force (None when it has no row for the score, or — said in the
    explanation — when the table for this exam has not been loaded yet).
    """
    if f.converted_ales is not None:
        return ctx.result(
            f.converted_ales, "ktmu.adm.ales.converted_by_source",
            exam=f.exam, score=f.score, ales=f.converted_ales, source=f.conversion_source,
        )
    rows = ctx.param("ktmu.adm.gre_gmat_to_ales_table").get(f.exam) or []
    if not rows:
        return ctx.result(None, "ktmu.adm.ales.table_empty", exam=f.exam, score=f.score)
    eq = step_lookup(rows, f.score)
    if eq is None:
        return ctx.result(None, "ktmu.adm.ales.no_equivalent", exam=f.exam, score=f.score)
    return ctx.result(eq, "ktmu.adm.ales.equivalent", exam=f.exam, score=f.score, ales=eq)


class AlesTypeDecision(Facts):
    accepted_ales_types: set[str]
    approvals: list[Approval]


@rule("KTMU-12(5)-6")
def accepted_ales_types(f: AlesTypeDecision, ctx: Ctx) -> Outcome:
    """«ALES баллынын кайсы түрү кабыл алына тургандыгы ИИТ/ИКТнын сунушунун негизинде институттун Башкаруу кеңеши тарабынан аныкталат».

    PASS when a non-empty set of ALES types was proposed by the FoS and decided by the Institute Board.
    """
    missing = chain_missing(f.approvals, _COMM_CHAIN)
    if missing:
        return ctx.fail("ktmu.adm.approval.missing", missing=missing, chain=fmt_chain(_COMM_CHAIN))
    if not f.accepted_ales_types:
        return ctx.fail("ktmu.adm.ales.no_types")
    return ctx.passed("ktmu.adm.ales.types_ok", types=sorted(f.accepted_ales_types))


class WaiverFacts(Facts):
    """The score the candidate declared in the application, and the programme's accepted ALES types."""

    declared_in_application: bool
    exam: Literal["ALES", "GRE", "GMAT"]
    score: Decimal
    ales_type: str | None = None
    """ALES only: the score type (e.g. SAY, SÖZ, EA)."""
    converted_ales: Decimal | None = Field(
        default=None, ge=0, le=100,
        description="GRE/GMAT only: the ALES equivalent when already converted; needs conversion_source.", examples=["61.5"],
    )
    conversion_source: str | None = Field(
        default=None, description="GRE/GMAT only: who converted the score and by which table.", examples=["ÖSYM equivalence table 2024"],
    )
    exam_date: dt.date
    programme_accepted_ales_types: set[str]
    application_end: dt.date
    submitted_on: dt.date | None = None


@rule("KTMU-12(5)-1", judged_on="exam_date", date_field="exam_date")
def written_exam_waiver(f: WaiverFacts, ctx: Ctx) -> Outcome:
    """«ALES сынагы боюнча кеминде 55 балл же буга эквиваленттүү эл аралык GRE же GMAT баллдарына ээ экендигин арызында көрсөткөн талапкер жазуу түрүндөгү сынакка катышпаса болот».

    Returns "WAIVED" when the score was declared in the application, the certificate is valid
    (KTMU-12(5)-5) and ALES (of a type the programme accepts) ≥ 55, or the GRE/GMAT ALES
    equivalent (KTMU-12(5)-3) ≥ 55; otherwise "REQUIRED" (the candidate sits the written exam).
    """
    minimum = ctx.param("ktmu.adm.ales_exempt_min")
    if not f.declared_in_application:
        return ctx.result("REQUIRED", "ktmu.adm.waiver.not_declared")
    valid = ctx.sub(
        certificate_validity,
        Certificate(kind=f.exam, exam_date=f.exam_date, application_end=f.application_end, submitted_on=f.submitted_on),
    )
    if not valid.ok:
        return ctx.result("REQUIRED", "ktmu.adm.waiver.expired", exam=f.exam)
    if f.exam == "ALES":
        if f.ales_type not in f.programme_accepted_ales_types:
            return ctx.result("REQUIRED", "ktmu.adm.waiver.ales_type", type=f.ales_type or "—", accepted=sorted(f.programme_accepted_ales_types))
        ales = f.score
    else:
        ales = ctx.sub(
            gre_gmat_to_ales,
            {"exam": f.exam, "score": f.score, "converted_ales": f.converted_ales, "conversion_source": f.conversion_source},
        ).value
        if ales is None:
            return ctx.result("REQUIRED", "ktmu.adm.waiver.no_equivalent", exam=f.exam, score=f.score)
    if ales >= minimum:
        return ctx.result("WAIVED", "ktmu.adm.waiver.waived", ales=ales, minimum=minimum)
    return ctx.result("REQUIRED", "ktmu.adm.waiver.low", ales=ales, minimum=minimum)


# --- 12(4)c, 12(6): scores and result ----------------------------------------------------------------


class SpecialistScores(Facts):
    """The specialist-exam scores (0–100) of one candidate."""

    absent: bool = False
    written: Decimal | None = None
    oral: Decimal | None = None
    written_waived: bool = False
    ales_score: Decimal | None = None
    """Only used under the alternative reading of A-11 (ALES replaces the written part)."""


def _check_range(*values: Decimal | None) -> None:
    for v in values:
        if v is not None and not (Decimal(0) <= v <= Decimal(100)):
            raise RuleError(f"Exam scores lie in 0–100, not {v}")


@rule("KTMU-12(4)c-1")
def specialist_score(f: SpecialistScores, ctx: Ctx) -> Outcome:
    """«Адистик сынактын жыйынтыгы жазуу түрүндөгү сынактын 50%ы, оозеки сынактын 50%ы эсептелүү менен чыгарылат».

    Returns 0.50 × written + 0.50 × oral, exact. When the written exam is waived (A-11) the
    default reading takes the oral score alone; the alternative (``ales_substitute``) puts the
    ALES score in place of the written part.
    """
    _check_range(f.written, f.oral, f.ales_score)
    if f.oral is None:
        raise RuleError("The oral score is needed")
    if f.written_waived:
        reading = ctx.param("ktmu.adm.waived_written_reading")
        if reading == "ales_substitute":
            if f.ales_score is None:
                raise RuleError("The ALES score is needed under the ALES-substitute reading of A-11")
            written = f.ales_score
        else:
            return ctx.result(f.oral, "ktmu.adm.spec.oral_only", oral=f.oral, score=f.oral)
    else:
        if f.written is None:
            raise RuleError("The written score is needed unless the written exam is waived")
        written = f.written
    ww = ctx.param("ktmu.adm.spec_weight_written")
    wo = ctx.param("ktmu.adm.spec_weight_oral")
    score = ww * written + wo * f.oral
    return ctx.result(score, "ktmu.adm.spec.weighted", written=written, oral=f.oral, score=score)


@rule("KTMU-12(6)-1")
def specialist_exam_result(f: SpecialistScores, ctx: Ctx) -> Outcome:
    """«Адистик сынакка кирбеген; жазуу же оозеки түрүндөгү сынактардын биринен 100 баллдан 70тен аз балл алган талапкер сынакты ийгиликсиз тапшырган деп эсептелип, программага каттала албайт».

    FAIL (cannot register) when absent, or written < 70 (unless waived; A-11: no threshold on a
    substituted ALES score), or oral < 70; PASS when every part sat is ≥ 70.
    """
    _check_range(f.written, f.oral)
    minimum = ctx.param("ktmu.adm.spec_pass_min")
    if f.absent or f.oral is None or (not f.written_waived and f.written is None):
        return ctx.fail("ktmu.adm.result.absent")
    if not f.written_waived and f.written < minimum:
        return ctx.fail("ktmu.adm.result.written_low", score=f.written, minimum=minimum)
    if f.oral < minimum:
        return ctx.fail("ktmu.adm.result.oral_low", score=f.oral, minimum=minimum)
    return ctx.passed("ktmu.adm.result.passed", minimum=minimum)


# --- 13(1)c: international route -----------------------------------------------------------------


class InternationalExam(Facts):
    parts: set[Literal["WRITTEN", "ORAL"]]
    exam_language: str
    preferred_language: str


@rule("KTMU-13(1)c-2")
def international_exam_conduct(f: InternationalExam, ctx: Ctx) -> Outcome:
    """«Талапкер оозеки сынактан өтөт. Оозеки сынак талапкер тандаган тилде жүргүзүлөт».

    PASS when the international candidate sits an oral exam only, in the language the candidate chose.
    """
    if set(f.parts) != {"ORAL"}:
        return ctx.fail("ktmu.adm.intl.parts", parts=sorted(f.parts))
    if f.exam_language != f.preferred_language:
        return ctx.fail("ktmu.adm.intl.language", language=f.exam_language, preferred=f.preferred_language)
    return ctx.passed("ktmu.adm.intl.conduct_ok", language=f.exam_language)


class InternationalOral(Facts):
    oral: Decimal | None
    """None when the candidate did not sit the oral exam."""


@rule("KTMU-13(1)c-3")
def international_oral_result(f: InternationalOral, ctx: Ctx) -> Outcome:
    """«Талапкер сынакты ийгиликтүү тапшыруусу үчүн 100 баллдан 70тен кем эмес балл алышы керек».

    PASS when the oral score is at least 70 (≥ 70); FAIL below or when absent.
    """
    _check_range(f.oral)
    minimum = ctx.param("ktmu.adm.intl_oral_pass_min")
    if f.oral is None:
        return ctx.fail("ktmu.adm.result.absent")
    if f.oral >= minimum:
        return ctx.passed("ktmu.adm.intl.passed", score=f.oral, minimum=minimum)
    return ctx.fail("ktmu.adm.result.oral_low", score=f.oral, minimum=minimum)


class WaivedOralMode(Facts):
    """How the oral exam of a candidate exempted from the written exam is held."""

    mode: Literal["ON_SITE", "ONLINE"]
    video_recording_ref: str | None = None


@rule("KTMU-12(5)-4")
def waived_oral_exam_mode(f: WaivedOralMode, ctx: Ctx) -> Outcome:
    """«Зарыл болгон учурда аталган оозеки сынак видеого тартылып, онлайн режиминде да өткөрүлүшү мүмкүн».

    The oral exam of a candidate exempted from the written exam may be held online, video-recorded:
    FAIL for an online exam without a recording reference; PASS otherwise.
    """
    if f.mode == "ONLINE" and not f.video_recording_ref:
        return ctx.fail("ktmu.adm.oral_mode.no_recording")
    return ctx.passed("ktmu.adm.oral_mode.ok", mode=f.mode)
