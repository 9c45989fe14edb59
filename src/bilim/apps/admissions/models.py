"""KTMU admissions (instruction arts 10–18, 33): rounds, applications and their documents, exam commissions,
specialist-exam appeals, special-status students, incoming and outgoing exchange, junior-researcher transfers.

Every ``state`` field is written only by :func:`bilim.apps.workflow.services.transition_apply` (tables KTMU-W-04 …
W-09, W-16a); the services in :mod:`bilim.apps.admissions.services` gather the facts and call the rules.
"""

from __future__ import annotations

import secrets
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from bilim.apps.core.uploads import random_upload_to, validate_upload


class Round(models.Model):
    """One admission round of one programme (KTMU-9: one round a year): quota, dates and the settings decided for it.

    ``announcement_ref`` is the seam to the programmes app's announcement (W-03): nullable until the
    programmes and admissions branches are merged; the quota and dates are copied here so this app can run alone.
    """

    class Level(models.TextChoices):
        MA = "MA", _("Master's")
        PHD = "PHD", _("Doctorate")
        AI = "AI", _("Assistantship-internship in arts")

    programme = models.ForeignKey("curriculum.Programme", verbose_name=_("programme"), on_delete=models.PROTECT, related_name="admission_rounds")
    year = models.PositiveSmallIntegerField(_("year"))
    level = models.CharField(_("level"), max_length=3, choices=Level.choices)
    quota = models.PositiveIntegerField(_("quota"))
    reserves = models.PositiveIntegerField(_("reserve places"), default=0)
    application_start = models.DateField(_("applications from"))
    application_end = models.DateField(_("applications until"))
    exam_date = models.DateField(_("exam date"))
    exam_time = models.TimeField(_("exam time"))
    exam_place = models.CharField(_("exam place"), max_length=200)
    question_languages = models.JSONField(_("written-exam question languages"), default=list, blank=True)
    finreg_start = models.DateField(_("final registration from"))
    finreg_end = models.DateField(_("final registration until"))
    accepted_ales_types = models.JSONField(_("accepted ALES score types"), default=list, blank=True)
    accepted_languages = models.JSONField(_("accepted certificate languages (doctorate)"), default=list, blank=True)
    field_language = models.CharField(_("research field language"), max_length=5, blank=True)
    gpa_min_override = models.DecimalField(_("raised GPA minimum"), max_digits=4, decimal_places=2, null=True, blank=True)
    language_certificate_required = models.BooleanField(_("language certificate required (master's)"), default=False)
    fos_proposal_on = models.DateField(_("FoS council proposal of the settings"), null=True, blank=True)
    settings_decision = models.ForeignKey("governance.Decision", verbose_name=_("institute board decision on the settings"), null=True, blank=True,
                                          on_delete=models.PROTECT, related_name="+")
    announcement_ref = models.PositiveIntegerField(_("announcement (programmes app)"), null=True, blank=True)
    results_published_on = models.DateField(_("exam results published on"), null=True, blank=True)
    lists_decision = models.ForeignKey("governance.Decision", verbose_name=_("institute board decision on the lists"), null=True, blank=True,
                                       on_delete=models.PROTECT, related_name="+")
    lists_published_on = models.DateField(_("lists published on"), null=True, blank=True)
    ranking = models.JSONField(_("ranking"), default=list, blank=True)
    ranked_at = models.DateTimeField(_("ranked at"), null=True, blank=True)

    class Meta:
        ordering = ["-year", "programme__code"]
        verbose_name = _("admission round")
        verbose_name_plural = _("admission rounds")
        constraints = [
            models.UniqueConstraint(fields=["programme", "year"], name="adm_round_one_per_year"),
            models.CheckConstraint(condition=Q(application_start__lte=models.F("application_end")), name="adm_round_app_dates"),
            models.CheckConstraint(condition=Q(finreg_start__lte=models.F("finreg_end")), name="adm_round_finreg_dates"),
            models.CheckConstraint(condition=Q(reserves__lte=models.F("quota")), name="adm_round_reserves_le_quota"),
        ]

    def __str__(self) -> str:
        return f"{self.programme.code} {self.year}"

    def programme_name(self, lang: str = "ky") -> str:
        return self.programme.name(lang)


