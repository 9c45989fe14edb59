from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ThesisConfig(AppConfig):
    name = "bilim.apps.thesis"
    label = "thesis"
    verbose_name = _("KTMU languages, preparation, supervision and thesis")

    def ready(self) -> None:
        from bilim.apps.core.selectors import DASHBOARD_LINKS
        from bilim.apps.postgrad.sections import register_section
        from bilim.apps.thesis import (
            permissions,  # noqa: F401
            wiring,
        )

        wiring.register_all()
        register_section("thesis/_student_section.html", wiring.student_section)
        DASHBOARD_LINKS.extend([
            ("thesis.view", _("Languages, preparation, supervisors and theses"), "thesis:queue"),
            ("thesis.own", _("My thesis: stage, supervisor, deadlines"), "thesis:me"),
        ])
