"""Root URL configuration: each app mounts its own urls module."""

from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", include("bilim.apps.api.urls")),
    path("accounts/", include("bilim.apps.accounts.urls")),
    path("mobility/", include("bilim.apps.mobility.urls")),
    path("postgrad/", include("bilim.apps.postgrad.urls")),
    path("regulations/", include("bilim.apps.rulebook.urls")),
    path("outbox/", include("bilim.apps.outbox.urls")),
    path("", include("bilim.apps.core.urls")),
]
if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
