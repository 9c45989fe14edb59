from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "bilim.apps.people"
    label = "people"
    verbose_name = _("People")

    def ready(self) -> None:
        from bilim.apps.people import permissions  # noqa: F401  (registers actions)
