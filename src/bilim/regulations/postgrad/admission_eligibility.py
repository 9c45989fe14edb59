"""KTMU Instruction on Postgraduate Education — article 10 (application conditions).

Covers KTMU-10(1)-1 … KTMU-10(8)-1: application period and channel, documents by stage, the
required documents a–g, diploma recognition/equivalence (ERRATA 24), GPA minima and the Senate
grade-conversion table, language certificates (when required, accepted languages, minimum
scores with ERRATA 5, equivalence table, field-language rule, validity windows incl. ALES/GRE/
GMAT of KTMU-12(5)-5, reference date A-14), and one application per candidate per round.

Public functions the Django apps should call (each ``fn(facts_or_dict, as_of)`` → Outcome):
``application_submission``, ``document_forms``, ``application_form``, ``degree_document``,
``diploma_transcript``, ``identity_documents``, ``diploma_recognition``, ``gpa_to_four_point``,
``gpa_minimum``, ``gpa_minimum_override``, ``language_certificate_required``,
``language_certificate_present``, ``language_requirement_decision``, ``accepted_languages``, ``language_equivalent_score``,
``language_score_minimum``, ``language_differs_from_field``, ``certificate_validity``,
``single_application``; and the plain helper ``check_application_documents(facts, as_of)``.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Literal

from bilim.regulations.core import (
    Ctx,
    ExceptionCase,
    Facts,
    Outcome,
    RuleError,
    register_validator,
    resolve_exceptions,
    rule,
)
from bilim.regulations.postgrad.admission_common import (
    Approval,
    Citizenship,
    Level,
    add_years,
    chain_missing,
    convert_grade,
    doctoral,
    fmt_chain,
    step_lookup,
    validate_grade_table,
    validate_step_table,
)

register_validator("ktmu.adm.grade_conversion_table")(validate_grade_table)
register_validator("ktmu.adm.language_equivalence_table")(validate_step_table)
register_validator("ktmu.adm.gre_gmat_to_ales_table")(validate_step_table)


# --- 10(1): period, channel, document forms -----------------------------------------------------


class ApplicationSubmission(Facts):
    """When, how and to whom an application was handed in, and the announced period."""

    submitted_on: dt.date
    application_start: dt.date
    application_end: dt.date
    channel: Literal["IN_PERSON", "ELECTRONIC", "POST", "OTHER"]
    receiver: Literal["STUDENT_AFFAIRS_DIRECTORATE", "INSTITUTE", "OTHER"]


@rule("KTMU-10(1)-1")
def application_submission(f: ApplicationSubmission, ctx: Ctx) -> Outcome:
    """«кулактандырууда көрсөтүлгөн мөөнөттө Студенттик иштер башкармалыгына колмо-кол же электрондук түрдө … тапшырылат».

    PASS when the application reaches the Student Affairs Directorate in person or electronically
    within the announced period (both ends inclusive); FAIL otherwise.
    """
    if not (f.application_start <= f.submitted_on <= f.application_end):
        return ctx.fail("ktmu.adm.submission.outside_period", submitted=f.submitted_on, start=f.application_start, end=f.application_end)
    if f.channel not in ("IN_PERSON", "ELECTRONIC"):
        return ctx.fail("ktmu.adm.submission.bad_channel", channel=f.channel)
    if f.receiver != "STUDENT_AFFAIRS_DIRECTORATE":
        return ctx.fail("ktmu.adm.submission.bad_receiver", receiver=f.receiver)
    return ctx.passed("ktmu.adm.submission.ok", submitted=f.submitted_on, start=f.application_start, end=f.application_end)


DocForm = Literal["COPY", "NOTARISED", "ORIGINAL"]


class SubmittedDocument(Facts):
    kind: str
    form: DocForm


class DocumentForms(Facts):
    """The documents handed in at one stage and their form."""

    stage: Literal["APPLICATION", "FINAL_REGISTRATION"]
    documents: list[SubmittedDocument]


@rule("KTMU-10(1)-2")
def document_forms(f: DocumentForms, ctx: Ctx) -> Outcome:
    """«Арыз тапшыруу учурунда документтердин көчүрмөсү, акыркы каттоодо түп нускасы же нотариалдык күбөлөндүрүлгөн көчүрмөсү талап кылынат».

    At application copies suffice (originals and notarised copies are accepted too); at final
    registration every document must be an original or a notarised copy (FAIL lists the rest).
    """
    if f.stage == "APPLICATION":
        return ctx.passed("ktmu.adm.forms.application_ok", count=len(f.documents))
    plain = [d.kind for d in f.documents if d.form == "COPY"]
    if plain:
        return ctx.fail("ktmu.adm.forms.copies_at_finreg", documents=plain)
    return ctx.passed("ktmu.adm.forms.finreg_ok", count=len(f.documents))


# --- 10(1)a–g, 10(2)–(4): required documents ---------------------------------------------------

DocKind = Literal[
    "APPLICATION_FORM",
    "BACHELOR_DIPLOMA",
    "GRADUATION_CERTIFICATE",
    "LONG_DIPLOMA",
    "MASTER_DIPLOMA",
    "MASTER_GRADUATION_CERTIFICATE",
    "TRANSCRIPT",
    "ID_CARD",
    "PASSPORT",
    "MILITARY_ID",
    "RECOGNITION_KR",
    "YOK_EQUIVALENCE",
    "LANGUAGE_CERTIFICATE",
]


class ApplicantDocuments(Facts):
    """An applicant's file: level applied for, citizenship, diploma, and the documents present."""

    level: Level
    citizenship: Citizenship
    documents: set[DocKind]
    long_diploma_years_excl_prep: int | None = None
    """Nominal years of the non-master's diploma offered for a doctorate (preparatory year excluded)."""
    transcript_certified_by_diploma_issuer: bool = False
    subject_to_military_registration: bool
    """A-07: the military document is required only of persons subject to military registration."""
    diploma_country: str
    """ISO code of the country where the qualifying diploma was issued (KG, TR, …)."""
    diploma_issuer_turkish_hei_abroad: bool = False
    """The diploma was issued by a Turkish HEI operating outside Türkiye (10(3))."""
    bilateral_agreement: bool = False
    """The applicant applies under one of the university's bilateral agreements (10(4))."""


