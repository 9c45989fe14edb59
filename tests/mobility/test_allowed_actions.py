"""Only what one may do, and a way out (issue 11) — every refusal names its rule (issue 17).

The steps a page offers are asked of the engine (``workflow.actions.allowed_actions``): the same guard rules and
authority as ``transition_apply``, judged on the current row; an office's step is never shown to a student; a step not
possible yet is shown disabled with the rule's explanation; a step that would leave the file stuck ("briefing held"
without a required learning agreement) is not offered; the owning office steps a file back with a reason (audited);
refused actions render the translated page in the layout with their rules.
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, RequestFactory
from django.utils import translation

from bilim.apps.audit.models import AuditEvent
from bilim.apps.mobility import services as svc
from bilim.apps.mobility.actions import student_actions, trip_actions
from bilim.apps.workflow.actions import transition_step_back
from bilim.apps.workflow.services import TransitionRefused

TODAY = dt.date(2026, 11, 21)


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    monkeypatch.setattr(svc, "today", lambda: TODAY)


def pdf(name: str = "x.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"%PDF-1.4 test", content_type="application/pdf")


def client_for(user, lang: str = "en") -> Client:
    c = Client()
    c.force_login(user)
    c.cookies["django_language"] = lang
    return c


def invited_file(w, *, la_required: bool):
    """A long-term file on the call, brought to ISP_APPROVED (the ISP agreed, approved and handed to IRD)."""
    w.call.la_required = la_required
    w.call.save()
    mob = svc.application_create(actor=w.users["student"], student=w.student, host=w.partner, purpose="Study", language="Turkish",
                                 specialty="Mathematics", expected_funding="Mevlana", start_date=dt.date(2027, 2, 1),
                                 end_date=dt.date(2027, 6, 30), call=w.call, intended_disciplines="Lineer Cebir")
    svc.application_submit(actor=w.users["student"], mobility=mob)
    for kind in ["PARENTAL_CONSENT", "HOME_TRANSCRIPT", "QUESTIONNAIRE", "MOTIVATION_LETTER", "CITIZENSHIP_DOC_COPY"]:
        svc.document_upload(actor=w.users["student"], mobility=mob, kind=kind, file=pdf())
    isp = svc.isp_create_version(actor=w.users["dean_office"], mobility=mob, items=[
        {"kind": "HOST", "host_code": "MAT201", "title": "Lineer Cebir", "credits": Decimal("30"), "home_course": w.course}])
    svc.documents_complete(actor=w.users["ird_officer"], mobility=mob)
    svc.selection_score(actor=w.users["ird_officer"], mobility=mob, scores={"LANGUAGE": Decimal("80")}, gpa=Decimal("3.40"))
    svc.call_rank(actor=w.users["ird_officer"], call=w.call)
    mob.refresh_from_db()
    svc.nominate(actor=w.users["dean_office"], mobility=mob)
    svc.refer(actor=w.users["ird_officer"], mobility=mob)
    svc.invite(actor=w.users["ird_officer"], mobility=mob, invitation=pdf("invitation.pdf"))
    for user, step in (("programme_leader", "pl"), ("deputy_dean_academic", "vdaa"), ("dean_office", "dean"), ("ird_officer", "ird")):
        svc.isp_sign(actor=w.users[user], isp=isp, step=step, on=TODAY)
    svc.isp_approved(actor=w.users["ird_officer"], mobility=mob)
    mob.refresh_from_db()
    assert mob.state == "ISP_APPROVED"
    return mob


@pytest.mark.rule("OSU-4.8-IRD-10")
@pytest.mark.workflow("osu.student_outgoing")
def test_briefing_without_a_required_la_is_not_offered_and_the_service_refuses_it_alike(world):
    w = world
    mob = invited_file(w, la_required=True)
    vdir = student_actions(w.users["deputy_dean_ir"], mob)
    brief = vdir["brief_without_la"]
    assert not brief.allowed and brief.code == "guard" and "OSU-4.8-IRD-10" in brief.rule_ids and brief.reason
    with pytest.raises(TransitionRefused) as refused:  # the same answer from the service: no dead end is written
        svc.brief(actor=w.users["deputy_dean_ir"], mobility=mob)
    assert "OSU-4.8-IRD-10" in refused.value.rule_ids
    mob.refresh_from_db()
    assert mob.state == "ISP_APPROVED"
    # the way forward is open: the LA is signed, then the briefing is offered and taken, then the order
    assert student_actions(w.users["ird_officer"], mob)["sign_la"].allowed
    svc.la_sign(actor=w.users["ird_officer"], mobility=mob, student_on=TODAY, home_on=TODAY, host_on=TODAY)
    mob.refresh_from_db()
    assert mob.state == "LA_SIGNED" and student_actions(w.users["deputy_dean_ir"], mob)["brief"].allowed
    svc.brief(actor=w.users["deputy_dean_ir"], mobility=mob)
    mob.refresh_from_db()
    order = student_actions(w.users["rector_office"], mob)["issue_order"]
    assert mob.state == "BRIEFED" and order.allowed, order.reasons


@pytest.mark.rule("OSU-4.8-IRD-10")
@pytest.mark.workflow("osu.student_outgoing")
def test_briefing_without_la_when_none_is_required(world):
    w = world
    mob = invited_file(w, la_required=False)
    assert student_actions(w.users["deputy_dean_ir"], mob)["brief_without_la"].allowed
    svc.brief(actor=w.users["deputy_dean_ir"], mobility=mob)
    mob.refresh_from_db()
    assert mob.state == "BRIEFED"


@pytest.mark.workflow("osu.student_outgoing")
def test_a_student_never_sees_an_office_step_and_offices_see_only_theirs(world):
    w = world
    mob = invited_file(w, la_required=True)
    student = student_actions(w.users["student"], mob)
    assert set(student) == {"withdraw"} and student["withdraw"].allowed and student.step_back is None
    assert "sign_la" not in student_actions(w.users["accounting"], mob)
    assert set(student_actions(w.users["outsider"], mob)) == set()
    ird = student_actions(w.users["ird_officer"], mob)
    assert ird["sign_la"].allowed and "brief_without_la" not in ird  # the deputy dean's step, not IRD's
    assert ird.step_back is not None and ird.step_back.allowed and ird.step_back.target == "INVITED"


@pytest.mark.workflow("osu.student_outgoing")
def test_the_page_shows_enabled_disabled_and_hides_by_role(world):
    w = world
    mob = invited_file(w, la_required=True)
    url = f"/mobility/applications/{mob.pk}/"
    student_page = client_for(w.users["student"]).get(url).content.decode()
    assert 'data-testid="la-sign"' not in student_page and "step-disabled-brief_without_la" not in student_page
    assert 'data-testid="step-back"' not in student_page
    vdir_page = client_for(w.users["deputy_dean_ir"], "ky").get(url).content.decode()
    assert 'data-testid="step-disabled-brief_without_la"' in vdir_page and "OSU-4.8-IRD-10" in vdir_page
    assert 'data-testid="brief"' not in vdir_page  # no form for a step the rule forbids
    ird_page = client_for(w.users["ird_officer"]).get(url).content.decode()
    assert 'data-testid="la-sign"' in ird_page and 'data-testid="step-back"' in ird_page


@pytest.mark.workflow("osu.student_outgoing")
def test_the_office_steps_a_file_back_with_a_reason_audited(world):
    w = world
    mob = invited_file(w, la_required=True)
    with pytest.raises(ValidationError):
        transition_step_back(actor=w.users["ird_officer"], obj=mob, workflow_code="osu.student_outgoing", reason=" ")
    with pytest.raises(TransitionRefused) as not_yours:
        transition_step_back(actor=w.users["student"], obj=mob, workflow_code="osu.student_outgoing", reason="undo")
    assert not_yours.value.code == "authority"
    version = mob.version
    tr = transition_step_back(actor=w.users["ird_officer"], obj=mob, workflow_code="osu.student_outgoing",
                              reason="The ISP was handed over by mistake")
    mob.refresh_from_db()
    assert (tr.source, tr.action, tr.target, tr.actor, tr.reason) == (
        "ISP_APPROVED", "step_back", "INVITED", w.users["ird_officer"], "The ISP was handed over by mistake")
    assert mob.state == "INVITED" and mob.version == version + 1
    event = AuditEvent.objects.filter(object_id=str(mob.pk), action=AuditEvent.Action.TRANSITION).order_by("-pk").first()
    assert event.reason == "The ISP was handed over by mistake" and event.before["state"] == "ISP_APPROVED" and event.after["state"] == "INVITED"
    # one step back at a time, and the file goes forward again through the table
    with pytest.raises(TransitionRefused):
        transition_step_back(actor=w.users["ird_officer"], obj=mob, workflow_code="osu.student_outgoing", reason="again")
    svc.isp_approved(actor=w.users["ird_officer"], mobility=mob)
    mob.refresh_from_db()
    assert mob.state == "ISP_APPROVED"


@pytest.mark.workflow("osu.student_outgoing")
def test_a_step_set_by_an_order_is_not_stepped_back(world):
    w = world
    mob = invited_file(w, la_required=False)
    svc.brief(actor=w.users["deputy_dean_ir"], mobility=mob)
    svc.departure_order_issue(actor=w.users["rector_office"], mobility=mob, number="12-МБ", date=TODAY)
    mob.refresh_from_db()
    assert student_actions(w.users["ird_officer"], mob).step_back is None  # ORDER_ISSUED is not a state to step back from
    with pytest.raises(TransitionRefused):
        transition_step_back(actor=w.users["ird_officer"], obj=mob, workflow_code="osu.student_outgoing", reason="x")


@pytest.mark.rule_table("OSU-1.4-2")  # the table cites it for the step that must come first; no rule is evaluated
@pytest.mark.workflow("osu.student_outgoing")
def test_acting_before_the_order_exists_names_the_orders_rule(world):
    w = world
    mob = invited_file(w, la_required=False)
    svc.brief(actor=w.users["deputy_dean_ir"], mobility=mob)
    with pytest.raises(TransitionRefused) as early:
        svc.depart(actor=w.users["ird_officer"], mobility=mob)
    assert early.value.code == "invalid" and "OSU-1.4-2" in early.value.rule_ids


@pytest.mark.rule("OSU-4.8-STAFF-3")
@pytest.mark.workflow("osu.staff_outgoing")
def test_an_approver_out_of_turn_sees_the_order_rule_not_a_bare_403(world):
    w = world
    t = svc.trip_create(actor=w.users["staff"], staff=w.staff, host=w.partner, purpose="Conference", start_date=dt.date(2026, 12, 1),
                        end_date=dt.date(2026, 12, 5), funding_sources=["UNIVERSITY"], substitution_info="Classes covered",
                        invitation=pdf("inv.pdf"))
    svc.trip_submit(actor=w.users["staff"], trip=t)
    dean = trip_actions(w.users["dean_office"], t)
    assert not dean["approve"].allowed and dean["approve"].code == "order" and "OSU-4.8-STAFF-3" in dean["approve"].rule_ids
    assert trip_actions(w.users["head_of_department"], t)["approve"].allowed
    assert "approve" not in trip_actions(w.users["staff"], t) and "approve" not in trip_actions(w.users["accounting"], t)
    page = client_for(w.users["dean_office"], "ky").get(f"/mobility/trips/{t.pk}/").content.decode()
    assert 'data-testid="step-disabled-approve"' in page and "OSU-4.8-STAFF-3" in page and 'data-testid="approve"' not in page
    # the click (a form left open) is refused with the rule, on the record's page, nothing written
    resp = client_for(w.users["dean_office"], "ky").post(f"/mobility/trips/{t.pk}/act/", {"action": "approve"}, follow=True)
    assert resp.status_code == 200 and "OSU-4.8-STAFF-3" in resp.content.decode()
    t.refresh_from_db()
    assert t.approvals == [] or all(a["role"] != "DEAN" for a in t.approvals)
    with pytest.raises(PermissionDenied):  # somebody outside the chain still gets the permission layer's refusal
        svc.trip_decide(actor=w.users["accounting"], trip=t, decision="APPROVED")


@pytest.mark.rule("OSU-4.8-IRD-10")
def test_a_refused_step_renders_the_translated_409_page_in_the_layout_with_its_rules(world):
    w = world
    from bilim.apps.core.middleware import BadInputMiddleware
    from bilim.regulations.core.registry import evaluate

    outcome = evaluate("OSU-4.8-IRD-10", {"la_required_by_call": True, "signed_by": []}, TODAY)
    exc = TransitionRefused("x", [outcome.explanation], code="guard")
    mw = BadInputMiddleware(lambda r: None)
    request = RequestFactory().post("/mobility/applications/7/act/")
    request.user = w.users["deputy_dean_ir"]
    with translation.override("ky"):
        resp = mw.process_exception(request, TransitionRefused(translation.gettext("The step was refused."), exc.explanations, code="guard"))
        body = resp.content.decode()
        assert resp.status_code == 409
        assert "OSU-4.8-IRD-10" in body and "<footer" in body and 'data-testid="error-back"' in body
        assert translation.gettext("The step was not taken") in body and translation.gettext("The step was not taken") != "The step was not taken"
        assert outcome.explanation.message("ky") in body
    api = mw.process_exception(RequestFactory().post("/api/v1/x/"), exc)
    data = json.loads(api.content)
    assert api.status_code == 409 and data["rule_ids"] == ["OSU-4.8-IRD-10"] and data["explanation"] and data["detail"]


@pytest.mark.workflow("osu.student_outgoing")
def test_a_403_names_who_may_act_in_the_readers_language_with_a_way_back(world):
    w = world
    mob = invited_file(w, la_required=False)
    svc.brief(actor=w.users["deputy_dean_ir"], mobility=mob)
    url = f"/mobility/applications/{mob.pk}/"
    resp = client_for(w.users["ird_officer"], "ky").post(url + "act/", {"action": "order", "number": "1"}, HTTP_REFERER="http://testserver" + url)
    body = resp.content.decode()
    assert resp.status_code == 403 and "<footer" in body
    with translation.override("ky"):
        rector = translation.gettext("Rector's office")
        assert rector != "Rector's office" and rector in body
    assert f'href="http://testserver{url}"' in body
    mob.refresh_from_db()
    assert mob.state == "BRIEFED"


@pytest.mark.rule("OSU-4.8-STAFF-2")
def test_the_form_lets_the_rule_demand_the_invitation_and_cite_itself(world):
    w = world
    from bilim.apps.mobility.forms import TripForm

    data = {"host": w.partner.pk, "purpose": "Conference", "start_date": "2026-12-01", "end_date": "2026-12-05", "funding": ["HOST"],
            "substitution_info": "Classes covered"}
    form = TripForm(data, institution=w.oshsu)
    assert form.is_valid(), form.errors  # no form-level "required" before the rule can speak
    t = svc.trip_create(actor=w.users["staff"], staff=w.staff, host=w.partner, purpose="Conference", start_date=dt.date(2026, 12, 1),
                        end_date=dt.date(2026, 12, 5), funding_sources=["HOST"], substitution_info="Classes covered")
    resp = client_for(w.users["staff"], "ky").post(f"/mobility/trips/{t.pk}/act/", {"action": "submit"}, follow=True)
    assert "OSU-4.8-STAFF-2" in resp.content.decode()
    t.refresh_from_db()
    assert t.state == "DRAFT"


@pytest.mark.rule("OSU-1.3.1-1")
def test_a_rules_fail_shown_beside_a_field_keeps_its_rule_id(world):
    w = world
    with pytest.raises(ValidationError) as bad:  # mobility is to another institution: the home university is refused by the rule
        svc.application_create(actor=w.users["student"], student=w.student, host=w.oshsu, purpose="Study", language="Turkish",
                               specialty="Mathematics", expected_funding="Mevlana", start_date=dt.date(2027, 2, 1),
                               end_date=dt.date(2027, 6, 30), call=None, intended_disciplines="")
    messages = bad.value.message_dict.get("host", [])
    assert messages and any("OSU-1.3.1-1" in msg for msg in messages), bad.value.message_dict


@pytest.mark.rule("OSU-4.8-STU-15")
def test_an_api_refusal_carries_the_rule_ids_and_explanation(world):
    w = world
    w.student.funding, w.student.tuition_debt = "contract", Decimal("1500")
    w.student.save()
    mob = svc.application_create(actor=w.users["student"], student=w.student, host=w.partner, purpose="Study", language="Turkish",
                                 specialty="Mathematics", expected_funding="Mevlana", start_date=dt.date(2027, 2, 1),
                                 end_date=dt.date(2027, 6, 30), call=w.call, intended_disciplines="A")
    r = client_for(w.users["student"]).post(f"/api/v1/mobility/applications/{mob.pk}/submit",
                                            data=json.dumps({"version": mob.version, "lang": "ky"}), content_type="application/json")
    body = json.loads(r.content)
    assert r.status_code == 409 and "OSU-4.8-STU-15" in body["rule_ids"] and body["explanation"] and body["detail"]
    mob.refresh_from_db()
    assert mob.state == "DRAFT"
