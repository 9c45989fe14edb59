"""KTMU Instruction on Postgraduate Education — articles 15 (special-status students), 16
(incoming exchange), 17 (outgoing exchange) and 18 (horizontal transfer of junior researchers).

Public functions the Django apps should call (each ``fn(facts_or_dict, as_of)`` → Outcome):
art. 15 — ``special_status_eligibility``, ``special_status_admission``,
``special_status_semesters``, ``special_status_registration_date``, ``special_course_selection``,
``special_status_next_semester``, ``special_course_rules_level``, ``special_status_entitlement``, ``special_status_card``,
``special_status_completion_documents``;
art. 16 — ``incoming_exchange_eligibility``, ``incoming_exchange_period``,
``incoming_exchange_capacity``, ``incoming_exchange_admission``, ``incoming_exchange_courses``,
``incoming_exchange_documents``;
art. 17 — ``outgoing_exchange_approval``, ``outgoing_exchange_documents``,
``outgoing_exchange_period``, ``outgoing_exchange_no_ktmu_courses``,
``outgoing_exchange_credit_load``, ``study_semesters_with_exchange``,
``outgoing_exchange_return_documents``;
art. 18 — ``junior_researcher_transfer_eligibility``, ``junior_researcher_transfer``,
``transferred_student_next_semester``.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Literal

from pydantic import Field

from bilim.regulations.core import Ctx, Facts, Outcome, rule
from bilim.regulations.postgrad.admission_common import Approval, Level, chain_missing, fmt_chain

# --- art. 15 ------------------------------------------------------------------------------------


class SpecialApplicant(Facts):
    graduated: bool
    degree_nominal_years: int = Field(ge=0)
    """Nominal duration of the completed higher-education degree (A-17)."""


@rule("KTMU-15(1)-1")
def special_status_eligibility(f: SpecialApplicant, ctx: Ctx) -> Outcome:
    """«ϴзгөчө статустагы студент: кеминде 4 жылдык билими бар бүтүрүүчүгө … билим алуу мүмкүнчүлүгү берилген студент».

    PASS for a graduate whose completed higher-education degree lasts at least 4 years (≥ 4).
    """
    minimum = ctx.param("ktmu.adm.special_min_education_years")
    if f.graduated and f.degree_nominal_years >= minimum:
        return ctx.passed("ktmu.adm.special.eligible", years=f.degree_nominal_years, minimum=minimum)
    return ctx.fail("ktmu.adm.special.not_eligible", years=f.degree_nominal_years, minimum=minimum, graduated=f.graduated)


class ApprovalChain(Facts):
    approvals: list[Approval]


_SPECIAL_CHAIN = (("FOS_HEAD", "OPINION"), ("INSTITUTE_BOARD", "DECIDE"))


@rule("KTMU-15(2)-1")
def special_status_admission(f: ApprovalChain, ctx: Ctx) -> Outcome:
    """«ϴзгөчө статустагы студенттерди … кабыл алуу ИИТ/ИКТнын жетекчилигинин пикиринин негизинде институттун Башкаруу кеңешинин чечими менен жүргүзүлөт».

    PASS when the FoS management gave its opinion and the Institute Board then decided.
    """
    missing = chain_missing(f.approvals, _SPECIAL_CHAIN)
    if missing:
        return ctx.fail("ktmu.adm.approval.missing", missing=missing, chain=fmt_chain(_SPECIAL_CHAIN))
    return ctx.passed("ktmu.adm.approval.ok", chain=fmt_chain(_SPECIAL_CHAIN))


class SpecialSemesters(Facts):
    previous_special_semesters: int = Field(
        ge=0, description="Semesters the person already studied with special status (the one applied for not included).", examples=[1],
    )
    semesters_requested: int = Field(
        default=1, ge=1,
        description="Semesters the application asks for; special status is granted one semester at a time (15(4)-1), so a longer "
        "request is granted for one semester, never refused for its length.",
        examples=[2],
    )


@rule("KTMU-15(3)-1", judged_on="semester_start")
def special_status_semesters(f: SpecialSemesters, ctx: Ctx) -> Outcome:
    """«ϴзгөчө статуста билим алган студенттин окуу мөөнөтү 2 семестрден ашпайт»; «ар бир семестрдин башында … кабыл алынат».

    The text fixes the period of one admission (one semester, renewed at the start of each semester): the rule
    grants that semester whatever was requested ("admitted for 1 (requested N)"); PASS when it keeps the total
    at most 2 (previous + 1 ≤ 2); FAIL above.
    """
    limit = ctx.param("ktmu.adm.special_max_semesters")
    granted = 1
    total = f.previous_special_semesters + granted
    if total > limit:
        return ctx.fail("ktmu.adm.special.semesters_exceeded", total=total, limit=limit)
    if f.semesters_requested != granted:
        return ctx.passed(
            "ktmu.adm.special.granted_fixed", granted=granted, requested=f.semesters_requested, total=total, limit=limit
        )
    return ctx.passed("ktmu.adm.special.semesters_ok", total=total, limit=limit)


class RegistrationPeriod(Facts):
    on: dt.date
    period_start: dt.date
    period_end: dt.date
    """The semester's course-registration (course-selection) period from the academic calendar."""


