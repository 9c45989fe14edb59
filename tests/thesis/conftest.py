"""Personas for the thesis app: a master's student (Kyrgyz/Turkish programme) and a doctoral student, the
FoS head, the institute secretariat, the board secretary, a dean of another institute, an outsider; KTMU
staff with degree and title; the institute board, FoS council, institute management; terms 2024–2029."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace
from typing import Any

import pytest

from bilim.apps.accounts.models import Role, RoleAssignment, User
from bilim.apps.curriculum.models import AcademicYear, Programme, Term
from bilim.apps.governance.models import Body, Decision
from bilim.apps.governance.services import decision_adopt, decision_create
from bilim.apps.org.models import Institution, Unit
from bilim.apps.people.models import Level, Person, Staff, Student


def _user(name: str, role: str | None = None, **scope: Any) -> User:
    u = User.objects.create_user(username=name, password="x", email=f"{name}@example.kg")
    if role:
        RoleAssignment.objects.create(user=u, role=role, starts_on=dt.date(2020, 1, 1), **scope)
    return u


@pytest.fixture
def th(db: Any) -> SimpleNamespace:
    ktmu = Institution.objects.create(code="ktmu", name_ky="КТМУ", name_en="KTMU", country="KG", is_home=True, regulation_set="ktmu_postgrad")
    inst = Unit.objects.create(institution=ktmu, kind=Unit.Kind.INSTITUTE, code="fbe", name_ky="Табигый илимдер институту", name_en="Institute of Sciences")
    inst2 = Unit.objects.create(institution=ktmu, kind=Unit.Kind.INSTITUTE, code="sbe", name_ky="Социалдык илимдер институту", name_en="Institute of Social Sciences")
    fos = Unit.objects.create(institution=ktmu, parent=inst, kind=Unit.Kind.FIELD_OF_SCIENCE, code="fbe-cs", name_ky="Информатика", name_en="Computer science")
    ma = Programme.objects.create(institution=ktmu, unit=inst, field_of_science=fos, code="fbe-cs-ma", name_ky="Информатика (MA)", name_en="CS (MA)",
                                  level=Level.MASTER, normative_semesters=4, languages="ky,tr")
    phd = Programme.objects.create(institution=ktmu, unit=inst, field_of_science=fos, code="fbe-cs-phd", name_ky="Информатика (PhD)", name_en="CS (PhD)",
                                   level=Level.DOCTORATE, normative_semesters=8, languages="ky,tr")
    for y in range(2024, 2030):
        year = AcademicYear.objects.create(institution=ktmu, code=f"{y}-{y + 1}", starts_on=dt.date(y, 9, 1), ends_on=dt.date(y + 1, 8, 31))
        Term.objects.create(year=year, kind=Term.Kind.FALL, starts_on=dt.date(y, 9, 9), ends_on=dt.date(y + 1, 1, 25))
        Term.objects.create(year=year, kind=Term.Kind.SPRING, starts_on=dt.date(y + 1, 2, 10), ends_on=dt.date(y + 1, 6, 20))

    admin = _user("admin", Role.ADMINISTRATOR)
    fos_head = _user("fos_head", Role.HEAD_OF_DEPARTMENT, institution=ktmu, unit=fos)
    officer = _user("officer", Role.DEAN_OFFICE, institution=ktmu, unit=inst)
    secretary = _user("secretary", Role.BOARD_SECRETARY, institution=ktmu, unit=inst)
    other_dean = _user("other_dean", Role.DEAN_OFFICE, institution=ktmu, unit=inst2)
    outsider = _user("outsider")
    ma_user = _user("ma_student", Role.STUDENT, institution=ktmu, unit=inst)
    phd_user = _user("phd_student", Role.STUDENT, institution=ktmu, unit=inst)
    sup_user = _user("sup_user", Role.STAFF, institution=ktmu, unit=fos)

    def staff(last: str, user: User | None = None, degree: str = Staff.Degree.PHD, title: str = Staff.Title.ASSOCIATE_PROFESSOR, unit: Unit = fos) -> Staff:
        p = Person.objects.create(user=user, last_name=last, first_name="А")
        return Staff.objects.create(person=p, institution=ktmu, unit=unit, degree=degree, title=title)

    s1, s2, s3, s4, s5, s6, s7, s8 = (staff(n) for n in ("Өмүрова", "Сатыбалдиев", "Үсөнов", "Жумабаев", "Токтогулова", "Асанбеков", "Исаков", "Бакирова"))
    s_sup = staff("Карабаев", user=sup_user)
    no_title = staff("Жаш", title="")

    def student(user: User | None, n: int, prog: Programme, level: str) -> Student:
        p = Person.objects.create(user=user, last_name=f"Студент{n}", first_name="Н")
        return Student.objects.create(person=p, institution=ktmu, unit=inst, programme=prog, student_number=f"K{n:05d}", level=level,
                                      admitted_on=dt.date(2025, 9, 1))

    ma_st = student(ma_user, 1, ma, Level.MASTER)
    phd_st = student(phd_user, 2, phd, Level.DOCTORATE)
    board = Body.objects.create(institution=ktmu, unit=inst, kind=Body.Kind.INSTITUTE_BOARD, code="board-fbe", name_ky="Башкаруу кеңеши", name_en="Institute Board")
    council = Body.objects.create(institution=ktmu, unit=fos, kind=Body.Kind.FOS_COUNCIL, code="fos-cs", name_ky="ИИТ кеңеши", name_en="FoS council")
    mgmt = Body.objects.create(institution=ktmu, unit=inst, kind=Body.Kind.INST_MGMT, code="mgmt-fbe", name_ky="Институттун жетекчилиги", name_en="Institute management")
    counter = {"n": 0}

    def decide(body: Body, on: dt.date, obj: Any = None, title: str = "Чечим") -> Decision:
        counter["n"] += 1
        d = decision_create(actor=admin, body=body, number=f"{on:%Y}-{counter['n']}", date=on, title=title,
                            subject_type=obj._meta.label_lower if obj is not None else "", subject_id=str(obj.pk) if obj is not None else "")
        return decision_adopt(actor=admin, decision=d)

    return SimpleNamespace(**locals())
