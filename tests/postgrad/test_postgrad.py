"""KTMU postgraduate app: grade entry, attendance, supervision, exam schedules and records."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from bilim.apps.audit.services import history
from bilim.apps.mobility.models import Agreement
from bilim.apps.people.models import Student
from bilim.apps.postgrad import models as m
from bilim.apps.postgrad import services
from bilim.apps.records.models import Enrolment, Grade

PLAN = [{"code": "MID1", "kind": "MIDTERM", "weight": "0.40"}, {"code": "FIN", "kind": "FINAL", "weight": "0.60"}]
EXAM = dt.date(2026, 11, 14)


def client(user: object) -> Client:
    c = Client(raise_request_exception=False)
    c.force_login(user)  # type: ignore[arg-type]
    return c


def sessions(pg: SimpleNamespace, attended: int, held: int = 10) -> None:
    for i in range(held):
        services.attendance_session_add(actor=pg.instructor, offering=pg.offering, held_on=dt.date(2026, 9, 7) + dt.timedelta(weeks=i),
                                        kind="theory", present={pg.e1.pk} if i < attended else set())


# --- grade entry (KTMU-32(2)-1) -----------------------------------------------------------------------


@pytest.mark.rule("KTMU-32(2)-1")
def test_instructor_enters_scores_and_grade_is_computed_with_explanation(pg: SimpleNamespace) -> None:
    services.assessment_plan_set(actor=pg.instructor, offering=pg.offering, components=PLAN, final_exam_date=EXAM)
    grade = services.scores_enter(actor=pg.instructor, enrolment=pg.e1, scores={"MID1": "60", "FIN": "80"})
    assert (grade.letter, grade.score, grade.passed) == ("CB", Decimal("72.00"), True)
    assert grade.table_version == dt.date(2024, 9, 1)
    assert "KTMU-32(3)-1" in grade.explanation["rule_ids"]
    assert history(grade).count() == 1 and history(m.ScoreSheet.objects.get(enrolment=pg.e1)).count() == 1
    # the student sees the grade with its explanation in their language
    page = client(pg.student_user).get(f"/postgrad/students/{pg.st.pk}/", HTTP_ACCEPT_LANGUAGE="ky")
    assert page.status_code == 200
    text = page.content.decode()
    assert "CB" in text and "баа CB" in text


@pytest.mark.rule("KTMU-32(2)-1")
@pytest.mark.parametrize("who", ["other", "officer", "admin", "student_user", "outsider"])
def test_nobody_but_the_instructor_enters_scores(pg: SimpleNamespace, who: str) -> None:
    services.assessment_plan_set(actor=pg.instructor, offering=pg.offering, components=PLAN, final_exam_date=EXAM)
    actor = getattr(pg, who)
    with pytest.raises(PermissionDenied):
        services.scores_enter(actor=actor, enrolment=pg.e1, scores={"MID1": "90", "FIN": "90"})
    with pytest.raises(PermissionDenied):
        services.assessment_plan_set(actor=actor, offering=pg.offering, components=PLAN, final_exam_date=EXAM)
    r = client(actor).post(f"/postgrad/courses/{pg.offering.pk}/scores/", {"enrolment": pg.e1.pk, "score_MID1": "90", "score_FIN": "90"})
    assert r.status_code == 403
    assert not Grade.objects.exists()


def _plan(*rows: tuple[str, str, str], date: str = "2026-11-14") -> dict[str, str]:
    """The weight-plan table's POST (issue 11: rows of code, kind, weight instead of a text box)."""
    data = {"plan-TOTAL_FORMS": str(len(rows)), "plan-INITIAL_FORMS": "0", "plan-MIN_NUM_FORMS": "0", "plan-MAX_NUM_FORMS": "200",
            "final_exam_date": date}
    for i, (code, kind, weight) in enumerate(rows):
        data.update({f"plan-{i}-code": code, f"plan-{i}-kind": kind, f"plan-{i}-weight": weight})
    return data


