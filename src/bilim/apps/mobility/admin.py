from django.contrib import admin

from bilim.apps.mobility import models as m


class QuotaInline(admin.TabularInline):
    model = m.AgreementQuota
    extra = 0


@admin.register(m.Agreement)
class AgreementAdmin(admin.ModelAdmin):
    list_display = ("partner", "kind", "number", "starts_on", "ends_on", "funding_programme", "is_public")
    list_filter = ("kind", "funding_programme", "is_public")
    search_fields = ("partner__name_en", "partner__name_ky", "number")
    inlines = [QuotaInline]


@admin.register(m.Call)
class CallAdmin(admin.ModelAdmin):
    list_display = ("title", "host", "programme", "level", "deadline", "quota", "quota_used", "published")
    list_filter = ("programme", "level", "published", "selection_kind")
    search_fields = ("title",)


class DocumentInline(admin.TabularInline):
    model = m.MobilityDocument
    extra = 0


@admin.register(m.StudentMobility)
class StudentMobilityAdmin(admin.ModelAdmin):
    list_display = ("id", "student", "host", "term", "scope", "state", "start_date", "end_date")
    list_filter = ("state", "term", "scope")
    search_fields = ("student__person__last_name", "host__name_en")
    readonly_fields = ("state", "version")
    inlines = [DocumentInline]


class IspItemInline(admin.TabularInline):
    model = m.IspItem
    extra = 0


@admin.register(m.IspVersion)
class IspAdmin(admin.ModelAdmin):
    list_display = ("mobility", "number", "status")
    inlines = [IspItemInline]


@admin.register(m.HostResult)
class HostResultAdmin(admin.ModelAdmin):
    list_display = ("mobility", "title", "grade", "credits", "outcome", "score_100")


@admin.register(m.Recognition)
class RecognitionAdmin(admin.ModelAdmin):
    list_display = ("host_result", "decision", "home_course", "score_100", "decided_on")


@admin.register(m.StaffTrip)
class StaffTripAdmin(admin.ModelAdmin):
    list_display = ("id", "staff", "host", "start_date", "end_date", "state")
    list_filter = ("state",)
    readonly_fields = ("state", "version")


@admin.register(m.IncomingMobility)
class IncomingAdmin(admin.ModelAdmin):
    list_display = ("id", "last_name", "first_name", "home", "faculty", "state")
    list_filter = ("state", "kind")
    readonly_fields = ("state", "version")


@admin.register(m.DocumentTemplate)
class DocumentTemplateAdmin(admin.ModelAdmin):
    list_display = ("code", "title_en", "updated_at")
    search_fields = ("code", "title_en", "title_ky")


admin.site.register(m.LearningAgreement)
admin.site.register(m.DltResult)
