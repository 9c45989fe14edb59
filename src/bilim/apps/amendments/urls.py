"""Amendment impact."""
from django.urls import path

from bilim.apps.amendments import views as v

app_name = "amendments"
urlpatterns: list = [
    path("", v.proposal_list, name="list"),
    path("<int:pk>/", v.proposal_detail, name="detail"),
    path("<int:pk>/xlsx/", v.proposal_xlsx, name="xlsx"),
    path("<int:pk>/agenda/", v.proposal_attach, name="attach"),
]
