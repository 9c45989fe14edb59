"""Who may see students and staff: faculty officers their faculty, institution officers their institution,
a programme leader their programme, everyone their own record."""

from bilim.apps.accounts.models import Role as R
from bilim.apps.accounts.permissions import register
from bilim.apps.core import scopes as s

_student_scope = {
    **s.scoped(s.FACULTY_ROLES, s.unit("unit")),
    **s.scoped(s.INSTITUTION_ROLES, s.institution("institution")),
    R.HEAD_OF_DEPARTMENT: s.parent_unit("unit"),
    R.PROGRAMME_LEADER: s.programme("programme", "unit"),
}
_student_roles = set(_student_scope)
register("people.view_student", _student_roles, scope=_student_scope, own=s.own_person("person"))
register("people.export_student", _student_roles, scope=_student_scope)

_staff_scope = {
    **s.scoped(s.FACULTY_ROLES | {R.HEAD_OF_DEPARTMENT, R.PROGRAMME_LEADER}, s.unit("unit")),
    **s.scoped(s.INSTITUTION_ROLES, s.institution("institution")),
}
register("people.view_staff", set(_staff_scope), scope=_staff_scope, own=s.own_person("person"))
register("people.export_staff", set(_staff_scope), scope=_staff_scope)
