"""KTMU Instruction on Postgraduate Education — leave (art. 37) and academic leave (art. 38).

Two statuses (A-51): ON_LEAVE (art. 37: short leave for a justified reason, study leave under
agreements, exchange deemed academic permission) and ACADEMIC_LEAVE (art. 38: health, birth of a
child, excused reasons, military service; semester-based).

Public functions the apps call:
``leave_application`` (37(1), 37(7)), ``study_leave`` (37(2)-1), ``study_leave_duration`` (37(2)-2),
``exchange_academic_permission`` (37(3)), ``leave_notification`` (37(4)),
``result_during_leave`` (37(5), 38(5): VOID/VALID), ``health_leave_eligibility`` (38(1)a-1; ERRATA 7),
``health_leave_limit`` (38(1)a-2), ``childbirth_leave`` (38(1)b), ``health_documents`` (38(1)c),
``academic_leave_end`` (38(1)d, 38(2)c), ``excused_leave`` (38(2)a-1, a-2),
``excused_leave_application_window`` (38(2)b), ``military_leave_semesters`` (38(3)a),
``military_return`` (38(3)b), ``participation_during_academic_leave`` (38(4)).
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field

from bilim.regulations.core import Ctx, Facts, Outcome, Verdict, rule
from bilim.regulations.postgrad.status_deadlines import deadline_check


class Period(Facts):
    """A period, first and last day inclusive."""

    start: dt.date
    end: dt.date


# --- art. 37 ------------------------------------------------------------------------------


class LeaveApplication(Facts):
    """An application for leave for an unexpected justified reason."""

    reason_arose_on: dt.date
    applied_on: dt.date | None = None
    reason_stated: bool = True
    supporting_documents: bool = False
    board_decided_days: int | None = Field(None, ge=0, description="Length of leave the Institute Board granted, once decided.")


@rule("KTMU-37(1)-1", "KTMU-37(7)-1")
def leave_application(f: LeaveApplication, ctx: Ctx) -> Outcome:
    """«жүйөлүү себеп болгон күндөн тарта 15 күндүн ичинде … арызы жана тастыктаган документтери менен» ; «15 күн ичинде кабарлабаса, жүйөөлүү себеби кабыл алынбайт».

    PASS when the application states the reason, has supporting documents and is filed within
    15 calendar days of the day the reason arose (the Institute Board then decides the length);
    FAIL when filed later (the reason is not accepted, 37(7)) or without documents.
    """
    out = deadline_check(
        ctx, key="ktmu.status.leave_apply", param="ktmu.status.leave_apply_days", unit="calendar_days",
        start=f.reason_arose_on, done=f.applied_on,
    )
    missing = [k for k, ok in {"reason_stated": f.reason_stated, "supporting_documents": f.supporting_documents}.items() if not ok]
    if out.value is Verdict.PASS and missing:
        return ctx.fail("ktmu.status.requirements_missing", missing=missing)
    return out


class StudyLeave(Facts):
    """Leave to study in the country or abroad under bilateral agreements."""

    under_agreement: bool
    institute_board_decision_on: dt.date | None = None
    period: Period | None = None
    country: str | None = None
    counts_toward_study_duration: bool | None = Field(None, description="Institute Board's decision whether the time counts (37(2)-2).")


@rule("KTMU-37(2)-1")
def study_leave(f: StudyLeave, ctx: Ctx) -> Outcome:
    """«студенттерге белгилүү мөөнөткө өлкө ичинде же чет өлкөдө билим алуу үчүн институттун башкаруу кеңеши тарабынан уруксат берилет».

    PASS when the leave is under an agreement and the Institute Board granted it for a stated
    period and country; FAIL otherwise.
    """
    missing = [
        k
        for k, ok in {
            "under_agreement": f.under_agreement,
            "institute_board_decision_on": f.institute_board_decision_on is not None,
            "period": f.period is not None and f.period.start <= f.period.end,
            "country": bool(f.country),
        }.items()
        if not ok
    ]
    if missing:
        return ctx.fail("ktmu.status.requirements_missing", missing=missing)
    return ctx.passed("ktmu.status.study_leave_ok", start=f.period.start, end=f.period.end, country=f.country)  # type: ignore[union-attr]


@rule("KTMU-37(2)-2")
def study_leave_duration(f: StudyLeave, ctx: Ctx) -> Outcome:
    """«Өлкөдө жана чет өлкөдө өткөргөн убакыт студенттин билим алуу мөөнөтүнө кошулар-кошулбасы тууралуу чечимди институттун башкаруу кеңеши чыгарат».

    Value: True (the time counts toward the study duration) or False, as the Institute Board
    decided; FAIL while the Board has not decided.
    """
    if f.counts_toward_study_duration is None or f.institute_board_decision_on is None:
        return ctx.fail("ktmu.status.duration_undecided")
    key = "ktmu.status.duration_counts" if f.counts_toward_study_duration else "ktmu.status.duration_not_counted"
    return ctx.result(f.counts_toward_study_duration, key)


class ExchangePermission(Facts):
    """A student on an exchange programme by Rectorate decision."""

    rectorate_decision: bool
    skill_programme_prepared_by_fos: bool
    institute_board_decision: bool


@rule("KTMU-37(3)-1")
def exchange_academic_permission(f: ExchangePermission, ctx: Ctx) -> Outcome:
    """«Ректораттын чечими менен студент алмашуу программасына катыша турган студент … институттун башкаруу кеңешинин чечими менен академиялык уруксат алды деп эсептелиши мүмкүн».

    Value "ON_LEAVE" (deemed on academic permission) when the Rectorate sent the student on the
    exchange, the FoS management prepared the skill programme and the Institute Board decided;
    otherwise "ACTIVE" with the missing steps named.
    """
    missing = [
        k
        for k, ok in {
            "rectorate_decision": f.rectorate_decision,
            "skill_programme_prepared_by_fos": f.skill_programme_prepared_by_fos,
            "institute_board_decision": f.institute_board_decision,
        }.items()
        if not ok
    ]
    if missing:
        return ctx.result("ACTIVE", "ktmu.status.exchange_not_on_leave", missing=missing)
    return ctx.result("ON_LEAVE", "ktmu.status.exchange_on_leave")


class LeaveNotification(Facts):
    """Written notice of an approved leave to the instructors and the supervisor."""

    instructors_teaching_during_leave: list[str]
    supervisor_id: str
    notified_in_writing: list[str]


@rule("KTMU-37(4)-1")
def leave_notification(f: LeaveNotification, ctx: Ctx) -> Outcome:
    """«ошол күндөрү сабак берген окутуучуларына жана илимий жетекчисине жазуу жүзүндө билдирилет».

    PASS when every instructor teaching the student during the leave and the supervisor were
    notified in writing; FAIL naming who was not.
    """
    need = set(f.instructors_teaching_during_leave) | {f.supervisor_id}
    missing = sorted(need - set(f.notified_in_writing))
    if missing:
        return ctx.fail("ktmu.status.not_notified", missing=missing)
    return ctx.passed("ktmu.status.all_notified", count=len(need))


class EventDuringLeave(Facts):
    """A class, exam or defence event and the student's leave / academic-leave periods."""

    event_date: dt.date
    event: Literal["CLASS", "EXAM", "QE", "PROPOSAL_DEFENCE", "THESIS_REVIEW", "PREDEFENCE", "DEFENCE"] = "EXAM"
    leave_periods: list[Period]


