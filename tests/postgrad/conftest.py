"""Personas for the KTMU postgraduate app: instructor, other instructor, institute officer (dean's-office
role on the institute), a dean's office of another institute, the student, an outsider."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from types import SimpleNamespace
from typing import Any

import pytest

from bilim.apps.accounts.models import Role, RoleAssignment, User
from bilim.apps.curriculum.models import AcademicYear, Course, Offering, Programme, Term
from bilim.apps.governance.models import Body, Decision
from bilim.apps.org.models import Institution, Unit
from bilim.apps.people.models import Level, Person, Staff, Student
from bilim.apps.records.models import Enrolment


def _user(name: str, role: str | None = None, **scope: Any) -> User:
    u = User.objects.create_user(username=name, password="x", email=f"{name}@example.kg")
    if role:
        RoleAssignment.objects.create(user=u, role=role, starts_on=dt.date(2020, 1, 1), **scope)
    return u


@pytest.fixture
def pg(db: Any) -> SimpleNamespace:
    ktmu = Institution.objects.create(code="ktmu", name_ky="КТМУ", name_en="KTMU", country="KG", is_home=True,
                                       regulation_set="ktmu_postgrad")
    partner = Institution.objects.create(code="ankara", name_ky="Анкара", name_en="Ankara University", country="TR")
    inst = Unit.objects.create(institution=ktmu, kind=Unit.Kind.INSTITUTE, code="fbe", name_ky="Табигый илимдер институту", name_en="Institute of Sciences")
    inst2 = Unit.objects.create(institution=ktmu, kind=Unit.Kind.INSTITUTE, code="sbe", name_ky="Социалдык илимдер институту", name_en="Institute of Social Sciences")
    fos = Unit.objects.create(institution=ktmu, parent=inst, kind=Unit.Kind.FIELD_OF_SCIENCE, code="fbe-cs", name_ky="Информатика", name_en="Computer science")
    prog = Programme.objects.create(institution=ktmu, unit=inst, field_of_science=fos, code="fbe-cs-ma", name_ky="Информатика (MA)", name_en="CS (MA)", level=Level.MASTER, normative_semesters=4)
    course = Course.objects.create(institution=ktmu, programme=prog, code="CS-MA501", title_ky="Алгоритмдер", title_en="Algorithms", ects=Decimal(6))
    year = AcademicYear.objects.create(institution=ktmu, code="2026-2027", starts_on=dt.date(2026, 9, 1), ends_on=dt.date(2027, 8, 31))
    term = Term.objects.create(year=year, kind=Term.Kind.FALL, starts_on=dt.date(2026, 9, 1), ends_on=dt.date(2027, 1, 25))
    offering = Offering.objects.create(course=course, term=term)

    instructor = _user("instructor", Role.STAFF, institution=ktmu, unit=fos)
    other = _user("other_instructor", Role.STAFF, institution=ktmu, unit=fos)
    officer = _user("institute_officer", Role.DEAN_OFFICE, institution=ktmu, unit=inst)
    other_dean = _user("other_dean", Role.DEAN_OFFICE, institution=ktmu, unit=inst2)
    fos_head = _user("fos_head", Role.HEAD_OF_DEPARTMENT, institution=ktmu, unit=fos)
    secretary = _user("secretary", Role.BOARD_SECRETARY, institution=ktmu, unit=inst)
    student_user = _user("pgstudent", Role.STUDENT, institution=ktmu, unit=inst)
    outsider = _user("outsider")
    admin = _user("admin", Role.ADMINISTRATOR)

    def staff(user: User | None, last: str) -> Staff:
        p = Person.objects.create(user=user, last_name=last, first_name="А")
        return Staff.objects.create(person=p, institution=ktmu, unit=fos, degree=Staff.Degree.PHD, title=Staff.Title.ASSOCIATE_PROFESSOR)

    s_instr, s_other, s_sup = staff(instructor, "Сатыбалдиев"), staff(other, "Үсөнов"), staff(None, "Өмүрова")
    offering.instructors.add(s_instr)

    def student(user: User | None, n: int, **kw: Any) -> Student:
        p = Person.objects.create(user=user, last_name=f"Асанов{n}", first_name="Н")
        return Student.objects.create(person=p, institution=ktmu, unit=inst, programme=prog, student_number=f"K{n:05d}", level=Level.MASTER, **kw)

    st, st2 = student(student_user, 1), student(None, 2)
    e1 = Enrolment.objects.create(student=st, offering=offering)
    e2 = Enrolment.objects.create(student=st2, offering=offering)
    board = Body.objects.create(institution=ktmu, unit=inst, kind=Body.Kind.INSTITUTE_BOARD, code="board-fbe", name_ky="Башкаруу кеңеши", name_en="Board")
    senate = Body.objects.create(institution=ktmu, kind=Body.Kind.SENATE, code="senate", name_ky="Сенат", name_en="Senate")
    adopted = Decision.objects.create(body=board, number="2026-10.1", date=dt.date(2026, 10, 1), title="Жетекчилер", status=Decision.Status.ADOPTED)
    draft = Decision.objects.create(body=board, number="2026-10.2", date=dt.date(2026, 10, 2), title="Долбоор")
    return SimpleNamespace(**locals())
