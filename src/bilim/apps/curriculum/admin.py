"""Reference data edited in the admin; every change is audited."""

from django.contrib import admin

from bilim.apps.audit.admin_mixins import AuditedAdmin
from bilim.apps.curriculum.models import AcademicYear, CalendarPeriod, Course, Offering, Programme, Term


@admin.register(AcademicYear)
class AcademicYearAdmin(AuditedAdmin):
    list_display = ("code", "institution", "starts_on", "ends_on")


@admin.register(Term)
class TermAdmin(AuditedAdmin):
    list_display = ("year", "kind", "starts_on", "ends_on")


@admin.register(CalendarPeriod)
class CalendarPeriodAdmin(AuditedAdmin):
    list_display = ("institution", "kind", "starts_on", "ends_on", "term")
    list_filter = ("kind", "institution")


@admin.register(Programme)
class ProgrammeAdmin(AuditedAdmin):
    list_display = ("code", "name_en", "level", "institution", "unit", "is_active")
    list_filter = ("level", "institution")
    search_fields = ("code", "name_en", "name_ky")


@admin.register(Course)
class CourseAdmin(AuditedAdmin):
    list_display = ("code", "title_en", "ects", "kind", "language", "institution")
    list_filter = ("kind", "language", "institution")
    search_fields = ("code", "title_en", "title_ky")


@admin.register(Offering)
class OfferingAdmin(AuditedAdmin):
    list_display = ("course", "term", "section", "capacity", "language")
    autocomplete_fields = ("course",)
