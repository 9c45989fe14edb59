"""KTMU Instruction on Postgraduate Education, arts. 5–9: language and form of instruction,
opening and changing programmes (staff minimums), new courses, quotas, admission announcement.

Public functions (rules) the apps call:

* ``programme_languages`` (KTMU-5(1)-1), ``foreign_language_section`` (KTMU-5(2)-1),
  ``section_language_consistency`` (KTMU-5(2)-2), ``thesis_foreign_language`` (KTMU-5(3)-1),
  ``foreign_programme_languages`` (KTMU-5(4)-1), ``delivery_mode`` (KTMU-5(5)-1, KTMU-5(5)-2);
* ``programme_opening_approvals`` (KTMU-6(1)-1), ``programme_name_matches_fos`` (KTMU-6(1)-2),
  ``interdisciplinary_opening_approvals`` (KTMU-6(2)-1), ``interdisciplinary_staff`` (KTMU-6(2)-2),
  ``joint_programme_staff`` (KTMU-6(3)-1), ``programme_change_approvals`` (KTMU-6(4)-1),
  ``master_opening_staff`` (KTMU-6(5)-1), ``doctoral_opening_staff`` (KTMU-6(6)-1, ERRATA 1),
  ``opening_facilities`` (KTMU-6(7)-1), ``opening_proposal_complete`` (KTMU-6(8)-1);
* ``new_course_application`` (KTMU-7-1), ``course_opening_approvals`` (KTMU-7-2);
* ``quota_approvals`` (KTMU-8-1);
* ``announcement_complete`` (KTMU-9-1), ``admission_window`` (KTMU-9-2),
  ``announcement_publication`` (KTMU-9-3), ``admission_rounds_per_year`` (KTMU-9-4).

Approval chains use :func:`bilim.regulations.governance.decisions.check_chain`.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Literal

from pydantic import Field

from bilim.regulations.core import Ctx, Facts, Outcome, rule
from bilim.regulations.governance.decisions import Decision, check_chain
from bilim.regulations.postgrad.definitions import Instructor, course_credit

Level = Literal["MA", "PHD", "AI"]
HOME_LANGUAGES = {"ky", "tr"}


def _langs(values: list[str]) -> set[str]:
    return {v.strip().lower() for v in values}


# ============================================================================================
# Article 5 — language and form of instruction


class ProgrammeLanguages(Facts):
    """A programme's instruction languages (ISO 639-1) and whether it is approved as a programme
    taught entirely in a foreign language (A-02: an explicit programme attribute)."""

    programme_code: str
    level: Level
    instruction_languages: list[str] = Field(min_length=1)
    fully_foreign_language: str | None = Field(default=None, description="the foreign language, if approved as such")


@rule("KTMU-5(1)-1")
def programme_languages(f: ProgrammeLanguages, ctx: Ctx) -> Outcome:
    """«Магистратура программаларында окутуу кыргыз жана түрк тилдеринде жүргүзүлөт».

    PASS when the programme is taught in Kyrgyz and/or Turkish, or it is an approved programme
    taught entirely in one foreign language (art. 5(4)) and uses only that language; FAIL otherwise.
    A-02: applied by default to every level (doctoral/AI languages are not stated); parameter
    ``ktmu.prog.language_rule_levels`` (alternative: MA only).
    """
    levels = ctx.param("ktmu.prog.language_rule_levels")
    langs = _langs(f.instruction_languages)
    if f.level not in levels:
        return ctx.passed("ktmu.prog.lang.not_concerned", programme=f.programme_code, level=f.level)
    if f.fully_foreign_language:
        foreign = f.fully_foreign_language.strip().lower()
        if langs == {foreign}:
            return ctx.passed("ktmu.prog.lang.foreign_programme", programme=f.programme_code, language=foreign)
        return ctx.fail("ktmu.prog.lang.foreign_mixed", programme=f.programme_code, language=foreign, languages=sorted(langs))
    extra = sorted(langs - HOME_LANGUAGES)
    if extra:
        return ctx.fail("ktmu.prog.lang.bad", programme=f.programme_code, languages=extra)
    return ctx.passed("ktmu.prog.lang.ok", programme=f.programme_code, languages=sorted(langs))


class ForeignSection(Facts):
    """A course (section) offered also in a foreign language, with the decisions recorded."""

    course_code: str
    section_language: str
    programme_languages: list[str] = Field(default_factory=lambda: ["ky", "tr"])
    decisions: list[Decision] = Field(default_factory=list)


@rule("KTMU-5(2)-1")
def foreign_language_section(f: ForeignSection, ctx: Ctx) -> Outcome:
    """«ИИТ/ИКТнын академиялык кеңешинин сунушу, институттун кеңешинин чечими жана Окумуштуулар
    кеӊешинин макулдугу менен ылайыктуу деп табылган сабактар … чет тилинде да берилиши мүмкүн».

    A section in a language other than the programme's needs FoS-council proposal → Institute
    Council decision → Senate consent (A-01: Institute Council = Institute Board by default).
    """
    lang = f.section_language.strip().lower()
    if lang in _langs(f.programme_languages):
        return ctx.passed("ktmu.prog.section.own_language", course=f.course_code, language=lang)
    chain = [("fos_council", "PROPOSE"), ("institute_council", "DECIDE"), ("senate", "CONSENT")]
    return check_chain(ctx, f"{f.course_code} ({lang})", chain, f.decisions)


class SectionActivities(Facts):
    course_code: str
    section_language: str
    practical_languages: list[str] = Field(default_factory=list)
    exam_languages: list[str] = Field(default_factory=list)


@rule("KTMU-5(2)-2")
def section_language_consistency(f: SectionActivities, ctx: Ctx) -> Outcome:
    """«Чет тилинде берилген сабактын практикалык сабактары жана сынактары ошол эле тилде өткөрүлөт».

    PASS when every practical session and every exam of the section is in the section's language.
    """
    lang = f.section_language.strip().lower()
    bad = sorted((_langs(f.practical_languages) | _langs(f.exam_languages)) - {lang})
    if bad:
        return ctx.fail("ktmu.prog.section.mixed", course=f.course_code, language=lang, others=bad)
    return ctx.passed("ktmu.prog.section.same", course=f.course_code, language=lang)


class ThesisLanguage(Facts):
    student_id: str
    thesis_language: str
    programme_languages: list[str] = Field(default_factory=lambda: ["ky", "tr"])
    decisions: list[Decision] = Field(default_factory=list)


@rule("KTMU-5(3)-1")
def thesis_foreign_language(f: ThesisLanguage, ctx: Ctx) -> Outcome:
    """«Диссертациялык иш илимий жетекчисинин арызынын негизинде ИИТ/ИКТнын академиялык кеңешинин
    сунушу жана институттун Башкаруу кеңешинин чечими менен чет тилинде жазылышы мүмкүн».

    A thesis in a language not of the programme needs supervisor application → FoS-council
    proposal → Institute Board decision.
    """
    lang = f.thesis_language.strip().lower()
    if lang in _langs(f.programme_languages):
        return ctx.passed("ktmu.prog.thesis.own_language", student=f.student_id, language=lang)
    chain = [("supervisor", "APPLY"), ("fos_council", "PROPOSE"), ("institute_board", "DECIDE")]
    return check_chain(ctx, f"{f.student_id} ({lang})", chain, f.decisions)


class ForeignProgrammeWork(Facts):
    programme_code: str
    fully_foreign_language: str
    thesis_language: str | None = None
    qualifying_exam_language: str | None = None
    defence_language: str | None = None
    report_languages: list[str] = Field(default_factory=list)


@rule("KTMU-5(4)-1")
def foreign_programme_languages(f: ForeignProgrammeWork, ctx: Ctx) -> Outcome:
    """«…толугу менен чет тилинде жүргүзүлүүчү программаларда магистрдик диссертация, докторантура
    квалификациялык сынагы, диссертация/көркөм өнөр чыгармасын жактоо сынагы жана отчеттор ошол чет
    тилинде жүргүзүлөт».

    PASS when the thesis, the qualifying exam, the defence and every report recorded so far are in
    the programme's foreign language (items not yet recorded are not checked).
    """
    lang = f.fully_foreign_language.strip().lower()
    used = [f.thesis_language, f.qualifying_exam_language, f.defence_language, *f.report_languages]
    bad = sorted({u.strip().lower() for u in used if u} - {lang})
    if bad:
        return ctx.fail("ktmu.prog.foreign_work.bad", programme=f.programme_code, language=lang, others=bad)
    return ctx.passed("ktmu.prog.foreign_work.ok", programme=f.programme_code, language=lang)


class Delivery(Facts):
    subject: str = Field(description="programme code or course-section code (A-71)")
    mode: Literal["FULL_TIME", "DISTANCE", "FLEXIBLE"]
    senate_decision: Decision | None = None


@rule("KTMU-5(5)-1", "KTMU-5(5)-2")
def delivery_mode(f: Delivery, ctx: Ctx) -> Outcome:
    """«…билим берүү окутуунун күндүзгү формасында жүргүзүлөт. Окумуштуулар кеӊешинин чечими менен
    аралыктан окутуу сыяктуу ийкемдүү варианттарга да уруксат берилет».

    Full-time: PASS. Distance or another flexible option: PASS only with a positive Senate decision.
    """
    if f.mode == "FULL_TIME":
        return ctx.passed("ktmu.prog.mode.full_time", subject=f.subject)
    d = f.senate_decision
    if d is not None and d.body == "senate" and d.positive:
        return ctx.passed("ktmu.prog.mode.senate", subject=f.subject, mode=f.mode, number=d.number or "—")
    return ctx.fail("ktmu.prog.mode.no_senate", subject=f.subject, mode=f.mode)


# ============================================================================================
# Article 6 — opening and changing programmes


class ApprovalRecord(Facts):
    """The decisions recorded for one subject (programme, change, course, quota, announcement)."""

    subject: str
    decisions: list[Decision] = Field(default_factory=list)


@rule("KTMU-6(1)-1")
def programme_opening_approvals(f: ApprovalRecord, ctx: Ctx) -> Outcome:
    """«…ИИТ/ИКТнын академиялык кеңешинин сунушу, институттун Башкаруу кеӊешинин чечими,
    Окумуштуулар кеӊешинин макулдугу жана Камкорчулар кеңешинин чечими менен ачылат».

    Regular (and, A-04, joint) programme: FoS-council → Institute Board → Senate → Trustees, in order.
    """
    chain = [("fos_council", "PROPOSE"), ("institute_board", "DECIDE"), ("senate", "CONSENT"), ("trustees", "DECIDE")]
    return check_chain(ctx, f.subject, chain, f.decisions)


class ProgrammeName(Facts):
    programme_type: Literal["REGULAR", "INTERDISCIPLINARY", "JOINT"]
    programme_name: str
    fos_name: str


def _norm_name(text: str) -> str:
    return " ".join(text.split()).casefold()


@rule("KTMU-6(1)-2")
def programme_name_matches_fos(f: ProgrammeName, ctx: Ctx) -> Outcome:
    """«Ачыла турган ЖОЖдон кийинки билим берүү программасынын аталышы ИИТ/ИКТ менен бирдей аталышта болот».

    The name of a programme opened within a FoS equals the FoS's name (case and repeated spaces
    ignored). Interdisciplinary programmes are not concerned.
    """
    if f.programme_type == "INTERDISCIPLINARY":
        return ctx.passed("ktmu.prog.name.not_concerned", name=f.programme_name)
    if _norm_name(f.programme_name) == _norm_name(f.fos_name):
        return ctx.passed("ktmu.prog.name.ok", name=f.programme_name)
    return ctx.fail("ktmu.prog.name.bad", name=f.programme_name, fos=f.fos_name)


@rule("KTMU-6(2)-1")
def interdisciplinary_opening_approvals(f: ApprovalRecord, ctx: Ctx) -> Outcome:
    """«Дисциплиналар аралык программа институттун жетекчилигинин сунушу, Окумуштуулар кеӊешинин
    чечими жана Камкорчулар кеңешинин макулдугу менен ачылышы мүмкүн».

    Interdisciplinary programme: Inst-Mgmt proposal → Senate decision → Trustees consent.
    """
    chain = [("inst_mgmt", "PROPOSE"), ("senate", "DECIDE"), ("trustees", "CONSENT")]
    return check_chain(ctx, f.subject, chain, f.decisions)


class ProgrammeStaff(Facts):
    programme_code: str
    managing_fos: str | None = None
    instructors: list[Instructor] = Field(default_factory=list)
    partner_universities: list[str] = Field(default_factory=list)


@rule("KTMU-6(2)-2")
def interdisciplinary_staff(f: ProgrammeStaff, ctx: Ctx) -> Outcome:
    """«…программага туура келген ИИТ/ИКТнын жетекчилиги астында … университетте толук айлык акы
    алган окумуштуулук даражасы жана илимий наамы бар окутуучулар тарабынан жүргүзүлөт».

    PASS when a managing FoS is named and every instructor is a full-salaried KTMU instructor with
    an academic degree and title; FAIL naming the instructors who are not.
    """
    if not (f.managing_fos or "").strip():
        return ctx.fail("ktmu.prog.idp.no_fos", programme=f.programme_code)
    if not f.instructors:
        return ctx.fail("ktmu.prog.staff.none", programme=f.programme_code)
    bad = [i.person_id for i in f.instructors if not (i.employer == "KTMU" and i.full_salary and i.has_degree and i.has_title)]
    if bad:
        return ctx.fail("ktmu.prog.idp.bad_staff", programme=f.programme_code, instructors=bad)
    return ctx.passed("ktmu.prog.idp.ok", programme=f.programme_code, fos=f.managing_fos, count=len(f.instructors))


@rule("KTMU-6(3)-1")
def joint_programme_staff(f: ProgrammeStaff, ctx: Ctx) -> Outcome:
    """«Биргелешкен программанын штаты тараптар болгон университеттердин программалык чөйрөсүндө
    штаттык компетенттүү окутуучулардан түзүлөт».

    PASS when at least one partner HEI besides KTMU is recorded and every instructor is a staff
    instructor of KTMU or of a partner HEI; FAIL naming the others.
    """
    partners = {p.strip() for p in f.partner_universities if p.strip() and p.strip() != "KTMU"}
    if not partners:
        return ctx.fail("ktmu.prog.joint.no_partner", programme=f.programme_code)
    if not f.instructors:
        return ctx.fail("ktmu.prog.staff.none", programme=f.programme_code)
    allowed = partners | {"KTMU"}
    bad = [i.person_id for i in f.instructors if not (i.is_staff and i.employer in allowed)]
    if bad:
        return ctx.fail("ktmu.prog.joint.bad_staff", programme=f.programme_code, instructors=bad)
    return ctx.passed("ktmu.prog.joint.ok", programme=f.programme_code, partners=sorted(partners))


@rule("KTMU-6(4)-1")
def programme_change_approvals(f: ApprovalRecord, ctx: Ctx) -> Outcome:
    """«Өзгөртүүлөр ИИТ/ИКТнын академиялык кеңешинин сунушунун жана институттун кеңешинин чечиминин
    негизинде Окумуштуулар кеӊешинин макулдугу менен киргизилет».

    Programme change: FoS-council → Institute Council (A-01: the Institute Board by default) → Senate.
    """
    chain = [("fos_council", "PROPOSE"), ("institute_council", "DECIDE"), ("senate", "CONSENT")]
    return check_chain(ctx, f.subject, chain, f.decisions)


class FosStaff(Facts):
    """The instructors of the FoS that proposes to open a programme."""

    fos: str
    instructors: list[Instructor]


@rule("KTMU-6(5)-1")
def master_opening_staff(f: FosStaff, ctx: Ctx) -> Outcome:
    """«Магистратура программасы ИИТ/ИКТда толук айлык акы алган окумуштуулук даражасы жана илимий
    наамы бар кеминде 3 окутуучу (алардын бирөөсү профессор же доцент болушу керек) болгон учурда
    ачылышы мүмкүн».

    Count the FoS's full-salaried instructors holding a degree and a title: PASS when there are at
    least 3 and at least 1 of them is a professor or associate professor.
    """
    need = int(ctx.param("ktmu.prog.ma_open_min_staff"))
    need_senior = int(ctx.param("ktmu.prog.ma_open_min_prof_or_assoc"))
    qualified = [i for i in f.instructors if i.fos in (None, f.fos) and i.full_salary and i.has_degree and i.has_title]
    senior = sum(1 for i in qualified if i.title in {"PROF", "ASSOC_PROF"})
    values = {"fos": f.fos, "count": len(qualified), "need": need, "senior": senior, "need_senior": need_senior}
    if len(qualified) >= need and senior >= need_senior:
        return ctx.passed("ktmu.prog.ma_staff.ok", **values)
    return ctx.fail("ktmu.prog.ma_staff.short", **values)


class DoctoralFosStaff(FosStaff):
    level: Literal["PHD", "AI"] = "PHD"


@rule("KTMU-6(6)-1")
def doctoral_opening_staff(f: DoctoralFosStaff, ctx: Ctx) -> Outcome:
    """«Докторантура программасын ачуу үчүн ИИТ/ИКТда толук айлык акы алган кеминде беш окутуучу,
    алардын экөөсү профессор, же болбосо бир профессор жана эки доцент болуусу шарт».

    PASS when the FoS has at least 5 full-salaried instructors, among them at least 2 professors,
    or at least 1 professor and 2 associate professors. ERRATA 1 (original wording): degree and
    title are NOT required of all five — the stricter reading of A-04 is the non-default parameter
    ``ktmu.prog.phd_open_require_degree_title``. A-04: the same minimum for AI programmes.
    """
    need = int(ctx.param("ktmu.prog.phd_open_min_staff"))
    min_prof_alone = int(ctx.param("ktmu.prog.phd_open_min_prof"))
    combo_prof, combo_assoc = (int(x) for x in ctx.param("ktmu.prog.phd_open_min_prof_assoc_combo"))
    strict = bool(ctx.param("ktmu.prog.phd_open_require_degree_title"))
    staff = [
        i
        for i in f.instructors
        if i.fos in (None, f.fos) and i.full_salary and (not strict or (i.has_degree and i.has_title))
    ]
    prof = sum(1 for i in staff if i.title == "PROF")
    assoc = sum(1 for i in staff if i.title == "ASSOC_PROF")
    senior_ok = prof >= min_prof_alone or (prof >= combo_prof and assoc >= combo_assoc)
    values = {"fos": f.fos, "count": len(staff), "need": need, "prof": prof, "assoc": assoc}
    if len(staff) >= need and senior_ok:
        return ctx.passed("ktmu.prog.phd_staff.ok", **values)
    return ctx.fail("ktmu.prog.phd_staff.short", **values)


class OpeningFacilities(Facts):
    """The facilities section of an opening proposal (art. 6(7))."""

    programme_code: str
    required: list[str] = Field(description="facilities the programme needs: clinic, laboratory, workshop, library, …")
    available: list[str] = Field(default_factory=list, description="those the university has and that meet the requirements")
    reviewer_confirmed: bool = False


@rule("KTMU-6(7)-1")
def opening_facilities(f: OpeningFacilities, ctx: Ctx) -> Outcome:
    """«…окутуунун талаптарына жооп берген тийиштүү клиника, лаборатория, устакана, китепкана ж.б.
    болушу керек».

    (Catalogue: not machine-checkable; supported by a mandatory facilities section.) PASS when the
    section lists the required facilities, each is available, and a reviewer confirmed it.
    """
    if not f.required:
        return ctx.fail("ktmu.prog.facilities.empty", programme=f.programme_code)
    missing = sorted(set(f.required) - set(f.available))
    if missing:
        return ctx.fail("ktmu.prog.facilities.missing", programme=f.programme_code, missing=missing)
    if not f.reviewer_confirmed:
        return ctx.fail("ktmu.prog.facilities.unconfirmed", programme=f.programme_code)
    return ctx.passed("ktmu.prog.facilities.ok", programme=f.programme_code)


class CourseLine(Facts):
    """One course of a curriculum/proposal as listed in art. 6(8) / art. 7."""

    code: str | None = None
    title: str | None = None
    hours: Decimal | None = None
    credit: Decimal | None = None
    ects: Decimal | None = None
    content: str | None = None
    outcomes: str | None = None


class OpeningProposal(Facts):
    """DOC-PROG-OPEN: the package of art. 6(8)."""

    programme_code: str
    reasons: str | None = None
    qualification: str | None = None
    admission_conditions: str | None = None
    graduation_conditions: str | None = None
    semesters: dict[int, list[CourseLine]] = Field(default_factory=dict, description="semester number → courses")
    instructor_cvs: list[str] = Field(default_factory=list, description="person IDs with an attached CV")
    publication_lists: list[str] = Field(default_factory=list, description="person IDs with an attached publication list")
    instructors: list[str] = Field(default_factory=list, description="person IDs of the instructors who will teach")


def _blank(v: object) -> bool:
    return v is None or (isinstance(v, str) and not v.strip())


@rule("KTMU-6(8)-1")
def opening_proposal_complete(f: OpeningProposal, ctx: Ctx) -> Outcome:
    """«…ачуу сунушу, ачуунун себептери, программанын квалификациясы, программага тапшыруу жана
    бүтүрүү шарттары, ар бир семестрде окутула турган милдеттүү жана тандалма сабактардын коддору,
    аталыштары, сааттары, кредиттери, АКТС, сабактын мазмуну, натыйжалары жана … окутуучулардын
    резюмелери, ошондой эле жарыяланган басылмалардын тизмелери чогуу даярдалат».

    PASS when every item is present: reasons, qualification, admission and graduation conditions,
    at least one semester with courses each having code, title, hours, credit, ECTS, content and
    outcomes, and a CV and a publication list for every instructor who will teach; FAIL listing
    what is missing.
    """
    missing: list[str] = [
        name
        for name in ("reasons", "qualification", "admission_conditions", "graduation_conditions")
        if _blank(getattr(f, name))
    ]
    if not f.semesters or not any(f.semesters.values()):
        missing.append("courses")
    for sem, courses in sorted(f.semesters.items()):
        for n, c in enumerate(courses, 1):
            for fld in ("code", "title", "hours", "credit", "ects", "content", "outcomes"):
                if _blank(getattr(c, fld)):
                    missing.append(f"semester {sem} course {c.code or n}: {fld}")
    if not f.instructors:
        missing.append("instructors")
    for pid in f.instructors:
        if pid not in f.instructor_cvs:
            missing.append(f"CV {pid}")
        if pid not in f.publication_lists:
            missing.append(f"publications {pid}")
    if missing:
        return ctx.fail("ktmu.prog.proposal.incomplete", programme=f.programme_code, missing=missing)
    return ctx.passed("ktmu.prog.proposal.complete", programme=f.programme_code)


# ============================================================================================
# Article 7 — new course


class LocalisedText(Facts):
    ky: str | None = None
    tr: str | None = None
    en: str | None = None
    ru: str | None = None


class NewCourseApplication(Facts):
    """The instructor's application for a new course (art. 7)."""

    instructor_id: str
    name: LocalisedText
    content: LocalisedText
    sources: LocalisedText
    outcomes: LocalisedText
    credit: Decimal | None = None
    theory_hours_per_week: Decimal | None = None
    practice_or_lab_hours_per_week: Decimal | None = None
    ects: Decimal | None = None


