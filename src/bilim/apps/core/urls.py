from django.urls import path

from bilim.apps.core import uploads, views

urlpatterns = [
    path("language/", views.set_language, name="set_language"),
    path("health/", views.health, name="health"),
    path("files/earlier/<int:pk>/", uploads.retired_download, name="file_retired"),  # before the pattern it would match
    path("files/<slug:key>/<int:pk>/", uploads.download, name="file_download"),
    path("files/<slug:key>/<int:pk>/view/", uploads.preview, name="file_preview"),
]
