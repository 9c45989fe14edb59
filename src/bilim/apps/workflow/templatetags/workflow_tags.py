"""``{% load workflow_tags %}``: state and action words, explanation sentences in the reader's language."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.translation import get_language

from bilim.apps.workflow.labels import action_label, state_label

register = template.Library()


def _lang() -> str:
    code = (get_language() or "ky")[:2]
    return code if code in {"ky", "ru", "en", "tr"} else "ky"


@register.filter
def wf_state(state: Any, workflow_code: str) -> str:
    """``{{ obj.state|wf_state:"KTMU-W-17" }}``"""
    return state_label(workflow_code, str(state or ""))


@register.filter
def wf_action(action: Any, workflow_code: str) -> str:
    return action_label(workflow_code, str(action or ""))


@register.filter
def wf_explain(expl: Any) -> str:
    """An explanation (object or stored dict) as a sentence in the reader's language."""
    from bilim.regulations.core.outcome import Explanation

    try:
        if isinstance(expl, dict):
            expl = Explanation.from_dict(expl)
        return expl.message(_lang())
    except Exception:  # a message the catalogue does not know yet: the key, never a 500
        return str(getattr(expl, "message_key", "") or expl)


@register.filter
def wf_rules(expl: Any) -> str:
    ids = expl.get("rule_ids", ()) if isinstance(expl, dict) else getattr(expl, "rule_ids", ())
    return ", ".join(ids or ())


@register.filter
def wf_title(workflow_code: Any) -> str:
    """``{{ wf.code|wf_title }}``: the process's name in the reader's language."""
    from bilim.apps.workflow.labels import workflow_title

    return workflow_title(str(workflow_code))
