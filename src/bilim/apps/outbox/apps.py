from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OutboxConfig(AppConfig):
    name = "bilim.apps.outbox"
    label = "outbox"
    verbose_name = _("Outbox")

    def ready(self) -> None:
        from bilim.apps.core.selectors import DASHBOARD_LINKS
        from bilim.apps.outbox import permissions  # noqa: F401  (registers actions)

        DASHBOARD_LINKS.append(("outbox.view_messages", _("Outbox (e-mails sent in development)"), "outbox:messages"))
