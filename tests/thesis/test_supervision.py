"""W-12 supervisors (KTMU arts 21–23): interim FoS head, appointment within the month, eligibility, second and
foreign supervisors (cap of 2, ERRATA 27), change on a justified application with the thesis-submission
lock, the mandatory change without lock, suspension, continuing online."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from bilim.apps.postgrad.models import Supervision
from bilim.apps.thesis import models as m
from bilim.apps.thesis import services as s
from bilim.apps.workflow.services import TransitionRefused

D = dt.date


def appointed(th: Any, student: Any, staff: Any, start: D = D(2025, 9, 15)) -> m.SupervisionFile:
    file = s.supervision_file_open(actor=th.fos_head, student=student, course_selection_start=start, on=start)
    app = s.supervisor_application_submit(actor=th.fos_head, file=file, kind="APPOINT", applicant="FOS_COUNCIL", staff=staff,
                                          student_preference="Машинаны үйрөнүү темасы", on=start)
    s.supervisor_propose(actor=th.fos_head, app=app, proposal=th.decide(th.council, start + dt.timedelta(days=10), file), on=start + dt.timedelta(days=10))
    s.supervisor_appoint(actor=th.secretary, file=file, decision=th.decide(th.board, start + dt.timedelta(days=20), file), on=start + dt.timedelta(days=20))
    file.refresh_from_db()
    return file


def thesis_stage(th: Any, student: Any, topic_on: D = D(2026, 3, 1)) -> m.ThesisFile:
    """Coursework, (doctoral) qualifying exam and an approved proposal: the thesis-writing stage."""
    tf = s.thesis_file(student)
    s.coursework_completed(actor=th.officer, file=tf, on=D(2026, 1, 20))
    if student.level == "doctorate":
        s.qualifying_exam_record(actor=th.officer, file=tf, held_on=D(2026, 2, 1), passed=True)
    p = s.proposal_submit(actor=student.person.user, file=tf, title="Кыргыз тилиндеги тексттерди автоматтык талдоо", summary="Максаты…", on=D(2026, 2, 10))
    s.proposal_decide(actor=th.officer, proposal=p, result="APPROVED", commission=[th.s4, th.s5, th.s6], decision=th.decide(th.board, topic_on))
    tf.refresh_from_db()
    return tf


@pytest.mark.workflow("W-12")
@pytest.mark.rule("KTMU-21(1)-2", "KTMU-21(2)-1", "KTMU-21(1)-1")
def test_interim_fos_head_then_appointment_in_time(th: Any) -> None:
    # the institute officer is not the FoS head: the interim step is the FoS head's (W-12 row 1)
    with pytest.raises(TransitionRefused):
        s.supervision_file_open(actor=th.officer, student=th.phd_st, course_selection_start=D(2025, 9, 15), on=D(2025, 9, 15))
    assert not m.SupervisionFile.objects.exists()
    file = s.supervision_file_open(actor=th.fos_head, student=th.phd_st, course_selection_start=D(2025, 9, 15), on=D(2025, 9, 15))
    assert file.state == "INTERIM"
    # an instructor without an academic title is not eligible (KTMU-21(2)-1): refused, nothing written
    bad = s.supervisor_application_submit(actor=th.fos_head, file=file, kind="APPOINT", applicant="FOS_COUNCIL", staff=th.no_title)
    with pytest.raises(TransitionRefused) as exc:
        s.supervisor_propose(actor=th.fos_head, app=bad, proposal=th.decide(th.council, D(2025, 9, 25), file))
    assert "KTMU-21(2)-1" in exc.value.explanations[0].rule_ids
    assert not Supervision.objects.filter(student=th.phd_st).exists()
    good = s.supervisor_application_submit(actor=th.fos_head, file=file, kind="APPOINT", applicant="FOS_COUNCIL", staff=th.s1, student_preference="тема")
    s.supervisor_propose(actor=th.fos_head, app=good, proposal=th.decide(th.council, D(2025, 9, 26), file))
    file.refresh_from_db()
    assert file.state == "PROPOSED"
    # a decision of the wrong body cannot appoint
    with pytest.raises(TransitionRefused):
        s.supervisor_appoint(actor=th.secretary, file=file, decision=th.decide(th.council, D(2025, 10, 10), file))
    # the last day of the month counts (15 Sep → 15 Oct): PASS, not a warning
    tr = s.supervisor_appoint(actor=th.secretary, file=file, decision=th.decide(th.board, D(2025, 10, 15), file))
    assert tr.target == "SUPERVISED" and tr.explanation[0]["result"] == "PASS"
    sup = Supervision.objects.get(student=th.phd_st)
    assert sup.status == "ACTIVE" and sup.staff == th.s1 and sup.student_preference == "тема"
    good.refresh_from_db()
    assert not good.pending and good.supervision == sup


@pytest.mark.workflow("W-12")
@pytest.mark.rule("KTMU-21(1)-1")
def test_late_appointment_is_recorded_as_late_not_blocked(th: Any) -> None:
    file = s.supervision_file_open(actor=th.fos_head, student=th.ma_st, course_selection_start=D(2025, 9, 15), on=D(2025, 9, 15))
    app = s.supervisor_application_submit(actor=th.fos_head, file=file, kind="APPOINT", applicant="FOS_COUNCIL", staff=th.s2)
    s.supervisor_propose(actor=th.fos_head, app=app, proposal=th.decide(th.council, D(2025, 10, 1), file))
    tr = s.supervisor_appoint(actor=th.secretary, file=file, decision=th.decide(th.board, D(2025, 10, 16), file))
    assert tr.target == "SUPERVISED" and tr.explanation[0]["result"] == "WARN"


@pytest.mark.workflow("W-12")
@pytest.mark.rule("KTMU-22(1)-1", "KTMU-22(1)-2", "KTMU-21(7)-1", "KTMU-21(6)-1", "KTMU-4-8")
def test_second_and_foreign_supervisors(th: Any) -> None:
    file = appointed(th, th.phd_st, th.s1)
    # second supervisor before the topic is approved: refused (22(1)-2)
    second = s.supervisor_application_submit(actor=th.officer, file=file, kind="SECOND", applicant="SUPERVISOR",
                                             justification="Тема эки тармакты камтыйт", external_name="Prof. Dr. Ayşe Yılmaz",
                                             external_institution="Ankara Üniversitesi", external_country="TR", external_has_degree_and_title=True, online=True,
                                             on=D(2026, 1, 5))
    second.proposal = th.decide(th.council, D(2026, 1, 10))
    second.save()
    with pytest.raises(TransitionRefused) as exc:
        s.second_supervisor_add(actor=th.secretary, app=second, decision=th.decide(th.board, D(2026, 1, 20), file))
    assert any("KTMU-22(1)-2" in e.rule_ids for e in exc.value.explanations)
    # foreign supervisor before coursework and the qualifying exam: not due yet (21(6)-1)
    foreign = s.supervisor_application_submit(actor=th.officer, file=file, kind="FOREIGN", applicant="FOS_COUNCIL", external_name="Prof. Dr. Hans Weber",
                                              external_institution="TU München", external_country="DE", external_has_degree_and_title=True, online=True)
    with pytest.raises(TransitionRefused) as exc:
        s.foreign_supervisor_add(actor=th.secretary, app=foreign, decision=th.decide(th.board, D(2026, 1, 21), file))
    assert any("KTMU-21(6)-1" in e.rule_ids for e in exc.value.explanations)
    thesis_stage(th, th.phd_st)
    s.second_supervisor_add(actor=th.secretary, app=second, decision=th.decide(th.board, D(2026, 3, 10), file))
    s.foreign_supervisor_add(actor=th.secretary, app=foreign, decision=th.decide(th.board, D(2026, 3, 11), file))
    roles = set(Supervision.objects.filter(student=th.phd_st, status="ACTIVE").values_list("role", flat=True))
    assert roles == {"SUPERVISOR", "SUPERVISOR2", "FOREIGN_SUPERVISOR"}
    assert Supervision.objects.get(student=th.phd_st, role="FOREIGN_SUPERVISOR").mode == "ONLINE"


@pytest.mark.workflow("W-12")
@pytest.mark.rule("KTMU-21(7)-1", "KTMU-21(8)-1")
def test_foreign_cap_counts_second_supervision_errata_27(th: Any) -> None:
    from bilim.apps.people.models import Person, Student

    def doctoral(n: int) -> Any:
        from bilim.apps.accounts.models import User

        p = Person.objects.create(user=User.objects.create_user(username=f"d{n}", password="x"), last_name=f"Докторант{n}", first_name="Д")
        return Student.objects.create(person=p, institution=th.ktmu, unit=th.inst, programme=th.phd, student_number=f"D{n}", level="doctorate")

    kw = {"external_name": "Prof. Dr. Ayşe Yılmaz", "external_institution": "Ankara Üniversitesi", "external_country": "TR",
          "external_has_degree_and_title": True, "justification": "Эки тармак"}
    files = []
    for i, st in enumerate([th.phd_st, doctoral(3), doctoral(4)]):
        file = appointed(th, st, th.s1)
        thesis_stage(th, st, topic_on=D(2026, 3, 1))
        files.append(file)
        app = s.supervisor_application_submit(actor=th.officer, file=file, kind="SECOND", applicant="SUPERVISOR", on=D(2026, 3, 2), **kw)
        app.proposal = th.decide(th.council, D(2026, 3, 5))
        app.save()
        dec = th.decide(th.board, D(2026, 3, 10 + i), file)
        if i < 2:
            s.second_supervisor_add(actor=th.secretary, app=app, decision=dec)
        else:  # the third doctoral student of the same Turkish-HEI scholar: over the cap of 2
            with pytest.raises(TransitionRefused) as exc:
                s.second_supervisor_add(actor=th.secretary, app=app, decision=dec)
            assert any("KTMU-21(7)-1" in e.rule_ids for e in exc.value.explanations)
    # the KTMU stand-in (21(8)): with foreign-HEI experience accepted, without refused
    stand_in = s.supervisor_application_submit(actor=th.officer, file=files[2], kind="FOREIGN", applicant="FOS_COUNCIL", staff=th.s7)
    with pytest.raises(TransitionRefused):
        s.foreign_supervisor_add(actor=th.secretary, app=stand_in, decision=th.decide(th.board, D(2026, 4, 1), files[2]))
    stand_in.foreign_hei_experience = True
    stand_in.save()
    s.foreign_supervisor_add(actor=th.secretary, app=stand_in, decision=th.decide(th.board, D(2026, 4, 2), files[2]))
    assert Supervision.objects.get(student=files[2].student, role="FOREIGN_SUPERVISOR").staff == th.s7


@pytest.mark.workflow("W-12")
@pytest.mark.rule("KTMU-23(1)-1", "KTMU-23(2)-1")
def test_change_on_application_locks_submission_two_semesters(th: Any) -> None:
    file = appointed(th, th.phd_st, th.s1)
    thesis_stage(th, th.phd_st)
    assert m.SupervisionFile.objects.get(pk=file.pk).stage == "THESIS"
    # the student applies; a change without justification is refused at the door
    with pytest.raises(ValidationError):
        s.supervisor_application_submit(actor=th.phd_user, file=file, kind="CHANGE", applicant="STUDENT", justification=" ")
    # the student may not record other kinds
    with pytest.raises(PermissionDenied):
        s.supervisor_application_submit(actor=th.phd_user, file=file, kind="MANDATORY", applicant="DIRECTOR", justification="x", staff=th.s2)
    app = s.supervisor_application_submit(actor=th.phd_user, file=file, kind="CHANGE", applicant="STUDENT",
                                          justification="Илимий багытым өзгөрдү", on=D(2026, 3, 20))
    s.supervisor_application_set_candidate(actor=th.fos_head, app=app, staff=th.s2)
    # the Board cannot decide before the FoS council has proposed (23(1)-1 chain)
    with pytest.raises(TransitionRefused) as exc:
        s.supervisor_change(actor=th.secretary, app=app, decision=th.decide(th.board, D(2026, 4, 1), file))
    assert "KTMU-23(1)-1" in exc.value.explanations[0].rule_ids
    s.supervisor_change_propose(actor=th.fos_head, app=app, proposal=th.decide(th.council, D(2026, 4, 2)))
    tr = s.supervisor_change(actor=th.secretary, app=app, decision=th.decide(th.board, D(2026, 4, 10), file))
    assert tr.target == "THESIS_LOCK"
    file.refresh_from_db()
    # decision in spring 2026 → two semesters later: spring 2027 starts 10 Feb 2027
    assert file.lock_until == D(2027, 2, 10)
    assert Supervision.objects.get(student=th.phd_st, staff=th.s1).status == "ENDED"
    assert Supervision.objects.get(student=th.phd_st, staff=th.s2).status == "ACTIVE"
    # suspension while on academic leave keeps the lock
    assert s.supervision_sync_status(actor=None, file=file, semester_status="ACADEMIC_LEAVE", on=D(2026, 5, 1)).target == "SUSPENDED_LOCKED"
    assert s.supervision_sync_status(actor=None, file=file, semester_status="REGISTERED", on=D(2026, 9, 10)).target == "THESIS_LOCK"
    # the lock is not over the day before
    with pytest.raises(TransitionRefused):
        s.supervision_lock_release(actor=None, file=file, on=D(2027, 2, 9))
    assert s.supervision_lock_release(actor=None, file=file, on=D(2027, 2, 10)).target == "SUPERVISED"


@pytest.mark.workflow("W-12")
@pytest.mark.rule("KTMU-23(1)-2", "KTMU-21(10)-1")
def test_mandatory_change_without_lock_suspension_and_online(th: Any) -> None:
    file = appointed(th, th.ma_st, th.s1)
    thesis_stage(th, th.ma_st)
    app = s.supervisor_application_submit(actor=th.officer, file=file, kind="MANDATORY", applicant="DIRECTOR", staff=th.s_sup,
                                          justification="Жетекчи узак мөөнөткө ооруп калды", on=D(2026, 4, 1))
    assert s.supervisor_change(actor=th.secretary, app=app, decision=th.decide(th.board, D(2026, 4, 10), file)).target == "SUPERVISED"
    file.refresh_from_db()
    assert file.lock_until is None
    assert s.supervision_sync_status(actor=None, file=file, semester_status="LEAVE", on=D(2026, 5, 1)).target == "SUSPENDED"
    assert s.supervision_sync_status(actor=None, file=file, semester_status="REGISTERED", on=D(2026, 9, 10)).target == "SUPERVISED"
    # only the supervisor themselves may continue online (21(9)-1)
    with pytest.raises(TransitionRefused):
        s.supervisor_continue_online(actor=th.outsider, file=file, note="каалайм")
    assert s.supervisor_continue_online(actor=th.sup_user, file=file, note="Онлайн улантууга макулмун").target == "SUPERVISED"


@pytest.mark.workflow("W-12")
@pytest.mark.rule("KTMU-23(2)-1")
def test_change_at_coursework_stage_has_no_lock(th: Any) -> None:
    file = appointed(th, th.ma_st, th.s1)
    app = s.supervisor_application_submit(actor=th.ma_user, file=file, kind="CHANGE", applicant="STUDENT", justification="Башка тема", on=D(2025, 10, 20))
    s.supervisor_application_set_candidate(actor=th.fos_head, app=app, staff=th.s3)
    s.supervisor_change_propose(actor=th.fos_head, app=app, proposal=th.decide(th.council, D(2025, 11, 1)))
    s.supervisor_change(actor=th.secretary, app=app, decision=th.decide(th.board, D(2025, 11, 10), file), on=D(2025, 11, 10))
    file.refresh_from_db()
    assert file.state == "SUPERVISED" and file.lock_until is None


def test_permissions(th: Any) -> None:
    from bilim.apps.thesis import selectors as sel

    file = appointed(th, th.ma_st, th.s1)
    assert sel.visible(th.officer, m.SupervisionFile).filter(pk=file.pk).exists()
    assert sel.visible(th.ma_user, m.SupervisionFile).filter(pk=file.pk).exists()
    assert not sel.visible(th.phd_user, m.SupervisionFile).filter(pk=file.pk).exists()
    assert not sel.visible(th.other_dean, m.SupervisionFile).filter(pk=file.pk).exists()
    assert not sel.visible(th.outsider, m.SupervisionFile).exists()
    with pytest.raises(PermissionDenied):
        s.supervisor_application_submit(actor=th.other_dean, file=file, kind="SECOND", applicant="SUPERVISOR", justification="x", staff=th.s2)


@pytest.mark.workflow("W-12", "W-11")
def test_body_decisions_fire_waiting_steps_through_perform(th: Any) -> None:
    """The governance app fires a waiting step with the adopted decision (registry.perform_step)."""
    from bilim.apps.workflow.registry import perform_step
    from bilim.apps.workflow.selectors import pending_for_body

    file = s.supervision_file_open(actor=th.fos_head, student=th.ma_st, course_selection_start=D(2025, 9, 15), on=D(2025, 9, 15))
    s.supervisor_application_submit(actor=th.fos_head, file=file, kind="APPOINT", applicant="FOS_COUNCIL", staff=th.s1, on=D(2025, 9, 15))
    perform_step(obj=file, workflow_code="KTMU-W-12", action="propose_supervisor", actor=th.fos_head, decision=th.decide(th.council, D(2025, 9, 25), file))
    file.refresh_from_db()
    assert file.state == "PROPOSED"
    # the file waits in the Institute Board's queue (its remit: the student's institute), not in another institute's
    waiting = [(p.obj, p.step.action) for p in pending_for_body(th.board)]
    assert (file, "appoint") in waiting
    perform_step(obj=file, workflow_code="KTMU-W-12", action="appoint", actor=th.secretary, decision=th.decide(th.board, D(2025, 10, 1), file))
    file.refresh_from_db()
    assert file.state == "SUPERVISED"
    plan = s.spp_propose(actor=th.officer, student=th.phd_st, prior_degree_field="Biology", prior_degree_from_ktmu=False, semesters=1,
                         courses=[{"code": "B1", "semester": 1, "source_level": "BACHELOR"}, {"code": "B2", "semester": 1, "source_level": "MA"}],
                         total_ects="10", proposal=th.decide(th.council, D(2025, 9, 10)), on=D(2025, 9, 10))
    perform_step(obj=plan, workflow_code="KTMU-W-11", action="decide", actor=th.secretary, decision=th.decide(th.board, D(2025, 9, 20), plan))
    plan.refresh_from_db()
    assert plan.state == "IN_SPP"


@pytest.mark.rule("KTMU-21(1)-2")
def test_effective_supervisor_is_the_fos_head_until_appointment(th: Any) -> None:
    from bilim.apps.thesis.selectors import effective_supervisor

    before = effective_supervisor(th.ma_st, on=D(2025, 9, 16))
    assert before["is_fos_head"] and before["user"] == th.fos_head
    appointed(th, th.ma_st, th.s_sup)
    after = effective_supervisor(th.ma_st, on=D(2025, 10, 20))
    assert not after["is_fos_head"] and after["user"] == th.sup_user
