from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StandingConfig(AppConfig):
    name = "bilim.apps.standing"
    label = "standing"
    verbose_name = _("KTMU student status: leave, academic leave, dismissal, plagiarism")

    def ready(self) -> None:
        pass
