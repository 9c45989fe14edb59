"""Scope builders shared by the foundation apps' permission registrations.

Each builder returns ``(assignment, user) -> Q`` for ``accounts.permissions.register(scope=...)``.
Builders fail closed: an assignment without the scope a builder needs (no institution reachable
from it, no unit, …) gives :data:`NOTHING`. An institution-wide officer is an assignment held in
an institution, registered with :func:`institution`; reference data every member may consult is
registered with :func:`reference_data`, explicitly.
"""

from __future__ import annotations

from collections.abc import Set as AbstractSet
from typing import Any

from django.db.models import Q

from bilim.apps.accounts.models import Role, RoleAssignment
from bilim.apps.accounts.permissions import NOTHING, ScopeFn, assignment_institution_id  # noqa: F401  (re-exported)

R = Role
ALL_ROLES = frozenset(r.value for r in Role)
STAFF_ROLES = ALL_ROLES - {R.STUDENT}
FACULTY_ROLES = {R.DEAN_OFFICE, R.DEPUTY_DEAN_IR, R.DEPUTY_DEAN_ACADEMIC}
INSTITUTION_ROLES = {R.IRD_OFFICER, R.RECTOR_OFFICE, R.VICE_RECTOR_RESEARCH, R.ACCOUNTING, R.BOARD_SECRETARY}


_institution_id = assignment_institution_id


def prefix(path: str) -> str:
    return f"{path}__" if path else ""


def institution(path: str) -> ScopeFn:
    """Rows whose institution (reached through ``path``, e.g. ``"institution"``) is the assignment's."""

    def build(a: RoleAssignment, user: Any) -> Q:
        inst = _institution_id(a)
        return Q(**{f"{path}_id": inst}) if inst else NOTHING

    return build


def unit(path: str) -> ScopeFn:
    """Rows of the assignment's unit or a unit directly below it (faculty → departments)."""

    def build(a: RoleAssignment, user: Any) -> Q:
        if a.unit_id:
            return Q(**{f"{path}_id": a.unit_id}) | Q(**{f"{path}__parent_id": a.unit_id})
        inst = _institution_id(a)
        return Q(**{f"{path}__institution_id": inst}) if inst else NOTHING

    return build


def parent_unit(path: str) -> ScopeFn:
    """For a department head: rows of the faculty the department belongs to."""

    def build(a: RoleAssignment, user: Any) -> Q:
        if a.unit is not None:
            top = a.unit.parent_id or a.unit_id
            return Q(**{f"{path}_id": top}) | Q(**{f"{path}__parent_id": top})
        inst = _institution_id(a)
        return Q(**{f"{path}__institution_id": inst}) if inst else NOTHING

    return build


def programme(path: str, unit_path: str) -> ScopeFn:
    """A programme leader's programme (or, without one, the unit)."""

    def build(a: RoleAssignment, user: Any) -> Q:
        if a.programme_id:
            return Q(**{f"{path}_id": a.programme_id})
        return unit(unit_path)(a, user)

    return build


def body(path: str, institution_path: str) -> ScopeFn:
    """A body's secretary: that body's rows (or, without one, the institution's)."""

    def build(a: RoleAssignment, user: Any) -> Q:
        if a.body_id:
            return Q(**{f"{path}_id": a.body_id})
        return institution(institution_path)(a, user)

    return build


def own_person(path: str) -> ScopeFn:
    """Rows that belong to the logged-in person (``path`` leads to ``people.Person``)."""

    def build(a: Any, user: Any) -> Q:
        return Q(**{f"{path}__user_id": user.pk})

    return build


def reference_data() -> ScopeFn:
    """Every row, for any holder of the role: only for reference data (institutions, units) that every member
    of a university may consult. Registering it is the explicit statement that the rows are not private."""

    def build(a: RoleAssignment, user: Any) -> Q:
        return Q()

    return build


def scoped(roles: AbstractSet[str], fn: ScopeFn) -> dict[str, ScopeFn]:
    return {str(r): fn for r in roles}
