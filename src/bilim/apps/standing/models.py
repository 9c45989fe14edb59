"""KTMU student status: leave (art. 37, W-17), academic leave (art. 38, W-18), dismissal (art. 39, W-19),
plagiarism (art. 43, W-20), and the semester check of every dismissal ground (a background job).

Each record's ``state`` is written only by :func:`bilim.apps.workflow.services.transition_apply`; the
student's own ``people.Student.status`` follows these states through the app's ``ON_MOVE`` hooks
(``bilim.apps.standing.services.status_on_move``), in the same transaction, under the same lock.
A record whose process is over keeps its last state and is marked ``closed`` (a return to ACTIVE or
ENROLLED ends the file; the next leave is a new record).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from bilim.apps.core.uploads import random_upload_to, validate_upload


class _StudentRecord(models.Model):
    student = models.ForeignKey("people.Student", verbose_name=_("student"), on_delete=models.PROTECT, related_name="+")
    institute = models.ForeignKey("org.Unit", verbose_name=_("institute"), on_delete=models.PROTECT, related_name="+")
    closed = models.BooleanField(_("closed"), default=False, db_index=True)
    explanation = models.JSONField(_("explanation"), default=list, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=0)

    class Meta:
        abstract = True


class Leave(_StudentRecord):
    """Leave — permission of absence (KTMU art. 37; table KTMU-W-17)."""

    class Kind(models.TextChoices):
        JUSTIFIED = "justified", _("Unexpected justified reason (art. 37(1))")
        STUDY = "study", _("Study in the country or abroad under an agreement (art. 37(2))")
        EXCHANGE = "exchange", _("Exchange programme by the rectorate's decision (art. 37(3))")

    kind = models.CharField(_("kind of leave"), max_length=20, choices=Kind.choices)
    state = models.CharField(_("state"), max_length=30, default="ACTIVE", db_index=True)
    reason = models.TextField(_("reason"))
    reason_arose_on = models.DateField(_("the reason arose on"), null=True, blank=True)
    applied_on = models.DateField(_("applied on"))
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("to"))
    country = models.CharField(_("country (ISO code)"), max_length=2, blank=True)
    counts_toward_duration = models.BooleanField(_("counts toward the study duration"), null=True, blank=True)
    under_agreement = models.BooleanField(_("under a bilateral or international agreement"), default=False)
    rectorate_decision_ref = models.CharField(_("rectorate's decision (exchange)"), max_length=100, blank=True)
    skill_programme_ready = models.BooleanField(_("skill programme prepared by the FoS management"), default=False)
    document = models.FileField(_("supporting document"), upload_to=random_upload_to("standing"), validators=[validate_upload],
                                max_length=200, blank=True)
    notified = models.JSONField(_("notified in writing"), default=list, blank=True)
    voided_events = models.JSONField(_("results void (sat during the leave)"), default=list, blank=True)

    class Meta:
        ordering = ["-applied_on", "-pk"]
        verbose_name = _("leave")
        verbose_name_plural = _("leaves")
        constraints = [
            models.CheckConstraint(condition=models.Q(ends_on__gte=models.F("starts_on")), name="standing_leave_not_reversed"),
            models.UniqueConstraint(fields=["student"], condition=models.Q(closed=False), name="standing_one_open_leave"),
        ]

    def __str__(self) -> str:
        return f"{self.student} — {self.get_kind_display()} {self.starts_on}–{self.ends_on}"


class AcademicLeave(_StudentRecord):
    """Academic leave (KTMU art. 38; table KTMU-W-18): health, birth of a child, excused reason, military service."""

    class Reason(models.TextChoices):
        HEALTH = "health", _("Health (hospital stay, art. 38(1)a)")
        CHILDBIRTH = "childbirth", _("Birth of a child (art. 38(1)b)")
        EXCUSED = "excused", _("Excused reason (art. 38(2))")
        MILITARY = "military", _("Military service (art. 38(3))")

    class Excused(models.TextChoices):
        ABROAD_EDU_RESEARCH = "ABROAD_EDU_RESEARCH", _("Education or research abroad")
        ACCOMPANY_PATIENT = "ACCOMPANY_PATIENT", _("Accompanying a patient on a doctor's prescription")
        NATURAL_DISASTER = "NATURAL_DISASTER", _("Natural disaster")
        PROSECUTION = "PROSECUTION", _("Charged and brought to trial")
        OTHER_ACCEPTED_BY_BOARD = "OTHER_ACCEPTED_BY_BOARD", _("Another reason for the institute board to accept")
        JOB_RELOCATION_DOMESTIC = "JOB_RELOCATION_DOMESTIC", _("Job relocation within the country")
        JOB_POSTING_ABROAD = "JOB_POSTING_ABROAD", _("Job posting abroad")

    reason = models.CharField(_("reason"), max_length=20, choices=Reason.choices)
    excused_reason = models.CharField(_("excused reason"), max_length=30, choices=Excused.choices, blank=True)
    state = models.CharField(_("state"), max_length=30, default="ACTIVE", db_index=True)
    statement = models.TextField(_("statement"))
    applied_on = models.DateField(_("applied on"))
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("to"))
    semesters = models.PositiveSmallIntegerField(_("semesters requested"), default=1)
    unforeseen = models.BooleanField(_("unforeseen situation"), default=False)
    sick_sheet_opened_on = models.DateField(_("sick-leave sheet opened on"), null=True, blank=True)
    hospital_admitted_on = models.DateField(_("admitted to hospital on"), null=True, blank=True)
    hospital_discharged_on = models.DateField(_("discharged on"), null=True, blank=True)
    service_starts_on = models.DateField(_("military service from"), null=True, blank=True)
    service_ends_on = models.DateField(_("military service to"), null=True, blank=True)
    returned_on = models.DateField(_("returned on"), null=True, blank=True)
    reported_on = models.DateField(_("return reported on"), null=True, blank=True)
    military_id_shown = models.BooleanField(_("military ID shown"), default=False)
    document = models.FileField(_("supporting document"), upload_to=random_upload_to("standing"), validators=[validate_upload],
                                max_length=200, blank=True)
    voided_events = models.JSONField(_("activities not counted"), default=list, blank=True)

    class Meta:
        ordering = ["-applied_on", "-pk"]
        verbose_name = _("academic leave")
        verbose_name_plural = _("academic leaves")
        constraints = [
            models.CheckConstraint(condition=models.Q(ends_on__gte=models.F("starts_on")), name="standing_acleave_not_reversed"),
            models.CheckConstraint(condition=models.Q(semesters__gte=1), name="standing_acleave_semesters_positive"),
            models.UniqueConstraint(fields=["student"], condition=models.Q(closed=False), name="standing_one_open_acleave"),
        ]

    def __str__(self) -> str:
        return f"{self.student} — {self.get_reason_display()} {self.starts_on}–{self.ends_on}"

    @property
    def on_leave(self) -> bool:
        return self.state.startswith("ACADEMIC_LEAVE_")


class SemesterCheck(models.Model):
    """One run of the semester check of every art. 39(1) ground over an institution's student body (a background job)."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    institution = models.ForeignKey("org.Institution", on_delete=models.PROTECT, related_name="+")
    as_of = models.DateField(_("checked as of"))
    label = models.CharField(_("semester"), max_length=40)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    chunk_size = models.PositiveIntegerField(default=500)
    total = models.PositiveIntegerField(_("students"), default=0)
    processed = models.PositiveIntegerField(_("checked"), default=0)
    chunks_total = models.PositiveIntegerField(default=0)
    chunks_done = models.PositiveIntegerField(default=0)
    grounds_found = models.PositiveIntegerField(_("students with a ground"), default=0)
    cases_opened = models.PositiveIntegerField(_("dismissal cases opened"), default=0)
    task_id = models.CharField(max_length=64, blank=True)
    started_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("semester check")
        verbose_name_plural = _("semester checks")
        constraints = [models.CheckConstraint(condition=models.Q(processed__lte=models.F("total")), name="standing_check_progress_bounded")]

    def __str__(self) -> str:
        return f"{self.label} ({self.as_of})"

    @property
    def percent(self) -> int:
        return 100 if not self.total else int(self.processed * 100 / self.total)