@rule("KTMU-15(4)-1")
def special_status_registration_date(f: RegistrationPeriod, ctx: Ctx) -> Outcome:
    """«ϴзгөчө статустагы студенттер ар бир семестрдин башында сабактарга каттоо учурунда кабыл алынат».

    PASS when the admission falls within the semester's course-registration period (inclusive).
    """
    if f.period_start <= f.on <= f.period_end:
        return ctx.passed("ktmu.adm.period.inside", on=f.on, start=f.period_start, end=f.period_end)
    return ctx.fail("ktmu.adm.period.outside", on=f.on, start=f.period_start, end=f.period_end)


class SelectedCourse(Facts):
    code: str
    kind: Literal["COURSE", "SEMINAR"] = "COURSE"


class SpecialCourseSelection(Facts):
    courses: list[SelectedCourse]
    """All courses the special-status student selected for the semester."""


@rule("KTMU-15(4)-2", "KTMU-15(4)-3")
def special_course_selection(f: SpecialCourseSelection, ctx: Ctx) -> Outcome:
    """«…бир семестрде эң көп 2 сабакты тандай алышат. Мындай статустагы студент семинар сабагын тандай албайт».

    FAIL when more than 2 courses are selected in the semester, or any of them is a seminar.
    """
    limit = ctx.param("ktmu.adm.special_max_courses_per_semester")
    seminars = [c.code for c in f.courses if c.kind == "SEMINAR"]
    if seminars:
        return ctx.fail("ktmu.adm.special.seminar", courses=seminars)
    if len(f.courses) > limit:
        return ctx.fail("ktmu.adm.special.too_many_courses", count=len(f.courses), limit=limit)
    return ctx.passed("ktmu.adm.special.courses_ok", count=len(f.courses), limit=limit)


class SpecialSemesterRegistration(Facts):
    """A special-status student's record for a semester after the first."""

    continuing_from_previous_semester: bool
    new_registration_for_semester: bool


@rule("KTMU-15(4)-4")
def special_status_next_semester(f: SpecialSemesterRegistration, ctx: Ctx) -> Outcome:
    """«…кийинки семестрде каттоодон гана өтөт».

    A-16: special status never continues automatically — each further semester needs its own
    registration; FAIL for a continuing student without one (the 2-semester cap is KTMU-15(3)-1).
    """
    if f.continuing_from_previous_semester and not f.new_registration_for_semester:
        return ctx.fail("ktmu.adm.special.needs_registration")
    return ctx.passed("ktmu.adm.special.registration_ok")


class SpecialCourse(Facts):
    offering_programme_level: Level


@rule("KTMU-15(5)-1")
def special_course_rules_level(f: SpecialCourse, ctx: Ctx) -> Outcome:
    """«ϴзгөчө статустагы студенттин тийиштүү сабагын ийгиликтүү бүтүрүшү ЖОЖдон кийинки билим берүү программасынын жол-жоболоруна ылайык жүргүзүлөт».

    Returns the level whose rules (attendance, exams, grading — arts 30–32) apply to the course:
    that of the PG programme offering it.
    """
    return ctx.result(f.offering_programme_level, "ktmu.adm.special.rules_level", level=f.offering_programme_level)


