"""Every OshSU student table of catalogue §4.1/§4.2 run by the app, step by step, through the services.

A file runs on the table its term, mode and scope choose: long-term external (§4.1), internal with a Kyrgyz host
(§4.2 "Internal"), distance (§4.2 "Distance", the stay is ``STUDYING_ONLINE``), short-term (§4.2). Each test walks a
file through its own table as the people named by the table would (student, IRD, dean's office, the rector's
office …) and asserts the state, the table the Transition rows were written on, and the refusals on the way.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from bilim.apps.mobility import models as m
from bilim.apps.mobility import services as svc
from bilim.apps.mobility.workflows import code_of
from bilim.apps.workflow.models import Transition
from bilim.apps.workflow.services import TransitionRefused

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 21)

EXTERNAL, DOMESTIC, VIRTUAL, SHORT = ("osu.student_outgoing", "osu.student_outgoing_domestic", "osu.student_outgoing_virtual",
                                      "osu.student_outgoing_short")
LONG_TABLES = (EXTERNAL, DOMESTIC, VIRTUAL)
ALL_TABLES = (*LONG_TABLES, SHORT)
STAY = {EXTERNAL: "ABROAD", DOMESTIC: "ABROAD", VIRTUAL: "STUDYING_ONLINE", SHORT: "ABROAD"}
RETURN_ACTION = {EXTERNAL: "return", DOMESTIC: "return", VIRTUAL: "end_online", SHORT: "return"}


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    monkeypatch.setattr(svc, "today", lambda: TODAY)


@pytest.fixture
def w(world):
    """The mobility world with a Kyrgyz partner (internal mobility, grades on the 100-point scale) and the summer term
    (the window of the spring distance-taught exams, OSU-4.8-FD-14)."""
    from bilim.apps.curriculum.models import AcademicYear, Term
    from bilim.apps.org.models import Institution

    world.knu = Institution.objects.create(code="knu", name_ky="Кыргыз улуттук университети", name_en="Kyrgyz National University", country="KG")
    m.Agreement.objects.create(partner=world.knu, kind=m.Agreement.Kind.MEMORANDUM, starts_on=dt.date(2024, 1, 1), funding_programme="OSH_DECLARATION")
    Term.objects.create(year=AcademicYear.objects.get(), kind="summer", starts_on=dt.date(2027, 7, 1), ends_on=dt.date(2027, 8, 20))
    return world


def pdf(name: str = "x.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"%PDF-1.4 test", content_type="application/pdf")


def host_of(w: Any, table: str) -> Any:
    return w.knu if table == DOMESTIC else w.partner


def new_file(w: Any, table: str, *, competitive: bool = False) -> m.StudentMobility:
    """A draft application that the app puts on ``table``."""
    host = host_of(w, table)
    call = None
    if competitive:
        call = w.call
        if host != call.host:
            m.Call.objects.filter(pk=call.pk).update(host=host, agreement=m.Agreement.objects.get(partner=host))
            call.refresh_from_db()
    start, end = (dt.date(2027, 3, 1), dt.date(2027, 3, 14)) if table == SHORT else (dt.date(2027, 2, 1), dt.date(2027, 6, 30))
    mob = svc.application_create(actor=w.users["student"], student=w.student, host=host, purpose="Study", language="Kyrgyz" if table == DOMESTIC else "Turkish",
                                 specialty="Mathematics", expected_funding="Programme", start_date=start, end_date=end, call=call,
                                 basis="INSTITUTIONAL_AGREEMENT" if competitive else "INDIVIDUAL_INVITATION",
                                 intended_disciplines="Lineer Cebir\nAnaliz", mode="DISTANCE" if table == VIRTUAL else "PHYSICAL")
    assert code_of(mob, "student") == table, (mob.term, mob.scope, mob.mode)
    return mob


def make_isp(w: Any, mob: m.StudentMobility, *, dlt: bool, dlt_semester: str = "SPRING") -> m.IspVersion:
    items: list[dict[str, Any]] = [
        {"kind": "HOST", "host_code": "H1", "title": "Lineer Cebir", "credits": Decimal("6"), "home_course": w.course},
        {"kind": "HOST", "host_code": "H2", "title": "Analiz", "credits": Decimal("10"), "home_course": w.course2},
    ]
    if dlt:
        items.append({"kind": "DLT", "title": "Кыргыз тили", "credits": Decimal("3"), "semester_kind": dlt_semester})
    return svc.isp_create_version(actor=w.users["dean_office"], mobility=mob, items=items)


def approve_isp(w: Any, isp: m.IspVersion) -> None:
    for user, step in (("programme_leader", "pl"), ("deputy_dean_academic", "vdaa"), ("dean_office", "dean"), ("ird_officer", "ird")):
        svc.isp_sign(actor=w.users[user], isp=isp, step=step, on=TODAY)


def grades(table: str, passed: bool) -> dict[str, str]:
    if table == DOMESTIC:  # a Kyrgyz host states points on the 100-point scale
        return {"grade": "85" if passed else "40", "grade_scale": "POINTS_100"}
    return {"grade": "BA" if passed else "FF", "grade_scale": "TR_4"}


def advance(w: Any, mob: m.StudentMobility, until: str, *, la: bool = True, dlt: bool = False, failed: Decimal = Decimal(0),
            gpa: Decimal = Decimal("3.40"), dlt_semester: str = "SPRING") -> None:
    """Walk the file through the services, as the table's actors, until it reaches ``until`` (or a final state).
    The route depends on the file: competition (a call) or not, learning agreement or not, failed host credits."""
    short = mob.term == "SHORT"
    u = w.users
    seen = Transition.objects.for_object(mob).order_by("-pk").values_list("pk", flat=True).first() or 0
    for _ in range(40):
        mob.refresh_from_db()
        s = mob.state
        # one service call may pass through several states (ranking, recognition): stop once ``until`` was entered
        if s == until or Transition.objects.for_object(mob).filter(pk__gt=seen, target=until, workflow=code_of(mob, "student")).exists():
            return
        if s == "DRAFT":
            svc.application_submit(actor=u["student"], mobility=mob)
        elif s == "APPLIED":
            for kind in ["PARENTAL_CONSENT", "HOME_TRANSCRIPT", "QUESTIONNAIRE", "MOTIVATION_LETTER", "CITIZENSHIP_DOC_COPY"]:
                svc.document_upload(actor=u["student"], mobility=mob, kind=kind, file=pdf())
            if not short:
                make_isp(w, mob, dlt=dlt, dlt_semester=dlt_semester)
            svc.documents_complete(actor=u["ird_officer"], mobility=mob)
        elif s == "DOCS_COMPLETE" and mob.call_id:
            svc.selection_score(actor=u["ird_officer"], mobility=mob, scores={"LANGUAGE": Decimal("80")}, gpa=gpa)
            if until == "IN_SELECTION":  # the selection opens on the ranking run: stop the file there
                svc.move(actor=u["ird_officer"], obj=mob, kind="student", target="IN_SELECTION")
            else:
                svc.call_rank(actor=u["ird_officer"], call=mob.call)
        elif s == "DOCS_COMPLETE":
            svc.select_individual(actor=u["ird_officer"], mobility=mob)
        elif s == "SELECTED":
            svc.nominate(actor=u["dean_office"], mobility=mob)
        elif s == "NOMINATED":
            svc.refer(actor=u["ird_officer"], mobility=mob)
        elif s == "REFERRED":
            svc.invite(actor=u["ird_officer"], mobility=mob, invitation=pdf("invitation.pdf"))
        elif s == "INVITED" and short:
            svc.departure_order_issue(actor=u["rector_office"], mobility=mob, number=f"D-{mob.pk}", date=TODAY)
        elif s == "INVITED":
            approve_isp(w, svc.current_isp(mob))
            svc.isp_approved(actor=u["ird_officer"], mobility=mob)
        elif s == "ISP_APPROVED" and la:
            svc.la_sign(actor=u["ird_officer"], mobility=mob, student_on=TODAY, home_on=TODAY, host_on=TODAY)
        elif s in ("ISP_APPROVED", "LA_SIGNED"):
            svc.brief(actor=u["deputy_dean_ir"], mobility=mob)
        elif s == "BRIEFED":
            svc.departure_order_issue(actor=u["rector_office"], mobility=mob, number=f"D-{mob.pk}", date=TODAY)
        elif s == "ORDER_ISSUED":
            svc.depart(actor=u["ird_officer"], mobility=mob)
        elif s in ("ABROAD", "STUDYING_ONLINE"):
            svc.return_order_issue(actor=u["rector_office"], mobility=mob, number=f"R-{mob.pk}", returned_on=mob.end_date + dt.timedelta(days=1))
        elif s == "RETURNED":
            kinds = ["PARTICIPATION_CERTIFICATE"] if short else ["HOST_TRANSCRIPT", "STUDY_CERTIFICATE"]
            for kind in kinds:
                svc.document_upload(actor=u["student"], mobility=mob, kind=kind, file=pdf())
            svc.results_documents_submit(actor=u["dean_office"], mobility=mob, submitted_on=mob.end_date + dt.timedelta(days=10))
        elif s == "DOCS_RETURNED" and short:
            svc.academic_close(actor=u["dean_office"], mobility=mob)
        elif s == "DOCS_RETURNED":
            table = code_of(mob, "student")
            for item in svc.current_isp(mob).items.filter(kind="HOST"):
                fail = failed > 0
                credits = failed if fail else item.credits
                failed = Decimal(0)
                r = svc.host_result_add(actor=u["dean_office"], mobility=mob, title=item.title, host_code=item.host_code, credits=credits,
                                        outcome="UNSATISFACTORY" if fail else "PASSED", isp_item=item, **grades(table, not fail))
                if fail:
                    svc.recognition_decide(actor=u["dean_office"], host_result=r, decision="REFUSED", reason="Unsatisfactory at the host")
                else:
                    svc.recognition_decide(actor=u["dean_office"], host_result=r, decision="RECOGNISED", home_course=item.home_course)
            svc.recognition_close(actor=u["dean_office"], mobility=mob)
        elif s == "RETAKE_PENDING":
            svc.retake_passed(actor=u["dean_office"], mobility=mob, paid_on=dt.date(2027, 7, 20))
        elif s == "HOST_RESULTS_CLEAR":
            if mob.dlt_state == "DLT_EXAMS":
                for item in svc.current_isp(mob).items.filter(kind="DLT"):
                    svc.dlt_result_record(actor=u["dean_office"], item=item, exam_on=dt.date(2027, 7, 15), score=Decimal(82), passed=True)
                svc.dlt_close(actor=u["dean_office"], mobility=mob)
            svc.academic_close(actor=u["dean_office"], mobility=mob)
        elif s == "ACADEMIC_CLOSED":
            svc.mobility_close(actor=u["ird_officer"], mobility=mob, report_text="Appendix 4", interview_on=mob.end_date + dt.timedelta(days=20))
        else:
            raise AssertionError(f"the walk stopped in {s} before {until}")
    raise AssertionError(f"no way to {until}")


def steps_of(mob: m.StudentMobility, table: str) -> list[tuple[str, str]]:
    return [(t.source, t.action) for t in Transition.objects.for_object(mob).filter(workflow=table)]


# --- the whole process, on each table ---------------------------------------------------------------------------------------


@pytest.mark.workflow(*LONG_TABLES, "osu.student_outgoing_dlt")
@pytest.mark.rule("OSU-1.3.2-1", "OSU-1.3.4-1", "OSU-4.8-FD-6", "OSU-4.8-FD-14", "OSU-4.8-STU-17")
@pytest.mark.rule_table("OSU-1.3.2-2")  # driven here, evaluated elsewhere
@pytest.mark.parametrize("table", LONG_TABLES)
def test_long_term_file_in_competition_with_learning_agreement_and_summer_retake(w, table):
    """Competition → LA → briefing → order → the stay → return → recognition with 6 failed host credits → the
    paid summer retake → the free distance-taught exam → closed. Every step is written on the file's own table."""
    mob = new_file(w, table, competitive=True)
    advance(w, mob, "SELECTED", dlt=True)
    assert mob.rank == 1 and mob.quota_taken
    advance(w, mob, "ORDER_ISSUED", dlt=True)
    assert mob.departure_order is not None and mob.departure_order.body.kind == "rector_office"
    advance(w, mob, STAY[table], dlt=True)
    advance(w, mob, "RETURNED", dlt=True)
    assert mob.dlt_state == "DLT_EXAMS"  # the distance-taught exams open at the return, in parallel (ERRATA 8)
    advance(w, mob, "RECOGNISED", failed=Decimal(6), dlt=True)
    mob.refresh_from_db()
    assert mob.state == "RETAKE_PENDING" and mob.failed_credits == Decimal(6) and mob.failed_credits_decision == "PAID_SUMMER_RETAKE"
    advance(w, mob, "HOST_RESULTS_CLEAR", dlt=True)
    with pytest.raises(TransitionRefused):  # the join waits for the distance-taught exams (ERRATA 8)
        svc.academic_close(actor=w.users["dean_office"], mobility=mob)
    with pytest.raises(TransitionRefused) as e:  # no report, no interview (OSU-4.8-STU-17) — and not before the join
        svc.mobility_close(actor=w.users["ird_officer"], mobility=mob, report_text="", interview_on=None)
    advance(w, mob, "CLOSED", dlt=True)
    assert mob.dlt_state == "DLT_PASSED"
    steps = steps_of(mob, table)
    assert steps == [
        ("DRAFT", "apply"), ("APPLIED", "documents_complete"), ("DOCS_COMPLETE", "open_selection"), ("IN_SELECTION", "select"),
        ("SELECTED", "nominate"), ("NOMINATED", "refer"), ("REFERRED", "invitation_received"), ("INVITED", "isp_submitted"),
        ("ISP_APPROVED", "sign_la"), ("LA_SIGNED", "brief"), ("BRIEFED", "issue_order"), ("ORDER_ISSUED", "start"),
        (STAY[table], RETURN_ACTION[table]), ("RETURNED", "documents_returned"), ("DOCS_RETURNED", "recognise"),
        ("RECOGNISED", "open_retake"), ("RETAKE_PENDING", "retakes_passed"), ("HOST_RESULTS_CLEAR", "academic_close"),
        ("ACADEMIC_CLOSED", "close"),
    ]
    assert not Transition.objects.for_object(mob).exclude(workflow__in=[table, "osu.student_outgoing_dlt"]).exists()
    assert e.value.code in ("invalid", "guard")