def test_weight_plan_breaking_the_rule_is_refused_beside_the_field(pg: SimpleNamespace) -> None:
    r = client(pg.instructor).post(f"/postgrad/courses/{pg.offering.pk}/plan/", _plan(("MID1", "MIDTERM", "0.70"), ("FIN", "FINAL", "0.30")))
    assert r.status_code == 400
    assert 'data-testid="plan-table-error"' in r.content.decode()  # the rule's sentence above the table
    assert 'value="0.70"' in r.content.decode()  # the rows typed are kept
    assert 'data-testid="form-error"' in r.content.decode()
    assert not m.AssessmentPlan.objects.exists()
    r = client(pg.instructor).post(f"/postgrad/courses/{pg.offering.pk}/plan/", _plan(("MID1", "GARBAGE", "x"), date="x"))
    assert r.status_code == 400


def test_exam_before_the_table_in_force_is_a_clear_error(pg: SimpleNamespace) -> None:
    with pytest.raises(ValidationError) as exc:
        services.assessment_plan_set(actor=pg.instructor, offering=pg.offering, components=PLAN, final_exam_date=dt.date(2023, 1, 10))
    assert "final_exam_date" in exc.value.message_dict
    r = client(pg.instructor).post(f"/postgrad/courses/{pg.offering.pk}/plan/", _plan(("MID1", "MIDTERM", "0.40"), ("FIN", "FINAL", "0.60"), date="2023-01-10"))
    assert r.status_code == 400 and "KTMU-EN-2" in r.content.decode()


def test_bad_score_input_changes_nothing(pg: SimpleNamespace) -> None:
    services.assessment_plan_set(actor=pg.instructor, offering=pg.offering, components=PLAN, final_exam_date=EXAM)
    for bad in ("abc", "101", "-1", "NaN"):
        r = client(pg.instructor).post(f"/postgrad/courses/{pg.offering.pk}/scores/", {"enrolment": pg.e1.pk, "score_MID1": bad, "score_FIN": "50"})
        assert r.status_code == 400
    assert not Grade.objects.exists() and not m.ScoreSheet.objects.exists()


def test_midterm_below_50_fails_and_missing_final_is_f2(pg: SimpleNamespace) -> None:
    services.assessment_plan_set(actor=pg.instructor, offering=pg.offering, components=PLAN, final_exam_date=EXAM)
    assert services.scores_enter(actor=pg.instructor, enrolment=pg.e1, scores={"MID1": "49", "FIN": "100"}).letter == "FF"
    assert services.scores_enter(actor=pg.instructor, enrolment=pg.e2, scores={"MID1": "80", "FIN": ""}).letter == "F2"


# --- attendance (KTMU-30(1)-2) ------------------------------------------------------------------------


@pytest.mark.rule("KTMU-30(1)-2")
@pytest.mark.parametrize(("attended", "letter"), [(7, "CB"), (6, "F1")])
def test_attendance_register_exactly_70_percent_admits_to_final(pg: SimpleNamespace, attended: int, letter: str) -> None:
    sessions(pg, attended)
    assert m.AttendanceMark.objects.filter(enrolment=pg.e1, present=True).count() == attended
    services.assessment_plan_set(actor=pg.instructor, offering=pg.offering, components=PLAN, final_exam_date=EXAM)
    assert services.scores_enter(actor=pg.instructor, enrolment=pg.e1, scores={"MID1": "60", "FIN": "80"}).letter == letter
    page = client(pg.instructor).get(f"/postgrad/courses/{pg.offering.pk}/").content.decode()
    assert f"{attended}/10" in page


def test_only_the_instructor_records_attendance(pg: SimpleNamespace) -> None:
    for actor in (pg.other, pg.officer, pg.admin):
        with pytest.raises(PermissionDenied):
            services.attendance_session_add(actor=actor, offering=pg.offering, held_on=dt.date(2026, 9, 7), kind="theory", present=set())
    with pytest.raises(ValidationError):
        services.attendance_session_add(actor=pg.instructor, offering=pg.offering, held_on=dt.date(2026, 3, 1), kind="theory", present=set())
    assert not m.AttendanceSession.objects.exists()


# --- supervision -------------------------------------------------------------------------------------