SpecialEntitlement = Literal[
    "ENROLMENT_CERTIFICATE",
    "MILITARY_STATUS_CERTIFICATE",
    "HEALTH_BENEFITS",
    "DIPLOMA",
    "GRADUATION_DOCUMENT",
    "TITLE",
    "STUDENT_CARD",
    "GRADES_DOCUMENT",
    "SPECIAL_STATUS_CONFIRMATION",
]
_DENIED = {"ENROLMENT_CERTIFICATE", "MILITARY_STATUS_CERTIFICATE", "HEALTH_BENEFITS", "DIPLOMA", "GRADUATION_DOCUMENT", "TITLE"}


class EntitlementRequest(Facts):
    student_status: Literal["SPECIAL", "REGULAR"]
    requested: SpecialEntitlement


@rule("KTMU-15(6)-1", "KTMU-15(7)-1")
def special_status_entitlement(f: EntitlementRequest, ctx: Ctx) -> Outcome:
    """«Өзгөчө статустагы студентке окуп жаткандыгы, аскердик абалы тууралуу маалымкат берилбейт жана ден соолугу боюнча студенттик укугунан пайдалана албайт»; «…окууну бүтүргөндүгү тууралуу документ, диплом же наам берилбейт».

    FAIL for a special-status student asking for an enrolment or military-status certificate,
    student health rights (A-78), a graduation document, diploma or title; PASS otherwise.
    """
    if f.student_status == "SPECIAL" and f.requested in _DENIED:
        return ctx.fail("ktmu.adm.special.denied", requested=f.requested)
    return ctx.passed("ktmu.adm.special.allowed", requested=f.requested)


class SpecialCard(Facts):
    card_scope: set[Literal["CANTEEN", "CAFETERIA", "LIBRARY", "OTHER"]]
    period_ended: bool
    card_returned: bool = False


@rule("KTMU-15(6)-2")
def special_status_card(f: SpecialCard, ctx: Ctx) -> Outcome:
    """«…ашканасын, кафетерийин, китепканасын пайдалануу үчүн студенттик билет берилет. Окуу мөөнөтү бүткөндөн кийин студент студенттик билетин кайра тапшырат».

    FAIL when the card gives access beyond canteen, cafeteria and library, or when the study
    period has ended and the card has not been returned.
    """
    if "OTHER" in f.card_scope:
        return ctx.fail("ktmu.adm.special.card_scope")
    if f.period_ended and not f.card_returned:
        return ctx.fail("ktmu.adm.special.card_not_returned")
    return ctx.passed("ktmu.adm.special.card_ok")


class CompletionDocuments(Facts):
    period_ended: bool
    issued: set[str]


@rule("KTMU-15(7)-2")
def special_status_completion_documents(f: CompletionDocuments, ctx: Ctx) -> Outcome:
    """«…алган сабактары, сабактардын баллдары көрсөтүлгөн документ менен бирге өзгөчө статустагы студент катары билим алгандыгын тастыктаган документ берилет».

    After the period: FAIL until both the grades document and the special-status confirmation are issued.
    """
    needed = {"GRADES_DOCUMENT", "SPECIAL_STATUS_CONFIRMATION"}
    if not f.period_ended:
        return ctx.passed("ktmu.adm.docs.not_due")
    missing = sorted(needed - f.issued)
    if missing:
        return ctx.fail("ktmu.adm.docs.missing", missing=missing)
    return ctx.passed("ktmu.adm.docs.ok", documents=sorted(needed))


# --- art. 16 ----------------------------------------------------------------------------------


class IncomingStudent(Facts):
    home_hei_country: str
    home_level: Literal["BACHELOR", "MA", "PHD", "AI"]
    home_enrolment_active: bool