def _in_leave(f: EventDuringLeave) -> Period | None:
    for p in f.leave_periods:
        if p.start <= f.event_date <= p.end:
            return p
    return None


@rule("KTMU-37(5)-1", "KTMU-38(5)-1")
def result_during_leave(f: EventDuringLeave, ctx: Ctx) -> Outcome:
    """«Эгерде бул күндөрү сынактарга кирсе, баалары жараксыз деп эсептелет»; «Академиялык өргүү учурунда … катышуусу эсепке алынбайт».

    Value "VOID" when the event falls inside a leave / academic-leave period (first and last day
    included): its grade or attendance does not count; "VALID" otherwise.
    """
    p = _in_leave(f)
    if p is not None:
        return ctx.result("VOID", "ktmu.status.void", day=f.event_date, start=p.start, end=p.end, event=f.event)
    return ctx.result("VALID", "ktmu.status.valid", day=f.event_date, event=f.event)


@rule("KTMU-38(4)-1")
def participation_during_academic_leave(f: EventDuringLeave, ctx: Ctx) -> Outcome:
    """«Студент академиялык өргүү учурунда сабактарга жана сынактарга, квалификациялык сынакка жана диссертациялык ишти коргоого … катыша албайт».

    FAIL (blocked) when a class, exam, qualifying exam, proposal, thesis review, pre-defence or
    defence falls inside an academic-leave period; PASS otherwise.
    """
    p = _in_leave(f)
    if p is not None:
        return ctx.fail("ktmu.status.blocked_on_leave", day=f.event_date, start=p.start, end=p.end, event=f.event)
    return ctx.passed("ktmu.status.not_on_leave", day=f.event_date, event=f.event)


