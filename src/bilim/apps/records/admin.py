"""Enrolments and grades are written by the records services (who may enter a score, the grading table in force,
the audit row): the admin only shows them."""

from django.contrib import admin

from bilim.apps.audit.admin_mixins import ServiceOwnedAdmin
from bilim.apps.records.models import Enrolment, Grade


@admin.register(Enrolment)
class EnrolmentAdmin(ServiceOwnedAdmin):
    list_display = ("student", "offering", "status")
    raw_id_fields = ("student", "offering")


@admin.register(Grade)
class GradeAdmin(ServiceOwnedAdmin):
    list_display = ("enrolment", "score", "letter", "coefficient", "passed", "graded_on", "table_version")
    raw_id_fields = ("enrolment",)
