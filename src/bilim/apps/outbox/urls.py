from django.urls import path

from bilim.apps.outbox import views

app_name = "outbox"
urlpatterns = [
    path("", views.messages, name="messages"),
    path("<int:pk>/", views.message, name="message"),
]
