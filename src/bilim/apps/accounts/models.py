"""Users and dated, scoped role assignments."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """A login. Language preference is kept per user (ky by default)."""

    language = models.CharField(_("language"), max_length=2, default="ky", choices=[("ky", "Кыргызча"), ("ru", "Русский"), ("en", "English"), ("tr", "Türkçe")])

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        # People read a person's name wherever an account is shown (history, approvers), not a login name.
        return self.get_full_name() or self.username


class Role(models.TextChoices):
    STUDENT = "student", _("Student")
    STAFF = "staff", _("Academic staff")
    DEAN_OFFICE = "dean_office", _("Dean's office officer")
    DEPUTY_DEAN_IR = "deputy_dean_ir", _("Deputy dean for international relations")
    DEPUTY_DEAN_ACADEMIC = "deputy_dean_academic", _("Deputy dean for academic affairs")
    PROGRAMME_LEADER = "programme_leader", _("Programme leader")
    IRD_OFFICER = "ird_officer", _("International Relations Department officer")
    HEAD_OF_DEPARTMENT = "head_of_department", _("Head of department")
    BOARD_SECRETARY = "institute_board_secretary", _("Institute board secretary")
    RECTOR_OFFICE = "rector_office", _("Rector's office")
    VICE_RECTOR_RESEARCH = "vice_rector_research", _("Vice-rector for research")
    ACCOUNTING = "accounting", _("Accounting")
    AUDITOR = "auditor", _("Auditor (read-only)")
    ADMINISTRATOR = "administrator", _("Administrator")


# Roles that hold everywhere by nature (the administrator runs the system, the auditor reads everything);
# every other role is held in a scope — an institution, unit, programme or body — and sees nothing without one.
UNSCOPED_ROLES = (Role.ADMINISTRATOR, Role.AUDITOR)
SCOPED = models.Q(role__in=[r.value for r in UNSCOPED_ROLES]) | models.Q(institution__isnull=False) | models.Q(
    unit__isnull=False) | models.Q(programme__isnull=False) | models.Q(body__isnull=False)


class RoleAssignmentQuerySet(models.QuerySet["RoleAssignment"]):
    def active(self, on: dt.date | None = None) -> RoleAssignmentQuerySet:
        on = on or timezone.localdate()
        return self.filter(starts_on__lte=on).filter(models.Q(ends_on__isnull=True) | models.Q(ends_on__gte=on))


class RoleAssignment(models.Model):
    """A role held by a user from a date to a date, scoped to an institution, unit, programme or body.

    Scopes fail closed: an assignment with no scope would grant nothing, so the database refuses one
    (``role_scoped``) for every role but the administrator and the auditor.
    """

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="roles")
    role = models.CharField(_("role"), max_length=40, choices=Role.choices, db_index=True)
    institution = models.ForeignKey("org.Institution", null=True, blank=True, on_delete=models.PROTECT)
    unit = models.ForeignKey("org.Unit", null=True, blank=True, on_delete=models.PROTECT)
    programme = models.ForeignKey("curriculum.Programme", null=True, blank=True, on_delete=models.PROTECT)
    body = models.ForeignKey("governance.Body", null=True, blank=True, on_delete=models.PROTECT)
    starts_on = models.DateField(_("from"), default=dt.date(2020, 1, 1))
    ends_on = models.DateField(_("to"), null=True, blank=True)

    objects = RoleAssignmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("role assignment")
        verbose_name_plural = _("role assignments")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True) | models.Q(ends_on__gte=models.F("starts_on")), name="role_dates"
            ),
            models.CheckConstraint(condition=SCOPED, name="role_scoped"),
        ]

    def clean(self) -> None:
        super().clean()
        if self.role not in UNSCOPED_ROLES and not (self.institution_id or self.unit_id or self.programme_id or self.body_id):
            raise ValidationError({"institution": _("Choose the institution, unit, programme or body where this role is held.")})

    def __str__(self) -> str:
        scope = self.unit or self.programme or self.body or self.institution or _("everywhere")  # admin, auditor
        return f"{self.user} — {self.get_role_display()} ({scope})"
