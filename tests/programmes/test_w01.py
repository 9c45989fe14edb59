"""W-01: opening a programme (regular, doctoral, joint, interdisciplinary) and changing one."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile

from bilim.apps.audit.models import AuditEvent
from bilim.apps.curriculum.models import Course, Programme
from bilim.apps.people.models import Staff
from bilim.apps.programmes import models as m
from bilim.apps.programmes import services
from bilim.apps.workflow.labels import missing_labels
from bilim.apps.workflow.models import Transition
from bilim.apps.workflow.registry import perform_step
from bilim.apps.workflow.selectors import pending_for_body
from bilim.apps.workflow.services import TransitionRefused
from tests.programmes.helpers import PDF, proposal

D = dt.date


def test_every_state_and_action_has_a_label() -> None:
    assert missing_labels("KTMU-W-01") == []
    assert missing_labels("KTMU-W-02") == []
    assert missing_labels("KTMU-W-03") == []


def _to(pp, p, state):
    """Carry a regular proposal through the chain up to ``state`` (body decisions naming it)."""
    steps = [("prepare", None, "DRAFT"), ("propose", pp.fos_council, "PROPOSED"), ("decide", pp.board, "INSTITUTE_APPROVED"),
             ("consent", pp.senate, "SENATE_APPROVED"), ("decide", pp.trustees, "OPEN")]
    for i, (action, body, target) in enumerate(steps):
        if p.state == state:
            return p
        decision = pp.decide(body, p, D(2026, 12, 1) + dt.timedelta(days=i)) if body else None
        services.programme_step(actor=pp.fos_head if body is None else pp.admin, proposal=p, action=action, decision=decision)
        assert p.state == target
    return p


@pytest.mark.workflow("W-01")
@pytest.mark.rule("KTMU-6(5)-1")
def test_master_refused_for_staffing_minimum_then_fixed_and_opened(pp) -> None:
    # the FoS has 2 full-salaried instructors with degree and title (s1, s2) and a lecturer: the minimum is 3
    p = proposal(pp)
    with pytest.raises(TransitionRefused) as exc:
        services.programme_step(actor=pp.fos_head, proposal=p, action="prepare")
    rules = {r for e in exc.value.explanations for r in e.rule_ids}
    assert rules == {"KTMU-6(5)-1"}
    assert "3" in " ".join(exc.value.messages("en"))
    p.refresh_from_db()
    assert p.state == "NEW" and not Transition.objects.for_object(p).exists()
    # a third qualified instructor joins the FoS: exactly the minimum passes
    pp.staff("Токтогулов", Staff.Degree.DOCTOR, Staff.Title.PROFESSOR)
    _to(pp, p, "OPEN")
    prog = Programme.objects.get(code="fbe-cs-ma2")
    assert p.programme == prog and prog.field_of_science == pp.fos and prog.level == "master"
    v1 = m.CurriculumVersion.objects.get(programme=prog)
    assert v1.number == 1 and v1.valid_from == D(2026, 12, 5) and len(v1.lines) == 3
    assert Course.objects.filter(programme=prog).count() == 3
    assert AuditEvent.objects.filter(object_type="curriculum.programme", object_id=str(prog.pk)).exists()
    steps = list(Transition.objects.for_object(p).values_list("action", "target"))
    assert steps == [("prepare_master", "DRAFT"), ("propose", "PROPOSED"), ("decide", "INSTITUTE_APPROVED"), ("consent", "SENATE_APPROVED"),
                     ("decide", "OPEN")]


@pytest.mark.workflow("W-01")
@pytest.mark.rule("KTMU-6(4)-1")
def test_change_of_an_open_programme_gives_a_dated_curriculum_version(pp) -> None:
    pp.staff("Токтогулов", Staff.Degree.DOCTOR, Staff.Title.PROFESSOR)
    p = _to(pp, proposal(pp), "OPEN")
    change = services.change_create(actor=pp.fos_head, proposal=p, summary="Жаңы тандалма сабак", effective_from=D(2027, 9, 1),
                                    removed_codes="FBE-CS-MA2-503")
    services.proposal_course_add(actor=pp.fos_head, proposal=p, change=change, data=dict(
        semester=2, code="FBE-CS-MA2-510", title_ky="Терең окутуу", title_en="Deep learning", kind="elective", hours=3, credit=Decimal(3),
        ects=Decimal(6), content="…", outcomes="…"))
    with pytest.raises(ValidationError):
        services.change_create(actor=pp.fos_head, proposal=p, summary="экинчи", effective_from=D(2027, 9, 1))
    # the Senate alone cannot change it: the FoS council and the institute council come first
    senate_only = pp.decide(pp.senate, p, D(2027, 1, 20))
    with pytest.raises(TransitionRefused) as exc:
        services.programme_step(actor=pp.admin, proposal=p, action="change_curriculum", decision=senate_only)
    assert {r for e in exc.value.explanations for r in e.rule_ids} == {"KTMU-6(4)-1"}
    fos_d = pp.decide(pp.fos_council, p, D(2027, 1, 21))
    board_d = pp.decide(pp.board, p, D(2027, 1, 22))
    # the institute board's decision is the chain's middle step: recorded, fires nothing (as the governance app would call it)
    assert perform_step(obj=p, workflow_code="KTMU-W-01", action="change_curriculum", actor=pp.admin, decision=board_d) is None
    assert fos_d.pk and p.state == "OPEN"
    senate = pp.decide(pp.senate, p, D(2027, 1, 25))
    tr = perform_step(obj=p, workflow_code="KTMU-W-01", action="change_curriculum", actor=pp.admin, decision=senate)
    assert tr.source == tr.target == "OPEN"
    v2 = m.CurriculumVersion.objects.get(programme=p.programme, number=2)
    codes = {ln["code"] for ln in v2.lines}
    assert v2.valid_from == D(2027, 9, 1) and "FBE-CS-MA2-510" in codes and "FBE-CS-MA2-503" not in codes
    assert services.curriculum_in_force(p.programme, D(2027, 8, 31)).number == 1
    assert services.curriculum_in_force(p.programme, D(2027, 9, 1)).number == 2


@pytest.mark.workflow("W-01")
@pytest.mark.rule("KTMU-6(1)-2")
def test_name_must_be_the_fos_name(pp) -> None:
    pp.staff("Токтогулов", Staff.Degree.DOCTOR, Staff.Title.PROFESSOR)
    p = proposal(pp, name_ky="Маалыматтык технологиялар")
    with pytest.raises(TransitionRefused) as exc:
        services.programme_step(actor=pp.fos_head, proposal=p, action="prepare")
    assert {r for e in exc.value.explanations for r in e.rule_ids} == {"KTMU-6(1)-2"}
    services.proposal_update(actor=pp.fos_head, proposal=p, data={"name_ky": "  компьютердик   инженерия "})
    services.programme_step(actor=pp.fos_head, proposal=p, action="prepare")
    assert p.state == "DRAFT"


@pytest.mark.workflow("W-01")
@pytest.mark.rule("KTMU-6(8)-1")
def test_incomplete_package_is_refused_with_what_is_missing(pp) -> None:
    pp.staff("Токтогулов", Staff.Degree.DOCTOR, Staff.Title.PROFESSOR)
    p = proposal(pp, reasons="", instructors=[])
    with pytest.raises(TransitionRefused) as exc:
        services.programme_step(actor=pp.fos_head, proposal=p, action="prepare")
    text = " ".join(exc.value.messages("en"))
    assert "KTMU-6(8)-1" in {r for e in exc.value.explanations for r in e.rule_ids}
    assert "reasons" in text and "instructors" in text
    services.proposal_update(actor=pp.fos_head, proposal=p, data={"reasons": "Талап бар."})
    for s in (pp.s1, pp.s2):
        services.proposal_instructor_add(actor=pp.fos_head, proposal=p, staff=s, cv=ContentFile(PDF, name="cv.pdf"),
                                         publications=ContentFile(PDF, name="p.pdf"))
    services.programme_step(actor=pp.fos_head, proposal=p, action="prepare")
    assert p.state == "DRAFT"


@pytest.mark.workflow("W-01")
@pytest.mark.rule("KTMU-6(6)-1")
def test_doctoral_minimum_per_the_original_and_rejections_at_every_body(pp) -> None:
    # 5 full-salaried instructors, 1 professor + 2 associate professors; one of them without degree/title (ERRATA 1: still counts)
    pp.staff("Токтогулов", Staff.Degree.DOCTOR, Staff.Title.PROFESSOR)
    pp.staff("Жумабеков", "", "")
    refused = proposal(pp, level="doctorate", code="fbe-cs-phd2")
    pp.s_lect.full_time = False
    pp.s_lect.save()
    with pytest.raises(TransitionRefused) as exc:
        services.programme_step(actor=pp.fos_head, proposal=refused, action="prepare")
    assert {r for e in exc.value.explanations for r in e.rule_ids} == {"KTMU-6(6)-1"}
    pp.s_lect.full_time = True
    pp.s_lect.save()
    services.programme_step(actor=pp.fos_head, proposal=refused, action="prepare")
    assert Transition.objects.for_object(refused).get().action == "prepare_doctoral"
    # a negative decision at each body ends the proposal
    for state, body in (("DRAFT", pp.fos_council), ("PROPOSED", pp.board), ("INSTITUTE_APPROVED", pp.senate), ("SENATE_APPROVED", pp.trustees)):
        p = _to(pp, proposal(pp, code=f"fbe-cs-x{state.lower()}"), state)
        services.programme_step(actor=pp.admin, proposal=p, action="reject", decision=pp.decide(body, p, D(2026, 12, 20)))
        assert p.state == "REJECTED"


@pytest.mark.workflow("W-01")
def test_a_step_needs_the_decision_of_the_named_body_about_this_record(pp) -> None:
    pp.staff("Токтогулов", Staff.Degree.DOCTOR, Staff.Title.PROFESSOR)
    p = _to(pp, proposal(pp), "DRAFT")
    other = proposal(pp, code="fbe-cs-other")
    with pytest.raises(TransitionRefused):  # the institute board is not the FoS council
        services.programme_step(actor=pp.admin, proposal=p, action="propose", decision=pp.decide(pp.board, p))
    with pytest.raises(TransitionRefused):  # a FoS council decision about another proposal
        services.programme_step(actor=pp.admin, proposal=p, action="propose", decision=pp.decide(pp.fos_council, other))
    with pytest.raises(TransitionRefused):  # a draft decision
        services.programme_step(actor=pp.admin, proposal=p, action="propose", decision=pp.decide(pp.fos_council, p, adopt=False))
    with pytest.raises(TransitionRefused):  # the outsider holds no FoS-head role
        services.programme_step(actor=pp.outsider, proposal=other, action="prepare")
    assert p.state == "DRAFT"
    # the FoS council's queue holds the proposal waiting for it; the Senate's does not
    assert {x.obj.pk for x in pending_for_body(pp.fos_council) if x.workflow_code == "KTMU-W-01"} == {p.pk}
    assert not [x for x in pending_for_body(pp.senate) if x.workflow_code == "KTMU-W-01"]
    with pytest.raises(PermissionDenied):
        services.proposal_create(actor=pp.outsider, institute=pp.inst, fos=pp.fos, data={"code": "x", "name_ky": "x"})


@pytest.mark.workflow("W-01")
@pytest.mark.rule("KTMU-6(3)-1")
def test_joint_programme_staff_from_partners(pp) -> None:
    pp.staff("Токтогулов", Staff.Degree.DOCTOR, Staff.Title.PROFESSOR)
    p = proposal(pp, kind="JOINT", code="fbe-cs-joint", instructors=[pp.s1, pp.external])
    with pytest.raises(TransitionRefused) as exc:  # no partner recorded
        services.programme_step(actor=pp.fos_head, proposal=p, action="prepare")
    assert "KTMU-6(3)-1" in {r for e in exc.value.explanations for r in e.rule_ids}
    services.proposal_update(actor=pp.fos_head, proposal=p, data={}, partners=[pp.partner])
    services.programme_step(actor=pp.fos_head, proposal=p, action="prepare")
    assert Transition.objects.for_object(p).get().action == "prepare_joint"


@pytest.mark.workflow("W-01")
@pytest.mark.rule("KTMU-6(2)-2")
def test_interdisciplinary_chain_and_rejections(pp) -> None:
    idp = proposal(pp, kind="INTERDISCIPLINARY", code="fbe-idp", name_ky="Биоинформатика", instructors=[pp.s1, pp.s_lect])
    with pytest.raises(TransitionRefused):  # the FoS head is not the institute's secretariat
        services.programme_step(actor=pp.fos_head, proposal=idp, action="prepare")
    services.programme_step(actor=pp.officer, proposal=idp, action="prepare")
    assert idp.state == "IDP_DRAFT"
    with pytest.raises(TransitionRefused) as exc:  # a lecturer without degree and title cannot teach in it
        services.programme_step(actor=pp.admin, proposal=idp, action="propose", decision=pp.decide(pp.mgmt, idp, D(2026, 12, 2)))
    assert {r for e in exc.value.explanations for r in e.rule_ids} == {"KTMU-6(2)-2"}
    m.ProposalInstructor.objects.filter(proposal=idp, staff=pp.s_lect).delete()
    services.programme_step(actor=pp.admin, proposal=idp, action="propose", decision=pp.decide(pp.mgmt, idp, D(2026, 12, 3)))
    services.programme_step(actor=pp.admin, proposal=idp, action="decide", decision=pp.decide(pp.senate, idp, D(2026, 12, 4)))
    services.programme_step(actor=pp.admin, proposal=idp, action="consent", decision=pp.decide(pp.trustees, idp, D(2026, 12, 5)))
    assert idp.state == "OPEN" and Programme.objects.filter(code="fbe-idp").exists()
    for state, body, n in (("IDP_DRAFT", pp.mgmt, 1), ("IDP_PROPOSED", pp.senate, 2), ("IDP_SENATE_DECIDED", pp.trustees, 3)):
        p = proposal(pp, kind="INTERDISCIPLINARY", code=f"fbe-idp-r{n}", name_ky="Биоинформатика")
        chain = [("prepare", None), ("propose", pp.mgmt), ("decide", pp.senate)]
        for action, b in chain:
            if p.state == state:
                break
            services.programme_step(actor=pp.officer if b is None else pp.admin, proposal=p, action=action,
                                    decision=pp.decide(b, p, D(2026, 12, 1)) if b else None)
        services.programme_step(actor=pp.admin, proposal=p, action="reject", decision=pp.decide(body, p, D(2026, 12, 9)))
        assert p.state == "REJECTED"
