"""KTMU programmes, courses and quotas."""
from django.urls import path

from bilim.apps.programmes import views

app_name = "programmes"
urlpatterns = [
    path("", views.proposals, name="proposals"),
    path("export.csv", views.proposals_export, name="proposals_export"),
    path("queue/<str:body>/", views.queue, name="queue"),
    *[path(f"queue/{body}/", views.queue, {"body": body}, name=f"queue_{body}") for body in views.QUEUES],
    path("new/", views.proposal_new, name="proposal_new"),
    path("<int:pk>/", views.proposal_detail, name="proposal"),
    path("<int:pk>/edit/", views.proposal_edit, name="proposal_edit"),
    path("catalogue/", views.catalogue, name="catalogue"),
    path("catalogue/export.csv", views.catalogue_export, name="catalogue_export"),
    path("catalogue/<int:pk>/", views.programme_detail, name="programme"),
    path("courses/", views.courses, name="courses"),
    path("courses/export.csv", views.courses_export, name="courses_export"),
    path("courses/new/", views.course_new, name="course_new"),
    path("courses/<int:pk>/", views.course_detail, name="course"),
    path("quotas/", views.quotas, name="quotas"),
    path("quotas/export.csv", views.quotas_export, name="quotas_export"),
    path("quotas/new/", views.quota_new, name="quota_new"),
    path("quotas/<int:pk>/", views.quota_detail, name="quota"),
    path("admissions/", views.announcements_public, name="announcements"),
    path("admissions/<int:pk>/", views.announcement_public, name="announcement"),
]
