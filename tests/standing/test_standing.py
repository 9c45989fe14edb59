"""KTMU-W-17 … W-20 driven through the one transition service, with personas; the semester check through the
database task backend and its worker."""

from __future__ import annotations

import datetime as dt
import json
from types import SimpleNamespace

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import IntegrityError
from django.test import Client

from bilim.apps.people.models import Student
from bilim.apps.postgrad.models import DisciplinaryCase
from bilim.apps.standing import checks
from bilim.apps.standing import models as m
from bilim.apps.standing import services as svc
from bilim.apps.workflow.labels import missing_labels
from bilim.apps.workflow.services import TransitionRefused
from bilim.regulations.core.registry import evaluate

TODAY = dt.date.today()
D = dt.timedelta
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def pdf() -> SimpleUploadedFile:
    return SimpleUploadedFile("doc.pdf", PDF, content_type="application/pdf")


def client(user: object) -> Client:
    c = Client(raise_request_exception=False)
    c.force_login(user)  # type: ignore[arg-type]
    return c


def status_of(student: Student) -> str:
    return Student.objects.get(pk=student.pk).status


def test_every_state_and_action_has_a_label() -> None:
    for code in ("KTMU-W-17", "KTMU-W-18", "KTMU-W-19", "KTMU-W-20"):
        assert missing_labels(code) == []


# --- W-17 ------------------------------------------------------------------------------------------------------------


@pytest.mark.workflow("W-17")
@pytest.mark.rule("KTMU-37(1)-1", "KTMU-37(4)-1", "KTMU-37(5)-1", "KTMU-37(6)-1")
def test_leave_in_time_decided_notified_exam_void_and_ended(st: SimpleNamespace) -> None:
    lv = svc.leave_apply(actor=st.student_user, student=st.student, kind="justified", reason="Death of my father",
                         reason_arose_on=TODAY - D(days=15), starts_on=TODAY, ends_on=TODAY + D(days=10), document=pdf())
    assert lv.state == "LEAVE_REQUESTED"  # day 15 is still within the limit
    svc.leave_step(actor=st.pg.secretary, leave=lv, action="decide", decision=st.decide(st.board, lv))
    lv.refresh_from_db()
    assert lv.state == "ON_LEAVE" and status_of(st.student) == Student.Status.ACTIVE  # a short leave keeps the status
    svc.leave_step(actor=st.pg.officer, leave=lv, action="notify_instructors")
    lv.refresh_from_db()
    assert lv.notified  # the instructors of the offering and the supervisor slot
    with pytest.raises(TransitionRefused) as exc:  # a day outside the leave: nothing to void
        svc.leave_step(actor=None, leave=lv, action="exam_sat_during_leave", event_date=TODAY + D(days=11))
    assert "KTMU-37(5)-1" in exc.value.explanations[0].rule_ids
    svc.leave_step(actor=None, leave=lv, action="exam_sat_during_leave", event_date=TODAY + D(days=10))  # last day included
    lv.refresh_from_db()
    assert lv.voided_events == [{"date": (TODAY + D(days=10)).isoformat(), "event": "EXAM"}]
    assert svc.event_validity(st.student, TODAY + D(days=2)).value == "VOID"
    svc.leave_step(actor=None, leave=lv, action="leave_ends")
    lv.refresh_from_db()
    assert lv.state == "ACTIVE" and lv.closed


@pytest.mark.rule("KTMU-37(7)-1")
def test_late_leave_refused_with_its_article_and_nothing_written(st: SimpleNamespace) -> None:
    with pytest.raises(TransitionRefused) as exc:
        svc.leave_apply(actor=st.student_user, student=st.student, kind="justified", reason="Flood", reason_arose_on=TODAY - D(days=16),
                        starts_on=TODAY, ends_on=TODAY + D(days=3), document=pdf())
    assert any("KTMU-37(7)-1" in e.rule_ids or "KTMU-37(1)-1" in e.rule_ids for e in exc.value.explanations)
    assert exc.value.messages("ky")[0]
    assert not m.Leave.objects.exists()
    # someone else's file: refused
    with pytest.raises(PermissionDenied):
        svc.leave_apply(actor=st.other_user, student=st.student, kind="justified", reason="x", reason_arose_on=TODAY,
                        starts_on=TODAY, ends_on=TODAY)


