"""Scopes fail closed, and an institution's regulation set is a field (issue 7, "Scopes fail open").

Before the fix a role an action listed without a scope function saw every row, a scope builder given an
assignment with no institution/unit/programme/body answered ``Q()`` (every row), an assignment could be
stored without any scope, and the postgraduate app recognised its institution by the code ``ktmu``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q

from bilim.apps.accounts.models import Role, RoleAssignment, User
from bilim.apps.accounts.permissions import ACTIONS, NOTHING, institution_scope, register, require, restrict, unit_scope
from bilim.apps.core import scopes as s
from bilim.apps.org.models import Institution, RegulationSet, Unit
from bilim.apps.people.models import Level, Person, Student
from bilim.apps.postgrad import selectors as pg_sel
from bilim.apps.postgrad import services as pg_services
from bilim.apps.postgrad.permissions import _institute
from tests.postgrad.conftest import pg  # noqa: F401  (fixture)


@pytest.fixture
def two_faculties(db: Any) -> Any:
    from bilim.apps.curriculum.models import Programme

    osh = Institution.objects.create(code="osh", name_ky="Ош", name_en="Osh", country="KG", is_home=True)
    other = Institution.objects.create(code="other", name_ky="Башка", name_en="Other", country="KG", is_home=True)
    fac_a = Unit.objects.create(institution=osh, kind=Unit.Kind.FACULTY, code="a", name_ky="А", name_en="A")
    fac_b = Unit.objects.create(institution=osh, kind=Unit.Kind.FACULTY, code="b", name_ky="Б", name_en="B")
    prog = Programme.objects.create(institution=osh, unit=fac_a, code="p", name_ky="П", name_en="P", level=Level.BACHELOR, normative_semesters=8)
    students = []
    for i, unit in enumerate([fac_a, fac_b]):
        p = Person.objects.create(last_name=f"S{i}", first_name="S")
        students.append(Student.objects.create(person=p, institution=osh, unit=unit, programme=prog, student_number=f"N{i}", level=Level.BACHELOR))
    return type("W", (), dict(osh=osh, other=other, fac_a=fac_a, fac_b=fac_b, students=students))


def _user(name: str, role: str, **scope: Any) -> User:
    u = User.objects.create_user(username=name, password="x")
    RoleAssignment.objects.create(user=u, role=role, starts_on=dt.date(2020, 1, 1), **scope)
    return u


# --- restrict(): a role without a scope function sees nothing ------------------------------------------------


@pytest.fixture
def unscoped_action() -> Any:
    register("tests.manage_unscoped", [Role.DEAN_OFFICE, Role.IRD_OFFICER], scope={Role.IRD_OFFICER: institution_scope("institution")})
    yield "tests.manage_unscoped"
    ACTIONS.pop("tests.manage_unscoped", None)


@pytest.mark.django_db
def test_role_without_a_scope_function_sees_nothing(two_faculties: Any, unscoped_action: str) -> None:
    w = two_faculties
    dean = _user("dean", Role.DEAN_OFFICE, institution=w.osh, unit=w.fac_a)
    ird = _user("ird", Role.IRD_OFFICER, institution=w.osh)
    foreign_ird = _user("ird2", Role.IRD_OFFICER, institution=w.other)
    assert list(restrict(dean, unscoped_action, Student.objects.all())) == []  # listed, but no scope: nothing
    with pytest.raises(PermissionDenied):
        require(dean, unscoped_action, w.students[0])
    # the explicitly institution-wide registration still reaches its institution, and only it
    assert set(restrict(ird, unscoped_action, Student.objects.all())) == set(w.students)
    assert list(restrict(foreign_ird, unscoped_action, Student.objects.all())) == []


@pytest.mark.django_db
def test_restrict_uses_a_subquery_not_distinct(two_faculties: Any) -> None:
    w = two_faculties
    dean = _user("dean", Role.DEAN_OFFICE, institution=w.osh, unit=w.fac_a)
    qs = restrict(dean, "people.view_student", Student.objects.all())
    assert list(qs) == [w.students[0]]
    assert not qs.query.distinct
    assert " IN (SELECT" in str(qs.query).upper()


# --- scope builders fail closed ----------------------------------------------------------------------------


BUILDERS = {
    "core.institution": s.institution("institution"),
    "core.unit": s.unit("unit"),
    "core.parent_unit": s.parent_unit("unit"),
    "core.programme": s.programme("programme", "unit"),
    "core.body": s.body("institution", "institution"),
    "accounts.unit_scope": unit_scope("unit"),
    "accounts.institution_scope": institution_scope("institution"),
    "postgrad.institute": _institute(""),
}


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(BUILDERS))
def test_builder_gives_nothing_without_a_scope(two_faculties: Any, name: str) -> None:
    bare = RoleAssignment(role=Role.DEAN_OFFICE)  # no institution, unit, programme or body
    q = BUILDERS[name](bare, None)
    assert q != Q()
    assert Student.objects.filter(q).count() == 0  # was: every student


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(set(BUILDERS) - {"core.body"}))
def test_builder_with_a_scope_reaches_its_rows(two_faculties: Any, name: str) -> None:
    """Boundary: the same builders still reach the rows of an institution-held assignment."""
    w = two_faculties
    a = RoleAssignment(role=Role.DEAN_OFFICE, institution=w.osh)
    assert Student.objects.filter(BUILDERS[name](a, None)).count() == 2


def test_nothing_is_an_empty_match() -> None:
    assert NOTHING == Q(pk__in=[])


# --- every assignment but the administrator's and the auditor's has a scope ----------------------------------


@pytest.mark.django_db(transaction=True)
def test_database_refuses_an_unscoped_assignment(two_faculties: Any) -> None:
    u = User.objects.create_user(username="u", password="x")
    with pytest.raises(IntegrityError), transaction.atomic():
        RoleAssignment.objects.create(user=u, role=Role.DEAN_OFFICE)
    RoleAssignment.objects.create(user=u, role=Role.AUDITOR)
    RoleAssignment.objects.create(user=u, role=Role.ADMINISTRATOR)
    RoleAssignment.objects.create(user=u, role=Role.IRD_OFFICER, institution=two_faculties.osh)
    RoleAssignment.objects.create(user=u, role=Role.DEAN_OFFICE, unit=two_faculties.fac_a)
    assert RoleAssignment.objects.filter(user=u).count() == 4


@pytest.mark.django_db
def test_clean_names_the_missing_scope(two_faculties: Any) -> None:
    u = User.objects.create_user(username="u", password="x")
    with pytest.raises(ValidationError) as exc:
        RoleAssignment(user=u, role=Role.STUDENT).full_clean()
    assert "institution" in exc.value.message_dict
    RoleAssignment(user=u, role=Role.AUDITOR).full_clean()
    RoleAssignment(user=u, role=Role.STUDENT, institution=two_faculties.osh).full_clean()


@pytest.mark.django_db
def test_admin_form_refuses_an_unscoped_assignment(two_faculties: Any, client: Any) -> None:
    admin = User.objects.create_superuser(username="root", password="x", email="r@example.kg")
    u = User.objects.create_user(username="u", password="x")
    client.force_login(admin)
    data = {"user": u.pk, "role": Role.DEAN_OFFICE, "starts_on": "2026-01-01"}
    r = client.post("/admin/accounts/roleassignment/add/", data)
    assert r.status_code == 200 and RoleAssignment.objects.filter(user=u).count() == 0
    r = client.post("/admin/accounts/roleassignment/add/", {**data, "institution": two_faculties.osh.pk})
    assert r.status_code == 302 and RoleAssignment.objects.filter(user=u).count() == 1


# --- the regulation set is a field, not the code "ktmu" ------------------------------------------------------


@pytest.mark.django_db
def test_postgrad_follows_the_regulation_set_not_the_code(pg: Any) -> None:  # noqa: F811
    ktmu = pg.ktmu
    assert pg.st in pg_sel.pg_students()
    # another code with the KTMU regulation set: still a postgraduate institution
    Institution.objects.filter(pk=ktmu.pk).update(code="manas-2")
    assert pg.st in pg_sel.pg_students()
    assert pg.offering in pg_sel.pg_offerings()
    sup = pg_services.supervision_propose(actor=pg.officer, student=Student.objects.get(pk=pg.st.pk), role="SUPERVISOR", staff=pg.s_sup)
    assert sup.pk
    # the code "ktmu" without the regulation set: not one
    Institution.objects.filter(pk=ktmu.pk).update(code="ktmu", regulation_set=RegulationSet.NONE)
    assert pg.st not in pg_sel.pg_students()
    assert pg.offering not in pg_sel.pg_offerings()
    with pytest.raises(ValidationError) as exc:
        pg_services.supervision_propose(actor=pg.officer, student=Student.objects.get(pk=pg.st2.pk), role="SUPERVISOR", staff=pg.s_sup)
    assert "student" in exc.value.message_dict


@pytest.mark.django_db
def test_rule_set_is_recorded_for_the_actors_postgraduate_institution(pg: Any, client: Any) -> None:  # noqa: F811
    Institution.objects.filter(pk=pg.ktmu.pk).update(code="manas-2")
    assert pg_sel.actor_pg_institution(pg.secretary) == Institution.objects.get(pk=pg.ktmu.pk)
    Institution.objects.filter(pk=pg.ktmu.pk).update(regulation_set=RegulationSet.NONE)
    pg.secretary._bilim_roles = None
    assert pg_sel.actor_pg_institution(pg.secretary) is None


# --- the data migrations ---------------------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_migrations_give_scopes_and_regulation_sets() -> None:
    """accounts.0003 gives unscoped assignments a scope (or deletes them) before the constraint; org.0002 sets
    the regulation set of the existing ktmu/oshsu rows."""
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    before = [("accounts", "0002_initial"), ("org", "0001_initial")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    OInst, OUnit = old.get_model("org", "Institution"), old.get_model("org", "Unit")
    OUser, ORA = old.get_model("accounts", "User"), old.get_model("accounts", "RoleAssignment")
    OPerson, OStudent = old.get_model("people", "Person"), old.get_model("people", "Student")
    OProgramme = old.get_model("curriculum", "Programme")
    osh = OInst.objects.create(code="oshsu", name_ky="Ош", name_en="Osh", country="KG", is_home=True)
    ktmu = OInst.objects.create(code="ktmu", name_ky="КТМУ", name_en="KTMU", country="KG", is_home=True)
    OInst.objects.create(code="ankara", name_ky="Анкара", name_en="Ankara", country="TR")
    fac = OUnit.objects.create(institution=osh, kind="faculty", code="f", name_ky="Ф", name_en="F")
    prog = OProgramme.objects.create(institution=ktmu, unit=OUnit.objects.create(institution=ktmu, kind="institute", code="i", name_ky="И", name_en="I"),
                                     code="p", name_ky="П", name_en="P", level="master", normative_semesters=4)
    users = {n: OUser.objects.create(username=n) for n in ("unit", "person", "lost", "auditor")}
    OStudent.objects.create(person=OPerson.objects.create(user=users["person"], last_name="A", first_name="B"), institution=ktmu,
                            unit=prog.unit, programme=prog, student_number="1", level="master")
    ORA.objects.create(user=users["unit"], role="dean_office", unit=fac)
    ORA.objects.create(user=users["person"], role="student")
    ORA.objects.create(user=users["lost"], role="rector_office")
    ORA.objects.create(user=users["auditor"], role="auditor")

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    assert Institution.objects.get(code="ktmu").regulation_set == RegulationSet.KTMU_POSTGRAD
    assert Institution.objects.get(code="oshsu").regulation_set == RegulationSet.OSHSU_MOBILITY
    assert Institution.objects.get(code="ankara").regulation_set == RegulationSet.NONE
    got = {a.user.username: a for a in RoleAssignment.objects.select_related("user")}
    assert got["unit"].institution_id == osh.pk  # the unit's institution
    assert got["person"].institution_id == ktmu.pk  # the institution of the user's student record
    assert "lost" not in got  # two home institutions, no record: deleted rather than left everywhere
    assert got["auditor"].institution_id is None  # the auditor holds everywhere


# --- roles count only where their regulation applies; a secretary without a body stays in their unit ----------


@pytest.mark.django_db
def test_roles_count_only_in_institutions_that_run_the_regulation(two_faculties: Any) -> None:
    from bilim.apps.accounts.permissions import can

    w = two_faculties
    Institution.objects.filter(pk=w.osh.pk).update(regulation_set=RegulationSet.OSHSU_MOBILITY)
    home = _user("home_ird", Role.IRD_OFFICER, institution=w.osh)
    foreign = _user("foreign_ird", Role.IRD_OFFICER, institution=w.other)  # another university, no mobility regulation
    assert can(home, "mobility.manage_correspondence")
    assert not can(foreign, "mobility.manage_correspondence")
    assert not can(foreign, "mobility.mail_partner_list")
    officer = _user("pg_officer", Role.DEAN_OFFICE, institution=w.osh, unit=w.fac_a)
    assert not can(officer, "postgrad.manage_record")  # OshSU does not run the KTMU postgraduate instruction


@pytest.mark.django_db
def test_board_secretary_without_a_body_records_only_for_their_units_bodies(two_faculties: Any) -> None:
    from bilim.apps.governance.models import Body

    w = two_faculties
    own = Body.objects.create(institution=w.osh, unit=w.fac_a, kind=Body.Kind.DEAN_OFFICE, code="a-council", name_ky="А", name_en="A")
    Body.objects.create(institution=w.osh, unit=w.fac_b, kind=Body.Kind.DEAN_OFFICE, code="b-council", name_ky="Б", name_en="B")
    Body.objects.create(institution=w.osh, kind=Body.Kind.SENATE, code="senate", name_ky="С", name_en="S")
    secretary = _user("sec", Role.BOARD_SECRETARY, institution=w.osh, unit=w.fac_a)
    assert list(restrict(secretary, "governance.record_decision_for_body", Body.objects.all())) == [own]  # was: every OshSU body
