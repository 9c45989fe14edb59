"""KTMU admissions: the public portal and the staff pages."""
from django.urls import path

from bilim.apps.admissions import views

app_name = "admissions"
urlpatterns = [
    path("", views.portal, name="portal"),
    path("signup/", views.signup, name="signup"),
    path("round/<int:pk>/apply/", views.apply, name="apply"),
    path("round/<int:pk>/results/", views.results, name="results"),
    path("mine/", views.mine, name="mine"),
    path("application/<int:pk>/", views.application, name="application"),
    path("appeal/<int:pk>/", views.appeal, name="appeal"),
    path("rounds/", views.rounds, name="rounds"),
    path("rounds/<int:pk>/", views.round_detail, name="round"),
    path("rounds/<int:pk>/scores/", views.score_sheet, name="scores"),
    path("rounds/<int:pk>/export.<str:fmt>", views.round_export, name="export"),
    path("applications/", views.applications, name="applications"),
    path("applications/export.csv", views.applications_csv, name="applications_csv"),
    path("cases/<str:kind>/", views.cases, name="cases"),
    path("cases/<str:kind>/new/", views.case_new, name="case_new"),
    path("cases/<str:kind>/<int:pk>/", views.case, name="case"),
]
