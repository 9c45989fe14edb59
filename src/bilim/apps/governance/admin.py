"""Bodies, seats and meetings are edited in the admin (audited). Decisions are the governance services': a draft may
be corrected here (audited), but its status never changes here, an adopted decision is read-only and cannot be deleted
(the model and its queryset refuse too)."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from bilim.apps.audit.admin_mixins import AuditedAdmin, AuditedAdminMixin
from bilim.apps.governance.models import Body, Decision, Meeting, Membership

#: set only by decision_adopt / decision_supersede
SERVICE_FIELDS = ("status", "supersedes", "adopted_at", "created_by")


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    raw_id_fields = ("person",)


@admin.register(Body)
class BodyAdmin(AuditedAdmin):
    list_display = ("code", "name_en", "kind", "institution")
    list_filter = ("kind", "institution")
    search_fields = ("code", "name_en")
    inlines = [MembershipInline]


@admin.register(Meeting)
class MeetingAdmin(AuditedAdmin):
    """Read-only: meetings are convened, opened, voted and closed on their pages (states through the services)."""

    list_display = ("body", "number", "held_on", "status")
    list_filter = ("status", "body__kind")

    def has_add_permission(self, request: Any) -> bool:
        return False

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        return False


@admin.register(Decision)
class DecisionAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ("number", "date", "body", "title", "status")
    list_filter = ("status", "body__kind")
    search_fields = ("number", "title")

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        if obj is not None and obj.status != Decision.Status.DRAFT:
            return [f.name for f in Decision._meta.fields]
        return SERVICE_FIELDS

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # decisions are recorded through governance (decision_create), which checks the body's officers

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if obj is not None and obj.status != Decision.Status.DRAFT:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if obj is not None and obj.was_adopted:
            return False
        return super().has_delete_permission(request, obj)

    def get_deleted_objects(self, objs: Any, request: HttpRequest) -> Any:
        """The confirmation page lists adopted decisions as protected, so the admin refuses before deleting anything."""
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        adopted = [str(d) for d in objs if d.was_adopted]
        return deleted, counts, perms_needed, [*protected, *adopted]