@rule("KTMU-16(1)-1")
def incoming_exchange_eligibility(f: IncomingStudent, ctx: Ctx) -> Outcome:
    """«…КРнын жана/же ТРнын башка ЖОЖдон кийинки билим берүү программасында окуп жаткан учурда КТМУнун … программаларында окууга мүмкүнчүлүк алган студент».

    PASS for a student currently enrolled in a PG programme of an HEI of KR or TR (A-18).
    """
    if f.home_hei_country in ("KG", "TR") and f.home_level != "BACHELOR" and f.home_enrolment_active:
        return ctx.passed("ktmu.adm.exch_in.eligible", country=f.home_hei_country)
    return ctx.fail("ktmu.adm.exch_in.not_eligible", country=f.home_hei_country, level=f.home_level)


class ExchangePeriod(Facts):
    semesters: int = Field(ge=0)


@rule("KTMU-16(2)-1")
def incoming_exchange_period(f: ExchangePeriod, ctx: Ctx) -> Outcome:
    """«Окуу мөөнөтү 1 семестр» — the incoming exchange lasts exactly 1 semester."""
    n = ctx.param("ktmu.adm.exchange_in_semesters")
    if f.semesters == n:
        return ctx.passed("ktmu.adm.exch.period_ok", semesters=f.semesters, expected=n)
    return ctx.fail("ktmu.adm.exch.period_wrong", semesters=f.semesters, expected=n)


class IncomingCapacity(Facts):
    already_accepted: int = Field(ge=0)
    """Incoming exchange students already accepted in this programme for this semester."""


@rule("KTMU-16(2)-3")
def incoming_exchange_capacity(f: IncomingCapacity, ctx: Ctx) -> Outcome:
    """«Алына турган студенттин саны бир программа үчүн 2 студенттен ашпашы керек».

    PASS when accepting one more keeps the programme at most 2 incoming students per semester (A-18).
    """
    limit = ctx.param("ktmu.adm.exchange_in_max_per_programme")
    total = f.already_accepted + 1
    if total > limit:
        return ctx.fail("ktmu.adm.exch_in.full", total=total, limit=limit)
    return ctx.passed("ktmu.adm.exch_in.capacity_ok", total=total, limit=limit)


class IncomingAdmission(Facts):
    has_exchange_application: bool
    has_home_council_decision: bool
    admitted_on: dt.date
    course_selection_start: dt.date
    course_selection_end: dt.date


@rule("KTMU-16(3)-1")
def incoming_exchange_admission(f: IncomingAdmission, ctx: Ctx) -> Outcome:
    """«…өзү окуган окуу жайынын тийиштүү кеңешинин чечими менен “Алмашуу программасынын алкагында студенттин кайрылуу арызынын” негизинде ар бир семестрдин башында сабак тандоо учурунда кабыл алынат».

    PASS with the exchange application and the home HEI council's decision, admitted within the
    semester's course-selection period (inclusive).
    """
    missing = [n for n, ok in (("EXCHANGE_APPLICATION", f.has_exchange_application), ("HOME_COUNCIL_DECISION", f.has_home_council_decision)) if not ok]
    if missing:
        return ctx.fail("ktmu.adm.docs.missing", missing=missing)
    if not (f.course_selection_start <= f.admitted_on <= f.course_selection_end):
        return ctx.fail("ktmu.adm.period.outside", on=f.admitted_on, start=f.course_selection_start, end=f.course_selection_end)
    return ctx.passed("ktmu.adm.period.inside", on=f.admitted_on, start=f.course_selection_start, end=f.course_selection_end)


class IncomingCourses(Facts):
    offered_in_semester: set[str]
    """Courses the programme offers in the exchange semester."""
    requested: set[str]


@rule("KTMU-16(4)-1")
def incoming_exchange_courses(f: IncomingCourses, ctx: Ctx) -> Outcome:
    """«…катталган программасынын ошол семестрде бериле турган бардык сабактарына катыша алат».

    PASS when every requested course is offered by the programme in that semester (any of them may be taken).
    """
    outside = sorted(f.requested - f.offered_in_semester)
    if outside:
        return ctx.fail("ktmu.adm.exch_in.course_not_offered", courses=outside)
    return ctx.passed("ktmu.adm.exch_in.courses_ok", count=len(f.requested))


