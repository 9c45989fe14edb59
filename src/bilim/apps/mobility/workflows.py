"""Which workflow table of ``bilim.regulations.workflows`` drives which mobility record.

The tables are looked up by their catalogue section (``ref`` "OSU §4.1" …), and a move is asked for by
its target state (the state names are those of the catalogue), so the app never re-states a table.
"""

from __future__ import annotations

import re
from typing import Any

from django.db import models

from bilim.apps.workflow.services import TransitionRefused, transition_apply
from bilim.regulations.core.registry import load_all
from bilim.regulations.workflows.core import WORKFLOWS, Workflow

SECTIONS = {"student": "4.1", "incoming": "4.3", "staff": "4.4", "incoming_staff": "4.5"}


CODES = {"student": "osu.student_outgoing", "student_short": "osu.student_outgoing_short", "student_dlt": "osu.student_outgoing_dlt",
         "incoming": "osu.student_incoming", "staff": "osu.staff_outgoing", "incoming_staff": "osu.staff_incoming"}


def kind_of(obj: Any, kind: str) -> str:
    """A short-term student file runs on the §4.2 short-term table."""
    if kind == "student" and getattr(obj, "term", "") == "SHORT":
        return "student_short"
    return kind


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
            from django.utils.translation import gettext as _

            raise TransitionRefused(
                _("This step is not possible now (the file is in state “%(state)s”). It may have been done already.")
                % {"state": getattr(fresh, state_field)},
                code="invalid",
            )
    return transition_apply(
        actor=actor, obj=obj, workflow_code=wf.code, action=rows[0].action, facts_by_rule=facts_by_rule or {},
        facts=facts, decision=decision, reason=reason, expected_version=expected_version, extra_explanations=extra_explanations,
        state_field=state_field, on_behalf_of_system=on_behalf_of_system,
    )