@pytest.mark.workflow(*LONG_TABLES, "osu.student_outgoing_dlt")
@pytest.mark.rule("OSU-4.8-IRD-9", "OSU-4.8-FD-5")
@pytest.mark.parametrize("table", LONG_TABLES)
def test_long_term_file_by_individual_invitation_without_learning_agreement(w, table):
    """No competition (the GPA only warns, ERRATA 12), no learning agreement (briefing straight after the ISP),
    no failed host credit, no distance-taught discipline: the DLT track is passed through."""
    mob = new_file(w, table)
    m.StudentMobility.objects.filter(pk=mob.pk).update(gpa=Decimal("2.90"))
    advance(w, mob, "SELECTED", la=False)
    tr = Transition.objects.for_object(mob).get(target="SELECTED")
    assert tr.action == "select_non_competitive" and any("OSU-4.8-IRD-9" in e.rule_ids and e.result == "WARN" for e in tr.explanations())
    advance(w, mob, "RETURNED", la=False)
    assert mob.dlt_state == "NO_DLT_DISCIPLINES"
    advance(w, mob, "CLOSED", la=False)
    steps = steps_of(mob, table)
    assert ("DOCS_COMPLETE", "select_non_competitive") in steps and ("ISP_APPROVED", "brief_without_la") in steps
    assert ("RECOGNISED", "host_results_clear") in steps and mob.failed_credits == 0
    assert ("DLT_EXAMS", "none_to_take") in steps_of(mob, "osu.student_outgoing_dlt")


