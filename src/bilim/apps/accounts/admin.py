"""Users and role assignments are edited in the admin; every change (a password set here included) is audited."""

from typing import Any

from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.contrib.auth.admin import UserAdmin
from django.db import transaction
from django.http import HttpRequest, HttpResponse

from bilim.apps.accounts.models import RoleAssignment, User
from bilim.apps.audit.admin_mixins import ADMIN_REASON, AuditedAdmin, AuditedAdminMixin
from bilim.apps.audit.models import AuditEvent
from bilim.apps.audit.services import record


class RoleInline(admin.TabularInline):
    model = RoleAssignment
    extra = 0
    autocomplete_fields = ("unit", "institution", "programme", "body")


@admin.register(User)
class BilimUserAdmin(AuditedAdminMixin, UserAdmin):
    fieldsets = (*(UserAdmin.fieldsets or ()), ("Bilim", {"fields": ("language",)}))
    inlines = [RoleInline]

    def user_change_password(self, request: HttpRequest, id: str, form_url: str = "") -> HttpResponse:  # noqa: A002
        """The password form saves the user itself (not through save_model): audit it here, without the hash."""
        with transaction.atomic():
            response: Any = super().user_change_password(request, id, form_url)
            if request.method == "POST" and response.status_code == 302:
                user = self.get_object(request, unquote(id))
                if user is not None:
                    record(actor=request.user, action=AuditEvent.Action.UPDATE, obj=user, before={"password": "(previous)"},
                           after={"password": "(set in the admin)"}, reason=ADMIN_REASON)
        return response


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(AuditedAdmin):
    list_display = ("user", "role", "institution", "unit", "programme", "body", "starts_on", "ends_on")
    list_filter = ("role",)
    search_fields = ("user__username", "user__email")
    autocomplete_fields = ("user", "unit", "institution", "programme", "body")
