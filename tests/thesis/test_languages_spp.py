"""W-10 languages (KTMU art. 19, ERRATA 23, 29) and W-11 scientific preparation (art. 20): exemption by document
and by exam at the thresholds in force, the language programme and its limits, the SPP and its 2-semester limit."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied

from bilim.apps.people.models import Person, Student
from bilim.apps.thesis import models as m
from bilim.apps.thesis import services as s
from bilim.apps.workflow.services import TransitionRefused

D = dt.date


def third_student(th: Any, n: int = 9) -> Student:
    from bilim.apps.accounts.models import Role, RoleAssignment, User

    u = User.objects.create_user(username=f"st{n}", password="x")
    RoleAssignment.objects.create(user=u, role=Role.STUDENT, institution=th.ktmu, unit=th.inst, starts_on=D(2020, 1, 1))
    p = Person.objects.create(user=u, last_name=f"Студент{n}", first_name="Н")
    return Student.objects.create(person=p, institution=th.ktmu, unit=th.inst, programme=th.phd, student_number=f"K{n:05d}", level="doctorate")


def open_langs(th: Any, st: Student, **kw: Any) -> dict[str, m.LanguageRequirement]:
    return {r.language: r for r in s.languages_open(actor=th.officer, student=st, registered_on=D(2025, 9, 1), **kw)}


@pytest.mark.workflow("W-10")
@pytest.mark.rule("KTMU-19(2)-1", "KTMU-19(6)-1", "KTMU-19(7)-1", "KTMU-19(9)-1", "KTMU-19(10)b-1", "KTMU-19(11)-1")
def test_exemption_by_prior_study_and_by_exam_at_67(th: Any) -> None:
    langs = open_langs(th, th.ma_st, prior_instruction_language="tr")
    assert set(langs) == {"ky", "tr"} and all(r.state == "LANG_CHECK" for r in langs.values())
    s.language_exempt_by_document(actor=th.officer, req=langs["tr"], on=D(2025, 9, 2))
    langs["tr"].refresh_from_db()
    assert langs["tr"].state == "EXEMPT" and "KTMU-19(2)-1" in langs["tr"].explanation["message_values"]["ground"]
    ky = langs["ky"]
    with pytest.raises(TransitionRefused):  # nothing exempts from Kyrgyz yet
        s.language_exempt_by_document(actor=th.officer, req=ky, on=D(2025, 9, 2))
    s.language_exam_due(actor=th.officer, req=ky, exam_date=D(2025, 9, 5), announced_on=D(2025, 6, 1), on=D(2025, 9, 2))
    ky.refresh_from_db()
    assert ky.state == "LEX_EXAM_DUE"
    # 66.99 is below 67: not exempt
    assert s.language_exam_result(actor=th.officer, req=ky, score="66,99", on=D(2025, 9, 6)).target == "NOT_EXEMPT"
    # the student joins the language programme (optional, 19(9))
    with pytest.raises(PermissionDenied):
        s.language_programme_enrol(actor=th.phd_user, req=ky)
    assert s.language_programme_enrol(actor=th.ma_user, req=ky, on=D(2025, 9, 8)).target == "IN_LP"
    # in the programme: 2 PG courses in Turkish pass; a third is over the cap; a Kyrgyz course is refused (19(11), ERRATA 23)
    tr2 = [{"course_code": "CS501", "language": "tr", "source": "PG"}, {"course_code": "CS502", "language": "tr", "source": "PG"}]
    assert s.language_courses_check(actor=th.ma_user, req=ky, sections=tr2, spp_required=False, on=D(2025, 9, 9)).target == "IN_LP"
    with pytest.raises(TransitionRefused):
        s.language_courses_check(actor=th.ma_user, req=ky, sections=[*tr2, {"course_code": "CS503", "language": "tr", "source": "PG"}], spp_required=False)
    with pytest.raises(TransitionRefused) as exc:
        s.language_courses_check(actor=th.ma_user, req=ky, sections=[{"course_code": "CS504", "language": "ky", "source": "PG"}], spp_required=False)
    assert any("KTMU-19(11)-1" in e.all_rule_ids() for e in exc.value.explanations)
    # the re-sit at exactly 67 exempts
    assert s.language_exam_result(actor=th.officer, req=ky, score=Decimal("67"), on=D(2026, 1, 20)).target == "EXEMPT"


@pytest.mark.workflow("W-10")
@pytest.mark.rule("KTMU-19(3)-1", "KTMU-19(5)-1", "KTMU-19(7)-2", "KTMU-19(10)a-1")
def test_certificate_document_exam_passed_and_uncapped_spp_courses(th: Any) -> None:
    langs = open_langs(th, th.phd_st)
    tr, ky = langs["tr"], langs["ky"]
    s.language_evidence_add(actor=th.officer, req=tr, kind="certificate", issuer="TR_LANGUAGE_CENTRE", score="59.99")
    with pytest.raises(TransitionRefused):  # 59.99 < 60 (19(3))
        s.language_exempt_by_document(actor=th.officer, req=tr)
    s.language_evidence_add(actor=th.officer, req=tr, kind="certificate", issuer="TR_LANGUAGE_CENTRE", score="60")
    assert s.language_exempt_by_document(actor=th.officer, req=tr).target == "EXEMPT"
    # an exam not announced before it is held cannot be the exemption exam (19(7)-2)
    s.language_exam_due(actor=th.officer, req=ky, exam_date=D(2025, 5, 1), announced_on=D(2025, 6, 1), on=D(2025, 9, 2))
    with pytest.raises(TransitionRefused):
        s.language_exam_result(actor=th.officer, req=ky, score="80", on=D(2025, 9, 6))
    ky.refresh_from_db()
    assert ky.state == "LEX_EXAM_DUE" and ky.exam_score is None  # nothing written
    m.LanguageRequirement.objects.filter(pk=ky.pk).update(exam_date=D(2025, 9, 5))
    ky.refresh_from_db()
    assert s.language_exam_result(actor=th.officer, req=ky, score="80", on=D(2025, 9, 6)).target == "EXEMPT"
    # a Senate-listed document (19(5)) for a third student
    st = third_student(th)
    r = open_langs(th, st)["ky"]
    s.language_evidence_add(actor=th.officer, req=r, kind="document", document_kind="Кыргыз тили боюнча сертификат (B2)", on_senate_list=True)
    assert s.language_exempt_by_document(actor=th.officer, req=r).target == "EXEMPT"
    # ERRATA 29: SPP courses in the exempted language are not capped at 2 while in the language programme
    tr3 = open_langs(th, st)["tr"]
    s.language_exam_due(actor=th.officer, req=tr3, exam_date=D(2025, 9, 5), announced_on=D(2025, 6, 1), on=D(2025, 9, 2))
    s.language_exam_result(actor=th.officer, req=tr3, score="10", on=D(2025, 9, 6))
    spp3 = [{"course_code": f"SPP{i}", "language": "ky", "source": "SPP"} for i in range(3)]
    assert s.language_courses_check(actor=st.person.user, req=tr3, sections=spp3, spp_required=True).target == "NOT_EXEMPT"


@pytest.mark.workflow("W-10")
@pytest.mark.rule("KTMU-19(12)-1", "KTMU-39(1)d-1")
def test_language_limit_four_semesters_reaches_dismissal_case(th: Any) -> None:
    langs = open_langs(th, th.phd_st)
    for _code, r in langs.items():
        s.language_exam_due(actor=th.officer, req=r, exam_date=D(2025, 9, 5), announced_on=D(2025, 6, 1), on=D(2025, 9, 2))
        s.language_exam_result(actor=th.officer, req=r, score="50", on=D(2025, 9, 6))
    tr, ky = langs["tr"], langs["ky"]
    s.language_exam_result(actor=th.officer, req=tr, score="70", on=D(2026, 1, 20))  # NOT_EXEMPT → resit_passed
    tr.refresh_from_db()
    assert tr.state == "EXEMPT"
    s.language_programme_enrol(actor=th.phd_user, req=ky, on=D(2026, 2, 1))
    # both languages were missing at registration: 4 semesters; after 2 the limit is not reached
    with pytest.raises(TransitionRefused):
        s.language_limit_reached(actor=th.secretary, req=ky, decision=th.decide(th.board, D(2026, 7, 1), ky), on=D(2026, 7, 1))
    tr_ = s.language_limit_reached(actor=th.secretary, req=ky, decision=th.decide(th.board, D(2027, 7, 1), ky), on=D(2027, 7, 1))
    assert tr_.source == "IN_LP" and tr_.target == "DISMISSAL_CASE"
    from bilim.apps.thesis.selectors import dismissal_cases

    cases = dismissal_cases(th.phd_st)
    assert cases and "KTMU-39(1)d-1" in cases[0]["ground_rules"]
    # a third student, one language missing, not in the programme: 2 semesters
    st = third_student(th)
    one = open_langs(th, st, prior_instruction_language="tr")
    s.language_exempt_by_document(actor=th.officer, req=one["tr"])
    s.language_exam_due(actor=th.officer, req=one["ky"], exam_date=D(2025, 9, 5), announced_on=D(2025, 6, 1), on=D(2025, 9, 2))
    s.language_exam_result(actor=th.officer, req=one["ky"], score="10", on=D(2025, 9, 6))
    assert s.language_limit_reached(actor=th.secretary, req=one["ky"], decision=th.decide(th.board, D(2026, 7, 1), one["ky"]),
                                    on=D(2026, 7, 1)).source == "NOT_EXEMPT"


def course_grade(th: Any, st: Student, code: str, passed: bool) -> None:
    from bilim.apps.curriculum.models import Course, Offering, Term
    from bilim.apps.records.models import Enrolment, Grade

    c = Course.objects.create(institution=th.ktmu, code=code, title_ky=code, title_en=code, ects=Decimal(5))
    o = Offering.objects.create(course=c, term=Term.objects.order_by("starts_on").first())
    e = Enrolment.objects.create(student=st, offering=o)
    Grade.objects.create(enrolment=e, score=Decimal(80 if passed else 30), letter="BB" if passed else "FF", passed=passed, graded_on=D(2026, 1, 20))


SPP = [{"code": "BIO101", "title": "Биология", "semester": 1, "source_level": "BACHELOR"},
       {"code": "CHE102", "title": "Химия", "semester": 1, "source_level": "MA"},
       {"code": "BIO201", "title": "Генетика", "semester": 2, "source_level": "BACHELOR"},
       {"code": "BIO202", "title": "Экология", "semester": 2, "source_level": "BACHELOR"}]


@pytest.mark.workflow("W-11")
@pytest.mark.rule("KTMU-20(1)-1", "KTMU-20(2)-1", "KTMU-20(3)-1", "KTMU-20(4)-1", "KTMU-20(5)-1", "KTMU-20(6)-1")
def test_spp_from_proposal_to_completion(th: Any) -> None:
    prop = th.decide(th.council, D(2025, 9, 10))
    # 3 semesters is over the limit of 2 (20(1)-1): refused, nothing written
    with pytest.raises(TransitionRefused):
        s.spp_propose(actor=th.officer, student=th.phd_st, prior_degree_field="Biology", prior_degree_from_ktmu=False, semesters=3,
                      courses=SPP, total_ects="30", proposal=prop, on=D(2025, 9, 10))
    assert not m.SppPlan.objects.exists()
    plan = s.spp_propose(actor=th.officer, student=th.phd_st, prior_degree_field="Biology", prior_degree_from_ktmu=False, semesters=2,
                         courses=SPP, total_ects="30", proposal=prop, on=D(2025, 9, 10))
    assert plan.state == "SPP_PROPOSED"
    assert s.spp_decide(actor=th.secretary, plan=plan, decision=th.decide(th.board, D(2025, 9, 20), plan), on=D(2025, 9, 20)).target == "IN_SPP"
    # 2 SPP courses this semester: 2 PG courses, no seminar (20(6)-1)
    assert s.spp_register_semester(actor=th.phd_user, plan=plan, semester=1, pg_courses=[{"code": "CS601"}, {"code": "CS602"}]).target == "IN_SPP"
    with pytest.raises(TransitionRefused):
        s.spp_register_semester(actor=th.phd_user, plan=plan, semester=1, pg_courses=[{"code": "CS690", "seminar": True}])
    with pytest.raises(TransitionRefused):  # a course not yet passed
        s.spp_complete(actor=th.officer, plan=plan)
    for c in SPP:
        course_grade(th, th.phd_st, c["code"], passed=True)
    assert s.spp_complete(actor=th.officer, plan=plan, on=D(2026, 6, 25)).target == "SPP_COMPLETED"


@pytest.mark.workflow("W-11")
@pytest.mark.rule("KTMU-20(4)-1", "KTMU-39(1)e-1")
def test_spp_sources_and_two_semester_limit(th: Any) -> None:
    # a master's student's SPP comes from bachelor's programmes only (20(4)-1)
    plan = s.spp_propose(actor=th.officer, student=th.ma_st, prior_degree_field="Physics", prior_degree_from_ktmu=True, semesters=1,
                         courses=SPP[:2], total_ects="12", proposal=th.decide(th.council, D(2025, 9, 10)), on=D(2025, 9, 10))
    with pytest.raises(TransitionRefused) as exc:
        s.spp_decide(actor=th.secretary, plan=plan, decision=th.decide(th.board, D(2025, 9, 20), plan))
    assert any("KTMU-20(4)-1" in e.rule_ids for e in exc.value.explanations)
    st = third_student(th)
    plan2 = s.spp_propose(actor=th.officer, student=st, prior_degree_field="Physics", prior_degree_from_ktmu=False, semesters=2,
                          courses=SPP, total_ects="30", proposal=th.decide(th.council, D(2025, 9, 10)), on=D(2025, 9, 10))
    s.spp_decide(actor=th.secretary, plan=plan2, decision=th.decide(th.board, D(2025, 9, 20), plan2), on=D(2025, 9, 20))
    course_grade(th, st, "BIO101", passed=False)
    with pytest.raises(TransitionRefused):  # one semester used: no ground yet
        s.spp_limit_reached(actor=th.secretary, plan=plan2, decision=th.decide(th.board, D(2026, 2, 1), plan2), on=D(2026, 2, 1))
    tr = s.spp_limit_reached(actor=th.secretary, plan=plan2, decision=th.decide(th.board, D(2026, 7, 1), plan2), on=D(2026, 7, 1))
    assert tr.target == "DISMISSAL_CASE"
