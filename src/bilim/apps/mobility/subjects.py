"""The mobility records as subjects of the OshSU transition tables, and the words for their states and actions.

Every table of catalogue §4 is executed by this app (``bilim workflows coverage`` reads the registrations):
a student file runs on the table its term, mode and scope choose (:func:`bilim.apps.mobility.workflows.kind_of`),
an incoming participant on §4.3 or §4.5 by kind. ``scope`` keeps a file in the queue of its own table only, and
inside the body's institution; ``perform`` fires a step that waits for a body (the rector's orders) through this
app's own services, with the adopted decision.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

STUDENT_TABLES = ("osu.student_outgoing", "osu.student_outgoing_short", "osu.student_outgoing_virtual", "osu.student_outgoing_domestic")


def _student_scope(code: str) -> Any:
    from bilim.apps.mobility.workflows import TABLE_FILTERS

    def scope(qs: QuerySet[Any], body: Any) -> QuerySet[Any]:
        qs = qs.filter(TABLE_FILTERS[code])
        return qs.filter(student__institution=body.institution) if getattr(body, "institution_id", None) else qs.none()

    return scope


def _incoming_scope(code: str) -> Any:
    from bilim.apps.mobility.workflows import TABLE_FILTERS

    def scope(qs: QuerySet[Any], body: Any) -> QuerySet[Any]:
        qs = qs.filter(TABLE_FILTERS[code])
        return qs.filter(faculty__institution=body.institution) if getattr(body, "institution_id", None) else qs.none()

    return scope


def _trip_scope(qs: QuerySet[Any], body: Any) -> QuerySet[Any]:
    return qs.filter(staff__institution=body.institution) if getattr(body, "institution_id", None) else qs.none()


def _perform_student(*, obj: Any, action: str, actor: Any, decision: Any = None, reason: str = "") -> Any:
    """A rector's-office decision on a student file: the departure order, or the return order."""
    from bilim.apps.mobility import services as svc
    from bilim.apps.mobility.workflows import code_of
    from bilim.apps.workflow.services import TransitionRefused

    if action == "issue_order":
        svc.departure_order_issue(actor=actor, mobility=obj, decision=decision)
    elif action in ("return", "end_online"):
        svc.return_order_issue(actor=actor, mobility=obj, decision=decision, returned_on=getattr(decision, "date", None))
    else:
        raise TransitionRefused(_("This step is not decided by a body."), code="invalid")
    return _step(obj, code_of(obj, "student"), action)


def _step(obj: Any, code: str, action: str) -> Any:
    """The Transition row the step wrote (a return also opens the parallel DLT track: not that one)."""
    from bilim.apps.workflow.services import history

    return history(obj).filter(workflow=code, action=action).last()


def _perform_trip(*, obj: Any, action: str, actor: Any, decision: Any = None, reason: str = "") -> Any:
    from bilim.apps.mobility import services as svc
    from bilim.apps.workflow.services import TransitionRefused

    if action != "issue_order":
        raise TransitionRefused(_("This step is not decided by a body."), code="invalid")
    svc.trip_order_issue(actor=actor, trip=obj, decision=decision)
    return _step(obj, "osu.staff_outgoing", action)


#: the office that owns the mobility files (the International Relations Department, OSU-4.8-IRD-*) steps a file back
STEP_BACK_OFFICE = ("role:ird_officer",)
#: a student file steps back from the paperwork between selection and departure and from the returned documents; never
#: out of SELECTED (the quota place it holds is the ranking's), nor out of a state a rector's order set
STUDENT_STEP_BACK_FROM = frozenset({"DOCS_COMPLETE", "NOMINATED", "REFERRED", "INVITED", "ISP_APPROVED", "LA_SIGNED", "BRIEFED",
                                    "DOCS_RETURNED"})
#: a trip steps back to its draft (the staff member corrects it) or out of reporting; the approvals of the chain are
#: decisions of their own (a rejection, a new application)
TRIP_STEP_BACK_FROM = frozenset({"SUBMITTED", "REPORTING"})


