"""W-02: a new course in four languages, its approvals, instructors, timetable and whether it runs."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from bilim.apps.curriculum.models import Course, Offering
from bilim.apps.people.models import Level, Person, Staff, Student, TeachingRecord
from bilim.apps.programmes import services
from bilim.apps.records.models import Enrolment
from bilim.apps.workflow.services import TransitionRefused
from tests.programmes.helpers import course

D = dt.date


def _rules(exc) -> set[str]:
    return {r for e in exc.value.explanations for r in e.rule_ids}


def _catalogue(pp, c):
    services.course_step(actor=pp.instructor_user, course=c, action="submit_application")
    services.course_step(actor=pp.admin, course=c, action="propose", decision=pp.decide(pp.fos_council, c, D(2027, 3, 1)))
    services.course_step(actor=pp.admin, course=c, action="decide", decision=pp.decide(pp.board, c, D(2027, 3, 5)))
    services.course_step(actor=pp.admin, course=c, action="approve", decision=pp.decide(pp.senate, c, D(2027, 3, 10)))
    return c


def _teaching(pp, staff, n: int, level=Level.BACHELOR):
    from bilim.apps.curriculum.models import AcademicYear, Term

    for i in range(n):
        y, _c = AcademicYear.objects.get_or_create(institution=pp.ktmu, code=f"{2010 + i}-{2011 + i}",
                                                   defaults={"starts_on": D(2010 + i, 9, 1), "ends_on": D(2011 + i, 8, 31)})
        t, _c = Term.objects.get_or_create(year=y, kind="fall", defaults={"starts_on": D(2010 + i, 9, 1), "ends_on": D(2011 + i, 1, 25)})
        TeachingRecord.objects.create(staff=staff, term=t, level=level)


@pytest.mark.workflow("W-02")
@pytest.mark.rule("KTMU-7-1")
def test_application_needs_four_languages_and_the_credit_of_its_hours(pp) -> None:
    c = course(pp, title_ru="", credit=Decimal("3.5"))
    with pytest.raises(TransitionRefused) as exc:
        services.course_step(actor=pp.instructor_user, course=c, action="submit_application")
    assert _rules(exc) == {"KTMU-7-1"} and "name[ru]" in " ".join(exc.value.messages("en"))
    services.course_update(actor=pp.instructor_user, course=c, data={"title_ru": "Машинное обучение"})
    with pytest.raises(TransitionRefused) as exc:  # 3 theory hours make 3 credits, not 3.5
        services.course_step(actor=pp.instructor_user, course=c, action="submit_application")
    assert _rules(exc) == {"KTMU-7-1"}
    services.course_update(actor=pp.instructor_user, course=c, data={"practice_hours": Decimal(1)})  # 3 + ½·1 = 3.5
    with pytest.raises(TransitionRefused):  # only the instructor who applies submits it
        services.course_step(actor=pp.other_dean, course=c, action="submit_application")
    services.course_step(actor=pp.instructor_user, course=c, action="submit_application")
    assert c.state == "SUBMITTED"


@pytest.mark.workflow("W-02")
@pytest.mark.rule("KTMU-24(4)-1")
@pytest.mark.rule("KTMU-24(9)-1")
@pytest.mark.rule("KTMU-27-1")
def test_course_opened_staffed_scheduled_and_runs(pp) -> None:
    c = _catalogue(pp, course(pp))
    assert c.state == "IN_CATALOGUE" and Course.objects.get(code="CS-MA601").title_tr == "Makine Öğrenmesi"
    # a foreign-language section: FoS council proposes, institute council decides, the Senate consents
    services.course_update(actor=pp.fos_head, course=c, data={"foreign_language": "en", "term": pp.term})
    with pytest.raises(TransitionRefused) as exc:
        services.course_step(actor=pp.admin, course=c, action="add_foreign_language_section", decision=pp.decide(pp.senate, c, D(2027, 3, 11)))
    assert _rules(exc) >= {"KTMU-5(2)-1"}
    pp.decide(pp.fos_council, c, D(2027, 3, 12))
    assert services.course_step(actor=pp.admin, course=c, action="add_foreign_language_section", decision=pp.decide(pp.board, c, D(2027, 3, 13))) is None
    services.course_step(actor=pp.admin, course=c, action="add_foreign_language_section", decision=pp.decide(pp.senate, c, D(2027, 3, 14)))
    c.refresh_from_db()
    assert c.state == "IN_CATALOGUE" and c.foreign_language_approved
    # instructors: the lecturer (no degree, no title) may not teach a master's course
    services.course_instructor_add(actor=pp.fos_head, course=c, staff=pp.s_lect)
    with pytest.raises(TransitionRefused) as exc:
        services.course_step(actor=pp.admin, course=c, action="propose_instructor", decision=pp.decide(pp.fos_council, c, D(2027, 4, 1)))
    assert "KTMU-24(4)-1" in _rules(exc)
    c.instructors.filter(staff=pp.s_lect).delete()
    # two titled instructors on one elective: refused (at most one)
    _teaching(pp, pp.s1, 2)
    _teaching(pp, pp.s2, 2)
    services.course_instructor_add(actor=pp.fos_head, course=c, staff=pp.s1)
    services.course_instructor_add(actor=pp.fos_head, course=c, staff=pp.s2)
    with pytest.raises(TransitionRefused) as exc:
        services.course_step(actor=pp.admin, course=c, action="propose_instructor", decision=pp.decide(pp.fos_council, c, D(2027, 4, 2)))
    assert _rules(exc) == {"KTMU-24(9)-1"}
    c.instructors.filter(staff=pp.s2).delete()
    with pytest.raises(TransitionRefused) as exc:  # an FoS-code course is staffed by the FoS council, not the institute management
        services.course_step(actor=pp.admin, course=c, action="propose_instructor", decision=pp.decide(pp.mgmt, c, D(2027, 4, 3)))
    assert _rules(exc) == {"KTMU-24(6)-1"}
    services.course_step(actor=pp.admin, course=c, action="propose_instructor", decision=pp.decide(pp.fos_council, c, D(2027, 4, 4)))
    # appointed by institute council decision and Senate consent within the calendar period (before course registration)
    pp.decide(pp.board, c, D(2027, 5, 1))
    services.course_step(actor=pp.admin, course=c, action="assign", decision=pp.decide(pp.senate, c, D(2027, 5, 10)))
    c.refresh_from_db()
    assert c.state == "STAFFED" and list(c.offering.instructors.all()) == [pp.s1]
    # timetable: day, time, room; a room holds one class at a time
    with pytest.raises(ValidationError):
        services.course_step(actor=pp.fos_head, course=c, action="publish_timetable", on=D(2027, 8, 1))
    services.timetable_slot_add(actor=pp.fos_head, course=c, weekday=1, starts_at=dt.time(9, 0), ends_at=dt.time(10, 50), room="B-204")
    with pytest.raises(ValidationError) as bad:
        services.timetable_slot_add(actor=pp.fos_head, course=c, weekday=1, starts_at=dt.time(10, 0), ends_at=dt.time(9, 0), room="B-205")
    assert "ends_at" in bad.value.error_dict
    with pytest.raises(TransitionRefused) as exc:  # the day before course selection is the last day
        services.course_step(actor=pp.fos_head, course=c, action="publish_timetable", on=D(2027, 8, 25))
    assert _rules(exc) == {"KTMU-25-1"}
    services.course_step(actor=pp.fos_head, course=c, action="publish_timetable", on=D(2027, 8, 24))
    assert c.state == "SCHEDULED" and c.offering.slots.count() == 1
    # add/drop closes with one student: the master's minimum is met (placeholder parameter 1)
    p = Person.objects.create(last_name="Асанов", first_name="Н")
    st = Student.objects.create(person=p, institution=pp.ktmu, unit=pp.inst, programme=pp.prog, student_number="K1", level=Level.MASTER)
    Enrolment.objects.create(student=st, offering=c.offering)
    services.course_close_add_drop(actor=pp.fos_head, course=c, on=D(2027, 9, 12))
    c.refresh_from_db()
    assert c.state == "RUNS" and Offering.objects.get(pk=c.offering_id).runs is True and c.selections == 1


@pytest.mark.workflow("W-02")
@pytest.mark.rule("KTMU-24(8)-1")
@pytest.mark.rule("KTMU-27-1")
def test_external_instructor_by_university_board_and_a_course_that_does_not_run(pp) -> None:
    c = _catalogue(pp, course(pp, code="CS-MA602"))
    services.course_update(actor=pp.fos_head, course=c, data={"term": pp.term})
    services.course_instructor_add(actor=pp.fos_head, course=c, staff=pp.external)
    _teaching(pp, pp.external, 4)
    services.course_step(actor=pp.admin, course=c, action="propose_instructor", decision=pp.decide(pp.fos_council, c, D(2027, 4, 4)))
    # the institute council and Senate cannot appoint an external instructor
    pp.decide(pp.board, c, D(2027, 5, 1))
    with pytest.raises(TransitionRefused) as exc:
        services.course_step(actor=pp.admin, course=c, action="assign", decision=pp.decide(pp.senate, c, D(2027, 5, 10)))
    assert _rules(exc) == {"KTMU-24(8)-1"}
    # the only instructor of the programme this semester is external: 1 of 1 is over 30 %
    with pytest.raises(TransitionRefused) as exc:
        services.course_step(actor=pp.admin, course=c, action="assign_external", decision=pp.decide(pp.uni_board, c, D(2027, 5, 12)))
    assert "30" in " ".join(exc.value.messages("en"))
    # with the programme's other offerings taught by three KTMU instructors, 1 of 4 (25 %) is within the cap
    other = Course.objects.create(institution=pp.ktmu, programme=pp.prog, code="CS-MA500", title_ky="Алгоритмдер", title_en="Algorithms", ects=6)
    o = Offering.objects.create(course=other, term=pp.term)
    o.instructors.set([pp.s1, pp.s2, pp.s_lect])
    services.course_step(actor=pp.admin, course=c, action="assign_external", decision=pp.decide(pp.uni_board, c, D(2027, 5, 13)))
    assert c.state == "STAFFED"
    services.timetable_slot_add(actor=pp.fos_head, course=c, weekday=3, starts_at=dt.time(14, 0), ends_at=dt.time(15, 50), room="A-110")
    services.course_step(actor=pp.fos_head, course=c, action="publish_timetable", on=D(2027, 8, 20))
    assert services.close_add_drop_for_term(actor=pp.fos_head, term=pp.term, on=D(2027, 9, 12)) == {"RUNS": 0, "NOT_RUN": 1}  # nobody selected it
    c.refresh_from_db()
    assert c.state == "NOT_RUN" and Offering.objects.get(pk=c.offering_id).runs is False and c.selections == 0


@pytest.mark.workflow("W-02")
@pytest.mark.rule("KTMU-24(2)-1")
def test_rejections_and_duplicate_titles_across_levels(pp) -> None:
    from bilim.apps.curriculum.models import Programme

    ba = Programme.objects.create(institution=pp.ktmu, unit=pp.inst, code="fbe-cs-ba", name_ky="BA", name_en="BA", level=Level.BACHELOR)
    Course.objects.create(institution=pp.ktmu, programme=ba, code="CS-101", title_ky="Машиналык окутуу", title_en="ML intro", ects=5)
    c = course(pp, code="CS-MA603")
    services.course_step(actor=pp.instructor_user, course=c, action="submit_application")
    with pytest.raises(TransitionRefused) as exc:
        services.course_step(actor=pp.admin, course=c, action="propose", decision=pp.decide(pp.fos_council, c))
    assert _rules(exc) == {"KTMU-24(2)-1"}
    services.course_step(actor=pp.admin, course=c, action="reject", decision=pp.decide(pp.fos_council, c))
    assert c.state == "REJECTED"
    for n, (state, body) in enumerate((("PROPOSED", pp.board), ("INSTITUTE_APPROVED", pp.senate))):
        c = course(pp, code=f"CS-MA61{n}", title_ky=f"Жаңы сабак {n}")
        services.course_step(actor=pp.instructor_user, course=c, action="submit_application")
        for action, b in (("propose", pp.fos_council), ("decide", pp.board)):
            if c.state == state:
                break
            services.course_step(actor=pp.admin, course=c, action=action, decision=pp.decide(b, c))
        services.course_step(actor=pp.admin, course=c, action="reject", decision=pp.decide(body, c))
        assert c.state == "REJECTED"
    assert Staff.objects.count() >= 4
