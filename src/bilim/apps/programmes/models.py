"""KTMU programmes, courses and quotas (Instruction on Postgraduate Education, arts. 5–9, 24, 25, 27).

Three records, each the subject of one transition table of ``bilim.regulations.workflows.ktmu``:

* :class:`ProgrammeProposal` — W-01: opening a programme (regular, interdisciplinary, joint) through
  FoS council → institute board → Senate → Trustees; once OPEN, its changes (:class:`ProgrammeChange`)
  give dated :class:`CurriculumVersion` records of the programme's curriculum;
* :class:`CourseProposal` — W-02: a new course (four languages) through FoS council → institute board →
  Senate, its instructors (:class:`CourseInstructor`), its offering and timetable, and whether it runs;
* :class:`Quota` — W-03: the admission quota of one programme for one admission year, then its
  :class:`Announcement` (dates, documents per category, the specialist exam) published publicly.

Every state field is written only by ``bilim.apps.workflow.services.transition_apply``.
"""

from __future__ import annotations

from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _

from bilim.apps.core.uploads import random_upload_to, validate_upload
from bilim.apps.people.models import Level

W01, W02, W03 = "KTMU-W-01", "KTMU-W-02", "KTMU-W-03"

LANGS = [("ky", _("Kyrgyz")), ("tr", _("Turkish")), ("en", _("English")), ("ru", _("Russian"))]
PG_LEVELS = [(Level.MASTER.value, Level.MASTER.label), (Level.DOCTORATE.value, Level.DOCTORATE.label), (Level.ARTS.value, Level.ARTS.label)]


def _reader_language() -> str:
    """The active language's code (ky, ru, en, tr): a record's name is shown in the reader's language."""
    from django.utils.translation import get_language

    return (get_language() or "en")[:2]


