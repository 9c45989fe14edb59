from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PostgradConfig(AppConfig):
    name = "bilim.apps.postgrad"
    label = "postgrad"
    verbose_name = _("KTMU postgraduate studies")

    def ready(self) -> None:
        from bilim.apps.core.selectors import DASHBOARD_LINKS
        from bilim.apps.postgrad import permissions  # noqa: F401

        DASHBOARD_LINKS.extend([
            ("postgrad.view_offering", _("Postgraduate courses: scores and attendance"), "postgrad:offerings"),
            ("postgrad.view_grade_queue", _("Grades: my queue (sheets, appeals, corrections)"), "postgrad:grade_queue"),
            ("postgrad.view_supervision", _("Supervision"), "postgrad:supervisions"),
            ("postgrad.view_task", _("Supervision tasks"), "postgrad:tasks"),
            ("postgrad.view_exam_management", _("Special and excuse exams"), "postgrad:exams"),
            ("postgrad.view_record", _("Postgraduate student records"), "postgrad:records"),
            ("postgrad.view_ruleset", _("Implementing rule sets"), "postgrad:rulesets"),
        ])
        self._register_workflows()

    def _register_workflows(self) -> None:
        from django.urls import reverse

        from bilim.apps.core import uploads
        from bilim.apps.postgrad import grades
        from bilim.apps.postgrad import models as m
        from bilim.apps.workflow.labels import register_labels
        from bilim.apps.workflow.registry import register_subject
        from bilim.apps.workflow.services import register_relational_role

        for code, check in grades.RELATIONS:
            register_relational_role(code, check)

        def unit_scope(path: str):
            def scope(qs, body):
                if getattr(body, "unit_id", None):
                    return qs.filter(**{f"{path}__unit_id": body.unit_id})
                return qs.filter(**{f"{path}__institution_id": body.institution_id})
            return scope

        def label(obj):
            sheet = obj if isinstance(obj, m.ScoreSheet) else obj.sheet
            e = sheet.enrolment
            return f"{e.student.person} ({e.student.student_number}) — {e.offering.course.code} {e.offering.term}"

        def sheet_scope(qs, body):
            # what waits for a body on a course record is an excuse the student applied for (KTMU-31(5)-1); a published
            # result waits for nobody (a repeat or a substitute is the student's registration, W-15 rows 10–11)
            return unit_scope("enrolment__student")(qs.filter(state="ELIGIBLE_FOR_FINAL", excuse_applied_on__isnull=False), body)

        register_subject(grades.W15, m.ScoreSheet, state_field="state", scope=sheet_scope, label=label,
                         url=lambda o: reverse("postgrad:offering", args=[o.enrolment.offering_id]), perform=grades.perform)
        register_subject(grades.W16B, m.GradeAppeal, state_field="state", scope=unit_scope("sheet__enrolment__student"), label=label,
                         url=lambda o: reverse("postgrad:appeal", args=[o.pk]), perform=grades.perform,
                         view_permission="postgrad.view_grade_case")
        register_subject(grades.W16C, m.GradeCorrection, state_field="state", scope=unit_scope("sheet__enrolment__student"), label=label,
                         url=lambda o: reverse("postgrad:correction", args=[o.pk]), perform=grades.perform,
                         view_permission="postgrad.view_grade_case")
        uploads.register("pg-correction", m.GradeCorrection, "attachment", grades.readable_corrections)

        register_labels(grades.W15, states={
            "RUNS": _("Course running"), "PLAN_SET": _("Weight plan set"), "SCHEDULED": _("Exam schedule published"),
            "ELIGIBLE_FOR_FINAL": _("May sit the final"), "F1": _("F1: attendance not met"), "EXCUSE_EXAM_SET": _("Excuse exam set"),
            "PASSED": _("Passed"), "FAILED": _("Failed"), "SUBMITTED": _("Submitted to the institute"), "PUBLISHED": _("Result published"),
            "RE_ENROLLED": _("Re-enrolled in the course"), "COURSEWORK_COMPLETED": _("Coursework completed"), "DISMISSAL_CASE": _("Sent to a dismissal case"),
        }, actions={
            "set_assessment_plan": _("Set the weight plan"), "publish_exam_schedule": _("Publish the exam schedule"),
            "attendance_sufficient": _("Attendance met"), "attendance_insufficient": _("Attendance not met (F1)"),
            "excuse_application": _("Accept the excuse (excuse exam)"), "sit_excuse_exam": _("Record the excuse exam"),
            "grade_passed": _("Graded: passed"), "grade_failed": _("Graded: failed"), "grade": _("Graded F1"),
            "submit_scores": _("Submit the results to the institute"), "publish": _("Publish the results"), "compute_gpa": _("Compute the GPA"),
            "re_enrol": _("Re-enrol in the course"), "substitute_elective": _("Another elective instead of the failed one"), "progression_completed": _("Coursework completed"), "progression_failed": _("Open a dismissal case"),
        })
        register_labels(grades.W16B, states={
            "PUBLISHED": _("Result published"), "APPEAL_FILED": _("Appeal filed"), "REVIEWED": _("Papers re-checked"),
            "CORRECTED": _("Grade corrected"), "UPHELD": _("Grade upheld"), "SECOND_APPEAL": _("Further appeal to the University Board"),
            "DECIDED": _("Decided by the University Board"),
        }, actions={
            "appeal": _("Appeal"), "review": _("Report the re-check"), "correct": _("Correct the grade"), "uphold": _("Uphold the grade"),
            "second_appeal": _("Appeal to the University Board"), "decide": _("Decide the further appeal"),
        })
        register_labels(grades.W16C, states={
            "PUBLISHED": _("Result published"), "CORRECTION_REQUESTED": _("Correction requested"), "CORRECTED": _("Grade corrected"),
            "REJECTED": _("Correction rejected"),
        }, actions={"request_correction": _("Request a correction"), "approve": _("Approve the correction"), "reject": _("Reject the correction")})
