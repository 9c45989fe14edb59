"""Reference data edited in the admin; every change is audited."""

from django.contrib import admin
from django.db import models

from bilim.apps.audit.admin_mixins import AuditedAdmin
from bilim.apps.org.models import Institution, Unit


@admin.register(Institution)
class InstitutionAdmin(AuditedAdmin):
    list_display = ("code", "name_en", "country", "city", "is_home", "regulation_set")
    list_filter = ("country", "is_home", "regulation_set")
    search_fields = ("code", "name_en", "name_ky", "name_ru", "erasmus_code")
    # "www.oshsu.kg" means https://www.oshsu.kg (Django 6's default; without it 5.2 warns and assumes http)
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


@admin.register(Unit)
class UnitAdmin(AuditedAdmin):
    list_display = ("code", "name_en", "kind", "institution", "parent")
    list_filter = ("kind", "institution")
    search_fields = ("code", "name_en", "name_ky")