@rule("KTMU-10(1)a-1")
def application_form(f: ApplicantDocuments, ctx: Ctx) -> Outcome:
    """«Толтурулган арыз бланкы» — the completed application form is present."""
    if "APPLICATION_FORM" in f.documents:
        return ctx.passed("ktmu.adm.docs.ok", documents=["APPLICATION_FORM"])
    return ctx.fail("ktmu.adm.docs.missing", missing=["APPLICATION_FORM"])


@rule("KTMU-10(1)b-1", "KTMU-10(1)c-1")
def degree_document(f: ApplicantDocuments, ctx: Ctx) -> Outcome:
    """«Магистратура программасы үчүн бакалавр даражасындагы диплому же … маалымкат»; «Докторантура программасы үчүн даярдоо курсун кошпогондо 5 жылдык жогорку билими тууралуу диплому же магистр даражасындагы диплому/… маалымкат».

    Master's: a bachelor's diploma or a graduation certificate. Doctorate/AI: a master's diploma or
    master's graduation certificate, or a diploma of at least 5 years excluding the preparatory
    year (``ktmu.adm.phd_long_diploma_years``; the original says «5 жылдык», read as ≥ 5).
    """
    if f.level == "MA":
        if {"BACHELOR_DIPLOMA", "GRADUATION_CERTIFICATE"} & f.documents:
            return ctx.passed("ktmu.adm.degree.ma_ok")
        return ctx.fail("ktmu.adm.degree.ma_missing")
    years = ctx.param("ktmu.adm.phd_long_diploma_years")
    if {"MASTER_DIPLOMA", "MASTER_GRADUATION_CERTIFICATE"} & f.documents:
        return ctx.passed("ktmu.adm.degree.phd_master_ok")
    if "LONG_DIPLOMA" in f.documents and f.long_diploma_years_excl_prep is not None and f.long_diploma_years_excl_prep >= years:
        return ctx.passed("ktmu.adm.degree.phd_long_ok", years=f.long_diploma_years_excl_prep, minimum=years)
    return ctx.fail("ktmu.adm.degree.phd_missing", years=f.long_diploma_years_excl_prep or 0, minimum=years)


