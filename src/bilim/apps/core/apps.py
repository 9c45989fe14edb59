from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """The ground: listing, scopes, middleware, numbers, uploads, errors, params. Imports no domain app."""

    name = "bilim.apps.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from bilim.apps.core.admin_inputs import install

        install()  # the admin's add pages ignore initial ids that do not parse (never a 500)
