"""Which workflow table of ``bilim.regulations.workflows`` drives which mobility record.

The tables are looked up by their catalogue section (``ref`` "OSU §4.1" …), and a move is asked for by
its target state (the state names are those of the catalogue), so the app never re-states a table.
"""

from __future__ import annotations

import re
from typing import Any

from django.db import models
from django.db.models import Q

from bilim.apps.workflow.services import transition_apply
from bilim.regulations.core.registry import load_all
from bilim.regulations.workflows.core import WORKFLOWS, Workflow

SECTIONS = {"student": "4.1", "incoming": "4.3", "staff": "4.4", "incoming_staff": "4.5"}


CODES = {"student": "osu.student_outgoing", "student_short": "osu.student_outgoing_short", "student_dlt": "osu.student_outgoing_dlt",
         "student_virtual": "osu.student_outgoing_virtual", "student_domestic": "osu.student_outgoing_domestic",
         "incoming": "osu.student_incoming", "staff": "osu.staff_outgoing", "incoming_staff": "osu.staff_incoming"}

#: Which records of a model run on which table (the same choice as :func:`kind_of`, as a query): the table's
#: subject registration narrows a body's queue with it, so a file waits in the queue of its own table only.
TABLE_FILTERS: dict[str, Q] = {
    "osu.student_outgoing_short": Q(term="SHORT"),
    "osu.student_outgoing_virtual": ~Q(term="SHORT") & Q(mode="DISTANCE"),
    "osu.student_outgoing_domestic": ~Q(term="SHORT") & ~Q(mode="DISTANCE") & Q(scope="INTERNAL"),
    "osu.student_outgoing": ~Q(term="SHORT") & ~Q(mode="DISTANCE") & ~Q(scope="INTERNAL"),
    "osu.student_incoming": ~Q(kind="STAFF"),
    "osu.staff_incoming": Q(kind="STAFF"),
}


def kind_of(obj: Any, kind: str) -> str:
    """The table a record runs on, chosen by what the file is (catalogue §4.2, §4.5):

    * a short-term student file (≤ 1 month, OSU-1.3.5-2) runs on the short-term table, whatever its scope or mode;
    * a long-term distance file (OSU-1.3.2-2: no travel, the stay is ``STUDYING_ONLINE``) on the distance table;
    * a long-term physical file with a Kyrgyz host (internal, OSU-1.3.4-1) on the internal table;
    * any other long-term file on the external table (§4.1);
    * an incoming staff member (§4.5) on the incoming-staff table, an incoming student on §4.3.
    """
    if kind == "student":
        if getattr(obj, "term", "") == "SHORT":
            return "student_short"
        if getattr(obj, "mode", "") == "DISTANCE":
            return "student_virtual"
        if getattr(obj, "scope", "") == "INTERNAL":
            return "student_domestic"
        return "student"
    if kind == "incoming" and getattr(obj, "kind", "") == "STAFF":
        return "incoming_staff"
    return kind


def code_of(obj: Any, kind: str) -> str:
    """The code of the table ``obj`` runs on (``osu.student_outgoing_domestic`` …)."""
    return workflow(kind_of(obj, kind)).code


def active_state(obj: Any) -> str:
    """The state of a student file during the stay: ``ABROAD``, or ``STUDYING_ONLINE`` on the distance table."""
    starts = [t.target for t in workflow(kind_of(obj, "student")).actions_from("ORDER_ISSUED") if t.action == "start"]
    return starts[0] if starts else "ABROAD"


def workflow(kind: str) -> Workflow:
    load_all()
    if kind in CODES and CODES[kind] in WORKFLOWS:
        return WORKFLOWS[CODES[kind]]
    return _workflow_by_section(kind)


def _workflow_by_section(kind: str) -> Workflow:
    load_all()
    section = SECTIONS[kind]
    for wf in WORKFLOWS.values():
        if ("OSU" in wf.code.upper() or "OSU" in wf.ref.upper()) and re.search(re.escape(section) + r"(?![\d.])", wf.ref):
            return wf
    raise LookupError(f"No workflow table for OshSU §{section} is registered")


def next_targets(kind: str, state: str, obj: Any = None) -> list[str]:
    try:
        return [t.target for t in workflow(kind_of(obj, kind)).actions_from(state)]
    except LookupError:
        return []


def move(
    *, actor: Any, obj: models.Model, kind: str, target: str, facts_by_rule: dict[str, Any] | None = None,
    decision: Any = None, reason: str = "", expected_version: int | None = None, extra_explanations: Any = (),
    state_field: str = "state", action: str | None = None, facts: Any = None, on_behalf_of_system: bool = False,
) -> Any:
    """Apply the transition of ``kind``'s table that leads from the record's state to ``target``.

    ``facts`` is the facts builder called on the locked row (see ``transition_apply``)."""
    wf = workflow(kind_of(obj, kind))
    state = getattr(obj, state_field)
    rows = [t for t in wf.actions_from(state) if t.target == target and (action is None or t.action == action)]
    if not rows:
        # re-read: a double submission finds the state already moved
        fresh = type(obj)._default_manager.get(pk=obj.pk)
        rows = [t for t in wf.actions_from(getattr(fresh, state_field)) if t.target == target and (action is None or t.action == action)]
        if not rows:
            from bilim.apps.workflow.services import not_in_this_state

            wanted = [t.action for t in wf.transitions if t.target == target and (action is None or t.action == action)]
            raise not_in_this_state(wf, getattr(fresh, state_field), wanted[0] if wanted else (action or ""))
    return transition_apply(
        actor=actor, obj=obj, workflow_code=wf.code, action=rows[0].action, facts_by_rule=facts_by_rule or {},
        facts=facts, decision=decision, reason=reason, expected_version=expected_version, extra_explanations=extra_explanations,
        state_field=state_field, on_behalf_of_system=on_behalf_of_system,
    )
