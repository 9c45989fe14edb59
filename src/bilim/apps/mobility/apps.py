from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MobilityConfig(AppConfig):
    name = "bilim.apps.mobility"
    label = "mobility"
    verbose_name = _("Mobility")

    def ready(self) -> None:
        from bilim.apps.core.selectors import DASHBOARD_LINKS
        from bilim.apps.mobility import permissions  # noqa: F401
        from bilim.apps.mobility.downloads import register_downloads
        from bilim.apps.mobility.notifications import register_recipients

        register_recipients()
        from bilim.apps.mobility.services import place_on_move
        from bilim.apps.workflow.services import ON_MOVE

        hooks = ON_MOVE.setdefault("mobility.studentmobility", [])
        if place_on_move not in hooks:  # quota places follow the file's state in the same transaction
            hooks.append(place_on_move)
        register_downloads()
        from bilim.apps.mobility import subjects

        subjects.register()  # every OshSU table (§4.1–4.5) with its subject model, queue scope and labels
        DASHBOARD_LINKS.extend([
            ("mobility.view_calls", _("Mobility calls"), "mobility:calls"),
            ("mobility.view_application", _("Mobility applications"), "mobility:applications"),
            ("mobility.view_trip", _("Staff trips"), "mobility:trips"),
            ("mobility.view_incoming", _("Incoming participants"), "mobility:incoming"),
            ("mobility.view_statistics", _("Mobility statistics"), "mobility:stats"),
            ("mobility.view_tasks", _("Mobility tasks"), "mobility:tasks"),
            ("mobility.view_consultations", _("Consultations with IRD"), "mobility:consultations"),
            ("mobility.view_correspondence", _("Partner correspondence"), "mobility:correspondence"),
            ("mobility.mail_partner_list", _("Send the partner list to staff"), "mobility:partner_mailing"),
            ("mobility.view_programmes", _("Mobility programmes and events"), "mobility:programmes"),
        ])
