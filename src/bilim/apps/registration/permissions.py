"""Who may do what with KTMU semester registrations, courses at other HEIs and credit transfer.

Institute staff (secretariat, board secretary, deputy director, FoS heads) see their institute's (or FoS's)
students; a supervisor (staff) sees the students he/she supervises; a student sees his/her own records.
Every scope fails closed. Services re-check the relation that matters (own record, appointed supervisor).
"""

from __future__ import annotations

from functools import partial
from typing import Any

from django.db.models import Q

from bilim.apps.accounts.models import Role, RoleAssignment
from bilim.apps.accounts.permissions import NOTHING, PerModel, assignment_institution_id
from bilim.apps.accounts.permissions import register as _register
from bilim.apps.org.models import RegulationSet

R = Role
register = partial(_register, regulation_set=RegulationSet.KTMU_POSTGRAD)
INSTITUTE = (R.DEAN_OFFICE, R.BOARD_SECRETARY, R.DEPUTY_DEAN_ACADEMIC, R.HEAD_OF_DEPARTMENT)
OFFICE = (R.DEAN_OFFICE, R.BOARD_SECRETARY)


def _institute(a: RoleAssignment, user: Any) -> Q:
    if a.unit_id:
        return Q(student__unit_id=a.unit_id) | Q(student__programme__field_of_science_id=a.unit_id)
    inst = assignment_institution_id(a)
    return Q(student__institution_id=inst) if inst else NOTHING


def _supervised(_a: Any, user: Any) -> Q:
    return Q(student__pg_supervisions__staff__person__user=user, student__pg_supervisions__status="ACTIVE")


def _own(_a: Any, user: Any) -> Q:
    return Q(student__person__user=user)


def _calendar(a: RoleAssignment, user: Any) -> Q:
    if a.unit_id:
        return Q(institute_id=a.unit_id) | Q(institute__children__id=a.unit_id)
    inst = assignment_institution_id(a)
    return Q(institute__institution_id=inst) if inst else NOTHING


STUDENT_RECORD = {r: _institute for r in INSTITUTE} | {R.STAFF: _supervised}
register("registration.view_registration", [*INSTITUTE, R.STAFF], scope=STUDENT_RECORD, own=_own)
register("registration.decide_selection", [R.STAFF, R.HEAD_OF_DEPARTMENT], scope={R.STAFF: _supervised, R.HEAD_OF_DEPARTMENT: _institute})
register("registration.view_overview", INSTITUTE, scope={r: _institute for r in INSTITUTE})
register("registration.export_overview", INSTITUTE, scope={r: _institute for r in INSTITUTE})
register("registration.manage_calendar", OFFICE, scope={r: _calendar for r in OFFICE})
register("registration.publish_timetable", [R.HEAD_OF_DEPARTMENT], scope={R.HEAD_OF_DEPARTMENT: _calendar})
register("registration.view_calendar", [], public=True)
register("registration.view_calendars", INSTITUTE, scope={r: _calendar for r in INSTITUTE})
register("registration.view_queue", [R.STAFF, R.HEAD_OF_DEPARTMENT], scope={R.STAFF: _supervised, R.HEAD_OF_DEPARTMENT: _institute})
register("registration.view_application", [*INSTITUTE, R.STAFF], scope=STUDENT_RECORD, own=_own)
# the student's own registration page and applications (any student of a KTMU institute)
register("registration.select", [R.STUDENT], scope={R.STUDENT: _own}, own=_own)
__all__ = ["PerModel"]