@rule("KTMU-7-1")
def new_course_application(f: NewCourseApplication, ctx: Ctx) -> Outcome:
    """«…окутуучу төрт тилде (кыргызча, түркчө, англисче, орусча) сабактын атын, кредитин, саатын,
    AКТС, мазмунун, булактарды жана сабактын натыйжасын камтыган арыз менен ИИТ/ИКТнын
    жетекчилигине кайрылат».

    PASS when name, content, sources and outcomes are given in all four languages and credit, hours
    and ECTS are present; the credit must equal theory + ½ practice/lab hours (KTMU-4-1, W-02 row 1).
    """
    languages = list(ctx.param("ktmu.prog.course_application_languages"))
    missing: list[str] = []
    for fld in ("name", "content", "sources", "outcomes"):
        texts: LocalisedText = getattr(f, fld)
        for lang in languages:
            if _blank(getattr(texts, lang)):
                missing.append(f"{fld}[{lang}]")
    for fld in ("credit", "theory_hours_per_week", "ects"):
        if getattr(f, fld) is None:
            missing.append(fld)
    if missing:
        return ctx.fail("ktmu.prog.course_app.incomplete", instructor=f.instructor_id, missing=missing)
    expected = ctx.sub(
        course_credit,
        {
            "theory_hours_per_week": f.theory_hours_per_week,
            "practice_or_lab_hours_per_week": f.practice_or_lab_hours_per_week or Decimal(0),
        },
    ).value
    if f.credit != expected:
        return ctx.fail("ktmu.prog.course_app.credit", credit=f.credit, expected=expected)
    return ctx.passed("ktmu.prog.course_app.complete", instructor=f.instructor_id, credit=f.credit)


