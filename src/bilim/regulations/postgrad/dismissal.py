"""KTMU Instruction on Postgraduate Education — dismissal: art. 39 (each ground its own check).

Each ground of art. 39(1) is one rule. Its value is a :class:`Verdict`: **FAIL = the ground
exists** (the Institute Board may propose dismissal, KTMU-39(2)-1), WARN = watch (e.g. the defence
appeal window is still open), PASS = no ground. Grounds of item g apply to master's students only,
grounds of item h to doctoral and assistantship-internship students only; (i), a failed defence,
applies to master's students only — for PhD/AI a failed defence is ground h.2 (ERRATA 21).
Semester counts follow the original: g.1 counts semesters in total (ERRATA 25; the consecutive
reading of A-49 is the parameter ``ktmu.status.ma_practice_report_count``); c, g.2, h.1, h.3 need
consecutive semesters; h.3 counts a semester whose report is missing without justification **or**
not approved, two in a row (ERRATA 22).

Public functions the apps call: one per ground (``ground_a_withdrawal`` … ``ground_j_discipline``;
ground k is ``bilim.regulations.postgrad.plagiarism.plagiarism_established``),
``dismissal_decision`` (39(2)), ``transcript_after_dismissal`` (39(3)), and the batch
``academic_standing_and_dismissal(students, as_of)`` returning :class:`StandingItem` per student.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Literal

from pydantic import Field

from bilim.regulations.core import Ctx, Facts, Outcome, Verdict, add_months, rule
from bilim.regulations.core import params as _params
from bilim.regulations.core import registry as _registry
from bilim.regulations.postgrad.gpa import CourseGrade, _coefficients, fast_cgpa, semester_index, show
from bilim.regulations.postgrad.grading import Level
from bilim.regulations.postgrad.plagiarism import PlagiarismFinding, plagiarism_established
from bilim.regulations.postgrad.status_deadlines import deadline_check

Term = Literal["AUTUMN", "SPRING"]
DOCTORAL = ("PHD", "AI")


def _ground(ctx: Ctx, ground: str, **values: Any) -> Outcome:
    return ctx.fail(f"ktmu.status.ground.{ground}", ground=ground, **values)


def _clear(ctx: Ctx, ground: str) -> Outcome:
    return ctx.passed("ktmu.status.ground_clear", ground=ground)


def _not_for_level(ctx: Ctx, ground: str, level: str) -> Outcome:
    return ctx.passed("ktmu.status.ground_na_level", ground=ground, level=level)


def _label(idx: int) -> str:
    return f"{idx // 2}-{'SPRING' if idx % 2 else 'AUTUMN'}"


def consecutive_run(flagged: Iterable[int], n: int) -> list[int] | None:
    """The first run of ``n`` consecutive semester indices in ``flagged`` (or None)."""
    s = sorted(set(flagged))
    for i, start in enumerate(s):
        run = [start]
        for nxt in s[i + 1 :]:
            if nxt == run[-1] + 1:
                run.append(nxt)
                if len(run) == n:
                    return run
            else:
                break
        if len(run) >= n:
            return run
    return None


class SemesterFacts(Facts):
    academic_year: int = Field(description="Start year of the academic year (2025 = 2025–2026).")
    term: Term

    @property
    def idx(self) -> int:
        return semester_index(self.academic_year, self.term)


# --- (a)–(f): every student ------------------------------------------------------------------


class Withdrawal(Facts):
    """The student's own request to leave."""

    requested_on: dt.date | None = None


@rule("KTMU-39(1)a-1")
def ground_a_withdrawal(f: Withdrawal, ctx: Ctx) -> Outcome:
    """(a) «Өз каалоосу менен» — at the student's own request. FAIL (ground) when a request exists."""
    if f.requested_on is not None:
        return _ground(ctx, "a", requested=f.requested_on)
    return _clear(ctx, "a")


class OriginalDocument(Facts):
    name: str
    due_on: dt.date
    received_on: dt.date | None = None


class OriginalDocuments(Facts):
    """Originals required at final registration (KTMU-14)."""

    documents: list[OriginalDocument]


