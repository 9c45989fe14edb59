from django.urls import path

from bilim.apps.audit import views

app_name = "audit"
urlpatterns = [
    path("", views.event_list, name="events"),
    path("export.csv", views.event_csv, name="events_csv"),
    path("<int:pk>/", views.event_detail, name="event"),
]