@rule("KTMU-10(1)d-1")
def diploma_transcript(f: ApplicantDocuments, ctx: Ctx) -> Outcome:
    """«Бүтүргөн жогорку окуу жайы тарабынан тастыкталган дипломдун транскрипти» — transcript certified by the graduating HEI."""
    if "TRANSCRIPT" not in f.documents:
        return ctx.fail("ktmu.adm.docs.missing", missing=["TRANSCRIPT"])
    if not f.transcript_certified_by_diploma_issuer:
        return ctx.fail("ktmu.adm.transcript.not_certified")
    return ctx.passed("ktmu.adm.docs.ok", documents=["TRANSCRIPT"])


@rule("KTMU-10(1)e-1", "KTMU-10(1)f-1", "KTMU-10(1)g-1")
def identity_documents(f: ApplicantDocuments, ctx: Ctx) -> Outcome:
    """«КРнын жарандары үчүн ID картасы жана аскердик билети»; «ТРнын жарандары үчүн паспорту жана аскердик билети»; «Башка өлкөнүн жарандары үчүн паспорт».

    KR: ID card (+ military ID); TR: passport (+ military ID); others: passport. The military ID
    is required only of persons subject to military registration (A-07; otherwise not applicable).
    """
    needed = {"KR": ["ID_CARD"], "TR": ["PASSPORT"], "FOREIGN": ["PASSPORT"]}[f.citizenship]
    if f.citizenship in ("KR", "TR") and f.subject_to_military_registration:
        needed = [*needed, "MILITARY_ID"]
    missing = [d for d in needed if d not in f.documents]
    if missing:
        return ctx.fail("ktmu.adm.docs.missing", missing=missing)
    return ctx.passed("ktmu.adm.docs.ok", documents=needed)


@rule("KTMU-10(2)-1", "KTMU-10(3)-1", "KTMU-10(4)-1")
def diploma_recognition(f: ApplicantDocuments, ctx: Ctx) -> Outcome:
    """«диплом … компетенттүү мамлекеттик органы тарабынан таанылгандыгы тууралуу тастыкталган документ болуусу зарыл»; «ТРнын Жогорку билим берүү комитети тарабынан берилген эквиваленттик сертификатка ээ болушу керек»; «чет өлкөлүк студенттердин … таанылган диплому болушу керек».

    KR citizen with a diploma from outside KR and TR: KR recognition document. TR citizen with a
    diploma from outside Türkiye and not from a Turkish HEI abroad: YÖK equivalence. Foreign
    national not under a bilateral agreement: KR recognition or YÖK equivalence, only when the
    diploma was issued outside KR and by no Turkish HEI (ERRATA 24).
    """
    foreign_diploma = f.diploma_country not in ("KG", "TR") and not f.diploma_issuer_turkish_hei_abroad
    if f.citizenship == "KR":
        if f.diploma_country in ("KG", "TR"):
            return ctx.passed("ktmu.adm.recognition.not_needed", country=f.diploma_country)
        if "RECOGNITION_KR" in f.documents:
            return ctx.passed("ktmu.adm.recognition.ok", documents=["RECOGNITION_KR"])
        return ctx.fail("ktmu.adm.docs.missing", missing=["RECOGNITION_KR"])
    if f.citizenship == "TR":
        if not foreign_diploma:
            return ctx.passed("ktmu.adm.recognition.not_needed", country=f.diploma_country)
        if "YOK_EQUIVALENCE" in f.documents:
            return ctx.passed("ktmu.adm.recognition.ok", documents=["YOK_EQUIVALENCE"])
        return ctx.fail("ktmu.adm.docs.missing", missing=["YOK_EQUIVALENCE"])
    if f.bilateral_agreement:
        return ctx.passed("ktmu.adm.recognition.bilateral")
    if not foreign_diploma:
        return ctx.passed("ktmu.adm.recognition.not_needed", country=f.diploma_country)
    present = sorted({"RECOGNITION_KR", "YOK_EQUIVALENCE"} & f.documents)
    if present:
        return ctx.passed("ktmu.adm.recognition.ok", documents=present)
    return ctx.fail("ktmu.adm.docs.missing", missing=["RECOGNITION_KR", "YOK_EQUIVALENCE"])


