"""KTMU Instruction on Postgraduate Education, article 19 — mandatory language exam, language
exemption and the language programme (catalogue §2 art. 19, §4.4, W-10; ERRATA 23 and 29).

Public functions the apps call:

* ``language_exemption`` (KTMU-19(1)…(5)-1, 19(7)-1, 19(8)-1) — is the student exempt from one
  language of instruction, and on which ground;
* ``exemption_exams_due`` (KTMU-19(6)-1) — the languages for which the exemption exam must be sat;
* ``lex_exam_date_announced`` (KTMU-19(7)-2) — the admission announcement states the exam date;
* ``language_programme_eligibility`` (KTMU-19(9)-1) — may the student join the preparatory language programme;
* ``enrolment_language`` (KTMU-19(11)-1) — no enrolment in a section taught in a non-exempt language;
* ``language_programme_courses`` (KTMU-19(10)-1, 19(10)a-1, 19(10)b-1) — courses a student in the
  language programme may take in the exempted language;
* ``language_period_limit`` (KTMU-19(12)-1) — the 2 / 4 semesters given to become exempt.

The language-period exclusion from the programme duration (KTMU-19(12)-2) is computed by
``studies_registration.max_duration_semesters_used``.
Languages are lower-case codes: ``ky`` Kyrgyz, ``tr`` Turkish, ``en``, ``ru``, … (foreign).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from bilim.regulations.core import Ctx, Facts, Outcome, Verdict, rule

HOME = frozenset({"ky", "tr"})


def _home_programme(languages: list[str]) -> bool:
    return set(languages) == HOME


def _foreign_language(languages: list[str]) -> str | None:
    """The language of a programme taught entirely in one foreign language, else None."""
    if len(set(languages)) == 1 and languages[0] not in HOME:
        return languages[0]
    return None


def required_languages(programme_languages: list[str]) -> list[str]:
    """Languages of instruction a student must be exempt from (W-10 row 1)."""
    if _home_programme(programme_languages):
        return ["ky", "tr"]
    return sorted(set(programme_languages))


class LanguageCertificate(BaseModel):
    """A language score the student holds.

    ``issuer``: ``TR_LANGUAGE_CENTRE`` (Turkish & Foreign Languages Research and Application Centre of
    a Turkish HEI), ``OSYM`` (Türkiye's measurement, selection and placement centre, TR-MSPC),
    ``SENATE_ACCEPTED`` (a certificate the Senate accepts as equivalent to the ÖSYM exam; give its
    ÖSYM-equivalent score from the Senate's equivalence table), ``KTMU`` (the university's own
    exemption exam).
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    issuer: Literal["TR_LANGUAGE_CENTRE", "OSYM", "SENATE_ACCEPTED", "KTMU"]
    language: str
    score: Decimal = Field(ge=0)
    osym_equivalent_score: Decimal | None = None


class LanguageDocument(BaseModel):
    """A language-proficiency document submitted to the institute."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    kind: str
    language: str
    on_senate_list: bool


class StudentLanguages(Facts):
    """What is known about a student's languages at registration."""

    programme_languages: list[str] = Field(min_length=1, description="Languages of instruction of the programme")
    prior_degree_from_ktmu: bool = False
    prior_instruction_language: str | None = Field(
        default=None, description="Language in which the student's previous degree was taught"
    )
    certificates: list[LanguageCertificate] = []
    documents: list[LanguageDocument] = []


class LanguageExemptionFacts(StudentLanguages):
    language: str = Field(description="The language of instruction decided on")


@rule(
    "KTMU-19(1)-1",
    "KTMU-19(2)-1",
    "KTMU-19(3)-1",
    "KTMU-19(4)-1",
    "KTMU-19(5)-1",
    "KTMU-19(7)-1",
    "KTMU-19(8)-1",
)
def language_exemption(f: LanguageExemptionFacts, ctx: Ctx) -> Outcome:
    """Exemption from one language of instruction (art. 19(1)–(5), (7), (8)).

    «… “Манас” университетинин бүтүрүүчүлөрү бул тилдерден бошотулат» (1); «башка университетте түрк
    тилинде билим алган студенттер түрк тили сынагынан … бошотулушат» (2); «түрк тили сынагынан 60тан
    кем эмес балл алгандар түрк тилинен бошотулат» (3); «бирдей тилде билим берген жогорку окуу жайын
    бүтүргөн студенттер ошол программанын окутуу тилинен бошотулушат» (4); «Окумуштуулар кеӊеши
    тарабынан аныкталган … документтердин бирин институтка тапшырса» (5); «кеминде 67 упай» (7);
    «кеминде 65 балл … эквиваленттүү … же … кеминде 70 балл» (8).

    Returns ``EXEMPT`` (message names the ground), ``NOT_EXEMPT``, or ``NOT_REQUIRED`` when the language
    is not a language of instruction of the programme. A-81: a KTMU graduate is exempt from both Kyrgyz
    and Turkish (parameter ``ktmu.studies.ktmu_graduate_exempt_from``; alternative: only the language
    the KTMU degree was taught in). A-24: a Senate-accepted certificate counts when its ÖSYM-equivalent
    score reaches the ÖSYM threshold. Scores are compared exactly (``>=``).
    """
    lang = f.language
    if lang not in required_languages(f.programme_languages):
        return ctx.result("NOT_REQUIRED", "ktmu.studies.lang.not_required", language=lang)

    def exempt(ground: str, **values: Any) -> Outcome:
        return ctx.result("EXEMPT", "ktmu.studies.lang.exempt", language=lang, ground=ground, **values)

    home = _home_programme(f.programme_languages)
    foreign = _foreign_language(f.programme_languages)
    if home:
        if f.prior_degree_from_ktmu:
            reading = ctx.param("ktmu.studies.ktmu_graduate_exempt_from")
            if reading == "BOTH" or f.prior_instruction_language == lang:
                return exempt("KTMU-19(1)-1")
        if f.prior_instruction_language == lang:
            return exempt("KTMU-19(2)-1")
        if lang == "tr":
            minimum = ctx.param("ktmu.studies.lex_tr_centre_min")
            for c in f.certificates:
                if c.issuer == "TR_LANGUAGE_CENTRE" and c.language == "tr" and c.score >= minimum:
                    return exempt("KTMU-19(3)-1", score=c.score, minimum=minimum)
    if foreign is not None and f.prior_instruction_language == foreign:
        return exempt("KTMU-19(4)-1")
    for d in f.documents:
        if d.language == lang and d.on_senate_list:
            return exempt("KTMU-19(5)-1")
    if home:
        minimum = ctx.param("ktmu.studies.lex_ktmu_ky_tr_min")
        for c in f.certificates:
            if c.issuer == "KTMU" and c.language == lang and c.score >= minimum:
                return exempt("KTMU-19(7)-1", score=c.score, minimum=minimum)
    if foreign is not None:
        osym_min = ctx.param("ktmu.studies.lex_foreign_trmspc_min")
        ktmu_min = ctx.param("ktmu.studies.lex_foreign_ktmu_min")
        for c in f.certificates:
            if c.language != lang:
                continue
            if c.issuer == "OSYM" and c.score >= osym_min:
                return exempt("KTMU-19(8)-1", score=c.score, minimum=osym_min)
            if c.issuer == "SENATE_ACCEPTED" and c.osym_equivalent_score is not None and c.osym_equivalent_score >= osym_min:
                return exempt("KTMU-19(8)-1", score=c.osym_equivalent_score, minimum=osym_min)
            if c.issuer == "KTMU" and c.score >= ktmu_min:
                return exempt("KTMU-19(8)-1", score=c.score, minimum=ktmu_min)
    return ctx.result("NOT_EXEMPT", "ktmu.studies.lang.not_exempt", language=lang)


@rule("KTMU-19(6)-1")
def exemption_exams_due(f: StudentLanguages, ctx: Ctx) -> Outcome:
    """«Тилден бошотуу үчүн талап кылынган документтерди тапшыра албагандар тилден бошотуу сынагына киришет».

    The required languages (both Kyrgyz and Turkish for a Kyrgyz/Turkish programme, else the programme's
    foreign language) from which the student is not exempt under 19(1)–(5), (7), (8): the student is
    scheduled for the exemption exam in each. Value: the list of those languages (empty = none due).
    """
    due: list[str] = []
    for lang in required_languages(f.programme_languages):
        sub = ctx.sub(language_exemption, {**f.model_dump(), "language": lang})
        if sub.value == "NOT_EXEMPT":
            due.append(lang)
    if due:
        return ctx.result(due, "ktmu.studies.lang.exams_due", languages=due)
    return ctx.result(due, "ktmu.studies.lang.no_exam_due")


class AdmissionAnnouncement(Facts):
    """The admission announcement as published."""

    published_on: dt.date
    language_exam_date: dt.date | None = Field(default=None, description="Date of the university's language-exemption exam")


@rule("KTMU-19(7)-2")
def lex_exam_date_announced(f: AdmissionAnnouncement, ctx: Ctx) -> Outcome:
    """«Университет тарабынан өткөрүлчү милдеттүү тил сынагынан бошотуу мөөнөтү … кулактандырууда көрсөтүлөт».

    PASS when the announcement states the exemption-exam date and that date is not before the
    announcement itself; FAIL otherwise.
    """
    if f.language_exam_date is None:
        return ctx.fail("ktmu.studies.lang.exam_date_missing")
    if f.language_exam_date < f.published_on:
        return ctx.fail("ktmu.studies.lang.exam_date_before_announcement", exam_date=f.language_exam_date, published=f.published_on)
    return ctx.passed("ktmu.studies.lang.exam_date_announced", exam_date=f.language_exam_date)


class HomeLanguageStatus(Facts):
    """Exemption status in Kyrgyz and Turkish (results of ``language_exemption``)."""

    exempt_ky: bool
    exempt_tr: bool


@rule("KTMU-19(9)-1")
def language_programme_eligibility(f: HomeLanguageStatus, ctx: Ctx) -> Outcome:
    """«Кыргыз тили же түрк тили экөөнөн тең, же биринен бошотулбаган студент каалоосу боюнча … тил
    үйрөтүү жана окутуу программасынан окуй алышат».

    PASS (may join, optionally) when the student is not exempt from Kyrgyz, Turkish or both; FAIL when
    exempt from both. Joining is optional; the 19(12) limit runs regardless (A-22).
    """
    missing = [lang for lang, ok in (("ky", f.exempt_ky), ("tr", f.exempt_tr)) if not ok]
    if missing:
        return ctx.passed("ktmu.studies.lang.lp_may_join", languages=missing)
    return ctx.fail("ktmu.studies.lang.lp_not_needed")


class SectionLanguage(Facts):
    """One enrolment into a course section."""

    section_language: str
    exempt_languages: list[str] = Field(description="Languages the student is exempt from (19(1)–(8))")


@rule("KTMU-19(11)-1")
def enrolment_language(f: SectionLanguage, ctx: Ctx) -> Outcome:
    """«Студент бошотулбаган тилде жүргүзүлгөн сабакка жазыла албайт».

    ERRATA 23: for every section language — Kyrgyz, Turkish or foreign — the student must be exempt
    from it; there is no exception for foreign languages.
    """
    if f.section_language in f.exempt_languages:
        return ctx.passed("ktmu.studies.lang.section_ok", language=f.section_language)
    return ctx.fail("ktmu.studies.lang.section_not_exempt", language=f.section_language)


class LPSection(BaseModel):
    """A course section chosen by a student in the language programme."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    course_code: str
    language: str
    source: Literal["SPP", "PG"] = Field(description="Scientific-preparation course or course of the PG programme")


class LanguageProgrammeSelection(Facts):
    """A semester's selection by a student attending the preparatory language programme."""

    exempt_languages: list[str]
    spp_required: bool = Field(description="True if the student is to attend the scientific preparation programme")
    sections: list[LPSection]
    pg_courses_taken_earlier_in_lp: int = Field(
        default=0, ge=0, description="PG courses already taken in earlier semesters of the language programme"
    )


@rule("KTMU-19(10)-1", "KTMU-19(10)a-1", "KTMU-19(10)b-1")
def language_programme_courses(f: LanguageProgrammeSelection, ctx: Ctx) -> Outcome:
    """«… бул тилге байланыштуу даярдоо курсу менен чогуу бошотулган тилдеги сабактардан: a) эгерде
    адистикке даярдоо программасына кире турган болсо, адистикке даярдоо программасынан; b) адистикке
    даярдоо программасынан бошотулса, ЖОЖдон кийинки билим берүү программасынан эң көп 2 сабак ала алат».

    While in the language programme a student takes only courses taught in a language he/she is
    exempt from (19(11), evaluated as a sub-rule per section). Case a (SPP required): courses from the
    SPP only, with the art. 20 limits and **no cap of 2** (ERRATA 29). Case b (no SPP): at most 2 PG
    courses. The original states the 2 for the period «даярдоо курсу менен чогуу», not per semester:
    by default courses taken earlier in the language programme count too (parameter
    ``ktmu.studies.lp_pg_cap_scope``; the catalogue's per-semester count is the alternative).
    """
    bad_language = []
    for s in f.sections:
        sub = ctx.sub(enrolment_language, {"section_language": s.language, "exempt_languages": f.exempt_languages})
        if sub.value is Verdict.FAIL:
            bad_language.append(s.course_code)
    if bad_language:
        return ctx.fail("ktmu.studies.lang.lp_language_not_exempt", courses=bad_language)
    pg = [s.course_code for s in f.sections if s.source == "PG"]
    spp = [s.course_code for s in f.sections if s.source == "SPP"]
    if f.spp_required:
        if pg:
            return ctx.fail("ktmu.studies.lang.lp_case_a_pg", courses=pg)
        return ctx.passed("ktmu.studies.lang.lp_case_a_ok", count=len(spp))
    if spp:
        return ctx.fail("ktmu.studies.lang.lp_case_b_spp", courses=spp)
    cap = int(ctx.param("ktmu.studies.lp_max_pg_courses"))
    scope = ctx.param("ktmu.studies.lp_pg_cap_scope")
    total = len(pg) + (f.pg_courses_taken_earlier_in_lp if scope == "LANGUAGE_PERIOD" else 0)
    if total > cap:
        return ctx.fail("ktmu.studies.lang.lp_case_b_over", count=total, cap=cap)
    return ctx.passed("ktmu.studies.lang.lp_case_b_ok", count=total, cap=cap)


SemesterStatus = Literal["REGISTERED", "NOT_RENEWED", "LEAVE", "ACADEMIC_LEAVE"]


class LanguagePeriod(Facts):
    """The language period of a student not yet exempt."""

    languages_not_exempt_at_registration: int = Field(ge=1, le=2)
    completed_semesters: list[SemesterStatus] = Field(
        description="Status of each completed semester since the first semester after final registration"
    )
    exempt_now: bool = False


@rule("KTMU-19(12)-1")
def language_period_limit(f: LanguagePeriod, ctx: Ctx) -> Outcome:
    """«Окутуу тилдеринин биринен бошотулбаган студентке эң көп 2 семестр, эки тилден тең бошотулбаган
    студентке эң көп 4 семестр мөөнөт берилет».

    Limit 2 semesters (one language missing at registration) or 4 (both). Counting (A-23): from the
    first semester after final registration; semesters of approved leave and academic leave do not
    count (parameter ``ktmu.studies.lang_period_excludes_leave``). PASS while semesters remain (WARN in
    the last one); FAIL once the limit is used up and the student is still not exempt — the dismissal
    ground KTMU-39(1)d-1. A student who has become exempt passes.
    """
    limit = int(ctx.param("ktmu.studies.lang_limit_one" if f.languages_not_exempt_at_registration == 1 else "ktmu.studies.lang_limit_two"))
    if ctx.param("ktmu.studies.lang_period_excludes_leave"):
        used = sum(1 for s in f.completed_semesters if s not in ("LEAVE", "ACADEMIC_LEAVE"))
    else:
        used = len(f.completed_semesters)
    if f.exempt_now:
        return ctx.passed("ktmu.studies.lang.period_exempt", used=used, limit=limit)
    if used >= limit:
        return ctx.fail("ktmu.studies.lang.period_exhausted", used=used, limit=limit)
    if used == limit - 1:
        return ctx.warn("ktmu.studies.lang.period_last", used=used, limit=limit)
    return ctx.passed("ktmu.studies.lang.period_ok", used=used, limit=limit, remaining=limit - used)
