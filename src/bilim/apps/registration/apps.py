from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistrationConfig(AppConfig):
    name = "bilim.apps.registration"
    label = "registration"
    verbose_name = _("KTMU semester registration and credit transfer")

    def ready(self) -> None:
        from django.db.models import Q
        from django.urls import reverse

        from bilim.apps.core.selectors import DASHBOARD_LINKS
        from bilim.apps.postgrad.sections import register_section
        from bilim.apps.workflow.registry import register_subject
        from bilim.apps.workflow.services import RECIPIENTS, register_relational_role

        from . import labels, permissions, services  # noqa: F401  (labels and permissions register themselves)
        from . import models as m
        from .sections import student_section

        def institute_scope(qs, body):
            if getattr(body, "unit_id", None):
                return qs.filter(Q(student__unit_id=body.unit_id) | Q(student__programme__field_of_science_id=body.unit_id))
            return qs.filter(student__institution_id=body.institution_id)

        register_subject(m.W13, m.Registration, scope=institute_scope, label=lambda o: f"{o.student} — {o.term}",
                         url=lambda o: reverse("registration:detail", args=[o.pk]), perform=services.perform_w13,
                         view_permission="registration.view_registration")
        register_subject(m.W13A, m.OtherHeiCourse, scope=institute_scope, label=str,
                         url=lambda o: reverse("registration:other_hei", args=[o.pk]), perform=services.perform_w13a,
                         view_permission="registration.view_application")
        register_subject(m.W14, m.Recognition, scope=institute_scope, label=str,
                         url=lambda o: reverse("registration:recognition", args=[o.pk]), perform=services.perform_w14,
                         view_permission="registration.view_application")

        def supervisor(obj, actor):
            from .facts import is_supervisor

            student = getattr(obj, "student", None)
            return isinstance(obj, (m.Registration, m.OtherHeiCourse, m.Recognition)) and student is not None and is_supervisor(actor, student)

        register_relational_role("supervisor", supervisor)

        def recipients(obj):
            from .seed import SILENT

            if SILENT:  # the demo seed's past steps mail nobody
                return []
            student = obj.student
            out = [student.person.email]
            from .facts import supervisions

            out += [s.staff.person.email for s in supervisions(student)]
            return out

        for model in (m.Registration, m.OtherHeiCourse, m.Recognition):
            RECIPIENTS[model._meta.label_lower] = recipients
        register_section("registration/_student_section.html", student_section)

        from bilim.apps.accounts.permissions import restrict
        from bilim.apps.core.uploads import register as register_download

        def readable_recognitions(user):
            return restrict(user, "registration.view_application", m.Recognition.objects.all())

        register_download("pg-recognition-transcript", m.Recognition, "transcript", readable_recognitions, filename=lambda _r: "transcript")
        register_download("pg-recognition-contents", m.Recognition, "course_contents", readable_recognitions, filename=lambda _r: "course-contents")
        DASHBOARD_LINKS.extend([
            ("registration.select", _("My semester registration"), "registration:mine"),
            ("registration.view_queue", _("Course selections to approve"), "registration:queue"),
            ("registration.view_overview", _("Semester registrations"), "registration:overview"),
            ("registration.view_calendars", _("Registration calendars"), "registration:calendars"),
        ])
