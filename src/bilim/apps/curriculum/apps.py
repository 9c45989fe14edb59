from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CurriculumConfig(AppConfig):
    name = "bilim.apps.curriculum"
    label = "curriculum"
    verbose_name = _("Curriculum")

    def ready(self) -> None:
        from bilim.apps.curriculum import permissions  # noqa: F401  (registers actions)
