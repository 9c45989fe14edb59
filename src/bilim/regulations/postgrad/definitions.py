"""KTMU Instruction on Postgraduate Education — normative definitions of article 4.

Public functions (rules) the apps call:

* ``course_credit`` (KTMU-4-1) — national credit of a course from its weekly hours;
  ``course_credits_batch`` — the same over a course catalogue, values only;
* ``citizenship_class`` (KTMU-4-3) — KR / TR / FOREIGN (A-09 for dual citizens);
* ``is_international_student`` (KTMU-4-2) — international-student classification (A-08, A-09);
  ``international_batch`` — the same over an applicant list, values only;
* ``semester_definition`` (KTMU-4-4) — a semester is autumn or spring with Senate-set dates;
* ``fos_council_membership`` (KTMU-4-5) — who may sit on a FoS academic council;
* ``research_practice_term`` (KTMU-4-6) — research practice is held in autumn/spring semesters;
* ``is_foreign_supervisor`` (KTMU-4-8) — who counts as a foreign supervisor (A-27);
* ``thesis_review_commission`` (KTMU-4-7) — structural check of a TRC (doctoral/AI, instructors).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Literal

from pydantic import Field

from bilim.regulations.core import Ctx, Facts, Outcome, rule
from bilim.regulations.core import params as _params

KR, TR = "KR", "TR"
HOME_LANGUAGES = frozenset({"ky", "tr"})

# --------------------------------------------------------------------------------------------
# KTMU-4-1 credit


class CourseHours(Facts):
    """Weekly hours of a course (art. 4, «Кредит»)."""

    theory_hours_per_week: Decimal = Field(ge=0)
    practice_or_lab_hours_per_week: Decimal = Field(default=Decimal(0), ge=0)


@rule("KTMU-4-1")
def course_credit(f: CourseHours, ctx: Ctx) -> Outcome:
    """«Кредит: … жумалык теориялык жалпы саатына аптадагы практикалык же лабораториялык
    сааттардын жарымын кошкондогу кредит сааттардын суммасын».

    Credit = weekly theory hours + (practice/lab weight, ½) × weekly practice or laboratory hours,
    exact Decimal, no rounding.
    """
    weight = Decimal(ctx.param("ktmu.def.credit_practice_weight"))
    credit = f.theory_hours_per_week + weight * f.practice_or_lab_hours_per_week
    return ctx.result(
        credit,
        "ktmu.def.credit",
        credit=credit,
        theory=f.theory_hours_per_week,
        practice=f.practice_or_lab_hours_per_week,
    )


@rule("KTMU-4-1", kind="batch")
def course_credits_batch(courses: Iterable[CourseHours | dict], as_of: dt.date) -> list[Decimal]:
    """KTMU-4-1 over many courses: the credits only (call ``course_credit`` for an explanation)."""
    weight = Decimal(_params.get("ktmu.def.credit_practice_weight", as_of).value)
    out: list[Decimal] = []
    for c in courses:
        if isinstance(c, dict):
            theory = Decimal(str(c["theory_hours_per_week"]))
            practice = Decimal(str(c.get("practice_or_lab_hours_per_week", 0)))
        else:
            theory, practice = c.theory_hours_per_week, c.practice_or_lab_hours_per_week
        if theory < 0 or practice < 0:
            raise ValueError("weekly hours cannot be negative")
        out.append(theory + weight * practice)
    return out


# --------------------------------------------------------------------------------------------
# KTMU-4-3 foreign national


class Citizenships(Facts):
    """Every citizenship of the person, as ISO 3166 alpha-2 codes (KG is written ``KR``)."""

    citizenships: list[str] = Field(min_length=1)


def _norm_country(code: str) -> str:
    code = code.strip().upper()
    return {"KG": KR, "KGZ": KR, "TUR": TR}.get(code, code)


def _citizenship_class(citizenships: Sequence[str]) -> str:
    codes = {_norm_country(c) for c in citizenships}
    if KR in codes:
        return KR
    if TR in codes:
        return TR
    return "FOREIGN"


@rule("KTMU-4-3")
def citizenship_class(f: Citizenships, ctx: Ctx) -> Outcome:
    """«Чет элдик жаран: Кыргыз Республикасынан жана Түркия Республикасынан башка өлкөнүн жаранын».

    Returns ``KR``, ``TR`` or ``FOREIGN``. A-09: a dual citizen holding KR or TR citizenship is a
    KR/TR citizen, not a foreign national (KR is reported when both are held).
    """
    cls = _citizenship_class(f.citizenships)
    return ctx.result(cls, f"ktmu.def.citizenship.{cls.lower()}", citizenships=sorted(f.citizenships))


# --------------------------------------------------------------------------------------------
# KTMU-4-2 international student


class GraduateProfile(Facts):
    """The candidate's citizenship(s) and the diploma that admits him/her to PG study."""

    citizenships: list[str] = Field(min_length=1)
    degree_country: str
    degree_instruction_languages: list[str] = Field(default_factory=list, description="ISO 639-1, e.g. ky, tr, ru, en")
    admitted_under_bilateral_agreement: bool = False


