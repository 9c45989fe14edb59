"""The project leader of a staff trip (issue 7, low): the form offers, and the service accepts, only active accounts of
staff members of the applicant's institution — not every username."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from bilim.apps.mobility import forms as f
from bilim.apps.mobility import models as m
from bilim.apps.mobility import services as svc
from bilim.apps.mobility.selectors import project_leader_candidates
from tests.mobility.conftest import world  # noqa: F401  (the mobility personas)

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(world):  # noqa: ANN001, ANN201
    """A staff member of OshSU with an account (plausible), one whose account is disabled, a partner's staff member,
    and accounts that are not staff at all (the student, the outsider)."""
    from bilim.apps.accounts.models import User
    from bilim.apps.people.models import Person, Staff

    w = world
    leader = User.objects.create(username="leader")
    Staff.objects.create(person=Person.objects.create(user=leader, last_name="Жолдошев", first_name="Бакыт"), institution=w.oshsu, unit=w.fac)
    retired = User.objects.create(username="retired", is_active=False)
    Staff.objects.create(person=Person.objects.create(user=retired, last_name="Осмонов", first_name="Төлөн"), institution=w.oshsu, unit=w.fac)
    from bilim.apps.org.models import Unit

    partner_unit = Unit.objects.create(institution=w.partner, kind="faculty", code="AF", name_ky="Факультет", name_en="Faculty")
    foreign = User.objects.create(username="foreign")
    Staff.objects.create(person=Person.objects.create(user=foreign, last_name="Yılmaz", first_name="Ali"), institution=w.partner, unit=partner_unit)
    return type("People", (), dict(leader=leader, retired=retired, foreign=foreign))


def _form_data(w, leader):  # noqa: ANN001, ANN202
    return {"host": w.partner.pk, "purpose": "Project meeting", "start_date": "2026-12-01", "end_date": "2026-12-05", "funding": ["PROJECT"],
            "project_leader": leader.pk, "substitution_info": "Covered"}


def test_the_form_offers_only_plausible_staff(world, people):
    w = world
    form = f.TripForm(institution=w.oshsu)
    offered = set(form.fields["project_leader"].queryset)
    assert people.leader in offered and w.users["staff"] in offered
    assert not offered & {people.retired, people.foreign, w.users["student"], w.users["outsider"], w.users["ird_officer"]}
    assert not f.TripForm().fields["project_leader"].queryset.exists()  # no institution known: nobody


@pytest.mark.parametrize("who", ["retired", "foreign", "outsider"])
def test_the_form_refuses_a_posted_id_outside_the_choice(world, people, who):
    w = world
    user = getattr(people, who, None) or w.users[who]
    form = f.TripForm(_form_data(w, user), {"invitation": SimpleUploadedFile("inv.pdf", b"%PDF-1.4")}, institution=w.oshsu)
    assert not form.is_valid() and "project_leader" in form.errors
    ok = f.TripForm(_form_data(w, people.leader), {"invitation": SimpleUploadedFile("inv.pdf", b"%PDF-1.4")}, institution=w.oshsu)
    assert ok.is_valid(), ok.errors


@pytest.mark.parametrize("who", ["retired", "foreign", "outsider", "student"])
def test_the_service_refuses_an_implausible_project_leader_and_writes_nothing(world, people, who):
    w = world
    user = getattr(people, who, None) or w.users[who]
    with pytest.raises(ValidationError) as e:
        svc.trip_create(actor=w.users["staff"], staff=w.staff, host=w.partner, purpose="Project meeting", start_date=dt.date(2026, 12, 1),
                        end_date=dt.date(2026, 12, 5), funding_sources=["PROJECT"], project_funded=True, project_leader=user,
                        substitution_info="Covered", invitation=SimpleUploadedFile("inv.pdf", b"%PDF-1.4"))
    assert "project_leader" in e.value.message_dict
    assert not m.StaffTrip.objects.exists()
    trip = svc.trip_create(actor=w.users["staff"], staff=w.staff, host=w.partner, purpose="Project meeting", start_date=dt.date(2026, 12, 1),
                           end_date=dt.date(2026, 12, 5), funding_sources=["PROJECT"], project_funded=True, project_leader=people.leader,
                           substitution_info="Covered", invitation=SimpleUploadedFile("inv.pdf", b"%PDF-1.4"))
    assert trip.project_leader_id == people.leader.pk


def test_candidates_are_listed_without_duplicates(world, people):
    from bilim.apps.people.models import Staff

    w = world
    Staff.objects.create(person=people.leader.person, institution=w.oshsu, unit=w.fac, kind="administrative")  # a second post
    assert list(project_leader_candidates(w.oshsu)).count(people.leader) == 1