@pytest.mark.workflow(SHORT, "osu.student_outgoing_dlt")
@pytest.mark.rule("OSU-1.3.5-2", "OSU-1.3.5-3", "OSU-4.8-STU-22")
@pytest.mark.parametrize("competitive", [True, False])
def test_short_term_file_on_its_own_table(w, competitive):
    """A short stay: no ISP, the order straight after the invitation, no recognition (§4.2)."""
    mob = new_file(w, SHORT, competitive=competitive)
    advance(w, mob, "CLOSED")
    steps = steps_of(mob, SHORT)
    assert ("INVITED", "issue_order") in steps and ("DOCS_RETURNED", "academic_close") in steps
    assert ("DOCS_COMPLETE", "open_selection" if competitive else "select_non_competitive") in steps
    assert not mob.isp_versions.exists() and mob.state == "CLOSED"


# --- the ends before the stay, on each table ----------------------------------------------------------------------------------


@pytest.mark.workflow(*ALL_TABLES)
@pytest.mark.parametrize("table", ALL_TABLES)
def test_student_cancels_the_application(w, table):
    mob = new_file(w, table)
    advance(w, mob, "APPLIED")
    svc.application_cancel(actor=w.users["student"], mobility=mob, reason="Changed my mind")
    mob.refresh_from_db()
    assert mob.state == "CANCELLED" and steps_of(mob, table)[-1] == ("APPLIED", "cancel")


