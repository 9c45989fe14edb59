"""Bodies that decide, their dated memberships, meetings, votes and decisions/orders."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from bilim.apps.core.uploads import random_upload_to, validate_upload


def _reader_language() -> str:
    """The active language's code (ky, ru, en, tr): a record's name is shown in the reader's language."""
    from django.utils.translation import get_language

    return (get_language() or "en")[:2]


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
        # KTMU-BT-1-11: the chair and deputies of the Board of Trustees deciding urgently between meetings
        BT_CHAIR_AND_DEPUTIES = "bt_chair_and_deputies", _("Chair and deputies of the Board of Trustees")

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
        return self.name(_reader_language())

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
    class Appointer(models.TextChoices):
        GOV_TR = "GOV_TR", _("Government of Türkiye")
        GOV_KR = "GOV_KR", _("Government of the Kyrgyz Republic")
        OTHER = "OTHER", _("Other")

    voting = models.BooleanField(_("voting right"), default=True)
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("to"), null=True, blank=True)
    # Board of Trustees composition (KTMU-BT-1-2, 1-3): who appointed the member, on whose proposal
    appointed_by = models.CharField(_("appointed by"), max_length=10, choices=Appointer.choices, default=Appointer.OTHER)
    proposed_by_moes = models.BooleanField(_("on the proposal of the KR Ministry of Education and Science"), default=False)

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
    """A sitting of a body: convened (date, place or link, agenda), opened (attendance → quorum), items voted,
    closed. ``status`` is the sitting's life cycle for every body; a Board of Trustees meeting also runs
    table KTMU-W-21 in ``bt_state`` (every move through ``transition_apply``)."""

    class Status(models.TextChoices):
        CONVENED = "convened", _("Convened")
        OPEN = "open", _("In session")
        NO_QUORUM = "no_quorum", _("No quorum")
        CLOSED = "closed", _("Closed")

    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="meetings")
    held_on = models.DateField(_("date"))
    number = models.CharField(_("number"), max_length=30)
    present = models.ManyToManyField("people.Person", verbose_name=_("present"), blank=True, related_name="+")
    place = models.CharField(_("place"), max_length=200, blank=True)
    online_link = models.URLField(_("online link"), max_length=300, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.CONVENED, db_index=True)
    bt_state = models.CharField(_("Board of Trustees meeting state"), max_length=20, default="NEW")
    convened_by = models.ForeignKey("people.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                                    verbose_name=_("convened by"))
    quorate = models.BooleanField(_("quorate"), null=True, blank=True)
    quorum_explanation = models.JSONField(_("quorum"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    closed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    minutes_note = models.TextField(_("notes for the minutes"), blank=True)
    version = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-held_on", "-id"]
        constraints = [models.UniqueConstraint(fields=["body", "number"], name="meeting_number_unique")]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")

    def __str__(self) -> str:
        return f"{self.body} №{self.number} {self.held_on}"

    @property
    def is_trustees(self) -> bool:
        return self.body.kind == Body.Kind.TRUSTEES


class AgendaItem(models.Model):
    """One item of a meeting's agenda: a file waiting in the body's queue (workflow step to fire), a provisional
    urgent decision to ratify, or a matter added by hand. Voted per member or by a tally; its outcome and the
    decision it produced are kept."""

    class Source(models.TextChoices):
        QUEUE = "queue", _("From the queue")
        MANUAL = "manual", _("Added by hand")
        URGENT = "urgent", _("Urgent decision to ratify")

    class Status(models.TextChoices):
        PENDING = "pending", _("Not yet voted")
        ADOPTED = "adopted", _("Adopted")
        NOT_ADOPTED = "not_adopted", _("Not adopted")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveIntegerField(_("position"))
    source = models.CharField(_("source"), max_length=10, choices=Source.choices, default=Source.MANUAL)
    title = models.CharField(_("title"), max_length=300)
    text = models.TextField(_("text"), blank=True)
    subject_type = models.CharField(_("subject type"), max_length=100, blank=True)
    subject_id = models.CharField(_("subject"), max_length=64, blank=True)
    subject_url = models.CharField(max_length=300, blank=True)
    workflow_code = models.CharField(_("workflow"), max_length=40, blank=True)
    action = models.CharField(_("step"), max_length=60, blank=True)
    reject_action = models.CharField(_("step on rejection"), max_length=60, blank=True)
    public = models.BooleanField(_("public decision"), default=False)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PENDING)
    tally_yes = models.PositiveIntegerField(_("for"), null=True, blank=True)
    tally_no = models.PositiveIntegerField(_("against"), null=True, blank=True)
    tally_abstain = models.PositiveIntegerField(_("abstaining"), null=True, blank=True)
    outcome = models.JSONField(_("outcome"), null=True, blank=True)
    decision = models.OneToOneField("Decision", null=True, blank=True, on_delete=models.PROTECT, related_name="agenda_item")
    step_done = models.BooleanField(_("step carried out"), default=False)
    step_refusal = models.JSONField(_("step refused"), null=True, blank=True)
    urgent = models.ForeignKey("UrgentDecision", null=True, blank=True, on_delete=models.PROTECT, related_name="agenda_items")

    class Meta:
        ordering = ["meeting", "position"]
        constraints = [models.UniqueConstraint(fields=["meeting", "position"], name="agenda_position_unique")]
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")

    def __str__(self) -> str:
        return f"{self.position}. {self.title}"


class Vote(models.Model):
    """One member's open vote on one item. One per member and item (the database refuses a second)."""

    class Choice(models.TextChoices):
        YES = "YES", _("For")
        NO = "NO", _("Against")
        ABSTAIN = "ABSTAIN", _("Abstain")

    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="votes")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    choice = models.CharField(_("vote"), max_length=10, choices=Choice.choices)
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["item", "person"], name="one_vote_per_member")]
        verbose_name = _("vote")
        verbose_name_plural = _("votes")