class Commission(models.Model):
    """An exam commission of a round: the specialist-exam commission (art. 11: 5 proposed, 3 principal + 2 substitute)
    or the international candidates' oral commission (art. 13(2): 3 persons), appointed by the institute board."""

    class Kind(models.TextChoices):
        SPECIALIST = "spec", _("Specialist exam commission")
        INTERNATIONAL = "intl", _("Oral examination commission for international applicants")

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="commissions")
    kind = models.CharField(_("kind"), max_length=4, choices=Kind.choices)
    body = models.ForeignKey("governance.Body", verbose_name=_("body"), on_delete=models.PROTECT, related_name="+")
    members = models.JSONField(_("members"), default=list)
    own_fos_eligible_staff = models.PositiveSmallIntegerField(_("eligible staff in the programme's FoS"), default=5)
    proposed_on = models.DateField(_("proposed by the FoS on"))
    decision = models.ForeignKey("governance.Decision", verbose_name=_("institute board decision"), on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["round", "kind"], name="adm_commission_one_per_kind")]
        verbose_name = _("exam commission")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.round}"


def _pseudonym() -> str:
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    return "".join(secrets.choice(alphabet) for _ in range(6))


class Application(models.Model):
    """A candidate's application to one round (W-04 specialist-exam track or W-05 international track)."""

    class Track(models.TextChoices):
        SPECIALIST = "SPECIALIST_EXAM", _("Specialist exam")
        INTERNATIONAL = "INTERNATIONAL_ORAL", _("International (oral exam)")

    class Citizenship(models.TextChoices):
        KR = "KR", _("Kyrgyz Republic")
        TR = "TR", _("Republic of Türkiye")
        FOREIGN = "FOREIGN", _("Another country")

    class Scale(models.TextChoices):
        FOUR = "4", _("4-point")
        FIVE = "5", _("5-point")
        HUNDRED = "100", _("100-point")

    round = models.ForeignKey(Round, verbose_name=_("round"), on_delete=models.PROTECT, related_name="applications")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("candidate"), on_delete=models.PROTECT, related_name="admission_applications")
    number = models.CharField(_("applicant number"), max_length=12, unique=True, default=_pseudonym)
    track = models.CharField(_("track"), max_length=20, choices=Track.choices, default=Track.SPECIALIST)
    state = models.CharField(_("state"), max_length=30, default="ANNOUNCED", db_index=True)
    version = models.PositiveIntegerField(default=0)
    last_name = models.CharField(_("last name"), max_length=120)
    first_name = models.CharField(_("first name"), max_length=120)
    citizenship = models.CharField(_("citizenship"), max_length=8, choices=Citizenship.choices)
    subject_to_military_registration = models.BooleanField(_("subject to military registration"), default=False)
    diploma_country = models.CharField(_("country of the diploma (ISO code)"), max_length=2, default="KG")
    diploma_languages = models.CharField(_("languages of instruction of the diploma (KY, TR, RU, EN…)"), max_length=40, default="KY")
    diploma_issuer_turkish_hei_abroad = models.BooleanField(_("diploma of a Turkish university abroad"), default=False)
    bilateral_agreement = models.BooleanField(_("under a bilateral agreement"), default=False)
    diploma_grade = models.DecimalField(_("diploma grade"), max_digits=5, decimal_places=2)
    diploma_scale = models.CharField(_("grade scale"), max_length=3, choices=Scale.choices, default=Scale.FOUR)
    long_diploma_years = models.PositiveSmallIntegerField(_("years of the diploma (doctorate, preparatory year excluded)"), null=True, blank=True)
    transcript_certified = models.BooleanField(_("transcript certified by the graduating university"), default=True)
    waiver_exam = models.CharField(_("score declared for the written-exam waiver"), max_length=5, blank=True,
                                   choices=[("", _("none")), ("ALES", "ALES"), ("GRE", "GRE"), ("GMAT", "GMAT")])
    waiver_score = models.DecimalField(_("declared score"), max_digits=6, decimal_places=2, null=True, blank=True)
    waiver_ales_type = models.CharField(_("ALES score type"), max_length=10, blank=True)
    waiver_exam_date = models.DateField(_("date of that exam"), null=True, blank=True)
    lang_issuer = models.CharField(_("language exam"), max_length=20, blank=True,
                                   choices=[("", _("none")), ("KTMU_MSPC", _("KTMU measurement centre")), ("OSYM", _("ÖSYM foreign-language exam")),
                                            ("SENATE_ACCEPTED", _("another exam accepted by the Senate"))])
    lang_exam_type = models.CharField(_("language exam type"), max_length=20, blank=True)
    lang_language = models.CharField(_("certificate language"), max_length=5, blank=True)
    lang_score = models.DecimalField(_("language score"), max_digits=6, decimal_places=2, null=True, blank=True)
    lang_exam_date = models.DateField(_("language exam date"), null=True, blank=True)
    lang_valid_until = models.DateField(_("certificate valid until (if stated)"), null=True, blank=True)
    preferred_oral_language = models.CharField(_("preferred language of the oral exam"), max_length=5, default="KY")
    submitted_on = models.DateField(_("submitted on"), null=True, blank=True)
    # exam
    written_answer_language = models.CharField(_("language of the written answer"), max_length=5, blank=True)
    absent = models.BooleanField(_("absent"), default=False)
    written = models.DecimalField(_("written exam"), max_digits=5, decimal_places=2, null=True, blank=True)
    oral = models.DecimalField(_("oral exam"), max_digits=5, decimal_places=2, null=True, blank=True)
    specialist = models.DecimalField(_("specialist exam score"), max_digits=14, decimal_places=8, null=True, blank=True)
    diploma100 = models.DecimalField(_("diploma score (100)"), max_digits=14, decimal_places=8, null=True, blank=True)
    language100 = models.DecimalField(_("language score (100)"), max_digits=14, decimal_places=8, null=True, blank=True)
    composite = models.DecimalField(_("composite score"), max_digits=14, decimal_places=8, null=True, blank=True)
    rank = models.PositiveIntegerField(_("rank"), null=True, blank=True)
    list_status = models.CharField(_("list"), max_length=20, blank=True)
    decided_by = models.CharField(_("decided by"), max_length=20, blank=True)
    explanation = models.JSONField(_("explanation"), default=dict, blank=True)
    # final registration
    registration_until = models.DateField(_("register by"), null=True, blank=True)
    registered_on = models.DateField(_("registered on"), null=True, blank=True)
    student = models.OneToOneField("people.Student", verbose_name=_("student"), null=True, blank=True, on_delete=models.PROTECT, related_name="admission")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["round", "rank", "number"]
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        constraints = [
            # KTMU-10(8)-1 by the database as well: one application per candidate per round year
            models.UniqueConstraint(fields=["user", "round"], name="adm_application_one_per_round"),
            models.CheckConstraint(condition=Q(written__isnull=True) | (Q(written__gte=0) & Q(written__lte=100)), name="adm_written_0_100"),
            models.CheckConstraint(condition=Q(oral__isnull=True) | (Q(oral__gte=0) & Q(oral__lte=100)), name="adm_oral_0_100"),
        ]

    def __str__(self) -> str:
        return f"{self.number} · {self.round}"

    @property
    def workflow_code(self) -> str:
        return "KTMU-W-05" if self.track == self.Track.INTERNATIONAL else "KTMU-W-04"

    @property
    def full_name(self) -> str:
        return f"{self.last_name} {self.first_name}"