@pytest.mark.rule("KTMU-21(3)-1")
def test_proposal_shows_load_and_student_preference(pg: SimpleNamespace) -> None:
    other_student = Student.objects.get(pk=pg.st2.pk)
    s1 = services.supervision_propose(actor=pg.officer, student=other_student, role="SUPERVISOR", staff=pg.s_sup, on=dt.date(2026, 9, 10))
    services.supervision_appoint(actor=pg.officer, supervision=s1, decision=pg.adopted)
    sup = services.supervision_propose(actor=pg.officer, student=pg.st, role="SUPERVISOR", staff=pg.s_sup, student_preference="Машиналык үйрөнүү темасы")
    page = client(pg.officer).get(f"/postgrad/supervision/{sup.pk}/").content.decode()
    assert 'data-testid="load">1<' in page
    assert "Машиналык үйрөнүү темасы" in page
    form = client(pg.officer).get(f"/postgrad/supervision/new/?staff={pg.s_sup.pk}").content.decode()
    assert 'data-testid="candidate-load"' in form


def test_appointment_needs_an_adopted_board_decision(pg: SimpleNamespace) -> None:
    sup = services.supervision_propose(actor=pg.officer, student=pg.st, role="SUPERVISOR", staff=pg.s_sup)
    with pytest.raises(ValidationError):
        services.supervision_appoint(actor=pg.officer, supervision=sup, decision=pg.draft)
    done = services.supervision_appoint(actor=pg.officer, supervision=sup, decision=pg.adopted)
    assert done.status == "ACTIVE" and done.started_on == pg.adopted.date
    with pytest.raises(PermissionDenied):
        services.supervision_propose(actor=pg.other_dean, student=pg.st, role="SUPERVISOR", staff=pg.s_sup)


@pytest.mark.rule("KTMU-21(6)-2")
@pytest.mark.rule("KTMU-22(1)-3")
def test_external_second_supervisor_may_supervise_online_local_may_not(pg: SimpleNamespace) -> None:
    ext = services.supervision_propose(actor=pg.officer, student=pg.st, role="SUPERVISOR2", external_name="Prof. Dr. Ayşe Yılmaz",
                                       external_institution="Ankara Üniversitesi", external_country="tr", mode="ONLINE")
    assert ext.is_external and ext.staff is None and ext.mode == "ONLINE" and ext.external_country == "TR"
    with pytest.raises(ValidationError) as exc:
        services.supervision_propose(actor=pg.officer, student=pg.st, role="SUPERVISOR", staff=pg.s_sup, mode="ONLINE")
    assert "mode" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        services.supervision_propose(actor=pg.officer, student=pg.st, role="SUPERVISOR", external_name="X", external_institution="Y", external_country="TR")
    assert "external_name" in exc.value.message_dict
    r = client(pg.officer).post("/postgrad/supervision/new/", {"student": pg.st.pk, "role": "SUPERVISOR", "staff": pg.s_sup.pk, "mode": "ONLINE"})
    assert r.status_code == 400 and 'id="id_mode-error"' in r.content.decode()
    assert m.Supervision.objects.count() == 1


@pytest.mark.rule("KTMU-21(9)-1")
def test_supervisor_leaving_creates_a_task_for_the_institute(pg: SimpleNamespace) -> None:
    sup = services.supervision_propose(actor=pg.officer, student=pg.st, role="SUPERVISOR", staff=pg.s_sup)
    services.supervision_appoint(actor=pg.officer, supervision=sup, decision=pg.adopted)
    r = client(pg.officer).post(f"/postgrad/staff/{pg.s_sup.pk}/left/", {"ended_on": "2026-11-30"})
    assert r.status_code == 302
    task = m.SupervisionTask.objects.get()
    assert task.status == "OPEN" and task.supervision == sup
    listing = client(pg.officer).get("/postgrad/tasks/").content.decode()
    assert str(pg.st.person) in listing
    with pytest.raises(ValidationError):
        services.task_resolve(actor=pg.officer, task=task, resolution="CONTINUE_ONLINE", note="")
    services.task_resolve(actor=pg.officer, task=task, resolution="CONTINUE_ONLINE", note="Окутуучу 2026-11-25 макулдугун берди")
    sup.refresh_from_db()
    assert sup.mode == "ONLINE" and sup.status == "ACTIVE"
    assert client(pg.outsider).get(f"/postgrad/tasks/{task.pk}/").status_code == 404