@rule("KTMU-7-2")
def course_opening_approvals(f: ApprovalRecord, ctx: Ctx) -> Outcome:
    """«Сабак ИИТ/ИКТнын академиялык кеңешинин сунушу, институттун башкаруу кеңешинин чечими жана
    Окумуштуулар кеӊешинин бекитүүсү менен ачылат».

    New course: FoS-council proposal → Institute Board decision → Senate approval.
    """
    chain = [("fos_council", "PROPOSE"), ("institute_board", "DECIDE"), ("senate", "APPROVE")]
    return check_chain(ctx, f.subject, chain, f.decisions)


# ============================================================================================
# Article 8 — quotas


class QuotaRecord(ApprovalRecord):
    quota: int = Field(ge=0)


@rule("KTMU-8-1")
def quota_approvals(f: QuotaRecord, ctx: Ctx) -> Outcome:
    """«…квотасын аныктоодо … ИИТ/ИКТнын академиялык кеӊешинин сунушу, институттун Башкаруу
    кеңешинин чечими, Окумуштуулар кеӊешинин макулдугу жана Камкорчулар кеңешинин бекитүүсү менен
    жүргүзүлөт».

    A quota is in force only after FoS-council → Institute Board → Senate → Trustees (A-68: the
    Trustees' approval is a binding final decision).
    """
    chain = [("fos_council", "PROPOSE"), ("institute_board", "DECIDE"), ("senate", "CONSENT"), ("trustees", "APPROVE")]
    return check_chain(ctx, f"{f.subject}: {f.quota}", chain, f.decisions)


