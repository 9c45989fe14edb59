"""Who may see and act on leave, academic leave, dismissal and plagiarism files (KTMU postgraduate instruction).

The student sees their own files; the institute's staff (secretariat, board secretary, deputy director, FoS head)
see their institute's; the rector's office sees its institution's dismissal cases (it signs the order). The
services re-check each step through the engine (role or body authority).
"""

from __future__ import annotations

from functools import partial
from typing import Any

from django.db.models import Q

from bilim.apps.accounts.models import Role, RoleAssignment
from bilim.apps.accounts.permissions import NOTHING, assignment_institution_id
from bilim.apps.accounts.permissions import register as _register
from bilim.apps.org.models import RegulationSet
from bilim.apps.postgrad.permissions import INSTITUTE, MANAGE, _institute

R = Role
register = partial(_register, regulation_set=RegulationSet.KTMU_POSTGRAD)


def _scope(path: str, roles: tuple[str, ...]) -> dict[str, Any]:
    return {r: _institute(path) for r in roles}


def _institution(path: str) -> Any:
    def build(a: RoleAssignment, user: Any) -> Q:
        inst = assignment_institution_id(a)
        return Q(**{f"{path}__institution_id": inst}) if inst else NOTHING

    return build


def _own(path: str) -> Any:
    return lambda _a, user: Q(**{f"{path}__person__user": user})


READERS = (*INSTITUTE, R.RECTOR_OFFICE)
_read_scope = {**_scope("student", INSTITUTE), R.RECTOR_OFFICE: _institution("student")}
# the files (records with a ``student`` field): read by the institute, the rector's office and the student
register("standing.view", READERS, scope=_read_scope, own=_own("student"))
# the institute's steps (written notice, referral, a ground on the student's request, transcript issue)
register("standing.manage", MANAGE, scope=_scope("student", MANAGE))
# a student may be the subject of a step the institute starts (ground a): checked on the Student row
register("standing.manage_student", MANAGE, scope=_scope("", MANAGE))
# the board secretary records the body's decision that fires a waiting step
register("standing.record_decision", [R.BOARD_SECRETARY, R.DEAN_OFFICE], scope=_scope("student", (R.BOARD_SECRETARY, R.DEAN_OFFICE)))
# the rector's order (KTMU-39(2)-1)
register("standing.order", [R.RECTOR_OFFICE], scope={R.RECTOR_OFFICE: _institution("student")})
# the semester check of every ground (starts the background job) and its progress page
register("standing.run_check", [R.DEAN_OFFICE, R.BOARD_SECRETARY, R.RECTOR_OFFICE],
         scope={r: (lambda a, user: Q(institution_id=assignment_institution_id(a)) if assignment_institution_id(a) else NOTHING)
                for r in (R.DEAN_OFFICE, R.BOARD_SECRETARY, R.RECTOR_OFFICE)})
register("standing.view_check", [R.DEAN_OFFICE, R.BOARD_SECRETARY, R.RECTOR_OFFICE],
         scope={r: (lambda a, user: Q(institution_id=assignment_institution_id(a)) if assignment_institution_id(a) else NOTHING)
                for r in (R.DEAN_OFFICE, R.BOARD_SECRETARY, R.RECTOR_OFFICE)})
# the institute's queues
register("standing.view_queue", READERS, scope=_read_scope)
