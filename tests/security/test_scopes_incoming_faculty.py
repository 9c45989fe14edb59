"""An incoming participant is registered only for a faculty the registrar may then manage (issue 7, scopes).

Before the fix the form offered every faculty and institute of every university and the service took any
of them: an IRD officer could register a participant at another university's institute, and the record
was then unreachable to them (404) — the browser journey picked such a unit and stalled.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from bilim.apps.mobility import forms as f
from bilim.apps.mobility import services as svc
from bilim.apps.mobility.models import IncomingMobility
from bilim.apps.org.models import Institution, Unit
from tests.mobility.conftest import world  # noqa: F401  (OshSU personas)

pytestmark = pytest.mark.django_db


@pytest.fixture
def units(world: Any) -> Any:
    ktmu = Institution.objects.create(code="manas", name_ky="Манас", name_en="Manas University", country="KG", is_home=True,
                                      regulation_set="ktmu_postgrad")
    institute = Unit.objects.create(institution=ktmu, kind="institute", code="SBE", name_ky="Институт", name_en="Institute")
    other_fac = Unit.objects.create(institution=world.oshsu, kind="faculty", code="FIL", name_ky="Филология", name_en="Philology")
    return type("Units", (), {"institute": institute, "other_fac": other_fac})


def _register(world: Any, actor: str, faculty: Unit) -> IncomingMobility:
    return svc.incoming_register(actor=world.users[actor], last_name="Schmidt", first_name="Jonas", citizenship="DE", home=world.partner,
                                 faculty=faculty, start_date=dt.date(2027, 2, 1), end_date=dt.date(2027, 6, 30))


def test_the_form_offers_only_the_faculties_the_registrar_may_manage(world: Any, units: Any) -> None:
    ird = set(f.IncomingForm(user=world.users["ird_officer"]).fields["faculty"].queryset)
    assert world.fac in ird and units.other_fac in ird and units.institute not in ird  # the whole of OshSU, nothing of another university
    dean = set(f.IncomingForm(user=world.users["dean_office"]).fields["faculty"].queryset)
    assert dean == {world.fac}  # a dean's office: its own faculty only
    assert not f.IncomingForm(user=world.users["outsider"]).fields["faculty"].queryset.exists()


@pytest.mark.parametrize("actor,target", [("ird_officer", "institute"), ("dean_office", "institute"), ("dean_office", "other_fac")])
def test_a_faculty_outside_the_scope_is_refused_and_nothing_is_kept(world: Any, units: Any, actor: str, target: str) -> None:
    with pytest.raises(ValidationError) as refused:
        _register(world, actor, getattr(units, target))
    assert "faculty" in refused.value.message_dict
    assert not IncomingMobility.objects.exists()


def test_inside_the_scope_the_registrar_then_manages_the_record(world: Any, units: Any) -> None:
    inc = _register(world, "ird_officer", units.other_fac)
    svc.incoming_step(actor=world.users["ird_officer"], inc=inc, target="ACCEPTED")
    inc.refresh_from_db()
    assert inc.state == "ACCEPTED"


def test_the_page_refuses_another_universitys_institute_beside_the_field(world: Any, units: Any) -> None:
    client = Client()
    client.force_login(world.users["ird_officer"])
    response = client.post("/mobility/incoming/new/", {
        "kind": "STUDENT", "last_name": "Schmidt", "first_name": "Jonas", "citizenship": "DE", "home": world.partner.pk,
        "faculty": units.institute.pk, "level": "BACHELOR", "start_date": "2027-02-01", "end_date": "2027-06-30"})
    assert response.status_code == 200 and "faculty" in response.context["form"].errors
    assert not IncomingMobility.objects.exists()
