"""OshSU academic mobility: agreements, calls, outgoing student files, ISPs, learning agreements,
host results and recognition, staff trips, incoming participants and editable document templates.

Codes are stored (states, kinds, rule verdicts), never translated text. States follow the workflow
tables of ``bilim.regulations.workflows`` and change only through
``bilim.apps.workflow.services.transition_apply``. Computed values (term, scope, ISP status,
converted grades, failed-credit decisions) are written by services from the rules layer, together
with the explanation JSON.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

# Uploads are checked by their bytes and stored under random names (see bilim.apps.core.uploads); the names stay
# importable from here because migrations and forms refer to them.
from bilim.apps.core.uploads import MAX_UPLOAD_BYTES as MAX_UPLOAD_BYTES
from bilim.apps.core.uploads import random_upload_to
from bilim.apps.core.uploads import validate_upload as validate_upload


class FundingProgramme(models.TextChoices):
    ERASMUS_PLUS = "ERASMUS_PLUS", "Erasmus+"
    MEVLANA = "MEVLANA", "Mevlana"
    DAAD = "DAAD", "DAAD"
    ITEC = "ITEC", "ITEC"
    SCO_UNIVERSITY = "SCO_UNIVERSITY", _("SCO University")
    ORHUN = "ORHUN", "Orhun"
    OSH_DECLARATION = "OSH_DECLARATION", _("Osh Declaration")
    MINISTRY = "MINISTRY", _("Ministry")
    OWN_BUDGET = "OWN_BUDGET", _("University's own budget")
    OTHER = "OTHER", _("Other")


class Level(models.TextChoices):
    COLLEGE = "COLLEGE", _("College")
    BACHELOR = "BACHELOR", _("Bachelor")
    MASTER = "MASTER", _("Master")
    STAFF = "STAFF", _("Staff")


class Direction(models.TextChoices):
    OUTGOING = "OUTGOING", _("Outgoing")
    INCOMING = "INCOMING", _("Incoming")


class Basis(models.TextChoices):
    INTERSTATE_AGREEMENT = "INTERSTATE_AGREEMENT", _("Interstate agreement")
    INSTITUTIONAL_AGREEMENT = "INSTITUTIONAL_AGREEMENT", _("Bilateral agreement")
    PROJECT = "PROJECT", _("Project")
    ASSOCIATION_OR_CONSORTIUM = "ASSOCIATION_OR_CONSORTIUM", _("Association or consortium")
    PROGRAMME = "PROGRAMME", _("Programme")
    INDIVIDUAL_INVITATION = "INDIVIDUAL_INVITATION", _("Individual invitation")
    INDIVIDUAL_INITIATIVE = "INDIVIDUAL_INITIATIVE", _("Individual initiative")


class Agreement(models.Model):
    """A cooperation agreement or memorandum with a partner institution (OSU-2.2-1, D-32)."""

    class Kind(models.TextChoices):
        BILATERAL = "BILATERAL", _("Bilateral cooperation agreement")
        MEMORANDUM = "MEMORANDUM", _("Memorandum")
        INTERSTATE = "INTERSTATE", _("Interstate agreement")
        PROJECT = "PROJECT", _("Project")
        CONSORTIUM = "CONSORTIUM", _("Association / consortium")

    partner = models.ForeignKey("org.Institution", verbose_name=_("partner"), on_delete=models.PROTECT, related_name="mobility_agreements")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.BILATERAL)
    number = models.CharField(_("number"), max_length=60, blank=True)
    signed_on = models.DateField(_("signed on"), null=True, blank=True)
    starts_on = models.DateField(_("valid from"))
    ends_on = models.DateField(_("valid until"), null=True, blank=True)
    areas = models.CharField(_("areas of cooperation"), max_length=300, blank=True)
    funding_programme = models.CharField(_("funding programme"), max_length=20, choices=FundingProgramme.choices, default=FundingProgramme.OWN_BUDGET)
    fee_waiver = models.BooleanField(_("host charges no fee"), default=True)
    charges_budget_students = models.BooleanField(_("partner charges budget students"), default=False)
    la_required = models.BooleanField(_("learning agreement required"), default=False)
    is_public = models.BooleanField(_("shown on the public partner list"), default=True)
    conversion_table = models.JSONField(_("grade conversion table"), default=list, blank=True, help_text=_('[{"grade": "A", "score_100": "95"}, …]'))

    class Meta:
        ordering = ["partner__name_en", "-starts_on"]
        constraints = [models.CheckConstraint(condition=Q(ends_on__isnull=True) | Q(ends_on__gte=F("starts_on")), name="mob_agreement_dates")]
        verbose_name = _("partner agreement")
        verbose_name_plural = _("partner agreements")

    def __str__(self) -> str:
        return f"{self.partner} — {self.get_kind_display()} {self.number}".strip()


class AgreementQuota(models.Model):
    """Yearly places of an agreement per level and direction; ``used`` can never exceed ``capacity``."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="quotas")
    academic_year = models.CharField(_("academic year"), max_length=9)
    level = models.CharField(_("level"), max_length=10, choices=Level.choices)
    direction = models.CharField(_("direction"), max_length=10, choices=Direction.choices, default=Direction.OUTGOING)
    capacity = models.PositiveIntegerField(_("places"))
    used = models.PositiveIntegerField(_("places taken"), default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["agreement", "academic_year", "level", "direction"], name="mob_quota_unique"),
            models.CheckConstraint(condition=Q(used__lte=F("capacity")), name="mob_quota_not_overbooked"),
        ]
        verbose_name = _("agreement quota")
        verbose_name_plural = _("agreement quotas")

    def __str__(self) -> str:
        return f"{self.agreement} {self.academic_year} {self.level} {self.direction}: {self.used}/{self.capacity}"


