"""Words for the states and actions of the transition tables, in the reader's language.

Data keeps the catalogue's codes (``ON_LEAVE``, ``apply``); a person always reads words. Each app
registers the labels of the tables it runs, as lazy translations, in its ``AppConfig.ready``::

    register_labels("KTMU-W-17", states={"APPLIED": _("Applied")}, actions={"approve": _("Approve")})

A code with no label is shown humanised ("ON_LEAVE" → "On leave"), never raw; a test of each app checks
that every state and action of its tables has a label.
"""

from __future__ import annotations

from typing import Any

STATE_LABELS: dict[tuple[str, str], Any] = {}
ACTION_LABELS: dict[tuple[str, str], Any] = {}


def register_labels(workflow_code: str, *, states: dict[str, Any] | None = None, actions: dict[str, Any] | None = None) -> None:
    for code, text in (states or {}).items():
        STATE_LABELS[(workflow_code, code)] = text
    for code, text in (actions or {}).items():
        ACTION_LABELS[(workflow_code, code)] = text


def _humanise(code: str) -> str:
    words = str(code).replace("_", " ").strip().lower()
    return words[:1].upper() + words[1:]


def state_label(workflow_code: str, state: str) -> str:
    text = STATE_LABELS.get((workflow_code, state))
    return str(text) if text is not None else _humanise(state)


def action_label(workflow_code: str, action: str) -> str:
    text = ACTION_LABELS.get((workflow_code, action))
    return str(text) if text is not None else _humanise(action)


def missing_labels(workflow_code: str) -> list[str]:
    """States and actions of the table without a registered label (tests assert this is empty)."""
    from bilim.regulations.workflows.core import get_workflow

    wf = get_workflow(workflow_code)
    out = [f"state {s}" for s in wf.states if (workflow_code, s) not in STATE_LABELS]
    out += [f"action {a}" for a in dict.fromkeys(t.action for t in wf.transitions) if (workflow_code, a) not in ACTION_LABELS]
    return out


def workflow_title(workflow_code: str) -> str:
    """The process's name in the reader's language (the table's English title when no translation is registered)."""
    from bilim.apps.workflow.titles import TITLES
    from bilim.regulations.workflows.core import get_workflow

    text = TITLES.get(workflow_code)
    return str(text) if text is not None else get_workflow(workflow_code).title


def authority_text(authority: tuple[str, ...] | list[str]) -> str:
    """Who may take a step, in words ("role:dean_office" → the role's name, "body:senate" → the body's kind)."""
    from django.utils.translation import gettext

    from bilim.apps.accounts.models import Role
    from bilim.apps.governance.models import Body
    from bilim.apps.workflow.services import BODY_ALIASES, ROLE_ALIASES

    roles, kinds = dict(Role.choices), dict(Body.Kind.choices)
    words = []
    for a in authority:
        kind, _, code = str(a).partition(":")
        if kind == "role":
            text: Any = roles.get(ROLE_ALIASES.get(code, code))
        elif kind == "body":
            text = kinds.get(BODY_ALIASES.get(code, code))
        elif kind == "system":
            text = gettext("automatic step")
        else:
            text = None
        words.append(str(text) if text is not None else _humanise(code or kind))
    return ", ".join(dict.fromkeys(words))
