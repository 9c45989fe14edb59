"""KTMU languages (art. 19, W-10), scientific preparation (art. 20, W-11), supervision files and
applications (arts 21–23, W-12), the thesis from qualifying exam to degree (art. 40, records + rule
checks: the catalogue has no table for it) and the thesis-defence appeal (art. 36, W-16d).

Every ``state`` field is written only by ``bilim.apps.workflow.services.transition_apply``; the
records here keep inputs, dates, decisions and stored explanations. Supervisors themselves are rows
of ``postgrad.Supervision`` created and ended through the postgrad services.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class LanguageRequirement(models.Model):
    """One language of instruction a student must be exempt from (KTMU-19; W-10), one row per language."""

    class Issuer(models.TextChoices):
        TR_LANGUAGE_CENTRE = "TR_LANGUAGE_CENTRE", _("Turkish language centre of a Turkish HEI")
        OSYM = "OSYM", _("ÖSYM (Türkiye's measurement, selection and placement centre)")
        SENATE_ACCEPTED = "SENATE_ACCEPTED", _("Certificate accepted by the Senate")
        KTMU = "KTMU", _("KTMU language-exemption exam")

    student = models.ForeignKey("people.Student", on_delete=models.PROTECT, related_name="thesis_languages")
    language = models.CharField(_("language"), max_length=8)
    state = models.CharField(_("state"), max_length=20, default="REGISTERED", db_index=True)
    registered_on = models.DateField(_("registered on"))
    prior_degree_from_ktmu = models.BooleanField(_("previous degree from KTMU"), default=False)
    prior_instruction_language = models.CharField(_("language of the previous degree"), max_length=8, blank=True)
    evidence = models.JSONField(_("certificates and documents"), default=list, blank=True)
    announced_on = models.DateField(_("admission announcement published on"), null=True, blank=True)
    exam_date = models.DateField(_("exemption exam date"), null=True, blank=True)
    exam_score = models.DecimalField(_("exam score"), max_digits=5, decimal_places=2, null=True, blank=True)
    explanation = models.JSONField(_("explanation"), null=True, blank=True)
    version = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["student", "language"]
        verbose_name = _("language requirement")
        verbose_name_plural = _("language requirements")
        constraints = [
            models.UniqueConstraint(fields=["student", "language"], name="thesis_language_unique"),
            models.CheckConstraint(condition=Q(exam_score__isnull=True) | Q(exam_score__gte=0, exam_score__lte=100), name="thesis_lang_score_0_100"),
        ]

    def __str__(self) -> str:
        return f"{self.student} — {self.language}"


class SppPlan(models.Model):
    """A scientific preparation programme (KTMU-20; W-11): its courses per semester and total ECTS.

    ``courses``: ``[{"code", "title", "semester": 1|2, "source_level": "BACHELOR"|"MA", "ects"}]``.
    """

    student = models.ForeignKey("people.Student", on_delete=models.PROTECT, related_name="thesis_spp_plans")
    state = models.CharField(_("state"), max_length=20, default="REGISTERED", db_index=True)
    prior_degree_field = models.CharField(_("field of the previous degree"), max_length=200)
    prior_degree_from_ktmu = models.BooleanField(_("previous degree from KTMU"), default=False)
    semesters = models.PositiveSmallIntegerField(_("semesters"), default=1)
    courses = models.JSONField(_("courses"), default=list, blank=True)
    total_ects = models.DecimalField(_("total ECTS"), max_digits=5, decimal_places=1, null=True, blank=True)
    started_on = models.DateField(_("started on"), null=True, blank=True)
    proposal = models.ForeignKey("governance.Decision", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                                 verbose_name=_("FoS council proposal"))
    decision = models.ForeignKey("governance.Decision", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                                 verbose_name=_("Institute Board decision"))
    explanation = models.JSONField(_("explanation"), null=True, blank=True)
    version = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-pk"]
        verbose_name = _("scientific preparation programme")
        verbose_name_plural = _("scientific preparation programmes")
        constraints = [
            models.UniqueConstraint(fields=["student"], name="thesis_one_spp_per_student"),
            models.CheckConstraint(condition=Q(total_ects__isnull=True) | Q(total_ects__gte=0, total_ects__lte=999), name="thesis_spp_ects"),
        ]

    def __str__(self) -> str:
        return f"{self.student} — SPP"


class SupervisionFile(models.Model):
    """The supervision of one student (KTMU-21…23; W-12): interim FoS head, appointment, second and
    foreign supervisors, changes and the thesis-submission lock that follows a change."""

    class Stage(models.TextChoices):
        COURSEWORK = "COURSEWORK", _("Coursework stage")
        THESIS = "THESIS", _("Thesis-writing stage")

    student = models.OneToOneField("people.Student", on_delete=models.PROTECT, related_name="thesis_supervision_file")
    state = models.CharField(_("state"), max_length=20, default="REGISTERED", db_index=True)
    course_selection_start = models.DateField(_("course selection started on"))
    stage = models.CharField(_("stage"), max_length=12, choices=Stage.choices, default=Stage.COURSEWORK)
    lock_until = models.DateField(_("thesis submission locked until"), null=True, blank=True)
    lock_explanation = models.JSONField(_("lock explanation"), null=True, blank=True)
    deadline_explanation = models.JSONField(_("appointment deadline"), null=True, blank=True)
    version = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("supervision file")
        verbose_name_plural = _("supervision files")

    def __str__(self) -> str:
        return f"{self.student} — {_('supervision')}"


class SupervisorApplication(models.Model):
    """A proposal or application about a supervisor: appointment (21), second (22), foreign (21(6)),
    change on a justified application (23(1)-1) or a necessary and mandatory change (23(1)-2).

    Pending while ``transition`` is empty; the W-12 step that carries it out links its Transition.
    """

    class Kind(models.TextChoices):
        APPOINT = "APPOINT", _("Supervisor appointment")
        SECOND = "SECOND", _("Second supervisor")
        FOREIGN = "FOREIGN", _("Foreign supervisor")
        CHANGE = "CHANGE", _("Change of supervisor on application")
        MANDATORY = "MANDATORY", _("Necessary and mandatory change of supervisor")

    class Applicant(models.TextChoices):
        STUDENT = "STUDENT", _("Student")
        SUPERVISOR = "SUPERVISOR", _("Supervisor")
        BOTH = "BOTH", _("Student and supervisor")
        FOS_COUNCIL = "FOS_COUNCIL", _("FoS academic council")
        DIRECTOR = "DIRECTOR", _("Institute director")

    file = models.ForeignKey(SupervisionFile, on_delete=models.PROTECT, related_name="applications")
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    applicant = models.CharField(_("applicant"), max_length=12, choices=Applicant.choices)
    justification = models.TextField(_("justification"), blank=True)
    student_preference = models.TextField(_("student's stated preference"), blank=True)
    staff = models.ForeignKey("people.Staff", null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("KTMU instructor"))
    external_name = models.CharField(_("external person's name"), max_length=200, blank=True)
    external_institution = models.CharField(_("external person's institution"), max_length=300, blank=True)
    external_country = models.CharField(_("country (ISO code)"), max_length=2, blank=True)
    external_has_degree_and_title = models.BooleanField(_("holds an academic degree and title"), default=False)
    foreign_hei_experience = models.BooleanField(_("has worked at a foreign HEI"), default=False)
    online = models.BooleanField(_("supervises online"), default=False)
    submitted_on = models.DateField(_("submitted on"))
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    proposal = models.ForeignKey("governance.Decision", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                                 verbose_name=_("FoS council proposal"))
    supervision = models.ForeignKey("postgrad.Supervision", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    transition = models.ForeignKey("workflow.Transition", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    refusal = models.JSONField(_("refusal"), null=True, blank=True)

    class Meta:
        ordering = ["-submitted_on", "-pk"]
        verbose_name = _("supervisor application")
        verbose_name_plural = _("supervisor applications")

    def __str__(self) -> str:
        return f"{self.file.student} — {self.get_kind_display()}"

    @property
    def pending(self) -> bool:
        return self.transition_id is None

    @property
    def person_name(self) -> str:
        return str(self.staff.person) if self.staff is not None else self.external_name


class ThesisFile(models.Model):
    """A student's thesis from the qualifying exam to the degree (art. 40). No catalogue table covers it:
    the stage is computed from the records below, each step checked by KTMU-40-1 and the articles it cites."""

    student = models.OneToOneField("people.Student", on_delete=models.PROTECT, related_name="thesis_file")
    title = models.CharField(_("thesis title"), max_length=500, blank=True)
    topic_approved_on = models.DateField(_("topic approved on"), null=True, blank=True)
    coursework_completed_on = models.DateField(_("coursework completed on"), null=True, blank=True)
    submission_deadline = models.DateField(_("submission deadline"), null=True, blank=True)

    class Meta:
        verbose_name = _("thesis file")
        verbose_name_plural = _("thesis files")

    def __str__(self) -> str:
        return f"{self.student} — {self.title or _('thesis')}"


class QualifyingExam(models.Model):
    """A sitting of the doctoral qualifying exam (KTMU-21(6)-1, 39(1)h-1)."""

    file = models.ForeignKey(ThesisFile, on_delete=models.PROTECT, related_name="qualifying_exams")
    held_on = models.DateField(_("held on"))
    passed = models.BooleanField(_("passed"))
    decision = models.ForeignKey("governance.Decision", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    explanation = models.JSONField(_("explanation"), null=True, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["held_on", "pk"]
        verbose_name = _("qualifying exam")
        verbose_name_plural = _("qualifying exams")


class ThesisProposal(models.Model):
    """The thesis proposal (plan-prospectus) and the review commission's evaluation (KTMU-4-7)."""

    class Result(models.TextChoices):
        PENDING = "PENDING", _("Under review")
        APPROVED = "APPROVED", _("Approved")
        REVISE = "REVISE", _("To be revised")

    file = models.ForeignKey(ThesisFile, on_delete=models.PROTECT, related_name="proposals")
    title = models.CharField(_("thesis title"), max_length=500)
    summary = models.TextField(_("summary"))
    submitted_on = models.DateField(_("submitted on"))
    commission = models.ManyToManyField("people.Staff", blank=True, related_name="+", verbose_name=_("thesis review commission"))
    result = models.CharField(_("result"), max_length=10, choices=Result.choices, default=Result.PENDING)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    decision = models.ForeignKey("governance.Decision", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    explanation = models.JSONField(_("explanation"), null=True, blank=True)

    class Meta:
        ordering = ["-submitted_on", "-pk"]
        verbose_name = _("thesis proposal")
        verbose_name_plural = _("thesis proposals")


class ProgressReport(models.Model):
    """A semester's thesis progress report (KTMU-39(1)g-2, h-3, h-4)."""

    class Result(models.TextChoices):
        APPROVED = "APPROVED", _("Approved")
        NOT_APPROVED = "NOT_APPROVED", _("Not approved")
        NOT_SUBMITTED = "NOT_SUBMITTED", _("Not submitted")

    file = models.ForeignKey(ThesisFile, on_delete=models.PROTECT, related_name="progress_reports")
    term = models.ForeignKey("curriculum.Term", on_delete=models.PROTECT, related_name="+")
    result = models.CharField(_("result"), max_length=14, choices=Result.choices)
    justified = models.BooleanField(_("justified reason accepted"), default=False)
    note = models.TextField(_("note"), blank=True)
    recorded_on = models.DateField(_("recorded on"))

    class Meta:
        ordering = ["term__starts_on"]
        verbose_name = _("progress report")
        verbose_name_plural = _("progress reports")
        constraints = [models.UniqueConstraint(fields=["file", "term"], name="thesis_one_report_per_term")]


class ThesisSubmission(models.Model):
    """The thesis handed in (KTMU-40-1; lock KTMU-23(2)-1; deadline 39(1)g-3 / h-6)."""

    file = models.OneToOneField(ThesisFile, on_delete=models.PROTECT, related_name="submission")
    submitted_on = models.DateField(_("submitted on"))
    explanation = models.JSONField(_("explanation"), default=list)

    class Meta:
        verbose_name = _("thesis submission")
        verbose_name_plural = _("thesis submissions")


class Jury(models.Model):
    """The thesis jury (attestation commission): a governance body of kind ``jury`` and its members."""

    file = models.OneToOneField(ThesisFile, on_delete=models.PROTECT, related_name="jury")
    body = models.ForeignKey("governance.Body", on_delete=models.PROTECT, related_name="+")
    members = models.ManyToManyField("people.Staff", related_name="+", verbose_name=_("members"))
    decision = models.ForeignKey("governance.Decision", on_delete=models.PROTECT, related_name="+")
    formed_on = models.DateField(_("formed on"))
    explanation = models.JSONField(_("explanation"), default=list)

    class Meta:
        verbose_name = _("thesis jury")
        verbose_name_plural = _("thesis juries")


class Defence(models.Model):
    """A thesis defence and its result (art. 36; 39(1)i-1 / h-2)."""

    class Result(models.TextChoices):
        PASSED = "PASSED", _("Passed")
        FAILED = "FAILED", _("Failed")

    file = models.ForeignKey(ThesisFile, on_delete=models.PROTECT, related_name="defences")
    held_on = models.DateField(_("held on"))
    result = models.CharField(_("result"), max_length=8, choices=Result.choices)
    decision = models.ForeignKey("governance.Decision", on_delete=models.PROTECT, related_name="+", verbose_name=_("jury decision"))
    video_url = models.URLField(_("video recording"), blank=True)
    explanation = models.JSONField(_("explanation"), default=list)

    class Meta:
        ordering = ["held_on", "pk"]
        verbose_name = _("thesis defence")
        verbose_name_plural = _("thesis defences")


class DegreeAward(models.Model):
    """The degree awarded and the diploma-supplement data (SPP grades shown, KTMU-20(5)-1)."""

    file = models.OneToOneField(ThesisFile, on_delete=models.PROTECT, related_name="degree")
    decision = models.ForeignKey("governance.Decision", on_delete=models.PROTECT, related_name="+")
    awarded_on = models.DateField(_("awarded on"))
    diploma_number = models.CharField(_("diploma number"), max_length=40, unique=True)
    supplement = models.JSONField(_("diploma supplement data"), default=dict)
    explanation = models.JSONField(_("explanation"), default=list)

    class Meta:
        verbose_name = _("degree award")
        verbose_name_plural = _("degree awards")


class DefenceAppeal(models.Model):
    """An appeal against a failed thesis defence (KTMU-36; W-16d). Created in DEFENCE_FAILED when the
    failed result is recorded; the student's appeal is its first step."""

    class Outcome(models.TextChoices):
        PENDING = "", _("Pending")
        FAIL_UPHELD = "FAIL_UPHELD", _("Failure upheld")
        REVERSED = "REVERSED", _("Result reversed on re-evaluation")

    student = models.ForeignKey("people.Student", on_delete=models.PROTECT, related_name="thesis_defence_appeals")
    defence = models.OneToOneField(Defence, on_delete=models.PROTECT, related_name="appeal")
    state = models.CharField(_("state"), max_length=20, default="DEFENCE_FAILED", db_index=True)
    filed_on = models.DateField(_("appeal filed on"), null=True, blank=True)
    grounds = models.TextField(_("grounds of the appeal"), blank=True)
    proposed_members = models.ManyToManyField("people.Staff", blank=True, related_name="+", verbose_name=_("proposed commission members"))
    proposed_secretary = models.ForeignKey("people.Staff", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                                           verbose_name=_("proposed secretary (no vote)"))
    commission = models.ForeignKey("governance.Body", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                                   verbose_name=_("appeal commission"))
    commission_formed_on = models.DateField(_("commission formed on"), null=True, blank=True)
    findings = models.TextField(_("findings"), blank=True)
    evaluations = models.TextField(_("evaluations"), blank=True)
    votes = models.JSONField(_("votes"), default=list, blank=True)
    report_submitted_on = models.DateField(_("report submitted on"), null=True, blank=True)
    sent_to_jury_on = models.DateField(_("sent to the jury on"), null=True, blank=True)
    board_signed_on = models.DateField(_("signed by the Institute Board on"), null=True, blank=True)
    notified_on = models.DateField(_("student notified on"), null=True, blank=True)
    published = models.BooleanField(_("published on the institute's website"), default=False)
    reevaluation_passed = models.BooleanField(_("jury's re-evaluation: passed"), null=True, blank=True)
    outcome = models.CharField(_("final outcome"), max_length=12, choices=Outcome.choices, default="", blank=True)
    version = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-pk"]
        verbose_name = _("thesis-defence appeal")
        verbose_name_plural = _("thesis-defence appeals")

    def __str__(self) -> str:
        return f"{self.student} — {_('defence appeal')}"
