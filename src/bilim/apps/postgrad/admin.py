"""Score sheets, appeals and corrections are written only by the postgrad services through the transition
service (KTMU-W-15, W-16b, W-16c): the admin shows them and changes nothing."""

from django.contrib import admin

from bilim.apps.audit.admin_mixins import ServiceOwnedAdmin
from bilim.apps.postgrad import models as m


@admin.register(m.ScoreSheet)
class ScoreSheetAdmin(ServiceOwnedAdmin):
    list_display = ("enrolment", "state", "submitted_on", "published_on")
    list_filter = ("state",)
    raw_id_fields = ("enrolment",)


@admin.register(m.GradeAppeal)
class GradeAppealAdmin(ServiceOwnedAdmin):
    list_display = ("sheet", "state", "filed_on")
    list_filter = ("state",)
    raw_id_fields = ("sheet",)


@admin.register(m.GradeCorrection)
class GradeCorrectionAdmin(ServiceOwnedAdmin):
    list_display = ("sheet", "state", "reason", "filed_on")
    list_filter = ("state",)
    raw_id_fields = ("sheet",)


@admin.register(m.AssessmentPlan)
class AssessmentPlanAdmin(ServiceOwnedAdmin):
    list_display = ("offering", "final_exam_date")
    raw_id_fields = ("offering",)
