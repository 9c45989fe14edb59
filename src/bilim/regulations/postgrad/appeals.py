"""KTMU Instruction on Postgraduate Education — appeals and corrections: art. 33, 34, 35, 36.

Covers the specialist-exam appeal (KTMU-33-1…3), the exam-result appeal (KTMU-34-1…4), the
instructor's correction (KTMU-35-1, 35-2) and the thesis-defence appeal (KTMU-36(1)…(9)).
Time limits are dated parameters; "N иш күнү" counts working days after the event (weekends,
KG public holidays and closures skipped, listed in the explanation), other limits calendar days
or months (A-50). A check returns PASS, WARN (period still running / step pending) or FAIL.

Public functions the apps call (one per rule; facts models are the input schema):
``specialist_exam_appeal``, ``specialist_exam_review``, ``specialist_exam_correction``,
``exam_appeal``, ``exam_appeal_review``, ``exam_grade_correction``, ``exam_further_appeal``,
``instructor_correction_request``, ``instructor_correction_decision``, ``defence_appeal``,
``appeal_commission_formed``, ``appeal_commission_composition``, ``appeal_commission_exclusions``,
``appeal_commission_report_due``, ``appeal_commission_report_content``,
``appeal_commission_decision``, ``appeal_commission_vote``, ``appeal_upheld_board_decision``,
``appeal_report_to_jury``, ``appeal_final_notification``.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Literal

from pydantic import Field

from bilim.regulations.core import Ctx, Facts, Outcome, Verdict, rule
from bilim.regulations.postgrad.status_deadlines import deadline_check


def _missing(ctx: Ctx, outcome: Outcome, requirements: dict[str, bool]) -> Outcome:
    """Turn a deadline PASS into FAIL when a document requirement is not met."""
    missing = [name for name, ok in requirements.items() if not ok]
    if outcome.value is Verdict.PASS and missing:
        return ctx.fail("ktmu.status.requirements_missing", missing=missing)
    return outcome


# --- art. 33: specialist exam -----------------------------------------------------------


class SpecialistAppeal(Facts):
    """A candidate's appeal against the specialist-exam (admission) result."""

    results_published_on: dt.date
    appeal_filed_on: dt.date | None = None


@rule("KTMU-33-1")
def specialist_exam_appeal(f: SpecialistAppeal, ctx: Ctx) -> Outcome:
    """«адистик сынагынын жыйынтыгы жарыялангандан тарта 2 иш күнүнүн ичинде институтка арыз менен кайрыла алат».

    PASS when the appeal is filed within 2 working days after the results' announcement (the
    appellant is the candidate, A-64); FAIL when later; WARN while the period runs.
    """
    return deadline_check(
        ctx, key="ktmu.status.spec_appeal", param="ktmu.status.spec_appeal_workdays", unit="working_days",
        start=f.results_published_on, done=f.appeal_filed_on,
    )


class SpecialistReview(Facts):
    """The exam commission's review of a specialist-exam appeal."""

    appeal_received_on: dt.date
    findings_submitted_on: dt.date | None = None
    findings_in_writing: bool = False
    papers_attached: bool = False


@rule("KTMU-33-2")
def specialist_exam_review(f: SpecialistReview, ctx: Ctx) -> Outcome:
    """«Сынак комиссиясы сынак баракчаларын 2 иш күнүнүн ичинде иликтеп, … сынак баракчалары менен бирге институтка жазуу түрүндө тапшырат».

    PASS when written findings with the exam papers reach the institute within 2 working days
    from receipt of the appeal (A-64); FAIL when late or without the papers / not in writing.
    """
    out = deadline_check(
        ctx, key="ktmu.status.spec_review", param="ktmu.status.spec_review_workdays", unit="working_days",
        start=f.appeal_received_on, done=f.findings_submitted_on,
    )
    return _missing(ctx, out, {"findings_in_writing": f.findings_in_writing, "papers_attached": f.papers_attached})


class GradeChange(Facts):
    """A grade change following an appeal review or a correction request."""

    technical_error_found: bool = Field(description="The review found a technical error.")
    grade_changed: bool
    institute_board_decision_on: dt.date | None = None
    student_notified_on: dt.date | None = None
    old_grade: str | None = None
    new_grade: str | None = None


