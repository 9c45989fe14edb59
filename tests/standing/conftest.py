"""Personas for the standing app: the postgrad personas (student, institute officer, board secretary, outsider…)
plus the rector's office, the bodies that decide (institute board, institute management, ethics committee)."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace
from typing import Any

import pytest

from bilim.apps.accounts.models import Role
from bilim.apps.governance.models import Body, Decision
from bilim.apps.governance.services import decision_adopt, decision_create
from bilim.apps.people.models import Person, Student
from tests.postgrad.conftest import _user
from tests.postgrad.conftest import pg as _pg  # noqa: F401  (the fixture, reused)

pg = _pg


@pytest.fixture
def st(pg: SimpleNamespace) -> SimpleNamespace:
    rector = _user("rector", Role.RECTOR_OFFICE, institution=pg.ktmu)
    mgmt = Body.objects.create(institution=pg.ktmu, unit=pg.inst, kind=Body.Kind.INST_MGMT, code="mgmt-fbe", name_ky="Башкаруу", name_en="Management")
    ethics = Body.objects.create(institution=pg.ktmu, kind=Body.Kind.ETHICS_COMMITTEE, code="ethics", name_ky="Этика", name_en="Ethics committee")
    other_user = _user("pgstudent2", Role.STUDENT, institution=pg.ktmu, unit=pg.inst)
    p = Person.objects.create(user=other_user, last_name="Токтогулова", first_name="А")
    st3 = Student.objects.create(person=p, institution=pg.ktmu, unit=pg.inst, programme=pg.prog, student_number="K00003", level=pg.st.level)
    n = {"i": 0}

    def decide(body: Body, obj: Any, on: dt.date | None = None) -> Decision:
        n["i"] += 1
        d = decision_create(actor=pg.admin, body=body, number=f"T-{n['i']}", date=on or dt.date.today(), title="test",
                            subject_type=obj._meta.label_lower, subject_id=str(obj.pk))
        return decision_adopt(actor=pg.admin, decision=d)

    return SimpleNamespace(pg=pg, rector=rector, mgmt=mgmt, ethics=ethics, student3=st3, other_user=other_user, decide=decide,
                           board=pg.board, student=pg.st, student_user=pg.student_user)