def _is_international(citizenships: Sequence[str], country: str, langs: Iterable[str], bilateral: bool) -> bool:
    if _citizenship_class(citizenships) != "FOREIGN":
        return False
    country = _norm_country(country)
    if country not in {KR, TR}:
        return True
    if country == KR and not ({lang.strip().lower() for lang in langs} & HOME_LANGUAGES):
        return True
    return bilateral


@rule("KTMU-4-2")
def is_international_student(f: GraduateProfile, ctx: Ctx) -> Outcome:
    """«Эл аралык студент: Кыргыз Республикасынан жана Түркия Республикасынан башка өлкөлөрдөгү
    жогорку окуу жайларын бүтүргөн чет өлкөлүк студентти, ошондой эле окутуу тили кыргыз тили
    жана/же түрк тили болбогон Кыргыз Республикасынын жогорку окуу жайларын бүтүргөн студентти».

    True for a foreign national (KTMU-4-3) who (a) graduated outside KR and TR, or (b) graduated
    from a KR HEI teaching in neither Kyrgyz nor Turkish, or (c) is admitted under a bilateral
    agreement (A-09). A-08: citizenship wins — KR and TR citizens (also dual citizens, A-09) are
    never international students; they take the specialist-exam track.
    """
    cls = ctx.sub(citizenship_class, {"citizenships": f.citizenships}).value
    value = _is_international(f.citizenships, f.degree_country, f.degree_instruction_languages, f.admitted_under_bilateral_agreement)
    if cls != "FOREIGN":
        return ctx.result(False, "ktmu.def.intl.citizen", citizenship=cls)
    return ctx.result(
        value,
        "ktmu.def.intl.yes" if value else "ktmu.def.intl.no",
        country=_norm_country(f.degree_country),
        languages=sorted(f.degree_instruction_languages),
    )


@rule("KTMU-4-2", kind="batch")
def international_batch(profiles: Iterable[GraduateProfile | dict]) -> list[bool]:
    """KTMU-4-2 over an applicant list: the classification only (no explanations)."""
    out: list[bool] = []
    for p in profiles:
        if isinstance(p, dict):
            out.append(
                _is_international(
                    p["citizenships"],
                    p["degree_country"],
                    p.get("degree_instruction_languages", ()),
                    bool(p.get("admitted_under_bilateral_agreement", False)),
                )
            )
        else:
            out.append(
                _is_international(
                    p.citizenships, p.degree_country, p.degree_instruction_languages, p.admitted_under_bilateral_agreement
                )
            )
    return out


# --------------------------------------------------------------------------------------------
# KTMU-4-4 semester


class SemesterRecord(Facts):
    """A semester of the academic calendar as recorded by the institute."""

    academic_year: str = Field(pattern=r"^\d{4}-\d{4}$", description="e.g. 2026-2027")
    term: str = Field(description="AUTUMN or SPRING (no other semester type exists)")
    start_date: dt.date
    end_date: dt.date
    senate_decision_ref: str | None = None


@rule("KTMU-4-4")
def semester_definition(f: SemesterRecord, ctx: Ctx) -> Outcome:
    """«Семестр: Башталуу жана аяктоо күндөрү ар бир окуу жылында Окумуштуулар кеңеши тарабынан
    аныкталган күзгү жана жазгы семестрлердеги окуу процессин».

    PASS when the term is AUTUMN or SPRING, the dates are in order and lie in the academic year,
    and a Senate decision setting them is referenced; FAIL otherwise (e.g. a summer semester).
    """
    term = f.term.strip().upper()
    if term not in {"AUTUMN", "SPRING"}:
        return ctx.fail("ktmu.def.semester.term", term=f.term)
    y1, y2 = (int(x) for x in f.academic_year.split("-"))
    if y2 != y1 + 1 or f.end_date <= f.start_date or not (
        dt.date(y1, 1, 1) <= f.start_date and f.end_date <= dt.date(y2, 12, 31)
    ):
        return ctx.fail("ktmu.def.semester.dates", start=f.start_date, end=f.end_date, year=f.academic_year)
    if not (f.senate_decision_ref or "").strip():
        return ctx.fail("ktmu.def.semester.no_senate", year=f.academic_year, term=term)
    return ctx.passed("ktmu.def.semester.ok", year=f.academic_year, term=term, start=f.start_date, end=f.end_date)


# --------------------------------------------------------------------------------------------
# KTMU-4-5 FoS academic council


class Instructor(Facts):
    """An instructor as far as the rules of arts. 4–6 need him/her."""

    person_id: str
    fos: str | None = None
    full_salary: bool
    has_degree: bool = Field(description="holds an academic degree (окумуштуулук/илимий даража)")
    has_title: bool = Field(description="holds an academic title (илимий наам)")
    title: Literal["PROF", "ASSOC_PROF", "NONE"] = Field(description="professor, associate professor (доцент) or none")
    rank: Literal["FACULTY_MEMBER", "SENIOR_INSTRUCTOR", "INSTRUCTOR", "OTHER"] = "OTHER"
    employer: str = "KTMU"
    employer_country: str = KR
    employer_is_education: bool = True
    is_staff: bool = True


