"""The audit trail is append-only: readable in the admin, never added, changed or deleted there."""

from django.contrib import admin

from bilim.apps.audit.admin_mixins import ServiceOwnedAdmin
from bilim.apps.audit.models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(ServiceOwnedAdmin):
    list_display = ("at", "actor", "action", "object_type", "object_id", "object_repr")
    list_filter = ("action", "object_type")
    search_fields = ("object_repr", "object_id", "request_id", "reason")
    readonly_fields = [f.name for f in AuditEvent._meta.fields]
