"""Root URL configuration: each app mounts its own urls module."""

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", include("bilim.apps.api.urls")),
    path("accounts/", include("bilim.apps.accounts.urls")),
    path("mobility/", include("bilim.apps.mobility.urls")),
    path("postgrad/registration/", include("bilim.apps.registration.urls")),
    path("postgrad/status/", include("bilim.apps.standing.urls")),
    path("postgrad/thesis/", include("bilim.apps.thesis.urls")),
    path("postgrad/", include("bilim.apps.postgrad.urls")),
    path("programmes/", include("bilim.apps.programmes.urls")),
    path("admissions/", include("bilim.apps.admissions.urls")),
    path("regulations/", include("bilim.apps.rulebook.urls")),
    path("outbox/", include("bilim.apps.outbox.urls")),
    path("desk/", include("bilim.apps.desk.urls")),
    path("amendments/", include("bilim.apps.amendments.urls")),
    path("imports/", include("bilim.apps.imports.urls")),
    path("", include("bilim.apps.desk.site_urls")),  # the home page and the dashboard
    path("", include("bilim.apps.core.urls")),
    path("org/", include("bilim.apps.org.urls")),
    path("people/", include("bilim.apps.people.urls")),
    path("curriculum/", include("bilim.apps.curriculum.urls")),
    path("records/", include("bilim.apps.records.urls")),
    path("governance/", include("bilim.apps.governance.urls")),
    path("audit/", include("bilim.apps.audit.urls")),
    path("tokens/", include("bilim.apps.accounts.token_urls")),
]
# Uploaded files are never served from MEDIA_URL (not even in development): they are downloaded only through the
# authorised view ``files/<key>/<pk>/`` (bilim.apps.core.uploads), under random names, as attachments.

# Translated error pages (JSON under /api/); a refused query value is a 400 with its reason.
handler400 = "bilim.apps.core.errors.bad_request"
handler403 = "bilim.apps.core.errors.permission_denied"
handler404 = "bilim.apps.core.errors.page_not_found"
handler500 = "bilim.apps.core.errors.server_error"