class PeriodDocuments(Facts):
    period_ended: bool
    issued: set[str]


@rule("KTMU-16(5)-1")
def incoming_exchange_documents(f: PeriodDocuments, ctx: Ctx) -> Outcome:
    """«Бул мөөнөт аяктагандан кийин студентке окуган сабактарын жана алган бааларын тастыктаган документ берилет».

    After the semester: FAIL until the document of courses and grades is issued.
    """
    if not f.period_ended:
        return ctx.passed("ktmu.adm.docs.not_due")
    if "COURSES_AND_GRADES" not in f.issued:
        return ctx.fail("ktmu.adm.docs.missing", missing=["COURSES_AND_GRADES"])
    return ctx.passed("ktmu.adm.docs.ok", documents=["COURSES_AND_GRADES"])


# --- art. 17 ----------------------------------------------------------------------------------

_OUT_CHAIN = (("SUPERVISOR", "OPINION"), ("FOS_HEAD", "PROPOSE"), ("INSTITUTE_BOARD", "DECIDE"))
_OUT_CHANGE_CHAIN = (("SUPERVISOR", "CONSENT"), ("FOS_HEAD", "PROPOSE"), ("INSTITUTE_BOARD", "DECIDE"))


class OutgoingExchange(Facts):
    student_level: Level
    host_country: str
    host_programme_level: Level
    approvals: list[Approval]


@rule("KTMU-17(1)-1")
def outgoing_exchange_approval(f: OutgoingExchange, ctx: Ctx) -> Outcome:
    """«…илимий жетекчисинин пикиринин, ИИТ/ИКТнын жетекчилигинин сунушунун негизинде жана институттун Башкаруу кеңешинин чечими менен Түркиянын же башка чет өлкөлөрдүн жогорку окуу жайларынын ошол эле деңгээлдеги программаларында…».

    PASS when the host HEI is in Türkiye or another foreign country (not KR), its programme is of
    the student's level, and supervisor opinion → FoS proposal → Institute Board decision exist.
    """
    if f.host_country == "KG":
        return ctx.fail("ktmu.adm.exch_out.host_in_kr")
    if f.host_programme_level != f.student_level:
        return ctx.fail("ktmu.adm.exch_out.level", host=f.host_programme_level, level=f.student_level)
    missing = chain_missing(f.approvals, _OUT_CHAIN)
    if missing:
        return ctx.fail("ktmu.adm.approval.missing", missing=missing, chain=fmt_chain(_OUT_CHAIN))
    return ctx.passed("ktmu.adm.approval.ok", chain=fmt_chain(_OUT_CHAIN))


class OutgoingDocuments(Facts):
    has_host_council_decision: bool
    has_outgoing_application: bool


@rule("KTMU-17(2)-1")
def outgoing_exchange_documents(f: OutgoingDocuments, ctx: Ctx) -> Outcome:
    """«…ошол окуу жайдын тийиштүү кеӊешинин чечими жана “Алмашуу программасынын алкагында билим алууга кеткен студенттин кайрылуу арызы" толтурулуп, институтка тапшырылат».

    FAIL until both the host council's decision and the outgoing-exchange application are submitted.
    """
    missing = [n for n, ok in (("HOST_COUNCIL_DECISION", f.has_host_council_decision), ("OUTGOING_APPLICATION", f.has_outgoing_application)) if not ok]
    if missing:
        return ctx.fail("ktmu.adm.docs.missing", missing=missing)
    return ctx.passed("ktmu.adm.docs.ok", documents=["HOST_COUNCIL_DECISION", "OUTGOING_APPLICATION"])


class OutgoingPeriod(Facts):
    semesters: int = Field(ge=1)
    thesis_stage: bool
    change_approvals: list[Approval] = []