@pytest.mark.workflow("W-17")
@pytest.mark.rule("KTMU-37(2)-1", "KTMU-37(2)-2", "KTMU-37(3)-1")
def test_board_refuses_grants_study_leave_and_exchange_permission(st: SimpleNamespace) -> None:
    lv = svc.leave_apply(actor=st.student_user, student=st.student, kind="justified", reason="Earthquake", reason_arose_on=TODAY,
                         starts_on=TODAY, ends_on=TODAY + D(days=3), document=pdf())
    svc.leave_step(actor=st.pg.secretary, leave=lv, action="reject", decision=st.decide(st.board, lv))
    lv.refresh_from_db()
    assert lv.state == "ACTIVE" and lv.closed
    study = svc.leave_apply(actor=st.student_user, student=st.student, kind="study", reason="Semester in Ankara", country="tr",
                            under_agreement=True, starts_on=TODAY, ends_on=TODAY + D(days=120))
    with pytest.raises(TransitionRefused):  # the board has not said whether the time counts (37(2)-2)
        svc.leave_step(actor=st.pg.secretary, leave=study, action="study_leave", decision=st.decide(st.board, study))
    svc.leave_step(actor=st.pg.secretary, leave=study, action="study_leave", decision=st.decide(st.board, study), counts_toward_duration=False)
    study.refresh_from_db()
    assert study.state == "ON_LEAVE" and study.counts_toward_duration is False
    ex = svc.leave_apply(actor=st.other_user, student=st.student3, kind="exchange", reason="Exchange", rectorate_decision_ref="R-12",
                         starts_on=TODAY, ends_on=TODAY + D(days=90))
    with pytest.raises(TransitionRefused):  # no skill programme prepared by the FoS management
        svc.leave_step(actor=st.pg.secretary, leave=ex, action="academic_permission", decision=st.decide(st.board, ex))
    m.Leave.objects.filter(pk=ex.pk).update(skill_programme_ready=True)
    ex.refresh_from_db()
    with pytest.raises(TransitionRefused):  # without the board's decision the engine refuses (body authority)
        svc.leave_step(actor=st.pg.secretary, leave=ex, action="academic_permission")
    svc.leave_step(actor=st.pg.secretary, leave=ex, action="academic_permission", decision=st.decide(st.board, ex))
    ex.refresh_from_db()
    assert ex.state == "ON_LEAVE"


# --- W-18 ------------------------------------------------------------------------------------------------------------


@pytest.mark.workflow("W-18")
@pytest.mark.rule("KTMU-38(1)c-1", "KTMU-38(1)a-1", "KTMU-38(1)a-2", "KTMU-38(1)d-1", "KTMU-38(4)-1", "KTMU-38(5)-1")
def test_health_leave_decided_status_follows_and_return(st: SimpleNamespace) -> None:
    adm = TODAY - D(days=40)
    acl = svc.acleave_apply(actor=st.student_user, student=st.student, reason="health", statement="Surgery", starts_on=TODAY,
                            ends_on=TODAY + D(days=150), semesters=1, sick_sheet_opened_on=TODAY - D(days=7),
                            hospital_admitted_on=adm, hospital_discharged_on=adm + D(days=27), document=pdf())
    assert acl.state == "HEALTH_DOCS_IN"  # day 7 is within the limit
    svc.acleave_step(actor=st.pg.secretary, leave=acl, action="decide", decision=st.decide(st.board, acl))
    acl.refresh_from_db()
    assert acl.state == "ACADEMIC_LEAVE_HEALTH"
    assert status_of(st.student) == Student.Status.ACADEMIC_LEAVE  # written by the ON_MOVE hook in the same transaction
    assert svc.event_blocked(st.student, TODAY + D(days=5)).value.name == "FAIL"
    svc.acleave_step(actor=None, leave=acl, action="activity_attempt", event_date=TODAY + D(days=5), event="DEFENCE")
    with pytest.raises(TransitionRefused):  # the board ends it only after the student reported recovery
        svc.acleave_step(actor=st.pg.secretary, leave=acl, action="recovered", decision=st.decide(st.board, acl))
    svc.acleave_report_return(actor=st.student_user, leave=acl, returned_on=TODAY)
    svc.acleave_step(actor=st.pg.secretary, leave=acl, action="recovered", decision=st.decide(st.board, acl))
    acl.refresh_from_db()
    assert acl.state == "ACTIVE" and acl.closed and status_of(st.student) == Student.Status.ACTIVE


