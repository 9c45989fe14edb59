from django.contrib import admin

from bilim.apps.governance.models import Body, Decision, Meeting, Membership


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    raw_id_fields = ("person",)


@admin.register(Body)
class BodyAdmin(admin.ModelAdmin):
    list_display = ("code", "name_en", "kind", "institution")
    list_filter = ("kind", "institution")
    search_fields = ("code", "name_en")
    inlines = [MembershipInline]


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ("body", "number", "held_on")


@admin.register(Decision)
class DecisionAdmin(admin.ModelAdmin):
    list_display = ("number", "date", "body", "title", "status")
    list_filter = ("status", "body__kind")
    search_fields = ("number", "title")

    def get_readonly_fields(self, request, obj=None):  # type: ignore[no-untyped-def]
        if obj is not None and obj.status != Decision.Status.DRAFT:
            return [f.name for f in Decision._meta.fields]
        return []
