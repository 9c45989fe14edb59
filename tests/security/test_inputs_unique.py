"""Unique constraints surface as translated form errors, never as a server error.

The page test is the reviewed defect: a second application to the same call was an ``IntegrityError``
(500). The race tests make the service's own "already there?" check miss (as it does when two
requests pass it together) so that the database constraint decides: the answer must still be the
form error, and the caller's transaction must stay usable.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.db.models.query import QuerySet
from django.test import Client

from bilim.apps.core.integrity import is_unique_violation, unique_or_error
from bilim.apps.mobility import models as m
from tests.mobility.conftest import world  # noqa: F401
from tests.postgrad.conftest import pg  # noqa: F401

pytestmark = pytest.mark.django_db


def _miss_the_check(monkeypatch: pytest.MonkeyPatch, model: Any) -> None:
    """Make every "does one exist?" check on ``model`` answer no, as a concurrent twin request would see."""
    original = QuerySet.exists
    monkeypatch.setattr(QuerySet, "exists", lambda self: False if self.model is model else original(self))


def _application(world: Any) -> dict[str, Any]:  # noqa: F811
    return {"call": world.call.pk, "host": world.partner.pk, "basis": "INSTITUTIONAL_AGREEMENT", "purpose": "Study",
            "language": "Turkish", "specialty": "Math", "expected_funding": "Mevlana", "intended_disciplines": "Analiz",
            "start_date": "2027-02-01", "end_date": "2027-06-30"}


def test_second_application_to_the_same_call_is_a_form_error_and_one_row(world: Any) -> None:  # noqa: F811
    c = Client(raise_request_exception=False, HTTP_ACCEPT_LANGUAGE="en")
    world.users["student"].language = "en"  # the saved language wins over the browser's
    world.users["student"].save(update_fields=["language"])
    c.force_login(world.users["student"])
    first = c.post("/mobility/applications/new/", _application(world))
    assert first.status_code == 302
    second = c.post("/mobility/applications/new/", _application(world))
    assert second.status_code in {200, 400}, second.status_code
    html = second.content.decode()
    assert "errorlist" in html or 'class="error"' in html
    assert "already have an application to this call" in html
    assert m.StudentMobility.objects.filter(student=world.student, call=world.call).count() == 1


def test_reapplying_after_withdrawal_is_allowed(world: Any) -> None:  # noqa: F811
    from bilim.apps.mobility import services as svc

    data = {k: v for k, v in _application(world).items() if k not in {"call", "host"}}
    data["start_date"], data["end_date"] = dt.date(2027, 2, 1), dt.date(2027, 6, 30)
    mob = svc.application_create(actor=world.users["student"], student=world.student, host=world.partner, call=world.call, **data)
    m.StudentMobility.objects.filter(pk=mob.pk).update(state="WITHDRAWN")
    again = svc.application_create(actor=world.users["student"], student=world.student, host=world.partner, call=world.call, **data)
    assert again.pk != mob.pk


def test_double_application_race_is_settled_by_the_constraint_as_a_form_error(world: Any, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: F811
    from bilim.apps.mobility import services as svc

    data = {k: v for k, v in _application(world).items() if k not in {"call", "host"}}
    data["start_date"], data["end_date"] = dt.date(2027, 2, 1), dt.date(2027, 6, 30)
    svc.application_create(actor=world.users["student"], student=world.student, host=world.partner, call=world.call, **data)
    _miss_the_check(monkeypatch, m.StudentMobility)  # the twin request's check ran before the first insert
    with pytest.raises(ValidationError) as exc:
        svc.application_create(actor=world.users["student"], student=world.student, host=world.partner, call=world.call, **data)
    assert "call" in exc.value.message_dict
    monkeypatch.undo()
    assert m.StudentMobility.objects.count() == 1  # the transaction is still usable after the refused insert


def test_order_number_reused_on_the_same_date_is_a_form_error(world: Any) -> None:  # noqa: F811
    from bilim.apps.governance.models import Decision
    from bilim.apps.mobility import services as svc

    on = dt.date(2027, 1, 15)
    svc._order(world.users["ird_officer"], world.call, world.oshsu, "77-k", on, "First", "")
    with pytest.raises(ValidationError) as exc:
        svc._order(world.users["ird_officer"], world.call, world.oshsu, "77-k", on, "Second", "")
    assert "number" in exc.value.message_dict
    assert Decision.objects.filter(number="77-k").count() == 1
    svc._order(world.users["ird_officer"], world.call, world.oshsu, "77-k", on + dt.timedelta(days=1), "Next day", "")


def test_semester_scope_race_is_a_form_error(pg: Any, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: F811
    from bilim.apps.postgrad import models as pm
    from bilim.apps.postgrad import services

    services.semester_scope_set(actor=pg.officer, student=pg.st, term=pg.term, kind="SPECIAL_STATUS")
    _miss_the_check(monkeypatch, pm.SemesterScope)
    with pytest.raises(ValidationError) as exc:
        services.semester_scope_set(actor=pg.officer, student=pg.st, term=pg.term, kind="SPECIAL_STATUS")
    assert "term" in exc.value.message_dict
    monkeypatch.undo()
    assert pm.SemesterScope.objects.filter(student=pg.st).count() == 1


def test_unique_or_error_reraises_other_integrity_errors(world: Any) -> None:  # noqa: F811
    from bilim.apps.org.models import Unit

    with pytest.raises(ValidationError):
        with unique_or_error("dup"):
            Unit.objects.create(institution=world.oshsu, kind="faculty", code=world.fac.code, name_ky="x", name_en="x")
    with pytest.raises(IntegrityError) as exc:
        with unique_or_error("dup"):
            Unit.objects.create(institution_id=987654, kind="faculty", code="zz", name_ky="x", name_en="x")
            from django.db import connection

            connection.check_constraints()  # SQLite checks foreign keys at commit; force it here
    assert not is_unique_violation(exc.value)
