"""Who may do what in mobility (registered into the one permission layer).

Scopes fail closed: every role an action lists reaches rows only through the scope registered for it
here. Faculty officers reach their faculty (``unit_scope``), IRD, the rector's office, the vice-rector
for research and accounting their institution (``institution_scope``); a role with no scope reaches
only its own rows (``own``), if any. Actions checked only with ``can()`` (no rows) need no scope.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from django.db.models import Q

from bilim.apps.accounts.models import Role
from bilim.apps.accounts.permissions import (
    NOTHING,
    PerModel,
    ScopeFn,
    assignment_institution_id,
    institution_scope,
    unit_scope,
)
from bilim.apps.accounts.permissions import register as _register
from bilim.apps.org.models import RegulationSet

R = Role
# every action here belongs to the OshSU academic mobility regulation: roles held in an institution that does not run it do not count
register = partial(_register, regulation_set=RegulationSet.OSHSU_MOBILITY)


def _own_student(_a: Any, user: Any) -> Q:
    return Q(student__person__user=user)


def _own_trip(_a: Any, user: Any) -> Q:
    return Q(staff__person__user=user) | Q(project_leader=user)


def _call_scope(unit_path: str, *, institution_wide: bool = False) -> ScopeFn:
    """Calls of the assignment's faculty (``unit_path`` leads to the call's faculty), or of its whole institution for
    an institution-wide role; a university-wide call (no faculty) belongs to the institution that runs the mobility
    regulation, so only institution-wide assignments there reach it."""

    def build(a: Any, user: Any) -> Q:
        inst = assignment_institution_id(a)
        if inst is None:
            return NOTHING
        wide = institution_wide or a.unit_id is None
        mine = Q(**{f"{unit_path}__institution_id": inst}) if wide else unit_scope(unit_path)(a, user)
        if wide and a.institution_id == inst and a.institution.regulation_set == RegulationSet.OSHSU_MOBILITY:
            mine |= Q(**{f"{unit_path}__isnull": True})
        return mine

    return build


def _consultation_scope(a: Any, user: Any) -> Q:
    """Consultations whose author holds a role in the assignment's institution."""
    from bilim.apps.accounts.models import RoleAssignment

    inst = assignment_institution_id(a)
    if inst is None:
        return NOTHING
    return Q(author__in=RoleAssignment.objects.filter(institution_id=inst).values("user"))


FACULTY = (R.DEAN_OFFICE, R.DEPUTY_DEAN_IR, R.DEPUTY_DEAN_ACADEMIC, R.PROGRAMME_LEADER, R.HEAD_OF_DEPARTMENT)
INSTITUTION_WIDE = (R.IRD_OFFICER, R.RECTOR_OFFICE, R.VICE_RECTOR_RESEARCH, R.ACCOUNTING)
STUDENT_UNIT = unit_scope("student__unit")
STUDENT_INSTITUTION = institution_scope("student__institution")
STAFF_UNIT = unit_scope("staff__unit")
STAFF_INSTITUTION = institution_scope("staff__institution")
student_scope = {r: STUDENT_UNIT for r in FACULTY}
trip_scope = {r: STAFF_UNIT for r in FACULTY}
student_wide = {r: STUDENT_INSTITUTION for r in INSTITUTION_WIDE}
trip_wide = {r: STAFF_INSTITUTION for r in INSTITUTION_WIDE}
# a selection runs on a whole call or on one file
_selection = {R.IRD_OFFICER: PerModel({"mobility.studentmobility": STUDENT_INSTITUTION, "mobility.call": _call_scope("faculty", institution_wide=True)}),
              R.DEPUTY_DEAN_IR: PerModel({"mobility.studentmobility": STUDENT_UNIT, "mobility.call": _call_scope("faculty")}),
              R.DEAN_OFFICE: PerModel({"mobility.studentmobility": STUDENT_UNIT, "mobility.call": _call_scope("faculty")})}
