"""Who may do what in the KTMU postgraduate app (registered into the one permission layer).

Institute staff (institute secretariat = dean's office role on the institute, the board secretary,
the deputy director for academic affairs, the FoS head = head of department on a FoS unit) see the
records of their institute's students. Only the instructors of an offering enter its weight plan,
scores and attendance (KTMU-32(2)-1, 30(1)-2): ``postgrad.enter_scores`` is re-checked in the
services against ``Offering.instructors`` so that no role, not even an administrator, bypasses it.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from bilim.apps.accounts.models import Role, RoleAssignment
from bilim.apps.accounts.permissions import register

R = Role
INSTITUTE = (R.DEAN_OFFICE, R.BOARD_SECRETARY, R.DEPUTY_DEAN_ACADEMIC, R.HEAD_OF_DEPARTMENT)
MANAGE = (R.DEAN_OFFICE, R.BOARD_SECRETARY, R.HEAD_OF_DEPARTMENT)


def _institute(student_path: str) -> Any:
    """Rows of students of the assignment's institute (or FoS unit), else of its institution."""
    p = f"{student_path}__" if student_path else ""

    def build(a: RoleAssignment, user: Any) -> Q:
        if a.unit_id:
            return Q(**{f"{p}unit_id": a.unit_id}) | Q(**{f"{p}programme__field_of_science_id": a.unit_id})
        inst = a.institution_id or (a.body.institution_id if a.body_id else None)
        return Q(**{f"{p}institution_id": inst}) if inst else Q()

    return build


def _scope(student_path: str, roles: tuple[str, ...] = INSTITUTE) -> dict[str, Any]:
    return {r: _institute(student_path) for r in roles}


def _own_student(path: str) -> Any:
    p = f"{path}__" if path else ""
    return lambda _a, user: Q(**{f"{p}person__user": user})


def _offering_scope(a: RoleAssignment, user: Any) -> Q:
    if a.unit_id:
        return Q(course__programme__unit_id=a.unit_id) | Q(course__programme__field_of_science_id=a.unit_id)
    inst = a.institution_id or (a.body.institution_id if a.body_id else None)
    return Q(course__institution_id=inst) if inst else Q()


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
    inst = a.institution_id or (a.body.institution_id if a.body_id else None)
    return Q(institute__institution_id=inst) if inst else Q()


register("postgrad.manage_exam_schedule", MANAGE, scope={r: _exam_scope for r in MANAGE})
# records: host grades, semester scopes, remedies, disciplinary cases, leave resumption
register("postgrad.view_record", INSTITUTE, scope=_scope(""), own=None)
register("postgrad.manage_record", MANAGE, scope=_scope("", MANAGE))
register("postgrad.view_ruleset", [*INSTITUTE, R.STAFF, R.RECTOR_OFFICE])
register("postgrad.manage_ruleset", [R.BOARD_SECRETARY, R.RECTOR_OFFICE])