@pytest.mark.workflow("W-18")
@pytest.mark.rule("KTMU-38(1)a-1", "KTMU-38(1)c-1")
def test_health_boundaries_27_days_and_8_days_late(st: SimpleNamespace) -> None:
    adm = TODAY - D(days=40)
    with pytest.raises(TransitionRefused) as exc:  # documents on day 8: not accepted
        svc.acleave_apply(actor=st.student_user, student=st.student, reason="health", statement="x", starts_on=TODAY, ends_on=TODAY,
                          sick_sheet_opened_on=TODAY - D(days=8), hospital_admitted_on=adm, hospital_discharged_on=adm + D(days=27))
    assert "KTMU-38(1)c-1" in exc.value.explanations[0].rule_ids and not m.AcademicLeave.objects.exists()
    acl = svc.acleave_apply(actor=st.student_user, student=st.student, reason="health", statement="x", starts_on=TODAY, ends_on=TODAY,
                            sick_sheet_opened_on=TODAY, hospital_admitted_on=adm, hospital_discharged_on=adm + D(days=26), document=pdf())
    with pytest.raises(TransitionRefused) as exc:  # 27 days counted inclusively: short of 4 weeks
        svc.acleave_step(actor=st.pg.secretary, leave=acl, action="decide", decision=st.decide(st.board, acl))
    assert "KTMU-38(1)a-1" in exc.value.explanations[0].rule_ids
    svc.acleave_step(actor=st.pg.secretary, leave=acl, action="reject", decision=st.decide(st.board, acl))
    acl.refresh_from_db()
    assert acl.state == "ACTIVE" and acl.closed and status_of(st.student) == Student.Status.ACTIVE


@pytest.mark.workflow("W-18")
@pytest.mark.rule("KTMU-38(1)b-1", "KTMU-38(2)a-1", "KTMU-38(2)a-2", "KTMU-38(2)b-1", "KTMU-38(2)c-1")
def test_childbirth_and_excused_leave(st: SimpleNamespace) -> None:
    with pytest.raises(TransitionRefused):  # 3 semesters for a birth: over the limit of 2
        svc.acleave_apply(actor=st.student_user, student=st.student, reason="childbirth", statement="Birth", starts_on=TODAY,
                          ends_on=TODAY + D(days=300), semesters=3, document=pdf())
    acl = svc.acleave_apply(actor=st.student_user, student=st.student, reason="childbirth", statement="Birth", starts_on=TODAY,
                            ends_on=TODAY + D(days=300), semesters=2, document=pdf())
    svc.acleave_step(actor=st.pg.secretary, leave=acl, action="childbirth", decision=st.decide(st.board, acl))
    acl.refresh_from_db()
    assert acl.state == "ACADEMIC_LEAVE_CHILDBIRTH" and status_of(st.student) == Student.Status.ACADEMIC_LEAVE
    svc.acleave_step(actor=None, leave=acl, action="activity_attempt", event_date=TODAY)
    svc.acleave_step(actor=st.pg.secretary, leave=acl, action="return", decision=st.decide(st.board, acl))
    assert status_of(st.student) == Student.Status.ACTIVE
    with pytest.raises(TransitionRefused) as exc:  # a job posting abroad is excluded (38(2)a-2)
        svc.acleave_apply(actor=st.student_user, student=st.student, reason="excused", excused_reason="JOB_POSTING_ABROAD", statement="x",
                          starts_on=TODAY, ends_on=TODAY + D(days=100), unforeseen=True, document=pdf())
    assert exc.value.explanations
    ex = svc.acleave_apply(actor=st.student_user, student=st.student, reason="excused", excused_reason="NATURAL_DISASTER", statement="Flood",
                           starts_on=TODAY, ends_on=TODAY + D(days=100), unforeseen=True, document=pdf())
    svc.acleave_step(actor=st.pg.secretary, leave=ex, action="excused_reason", decision=st.decide(st.board, ex))
    ex.refresh_from_db()
    assert ex.state == "ACADEMIC_LEAVE_EXCUSED"
    svc.acleave_step(actor=None, leave=ex, action="activity_attempt", event_date=TODAY + D(days=1))
    svc.acleave_report_return(actor=st.student_user, leave=ex)
    svc.acleave_step(actor=st.pg.secretary, leave=ex, action="resolved", decision=st.decide(st.board, ex))
    ex.refresh_from_db()
    assert ex.state == "ACTIVE" and status_of(st.student) == Student.Status.ACTIVE