def check_application_documents(facts: ApplicantDocuments | dict, as_of: dt.date) -> list[Outcome]:
    """All document checks of 10(1)a–g and 10(2)–(4) on one file (plain helper for the apps)."""
    return [
        fn(facts, as_of)
        for fn in (application_form, degree_document, diploma_transcript, identity_documents, diploma_recognition)
    ]


# --- 10(5): GPA -------------------------------------------------------------------------------


class DiplomaGrade(Facts):
    """The academic-achievement grade shown in the qualifying diploma, on its own scale."""

    grade: Decimal
    scale: Literal["4", "5", "100"]


@rule("KTMU-10(5)-3")
def gpa_to_four_point(f: DiplomaGrade, ctx: Ctx) -> Outcome:
    """«Төрттүк системага кирбеген баалар төрттүк системага айландырылат жана Окумуштуулар кеӊеши тарабынан кабыл алынган “…баллдарды которуу таблицасына” ылайык бааланат».

    Returns the 4-point GPA: unchanged on the 4-point scale, otherwise through the Senate-adopted
    conversion table ``ktmu.adm.grade_conversion_table`` (A-05), exact Decimal, no rounding.
    """
    if f.scale == "4":
        if not (Decimal(0) <= f.grade <= Decimal(4)):
            raise RuleError(f"A 4-point GPA must lie in 0–4, not {f.grade}")
        return ctx.result(f.grade, "ktmu.adm.gpa.four_point_as_is", gpa=f.grade)
    table = ctx.param("ktmu.adm.grade_conversion_table")
    gpa = convert_grade(table, f.scale, f.grade, 1)
    return ctx.result(gpa, "ktmu.adm.gpa.converted", grade=f.grade, scale=f.scale, gpa=gpa)


class GpaEligibility(Facts):
    """The applicant's diploma grade (of the qualifying diploma, A-06) and the programme's minimum."""

    level: Level
    diploma: DiplomaGrade
    programme_gpa_min_override: Decimal | None = None
    """A higher minimum set for the programme under KTMU-10(5)-4 (already approved)."""


@rule("KTMU-10(5)-1", "KTMU-10(5)-2", cites=("KTMU-10(5)-4",))
def gpa_minimum(f: GpaEligibility, ctx: Ctx) -> Outcome:
    """«…сабактардын орточо баасы 2.00/4.00, докторантурага тапшыргандар үчүн кеминде 2.50/4.00 болушу керек».

    PASS when the (converted, unrounded) 4-point GPA ≥ the minimum of the level (master's 2.00,
    doctoral/AI 2.50), or ≥ the programme's approved higher minimum; FAIL below.
    """
    gpa = ctx.sub(gpa_to_four_point, f.diploma).value
    base = ctx.param("ktmu.adm.gpa_min_phd" if doctoral(f.level) else "ktmu.adm.gpa_min_ma")
    minimum = max(base, f.programme_gpa_min_override) if f.programme_gpa_min_override is not None else base
    if gpa >= minimum:
        return ctx.passed("ktmu.adm.gpa.ok", gpa=gpa, minimum=minimum)
    return ctx.fail("ktmu.adm.gpa.low", gpa=gpa, minimum=minimum)


