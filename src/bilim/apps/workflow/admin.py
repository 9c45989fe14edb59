"""Transitions are written only by the workflow service: readable in the admin, nothing more."""

from django.contrib import admin

from bilim.apps.audit.admin_mixins import ServiceOwnedAdmin
from bilim.apps.workflow.models import Transition


@admin.register(Transition)
class TransitionAdmin(ServiceOwnedAdmin):
    list_display = ("object_type", "object_id", "workflow", "source", "action", "target", "actor", "at")
    list_filter = ("workflow", "object_type")
    search_fields = ("object_id", "reason")
