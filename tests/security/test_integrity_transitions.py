"""Transition integrity (issue 7): guards are judged on the row locked by the transition, never on what the caller
read before; a ready-made outcome stands only for the guard whose rule produced it; a staff-trip decision cannot lose
a concurrent one; the system's move to reporting names who triggered it."""

from __future__ import annotations

import datetime as dt
import threading
import time
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import OperationalError, connection

from bilim.apps.audit.models import AuditEvent
from bilim.apps.mobility import models as m
from bilim.apps.mobility import services as svc
from bilim.apps.workflow.models import Transition
from bilim.apps.workflow.services import TransitionRefused, transition_apply
from bilim.regulations.core.registry import evaluate
from tests.mobility.conftest import world  # noqa: F401  (the mobility personas)

TODAY = dt.date(2026, 11, 21)


@pytest.fixture(autouse=True)
def _today(monkeypatch):  # noqa: ANN001, ANN202
    monkeypatch.setattr(svc, "today", lambda: TODAY)


def _file(w, state: str, **kw):  # noqa: ANN001, ANN202
    data = dict(student=w.student, call=w.call, agreement=w.agreement, host=w.partner, purpose="Study", language="Turkish", specialty="Mathematics",
                expected_funding="Mevlana", intended_disciplines="Lineer Cebir", year_of_study=3, start_date=dt.date(2027, 2, 1),
                end_date=dt.date(2027, 6, 30), term="LONG", scope="EXTERNAL", state=state)
    data.update(kw)
    return m.StudentMobility.objects.create(**data)


# --- (a) facts built on the locked row ----------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.rule("OSU-4.8-STU-2")
def test_a_fact_changed_after_the_callers_read_is_judged_on_the_locked_row(world):
    w = world
    stale = _file(w, "DRAFT")  # the caller's copy: every mandatory field filled in
    m.StudentMobility.objects.filter(pk=stale.pk).update(purpose="", specialty="")  # changed before the lock is taken
    with pytest.raises(TransitionRefused) as e:
        svc.application_submit(actor=w.users["student"], mobility=stale)
    assert any("OSU-4.8-STU-2" in x.rule_ids for x in e.value.explanations)
    assert m.StudentMobility.objects.get(pk=stale.pk).state == "DRAFT" and not Transition.objects.exists()


@pytest.mark.django_db
@pytest.mark.rule("OSU-4.8-IRD-9")
def test_a_competition_gate_sees_the_gpa_of_the_locked_row(world):
    """Judged on the caller's copy (GPA 3.5) the file would pass the competition gate; on the row it is 2.8."""
    w = world
    stale = _file(w, "IN_SELECTION", gpa=Decimal("3.5"))
    m.StudentMobility.objects.filter(pk=stale.pk).update(gpa=Decimal("2.8"))
    with pytest.raises(TransitionRefused) as e:
        transition_apply(actor=w.users["ird_officer"], obj=stale, workflow_code="osu.student_outgoing", action="select",
                         facts=lambda locked: {"OSU-4.8-IRD-9": svc._gpa_facts(locked, "FD_COMPETITION")})
    assert e.value.code == "guard"
    assert m.StudentMobility.objects.get(pk=stale.pk).state == "IN_SELECTION"


@pytest.mark.django_db
def test_the_facts_builder_runs_inside_the_transaction_on_a_fresh_row(world):
    w = world
    mob = _file(w, "DOCS_COMPLETE", gpa=Decimal("3.5"))
    seen = []

    def facts(locked):  # noqa: ANN001, ANN202
        seen.append((locked is mob, connection.in_atomic_block, locked.gpa))
        return {"OSU-4.8-IRD-9": svc._gpa_facts(locked, "NON_COMPETITIVE")}

    m.StudentMobility.objects.filter(pk=mob.pk).update(gpa=Decimal("3.9"))
    transition_apply(actor=w.users["ird_officer"], obj=mob, workflow_code="osu.student_outgoing", action="select_non_competitive", facts=facts)
    assert seen == [(False, True, Decimal("3.90"))]
    assert mob.state == "SELECTED" and mob.quota_taken  # the caller's copy follows the row


# --- (b) a ready-made outcome must be the guard's own ---------------------------------------------------------------------


@pytest.mark.django_db
def test_an_outcome_of_another_rule_cannot_stand_for_a_guard(world):
    w = world
    mob = _file(w, "APPLIED")
    passing_gpa = evaluate("OSU-4.8-IRD-9", {"gpa": Decimal("3.9"), "selection_kind": "FD_COMPETITION"}, TODAY)
    assert passing_gpa.ok
    with pytest.raises(TransitionRefused) as e:  # the documents gate answered by the GPA rule
        transition_apply(actor=w.users["ird_officer"], obj=mob, workflow_code="osu.student_outgoing", action="documents_complete",
                         facts_by_rule={"OSU-4.8-STU-3": passing_gpa})
    assert e.value.code == "guard_mismatch"
    assert "OSU-4.8-STU-3" in str(e.value) and "OSU-4.8-IRD-9" in str(e.value)
    mob.refresh_from_db()
    assert mob.state == "APPLIED" and not Transition.objects.exists()
    with pytest.raises(TransitionRefused) as e:  # also through the facts builder
        transition_apply(actor=w.users["ird_officer"], obj=mob, workflow_code="osu.student_outgoing", action="documents_complete",
                         facts=lambda locked: {"OSU-4.8-STU-3": passing_gpa})
    assert e.value.code == "guard_mismatch"