# the rector's office issues orders for student files and staff trips of its institution
_orders = {R.RECTOR_OFFICE: PerModel({"mobility.studentmobility": STUDENT_INSTITUTION, "mobility.stafftrip": STAFF_INSTITUTION})}
_incoming = {R.IRD_OFFICER: institution_scope("faculty__institution"), R.RECTOR_OFFICE: institution_scope("faculty__institution"),
             R.DEAN_OFFICE: unit_scope("faculty"), R.DEPUTY_DEAN_IR: unit_scope("faculty")}

register("mobility.view_partners", [], public=True)
register("mobility.view_calls", [], public=True)
register("mobility.manage_calls", [R.IRD_OFFICER, R.DEPUTY_DEAN_IR], scope={R.IRD_OFFICER: _call_scope("faculty", institution_wide=True), R.DEPUTY_DEAN_IR: _call_scope("faculty")})
register("mobility.apply", [R.STUDENT, R.IRD_OFFICER, R.DEPUTY_DEAN_IR], scope={R.IRD_OFFICER: STUDENT_INSTITUTION, R.DEPUTY_DEAN_IR: STUDENT_UNIT},
         own=_own_student)
register("mobility.view_application", [*FACULTY, R.IRD_OFFICER, R.RECTOR_OFFICE], scope={**student_scope, **student_wide}, own=_own_student)
register("mobility.manage_applications", [R.IRD_OFFICER, R.DEPUTY_DEAN_IR, R.DEAN_OFFICE],
         scope={R.IRD_OFFICER: STUDENT_INSTITUTION, R.DEPUTY_DEAN_IR: STUDENT_UNIT, R.DEAN_OFFICE: STUDENT_UNIT})
register("mobility.run_selection", [R.IRD_OFFICER, R.DEPUTY_DEAN_IR, R.DEAN_OFFICE], scope=_selection)
register("mobility.nominate", [R.DEAN_OFFICE, R.DEPUTY_DEAN_IR], scope={R.DEAN_OFFICE: unit_scope("student__unit"), R.DEPUTY_DEAN_IR: unit_scope("student__unit")})
register("mobility.edit_isp", [R.DEAN_OFFICE, R.DEPUTY_DEAN_IR, R.HEAD_OF_DEPARTMENT, R.STUDENT, R.IRD_OFFICER],
         scope={R.DEAN_OFFICE: STUDENT_UNIT, R.DEPUTY_DEAN_IR: STUDENT_UNIT, R.HEAD_OF_DEPARTMENT: STUDENT_UNIT, R.IRD_OFFICER: STUDENT_INSTITUTION},
         own=_own_student)
register("mobility.agree_isp_pl", [R.PROGRAMME_LEADER], scope={R.PROGRAMME_LEADER: STUDENT_UNIT})
register("mobility.agree_isp_vdaa", [R.DEPUTY_DEAN_ACADEMIC], scope={R.DEPUTY_DEAN_ACADEMIC: STUDENT_UNIT})
register("mobility.approve_isp_dean", [R.DEAN_OFFICE], scope={R.DEAN_OFFICE: STUDENT_UNIT})
register("mobility.issue_orders", [R.RECTOR_OFFICE], scope=_orders)
register("mobility.recognise", [R.DEAN_OFFICE, R.DEPUTY_DEAN_IR], scope={R.DEAN_OFFICE: unit_scope("student__unit"), R.DEPUTY_DEAN_IR: unit_scope("student__unit")})
register("mobility.apply_trip", [R.STAFF, R.IRD_OFFICER], scope={R.IRD_OFFICER: STAFF_INSTITUTION}, own=_own_trip)
register("mobility.view_trip", [*FACULTY, *INSTITUTION_WIDE], scope={**trip_scope, **trip_wide}, own=_own_trip)
register("mobility.approve_trip_hod", [R.HEAD_OF_DEPARTMENT], scope={R.HEAD_OF_DEPARTMENT: STAFF_UNIT})
register("mobility.approve_trip_dean", [R.DEAN_OFFICE], scope={R.DEAN_OFFICE: STAFF_UNIT})
register("mobility.approve_trip_pjl", [R.STAFF], own=_own_trip)
register("mobility.approve_trip_vr", [R.VICE_RECTOR_RESEARCH], scope={R.VICE_RECTOR_RESEARCH: STAFF_INSTITUTION})
register("mobility.accept_expenses", [R.ACCOUNTING], scope={R.ACCOUNTING: STAFF_INSTITUTION})
register("mobility.manage_incoming", [R.IRD_OFFICER, R.DEAN_OFFICE, R.DEPUTY_DEAN_IR],
         scope={r: _incoming[r] for r in (R.IRD_OFFICER, R.DEAN_OFFICE, R.DEPUTY_DEAN_IR)})