@rule("KTMU-39(1)b-1")
def ground_b_originals(f: OriginalDocuments, ctx: Ctx) -> Outcome:
    """(b) «Акыркы каттоодо талап кылынган документтердин түп нускасын тапшырбаса».

    FAIL (ground) when, on ``as_of``, an original is past its due date and not received by then.
    """
    late = [d.name for d in f.documents if ctx.as_of > d.due_on and (d.received_on is None or d.received_on > ctx.as_of)]
    if late:
        return _ground(ctx, "b", documents=late)
    return _clear(ctx, "b")


class Registration(SemesterFacts):
    renewed: bool
    justified: bool = False


class Registrations(Facts):
    """Semester registrations (renewals)."""

    semesters: list[Registration]


@rule("KTMU-39(1)c-1")
def ground_c_not_registered(f: Registrations, ctx: Ctx) -> Outcome:
    """(c) «Жүйөөлүү себепсиз 2 семестр катары менен каттоодон өтпөсө».

    FAIL (ground) when two consecutive semesters have no renewal and no accepted justification
    (one such semester is only NOT_RENEWED, A-55).
    """
    n = ctx.param("ktmu.status.not_renewed_consecutive")
    run = consecutive_run((s.idx for s in f.semesters if not s.renewed and not s.justified), n)
    if run:
        return _ground(ctx, "c", limit=n, semesters=[_label(i) for i in run])
    return _clear(ctx, "c")


class LanguageProgress(Facts):
    """Compulsory-language exemption progress (KTMU-19)."""

    compulsory_languages: Literal[1, 2] = Field(
        description=(
            "How many languages the student had to learn: those of the programme (Kyrgyz, Turkish) the student was NOT "
            "exempt from at registration (1 or 2) — not the programme's number of languages. It sets the time limit "
            "(ktmu.status.language_exemption_semesters: 2 semesters for one language, 4 for two)."
        ),
        examples=[2],
    )
    exempted_languages: int = Field(ge=0, le=2, description="How many of those languages the student has since been exempted from.", examples=[1])
    language_semesters_used: int = Field(ge=0, description="Semesters spent in the language programme so far.", examples=[3])


@rule("KTMU-39(1)d-1")
def ground_d_languages(f: LanguageProgress, ctx: Ctx) -> Outcome:
    """(d) «Милдеттүү түрдө окутулуучу тилдерден: бир тилден 2 семестрде, эки тилден 4 семестрде бошотулбаса».

    FAIL (ground) when the semesters used reach the limit (1 language: 2; 2 languages: 4) and the
    student is not exempted from every compulsory language.
    """
    limits = ctx.param("ktmu.status.language_exemption_semesters")
    limit = int(limits[f.compulsory_languages])
    if f.exempted_languages < f.compulsory_languages and f.language_semesters_used >= limit:
        return _ground(ctx, "d", used=f.language_semesters_used, required=f.compulsory_languages, exempted=f.exempted_languages, limit=limit)
    return _clear(ctx, "d")


class SppProgress(Facts):
    """Scientific preparation programme progress (KTMU-20)."""

    spp_semesters_used: int = Field(ge=0)
    spp_completed: bool


@rule("KTMU-39(1)e-1")
def ground_e_spp(f: SppProgress, ctx: Ctx) -> Outcome:
    """(e) «2 семестрде адистикке даярдоо программасын бүтүрбөсө».

    FAIL (ground) when 2 SPP semesters are used and the programme is not completed.
    """
    limit = ctx.param("ktmu.status.spp_max_semesters")
    if not f.spp_completed and f.spp_semesters_used >= limit:
        return _ground(ctx, "e", used=f.spp_semesters_used, limit=limit)
    return _clear(ctx, "e")


class CourseworkStanding(Facts):
    """Coursework standing: semesters used (A-47), courses passed, exact cumulative GPA."""

    level: Level
    coursework_semesters_used: int = Field(ge=0)
    all_required_courses_passed: bool
    cgpa: Decimal | None = Field(None, ge=0, le=4)


