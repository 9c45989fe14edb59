"""The audit trail for auditors and administrators: searchable list and event detail with the diff."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from bilim.apps.audit.models import AuditEvent
from bilim.apps.core.listing import Column, Filter, ListSpec, make_detail_view, make_export_view, make_list_view


def _types(user: Any) -> list[tuple[str, str]]:
    from bilim.apps.core.history import record_type_label

    return [(t, record_type_label(t)) for t in AuditEvent.objects.order_by().values_list("object_type", flat=True).distinct()[:100]]


def _type(label: str) -> str:
    from bilim.apps.core.history import record_type_label

    return record_type_label(label)


def _reason(reason: str) -> str:
    from bilim.apps.core.history import reason_text

    return reason_text(reason)


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
        Column(_("Record type"), lambda o: _type(o.object_type)),
        Column(_("Record"), lambda o: o.object_repr),
        Column(_("Reason"), lambda o: _reason(o.reason)),
        Column(_("Request id"), lambda o: o.request_id, csv_only=True),
    ],
)


def _event_fields(o: AuditEvent) -> list[tuple[Any, Any]]:
    from bilim.apps.core.history import changes, reason_text

    return [
        (_("When"), o.at),
        (_("Who"), o.actor),
        (_("Action"), o.get_action_display()),
        (_("Record type"), _type(o.object_type)),
        (_("Record"), f"{o.object_repr} (#{o.object_id})"),
        (_("Reason"), reason_text(o.reason)),
        (_("Request id"), o.request_id),
        *[(c["label"], f"{c['before']} → {c['after']}") for c in changes(o)],
    ]


event_list = make_list_view(EVENTS)
event_csv = make_export_view(EVENTS)
# an audit event has no history of its own (append-only); the shared template shows an empty section
event_detail = make_detail_view("audit.view_event", EVENTS.queryset, "core/detail.html", _event_fields, title=str)
