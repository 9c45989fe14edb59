from django.contrib import admin

from bilim.apps.records.models import Enrolment, Grade


@admin.register(Enrolment)
class EnrolmentAdmin(admin.ModelAdmin):
    list_display = ("student", "offering", "status")
    raw_id_fields = ("student", "offering")


@admin.register(Grade)
class GradeAdmin(admin.ModelAdmin):
    list_display = ("enrolment", "score", "letter", "coefficient", "passed", "graded_on", "table_version")
    raw_id_fields = ("enrolment",)
