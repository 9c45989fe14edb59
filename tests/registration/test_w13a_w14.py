"""KTMU-W-13a (courses at other HEIs) and KTMU-W-14 (credit transfer and exemption) through the services."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile

from bilim.apps.registration import models as m
from bilim.apps.registration import services as svc
from bilim.apps.workflow.services import TransitionRefused

D = dt.date
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def hei(w, title="Data mining", elective=True):
    return svc.other_hei_apply(actor=w.student_user, student=w.st, term=w.term, host_name="Ankara Üniversitesi", course_title=title,
                               ects=Decimal(6), elective=elective, application_text="Бул сабакты алгым келет.", on=D(2026, 8, 26))


@pytest.mark.workflow("W-13a")
@pytest.mark.rule("KTMU-26(9)-1", "KTMU-26(9)-2")
def test_other_hei_course_application_consent_proposal_decision(w):
    with pytest.raises(PermissionDenied):
        svc.other_hei_apply(actor=w.peer_user, student=w.st, term=w.term, host_name="X", course_title="Y", ects=Decimal(5),
                            application_text="z")
    app = hei(w)
    assert app.state == "APPLIED"
    with pytest.raises(PermissionDenied):
        svc.other_hei_consent(actor=w.other_staff_user, application=app)
    svc.other_hei_consent(actor=w.sup_user, application=app, on=D(2026, 8, 27))
    assert app.state == "CONSENTED"
    with pytest.raises(TransitionRefused):  # a decision of the wrong body
        svc.other_hei_step(actor=w.officer, application=app, action="propose", decision=w.decision(w.board, app, "1", D(2026, 8, 28)))
    svc.other_hei_step(actor=w.officer, application=app, action="propose", decision=w.decision(w.council, app, "K-1", D(2026, 8, 28)))
    assert app.state == "PROPOSED"
    svc.other_hei_step(actor=w.officer, application=app, action="decide", decision=w.decision(w.board, app, "B-1", D(2026, 8, 29)))
    app.refresh_from_db()
    assert app.state == "APPROVED" and app.decision_id


@pytest.mark.workflow("W-13a")
@pytest.mark.rule("KTMU-26(9)-1")
def test_third_other_hei_course_in_a_semester_is_refused_and_rejections(w):
    for i in range(2):
        a = hei(w, f"Course {i}")
        svc.other_hei_consent(actor=w.sup_user, application=a, on=D(2026, 8, 27))
        svc.other_hei_step(actor=w.officer, application=a, action="propose", decision=w.decision(w.council, a, f"K{i}", D(2026, 8, 28)))
        svc.other_hei_step(actor=w.officer, application=a, action="decide", decision=w.decision(w.board, a, f"B{i}", D(2026, 8, 29)))
    third = hei(w, "Course 3")
    svc.other_hei_consent(actor=w.sup_user, application=third, on=D(2026, 8, 27))
    svc.other_hei_step(actor=w.officer, application=third, action="propose", decision=w.decision(w.council, third, "K3", D(2026, 8, 28)))
    with pytest.raises(TransitionRefused) as exc:
        svc.other_hei_step(actor=w.officer, application=third, action="decide", decision=w.decision(w.board, third, "B3", D(2026, 8, 29)))
    assert any("KTMU-26(9)-1" in e.rule_ids for e in exc.value.explanations)
    svc.other_hei_step(actor=w.officer, application=third, action="reject", decision=w.decision(w.board, third, "B3r", D(2026, 8, 29)))
    assert third.state == "REJECTED"
    a = hei(w, "Refused by supervisor")
    svc.other_hei_consent(actor=w.sup_user, application=a, consent=False, reason="Мазмуну туура келбейт")
    assert a.state == "REJECTED"
    b = hei(w, "Refused by council")
    svc.other_hei_consent(actor=w.sup_user, application=b)
    svc.other_hei_step(actor=w.officer, application=b, action="reject", decision=w.decision(w.council, b, "Kr", D(2026, 8, 28)))
    assert b.state == "REJECTED"


def recog(w, **kw):
    fields = dict(category="SAME_PROGRAMME_EARLIER", source_institution="КТМУ", source_course="Algorithms", completed_on=D(2023, 1, 20),
                  result="PASSED", letter="BB", ects=Decimal(6), target=w.courses[0],
                  transcript=SimpleUploadedFile("t.pdf", PDF, content_type="application/pdf"),
                  course_contents=SimpleUploadedFile("c.pdf", PDF, content_type="application/pdf"))
    fields.update(kw)
    return svc.recognition_apply(actor=w.student_user, student=w.st, on=D(2026, 9, 3), **fields)


@pytest.mark.workflow("W-14")
@pytest.mark.rule("KTMU-29(1)-1", "KTMU-29(2)-1")
def test_recognition_full_chain(w, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    with pytest.raises(TransitionRefused):
        svc.recognition_apply(actor=w.student_user, student=w.st, category="SPP", source_institution="КТМУ", source_course="X",
                              completed_on=D(2024, 1, 1), ects=Decimal(6), target=w.courses[0])
    assert not m.Recognition.objects.exists()
    rec = recog(w)
    assert rec.state == "RECOG_APPLIED"
    svc.recognition_consent(actor=w.sup_user, recognition=rec, on=D(2026, 9, 4))
    svc.recognition_step(actor=w.officer, recognition=rec, action="propose", decision=w.decision(w.council, rec, "K-9", D(2026, 9, 10)))
    assert rec.state == "RECOG_PROPOSED"
    svc.recognition_step(actor=w.officer, recognition=rec, action="decide", decision=w.decision(w.board, rec, "B-9", D(2026, 9, 15)))
    rec.refresh_from_db()
    assert rec.state == "RECOGNISED" and rec.explanation


@pytest.mark.workflow("W-14")
@pytest.mark.rule("KTMU-29(2)-1", "KTMU-29(6)-1")
def test_recognition_refused_too_old_or_low_grade_and_rejections(w, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    old = recog(w, completed_on=D(2021, 9, 2))  # more than 5 years before the application (3 Sept. 2026)
    svc.recognition_consent(actor=w.sup_user, recognition=old)
    with pytest.raises(TransitionRefused) as exc:
        svc.recognition_step(actor=w.officer, recognition=old, action="propose", decision=w.decision(w.council, old, "K1", D(2026, 9, 10)))
    assert any("KTMU-29(2)-1" in e.rule_ids for e in exc.value.explanations)
    svc.recognition_step(actor=w.officer, recognition=old, action="reject", decision=w.decision(w.council, old, "K1r", D(2026, 9, 10)))
    assert old.state == "REJECTED"
    low = recog(w, letter="CC")
    svc.recognition_consent(actor=w.sup_user, recognition=low, consent=False, reason="CB-дан төмөн")
    assert low.state == "REJECTED"
    ok = recog(w, category="EXTERNAL_INSTITUTION", source_institution="Ankara Üniversitesi")
    svc.recognition_consent(actor=w.sup_user, recognition=ok)
    svc.recognition_step(actor=w.officer, recognition=ok, action="propose", decision=w.decision(w.council, ok, "K2", D(2026, 9, 10)))
    svc.recognition_step(actor=w.officer, recognition=ok, action="reject", decision=w.decision(w.board, ok, "B2r", D(2026, 9, 15)))
    assert ok.state == "REJECTED"
