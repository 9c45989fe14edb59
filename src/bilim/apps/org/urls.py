from django.urls import path

from bilim.apps.org import views

app_name = "org"
urlpatterns = [
    path("institutions/", views.institution_list, name="institutions"),
    path("institutions/export.csv", views.institution_csv, name="institutions_csv"),
    path("institutions/<int:pk>/", views.institution_detail, name="institution"),
    path("units/", views.unit_list, name="units"),
    path("units/export.csv", views.unit_csv, name="units_csv"),
    path("units/<int:pk>/", views.unit_detail, name="unit"),
]
