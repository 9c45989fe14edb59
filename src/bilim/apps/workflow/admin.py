from django.contrib import admin

from bilim.apps.workflow.models import Transition


@admin.register(Transition)
class TransitionAdmin(admin.ModelAdmin):
    list_display = ("object_type", "object_id", "workflow", "source", "action", "target", "actor", "at")
    list_filter = ("workflow", "object_type")
    search_fields = ("object_id", "reason")

    def has_change_permission(self, request, obj=None):  # append-only
        return False

    def has_delete_permission(self, request, obj=None):
        return False
