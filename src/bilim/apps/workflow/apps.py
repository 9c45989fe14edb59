from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkflowConfig(AppConfig):
    name = "bilim.apps.workflow"
    label = "workflow"
    verbose_name = _("Workflows")

    def ready(self) -> None:
        from bilim.apps.core.history import register_labeller, register_reason_formatter

        register_labeller(_state_label)
        register_reason_formatter(_step_reason)


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


def _step_reason(reason: str) -> str | None:
    """The transition service's own reason («KTMU-W-03: NEW —propose_quota→ QUOTA_PROPOSED») as «step: from → to» in words."""
    import re

    from bilim.apps.workflow.labels import action_label, state_label

    m = re.fullmatch(r"(?P<wf>[\w.\-()]+): (?P<src>\w+) —(?P<action>\w+)→ (?P<tgt>\w+)", reason.strip())
    if m is None:
        return None
    wf = m["wf"]
    return f"{action_label(wf, m['action'])}: {state_label(wf, m['src'])} → {state_label(wf, m['tgt'])}"
