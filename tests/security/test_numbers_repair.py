"""Stored non-finite numbers: the CHECK constraints refuse them, and the repair that runs before the
constraints (in each app's ``*_number_domains_repair_and_checks`` migration) turns what an older database
holds into NULL or a safe value, after which the file page, its PDF, the API list and the statistics answer
200 for everyone. The broken rows are written with raw SQL (as an old database or a raw import holds them)."""

from __future__ import annotations

import datetime as dt
import importlib
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.apps import apps as global_apps
from django.db import IntegrityError, connection, transaction
from django.test import Client

from bilim.apps.core.number_repair import repair_numbers
from bilim.apps.mobility import models as m
from tests.mobility.conftest import world  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db(transaction=False)

SQLITE = connection.vendor == "sqlite"
# What each database can hold: SQLite keeps NaN/Infinity as text or an infinite REAL; PostgreSQL's numeric keeps NaN.
BROKEN = ["'Infinity'", "'-Infinity'", "'NaN'", "9e999", "-9e999"] if SQLITE else ["'NaN'"]


def _migration(app: str, name: str):  # noqa: ANN202
    return importlib.import_module(f"bilim.apps.{app}.migrations.{name}")


def _raw(sql: str, params: list | None = None) -> None:  # noqa: FA102
    with connection.cursor() as cur:
        cur.execute(sql, params or [])


def _break(table: str, column: str, pk: int, literal: str, constraint: str | None) -> None:
    """Write a non-finite value past the CHECK constraint, as a database from before the constraints holds it."""
    if SQLITE:
        _raw("PRAGMA ignore_check_constraints = ON")
        try:
            _raw(f"UPDATE {table} SET {column} = {literal} WHERE id = %s", [pk])  # noqa: S608
        finally:
            _raw("PRAGMA ignore_check_constraints = OFF")
    else:
        if constraint:
            _raw("SET CONSTRAINTS ALL IMMEDIATE")  # fire the pending FK checks so the table may be altered
            _raw(f"ALTER TABLE {table} DROP CONSTRAINT IF EXISTS {constraint}")  # rolled back with the test
            _raw("SET CONSTRAINTS ALL DEFERRED")
        _raw(f"UPDATE {table} SET {column} = {literal} WHERE id = %s", [pk])  # noqa: S608


def _stored(table: str, column: str, pk: int) -> str | None:
    with connection.cursor() as cur:
        cur.execute(f"SELECT CAST({column} AS TEXT) FROM {table} WHERE id = %s", [pk])  # noqa: S608
        return cur.fetchone()[0]


def _file(world):  # noqa: ANN001, ANN202, F811
    mob = m.StudentMobility.objects.create(student=world.student, call=world.call, host=world.partner, purpose="p", language="tr", specialty="s",
                                           expected_funding="f", intended_disciplines="A", year_of_study=3, start_date=dt.date(2027, 2, 1),
                                           end_date=dt.date(2027, 6, 30), term="LONG", scope="EXTERNAL", state="DOCS_RETURNED", gpa=Decimal("3.5"),
                                           fee_amount=Decimal(10))
    isp = m.IspVersion.objects.create(mobility=mob, number=1)
    item = m.IspItem.objects.create(isp=isp, kind="HOST", title="Algebra", credits=Decimal(6))
    hr = m.HostResult.objects.create(mobility=mob, isp_item=item, title="Algebra", credits=Decimal(6), grade="AA", outcome="PASSED",
                                     score_100=Decimal(95))
    return mob, item, hr


@pytest.mark.parametrize("literal", BROKEN)
def test_constraints_refuse_a_non_finite_credit_and_gpa(world, literal: str) -> None:  # noqa: F811
    mob, item, _hr = _file(world)
    for table, column, pk in (("mobility_ispitem", "credits", item.pk), ("mobility_studentmobility", "gpa", mob.pk),
                              ("mobility_studentmobility", "fee_amount", mob.pk)):
        with pytest.raises(IntegrityError), transaction.atomic():
            _raw(f"UPDATE {table} SET {column} = {literal} WHERE id = %s", [pk])  # noqa: S608


def test_constraints_refuse_out_of_domain_values(world) -> None:  # noqa: F811
    mob, item, hr = _file(world)
    for table, column, pk, value in (("mobility_ispitem", "credits", item.pk, "0"), ("mobility_ispitem", "credits", item.pk, "-1"),
                                     ("mobility_studentmobility", "gpa", mob.pk, "-1"), ("mobility_studentmobility", "gpa", mob.pk, "4.01"),
                                     ("mobility_hostresult", "score_100", hr.pk, "100.01"), ("mobility_studentmobility", "stipend_amount", mob.pk, "-0.01")):
        with pytest.raises(IntegrityError), transaction.atomic():
            _raw(f"UPDATE {table} SET {column} = {value} WHERE id = %s", [pk])  # noqa: S608


