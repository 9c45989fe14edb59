"""A student's outgoing long-term mobility from application to recognition, with refusals at each gate."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from bilim.apps.audit.services import history
from bilim.apps.mobility import models as m
from bilim.apps.mobility import services as svc
from bilim.apps.records.models import Grade
from bilim.apps.workflow.models import Transition
from bilim.apps.workflow.services import TransitionRefused

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 21)


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    monkeypatch.setattr(svc, "today", lambda: TODAY)


def pdf(name: str = "x.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"%PDF-1.4 test", content_type="application/pdf")


def apply(w, **kw):
    data = dict(actor=w.users["student"], student=w.student, host=w.partner, purpose="Study", language="Turkish",
                specialty="Mathematics", expected_funding="Mevlana", start_date=dt.date(2027, 2, 1), end_date=dt.date(2027, 6, 30), call=w.call,
                intended_disciplines="Lineer Cebir\nAnaliz\nTopoloji")
    data.update(kw)
    return svc.application_create(**data)


def upload_all(w, mob):
    for kind in ["PARENTAL_CONSENT", "HOME_TRANSCRIPT", "QUESTIONNAIRE", "MOTIVATION_LETTER", "CITIZENSHIP_DOC_COPY"]:
        svc.document_upload(actor=w.users["student"], mobility=mob, kind=kind, file=pdf())


def make_isp(w, mob, dlt=True):
    items = [
        {"kind": "HOST", "host_code": "MAT201", "title": "Lineer Cebir", "credits": Decimal("6"), "home_course": w.course},
        {"kind": "HOST", "host_code": "MAT202", "title": "Analiz", "credits": Decimal("10"), "home_course": w.course2},
        {"kind": "HOST", "host_code": "MAT203", "title": "Topoloji", "credits": Decimal("10"), "component": "ELECTIVE"},
    ]
    if dlt:
        items.append({"kind": "DLT", "title": "Кыргыз тили", "credits": Decimal("3")})
    return svc.isp_create_version(actor=w.users["dean_office"], mobility=mob, items=items)


def approve_isp(w, isp):
    svc.isp_sign(actor=w.users["programme_leader"], isp=isp, step="pl", on=TODAY)
    svc.isp_sign(actor=w.users["deputy_dean_academic"], isp=isp, step="vdaa", on=TODAY)
    svc.isp_sign(actor=w.users["dean_office"], isp=isp, step="dean", on=TODAY)
    svc.isp_sign(actor=w.users["ird_officer"], isp=isp, step="ird", on=TODAY)


@pytest.mark.rule("OSU-1.3.5-2", "OSU-1.3.5-4", "OSU-1.3.2-1")
def test_term_and_scope_are_computed(world):
    mob = apply(world)
    assert (mob.term, mob.scope) == ("LONG", "EXTERNAL")
    short = apply(world, call=None, start_date=dt.date(2027, 3, 1), end_date=dt.date(2027, 3, 31))
    assert short.term == "SHORT"


@pytest.mark.rule("OSU-4.8-STU-15")
def test_contract_debt_blocks_application_and_nothing_changes(world):
    world.student.funding = "contract"
    world.student.tuition_debt = Decimal("1500")
    world.student.save()
    mob = apply(world)
    with pytest.raises(TransitionRefused) as e:
        svc.application_submit(actor=world.users["student"], mobility=mob)
    assert any("OSU-4.8-STU-15" in x.rule_ids for x in e.value.explanations)
    assert e.value.messages("ky")[0]
    mob.refresh_from_db()
    assert mob.state == "DRAFT" and not Transition.objects.filter(object_id=str(mob.pk)).exists()


@pytest.mark.rule("OSU-4.8-STU-19")
def test_year_one_bachelor_cannot_go_abroad_long_term(world):
    world.student.year_of_study, world.student.semester = 1, 1
    world.student.save()
    mob = apply(world)  # spring 2027 = semester 2, external → refused
    with pytest.raises(TransitionRefused) as e:
        svc.application_submit(actor=world.users["student"], mobility=mob)
    assert any("OSU-4.8-STU-19" in x.rule_ids for x in e.value.explanations)


def test_outsider_cannot_apply(world):
    with pytest.raises(PermissionDenied):
        apply(world, actor=world.users["outsider"])


def test_upload_rejects_wrong_type(world):
    mob = apply(world)
    with pytest.raises(ValidationError):
        svc.document_upload(actor=world.users["student"], mobility=mob, kind="CV", file=SimpleUploadedFile("x.exe", b"MZ"))


@pytest.mark.rule("OSU-4.8-STU-3")
def test_documents_incomplete_refused(world):
    mob = apply(world)
    svc.application_submit(actor=world.users["student"], mobility=mob)
    with pytest.raises(TransitionRefused) as e:
        svc.documents_complete(actor=world.users["ird_officer"], mobility=mob)
    assert any("OSU-4.8-STU-3" in x.rule_ids for x in e.value.explanations)


@pytest.mark.workflow("osu.student_outgoing")
def test_double_submission_is_refused_clearly(world):
    mob = apply(world)
    v = mob.version
    svc.application_submit(actor=world.users["student"], mobility=mob, expected_version=v)
    stale = m.StudentMobility.objects.get(pk=mob.pk)
    stale.state, stale.version = "DRAFT", v
    with pytest.raises(TransitionRefused):
        svc.application_submit(actor=world.users["student"], mobility=stale, expected_version=v)
    assert Transition.objects.filter(object_id=str(mob.pk), target="APPLIED").count() == 1


@pytest.mark.rule("OSU-4.8-IRD-9", "OSU-4.8-FD-2", "OSU-4.8-STU-4", "OSU-4.8-STU-5", "OSU-4.8-FD-11", "OSU-4.8-FD-12",
                  "OSU-4.8-FD-10", "OSU-4.8-FD-5", "OSU-4.1-2", "OSU-4.8-FD-1", "OSU-2.2-4")
@pytest.mark.rule_table("OSU-1.3.1-2", "OSU-1.4-2", "OSU-4.8-VDIR-9")  # driven here, evaluated elsewhere
@pytest.mark.workflow("osu.student_outgoing")
def test_long_term_mobility_end_to_end_with_refused_grade_and_expulsion_rule(world):
    w = world
    mob = apply(w)
    svc.application_submit(actor=w.users["student"], mobility=mob)
    upload_all(w, mob)
    isp = make_isp(w, mob)
    svc.documents_complete(actor=w.users["ird_officer"], mobility=mob)
    svc.selection_score(actor=w.users["ird_officer"], mobility=mob, scores={"LANGUAGE": Decimal("80")}, gpa=Decimal("3.40"))
    outcome = svc.call_rank(actor=w.users["ird_officer"], call=w.call)
    mob.refresh_from_db()
    assert mob.state == "SELECTED" and mob.rank == 1, outcome.explanation.to_dict()
    svc.nominate(actor=w.users["dean_office"], mobility=mob)
    svc.refer(actor=w.users["ird_officer"], mobility=mob)
    svc.invite(actor=w.users["ird_officer"], mobility=mob, invitation=pdf("invitation.pdf"))
    # the dean cannot approve before the programme leader and the deputy dean agreed (OSU-4.8-STU-4)
    with pytest.raises(TransitionRefused):
        svc.isp_sign(actor=w.users["dean_office"], isp=isp, step="dean", on=TODAY)
    approve_isp(w, isp)
    isp.refresh_from_db()
    assert isp.status == "SUBMITTED_TO_IRD"
    svc.isp_approved(actor=w.users["ird_officer"], mobility=mob)
    svc.brief(actor=w.users["deputy_dean_ir"], mobility=mob)
    with pytest.raises(PermissionDenied):
        svc.departure_order_issue(actor=w.users["ird_officer"], mobility=mob, number="12-МБ")
    order = svc.departure_order_issue(actor=w.users["rector_office"], mobility=mob, number="12-МБ", date=TODAY)
    assert order.status == "adopted" and order.body.kind == "rector_office"
    svc.depart(actor=w.users["ird_officer"], mobility=mob)
    svc.return_order_issue(actor=w.users["rector_office"], mobility=mob, number="40-МБ", returned_on=dt.date(2027, 7, 1))
    mob.refresh_from_db()
    assert mob.dlt_state == "DLT_EXAMS"  # the DLT track opens at RETURNED, in parallel (ERRATA 8)
    svc.document_upload(actor=w.users["student"], mobility=mob, kind="HOST_TRANSCRIPT", file=pdf())
    svc.document_upload(actor=w.users["student"], mobility=mob, kind="STUDY_CERTIFICATE", file=pdf())
    svc.results_documents_submit(actor=w.users["dean_office"], mobility=mob, submitted_on=dt.date(2027, 7, 15))
    items = {i.host_code: i for i in isp.items.all()}
    r1 = svc.host_result_add(actor=w.users["dean_office"], mobility=mob, title="Lineer Cebir", host_code="MAT201", credits=Decimal(6), grade="BA", grade_scale="TR_4", outcome="PASSED", isp_item=items["MAT201"])
    r2 = svc.host_result_add(actor=w.users["dean_office"], mobility=mob, title="Analiz", host_code="MAT202", credits=Decimal(10), grade="FF", grade_scale="TR_4", outcome="UNSATISFACTORY", isp_item=items["MAT202"])
    r3 = svc.host_result_add(actor=w.users["dean_office"], mobility=mob, title="Topoloji", host_code="MAT203", credits=Decimal(10), grade="FF", grade_scale="TR_4", outcome="UNSATISFACTORY", isp_item=items["MAT203"])
    assert r1.score_100 == Decimal("87")
    svc.recognition_decide(actor=w.users["dean_office"], host_result=r1, decision="RECOGNISED", home_course=w.course)
    with pytest.raises(ValidationError):  # a refusal without reasons (OSU-4.8-FD-12)
        svc.recognition_decide(actor=w.users["dean_office"], host_result=r2, decision="REFUSED", reason="")
    svc.recognition_decide(actor=w.users["dean_office"], host_result=r2, decision="REFUSED", reason="Host grade unsatisfactory")
    svc.recognition_decide(actor=w.users["dean_office"], host_result=r3, decision="REFUSED", reason="Host grade unsatisfactory")
    grade = Grade.objects.get(enrolment__student=w.student, enrolment__offering__course=w.course)
    assert grade.score == Decimal("87")
    svc.recognition_close(actor=w.users["dean_office"], mobility=mob)
    mob.refresh_from_db()
    # 20 failed host credits > 15 → expulsion procedure (OSU-4.8-FD-5)
    assert mob.failed_credits == Decimal("20") and mob.state == "EXPULSION_PROCEDURE"
    assert [t.target for t in Transition.objects.for_object(mob)][-2:] == ["RECOGNISED", "EXPULSION_PROCEDURE"]
    assert history(mob).count() >= 10
    # recognition memory: the same host course is proposed again with the earlier decision
    memory = svc.recognition_memory(w.partner, "MAT201")
    assert memory and memory[0].home_course == w.course


@pytest.mark.workflow("osu.student_outgoing")
@pytest.mark.rule("OSU-4.8-FD-6")
def test_fifteen_failed_credits_go_to_paid_summer_retake(world):
    w = world
    mob = apply(w)
    m.StudentMobility.objects.filter(pk=mob.pk).update(state="DOCS_RETURNED")
    mob.refresh_from_db()
    r = svc.host_result_add(actor=w.users["dean_office"], mobility=mob, title="Analiz", host_code="X", credits=Decimal(15), grade="FF", grade_scale="TR_4", outcome="UNSATISFACTORY")
    svc.recognition_decide(actor=w.users["dean_office"], host_result=r, decision="REFUSED", reason="unsatisfactory")
    svc.recognition_close(actor=w.users["dean_office"], mobility=mob)
    mob.refresh_from_db()
    assert mob.state == "RETAKE_PENDING" and mob.failed_credits_decision == "PAID_SUMMER_RETAKE"


@pytest.mark.workflow("osu.student_outgoing")
@pytest.mark.rule("OSU-4.8-IRD-13", "OSU-4.8-FD-3", "OSU-1.3.6-2")
@pytest.mark.rule_table("OSU-4.8-IRD-4")  # driven here, evaluated elsewhere
def test_withdrawal_frees_the_quota_place(world):
    w = world
    mob = apply(w)
    m.StudentMobility.objects.filter(pk=mob.pk).update(state="DOCS_COMPLETE", gpa=Decimal("3.5"), scores={"LANGUAGE": "70"})
    svc.call_rank(actor=w.users["ird_officer"], call=w.call)
    w.call.refresh_from_db()
    assert w.call.quota_used == 1
    mob.refresh_from_db()
    with pytest.raises(TransitionRefused) as e:  # long-term nomination without the ISP attached (OSU-1.3.6-2)
        svc.nominate(actor=w.users["dean_office"], mobility=mob)
    assert any("OSU-1.3.6-2" in x.rule_ids for x in e.value.explanations)
    make_isp(w, mob)
    svc.nominate(actor=w.users["dean_office"], mobility=mob)
    svc.withdraw(actor=w.users["student"], mobility=mob, reason="Family reasons")
    w.call.refresh_from_db()
    assert w.call.quota_used == 0


@pytest.mark.workflow("osu.student_outgoing")
@pytest.mark.rule("OSU-4.8-IRD-9")
def test_gpa_not_above_three_is_not_selected_with_explanation(world):
    w = world
    mob = apply(w)
    m.StudentMobility.objects.filter(pk=mob.pk).update(state="DOCS_COMPLETE", gpa=Decimal("3.00"), scores={"LANGUAGE": "90"})
    svc.call_rank(actor=w.users["ird_officer"], call=w.call)
    mob.refresh_from_db()
    assert mob.state == "NOT_SELECTED"
    tr = Transition.objects.for_object(mob).last()
    assert any("OSU-4.8-IRD-9" in e.rule_ids for e in tr.explanations())


def test_ranking_without_a_score_is_a_clear_error_and_changes_nothing(world):
    w = world
    mob = apply(w)
    m.StudentMobility.objects.filter(pk=mob.pk).update(state="DOCS_COMPLETE", gpa=Decimal("3.5"))
    with pytest.raises(ValidationError):
        svc.call_rank(actor=w.users["ird_officer"], call=w.call)
    mob.refresh_from_db()
    assert mob.state == "DOCS_COMPLETE" and mob.rank is None


@pytest.mark.workflow("osu.student_outgoing", "osu.student_outgoing_dlt")
@pytest.mark.rule("OSU-4.8-FD-14", "OSU-4.8-STU-10", "OSU-4.8-STU-12", "OSU-4.8-STU-17")
@pytest.mark.rule_table("OSU-4.8-IRD-17")  # driven here, evaluated elsewhere
def test_clean_return_closes_after_dlt_track_joins(world):
    from bilim.apps.curriculum.models import AcademicYear, Term

    w = world
    year = AcademicYear.objects.get()
    Term.objects.create(year=year, kind="summer", starts_on=dt.date(2027, 7, 1), ends_on=dt.date(2027, 8, 20))
    mob = apply(w)
    isp = make_isp(w, mob)
    m.StudentMobility.objects.filter(pk=mob.pk).update(state="ABROAD")
    mob.refresh_from_db()
    svc.return_order_issue(actor=w.users["rector_office"], mobility=mob, number="41", returned_on=dt.date(2027, 7, 1))
    svc.document_upload(actor=w.users["student"], mobility=mob, kind="HOST_TRANSCRIPT", file=pdf())
    svc.document_upload(actor=w.users["student"], mobility=mob, kind="STUDY_CERTIFICATE", file=pdf())
    svc.results_documents_submit(actor=w.users["dean_office"], mobility=mob, submitted_on=dt.date(2027, 7, 10))
    for it in isp.items.filter(kind="HOST"):
        r = svc.host_result_add(actor=w.users["dean_office"], mobility=mob, title=it.title, host_code=it.host_code, credits=it.credits,
                                grade="AA", grade_scale="TR_4", outcome="PASSED", isp_item=it)
        svc.recognition_decide(actor=w.users["dean_office"], host_result=r, decision="RECOGNISED", home_course=it.home_course,
                               component="ELECTIVE" if it.home_course is None else "EQUIVALENT_DISCIPLINE")
    svc.recognition_close(actor=w.users["dean_office"], mobility=mob)
    mob.refresh_from_db()
    assert mob.state == "HOST_RESULTS_CLEAR"
    with pytest.raises(TransitionRefused):  # the DLT exam is not yet passed: no join
        svc.academic_close(actor=w.users["dean_office"], mobility=mob)
    dlt_item = isp.items.get(kind="DLT")
    item_spring = dlt_item
    item_spring.semester_kind = "SPRING"
    item_spring.save()
    with pytest.raises(TransitionRefused):  # outside the summer-semester window (OSU-4.8-FD-14)
        svc.dlt_result_record(actor=w.users["dean_office"], item=dlt_item, exam_on=dt.date(2027, 9, 5), score=Decimal(80), passed=True)
    svc.dlt_result_record(actor=w.users["dean_office"], item=dlt_item, exam_on=dt.date(2027, 7, 20), score=Decimal(80), passed=True)
    svc.dlt_close(actor=w.users["dean_office"], mobility=mob)
    mob.refresh_from_db()
    assert mob.dlt_state == "DLT_PASSED"
    svc.academic_close(actor=w.users["dean_office"], mobility=mob)
    with pytest.raises(TransitionRefused):  # no report, no interview (OSU-4.8-STU-17)
        svc.mobility_close(actor=w.users["ird_officer"], mobility=mob, report_text="", interview_on=None)
    svc.mobility_close(actor=w.users["ird_officer"], mobility=mob, report_text="Жакшы тажрыйба", interview_on=dt.date(2027, 9, 1))
    mob.refresh_from_db()
    assert mob.state == "CLOSED"


@pytest.mark.workflow("osu.student_outgoing_short", "osu.student_outgoing_dlt")
@pytest.mark.rule("OSU-4.8-STU-22", "OSU-1.3.5-3")
def test_short_term_mobility_without_isp_or_window(world):
    w = world
    w.student.year_of_study, w.student.semester = 1, 1  # year-1 bachelors may go abroad short-term (ERRATA 19)
    w.student.save()
    mob = apply(w, call=None, basis="INDIVIDUAL_INVITATION", start_date=dt.date(2027, 3, 1), end_date=dt.date(2027, 3, 14))
    assert mob.term == "SHORT"
    svc.application_submit(actor=w.users["student"], mobility=mob)
    upload_all(w, mob)
    svc.documents_complete(actor=w.users["ird_officer"], mobility=mob)
    m.StudentMobility.objects.filter(pk=mob.pk).update(gpa=Decimal("2.8"))  # outside a competition the GPA only warns
    mob.refresh_from_db()
    svc.select_individual(actor=w.users["ird_officer"], mobility=mob)
    svc.nominate(actor=w.users["dean_office"], mobility=mob)
    svc.refer(actor=w.users["ird_officer"], mobility=mob)
    svc.invite(actor=w.users["ird_officer"], mobility=mob, invitation=pdf("inv.pdf"))
    svc.departure_order_issue(actor=w.users["rector_office"], mobility=mob, number="7-КМ", date=TODAY)
    svc.depart(actor=w.users["ird_officer"], mobility=mob)
    svc.return_order_issue(actor=w.users["rector_office"], mobility=mob, number="8-КМ", returned_on=dt.date(2027, 3, 15))
    with pytest.raises(TransitionRefused):  # no certificate yet (OSU-1.3.5-3)
        svc.results_documents_submit(actor=w.users["dean_office"], mobility=mob, submitted_on=dt.date(2027, 3, 20))
    svc.document_upload(actor=w.users["student"], mobility=mob, kind="PARTICIPATION_CERTIFICATE", file=pdf())
    svc.results_documents_submit(actor=w.users["dean_office"], mobility=mob, submitted_on=dt.date(2027, 3, 20))
    mob.refresh_from_db()
    assert mob.dlt_state == "NO_DLT_DISCIPLINES"
    svc.academic_close(actor=w.users["dean_office"], mobility=mob)
    svc.mobility_close(actor=w.users["ird_officer"], mobility=mob, report_text="Report", interview_on=dt.date(2027, 3, 25))
    mob.refresh_from_db()
    assert mob.state == "CLOSED"


@pytest.mark.rule("OSU-1.3.1-1")
def test_host_cannot_be_oshsu_itself(world):
    with pytest.raises(ValidationError):
        apply(world, host=world.oshsu)


@pytest.mark.rule("OSU-4.8-VDIR-7", "OSU-4.8-VDIR-8")
def test_deputy_dean_ir_draws_up_the_isp_and_takes_part_in_recognition(world):
    w = world
    mob = apply(w)
    isp = svc.isp_create_version(actor=w.users["deputy_dean_ir"], mobility=mob, items=[
        {"kind": "HOST", "host_code": "MAT201", "title": "Lineer Cebir", "credits": Decimal("6"), "home_course": w.course}])
    assert isp.number == 1
    with pytest.raises(ValidationError):  # a new version needs the reason of the change application (OSU-4.8-STU-9)
        svc.isp_create_version(actor=w.users["deputy_dean_ir"], mobility=mob, items=[{"kind": "HOST", "title": "X", "credits": Decimal(1)}])
    m.StudentMobility.objects.filter(pk=mob.pk).update(state="DOCS_RETURNED")
    r = svc.host_result_add(actor=w.users["deputy_dean_ir"], mobility=mob, title="Lineer Cebir", host_code="MAT201", credits=Decimal(6),
                            grade="AA", grade_scale="TR_4", outcome="PASSED")
    rec = svc.recognition_decide(actor=w.users["deputy_dean_ir"], host_result=r, decision="RECOGNISED", home_course=w.course)
    assert rec.score_100 == Decimal("95") and rec.grade is not None
    with pytest.raises(PermissionDenied):
        svc.recognition_decide(actor=w.users["student"], host_result=r, decision="REFUSED", reason="x")