# ============================================================================================
# Article 9 — admission announcement


class SpecExamInfo(Facts):
    date: dt.date | None = None
    time: str | None = None
    place: str | None = None
    form: str | None = None


class Announcement(Facts):
    """DOC-ANN: the admission announcement (art. 9)."""

    academic_year: str = Field(pattern=r"^\d{4}-\d{4}$")
    quotas: dict[str, int] = Field(default_factory=dict, description="programme code → quota")
    documents_application: list[str] = Field(default_factory=list)
    documents_final_registration: list[str] = Field(default_factory=list)
    application_conditions: str | None = None
    specialist_exam: SpecExamInfo | None = None
    registration_start: dt.date | None = None
    registration_end: dt.date | None = None
    language_exemption_exam_date: dt.date | None = None


@rule("KTMU-9-1")
def announcement_complete(f: Announcement, ctx: Ctx) -> Outcome:
    """«…кулактандыруу квотанын саны, программага жана акыркы каттоого керектүү документтер,
    тапшыруу шарттары, адистик сынакты өткөрүү, каттоо күндөрү … даярдалат».

    PASS when the announcement names the quotas, the documents for application and for final
    registration, the application conditions, the specialist exam (date, time, place, form), the
    registration dates and the language-exemption exam date (art. 19(7)); FAIL listing the gaps.
    """
    missing: list[str] = []
    if not f.quotas:
        missing.append("quotas")
    if not f.documents_application:
        missing.append("documents_application")
    if not f.documents_final_registration:
        missing.append("documents_final_registration")
    if _blank(f.application_conditions):
        missing.append("application_conditions")
    exam = f.specialist_exam
    for fld in ("date", "time", "place", "form"):
        if exam is None or _blank(getattr(exam, fld)):
            missing.append(f"specialist_exam.{fld}")
    if f.registration_start is None or f.registration_end is None:
        missing.append("registration_dates")
    if f.language_exemption_exam_date is None:
        missing.append("language_exemption_exam_date")
    if missing:
        return ctx.fail("ktmu.prog.ann.incomplete", year=f.academic_year, missing=missing)
    return ctx.passed("ktmu.prog.ann.complete", year=f.academic_year)


