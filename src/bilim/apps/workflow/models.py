"""One row per state change of any workflow-driven record (mobility files, staff trips, later KTMU files)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class TransitionQuerySet(models.QuerySet["Transition"]):
    def for_object(self, obj: models.Model) -> TransitionQuerySet:
        return self.filter(object_type=obj._meta.label_lower, object_id=str(obj.pk))


class Transition(models.Model):
    """A state change applied by :func:`bilim.apps.workflow.services.transition_apply` (append-only)."""

    object_type = models.CharField(_("record type"), max_length=100, db_index=True)
    object_id = models.CharField(_("record"), max_length=64, db_index=True)
    workflow = models.CharField(_("workflow"), max_length=60)
    source = models.CharField(_("from"), max_length=60)
    action = models.CharField(_("action"), max_length=60)
    target = models.CharField(_("to"), max_length=60)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("who"), null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    reason = models.TextField(_("reason"), blank=True)
    decision = models.ForeignKey("governance.Decision", verbose_name=_("decision / order"), null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    explanation = models.JSONField(_("explanation"), default=list, blank=True)

    objects = TransitionQuerySet.as_manager()

    class Meta:
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["object_type", "object_id"], name="wf_transition_obj")]
        verbose_name = _("transition")
        verbose_name_plural = _("transitions")

    def __str__(self) -> str:
        return f"{self.object_type}#{self.object_id}: {self.source} —{self.action}→ {self.target}"

    def explanations(self) -> list:
        from bilim.regulations.core.outcome import Explanation

        return [Explanation.from_dict(e) for e in (self.explanation or [])]
