from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "bilim.apps.audit"
    label = "audit"
    verbose_name = _("Audit trail")

    def ready(self) -> None:
        from bilim.apps.audit import permissions  # noqa: F401  (registers actions)