@pytest.mark.workflow(*ALL_TABLES)
@pytest.mark.rule("OSU-4.8-IRD-9", "OSU-4.8-FD-2")
@pytest.mark.parametrize("table", ALL_TABLES)
def test_gpa_not_above_three_is_not_selected_in_a_competition(w, table):
    mob = new_file(w, table, competitive=True)
    advance(w, mob, "NOT_SELECTED", gpa=Decimal("3.00"))
    tr = Transition.objects.for_object(mob).last()
    assert (tr.workflow, tr.source, tr.action) == (table, "IN_SELECTION", "not_select")
    assert any("OSU-4.8-IRD-9" in e.rule_ids and e.result == "FAIL" for e in tr.explanations())
    w.call.refresh_from_db()
    assert w.call.quota_used == 0


WITHDRAW_FROM = {
    EXTERNAL: ("NOMINATED", "REFERRED", "INVITED", "ISP_APPROVED", "LA_SIGNED", "BRIEFED"),
    SHORT: ("NOMINATED", "REFERRED", "INVITED"),
}
WITHDRAW_CASES = [(t, s) for t in ALL_TABLES for s in WITHDRAW_FROM[SHORT if t == SHORT else EXTERNAL]]


@pytest.mark.workflow(*ALL_TABLES)
@pytest.mark.rule("OSU-4.8-IRD-13")
@pytest.mark.parametrize(("table", "state"), WITHDRAW_CASES)
def test_withdrawal_before_the_order_frees_the_place(w, table, state):
    mob = new_file(w, table, competitive=True)
    advance(w, mob, state)
    w.call.refresh_from_db()
    assert w.call.quota_used == 1
    with pytest.raises(ValidationError) as e:  # a withdrawal needs its reason; nothing changes without it
        svc.withdraw(actor=w.users["student"], mobility=mob, reason=" ")
    assert "reason" in e.value.message_dict
    mob.refresh_from_db()
    assert mob.state == state
    svc.withdraw(actor=w.users["student"], mobility=mob, reason="Family reasons")
    mob.refresh_from_db()
    w.call.refresh_from_db()
    assert mob.state == "WITHDRAWN" and w.call.quota_used == 0 and steps_of(mob, table)[-1] == (state, "withdraw")