@rule("KTMU-39(1)f-1")
def ground_f_coursework(f: CourseworkStanding, ctx: Ctx) -> Outcome:
    """(f) «4 семестрде сабактарын ийгиликтүү бүтүрбөсө же бардык сабактары ийгиликтүү болсо да жалпы академиялык жетишкендигинин орточо баасы магистранттар үчүн 2.50/4.00төн жана докторанттар / көркөм өнөр багытындагы студенттер үчүн 3.00/4.00төн төмөн болсо».

    Tested at the end of the 4th counted semester (A-47): FAIL (ground) when courses remain, or
    when all are passed but the shown CGPA (two decimals, KTMU-32(9)-3) is below 2.50 (MA) /
    3.00 (PhD/AI). Before that: WARN when all courses are passed with a CGPA below the threshold.
    """
    limit = ctx.param("ktmu.grading.coursework_max_semesters")
    minimum = Decimal(str(ctx.param("ktmu.grading.graduation_gpa")[f.level]))
    display = ctx.param("ktmu.grading.gpa_display")
    shown = show(f.cgpa, display) if f.cgpa is not None else None
    low = shown is not None and shown < minimum
    if f.coursework_semesters_used >= limit:
        if not f.all_required_courses_passed:
            return _ground(ctx, "f_courses", used=f.coursework_semesters_used, limit=limit)
        if low:
            return _ground(ctx, "f_gpa", gpa=shown, minimum=minimum, level=f.level)
        return _clear(ctx, "f")
    if f.all_required_courses_passed and low:
        return ctx.warn("ktmu.status.ground_f_watch", gpa=shown, minimum=minimum, used=f.coursework_semesters_used, limit=limit)
    return _clear(ctx, "f")


# --- (g): master's students -----------------------------------------------------------------


class PracticeSemester(SemesterFacts):
    practice_course_selected: bool = True
    report_submitted: bool


class PracticeReports(Facts):
    level: Level
    semesters: list[PracticeSemester]


@rule("KTMU-39(1)g-1")
def ground_g1_practice_reports(f: PracticeReports, ctx: Ctx) -> Outcome:
    """(g.1) «2 семестрде илимий-изилдөө жана педагогикалык практика сабактарынан отчет бербесе».

    Master's: FAIL (ground) when in 2 semesters — in total, consecutive or not (ERRATA 25) — a
    selected research / pedagogical-practice course has no report.
    """
    if f.level != "MA":
        return _not_for_level(ctx, "g1", f.level)
    n = ctx.param("ktmu.status.ma_practice_report_miss")
    method = ctx.param("ktmu.status.ma_practice_report_count")
    missed = sorted({s.idx for s in f.semesters if s.practice_course_selected and not s.report_submitted})
    hit = consecutive_run(missed, n) if method == "consecutive" else (missed[:n] if len(missed) >= n else None)
    if hit:
        return _ground(ctx, "g1", count=len(missed), limit=n, semesters=[_label(i) for i in missed])
    return _clear(ctx, "g1")


class ReportSemester(SemesterFacts):
    submitted: bool
    justified: bool = False


class InterimReports(Facts):
    level: Level
    semesters: list[ReportSemester]


@rule("KTMU-39(1)g-2")
def ground_g2_interim_reports(f: InterimReports, ctx: Ctx) -> Outcome:
    """(g.2) «Жүйөөлүү себепсиз 2 семестр катары менен диссертациялык ишинин убактылуу отчетун тапшырбаса».

    Master's: FAIL (ground) when the interim thesis report is missing without justification in
    2 consecutive semesters.
    """
    if f.level != "MA":
        return _not_for_level(ctx, "g2", f.level)
    n = ctx.param("ktmu.status.ma_interim_report_miss")
    run = consecutive_run((s.idx for s in f.semesters if not s.submitted and not s.justified), n)
    if run:
        return _ground(ctx, "g2", limit=n, semesters=[_label(i) for i in run])
    return _clear(ctx, "g2")


class DeadlineSubmission(Facts):
    """A submission with a deadline set by the external programme regulations (A-34)."""

    level: Level
    deadline: dt.date | None = Field(None, description="Set period (external regulation); None = not set.")
    submitted_on: dt.date | None = None