class ProgrammeDecision(Facts):
    """A programme-level decision (raised minimum, language requirement, accepted languages …) and its approval chain."""

    level: Level
    approvals: list[Approval]
    new_value: Decimal | None = None
    """The decided value where the decision sets a number (e.g. the raised GPA minimum)."""


_PROPOSE_DECIDE = (("FOS_COUNCIL", "PROPOSE"), ("INSTITUTE_BOARD", "DECIDE"))
_DECIDE_CONSENT = (("FOS_COUNCIL", "DECIDE"), ("INSTITUTE_BOARD", "CONSENT"))


@rule("KTMU-10(5)-4")
def gpa_minimum_override(f: ProgrammeDecision, ctx: Ctx) -> Outcome:
    """«ИИТ/ИКТнын академиялык кеңешинин сунушу жана институттун Башкаруу кеңешинин чечими менен жогору да баа берилиши мүмкүн».

    A programme's raised GPA minimum is valid when the FoS council proposed it, the Institute
    Board decided it (in that order) and it is higher than the level's minimum.
    """
    missing = chain_missing(f.approvals, _PROPOSE_DECIDE)
    if missing:
        return ctx.fail("ktmu.adm.approval.missing", missing=missing, chain=fmt_chain(_PROPOSE_DECIDE))
    base = ctx.param("ktmu.adm.gpa_min_phd" if doctoral(f.level) else "ktmu.adm.gpa_min_ma")
    if f.new_value is None or f.new_value <= base:
        return ctx.fail("ktmu.adm.gpa.override_not_higher", raised=f.new_value, minimum=base)
    return ctx.passed("ktmu.adm.gpa.override_ok", raised=f.new_value, minimum=base)


# --- 10(6)–(7): language certificates ---------------------------------------------------------


class LanguageRequirement(Facts):
    """Whether a language certificate is needed: level, track, and the programme's decision."""

    level: Level
    international: bool
    """The candidate is admitted on the international route (KTMU-4-2, art. 13)."""
    programme_requires_certificate: bool = False
    """Master's programmes only: the FoS council decided (with Board consent) to require one."""


@rule("KTMU-10(6)-1", "KTMU-13(1)c-1", "KTMU-10(7)-1", kind="helper")
def language_certificate_required(f: LanguageRequirement, ctx: Ctx) -> Outcome:
    """«…тапшыруу үчүн чет тилин билүү талап кылынбайт»; «Докторантурага тапшыруу үчүн … сертификат талап кылынат»; «Талапкерден тапшырган программанын окутуу тилинен башка тил билүүсү талап кылынбайт».

    Returns True when a foreign-language certificate is required: doctoral/AI applicants, and
    master's applicants of a programme that decided to require one — never an international
    candidate (art. 13(1)c.1 overrides 10(6)–(7), A-12).

    The text's exceptions are cited cases resolved by priority (two applying at one priority are an error,
    never a silent first match): 13(1)c.1 (international: not required) before the programme's decision
    (10(6): a master's programme may require one); the general rule is 10(6) / 10(7) by level.
    """
    exception = resolve_exceptions(
        [
            ExceptionCase(1, "KTMU-13(1)c-1", f.international, False, "ktmu.adm.lang.not_required_international"),
            ExceptionCase(
                2, "KTMU-10(6)-1", f.programme_requires_certificate and not doctoral(f.level), True,
                "ktmu.adm.lang.required_programme",
            ),
        ]
    )
    if exception is not None:
        return ctx.result(exception.value, exception.message_key)
    if doctoral(f.level):
        return ctx.result(True, "ktmu.adm.lang.required_doctoral")
    return ctx.result(False, "ktmu.adm.lang.not_required_master")


class LanguageCertificatePresence(LanguageRequirement):
    """The requirement facts plus whether a foreign-language certificate was submitted."""

    has_certificate: bool


