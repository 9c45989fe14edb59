from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AdmissionsConfig(AppConfig):
    name = "bilim.apps.admissions"
    label = "admissions"
    verbose_name = _("KTMU admissions")

    def ready(self) -> None:
        from bilim.apps.admissions import labels, permissions, wiring  # noqa: F401

        labels.register()
        wiring.register()
        wiring.register_sections()
