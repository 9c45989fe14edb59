"""Mobility in the admin. Agreements (with their yearly places) and document templates are reference data edited
here, audited; places taken stay the services'. Calls, student files, their documents, study plans, learning
agreements, results, recognitions, staff trips and incoming participants are written only by the mobility
services (rules, transitions, audit): the admin shows them read-only."""

from typing import Any

from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from bilim.apps.audit.admin_mixins import AuditedAdmin, ServiceOwnedAdmin, ServiceOwnedInline
from bilim.apps.core.uploads import download_url
from bilim.apps.mobility import models as m


def _download_link(key: str, obj: Any, field: str) -> str:
    """Stored files open through the authorised download view, never through MEDIA_URL (which serves nothing)."""
    if obj is None or obj.pk is None or not getattr(obj, field):
        return "—"
    return format_html('<a href="{}">{}</a>', download_url(key, obj), _("Download"))


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
    fields = ("kind", "download", "uploaded_at", "uploaded_by")
    readonly_fields = fields

    @admin.display(description=_("file"))
    def download(self, obj: m.MobilityDocument) -> str:
        return _download_link("mobility-document", obj, "file")


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
    exclude = ("invitation",)
    readonly_fields = ("invitation_letter",)

    @admin.display(description=_("invitation letter"))
    def invitation_letter(self, obj: m.StaffTrip) -> str:
        return _download_link("trip-invitation", obj, "invitation")


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