class FosCouncil(Facts):
    fos: str
    members: list[Instructor]


@rule("KTMU-4-5")
def fos_council_membership(f: FosCouncil, ctx: Ctx) -> Outcome:
    """«ИИТ/ИКТнын академиялык кеңеши: тийиштүү ИИТ/ИКТнын толук айлык акы алган илимий даражасы
    жана илимий наамы бар жогорку квалификациялуу окутуучулардан жана ага окутуучулардан түзүлгөн кеңешти».

    PASS when every member belongs to this FoS, is full-salaried, holds an academic degree and an
    academic title, and is a higher-qualified instructor (faculty member) or senior instructor;
    FAIL naming the members who are not eligible.
    """
    bad = [
        m.person_id
        for m in f.members
        if not (
            m.fos == f.fos
            and m.full_salary
            and m.has_degree
            and m.has_title
            and m.rank in {"FACULTY_MEMBER", "SENIOR_INSTRUCTOR"}
        )
    ]
    if not f.members:
        return ctx.fail("ktmu.def.fos_council.empty", fos=f.fos)
    if bad:
        return ctx.fail("ktmu.def.fos_council.bad", fos=f.fos, members=bad)
    return ctx.passed("ktmu.def.fos_council.ok", fos=f.fos, count=len(f.members))


# --------------------------------------------------------------------------------------------
# KTMU-4-6 research practice


class PracticeCourse(Facts):
    course_code: str
    course_type: str = Field(description="RESEARCH_PRACTICE, LECTURE, SEMINAR, …")
    term: str = Field(description="AUTUMN, SPRING or another term (e.g. SUMMER)")


@rule("KTMU-4-6")
def research_practice_term(f: PracticeCourse, ctx: Ctx) -> Outcome:
    """«Изилдөө практикасы: … диссертациялык ишти жазууга даярдык катары күзгү жана жазгы
    семестрлерде өткөрүлгөн практикалык сабакты».

    A research-practice course may be scheduled only in an autumn or spring semester (FAIL
    otherwise); other course types are not concerned (PASS).
    """
    if f.course_type.strip().upper() != "RESEARCH_PRACTICE":
        return ctx.passed("ktmu.def.research_practice.na", course=f.course_code)
    if f.term.strip().upper() in {"AUTUMN", "SPRING"}:
        return ctx.passed("ktmu.def.research_practice.ok", course=f.course_code, term=f.term.upper())
    return ctx.fail("ktmu.def.research_practice.bad_term", course=f.course_code, term=f.term)


# --------------------------------------------------------------------------------------------
# KTMU-4-8 foreign supervisor


@rule("KTMU-4-8")
def is_foreign_supervisor(f: Instructor, ctx: Ctx) -> Outcome:
    """«Чет өлкөлүк илимий жетекчи: Чет өлкөлүк билим берүү мекемелеринде иштеген окумуштуулук
    даражасы жана илимий наамы бар окутуучуну».

    True when the person works at an educational institution outside the Kyrgyz Republic and holds
    an academic degree and an academic title. A-27: a Turkish HEI counts as foreign by default
    (parameter ``ktmu.def.foreign_supervisor_home_countries``; alternative: KR and TR are home).
    """
    home = {_norm_country(c) for c in ctx.param("ktmu.def.foreign_supervisor_home_countries")}
    country = _norm_country(f.employer_country)
    if country in home:
        return ctx.result(False, "ktmu.def.foreign_supervisor.home", country=country)
    if not f.employer_is_education:
        return ctx.result(False, "ktmu.def.foreign_supervisor.not_education", employer=f.employer)
    if not (f.has_degree and f.has_title):
        return ctx.result(False, "ktmu.def.foreign_supervisor.no_degree", person=f.person_id)
    return ctx.result(True, "ktmu.def.foreign_supervisor.yes", person=f.person_id, employer=f.employer, country=country)


# --------------------------------------------------------------------------------------------
# KTMU-4-7 thesis review commission (catalogue: not machine-checkable; a crisp structural check)


class ThesisReviewCommission(Facts):
    student_id: str
    student_level: Literal["MA", "PHD", "AI"]
    members: list[Instructor] = Field(default_factory=list)


@rule("KTMU-4-7")
def thesis_review_commission(f: ThesisReviewCommission, ctx: Ctx) -> Outcome:
    """«Диссертациялык ишти кароо комиссиясы: Докторанттын/ассистент-стажердун диссертациялык ишинин
    план-проспектине баа берүү … жогорку квалификациялуу окутуучулардан / окутуучулардан турган комиссияны».

    A thesis review commission exists for doctoral/AI students only and consists of instructors
    (its size and further composition rules are in an external regulation). FAIL otherwise.
    """
    if f.student_level == "MA":
        return ctx.fail("ktmu.def.trc.not_doctoral", student=f.student_id)
    bad = [m.person_id for m in f.members if m.rank == "OTHER"]
    if not f.members or bad:
        return ctx.fail("ktmu.def.trc.bad_members", student=f.student_id, members=bad)
    return ctx.passed("ktmu.def.trc.ok", student=f.student_id, count=len(f.members))