# --- art. 38(1): health, childbirth --------------------------------------------------------


class HospitalStay(Facts):
    """A continuous hospital stay and the academic year it must fall in."""

    admitted_on: dt.date
    discharged_on: dt.date
    academic_year: Period
    hospital_certificate: bool


@rule("KTMU-38(1)a-1")
def health_leave_eligibility(f: HospitalStay, ctx: Ctx) -> Outcome:
    """«Окуу жылы ичинде үзгүлтүксүз 4 апта ооруканада болгонун тастыктаган маалымкаты бар студент … академиялык өргүүгө чыга алат».

    PASS when the certificate shows a continuous stay of at least 28 days within the academic
    year, admission and discharge days both counted (ERRATA 7: 1–28 February qualifies); FAIL
    otherwise. Days outside the academic year are not counted.
    """
    minimum = ctx.param("ktmu.status.hospital_min_days")
    start = max(f.admitted_on, f.academic_year.start)
    end = min(f.discharged_on, f.academic_year.end)
    days = (end - start).days + 1 if end >= start else 0
    if not f.hospital_certificate:
        return ctx.fail("ktmu.status.requirements_missing", missing=["hospital_certificate"])
    if days >= minimum:
        return ctx.passed("ktmu.status.hospital_ok", days=days, minimum=minimum)
    return ctx.fail("ktmu.status.hospital_short", days=days, minimum=minimum)


class SemesterLimit(Facts):
    """Semesters of academic leave already taken for this reason and semesters requested."""

    semesters_already_taken: int = Field(0, ge=0)
    semesters_requested: int = Field(ge=1)


@rule("KTMU-38(1)a-2")
def health_leave_limit(f: SemesterLimit, ctx: Ctx) -> Outcome:
    """«Студентке ден соолугуна байланыштуу эң көп 2 семестр академиялык өргүү берилет».

    PASS when health-related academic leave over the whole study (A-52), including the request,
    stays ≤ 2 semesters; FAIL otherwise.
    """
    return _limit(ctx, "ktmu.status.acleave_health_max_semesters", f.semesters_already_taken + f.semesters_requested)


def _limit(ctx: Ctx, param: str, total: int) -> Outcome:
    limit = ctx.param(param)
    if total <= limit:
        return ctx.passed("ktmu.status.semesters_ok", total=total, limit=limit)
    return ctx.fail("ktmu.status.semesters_over", total=total, limit=limit)


class ChildbirthLeave(SemesterLimit):
    """Academic leave for the birth of a child (per child, either parent — A-52)."""

    birth_document: bool


