"""KTMU admissions through the one transition service: W-04, W-05, W-06, W-07, W-08, W-09, W-16a."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from bilim.apps.accounts.permissions import restrict
from bilim.apps.admissions import services as svc
from bilim.apps.admissions.models import Application, Commission, SpecialistAppeal
from bilim.apps.audit.models import AuditEvent
from bilim.apps.people.models import Student
from bilim.apps.workflow.labels import missing_labels
from bilim.apps.workflow.models import Transition
from bilim.apps.workflow.services import TransitionRefused

from .conftest import MA_DOCS, _user, pdf

D = Decimal
pytestmark = pytest.mark.django_db


def test_every_state_and_action_has_a_label() -> None:
    for code in ("KTMU-W-04", "KTMU-W-05", "KTMU-W-06", "KTMU-W-07", "KTMU-W-08", "KTMU-W-09", "KTMU-W-16a"):
        assert missing_labels(code) == [], code


@pytest.mark.workflow("W-04")
@pytest.mark.rule("KTMU-10(1)a-1", "KTMU-10(1)-1", "KTMU-10(8)-1")
def test_submission_refused_for_a_missing_document_then_accepted(w) -> None:
    app = w.candidate("asel", docs=("BACHELOR_DIPLOMA", "TRANSCRIPT", "ID_CARD"))
    with pytest.raises(TransitionRefused) as refused:
        svc.application_submit(actor=app.user, application=app, on=dt.date(2027, 7, 1))
    assert any("KTMU-10(1)a-1" in e.rule_ids for e in refused.value.explanations)
    assert refused.value.messages("ky")[0]
    app.refresh_from_db()
    assert app.state == "ANNOUNCED" and not Transition.objects.filter(object_id=str(app.pk)).exists()
    svc.document_add(actor=app.user, application=app, kind="APPLICATION_FORM", file=pdf())
    # outside the announced period: refused, nothing written
    with pytest.raises(TransitionRefused) as late:
        svc.application_submit(actor=app.user, application=app, on=dt.date(2027, 7, 21))
    assert any("KTMU-10(1)-1" in e.rule_ids for e in late.value.explanations)
    svc.application_submit(actor=app.user, application=app, on=dt.date(2027, 7, 20))
    assert app.state == "APPLIED" and app.track == Application.Track.SPECIALIST
    # a second programme in the same year (10(8)-1)
    second = svc.application_save(actor=app.user, round=w.phd_round, data={"last_name": "Asel", "first_name": "A", "citizenship": "KR",
                                                                         "diploma_grade": D("90"), "diploma_scale": "100"})
    for kind in MA_DOCS + ("MASTER_DIPLOMA",):
        svc.document_add(actor=app.user, application=second, kind=kind, file=pdf())
    with pytest.raises(TransitionRefused) as two:
        svc.application_submit(actor=app.user, application=second, on=dt.date(2027, 7, 2))
    assert any("KTMU-10(8)-1" in e.rule_ids for e in two.value.explanations)


@pytest.mark.workflow("W-04")
def test_someone_else_cannot_submit_for_the_candidate(w) -> None:
    app = w.candidate("bolot")
    with pytest.raises(TransitionRefused):
        svc.application_submit(actor=w.outsider, application=app, on=dt.date(2027, 7, 1))
    app.refresh_from_db()
    assert app.state == "ANNOUNCED"
    svc.application_submit(actor=app.user, application=app, on=dt.date(2027, 7, 1))


@pytest.mark.workflow("W-04")
@pytest.mark.rule("KTMU-10(5)-1", "KTMU-12(5)-1", "KTMU-12(6)-1", "KTMU-12(7)-1", "KTMU-12(7)-3", "KTMU-12(8)-1", "KTMU-12(8)-2",
                  "KTMU-14(1)-1", "KTMU-14(2)-1", "KTMU-14(3)-1")
def test_specialist_track_end_to_end_with_tie_break_reserves_and_promotion(w) -> None:
    # A and B tie on the composite (85): A has the better specialist exam → the tie-break names SPECIALIST_EXAM
    a = w.to_exam(w.candidate("aida", diploma_grade=D("80")))
    b = w.to_exam(w.candidate("bakyt", diploma_grade=D("90")))
    c = w.to_exam(w.candidate("chynara", diploma_grade=D("70")))
    d = w.to_exam(w.candidate("daniyar", diploma_grade=D("60"), waiver_exam="ALES", waiver_score=D("70"), waiver_ales_type="SAY",
                              waiver_exam_date=dt.date(2026, 5, 1)))
    e = w.to_exam(w.candidate("elnura"))
    f = w.to_exam(w.candidate("farida"))
    g = w.to_exam(w.candidate("gulnara", diploma_grade=D("50")))
    h = w.to_exam(w.candidate("kubat", waiver_exam="ALES", waiver_score=D("60"), waiver_ales_type="EA", waiver_exam_date=dt.date(2025, 5, 1)))
    gre = w.to_exam(w.candidate("lira", waiver_exam="GRE", waiver_score=D("330"), waiver_exam_date=dt.date(2026, 5, 1)))
    # the Senate's GRE → ALES table (12(5)-3) is still empty: no equivalent, the written exam stays
    assert gre.state == "WRITTEN_REQUIRED"
    assert Transition.objects.filter(object_id=str(gre.pk), action="require_written").get().explanation[-1]["message_key"] == "ktmu.adm.waiver.no_equivalent"
    assert {x.state for x in (a, b, c, e, f)} == {"WRITTEN_REQUIRED"} and d.state == "WRITTEN_WAIVED"
    svc.scores_enter(actor=w.secretary, application=a, decision=w.protocol, written=D("90"), oral=D("90"))
    svc.scores_enter(actor=w.secretary, application=b, decision=w.protocol, written=D("80"), oral=D("80"))
    svc.scores_enter(actor=w.secretary, application=c, decision=w.protocol, written=D("75"), oral=D("75"))
    svc.scores_enter(actor=w.secretary, application=d, decision=w.protocol, oral=D("72"))
    svc.scores_enter(actor=w.secretary, application=e, decision=w.protocol, written=D("69.99"), oral=D("95"))
    svc.scores_enter(actor=w.secretary, application=f, decision=w.protocol, absent=True)
    svc.scores_enter(actor=w.secretary, application=g, decision=w.protocol, written=D("71"), oral=D("71"))
    h.refresh_from_db()
    assert h.state == "WRITTEN_WAIVED"
    svc.scores_enter(actor=w.secretary, application=h, decision=w.protocol, absent=True)
    for x in (a, b, c, d, e, f):
        x.refresh_from_db()
    assert a.state == b.state == c.state == d.state == "SCORED"
    assert e.state == "FAILED" and f.state == "FAILED"
    assert a.composite == b.composite == D("85")
    assert d.specialist == D("72")  # A-11 default: oral alone when the written exam is waived
    svc.results_publish(actor=w.officer, round=w.round, on=dt.date(2027, 8, 2))
    for x in (a, b):
        x.refresh_from_db()
    assert (a.rank, b.rank) == (1, 2) and b.decided_by == "SPECIALIST_EXAM"
    svc.lists_decide(actor=w.admin, round=w.round, decision=w.decide(w.board, "2027-08.1", dt.date(2027, 8, 6), subject_type="admissions.application"))
    for x in (a, b, c, d):
        x.refresh_from_db()
    g.refresh_from_db()
    h.refresh_from_db()
    assert (a.state, b.state, c.state, d.state, g.state, h.state) == ("ENTITLED", "ENTITLED", "RESERVE", "RESERVE", "NOT_PLACED", "FAILED")
    # final registration with copies only: refused (14(1)-2 / 10(1)-2)
    with pytest.raises(TransitionRefused):
        svc.application_register(actor=w.officer, application=a, on=dt.date(2027, 8, 17))
    student = svc.application_register(actor=w.officer, application=a, on=dt.date(2027, 8, 17),
                                       forms={k: "ORIGINAL" for k in ("BACHELOR_DIPLOMA", "TRANSCRIPT", "ID_CARD")})
    assert isinstance(student, Student) and student.programme == w.prog and a.user.roles.filter(role="student").exists()
    assert AuditEvent.objects.filter(object_type="people.student", object_id=str(student.pk)).exists()
    # B misses the registration days: loses the right, C (best reserve) is called with a window
    assert svc.registration_close(actor=w.officer, round=w.round, on=dt.date(2027, 8, 20)) == []  # still inside the days
    promoted = svc.registration_close(actor=w.officer, round=w.round, on=dt.date(2027, 8, 23))
    b.refresh_from_db()
    assert b.state == "LOST_RIGHT" and [p.pk for p in promoted] == [c.pk]
    c.refresh_from_db()
    assert c.state == "ENTITLED" and c.registration_until > dt.date(2027, 8, 23)
    svc.application_register(actor=c.user, application=c, on=c.registration_until,
                             forms={k: "NOTARISED" for k in ("BACHELOR_DIPLOMA", "TRANSCRIPT", "ID_CARD")})
    c.refresh_from_db()
    assert c.state == "REGISTERED"
    # the institute asks for the original diploma by 1 September; it never comes: ground 39(1)b-1, the rector's step
    diploma = a.documents.get(kind="BACHELOR_DIPLOMA")
    svc.original_request(actor=w.officer, document=diploma, due_on=dt.date(2027, 9, 1))
    with pytest.raises(TransitionRefused):
        svc.original_not_supplied(actor=w.rector, application=a, on=dt.date(2027, 9, 1))  # still in time
    with pytest.raises(TransitionRefused):
        svc.original_not_supplied(actor=w.officer, application=a, on=dt.date(2027, 9, 2))  # not the rector's office
    svc.original_not_supplied(actor=w.rector, application=a, on=dt.date(2027, 9, 2))
    a.refresh_from_db()
    assert a.state == "DISMISSED"


@pytest.mark.workflow("W-04")
def test_officer_rejects_with_a_reason_and_ineligible_gpa_is_refused(w) -> None:
    low = w.candidate("nurlan", diploma_grade=D("1.50"), diploma_scale="4")
    svc.application_submit(actor=low.user, application=low, on=dt.date(2027, 7, 1))
    with pytest.raises(TransitionRefused) as refused:
        svc.application_check(actor=w.officer, application=low, on=dt.date(2027, 7, 5))
    assert any("KTMU-10(5)-1" in e.rule_ids for e in refused.value.explanations)
    with pytest.raises(ValidationError):
        svc.application_reject(actor=w.officer, application=low, reason=" ")
    svc.application_reject(actor=w.officer, application=low, reason="GPA 1.50 < 2.00")
    assert low.state == "INELIGIBLE"
    ok = w.to_exam(w.candidate("ulan"))
    # ELIGIBLE → reject (the file is found wrong after the check): drive it on a fresh file
    other = w.candidate("sezim")
    svc.application_submit(actor=other.user, application=other, on=dt.date(2027, 7, 1))
    from bilim.apps.workflow.services import transition_apply
    transition_apply(actor=w.officer, obj=other, workflow_code="KTMU-W-04", action="check_master",
                     facts=lambda locked: svc._eligibility_facts(locked, dt.date(2027, 7, 5)), as_of=dt.date(2027, 7, 5))
    svc.application_reject(actor=w.officer, application=other, reason="forged transcript")
    assert other.state == "INELIGIBLE" and ok.state == "WRITTEN_REQUIRED"


@pytest.mark.workflow("W-04")
@pytest.mark.rule("KTMU-12(6)-1")
def test_scores_outside_0_100_or_not_finite_are_refused_and_nothing_written(w) -> None:
    a = w.to_exam(w.candidate("meerim"))
    for bad in (D("100.01"), D("-1"), D("NaN"), D("Infinity")):
        with pytest.raises(ValidationError):
            svc.scores_enter(actor=w.secretary, application=a, decision=w.protocol, written=bad, oral=D("80"))
    a.refresh_from_db()
    assert a.written is None and a.state == "WRITTEN_REQUIRED"
    # a decision of the wrong body cannot enter scores
    with pytest.raises(TransitionRefused):
        svc.scores_enter(actor=w.secretary, application=a, decision=w.decide(w.board, "X-1", dt.date(2027, 7, 27)), written=D("80"), oral=D("80"))
    # the boundary: exactly 70 passes
    svc.scores_enter(actor=w.secretary, application=a, decision=w.protocol, written=D("70"), oral=D("70"))
    a.refresh_from_db()
    assert a.state == "SCORED" and a.composite == D("80")


@pytest.mark.workflow("W-04")
@pytest.mark.rule("KTMU-10(7)-1", "KTMU-10(7)-3", "KTMU-12(7)-2")
def test_doctoral_candidate_needs_a_language_certificate_and_gets_a_35_15_50_composite(w) -> None:
    docs = ("APPLICATION_FORM", "MASTER_DIPLOMA", "TRANSCRIPT", "ID_CARD")
    app = w.candidate("kanykei", docs=docs, rnd=w.phd_round, diploma_grade=D("3.50"), diploma_scale="4")
    svc.application_submit(actor=app.user, application=app, on=dt.date(2027, 7, 1))
    with pytest.raises(TransitionRefused) as refused:
        svc.application_check(actor=w.officer, application=app, on=dt.date(2027, 7, 5))
    assert any("KTMU-10(7)-1" in e.rule_ids for e in refused.value.explanations)
    Application.objects.filter(pk=app.pk).update(lang_issuer="OSYM", lang_exam_type="OSYM", lang_language="EN", lang_score=D("54.75"),
                                                 lang_exam_date=dt.date(2026, 4, 1))
    app.refresh_from_db()
    with pytest.raises(TransitionRefused) as low:
        svc.application_check(actor=w.officer, application=app, on=dt.date(2027, 7, 5))
    assert any("KTMU-10(7)-3" in e.rule_ids for e in low.value.explanations)
    Application.objects.filter(pk=app.pk).update(lang_score=D("80"))
    app.refresh_from_db()
    svc.application_check(actor=w.officer, application=app, on=dt.date(2027, 7, 5))
    svc.scores_enter(actor=w.secretary, application=app, decision=w.protocol, written=D("80"), oral=D("90"))
    app.refresh_from_db()
    assert app.state == "SCORED"
    assert app.composite == D("0.35") * app.diploma100 + D("0.15") * app.language100 + D("0.50") * D("85")


@pytest.mark.workflow("W-04", "W-16a")
@pytest.mark.rule("KTMU-33-1", "KTMU-33-2", "KTMU-33-3")
def test_specialist_exam_appeal_technical_error_corrects_and_reranks(w) -> None:
    a = w.to_exam(w.candidate("aibek", diploma_grade=D("80")))
    b = w.to_exam(w.candidate("baktygul", diploma_grade=D("80")))
    svc.scores_enter(actor=w.secretary, application=a, decision=w.protocol, written=D("80"), oral=D("80"))
    svc.scores_enter(actor=w.secretary, application=b, decision=w.protocol, written=D("85"), oral=D("85"))
    svc.results_publish(actor=w.officer, round=w.round, on=dt.date(2027, 8, 2))  # Monday
    a.refresh_from_db()
    assert a.rank == 2
    # late: the 3rd working day after publication
    with pytest.raises(TransitionRefused):
        svc.appeal_file(actor=a.user, application=a, reason="Жазуу сынагынын баллы туура эмес кошулган", on=dt.date(2027, 8, 5))
    assert not SpecialistAppeal.objects.filter(state="APPEAL_FILED").exists()
    with pytest.raises(TransitionRefused):  # only the candidate appeals
        svc.appeal_file(actor=w.outsider, application=a, reason="x", on=dt.date(2027, 8, 3))
    appeal = svc.appeal_file(actor=a.user, application=a, reason="Жазуу сынагынын баллы туура эмес кошулган", on=dt.date(2027, 8, 4))
    assert appeal.state == "APPEAL_FILED"
    review_decision = w.decide(w.spec_body, "P-2027-2", dt.date(2027, 8, 5), subject=appeal)
    svc.appeal_review(actor=w.secretary, appeal=appeal, decision=review_decision, findings="Жыйынтыкта кошуу катасы табылды.",
                      on=dt.date(2027, 8, 5), papers_attached=True, technical_error=True, corrected_written=D("98"))
    assert appeal.state == "REVIEWED"
    board = w.decide(w.board, "2027-08.2", dt.date(2027, 8, 6), subject=appeal)
    svc.appeal_decide(actor=w.admin, appeal=appeal, decision=board)
    appeal.refresh_from_db()
    a.refresh_from_db()
    assert appeal.state == "GRADE_CORRECTED" and a.written == D("98") and a.composite == D("84.5") and a.rank == 1
    assert Transition.objects.filter(object_id=str(a.pk), action="correct_after_appeal", decision=board).exists()
    # a second appeal without error is closed
    b.refresh_from_db()
    second = svc.appeal_file(actor=b.user, application=b, reason="Оозеки сынак", on=dt.date(2027, 8, 3))
    svc.appeal_review(actor=w.secretary, appeal=second, decision=w.decide(w.spec_body, "P-2027-3", dt.date(2027, 8, 4), subject=second),
                      findings="Ката жок.", on=dt.date(2027, 8, 4), papers_attached=True, technical_error=False)
    svc.appeal_decide(actor=w.admin, appeal=second, decision=w.decide(w.board, "2027-08.3", dt.date(2027, 8, 6), subject=second))
    second.refresh_from_db()
    assert second.state == "CLOSED"


@pytest.mark.workflow("W-05")
@pytest.mark.rule("KTMU-4-2", "KTMU-13(1)c-2", "KTMU-13(1)c-3", "KTMU-13(2)-1")
def test_international_candidate_oral_commission_and_lists(w) -> None:
    intl = w.candidate("john", citizenship="FOREIGN", diploma_country="DE", diploma_languages="EN", preferred_oral_language="EN",
                       docs=("APPLICATION_FORM", "BACHELOR_DIPLOMA", "TRANSCRIPT", "PASSPORT", "RECOGNITION_KR"))
    weak = w.candidate("maria", citizenship="FOREIGN", diploma_country="KZ", diploma_languages="RU", preferred_oral_language="RU",
                       docs=("APPLICATION_FORM", "BACHELOR_DIPLOMA", "TRANSCRIPT", "PASSPORT", "RECOGNITION_KR"))
    nodoc = w.candidate("li", citizenship="FOREIGN", diploma_country="CN", diploma_languages="ZH",
                        docs=("APPLICATION_FORM", "BACHELOR_DIPLOMA", "TRANSCRIPT", "PASSPORT"))
    with pytest.raises(TransitionRefused) as refused:  # 10(4)-1: a diploma from outside KR/TR needs recognition
        svc.application_submit(actor=nodoc.user, application=nodoc, on=dt.date(2027, 7, 1))
    assert any("KTMU-10(4)-1" in e.rule_ids for e in refused.value.explanations)
    for x in (intl, weak):
        svc.application_submit(actor=x.user, application=x, on=dt.date(2027, 7, 1))
        assert x.track == Application.Track.INTERNATIONAL and x.workflow_code == "KTMU-W-05"
        svc.application_check(actor=w.officer, application=x, on=dt.date(2027, 7, 5))
        assert x.state == "INTL_ELIGIBLE"
    svc.application_reject(actor=w.officer, application=nodoc, reason="x") if nodoc.state == "APPLIED" else None
    with pytest.raises(TransitionRefused):  # 13(2)-1: three persons
        svc.commission_appoint(actor=w.officer, round=w.round, kind=Commission.Kind.INTERNATIONAL, body=w.intl_body,
                               members=[{"person": "x"}, {"person": "y"}], proposed_on=dt.date(2027, 6, 1), decision=w.commission.decision)
    svc.commission_appoint(actor=w.officer, round=w.round, kind=Commission.Kind.INTERNATIONAL, body=w.intl_body,
                           members=[{"person": p} for p in ("x", "y", "z")], proposed_on=dt.date(2027, 6, 1), decision=w.commission.decision)
    intl.refresh_from_db()
    assert intl.state == "COMMISSION_SET"
    oral = w.decide(w.intl_body, "O-2027-1", dt.date(2027, 7, 27), subject_type="admissions.application")
    svc.scores_enter(actor=w.secretary, application=intl, decision=oral, oral=D("70"))
    svc.scores_enter(actor=w.secretary, application=weak, decision=oral, oral=D("69.99"))
    intl.refresh_from_db()
    weak.refresh_from_db()
    assert intl.state == "PASSED" and weak.state == "FAILED"
    svc.results_publish(actor=w.officer, round=w.round, on=dt.date(2027, 8, 2))
    svc.lists_decide(actor=w.admin, round=w.round, decision=w.decide(w.board, "2027-08.9", dt.date(2027, 8, 6), subject_type="admissions.application"))
    intl.refresh_from_db()
    assert intl.state == "ENTITLED"
    svc.registration_close(actor=w.officer, round=w.round, on=dt.date(2027, 8, 23))
    intl.refresh_from_db()
    assert intl.state == "LOST_RIGHT"


@pytest.mark.workflow("W-05")
def test_international_reserve_promoted_and_registered_and_not_placed(w) -> None:
    from bilim.apps.admissions.models import Round
    Round.objects.filter(pk=w.round.pk).update(quota=1, reserves=1)
    w.round.refresh_from_db()
    apps = []
    for name, score in (("ann", "90"), ("ben", "85"), ("cem", "80")):
        x = w.candidate(name, citizenship="FOREIGN", diploma_country="DE", diploma_languages="EN", preferred_oral_language="EN",
                        docs=("APPLICATION_FORM", "BACHELOR_DIPLOMA", "TRANSCRIPT", "PASSPORT", "RECOGNITION_KR"))
        svc.application_submit(actor=x.user, application=x, on=dt.date(2027, 7, 1))
        svc.application_check(actor=w.officer, application=x, on=dt.date(2027, 7, 5))
        apps.append((x, score))
    svc.commission_appoint(actor=w.officer, round=w.round, kind=Commission.Kind.INTERNATIONAL, body=w.intl_body,
                           members=[{"person": p} for p in ("x", "y", "z")], proposed_on=dt.date(2027, 6, 1), decision=w.commission.decision)
    oral = w.decide(w.intl_body, "O-2027-1", dt.date(2027, 7, 27), subject_type="admissions.application")
    for x, score in apps:
        svc.scores_enter(actor=w.secretary, application=x, decision=oral, oral=D(score))
    svc.lists_decide(actor=w.admin, round=w.round, decision=w.decide(w.board, "2027-08.9", dt.date(2027, 8, 6), subject_type="admissions.application"))
    states = []
    for x, _s in apps:
        x.refresh_from_db()
        states.append(x.state)
    assert states == ["ENTITLED", "RESERVE", "NOT_PLACED"]
    svc.registration_close(actor=w.officer, round=w.round, on=dt.date(2027, 8, 23))
    ben = apps[1][0]
    ben.refresh_from_db()
    assert ben.state == "ENTITLED"
    svc.application_register(actor=w.officer, application=ben, on=dt.date(2027, 8, 24), submitted_by="NOTARISED_PROXY",
                             forms={k: "ORIGINAL" for k in ("BACHELOR_DIPLOMA", "TRANSCRIPT", "PASSPORT", "RECOGNITION_KR")})
    ben.refresh_from_db()
    assert ben.state == "REGISTERED" and ben.student is not None


@pytest.mark.workflow("W-05")
def test_international_reject_and_doctoral_check(w) -> None:
    phd = w.candidate("oleg", rnd=w.phd_round, citizenship="FOREIGN", diploma_country="RU", diploma_languages="RU", diploma_grade=D("3.2"),
                      diploma_scale="4", docs=("APPLICATION_FORM", "MASTER_DIPLOMA", "TRANSCRIPT", "PASSPORT", "RECOGNITION_KR"))
    svc.application_submit(actor=phd.user, application=phd, on=dt.date(2027, 7, 1))
    svc.application_check(actor=w.officer, application=phd, on=dt.date(2027, 7, 5))  # 13(1)c-1: no language certificate asked
    assert phd.state == "INTL_ELIGIBLE"
    x = w.candidate("ola", citizenship="FOREIGN", diploma_country="DE", diploma_languages="EN",
                    docs=("APPLICATION_FORM", "BACHELOR_DIPLOMA", "TRANSCRIPT", "PASSPORT", "RECOGNITION_KR"))
    svc.application_submit(actor=x.user, application=x, on=dt.date(2027, 7, 1))
    svc.application_reject(actor=w.officer, application=x, reason="Documents are not legible")
    assert x.state == "INELIGIBLE"


def test_personas_see_only_their_scope(w) -> None:
    app = w.candidate("tilek")
    qs = Application.objects.all()
    assert restrict(w.officer, "admissions.view_application", qs).filter(pk=app.pk).exists()
    assert not restrict(w.other_officer, "admissions.view_application", qs).exists()
    assert not restrict(w.outsider, "admissions.view_application", qs).exists()
    assert not restrict(app.user, "admissions.view_application", qs).exists()


@pytest.mark.workflow("W-06")
@pytest.mark.rule("KTMU-15(1)-1", "KTMU-15(4)-2", "KTMU-15(4)-3", "KTMU-15(7)-2")
def test_special_status_student(w) -> None:
    u = _user("special")
    with pytest.raises(TransitionRefused):  # 3 years of education is not enough
        svc.special_apply(actor=u, programme=w.prog, full_name="Асанова Айжан", degree_years=3, graduated=True, previous_semesters=0,
                          period_start=dt.date(2027, 9, 1), period_end=dt.date(2027, 9, 10), on=dt.date(2027, 9, 2))
    s = svc.special_apply(actor=u, programme=w.prog, full_name="Асанова Айжан", degree_years=4, graduated=True, previous_semesters=1,
                          period_start=dt.date(2027, 9, 1), period_end=dt.date(2027, 9, 10), on=dt.date(2027, 9, 2))
    svc.special_step(actor=w.fos_head, special=s, action="give_opinion")
    svc.special_step(actor=w.admin, special=s, action="accept", decision=w.decide(w.board, "S-1", dt.date(2027, 9, 5), subject=s))
    with pytest.raises(TransitionRefused):
        svc.special_step(actor=u, special=s, action="select_courses", courses=[{"code": "A"}, {"code": "B"}, {"code": "C"}])
    with pytest.raises(TransitionRefused):
        svc.special_step(actor=u, special=s, action="select_courses", courses=[{"code": "SEM", "kind": "SEMINAR"}])
    svc.special_step(actor=u, special=s, action="select_courses", courses=[{"code": "CS-MA501", "language": "KY"}])
    svc.special_step(actor=w.officer, special=s, action="issue_card")
    svc.special_step(actor=w.officer, special=s, action="semester_ends")
    with pytest.raises(TransitionRefused):
        svc.special_step(actor=w.officer, special=s, action="close")
    svc.special_record(actor=w.officer, special=s, documents_issued=["GRADES_DOCUMENT", "SPECIAL_STATUS_CONFIRMATION"], card_returned=True)
    svc.special_step(actor=w.officer, special=s, action="close")
    assert s.state == "CLOSED"
    r = svc.special_apply(actor=u, programme=w.prog, full_name="Асанова Айжан", degree_years=4, graduated=True, previous_semesters=0,
                          period_start=dt.date(2028, 2, 1), period_end=dt.date(2028, 2, 10), on=dt.date(2028, 2, 2))
    svc.special_step(actor=w.fos_head, special=r, action="give_opinion")
    svc.special_step(actor=w.admin, special=r, action="reject", decision=w.decide(w.board, "S-2", dt.date(2028, 2, 5), subject=r))
    assert r.state == "REJECTED"


@pytest.mark.workflow("W-07")
@pytest.mark.rule("KTMU-16(1)-1", "KTMU-16(2)-3")
def test_incoming_exchange_with_the_cap_of_two(w) -> None:
    from bilim.apps.curriculum.models import Course
    Course.objects.create(institution=w.ktmu, programme=w.prog, code="CS-MA501", title_ky="Алгоритмдер", title_en="Algorithms", ects=D(6))
    common = dict(home_hei="Ankara Üniversitesi", home_country="TR", home_level="MA", semester_label="2027 күз", selection_start=dt.date(2027, 9, 1),
                  selection_end=dt.date(2027, 9, 10), has_home_decision=True)
    recs = [svc.incoming_apply(actor=_user(f"in{i}"), programme=w.prog, full_name=f"Öğrenci {i}", on=dt.date(2027, 9, 2), **common) for i in range(2)]
    with pytest.raises(TransitionRefused):
        svc.incoming_apply(actor=_user("in3"), programme=w.prog, full_name="Öğrenci 3", on=dt.date(2027, 9, 2), **common)
    a, b = recs
    svc.incoming_step(actor=w.admin, rec=a, action="accept", courses=["CS-MA501"], decision=w.decide(w.board, "E-1", dt.date(2027, 9, 5), subject=a))
    svc.incoming_step(actor=a.user, rec=a, action="attend_course")
    svc.incoming_step(actor=w.officer, rec=a, action="semester_ends")
    svc.incoming_step(actor=w.admin, rec=b, action="reject", decision=w.decide(w.board, "E-2", dt.date(2027, 9, 5), subject=b))
    assert (a.state, b.state) == ("EXCH_IN_DONE", "REJECTED")


@pytest.mark.workflow("W-08")
@pytest.mark.rule("KTMU-17(1)-1", "KTMU-17(2)-1", "KTMU-17(5)-1")
def test_outgoing_exchange(w) -> None:
    from bilim.apps.people.models import Level, Person
    su = _user("kstudent")
    person = Person.objects.create(user=su, last_name="Бекова", first_name="Нургүл")
    st = Student.objects.create(person=person, institution=w.ktmu, unit=w.inst, programme=w.prog, student_number="K27001", level=Level.MASTER)
    rec = svc.outgoing_request(actor=su, student=st, host_hei="Ankara Üniversitesi", host_country="TR", host_level="MA")
    with pytest.raises(TransitionRefused):  # no supervisor opinion / FoS proposal yet
        svc.outgoing_step(actor=w.admin, rec=rec, action="approve", decision=w.decide(w.board, "O-1", dt.date(2027, 1, 10), subject=rec))
    svc.outgoing_step(actor=w.admin, rec=rec, action="approve", decision=w.decide(w.board, "O-2", dt.date(2027, 1, 12), subject=rec),
                      supervisor_opinion_on=dt.date(2027, 1, 5), fos_proposal_on=dt.date(2027, 1, 8))
    with pytest.raises(TransitionRefused):
        svc.outgoing_step(actor=su, rec=rec, action="depart")
    svc.outgoing_step(actor=su, rec=rec, action="depart", has_host_decision=True, has_outgoing_application=True)
    with pytest.raises(TransitionRefused):
        svc.outgoing_step(actor=su, rec=rec, action="study_at_host", host_credits=[{"ects": 20}, {"ects": 15}])
    svc.outgoing_step(actor=su, rec=rec, action="study_at_host", host_credits=[{"ects": 20, "letter": "BA", "semester": "2027-SPRING"}])
    svc.outgoing_step(actor=w.admin, rec=rec, action="extend_or_shorten", decision=w.decide(w.board, "O-3", dt.date(2027, 3, 1), subject=rec),
                      semesters=2, thesis_stage=True)
    svc.outgoing_step(actor=su, rec=rec, action="return", host_transcript=True, thesis_report=True)
    svc.outgoing_step(actor=w.admin, rec=rec, action="recognise", decision=w.decide(w.board, "O-4", dt.date(2027, 7, 1), subject=rec))
    assert rec.state == "ACTIVE"
    rec2 = svc.outgoing_request(actor=su, student=st, host_hei="Marmara", host_country="TR", host_level="MA")
    svc.outgoing_step(actor=w.admin, rec=rec2, action="reject", decision=w.decide(w.board, "O-5", dt.date(2027, 8, 1), subject=rec2))
    svc.outgoing_step(actor=w.admin, rec=rec2, action="rectorate_exchange", decision=w.decide(w.board, "O-6", dt.date(2027, 8, 2), subject=rec2),
                      fos_proposal_on=dt.date(2027, 7, 30))
    assert rec2.state == "ON_EXCHANGE"


@pytest.mark.workflow("W-09")
@pytest.mark.rule("KTMU-18-1", "KTMU-18-2")
def test_junior_researcher_transfer(w) -> None:
    jr = _user("jr")
    opened = w.decide(w.trustees, "T-2027-1", dt.date(2027, 3, 1), subject_type="admissions.juniorresearchertransfer")
    rec = svc.transfer_open(actor=w.admin, user=jr, target=w.prog, decision=opened, full_name="Осмонов Бакыт", enrolled_programme="AUCA MA CS",
                            completed_semesters=2, first_add_drop_end=dt.date(2027, 9, 20))
    svc.transfer_step(actor=jr, rec=rec, action="apply", on=dt.date(2027, 3, 10))
    svc.transfer_step(actor=w.admin, rec=rec, action="decide", decision=w.decide(w.board, "J-1", dt.date(2027, 3, 20), subject=rec))
    assert rec.state == "REGISTERED" and rec.student.semester == 3
    rec2 = svc.transfer_open(actor=w.admin, user=_user("jr2"), target=w.prog, decision=opened, full_name="Осмонова Айна", enrolled_programme="BSU")
    svc.transfer_step(actor=rec2.user, rec=rec2, action="apply")
    svc.transfer_step(actor=w.admin, rec=rec2, action="reject", decision=w.decide(w.board, "J-2", dt.date(2027, 3, 20), subject=rec2))
    assert rec2.state == "REJECTED"


@pytest.mark.workflow("W-04", "W-16a")
def test_body_steps_fire_through_the_registry_with_the_adopted_decision(w) -> None:
    from bilim.apps.workflow.registry import perform_step
    from bilim.apps.workflow.selectors import pending_for_body

    a = w.to_exam(w.candidate("ainura"))
    svc.scores_enter(actor=w.secretary, application=a, decision=w.protocol, written=D("80"), oral=D("90"))
    svc.results_publish(actor=w.officer, round=w.round, on=dt.date(2027, 8, 2))
    a.refresh_from_db()
    appeal = svc.appeal_file(actor=a.user, application=a, reason="Оозеки сынак", on=dt.date(2027, 8, 3))
    with pytest.raises(TransitionRefused):  # the findings are recorded on the appeal's page, not by a bare decision
        perform_step(obj=appeal, workflow_code="KTMU-W-16a", action="review", actor=w.admin,
                     decision=w.decide(w.spec_body, "P-9", dt.date(2027, 8, 4), subject=appeal))
    svc.appeal_review(actor=w.secretary, appeal=appeal, decision=w.decide(w.spec_body, "P-10", dt.date(2027, 8, 4), subject=appeal),
                      findings="Ката жок.", on=dt.date(2027, 8, 4), papers_attached=True, technical_error=False)
    assert any(p.obj.pk == appeal.pk for p in pending_for_body(w.board))
    perform_step(obj=appeal, workflow_code="KTMU-W-16a", action="no_error", actor=w.admin,
                 decision=w.decide(w.board, "B-1", dt.date(2027, 8, 5), subject=appeal))
    appeal.refresh_from_db()
    assert appeal.state == "CLOSED"
    tr = perform_step(obj=a, workflow_code="KTMU-W-04", action="place_main_list", actor=w.admin,
                      decision=w.decide(w.board, "B-2", dt.date(2027, 8, 6), subject_type="admissions.application"))
    a.refresh_from_db()
    assert a.state == "ENTITLED" and tr.action == "place_main_list"
