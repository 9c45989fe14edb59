from django.urls import path

from bilim.apps.records import views

app_name = "records"
urlpatterns = [
    path("grades/", views.grade_list, name="grades"),
    path("grades/export.csv", views.grade_csv, name="grades_csv"),
    path("grades/<int:pk>/", views.grade_detail, name="grade"),
]
