"""Bodies that decide, their dated memberships, meetings, votes and decisions/orders."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from bilim.apps.core.uploads import random_upload_to, validate_upload


class Body(models.Model):
    """A deciding body: rector's office, dean's office, institute board, Senate, trustees…"""

    class Kind(models.TextChoices):
        RECTOR_OFFICE = "rector_office", _("Rector's office")
        DEAN_OFFICE = "dean_office", _("Dean's office")
        INSTITUTE_BOARD = "institute_board", _("Institute board")
        FOS_COUNCIL = "fos_council", _("FoS academic council")
        SENATE = "senate", _("Senate")
        UNIVERSITY_BOARD = "university_board", _("University board")
        TRUSTEES = "trustees", _("Board of Trustees")
        ADMIN_COUNCIL = "admin_council", _("Administrative council")
        COMMISSION = "commission", _("Commission")
        # KTMU bodies the transition tables name (ktmu-postgraduate.md §5)
        INST_MGMT = "inst_mgmt", _("Institute management")
        SPEC_EXAM_COMMISSION = "spec_exam_commission", _("Specialist exam commission")
        INTL_ORAL_COMMISSION = "intl_oral_commission", _("Oral examination commission for international applicants")
        APPEAL_COMMISSION = "appeal_commission", _("Appeal commission")
        JURY = "jury", _("Thesis jury")
        ETHICS_COMMITTEE = "ethics_committee", _("Ethics committee")

    institution = models.ForeignKey("org.Institution", on_delete=models.PROTECT, related_name="bodies")
    unit = models.ForeignKey("org.Unit", null=True, blank=True, on_delete=models.PROTECT, related_name="bodies")
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices, db_index=True)
    code = models.SlugField(_("code"), max_length=60)
    name_ky = models.CharField(_("name (Kyrgyz)"), max_length=300)
    name_ru = models.CharField(_("name (Russian)"), max_length=300, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=300)
    name_tr = models.CharField(_("name (Turkish)"), max_length=300, blank=True)

    class Meta:
        ordering = ["institution", "kind", "name_en"]
        constraints = [models.UniqueConstraint(fields=["institution", "code"], name="body_code_unique")]
        verbose_name = _("body")
        verbose_name_plural = _("bodies")

    def __str__(self) -> str:
        return self.name_en

    def name(self, lang: str = "en") -> str:
        return getattr(self, f"name_{lang}", "") or self.name_en


class Membership(models.Model):
    """A person's dated seat on a body, with or without a vote."""

    class Role(models.TextChoices):
        CHAIR = "chair", _("Chair")
        DEPUTY_CHAIR = "deputy_chair", _("Deputy chair")
        SECRETARY = "secretary", _("Secretary")
        MEMBER = "member", _("Member")

    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="memberships")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="memberships")
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.MEMBER)
    voting = models.BooleanField(_("voting right"), default=True)
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("to"), null=True, blank=True)

    class Meta:
        ordering = ["body", "role", "person__last_name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True) | models.Q(ends_on__gte=models.F("starts_on")), name="membership_dates"
            )
        ]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")

    def __str__(self) -> str:
        return f"{self.person} — {self.body} ({self.get_role_display()})"