class ApplicationDocument(models.Model):
    """One document of an application (KTMU-10(1)a–g, 10(2)–(4), 10(7)); its form per stage (10(1)-2, 14(1))."""

    class Kind(models.TextChoices):
        APPLICATION_FORM = "APPLICATION_FORM", _("Completed application form")
        BACHELOR_DIPLOMA = "BACHELOR_DIPLOMA", _("Bachelor's diploma")
        GRADUATION_CERTIFICATE = "GRADUATION_CERTIFICATE", _("Certificate of graduation")
        LONG_DIPLOMA = "LONG_DIPLOMA", _("Diploma of at least 5 years of higher education")
        MASTER_DIPLOMA = "MASTER_DIPLOMA", _("Master's diploma")
        MASTER_GRADUATION_CERTIFICATE = "MASTER_GRADUATION_CERTIFICATE", _("Master's graduation certificate")
        TRANSCRIPT = "TRANSCRIPT", _("Diploma transcript")
        ID_CARD = "ID_CARD", _("ID card")
        PASSPORT = "PASSPORT", _("Passport")
        MILITARY_ID = "MILITARY_ID", _("Military ID")
        RECOGNITION_KR = "RECOGNITION_KR", _("Recognition of the diploma in the Kyrgyz Republic")
        YOK_EQUIVALENCE = "YOK_EQUIVALENCE", _("YÖK equivalence certificate")
        LANGUAGE_CERTIFICATE = "LANGUAGE_CERTIFICATE", _("Foreign-language certificate")
        SCORE_CERTIFICATE = "SCORE_CERTIFICATE", _("ALES / GRE / GMAT certificate")

    class Form(models.TextChoices):
        COPY = "COPY", _("Copy")
        NOTARISED = "NOTARISED", _("Notarised copy")
        ORIGINAL = "ORIGINAL", _("Original")

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(_("document"), max_length=40, choices=Kind.choices)
    form = models.CharField(_("form"), max_length=10, choices=Form.choices, default=Form.COPY)
    file = models.FileField(_("file"), upload_to=random_upload_to("admissions"), validators=[validate_upload], max_length=200, blank=True)
    original_requested = models.BooleanField(_("original requested"), default=False)
    original_received = models.BooleanField(_("original received"), default=False)
    original_due_on = models.DateField(_("original due on"), null=True, blank=True)
    original_received_on = models.DateField(_("original received on"), null=True, blank=True)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["application", "kind"], name="adm_document_one_per_kind")]
        verbose_name = _("application document")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.get_form_display()})"