class Call(models.Model):
    """A call for applications (announcement D-29) with its selection settings and quota (F-02, F-03)."""

    class SelectionKind(models.TextChoices):
        FD_COMPETITION = "FD_COMPETITION", _("Faculty competition")
        IRD_COMMISSION = "IRD_COMMISSION", _("IRD commission (grant / scholarship)")
        NON_COMPETITIVE = "NON_COMPETITIVE", _("No competition")

    title = models.CharField(_("title"), max_length=300)
    agreement = models.ForeignKey(Agreement, verbose_name=_("agreement"), null=True, blank=True, on_delete=models.PROTECT, related_name="calls")
    host = models.ForeignKey("org.Institution", verbose_name=_("host institution"), on_delete=models.PROTECT, related_name="mobility_calls")
    faculty = models.ForeignKey("org.Unit", verbose_name=_("faculty"), null=True, blank=True, on_delete=models.PROTECT, related_name="mobility_calls")
    programme = models.CharField(_("funding programme"), max_length=20, choices=FundingProgramme.choices, default=FundingProgramme.OWN_BUDGET)
    level = models.CharField(_("level"), max_length=10, choices=Level.choices, default=Level.BACHELOR)
    procedure = models.TextField(_("procedure"), blank=True)
    conditions = models.TextField(_("conditions"), blank=True)
    requirements = models.TextField(_("requirements for participants"), blank=True)
    criteria = models.TextField(_("selection criteria"), blank=True)
    links = models.TextField(_("links"), blank=True)
    opens_on = models.DateField(_("applications open"))
    deadline = models.DateField(_("application deadline"))
    selection_on = models.DateField(_("selection date"), null=True, blank=True)
    mobility_start = models.DateField(_("mobility starts"))
    mobility_end = models.DateField(_("mobility ends"))
    selection_kind = models.CharField(_("selection"), max_length=20, choices=SelectionKind.choices, default=SelectionKind.FD_COMPETITION)
    weights = models.JSONField(_("criterion weights"), default=dict, blank=True, help_text=_('e.g. {"GPA": 50, "LANGUAGE": 30, "MOTIVATION_LETTER": 20}'))
    grant_based = models.BooleanField(_("grant / scholarship programme"), default=False)
    la_required = models.BooleanField(_("learning agreement required"), default=False)
    language_certificate_required = models.BooleanField(_("language certificate required"), default=False)
    quota = models.PositiveIntegerField(_("places"), default=1)
    quota_used = models.PositiveIntegerField(_("places taken"), default=0)
    commission = models.ManyToManyField(settings.AUTH_USER_MODEL, verbose_name=_("commission"), blank=True, related_name="mobility_commissions")
    published = models.BooleanField(_("published"), default=False)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    results_published_at = models.DateTimeField(_("results published at"), null=True, blank=True)
    ranking = models.JSONField(_("ranking"), default=list, blank=True)
    ranking_explanation = models.JSONField(_("ranking explanation"), null=True, blank=True)
    version = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-opens_on", "title"]
        constraints = [
            models.CheckConstraint(condition=Q(deadline__gte=F("opens_on")), name="mob_call_deadline"),
            models.CheckConstraint(condition=Q(mobility_end__gte=F("mobility_start")), name="mob_call_period"),
            models.CheckConstraint(condition=Q(quota_used__lte=F("quota")), name="mob_call_not_overbooked"),
        ]
        verbose_name = _("call")
        verbose_name_plural = _("calls")

    def __str__(self) -> str:
        return self.title


