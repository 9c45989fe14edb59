"""KTMU languages, preparation, supervision and thesis: /postgrad/thesis/."""
from django.urls import path

from bilim.apps.thesis import views

app_name = "thesis"
urlpatterns = [
    path("", views.queue, name="queue"),
    path("me/", views.me, name="me"),
    path("students/", views.student_list, name="students"),
    path("students.csv", views.student_csv, name="students_csv"),
    path("student/<int:pk>/", views.student, name="student"),
    path("student/<int:pk>/act/<slug:kind>/", views.student_act, name="student_act"),
    path("language/<int:pk>/", views.language, name="language"),
    path("spp/<int:pk>/", views.spp, name="spp"),
    path("supervision/<int:pk>/", views.supervision, name="supervision"),
    path("appeal/<int:pk>/", views.appeal, name="appeal"),
    path("record/<slug:kind>/<int:pk>/act/<slug:action>/", views.record_act, name="record_act"),
]
