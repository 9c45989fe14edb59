from django.urls import path

from bilim.apps.desk import views

app_name = "desk"
urlpatterns = [path("", views.tasks, name="tasks")]
