from django.urls import include, path

from bilim.apps.core import uploads, views

urlpatterns = [
    path("", views.home, name="home"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("language/", views.set_language, name="set_language"),
    path("health/", views.health, name="health"),
    path("files/earlier/<int:pk>/", uploads.retired_download, name="file_retired"),  # before the pattern it would match
    path("files/<slug:key>/<int:pk>/", uploads.download, name="file_download"),
    path("files/<slug:key>/<int:pk>/view/", uploads.preview, name="file_preview"),
    path("org/", include("bilim.apps.org.urls")),
    path("people/", include("bilim.apps.people.urls")),
    path("curriculum/", include("bilim.apps.curriculum.urls")),
    path("records/", include("bilim.apps.records.urls")),
    path("governance/", include("bilim.apps.governance.urls")),
    path("audit/", include("bilim.apps.audit.urls")),
    path("tokens/", include("bilim.apps.accounts.token_urls")),
]