class Meeting(models.Model):
    """A sitting of a body."""

    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="meetings")
    held_on = models.DateField(_("held on"))
    number = models.CharField(_("number"), max_length=30)
    present = models.ManyToManyField("people.Person", verbose_name=_("present"), blank=True, related_name="+")

    class Meta:
        ordering = ["-held_on"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")

    def __str__(self) -> str:
        return f"{self.body} №{self.number} {self.held_on}"


class AdoptedDecisionProtected(PermissionDenied):
    """Raised on any attempt to delete a decision that was adopted: the record of what a body decided is permanent."""


#: A decision that was adopted at some point (a superseded one was adopted before its correction).
WAS_ADOPTED = Q(status__in=["adopted", "superseded"]) | Q(adopted_at__isnull=False)


class DecisionQuerySet(models.QuerySet["Decision"]):
    """Bulk deletion refuses as soon as one adopted decision is in the set (nothing is deleted)."""

    def was_adopted(self) -> DecisionQuerySet:
        return self.filter(WAS_ADOPTED)

    def delete(self) -> tuple[int, dict[str, int]]:
        with transaction.atomic(using=self.db):
            # lock the rows first, so a decision adopted concurrently cannot slip in between the check and the delete
            rows = self.model._default_manager.using(self.db).select_for_update().filter(pk__in=self.values("pk"))
            if any(status in ("adopted", "superseded") or adopted_at is not None for status, adopted_at in rows.values_list("status", "adopted_at")):
                raise AdoptedDecisionProtected(_("An adopted decision cannot be deleted; record a correction that supersedes it instead."))
            return super().delete()

    delete.alters_data = True  # type: ignore[attr-defined]
    delete.queryset_only = True  # type: ignore[attr-defined]


class Decision(models.Model):
    """A decision or order (буйрук) of a body. Adopted decisions are immutable; a correction supersedes.

    Deleting an adopted decision is refused here (``delete``) and in bulk (:class:`DecisionQuerySet`), so
    no path — service, admin or shell — can erase what a body decided.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        ADOPTED = "adopted", _("Adopted")
        REJECTED = "rejected", _("Rejected")
        SUPERSEDED = "superseded", _("Superseded")

    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="decisions")
    meeting = models.ForeignKey(Meeting, null=True, blank=True, on_delete=models.PROTECT, related_name="decisions")
    number = models.CharField(_("number"), max_length=40)
    date = models.DateField(_("date"))
    subject_type = models.CharField(_("subject type"), max_length=100, blank=True, db_index=True)
    subject_id = models.CharField(_("subject"), max_length=64, blank=True, db_index=True)
    title = models.CharField(_("title"), max_length=300)
    text = models.TextField(_("text"), blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True)
    supersedes = models.OneToOneField("self", null=True, blank=True, on_delete=models.PROTECT, related_name="superseded_by")
    votes_for = models.PositiveIntegerField(_("votes for"), null=True, blank=True)
    votes_against = models.PositiveIntegerField(_("votes against"), null=True, blank=True)
    votes_abstain = models.PositiveIntegerField(_("abstentions"), null=True, blank=True)
    explanation = models.JSONField(_("explanation"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    adopted_at = models.DateTimeField(_("adopted at"), null=True, blank=True)

    objects = DecisionQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "-id"]
        constraints = [models.UniqueConstraint(fields=["body", "number", "date"], name="decision_number_unique")]
        verbose_name = _("decision / order")
        verbose_name_plural = _("decisions and orders")

    def __str__(self) -> str:
        return f"№{self.number} {self.date} {self.title}"

    @property
    def was_adopted(self) -> bool:
        """Adopted now or before (superseded). Checked on the stored row too, so a stale instance cannot slip through."""
        if self.status in (self.Status.ADOPTED, self.Status.SUPERSEDED) or self.adopted_at is not None:
            return True
        return self.pk is not None and type(self)._default_manager.filter(pk=self.pk).was_adopted().exists()

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        with transaction.atomic(using=kwargs.get("using") or type(self)._default_manager.db):
            if self.pk is not None:
                list(type(self)._default_manager.select_for_update().filter(pk=self.pk).values_list("pk"))  # lock the row
            if self.was_adopted:
                raise AdoptedDecisionProtected(_("An adopted decision cannot be deleted; record a correction that supersedes it instead."))
            return super().delete(*args, **kwargs)


class DecisionAttachment(models.Model):
    """A file of a decision (the signed order, an annex): checked by content, stored under a random name, downloaded
    only by the readers of its decision."""

    decision = models.ForeignKey(Decision, on_delete=models.PROTECT, related_name="attachments")
    file = models.FileField(_("file"), upload_to=random_upload_to("decisions"), validators=[validate_upload], max_length=200)
    title = models.CharField(_("title"), max_length=200)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
