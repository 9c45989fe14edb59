"""Thesis to degree (art. 40: qualifying exam, proposal and its review commission, progress reports, submission,
jury, defence, degree and supplement data) and W-16d, the thesis-defence appeal (art. 36): deadlines, the
commission and its exclusions, the open vote, re-evaluation by the jury, and the dismissal grounds that follow
a failed outcome — (i) for master's, h.2 for PhD/AI (ERRATA 21)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from bilim.apps.people.models import Person, Student
from bilim.apps.thesis import models as m
from bilim.apps.thesis import services as s
from bilim.apps.workflow.services import TransitionRefused

D = dt.date


def student(th: Any, n: int, level: str = "master") -> Student:
    from bilim.apps.accounts.models import Role, RoleAssignment, User

    u = User.objects.create_user(username=f"u{n}", password="x")
    RoleAssignment.objects.create(user=u, role=Role.STUDENT, institution=th.ktmu, unit=th.inst, starts_on=D(2020, 1, 1))
    p = Person.objects.create(user=u, last_name=f"Магистрант{n}", first_name="М")
    return Student.objects.create(person=p, institution=th.ktmu, unit=th.inst, programme=th.ma if level == "master" else th.phd,
                                  student_number=f"M{n:05d}", level=level)


def to_jury(th: Any, st: Student) -> m.ThesisFile:
    tf = s.thesis_file(st)
    s.coursework_completed(actor=th.officer, file=tf, on=D(2026, 1, 20))
    if st.level == "doctorate":
        s.qualifying_exam_record(actor=th.officer, file=tf, held_on=D(2026, 2, 1), passed=True)
    p = s.proposal_submit(actor=st.person.user, file=tf, title="Тема", summary="Кыскача", on=D(2026, 2, 10))
    s.proposal_decide(actor=th.officer, proposal=p, result="APPROVED", commission=[th.s4, th.s5, th.s6], decision=th.decide(th.board, D(2026, 3, 1)))
    if st.level == "doctorate":
        from bilim.apps.curriculum.models import Term

        for t in Term.objects.filter(starts_on__gte=D(2025, 9, 1)).order_by("starts_on")[:3]:
            s.progress_report_record(actor=th.officer, file=tf, term=t, result="APPROVED")
    s.thesis_submit(actor=st.person.user, file=tf, on=D(2026, 5, 1))
    members = [th.s1, th.s2, th.s3] + ([th.s8, th.s_sup] if st.level == "doctorate" else [])
    s.jury_form(actor=th.officer, file=tf, members=members, decision=th.decide(th.board, D(2026, 5, 10)), on=D(2026, 5, 10))
    tf.refresh_from_db()
    return tf


def failed(th: Any, st: Student, on: D = D(2026, 6, 10)) -> m.DefenceAppeal:
    tf = m.ThesisFile.objects.filter(student=st).first() or to_jury(th, st)
    d = s.defence_record(actor=th.officer, file=tf, held_on=on, result="FAILED", decision=th.decide(tf.jury.body, on))
    return d.appeal


def formed(th: Any, appeal: m.DefenceAppeal, filed: D = D(2026, 7, 1)) -> m.DefenceAppeal:
    s.appeal_file(actor=appeal.student.person.user, appeal=appeal, grounds="Видеодо көрүнүп тургандай, суроолорго туура жооп бердим", on=filed)
    s.appeal_commission_propose(actor=th.officer, appeal=appeal, members=[th.s4, th.s5, th.s6], secretary=th.s7)
    s.appeal_commission_form(actor=th.officer, appeal=appeal, decision=th.decide(th.mgmt, filed + dt.timedelta(days=7), appeal))
    appeal.refresh_from_db()
    return appeal


def report(th: Any, appeal: m.DefenceAppeal, choice: str, on: D = D(2026, 7, 20)) -> Any:
    voters = [th.s4, th.s5, th.s6]
    other = "UPHOLD" if choice == "REEVALUATE" else "REEVALUATE"
    votes = [{"member_id": str(v.person_id), "choice": c} for v, c in zip(voters, [choice, choice, other])]
    s.appeal_report_draft(actor=th.officer, appeal=appeal, findings="Сынак баракчалары жана видео каралды", evaluations="Баа негиздүү эмес", votes=votes)
    return s.appeal_report(actor=th.officer, appeal=appeal, decision=th.decide(appeal.commission, on, appeal))


@pytest.mark.rule("KTMU-40-1", "KTMU-4-7", "KTMU-39(1)h-1")
def test_doctoral_thesis_stages_to_degree(th: Any) -> None:
    tf = s.thesis_file(th.phd_st)
    with pytest.raises(ValidationError):  # the qualifying exam comes after the coursework (21(6))
        s.qualifying_exam_record(actor=th.officer, file=tf, held_on=D(2026, 1, 10), passed=True)
    s.coursework_completed(actor=th.officer, file=tf, on=D(2026, 1, 20))
    with pytest.raises(ValidationError):  # no proposal before the qualifying exam is passed
        s.proposal_submit(actor=th.phd_user, file=tf, title="Тема", summary="Кыскача")
    qe = s.qualifying_exam_record(actor=th.officer, file=tf, held_on=D(2026, 1, 28), passed=False)
    assert qe.explanation[1]["result"] == "PASS"  # one semester without passing is not ground h.1
    s.qualifying_exam_record(actor=th.officer, file=tf, held_on=D(2026, 6, 1), passed=True)
    p = s.proposal_submit(actor=th.phd_user, file=tf, title="Кыргыз тилиндеги тексттерди талдоо", summary="Максаты", on=D(2026, 6, 10))
    with pytest.raises(ValidationError):  # the review commission consists of instructors (KTMU-4-7)
        s.proposal_decide(actor=th.officer, proposal=p, result="APPROVED", commission=[], decision=th.decide(th.board, D(2026, 6, 20)))
    s.proposal_decide(actor=th.officer, proposal=p, result="APPROVED", commission=[th.s4, th.s5, th.s6], decision=th.decide(th.board, D(2026, 6, 21)))
    tf.refresh_from_db()
    assert tf.topic_approved_on == D(2026, 6, 21) and tf.title.startswith("Кыргыз")
    from bilim.apps.curriculum.models import Term

    terms = list(Term.objects.filter(starts_on__gte=D(2026, 9, 1)).order_by("starts_on")[:3])
    for t in terms[:2]:
        s.progress_report_record(actor=th.officer, file=tf, term=t, result="APPROVED")
    with pytest.raises(ValidationError) as exc:  # 3 approved reports before submission (implementing rule, 39(1)h-4)
        s.thesis_submit(actor=th.phd_user, file=tf, on=D(2027, 9, 1))
    assert "3" in " ".join(exc.value.messages)
    s.progress_report_record(actor=th.officer, file=tf, term=terms[2], result="APPROVED")
    s.thesis_submit(actor=th.phd_user, file=tf, on=D(2027, 9, 1))
    with pytest.raises(ValidationError):  # 5 jury members for a doctorate
        s.jury_form(actor=th.officer, file=tf, members=[th.s1, th.s2, th.s3, th.s8], decision=th.decide(th.board, D(2027, 9, 10)))
    jury = s.jury_form(actor=th.officer, file=tf, members=[th.s1, th.s2, th.s3, th.s8, th.s_sup], decision=th.decide(th.board, D(2027, 9, 11)))
    with pytest.raises(ValidationError):  # the defence result is the jury's own decision
        s.defence_record(actor=th.officer, file=tf, held_on=D(2027, 10, 1), result="PASSED", decision=th.decide(th.board, D(2027, 10, 1)))
    s.defence_record(actor=th.officer, file=tf, held_on=D(2027, 10, 1), result="PASSED", decision=th.decide(jury.body, D(2027, 10, 1)))
    award = s.degree_award(actor=th.secretary, file=tf, decision=th.decide(th.board, D(2027, 10, 20)), diploma_number="PhD-2027-001")
    assert award.supplement["thesis_title"] == tf.title and len(award.supplement["jury"]) == 5
    from bilim.apps.thesis.selectors import thesis_stage

    assert thesis_stage(th.phd_st)[0] == "DEGREE_AWARDED"


@pytest.mark.rule("KTMU-40-1")
def test_master_has_no_qualifying_exam_and_student_only_submits_own(th: Any) -> None:
    tf = s.thesis_file(th.ma_st)
    s.coursework_completed(actor=th.officer, file=tf, on=D(2026, 1, 20))
    with pytest.raises(ValidationError):
        s.qualifying_exam_record(actor=th.officer, file=tf, held_on=D(2026, 2, 1), passed=True)
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        s.proposal_submit(actor=th.phd_user, file=tf, title="x", summary="y")


@pytest.mark.workflow("W-16d")
@pytest.mark.rule("KTMU-36(1)-1", "KTMU-36(2)-1", "KTMU-36(3)-1", "KTMU-36(3)-2", "KTMU-36(4)-1", "KTMU-36(6)-1", "KTMU-36(8)-1", "KTMU-36(9)-1")
def test_appeal_reevaluation_reverses_the_result(th: Any) -> None:
    appeal = failed(th, th.ma_st)
    assert appeal.state == "DEFENCE_FAILED"
    # 2 months from 10 June: 10 August is the last day
    with pytest.raises(TransitionRefused):
        s.appeal_file(actor=th.ma_user, appeal=appeal, grounds="кеч", on=D(2026, 8, 11))
    with pytest.raises(PermissionDenied):  # only the student appeals
        s.appeal_file(actor=th.officer, appeal=appeal, grounds="x", on=D(2026, 7, 1))
    s.appeal_file(actor=th.ma_user, appeal=appeal, grounds="Жооптор туура болчу", on=D(2026, 8, 10))
    # a jury member cannot sit on the commission (36(3)-2)
    s.appeal_commission_propose(actor=th.officer, appeal=appeal, members=[th.s1, th.s5, th.s6], secretary=th.s7)
    with pytest.raises(TransitionRefused) as exc:
        s.appeal_commission_form(actor=th.officer, appeal=appeal, decision=th.decide(th.mgmt, D(2026, 8, 14), appeal))
    assert any("KTMU-36(3)-2" in e.rule_ids for e in exc.value.explanations)
    s.appeal_commission_propose(actor=th.officer, appeal=appeal, members=[th.s4, th.s5, th.s6], secretary=th.s7)
    s.appeal_commission_form(actor=th.officer, appeal=appeal, decision=th.decide(th.mgmt, D(2026, 8, 14), appeal))
    appeal.refresh_from_db()
    assert appeal.state == "COMMISSION_FORMED" and appeal.commission.kind == "appeal_commission"
    # a vote without a majority is no decision (2 of 3 needed)
    with pytest.raises(ValidationError):
        s.appeal_report(actor=th.officer, appeal=appeal, decision=th.decide(appeal.commission, D(2026, 9, 1), appeal), findings="f", evaluations="e",
                        votes=[{"member_id": str(th.s4.person_id), "choice": "UPHOLD"}, {"member_id": str(th.s5.person_id), "choice": "REEVALUATE"}])
    assert report(th, appeal, "REEVALUATE", on=D(2026, 9, 2)).target == "REPORT_REEVALUATE"
    s.appeal_send_to_jury(actor=th.officer, appeal=appeal, decision=th.decide(th.mgmt, D(2026, 9, 10), appeal))
    jury = m.Jury.objects.get(file__student=th.ma_st)
    s.appeal_jury_reevaluate(actor=th.officer, appeal=appeal, decision=th.decide(jury.body, D(2026, 9, 20), appeal), passed=True)
    appeal.refresh_from_db()
    assert appeal.state == "FINAL_DECISION" and appeal.outcome == "REVERSED"
    with pytest.raises(TransitionRefused):  # the student must be told within 5 days of the signature
        s.appeal_sign_and_notify(actor=th.officer, appeal=appeal, decision=th.decide(th.board, D(2026, 9, 25), appeal), on=D(2026, 10, 1))
    s.appeal_sign_and_notify(actor=th.officer, appeal=appeal, decision=th.decide(th.board, D(2026, 9, 26), appeal), on=D(2026, 9, 30))
    appeal.refresh_from_db()
    assert appeal.state == "CLOSED" and appeal.published
    with pytest.raises(TransitionRefused):  # the result was reversed: no ground (i)
        s.appeal_dismissal_ground(appeal=appeal, on=D(2026, 10, 5))
    s.appeal_external_remedy(actor=th.ma_user, appeal=appeal, note="Административдик сотко арыз")
    # the defence counts as passed after the reversal: the degree may be awarded
    s.degree_award(actor=th.secretary, file=appeal.defence.file, decision=th.decide(th.board, D(2026, 10, 10)), diploma_number="MA-2026-7")


@pytest.mark.workflow("W-16d")
@pytest.mark.rule("KTMU-36(7)-1", "KTMU-39(1)i-1")
def test_master_upheld_failure_is_ground_i_and_window_expiry(th: Any) -> None:
    appeal = formed(th, failed(th, th.ma_st))
    assert report(th, appeal, "UPHOLD").target == "REPORT_UPHOLD"
    s.appeal_board_decide(actor=th.secretary, appeal=appeal, decision=th.decide(th.board, D(2026, 8, 1), appeal))
    s.appeal_sign_and_notify(actor=th.officer, appeal=appeal, decision=th.decide(th.board, D(2026, 8, 2), appeal), on=D(2026, 8, 3))
    assert s.appeal_dismissal_ground(appeal=appeal, on=D(2026, 8, 5)).target == "DISMISSAL_CASE"
    # no appeal: the 2-month window must pass first
    other = failed(th, student(th, 21))
    with pytest.raises(TransitionRefused):
        s.appeal_dismissal_ground(appeal=other, on=D(2026, 8, 10))
    assert s.appeal_dismissal_ground(appeal=other, on=D(2026, 8, 11)).action == "appeal_window_expired_master"


@pytest.mark.workflow("W-16d")
@pytest.mark.rule("KTMU-39(1)h-2")
def test_doctoral_failure_is_ground_only_after_two_semesters_errata_21(th: Any) -> None:
    first = failed(th, th.phd_st, on=D(2026, 6, 10))
    with pytest.raises(TransitionRefused):  # one failed defence is not yet ground h.2
        s.appeal_dismissal_ground(appeal=first, on=D(2026, 9, 1))
    formed(th, first)
    report(th, first, "UPHOLD")
    s.appeal_board_decide(actor=th.secretary, appeal=first, decision=th.decide(th.board, D(2026, 8, 1), first))
    s.appeal_sign_and_notify(actor=th.officer, appeal=first, decision=th.decide(th.board, D(2026, 8, 2), first), on=D(2026, 8, 3))
    second = failed(th, th.phd_st, on=D(2027, 1, 15))
    assert s.appeal_dismissal_ground(appeal=second, on=D(2027, 1, 20)).target == "DISMISSAL_CASE"
    first.refresh_from_db()
    assert s.appeal_dismissal_ground(appeal=first, on=D(2027, 1, 20)).source == "CLOSED"


def test_labels_complete() -> None:
    from bilim.apps.workflow.labels import missing_labels

    for code in ("KTMU-W-10", "KTMU-W-11", "KTMU-W-12", "KTMU-W-16d"):
        assert missing_labels(code) == []
