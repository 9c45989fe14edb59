"""The generic transition service: guards, missing facts, authority by role or adopted body decision, stale
versions — every refusal writes nothing."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from bilim.apps.governance.models import Body, Decision
from bilim.apps.mobility import models as m
from bilim.apps.mobility import services as svc
from bilim.apps.workflow.models import Transition
from bilim.apps.workflow.services import StaleRecord, TransitionRefused, transition_apply

pytestmark = pytest.mark.django_db


@pytest.fixture
def mob(world):
    return m.StudentMobility.objects.create(student=world.student, call=world.call, host=world.partner, purpose="p", language="tr", specialty="s",
                                            expected_funding="f", intended_disciplines="A", year_of_study=3, start_date=dt.date(2027, 2, 1),
                                            end_date=dt.date(2027, 6, 30), term="LONG", scope="EXTERNAL", state="BRIEFED")


def test_a_guard_without_facts_is_a_refusal_not_a_pass(world, mob):
    with pytest.raises(TransitionRefused) as e:
        transition_apply(actor=world.users["rector_office"], obj=mob, workflow_code="osu.student_outgoing", action="issue_order", facts_by_rule={})
    assert e.value.code == "guard_missing"
    mob.refresh_from_db()
    assert mob.state == "BRIEFED" and not Transition.objects.exists()


@pytest.mark.workflow("osu.student_outgoing")
@pytest.mark.workflow("osu.student_outgoing")
def test_body_authority_needs_an_adopted_decision_about_this_record(world, mob):
    body = Body.objects.create(institution=world.oshsu, kind="rector_office", code="rector", name_ky="Ректорат", name_en="Rector's office")
    facts = {"OSU-4.8-STU-5": svc.evaluate("OSU-4.8-STU-5", {**svc.departure_facts(mob, dt.date(2026, 11, 21)), "documents_complete": True,
                                                            "isp_status": "SUBMITTED_TO_IRD", "invitation_letter": True}, dt.date(2026, 11, 21))}
    other = Decision.objects.create(body=body, number="1", date=dt.date(2026, 11, 21), title="x", status="adopted", subject_type="mobility.studentmobility", subject_id="999")
    with pytest.raises(TransitionRefused) as e:
        transition_apply(actor=world.users["rector_office"], obj=mob, workflow_code="osu.student_outgoing", action="issue_order", facts_by_rule=facts, decision=other)
    assert e.value.code == "authority"
    draft = Decision.objects.create(body=body, number="2", date=dt.date(2026, 11, 21), title="x", status="draft", subject_type="mobility.studentmobility", subject_id=str(mob.pk))
    with pytest.raises(TransitionRefused):
        transition_apply(actor=world.users["rector_office"], obj=mob, workflow_code="osu.student_outgoing", action="issue_order", facts_by_rule=facts, decision=draft)
    ok = Decision.objects.create(body=body, number="3", date=dt.date(2026, 11, 21), title="x", status="adopted", subject_type="mobility.studentmobility", subject_id=str(mob.pk))
    tr = transition_apply(actor=world.users["rector_office"], obj=mob, workflow_code="osu.student_outgoing", action="issue_order", facts_by_rule=facts, decision=ok)
    assert (tr.source, tr.target, tr.decision_id) == ("BRIEFED", "ORDER_ISSUED", ok.pk)
    assert tr.explanations()[0].rule_ids == ("OSU-4.8-STU-5",)


@pytest.mark.workflow("osu.student_outgoing")
def test_role_authority_and_stale_version(world, mob):
    m.StudentMobility.objects.filter(pk=mob.pk).update(state="DRAFT")
    mob.refresh_from_db()
    facts = svc.application_facts(mob, dt.date(2026, 11, 21))
    facts.pop("OSU-4.8-STU-22")
    with pytest.raises(TransitionRefused) as e:  # only the student applies
        transition_apply(actor=world.users["dean_office"], obj=mob, workflow_code="osu.student_outgoing", action="apply", facts_by_rule=facts)
    assert e.value.code == "authority"
    with pytest.raises(StaleRecord):
        transition_apply(actor=world.users["student"], obj=mob, workflow_code="osu.student_outgoing", action="apply", facts_by_rule=facts,
                         expected_version=mob.version + 1)
    tr = transition_apply(actor=world.users["student"], obj=mob, workflow_code="osu.student_outgoing", action="apply", facts_by_rule=facts,
                          expected_version=mob.version)
    assert tr.target == "APPLIED" and mob.version == 1


def test_import_partner_transcript_creates_host_results(world, mob):
    from bilim.apps.mobility.documents import ewp

    m.StudentMobility.objects.filter(pk=mob.pk).update(state="DOCS_RETURNED")
    m.HostResult.objects.create(mobility=mob, host_code="MAT201", title="Lineer Cebir", credits=Decimal(6), grade="BA", grade_scale="TR_4", outcome="PASSED")
    xml = ewp.transcript_xml(mob)
    m.HostResult.objects.all().delete()
    rows = svc.host_results_import_tor(actor=world.users["dean_office"], mobility=mob, xml=xml)
    assert [(r.host_code, r.grade, r.score_100) for r in rows] == [("MAT201", "BA", Decimal("87"))]
    with pytest.raises(svc.ValidationError):
        svc.host_results_import_tor(actor=world.users["dean_office"], mobility=mob, xml=b"<not-ewp/>")


def test_the_trace_sees_executed_steps_only(world, mob):
    """``bilim workflows coverage`` counts a step only when the service really executed it (a refusal is not a step)."""
    from bilim.apps.workflow import trace

    seen: list[tuple[str, str, str, str]] = []
    trace.LISTENERS.append(lambda *step: seen.append(step))
    try:
        with pytest.raises(TransitionRefused):
            transition_apply(actor=world.users["rector_office"], obj=mob, workflow_code="osu.student_outgoing", action="issue_order", facts_by_rule={})
        assert seen == []
        m.StudentMobility.objects.filter(pk=mob.pk).update(state="ORDER_ISSUED")
        mob.refresh_from_db()
        transition_apply(actor=world.users["ird_officer"], obj=mob, workflow_code="osu.student_outgoing", action="start")
    finally:
        trace.LISTENERS.clear()
    assert seen == [("osu.student_outgoing", "ORDER_ISSUED", "start", "ABROAD")]
