"""KTMU semester registration (art. 24–28, table KTMU-W-13), courses at other HEIs (26(9), KTMU-W-13a) and
credit transfer / exemption (art. 29, KTMU-W-14).

The rules layer (``bilim.regulations.postgrad.studies_registration`` / ``studies_transfer``) decides; these
models keep the inputs, the state each table drives and the dates of the institute's registration calendar.
Every state field is written only by ``bilim.apps.workflow.services.transition_apply``.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from bilim.apps.core.uploads import random_upload_to, validate_upload

W13 = "KTMU-W-13"
W13A = "KTMU-W-13a"
W14 = "KTMU-W-14"


class TermCalendar(models.Model):
    """The registration calendar of one institute in one term: the dates art. 25, 26(2)–(3), 26(13) and 28 refer to
    ("the dates set in the academic calendar"), and the timetable's and run list's publication."""

    institute = models.ForeignKey("org.Unit", verbose_name=_("institute"), on_delete=models.PROTECT, related_name="+")
    term = models.ForeignKey("curriculum.Term", verbose_name=_("term"), on_delete=models.PROTECT, related_name="+")
    selection_starts_on = models.DateField(_("course selection and registration renewal start"))
    renewal_ends_on = models.DateField(_("registration renewal ends"))
    adddrop_starts_on = models.DateField(_("add/drop starts"))
    adddrop_ends_on = models.DateField(_("add/drop ends"))
    run_list_on = models.DateField(_("courses that run are published on"))
    replacement_deadline = models.DateField(_("last day to replace a course that does not run"), null=True, blank=True,
                                            help_text=_("empty: the default number of working days after the run list"))
    supervisor_deadline = models.DateField(_("last day of the supervisor's approval"), null=True, blank=True,
                                           help_text=_("empty: the default number of working days after each submission"))
    timetable_published_on = models.DateField(_("timetable published on"), null=True, blank=True)
    timetable_published_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    run_list_published_on = models.DateField(_("run list published on"), null=True, blank=True)

    class Meta:
        ordering = ["-term__starts_on", "institute__code"]
        verbose_name = _("registration calendar")
        verbose_name_plural = _("registration calendars")
        constraints = [
            models.UniqueConstraint(fields=["institute", "term"], name="reg_calendar_unique"),
            models.CheckConstraint(condition=Q(renewal_ends_on__gte=F("selection_starts_on")), name="reg_calendar_renewal_order"),
            models.CheckConstraint(condition=Q(adddrop_ends_on__gte=F("adddrop_starts_on")), name="reg_calendar_adddrop_order"),
            models.CheckConstraint(condition=Q(run_list_on__gt=F("adddrop_ends_on")), name="reg_calendar_runlist_after_adddrop"),
        ]

    def __str__(self) -> str:
        return f"{self.institute.code} {self.term}"


class Registration(models.Model):
    """One student's registration in one term — the subject of KTMU-W-13 (renewal, selection, approval,
    add/drop, replacement, freeze)."""

    student = models.ForeignKey("people.Student", verbose_name=_("student"), on_delete=models.PROTECT, related_name="pg_registrations")
    term = models.ForeignKey("curriculum.Term", verbose_name=_("term"), on_delete=models.PROTECT, related_name="+")
    calendar = models.ForeignKey(TermCalendar, on_delete=models.PROTECT, related_name="registrations")
    state = models.CharField(_("state"), max_length=20, default="SEMESTER_OPEN", db_index=True)
    version = models.PositiveIntegerField(default=0)
    registered_on = models.DateField(_("registration renewed on"), null=True, blank=True)
    submitted_on = models.DateField(_("selection submitted on"), null=True, blank=True)
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    supervisor_comment = models.TextField(_("supervisor's comment"), blank=True)
    late_notice_on = models.DateField(_("written notice of the justified reason received on"), null=True, blank=True)
    late_notice_text = models.TextField(_("justified reason"), blank=True)
    late_decision = models.ForeignKey("governance.Decision", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    #: an add/drop change the student asked for and the supervisor has not consented to yet: {"add": [ids], "drop": [ids]}
    pending_change = models.JSONField(_("add/drop change awaiting the supervisor"), null=True, blank=True)
    #: offerings of other programmes of the institute the supervisor proposed (KTMU-26(8)-1)
    proposed = models.ManyToManyField("curriculum.Offering", blank=True, related_name="+", verbose_name=_("courses proposed by the supervisor"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-term__starts_on", "student__student_number"]
        verbose_name = _("semester registration")
        verbose_name_plural = _("semester registrations")
        constraints = [models.UniqueConstraint(fields=["student", "term"], name="reg_registration_unique")]

    def __str__(self) -> str:
        return f"{self.student} — {self.term}"


class Selection(models.Model):
    """One course in a registration. An active line holds a seat of the offering (``OfferingSeats``)."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("Selected")
        DROPPED = "dropped", _("Dropped")
        REPLACED = "replaced", _("Replaced (course does not run)")
        NOT_RUN = "not_run", _("Course does not run")

    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="lines")
    offering = models.ForeignKey("curriculum.Offering", on_delete=models.PROTECT, related_name="pg_selections")
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.ACTIVE, db_index=True)
    enrolment = models.ForeignKey("records.Enrolment", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    added_on = models.DateField(_("added on"))
    ended_on = models.DateField(_("dropped on"), null=True, blank=True)
    replaces = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["offering__course__code"]
        verbose_name = _("selected course")
        verbose_name_plural = _("selected courses")
        constraints = [
            models.UniqueConstraint(fields=["registration", "offering"], condition=Q(status="active"), name="reg_selection_active_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.registration}: {self.offering}"


class OfferingSeats(models.Model):
    """Seats taken in an offering by active selections. The database refuses more than the capacity
    (``taken ≤ capacity``), the services lock this row before they count — no overbooking in a rush."""

    offering = models.OneToOneField("curriculum.Offering", on_delete=models.CASCADE, related_name="pg_seats")
    taken = models.PositiveIntegerField(default=0)
    capacity = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("seats of an offering")
        verbose_name_plural = _("seats of offerings")
        constraints = [models.CheckConstraint(condition=Q(taken__lte=F("capacity")), name="reg_seats_within_capacity")]

    def __str__(self) -> str:
        return f"{self.offering}: {self.taken}/{self.capacity}"


class OtherHeiCourse(models.Model):
    """A course at another local or foreign HEI (KTMU-26(9)-1, 26(9)-2; KTMU-W-13a): written application,
    supervisor's consent, FoS-council proposal, Institute Board decision."""

    student = models.ForeignKey("people.Student", verbose_name=_("student"), on_delete=models.PROTECT, related_name="pg_other_hei_courses")
    term = models.ForeignKey("curriculum.Term", verbose_name=_("term"), on_delete=models.PROTECT, related_name="+")
    host_name = models.CharField(_("higher education institution"), max_length=300)
    host_country = models.CharField(_("country (ISO code)"), max_length=2, blank=True)
    course_title = models.CharField(_("course"), max_length=300)
    ects = models.DecimalField(_("ECTS credits"), max_digits=4, decimal_places=1)
    elective = models.BooleanField(_("elective course"), default=True)
    application_text = models.TextField(_("written application"))
    state = models.CharField(_("state"), max_length=20, default="NEW", db_index=True)
    version = models.PositiveIntegerField(default=0)
    applied_on = models.DateField(_("applied on"), null=True, blank=True)
    consented_on = models.DateField(_("supervisor consented on"), null=True, blank=True)
    proposal = models.ForeignKey("governance.Decision", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    decision = models.ForeignKey("governance.Decision", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("course at another HEI")
        verbose_name_plural = _("courses at other HEIs")
        constraints = [models.CheckConstraint(condition=Q(ects__gt=0, ects__lte=Decimal("999.9")), name="reg_other_hei_ects_range")]

    def __str__(self) -> str:
        return f"{self.student} — {self.course_title} ({self.host_name})"


class Recognition(models.Model):
    """An application to count an earlier course, transfer its credits or be exempted (art. 29; KTMU-W-14)."""

    class Category(models.TextChoices):
        LANGUAGE_PROGRAMME = "LANGUAGE_PROGRAMME", _("Taken during the language programme (29(2)a)")
        SPP = "SPP", _("Taken during the scientific preparation programme (29(2)b)")
        SPECIAL_STATUS = "SPECIAL_STATUS", _("Taken as a special-status student (29(2)c)")
        SAME_PROGRAMME_EARLIER = "SAME_PROGRAMME_EARLIER", _("Same programme in earlier years (29(2)d)")
        EXTERNAL_INSTITUTION = "EXTERNAL_INSTITUTION", _("At an institution outside the university (29(2)e)")

    class Status(models.TextChoices):
        PASSED = "PASSED", _("Passed")
        FAILED = "FAILED", _("Failed")
        INCOMPLETE = "INCOMPLETE", _("Incomplete")

    LETTERS = [(x, x) for x in ("AA", "BA", "BB", "CB", "CC", "DC", "DD", "FD", "FF")]

    student = models.ForeignKey("people.Student", verbose_name=_("student"), on_delete=models.PROTECT, related_name="pg_recognitions")
    category = models.CharField(_("category"), max_length=30, choices=Category.choices)
    source_institution = models.CharField(_("where the course was taken"), max_length=300)
    source_course = models.CharField(_("course taken"), max_length=300)
    completed_on = models.DateField(_("completed on"))
    result = models.CharField(_("result"), max_length=10, choices=Status.choices, default=Status.PASSED)
    letter = models.CharField(_("letter grade"), max_length=2, choices=LETTERS, blank=True)
    ects = models.DecimalField(_("ECTS credits"), max_digits=4, decimal_places=1)
    target = models.ForeignKey("curriculum.Course", verbose_name=_("course of the programme it replaces"), on_delete=models.PROTECT, related_name="+")
    language_matches = models.BooleanField(_("language of instruction matches"), default=True)
    content_matches = models.BooleanField(_("content matches"), default=True)
    transcript = models.FileField(_("transcript"), upload_to=random_upload_to("recognition"), validators=[validate_upload], blank=True)
    course_contents = models.FileField(_("course contents"), upload_to=random_upload_to("recognition"), validators=[validate_upload], blank=True)
    state = models.CharField(_("state"), max_length=20, default="NEW", db_index=True)
    version = models.PositiveIntegerField(default=0)
    applied_on = models.DateField(_("applied on"), null=True, blank=True)
    consented_on = models.DateField(_("supervisor consented on"), null=True, blank=True)
    proposal = models.ForeignKey("governance.Decision", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    decision = models.ForeignKey("governance.Decision", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    explanation = models.JSONField(_("explanation"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("credit transfer application")
        verbose_name_plural = _("credit transfer applications")
        constraints = [models.CheckConstraint(condition=Q(ects__gt=0, ects__lte=Decimal("999.9")), name="reg_recognition_ects_range")]

    def __str__(self) -> str:
        return f"{self.student} — {self.source_course} → {self.target.code}"