@rule("KTMU-10(7)-1", "KTMU-10(6)-1", "KTMU-13(1)c-1")
def language_certificate_present(f: LanguageCertificatePresence, ctx: Ctx) -> Outcome:
    """«Докторантурага тапшыруу үчүн тийиштүү чет тилин билгендиги тууралуу сертификат талап кылынат».

    FAIL when a certificate is required (KTMU-10(6)-1/10(7)-1, not for international candidates,
    A-12) and none was submitted; PASS otherwise.
    """
    required = ctx.sub(language_certificate_required, LanguageRequirement(**f.model_dump(exclude={"has_certificate"}))).value
    if required and not f.has_certificate:
        return ctx.fail("ktmu.adm.docs.missing", missing=["LANGUAGE_CERTIFICATE"])
    if required:
        return ctx.passed("ktmu.adm.docs.ok", documents=["LANGUAGE_CERTIFICATE"])
    return ctx.passed("ktmu.adm.lang.not_needed")


@rule("KTMU-10(6)-2", "KTMU-10(7)-4")
def language_requirement_decision(f: ProgrammeDecision, ctx: Ctx) -> Outcome:
    """«ИИТ/ИКТнын академиялык кеңешинин чечими жана институттун Башкаруу кеңешинин макулдугу менен … сертификат талап кылынышы мүмкүн»; «… мындан да жогору балл талап кылынышы мүмкүн».

    A master's programme's certificate requirement, or a higher language score, is valid when the
    FoS council decided it and the Institute Board consented (in that order). A raised score
    (``new_value``) must be higher than the base minimum of 55 (ÖSYM scale).
    """
    missing = chain_missing(f.approvals, _DECIDE_CONSENT)
    if missing:
        return ctx.fail("ktmu.adm.approval.missing", missing=missing, chain=fmt_chain(_DECIDE_CONSENT))
    if f.new_value is not None:
        base = ctx.param("ktmu.adm.osym_language_min_phd")
        if f.new_value <= base:
            return ctx.fail("ktmu.adm.lang.override_not_higher", raised=f.new_value, minimum=base)
    return ctx.passed("ktmu.adm.approval.ok", chain=fmt_chain(_DECIDE_CONSENT))


class AcceptedLanguages(Facts):
    """The languages a doctoral programme accepts, their approval chain, and the certificate's language."""

    accepted_languages: set[str]
    approvals: list[Approval]
    certificate_language: str


@rule("KTMU-10(7)-2")
def accepted_languages(f: AcceptedLanguages, ctx: Ctx) -> Outcome:
    """«Докторантура программасында кайсы чет тилинен сертификат кабыл алынары ИИТ/ИКТнын академиялык кеңешинин сунушу жана институттун Башкаруу кеңешинин чечими менен аныкталат».

    PASS when the accepted-languages list was proposed by the FoS council and decided by the
    Institute Board, and the certificate's language is on it.
    """
    missing = chain_missing(f.approvals, _PROPOSE_DECIDE)
    if missing:
        return ctx.fail("ktmu.adm.approval.missing", missing=missing, chain=fmt_chain(_PROPOSE_DECIDE))
    if f.certificate_language not in f.accepted_languages:
        return ctx.fail("ktmu.adm.lang.not_accepted", language=f.certificate_language, accepted=sorted(f.accepted_languages))
    return ctx.passed("ktmu.adm.lang.accepted", language=f.certificate_language)


class LanguageExamScore(Facts):
    """A foreign-language exam result: exam type (YDS, E_YDS, YOKDIL, TOEFL_IBT, …) and raw score."""

    exam_type: str
    score: Decimal


