"""Who may do what in the KTMU postgraduate app (registered into the one permission layer).

Institute staff (institute secretariat = dean's office role on the institute, the board secretary,
the deputy director for academic affairs, the FoS head = head of department on a FoS unit) see the
records of their institute's students. Only the instructors of an offering enter its weight plan,
scores and attendance (KTMU-32(2)-1, 30(1)-2): ``postgrad.enter_scores`` is re-checked in the
services against ``Offering.instructors`` so that no role, not even an administrator, bypasses it.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from django.db.models import Q

from bilim.apps.accounts.models import Role, RoleAssignment
from bilim.apps.accounts.permissions import NOTHING, assignment_institution_id
from bilim.apps.accounts.permissions import register as _register
from bilim.apps.org.models import RegulationSet

R = Role
# every action here belongs to the KTMU postgraduate instruction: roles held in an institution that does not run it do not count
register = partial(_register, regulation_set=RegulationSet.KTMU_POSTGRAD)
INSTITUTE = (R.DEAN_OFFICE, R.BOARD_SECRETARY, R.DEPUTY_DEAN_ACADEMIC, R.HEAD_OF_DEPARTMENT)
MANAGE = (R.DEAN_OFFICE, R.BOARD_SECRETARY, R.HEAD_OF_DEPARTMENT)


def _institute(student_path: str) -> Any:
    """Rows of students of the assignment's institute (or FoS unit), else of its institution."""
    p = f"{student_path}__" if student_path else ""

    def build(a: RoleAssignment, user: Any) -> Q:
        if a.unit_id:
            return Q(**{f"{p}unit_id": a.unit_id}) | Q(**{f"{p}programme__field_of_science_id": a.unit_id})
        inst = assignment_institution_id(a)
        return Q(**{f"{p}institution_id": inst}) if inst else NOTHING

    return build


def _scope(student_path: str, roles: tuple[str, ...] = INSTITUTE) -> dict[str, Any]:
    return {r: _institute(student_path) for r in roles}


def _own_student(path: str) -> Any:
    p = f"{path}__" if path else ""
    return lambda _a, user: Q(**{f"{p}person__user": user})


def _offering_scope(a: RoleAssignment, user: Any) -> Q:
    if a.unit_id:
        return Q(course__programme__unit_id=a.unit_id) | Q(course__programme__field_of_science_id=a.unit_id)
    inst = assignment_institution_id(a)
    return Q(course__institution_id=inst) if inst else NOTHING


def _own_offering(_a: Any, user: Any) -> Q:
    return Q(instructors__person__user=user)


def _own_supervision(_a: Any, user: Any) -> Q:
    return Q(student__person__user=user) | Q(staff__person__user=user)


# courses: instructors see their own; institute staff see their institute's (read only)
register("postgrad.view_offering", [*INSTITUTE, R.STAFF], scope={**{r: _offering_scope for r in INSTITUTE}, R.STAFF: _own_offering}, own=None)
register("postgrad.enter_scores", [R.STAFF], scope={R.STAFF: _own_offering})
# the student's own postgraduate page; institute staff for their institute
register("postgrad.view_student", INSTITUTE, scope=_scope(""), own=_own_student(""))
register("postgrad.view_supervision", [*INSTITUTE, R.STAFF], scope={**_scope("student"), R.STAFF: _own_supervision}, own=_own_supervision)
register("postgrad.manage_supervision", MANAGE, scope=_scope("student", MANAGE))
register("postgrad.view_task", INSTITUTE, scope=_scope("supervision__student"))
register("postgrad.manage_task", MANAGE, scope=_scope("supervision__student", MANAGE))
register("postgrad.view_exam_schedule", [], public=True)


def _exam_scope(a: RoleAssignment, user: Any) -> Q:
    if a.unit_id:
        return Q(institute_id=a.unit_id) | Q(institute__children__id=a.unit_id)
    inst = assignment_institution_id(a)
    return Q(institute__institution_id=inst) if inst else NOTHING


register("postgrad.manage_exam_schedule", MANAGE, scope={r: _exam_scope for r in MANAGE})
# reading the management list and an entry's page (drafts included) is a read: the auditor may, too
register("postgrad.view_exam_management", MANAGE, scope={r: _exam_scope for r in MANAGE})
def _ruleset_scope(a: RoleAssignment, user: Any) -> Q:
    inst = assignment_institution_id(a)
    return Q(institution_id=inst) if inst else NOTHING


# records: host grades, semester scopes, remedies, disciplinary cases, leave resumption
register("postgrad.view_record", INSTITUTE, scope=_scope(""), own=None)
register("postgrad.manage_record", MANAGE, scope=_scope("", MANAGE))
_RULESET_READERS = (*INSTITUTE, R.STAFF, R.RECTOR_OFFICE)
register("postgrad.view_ruleset", _RULESET_READERS, scope={r: _ruleset_scope for r in _RULESET_READERS})
# implementing rule sets are the institution's (KTMU-21(4)-1, 40-1): recorded by its board secretaries or rector's office
register("postgrad.manage_ruleset", [R.BOARD_SECRETARY, R.RECTOR_OFFICE], scope={R.BOARD_SECRETARY: _ruleset_scope, R.RECTOR_OFFICE: _ruleset_scope})


# --- grades: W-15 publication steps, appeals (art. 34) and corrections (art. 35) -------------------------------
# The engine checks the role the table names (fos_head → head of department, institute_officer → dean's office);
# these actions add the scope: only the FoS head / institute of the course's programme.
register("postgrad.publish_exam_schedule", [R.HEAD_OF_DEPARTMENT], scope={R.HEAD_OF_DEPARTMENT: _offering_scope})
register("postgrad.submit_results", [R.HEAD_OF_DEPARTMENT], scope={R.HEAD_OF_DEPARTMENT: _offering_scope})
register("postgrad.publish_results", [R.DEAN_OFFICE], scope={R.DEAN_OFFICE: _offering_scope})
register("postgrad.view_grade_queue", [*INSTITUTE, R.STAFF], scope={**{r: _offering_scope for r in INSTITUTE}, R.STAFF: _own_offering}, own=None)


def _case_instructor(_a: Any, user: Any) -> Q:
    return Q(sheet__enrolment__offering__instructors__person__user=user)


# an appeal or a correction: the student whose result it is, the course's instructors, the institute's staff
register("postgrad.view_grade_case", [*INSTITUTE, R.STAFF], scope={**_scope("sheet__enrolment__student"), R.STAFF: _case_instructor},
         own=_own_student("sheet__enrolment__student"))
