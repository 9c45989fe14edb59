from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistrationConfig(AppConfig):
    name = "bilim.apps.registration"
    label = "registration"
    verbose_name = _("KTMU semester registration and credit transfer")

    def ready(self) -> None:
        pass