class AdmissionTimeline(Facts):
    """Every dated step of one admission round (application start … reserve promotion)."""

    admission_year: int = Field(description="calendar year of the round (admission for the autumn of this year)")
    dates: dict[str, dt.date] = Field(min_length=1, description="step name → date")


@rule("KTMU-9-2")
def admission_window(f: AdmissionTimeline, ctx: Ctx) -> Outcome:
    """«…кабыл алуу иштери 20-июндан 10-октябрга чейин аяктай тургандай кылып даярдалат».

    A-10: every admission date must lie from 20 June to 10 October (inclusive) of the year. A date
    after 10 October (or in another year) is a FAIL; a date before 20 June is a WARN (the text fixes
    the completion, the start is a recommendation).
    """
    sm, sd = (int(x) for x in ctx.param("ktmu.prog.admission_window_start"))
    em, ed = (int(x) for x in ctx.param("ktmu.prog.admission_window_end"))
    start, end = dt.date(f.admission_year, sm, sd), dt.date(f.admission_year, em, ed)
    late = sorted(k for k, d in f.dates.items() if d > end or d.year < f.admission_year)
    early = sorted(k for k, d in f.dates.items() if d.year == f.admission_year and d < start)
    if late:
        return ctx.fail("ktmu.prog.window.late", steps=late, end=end)
    if early:
        return ctx.warn("ktmu.prog.window.early", steps=early, start=start)
    return ctx.passed("ktmu.prog.window.ok", start=start, end=end)


