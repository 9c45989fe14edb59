"""Grades: the student their own, the teacher their offerings', faculty officers their faculty's."""

from django.db.models import Q

from bilim.apps.accounts.models import Role as R
from bilim.apps.accounts.permissions import register
from bilim.apps.core import scopes as s


def _taught(a, user):
    return Q(enrolment__offering__instructors__person__user_id=user.pk)


_scope = {
    **s.scoped(s.FACULTY_ROLES, s.unit("enrolment__student__unit")),
    R.PROGRAMME_LEADER: s.programme("enrolment__student__programme", "enrolment__student__unit"),
    R.HEAD_OF_DEPARTMENT: s.parent_unit("enrolment__student__unit"),
    R.RECTOR_OFFICE: s.institution("enrolment__student__institution"),
    R.STAFF: _taught,
    R.STUDENT: s.own_person("enrolment__student__person"),
}
register("records.view_grade", set(_scope), scope=_scope, own=s.own_person("enrolment__student__person"))