@pytest.mark.django_db
def test_the_guards_own_outcome_is_accepted(world):
    w = world
    mob = _file(w, "DOCS_COMPLETE", gpa=Decimal("3.5"))
    gate = evaluate("OSU-4.8-IRD-9", svc._gpa_facts(mob, "NON_COMPETITIVE"), TODAY)
    tr = transition_apply(actor=w.users["ird_officer"], obj=mob, workflow_code="osu.student_outgoing", action="select_non_competitive",
                          facts_by_rule={"OSU-4.8-IRD-9": gate})
    assert tr.target == "SELECTED"


# --- (c) staff-trip decisions are serialised ------------------------------------------------------------------------------


def _trip_at_vr_step(w):  # noqa: ANN001, ANN202
    t = svc.trip_create(actor=w.users["staff"], staff=w.staff, host=w.partner, purpose="Conference", start_date=dt.date(2026, 12, 1),
                        end_date=dt.date(2026, 12, 5), funding_sources=["UNIVERSITY"], substitution_info="Classes covered by Dr. Ы",
                        invitation=SimpleUploadedFile("inv.pdf", b"%PDF-1.4"))
    svc.trip_submit(actor=w.users["staff"], trip=t)
    svc.trip_decide(actor=w.users["head_of_department"], trip=t, decision="APPROVED")
    svc.trip_decide(actor=w.users["dean_office"], trip=t, decision="APPROVED")
    t.refresh_from_db()
    assert t.state == "APPROVAL_VR_SCI"
    return t


@pytest.mark.django_db
@pytest.mark.rule("OSU-4.8-STAFF-3")
def test_a_decision_on_a_stale_copy_is_judged_on_the_locked_chain(world):
    w = world
    t = _trip_at_vr_step(w)
    stale = m.StaffTrip.objects.get(pk=t.pk)
    svc.trip_decide(actor=w.users["vice_rector_research"], trip=t, decision="APPROVED")
    with pytest.raises(TransitionRefused) as e:  # the copy still shows the vice-rector's step open
        svc.trip_decide(actor=w.users["vice_rector_research"], trip=stale, decision="REJECTED", reason="Budget cut")
    assert e.value.code == "invalid"
    t.refresh_from_db()
    assert [a["role"] for a in t.approvals] == ["HOD", "DEAN", "VR_SCI"] and t.approvals[-1]["decision"] == "APPROVED"


@pytest.mark.django_db(transaction=True)
@pytest.mark.rule("OSU-4.8-STAFF-3")
def test_concurrent_decisions_on_one_step_never_lose_one(world):
    """The vice-rector's approval and a rejection race: exactly one is recorded, the other is refused — never both
    reported as done with the last write silently winning."""
    w = world
    t = _trip_at_vr_step(w)
    results: dict[str, str] = {}
    barrier = threading.Barrier(2)

    def decide(decision: str) -> None:
        copy = m.StaffTrip.objects.get(pk=t.pk)  # each approver's page loaded the open step
        barrier.wait()
        try:
            for _attempt in range(200):  # SQLite's shared-cache test DB reports lock contention: retry like a user would
                try:
                    svc.trip_decide(actor=w.users["vice_rector_research"], trip=copy, decision=decision,
                                    reason="Budget cut" if decision == "REJECTED" else "")
                    results[decision] = "ok"
                    return
                except TransitionRefused:
                    results[decision] = "refused"
                    return
                except OperationalError:  # resubmitted from the same page: the copy stays as loaded
                    time.sleep(0.01)
            results[decision] = "gave-up"
        finally:
            connection.close()

    threads = [threading.Thread(target=decide, args=(d,)) for d in ("APPROVED", "REJECTED")]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert sorted(results.values()) == ["ok", "refused"], results
    t.refresh_from_db()
    vr = [a for a in t.approvals if a["role"] == "VR_SCI"]
    winner = next(d for d, r in results.items() if r == "ok")
    assert len(vr) == 1 and vr[0]["decision"] == winner
    assert t.state == ("REJECTED" if winner == "REJECTED" else "APPROVAL_VR_SCI")


# --- the system's move to reporting names who triggered it ----------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.rule("OSU-4.8-STAFF-5")
def test_the_system_move_to_reporting_records_who_triggered_it(world):
    w = world
    t = svc.trip_create(actor=w.users["staff"], staff=w.staff, host=w.partner, purpose="Conference", start_date=dt.date(2026, 12, 1),
                        end_date=dt.date(2026, 12, 5), funding_sources=["HOST"], substitution_info="Classes covered",
                        invitation=SimpleUploadedFile("inv.pdf", b"%PDF-1.4"))
    m.StaffTrip.objects.filter(pk=t.pk).update(state="RETURNED", returned_on=dt.date(2026, 12, 5))
    t.refresh_from_db()
    svc.trip_reporting(actor=w.users["staff"], trip=t)
    t.refresh_from_db()
    tr = Transition.objects.for_object(t).get()
    assert (tr.source, tr.target, tr.actor_id) == ("RETURNED", "REPORTING", w.users["staff"].pk)
    ev = AuditEvent.objects.filter(action=AuditEvent.Action.TRANSITION, object_id=str(t.pk)).latest("id")
    assert ev.actor_id == w.users["staff"].pk


@pytest.mark.django_db
def test_acting_for_the_system_does_not_open_steps_the_system_may_not_take(world):
    w = world
    mob = _file(w, "APPLIED")
    with pytest.raises(TransitionRefused) as e:  # cancelling is the student's, not the system's
        transition_apply(actor=w.users["outsider"], obj=mob, workflow_code="osu.student_outgoing", action="cancel", on_behalf_of_system=True)
    assert e.value.code == "authority"
