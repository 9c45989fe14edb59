from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DeskConfig(AppConfig):
    """The top floor: what waits for each person, across every app (reads the workflow engine, owns no domain)."""

    name = "bilim.apps.desk"
    label = "desk"
    verbose_name = _("My desk")
