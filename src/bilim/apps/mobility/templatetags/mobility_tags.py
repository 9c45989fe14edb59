from __future__ import annotations

from typing import Any

from django import template
from django.utils.translation import get_language

register = template.Library()


def _lang() -> str:
    code = (get_language() or "ky")[:2]
    return code if code in {"ky", "ru", "en", "tr"} else "ky"


@register.filter
def explain(expl: Any) -> str:
    """The explanation's sentence in the user's language."""
    try:
        return expl.message(_lang())
    except Exception:  # a message key the catalogue does not know yet: show the key, never a 500
        return getattr(expl, "message_key", str(expl))


@register.filter
def rule_ids(expl: Any) -> str:
    return ", ".join(getattr(expl, "rule_ids", ()) or ())


@register.filter
def verdict_class(expl: Any) -> str:
    r = str(getattr(expl, "result", "")).upper()
    return "fail" if "FAIL" in r else "warn" if "WARN" in r else "pass" if "PASS" in r else ""


@register.filter
def get_item(d: Any, key: Any) -> Any:
    return (d or {}).get(key, [])


@register.filter
def code_label(code: Any) -> str:
    """The translated label of a state or classification code (the code itself stays in data-code)."""
    from bilim.apps.mobility.labels import label

    return label(code)