@rule("KTMU-17(3)-1", "KTMU-17(3)-2")
def outgoing_exchange_period(f: OutgoingPeriod, ctx: Ctx) -> Outcome:
    """«Окуу мөөнөтү 1 семестр. зарыл деп табылган учурда бул мөөнөт диссертациялык иш жазуу учурунда илимий жетекчинин макулдугу, ИИТ/ИКТнын жетекчилигинин сунушунун негизинде институттун Башкаруу кеңешинин чечими менен узартылышы же кыскартылышы мүмкүн».

    1 semester: PASS. Another length only at the thesis stage with supervisor consent → FoS
    proposal → Institute Board decision (else FAIL); no hard maximum, WARN beyond 2 semesters (A-19).
    """
    default = ctx.param("ktmu.adm.exchange_out_semesters")
    if f.semesters == default:
        return ctx.passed("ktmu.adm.exch.period_ok", semesters=f.semesters, expected=default)
    if not f.thesis_stage:
        return ctx.fail("ktmu.adm.exch_out.change_not_thesis", semesters=f.semesters, expected=default)
    missing = chain_missing(f.change_approvals, _OUT_CHANGE_CHAIN)
    if missing:
        return ctx.fail("ktmu.adm.approval.missing", missing=missing, chain=fmt_chain(_OUT_CHANGE_CHAIN))
    warn_above = ctx.param("ktmu.adm.exchange_out_warn_semesters")
    if f.semesters > warn_above:
        return ctx.warn("ktmu.adm.exch_out.long", semesters=f.semesters, limit=warn_above)
    return ctx.passed("ktmu.adm.exch_out.changed_ok", semesters=f.semesters)


class OutgoingEnrolment(Facts):
    on_exchange_in_semester: bool
    ktmu_courses_in_semester: list[str]


@rule("KTMU-17(4)-1")
def outgoing_exchange_no_ktmu_courses(f: OutgoingEnrolment, ctx: Ctx) -> Outcome:
    """«Студент бул мөөнөт ичинде институттун сабактарына катыша албайт».

    FAIL when a student on outgoing exchange in a semester is enrolled in institute courses of that semester.
    """
    if f.on_exchange_in_semester and f.ktmu_courses_in_semester:
        return ctx.fail("ktmu.adm.exch_out.ktmu_courses", courses=f.ktmu_courses_in_semester)
    return ctx.passed("ktmu.adm.exch_out.no_courses_ok")


class HostCreditLoad(Facts):
    host_course_credits: list[Decimal]
    host_max_credits_per_semester: Decimal


@rule("KTMU-17(5)-1")
def outgoing_exchange_credit_load(f: HostCreditLoad, ctx: Ctx) -> Outcome:
    """«Студенттин бир семестрде ала турган сабактарынын кредитинин суммасы тиешелүү университеттин … максималдуу кредиттик чектен ашпашы керек».

    PASS when the credits taken at the host in the semester total at most the host's maximum (≤).
    """
    total = sum(f.host_course_credits, Decimal(0))
    if total > f.host_max_credits_per_semester:
        return ctx.fail("ktmu.adm.exch_out.credits", total=total, limit=f.host_max_credits_per_semester)
    return ctx.passed("ktmu.adm.exch_out.credits_ok", total=total, limit=f.host_max_credits_per_semester)


class StudySemesters(Facts):
    regular_semesters: int = Field(ge=0)
    outgoing_exchange_semesters: int = Field(ge=0)


@rule("KTMU-17(6)-1")
def study_semesters_with_exchange(f: StudySemesters, ctx: Ctx) -> Outcome:
    """«Студентке берилген бул мөөнөт окуу мөөнөтү катары эсептелинет».

    Returns the semesters counted as study period: regular semesters plus outgoing-exchange semesters.
    """
    total = f.regular_semesters + f.outgoing_exchange_semesters
    return ctx.result(total, "ktmu.adm.exch_out.counted", total=total, exchange=f.outgoing_exchange_semesters)


class ReturnDocuments(Facts):
    period_ended: bool
    submitted: set[str]
    due_on: dt.date | None = None
    """A-19: due date set by the institute (e.g. end of the following add/drop period)."""


