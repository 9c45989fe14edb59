from django.urls import path

from bilim.apps.core import uploads, views

urlpatterns = [
    path("language/", views.set_language, name="set_language"),
    path("health/", views.health, name="health"),
    path("files/<slug:key>/<int:pk>/", uploads.download, name="file_download"),
]