class ProgrammeProposal(models.Model):
    """The proposal to open a postgraduate programme (DOC-PROG-OPEN, art. 6(8)) and, once open, the
    programme's record of approvals (W-01)."""

    class Kind(models.TextChoices):
        REGULAR = "REGULAR", _("Regular (within a field of science)")
        INTERDISCIPLINARY = "INTERDISCIPLINARY", _("Interdisciplinary")
        JOINT = "JOINT", _("Joint (with partner universities)")

    class Mode(models.TextChoices):
        FULL_TIME = "FULL_TIME", _("Full-time (day)")
        DISTANCE = "DISTANCE", _("Distance")
        FLEXIBLE = "FLEXIBLE", _("Flexible")

    institution = models.ForeignKey("org.Institution", on_delete=models.PROTECT, related_name="+")
    institute = models.ForeignKey("org.Unit", verbose_name=_("institute"), on_delete=models.PROTECT, related_name="+")
    fos = models.ForeignKey("org.Unit", verbose_name=_("field of science / arts (managing FoS)"), on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("kind of programme"), max_length=20, choices=Kind.choices, default=Kind.REGULAR)
    level = models.CharField(_("level"), max_length=20, choices=PG_LEVELS, default=Level.MASTER)
    code = models.CharField(_("programme code"), max_length=40)
    name_ky = models.CharField(_("name (Kyrgyz)"), max_length=300)
    name_tr = models.CharField(_("name (Turkish)"), max_length=300)
    name_en = models.CharField(_("name (English)"), max_length=300)
    name_ru = models.CharField(_("name (Russian)"), max_length=300)
    languages = models.CharField(_("languages of instruction"), max_length=20, default="ky,tr", help_text=_("comma-separated codes"))
    fully_foreign_language = models.CharField(_("taught entirely in a foreign language"), max_length=2, blank=True, choices=LANGS)
    mode = models.CharField(_("form of instruction"), max_length=10, choices=Mode.choices, default=Mode.FULL_TIME)
    normative_semesters = models.PositiveSmallIntegerField(_("normative duration (semesters)"), default=4)
    with_thesis = models.BooleanField(_("with thesis"), default=True)
    # art. 6(8): the package
    reasons = models.TextField(_("reasons for opening"), blank=True)
    qualification = models.CharField(_("qualification awarded"), max_length=300, blank=True)
    admission_conditions = models.TextField(_("admission conditions"), blank=True)
    graduation_conditions = models.TextField(_("graduation conditions"), blank=True)
    # art. 6(7): facilities
    facilities_required = models.CharField(_("facilities the programme needs"), max_length=300, blank=True,
                                           help_text=_("comma-separated: library, laboratory, clinic, workshop…"))
    facilities_available = models.CharField(_("facilities available and meeting the requirements"), max_length=300, blank=True)
    facilities_confirmed = models.BooleanField(_("facilities confirmed by a reviewer"), default=False)
    # art. 6(3): joint programmes
    partners = models.ManyToManyField("org.Institution", verbose_name=_("partner universities"), blank=True, related_name="+")
    shared_facilities = models.TextField(_("facilities used jointly"), blank=True)
    programme = models.OneToOneField("curriculum.Programme", verbose_name=_("programme"), null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="proposal")
    state = models.CharField(_("state"), max_length=30, default="NEW", db_index=True)
    version = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey("accounts.User", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("programme proposal")
        verbose_name_plural = _("programme proposals")

    def __str__(self) -> str:
        return f"{self.code} {self.name(_reader_language())}"

    def name(self, lang: str = "en") -> str:
        return getattr(self, f"name_{lang}", "") or self.name_en


class ProposalInstructor(models.Model):
    """An instructor who will teach in the proposed programme, with the CV and publication list art. 6(8) asks for."""

    proposal = models.ForeignKey(ProgrammeProposal, on_delete=models.CASCADE, related_name="instructors")
    staff = models.ForeignKey("people.Staff", verbose_name=_("instructor"), on_delete=models.PROTECT, related_name="+")
    cv = models.FileField(_("CV"), upload_to=random_upload_to("programmes/cv"), validators=[validate_upload], blank=True, max_length=200)
    publications = models.FileField(_("list of publications"), upload_to=random_upload_to("programmes/pub"), validators=[validate_upload],
                                    blank=True, max_length=200)

    class Meta:
        ordering = ["pk"]
        constraints = [models.UniqueConstraint(fields=["proposal", "staff"], name="prog_proposal_instructor_unique")]
        verbose_name = _("instructor of the proposal")
        verbose_name_plural = _("instructors of the proposal")

    def __str__(self) -> str:
        return str(self.staff)


class CourseKind(models.TextChoices):
    COMPULSORY = "compulsory", _("Compulsory")
    ELECTIVE = "elective", _("Elective")


class ProposalCourse(models.Model):
    """One course of a semester of a proposed curriculum (art. 6(8)): code, title, hours, credits, ECTS, content, outcomes.

    Lines of an opening proposal have ``change`` empty; lines of a change belong to that :class:`ProgrammeChange`.
    """

    proposal = models.ForeignKey(ProgrammeProposal, on_delete=models.CASCADE, related_name="courses")
    change = models.ForeignKey("ProgrammeChange", null=True, blank=True, on_delete=models.CASCADE, related_name="courses")
    semester = models.PositiveSmallIntegerField(_("semester"))
    code = models.CharField(_("code"), max_length=30)
    title_ky = models.CharField(_("title (Kyrgyz)"), max_length=300)
    title_en = models.CharField(_("title (English)"), max_length=300)
    kind = models.CharField(_("kind"), max_length=20, choices=CourseKind.choices, default=CourseKind.COMPULSORY)
    hours = models.PositiveSmallIntegerField(_("hours per week"))
    credit = models.DecimalField(_("credit"), max_digits=4, decimal_places=1)
    ects = models.DecimalField(_("ECTS"), max_digits=4, decimal_places=1)
    content = models.TextField(_("content"))
    outcomes = models.TextField(_("learning outcomes"))

    class Meta:
        ordering = ["semester", "code"]
        constraints = [
            models.CheckConstraint(condition=models.Q(credit__gte=0, credit__lte=Decimal("999.9")), name="prog_course_credit_range"),
            models.CheckConstraint(condition=models.Q(ects__gt=0, ects__lte=Decimal("999.9")), name="prog_course_ects_range"),
        ]
        verbose_name = _("course of the curriculum")
        verbose_name_plural = _("courses of the curriculum")

    def __str__(self) -> str:
        return f"{self.semester}: {self.code} {(getattr(self, 'title_' + _reader_language(), '') or self.title_en)}"

    def line(self) -> dict:
        return {"semester": self.semester, "code": self.code, "title_ky": self.title_ky, "title_en": self.title_en, "kind": self.kind,
                "hours": self.hours, "credit": str(self.credit), "ects": str(self.ects)}


class ProgrammeChange(models.Model):
    """A change of an open programme's curriculum (art. 6(4)): FoS council → institute council → Senate.

    The decisions name the programme's proposal record; the Senate's adopted decision applies the change
    (W-01 ``change_curriculum``) and a new :class:`CurriculumVersion` is dated ``effective_from``.
    """

    proposal = models.ForeignKey(ProgrammeProposal, on_delete=models.PROTECT, related_name="changes")
    summary = models.TextField(_("what changes and why"))
    effective_from = models.DateField(_("in force from"))
    removed_codes = models.CharField(_("courses removed (codes, comma-separated)"), max_length=300, blank=True)
    applied_version = models.OneToOneField("CurriculumVersion", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    created_by = models.ForeignKey("accounts.User", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            # one pending change at a time per programme: its decisions are those adopted since the last step
            models.UniqueConstraint(fields=["proposal"], condition=models.Q(applied_version__isnull=True), name="prog_one_pending_change"),
        ]
        verbose_name = _("programme change")
        verbose_name_plural = _("programme changes")

    def __str__(self) -> str:
        return f"{self.proposal.code}: {self.summary[:60]}"


class CurriculumVersion(models.Model):
    """A dated version of a programme's curriculum: the courses per semester in force from ``valid_from``."""

    programme = models.ForeignKey("curriculum.Programme", on_delete=models.PROTECT, related_name="curriculum_versions")
    number = models.PositiveSmallIntegerField(_("version"))
    valid_from = models.DateField(_("in force from"))
    decision = models.ForeignKey("governance.Decision", verbose_name=_("decision"), null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    lines = models.JSONField(_("courses"), default=list)
    summary = models.TextField(_("summary"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["programme", "-valid_from", "-number"]
        constraints = [models.UniqueConstraint(fields=["programme", "number"], name="curriculum_version_unique")]
        verbose_name = _("curriculum version")
        verbose_name_plural = _("curriculum versions")

    def __str__(self) -> str:
        return f"{self.programme.code} v{self.number} ({self.valid_from})"


class CourseProposal(models.Model):
    """A new course (art. 7) with its first offering (W-02): application in four languages, approvals,
    instructors (art. 24), timetable (art. 25) and whether it runs (art. 27)."""

    class CodeOwner(models.TextChoices):
        FOS = "FOS", _("Field-of-science code")
        INSTITUTE = "INSTITUTE", _("Institute code (common course)")

    programme = models.ForeignKey("curriculum.Programme", verbose_name=_("programme"), on_delete=models.PROTECT, related_name="+")
    applicant = models.ForeignKey("people.Staff", verbose_name=_("instructor applying"), on_delete=models.PROTECT, related_name="+")
    code = models.CharField(_("course code"), max_length=30)
    code_owner = models.CharField(_("code of"), max_length=10, choices=CodeOwner.choices, default=CodeOwner.FOS)
    kind = models.CharField(_("kind"), max_length=20, choices=CourseKind.choices, default=CourseKind.ELECTIVE)
    ministry_mandated = models.BooleanField(_("compulsory by the Ministry for several fields"), default=False)
    semester_in_plan = models.PositiveSmallIntegerField(_("semester in the plan"), default=1)
    title_ky = models.CharField(_("title (Kyrgyz)"), max_length=300, blank=True)
    title_tr = models.CharField(_("title (Turkish)"), max_length=300, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=300, blank=True)
    title_ru = models.CharField(_("title (Russian)"), max_length=300, blank=True)
    content_ky = models.TextField(_("content (Kyrgyz)"), blank=True)
    content_tr = models.TextField(_("content (Turkish)"), blank=True)
    content_en = models.TextField(_("content (English)"), blank=True)
    content_ru = models.TextField(_("content (Russian)"), blank=True)
    sources_ky = models.TextField(_("sources (Kyrgyz)"), blank=True)
    sources_tr = models.TextField(_("sources (Turkish)"), blank=True)
    sources_en = models.TextField(_("sources (English)"), blank=True)
    sources_ru = models.TextField(_("sources (Russian)"), blank=True)
    outcomes_ky = models.TextField(_("learning outcomes (Kyrgyz)"), blank=True)
    outcomes_tr = models.TextField(_("learning outcomes (Turkish)"), blank=True)
    outcomes_en = models.TextField(_("learning outcomes (English)"), blank=True)
    outcomes_ru = models.TextField(_("learning outcomes (Russian)"), blank=True)
    theory_hours = models.DecimalField(_("theory hours per week"), max_digits=4, decimal_places=1, default=Decimal(0))
    practice_hours = models.DecimalField(_("practice / laboratory hours per week"), max_digits=4, decimal_places=1, default=Decimal(0))
    credit = models.DecimalField(_("credit"), max_digits=4, decimal_places=1, null=True, blank=True)
    ects = models.DecimalField(_("ECTS"), max_digits=4, decimal_places=1, null=True, blank=True)
    language = models.CharField(_("language of instruction"), max_length=2, choices=LANGS, default="ky")
    foreign_language = models.CharField(_("also offered in a foreign language"), max_length=2, choices=LANGS, blank=True,
                                        help_text=_("asked for; approved by the Senate (art. 5(2))"))
    foreign_language_approved = models.BooleanField(_("foreign-language section approved"), default=False)
    term = models.ForeignKey("curriculum.Term", verbose_name=_("semester"), null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    course = models.OneToOneField("curriculum.Course", null=True, blank=True, on_delete=models.PROTECT, related_name="proposal")
    offering = models.OneToOneField("curriculum.Offering", null=True, blank=True, on_delete=models.PROTECT, related_name="proposal")
    minimum_enrolment = models.PositiveSmallIntegerField(_("minimum enrolment"), null=True, blank=True)
    selections = models.PositiveIntegerField(_("students who selected it"), null=True, blank=True)
    timetable_published_on = models.DateField(_("timetable published on"), null=True, blank=True)
    state = models.CharField(_("state"), max_length=30, default="NEW", db_index=True)
    version = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(theory_hours__gte=0, theory_hours__lte=Decimal("999.9")), name="course_prop_theory_range"),
            models.CheckConstraint(condition=models.Q(practice_hours__gte=0, practice_hours__lte=Decimal("999.9")), name="course_prop_practice_range"),
        ]
        verbose_name = _("course proposal")
        verbose_name_plural = _("course proposals")

    def __str__(self) -> str:
        return f"{self.code} {self.title(_reader_language())}"

    def title(self, lang: str = "en") -> str:
        return getattr(self, f"title_{lang}", "") or self.title_ky or self.title_en

    @property
    def institution(self):
        return self.programme.institution


class CourseInstructor(models.Model):
    """An instructor proposed for the course's offering in its semester (art. 24)."""

    proposal = models.ForeignKey(CourseProposal, on_delete=models.CASCADE, related_name="instructors")
    staff = models.ForeignKey("people.Staff", verbose_name=_("instructor"), on_delete=models.PROTECT, related_name="+")
    exception_decided = models.BooleanField(_("necessary and exceptional case decided"), default=False)

    class Meta:
        ordering = ["pk"]
        constraints = [models.UniqueConstraint(fields=["proposal", "staff"], name="course_instructor_unique")]
        verbose_name = _("proposed instructor")
        verbose_name_plural = _("proposed instructors")

    def __str__(self) -> str:
        return str(self.staff)


class DocumentCode(models.TextChoices):
    """Documents an announcement may ask for (codes; the words are translated at the edge)."""

    APPLICATION_FORM = "application_form", _("Application form")
    DIPLOMA = "diploma", _("Diploma (copy)")
    TRANSCRIPT = "transcript", _("Transcript of records")
    PASSPORT = "passport", _("Passport or identity card (copy)")
    PHOTO = "photo", _("Photographs")
    LANGUAGE_CERTIFICATE = "language_certificate", _("Foreign-language certificate")
    ALES = "ales", _("ALES / GRE / GMAT result")
    RECOGNITION = "recognition", _("Diploma recognition (equivalence) certificate")
    MILITARY = "military", _("Military service document")
    HEALTH = "health", _("Medical certificate")
    ORIGINALS = "originals", _("Originals of the diploma and transcript")
    CONTRACT = "contract", _("Signed study contract")


class Quota(models.Model):
    """The admission quota of one programme for one admission year (art. 8), then its announcement (art. 9), W-03."""

    programme = models.ForeignKey("curriculum.Programme", verbose_name=_("programme"), on_delete=models.PROTECT, related_name="+")
    admission_year = models.PositiveSmallIntegerField(_("admission year"))
    places = models.PositiveSmallIntegerField(_("places (quota)"))
    places_international = models.PositiveSmallIntegerField(_("of which for international students"), default=0)
    specifics = models.TextField(_("programme specifics and capacity considered"), blank=True)
    state = models.CharField(_("state"), max_length=30, default="NEW", db_index=True)
    version = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-admission_year", "programme__code"]
        constraints = [
            # KTMU-9-4: one admission round per programme per year
            models.UniqueConstraint(fields=["programme", "admission_year"], name="quota_one_per_programme_year"),
            models.CheckConstraint(condition=models.Q(places_international__lte=models.F("places")), name="quota_intl_within_places"),
        ]
        verbose_name = _("admission quota")
        verbose_name_plural = _("admission quotas")

    def __str__(self) -> str:
        return f"{self.programme.code} {self.admission_year}: {self.places}"


class Announcement(models.Model):
    """The admission announcement of a quota (DOC-ANN, art. 9): dates, documents, conditions, the specialist exam."""

    class ExamForm(models.TextChoices):
        WRITTEN_ORAL = "written_oral", _("Written and oral")
        ORAL = "oral", _("Oral")
        ONLINE = "online", _("Online (written and oral)")

    quota = models.OneToOneField(Quota, on_delete=models.CASCADE, related_name="announcement")
    application_start = models.DateField(_("applications from"))
    application_end = models.DateField(_("applications until"))
    exam_date = models.DateField(_("specialist exam: date"))
    exam_time = models.TimeField(_("specialist exam: time"))
    exam_place = models.CharField(_("specialist exam: place"), max_length=200)
    exam_form = models.CharField(_("specialist exam: form"), max_length=20, choices=ExamForm.choices, default=ExamForm.WRITTEN_ORAL)
    results_date = models.DateField(_("results announced on"))
    registration_start = models.DateField(_("final registration from"))
    registration_end = models.DateField(_("final registration until"))
    language_exam_date = models.DateField(_("language-exemption exam: date"), null=True, blank=True)
    conditions_ky = models.TextField(_("application conditions (Kyrgyz)"), blank=True)
    conditions_tr = models.TextField(_("application conditions (Turkish)"), blank=True)
    conditions_en = models.TextField(_("application conditions (English)"), blank=True)
    conditions_ru = models.TextField(_("application conditions (Russian)"), blank=True)
    published_on = models.DateField(_("published on"), null=True, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(condition=models.Q(application_end__gte=models.F("application_start")), name="ann_application_dates"),
            models.CheckConstraint(condition=models.Q(registration_end__gte=models.F("registration_start")), name="ann_registration_dates"),
        ]
        verbose_name = _("admission announcement")
        verbose_name_plural = _("admission announcements")

    def __str__(self) -> str:
        return f"{self.quota}"

    def conditions(self, lang: str = "en") -> str:
        return getattr(self, f"conditions_{lang}", "") or self.conditions_ky or self.conditions_en


class AnnouncementDocument(models.Model):
    """One document the announcement asks for, at application or at final registration, of a citizenship category."""

    class Stage(models.TextChoices):
        APPLICATION = "application", _("Application")
        FINAL_REGISTRATION = "final_registration", _("Final registration")

    class Category(models.TextChoices):
        ALL = "ALL", _("All applicants")
        KR = "KR", _("Citizens of Kyrgyzstan")
        TR = "TR", _("Citizens of Türkiye")
        OTHER = "OTHER", _("Other (international) applicants")

    announcement = models.ForeignKey(Announcement, on_delete=models.CASCADE, related_name="documents")
    stage = models.CharField(_("stage"), max_length=20, choices=Stage.choices)
    category = models.CharField(_("applicants"), max_length=10, choices=Category.choices, default=Category.ALL)
    code = models.CharField(_("document"), max_length=30, choices=DocumentCode.choices)

    class Meta:
        ordering = ["stage", "category", "code"]
        constraints = [models.UniqueConstraint(fields=["announcement", "stage", "category", "code"], name="ann_document_unique")]
        verbose_name = _("required document")
        verbose_name_plural = _("required documents")

    def __str__(self) -> str:
        return f"{self.get_stage_display()} {self.category} {self.get_code_display()}"
