from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StandingConfig(AppConfig):
    name = "bilim.apps.standing"
    label = "standing"
    verbose_name = _("KTMU student status: leave, academic leave, dismissal, plagiarism")

    def ready(self) -> None:
        from bilim.apps.core.selectors import DASHBOARD_LINKS
        from bilim.apps.core.uploads import register as register_download
        from bilim.apps.postgrad.sections import register_section
        from bilim.apps.standing import models as m
        from bilim.apps.standing import permissions  # noqa: F401
        from bilim.apps.standing.labels import register_all
        from bilim.apps.standing.selectors import readable, student_section
        from bilim.apps.standing.services import W17, W18, W19, W20, perform, status_on_move
        from bilim.apps.workflow.registry import register_subject
        from bilim.apps.workflow.services import ON_MOVE, register_relational_role

        for model in (m.Leave, m.AcademicLeave, m.DismissalCase, m.PlagiarismCase):
            hooks = ON_MOVE.setdefault(model._meta.label_lower, [])
            if status_on_move not in hooks:  # the student's status follows the file, same transaction, same lock
                hooks.append(status_on_move)

        def scope(qs, body):
            qs = qs.filter(closed=False)
            return qs.filter(institute_id=body.unit_id) if body.unit_id else qs.filter(student__institution_id=body.institution_id)

        def label(obj):
            return str(obj)

        for code, model, prefix in ((W17, m.Leave, "leave"), (W18, m.AcademicLeave, "acleave"),
                                    (W19, m.DismissalCase, "dismissal"), (W20, m.PlagiarismCase, "plagiarism")):
            register_subject(code, model, scope=scope, label=label, perform=perform, view_permission="standing.view",
                             url=_file_url(prefix))
        # the student of the file (the engine's role:student is any student; the services check it is their own)
        register_relational_role("former_student", lambda obj, actor: getattr(getattr(obj, "student", None), "person", None) is not None
                                 and obj.student.person.user_id == getattr(actor, "pk", -1) and obj.student.status == "dismissed")
        register_relational_role("any_person", lambda obj, actor: bool(getattr(actor, "is_authenticated", False)))
        register_all()
        register_section("standing/_student_section.html", student_section)
        register_download("standing-leave", m.Leave, "document", lambda u: readable(u, m.Leave), filename=lambda _o: "leave")
        register_download("standing-acleave", m.AcademicLeave, "document", lambda u: readable(u, m.AcademicLeave), filename=lambda _o: "academic-leave")
        register_download("standing-plagiarism", m.PlagiarismCase, "document", lambda u: readable(u, m.PlagiarismCase), filename=lambda _o: "evidence")
        DASHBOARD_LINKS.extend([
            ("standing.view_queue", _("Leave, academic leave and dismissal: the institute's queues"), "standing:queues"),
            ("standing.run_check", _("Semester check of dismissal grounds"), "standing:checks"),
        ])


def _file_url(prefix: str) -> Any:
    """The page of a status file of one kind (``/postgrad/status/<prefix>/<pk>/``)."""
    return lambda obj: f"/postgrad/status/{prefix}/{obj.pk}/"