@rule("KTMU-38(1)b-1")
def childbirth_leave(f: ChildbirthLeave, ctx: Ctx) -> Outcome:
    """«Балалуу болгонун тастыктаган документи бар студент 2 семестрге чейин академиялык өргүүгө чыга алат».

    PASS with a birth document and at most 2 semesters for this child (already taken +
    requested); FAIL otherwise.
    """
    if not f.birth_document:
        return ctx.fail("ktmu.status.requirements_missing", missing=["birth_document"])
    return _limit(ctx, "ktmu.status.acleave_childbirth_max_semesters", f.semesters_already_taken + f.semesters_requested)


class HealthDocuments(Facts):
    """Submission of the health certificate after a sick-leave sheet was opened."""

    sick_sheet_opened_on: dt.date
    documents_submitted_on: dt.date | None = None


@rule("KTMU-38(1)c-1")
def health_documents(f: HealthDocuments, ctx: Ctx) -> Outcome:
    """«оорулуу баракчасын ачтырган күндөн тартып, 7 күндүн ичинде … тапшырууга милдеттүү. Бул мөөнөттүн ичинде тапшырылбаган документтер кабыл алынбайт».

    PASS when the certificate reaches the institute management within 7 calendar days of the
    sick-leave sheet's opening; FAIL (documents not accepted) when later.
    """
    return deadline_check(
        ctx, key="ktmu.status.health_doc", param="ktmu.status.health_doc_days", unit="calendar_days",
        start=f.sick_sheet_opened_on, done=f.documents_submitted_on,
    )


class LeaveEnd(Facts):
    """A student on academic leave reports recovery / that the reason is resolved."""

    reason: Literal["HEALTH", "EXCUSED"]
    notice_given: bool
    institute_board_decision: bool


@rule("KTMU-38(1)d-1", "KTMU-38(2)c-1")
def academic_leave_end(f: LeaveEnd, ctx: Ctx) -> Outcome:
    """«сакайганын билдирген учурда институттун башкаруу кеңешинин чечими менен академиялык өргүүсү аяктайт»; «маселелер чечилгенин билдирген учурда … жокко чыгарылат».

    Value "ACTIVE" once the student gave notice and the Institute Board ended (health) or
    cancelled (excused reason) the academic leave; otherwise "ACADEMIC_LEAVE".
    """
    if f.notice_given and f.institute_board_decision:
        return ctx.result("ACTIVE", "ktmu.status.leave_ended", reason=f.reason)
    return ctx.result("ACADEMIC_LEAVE", "ktmu.status.leave_continues", reason=f.reason)


# --- art. 38(2): excused reasons ------------------------------------------------------------

ExcusedReason = Literal[
    "ABROAD_EDU_RESEARCH",
    "ACCOMPANY_PATIENT",
    "NATURAL_DISASTER",
    "PROSECUTION",
    "OTHER_ACCEPTED_BY_BOARD",
    "JOB_RELOCATION_DOMESTIC",
    "JOB_POSTING_ABROAD",
]


class ExcusedLeave(Facts):
    """An application for academic leave for an excused reason."""

    reason: ExcusedReason
    evidence: bool
    semesters_requested: int = Field(ge=1)
    institute_board_decision: bool = False


@rule("KTMU-38(2)a-1", "KTMU-38(2)a-2")
def excused_leave(f: ExcusedLeave, ctx: Ctx) -> Outcome:
    """«…себептерин тастыктаган студенттерге … эң көп 2 семестрге чейин академиялык өргүү берилет. Кызматтык ишине байланыштуу … жумуш ордун алмаштырган же чет өлкөгө кеткендер мындай укуктан пайдалана алышпайт».

    FAIL for a job relocation in the country or a job posting abroad (a-2), without evidence, or
    for more than 2 semesters; PASS when the Institute Board granted it; WARN while its decision
    is pending.
    """
    if f.reason in ("JOB_RELOCATION_DOMESTIC", "JOB_POSTING_ABROAD"):
        return ctx.fail("ktmu.status.job_reason_excluded", reason=f.reason)
    if not f.evidence:
        return ctx.fail("ktmu.status.requirements_missing", missing=["evidence"])
    out = _limit(ctx, "ktmu.status.acleave_excused_max_semesters", f.semesters_requested)
    if out.value is Verdict.FAIL:
        return out
    if not f.institute_board_decision:
        return ctx.warn("ktmu.status.board_pending_leave")
    return out