def _board_change(f: GradeChange, ctx: Ctx, *, need_error: bool = True, notify: bool = False, record: bool = False) -> Outcome:
    if f.grade_changed:
        if need_error and not f.technical_error_found:
            return ctx.fail("ktmu.status.change_without_error")
        if f.institute_board_decision_on is None:
            return ctx.fail("ktmu.status.board_decision_required")
        missing: list[str] = []
        if notify and f.student_notified_on is None:
            missing.append("student_notified_on")
        if record and not (f.old_grade and f.new_grade):
            missing.append("old_grade/new_grade")
        if missing:
            return ctx.fail("ktmu.status.requirements_missing", missing=missing)
        return ctx.passed("ktmu.status.board_decision_ok", decided=f.institute_board_decision_on)
    if f.technical_error_found:
        return ctx.warn("ktmu.status.correction_pending")
    return ctx.passed("ktmu.status.no_change")


@rule("KTMU-33-3")
def specialist_exam_correction(f: GradeChange, ctx: Ctx) -> Outcome:
    """«техникалык ката аныкталса, бааны оңдоо институттун башкаруу кеңешинин чечими менен ишке ашат».

    A specialist-exam score changes only after a technical error is found and only by an
    Institute Board decision (then the ranking is re-run, KTMU-12(7)). PASS / WARN (error found,
    correction pending) / FAIL (change without error or without a Board decision).
    """
    return _board_change(f, ctx)


# --- art. 34: exam result ---------------------------------------------------------------


class ExamAppeal(Facts):
    """A student's appeal against an exam result."""

    results_published_on: dt.date
    appeal_filed_on: dt.date | None = None


@rule("KTMU-34-1")
def exam_appeal(f: ExamAppeal, ctx: Ctx) -> Outcome:
    """«Студент сынактын жыйынтыктары жарыялангандан тарта 7 күндүн ичинде институтка арыз менен кайрыла алат».

    PASS when filed within 7 calendar days after the announcement (last day included, not moved
    off a weekend); FAIL later; WARN while open.
    """
    return deadline_check(
        ctx, key="ktmu.status.exam_appeal", param="ktmu.status.exam_appeal_days", unit="calendar_days",
        start=f.results_published_on, done=f.appeal_filed_on,
    )


class ExamReview(Facts):
    """The instructor's re-check of the exam papers after an appeal."""

    appeal_received_on: dt.date
    findings_submitted_on: dt.date | None = None
    findings_in_writing: bool = False
    papers_attached: bool = False


@rule("KTMU-34-2")
def exam_appeal_review(f: ExamReview, ctx: Ctx) -> Outcome:
    """«арыз түшкөн күндөн тарта эң көп 3 иш күнүнүн ичинде иликтеп, … сынак баракчалары менен бирге институтка жазуу түрүндө тапшырат».

    PASS when the instructor's written findings with the papers reach the institute within at
    most 3 working days from receipt of the appeal; FAIL otherwise; WARN while open.
    """
    out = deadline_check(
        ctx, key="ktmu.status.exam_review", param="ktmu.status.exam_review_workdays", unit="working_days",
        start=f.appeal_received_on, done=f.findings_submitted_on,
    )
    return _missing(ctx, out, {"findings_in_writing": f.findings_in_writing, "papers_attached": f.papers_attached})


@rule("KTMU-34-3")
def exam_grade_correction(f: GradeChange, ctx: Ctx) -> Outcome:
    """«техникалык ката аныкталса, баа институттун башкаруу кеңешинин чечими менен оңдолот жана студентке билдирилет».

    A changed exam grade needs a technical error, an Institute Board decision and notice to the
    student (then SGPA/CGPA are recomputed). PASS / WARN (pending) / FAIL.
    """
    return _board_change(f, ctx, notify=True)


class FurtherAppeal(Facts):
    """A further appeal to the University Board after the Institute Board's decision."""

    board_decision_published_on: dt.date
    appeal_filed_on: dt.date | None = None
    addressed_to: Literal["UNIVERSITY_BOARD", "INSTITUTE_BOARD", "OTHER"] = "UNIVERSITY_BOARD"
    in_writing: bool = True


@rule("KTMU-34-4")
def exam_further_appeal(f: FurtherAppeal, ctx: Ctx) -> Outcome:
    """«кийинки арыздануусун институттун башкаруу кеңешинин чечими жарыялангандан кийин 7 күндүн ичинде университеттин Башкаруу кеңешине жазуу түрүндө бере алат».

    PASS when the written further appeal reaches the University Board within 7 calendar days of
    the Institute Board decision's announcement; FAIL otherwise (no deadline for the University
    Board's own decision, A-63).
    """
    out = deadline_check(
        ctx, key="ktmu.status.exam_appeal2", param="ktmu.status.exam_appeal2_days", unit="calendar_days",
        start=f.board_decision_published_on, done=f.appeal_filed_on,
    )
    return _missing(ctx, out, {"in_writing": f.in_writing, "addressed_to_university_board": f.addressed_to == "UNIVERSITY_BOARD"})


