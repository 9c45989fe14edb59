from django.urls import path

from bilim.apps.desk import views

app_name = "desk"
urlpatterns = [
    path("", views.tasks, name="tasks"),
    path("notifications/", views.notifications, name="notifications"),
    path("notifications/<int:pk>/read/", views.notification_read, name="notification_read"),
    path("notifications/read-all/", views.notifications_read_all, name="notifications_read_all"),
    path("profile/", views.profile, name="profile"),
]