class Conflict(models.Model):
    """A declared conflict of interest of a member on one item: the member does not vote on it."""

    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="conflicts")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    note = models.CharField(_("declared interest"), max_length=300)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["item", "person"], name="one_conflict_per_member")]
        verbose_name = _("conflict of interest")
        verbose_name_plural = _("conflicts of interest")


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
    #: False: the body decided against the proposal (the vote did not adopt it); the record is kept all the same
    positive = models.BooleanField(_("in favour of the proposal"), default=True)
    #: shown on the public page of decisions (e.g. admission quotas)
    public = models.BooleanField(_("public"), default=False)
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


class UrgentDecision(models.Model):
    """An urgent decision of the Board of Trustees' chair and deputies between meetings (KTMU-BT-1-11):
    provisional until the Board's next meeting, whose agenda takes it to be ratified or to lapse (KTMU-W-21)."""

    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="urgent_decisions")
    title = models.CharField(_("title"), max_length=300)
    text = models.TextField(_("text"), blank=True)
    decided_on = models.DateField(_("decided on"))
    decided_by = models.ManyToManyField("people.Person", verbose_name=_("decided by"), related_name="+")
    state = models.CharField(_("state"), max_length=20, default="NEW", db_index=True)
    decision = models.OneToOneField(Decision, null=True, blank=True, on_delete=models.PROTECT, related_name="urgent_record")
    explanation = models.JSONField(_("explanation"), null=True, blank=True)
    version = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-decided_on", "-id"]
        verbose_name = _("urgent decision")
        verbose_name_plural = _("urgent decisions")

    def __str__(self) -> str:
        return f"{self.title} ({self.decided_on})"


class AllowanceAccrual(models.Model):
    """The representation allowance of one Board member for one month (KTMU-BT-7-1, A-66: accrued monthly)."""

    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="allowance_accruals")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveIntegerField(_("year"))
    month = models.PositiveSmallIntegerField(_("month"))
    amount = models.DecimalField(_("amount (USD)"), max_digits=10, decimal_places=2)
    explanation = models.JSONField(null=True, blank=True)
    payment = models.ForeignKey("BoardPayment", null=True, blank=True, on_delete=models.PROTECT, related_name="accruals")

    class Meta:
        ordering = ["year", "month", "person__last_name"]
        constraints = [
            models.UniqueConstraint(fields=["body", "person", "year", "month"], name="one_accrual_per_month"),
            models.CheckConstraint(condition=models.Q(month__gte=1, month__lte=12), name="accrual_month"),
        ]
        verbose_name = _("allowance accrual")
        verbose_name_plural = _("allowance accruals")


class BoardPayment(models.Model):
    """A payment of the Board of Trustees' register: a member's allowance (KTMU-BT-7-1/7-2) or a board expense
    (travel and daily allowances, audit fees, staff: KTMU-BT-6-1, 7-3, 7-4, 7-5)."""

    class Kind(models.TextChoices):
        ALLOWANCE = "ALLOWANCE", _("Representation allowance")
        TRAVEL_DAILY = "TRAVEL_DAILY", _("Travel and daily allowances")
        AUDIT_FEE = "AUDIT_FEE", _("Audit commission fee")
        STAFF = "STAFF", _("Staff of the Board")

    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="payments")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    person = models.ForeignKey("people.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("payee"))
    payee = models.CharField(_("payee"), max_length=200, blank=True)
    amount = models.DecimalField(_("amount"), max_digits=12, decimal_places=2)
    currency = models.CharField(_("currency"), max_length=3, default="USD")
    paid_on = models.DateField(_("paid on"))
    purpose = models.CharField(_("purpose"), max_length=300, blank=True)
    decision = models.ForeignKey(Decision, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                                 verbose_name=_("decision of the Board that set the amount"))
    explanation = models.JSONField(null=True, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-paid_on", "-id"]
        constraints = [models.CheckConstraint(condition=models.Q(amount__gt=0), name="payment_positive")]
        verbose_name = _("board payment")
        verbose_name_plural = _("board payments")


class BudgetNotice(models.Model):
    """The Board's notice to both governments of the payments needed for the next year (KTMU-BT-4-6)."""

    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="budget_notices")
    budget_year = models.PositiveIntegerField(_("budget year"))
    notified_gov_kr = models.DateField(_("Government of the Kyrgyz Republic notified on"), null=True, blank=True)
    notified_gov_tr = models.DateField(_("Government of Türkiye notified on"), null=True, blank=True)

    class Meta:
        ordering = ["-budget_year"]
        constraints = [models.UniqueConstraint(fields=["body", "budget_year"], name="one_notice_per_year")]
        verbose_name = _("budget notice")
        verbose_name_plural = _("budget notices")
