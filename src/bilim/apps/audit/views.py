"""The audit trail for auditors and administrators: searchable list and event detail with the diff."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from bilim.apps.audit.models import AuditEvent
from bilim.apps.core.listing import Column, Filter, ListSpec, make_detail_view, make_export_view, make_list_view


def _types(user: Any) -> list[tuple[str, str]]:
    return [(t, t) for t in AuditEvent.objects.order_by().values_list("object_type", flat=True).distinct()[:100]]


EVENTS = ListSpec(
    action="audit.view_event",
    queryset=lambda: AuditEvent.objects.select_related("actor"),
    title=_("Audit trail"),
    detail_url="audit:event",
    export_url="audit:events_csv",
    csv_name="audit",
    search_fields=["object_repr", "object_id", "reason", "request_id", "actor__username"],
    search_help=_("Record, reason, user or request id"),
    filters=[
        Filter("action", _("Action"), "action", lambda u: AuditEvent.Action.choices),
        Filter("type", _("Record type"), "object_type", _types),
    ],
    columns=[
        Column(_("When"), lambda o: o.at, link=True),
        Column(_("Who"), lambda o: o.actor or ""),
        Column(_("Action"), lambda o: o.get_action_display()),
        Column(_("Record type"), lambda o: o.object_type),
        Column(_("Record"), lambda o: o.object_repr),
        Column(_("Reason"), lambda o: o.reason),
        Column(_("Request id"), lambda o: o.request_id, csv_only=True),
    ],
)


def _event_fields(o: AuditEvent) -> list[tuple[Any, Any]]:
    before, after = o.before or {}, o.after or {}
    changed = sorted(k for k in set(before) | set(after) if before.get(k) != after.get(k))
    return [
        (_("When"), o.at),
        (_("Who"), o.actor),
        (_("Action"), o.get_action_display()),
        (_("Record type"), o.object_type),
        (_("Record"), f"{o.object_repr} (#{o.object_id})"),
        (_("Reason"), o.reason),
        (_("Request id"), o.request_id),
        *[(k, f"{before.get(k, '—')} → {after.get(k, '—')}") for k in changed],
    ]


event_list = make_list_view(EVENTS)
event_csv = make_export_view(EVENTS)
# an audit event has no history of its own (append-only); the shared template shows an empty section
event_detail = make_detail_view("audit.view_event", EVENTS.queryset, "core/detail.html", _event_fields, title=str)