def _external_deadline(f: DeadlineSubmission, ctx: Ctx, ground: str, levels: tuple[str, ...]) -> Outcome:
    if f.level not in levels:
        return _not_for_level(ctx, ground, f.level)
    if f.deadline is None:
        return ctx.passed("ktmu.status.ground_no_deadline", ground=ground)
    if ctx.as_of > f.deadline and (f.submitted_on is None or f.submitted_on > f.deadline):
        return _ground(ctx, ground, deadline=f.deadline)
    return _clear(ctx, ground)


@rule("KTMU-39(1)g-3")
def ground_g3_thesis_not_submitted(f: DeadlineSubmission, ctx: Ctx) -> Outcome:
    """(g.3) «Белгиленген мөөнөт ичинде диссертациялык ишин тапшырбаса».

    Master's: FAIL (ground) when the set period (external, A-34) has passed and the thesis was not
    submitted on or before its last day.
    """
    return _external_deadline(f, ctx, "g3", ("MA",))


@rule("KTMU-39(1)g-4")
def ground_g4_publication_list(f: DeadlineSubmission, ctx: Ctx) -> Outcome:
    """(g.4) «Белгиленген мөөнөт ичинде магистратура программасынын жоболоруна ылайык басма сөз беттеринде жарыяланган эмгектеринин тизмесин бербесе».

    Master's: FAIL (ground) when the list of published works was not given within the set period.
    """
    return _external_deadline(f, ctx, "g4", ("MA",))


# --- (h): doctoral / AI students ----------------------------------------------------------


class ExamSemester(SemesterFacts):
    passed: bool


class QualifyingExams(Facts):
    level: Level
    semesters: list[ExamSemester] = Field(description="Semesters in which the qualifying exam was due, and whether it was passed.")


@rule("KTMU-39(1)h-1")
def ground_h1_qualifying_exam(f: QualifyingExams, ctx: Ctx) -> Outcome:
    """(h.1) «Квалификациялык сынактан 2 семестр катары менен өтпөсө».

    Doctoral/AI: FAIL (ground) when the qualifying exam is not passed in 2 consecutive semesters.
    """
    if f.level not in DOCTORAL:
        return _not_for_level(ctx, "h1", f.level)
    n = ctx.param("ktmu.status.phd_qe_fail_consecutive")
    run = consecutive_run((s.idx for s in f.semesters if not s.passed), n)
    if run:
        return _ground(ctx, "h1", limit=n, semesters=[_label(i) for i in run])
    return _clear(ctx, "h1")


class DefenceSemesters(Facts):
    level: Level
    semesters: list[ExamSemester] = Field(description="Semesters with a defence exam and whether it was passed.")


@rule("KTMU-39(1)h-2")
def ground_h2_defence(f: DefenceSemesters, ctx: Ctx) -> Outcome:
    """(h.2) «Диссертациялык ишин/көркөм өнөр чыгармасын коргоо сынагынан 2 семестр өтпөй калса».

    Doctoral/AI: FAIL (ground) when the defence was not passed in 2 semesters (no «катары менен»
    in the text: counted in total). This, not (i), is the doctoral ground for a failed defence
    (ERRATA 21, A-48); one failed defence is not yet a ground.
    """
    if f.level not in DOCTORAL:
        return _not_for_level(ctx, "h2", f.level)
    n = ctx.param("ktmu.status.phd_defence_fail_semesters")
    failed = sorted({s.idx for s in f.semesters if not s.passed})
    if len(failed) >= n:
        return _ground(ctx, "h2", count=len(failed), semesters=[_label(i) for i in failed])
    return _clear(ctx, "h2")


class ProgressSemester(SemesterFacts):
    status: Literal["APPROVED", "NOT_APPROVED", "NOT_SUBMITTED"]
    justified: bool = False


class ProgressReports(Facts):
    level: Level
    semesters: list[ProgressSemester]