class SpecialistAppeal(models.Model):
    """An appeal against the specialist-exam result (art. 33, W-16a)."""

    application = models.ForeignKey(Application, on_delete=models.PROTECT, related_name="appeals")
    state = models.CharField(_("state"), max_length=30, default="RESULTS_PUBLISHED", db_index=True)
    version = models.PositiveIntegerField(default=0)
    reason = models.TextField(_("reason"))
    filed_on = models.DateField(_("filed on"), null=True, blank=True)
    findings = models.TextField(_("findings of the commission"), blank=True)
    findings_on = models.DateField(_("findings submitted on"), null=True, blank=True)
    papers_attached = models.BooleanField(_("exam papers attached"), default=False)
    technical_error = models.BooleanField(_("technical error found"), default=False)
    corrected_written = models.DecimalField(_("corrected written score"), max_digits=5, decimal_places=2, null=True, blank=True)
    corrected_oral = models.DecimalField(_("corrected oral score"), max_digits=5, decimal_places=2, null=True, blank=True)
    old_scores = models.JSONField(_("scores before the correction"), default=dict, blank=True)

    class Meta:
        verbose_name = _("specialist-exam appeal")

    def __str__(self) -> str:
        return f"{_('Appeal')} {self.application.number}"


class SpecialStudent(models.Model):
    """A special-status student for one semester (art. 15, W-06)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("applicant"), on_delete=models.PROTECT, related_name="+")
    programme = models.ForeignKey("curriculum.Programme", verbose_name=_("programme"), on_delete=models.PROTECT, related_name="+")
    state = models.CharField(_("state"), max_length=30, default="NEW", db_index=True)
    version = models.PositiveIntegerField(default=0)
    full_name = models.CharField(_("full name"), max_length=200)
    graduated = models.BooleanField(_("graduated"), default=True)
    degree_years = models.PositiveSmallIntegerField(_("years of higher education"))
    previous_semesters = models.PositiveSmallIntegerField(_("special-status semesters so far"), default=0)
    applied_on = models.DateField(_("applied on"))
    period_start = models.DateField(_("course registration from"))
    period_end = models.DateField(_("course registration until"))
    courses = models.JSONField(_("courses"), default=list, blank=True)
    exempt_languages = models.JSONField(_("languages the student is exempt from"), default=list, blank=True)
    card_issued = models.BooleanField(_("student card issued"), default=False)
    card_returned = models.BooleanField(_("student card returned"), default=False)
    documents_issued = models.JSONField(_("documents issued"), default=list, blank=True)

    class Meta:
        verbose_name = _("special-status student")

    def __str__(self) -> str:
        return self.full_name


class IncomingExchange(models.Model):
    """An incoming exchange student for one semester (art. 16, W-07)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("student"), on_delete=models.PROTECT, related_name="+")
    programme = models.ForeignKey("curriculum.Programme", verbose_name=_("programme"), on_delete=models.PROTECT, related_name="+")
    state = models.CharField(_("state"), max_length=30, default="NEW", db_index=True)
    version = models.PositiveIntegerField(default=0)
    full_name = models.CharField(_("full name"), max_length=200)
    home_hei = models.CharField(_("home university"), max_length=200)
    home_country = models.CharField(_("home country (ISO)"), max_length=2)
    home_level = models.CharField(_("level at home"), max_length=10, choices=[("BACHELOR", _("Bachelor")), ("MA", _("Master's")), ("PHD", _("Doctorate")), ("AI", _("Arts"))])
    home_enrolment_active = models.BooleanField(_("enrolled at home"), default=True)
    semester_label = models.CharField(_("semester"), max_length=40)
    applied_on = models.DateField(_("applied on"))
    selection_start = models.DateField(_("course selection from"))
    selection_end = models.DateField(_("course selection until"))
    has_application = models.BooleanField(_("exchange application form submitted"), default=True)
    has_home_decision = models.BooleanField(_("home council decision submitted"), default=False)
    courses = models.JSONField(_("courses"), default=list, blank=True)
    grades_document_issued = models.BooleanField(_("courses and grades document issued"), default=False)

    class Meta:
        verbose_name = _("incoming exchange student")

    def __str__(self) -> str:
        return self.full_name


