from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrgConfig(AppConfig):
    name = "bilim.apps.org"
    label = "org"
    verbose_name = _("Organisation")

    def ready(self) -> None:
        from bilim.apps.org import permissions  # noqa: F401  (registers actions)
