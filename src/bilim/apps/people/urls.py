from django.urls import path

from bilim.apps.people import views

app_name = "people"
urlpatterns = [
    path("students/", views.student_list, name="students"),
    path("students/export.csv", views.student_csv, name="students_csv"),
    path("students/<int:pk>/", views.student_detail, name="student"),
    path("staff/", views.staff_list, name="staff"),
    path("staff/export.csv", views.staff_csv, name="staff_csv"),
    path("staff/<int:pk>/", views.staff_detail, name="staff_member"),
]