class OutgoingExchange(models.Model):
    """A KTMU postgraduate student's exchange semester abroad (art. 17, W-08)."""

    student = models.ForeignKey("people.Student", verbose_name=_("student"), on_delete=models.PROTECT, related_name="+")
    state = models.CharField(_("state"), max_length=30, default="ACTIVE", db_index=True)
    version = models.PositiveIntegerField(default=0)
    host_hei = models.CharField(_("host university"), max_length=200)
    host_country = models.CharField(_("host country (ISO)"), max_length=2)
    host_level = models.CharField(_("host programme level"), max_length=3, choices=Round.Level.choices)
    semesters = models.PositiveSmallIntegerField(_("semesters"), default=1)
    thesis_stage = models.BooleanField(_("thesis stage"), default=False)
    supervisor_opinion_on = models.DateField(_("supervisor's opinion on"), null=True, blank=True)
    fos_proposal_on = models.DateField(_("FoS head's proposal on"), null=True, blank=True)
    has_host_decision = models.BooleanField(_("host council decision submitted"), default=False)
    has_outgoing_application = models.BooleanField(_("outgoing exchange application submitted"), default=False)
    host_credits = models.JSONField(_("host course credits"), default=list, blank=True)
    host_max_credits = models.DecimalField(_("host maximum credits per semester"), max_digits=5, decimal_places=1, default=Decimal("30"))
    host_transcript = models.BooleanField(_("host transcript submitted"), default=False)
    thesis_report = models.BooleanField(_("certified thesis report submitted"), default=False)

    class Meta:
        verbose_name = _("outgoing exchange")

    def __str__(self) -> str:
        return f"{self.student} → {self.host_hei}"


class JuniorResearcherTransfer(models.Model):
    """A KTMU junior researcher's horizontal transfer to the programme of his/her specialty (art. 18, W-09)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("junior researcher"), on_delete=models.PROTECT, related_name="+")
    target = models.ForeignKey("curriculum.Programme", verbose_name=_("programme of the specialty"), on_delete=models.PROTECT, related_name="+")
    state = models.CharField(_("state"), max_length=30, default="NEW", db_index=True)
    version = models.PositiveIntegerField(default=0)
    full_name = models.CharField(_("full name"), max_length=200)
    ktmu_junior_researcher = models.BooleanField(_("appointed junior researcher at KTMU"), default=True)
    enrolled_at_ktmu = models.BooleanField(_("studies at KTMU"), default=False)
    enrolled_programme = models.CharField(_("programme studied now"), max_length=200)
    completed_semesters = models.PositiveSmallIntegerField(_("completed semesters"), default=0)
    opened_on = models.DateField(_("programme opened on"), null=True, blank=True)
    applied_on = models.DateField(_("applied on"), null=True, blank=True)
    first_add_drop_end = models.DateField(_("end of the first add/drop period after the opening"), null=True, blank=True)
    student = models.OneToOneField("people.Student", null=True, blank=True, on_delete=models.PROTECT, related_name="jr_transfer")

    class Meta:
        verbose_name = _("junior researcher transfer")

    def __str__(self) -> str:
        return self.full_name
