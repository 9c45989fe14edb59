"""Enrolments and grades (raw 100-point score with the grading-table version used)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Enrolment(models.Model):
    """A student registered in an offering."""

    class Status(models.TextChoices):
        REGISTERED = "registered", _("Registered")
        DROPPED = "dropped", _("Dropped")
        WITHDRAWN = "withdrawn", _("Withdrawn")
        COMPLETED = "completed", _("Completed")

    student = models.ForeignKey("people.Student", on_delete=models.PROTECT, related_name="enrolments")
    offering = models.ForeignKey("curriculum.Offering", on_delete=models.PROTECT, related_name="enrolments")
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.REGISTERED)
    registered_at = models.DateTimeField(_("registered at"), auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["student", "offering"], name="enrolment_unique")]
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")

    def __str__(self) -> str:
        return f"{self.student_id} @ {self.offering}"


class Grade(models.Model):
    """The result of an enrolment: components, the 100-point score, and how it was graded.

    ``letter``/``coefficient`` were computed by the rules layer with the grading table in
    force on ``graded_on``; ``table_version`` records that version's ``since`` date and
    ``explanation`` the whole reasoning, so a later amendment never rewrites history.
    """

    enrolment = models.OneToOneField(Enrolment, on_delete=models.PROTECT, related_name="grade")
    midterm = models.DecimalField(_("midterm"), max_digits=5, decimal_places=2, null=True, blank=True)
    final = models.DecimalField(_("final"), max_digits=5, decimal_places=2, null=True, blank=True)
    score = models.DecimalField(_("score (0–100)"), max_digits=5, decimal_places=2, null=True, blank=True)
    letter = models.CharField(_("letter"), max_length=4, blank=True)
    coefficient = models.DecimalField(_("coefficient"), max_digits=3, decimal_places=2, null=True, blank=True)
    passed = models.BooleanField(_("passed"), null=True)
    graded_on = models.DateField(_("graded on"))
    table_version = models.DateField(_("grading table in force since"), null=True, blank=True)
    explanation = models.JSONField(_("explanation"), null=True, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(condition=models.Q(score__gte=0, score__lte=100) | models.Q(score__isnull=True), name="grade_score_0_100"),
            # Domains as a backstop of the one parsing path (bilim.apps.core.numbers); an upper bound also refuses
            # NaN/Infinity (NaN sorts above every number on PostgreSQL; text and Inf do on SQLite).
            models.CheckConstraint(condition=models.Q(midterm__gte=0, midterm__lte=100) | models.Q(midterm__isnull=True), name="grade_midterm_0_100"),
            models.CheckConstraint(condition=models.Q(final__gte=0, final__lte=100) | models.Q(final__isnull=True), name="grade_final_0_100"),
            models.CheckConstraint(condition=models.Q(coefficient__gte=0, coefficient__lte=4) | models.Q(coefficient__isnull=True), name="grade_coefficient_0_4"),
        ]
        verbose_name = _("grade")
        verbose_name_plural = _("grades")

    def __str__(self) -> str:
        return f"{self.enrolment} {self.score} {self.letter}"
