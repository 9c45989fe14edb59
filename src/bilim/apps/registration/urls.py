"""KTMU semester registration (/postgrad/registration/…)."""
from django.urls import path

from . import views

app_name = "registration"
urlpatterns = [
    path("", views.mine, name="mine"),
    path("<int:pk>/", views.detail, name="detail"),
    path("queue/", views.queue, name="queue"),
    path("overview/", views.overview, name="overview"),
    path("overview/export.csv", views.overview_csv, name="overview_csv"),
    path("other-hei/new/", views.apply_other_hei, name="apply_other_hei"),
    path("other-hei/<int:pk>/", views.other_hei, name="other_hei"),
    path("recognition/new/", views.apply_recognition, name="apply_recognition"),
    path("recognition/<int:pk>/", views.recognition, name="recognition"),
    path("timetable/<int:pk>/", views.timetable, name="timetable"),
    path("calendars/", views.calendars, name="calendars"),
    path("calendars/<int:pk>/<slug:action>/", views.calendar_action, name="calendar_action"),
]
