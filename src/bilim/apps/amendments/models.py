"""Amendment impact: a proposed dated value of a regulation parameter, evaluated over the population it touches.

A :class:`Proposal` is a record of consequence (created, run and put on an agenda with audit rows); its
:class:`ImpactCase` rows are the people and files whose outcome changes, with both explanations (the value in
force and the proposal) stored as explanation trees and rendered in the reader's language.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Proposal(models.Model):
    """A secretary's proposal of a new dated parameter value, and the result of evaluating it (a background job)."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    body = models.ForeignKey("governance.Body", verbose_name=_("body"), on_delete=models.PROTECT, related_name="+")
    parameter = models.CharField(_("parameter"), max_length=80)
    value = models.JSONField(_("proposed value"))
    value_text = models.TextField(_("proposed value as typed"))
    since = models.DateField(_("in force from"))
    note = models.TextField(_("reason"), blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.QUEUED, db_index=True)
    total = models.PositiveIntegerField(_("evaluated"), default=0)
    processed = models.PositiveIntegerField(default=0)
    changed = models.PositiveIntegerField(_("changed"), default=0)
    totals = models.JSONField(default=dict, blank=True)
    error = models.TextField(blank=True)
    task_id = models.CharField(max_length=64, blank=True)
    agenda_item = models.ForeignKey("governance.AgendaItem", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
                                    verbose_name=_("agenda item"))
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("amendment proposal")
        verbose_name_plural = _("amendment proposals")
        constraints = [models.CheckConstraint(condition=models.Q(processed__lte=models.F("total")), name="amendments_progress_bounded")]

    def __str__(self) -> str:
        return f"{self.parameter} ← {self.since}"

    @property
    def percent(self) -> int:
        if self.status == self.Status.DONE:
            return 100
        return 0 if not self.total else int(self.processed * 100 / self.total)


class ImpactCase(models.Model):
    """A student or an applicant whose outcome changes under the proposal."""

    class Kind(models.TextChoices):
        STUDENT = "student", _("Student")
        APPLICANT = "applicant", _("Applicant")

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="cases")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    subject_id = models.CharField(max_length=40)
    label = models.CharField(_("person"), max_length=300)
    number = models.CharField(_("number"), max_length=40, blank=True)
    unit = models.ForeignKey("org.Unit", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("faculty / institute"))
    programme = models.ForeignKey("curriculum.Programme", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
                                  verbose_name=_("programme"))
    changes = models.JSONField(default=list)
    before = models.JSONField(default=dict)
    after = models.JSONField(default=dict)
    explanation_before = models.JSONField(default=list)
    explanation_after = models.JSONField(default=list)

    class Meta:
        ordering = ["proposal", "number", "pk"]
        constraints = [models.UniqueConstraint(fields=["proposal", "kind", "subject_id"], name="amendments_case_unique")]

    def __str__(self) -> str:
        return f"{self.label} ({', '.join(self.changes)})"
