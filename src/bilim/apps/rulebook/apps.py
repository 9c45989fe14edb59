from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RulebookConfig(AppConfig):
    name = "bilim.apps.rulebook"
    label = "rulebook"
    verbose_name = _("Regulations")