@pytest.mark.workflow(*ALL_TABLES)
@pytest.mark.parametrize("table", ALL_TABLES)
def test_host_declines_the_referred_student(w, table):
    mob = new_file(w, table, competitive=True)
    advance(w, mob, "REFERRED")
    with pytest.raises(PermissionDenied):  # the student cannot record the host's refusal
        svc.host_decline(actor=w.users["student"], mobility=mob, reason="x")
    svc.host_decline(actor=w.users["ird_officer"], mobility=mob, reason="No place in the programme")
    mob.refresh_from_db()
    w.call.refresh_from_db()
    assert mob.state == "HOST_DECLINED" and w.call.quota_used == 0
    assert steps_of(mob, table)[-1] == ("REFERRED", "host_declines")


@pytest.mark.workflow(*LONG_TABLES)
@pytest.mark.rule("OSU-4.8-FD-5")
@pytest.mark.parametrize("table", LONG_TABLES)
def test_more_than_fifteen_failed_host_credits_open_the_expulsion_procedure(w, table):
    mob = new_file(w, table)
    advance(w, mob, "RECOGNISED", failed=Decimal(16))
    mob.refresh_from_db()
    assert mob.state == "EXPULSION_PROCEDURE" and mob.failed_credits == Decimal(16)
    tr = Transition.objects.for_object(mob).last()
    assert (tr.workflow, tr.action) == (table, "open_expulsion") and any("OSU-4.8-FD-5" in e.rule_ids for e in tr.explanations())


@pytest.mark.workflow(VIRTUAL)
@pytest.mark.rule_table("OSU-1.3.2-2")  # driven here, evaluated elsewhere
def test_a_distance_file_never_goes_abroad(w):
    """The distance table has no ``ABROAD``: the stay is online, and the return order ends it (``end_online``)."""
    mob = new_file(w, VIRTUAL)
    advance(w, mob, "ORDER_ISSUED", la=False)
    svc.depart(actor=w.users["ird_officer"], mobility=mob)
    mob.refresh_from_db()
    assert mob.state == "STUDYING_ONLINE"
    with pytest.raises(TransitionRefused):
        svc.move(actor=w.users["ird_officer"], obj=mob, kind="student", target="ABROAD")