@rule("KTMU-39(1)h-3")
def ground_h3_progress_reports(f: ProgressReports, ctx: Ctx) -> Outcome:
    """(h.3) «Жүйөөлүү себепсиз 2 семестр катары менен диссертациялык иштин жүрүшү тууралуу отчет тапшырбаса же отчету жактырылбаса».

    Doctoral/AI: FAIL (ground) only when in each of 2 consecutive semesters the progress report
    was missing without a justified reason or was not approved (the two may alternate; one
    unapproved report is not a ground — ERRATA 22).
    """
    if f.level not in DOCTORAL:
        return _not_for_level(ctx, "h3", f.level)
    n = ctx.param("ktmu.status.phd_progress_report_miss")
    bad = (s.idx for s in f.semesters if s.status == "NOT_APPROVED" or (s.status == "NOT_SUBMITTED" and not s.justified))
    run = consecutive_run(bad, n)
    if run:
        return _ground(ctx, "h3", limit=n, semesters=[_label(i) for i in run])
    return _clear(ctx, "h3")


class SuccessfulReports(Facts):
    level: Level
    semesters_left_in_max_period: int = Field(ge=0, description="Semesters left until the maximum period ends (external, A-34).")
    successful_reports: int = Field(ge=0)


@rule("KTMU-39(1)h-4")
def ground_h4_three_reports(f: SuccessfulReports, ctx: Ctx) -> Outcome:
    """(h.4) «Берилген максималдуу мөөнөттүн аякташына 1 семестр калганга чейин диссертациялык иши тууралуу ийгиликтүү 3 отчет тапшырбаса».

    Doctoral/AI: FAIL (ground) when 1 semester (or less) is left in the maximum period and fewer
    than 3 successful thesis reports were submitted.
    """
    if f.level not in DOCTORAL:
        return _not_for_level(ctx, "h4", f.level)
    need = ctx.param("ktmu.status.phd_min_successful_reports")
    lead = ctx.param("ktmu.status.phd_reports_lead_semesters")
    if f.semesters_left_in_max_period <= lead and f.successful_reports < need:
        return _ground(ctx, "h4", left=f.semesters_left_in_max_period, count=f.successful_reports, minimum=need)
    return _clear(ctx, "h4")


@rule("KTMU-39(1)h-5")
def ground_h5_research_practice_abroad(f: DeadlineSubmission, ctx: Ctx) -> Outcome:
    """(h.5) «Белгиленген мөөнөт ичинде чет өлкөдөн изилдөө практикасынан өтпөсө».

    Doctoral/AI: FAIL (ground) when the research practice abroad was not completed
    (``submitted_on`` = completion date) within the set period.
    """
    return _external_deadline(f, ctx, "h5", DOCTORAL)


@rule("KTMU-39(1)h-6")
def ground_h6_thesis_not_submitted(f: DeadlineSubmission, ctx: Ctx) -> Outcome:
    """(h.6) «Белгиленген мөөнөт ичинде диссертациялык ишин/көркөм өнөр чыгармасын тапшырбаса».

    Doctoral/AI: FAIL (ground) when the thesis / art work was not submitted within the set period.
    """
    return _external_deadline(f, ctx, "h6", DOCTORAL)


@rule("KTMU-39(1)h-7")
def ground_h7_publication_list(f: DeadlineSubmission, ctx: Ctx) -> Outcome:
    """(h.7) «Белгиленген мөөнөткө кошумча берилген мезгилдин ичинде … жарыяланган эмгектеринин тизмесин бербесе».

    Doctoral/AI: FAIL (ground) when the list of published works was not given within the
    additional period (``deadline`` = end of the additional period).
    """
    return _external_deadline(f, ctx, "h7", DOCTORAL)


class Predefence(Facts):
    level: Level
    result: Literal["PASSED", "FAILED"] | None = None


@rule("KTMU-39(1)h-8")
def ground_h8_predefence(f: Predefence, ctx: Ctx) -> Outcome:
    """(h.8) «Диссертациялык ишти алдын ала коргоо сынагын ийгиликсиз тапшыраса».

    Doctoral/AI: FAIL (ground) on a failed pre-defence exam (a single failure).
    """
    if f.level not in DOCTORAL:
        return _not_for_level(ctx, "h8", f.level)
    if f.result == "FAILED":
        return _ground(ctx, "h8")
    return _clear(ctx, "h8")


