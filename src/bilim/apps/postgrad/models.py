"""KTMU postgraduate records the rules layer does not keep: assessment plans and component scores
(KTMU-32(2)-1), the attendance register (KTMU-30(1)-2), supervision (arts 21–22), special and
excuse exam schedules (KTMU-31(4)-3, 31(5)-2), semester-scoped enrolments (15(3)-2, 16(2)-2),
host grades (17(5)-2, 29(3)-1, 32(7)-1), external remedies (36(10)-1), disciplinary cases (42-1),
"not covered" decisions (44-1) and external implementing rule sets (21(4), 21(5), 21(11), 40).

Decisions themselves (pass/fail, letters, eligibility, dismissal grounds) are computed by
``bilim.regulations``; these models store the inputs and the stored explanation only.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from bilim.apps.core.uploads import random_upload_to
from bilim.apps.people.models import Level


class AssessmentPlan(models.Model):
    """The instructor's weight plan of an offering (KTMU-32(1)-1, 32(2)-1) and the final exam's date.

    ``components`` is a list of ``{"code": "MID1", "kind": "MIDTERM"|"FINAL"|"OTHER", "weight": "0.40"}``.
    """

    offering = models.OneToOneField("curriculum.Offering", on_delete=models.PROTECT, related_name="assessment_plan")
    components = models.JSONField(_("components"), default=list)
    final_exam_date = models.DateField(_("final exam date"))
    explanation = models.JSONField(_("explanation"), null=True, blank=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("assessment plan")
        verbose_name_plural = _("assessment plans")

    def __str__(self) -> str:
        return f"{self.offering}"


class ScoreSheet(models.Model):
    """One enrolled student's component scores in an offering (``{"MID1": "65", "FIN": null}``) and the
    student's place in table KTMU-W-15 (``state``).

    The subject of W-15 is the enrolment's sheet, not the offering: the table's states (F1, an excuse
    exam set, PASSED/FAILED, published) are each student's. The offering's *grade sheet* is the set of
    its score sheets; its steps (plan, schedule, submission, publication) move every sheet through the
    one transition service. ``state`` is written only by ``bilim.apps.workflow.services.transition_apply``.
    """

    class Evidence(models.TextChoices):
        HEALTH_CERTIFICATE = "HEALTH_CERTIFICATE", _("Health certificate")
        OTHER_JUSTIFIED_REASON = "OTHER_JUSTIFIED_REASON", _("Other justified reason")

    enrolment = models.OneToOneField("records.Enrolment", on_delete=models.PROTECT, related_name="score_sheet")
    state = models.CharField(_("state"), max_length=24, default="RUNS", db_index=True, editable=False)
    scores = models.JSONField(_("component scores"), default=dict)
    final_excused = models.BooleanField(_("excused absence from the final (excuse exam pending)"), default=False)
    # the excuse application (KTMU-31(5)-1) and the excuse exams organised (KTMU-31(6)-1)
    excuse_applied_on = models.DateField(_("excuse application filed on"), null=True, blank=True)
    excuse_evidence = models.CharField(_("evidence"), max_length=24, choices=Evidence.choices, blank=True)
    excuse_note = models.TextField(_("reason for the absence"), blank=True)
    excuse_exams = models.PositiveSmallIntegerField(_("excuse exams organised"), default=0)
    excuse_missed = models.BooleanField(_("missed the excuse exam"), default=False)
    submitted_on = models.DateField(_("submitted to the institute on"), null=True, blank=True)
    published_on = models.DateField(_("results published on"), null=True, blank=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("score sheet")
        verbose_name_plural = _("score sheets")

    def __str__(self) -> str:
        return f"{self.enrolment}"


class AttendanceSession(models.Model):
    """A class session actually held (theory or practice), recorded by the instructor (KTMU-30(1)-2)."""

    class Kind(models.TextChoices):
        THEORY = "theory", _("Theory")
        PRACTICE = "practice", _("Practice")

    offering = models.ForeignKey("curriculum.Offering", on_delete=models.PROTECT, related_name="attendance_sessions")
    held_on = models.DateField(_("held on"))
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.THEORY)
    topic = models.CharField(_("topic"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["held_on", "pk"]
        verbose_name = _("class session")
        verbose_name_plural = _("class sessions")

    def __str__(self) -> str:
        return f"{self.offering} {self.held_on} {self.get_kind_display()}"


class AttendanceMark(models.Model):
    """Whether one enrolled student attended one session."""

    session = models.ForeignKey(AttendanceSession, on_delete=models.CASCADE, related_name="marks")
    enrolment = models.ForeignKey("records.Enrolment", on_delete=models.PROTECT, related_name="attendance_marks")
    present = models.BooleanField(_("present"), default=False)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["session", "enrolment"], name="pg_attendance_mark_unique")]
        verbose_name = _("attendance mark")
        verbose_name_plural = _("attendance marks")


class Supervision(models.Model):
    """A supervisory role for a master's/doctoral student (arts 21–22).

    The supervisor is a KTMU staff member, or — for a second or foreign supervisor (KTMU-22(1)-3,
    21(6)) — an external person who has no KTMU employment (name, institution, country).
    """

    class Role(models.TextChoices):
        SUPERVISOR = "SUPERVISOR", _("Supervisor")
        SUPERVISOR2 = "SUPERVISOR2", _("Second supervisor")
        FOREIGN_SUPERVISOR = "FOREIGN_SUPERVISOR", _("Foreign supervisor")

    class Mode(models.TextChoices):
        IN_PERSON = "IN_PERSON", _("In person")
        ONLINE = "ONLINE", _("Online (distance)")

    class Status(models.TextChoices):
        PROPOSED = "PROPOSED", _("Proposed")
        ACTIVE = "ACTIVE", _("Appointed")
        ENDED = "ENDED", _("Ended")

    student = models.ForeignKey("people.Student", on_delete=models.PROTECT, related_name="pg_supervisions")
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.SUPERVISOR)
    staff = models.ForeignKey("people.Staff", null=True, blank=True, on_delete=models.PROTECT, related_name="pg_supervisions")
    external_name = models.CharField(_("external person's name"), max_length=200, blank=True)
    external_institution = models.CharField(_("external person's institution"), max_length=300, blank=True)
    external_country = models.CharField(_("country (ISO code)"), max_length=2, blank=True)
    mode = models.CharField(_("supervision mode"), max_length=10, choices=Mode.choices, default=Mode.IN_PERSON)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PROPOSED, db_index=True)
    student_preference = models.TextField(_("student's stated preference"), blank=True)
    proposed_on = models.DateField(_("proposed on"))
    decision = models.ForeignKey("governance.Decision", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    started_on = models.DateField(_("from"), null=True, blank=True)
    ended_on = models.DateField(_("to"), null=True, blank=True)

    class Meta:
        ordering = ["-proposed_on", "-pk"]
        verbose_name = _("supervision")
        verbose_name_plural = _("supervisions")
        constraints = [
            # exactly one of: a KTMU staff member, or an external person (never both, never none)
            models.CheckConstraint(
                condition=(Q(staff__isnull=False) & Q(external_name="")) | (Q(staff__isnull=True) & ~Q(external_name="")),
                name="pg_supervision_staff_xor_external",
            ),
            # the main supervisor is a KTMU instructor (KTMU-21(2)-1); only 2nd/foreign may be external
            models.CheckConstraint(condition=~Q(role="SUPERVISOR") | Q(staff__isnull=False), name="pg_supervisor_is_staff"),
            models.CheckConstraint(condition=Q(ended_on__isnull=True) | Q(started_on__isnull=True) | Q(ended_on__gte=F("started_on")), name="pg_supervision_dates"),
        ]

    def __str__(self) -> str:
        return f"{self.student} — {self.get_role_display()}: {self.supervisor_name}"

    @property
    def supervisor_name(self) -> str:
        return str(self.staff) if self.staff_id else self.external_name

    @property
    def is_external(self) -> bool:
        return self.staff_id is None


class SupervisionTask(models.Model):
    """Work for the institute: a supervisor's employment ended (KTMU-21(9)-1)."""

    class Status(models.TextChoices):
        OPEN = "OPEN", _("Open")
        CONTINUE_ONLINE = "CONTINUE_ONLINE", _("Continues online with the instructor's consent")
        CHANGE_SUPERVISOR = "CHANGE_SUPERVISOR", _("Supervisor to be changed (KTMU-23)")

    supervision = models.ForeignKey(Supervision, on_delete=models.PROTECT, related_name="tasks")
    employment_ended_on = models.DateField(_("employment ended on"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.OPEN, db_index=True)
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    resolved_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["status", "-created_at"]
        verbose_name = _("supervision task")
        verbose_name_plural = _("supervision tasks")
        constraints = [models.UniqueConstraint(fields=["supervision"], condition=Q(status="OPEN"), name="pg_one_open_task_per_supervision")]

    def __str__(self) -> str:
        return f"{self.supervision} ({self.get_status_display()})"


class ExternalRuleSet(models.Model):
    """A separate regulation the instruction defers to (KTMU-21(4)-1, 21(5)-1, 21(11)-1, 40-1):
    its name, the decision that adopted it and the date, attached to a level and shown where it applies."""

    class Scope(models.TextChoices):
        SUPERVISION = "SUPERVISION", _("Supervisor appointment and duties")
        THESIS = "THESIS", _("Writing the thesis")
        PROGRAMME = "PROGRAMME", _("Implementing the programme")

    institution = models.ForeignKey("org.Institution", on_delete=models.PROTECT, related_name="+")
    name = models.CharField(_("name"), max_length=300)
    level = models.CharField(_("level"), max_length=20, choices=Level.choices, blank=True, help_text=_("empty: every level"))
    programme = models.ForeignKey("curriculum.Programme", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    scope = models.CharField(_("applies to"), max_length=20, choices=Scope.choices)
    adopted_by = models.ForeignKey("governance.Decision", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    adopted_on = models.DateField(_("adopted on"))
    rule_ids = models.CharField(_("instruction articles"), max_length=200, blank=True)
    url = models.URLField(_("link to the text"), blank=True)

    class Meta:
        ordering = ["scope", "name"]
        verbose_name = _("implementing rule set")
        verbose_name_plural = _("implementing rule sets")

    def __str__(self) -> str:
        return self.name


class ExamScheduleEntry(models.Model):
    """A special exam (KTMU-31(4)-3) or an excuse exam set by an Institute Board decision (KTMU-31(5)-2),
    sent to the institute and published on the institute's public page."""

    class Kind(models.TextChoices):
        SPECIAL = "SPECIAL", _("Special exam")
        EXCUSE = "EXCUSE", _("Excuse exam")

    institute = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="pg_exam_entries")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    offering = models.ForeignKey("curriculum.Offering", on_delete=models.PROTECT, related_name="+")
    exam_date = models.DateField(_("exam date"))
    starts_at = models.TimeField(_("time"))
    room = models.CharField(_("room"), max_length=60)
    decision = models.ForeignKey("governance.Decision", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    published_on = models.DateField(_("published on"), null=True, blank=True)
    notified_on = models.DateField(_("FoS head notified on"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["exam_date", "starts_at"]
        verbose_name = _("exam schedule entry")
        verbose_name_plural = _("exam schedule entries")
        constraints = [
            models.CheckConstraint(condition=~Q(kind="EXCUSE") | Q(decision__isnull=False), name="pg_excuse_exam_has_decision"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.offering.course.code} {self.exam_date}"


class SemesterScope(models.Model):
    """A special-status (KTMU-15(3)-2) or incoming-exchange (16(2)-2) student: the term's courses
    belong only to that semester, not to a degree programme record."""

    class Kind(models.TextChoices):
        SPECIAL_STATUS = "SPECIAL_STATUS", _("Special-status student")
        INCOMING_EXCHANGE = "INCOMING_EXCHANGE", _("Incoming exchange student")

    student = models.ForeignKey("people.Student", on_delete=models.PROTECT, related_name="pg_semester_scopes")
    term = models.ForeignKey("curriculum.Term", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    home_institution = models.CharField(_("home institution (exchange)"), max_length=300, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["student", "term"], name="pg_semester_scope_unique")]
        verbose_name = _("semester-scoped enrolment")
        verbose_name_plural = _("semester-scoped enrolments")

    def __str__(self) -> str:
        return f"{self.student} {self.term} {self.get_kind_display()}"


class HostGrade(models.Model):
    """A grade earned at another university, stored exactly as received (KTMU-17(5)-2, 32(7)-1), and
    its conversion by the agreement's table (KTMU-29(3)-1) to a KTMU score and letter."""

    student = models.ForeignKey("people.Student", on_delete=models.PROTECT, related_name="pg_host_grades")
    host = models.ForeignKey("org.Institution", on_delete=models.PROTECT, related_name="+")
    agreement = models.ForeignKey("mobility.Agreement", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    course_title = models.CharField(_("host course"), max_length=300)
    host_grade = models.CharField(_("grade as received"), max_length=20)
    host_scale = models.CharField(_("host grading scale"), max_length=60)
    ects = models.DecimalField(_("ECTS credits"), max_digits=4, decimal_places=1)
    semester = models.CharField(_("semester"), max_length=20, help_text=_("e.g. 2025-AUTUMN"))
    received_on = models.DateField(_("received on"))
    converted_score = models.DecimalField(_("KTMU score (0–100)"), max_digits=5, decimal_places=2, null=True, blank=True)
    ktmu_letter = models.CharField(_("KTMU letter"), max_length=4, blank=True)
    explanation = models.JSONField(_("explanation"), null=True, blank=True)

    class Meta:
        ordering = ["-received_on", "-pk"]
        verbose_name = _("host grade")
        verbose_name_plural = _("host grades")
        constraints = [
            models.CheckConstraint(condition=Q(ects__gt=0), name="pg_host_grade_ects_positive"),
            # upper bounds also refuse NaN/Infinity (see bilim.apps.core.numbers)
            models.CheckConstraint(condition=Q(ects__lte=Decimal("999.9")), name="pg_host_grade_ects_finite"),
            models.CheckConstraint(condition=Q(converted_score__gte=0, converted_score__lte=100) | Q(converted_score__isnull=True),
                                   name="pg_host_grade_score_0_100"),
        ]

    def __str__(self) -> str:
        return f"{self.student} {self.course_title} {self.host_grade}"


class ExternalRemedy(models.Model):
    """The student sought an administrative remedy outside the university against the Institute
    Board's final decision (KTMU-36(10)-1, A-76: record only)."""

    student = models.ForeignKey("people.Student", on_delete=models.PROTECT, related_name="pg_external_remedies")
    decision = models.ForeignKey("governance.Decision", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    filed_on = models.DateField(_("filed on"))
    note = models.TextField(_("note"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-filed_on"]
        verbose_name = _("external remedy")
        verbose_name_plural = _("external remedies")

    def __str__(self) -> str:
        return f"{self.student} {self.filed_on}"


class DisciplinaryCase(models.Model):
    """A disciplinary case owned by the institute (KTMU-42-1); a dismissal outcome is the ground of
    KTMU-39(1)j-1, whose evaluation is stored in ``ground_explanation``."""

    class Outcome(models.TextChoices):
        PENDING = "PENDING", _("Under investigation")
        NONE = "NONE", _("No penalty")
        WARNING = "WARNING", _("Warning")
        REPRIMAND = "REPRIMAND", _("Reprimand")
        SUSPENSION = "SUSPENSION", _("Suspension")
        DISMISSAL = "DISMISSAL", _("Dismissal")

    student = models.ForeignKey("people.Student", on_delete=models.PROTECT, related_name="pg_disciplinary_cases")
    institute = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+")
    opened_on = models.DateField(_("opened on"))
    summary = models.TextField(_("summary"))
    outcome = models.CharField(_("outcome"), max_length=12, choices=Outcome.choices, default=Outcome.PENDING)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    ground_explanation = models.JSONField(_("dismissal ground"), null=True, blank=True)

    class Meta:
        ordering = ["-opened_on", "-pk"]
        verbose_name = _("disciplinary case")
        verbose_name_plural = _("disciplinary cases")

    def __str__(self) -> str:
        return f"{self.student} {self.opened_on}"


class NotCoveredMatter(models.Model):
    """A matter the instruction does not cover, decided under national law (KTMU-44-1): a
    ``governance.Decision`` of category ``postgrad.not_covered`` plus its legal reference."""

    class Jurisdiction(models.TextChoices):
        KG = "KG", _("Kyrgyz Republic")
        TR = "TR", _("Republic of Türkiye")

    decision = models.OneToOneField("governance.Decision", on_delete=models.PROTECT, related_name="pg_not_covered")
    student = models.ForeignKey("people.Student", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    jurisdiction = models.CharField(_("law of"), max_length=2, choices=Jurisdiction.choices)
    legal_reference = models.CharField(_("legal reference"), max_length=300)

    class Meta:
        verbose_name = _("matter not covered by the instruction")
        verbose_name_plural = _("matters not covered by the instruction")

    def __str__(self) -> str:
        return f"{self.decision} — {self.legal_reference}"


class GradeAppeal(models.Model):
    """A student's appeal against a published exam result (KTMU art. 34, table KTMU-W-16b).

    Filed with the institute within the limit after publication (KTMU-34-1); the instructor re-checks
    the papers and reports in writing (34-2), proposing corrected component scores when a technical
    error is found; the Institute Board corrects or upholds (34-3); the student may appeal further to
    the University Board (34-4). ``state`` is written only by the transition service.
    """

    sheet = models.ForeignKey(ScoreSheet, on_delete=models.PROTECT, related_name="appeals")
    state = models.CharField(_("state"), max_length=20, default="PUBLISHED", db_index=True, editable=False)
    statement = models.TextField(_("grounds of the appeal"))
    filed_on = models.DateField(_("filed on"))
    findings = models.TextField(_("instructor's written findings"), blank=True)
    papers_attached = models.BooleanField(_("exam papers attached"), default=False)
    technical_error = models.BooleanField(_("technical error found"), null=True)
    proposed_scores = models.JSONField(_("corrected component scores proposed"), default=dict, blank=True)
    reviewed_on = models.DateField(_("reviewed on"), null=True, blank=True)
    board_decision = models.ForeignKey("governance.Decision", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    old_grade = models.JSONField(_("grade before"), null=True, blank=True)
    new_grade = models.JSONField(_("grade after"), null=True, blank=True)
    second_statement = models.TextField(_("further appeal to the University Board"), blank=True)
    second_filed_on = models.DateField(_("further appeal filed on"), null=True, blank=True)
    university_decision = models.ForeignKey("governance.Decision", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-filed_on", "-pk"]
        verbose_name = _("exam-result appeal")
        verbose_name_plural = _("exam-result appeals")

    def __str__(self) -> str:
        e = self.sheet.enrolment
        return f"{e.student} — {e.offering.course.code} ({self.filed_on})"


class GradeCorrection(models.Model):
    """The instructor's application to correct a published result (KTMU art. 35, table KTMU-W-16c).

    Filed with the institute management within the limit after publication, stating the reason with a
    supporting attachment (KTMU-35-1); the correction is made only by an Institute Board decision
    (35-2), which records the old and new grade. ``state`` is written only by the transition service.
    """

    class Reason(models.TextChoices):
        WRONG_ENTRY = "WRONG_ENTRY", _("Wrong grade entered in the system")
        MISSING_CALCULATION = "MISSING_CALCULATION", _("Missing calculation")
        WRONG_CALCULATION = "WRONG_CALCULATION", _("Wrong calculation")
        OTHER = "OTHER", _("Other")

    sheet = models.ForeignKey(ScoreSheet, on_delete=models.PROTECT, related_name="corrections")
    state = models.CharField(_("state"), max_length=24, default="PUBLISHED", db_index=True, editable=False)
    reason = models.CharField(_("reason"), max_length=24, choices=Reason.choices)
    statement = models.TextField(_("explanation"))
    attachment = models.FileField(_("supporting document"), upload_to=random_upload_to("postgrad/corrections"), max_length=200)
    new_scores = models.JSONField(_("corrected component scores"), default=dict)
    filed_on = models.DateField(_("filed on"))
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    decision = models.ForeignKey("governance.Decision", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    old_grade = models.JSONField(_("grade before"), null=True, blank=True)
    new_grade = models.JSONField(_("grade after"), null=True, blank=True)

    class Meta:
        ordering = ["-filed_on", "-pk"]
        verbose_name = _("grade correction")
        verbose_name_plural = _("grade corrections")

    def __str__(self) -> str:
        e = self.sheet.enrolment
        return f"{e.student} — {e.offering.course.code} ({self.filed_on})"
