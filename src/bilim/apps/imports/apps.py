from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ImportsConfig(AppConfig):
    name = "bilim.apps.imports"
    label = "imports"
    verbose_name = _("Bringing data in")

    def ready(self) -> None:
        from bilim.apps.core.selectors import DASHBOARD_LINKS
        from bilim.apps.imports import permissions  # noqa: F401  (registers the actions)

        DASHBOARD_LINKS.append(("imports.import", _("Import and export (XLSX, CSV)"), "imports:index"))
