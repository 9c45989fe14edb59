"""Personas for KTMU semester registration: the student (master's), the appointed supervisor, another instructor,
the FoS head, the institute officer, the Institute Board and FoS council, an outsider — and a term with a registration
calendar, a programme of 7 courses (4 planned in the fall) and another master's programme of the institute."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from types import SimpleNamespace
from typing import Any

import pytest

from bilim.apps.accounts.models import Role, RoleAssignment, User
from bilim.apps.curriculum.models import AcademicYear, Course, Offering, Programme, Term, TimetableSlot
from bilim.apps.governance.models import Body, Decision
from bilim.apps.org.models import Institution, Unit
from bilim.apps.people.models import Level, Person, Staff, Student
from bilim.apps.postgrad.models import Supervision
from bilim.apps.registration import services as svc

D = dt.date
TOPICS = ["Algorithms", "Databases", "Networks", "Research methods", "Machine learning", "Cryptography", "Compilers"]


def _user(name: str, role: str | None = None, **scope: Any) -> User:
    u = User.objects.create_user(username=name, password="x", email=f"{name}@example.kg")
    if role:
        RoleAssignment.objects.create(user=u, role=role, starts_on=D(2020, 1, 1), **scope)
    return u


@pytest.fixture
def w(db: Any) -> SimpleNamespace:
    ktmu = Institution.objects.create(code="ktmu", name_ky="КТМУ", name_en="KTMU", country="KG", is_home=True, regulation_set="ktmu_postgrad")
    inst = Unit.objects.create(institution=ktmu, kind=Unit.Kind.INSTITUTE, code="fbe", name_ky="Табигый илимдер институту", name_en="Institute of Sciences")
    fos = Unit.objects.create(institution=ktmu, parent=inst, kind=Unit.Kind.FIELD_OF_SCIENCE, code="fbe-cs", name_ky="Информатика", name_en="CS")
    fos2 = Unit.objects.create(institution=ktmu, parent=inst, kind=Unit.Kind.FIELD_OF_SCIENCE, code="fbe-ma", name_ky="Математика", name_en="Maths")
    prog = Programme.objects.create(institution=ktmu, unit=inst, field_of_science=fos, code="fbe-cs-ma", name_ky="Информатика (MA)", name_en="CS (MA)",
                                    level=Level.MASTER, normative_semesters=4)
    prog2 = Programme.objects.create(institution=ktmu, unit=inst, field_of_science=fos2, code="fbe-ma-ma", name_ky="Математика (MA)", name_en="Maths (MA)",
                                     level=Level.MASTER, normative_semesters=4)
    year = AcademicYear.objects.create(institution=ktmu, code="2026-2027", starts_on=D(2026, 9, 1), ends_on=D(2027, 8, 31))
    term = Term.objects.create(year=year, kind=Term.Kind.FALL, starts_on=D(2026, 9, 1), ends_on=D(2027, 1, 25))
    prev = Term.objects.create(year=AcademicYear.objects.create(institution=ktmu, code="2025-2026", starts_on=D(2025, 9, 1), ends_on=D(2026, 8, 31)),
                               kind=Term.Kind.SPRING, starts_on=D(2026, 2, 2), ends_on=D(2026, 6, 20))

    student_user = _user("pgstudent", Role.STUDENT, institution=ktmu, unit=inst)
    peer_user = _user("peer", Role.STUDENT, institution=ktmu, unit=inst)
    sup_user = _user("supervisor", Role.STAFF, institution=ktmu, unit=fos)
    other_staff_user = _user("other_staff", Role.STAFF, institution=ktmu, unit=fos)
    fos_head = _user("fos_head", Role.HEAD_OF_DEPARTMENT, institution=ktmu, unit=fos)
    officer = _user("officer", Role.DEAN_OFFICE, institution=ktmu, unit=inst)
    outsider = _user("outsider")

    def staff(user: User | None, last: str) -> Staff:
        p = Person.objects.create(user=user, last_name=last, first_name="А")
        return Staff.objects.create(person=p, institution=ktmu, unit=fos, degree=Staff.Degree.PHD, title=Staff.Title.ASSOCIATE_PROFESSOR)

    s_sup, s_other = staff(sup_user, "Өмүрова"), staff(other_staff_user, "Үсөнов")
    teachers = [staff(None, f"Окутуучу{i}") for i in range(7)]
    courses, offerings = [], []
    for i, t in enumerate(TOPICS):
        c = Course.objects.create(institution=ktmu, programme=prog, code=f"CS-MA{501 + i}", title_ky=t, title_en=t, ects=Decimal(6),
                                  kind=Course.Kind.COMPULSORY if i < 4 else Course.Kind.ELECTIVE, semester=i % 2 + 1, language="ky")
        o = Offering.objects.create(course=c, term=term, capacity=10, language="ky")
        o.instructors.add(teachers[i])
        TimetableSlot.objects.create(offering=o, weekday=1 + i % 5, starts_at=dt.time(9 + i, 0), ends_at=dt.time(10 + i, 0), room=f"A-{100 + i}")
        courses.append(c)
        offerings.append(o)
    # a course of the other master's programme, same title as one of ours in Turkish (26(6)) and a distinct one
    c_other = Course.objects.create(institution=ktmu, programme=prog2, code="MA-MA501", title_ky="Топология", title_en="Topology", ects=Decimal(6),
                                    kind=Course.Kind.ELECTIVE, semester=1)
    o_other = Offering.objects.create(course=c_other, term=term, capacity=10)
    o_other.instructors.add(teachers[0])

    def student(user: User | None, n: int) -> Student:
        p = Person.objects.create(user=user, last_name=f"Асанов{n}", first_name="Н", email=f"s{n}@example.kg")
        return Student.objects.create(person=p, institution=ktmu, unit=inst, programme=prog, student_number=f"K{n:05d}", level=Level.MASTER, semester=1)

    st, peer = student(student_user, 1), student(peer_user, 2)
    Supervision.objects.create(student=st, role="SUPERVISOR", staff=s_sup, status="ACTIVE", proposed_on=D(2026, 6, 1), started_on=D(2026, 6, 10))
    board = Body.objects.create(institution=ktmu, unit=inst, kind=Body.Kind.INSTITUTE_BOARD, code="board-fbe", name_ky="Башкаруу кеңеши", name_en="Board")
    council = Body.objects.create(institution=ktmu, unit=fos, kind=Body.Kind.FOS_COUNCIL, code="council-cs", name_ky="Академиялык кеңеш", name_en="Council")
    cal = svc.calendar_open(actor=officer, institute=inst, term=term, selection_starts_on=D(2026, 8, 25), renewal_ends_on=D(2026, 9, 1),
                            adddrop_starts_on=D(2026, 9, 2), adddrop_ends_on=D(2026, 9, 12), run_list_on=D(2026, 9, 14))
    reg = svc.registration_for(st, term)
    peer_reg = svc.registration_for(peer, term)

    def decision(body: Body, obj: Any, number: str, on: dt.date) -> Decision:
        return Decision.objects.create(body=body, number=number, date=on, title="Чечим", status=Decision.Status.ADOPTED,
                                       subject_type=obj._meta.label_lower, subject_id=str(obj.pk))

    return SimpleNamespace(**locals())


@pytest.fixture
def opened(w: SimpleNamespace) -> SimpleNamespace:
    """The FoS head published the timetable on 20 August (≥ 1 day before selection starts)."""
    svc.timetable_publish(actor=w.fos_head, calendar=w.cal, on=D(2026, 8, 20))
    w.reg.refresh_from_db()
    w.peer_reg.refresh_from_db()
    return w