@pytest.mark.workflow("W-18")
@pytest.mark.rule("KTMU-38(3)a-1", "KTMU-38(3)b-1")
def test_military_leave_return_and_renewal(st: SimpleNamespace) -> None:
    acl = svc.acleave_apply(actor=st.student_user, student=st.student, reason="military", statement="Call-up", starts_on=TODAY,
                            ends_on=TODAY + D(days=30), service_starts_on=TODAY, service_ends_on=TODAY + D(days=30), document=pdf())
    svc.acleave_step(actor=st.pg.secretary, leave=acl, action="military_service", decision=st.decide(st.board, acl))
    acl.refresh_from_db()
    assert acl.state == "ACADEMIC_LEAVE_MILITARY"
    svc.acleave_step(actor=None, leave=acl, action="activity_attempt", event_date=TODAY + D(days=3), event="QE")
    svc.acleave_report_return(actor=st.student_user, leave=acl, returned_on=TODAY, military_id_shown=True)
    svc.acleave_step(actor=st.pg.secretary, leave=acl, action="military_return", decision=st.decide(st.mgmt, acl))
    acl.refresh_from_db()
    assert acl.state == "RETURNING" and status_of(st.student) == Student.Status.ACTIVE
    with pytest.raises(PermissionDenied):
        svc.acleave_step(actor=st.other_user, leave=acl, action="renew_registration")
    svc.acleave_step(actor=st.student_user, leave=acl, action="renew_registration")
    acl.refresh_from_db()
    assert acl.state == "ACTIVE" and acl.closed


# --- W-19 ------------------------------------------------------------------------------------------------------------

GROUND_FACTS = {
    "KTMU-39(1)a-1": {"requested_on": TODAY},
    "KTMU-39(1)b-1": {"documents": [{"name": "diploma", "due_on": TODAY - D(days=30)}]},
    "KTMU-39(1)c-1": {"semesters": [{"academic_year": 2025, "term": "AUTUMN", "renewed": False},
                                    {"academic_year": 2025, "term": "SPRING", "renewed": False}]},
    "KTMU-39(1)d-1": {"compulsory_languages": 1, "exempted_languages": 0, "language_semesters_used": 2},
    "KTMU-39(1)e-1": {"spp_semesters_used": 2, "spp_completed": False},
    "KTMU-39(1)f-1": {"level": "MA", "coursework_semesters_used": 4, "all_required_courses_passed": False},
    "KTMU-39(1)g-1": {"level": "MA", "semesters": [{"academic_year": 2024, "term": "AUTUMN", "report_submitted": False},
                                                   {"academic_year": 2025, "term": "AUTUMN", "report_submitted": False}]},
    "KTMU-39(1)g-2": {"level": "MA", "semesters": [{"academic_year": 2025, "term": "AUTUMN", "submitted": False},
                                                   {"academic_year": 2025, "term": "SPRING", "submitted": False}]},
    "KTMU-39(1)g-3": {"level": "MA", "deadline": TODAY - D(days=1)},
    "KTMU-39(1)g-4": {"level": "MA", "deadline": TODAY - D(days=1)},
    "KTMU-39(1)h-1": {"level": "PHD", "semesters": [{"academic_year": 2025, "term": "AUTUMN", "passed": False},
                                                    {"academic_year": 2025, "term": "SPRING", "passed": False}]},
    "KTMU-39(1)h-2": {"level": "PHD", "semesters": [{"academic_year": 2025, "term": "AUTUMN", "passed": False},
                                                    {"academic_year": 2025, "term": "SPRING", "passed": False}]},
    "KTMU-39(1)h-3": {"level": "PHD", "semesters": [{"academic_year": 2025, "term": "AUTUMN", "status": "NOT_APPROVED"},
                                                    {"academic_year": 2025, "term": "SPRING", "status": "NOT_SUBMITTED"}]},
    "KTMU-39(1)h-4": {"level": "PHD", "semesters_left_in_max_period": 1, "successful_reports": 2},
    "KTMU-39(1)h-5": {"level": "PHD", "deadline": TODAY - D(days=1)},
    "KTMU-39(1)h-6": {"level": "PHD", "deadline": TODAY - D(days=1)},
    "KTMU-39(1)h-7": {"level": "PHD", "deadline": TODAY - D(days=1)},
    "KTMU-39(1)h-8": {"level": "PHD", "result": "FAILED"},
    "KTMU-39(1)i-1": {"level": "MA", "defence_date": TODAY - D(days=200), "defence_passed": False},
    "KTMU-39(1)j-1": {"penalty": "DISMISSAL"},
    "KTMU-39(1)k-1": {"finding": "PLAGIARISM_AND_ETHICS_VIOLATION"},
}