# --- the parallel track of the distance-taught exams (ERRATA 8) -------------------------------------------------------------


@pytest.mark.workflow("osu.student_outgoing_dlt", EXTERNAL)
@pytest.mark.rule("OSU-4.8-FD-14", "OSU-4.8-STU-10")
def test_fall_exam_without_window_goes_to_the_dean_and_an_unpassed_exam_is_a_debt_until_closed(w):
    """A stay covering the first month of spring leaves a fall distance-taught discipline without its window: the file
    is flagged to the dean (not failed), the dean sets the date; the exam not passed is an academic debt under the home
    rules — the tracks join only once it is closed (a date is required for each fact)."""
    u = w.users
    mob = new_file(w, EXTERNAL)
    advance(w, mob, "RETURNED", dlt=True, dlt_semester="FALL")
    assert mob.dlt_state == "DLT_EXAMS"
    with pytest.raises(PermissionDenied):  # the student cannot flag the file
        svc.dlt_flag_no_window(actor=u["student"], mobility=mob)
    svc.dlt_flag_no_window(actor=u["dean_office"], mobility=mob)
    mob.refresh_from_db()
    tr = Transition.objects.for_object(mob).last()
    assert mob.dlt_state == "FLAGGED_TO_DEAN" and tr.action == "flag_no_window"
    assert [e.message_key for e in tr.explanations() if "OSU-4.8-FD-14" in e.rule_ids] == ["osu.dlt_exam.away_no_window"]
    with pytest.raises(ValidationError):  # the dean's date is a fact: none given, nothing moves
        svc.dlt_schedule(actor=u["dean_office"], mobility=mob, exams_on=None)
    svc.dlt_schedule(actor=u["dean_office"], mobility=mob, exams_on=dt.date(2027, 7, 10))
    mob.refresh_from_db()
    assert mob.dlt_state == "DLT_EXAMS" and Transition.objects.for_object(mob).last().reason == "DLT exams: 2027-07-10"
    item = svc.current_isp(mob).items.get(kind="DLT")
    svc.dlt_result_record(actor=u["dean_office"], item=item, exam_on=dt.date(2027, 7, 10), score=Decimal(35), passed=False)
    svc.dlt_close(actor=u["dean_office"], mobility=mob)
    mob.refresh_from_db()
    assert mob.dlt_state == "DLT_DEBT"
    advance(w, mob, "HOST_RESULTS_CLEAR")
    with pytest.raises(TransitionRefused):  # the debt blocks the join (ERRATA 8)
        svc.academic_close(actor=u["dean_office"], mobility=mob)
    with pytest.raises(TransitionRefused):  # still a debt: the track cannot be closed as passed
        svc.dlt_close(actor=u["dean_office"], mobility=mob)
    with pytest.raises(ValidationError):
        svc.dlt_debt_clear(actor=u["dean_office"], item=item, cleared_on=None)
    svc.dlt_debt_clear(actor=u["dean_office"], item=item, cleared_on=dt.date(2027, 8, 15))
    svc.dlt_close(actor=u["dean_office"], mobility=mob)
    mob.refresh_from_db()
    assert mob.dlt_state == "DLT_PASSED"
    assert [(t.source, t.action) for t in Transition.objects.for_object(mob).filter(workflow="osu.student_outgoing_dlt")] == [
        ("DLT_EXAMS", "flag_no_window"), ("FLAGGED_TO_DEAN", "schedule"), ("DLT_EXAMS", "not_passed"), ("DLT_DEBT", "debt_cleared")]
    svc.academic_close(actor=u["dean_office"], mobility=mob)
    mob.refresh_from_db()
    assert mob.state == "ACADEMIC_CLOSED"


@pytest.mark.rule("OSU-4.8-FD-14")
def test_a_discipline_with_its_window_is_not_flagged(w):
    mob = new_file(w, EXTERNAL)
    advance(w, mob, "RETURNED", dlt=True, dlt_semester="SPRING")  # spring exams: the summer semester, after the return
    with pytest.raises(TransitionRefused) as e:
        svc.dlt_flag_no_window(actor=w.users["dean_office"], mobility=mob)
    assert any("OSU-4.8-FD-14" in x.rule_ids for x in e.value.explanations)
    mob.refresh_from_db()
    assert mob.dlt_state == "DLT_EXAMS"


