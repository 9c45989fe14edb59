"""The home page and the dashboard, mounted at the site's root (names without namespace: ``home``, ``dashboard``)."""

from django.urls import path

from bilim.apps.desk import views

urlpatterns = [
    path("", views.home, name="home"),
    path("dashboard/", views.dashboard, name="dashboard"),
]