@pytest.mark.parametrize("literal", BROKEN)
def test_repair_turns_stored_non_finite_values_into_null_or_a_safe_value_and_pages_answer(world, literal: str) -> None:  # noqa: F811
    mob, item, hr = _file(world)
    _break("mobility_ispitem", "credits", item.pk, literal, "mob_isp_item_credits")
    _break("mobility_hostresult", "credits", hr.pk, literal, "mob_host_result_credits")
    _break("mobility_hostresult", "score_100", hr.pk, literal, "mob_host_result_score")
    _break("mobility_studentmobility", "gpa", mob.pk, literal, "mob_student_gpa_0_4")
    _break("mobility_studentmobility", "fee_amount", mob.pk, literal, "mob_student_fee_amount")
    stored = _stored("mobility_ispitem", "credits", item.pk)
    assert stored is not None and not Decimal(stored.replace("Inf", "Infinity") if stored in ("Inf", "-Inf") else stored).is_finite()

    mig = _migration("mobility", "0006_number_domains_repair_and_checks")
    mig.repair(global_apps, SimpleNamespace(connection=connection))  # the migration's own step

    item.refresh_from_db()
    hr.refresh_from_db()
    mob.refresh_from_db()
    assert item.credits == Decimal("0.1") and hr.credits == Decimal("0.1")  # NOT NULL: smallest positive step (credits > 0)
    assert hr.score_100 is None and mob.gpa is None and mob.fee_amount is None  # nullable: NULL
    # the rows now satisfy the constraints: an ordinary save of the repaired rows works
    item.save()
    mob.save()
    # and every reader answers for everyone
    for user, urls in ((world.users["student"], [f"/mobility/applications/{mob.pk}/", f"/mobility/applications/{mob.pk}/doc/isp.pdf?lang=ky",
                                                 "/api/v1/mobility/applications"]),
                       (world.users["ird_officer"], [f"/mobility/applications/{mob.pk}/", f"/mobility/applications/{mob.pk}/doc/isp.pdf?lang=ky",
                                                     "/api/v1/mobility/applications", "/mobility/statistics/", "/mobility/statistics.xlsx"])):
        c = Client()
        c.force_login(user)
        for url in urls:
            assert c.get(url).status_code == 200, url


def test_repair_clamps_out_of_domain_values_and_leaves_good_ones(world) -> None:  # noqa: F811
    mob, item, hr = _file(world)
    _break("mobility_ispitem", "credits", item.pk, "0", "mob_isp_item_credits")
    _break("mobility_studentmobility", "gpa", mob.pk, "-1", "mob_student_gpa_0_4")
    changes = repair_numbers(global_apps, SimpleNamespace(connection=connection), "mobility", _migration("mobility", "0006_number_domains_repair_and_checks").RANGES)
    assert {(c["table"], c["column"]) for c in changes} == {("mobility_ispitem", "credits"), ("mobility_studentmobility", "gpa")}
    item.refresh_from_db()
    hr.refresh_from_db()
    mob.refresh_from_db()
    assert item.credits == Decimal("0.1") and mob.gpa is None
    assert hr.credits == Decimal(6) and hr.score_100 == Decimal(95) and mob.fee_amount == Decimal(10)  # untouched
    assert repair_numbers(global_apps, SimpleNamespace(connection=connection), "mobility", {}) == []  # idempotent


def test_repair_of_the_other_apps(world) -> None:  # noqa: F811
    """people (NOT NULL debt → 0), curriculum (NOT NULL ECTS → 0.1) through their migrations' own repair step."""
    literal = BROKEN[0]
    _break("people_student", "tuition_debt", world.student.pk, literal, "student_debt_finite")
    _break("curriculum_course", "ects", world.course.pk, literal, "course_ects_finite")
    _migration("people", "0002_number_domains_repair_and_checks").repair(global_apps, SimpleNamespace(connection=connection))
    _migration("curriculum", "0003_number_domains_repair_and_checks").repair(global_apps, SimpleNamespace(connection=connection))
    world.student.refresh_from_db()
    world.course.refresh_from_db()
    assert world.student.tuition_debt == Decimal(0) and world.course.ects == Decimal("0.1")



def test_repair_drops_non_finite_criterion_scores_and_weights(world) -> None:  # noqa: F811
    mob, _item, _hr = _file(world)
    m.StudentMobility.objects.filter(pk=mob.pk).update(scores={"LANGUAGE": "Infinity", "MOTIVATION": "80", "INTERVIEW": "100.5", "X": "NaN"})
    m.Call.objects.filter(pk=world.call.pk).update(weights={"GPA": "NaN", "LANGUAGE": 40})
    _migration("mobility", "0006_number_domains_repair_and_checks").repair(global_apps, SimpleNamespace(connection=connection))
    mob.refresh_from_db()
    world.call.refresh_from_db()
    assert mob.scores == {"MOTIVATION": "80"}
    assert world.call.weights == {"LANGUAGE": 40}


@pytest.mark.django_db(transaction=True)
def test_the_real_migration_repairs_then_adds_the_constraints(world) -> None:  # noqa: F811
    """From the schema before the constraints (mobility 0005) with a broken row, ``migrate`` goes through:
    the repair settles the rows (and, on PostgreSQL, the pending FK checks) before the tables are altered."""
    from django.db.migrations.executor import MigrationExecutor

    before, after = ("mobility", "0005_uploads_random_names_checked_by_content"), ("mobility", "0006_number_domains_repair_and_checks")
    mob, item, _hr = _file(world)
    executor = MigrationExecutor(connection)
    executor.migrate([before])
    try:
        literal = BROKEN[0]
        with connection.cursor() as cur:  # no constraint to pass any more: the old schema took these
            cur.execute(f"UPDATE mobility_ispitem SET credits = {literal} WHERE id = %s", [item.pk])  # noqa: S608
            cur.execute(f"UPDATE mobility_studentmobility SET gpa = {literal}, fee_amount = -5 WHERE id = %s", [mob.pk])  # noqa: S608
        executor = MigrationExecutor(connection)
        executor.migrate([after])
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
    item.refresh_from_db()
    mob.refresh_from_db()
    assert item.credits == Decimal("0.1") and mob.gpa is None and mob.fee_amount is None
    with pytest.raises(IntegrityError), transaction.atomic():
        _raw(f"UPDATE mobility_ispitem SET credits = {literal} WHERE id = %s", [item.pk])  # noqa: S608
