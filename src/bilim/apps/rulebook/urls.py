from django.urls import path

from bilim.apps.rulebook import views

app_name = "rulebook"
urlpatterns = [
    path("", views.rule_list, name="rules"),
    path("parameters/", views.parameter_list, name="parameters"),
    path("workflows/", views.workflow_list, name="workflows"),
    path("workflows/<str:code>/", views.workflow_detail, name="workflow"),
    path("original/<str:catalogue>/", views.original, name="original"),
    path("<str:rule_id>/developer/", views.rule_developer, name="rule_developer"),
    path("<str:rule_id>/", views.rule_detail, name="rule"),
]
