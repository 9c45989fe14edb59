from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkflowConfig(AppConfig):
    name = "bilim.apps.workflow"
    label = "workflow"
    verbose_name = _("Workflows")

    def ready(self) -> None:
        from bilim.apps.core.history import register_labeller

        register_labeller(_state_label)


def _state_label(model_label: str, key: str, value: object) -> str | None:
    """A workflow state stored in an audit row, labelled by the table that drives that model's field."""
    from bilim.apps.workflow.labels import STATE_LABELS
    from bilim.apps.workflow.registry import subjects

    if not isinstance(value, str):
        return None
    for s in subjects():
        if s.model_label == model_label and s.state_field == key:
            text = STATE_LABELS.get((s.workflow_code, value))
            if text is not None:
                return str(text)
    return None
