"""Personas for KTMU programmes: the FoS head, the institute officer (dean's-office role on the institute),
an instructor, the dean's office of another institute, an outsider; the bodies W-01…W-03 name."""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal
from types import SimpleNamespace
from typing import Any

import pytest

from bilim.apps.accounts.models import Role, RoleAssignment, User
from bilim.apps.curriculum.models import AcademicYear, CalendarPeriod, Programme, Term
from bilim.apps.governance.models import Body, Decision
from bilim.apps.governance.services import decision_adopt, decision_create
from bilim.apps.org.models import Institution, Unit
from bilim.apps.people.models import Level, Person, Staff

_n = itertools.count(1)


def _user(name: str, role: str | None = None, **scope: Any) -> User:
    u = User.objects.create_user(username=name, password="x", email=f"{name}@example.kg")
    if role:
        RoleAssignment.objects.create(user=u, role=role, starts_on=dt.date(2020, 1, 1), **scope)
    return u


@pytest.fixture
def pp(db: Any) -> SimpleNamespace:
    ktmu = Institution.objects.create(code="ktmu", name_ky="КТМУ", name_en="KTMU", country="KG", is_home=True, regulation_set="ktmu_postgrad")
    partner = Institution.objects.create(code="ankara", name_ky="Анкара", name_en="Ankara University", country="TR")
    partner_unit = Unit.objects.create(institution=partner, kind=Unit.Kind.DEPARTMENT, code="ank-cs", name_ky="Информатика", name_en="CS")
    inst = Unit.objects.create(institution=ktmu, kind=Unit.Kind.INSTITUTE, code="fbe", name_ky="Табигый илимдер институту", name_en="Institute of Natural Sciences")
    inst2 = Unit.objects.create(institution=ktmu, kind=Unit.Kind.INSTITUTE, code="sbe", name_ky="Социалдык илимдер институту", name_en="Institute of Social Sciences")
    fos = Unit.objects.create(institution=ktmu, parent=inst, kind=Unit.Kind.FIELD_OF_SCIENCE, code="fbe-cs", name_ky="Компьютердик инженерия",
                              name_en="Computer Engineering")
    fos2 = Unit.objects.create(institution=ktmu, parent=inst, kind=Unit.Kind.FIELD_OF_SCIENCE, code="fbe-chem", name_ky="Химия", name_en="Chemistry")
    prog = Programme.objects.create(institution=ktmu, unit=inst, field_of_science=fos, code="fbe-cs-ma", name_ky="Компьютердик инженерия (MA)",
                                    name_en="Computer Engineering (MA)", level=Level.MASTER, normative_semesters=4, languages="ky,tr")
    year = AcademicYear.objects.create(institution=ktmu, code="2027-2028", starts_on=dt.date(2027, 9, 1), ends_on=dt.date(2028, 8, 31))
    term = Term.objects.create(year=year, kind=Term.Kind.FALL, starts_on=dt.date(2027, 9, 1), ends_on=dt.date(2028, 1, 25))
    CalendarPeriod.objects.create(institution=ktmu, term=term, kind=CalendarPeriod.Kind.REGISTRATION, starts_on=dt.date(2027, 8, 25), ends_on=dt.date(2027, 9, 1))

    fos_head = _user("fos_head", Role.HEAD_OF_DEPARTMENT, institution=ktmu, unit=fos)
    officer = _user("officer", Role.DEAN_OFFICE, institution=ktmu, unit=inst)
    other_dean = _user("other_dean", Role.DEAN_OFFICE, institution=ktmu, unit=inst2)
    instructor_user = _user("instructor", Role.STAFF, institution=ktmu, unit=fos)
    outsider = _user("outsider")
    admin = _user("admin", Role.ADMINISTRATOR)

    def staff(last: str, degree: str = Staff.Degree.PHD, title: str = Staff.Title.ASSOCIATE_PROFESSOR, *, unit: Unit = fos,
              institution: Institution = ktmu, full_time: bool = True, user: User | None = None) -> Staff:
        p = Person.objects.create(user=user, last_name=last, first_name="А")
        return Staff.objects.create(person=p, institution=institution, unit=unit, degree=degree, title=title, full_time=full_time)

    s1 = staff("Сатыбалдиев", user=instructor_user)
    s2 = staff("Үсөнов", Staff.Degree.CANDIDATE, Staff.Title.ASSOCIATE_PROFESSOR)
    s_lect = staff("Өмүрова", Staff.Degree.MASTER, Staff.Title.LECTURER)
    external = staff("Yılmaz", Staff.Degree.DOCTOR, Staff.Title.PROFESSOR, unit=partner_unit, institution=partner)

    def body(kind: str, code: str, unit: Unit | None = None) -> Body:
        return Body.objects.create(institution=ktmu, unit=unit, kind=kind, code=code, name_ky=code, name_en=code)

    fos_council = body(Body.Kind.FOS_COUNCIL, "fos-council-cs", fos)
    board = body(Body.Kind.INSTITUTE_BOARD, "board-fbe", inst)
    mgmt = body(Body.Kind.INST_MGMT, "mgmt-fbe", inst)
    senate = body(Body.Kind.SENATE, "senate")
    trustees = body(Body.Kind.TRUSTEES, "trustees")
    uni_board = body(Body.Kind.UNIVERSITY_BOARD, "university-board")

    def decide(b: Body, obj: Any, on: dt.date = dt.date(2026, 12, 1), adopt: bool = True) -> Decision:
        d = decision_create(actor=admin, body=b, number=f"{on:%Y}-{next(_n)}", date=on, title=f"{b.code} on {obj}",
                            subject_type=obj._meta.label_lower, subject_id=str(obj.pk))
        return decision_adopt(actor=admin, decision=d) if adopt else d

    return SimpleNamespace(**locals(), Decimal=Decimal)