@pytest.mark.workflow("W-19")
@pytest.mark.rule(*GROUND_FACTS)
def test_each_ground_opens_a_case_the_board_may_drop(st: SimpleNamespace) -> None:
    for rid, facts in GROUND_FACTS.items():
        out = evaluate(rid, facts, TODAY)
        case = svc.dismissal_open(actor=st.pg.officer, student=st.student, ground=out)
        assert case.state == "DISMISSAL_CASE" and case.ground == rid
        with pytest.raises(IntegrityError):  # one open case per student (a constraint of the table)
            svc.dismissal_open(actor=st.pg.officer, student=st.student, ground=out)
        svc.dismissal_step(actor=st.pg.secretary, case=case, action="drop_case", decision=st.decide(st.board, case))
        case.refresh_from_db()
        assert case.state == "ENROLLED" and case.closed
    with pytest.raises(TransitionRefused):  # no ground (PASS) opens no case
        svc.dismissal_open(actor=st.pg.officer, student=st.student, ground=evaluate("KTMU-39(1)j-1", {"penalty": "WARNING"}, TODAY))


@pytest.mark.workflow("W-19")
@pytest.mark.rule("KTMU-39(2)-1", "KTMU-39(3)-1", "KTMU-39(1)a-1")
def test_board_proposal_rector_order_and_transcript(st: SimpleNamespace) -> None:
    case = svc.dismissal_open_own_request(actor=st.pg.officer, student=st.student, requested_on=TODAY)
    with pytest.raises(TransitionRefused):  # the rector cannot order before the board's proposal
        svc.dismissal_step(actor=st.rector, case=case, action="rector_order", order_number="1", order_date=TODAY)
    with pytest.raises(TransitionRefused):  # a decision of another body does not count
        svc.dismissal_step(actor=st.pg.secretary, case=case, action="propose_dismissal", decision=st.decide(st.mgmt, case))
    svc.dismissal_step(actor=st.pg.secretary, case=case, action="propose_dismissal", decision=st.decide(st.board, case))
    case.refresh_from_db()
    assert case.state == "DISMISSAL_PROPOSED" and status_of(st.student) == Student.Status.ACTIVE
    with pytest.raises(TransitionRefused):  # the institute officer is not the rector
        svc.dismissal_step(actor=st.pg.officer, case=case, action="rector_order", order_number="1", order_date=TODAY)
    with pytest.raises(ValidationError):
        svc.dismissal_step(actor=st.rector, case=case, action="rector_order", order_number="", order_date=TODAY)
    svc.dismissal_step(actor=st.rector, case=case, action="rector_order", order_number="R-77", order_date=TODAY)
    case.refresh_from_db()
    assert case.state == "DISMISSED" and status_of(st.student) == Student.Status.DISMISSED
    with pytest.raises(TransitionRefused):  # another person cannot request the former student's transcript
        svc.dismissal_step(actor=st.other_user, case=case, action="request_transcript")
    svc.dismissal_step(actor=st.student_user, case=case, action="request_transcript")
    case.refresh_from_db()
    assert case.transcript_due_on == TODAY + D(days=14)
    svc.dismissal_step(actor=st.pg.officer, case=case, action="issue_transcript")
    case.refresh_from_db()
    assert case.state == "TRANSCRIPT_ISSUED" and case.transcript_issued_on == TODAY


