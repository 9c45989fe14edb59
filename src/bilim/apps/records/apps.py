from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RecordsConfig(AppConfig):
    name = "bilim.apps.records"
    label = "records"
    verbose_name = _("Records")

    def ready(self) -> None:
        from bilim.apps.records import permissions  # noqa: F401  (registers actions)
