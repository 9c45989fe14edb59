"""KTMU student status: leave, academic leave, dismissal, plagiarism."""
from django.urls import path

from bilim.apps.standing import views as v

app_name = "standing"
urlpatterns: list = [
    path("", v.home, name="home"),
    path("leave/apply/", v.leave_apply, name="leave_apply"),
    path("acleave/apply/", v.acleave_apply, name="acleave_apply"),
    path("acleave/<int:pk>/return/", v.report_return, name="report_return"),
    path("queues/", v.queues, name="queues"),
    path("checks/", v.check_list, name="checks"),
    path("checks/<int:pk>/", v.check_detail, name="check"),
    path("complain/<int:student_pk>/", v.complain, name="complain"),
    path("own-request/<int:student_pk>/", v.own_request, name="own_request"),
    *[p for kind in v.SPECS for p in (
        path(f"list/{kind}/", v.LISTS[kind], name=f"{kind}_list"),
        path(f"list/{kind}/csv/", v.EXPORTS[kind], name=f"{kind}_csv"),
        path(f"r/{kind}/<int:pk>/", v.kind_redirect(kind), name=f"{kind}_redirect"),
    )],
    path("<str:kind>/<int:pk>/", v.detail, name="detail"),
    path("<str:kind>/<int:pk>/step/<str:action>/", v.step, name="step"),
]