@pytest.mark.django_db(transaction=True)  # the worker closes its connection between tasks: the data must be committed
@pytest.mark.workflow("W-19", "W-17")
@pytest.mark.rule("KTMU-39(1)j-1", "KTMU-37(6)-1")
def test_semester_check_runs_in_the_database_worker_and_is_idempotent(st: SimpleNamespace, settings: object) -> None:
    DisciplinaryCase.objects.create(student=st.student, institute=st.pg.inst, opened_on=TODAY, summary="x", outcome="DISMISSAL",
                                    decided_on=TODAY)
    over = svc.leave_apply(actor=st.other_user, student=st.student3, kind="justified", reason="x", reason_arose_on=TODAY - D(days=10),
                           starts_on=TODAY - D(days=9), ends_on=TODAY - D(days=1), document=pdf(), applied_on=TODAY - D(days=9))
    svc.leave_step(actor=st.pg.secretary, leave=over, action="decide", decision=st.decide(st.board, over))
    run = checks.semester_check_start(actor=st.pg.officer, institution=st.pg.ktmu, as_of=TODAY, label="2026-2027 fall", chunk_size=1)
    assert run.status == "queued" and run.task_id
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    run.refresh_from_db()
    assert run.status == "done" and run.total == 3 and run.processed == 3 and run.chunks_done == 3
    over.refresh_from_db()
    assert over.state == "ACTIVE" and over.closed  # the leave that was over ended first (KTMU-37(6)-1)
    assert run.cases_opened == 1
    case = m.DismissalCase.objects.get(student=st.student)
    assert case.ground == "KTMU-39(1)j-1" and case.state == "DISMISSAL_CASE" and case.check_run_id == run.pk
    # a chunk run twice changes nothing
    for chunk in run.chunks.all():
        checks.check_chunk.call(chunk.pk)
    run.refresh_from_db()
    assert run.processed == 3 and m.DismissalCase.objects.count() == 1
    page = client(st.pg.officer).get(f"/postgrad/status/checks/{run.pk}/")
    assert page.status_code == 200 and "3/3" in page.content.decode()
    assert client(st.pg.outsider).get(f"/postgrad/status/checks/{run.pk}/").status_code == 404


# --- W-20 ------------------------------------------------------------------------------------------------------------


@pytest.mark.workflow("W-20", "W-19")
@pytest.mark.rule("KTMU-43(1)-1", "KTMU-43(2)-1", "KTMU-43(3)-1")
def test_plagiarism_complaint_holds_the_diploma_until_the_committee_decides(st: SimpleNamespace) -> None:
    case = svc.plagiarism_complain(actor=st.pg.outsider, student=st.student, work="Master's thesis", complaint="Copied chapter 2")
    assert case.state == "COMPLAINT"
    svc.plagiarism_step(actor=st.pg.officer, case=case, action="refer_to_ethics_committee")
    case.refresh_from_db()
    assert case.state == "UNDER_INVESTIGATION" and svc.diploma_hold(st.student).value.name == "FAIL"
    with pytest.raises(TransitionRefused):  # the institute board is not the ethics committee
        svc.plagiarism_step(actor=st.pg.secretary, case=case, action="no_plagiarism", decision=st.decide(st.board, case))
    svc.plagiarism_step(actor=st.pg.secretary, case=case, action="no_plagiarism", decision=st.decide(st.ethics, case))
    case.refresh_from_db()
    assert case.state == "CLOSED" and svc.diploma_hold(st.student).value.name == "PASS"
    c2 = svc.plagiarism_complain(actor=st.pg.officer, student=st.student, work="Article", complaint="Duplicate publication")
    svc.plagiarism_step(actor=st.pg.officer, case=c2, action="refer_to_ethics_committee")
    svc.plagiarism_step(actor=st.pg.secretary, case=c2, action="plagiarism_found", decision=st.decide(st.ethics, c2))
    c2.refresh_from_db()
    assert c2.state == "DISMISSAL_CASE"
    dc = m.DismissalCase.objects.get(student=st.student, state="DISMISSAL_CASE")
    assert dc.ground == "KTMU-39(1)k-1" and dc.plagiarism_id == c2.pk


