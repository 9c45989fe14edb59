"""A registration rush: students submitting the same course at once never overbook it (seat rows locked in offering
order, CHECK taken ≤ capacity in the database)."""

from __future__ import annotations

import datetime as dt
import threading
import time

import pytest
from django.db import IntegrityError, OperationalError, connection, transaction

from bilim.apps.accounts.models import Role, RoleAssignment, User
from bilim.apps.people.models import Level, Person, Student
from bilim.apps.records.models import Enrolment
from bilim.apps.registration import models as m
from bilim.apps.registration import services as svc
from bilim.apps.workflow.services import TransitionRefused

D = dt.date


@pytest.mark.django_db(transaction=True)
@pytest.mark.workflow("W-13")
def test_capacity_is_never_exceeded_under_concurrent_selection(opened):
    w = opened
    target = w.offerings[0]
    target.capacity = 3
    target.save()
    regs = []
    for i in range(8):
        u = User.objects.create_user(username=f"rush{i}", password="x")
        RoleAssignment.objects.create(user=u, role=Role.STUDENT, institution=w.ktmu, unit=w.inst, starts_on=D(2020, 1, 1))
        p = Person.objects.create(user=u, last_name=f"Студент{i}", first_name="Ө")
        s = Student.objects.create(person=p, institution=w.ktmu, unit=w.inst, programme=w.prog, student_number=f"R{i}", level=Level.MASTER)
        regs.append((u, svc.registration_for(s, w.term)))
    results: list[str] = []
    barrier = threading.Barrier(len(regs))

    def take(user, reg):  # noqa: ANN001
        barrier.wait()
        try:
            for _attempt in range(300):  # SQLite's shared-cache test DB reports lock contention: retry like a user would
                try:
                    svc.selection_submit(actor=user, registration=reg, offering_ids=[target.pk, w.offerings[2].pk], on=D(2026, 8, 26))
                    results.append("ok")
                    return
                except TransitionRefused as exc:
                    results.append(exc.code)
                    return
                except OperationalError:
                    time.sleep(0.01)
            results.append("gave-up")
        finally:
            connection.close()

    threads = [threading.Thread(target=take, args=r) for r in regs]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results.count("ok") == 3 and results.count("capacity") == 5, results
    assert m.OfferingSeats.objects.get(offering=target).taken == 3
    assert m.Selection.objects.filter(offering=target, status="active").count() == 3
    # the losers wrote nothing: neither their state nor the seat of the other course
    assert m.Registration.objects.filter(state="SUBMITTED").count() == 3
    assert m.OfferingSeats.objects.get(offering=w.offerings[2]).taken == 3
    assert not Enrolment.objects.filter(offering=target).exists()


@pytest.mark.django_db
def test_database_refuses_overbooking_directly(opened):
    w = opened
    seats = m.OfferingSeats.objects.get(offering=w.offerings[0])
    with pytest.raises(IntegrityError), transaction.atomic():
        m.OfferingSeats.objects.filter(pk=seats.pk).update(taken=seats.capacity + 1)
