from django.urls import path

from bilim.apps.mobility import views as v
from bilim.apps.mobility import views_documents as vd
from bilim.apps.mobility import views_office as vo
from bilim.apps.mobility import views_tables as vt

app_name = "mobility"
urlpatterns = [
    path("partners/", v.partners, name="partners"),
    path("calls/", v.calls, name="calls"),
    path("calls/feed/", v.CallsFeed(), name="calls_feed"),
    path("calls/new/", v.call_new, name="call_new"),
    path("calls/<int:pk>/", v.call_detail, name="call"),
    path("calls/<int:pk>/act/", v.call_act, name="call_act"),
    path("applications/", v.applications, name="applications"),
    path("applications/new/", v.application_new, name="application_new"),
    path("applications/<int:pk>/", v.application_detail, name="application"),
    path("applications/<int:pk>/act/", v.application_act, name="application_act"),
    path("applications/<int:pk>/isp/", vt.isp_edit, name="isp_edit"),
    path("applications/<int:pk>/la-changes/", vt.la_changes_edit, name="la_change_edit"),
    path("applications/<int:pk>/results/", vt.host_results_edit, name="results_edit"),
    path("applications/<int:pk>/doc/<slug:code>.<str:fmt>", v.application_document, name="application_doc"),
    path("applications/<int:pk>/documents/", vd.document_upload, name="document_upload"),
    path("applications/<int:pk>/documents/<int:doc>/remove/", vd.document_remove, name="document_remove"),
    path("applications/<int:pk>/ewp/<str:kind>.xml", v.application_ewp, name="application_ewp"),
    path("trips/", v.trips, name="trips"),
    path("trips/new/", v.trip_new, name="trip_new"),
    path("trips/<int:pk>/", v.trip_detail, name="trip"),
    path("trips/<int:pk>/act/", v.trip_act, name="trip_act"),
    path("trips/<int:pk>/doc/<slug:code>.<str:fmt>", v.trip_document, name="trip_doc"),
    path("incoming/", v.incoming, name="incoming"),
    path("incoming/new/", v.incoming_new, name="incoming_new"),
    path("incoming/<int:pk>/", v.incoming_detail, name="incoming_detail"),
    path("incoming/<int:pk>/act/", v.incoming_act, name="incoming_act"),
    path("overdue/", v.overdue, name="overdue"),
    path("statistics/", v.stats, name="stats"),
    path("statistics.xlsx", v.stats_xlsx, name="stats_xlsx"),
    path("calls/<int:pk>/commission/", vo.call_commission, name="call_commission"),
    path("tasks/", vo.tasks, name="tasks"),
    path("tasks/new/", vo.task_new, name="task_new"),
    path("tasks/<int:pk>/", vo.task_detail, name="task"),
    path("consultations/", vo.consultations, name="consultations"),
    path("consultations/new/", vo.consultation_new, name="consultation_new"),
    path("consultations/<int:pk>/", vo.consultation_detail, name="consultation"),
    path("correspondence/", vo.correspondence, name="correspondence"),
    path("correspondence/new/", vo.correspondence_new, name="correspondence_new"),
    path("partners/mailing/", vo.partner_mailing, name="partner_mailing"),
    path("programmes/", vo.programmes, name="programmes"),
    path("programmes/new/", vo.programme_new, name="programme_new"),
    path("programmes/<int:pk>/", vo.programme_detail, name="programme"),
    path("programmes/<int:pk>/edit/", vo.programme_edit, name="programme_edit"),
]
