"""Who may do what with KTMU programmes, courses and quotas (registered into the one permission layer).

Institute staff (the institute secretariat = dean's office role on the institute, the board secretary, the
deputy director, the FoS head = head of department on a FoS unit) see and prepare the records of their
institute; the Senate's and the Trustees' secretaries and the rector's office see the institution's. The
instructor who applied for a course sees their own application. Published announcements are public.
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
register = partial(_register, regulation_set=RegulationSet.KTMU_POSTGRAD)
INSTITUTE = (R.DEAN_OFFICE, R.BOARD_SECRETARY, R.DEPUTY_DEAN_ACADEMIC, R.HEAD_OF_DEPARTMENT)
MANAGE = (R.DEAN_OFFICE, R.HEAD_OF_DEPARTMENT)
READERS = (*INSTITUTE, R.RECTOR_OFFICE)


def _unit_scope(institute_path: str, fos_path: str, institution_path: str) -> Any:
    """Rows of the assignment's institute or FoS unit; held on the whole institution (no unit): the institution's rows."""

    def build(a: RoleAssignment, user: Any) -> Q:
        if a.unit_id:
            return Q(**{f"{institute_path}_id": a.unit_id}) | Q(**{f"{fos_path}_id": a.unit_id})
        inst = assignment_institution_id(a)
        return Q(**{f"{institution_path}_id": inst}) if inst else NOTHING

    return build


def _institution(path: str) -> Any:
    def build(a: RoleAssignment, user: Any) -> Q:
        inst = assignment_institution_id(a)
        return Q(**{f"{path}_id": inst}) if inst else NOTHING

    return build


_prop = _unit_scope("institute", "fos", "institution")
_course = _unit_scope("programme__unit", "programme__field_of_science", "programme__institution")
_quota = _unit_scope("programme__unit", "programme__field_of_science", "programme__institution")


def _scopes(fn: Any, roles: tuple[str, ...]) -> dict[str, Any]:
    out = {r: fn for r in roles}
    if R.RECTOR_OFFICE in roles:
        out[R.RECTOR_OFFICE] = _institution(_institution_path(fn))
    return out


def _institution_path(fn: Any) -> str:
    return "institution" if fn is _prop else "programme__institution"


def _own_course(_a: Any, user: Any) -> Q:
    return Q(applicant__person__user=user)


register("programmes.view_proposal", READERS, scope=_scopes(_prop, READERS))
register("programmes.create_proposal", MANAGE, scope=_scopes(_prop, MANAGE))
register("programmes.manage_proposal", MANAGE, scope=_scopes(_prop, MANAGE))
register("programmes.view_course", READERS, scope=_scopes(_course, READERS), own=_own_course)
register("programmes.create_course", (*MANAGE, R.STAFF), scope={**_scopes(_course, MANAGE), R.STAFF: _own_course})
register("programmes.manage_course", MANAGE, scope=_scopes(_course, MANAGE), own=_own_course)
register("programmes.view_quota", READERS, scope=_scopes(_quota, READERS))
register("programmes.create_quota", MANAGE, scope=_scopes(_quota, MANAGE))
register("programmes.manage_quota", MANAGE, scope=_scopes(_quota, MANAGE))
# the catalogue of open programmes with their curriculum versions is reference data of the institution
register("programmes.view_catalogue", [*READERS, R.STAFF, R.STUDENT],
         scope={r: _institution("institution") for r in (*READERS, R.STAFF, R.STUDENT)})
# published announcements: anyone, logged in or not (the selectors return only published ones)
register("programmes.view_announcement", [], public=True)
