from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "bilim.apps.core"
    label = "core"
    verbose_name = _("Dashboard")

    def ready(self) -> None:
        from bilim.apps.core import dashboard_links  # noqa: F401  (registers DASHBOARD_LINKS)
        from bilim.apps.core.admin_inputs import install

        install()  # the admin's add pages ignore initial ids that do not parse (never a 500)