# --- the tables as the engine sees them: labels, the rector's-office queue, a body's decision firing the step ----------------


def test_every_state_and_action_of_every_oshsu_table_has_words():
    from bilim.apps.workflow.labels import missing_labels
    from bilim.regulations.workflows.oshsu import WORKFLOW_CODES

    assert {code: missing_labels(code) for code in WORKFLOW_CODES} == {code: [] for code in WORKFLOW_CODES}


@pytest.mark.parametrize(("lang", "word"), [("ky", "Орунда"), ("ru", "На месте"), ("tr", "Yerinde")])
def test_labels_are_translated(lang, word):
    from django.utils import translation

    from bilim.apps.workflow.labels import action_label, state_label

    with translation.override(lang):
        assert word in state_label("osu.staff_incoming", "ON_SITE")
        assert action_label("osu.student_outgoing_virtual", "end_online") != "End online"


def _rector_office(institution):  # noqa: ANN001, ANN202
    from bilim.apps.governance.models import Body

    return Body.objects.create(institution=institution, kind=Body.Kind.RECTOR_OFFICE, code="rector-office", name_ky="Ректордун аппараты",
                               name_en="Rector's office")


def test_a_file_waits_in_the_rectors_queue_of_its_own_table_only(w):
    from bilim.apps.org.models import Institution
    from bilim.apps.workflow.selectors import pending_for_body

    files = {}
    for table in ALL_TABLES:
        mob = new_file(w, table)
        advance(w, mob, "INVITED" if table == SHORT else "BRIEFED")
        files[table] = mob
    body = _rector_office(w.oshsu)
    queue = [(p.workflow_code, p.obj.pk, p.step.action) for p in pending_for_body(body)]
    assert sorted(queue) == sorted((t, files[t].pk, "issue_order") for t in ALL_TABLES)
    other = _rector_office(Institution.objects.create(code="other", name_ky="Башка", name_en="Other", country="KG", is_home=True))
    assert list(pending_for_body(other)) == []  # another university's rector sees none of them


@pytest.mark.workflow(DOMESTIC, VIRTUAL)
@pytest.mark.rule("OSU-4.8-STU-5")
@pytest.mark.rule_table("OSU-1.4-2")  # driven here, evaluated elsewhere
@pytest.mark.parametrize("table", [DOMESTIC, VIRTUAL])
def test_the_rectors_adopted_order_fires_the_departure_and_return_steps(w, table):
    """The governance app fires a waiting step with the adopted decision (``perform_step``): the app's own service
    judges it (composite gate OSU-4.8-STU-5) and records the decision as the file's order."""
    from django.utils import timezone

    from bilim.apps.governance.models import Decision
    from bilim.apps.workflow.registry import perform_step

    mob = new_file(w, table)
    advance(w, mob, "BRIEFED")
    body = _rector_office(w.oshsu)

    def order(number: str, day: dt.date) -> Decision:
        return Decision.objects.create(body=body, number=number, date=day, title="order", subject_type="mobility.studentmobility",
                                       subject_id=str(mob.pk), status=Decision.Status.ADOPTED, adopted_at=timezone.now())

    draft = Decision.objects.create(body=body, number="0", date=TODAY, title="draft", subject_type="mobility.studentmobility", subject_id=str(mob.pk))
    with pytest.raises(TransitionRefused):  # a draft is not an order
        perform_step(obj=mob, workflow_code=table, action="issue_order", actor=w.users["rector_office"], decision=draft)
    d = order("15-МБ", TODAY)
    tr = perform_step(obj=mob, workflow_code=table, action="issue_order", actor=w.users["rector_office"], decision=d)
    mob.refresh_from_db()
    assert mob.state == "ORDER_ISSUED" and mob.departure_order == d and tr.decision == d and tr.workflow == table
    assert any("OSU-4.8-STU-5" in e.rule_ids for e in tr.explanations())
    svc.depart(actor=w.users["ird_officer"], mobility=mob)
    back = order("40-МБ", dt.date(2027, 7, 1))
    tr = perform_step(obj=mob, workflow_code=table, action=RETURN_ACTION[table], actor=w.users["rector_office"], decision=back)
    mob.refresh_from_db()
    assert mob.state == "RETURNED" and mob.return_order == back and mob.returned_on == dt.date(2027, 7, 1)
    assert (tr.source, tr.action) == (STAY[table], RETURN_ACTION[table])