class AnnouncementPublication(Facts):
    subject: str
    decisions: list[Decision] = Field(default_factory=list)
    published_on: list[Literal["RECTORATE_WEB", "INSTITUTE_WEB", "OTHER"]] = Field(default_factory=list)
    published_date: dt.date | None = None


@rule("KTMU-9-3")
def announcement_publication(f: AnnouncementPublication, ctx: Ctx) -> Outcome:
    """«Кулактандыруу институттун Башкаруу кеңешинин сунушу жана Окумуштуулар кеӊешинин чечиминен
    кийин ректораттын жана институттун веб-баракчаларында жарыяланат».

    PASS when Institute Board proposal → Senate decision precede the publication and the
    announcement is (to be) published on both the Rectorate's and the institute's web pages.
    """
    chain = check_chain(ctx, f.subject, [("institute_board", "PROPOSE"), ("senate", "DECIDE")], f.decisions)
    if not chain.ok:
        return chain
    senate = max(d.date for d in f.decisions if d.body == "senate" and d.positive)
    if f.published_date is not None and f.published_date < senate:
        return ctx.fail("ktmu.prog.ann.before_senate", published=f.published_date, senate=senate)
    missing = sorted({"RECTORATE_WEB", "INSTITUTE_WEB"} - set(f.published_on))
    if f.published_date is not None and missing:
        return ctx.fail("ktmu.prog.ann.web_missing", missing=missing)
    return ctx.passed("ktmu.prog.ann.publishable", subject=f.subject)


