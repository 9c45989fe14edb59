"""``{% for c in event|audit_changes %}`` and ``{{ reason|reason_text }}``: a history in words (see core.history)."""

from __future__ import annotations

from typing import Any

from django import template

from bilim.apps.core import history

register = template.Library()


@register.filter
def audit_changes(event: Any) -> list[dict[str, str]]:
    return history.changes(event)


@register.filter
def reason_text(reason: Any) -> str:
    return history.reason_text(str(reason or ""))
