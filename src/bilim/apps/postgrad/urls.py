from django.urls import path

from bilim.apps.postgrad import grade_views as gv
from bilim.apps.postgrad import views

app_name = "postgrad"
urlpatterns = [
    path("courses/", views.offering_list, name="offerings"),
    path("courses/<int:pk>/", views.offering_detail, name="offering"),
    path("courses/<int:pk>/plan/", views.offering_plan, name="offering_plan"),
    path("courses/<int:pk>/scores/", views.offering_scores, name="offering_scores"),
    path("courses/<int:pk>/sessions/", views.offering_session, name="offering_session"),
    path("courses/<int:pk>/gradesheet/", gv.gradesheet, name="gradesheet"),
    path("courses/<int:pk>/step/<slug:step>/", gv.offering_step, name="offering_step"),
    path("sheets/<int:pk>/", gv.sheet_detail, name="sheet"),
    path("sheets/<int:pk>/<slug:step>/", gv.sheet_step, name="sheet_step"),
    path("appeals/<int:pk>/", gv.appeal_detail, name="appeal"),
    path("appeals/<int:pk>/<slug:step>/", gv.appeal_step, name="appeal_step"),
    path("corrections/<int:pk>/", gv.correction_detail, name="correction"),
    path("corrections/<int:pk>/board/", gv.correction_board, name="correction_board"),
    path("grades/queue/", gv.grade_queue, name="grade_queue"),
    path("students/<int:pk>/transcript.<slug:fmt>", gv.transcript, name="transcript"),
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
