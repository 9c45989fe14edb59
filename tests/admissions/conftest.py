"""Personas and a 2027 round for KTMU admissions: candidates (users without any role), the institute officer
(dean's office on the institute), the FoS head, the specialist exam commission's secretary, the institute board,
an officer of another institute and an outsider who must see nothing."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from types import SimpleNamespace
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from bilim.apps.accounts.models import Role, RoleAssignment, User
from bilim.apps.admissions import services as svc
from bilim.apps.admissions.models import Application, Commission
from bilim.apps.curriculum.models import Programme
from bilim.apps.governance.models import Body, Decision
from bilim.apps.governance.services import decision_adopt, decision_create
from bilim.apps.org.models import Institution, Unit
from bilim.apps.people.models import Level

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
MA_DOCS = ("APPLICATION_FORM", "BACHELOR_DIPLOMA", "TRANSCRIPT", "ID_CARD")


def pdf(name: str = "doc.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def _user(name: str, role: str | None = None, **scope: Any) -> User:
    u = User.objects.create_user(username=name, password="x", email=f"{name}@example.kg")
    if role:
        RoleAssignment.objects.create(user=u, role=role, starts_on=dt.date(2020, 1, 1), **scope)
    return u


class World(SimpleNamespace):
    def decide(self, body: Body, number: str, date: dt.date, subject: Any = None, subject_type: str = "") -> Decision:
        st = subject._meta.label_lower if subject is not None else subject_type
        sid = str(subject.pk) if subject is not None else ""
        d = decision_create(actor=self.admin, body=body, number=number, date=date, title=number, subject_type=st, subject_id=sid)
        return decision_adopt(actor=self.admin, decision=d)

    def candidate(self, name: str, *, docs: tuple[str, ...] = MA_DOCS, rnd: Any = None, **data: Any) -> Application:
        user = _user(name)
        base = {"last_name": name.capitalize(), "first_name": "Айгүл", "citizenship": "KR", "diploma_country": "KG", "diploma_languages": "KY",
                "diploma_grade": Decimal("90"), "diploma_scale": "100"}
        base.update(data)
        app = svc.application_save(actor=user, round=rnd or self.round, data=base)
        for kind in docs:
            svc.document_add(actor=user, application=app, kind=kind, file=pdf())
        return app

    def to_exam(self, app: Application) -> Application:
        svc.application_submit(actor=app.user, application=app, on=dt.date(2027, 7, 1))
        svc.application_check(actor=self.officer, application=app, on=dt.date(2027, 7, 5))
        return app


@pytest.fixture
def w(db: Any) -> World:
    ktmu = Institution.objects.create(code="ktmu", name_ky="КТМУ", name_en="KTMU", country="KG", is_home=True, regulation_set="ktmu_postgrad")
    inst = Unit.objects.create(institution=ktmu, kind=Unit.Kind.INSTITUTE, code="fbe", name_ky="Табигый илимдер институту", name_en="Institute of Sciences")
    inst2 = Unit.objects.create(institution=ktmu, kind=Unit.Kind.INSTITUTE, code="sbe", name_ky="Социалдык илимдер институту", name_en="Institute of Social Sciences")
    fos = Unit.objects.create(institution=ktmu, parent=inst, kind=Unit.Kind.FIELD_OF_SCIENCE, code="fbe-cs", name_ky="Информатика", name_en="Computer science")
    prog = Programme.objects.create(institution=ktmu, unit=inst, field_of_science=fos, code="fbe-cs-ma", name_ky="Информатика (магистратура)",
                                    name_en="Computer science (MA)", level=Level.MASTER, normative_semesters=4, languages="ky,tr")
    phd = Programme.objects.create(institution=ktmu, unit=inst, field_of_science=fos, code="fbe-cs-phd", name_ky="Информатика (докторантура)",
                                   name_en="Computer science (PhD)", level=Level.DOCTORATE, normative_semesters=8, languages="ky,tr")
    officer = _user("officer", Role.DEAN_OFFICE, institution=ktmu, unit=inst)
    other_officer = _user("other_officer", Role.DEAN_OFFICE, institution=ktmu, unit=inst2)
    fos_head = _user("fos_head", Role.HEAD_OF_DEPARTMENT, institution=ktmu, unit=fos)
    outsider = _user("outsider")
    rector = _user("rector", Role.RECTOR_OFFICE, institution=ktmu)
    admin = _user("admin", Role.ADMINISTRATOR)
    board = Body.objects.create(institution=ktmu, unit=inst, kind=Body.Kind.INSTITUTE_BOARD, code="board-fbe", name_ky="Башкаруу кеңеши", name_en="Board")
    spec_body = Body.objects.create(institution=ktmu, unit=inst, kind=Body.Kind.SPEC_EXAM_COMMISSION, code="spec-cs", name_ky="Адистик сынак комиссиясы", name_en="Specialist exam commission")
    intl_body = Body.objects.create(institution=ktmu, unit=inst, kind=Body.Kind.INTL_ORAL_COMMISSION, code="intl-cs", name_ky="Оозеки сынак комиссиясы", name_en="Oral commission")
    trustees = Body.objects.create(institution=ktmu, kind=Body.Kind.TRUSTEES, code="trustees", name_ky="Камкорчулар кеңеши", name_en="Trustees")
    secretary = _user("commission_secretary", Role.BOARD_SECRETARY, institution=ktmu, body=spec_body)
    world = World(**locals())
    settings_decision = world.decide(board, "2027-05.1", dt.date(2027, 5, 20), subject_type="admissions.round")
    dates = dict(application_start=dt.date(2027, 6, 20), application_end=dt.date(2027, 7, 20), exam_date=dt.date(2027, 7, 27),
                 exam_time=dt.time(10, 0), exam_place="Чыңгыз Айтматов кампусу, A-101", finreg_start=dt.date(2027, 8, 16), finreg_end=dt.date(2027, 8, 20))
    world.round = svc.round_create(actor=officer, programme=prog, year=2027, quota=2, reserves=2, accepted_ales_types=["SAY", "EA"],
                                   fos_proposal_on=dt.date(2027, 5, 10), settings_decision=settings_decision, **dates)
    world.phd_round = svc.round_create(actor=officer, programme=phd, year=2027, quota=1, reserves=1, accepted_languages=["EN", "RU"],
                                       fos_proposal_on=dt.date(2027, 5, 10), settings_decision=settings_decision, **dates)
    members = [{"person": f"m{i}", "fos": "fbe-cs", "role": r} for i, r in enumerate(["principal"] * 3 + ["substitute"] * 2)]
    appoint = world.decide(board, "2027-06.3", dt.date(2027, 6, 10), subject_type="admissions.application")
    world.commission = svc.commission_appoint(actor=officer, round=world.round, kind=Commission.Kind.SPECIALIST, body=spec_body, members=members,
                                              proposed_on=dt.date(2027, 6, 1), decision=appoint)
    world.phd_commission = svc.commission_appoint(actor=officer, round=world.phd_round, kind=Commission.Kind.SPECIALIST, body=spec_body,
                                                  members=members, proposed_on=dt.date(2027, 6, 1), decision=appoint)
    world.protocol = world.decide(spec_body, "P-2027-1", dt.date(2027, 7, 27), subject_type="admissions.application")
    return world