class SemesterCheckChunk(models.Model):
    """A slice of the student body checked by one task; ``done`` makes a re-run of the slice a no-op."""

    check_run = models.ForeignKey(SemesterCheck, on_delete=models.CASCADE, related_name="chunks")
    index = models.PositiveIntegerField()
    student_ids = models.JSONField(default=list)
    done = models.BooleanField(default=False)
    found = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["check_run", "index"]
        constraints = [models.UniqueConstraint(fields=["check_run", "index"], name="standing_chunk_unique")]


class SemesterCheckResult(models.Model):
    """A student for whom the semester check found a ground (FAIL) or something to watch (WARN)."""

    check_run = models.ForeignKey(SemesterCheck, on_delete=models.CASCADE, related_name="results")
    student = models.ForeignKey("people.Student", on_delete=models.PROTECT, related_name="+")
    grounds = models.JSONField(default=list)
    watch = models.JSONField(default=list)
    cgpa = models.DecimalField(max_digits=4, decimal_places=2, null=True, blank=True)
    explanation = models.JSONField(default=list)
    case = models.ForeignKey("DismissalCase", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["check_run", "student"]
        constraints = [models.UniqueConstraint(fields=["check_run", "student"], name="standing_result_unique")]


class DismissalCase(_StudentRecord):
    """A dismissal case (KTMU art. 39; table KTMU-W-19): ground → institute board's proposal → rector's order →
    the transcript on request within 2 weeks (39(3))."""

    state = models.CharField(_("state"), max_length=30, default="ENROLLED", db_index=True)
    ground = models.CharField(_("ground (rule)"), max_length=30)
    action = models.CharField(max_length=60)
    check_run = models.ForeignKey(SemesterCheck, null=True, blank=True, on_delete=models.SET_NULL, related_name="cases")
    plagiarism = models.ForeignKey("PlagiarismCase", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    note = models.TextField(_("note"), blank=True)
    proposal = models.ForeignKey("governance.Decision", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    order_number = models.CharField(_("rector's order number"), max_length=40, blank=True)
    order_date = models.DateField(_("rector's order date"), null=True, blank=True)
    transcript_requested_on = models.DateField(_("transcript requested on"), null=True, blank=True)
    transcript_due_on = models.DateField(_("transcript due on"), null=True, blank=True)
    transcript_issued_on = models.DateField(_("transcript issued on"), null=True, blank=True)

    OPEN_STATES = ("DISMISSAL_CASE", "DISMISSAL_PROPOSED")

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("dismissal case")
        verbose_name_plural = _("dismissal cases")
        constraints = [
            # one live case per student: two semester-check workers can never open the same case twice
            models.UniqueConstraint(fields=["student"], condition=models.Q(state__in=["DISMISSAL_CASE", "DISMISSAL_PROPOSED"]),
                                    name="standing_one_open_dismissal"),
        ]

    def __str__(self) -> str:
        return f"{self.student} — {self.ground}"


class PlagiarismCase(_StudentRecord):
    """A plagiarism complaint (KTMU art. 43; table KTMU-W-20); the diploma is held while it is investigated."""

    state = models.CharField(_("state"), max_length=30, default="NEW", db_index=True)
    work = models.CharField(_("work concerned"), max_length=300)
    complaint = models.TextField(_("complaint"))
    complained_on = models.DateField(_("complaint received on"))
    referred_on = models.DateField(_("referred in writing on"), null=True, blank=True)
    concluded_on = models.DateField(_("concluded on"), null=True, blank=True)
    document = models.FileField(_("evidence"), upload_to=random_upload_to("standing"), validators=[validate_upload], max_length=200, blank=True)
    decision = models.ForeignKey("governance.Decision", null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-complained_on", "-pk"]
        verbose_name = _("plagiarism case")
        verbose_name_plural = _("plagiarism cases")

    def __str__(self) -> str:
        return f"{self.student} — {self.work}"
