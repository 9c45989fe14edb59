from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GovernanceConfig(AppConfig):
    name = "bilim.apps.governance"
    label = "governance"
    verbose_name = _("Governance")

    def ready(self) -> None:
        from bilim.apps.governance import permissions  # noqa: F401  (registers actions)
        from bilim.apps.governance.downloads import register_downloads

        register_downloads()
