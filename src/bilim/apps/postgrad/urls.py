from django.urls import path

from bilim.apps.postgrad import views

app_name = "postgrad"
urlpatterns = [
    path("courses/", views.offering_list, name="offerings"),
    path("courses/<int:pk>/", views.offering_detail, name="offering"),
    path("courses/<int:pk>/plan/", views.offering_plan, name="offering_plan"),
    path("courses/<int:pk>/scores/", views.offering_scores, name="offering_scores"),
    path("courses/<int:pk>/sessions/", views.offering_session, name="offering_session"),
    path("supervision/", views.supervision_list, name="supervisions"),
    path("supervision/new/", views.supervision_new, name="supervision_new"),
    path("supervision/<int:pk>/", views.supervision_detail, name="supervision"),
    path("supervision/<int:pk>/appoint/", views.supervision_appoint, name="supervision_appoint"),
    path("staff/<int:pk>/left/", views.staff_left, name="staff_left"),
    path("tasks/", views.task_list, name="tasks"),
    path("tasks/<int:pk>/", views.task_detail, name="task"),
    path("exams/", views.exam_list, name="exams"),
    path("exams/new/", views.exam_new, name="exam_new"),
    path("exams/<int:pk>/", views.exam_detail, name="exam"),
    path("institutes/<int:pk>/exams/", views.institute_exams, name="institute_exams"),
    path("students/", views.record_list, name="records"),
    path("students/me/", views.me, name="me"),
    path("students/<int:pk>/", views.student_detail, name="student"),
    path("students/<int:pk>/<slug:kind>/", views.student_action, name="student_action"),
    path("cases/<int:pk>/", views.case_detail, name="case"),
    path("not-covered/new/", views.not_covered_new, name="not_covered_new"),
    path("rule-sets/", views.ruleset_list, name="rulesets"),
    path("rule-sets/new/", views.ruleset_new, name="ruleset_new"),
    path("rule-sets/<int:pk>/", views.ruleset_detail, name="ruleset"),
]
