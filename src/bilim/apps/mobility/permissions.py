"""Who may do what in mobility (registered into the one permission layer)."""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from bilim.apps.accounts.models import Role
from bilim.apps.accounts.permissions import institution_scope, register, unit_scope

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
register("mobility.view_incoming", [R.IRD_OFFICER, R.DEAN_OFFICE, R.DEPUTY_DEAN_IR])
register("mobility.view_statistics", [R.IRD_OFFICER, R.RECTOR_OFFICE, R.DEAN_OFFICE, R.DEPUTY_DEAN_IR])
register("mobility.export_statistics", [R.IRD_OFFICER, R.RECTOR_OFFICE])
