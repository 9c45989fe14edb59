from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AmendmentsConfig(AppConfig):
    name = "bilim.apps.amendments"
    label = "amendments"
    verbose_name = _("Amendment impact")