# --- (i), (j) -------------------------------------------------------------------------------


class DefenceOutcome(Facts):
    """A thesis defence and the art. 36 appeal."""

    level: Level
    defence_date: dt.date | None = None
    defence_passed: bool | None = None
    appeal_filed_on: dt.date | None = None
    appeal_outcome: Literal["PENDING", "FAIL_UPHELD", "REVERSED"] | None = None


@rule("KTMU-39(1)i-1")
def ground_i_defence(f: DefenceOutcome, ctx: Ctx) -> Outcome:
    """(i) «Диссертациялык ишти коргоо сынагынан өтпөсө».

    Master's only (ERRATA 21; PhD/AI: ground h.2). FAIL (ground) once the defence failed and
    either the art. 36 appeal upheld the failure or its 2-month window passed without an appeal;
    WARN while the window is open or the appeal is pending.
    """
    if f.level != "MA":
        return ctx.passed("ktmu.status.ground_i_doctoral", level=f.level)
    if f.defence_passed is not False or f.defence_date is None:
        return _clear(ctx, "i")
    months = ctx.param("ktmu.status.thesis_appeal_months")
    window_end = add_months(f.defence_date, int(months))
    if f.appeal_filed_on is not None and f.appeal_filed_on <= window_end:
        if f.appeal_outcome == "FAIL_UPHELD":
            return _ground(ctx, "i")
        if f.appeal_outcome == "REVERSED":
            return _clear(ctx, "i")
        return ctx.warn("ktmu.status.ground_i_appeal_pending")
    if ctx.as_of > window_end:
        return _ground(ctx, "i")
    return ctx.warn("ktmu.status.ground_i_window_open", due=window_end)


class Discipline(Facts):
    """The outcome of a disciplinary case (KTMU Instruction on Student Discipline, art. 42)."""

    penalty: Literal["NONE", "WARNING", "REPRIMAND", "SUSPENSION", "DISMISSAL"] = "NONE"


@rule("KTMU-39(1)j-1")
def ground_j_discipline(f: Discipline, ctx: Ctx) -> Outcome:
    """(j) «Тартип жазасынын негизинде окуудан чыгаруу жазасы берилсе». FAIL (ground) when the penalty is dismissal."""
    if f.penalty == "DISMISSAL":
        return _ground(ctx, "j")
    return _clear(ctx, "j")


# --- 39(2), 39(3) ----------------------------------------------------------------------------


class DismissalDecision(Facts):
    """The Institute Board's proposal and the Rector's order."""

    grounds: list[str] = Field(description="Grounds of art. 39(1) established (e.g. ['c']).")
    institute_board_proposal_on: dt.date | None = None
    rector_order_on: dt.date | None = None


@rule("KTMU-39(2)-1")
def dismissal_decision(f: DismissalDecision, ctx: Ctx) -> Outcome:
    """«Институттун башкаруу кеңеши окуудан чыгарууну сунуш кылса, ректордун буйругу менен студент университеттен чыгарылат».

    PASS (the student is dismissed) when a ground exists, the Institute Board proposed and the
    Rector ordered on or after the proposal; WARN when proposed and the order is pending; FAIL
    for an order without a ground or proposal, or before it.
    """
    if not f.grounds:
        return ctx.fail("ktmu.status.dismissal_no_ground")
    if f.institute_board_proposal_on is None:
        return ctx.fail("ktmu.status.dismissal_no_proposal")
    if f.rector_order_on is None:
        return ctx.warn("ktmu.status.dismissal_order_pending", proposed=f.institute_board_proposal_on)
    if f.rector_order_on < f.institute_board_proposal_on:
        return ctx.fail("ktmu.status.dismissal_order_before_proposal", proposed=f.institute_board_proposal_on, ordered=f.rector_order_on)
    return ctx.passed("ktmu.status.dismissed", proposed=f.institute_board_proposal_on, ordered=f.rector_order_on, grounds=f.grounds)


class TranscriptRequest(Facts):
    requested_on: dt.date
    issued_on: dt.date | None = None


