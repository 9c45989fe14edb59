"""``{% load governance_tags %}{% decisions_about obj %}``: the decisions of bodies about a file (adopted or rejected,
with the reason the rule gave), for any app's record page."""

from __future__ import annotations

from typing import Any

from django import template

from bilim.apps.core.listing import lang
from bilim.apps.governance.meetings import decisions_about as _decisions_about
from bilim.apps.records.selectors import explanation_text

register = template.Library()


@register.inclusion_tag("governance/_decisions_about.html")
def decisions_about(obj: Any) -> dict[str, Any]:
    rows = [{"d": d, "why": explanation_text(d.explanation, lang()) if d.explanation else ""} for d in _decisions_about(obj)[:20]]
    return {"rows": rows}
