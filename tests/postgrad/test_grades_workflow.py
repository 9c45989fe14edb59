"""KTMU grading through the one transition service: W-15 (grade sheet, excuse exam, publication, GPA,
progression), W-16b (exam-result appeal, art. 34) and W-16c (instructor's correction, art. 35).

Personas of ``conftest.pg``: the instructor, another instructor, the FoS head, the institute officer, the
institute board (decisions), the student, an outsider who sees nothing."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from bilim.apps.curriculum.models import CalendarPeriod
from bilim.apps.governance.models import Body, Decision
from bilim.apps.postgrad import gradebook, grades, services
from bilim.apps.postgrad import models as m
from bilim.apps.records.models import Grade
from bilim.apps.workflow.labels import missing_labels
from bilim.apps.workflow.models import Transition
from bilim.apps.workflow.registry import perform_step
from bilim.apps.workflow.services import TransitionRefused

PLAN = [{"code": "MID1", "kind": "MIDTERM", "weight": "0.40"}, {"code": "FIN", "kind": "FINAL", "weight": "0.60"}]
TODAY = timezone.localdate()
EXAM = TODAY - dt.timedelta(days=3)
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def client(user: object) -> Client:
    c = Client(raise_request_exception=False)
    c.force_login(user)  # type: ignore[arg-type]
    return c


def decision(body: Body, obj: Any, number: str, on: dt.date = TODAY) -> Decision:
    return Decision.objects.create(body=body, number=number, date=on, title="Чечим", status=Decision.Status.ADOPTED,
                                   subject_type=obj._meta.label_lower, subject_id=str(obj.pk))


@pytest.fixture
def course(pg: SimpleNamespace) -> SimpleNamespace:
    """A course whose final was 3 days ago: plan set, schedule published 3 weeks ahead, 10 sessions held."""
    pg.term.starts_on, pg.term.ends_on = EXAM - dt.timedelta(days=100), EXAM + dt.timedelta(days=30)
    pg.term.save()
    CalendarPeriod.objects.create(institution=pg.ktmu, term=pg.term, kind=CalendarPeriod.Kind.FINALS, starts_on=EXAM - dt.timedelta(days=5),
                                  ends_on=EXAM + dt.timedelta(days=5))
    services.assessment_plan_set(actor=pg.instructor, offering=pg.offering, components=PLAN, final_exam_date=EXAM)
    grades.exam_schedule_publish(actor=pg.fos_head, offering=pg.offering, on=EXAM - dt.timedelta(days=21))
    for i in range(10):
        services.attendance_session_add(actor=pg.instructor, offering=pg.offering, held_on=pg.term.starts_on + dt.timedelta(days=7 * i + 1),
                                        kind="theory", present={pg.e1.pk, pg.e2.pk} if i < 8 else {pg.e1.pk})
    pg.s1 = m.ScoreSheet.objects.get(enrolment=pg.e1)
    pg.s2 = m.ScoreSheet.objects.get(enrolment=pg.e2)
    pg.univ = Body.objects.create(institution=pg.ktmu, kind=Body.Kind.UNIVERSITY_BOARD, code="uboard", name_ky="Университеттин башкаруу кеңеши", name_en="University Board")
    return pg


def publish(pg: SimpleNamespace, scores: dict[int, dict[str, str]]) -> None:
    assert grades.grade_sheet_save(actor=pg.instructor, offering=pg.offering, rows=scores) == {}
    grades.grade_sheet_submit(actor=pg.instructor, offering=pg.offering)
    grades.results_publish(actor=pg.officer, offering=pg.offering)
    pg.s1.refresh_from_db()
    pg.s2.refresh_from_db()


def test_every_state_and_action_has_a_label() -> None:
    for code in (grades.W15, grades.W16B, grades.W16C):
        assert missing_labels(code) == []


@pytest.mark.workflow("W-15")
@pytest.mark.rule("KTMU-32(6)-1")
def test_grade_sheet_from_plan_to_published_with_gpa(course: SimpleNamespace) -> None:
    pg = course
    assert {pg.s1.state, pg.s2.state} == {"SCHEDULED"}
    # save all at once: one wrong cell → nothing written, the error beside that cell, the rest kept by the page
    errors = grades.grade_sheet_save(actor=pg.instructor, offering=pg.offering, rows={pg.e1.pk: {"MID1": "70", "FIN": "101"}, pg.e2.pk: {"MID1": "60", "FIN": "80"}})
    assert set(errors[pg.e1.pk]) == {"FIN"} and not Grade.objects.exists()
    # somebody else cannot save, submit or publish
    for who in (pg.other, pg.student_user, pg.outsider):
        with pytest.raises(PermissionDenied):
            grades.grade_sheet_save(actor=who, offering=pg.offering, rows={pg.e1.pk: {"MID1": "70", "FIN": "90"}})
    publish(pg, {pg.e1.pk: {"MID1": "80", "FIN": "90"}, pg.e2.pk: {"MID1": "60", "FIN": "80"}})
    # s2 attended 8/10 sessions (80% ≥ 70% theory) → graded; both published
    assert (pg.s1.state, pg.s2.state) == ("PUBLISHED", "PUBLISHED")
    g1 = Grade.objects.get(enrolment=pg.e1)
    assert (g1.letter, g1.passed) == ("BA", True)
    steps = list(Transition.objects.filter(object_type="postgrad.scoresheet", object_id=str(pg.s1.pk)).values_list("action", flat=True))
    assert steps == ["set_assessment_plan", "publish_exam_schedule", "attendance_sufficient", "grade_passed", "submit_scores", "publish", "compute_gpa"]
    # the sheet is locked: the instructor cannot overwrite a published result
    errors = grades.grade_sheet_save(actor=pg.instructor, offering=pg.offering, rows={pg.e1.pk: {"MID1": "100", "FIN": "100"}})
    assert "__all__" in errors[pg.e1.pk]
    with pytest.raises(ValidationError):
        services.scores_enter(actor=pg.instructor, enrolment=pg.e1, scores={"MID1": "100", "FIN": "100"})
    assert Grade.objects.get(enrolment=pg.e1).letter == "BA"
    # GPA and standing with their reasons
    st = gradebook.standing(pg.st)
    assert gradebook.gpa_shown(st.cgpa) == "3.50" and st.label == "coursework_completed"
    blocks = gradebook.transcript(pg.st)
    assert gradebook.gpa_shown(blocks[0].sgpa) == "3.50"
    assert any("3.50" in r or "3,50" in r for r in st.reasons())


@pytest.mark.rule("KTMU-32(6)-1")
def test_late_submission_is_refused_with_the_article(course: SimpleNamespace) -> None:
    pg = course
    grades.grade_sheet_save(actor=pg.instructor, offering=pg.offering, rows={pg.e1.pk: {"MID1": "70", "FIN": "90"}, pg.e2.pk: {"MID1": "60", "FIN": "80"}})
    with pytest.raises(TransitionRefused) as exc:
        grades.grade_sheet_submit(actor=pg.instructor, offering=pg.offering, on=EXAM + dt.timedelta(days=8))
    assert "KTMU-32(6)-1" in exc.value.explanations[0].rule_ids
    pg.s1.refresh_from_db()
    assert pg.s1.state == "SCHEDULED"  # nothing written (the whole submission rolled back)
    # exactly on the 7th day: accepted
    grades.grade_sheet_submit(actor=pg.instructor, offering=pg.offering, on=EXAM + dt.timedelta(days=7))
    pg.s1.refresh_from_db()
    assert pg.s1.state == "SUBMITTED"


@pytest.mark.workflow("W-15")
@pytest.mark.rule("KTMU-30(1)-1")
def test_attendance_not_met_is_f1(course: SimpleNamespace) -> None:
    pg = course
    for s in m.AttendanceSession.objects.filter(offering=pg.offering)[:4]:
        services.attendance_mark_set(actor=pg.instructor, session=s, enrolment=pg.e2, present=False)
    publish(pg, {pg.e1.pk: {"MID1": "70", "FIN": "90"}, pg.e2.pk: {"MID1": "90", "FIN": "90"}})
    assert Grade.objects.get(enrolment=pg.e2).letter == "F1"
    steps = list(Transition.objects.filter(object_type="postgrad.scoresheet", object_id=str(pg.s2.pk)).values_list("action", flat=True))
    assert steps[2:5] == ["attendance_insufficient", "grade", "submit_scores"]


@pytest.mark.workflow("W-15")
@pytest.mark.rule("KTMU-31(5)-1")
@pytest.mark.rule("KTMU-31(6)-1")
def test_excuse_exam_by_board_decision(course: SimpleNamespace) -> None:
    pg = course
    with pytest.raises(PermissionDenied):
        grades.excuse_apply(actor=pg.outsider, sheet=pg.s1, evidence="HEALTH_CERTIFICATE", note="ооруп калдым")
    # late: 3 working days after the exam
    with pytest.raises(ValidationError):
        grades.excuse_apply(actor=pg.student_user, sheet=pg.s1, evidence="HEALTH_CERTIFICATE", note="ооруп калдым", on=EXAM + dt.timedelta(days=10))
    # s1 state SCHEDULED: attendance closes at submission; the excuse applies to a student eligible for the final
    grades._attendance_step(pg.instructor, pg.s1, EXAM)
    pg.s1.refresh_from_db()
    grades.excuse_apply(actor=pg.student_user, sheet=pg.s1, evidence="HEALTH_CERTIFICATE", note="ооруп калдым", on=EXAM + dt.timedelta(days=1))
    # a draft decision or the wrong body does not unlock the step
    with pytest.raises(TransitionRefused):
        grades.excuse_accept(actor=pg.officer, sheet=pg.s1, decision=pg.draft)
    perform_step(obj=pg.s1, workflow_code=grades.W15, action="excuse_application", actor=pg.secretary, decision=decision(pg.board, pg.s1, "2026-12.1"))
    pg.s1.refresh_from_db()
    assert pg.s1.state == "EXCUSE_EXAM_SET" and pg.s1.final_excused
    # the sheet is submitted without the excused student
    grades.grade_sheet_save(actor=pg.instructor, offering=pg.offering, rows={pg.e1.pk: {"MID1": "70", "FIN": ""}, pg.e2.pk: {"MID1": "60", "FIN": "80"}})
    res = grades.grade_sheet_submit(actor=pg.instructor, offering=pg.offering)
    assert res["submitted"] == 1 and [s.pk for s in res["pending"]] == [pg.s1.pk]
    grades.excuse_exam_record(actor=pg.instructor, sheet=pg.s1, score="85")
    pg.s1.refresh_from_db()
    assert pg.s1.state == "ELIGIBLE_FOR_FINAL" and pg.s1.excuse_exams == 1
    # no second excuse exam (KTMU-31(6)-1)
    m.ScoreSheet.objects.filter(pk=pg.s1.pk).update(excuse_applied_on=TODAY)
    with pytest.raises(TransitionRefused) as exc:
        grades.excuse_accept(actor=pg.secretary, sheet=pg.s1, decision=decision(pg.board, pg.s1, "2026-12.2"))
    assert any("KTMU-31(6)-1" in e.rule_ids for e in exc.value.explanations)
    grades.grade_sheet_submit(actor=pg.instructor, offering=pg.offering)
    assert Grade.objects.get(enrolment=pg.e1).letter == "BB"


@pytest.mark.workflow("W-15")
@pytest.mark.rule("KTMU-32(12)-1")
def test_progression_completed_and_dismissal_ground(course: SimpleNamespace) -> None:
    pg = course
    publish(pg, {pg.e1.pk: {"MID1": "70", "FIN": "90"}, pg.e2.pk: {"MID1": "40", "FIN": "50"}})
    assert grades.progression_check(actor=pg.officer, student=pg.st) == "progression_completed"
    pg.s1.refresh_from_db()
    assert pg.s1.state == "COURSEWORK_COMPLETED"
    # student 2 failed the only compulsory course; after 4 coursework semesters that is ground (f)
    assert grades.progression_check(actor=pg.officer, student=pg.st2) is None
    from unittest import mock

    with mock.patch.object(gradebook, "_coursework_semesters", return_value=4):
        assert grades.progression_check(actor=pg.officer, student=pg.st2) == "progression_failed"
    pg.s2.refresh_from_db()
    assert pg.s2.state == "DISMISSAL_CASE"
    with pytest.raises(PermissionDenied):
        grades.progression_check(actor=pg.other_dean, student=pg.st)


@pytest.mark.workflow("W-16b")
@pytest.mark.rule("KTMU-34-1")
@pytest.mark.rule("KTMU-34-2")
@pytest.mark.rule("KTMU-34-3")
@pytest.mark.rule("KTMU-34-4")
def test_exam_appeal_corrected_by_the_board_then_university_board(course: SimpleNamespace) -> None:
    pg = course
    publish(pg, {pg.e1.pk: {"MID1": "70", "FIN": "70"}, pg.e2.pk: {"MID1": "60", "FIN": "80"}})
    with pytest.raises(PermissionDenied):
        grades.appeal_file(actor=pg.outsider, sheet=pg.s1, statement="x")
    with pytest.raises(TransitionRefused) as exc:  # 8 days after publication
        grades.appeal_file(actor=pg.student_user, sheet=pg.s1, statement="Финалдык сынактын 3-суроосу эсептелген эмес.", on=TODAY + dt.timedelta(days=8))
    assert "KTMU-34-1" in exc.value.explanations[0].rule_ids and not m.GradeAppeal.objects.exists()
    appeal = grades.appeal_file(actor=pg.student_user, sheet=pg.s1, statement="Финалдык сынактын 3-суроосу эсептелген эмес.", on=TODAY + dt.timedelta(days=7))
    assert appeal.state == "APPEAL_FILED"
    with pytest.raises(PermissionDenied):
        grades.appeal_review(actor=pg.other, appeal=appeal, findings="x", technical_error=False)
    grades.appeal_review(actor=pg.instructor, appeal=appeal, findings="3-суроо эсептелбей калган.", technical_error=True, proposed_scores={"FIN": "85"},
                         on=TODAY + dt.timedelta(days=8))
    appeal.refresh_from_db()
    assert appeal.state == "REVIEWED"
    # only an adopted institute-board decision about this appeal decides it
    with pytest.raises(TransitionRefused):
        grades.appeal_decide(actor=pg.secretary, appeal=appeal, decision=decision(pg.senate, appeal, "S-1"))
    perform_step(obj=appeal, workflow_code=grades.W16B, action="correct", actor=pg.secretary, decision=decision(pg.board, appeal, "2026-12.3"))
    appeal.refresh_from_db()
    assert appeal.state == "CORRECTED" and appeal.old_grade["letter"] == "CB" and appeal.new_grade["letter"] == "BB"
    assert Grade.objects.get(enrolment=pg.e1).letter == "BB"
    grades.appeal_second(actor=pg.student_user, appeal=appeal, statement="Баа дагы төмөн.")
    appeal.refresh_from_db()
    assert appeal.state == "SECOND_APPEAL"
    perform_step(obj=appeal, workflow_code=grades.W16B, action="decide", actor=pg.secretary, decision=decision(pg.univ, appeal, "U-2026-1"))
    appeal.refresh_from_db()
    assert appeal.state == "DECIDED"


@pytest.mark.workflow("W-16b")
def test_exam_appeal_upheld_and_late_further_appeal(course: SimpleNamespace) -> None:
    pg = course
    publish(pg, {pg.e1.pk: {"MID1": "70", "FIN": "70"}, pg.e2.pk: {"MID1": "60", "FIN": "80"}})
    appeal = grades.appeal_file(actor=pg.student_user, sheet=pg.s1, statement="Сураныч, кайра текшериңиз.")
    with pytest.raises(TransitionRefused) as exc:  # more than 3 working days after receipt
        grades.appeal_review(actor=pg.instructor, appeal=appeal, findings="Ката жок.", technical_error=False, on=TODAY + dt.timedelta(days=10))
    assert "KTMU-34-2" in exc.value.explanations[0].rule_ids
    grades.appeal_review(actor=pg.instructor, appeal=appeal, findings="Ката жок.", technical_error=False)
    grades.appeal_decide(actor=pg.secretary, appeal=appeal, decision=decision(pg.board, appeal, "2026-12.4"))
    appeal.refresh_from_db()
    assert appeal.state == "UPHELD" and Grade.objects.get(enrolment=pg.e1).letter == "CB"
    with pytest.raises(TransitionRefused):
        grades.appeal_second(actor=pg.student_user, appeal=appeal, statement="x", on=TODAY + dt.timedelta(days=8))
    grades.appeal_second(actor=pg.student_user, appeal=appeal, statement="Университеттин Башкаруу кеңешине кайрылам.", on=TODAY + dt.timedelta(days=7))
    appeal.refresh_from_db()
    assert appeal.state == "SECOND_APPEAL"


@pytest.mark.workflow("W-16c")
@pytest.mark.rule("KTMU-35-1")
@pytest.mark.rule("KTMU-35-2")
def test_correction_only_by_board_decision(course: SimpleNamespace) -> None:
    pg = course
    publish(pg, {pg.e1.pk: {"MID1": "70", "FIN": "70"}, pg.e2.pk: {"MID1": "60", "FIN": "80"}})
    doc = SimpleUploadedFile("evidence.pdf", PDF, content_type="application/pdf")
    with pytest.raises(PermissionDenied):
        grades.correction_request(actor=pg.other, sheet=pg.s1, reason="WRONG_ENTRY", statement="x", new_scores={"FIN": "80"}, attachment=doc)
    with pytest.raises(ValidationError) as ve:  # out-of-range score, no attachment: errors beside the fields
        grades.correction_request(actor=pg.instructor, sheet=pg.s1, reason="WRONG_ENTRY", statement="x", new_scores={"FIN": "180"}, attachment=None)
    assert {"FIN", "attachment"} <= set(ve.value.message_dict)
    with pytest.raises(TransitionRefused):  # after the 7-day window
        grades.correction_request(actor=pg.instructor, sheet=pg.s1, reason="WRONG_ENTRY", statement="Финал туура эмес киргизилген.",
                                  new_scores={"FIN": "80"}, attachment=SimpleUploadedFile("e.pdf", PDF), on=TODAY + dt.timedelta(days=8))
    corr = grades.correction_request(actor=pg.instructor, sheet=pg.s1, reason="WRONG_ENTRY", statement="Финал туура эмес киргизилген.",
                                     new_scores={"FIN": "80"}, attachment=SimpleUploadedFile("e.pdf", PDF))
    assert corr.state == "CORRECTION_REQUESTED" and Grade.objects.get(enrolment=pg.e1).letter == "CB"  # unchanged until the board decides
    with pytest.raises(TransitionRefused):  # the officer alone cannot approve
        grades.correction_decide(actor=pg.officer, correction=corr, decision=pg.draft, approve=True)
    perform_step(obj=corr, workflow_code=grades.W16C, action="approve", actor=pg.secretary, decision=decision(pg.board, corr, "2026-12.5"))
    corr.refresh_from_db()
    assert corr.state == "CORRECTED" and corr.old_grade["letter"] == "CB" and corr.new_grade["letter"] == "BB"
    corr2 = grades.correction_request(actor=pg.instructor, sheet=pg.s2, reason="OTHER", statement="Текшерүү.", new_scores={"FIN": "90"},
                                      attachment=SimpleUploadedFile("e.pdf", PDF))
    grades.correction_decide(actor=pg.secretary, correction=corr2, decision=decision(pg.board, corr2, "2026-12.6"), approve=False)
    corr2.refresh_from_db()
    assert corr2.state == "REJECTED"


def test_outsider_sees_no_appeal_or_correction_pages(course: SimpleNamespace) -> None:
    pg = course
    publish(pg, {pg.e1.pk: {"MID1": "70", "FIN": "70"}, pg.e2.pk: {"MID1": "60", "FIN": "80"}})
    appeal = grades.appeal_file(actor=pg.student_user, sheet=pg.s1, statement="Сураныч.")
    assert client(pg.student_user).get(f"/postgrad/appeals/{appeal.pk}/").status_code == 200
    assert client(pg.instructor).get(f"/postgrad/appeals/{appeal.pk}/").status_code == 200
    assert client(pg.officer).get(f"/postgrad/appeals/{appeal.pk}/").status_code == 200
    for who in (pg.outsider, pg.other_dean, pg.other):
        assert client(who).get(f"/postgrad/appeals/{appeal.pk}/").status_code == 404


@pytest.mark.workflow("W-15")
def test_grade_sheet_page_keeps_input_and_shows_error_beside_the_cell(course: SimpleNamespace) -> None:
    pg = course
    c = client(pg.instructor)
    r = c.post(f"/postgrad/courses/{pg.offering.pk}/gradesheet/", {f"c_{pg.e1.pk}_MID1": "77,5", f"c_{pg.e1.pk}_FIN": "120",
                                                                   f"c_{pg.e2.pk}_MID1": "60", f"c_{pg.e2.pk}_FIN": "80", "step": "save"})
    assert r.status_code == 400
    html = r.content.decode()
    assert f'id="c_{pg.e1.pk}_FIN-error"' in html and 'value="120"' in html and 'value="77,5"' in html
    assert not Grade.objects.exists()
    r = c.post(f"/postgrad/courses/{pg.offering.pk}/gradesheet/", {f"c_{pg.e1.pk}_MID1": "77,5", f"c_{pg.e1.pk}_FIN": "90",
                                                                   f"c_{pg.e2.pk}_MID1": "60", f"c_{pg.e2.pk}_FIN": "80", "step": "submit"})
    assert r.status_code == 302
    pg.s1.refresh_from_db()
    assert pg.s1.state == "SUBMITTED" and pg.s1.scores["MID1"] == "77.5"
    # the institute's queue lists the sheet; the institute publishes from the course page
    assert "q-publish" in client(pg.officer).get("/postgrad/grades/queue/").content.decode()
    assert client(pg.instructor).post(f"/postgrad/courses/{pg.offering.pk}/step/publish/").status_code == 403
    assert client(pg.officer).post(f"/postgrad/courses/{pg.offering.pk}/step/publish/").status_code == 302
    page = client(pg.student_user).get(f"/postgrad/students/{pg.st.pk}/").content.decode()
    assert 'data-testid="cgpa">3.50<' in page and 'data-testid="standing-why"' in page and "action-appeal" in page


@pytest.mark.workflow("W-15")
def test_transcript_pdf_in_four_languages_and_elmo_valid_against_the_xsd(course: SimpleNamespace) -> None:
    import xmlschema

    from bilim.apps.postgrad import transcripts

    pg = course
    pg.course.title_ky = "Маалыматтык системалардын өңүтү жана үлгүлөрү"
    pg.course.save()
    publish(pg, {pg.e1.pk: {"MID1": "80", "FIN": "90"}, pg.e2.pk: {"MID1": "60", "FIN": "80"}})
    for lang in transcripts.LANGS:
        r = client(pg.student_user).get(f"/postgrad/students/{pg.st.pk}/transcript.pdf?lang={lang}")
        assert r.status_code == 200 and r["Content-Type"] == "application/pdf" and r.content.startswith(b"%PDF")
    assert client(pg.outsider).get(f"/postgrad/students/{pg.st.pk}/transcript.pdf").status_code == 404
    xml = client(pg.student_user).get(f"/postgrad/students/{pg.st.pk}/transcript.xml").content
    ewp = "/work/shared/standards/ewp/schemas"
    # the ELMO schema imports address types v1.0.1; the shared standards ship the compatible v1.0.2
    schema = xmlschema.XMLSchema(f"{ewp}/elmo-schemas-v2.1.1/schema.xsd", locations={
        "https://github.com/erasmus-without-paper/ewp-specs-types-address/tree/stable-v1": f"{ewp}/ewp-specs-types-address-v1.0.2/schema.xsd"})
    schema.validate(xml)
    assert b"<elmo:resultLabel>BA</elmo:resultLabel>" in xml



@pytest.mark.workflow("W-15")
@pytest.mark.rule("KTMU-31(4)-2")
def test_plan_and_exam_schedule_by_the_fos_head_two_weeks_ahead(pg: SimpleNamespace) -> None:
    pg.term.starts_on, pg.term.ends_on = EXAM - dt.timedelta(days=100), EXAM + dt.timedelta(days=30)
    pg.term.save()
    CalendarPeriod.objects.create(institution=pg.ktmu, term=pg.term, kind=CalendarPeriod.Kind.FINALS, starts_on=EXAM - dt.timedelta(days=5),
                                  ends_on=EXAM + dt.timedelta(days=5))
    services.assessment_plan_set(actor=pg.instructor, offering=pg.offering, components=PLAN, final_exam_date=EXAM)
    for who in (pg.instructor, pg.officer, pg.outsider):
        with pytest.raises(PermissionDenied):
            grades.exam_schedule_publish(actor=who, offering=pg.offering, on=EXAM - dt.timedelta(days=21))
    with pytest.raises(TransitionRefused) as exc:  # 13 days ahead: one day late
        grades.exam_schedule_publish(actor=pg.fos_head, offering=pg.offering, on=EXAM - dt.timedelta(days=13))
    assert any("KTMU-31(4)-2" in e.rule_ids for e in exc.value.explanations)
    assert not m.ScoreSheet.objects.exclude(state="RUNS").exists()
    assert grades.exam_schedule_publish(actor=pg.fos_head, offering=pg.offering, on=EXAM - dt.timedelta(days=14)) == 2
    sheet = m.ScoreSheet.objects.get(enrolment=pg.e1)
    steps = list(Transition.objects.filter(object_type="postgrad.scoresheet", object_id=str(sheet.pk)).values_list("action", "actor__username"))
    assert steps == [("set_assessment_plan", "instructor"), ("publish_exam_schedule", "fos_head")]


@pytest.mark.workflow("W-15")
@pytest.mark.rule("KTMU-30(3)-1")
@pytest.mark.rule("KTMU-30(6)-1")
def test_failed_course_repeated_and_failed_elective_replaced(course: SimpleNamespace) -> None:
    from bilim.apps.curriculum.models import Course, Offering, Term
    from bilim.apps.records.models import Enrolment

    pg = course
    publish(pg, {pg.e1.pk: {"MID1": "40", "FIN": "50"}, pg.e2.pk: {"MID1": "40", "FIN": "50"}})
    spring = Term.objects.create(year=pg.year, kind=Term.Kind.SPRING, starts_on=pg.term.ends_on + dt.timedelta(days=7),
                                 ends_on=pg.term.ends_on + dt.timedelta(days=140))
    again = Enrolment.objects.create(student=pg.st, offering=Offering.objects.create(course=pg.course, term=spring))
    with pytest.raises(PermissionDenied):
        grades.sheet_re_enrol(actor=pg.outsider, sheet=pg.s1, new_enrolment=again)
    grades.sheet_re_enrol(actor=pg.student_user, sheet=pg.s1, new_enrolment=again)
    pg.s1.refresh_from_db()
    assert pg.s1.state == "RE_ENROLLED"
    # a failed elective: another elective only on the supervisor's proposal
    Course.objects.filter(pk=pg.course.pk).update(kind="elective")
    other = Course.objects.create(institution=pg.ktmu, programme=pg.prog, code="CS-MA599", title_ky="Тандоо", title_en="Elective", ects=6, kind="elective")
    from bilim.apps.accounts.models import User
    from bilim.apps.people.models import Person

    st2_user = User.objects.create_user(username="pgstudent2", password="x")
    Person.objects.filter(pk=pg.st2.person_id).update(user=st2_user)
    pg.s2.refresh_from_db()
    instead = Enrolment.objects.create(student=pg.st2, offering=Offering.objects.create(course=other, term=spring))
    with pytest.raises(TransitionRefused) as exc:
        grades.sheet_re_enrol(actor=st2_user, sheet=pg.s2, new_enrolment=instead)
    assert "KTMU-30(6)-1" in exc.value.explanations[0].rule_ids
    with pytest.raises(TransitionRefused):  # the institute's officer is not the one who chooses
        grades.sheet_re_enrol(actor=pg.officer, sheet=pg.s2, new_enrolment=instead, supervisor_proposed=True)
    grades.sheet_re_enrol(actor=st2_user, sheet=pg.s2, new_enrolment=instead, supervisor_proposed=True)
    pg.s2.refresh_from_db()
    assert pg.s2.state == "RE_ENROLLED"


@pytest.mark.workflow("W-15")
def test_the_boards_queue_holds_excuse_applications_appeals_and_corrections(course: SimpleNamespace) -> None:
    from bilim.apps.workflow.selectors import pending_for_body

    pg = course
    grades._attendance_step(pg.instructor, pg.s1, EXAM)
    pg.s1.refresh_from_db()
    assert not [p for p in pending_for_body(pg.board) if isinstance(p.obj, m.ScoreSheet)]  # no application yet
    grades.excuse_apply(actor=pg.student_user, sheet=pg.s1, evidence="OTHER_JUSTIFIED_REASON", note="Үй-бүлөлүк себеп.", on=EXAM + dt.timedelta(days=1))
    waiting = [(type(p.obj).__name__, p.step.action) for p in pending_for_body(pg.board)]
    assert waiting == [("ScoreSheet", "excuse_application")]
    other_board = Body.objects.create(institution=pg.ktmu, unit=pg.inst2, kind=Body.Kind.INSTITUTE_BOARD, code="board-sbe", name_ky="Кеңеш", name_en="Board 2")
    assert not list(pending_for_body(other_board))


@pytest.mark.workflow("W-15")
def test_the_institute_checks_progression_from_the_students_page(course: SimpleNamespace) -> None:
    pg = course
    publish(pg, {pg.e1.pk: {"MID1": "80", "FIN": "90"}, pg.e2.pk: {"MID1": "60", "FIN": "80"}})
    assert client(pg.student_user).post(f"/postgrad/students/{pg.st.pk}/progression/").status_code == 403
    assert client(pg.officer).post(f"/postgrad/students/{pg.st.pk}/progression/").status_code == 302
    pg.s1.refresh_from_db()
    assert pg.s1.state == "COURSEWORK_COMPLETED"