@rule("KTMU-39(3)-1")
def transcript_after_dismissal(f: TranscriptRequest, ctx: Ctx) -> Outcome:
    """«Университеттен чыгарылган студенттин арызынын негизинде 2 апта ичинде … документ (транскрипт) берилет».

    PASS when the transcript is issued within 2 weeks (14 calendar days) of the request.
    """
    return deadline_check(
        ctx, key="ktmu.status.transcript", param="ktmu.status.transcript_weeks", unit="weeks",
        start=f.requested_on, done=f.issued_on,
    )


# --- batch ---------------------------------------------------------------------------------


class StudentStanding(Facts):
    """Everything the standing check needs for one student; absent parts are not evaluated."""

    student_id: str
    level: Level
    courses: list[CourseGrade] = Field(default_factory=list)
    coursework_semesters_used: int = 0
    all_required_courses_passed: bool = False
    withdrawal: Withdrawal | None = None
    originals: OriginalDocuments | None = None
    registrations: Registrations | None = None
    languages: LanguageProgress | None = None
    spp: SppProgress | None = None
    practice_reports: list[PracticeSemester] | None = None
    interim_reports: list[ReportSemester] | None = None
    thesis: DeadlineSubmission | None = None
    publication_list: DeadlineSubmission | None = None
    qualifying_exams: list[ExamSemester] | None = None
    defences: list[ExamSemester] | None = None
    progress_reports: list[ProgressSemester] | None = None
    successful_reports: SuccessfulReports | None = None
    research_practice_abroad: DeadlineSubmission | None = None
    predefence: Predefence | None = None
    defence: DefenceOutcome | None = None
    discipline: Discipline | None = None
    plagiarism: PlagiarismFinding | None = None


@dataclass
class StandingItem:
    """One student's standing: exact/shown CGPA, rule IDs of grounds found (FAIL) and to watch (WARN).

    ``outcomes()`` re-runs the per-ground rules to build the full explanations (lazily)."""

    student_id: str
    cgpa: Decimal | None
    cgpa_shown: Decimal | None
    grounds: list[str]
    watch: list[str]
    _checks: list[tuple[Callable[..., Outcome], Any]] = field(default_factory=list, repr=False)
    _as_of: dt.date | None = field(default=None, repr=False)

    @property
    def dismissal_ground(self) -> bool:
        return bool(self.grounds)

    def outcomes(self) -> list[Outcome]:
        """The per-ground outcomes with their explanations."""
        return [fn(facts, self._as_of) for fn, facts in self._checks]


_PART_TYPES: dict[str, Any] = {
    "withdrawal": Withdrawal,
    "originals": OriginalDocuments,
    "registrations": Registrations,
    "languages": LanguageProgress,
    "spp": SppProgress,
    "thesis": DeadlineSubmission,
    "publication_list": DeadlineSubmission,
    "successful_reports": SuccessfulReports,
    "research_practice_abroad": DeadlineSubmission,
    "predefence": Predefence,
    "defence": DefenceOutcome,
    "discipline": Discipline,
    "plagiarism": PlagiarismFinding,
}
_LIST_TYPES: dict[str, Any] = {
    "practice_reports": (PracticeReports, ground_g1_practice_reports),
    "interim_reports": (InterimReports, ground_g2_interim_reports),
    "qualifying_exams": (QualifyingExams, ground_h1_qualifying_exam),
    "defences": (DefenceSemesters, ground_h2_defence),
    "progress_reports": (ProgressReports, ground_h3_progress_reports),
}


def _part(raw: Any, name: str) -> Any:
    value = raw.get(name) if isinstance(raw, dict) else getattr(raw, name)
    if value is None or not isinstance(value, dict):
        return value
    return _PART_TYPES[name].model_validate(value)


