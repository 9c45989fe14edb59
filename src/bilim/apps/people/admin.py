"""Reference data edited in the admin; every change is audited."""

from django.contrib import admin

from bilim.apps.audit.admin_mixins import AuditedAdmin
from bilim.apps.people.models import Person, Staff, Student


@admin.register(Person)
class PersonAdmin(AuditedAdmin):
    list_display = ("last_name", "first_name", "last_name_latin", "citizenship", "email")
    search_fields = ("last_name", "first_name", "last_name_latin", "email")


@admin.register(Student)
class StudentAdmin(AuditedAdmin):
    list_display = ("student_number", "person", "level", "programme", "year_of_study", "funding", "status")
    list_filter = ("level", "funding", "status", "institution")
    search_fields = ("student_number", "person__last_name", "person__last_name_latin")
    autocomplete_fields = ("person", "unit", "programme", "institution")
    readonly_fields = ("status",)  # changed by the services of leave, dismissal, graduation


@admin.register(Staff)
class StaffAdmin(AuditedAdmin):
    list_display = ("person", "unit", "kind", "degree", "title", "full_time")
    list_filter = ("kind", "degree", "title", "institution")
    search_fields = ("person__last_name", "person__last_name_latin")
    autocomplete_fields = ("person", "unit", "institution")
