"""The steps a person may take on a mobility record, asked of the workflow engine (``workflow.actions``).

For each table this says which permission the app's service requires for a step (a viewer without it never sees the
step) and how the guard facts of a step are gathered before it is taken (the same facts the service's builder gives
the engine on the locked row), so a page shows a step that would be refused disabled, with the rule's explanation.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from bilim.apps.accounts.permissions import require
from bilim.apps.mobility import models as m
from bilim.apps.mobility.workflows import code_of
from bilim.apps.workflow.actions import ActionOption, Actions, allowed_actions
from bilim.apps.workflow.services import TransitionRefused

#: table action → the permission its service requires (``mobility/services.py``)
STUDENT_PERMS = {
    "apply": "mobility.apply", "cancel": "mobility.apply", "withdraw": "mobility.apply",
    "documents_complete": "mobility.manage_applications", "select_non_competitive": "mobility.run_selection",
    "nominate": "mobility.nominate", "refer": "mobility.manage_applications", "invitation_received": "mobility.manage_applications",
    "host_declines": "mobility.manage_applications", "isp_submitted": "mobility.manage_applications",
    "sign_la": "mobility.manage_applications", "brief_without_la": "mobility.manage_applications", "brief": "mobility.manage_applications",
    "issue_order": "mobility.issue_orders", "start": "mobility.manage_applications", "return": "mobility.issue_orders",
    "end_online": "mobility.issue_orders", "documents_returned": "mobility.manage_applications", "recognise": "mobility.recognise",
    "retakes_passed": "mobility.recognise", "academic_close": "mobility.recognise", "close": "mobility.manage_applications",
}
#: steps a person never clicks on the file's page: the competition's (ranking on the call page) and the recognition's
#: consequences (taken by "Recognition complete" itself)
STUDENT_HIDDEN = ("open_selection", "select", "not_select", "open_expulsion", "open_retake", "host_results_clear")

TRIP_PERMS = {
    "submit": "mobility.apply_trip", "start": "mobility.apply_trip", "return": "mobility.apply_trip", "report": "mobility.apply_trip",
    "no_expense_report": "mobility.apply_trip", "close": "mobility.apply_trip", "expenses_reported": "mobility.accept_expenses",
    "issue_order": "mobility.issue_orders", "route": "mobility.view_trip",
}
#: approvals run through the chain of OSU-4.8-STAFF-3 (``trip_decide``), answered by :func:`_trip_approvals`
TRIP_HIDDEN = ("approve", "approve_project_funded", "reject", "route")

INCOMING_PERMS = "mobility.manage_incoming"


def la_facts(mob: m.StudentMobility) -> dict[str, Any]:
    """OSU-4.8-IRD-10 (A-29): whether the call or the host requires a learning agreement, and who signed the last one."""
    la = mob.learning_agreements.order_by("-number").first()
    signed = [] if la is None else [p for p, d in (("STUDENT", la.student_signed_on), ("HOME", la.home_signed_on),
                                                      ("HOST", la.host_signed_on)) if d]
    return {"la_required_by_call": bool(mob.call and mob.call.la_required),
            "la_required_by_host": bool(mob.agreement and mob.agreement.la_required), "signed_by": signed}


def student_facts(obj: m.StudentMobility, action: str) -> dict[str, Any] | None:
    """The guard facts of a student file's step before it is taken (the services' builders give the same)."""
    from bilim.apps.mobility import services as svc
    from bilim.regulations.core.registry import evaluate

    if action == "documents_complete":
        return {"OSU-4.8-STU-3": svc.documents_facts(obj)}
    if action == "brief_without_la":
        return {"OSU-4.8-IRD-10": la_facts(obj)}
    if action == "issue_order":
        on = svc.today()
        return {"OSU-4.8-STU-5": evaluate("OSU-4.8-STU-5", svc.departure_facts(obj, on), on)}
    if action == "isp_submitted":
        current = svc.current_isp(obj)
        if current is None:
            raise TransitionRefused(_("There is no ISP yet."), code="guard")
        status = evaluate("OSU-4.8-STU-4", svc._isp_facts(current), svc.today())
        from bilim.regulations.mobility import student as stu_rules

        if not stu_rules.isp_milestone_reached(status.value):
            raise TransitionRefused(_("The ISP has not yet been agreed, approved by the dean and handed to IRD."),
                                    [status.explanation], code="guard")
        return {"OSU-4.8-STU-4": status}
    return None


def trip_facts(obj: m.StaffTrip, action: str) -> dict[str, Any] | None:
    from bilim.apps.mobility import services as svc
    from bilim.regulations.mobility import staff as staff_rules

    if action == "issue_order":
        chain = staff_rules.approval_state({"project_funded": obj.project_funded, "approvals": obj.approvals}, svc.today())
        if chain.value != "READY_FOR_ORDER":
            raise TransitionRefused(_("The approval chain is not complete."), [chain.explanation], code="guard")
        return {"OSU-4.8-STAFF-3": chain}
    return None


def student_actions(user: Any, mob: m.StudentMobility) -> Actions:
    return allowed_actions(actor=user, obj=mob, workflow_code=code_of(mob, "student"), permission=STUDENT_PERMS, hide=STUDENT_HIDDEN)


def trip_actions(user: Any, trip: m.StaffTrip) -> Actions:
    acts = allowed_actions(actor=user, obj=trip, workflow_code="osu.staff_outgoing", permission=TRIP_PERMS, hide=TRIP_HIDDEN)
    acts.options.update(_trip_approvals(user, trip))
    if trip.state == "RETURNED" and _may(user, "mobility.apply_trip", trip):
        # the system's step straight to reporting, asked for by the staff member when no expense report is owed
        # (OSU-4.8-STAFF-5); ``trip_reporting`` refuses it otherwise, with the same explanation
        from bilim.apps.mobility import services as svc
        from bilim.apps.workflow.labels import action_label

        status = svc.trip_expense_status(trip)
        label = action_label("osu.staff_outgoing", "report")
        if status is None or status.value == "NOT_REQUIRED":
            acts.options["no_expense_report"] = ActionOption("no_expense_report", "REPORTING", label, True)
        else:
            acts.options["no_expense_report"] = ActionOption(
                "no_expense_report", "REPORTING", label, False, "guard",
                (_("The advance expense report is owed to accounting first."), status.explanation.message(_lang())),
                tuple(status.explanation.all_rule_ids()))
    return acts


def incoming_actions(user: Any, inc: m.IncomingMobility) -> Actions:
    return allowed_actions(actor=user, obj=inc, workflow_code=code_of(inc, "incoming"), permission=INCOMING_PERMS)


def _may(user: Any, perm: str, obj: Any) -> bool:
    from django.core.exceptions import PermissionDenied

    try:
        require(user, perm, obj)
    except PermissionDenied:
        return False
    return True


def trip_approver_roles(user: Any, trip: m.StaffTrip) -> list[str]:
    """The steps of the chain (HOD, DEAN, PJL, VR_SCI) this user may decide on this trip."""
    from bilim.apps.mobility.services import TRIP_ROLE_ACTION

    out = []
    for role, perm in TRIP_ROLE_ACTION.items():
        if role == "PJL" and (trip.project_leader_id != getattr(user, "pk", None) and not getattr(user, "is_superuser", False)):
            continue
        if _may(user, perm, trip):
            out.append(role)
    return out


def _trip_approvals(user: Any, trip: m.StaffTrip) -> dict[str, ActionOption]:
    """Approve / reject for the approver whose turn it is (OSU-4.8-STAFF-3); an approver out of turn sees both disabled
    with the approval-order rule's explanation; anybody else sees nothing."""
    from bilim.apps.mobility import services as svc
    from bilim.apps.workflow.labels import action_label
    from bilim.regulations.mobility import staff as staff_rules

    if not (trip.state == "SUBMITTED" or trip.state.startswith("APPROVAL_")):
        return {}
    roles = trip_approver_roles(user, trip)
    if not roles:
        return {}
    current = staff_rules.approval_state({"project_funded": trip.project_funded, "approvals": trip.approvals}, svc.today())
    pending = str(current.value)[len("APPROVAL_"):] if str(current.value).startswith("APPROVAL_") else ""
    code = "osu.staff_outgoing"
    out = {}
    for action in ("approve", "reject"):
        if pending and pending in roles:
            out[action] = ActionOption(action, "", action_label(code, action), True)
        else:
            reason = _("Not yet: the approvals follow the order of the regulation.") + " " + current.explanation.message(_lang())
            out[action] = ActionOption(action, "", action_label(code, action), False, "order", (reason,),
                                       tuple(current.explanation.all_rule_ids()) or ("OSU-4.8-STAFF-3",))
    return out


def _lang() -> str:
    from django.utils.translation import get_language

    code = (get_language() or "ky")[:2]
    return code if code in {"ky", "ru", "en", "tr"} else "ky"
