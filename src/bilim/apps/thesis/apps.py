from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ThesisConfig(AppConfig):
    name = "bilim.apps.thesis"
    label = "thesis"
    verbose_name = _("KTMU languages, preparation, supervision and thesis")

    def ready(self) -> None:
        pass
