from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DeskConfig(AppConfig):
    """The top floor: every role's dashboard, "My tasks", notifications and the demo seed, across every app
    (reads the workflow engine and the domain apps; no domain app imports it)."""

    name = "bilim.apps.desk"
    label = "desk"
    verbose_name = _("My desk")

    def ready(self) -> None:
        from bilim.apps.desk import dashboard_links  # noqa: F401  (the foundation records' dashboard links)
        from bilim.apps.desk.notifications import deliver_transition
        from bilim.apps.workflow.services import TRANSITION_DELIVERY

        if deliver_transition not in TRANSITION_DELIVERY:
            TRANSITION_DELIVERY.append(deliver_transition)
