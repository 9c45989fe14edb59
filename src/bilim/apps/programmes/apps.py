from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgrammesConfig(AppConfig):
    name = "bilim.apps.programmes"
    label = "programmes"
    verbose_name = _("KTMU programmes, courses and quotas")

    def ready(self) -> None:
        pass
