"""Scope builders shared by the foundation apps' permission registrations.

Each builder returns ``(assignment, user) -> Q`` for ``accounts.permissions.register(scope=...)``.
An assignment with no scope at all (no institution, unit, programme or body) sees everything its
role allows, which is how an institution-wide officer is modelled.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from bilim.apps.accounts.models import Role, RoleAssignment
from bilim.apps.accounts.permissions import ScopeFn

R = Role
ALL_ROLES = frozenset(r.value for r in Role)
STAFF_ROLES = ALL_ROLES - {R.STUDENT}
FACULTY_ROLES = {R.DEAN_OFFICE, R.DEPUTY_DEAN_IR, R.DEPUTY_DEAN_ACADEMIC}
INSTITUTION_ROLES = {R.IRD_OFFICER, R.RECTOR_OFFICE, R.VICE_RECTOR_RESEARCH, R.ACCOUNTING, R.BOARD_SECRETARY}


def _institution_id(a: RoleAssignment) -> int | None:
    if a.institution_id:
        return a.institution_id
    if a.unit_id:
        return a.unit.institution_id
    if a.programme_id:
        return a.programme.institution_id
    if a.body_id:
        return a.body.institution_id
    return None


def prefix(path: str) -> str:
    return f"{path}__" if path else ""


def institution(path: str) -> ScopeFn:
    """Rows whose institution (reached through ``path``, e.g. ``"institution"``) is the assignment's."""

    def build(a: RoleAssignment, user: Any) -> Q:
        inst = _institution_id(a)
        return Q(**{f"{path}_id": inst}) if inst else Q()

    return build


def unit(path: str) -> ScopeFn:
    """Rows of the assignment's unit or a unit directly below it (faculty → departments)."""

    def build(a: RoleAssignment, user: Any) -> Q:
        if a.unit_id:
            return Q(**{f"{path}_id": a.unit_id}) | Q(**{f"{path}__parent_id": a.unit_id})
        inst = _institution_id(a)
        return Q(**{f"{path}__institution_id": inst}) if inst else Q()

    return build


def parent_unit(path: str) -> ScopeFn:
    """For a department head: rows of the faculty the department belongs to."""

    def build(a: RoleAssignment, user: Any) -> Q:
        if a.unit_id:
            top = a.unit.parent_id or a.unit_id
            return Q(**{f"{path}_id": top}) | Q(**{f"{path}__parent_id": top})
        inst = _institution_id(a)
        return Q(**{f"{path}__institution_id": inst}) if inst else Q()

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


def scoped(roles: set[str] | frozenset[str], fn: ScopeFn) -> dict[str, ScopeFn]:
    return {str(r): fn for r in roles}