class LeaveApplicationWindow(Facts):
    """An excused-reason academic-leave application and the academic calendar's window."""

    applied_on: dt.date
    window: Period
    unforeseen: bool = False


@rule("KTMU-38(2)b-1", judged_on="application_date", date_field="applied_on")
def excused_leave_application_window(f: LeaveApplicationWindow, ctx: Ctx) -> Outcome:
    """«Күтүлбөгөн кырдаалдардан башка учурда академиялык өргүүгө чыгуу үчүн академиялык календарда көрсөтүлгөн мөөнөттүн ичинде кайрылышы керек».

    PASS when filed within the academic calendar's window (both ends included) or the situation
    was unforeseen; FAIL otherwise.
    """
    if f.unforeseen:
        return ctx.passed("ktmu.status.window_unforeseen")
    if f.window.start <= f.applied_on <= f.window.end:
        return ctx.passed("ktmu.status.window_ok", day=f.applied_on, start=f.window.start, end=f.window.end)
    return ctx.fail("ktmu.status.window_missed", day=f.applied_on, start=f.window.start, end=f.window.end)


# --- art. 38(3): military service -------------------------------------------------------------


class SemesterSpan(Facts):
    label: str
    start: dt.date
    end: dt.date


class MilitaryLeave(Facts):
    """Military service and the semesters of the academic calendar."""

    service: Period
    call_up_documents: bool
    written_notice: bool
    semesters: list[SemesterSpan]


@rule("KTMU-38(3)a-1")
def military_leave_semesters(f: MilitaryLeave, ctx: Ctx) -> Outcome:
    """«аскердик милдетин өтөө мөөнөтүнө туш келген семестрлер үчүн … академиялык өргүү берилет».

    Value: the labels of the semesters overlapping the service period (no 2-semester cap), given
    the call-up documents and written notice; FAIL when either is missing.
    """
    missing = [k for k, ok in {"call_up_documents": f.call_up_documents, "written_notice": f.written_notice}.items() if not ok]
    if missing:
        return ctx.result(Verdict.FAIL, "ktmu.status.requirements_missing", missing=missing)
    labels = [s.label for s in f.semesters if s.start <= f.service.end and f.service.start <= s.end]
    return ctx.result(labels, "ktmu.status.military_semesters", semesters=labels)


class MilitaryReturn(Facts):
    """Return from military service."""

    returned_on: dt.date
    reported_on: dt.date | None = None
    military_id_shown: bool = False
    service_end: dt.date
    renewal_windows: list[Period] = Field(default_factory=list, description="Course-registration renewal windows of the academic calendar.")


@rule("KTMU-38(3)b-1")
def military_return(f: MilitaryReturn, ctx: Ctx) -> Outcome:
    """«аскерден келгенден кийин 1 айдын ичинде аскердик билети менен институттун жетекчилигине кайрылса, аскердик мөөнөтү аяктаган мезгилдеги алгачкы сабакка катталуу учурунда каттоосун жаңыртышы керек».

    PASS when the student reports with the military ID within 1 calendar month of returning; the
    message names the first renewal window starting on or after the end of service, where the
    registration must be renewed (A-53: a late report is treated as non-renewal).
    """
    out = deadline_check(
        ctx, key="ktmu.status.military_return", param="ktmu.status.military_return_months", unit="months",
        start=f.returned_on, done=f.reported_on,
    )
    if out.value is Verdict.PASS and not f.military_id_shown:
        return ctx.fail("ktmu.status.requirements_missing", missing=["military_id"])
    if out.value is Verdict.PASS:
        windows = sorted((w for w in f.renewal_windows if w.start >= f.service_end), key=lambda w: w.start)
        if windows:
            return ctx.passed("ktmu.status.renew_in_window", start=windows[0].start, end=windows[0].end)
    return out
