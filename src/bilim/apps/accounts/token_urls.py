from django.urls import path

from bilim.apps.accounts import views

app_name = "accounts"
urlpatterns = [path("", views.tokens, name="tokens")]
