"""Selections racing for the same call: the quota is never overbooked (conditional update + CHECK), and every place
taken is marked on its file by the same transition (place_on_move)."""

from __future__ import annotations

import datetime as dt
import threading
import time

import pytest
from django.db import IntegrityError, OperationalError, connection, transaction

from bilim.apps.mobility import models as m
from bilim.apps.mobility import services as svc
from bilim.apps.workflow.services import TransitionRefused


@pytest.mark.django_db(transaction=True)
@pytest.mark.workflow("osu.student_outgoing")
@pytest.mark.rule("OSU-4.8-IRD-4")
def test_quota_cannot_be_overbooked_by_concurrent_selection(world):
    w = world
    w.call.quota = 3
    w.call.save()
    mobs = []
    for i in range(8):
        from bilim.apps.people.models import Person, Student

        p = Person.objects.create(last_name=f"Студент{i}", first_name="Ө")
        s = Student.objects.create(person=p, institution=w.oshsu, unit=w.fac, programme=w.prog, student_number=f"C{i}", level="bachelor", year_of_study=3, semester=5)
        mobs.append(m.StudentMobility.objects.create(student=s, call=w.call, host=w.partner, purpose="p", language="tr", specialty="s",
                                                     expected_funding="f", year_of_study=3, start_date=dt.date(2027, 2, 1),
                                                     end_date=dt.date(2027, 6, 30), term="LONG", scope="EXTERNAL", state="DOCS_COMPLETE"))
    results: list[str] = []
    barrier = threading.Barrier(8)

    def take(mob):  # noqa: ANN001
        barrier.wait()
        try:
            for _attempt in range(200):  # SQLite's shared-cache test DB reports lock contention: retry like a user would
                try:
                    svc.select_individual(actor=w.users["ird_officer"], mobility=mob)
                    results.append("ok")
                    return
                except TransitionRefused:
                    results.append("full")
                    return
                except OperationalError:
                    time.sleep(0.01)
            results.append("gave-up")
        finally:
            connection.close()

    threads = [threading.Thread(target=take, args=(mb,)) for mb in mobs]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    w.call.refresh_from_db()
    assert results.count("ok") == 3 and results.count("full") == 5, results
    assert w.call.quota_used == 3
    assert m.StudentMobility.objects.filter(quota_taken=True).count() == 3


@pytest.mark.django_db
def test_database_refuses_overbooking_directly(world):
    w = world
    w.call.quota_used = w.call.quota
    w.call.save()
    with pytest.raises(IntegrityError), transaction.atomic():
        m.Call.objects.filter(pk=w.call.pk).update(quota_used=w.call.quota + 1)