class StudentMobility(models.Model):
    """An outgoing student's mobility file, from the application (D-01) to recognition and closure (§4.1)."""

    student = models.ForeignKey("people.Student", verbose_name=_("student"), on_delete=models.PROTECT, related_name="mobilities")
    call = models.ForeignKey(Call, verbose_name=_("call"), null=True, blank=True, on_delete=models.PROTECT, related_name="applications")
    agreement = models.ForeignKey(Agreement, verbose_name=_("agreement"), null=True, blank=True, on_delete=models.PROTECT, related_name="mobilities")
    host = models.ForeignKey("org.Institution", verbose_name=_("host institution"), on_delete=models.PROTECT, related_name="incoming_from_oshsu")
    basis = models.CharField(_("basis"), max_length=30, choices=Basis.choices, default=Basis.INSTITUTIONAL_AGREEMENT)
    purpose = models.CharField(_("purpose"), max_length=300)
    language = models.CharField(_("language of instruction"), max_length=40)
    specialty = models.CharField(_("specialty"), max_length=200)
    expected_funding = models.CharField(_("expected funding source"), max_length=200)
    intended_disciplines = models.TextField(_("intended disciplines"), blank=True)
    year_of_study = models.PositiveSmallIntegerField(_("year of study"))
    mode = models.CharField(_("mode"), max_length=10, choices=[("PHYSICAL", _("Physical")), ("DISTANCE", _("Distance"))], default="PHYSICAL")
    start_date = models.DateField(_("first day"))
    end_date = models.DateField(_("last day"))
    term = models.CharField(_("term"), max_length=6, blank=True)  # SHORT / LONG (OSU-1.3.5-2/4)
    scope = models.CharField(_("scope"), max_length=10, blank=True)  # EXTERNAL / INTERNAL (OSU-1.3.2-1)
    gpa = models.DecimalField(_("GPA"), max_digits=4, decimal_places=2, null=True, blank=True)
    has_language_certificate = models.BooleanField(_("language certificate"), default=False)
    scores = models.JSONField(_("criterion scores"), default=dict, blank=True)
    rank = models.PositiveIntegerField(_("rank"), null=True, blank=True)
    selection_status = models.CharField(_("selection result"), max_length=20, blank=True)
    quota_taken = models.BooleanField(_("holds a quota place"), default=False)
    # the agreement's yearly quota holding the place of a file without a call (the call's quota otherwise)
    quota_place = models.ForeignKey(AgreementQuota, verbose_name=_("agreement quota place"), null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="holders")
    state = models.CharField(_("state"), max_length=40, default="DRAFT", db_index=True)
    dlt_state = models.CharField(_("distance-taught exams track"), max_length=40, blank=True)  # parallel track (ERRATA 8)
    version = models.PositiveIntegerField(default=0)
    explanation = models.JSONField(_("last checks"), default=list, blank=True)
    departure_order = models.ForeignKey("governance.Decision", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    return_order = models.ForeignKey("governance.Decision", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    returned_on = models.DateField(_("returned on"), null=True, blank=True)
    docs_submitted_on = models.DateField(_("host documents submitted on"), null=True, blank=True)
    report_submitted_on = models.DateField(_("report submitted on"), null=True, blank=True)
    recognition_applied_on = models.DateField(_("recognition applied for on"), null=True, blank=True)
    interview_on = models.DateField(_("interview on"), null=True, blank=True)
    report_text = models.TextField(_("trip report (Appendix 4)"), blank=True)
    failed_credits = models.DecimalField(_("failed host credits"), max_digits=5, decimal_places=1, null=True, blank=True)
    failed_credits_decision = models.CharField(_("failed-credits decision"), max_length=30, blank=True)
    failed_credits_explanation = models.JSONField(null=True, blank=True)
    retake_paid_on = models.DateField(_("summer retake paid on"), null=True, blank=True)
    withdrawal_reason = models.TextField(_("withdrawal reason"), blank=True)
    arrived_on = models.DateField(_("met the host coordinator on"), null=True, blank=True)  # OSU-4.8-STU-7
    funding_programme = models.CharField(_("funding source"), max_length=20, choices=FundingProgramme.choices, blank=True)  # OSU-1.1-3
    fee_amount = models.DecimalField(_("fees paid"), max_digits=10, decimal_places=2, null=True, blank=True)
    stipend_amount = models.DecimalField(_("stipend / grant"), max_digits=10, decimal_places=2, null=True, blank=True)
    currency = models.CharField(_("currency"), max_length=3, default="KGS")
    created_at = models.DateTimeField(auto_now_add=True)

    TERMINAL = ("NOT_SELECTED", "WITHDRAWN", "HOST_DECLINED", "CANCELLED", "EXPULSION_PROCEDURE", "CLOSED")
    #: A place is taken on entering SELECTED; these end the mobility before it happens and give the place back
    #: (OSU-4.8-IRD-13). A mobility that took place (CLOSED, EXPULSION_PROCEDURE …) keeps it for the year's count.
    PLACE_FREEING = ("WITHDRAWN", "HOST_DECLINED", "CANCELLED")
    #: States in which a file can never hold a place: before selection, and the freeing terminal states.
    NO_PLACE = ("DRAFT", "APPLIED", "DOCS_COMPLETE", "IN_SELECTION", "NOT_SELECTED", *PLACE_FREEING)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(condition=Q(end_date__gte=F("start_date")), name="mob_student_period"),
            # a place is held in exactly one quota: the call's, or (no call) the agreement's yearly quota
            models.CheckConstraint(condition=Q(quota_place__isnull=True) | Q(quota_taken=True, call__isnull=True), name="mob_place_one_quota"),
            models.CheckConstraint(condition=Q(quota_taken=False) | Q(call__isnull=False) | Q(quota_place__isnull=False), name="mob_place_has_quota"),
            # no file before selection or after withdrawal / cancellation / the host's refusal holds a place
            models.CheckConstraint(condition=Q(quota_taken=False) | ~Q(state__in=["DRAFT", "APPLIED", "DOCS_COMPLETE", "IN_SELECTION", "NOT_SELECTED",
                                                                                 "WITHDRAWN", "HOST_DECLINED", "CANCELLED"]),
                                   name="mob_place_only_while_selected"),
            # domains as a backstop of the one parsing path (bilim.apps.core.numbers); the upper bounds also refuse NaN/Infinity
            models.CheckConstraint(condition=Q(gpa__gte=0, gpa__lte=4) | Q(gpa__isnull=True), name="mob_student_gpa_0_4"),
            models.CheckConstraint(condition=Q(failed_credits__gte=0, failed_credits__lte=Decimal("9999.9")) | Q(failed_credits__isnull=True),
                                   name="mob_student_failed_credits"),
            models.CheckConstraint(condition=Q(fee_amount__gte=0, fee_amount__lte=Decimal("99999999.99")) | Q(fee_amount__isnull=True),
                                   name="mob_student_fee_amount"),
            models.CheckConstraint(condition=Q(stipend_amount__gte=0, stipend_amount__lte=Decimal("99999999.99")) | Q(stipend_amount__isnull=True),
                                   name="mob_student_stipend_amount"),
            models.UniqueConstraint(
                fields=["student", "call"],
                condition=Q(call__isnull=False) & ~Q(state__in=["NOT_SELECTED", "WITHDRAWN", "HOST_DECLINED", "CANCELLED"]),
                name="mob_one_live_application_per_call",
            ),
        ]
        verbose_name = _("student mobility")
        verbose_name_plural = _("student mobilities")

    def __str__(self) -> str:
        return f"#{self.pk} {self.student.person} → {self.host}"


class MobilityDocument(models.Model):
    """A document uploaded to a mobility file (D-02…D-08, D-13, D-17…)."""

    class Kind(models.TextChoices):
        PARENTAL_CONSENT = "PARENTAL_CONSENT", _("Parents' consent letter (Appendix 6)")
        HOME_TRANSCRIPT = "HOME_TRANSCRIPT", _("Transcript")
        QUESTIONNAIRE = "QUESTIONNAIRE", _("Questionnaire (Appendix 5)")
        MOTIVATION_LETTER = "MOTIVATION_LETTER", _("Motivation letter")
        CV = "CV", _("CV")
        CITIZENSHIP_DOC_COPY = "CITIZENSHIP_DOC_COPY", _("Copy of citizenship document")
        LANGUAGE_CERTIFICATE = "LANGUAGE_CERTIFICATE", _("Language certificate")
        INVITATION = "INVITATION", _("Invitation letter")
        HOST_TRANSCRIPT = "HOST_TRANSCRIPT", _("Host transcript / grade statement")
        STUDY_CERTIFICATE = "STUDY_CERTIFICATE", _("Study certificate")
        HOURS_REFERENCE_LETTER = "HOURS_REFERENCE_LETTER", _("Reference letter with hours")
        PARTICIPATION_CERTIFICATE = "PARTICIPATION_CERTIFICATE", _("Participation certificate")
        HOST_ADMISSION = "HOST_ADMISSION", _("Host admission / enrolment confirmation")
        OTHER = "OTHER", _("Other")

    mobility = models.ForeignKey(StudentMobility, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(_("document"), max_length=30, choices=Kind.choices)
    file = models.FileField(_("file"), upload_to=random_upload_to("mobility"), validators=[validate_upload], max_length=200)
    uploaded_at = models.DateTimeField(auto_now_add=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["kind", "-uploaded_at"]
        verbose_name = _("mobility document")
        verbose_name_plural = _("mobility documents")

    def __str__(self) -> str:
        return self.get_kind_display()


class IspVersion(models.Model):
    """One version of the individual study plan (Appendix 2) with its approval chain (OSU-4.8-STU-4, ERRATA 10)."""

    mobility = models.ForeignKey(StudentMobility, on_delete=models.CASCADE, related_name="isp_versions")
    number = models.PositiveSmallIntegerField(_("version"))
    status = models.CharField(_("status"), max_length=20, default="DRAFT")  # computed by OSU-4.8-STU-4
    provisional = models.BooleanField(_("provisional (host curriculum not yet available)"), default=False)
    host_curriculum_source = models.CharField(_("source of the host curriculum"), max_length=200, blank=True)
    change_reason = models.TextField(_("reason for the change"), blank=True)
    pl_agreed_on = models.DateField(null=True, blank=True)
    pl_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    vdaa_agreed_on = models.DateField(null=True, blank=True)
    vdaa_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    dean_approved_on = models.DateField(null=True, blank=True)
    dean_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    submitted_to_ird_on = models.DateField(null=True, blank=True)
    ird_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    returned_with_comments = models.BooleanField(default=False)
    explanation = models.JSONField(null=True, blank=True)
    version = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["mobility", "number"]
        constraints = [models.UniqueConstraint(fields=["mobility", "number"], name="mob_isp_version_unique")]
        verbose_name = _("individual study plan")
        verbose_name_plural = _("individual study plans")

    def __str__(self) -> str:
        return f"ISP v{self.number} ({self.status})"


class IspItem(models.Model):
    """A discipline of the ISP: taken at the host (mapped to a home course) or taught by OshSU at distance (DLT)."""

    class Kind(models.TextChoices):
        HOST = "HOST", _("At the host")
        DLT = "DLT", _("At distance from OshSU (difference)")

    class Component(models.TextChoices):
        EQUIVALENT_DISCIPLINE = "EQUIVALENT_DISCIPLINE", _("Equivalent home discipline")
        UNIV_COMP = "UNIV_COMP", _("University component")
        ELECTIVE = "ELECTIVE", _("Elective course")

    isp = models.ForeignKey(IspVersion, on_delete=models.CASCADE, related_name="items")
    kind = models.CharField(_("kind"), max_length=4, choices=Kind.choices, default=Kind.HOST)
    host_code = models.CharField(_("host course code"), max_length=40, blank=True)
    title = models.CharField(_("title"), max_length=300)
    credits = models.DecimalField(_("ECTS credits"), max_digits=4, decimal_places=1)
    hours = models.PositiveSmallIntegerField(_("hours"), null=True, blank=True)
    home_course = models.ForeignKey("curriculum.Course", verbose_name=_("home course"), null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    component = models.CharField(_("recognised as"), max_length=25, choices=Component.choices, default=Component.EQUIVALENT_DISCIPLINE)
    semester_kind = models.CharField(_("semester"), max_length=6, choices=[("FALL", _("Fall")), ("SPRING", _("Spring"))], default="FALL")
    teacher = models.ForeignKey("people.Staff", verbose_name=_("teacher"), null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    la_change = models.CharField(_("learning agreement change"), max_length=8, blank=True, choices=[("ADDED", _("Added")), ("DELETED", _("Deleted"))])

    class Meta:
        ordering = ["kind", "id"]
        constraints = [models.CheckConstraint(condition=Q(credits__gt=0, credits__lte=Decimal("999.9")), name="mob_isp_item_credits")]  # finite, 0 < ECTS (numbers.py)
        verbose_name = _("ISP discipline")
        verbose_name_plural = _("ISP disciplines")

    def __str__(self) -> str:
        return f"{self.host_code} {self.title}".strip()


class LearningAgreement(models.Model):
    """The learning agreement (D-14): signatures over an ISP version's host↔home mapping; a change is a new version."""

    mobility = models.ForeignKey(StudentMobility, on_delete=models.CASCADE, related_name="learning_agreements")
    isp = models.ForeignKey(IspVersion, on_delete=models.PROTECT, related_name="learning_agreements")
    number = models.PositiveSmallIntegerField(_("version"), default=1)
    student_signed_on = models.DateField(null=True, blank=True)
    home_signed_on = models.DateField(null=True, blank=True)
    host_signed_on = models.DateField(null=True, blank=True)
    omobility_id = models.CharField(_("EWP mobility id"), max_length=64, blank=True)
    language_code = models.CharField(_("language of study (ISO 639-1)"), max_length=3, default="en")
    cefr_level = models.CharField(_("student's level (CEFR)"), max_length=2, default="B1", choices=[(x, x) for x in ("A1", "A2", "B1", "B2", "C1", "C2")])
    imported_xml = models.TextField(blank=True)

    class Meta:
        ordering = ["mobility", "number"]
        constraints = [models.UniqueConstraint(fields=["mobility", "number"], name="mob_la_version_unique")]
        verbose_name = _("learning agreement")
        verbose_name_plural = _("learning agreements")

    def __str__(self) -> str:
        return f"LA v{self.number}"

    @property
    def signed(self) -> bool:
        return bool(self.student_signed_on and self.home_signed_on and self.host_signed_on)


class HostResult(models.Model):
    """A result on the host's documents (D-17) with the 100-point conversion (OSU-4.8-FD-11)."""

    class Outcome(models.TextChoices):
        PASSED = "PASSED", _("Passed")
        UNSATISFACTORY = "UNSATISFACTORY", _("Unsatisfactory")
        NOT_GRADED = "NOT_GRADED", _("Not graded")

    mobility = models.ForeignKey(StudentMobility, on_delete=models.CASCADE, related_name="host_results")
    isp_item = models.ForeignKey(IspItem, null=True, blank=True, on_delete=models.PROTECT, related_name="host_results")
    host_code = models.CharField(_("host course code"), max_length=40, blank=True)
    title = models.CharField(_("title"), max_length=300)
    credits = models.DecimalField(_("ECTS credits"), max_digits=4, decimal_places=1)
    hours = models.PositiveSmallIntegerField(_("hours"), null=True, blank=True)
    grade = models.CharField(_("host grade"), max_length=20)
    grade_scale = models.CharField(_("grade scale"), max_length=20, default="ECTS")
    outcome = models.CharField(_("host outcome"), max_length=20, choices=Outcome.choices)
    score_100 = models.DecimalField(_("score (100-point)"), max_digits=5, decimal_places=2, null=True, blank=True)
    conversion_explanation = models.JSONField(null=True, blank=True)

    class Meta:
        ordering = ["mobility", "id"]
        constraints = [models.CheckConstraint(condition=Q(credits__gt=0, credits__lte=Decimal("999.9")), name="mob_host_result_credits"),
                       models.CheckConstraint(condition=Q(score_100__gte=0, score_100__lte=100) | Q(score_100__isnull=True), name="mob_host_result_score")]
        verbose_name = _("host result")
        verbose_name_plural = _("host results")

    def __str__(self) -> str:
        return f"{self.title}: {self.grade}"


class Recognition(models.Model):
    """The faculty's decision on one host result (OSU-4.8-FD-10…13), written into the student's record."""

    class Decision(models.TextChoices):
        RECOGNISED = "RECOGNISED", _("Recognised")
        REFUSED = "REFUSED", _("Refused")

    host_result = models.OneToOneField(HostResult, on_delete=models.PROTECT, related_name="recognition")
    decision = models.CharField(_("decision"), max_length=12, choices=Decision.choices)
    home_course = models.ForeignKey("curriculum.Course", verbose_name=_("home course"), null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    component = models.CharField(_("recognised as"), max_length=25, choices=IspItem.Component.choices, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    score_100 = models.DecimalField(_("score (100-point)"), max_digits=5, decimal_places=2, null=True, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    decided_on = models.DateField(_("decided on"))
    grade = models.ForeignKey("records.Grade", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    explanation = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["-decided_on"]
        constraints = [
            models.CheckConstraint(condition=Q(decision="RECOGNISED") | ~Q(reason=""), name="mob_refusal_reasoned"),
            models.CheckConstraint(condition=Q(score_100__gte=0, score_100__lte=100) | Q(score_100__isnull=True), name="mob_recognition_score"),
        ]
        verbose_name = _("recognition decision")
        verbose_name_plural = _("recognition decisions")

    def __str__(self) -> str:
        return f"{self.host_result} → {self.decision}"


class DltResult(models.Model):
    """The free first exam of a distance-taught difference discipline after return (OSU-4.8-FD-14, ERRATA 3/8)."""

    item = models.OneToOneField(IspItem, on_delete=models.PROTECT, related_name="dlt_result")
    exam_on = models.DateField(_("exam date"))
    score = models.DecimalField(_("score (100-point)"), max_digits=5, decimal_places=2)
    passed = models.BooleanField(_("passed"))
    explanation = models.JSONField(null=True, blank=True)
    # an exam not passed is an academic debt under the home rules (OSU-4.8-STU-10, ERRATA 9); the day it was closed
    debt_cleared_on = models.DateField(_("debt closed on"), null=True, blank=True)

    class Meta:
        constraints = [models.CheckConstraint(condition=Q(score__gte=0, score__lte=100), name="mob_dlt_score")]
        verbose_name = _("DLT exam result")
        verbose_name_plural = _("DLT exam results")


class StaffTrip(models.Model):
    """An academic staff member's business trip (§4.4): application to the rector, approval chain, order, reports."""

    staff = models.ForeignKey("people.Staff", verbose_name=_("staff member"), on_delete=models.PROTECT, related_name="trips")
    host = models.ForeignKey("org.Institution", verbose_name=_("inviting institution"), on_delete=models.PROTECT, related_name="+")
    purpose = models.CharField(_("purpose"), max_length=300)
    start_date = models.DateField(_("first day"))
    end_date = models.DateField(_("last day"))
    scope = models.CharField(_("scope"), max_length=10, blank=True)
    funding_sources = models.JSONField(_("funding sources"), default=list)
    project_funded = models.BooleanField(_("funded by a research project"), default=False)
    project_leader = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("project leader"), null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    own_initiative = models.BooleanField(_("own initiative"), default=False)
    invitation = models.FileField(_("invitation letter"), upload_to=random_upload_to("trips"), validators=[validate_upload], blank=True, max_length=200)
    substitution_info = models.TextField(_("class substitution (head of department)"), blank=True)
    approvals = models.JSONField(_("approvals"), default=list, blank=True)
    state = models.CharField(_("state"), max_length=40, default="DRAFT", db_index=True)
    version = models.PositiveIntegerField(default=0)
    order = models.ForeignKey("governance.Decision", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    returned_on = models.DateField(_("returned on"), null=True, blank=True)
    expense_report_on = models.DateField(_("expense report handed in"), null=True, blank=True)
    report_discussed_on = models.DateField(_("report discussed at the department"), null=True, blank=True)
    presented_on = models.DateField(_("presented at the faculty"), null=True, blank=True)
    ird_report_on = models.DateField(_("short report to IRD"), null=True, blank=True)
    proposals = models.TextField(_("proposals for cooperation"), blank=True)
    explanation = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [models.CheckConstraint(condition=Q(end_date__gte=F("start_date")), name="mob_trip_period")]
        verbose_name = _("staff trip")
        verbose_name_plural = _("staff trips")

    def __str__(self) -> str:
        return f"#{self.pk} {self.staff.person} → {self.host}"


class IncomingMobility(models.Model):
    """A student or staff member coming to OshSU (§4.3, §4.5)."""

    kind = models.CharField(_("participant"), max_length=10, choices=[("STUDENT", _("Student")), ("STAFF", _("Staff"))], default="STUDENT")
    last_name = models.CharField(_("last name"), max_length=120)
    first_name = models.CharField(_("first name"), max_length=120)
    email = models.EmailField(_("e-mail"), blank=True)
    citizenship = models.CharField(_("citizenship (ISO code)"), max_length=2)
    home = models.ForeignKey("org.Institution", verbose_name=_("home institution"), on_delete=models.PROTECT, related_name="+")
    agreement = models.ForeignKey(Agreement, verbose_name=_("agreement"), null=True, blank=True, on_delete=models.PROTECT, related_name="incoming")
    faculty = models.ForeignKey("org.Unit", verbose_name=_("receiving faculty"), on_delete=models.PROTECT, related_name="+")
    level = models.CharField(_("level"), max_length=10, choices=Level.choices, default=Level.BACHELOR)
    start_date = models.DateField(_("first day"))
    end_date = models.DateField(_("last day"))
    scope = models.CharField(_("scope"), max_length=10, blank=True)
    term = models.CharField(_("term"), max_length=6, blank=True)
    coordinator = models.ForeignKey("people.Staff", verbose_name=_("coordinator"), null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    groups = models.CharField(_("groups"), max_length=200, blank=True)
    avn_registered = models.BooleanField(_("registered in AVN"), default=False)
    visa_valid_until = models.DateField(_("visa / registration valid until"), null=True, blank=True)
    event = models.ForeignKey("MobilityProgramme", verbose_name=_("OshSU programme or event"), null=True, blank=True, on_delete=models.PROTECT,
                              related_name="participants")  # OSU-2.2-3
    results_issued_on = models.DateField(_("results issued on"), null=True, blank=True)
    # OSU-6.3-1: as a rule a participant pays no fee; a fee charged for the visit is recorded with its reason
    fee_amount = models.DecimalField(_("fee charged"), max_digits=10, decimal_places=2, default=Decimal(0))
    fee_reason = models.CharField(_("reason for the fee"), max_length=300, blank=True)
    state = models.CharField(_("state"), max_length=40, default="NOMINATION_RECEIVED", db_index=True)
    version = models.PositiveIntegerField(default=0)
    explanation = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [models.CheckConstraint(condition=Q(end_date__gte=F("start_date")), name="mob_incoming_period"),
                       models.CheckConstraint(condition=Q(fee_amount__gte=0, fee_amount__lte=Decimal("99999999.99")), name="mob_incoming_fee_amount")]
        verbose_name = _("incoming participant")
        verbose_name_plural = _("incoming participants")

    def __str__(self) -> str:
        return f"#{self.pk} {self.last_name} {self.first_name} ← {self.home}"


class DocumentTemplate(models.Model):
    """An editable template of a generated document (appendix, order, letter), per language, with {placeholders}."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    title_ky = models.CharField(_("title (Kyrgyz)"), max_length=200)
    title_ru = models.CharField(_("title (Russian)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200)
    body_ky = models.TextField(_("text (Kyrgyz)"))
    body_ru = models.TextField(_("text (Russian)"))
    body_en = models.TextField(_("text (English)"))
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("document template")
        verbose_name_plural = _("document templates")

    def __str__(self) -> str:
        return self.code

    def title(self, lang: str) -> str:
        return getattr(self, f"title_{lang}", "") or self.title_en

    def body(self, lang: str) -> str:
        return getattr(self, f"body_{lang}", "") or self.body_en


# --- office support: tasks, consultations, correspondence, LA changes, mailings, programmes ----------------------------


class Task(models.Model):
    """A task IRD assigns to a unit (OSU-4.8-IRD-1), or an alert raised for a faculty; faculty-level items go to the
    faculty's deputy dean for international relations by default (OSU-4.8-VDIR-12)."""

    class Kind(models.TextChoices):
        TASK = "TASK", _("Task")
        ALERT = "ALERT", _("Alert")

    class Status(models.TextChoices):
        OPEN = "OPEN", _("Open")
        DONE = "DONE", _("Done")
        CANCELLED = "CANCELLED", _("Cancelled")

    kind = models.CharField(_("kind"), max_length=5, choices=Kind.choices, default=Kind.TASK)
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    unit = models.ForeignKey("org.Unit", verbose_name=_("assigned unit"), on_delete=models.PROTECT, related_name="mobility_tasks")
    assignee = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("assignee"), null=True, blank=True, on_delete=models.PROTECT, related_name="mobility_tasks")
    due_on = models.DateField(_("due date"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPEN, db_index=True)
    mobility = models.ForeignKey(StudentMobility, verbose_name=_("student mobility"), null=True, blank=True, on_delete=models.CASCADE, related_name="tasks")
    alert_key = models.CharField(max_length=80, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["status", "due_on", "-created_at"]
        constraints = [models.UniqueConstraint(fields=["alert_key"], condition=~Q(alert_key=""), name="mob_task_alert_once")]
        verbose_name = _("task")
        verbose_name_plural = _("tasks")

    def __str__(self) -> str:
        return self.title


class Consultation(models.Model):
    """A consultation request a home student or staff member addresses to IRD (OSU-4.8-IRD-2)."""

    class Topic(models.TextChoices):
        PROGRAMMES = "PROGRAMMES", _("Programmes and opportunities")
        ORGANISATION = "ORGANISATION", _("Organising the mobility")
        FUNDING = "FUNDING", _("Funding")
        OTHER = "OTHER", _("Other")

    class Status(models.TextChoices):
        OPEN = "OPEN", _("Open")
        ANSWERED = "ANSWERED", _("Answered")

    author = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("author"), on_delete=models.PROTECT, related_name="mobility_consultations")
    topic = models.CharField(_("topic"), max_length=20, choices=Topic.choices, default=Topic.PROGRAMMES)
    question = models.TextField(_("question"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPEN, db_index=True)
    answer = models.TextField(_("answer"), blank=True)
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["status", "-created_at"]
        constraints = [models.CheckConstraint(condition=Q(status="OPEN") | ~Q(answer=""), name="mob_consultation_answered")]
        verbose_name = _("consultation request")
        verbose_name_plural = _("consultation requests")

    def __str__(self) -> str:
        return f"#{self.pk} {self.get_topic_display()}"


class Correspondence(models.Model):
    """A letter exchanged with a partner (OSU-4.8-IRD-3) or with the host about an outgoing student (OSU-4.8-VDIR-11)."""

    class Direction(models.TextChoices):
        IN = "IN", _("Received")
        OUT = "OUT", _("Sent")

    class Topic(models.TextChoices):
        PROGRESS = "PROGRESS", _("Progress")
        LIVING_CONDITIONS = "LIVING_CONDITIONS", _("Living conditions")
        ISP_IMPLEMENTATION = "ISP_IMPLEMENTATION", _("Implementation of the ISP")
        OTHER = "OTHER", _("Other")

    partner = models.ForeignKey("org.Institution", verbose_name=_("partner"), null=True, blank=True, on_delete=models.PROTECT, related_name="mobility_letters")
    mobility = models.ForeignKey(StudentMobility, verbose_name=_("student mobility"), null=True, blank=True, on_delete=models.CASCADE, related_name="letters")
    on = models.DateField(_("date"))
    direction = models.CharField(_("direction"), max_length=3, choices=Direction.choices)
    topic = models.CharField(_("topic"), max_length=20, choices=Topic.choices, default=Topic.OTHER)
    subject = models.CharField(_("subject"), max_length=300)
    note = models.TextField(_("note"), blank=True)
    attachment = models.FileField(_("attachment"), upload_to=random_upload_to("mobility/letters"), validators=[validate_upload], blank=True, max_length=200)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-on", "-id"]
        constraints = [models.CheckConstraint(condition=Q(partner__isnull=False) | Q(mobility__isnull=False), name="mob_letter_has_subject")]
        verbose_name = _("correspondence entry")
        verbose_name_plural = _("correspondence")

    def __str__(self) -> str:
        return f"{self.on} {self.subject}"


class LaChange(models.Model):
    """A change of the learning agreement during the mobility (course added/removed), reviewed and signed for the
    faculty by the deputy dean for international relations (OSU-4.8-VDIR-6)."""

    class Change(models.TextChoices):
        ADDED = "ADDED", _("Course added")
        REMOVED = "REMOVED", _("Course removed")

    class Status(models.TextChoices):
        PROPOSED = "PROPOSED", _("Proposed")
        APPROVED = "APPROVED", _("Signed for the faculty")
        REJECTED = "REJECTED", _("Rejected")

    mobility = models.ForeignKey(StudentMobility, on_delete=models.CASCADE, related_name="la_changes")
    change = models.CharField(_("change"), max_length=8, choices=Change.choices)
    host_code = models.CharField(_("host course code"), max_length=40, blank=True)
    title = models.CharField(_("host course"), max_length=300)
    credits = models.DecimalField(_("ECTS credits"), max_digits=4, decimal_places=1)
    reason = models.TextField(_("reason"))
    changed_on = models.DateField(_("date of the change"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PROPOSED)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    reviewed_on = models.DateField(_("reviewed on"), null=True, blank=True)
    review_note = models.TextField(_("reviewer's note"), blank=True)

    class Meta:
        ordering = ["mobility", "changed_on", "id"]
        constraints = [models.CheckConstraint(condition=~Q(reason=""), name="mob_la_change_reasoned"),
                       models.CheckConstraint(condition=Q(credits__gt=0, credits__lte=Decimal("999.9")), name="mob_la_change_credits")]
        verbose_name = _("learning agreement change")
        verbose_name_plural = _("learning agreement changes")

    def __str__(self) -> str:
        return f"{self.get_change_display()}: {self.title}"


class PartnerListMailing(models.Model):
    """One sending of the partner list to staff e-mail addresses (OSU-5.4-2)."""

    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("sent by"), on_delete=models.PROTECT, related_name="+")
    recipients = models.PositiveIntegerField(_("recipients"))
    partners = models.PositiveIntegerField(_("partners listed"))

    class Meta:
        ordering = ["-sent_at"]
        verbose_name = _("partner list mailing")
        verbose_name_plural = _("partner list mailings")

    def __str__(self) -> str:
        return f"{self.sent_at:%Y-%m-%d %H:%M} ({self.recipients})"


class MobilityProgramme(models.Model):
    """A mobility programme's academic content, written by the faculty (OSU-3.5-1): discipline list and the
    host↔home course correspondence; or an OshSU-organised event receiving incoming participants (OSU-2.2-3)."""

    class Kind(models.TextChoices):
        EXCHANGE = "EXCHANGE", _("Exchange programme")
        SUMMER_SCHOOL = "SUMMER_SCHOOL", _("Summer school")
        WINTER_SCHOOL = "WINTER_SCHOOL", _("Winter school")
        CONFERENCE = "CONFERENCE", _("Conference")
        FORUM = "FORUM", _("Forum")
        OTHER = "OTHER", _("Other event")

    kind = models.CharField(_("kind"), max_length=15, choices=Kind.choices, default=Kind.EXCHANGE)
    title = models.CharField(_("title"), max_length=300)
    faculty = models.ForeignKey("org.Unit", verbose_name=_("faculty"), on_delete=models.PROTECT, related_name="mobility_programmes")
    partner = models.ForeignKey("org.Institution", verbose_name=_("partner"), null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    starts_on = models.DateField(_("first day"), null=True, blank=True)
    ends_on = models.DateField(_("last day"), null=True, blank=True)
    description = models.TextField(_("description"), blank=True)
    disciplines = models.TextField(_("discipline list"), blank=True)
    version = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-starts_on", "title"]
        constraints = [models.CheckConstraint(condition=Q(ends_on__isnull=True) | Q(starts_on__isnull=True) | Q(ends_on__gte=F("starts_on")),
                                              name="mob_programme_dates")]
        verbose_name = _("mobility programme")
        verbose_name_plural = _("mobility programmes")

    def __str__(self) -> str:
        return self.title

    @property
    def is_event(self) -> bool:
        return self.kind != self.Kind.EXCHANGE


class ProgrammeCourse(models.Model):
    """One row of a programme's correspondence table: a host course and the home course it corresponds to."""

    programme = models.ForeignKey(MobilityProgramme, on_delete=models.CASCADE, related_name="courses")
    host_code = models.CharField(_("host course code"), max_length=40, blank=True)
    host_title = models.CharField(_("host course"), max_length=300)
    credits = models.DecimalField(_("ECTS credits"), max_digits=4, decimal_places=1)
    home_course = models.ForeignKey("curriculum.Course", verbose_name=_("home course"), null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["programme", "id"]
        constraints = [models.CheckConstraint(condition=Q(credits__gt=0, credits__lte=Decimal("999.9")), name="mob_programme_course_credits")]
        verbose_name = _("correspondence row")
        verbose_name_plural = _("correspondence table")

    def __str__(self) -> str:
        return f"{self.host_code} {self.host_title}".strip()
