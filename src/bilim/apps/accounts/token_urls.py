from django.urls import path

from bilim.apps.accounts import views

app_name = "accounts"
urlpatterns = [
    path("", views.tokens, name="tokens"),
    path("<int:pk>/revoke/", views.token_revoke_view, name="token_revoke"),
]
