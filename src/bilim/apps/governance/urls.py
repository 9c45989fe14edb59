from django.urls import path

from bilim.apps.governance import views

app_name = "governance"
urlpatterns = [
    path("bodies/", views.body_list, name="bodies"),
    path("bodies/export.csv", views.body_csv, name="bodies_csv"),
    path("bodies/<int:pk>/", views.body_detail, name="body"),
    path("decisions/", views.decision_list, name="decisions"),
    path("decisions/export.csv", views.decision_csv, name="decisions_csv"),
    path("decisions/new/", views.decision_new, name="decision_new"),
    path("decisions/<int:pk>/", views.decision_detail, name="decision"),
    path("decisions/<int:pk>/edit/", views.decision_edit, name="decision_edit"),
    path("decisions/<int:pk>/adopt/", views.decision_adopt, name="decision_adopt"),
    path("decisions/<int:pk>/supersede/", views.decision_supersede, name="decision_supersede"),
]