# --- pages and API ----------------------------------------------------------------------------------------------------


def test_pages_errors_beside_fields_and_outsiders_see_nothing(st: SimpleNamespace) -> None:
    c = client(st.student_user)
    assert c.get("/postgrad/status/acleave/apply/").status_code == 200
    # anyone may complain about plagiarism, without learning whose file it is
    page = client(st.pg.outsider).get(f"/postgrad/status/complain/{st.student.pk}/").content.decode()
    assert st.student.student_number not in page
    assert client(st.pg.outsider).get("/postgrad/status/leave/apply/").status_code == 404  # not a student
    r = c.post("/postgrad/status/acleave/apply/", {"reason": "excused", "statement": "x", "starts_on": "2026-12-10", "ends_on": "2026-12-01",
                                                   "semesters": "1"})
    assert r.status_code == 400 and "id_ends_on-error" in r.content.decode()
    assert not m.AcademicLeave.objects.exists()
    lv = svc.leave_apply(actor=st.student_user, student=st.student, kind="justified", reason="x", reason_arose_on=TODAY,
                         starts_on=TODAY, ends_on=TODAY, document=pdf())
    assert c.get(f"/postgrad/status/leave/{lv.pk}/").status_code == 200
    assert client(st.pg.outsider).get(f"/postgrad/status/leave/{lv.pk}/").status_code == 404
    assert client(st.pg.other_dean).get(f"/postgrad/status/leave/{lv.pk}/").status_code == 404
    assert client(st.other_user).get(f"/postgrad/status/leave/{lv.pk}/").status_code == 404
    officer = client(st.pg.officer)
    assert officer.get("/postgrad/status/queues/").status_code == 200
    listing = officer.get("/postgrad/status/list/leave/")
    assert listing.status_code == 200 and st.student.student_number in listing.content.decode()
    assert officer.get("/postgrad/status/list/leave/csv/").status_code == 200
    page = client(st.pg.secretary).get(f"/postgrad/status/leave/{lv.pk}/")
    assert 'data-testid="step-decide"' in page.content.decode()
    assert 'data-testid="step-decide"' not in c.get(f"/postgrad/status/leave/{lv.pk}/").content.decode()


def test_the_students_page_shows_the_section(st: SimpleNamespace) -> None:
    svc.leave_apply(actor=st.student_user, student=st.student, kind="justified", reason="x", reason_arose_on=TODAY,
                    starts_on=TODAY, ends_on=TODAY, document=pdf())
    # the section is registered for the student's page (the grades team's page renders STUDENT_SECTIONS)
    from django.template.loader import render_to_string
    from django.test import RequestFactory

    from bilim.apps.postgrad.sections import STUDENT_SECTIONS

    template, builder = next((t, b) for t, b in STUDENT_SECTIONS if t == "standing/_student_section.html")
    request = RequestFactory().get("/")
    request.user = st.student_user
    html = render_to_string(template, builder(request, st.student), request=request)
    assert 'data-testid="standing-section"' in html and "/postgrad/status/leave/" in html
    request.user = st.pg.outsider
    assert "/postgrad/status/leave/" not in render_to_string(template, builder(request, st.student), request=request)


