"""``{% load workflow_tags %}``: state and action words, explanation sentences in the reader's language."""

from __future__ import annotations

from typing import Any

from django import template
from django.template.loader import render_to_string
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


# --- the steps a viewer may take (``workflow.actions.allowed_actions``) -------------------------------------------------


class StepNode(template.Node):
    """``{% step acts "sign_la" "brief" %}<form>…</form>{% endstep %}``: the page's own form for a step of the table,
    rendered only when ``acts`` (an :class:`~bilim.apps.workflow.actions.Actions`) allows one of the named steps now;
    a step not possible yet is a disabled button with the reason and its rules beside it; a step the viewer can never
    take renders nothing."""

    def __init__(self, acts: Any, names: list[Any], nodelist: Any) -> None:
        self.acts, self.names, self.nodelist = acts, names, nodelist

    def render(self, context: Any) -> str:
        acts = self.acts.resolve(context)
        if not acts:
            return ""
        options = [acts.options[n] for n in (name.resolve(context) for name in self.names) if n in acts.options]
        if not options:
            return ""
        if any(o.allowed for o in options):
            return self.nodelist.render(context)
        return render_to_string("workflow/_step_disabled.html", {"o": options[0]})


@register.tag(name="step")
def do_step(parser: Any, token: Any) -> StepNode:
    bits = token.split_contents()
    if len(bits) < 3:
        raise template.TemplateSyntaxError("{% step acts \"action\" … %} needs the actions and at least one step")
    nodelist = parser.parse(("endstep",))
    parser.delete_first_token()
    return StepNode(parser.compile_filter(bits[1]), [parser.compile_filter(b) for b in bits[2:]], nodelist)


@register.inclusion_tag("workflow/_step_back.html", takes_context=True)
def step_back(context: Any, acts: Any, url: str, version: Any = None) -> dict[str, Any]:
    """``{% step_back acts url %}``: the owning office's way back (a reason is required), or nothing."""
    option = getattr(acts, "step_back", None)
    return {"o": option, "url": url, "version": version, "csrf_token": context.get("csrf_token")}


@register.inclusion_tag("workflow/_actions.html", takes_context=True)
def workflow_actions(context: Any, acts: Any, url: str, version: Any = None) -> dict[str, Any]:
    """``{% workflow_actions acts url %}``: every step the viewer sees, as one form each posting ``action=<code>``
    to ``url`` (allowed) or a disabled button with the reason (not yet), and the way back."""
    return {"acts": acts, "url": url, "version": version, "csrf_token": context.get("csrf_token")}