# OSU-4.1-1: the rector's office reads every mobility record of its institution
register("mobility.view_incoming", [R.IRD_OFFICER, R.DEAN_OFFICE, R.DEPUTY_DEAN_IR, R.RECTOR_OFFICE], scope=_incoming)
# the overdue-documents page lists what view_application / view_trip let the user read; reading it is a read
register("mobility.view_overdue", [R.IRD_OFFICER, R.DEPUTY_DEAN_IR, R.DEAN_OFFICE, R.ACCOUNTING])
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
_task_wide = institution_scope("unit__institution")
register("mobility.view_tasks", [*UNIT_ROLES, R.IRD_OFFICER, R.RECTOR_OFFICE],
         scope={**{r: _task_unit for r in UNIT_ROLES}, R.IRD_OFFICER: _task_wide, R.RECTOR_OFFICE: _task_wide}, own=_assignee)
register("mobility.update_task", [*UNIT_ROLES, R.IRD_OFFICER], scope={**{r: _task_unit for r in UNIT_ROLES}, R.IRD_OFFICER: _task_wide}, own=_assignee)
register("mobility.ask_consultation", [R.STUDENT, R.STAFF, *FACULTY])
register("mobility.view_consultations", [R.IRD_OFFICER, R.RECTOR_OFFICE],
         scope={R.IRD_OFFICER: _consultation_scope, R.RECTOR_OFFICE: _consultation_scope}, own=_author)
register("mobility.answer_consultation", [R.IRD_OFFICER])
register("mobility.manage_correspondence", [R.IRD_OFFICER])
register("mobility.view_correspondence", [R.IRD_OFFICER, R.RECTOR_OFFICE, R.DEPUTY_DEAN_IR])
register("mobility.student_correspondence", [R.IRD_OFFICER, R.DEPUTY_DEAN_IR, R.HEAD_OF_DEPARTMENT],
         scope={R.IRD_OFFICER: STUDENT_INSTITUTION, R.DEPUTY_DEAN_IR: STUDENT_UNIT, R.HEAD_OF_DEPARTMENT: STUDENT_UNIT})
register("mobility.record_la_change", [R.IRD_OFFICER, R.DEPUTY_DEAN_IR, R.DEAN_OFFICE], scope={**student_scope, R.IRD_OFFICER: STUDENT_INSTITUTION},
         own=_own_student)
register("mobility.review_la_change", [R.DEPUTY_DEAN_IR], scope={R.DEPUTY_DEAN_IR: STUDENT_UNIT})
register("mobility.confirm_arrival", [R.IRD_OFFICER, R.DEPUTY_DEAN_IR], scope={R.IRD_OFFICER: STUDENT_INSTITUTION, R.DEPUTY_DEAN_IR: STUDENT_UNIT},
         own=_own_student)
register("mobility.record_finance", [R.IRD_OFFICER, R.ACCOUNTING, R.DEAN_OFFICE],
         scope={R.IRD_OFFICER: STUDENT_INSTITUTION, R.ACCOUNTING: STUDENT_INSTITUTION, R.DEAN_OFFICE: STUDENT_UNIT})
register("mobility.mail_partner_list", [R.IRD_OFFICER])
# programmes and events: readable by every member of the university (students included), not by outsiders
register("mobility.view_programmes", [r for r in R.values if r != R.AUDITOR])
PROGRAMME_EDITORS = (R.DEAN_OFFICE, R.PROGRAMME_LEADER, R.DEPUTY_DEAN_IR)
register("mobility.manage_programmes", [*PROGRAMME_EDITORS, R.IRD_OFFICER],
         scope={**{r: unit_scope("faculty") for r in PROGRAMME_EDITORS}, R.IRD_OFFICER: institution_scope("faculty__institution")})