def test_api_mine_submit_and_refusal(st: SimpleNamespace) -> None:
    c = client(st.student_user)
    body = {"kind": "justified", "reason": "Flood", "starts_on": str(TODAY), "ends_on": str(TODAY + D(days=2)),
            "reason_arose_on": str(TODAY - D(days=20))}
    r = c.post("/api/v1/postgrad/status/leave", json.dumps(body), content_type="application/json")
    assert r.status_code == 409 and r.json()["detail"]  # the rule's sentence, nothing written
    assert not m.Leave.objects.exists()
    bad = c.post("/api/v1/postgrad/status/leave", json.dumps({**body, "kind": "holiday"}), content_type="application/json")
    assert bad.status_code == 422
    assert Client().get("/api/v1/postgrad/status/mine").status_code == 401
    assert c.get("/api/v1/postgrad/status/mine").json() == []
    assert client(st.pg.outsider).get("/api/v1/postgrad/status/mine").status_code == 403
    assert client(st.pg.outsider).get("/api/v1/postgrad/status/institute/leave").status_code == 403
    assert client(st.pg.officer).get("/api/v1/postgrad/status/institute/leave").status_code == 200


@pytest.mark.workflow("W-19", "W-18")
def test_the_boards_queue_lists_waiting_files_and_its_decision_fires_the_step(st: SimpleNamespace) -> None:
    from bilim.apps.workflow.registry import perform_step
    from bilim.apps.workflow.selectors import pending_for_body

    case = svc.dismissal_open_own_request(actor=st.pg.officer, student=st.student, requested_on=TODAY)
    acl = svc.acleave_apply(actor=st.other_user, student=st.student3, reason="childbirth", statement="Birth", starts_on=TODAY,
                            ends_on=TODAY + D(days=100), document=pdf())
    waiting = {(p.obj._meta.label_lower, p.obj.pk, p.step.action) for p in pending_for_body(st.board)}
    assert ("standing.dismissalcase", case.pk, "propose_dismissal") in waiting
    assert ("standing.academicleave", acl.pk, "childbirth") in waiting
    assert not any(p.obj.pk == case.pk for p in pending_for_body(st.ethics))  # another body's remit
    with pytest.raises(TransitionRefused):  # the queue lists every step of ACTIVE; the wrong one is refused
        perform_step(obj=acl, workflow_code="KTMU-W-18", action="military_service", actor=st.pg.secretary, decision=st.decide(st.board, acl))
    perform_step(obj=acl, workflow_code="KTMU-W-18", action="childbirth", actor=st.pg.secretary, decision=st.decide(st.board, acl))
    perform_step(obj=case, workflow_code="KTMU-W-19", action="propose_dismissal", actor=st.pg.secretary, decision=st.decide(st.board, case))
    case.refresh_from_db()
    acl.refresh_from_db()
    assert case.state == "DISMISSAL_PROPOSED" and acl.state == "ACADEMIC_LEAVE_CHILDBIRTH"
    assert status_of(st.student3) == Student.Status.ACADEMIC_LEAVE


@pytest.mark.workflow("W-17")
def test_the_secretary_records_the_boards_decision_on_the_page(st: SimpleNamespace) -> None:
    lv = svc.leave_apply(actor=st.student_user, student=st.student, kind="justified", reason="x", reason_arose_on=TODAY,
                         starts_on=TODAY, ends_on=TODAY + D(days=2), document=pdf())
    url = f"/postgrad/status/leave/{lv.pk}/step/decide/"
    assert client(st.student_user).post(url, {"decide-number": "1", "decide-date": str(TODAY)}).status_code == 403
    assert client(st.pg.outsider).post(url, {"decide-number": "1", "decide-date": str(TODAY)}).status_code == 404
    sec = client(st.pg.secretary)
    r = sec.post(url, {"decide-number": "", "decide-date": str(TODAY)})
    assert r.status_code == 400 and "id_decide-number-error" in r.content.decode()
    r = sec.post(url, {"decide-number": "2026-12.5", "decide-date": str(TODAY)})
    assert r.status_code == 302
    lv.refresh_from_db()
    assert lv.state == "ON_LEAVE"  # the decision is cited by the transition
    from bilim.apps.workflow.services import history

    assert history(lv).last().decision.number == "2026-12.5"