@rule("KTMU-10(7)-5", "KTMU-12(3)-1")
def language_equivalent_score(f: LanguageExamScore, ctx: Ctx) -> Outcome:
    """«Эквиваленттүү балл университеттин чет тил сынактарынын эквиваленттүүлүк таблицаларына ылайык эсептелет»; «ТРнын ϴТЖБ тарабынан өткөрүлгөн эң акыркы чет тил сынагына туура келген баллга айландырылат».

    Returns the score equivalent to the latest ÖSYM foreign-language exam, from the Senate table
    ``ktmu.adm.language_equivalence_table``; None (with a message) when the exam has no table
    row or the score is below the table.
    """
    table = ctx.param("ktmu.adm.language_equivalence_table")
    rows = table.get(f.exam_type)
    if rows is None:
        return ctx.result(None, "ktmu.adm.lang.no_table", exam=f.exam_type)
    if rows == "identity":
        return ctx.result(f.score, "ktmu.adm.lang.equivalent", exam=f.exam_type, score=f.score, equivalent=f.score)
    eq = step_lookup(rows, f.score)
    if eq is None:
        return ctx.result(None, "ktmu.adm.lang.below_table", exam=f.exam_type, score=f.score)
    return ctx.result(eq, "ktmu.adm.lang.equivalent", exam=f.exam_type, score=f.score, equivalent=eq)


class LanguageScore(Facts):
    """A doctoral applicant's language result and any approved higher programme minima."""

    issuer: Literal["KTMU_MSPC", "OSYM", "SENATE_ACCEPTED"]
    """KTMU's measurement centre, Türkiye's ÖSYM (ERRATA 5), or another Senate-accepted exam."""
    exam_type: str
    score: Decimal
    programme_min_mspc: Decimal | None = None
    programme_min_osym: Decimal | None = None


@rule("KTMU-10(7)-3")
def language_score_minimum(f: LanguageScore, ctx: Ctx) -> Outcome:
    """«Университеттин ϴТЖБ тарабынан өткөрүлгөн чет тили боюнча сынагынан 60тан кем эмес балл, ТРнын ϴТЖБ тарабынан өткөрүлгөн чет тилдери сынагынан кеминде 55 балл же … барабар балл талап кылынат».

    KTMU MSPC exam: score ≥ 60; ÖSYM's foreign-language exam (ERRATA 5): ≥ 55; another
    Senate-accepted exam: its ÖSYM equivalent (KTMU-10(7)-5) ≥ 55. Approved higher programme
    minima (KTMU-10(7)-4) replace the base where higher.
    """
    if f.issuer == "KTMU_MSPC":
        base = ctx.param("ktmu.adm.mspc_language_min_phd")
        minimum = max(base, f.programme_min_mspc) if f.programme_min_mspc is not None else base
        score = f.score
    else:
        base = ctx.param("ktmu.adm.osym_language_min_phd")
        minimum = max(base, f.programme_min_osym) if f.programme_min_osym is not None else base
        if f.issuer == "OSYM":
            score = f.score
        else:
            score = ctx.sub(language_equivalent_score, {"exam_type": f.exam_type, "score": f.score}).value
            if score is None:
                return ctx.fail("ktmu.adm.lang.no_equivalent", exam=f.exam_type, score=f.score)
    if score >= minimum:
        return ctx.passed("ktmu.adm.lang.score_ok", score=score, minimum=minimum, exam=f.exam_type)
    return ctx.fail("ktmu.adm.lang.score_low", score=score, minimum=minimum, exam=f.exam_type)


class FieldLanguage(Facts):
    """The programme's research-field language (A-69; None if the field is not a language) and the certificate's language."""

    programme_field_language: str | None
    certificate_language: str


@rule("KTMU-10(7)-6")
def language_differs_from_field(f: FieldLanguage, ctx: Ctx) -> Outcome:
    """«Илимий изилдөө тармагы чет тили болгон талапкерлерден башка чет тилин билгендиги тууралуу сертификат талап кылынат».

    FAIL when the research field is a foreign language and the certificate is in that same language.
    """
    if f.programme_field_language is not None and f.certificate_language == f.programme_field_language:
        return ctx.fail("ktmu.adm.lang.same_as_field", language=f.certificate_language)
    return ctx.passed("ktmu.adm.lang.field_ok", language=f.certificate_language)


