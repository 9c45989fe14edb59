"""After scopes fail closed, every demo account still sees what it should (and an institution-wide officer of
OshSU sees all of OshSU's mobility records, as the regulation has it: OSU-4.1-1 for the rector's office)."""

from __future__ import annotations

from typing import Any

import pytest

from bilim.apps.accounts.permissions import restrict
from tests.test_permission_matrix import seeded  # noqa: F401  (module fixture)


@pytest.mark.django_db
def test_demo_accounts_see_their_records(seeded: Any) -> None:  # noqa: F811
    from bilim.apps.mobility import models as mm
    from bilim.apps.people.models import Student
    from bilim.apps.postgrad import selectors as psel

    u = seeded.users
    oshsu = seeded.institutions["oshsu"]
    fac = seeded.units["oshsu-math"]
    mobs = mm.StudentMobility.objects.filter(student__institution=oshsu)
    trips = mm.StaffTrip.objects.filter(staff__institution=oshsu)
    assert mobs.exists() and trips.exists()

    def sees(user: str, action: str, qs: Any) -> set[int]:
        return set(restrict(u[user], action, qs.model.objects.all()).values_list("pk", flat=True))

    assert sees("ird_officer", "mobility.view_application", mobs) == set(mobs.values_list("pk", flat=True))
    assert sees("rector_office", "mobility.view_application", mobs) == set(mobs.values_list("pk", flat=True))
    for who in ("ird_officer", "rector_office", "vice_rector_research", "accounting"):
        assert sees(who, "mobility.view_trip", trips) == set(trips.values_list("pk", flat=True)), who
    assert sees("ird_officer", "mobility.view_tasks", mm.Task.objects.all()) == set(mm.Task.objects.values_list("pk", flat=True))
    assert sees("ird_officer", "mobility.view_consultations", mm.Consultation.objects.all()) == set(mm.Consultation.objects.values_list("pk", flat=True))
    assert sees("rector_office", "mobility.view_incoming", mm.IncomingMobility.objects.all()) == set(mm.IncomingMobility.objects.values_list("pk", flat=True))
    faculty_mobs = set(mobs.filter(student__unit__in=[fac, *fac.children.all()]).values_list("pk", flat=True))
    assert sees("dean_office", "mobility.view_application", mobs) == faculty_mobs
    assert sees("programme_leader", "people.view_student", Student.objects.all())
    assert set(restrict(u["board_secretary"], "postgrad.view_student", psel.pg_students())) == set(
        psel.pg_students().filter(unit=seeded.units["ktmu-fbe"])) != set()
    assert restrict(u["kinstructor"], "postgrad.view_offering", psel.pg_offerings()).exists()
    assert restrict(u["kinstitute"], "postgrad.manage_record", psel.pg_students()).exists()
    assert restrict(u["student"], "mobility.view_application", mobs).count() == mobs.filter(student__person__user=u["student"]).count()