class AdmissionRound(Facts):
    programme_code: str
    institute: str
    academic_year: str = Field(pattern=r"^\d{4}-\d{4}$")
    round_id: str


class AdmissionRounds(Facts):
    rounds: list[AdmissionRound]


@rule("KTMU-9-4")
def admission_rounds_per_year(f: AdmissionRounds, ctx: Ctx) -> Outcome:
    """«Студенттерди кабыл алуу жылына бир жолу жүргүзүлөт».

    At most one admission round per academic year — A-10: per programme by default (parameter
    ``ktmu.prog.admission_round_scope``; alternative ``institute``). FAIL names the over-counted keys.
    """
    limit = int(ctx.param("ktmu.prog.admission_rounds_per_year"))
    scope = ctx.param("ktmu.prog.admission_round_scope")
    seen: dict[tuple[str, str], set[str]] = {}
    for r in f.rounds:
        key = (r.programme_code if scope == "programme" else r.institute, r.academic_year)
        seen.setdefault(key, set()).add(r.round_id)
    over = sorted(f"{k[0]} {k[1]}" for k, ids in seen.items() if len(ids) > limit)
    if over:
        return ctx.fail("ktmu.prog.rounds.too_many", keys=over, limit=limit)
    return ctx.passed("ktmu.prog.rounds.ok", limit=limit)

