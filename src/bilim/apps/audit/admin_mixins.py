"""Admin mixins: records that services own are read-only; everything else the admin changes is audited.

Why: the Django admin writes rows directly. For a grade, an enrolment, a mobility file or a decision
that would bypass the services' rules (who may enter a score, which transitions exist, when a decision
becomes immutable) and their audit rows. So those models use :class:`ServiceOwnedAdmin` (viewable,
never added, changed or deleted here), and every admin that may still change something uses
:class:`AuditedAdmin`, which writes an audit row with before/after for each save and delete — inline
rows included — in the admin's own transaction.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db import models, transaction
from django.http import HttpRequest

from bilim.apps.audit.models import AuditEvent
from bilim.apps.audit.services import record, snapshot

ADMIN_REASON = "admin"


def _stored(obj: models.Model) -> dict[str, Any] | None:
    """The row as the database holds it now (the admin form has already changed the instance in memory)."""
    if obj.pk is None:
        return None
    stored = type(obj)._default_manager.filter(pk=obj.pk).first()
    return snapshot(stored) if stored is not None else None


class ReadOnlyAdminMixin:
    """Viewable in the admin, but never added, changed or deleted there: a service owns these rows."""

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class AuditedAdminMixin:
    """Every save and delete made through this admin (and its inlines) writes an audit row with before/after."""

    def save_model(self, request: HttpRequest, obj: models.Model, form: Any, change: bool) -> None:
        with transaction.atomic():
            before = _stored(obj) if change else None
            super().save_model(request, obj, form, change)  # type: ignore[misc]
            action = AuditEvent.Action.UPDATE if change and before is not None else AuditEvent.Action.CREATE
            record(actor=request.user, action=action, obj=obj, before=before, reason=ADMIN_REASON)

    def delete_model(self, request: HttpRequest, obj: models.Model) -> None:
        with transaction.atomic():
            record(actor=request.user, action=AuditEvent.Action.DELETE, obj=obj, before=_stored(obj) or snapshot(obj), reason=ADMIN_REASON)
            super().delete_model(request, obj)  # type: ignore[misc]

    def delete_queryset(self, request: HttpRequest, queryset: models.QuerySet[Any]) -> None:
        with transaction.atomic():
            for obj in queryset:
                record(actor=request.user, action=AuditEvent.Action.DELETE, obj=obj, before=snapshot(obj), reason=ADMIN_REASON)
            super().delete_queryset(request, queryset)  # type: ignore[misc]

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        """Inline rows: audit each one created, changed or deleted."""
        with transaction.atomic():
            befores = {f.instance.pk: _stored(f.instance) for f in formset.initial_forms if f.instance.pk is not None}
            instances = formset.save(commit=False)
            for obj in formset.deleted_objects:
                record(actor=request.user, action=AuditEvent.Action.DELETE, obj=obj, before=befores.get(obj.pk) or snapshot(obj), reason=ADMIN_REASON)
                obj.delete()
            for obj in instances:
                before = befores.get(obj.pk) if obj.pk is not None else None
                obj.save()
                action = AuditEvent.Action.UPDATE if before is not None else AuditEvent.Action.CREATE
                record(actor=request.user, action=action, obj=obj, before=before, reason=ADMIN_REASON)
            formset.save_m2m()


class ServiceOwnedAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """A ModelAdmin for rows only services may write (grades, enrolments, files, transitions, audit events…)."""


class ServiceOwnedInline(ReadOnlyAdminMixin, admin.TabularInline):
    """An inline showing service-owned rows read-only."""

    extra = 0


class AuditedAdmin(AuditedAdminMixin, admin.ModelAdmin):
    """A ModelAdmin whose every change is audited."""
