from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MobilityConfig(AppConfig):
    name = "bilim.apps.mobility"
    label = "mobility"
    verbose_name = _("Mobility")

    def ready(self) -> None:
        from bilim.apps.core.selectors import DASHBOARD_LINKS
        from bilim.apps.mobility import permissions  # noqa: F401
        from bilim.apps.mobility.notifications import register_recipients

        register_recipients()
        DASHBOARD_LINKS.extend([
            ("mobility.view_calls", _("Mobility calls"), "mobility:calls"),
            ("mobility.view_application", _("Mobility applications"), "mobility:applications"),
            ("mobility.view_trip", _("Staff trips"), "mobility:trips"),
            ("mobility.view_incoming", _("Incoming participants"), "mobility:incoming"),
            ("mobility.view_statistics", _("Mobility statistics"), "mobility:stats"),
        ])
