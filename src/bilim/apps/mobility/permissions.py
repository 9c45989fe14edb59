"""Who may do what in mobility (registered into the one permission layer)."""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from bilim.apps.accounts.models import Role
from bilim.apps.accounts.permissions import register, unit_scope

R = Role


def _own_student(_a: Any, user: Any) -> Q:
    return Q(student__person__user=user)


def _own_trip(_a: Any, user: Any) -> Q:
    return Q(staff__person__user=user) | Q(project_leader=user)


FACULTY = (R.DEAN_OFFICE, R.DEPUTY_DEAN_IR, R.DEPUTY_DEAN_ACADEMIC, R.PROGRAMME_LEADER, R.HEAD_OF_DEPARTMENT)
student_scope = {r: unit_scope("student__unit") for r in FACULTY}
trip_scope = {r: unit_scope("staff__unit") for r in FACULTY}

register("mobility.view_partners", [], public=True)
register("mobility.view_calls", [], public=True)
register("mobility.manage_calls", [R.IRD_OFFICER, R.DEPUTY_DEAN_IR])
register("mobility.apply", [R.STUDENT, R.IRD_OFFICER, R.DEPUTY_DEAN_IR], own=_own_student)
register("mobility.view_application", [*FACULTY, R.IRD_OFFICER, R.RECTOR_OFFICE], scope=student_scope, own=_own_student)
register("mobility.manage_applications", [R.IRD_OFFICER, R.DEPUTY_DEAN_IR, R.DEAN_OFFICE],
         scope={R.DEPUTY_DEAN_IR: unit_scope("student__unit"), R.DEAN_OFFICE: unit_scope("student__unit")})
register("mobility.run_selection", [R.IRD_OFFICER, R.DEPUTY_DEAN_IR, R.DEAN_OFFICE])
register("mobility.nominate", [R.DEAN_OFFICE, R.DEPUTY_DEAN_IR], scope={R.DEAN_OFFICE: unit_scope("student__unit"), R.DEPUTY_DEAN_IR: unit_scope("student__unit")})
register("mobility.edit_isp", [R.DEAN_OFFICE, R.DEPUTY_DEAN_IR, R.HEAD_OF_DEPARTMENT, R.STUDENT, R.IRD_OFFICER], own=_own_student)
register("mobility.agree_isp_pl", [R.PROGRAMME_LEADER])
register("mobility.agree_isp_vdaa", [R.DEPUTY_DEAN_ACADEMIC])
register("mobility.approve_isp_dean", [R.DEAN_OFFICE])
register("mobility.issue_orders", [R.RECTOR_OFFICE])
register("mobility.recognise", [R.DEAN_OFFICE, R.DEPUTY_DEAN_IR], scope={R.DEAN_OFFICE: unit_scope("student__unit"), R.DEPUTY_DEAN_IR: unit_scope("student__unit")})
register("mobility.apply_trip", [R.STAFF, R.IRD_OFFICER], own=_own_trip)
register("mobility.view_trip", [*FACULTY, R.IRD_OFFICER, R.RECTOR_OFFICE, R.VICE_RECTOR_RESEARCH, R.ACCOUNTING], scope=trip_scope, own=_own_trip)
register("mobility.approve_trip_hod", [R.HEAD_OF_DEPARTMENT])
register("mobility.approve_trip_dean", [R.DEAN_OFFICE])
register("mobility.approve_trip_pjl", [R.STAFF], own=_own_trip)
register("mobility.approve_trip_vr", [R.VICE_RECTOR_RESEARCH])
register("mobility.accept_expenses", [R.ACCOUNTING])
register("mobility.manage_incoming", [R.IRD_OFFICER, R.DEAN_OFFICE, R.DEPUTY_DEAN_IR])
# OSU-4.1-1: the rector's office reads every mobility record
register("mobility.view_incoming", [R.IRD_OFFICER, R.DEAN_OFFICE, R.DEPUTY_DEAN_IR, R.RECTOR_OFFICE])
register("mobility.view_statistics", [R.IRD_OFFICER, R.RECTOR_OFFICE, R.DEAN_OFFICE, R.DEPUTY_DEAN_IR])
register("mobility.export_statistics", [R.IRD_OFFICER, R.RECTOR_OFFICE])


# --- office support (OSU-4.8-IRD-1/2/3, VDIR-3/6/11/12, STU-6/7, 5.4-2, 2.2-3, 3.5-1, 1.1-3) -------------------------


def _assignee(_a: Any, user: Any) -> Q:
    return Q(assignee=user)


def _author(_a: Any, user: Any) -> Q:
    return Q(author=user)


def _own_letter(_a: Any, user: Any) -> Q:
    return Q(mobility__student__person__user=user)


def _task_unit(assignment: Any, user: Any) -> Q:
    """A unit's tasks for roles held in a unit; without a unit, only the tasks assigned to the user."""
    if assignment.unit_id is not None:
        return unit_scope("unit")(assignment, user)
    return Q(assignee=user)


UNIT_ROLES = (*FACULTY, R.ACCOUNTING, R.VICE_RECTOR_RESEARCH)
register("mobility.manage_tasks", [R.IRD_OFFICER])
register("mobility.view_tasks", [*UNIT_ROLES, R.IRD_OFFICER, R.RECTOR_OFFICE], scope={r: _task_unit for r in UNIT_ROLES}, own=_assignee)
register("mobility.update_task", [*UNIT_ROLES, R.IRD_OFFICER], scope={r: _task_unit for r in UNIT_ROLES}, own=_assignee)
register("mobility.ask_consultation", [R.STUDENT, R.STAFF, *FACULTY])
register("mobility.view_consultations", [R.IRD_OFFICER, R.RECTOR_OFFICE], own=_author)
register("mobility.answer_consultation", [R.IRD_OFFICER])
register("mobility.manage_correspondence", [R.IRD_OFFICER])
register("mobility.view_correspondence", [R.IRD_OFFICER, R.RECTOR_OFFICE, R.DEPUTY_DEAN_IR])
register("mobility.student_correspondence", [R.IRD_OFFICER, R.DEPUTY_DEAN_IR, R.HEAD_OF_DEPARTMENT],
         scope={R.DEPUTY_DEAN_IR: unit_scope("student__unit"), R.HEAD_OF_DEPARTMENT: unit_scope("student__unit")})
register("mobility.record_la_change", [R.IRD_OFFICER, R.DEPUTY_DEAN_IR, R.DEAN_OFFICE], scope=student_scope, own=_own_student)
register("mobility.review_la_change", [R.DEPUTY_DEAN_IR], scope={R.DEPUTY_DEAN_IR: unit_scope("student__unit")})
register("mobility.confirm_arrival", [R.IRD_OFFICER, R.DEPUTY_DEAN_IR], scope={R.DEPUTY_DEAN_IR: unit_scope("student__unit")}, own=_own_student)
register("mobility.record_finance", [R.IRD_OFFICER, R.ACCOUNTING, R.DEAN_OFFICE], scope={R.DEAN_OFFICE: unit_scope("student__unit")})
register("mobility.mail_partner_list", [R.IRD_OFFICER])
# programmes and events: readable by every member of the university (students included), not by outsiders
register("mobility.view_programmes", [r for r in R.values if r != R.AUDITOR])
PROGRAMME_EDITORS = (R.DEAN_OFFICE, R.PROGRAMME_LEADER, R.DEPUTY_DEAN_IR)
register("mobility.manage_programmes", [*PROGRAMME_EDITORS, R.IRD_OFFICER], scope={r: unit_scope("faculty") for r in PROGRAMME_EDITORS})