# --- art. 35: correction by the instructor -------------------------------------------------


class CorrectionRequest(Facts):
    """The instructor's application to correct an exam result."""

    results_published_on: dt.date
    filed_on: dt.date | None = None
    reason: Literal["WRONG_ENTRY", "MISSING_CALCULATION", "WRONG_CALCULATION", "OTHER"] | None = None
    attachments: int = Field(0, ge=0, description="Number of supporting attachments.")
    filed_by_course_instructor: bool = True


@rule("KTMU-35-1")
def instructor_correction_request(f: CorrectionRequest, ctx: Ctx) -> Outcome:
    """«сынактын жыйынтыктары жарыялангандан тарта 7 күндүн ичинде … себептерин … камтыган арыз жана анын негиздүүлүгүн тастыктаган тиркемелер менен кайрылат».

    PASS when the course's instructor files, within 7 calendar days of the announcement, an
    application stating the reason with at least one supporting attachment; FAIL otherwise.
    """
    out = deadline_check(
        ctx, key="ktmu.status.correction", param="ktmu.status.correction_days", unit="calendar_days",
        start=f.results_published_on, done=f.filed_on,
    )
    return _missing(ctx, out, {"reason": f.reason is not None, "attachments": f.attachments > 0, "course_instructor": f.filed_by_course_instructor})


@rule("KTMU-35-2")
def instructor_correction_decision(f: GradeChange, ctx: Ctx) -> Outcome:
    """«Оңдоо институттун башкаруу кеңешинин чечими менен ишке ашырылат».

    The corrected grade is recorded (old and new) only with an Institute Board decision.
    PASS / FAIL (no decision, or old/new grade not recorded).
    """
    return _board_change(f, ctx, need_error=False, record=True)


# --- art. 36: thesis-defence appeal ---------------------------------------------------------


class DefenceAppeal(Facts):
    """A student's appeal against the thesis-defence result."""

    defence_date: dt.date
    defence_passed: bool
    appeal_filed_on: dt.date | None = None


@rule("KTMU-36(1)-1")
def defence_appeal(f: DefenceAppeal, ctx: Ctx) -> Outcome:
    """«Диссертациялык ишти коргоо сынагынан өтпөй калган студент сынак болгон күндөн тарта 2 айдын ичинде институтка арыз менен кайрылат».

    Only a failed defence can be appealed; PASS when filed within 2 calendar months of the exam
    date (same day-of-month, clamped to the month end); FAIL when later or the defence passed.
    """
    if f.defence_passed:
        return ctx.fail("ktmu.status.defence_not_failed")
    return deadline_check(
        ctx, key="ktmu.status.thesis_appeal", param="ktmu.status.thesis_appeal_months", unit="months",
        start=f.defence_date, done=f.appeal_filed_on,
    )


class CommissionFormation(Facts):
    """Formation of the appeal commission."""

    appeal_filed_on: dt.date
    formed_on: dt.date | None = None
    formed_by_institute_management: bool = True


@rule("KTMU-36(2)-1")
def appeal_commission_formed(f: CommissionFormation, ctx: Ctx) -> Outcome:
    """«Арыз менен кайрылгандан тарта 10 иш күнүнүн ичинде институттун жетекчилиги тарабынан аппеляция комиссиясы түзүлөт».

    PASS when the institute management forms the commission within 10 working days after the
    appeal; FAIL otherwise; WARN while open.
    """
    out = deadline_check(
        ctx, key="ktmu.status.appeal_comm_formed", param="ktmu.status.appeal_comm_form_workdays", unit="working_days",
        start=f.appeal_filed_on, done=f.formed_on,
    )
    return _missing(ctx, out, {"formed_by_institute_management": f.formed_by_institute_management})


class CommissionMember(Facts):
    """A member of the appeal commission."""

    person_id: str
    voting: bool = Field(description="False for the secretary.")
    has_academic_degree: bool = False
    has_academic_title: bool = False
    institute: str
    fos: str = Field(description="Field of science (ИИТ/ИКТ) the member works in.")


class CommissionComposition(Facts):
    """The appeal commission and the student's institute and FoS."""

    members: list[CommissionMember]
    student_institute: str
    student_fos: str