def register() -> None:
    from bilim.apps.mobility import models as m
    from bilim.apps.mobility.workflows import TABLE_FILTERS
    from bilim.apps.workflow.registry import register_subject

    def student_label(obj: Any) -> str:
        return str(obj)

    from bilim.apps.mobility.actions import student_facts, trip_facts

    for code in STUDENT_TABLES:
        register_subject(code, m.StudentMobility, scope=_student_scope(code), label=student_label,
                         url=lambda obj: reverse("mobility:application", args=[obj.pk]), perform=_perform_student,
                         view_permission="mobility.view_application", facts=student_facts,
                         step_back_roles=STEP_BACK_OFFICE, step_back_from=STUDENT_STEP_BACK_FROM, rows=TABLE_FILTERS[code])
    register_subject("osu.student_outgoing_dlt", m.StudentMobility, state_field="dlt_state",
                     scope=lambda qs, body: qs.filter(student__institution=body.institution) if getattr(body, "institution_id", None) else qs.none(),
                     url=lambda obj: reverse("mobility:application", args=[obj.pk]), view_permission="mobility.view_application")
    for code in ("osu.student_incoming", "osu.staff_incoming"):
        register_subject(code, m.IncomingMobility, scope=_incoming_scope(code),
                         url=lambda obj: reverse("mobility:incoming_detail", args=[obj.pk]), view_permission="mobility.view_incoming",
                         step_back_roles=STEP_BACK_OFFICE, rows=TABLE_FILTERS[code])
    register_subject("osu.staff_outgoing", m.StaffTrip, scope=_trip_scope, url=lambda obj: reverse("mobility:trip", args=[obj.pk]),
                     perform=_perform_trip, view_permission="mobility.view_trip", facts=trip_facts,
                     step_back_roles=STEP_BACK_OFFICE, step_back_from=TRIP_STEP_BACK_FROM)
    register_all_labels()


#: Words for the actions of the OshSU tables (the states' words are the app's ``LABELS``).
ACTIONS = {
    "apply": _("Submit the application"),
    "cancel": _("Cancel"),
    "documents_complete": _("Documents complete"),
    "open_selection": _("Open the selection"),
    "select_non_competitive": _("Select without a competition"),
    "select": _("Select"),
    "not_select": _("Not selected"),
    "nominate": _("Nominate (Appendix 1)"),
    "refer": _("Refer to the host"),
    "withdraw": _("Withdraw"),
    "invitation_received": _("Invitation letter received"),
    "host_declines": _("The host declines"),
    "isp_submitted": _("ISP approved and handed to IRD"),
    "sign_la": _("Learning agreement signed"),
    "brief_without_la": _("Briefing held (no learning agreement required)"),
    "brief": _("Briefing held"),
    "issue_order": _("Issue the order"),
    "start": _("Start"),
    "return": _("Return (return order)"),
    "end_online": _("End of the distance studies (return order)"),
    "documents_returned": _("Host documents and report submitted"),
    "recognise": _("Recognition complete"),
    "open_expulsion": _("Open the expulsion procedure"),
    "open_retake": _("Send to the paid summer retake"),
    "host_results_clear": _("No failed host credits"),
    "retakes_passed": _("Summer retake passed"),
    "academic_close": _("All disciplines passed"),
    "close": _("Close"),
    "none_to_take": _("No distance-taught disciplines"),
    "all_passed": _("All distance-taught exams passed"),
    "flag_no_window": _("Flag to the dean: no exam window"),
    "schedule": _("Set the exam dates"),
    "not_passed": _("Distance-taught exam not passed"),
    "debt_cleared": _("Debt cleared"),
    "accept": _("Accept"),
    "decline": _("Decline"),
    "visa_and_migration": _("Visa and migration"),
    "arrive": _("Arrival"),
    "start_studies": _("Start of studies"),
    "issue_results": _("Issue the results"),
    "depart": _("Departure"),
    "submit": _("Submit"),
    "route": _("Send to the head of department"),
    "approve": _("Approve"),
    "approve_project_funded": _("Approve (to the project leader)"),
    "reject": _("Reject"),
    "expenses_reported": _("Expense report accepted"),
    "no_expense_report": _("No expense report owed"),
    "report": _("Trip report"),
    "invite": _("Send the invitation letter"),
}


def register_all_labels() -> None:
    from bilim.apps.mobility.labels import LABELS
    from bilim.apps.workflow.labels import register_labels
    from bilim.regulations.workflows.core import get_workflow
    from bilim.regulations.workflows.oshsu import WORKFLOW_CODES

    for code in WORKFLOW_CODES:
        wf = get_workflow(code)
        register_labels(code, states={s: LABELS[s] for s in wf.states if s in LABELS},
                        actions={t.action: ACTIONS[t.action] for t in wf.transitions if t.action in ACTIONS})