@pytest.mark.rule("KTMU-21(4)-1")
@pytest.mark.rule("KTMU-21(5)-1")
@pytest.mark.rule("KTMU-21(11)-1")
@pytest.mark.rule_table("KTMU-40-1")  # shown/driven here, evaluated elsewhere
def test_implementing_rule_sets_are_recorded_and_shown_where_they_apply(pg: SimpleNamespace) -> None:
    senate_rule = type(pg.adopted).objects.create(body=pg.senate, number="2021-08", date=dt.date(2021, 8, 26), title="Жоболор", status="adopted")
    with pytest.raises(PermissionDenied):
        services.ruleset_create(actor=pg.officer, institution=pg.ktmu, name="X", scope="SUPERVISION", adopted_on=dt.date(2021, 8, 26))
    ma = services.ruleset_create(actor=pg.secretary, institution=pg.ktmu, name="Магистратура жобосу", scope="SUPERVISION", level="master",
                                 adopted_on=dt.date(2021, 8, 26), adopted_by=senate_rule, rule_ids="KTMU-21(4)-1")
    phd = services.ruleset_create(actor=pg.secretary, institution=pg.ktmu, name="Докторантура жобосу", scope="SUPERVISION", level="doctorate",
                                  adopted_on=dt.date(2021, 8, 26), rule_ids="KTMU-21(5)-1")
    sup_rules = services.ruleset_create(actor=pg.secretary, institution=pg.ktmu, name="Илимий жетекчилик жобосу", scope="SUPERVISION",
                                        adopted_on=dt.date(2021, 8, 26), rule_ids="KTMU-21(11)-1")
    thesis = services.ruleset_create(actor=pg.secretary, institution=pg.ktmu, name="Диссертация жазуу эрежелери", scope="THESIS",
                                     adopted_on=dt.date(2021, 8, 26), rule_ids="KTMU-40-1")
    sup = services.supervision_propose(actor=pg.officer, student=pg.st, role="SUPERVISOR", staff=pg.s_sup)
    page = client(pg.officer).get(f"/postgrad/supervision/{sup.pk}/").content.decode()
    assert ma.name in page and sup_rules.name in page and thesis.name in page and "№2021-08" in page
    assert phd.name not in page  # a doctoral rule set does not apply to a master's student
    assert client(pg.officer).get(f"/postgrad/rule-sets/{ma.pk}/").status_code == 200


# --- exam schedules -----------------------------------------------------------------------------------


@pytest.mark.rule("KTMU-31(4)-3")
def test_special_exam_schedule_is_published_on_the_public_institute_page(pg: SimpleNamespace) -> None:
    services.exam_entry_create(actor=pg.officer, institute=pg.inst, kind="SPECIAL", offering=pg.offering, exam_date=dt.date(2026, 12, 7),
                               starts_at=dt.time(10, 0), room="B-204")
    anon = Client()
    page = anon.get(f"/postgrad/institutes/{pg.inst.pk}/exams/")
    assert page.status_code == 200 and "CS-MA501" in page.content.decode() and "B-204" in page.content.decode()
    assert anon.get(f"/postgrad/institutes/{pg.fos.pk}/exams/").status_code == 404
    assert client(pg.outsider).get("/postgrad/exams/").status_code == 403
    with pytest.raises(PermissionDenied):
        services.exam_entry_create(actor=pg.other_dean, institute=pg.inst, kind="SPECIAL", offering=pg.offering, exam_date=dt.date(2026, 12, 8),
                                   starts_at=dt.time(10, 0), room="B-1")
    assert m.ExamScheduleEntry.objects.count() == 1


@pytest.mark.rule("KTMU-31(5)-2")
def test_excuse_exam_needs_board_decision_and_notifies_fos_head(pg: SimpleNamespace, django_capture_on_commit_callbacks: object) -> None:
    with pytest.raises(ValidationError) as exc:
        services.exam_entry_create(actor=pg.officer, institute=pg.inst, kind="EXCUSE", offering=pg.offering, exam_date=dt.date(2026, 11, 28),
                                   starts_at=dt.time(14, 0), room="A-110")
    assert "decision" in exc.value.message_dict
    with pytest.raises(ValidationError):
        services.exam_entry_create(actor=pg.officer, institute=pg.inst, kind="EXCUSE", offering=pg.offering, exam_date=dt.date(2026, 11, 28),
                                   starts_at=dt.time(14, 0), room="A-110", decision=pg.draft)
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        e = services.exam_entry_create(actor=pg.officer, institute=pg.inst, kind="EXCUSE", offering=pg.offering, exam_date=dt.date(2026, 11, 28),
                                       starts_at=dt.time(14, 0), room="A-110", decision=pg.adopted)
    assert e.published_on and e.notified_on
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["fos_head@example.kg"] and "№2026-10.1" in mail.outbox[0].body
    assert "№2026-10.1" in Client().get(f"/postgrad/institutes/{pg.inst.pk}/exams/").content.decode()


