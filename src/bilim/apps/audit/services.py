"""Writing audit events. Call inside the same transaction as the change."""

from __future__ import annotations

import datetime as dt
import decimal
from typing import Any

from django.db import models
from django.db.models.fields.files import FieldFile
from django.forms.models import model_to_dict

from bilim.apps.audit.middleware import current_request_id
from bilim.apps.audit.models import AuditEvent


def _jsonable(value: Any) -> Any:
    if isinstance(value, (dt.date, dt.datetime, dt.time)):
        return value.isoformat()
    if isinstance(value, dt.timedelta):
        return value.total_seconds()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, FieldFile):  # file fields (an empty one has no url: `hasattr` would raise ValueError)
        return value.name or None
    return value


def snapshot(obj: models.Model) -> dict[str, Any]:
    """The record's concrete field values as JSON."""
    data = model_to_dict(obj, fields=[f.name for f in obj._meta.concrete_fields])
    return {k: _jsonable(v) for k, v in data.items() if k not in {"password"}}


def record(
    *,
    actor: Any,
    action: str,
    obj: models.Model,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    reason: str = "",
) -> AuditEvent:
    """Append one audit event. ``before``/``after`` default to nothing / the current snapshot."""
    if after is None and action != AuditEvent.Action.DELETE:
        after = snapshot(obj)
    if before is not None and after is not None:
        changed = {k for k in set(before) | set(after) if before.get(k) != after.get(k)}
        if action == AuditEvent.Action.UPDATE and not changed:
            changed = set()
    return AuditEvent.objects.create(
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        action=action,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        object_repr=str(obj)[:300],
        before=before,
        after=after,
        request_id=current_request_id.get(),
        reason=reason,
    )


def history(obj: models.Model) -> models.QuerySet[AuditEvent]:
    return AuditEvent.objects.for_object(obj).select_related("actor")
