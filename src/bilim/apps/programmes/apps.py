from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgrammesConfig(AppConfig):
    name = "bilim.apps.programmes"
    label = "programmes"
    verbose_name = _("KTMU programmes, courses and quotas")

    def ready(self) -> None:
        from bilim.apps.core.selectors import DASHBOARD_LINKS
        from bilim.apps.programmes import (
            permissions,  # noqa: F401
            wiring,
        )

        wiring.register_all()
        links = [
            ("programmes.view_proposal", _("Programme proposals"), "programmes:proposals"),
            ("programmes.view_course", _("Course proposals"), "programmes:courses"),
            ("programmes.view_quota", _("Admission quotas and announcements"), "programmes:quotas"),
            ("programmes.view_catalogue", _("Programme catalogue"), "programmes:catalogue"),
            ("programmes.view_proposal", _("Queue of the FoS academic council"), "programmes:queue_fos_council"),
            ("programmes.view_proposal", _("Queue of the institute board"), "programmes:queue_institute_board"),
            ("programmes.view_proposal", _("Queue of the Senate"), "programmes:queue_senate"),
            ("programmes.view_proposal", _("Queue of the Board of Trustees"), "programmes:queue_trustees"),
            ("programmes.view_announcement", _("Admission to postgraduate programmes"), "programmes:announcements"),
        ]
        for link in links:
            if link not in DASHBOARD_LINKS:
                DASHBOARD_LINKS.append(link)