@rule("KTMU-36(3)-1")
def appeal_commission_composition(f: CommissionComposition, ctx: Ctx) -> Outcome:
    """«институттун ИИТ/ИКТда иштеген окумуштуулук даражасы жана илимий наамы бар 3 окутуучудан жана добуш берүү укугу жок бир катчыдан турат».

    PASS when exactly 3 voting members, each with an academic degree and title and working in a
    FoS of the student's institute, and exactly 1 secretary without a vote. The catalogue's
    stricter reading (the student's own FoS) is the parameter ``ktmu.status.appeal_comm_same_fos``.
    """
    voting_n = ctx.param("ktmu.status.appeal_comm_voting")
    secr_n = ctx.param("ktmu.status.appeal_comm_secretaries")
    same_fos = ctx.param("ktmu.status.appeal_comm_same_fos")
    voting = [m for m in f.members if m.voting]
    secretaries = [m for m in f.members if not m.voting]
    if len(voting) != voting_n or len(secretaries) != secr_n:
        return ctx.fail("ktmu.status.comm_size", voting=len(voting), secretaries=len(secretaries), need_voting=voting_n, need_secretaries=secr_n)
    bad = [
        m.person_id
        for m in voting
        if not (m.has_academic_degree and m.has_academic_title and m.institute == f.student_institute and (not same_fos or m.fos == f.student_fos))
    ]
    if bad:
        return ctx.fail("ktmu.status.comm_unqualified", members=bad)
    return ctx.passed("ktmu.status.comm_ok", voting=voting_n)


class CommissionExclusions(Facts):
    """Appeal-commission members, the student's supervisors and the defence jury."""

    member_ids: list[str]
    supervisor_ids: list[str]
    jury_member_ids: list[str]


@rule("KTMU-36(3)-2")
def appeal_commission_exclusions(f: CommissionExclusions, ctx: Ctx) -> Outcome:
    """«Илимий жетекчилер жана аттестациялык комиссиянын мүчөлөрү аталган комиссиянын мүчөсү боло албайт».

    FAIL when a supervisor (first, second, foreign) or a jury member sits on the commission.
    """
    conflict = sorted(set(f.member_ids) & (set(f.supervisor_ids) | set(f.jury_member_ids)))
    if conflict:
        return ctx.fail("ktmu.status.comm_conflict", members=conflict)
    return ctx.passed("ktmu.status.comm_no_conflict")


class CommissionReportDue(Facts):
    """The appeal commission's report."""

    formed_on: dt.date
    report_submitted_on: dt.date | None = None


@rule("KTMU-36(4)-1")
def appeal_commission_report_due(f: CommissionReportDue, ctx: Ctx) -> Outcome:
    """«Комиссия түзүлгөндөн тарта 30 күндүн ичинде арызы, диссертациялык ишти … видеоматериалдарды иликтейт».

    PASS when the report is submitted within 30 calendar days of the commission's formation (A-50).
    """
    return deadline_check(
        ctx, key="ktmu.status.appeal_comm_report", param="ktmu.status.appeal_review_days", unit="calendar_days",
        start=f.formed_on, done=f.report_submitted_on,
    )


class CommissionReport(Facts):
    """Contents of the appeal commission's report."""

    findings: str = ""
    evaluations: str = ""
    decision: Literal["UPHOLD", "REEVALUATE"] | None = None
    submitted_to_institute: bool = False


@rule("KTMU-36(4)-2")
def appeal_commission_report_content(f: CommissionReport, ctx: Ctx) -> Outcome:
    """«Иликтөө жыйынтыктарын жана бааларын камтыган отчет даярдап институтка тапшырат».

    PASS when the report contains findings, evaluations and a decision and is submitted to the
    institute; FAIL listing what is missing.
    """
    need = {
        "findings": bool(f.findings.strip()),
        "evaluations": bool(f.evaluations.strip()),
        "decision": f.decision is not None,
        "submitted_to_institute": f.submitted_to_institute,
    }
    missing = [k for k, ok in need.items() if not ok]
    if missing:
        return ctx.fail("ktmu.status.requirements_missing", missing=missing)
    return ctx.passed("ktmu.status.report_ok")


class CommissionDecision(Facts):
    """The decision written in the commission's report."""

    decision: str


@rule("KTMU-36(5)-1")
def appeal_commission_decision(f: CommissionDecision, ctx: Ctx) -> Outcome:
    """«аттестациялык комиссиянын чечиминин туура экендиги же аталган комиссия кайрадан баа берүүсү керектиги тууралуу чечим чыгарат».

    The decision is one of UPHOLD (the attestation commission was right) or REEVALUATE (it must
    evaluate again). Value: the decision; FAIL (value "INVALID") for anything else.
    """
    if f.decision == "UPHOLD":
        return ctx.result("UPHOLD", "ktmu.status.decision_uphold")
    if f.decision == "REEVALUATE":
        return ctx.result("REEVALUATE", "ktmu.status.decision_reevaluate")
    return ctx.result(Verdict.FAIL, "ktmu.status.decision_invalid", decision=f.decision)


