from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from bilim.apps.accounts.models import RoleAssignment, User
from bilim.apps.audit.admin_mixins import AuditedAdmin, AuditedAdminMixin


class RoleInline(admin.TabularInline):
    model = RoleAssignment
    extra = 0
    autocomplete_fields = ("unit", "institution", "programme", "body")


@admin.register(User)
class BilimUserAdmin(AuditedAdminMixin, UserAdmin):
    fieldsets = (*UserAdmin.fieldsets, ("Bilim", {"fields": ("language",)}))
    inlines = [RoleInline]


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(AuditedAdmin):
    list_display = ("user", "role", "institution", "unit", "programme", "body", "starts_on", "ends_on")
    list_filter = ("role",)
    search_fields = ("user__username", "user__email")
    autocomplete_fields = ("user", "unit", "institution", "programme", "body")
