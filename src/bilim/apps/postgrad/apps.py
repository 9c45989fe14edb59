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
            ("postgrad.view_supervision", _("Supervision"), "postgrad:supervisions"),
            ("postgrad.view_task", _("Supervision tasks"), "postgrad:tasks"),
            ("postgrad.view_exam_management", _("Special and excuse exams"), "postgrad:exams"),
            ("postgrad.view_record", _("Postgraduate student records"), "postgrad:records"),
            ("postgrad.view_ruleset", _("Implementing rule sets"), "postgrad:rulesets"),
        ])