class Vote(Facts):
    member_id: str
    choice: Literal["UPHOLD", "REEVALUATE"]


class CommissionVote(Facts):
    """The open vote of the appeal commission."""

    voting_member_ids: list[str]
    votes: list[Vote]
    open_vote: bool = True


@rule("KTMU-36(6)-1")
def appeal_commission_vote(f: CommissionVote, ctx: Ctx) -> Outcome:
    """«Чечим комиссия мүчөлөрүнүн санынын көпчүлүк добушу менен ачык добуш берүү аркылуу кабыл алынат».

    Value: the option backed by more than half of the voting members (2 of 3; the secretary's
    or an outsider's vote does not count); FAIL when the vote is not open, a member votes twice,
    or no option has a majority.
    """
    if not f.open_vote:
        return ctx.result(Verdict.FAIL, "ktmu.status.vote_not_open")
    members = set(f.voting_member_ids)
    valid = [v for v in f.votes if v.member_id in members]
    if len({v.member_id for v in valid}) != len(valid):
        return ctx.result(Verdict.FAIL, "ktmu.status.vote_twice")
    tally = Counter(v.choice for v in valid)
    for choice, n in tally.items():
        if 2 * n > len(members):
            return ctx.result(choice, "ktmu.status.vote_majority", choice=choice, votes=n, members=len(members))
    return ctx.result(Verdict.FAIL, "ktmu.status.vote_no_majority", members=len(members))


class UpheldReport(Facts):
    """The commission's decision and the Institute Board's decision on it."""

    decision: Literal["UPHOLD", "REEVALUATE"]
    institute_board_decision_on: dt.date | None = None


@rule("KTMU-36(7)-1")
def appeal_upheld_board_decision(f: UpheldReport, ctx: Ctx) -> Outcome:
    """«Комиссия отчетунда аттестациялык комиссиянын чечимин туура деп тапса, отчет институттун башкаруу кеңеши тарабынан иликтенип, чечим чыгарылат».

    An UPHOLD report goes to the Institute Board: PASS once the Board decided, WARN while it has
    not; a REEVALUATE report does not take this route (PASS, see KTMU-36(8)-1).
    """
    if f.decision == "REEVALUATE":
        return ctx.passed("ktmu.status.route_reevaluate")
    if f.institute_board_decision_on is None:
        return ctx.warn("ktmu.status.board_pending")
    return ctx.passed("ktmu.status.board_decision_ok", decided=f.institute_board_decision_on)


class ReportToJury(Facts):
    """Sending a REEVALUATE report to the attestation commission."""

    decision: Literal["UPHOLD", "REEVALUATE"]
    report_received_on: dt.date
    sent_to_jury_on: dt.date | None = None


@rule("KTMU-36(8)-1")
def appeal_report_to_jury(f: ReportToJury, ctx: Ctx) -> Outcome:
    """«комиссиянын отчету институттун жетекчилиги тарабынан 15 күндүн ичинде кайра карап чыгуу үчүн аттестациялык комиссиянын мүчөлөрүнө жөнөтүлөт».

    For a REEVALUATE report: PASS when it is sent to the jury members within 15 calendar days of
    its receipt; FAIL later; WARN while open. An UPHOLD report is not sent (PASS).
    """
    if f.decision == "UPHOLD":
        return ctx.passed("ktmu.status.route_uphold")
    return deadline_check(
        ctx, key="ktmu.status.report_to_jury", param="ktmu.status.appeal_to_jury_days", unit="calendar_days",
        start=f.report_received_on, done=f.sent_to_jury_on,
    )


class FinalNotification(Facts):
    """Communicating the final appeal decision."""

    board_signed_on: dt.date
    student_notified_on: dt.date | None = None
    published_on_institute_website: bool = False


@rule("KTMU-36(9)-1")
def appeal_final_notification(f: FinalNotification, ctx: Ctx) -> Outcome:
    """«институттун башкаруу кеңеши тарабынан кол коюлгандан кийин 5 күндүн ичинде студентке билдирилет жана институттун веб-баракчасына жарыяланат».

    PASS when the student is notified within 5 calendar days of the Board's signature and the
    decision is published on the institute website; FAIL otherwise; WARN while open.
    """
    out = deadline_check(
        ctx, key="ktmu.status.appeal_notify", param="ktmu.status.appeal_notify_days", unit="calendar_days",
        start=f.board_signed_on, done=f.student_notified_on,
    )
    return _missing(ctx, out, {"published_on_institute_website": f.published_on_institute_website})