# --- records ------------------------------------------------------------------------------------------


@pytest.mark.rule("KTMU-15(3)-2")
@pytest.mark.rule("KTMU-16(2)-2")
def test_semester_scoped_enrolments_are_marked(pg: SimpleNamespace) -> None:
    services.semester_scope_set(actor=pg.officer, student=pg.st, term=pg.term, kind="SPECIAL_STATUS")
    with pytest.raises(ValidationError):
        services.semester_scope_set(actor=pg.officer, student=pg.st, term=pg.term, kind="INCOMING_EXCHANGE", home_institution="X")
    with pytest.raises(ValidationError):
        services.semester_scope_set(actor=pg.officer, student=pg.st2, term=pg.term, kind="INCOMING_EXCHANGE")
    services.semester_scope_set(actor=pg.officer, student=pg.st2, term=pg.term, kind="INCOMING_EXCHANGE", home_institution="Ankara Üniversitesi")
    page = client(pg.student_user).get(f"/postgrad/students/{pg.st.pk}/").content.decode()
    assert 'data-testid="semester-only"' in page


@pytest.mark.rule("KTMU-17(5)-2")
@pytest.mark.rule("KTMU-29(3)-1")
@pytest.mark.rule("KTMU-32(7)-1")
def test_host_grade_stored_as_received_and_converted_by_agreement_table(pg: SimpleNamespace) -> None:
    agreement = Agreement.objects.create(partner=pg.partner, starts_on=dt.date(2022, 9, 1),
                                         conversion_table=[{"grade": "BA", "score_100": "87"}, {"grade": "CC", "score_100": "70"}])
    table_before = list(agreement.conversion_table)
    hg = services.host_grade_record(actor=pg.officer, student=pg.st, host=pg.partner, agreement=agreement, course_title="Veri Madenciliği",
                                    host_grade="ba", host_scale="Ankara 4-point letters", ects=Decimal(6), semester="2025-AUTUMN", received_on=dt.date(2026, 2, 1))
    assert hg.host_grade == "ba" and hg.host_scale == "Ankara 4-point letters"
    assert hg.converted_score == Decimal("87") and hg.ktmu_letter == "BA"
    agreement.refresh_from_db()
    assert agreement.conversion_table == table_before
    unknown = services.host_grade_record(actor=pg.officer, student=pg.st, host=pg.partner, agreement=agreement, course_title="Seminer",
                                         host_grade="S", host_scale="pass/fail", ects=Decimal(2), semester="2025-AUTUMN", received_on=dt.date(2026, 2, 1))
    assert unknown.converted_score is None and unknown.ktmu_letter == "" and unknown.host_grade == "S"
    assert "Veri Madenciliği" in client(pg.student_user).get(f"/postgrad/students/{pg.st.pk}/").content.decode()


@pytest.mark.rule("KTMU-36(10)-1")
def test_external_remedy_is_recorded_with_history(pg: SimpleNamespace) -> None:
    with pytest.raises(ValidationError):
        services.external_remedy_record(actor=pg.officer, student=pg.st, filed_on=dt.date(2026, 11, 1), note=" ")
    r = services.external_remedy_record(actor=pg.officer, student=pg.st, filed_on=dt.date(2026, 11, 1), note="Бишкек шаардык сотуна арыз", decision=pg.adopted)
    assert history(r).count() == 1
    with pytest.raises(PermissionDenied):
        services.external_remedy_record(actor=pg.student_user, student=pg.st, filed_on=dt.date(2026, 11, 1), note="x")


