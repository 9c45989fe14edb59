"""Mobility in the admin. Agreements (with their yearly places) and document templates are reference data edited
here, audited; places taken stay the services'. Calls, student files, their documents, study plans, learning
agreements, results, recognitions, staff trips and incoming participants are written only by the mobility
services (rules, transitions, audit): the admin shows them read-only."""

from django.contrib import admin

from bilim.apps.audit.admin_mixins import AuditedAdmin, ServiceOwnedAdmin, ServiceOwnedInline
from bilim.apps.mobility import models as m


class QuotaInline(admin.TabularInline):
    model = m.AgreementQuota
    extra = 0
    readonly_fields = ("used",)  # places are taken and given back by the selection services


@admin.register(m.Agreement)
class AgreementAdmin(AuditedAdmin):
    list_display = ("partner", "kind", "number", "starts_on", "ends_on", "funding_programme", "is_public")
    list_filter = ("kind", "funding_programme", "is_public")
    search_fields = ("partner__name_en", "partner__name_ky", "number")
    inlines = [QuotaInline]


@admin.register(m.Call)
class CallAdmin(ServiceOwnedAdmin):
    list_display = ("title", "host", "programme", "level", "deadline", "quota", "quota_used", "published")
    list_filter = ("programme", "level", "published", "selection_kind")
    search_fields = ("title",)


class DocumentInline(ServiceOwnedInline):
    model = m.MobilityDocument


@admin.register(m.StudentMobility)
class StudentMobilityAdmin(ServiceOwnedAdmin):
    list_display = ("id", "student", "host", "term", "scope", "state", "start_date", "end_date")
    list_filter = ("state", "term", "scope")
    search_fields = ("student__person__last_name", "host__name_en")
    inlines = [DocumentInline]


class IspItemInline(ServiceOwnedInline):
    model = m.IspItem


@admin.register(m.IspVersion)
class IspAdmin(ServiceOwnedAdmin):
    list_display = ("mobility", "number", "status")
    inlines = [IspItemInline]


@admin.register(m.HostResult)
class HostResultAdmin(ServiceOwnedAdmin):
    list_display = ("mobility", "title", "grade", "credits", "outcome", "score_100")


@admin.register(m.Recognition)
class RecognitionAdmin(ServiceOwnedAdmin):
    list_display = ("host_result", "decision", "home_course", "score_100", "decided_on")


@admin.register(m.StaffTrip)
class StaffTripAdmin(ServiceOwnedAdmin):
    list_display = ("id", "staff", "host", "start_date", "end_date", "state")
    list_filter = ("state",)


@admin.register(m.IncomingMobility)
class IncomingAdmin(ServiceOwnedAdmin):
    list_display = ("id", "last_name", "first_name", "home", "faculty", "state")
    list_filter = ("state", "kind")


@admin.register(m.DocumentTemplate)
class DocumentTemplateAdmin(AuditedAdmin):
    list_display = ("code", "title_en", "updated_at")
    search_fields = ("code", "title_en", "title_ky")


@admin.register(m.LearningAgreement)
class LearningAgreementAdmin(ServiceOwnedAdmin):
    list_display = ("mobility", "number")


@admin.register(m.DltResult)
class DltResultAdmin(ServiceOwnedAdmin):
    pass
