from django.urls import path

from bilim.apps.imports import views

app_name = "imports"
urlpatterns = [
    path("", views.index, name="index"),
    path("<str:kind>/", views.upload, name="upload"),
    path("<str:kind>/run/", views.run, name="run"),
    path("<str:kind>/template.<str:fmt>", views.template, name="template"),
    path("<str:kind>/export.<str:fmt>", views.export, name="export"),
]