@pytest.mark.rule("KTMU-37(6)-1")
def test_resume_after_leave_keeps_enrolments_and_grades(pg: SimpleNamespace) -> None:
    services.assessment_plan_set(actor=pg.instructor, offering=pg.offering, components=PLAN, final_exam_date=EXAM)
    services.scores_enter(actor=pg.instructor, enrolment=pg.e1, scores={"MID1": "60", "FIN": "80"})
    Student.objects.filter(pk=pg.st.pk).update(status=Student.Status.ACADEMIC_LEAVE)
    before = (list(Enrolment.objects.filter(student=pg.st).values()), list(Grade.objects.filter(enrolment__student=pg.st).values()))
    r = client(pg.officer).post(f"/postgrad/students/{pg.st.pk}/resume/")
    assert r.status_code == 302
    st = Student.objects.get(pk=pg.st.pk)
    assert st.status == Student.Status.ACTIVE
    assert (list(Enrolment.objects.filter(student=pg.st).values()), list(Grade.objects.filter(enrolment__student=pg.st).values())) == before
    assert history(st).filter(reason="KTMU-37(6)-1").exists()
    with pytest.raises(ValidationError):
        services.student_resume_after_leave(actor=pg.officer, student=st)


@pytest.mark.rule("KTMU-42-1")
def test_disciplinary_case_dismissal_triggers_ground_j(pg: SimpleNamespace) -> None:
    case = services.disciplinary_case_open(actor=pg.officer, student=pg.st, opened_on=dt.date(2026, 10, 1), summary="Сынакта көчүрүү")
    assert case.institute == pg.inst
    with pytest.raises(ValidationError):
        services.disciplinary_case_decide(actor=pg.officer, case=case, outcome="DISMISSAL", decided_on=dt.date(2026, 9, 1))
    done = services.disciplinary_case_decide(actor=pg.officer, case=case, outcome="DISMISSAL", decided_on=dt.date(2026, 10, 20))
    assert done.ground_explanation["rule_ids"] == ["KTMU-39(1)j-1"] and done.ground_explanation["result"] == "FAIL"
    page = client(pg.officer).get(f"/postgrad/cases/{case.pk}/").content.decode()
    assert "39" in page
    other = services.disciplinary_case_open(actor=pg.officer, student=pg.st, opened_on=dt.date(2026, 10, 1), summary="Кечигүү")
    assert services.disciplinary_case_decide(actor=pg.officer, case=other, outcome="WARNING", decided_on=dt.date(2026, 10, 2)).ground_explanation["result"] == "PASS"
    assert client(pg.other_dean).get(f"/postgrad/cases/{case.pk}/").status_code == 404


@pytest.mark.rule("KTMU-44-1")
def test_not_covered_decision_with_legal_reference(pg: SimpleNamespace) -> None:
    with pytest.raises(ValidationError) as exc:
        services.not_covered_record(actor=pg.secretary, body=pg.board, number="2026-11.9", date=dt.date(2026, 11, 20), title="T", text="t",
                                    jurisdiction="KG", legal_reference="")
    assert "legal_reference" in exc.value.message_dict
    matter = services.not_covered_record(actor=pg.secretary, body=pg.board, number="2026-11.9", date=dt.date(2026, 11, 20), title="Өзгөчө жагдай",
                                         text="Нускамада каралбаган", jurisdiction="KG", legal_reference="КР Билим берүү жөнүндө мыйзамы, 12-берене", student=pg.st)
    assert matter.decision.subject_type == "postgrad.not_covered" and matter.decision.status == "draft"


# --- permissions and pages -----------------------------------------------------------------------------


def test_outsider_and_other_institute_see_nothing(pg: SimpleNamespace) -> None:
    services.assessment_plan_set(actor=pg.instructor, offering=pg.offering, components=PLAN, final_exam_date=EXAM)
    urls = ["/postgrad/courses/", f"/postgrad/courses/{pg.offering.pk}/", "/postgrad/supervision/", "/postgrad/students/", f"/postgrad/students/{pg.st.pk}/"]
    for url in urls:
        assert client(pg.outsider).get(url).status_code in (403, 404), url
    assert client(pg.other_dean).get(f"/postgrad/students/{pg.st.pk}/").status_code == 404
    assert client(pg.other).get(f"/postgrad/courses/{pg.offering.pk}/").status_code == 404  # not their course
    assert client(pg.student_user).get(f"/postgrad/students/{pg.st2.pk}/").status_code == 404
    assert client(pg.student_user).get("/postgrad/students/me/").status_code == 302
    listing = client(pg.officer).get("/postgrad/students/?q=Асанов1").content.decode()
    assert pg.st.student_number in listing and pg.st2.student_number not in listing
