"""Who may do what in KTMU admissions. Candidates hold no staff role: they see their own applications only (the
relational role ``candidate`` of the tables); the institute's officers see the rounds of their institute or FoS;
a commission's secretary (board secretary held on the commission body) enters that commission's scores."""

from __future__ import annotations

from functools import partial
from typing import Any

from django.db.models import Q

from bilim.apps.accounts.models import Role as R
from bilim.apps.accounts.models import RoleAssignment
from bilim.apps.accounts.permissions import NOTHING, assignment_institution_id
from bilim.apps.accounts.permissions import register as _register
from bilim.apps.org.models import RegulationSet

register = partial(_register, regulation_set=RegulationSet.KTMU_POSTGRAD)
INSTITUTE = (R.DEAN_OFFICE, R.BOARD_SECRETARY, R.DEPUTY_DEAN_ACADEMIC, R.HEAD_OF_DEPARTMENT)


def programme_scope(path: str) -> Any:
    """Rows whose programme belongs to the assignment's institute or FoS unit (else its institution); a body-held
    assignment (a commission's secretary) sees the rounds that commission examines."""
    p = f"{path}__" if path else ""

    def build(a: RoleAssignment, user: Any) -> Q:
        if a.body is not None:
            unit_id = a.body.unit_id
            return (Q(**{f"{p}unit_id": unit_id}) | Q(**{f"{p}field_of_science_id": unit_id})) if unit_id else NOTHING
        if a.unit_id:
            return Q(**{f"{p}unit_id": a.unit_id}) | Q(**{f"{p}field_of_science_id": a.unit_id})
        inst = assignment_institution_id(a)
        return Q(**{f"{p}institution_id": inst}) if inst else NOTHING

    return build


def _scope(path: str, roles: tuple[str, ...] = INSTITUTE) -> dict[str, Any]:
    return {r: programme_scope(path) for r in roles}


register("admissions.view_round", INSTITUTE, scope=_scope("programme"))
register("admissions.manage_round", (R.DEAN_OFFICE,), scope=_scope("programme", (R.DEAN_OFFICE,)))
register("admissions.view_application", INSTITUTE, scope=_scope("round__programme"))
register("admissions.check_application", (R.DEAN_OFFICE,), scope=_scope("round__programme", (R.DEAN_OFFICE,)))
register("admissions.enter_scores", (R.BOARD_SECRETARY,), scope=_scope("round__programme", (R.BOARD_SECRETARY,)))
register("admissions.view_case", INSTITUTE, scope=_scope("programme"))
