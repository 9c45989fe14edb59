"""Personas and data for mobility service tests: OshSU with a faculty, a partner and one user per role."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest


@pytest.fixture
def world(db):  # noqa: ANN001
    """OshSU with a faculty, a programme, a term, a partner with an agreement, and one user per role."""
    from bilim.apps.accounts.models import RoleAssignment, User
    from bilim.apps.curriculum.models import AcademicYear, Course, Programme, Term
    from bilim.apps.mobility.models import Agreement, Call
    from bilim.apps.org.models import Institution, Unit
    from bilim.apps.people.models import Person, Staff, Student

    oshsu = Institution.objects.create(code="oshsu", name_ky="Ош мамлекеттик университети", name_en="Osh State University", country="KG", is_home=True,
                                        regulation_set="oshsu_mobility")
    partner = Institution.objects.create(code="ankara", name_ky="Анкара университети", name_en="Ankara University", country="TR", website="https://ankara.edu.tr")
    fac = Unit.objects.create(institution=oshsu, kind="faculty", code="FMI", name_ky="Математика факультети", name_en="Faculty of Mathematics")
    prog = Programme.objects.create(institution=oshsu, unit=fac, code="MATH", name_ky="Математика", name_en="Mathematics", level="bachelor", normative_semesters=8)
    year = AcademicYear.objects.create(institution=oshsu, code="2026-2027", starts_on=dt.date(2026, 9, 1), ends_on=dt.date(2027, 8, 31))
    Term.objects.create(year=year, kind="fall", starts_on=dt.date(2026, 9, 1), ends_on=dt.date(2027, 1, 31))
    Term.objects.create(year=year, kind="spring", starts_on=dt.date(2027, 2, 1), ends_on=dt.date(2027, 6, 30))
    course = Course.objects.create(institution=oshsu, programme=prog, code="MATH301", title_ky="Сызыктуу алгебра", title_en="Linear algebra", ects=Decimal("6"))
    course2 = Course.objects.create(institution=oshsu, programme=prog, code="MATH302", title_ky="Анализ", title_en="Analysis", ects=Decimal("6"))
    agreement = Agreement.objects.create(partner=partner, starts_on=dt.date(2024, 1, 1), funding_programme="MEVLANA",
                                         conversion_table=[{"grade": g, "score_100": s} for g, s in
                                                           [("AA", "95"), ("BA", "87"), ("BB", "80"), ("CB", "75"), ("CC", "70"), ("DC", "65"), ("DD", "60"), ("FF", "30")]])
    users = {}
    for role in ["student", "ird_officer", "dean_office", "deputy_dean_ir", "deputy_dean_academic", "programme_leader",
                 "rector_office", "head_of_department", "vice_rector_research", "accounting", "staff", "outsider"]:
        u = User.objects.create(username=role, email=f"{role}@oshsu.kg")
        users[role] = u
        if role != "outsider":
            RoleAssignment.objects.create(user=u, role=role, institution=oshsu, unit=fac if role not in ("ird_officer", "rector_office", "vice_rector_research", "accounting", "student", "staff") else None)
    person = Person.objects.create(user=users["student"], last_name="Асанова", first_name="Айгүл", email="aigul@oshsu.kg")
    student = Student.objects.create(person=person, institution=oshsu, unit=fac, programme=prog, student_number="S1", level="bachelor",
                                     year_of_study=3, semester=5, funding="budget")
    sp = Person.objects.create(user=users["staff"], last_name="Төрөбеков", first_name="Нурлан", email="nurlan@oshsu.kg")
    staff = Staff.objects.create(person=sp, institution=oshsu, unit=fac)
    call = Call.objects.create(title="Mevlana 2027", agreement=agreement, host=partner, faculty=fac, programme="MEVLANA",
                               opens_on=dt.date(2026, 10, 1), deadline=dt.date(2026, 12, 1), mobility_start=dt.date(2027, 2, 1),
                               mobility_end=dt.date(2027, 6, 30), quota=1, weights={"GPA": 60, "LANGUAGE": 40}, published=True,
                               procedure="p", conditions="c", requirements="r", criteria="GPA, language", links="https://oshsu.kg")
    return type("World", (), dict(oshsu=oshsu, partner=partner, fac=fac, prog=prog, course=course, course2=course2,
                                  agreement=agreement, users=users, student=student, staff=staff, call=call))