def _checks(raw: Any, level: str, cgpa: Decimal | None) -> list[tuple[Callable[..., Outcome], Any]]:
    get = raw.get if isinstance(raw, dict) else (lambda k, d=None: getattr(raw, k, d))
    out: list[tuple[Callable[..., Outcome], Any]] = [
        (
            ground_f_coursework,
            CourseworkStanding.model_construct(
                level=level,
                coursework_semesters_used=get("coursework_semesters_used", 0),
                all_required_courses_passed=get("all_required_courses_passed", False),
                cgpa=cgpa,
            ),
        )
    ]
    ma = level == "MA"
    for name, fn in (
        ("withdrawal", ground_a_withdrawal),
        ("originals", ground_b_originals),
        ("registrations", ground_c_not_registered),
        ("languages", ground_d_languages),
        ("spp", ground_e_spp),
        ("thesis", ground_g3_thesis_not_submitted if ma else ground_h6_thesis_not_submitted),
        ("publication_list", ground_g4_publication_list if ma else ground_h7_publication_list),
        ("successful_reports", ground_h4_three_reports),
        ("research_practice_abroad", ground_h5_research_practice_abroad),
        ("predefence", ground_h8_predefence),
        ("defence", ground_i_defence),
        ("discipline", ground_j_discipline),
        ("plagiarism", plagiarism_established),
    ):
        facts = _part(raw, name)
        if facts is not None:
            out.append((fn, facts))
    for name, (model, fn) in _LIST_TYPES.items():
        semesters = get(name)
        if semesters is not None:
            out.append((fn, model.model_validate({"level": level, "semesters": semesters})))
    return out


class _Lite:
    __slots__ = ("value",)

    def __init__(self, value: Any) -> None:
        self.value = value


_MISSING = object()


class _FastCtx:
    """A Ctx stand-in for batches: cached parameters, no explanation objects."""

    def __init__(self, as_of: dt.date) -> None:
        from bilim.regulations.core.calendar import default_calendar

        self.as_of = as_of
        self.calendar = default_calendar()
        self._cache: dict[tuple[str, dt.date], Any] = {}

    def param(self, name: str, on: dt.date | None = None) -> Any:
        key = (name, on or self.as_of)
        value = self._cache.get(key, _MISSING)
        if value is _MISSING:
            value = self._cache[key] = _params.get(name, key[1]).value
        return value

    def result(self, value: Any, message_key: str, *, skipped: Any = (), **values: Any) -> _Lite:
        return _Lite(value)

    def passed(self, message_key: str, **values: Any) -> _Lite:
        return _Lite(Verdict.PASS)

    def warn(self, message_key: str, **values: Any) -> _Lite:
        return _Lite(Verdict.WARN)

    def fail(self, message_key: str, **values: Any) -> _Lite:
        return _Lite(Verdict.FAIL)


@rule("KTMU-32(9)-2", kind="batch")
def academic_standing_and_dismissal(students: Iterable[StudentStanding | dict[str, Any]], as_of: dt.date) -> list[StandingItem]:
    """Standing of every student on ``as_of``: CGPA (KTMU-32(9)) and every art. 39(1) ground for
    which facts are given. Plain function over a list (dicts of the :class:`StudentStanding` shape
    or models), no I/O; parameters are read once; each ground runs the rule's own logic with a
    light context, and ``item.outcomes()`` builds the explanations on demand."""
    coefs = _coefficients(as_of)
    display = _params.get("ktmu.grading.gpa_display", as_of).value
    fctx = _FastCtx(as_of)
    items: list[StandingItem] = []
    for raw in students:
        get = raw.get if isinstance(raw, dict) else (lambda k, d=None, r=raw: getattr(r, k, d))
        level = get("level")
        gpa = fast_cgpa(get("courses") or [], coefs, display)
        grounds: list[str] = []
        watch: list[str] = []
        checks = _checks(raw, str(level), gpa.exact)
        for fn, facts in checks:
            if _registry.LISTENERS:  # the test plugin's trace: this ground's rule was evaluated
                _registry._notify(fn.spec)  # type: ignore[attr-defined]
            value = fn.__wrapped__(facts, fctx).value  # type: ignore[attr-defined]
            if value is Verdict.FAIL:
                grounds.extend(fn.spec.ids)  # type: ignore[attr-defined]
            elif value is Verdict.WARN:
                watch.extend(fn.spec.ids)  # type: ignore[attr-defined]
        items.append(StandingItem(str(get("student_id")), gpa.exact, gpa.shown, grounds, watch, checks, as_of))
    return items