class Certificate(Facts):
    """A certificate whose validity must be checked, and the application period it is used in."""

    kind: Literal["LANGUAGE", "ALES", "GRE", "GMAT"]
    exam_date: dt.date
    stated_valid_until: dt.date | None = None
    """Language certificates only: the validity printed on the certificate, if any."""
    application_end: dt.date
    submitted_on: dt.date | None = None


@rule("KTMU-10(7)-7", "KTMU-12(5)-5", judged_on="exam_date", date_field="exam_date")
def certificate_validity(f: Certificate, ctx: Ctx) -> Outcome:
    """«Жарактуулук мөөнөтү көрсөтүлбөгөн … сертификаттардын жарактуулук мөөнөтү 5 жылды түзөт»; «ALES сертификатынын жарактуулук мөөнөтү - 3 жыл, GRE жана GMAT сертификатынын жарактуулук мөөнөтү - 5 жыл».

    A certificate is valid through the same calendar day N years after the exam (language 5
    unless it states its own validity, ALES 3, GRE/GMAT 5). It must still be valid on the last
    day of the application period (A-14; alternative reading: the submission day).
    """
    reference_kind = ctx.param("ktmu.adm.certificate_validity_reference")
    if reference_kind == "submission_date":
        if f.submitted_on is None:
            raise RuleError("The submission date is needed under the submission-date reading of A-14")
        reference = f.submitted_on
    else:
        reference = f.application_end
    if f.kind == "LANGUAGE" and f.stated_valid_until is not None:
        valid_until = f.stated_valid_until
        years = None
    else:
        name = {
            "LANGUAGE": "ktmu.adm.language_cert_validity_years",
            "ALES": "ktmu.adm.ales_validity_years",
            "GRE": "ktmu.adm.gre_gmat_validity_years",
            "GMAT": "ktmu.adm.gre_gmat_validity_years",
        }[f.kind]
        years = ctx.param(name)
        valid_until = add_years(f.exam_date, years)
    if valid_until >= reference:
        return ctx.passed("ktmu.adm.cert.valid", kind=f.kind, valid_until=valid_until, reference=reference)
    return ctx.fail("ktmu.adm.cert.expired", kind=f.kind, valid_until=valid_until, reference=reference)


# --- 10(8): one programme ------------------------------------------------------------------


class CandidateApplication(Facts):
    programme: str
    admission_round: str
    status: Literal["ACTIVE", "WITHDRAWN"] = "ACTIVE"


class CandidateApplications(Facts):
    """All applications of one person (the new one included) and the round being checked."""

    admission_round: str
    applications: list[CandidateApplication]


@rule("KTMU-10(8)-1")
def single_application(f: CandidateApplications, ctx: Ctx) -> Outcome:
    """«Талапкерлер бирден ашык программага тапшыра алышпайт».

    FAIL when the candidate has more than one non-withdrawn application in the same admission
    round (A-10: one application per candidate per round).
    """
    limit = ctx.param("ktmu.adm.max_applications_per_candidate")
    active = sorted({a.programme for a in f.applications if a.admission_round == f.admission_round and a.status != "WITHDRAWN"})
    count = sum(1 for a in f.applications if a.admission_round == f.admission_round and a.status != "WITHDRAWN")
    if count > limit:
        return ctx.fail("ktmu.adm.single.too_many", count=count, limit=limit, programmes=active)
    return ctx.passed("ktmu.adm.single.ok", count=count, limit=limit)


__all__ = [
    "application_submission",
    "document_forms",
    "application_form",
    "degree_document",
    "diploma_transcript",
    "identity_documents",
    "diploma_recognition",
    "check_application_documents",
    "gpa_to_four_point",
    "gpa_minimum",
    "gpa_minimum_override",
    "language_certificate_required",
    "language_certificate_present",
    "language_requirement_decision",
    "accepted_languages",
    "language_equivalent_score",
    "language_score_minimum",
    "language_differs_from_field",
    "certificate_validity",
    "single_application",
]
