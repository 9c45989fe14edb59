"""Seed, audit trail, permission helper and the rules API — against the database."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command
from django.test import Client

from bilim.apps.accounts.models import Role, RoleAssignment, User
from bilim.apps.accounts.permissions import register, require, restrict
from bilim.apps.audit.models import AuditEvent
from bilim.apps.audit.services import history, record, snapshot
from bilim.apps.desk import seed
from bilim.apps.org.models import Institution, Unit
from bilim.apps.people.models import Student

pytestmark = pytest.mark.django_db


@pytest.fixture
def small_seed() -> seed.SeedContext:
    return seed.run(students=25, quiet=True)


def test_seed_is_deterministic_and_complete(small_seed: seed.SeedContext) -> None:
    assert Institution.objects.filter(is_home=True).count() == 2
    assert Institution.objects.filter(is_home=False).count() >= 40
    assert Unit.objects.filter(institution__code="oshsu", kind=Unit.Kind.FACULTY).count() == 20
    assert len(small_seed.students) == 25  # the core's students; the apps' seeds add their demo students at every stage
    assert Student.objects.count() >= 25
    assert {u.username for u in User.objects.all()} >= {
        "student", "kstudent", "staff", "dean_office", "ird_officer", "rector_office", "auditor", "admin", "outsider"
    }
    first = list(Student.objects.filter(pk__in=[s.pk for s in small_seed.students]).order_by("student_number")
                 .values_list("student_number", "person__last_name"))
    assert first == [(s.student_number, s.person.last_name) for s in sorted(small_seed.students, key=lambda s: s.student_number)]


def test_seed_refuses_a_database_that_already_has_data(small_seed: seed.SeedContext) -> None:
    with pytest.raises(RuntimeError):
        seed.run(students=5, quiet=True)


def test_seed_command_prints_demo_accounts(capsys: pytest.CaptureFixture[str]) -> None:
    call_command("seed", students=5, verbosity=0)
    out = capsys.readouterr().out
    assert "bilim-demo-2026" in out and "outsider" in out


def test_audit_trail_is_append_only(small_seed: seed.SeedContext) -> None:
    inst = Institution.objects.get(code="ankara")
    before = snapshot(inst)
    inst.city = "Ankara (Çankaya)"
    inst.save()
    event = record(actor=small_seed.users["admin"], action=AuditEvent.Action.UPDATE, obj=inst, before=before, reason="address fix")
    assert event.before["city"] == "Ankara" and event.after["city"] == "Ankara (Çankaya)"
    assert list(history(inst)) == [event]
    with pytest.raises(PermissionError):
        event.save()
    with pytest.raises(PermissionError):
        event.delete()
    with pytest.raises(PermissionError):
        AuditEvent.objects.all().delete()
    with pytest.raises(PermissionError):
        AuditEvent.objects.update(reason="x")


def test_restrict_scopes_by_unit_and_denies_outsiders(small_seed: seed.SeedContext) -> None:
    from bilim.apps.accounts.permissions import unit_scope

    register("test.view_student", [Role.DEAN_OFFICE], scope={Role.DEAN_OFFICE: unit_scope("unit")})
    dean = small_seed.users["dean_office"]
    qs = restrict(dean, "test.view_student", Student.objects.all())
    assert set(qs.values_list("unit__code", flat=True)) <= {"math"}
    assert restrict(small_seed.users["outsider"], "test.view_student", Student.objects.all()).count() == 0
    assert restrict(small_seed.users["auditor"], "test.view_student", Student.objects.all()).count() == Student.objects.count() >= 25
    other = Student.objects.exclude(unit__code="math").first()
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        require(dean, "test.view_student", other)
    # an expired role grants nothing
    RoleAssignment.objects.filter(user=dean).update(ends_on=dt.date(2024, 1, 1), starts_on=dt.date(2023, 9, 1))
    dean = User.objects.get(pk=dean.pk)
    assert restrict(dean, "test.view_student", Student.objects.all()).count() == 0


@pytest.mark.rule("OSU-1.3.5-4")
def test_rules_api_lists_and_evaluates(client: Client) -> None:
    listing = client.get("/api/v1/rules?q=OSU-1.3.5&schemas=1")
    assert listing.status_code == 200
    ids = {r["id"]: r for r in listing.json()}
    assert ids["OSU-1.3.5-4"]["implemented"] and "start_date" in ids["OSU-1.3.5-4"]["input_schema"]["properties"]
    response = client.post(
        "/api/v1/rules/OSU-1.3.5-4/evaluate",
        {"facts": {"start_date": "2026-09-01", "end_date": "2027-01-31"}, "on": "2026-08-01", "lang": "ky"},
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["value"] == "LONG" and "узак" in body["message"]
    bad = client.post("/api/v1/rules/OSU-1.3.5-4/evaluate", {"facts": {"start_date": "x"}, "on": "2026-08-01"}, content_type="application/json")
    assert bad.status_code == 422 and "start_date" in bad.json()["detail"]
    undated = client.post("/api/v1/rules/OSU-1.3.5-4/evaluate", {"facts": {"start_date": "2026-09-01", "end_date": "2027-01-31"}},
                          content_type="application/json")
    assert undated.status_code == 422 and "required" in undated.json()["detail"]  # never silently today
    assert client.post("/api/v1/rules/NOPE-1/evaluate", {"facts": {}}, content_type="application/json").status_code == 404


def test_login_by_email_and_language_persists(small_seed: seed.SeedContext, client: Client) -> None:
    wrong = client.post("/accounts/login/", {"username": "dean_office@demo.bilim.kg", "password": "wrong-password"})
    assert wrong.status_code == 200 and "_auth_user_id" not in client.session
    ok = client.post("/accounts/login/", {"username": "dean_office@demo.bilim.kg", "password": seed.DEMO_PASSWORD})
    assert ok.status_code == 302 and client.session["_auth_user_id"] == str(small_seed.users["dean_office"].pk)
    response = client.post("/language/", {"language": "ru", "next": "/dashboard/"})
    assert response.status_code == 302
    assert User.objects.get(username="dean_office").language == "ru"
    page = client.get("/dashboard/")
    assert page.status_code == 200 and page.headers["Content-Language"] == "ru"
    assert client.post("/language/", {"language": "xx"}).status_code == 400