@rule("KTMU-17(7)-1")
def outgoing_exchange_return_documents(f: ReturnDocuments, ctx: Ctx) -> Outcome:
    """«Бул мөөнөт аяктагандан кийин студент окуган сабактарын жана алган бааларын тастыктаган документти жана диссертациялык иши тууралуу тастыкталган отчетту институтка тапшырат».

    After the period the student owes the host transcript and a certified thesis report: PASS
    when both are in; WARN while missing before the due date; FAIL when missing after it.
    """
    needed = {"HOST_TRANSCRIPT", "CERTIFIED_THESIS_REPORT"}
    if not f.period_ended:
        return ctx.passed("ktmu.adm.docs.not_due")
    missing = sorted(needed - f.submitted)
    if not missing:
        return ctx.passed("ktmu.adm.docs.ok", documents=sorted(needed))
    if f.due_on is not None and ctx.as_of > f.due_on:
        return ctx.fail("ktmu.adm.docs.overdue", missing=missing, due=f.due_on)
    return ctx.warn("ktmu.adm.docs.missing", missing=missing)


# --- art. 18 ----------------------------------------------------------------------------------


class JuniorResearcher(Facts):
    ktmu_junior_researcher: bool
    enrolled_at_ktmu: bool
    enrolled_programme: str
    specialty_programme: str


@rule("KTMU-18-1")
def junior_researcher_transfer_eligibility(f: JuniorResearcher, ctx: Ctx) -> Outcome:
    """«Университетте кенже илимий кызматкер болуп дайындалып, бирок башка университетте окуп жаткан же өзүнүн адистиги боюнча программа институтта ачыла электигинен башка программада билим алып жаткан кенже илимий кызматкер…».

    PASS for a KTMU junior researcher studying at another university, or in a programme other
    than that of his/her specialty.
    """
    if f.ktmu_junior_researcher and (not f.enrolled_at_ktmu or f.enrolled_programme != f.specialty_programme):
        return ctx.passed("ktmu.adm.transfer.eligible")
    return ctx.fail("ktmu.adm.transfer.not_eligible")


class TransferRequest(Facts):
    target_programme: str
    specialty_programme: str
    target_open: bool
    institute_board_decision: bool
    applied_on: dt.date
    first_add_drop_end_after_opening: dt.date
    """A-20: last day of the first add/drop period after the programme opened."""


@rule("KTMU-18-2", judged_on="application_date", date_field="applied_on")
def junior_researcher_transfer(f: TransferRequest, ctx: Ctx) -> Outcome:
    """«…институтта адистиги боюнча программа ачылар замат арыз жазып кайрылса, институттун Башкаруу кеңешинин чечими менен башка бир шарттар талап кылынбастан, ачылган программага горизонталдык жол менен которула алат».

    PASS when the target is the junior researcher's specialty programme, it is open, and the
    Institute Board decided — no GPA, exam or quota condition. An application after the first
    add/drop period following the opening gets WARN (Board exception, A-20).
    """
    if not f.target_open or f.target_programme != f.specialty_programme:
        return ctx.fail("ktmu.adm.transfer.wrong_target", target=f.target_programme, specialty=f.specialty_programme)
    if not f.institute_board_decision:
        return ctx.fail("ktmu.adm.approval.missing", missing=["INSTITUTE_BOARD:DECIDE"], chain="INSTITUTE_BOARD:DECIDE")
    if f.applied_on > f.first_add_drop_end_after_opening:
        return ctx.warn("ktmu.adm.transfer.late", applied=f.applied_on, end=f.first_add_drop_end_after_opening)
    return ctx.passed("ktmu.adm.transfer.ok", target=f.target_programme)


class TransferredStudies(Facts):
    completed_semesters: int = Field(ge=0)
    """Semesters completed in the programme the junior researcher leaves."""


@rule("KTMU-18-3")
def transferred_student_next_semester(f: TransferredStudies, ctx: Ctx) -> Outcome:
    """«Которулган студент билимин токтогон жерден улантат».

    Returns the semester number at which the transferred student continues: the one after the
    semesters already completed (studies continue where they stopped; course recognition per art. 29).
    """
    nxt = f.completed_semesters + 1
    return ctx.result(nxt, "ktmu.adm.transfer.continues", completed=f.completed_semesters, next=nxt)
