"""Who may do what in the thesis app (the one permission layer; scopes fail closed).

Institute staff (secretariat, board secretary, deputy director, FoS head) see and manage the files of
their institute's (or FoS unit's) students; the student sees their own files and applies on them.
All thesis models reach the student through ``student`` (or ``file__student``), hence the PerModel scopes.
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
MANAGE = (R.DEAN_OFFICE, R.BOARD_SECRETARY, R.HEAD_OF_DEPARTMENT, R.DEPUTY_DEAN_ACADEMIC)

#: model label → path from the model to the student ("" for people.Student itself)
PATHS = {
    "people.student": "",
    "thesis.languagerequirement": "student",
    "thesis.sppplan": "student",
    "thesis.supervisionfile": "student",
    "thesis.supervisorapplication": "file__student",
    "thesis.thesisfile": "student",
    "thesis.thesisproposal": "file__student",
    "thesis.defence": "file__student",
    "thesis.defenceappeal": "student",
}


def _institute(path: str) -> Any:
    p = f"{path}__" if path else ""

    def build(a: RoleAssignment, user: Any) -> Q:
        if a.unit_id:
            return Q(**{f"{p}unit_id": a.unit_id}) | Q(**{f"{p}programme__field_of_science_id": a.unit_id})
        inst = assignment_institution_id(a)
        return Q(**{f"{p}institution_id": inst}) if inst else NOTHING

    return build


def _per_model() -> PerModel:
    return PerModel({label: _institute(path) for label, path in PATHS.items()})


def own_q(model_label: str, user: Any) -> Q:
    path = PATHS.get(model_label, "student")
    p = f"{path}__" if path else ""
    return Q(**{f"{p}person__user": user})


register("thesis.view", [*INSTITUTE, R.RECTOR_OFFICE], scope={**{r: _per_model() for r in INSTITUTE}, R.RECTOR_OFFICE: _per_model()})
register("thesis.manage", MANAGE, scope={r: _per_model() for r in MANAGE})
# the student's own thesis page (a KTMU postgraduate student; the dashboard link)
register("thesis.own", [R.STUDENT], scope={R.STUDENT: lambda _a, user: Q(person__user=user)})
