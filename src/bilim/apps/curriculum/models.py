"""Academic years, terms, the academic calendar, programmes, courses and offerings."""

from __future__ import annotations

from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _

from bilim.apps.people.models import Level

LANGUAGES_OF_INSTRUCTION = [("ky", _("Kyrgyz")), ("ru", _("Russian")), ("en", _("English")), ("tr", _("Turkish"))]


def _reader_language() -> str:
    """The active language's code (ky, ru, en, tr): a record's name is shown in the reader's language."""
    from django.utils.translation import get_language

    return (get_language() or "en")[:2]


class AcademicYear(models.Model):
    """An academic year of an institution, e.g. 2026–2027."""

    institution = models.ForeignKey("org.Institution", on_delete=models.PROTECT, related_name="academic_years")
    code = models.CharField(_("code"), max_length=9)  # 2026-2027
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))

    class Meta:
        ordering = ["-starts_on"]
        constraints = [
            models.UniqueConstraint(fields=["institution", "code"], name="year_code_unique"),
            models.CheckConstraint(condition=models.Q(ends_on__gt=models.F("starts_on")), name="year_ends_after_start"),
        ]
        verbose_name = _("academic year")
        verbose_name_plural = _("academic years")

    def __str__(self) -> str:
        return self.code


class Term(models.Model):
    """A fall, spring or summer term."""

    class Kind(models.TextChoices):
        FALL = "fall", _("Fall")
        SPRING = "spring", _("Spring")
        SUMMER = "summer", _("Summer")

    year = models.ForeignKey(AcademicYear, on_delete=models.CASCADE, related_name="terms")
    kind = models.CharField(_("term"), max_length=10, choices=Kind.choices)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))

    class Meta:
        ordering = ["starts_on"]
        constraints = [models.UniqueConstraint(fields=["year", "kind"], name="term_unique_per_year")]
        verbose_name = _("term")
        verbose_name_plural = _("terms")

    def __str__(self) -> str:
        return f"{self.year.code} {self.get_kind_display()}"


class CalendarPeriod(models.Model):
    """A named period of an institution's academic calendar (registration, add/drop, exams…)."""

    class Kind(models.TextChoices):
        REGISTRATION = "registration", _("Course registration")
        ADD_DROP = "add_drop", _("Add/drop")
        MIDTERMS = "midterms", _("Midterm exams")
        FINALS = "finals", _("Final exams")
        MAKEUP = "makeup", _("Make-up exams")
        RESULTS = "results", _("Results announced")
        ACADEMIC_LEAVE = "academic_leave", _("Academic-leave applications")
        ADMISSION = "admission", _("Admission window")
        CLOSURE = "closure", _("Institution closed")
        WORKING_DAY = "working_day", _("Transferred working day")

    institution = models.ForeignKey("org.Institution", on_delete=models.CASCADE, related_name="calendar_periods")
    term = models.ForeignKey(Term, null=True, blank=True, on_delete=models.CASCADE, related_name="periods")
    kind = models.CharField(_("period"), max_length=20, choices=Kind.choices)
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("to"))
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        ordering = ["starts_on"]
        constraints = [models.CheckConstraint(condition=models.Q(ends_on__gte=models.F("starts_on")), name="period_not_reversed")]
        verbose_name = _("calendar period")
        verbose_name_plural = _("calendar periods")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.starts_on}–{self.ends_on}"


class Programme(models.Model):
    """A study programme (bachelor, master's, doctoral, arts assistantship…)."""

    institution = models.ForeignKey("org.Institution", on_delete=models.PROTECT, related_name="programmes")
    unit = models.ForeignKey("org.Unit", verbose_name=_("faculty / institute"), on_delete=models.PROTECT, related_name="programmes")
    field_of_science = models.ForeignKey(
        "org.Unit", verbose_name=_("field of science / arts"), null=True, blank=True, on_delete=models.PROTECT, related_name="fos_programmes"
    )
    code = models.CharField(_("code"), max_length=40)
    name_ky = models.CharField(_("name (Kyrgyz)"), max_length=300)
    name_ru = models.CharField(_("name (Russian)"), max_length=300, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=300)
    name_tr = models.CharField(_("name (Turkish)"), max_length=300, blank=True)
    level = models.CharField(_("level"), max_length=20, choices=Level.choices)
    languages = models.CharField(_("language(s) of instruction"), max_length=20, default="ky", help_text=_("comma-separated codes"))
    normative_semesters = models.PositiveSmallIntegerField(_("normative duration (semesters)"), default=8)
    with_thesis = models.BooleanField(_("with thesis"), default=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["institution", "level", "name_en"]
        constraints = [models.UniqueConstraint(fields=["institution", "code"], name="programme_code_unique")]
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")

    def __str__(self) -> str:
        return f"{self.code} {self.name(_reader_language())}"

    def name(self, lang: str = "en") -> str:
        return getattr(self, f"name_{lang}", "") or self.name_en


class Course(models.Model):
    """A course of the catalogue, with titles in the four languages and its credits."""

    class Kind(models.TextChoices):
        COMPULSORY = "compulsory", _("Compulsory")
        ELECTIVE = "elective", _("Elective")

    institution = models.ForeignKey("org.Institution", on_delete=models.PROTECT, related_name="courses")
    programme = models.ForeignKey(Programme, null=True, blank=True, on_delete=models.PROTECT, related_name="courses")
    code = models.CharField(_("code"), max_length=30)
    title_ky = models.CharField(_("title (Kyrgyz)"), max_length=300)
    title_ru = models.CharField(_("title (Russian)"), max_length=300, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=300)
    title_tr = models.CharField(_("title (Turkish)"), max_length=300, blank=True)
    ects = models.DecimalField(_("ECTS credits"), max_digits=4, decimal_places=1)
    local_credits = models.DecimalField(_("local credits"), max_digits=4, decimal_places=1, default=0)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.COMPULSORY)
    theory_hours = models.PositiveSmallIntegerField(_("theory hours per week"), default=2)
    practice_hours = models.PositiveSmallIntegerField(_("practice hours per week"), default=0)
    language = models.CharField(_("language"), max_length=2, choices=LANGUAGES_OF_INSTRUCTION, default="ky")
    semester = models.PositiveSmallIntegerField(_("semester in the plan"), null=True, blank=True)

    class Meta:
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(fields=["institution", "code"], name="course_code_unique"),
            models.CheckConstraint(condition=models.Q(ects__gt=0), name="course_ects_positive"),
            # upper bounds = the column's digits; they also refuse NaN/Infinity (see bilim.apps.core.numbers)
            models.CheckConstraint(condition=models.Q(ects__lte=Decimal("999.9")), name="course_ects_finite"),
            models.CheckConstraint(condition=models.Q(local_credits__gte=0, local_credits__lte=Decimal("999.9")), name="course_local_credits_range"),
        ]
        verbose_name = _("course")
        verbose_name_plural = _("courses")

    def __str__(self) -> str:
        return f"{self.code} {self.title(_reader_language())}"

    def title(self, lang: str = "en") -> str:
        return getattr(self, f"title_{lang}", "") or self.title_en


class Offering(models.Model):
    """A course offered in a term (a section), with instructors and capacity."""

    course = models.ForeignKey(Course, on_delete=models.PROTECT, related_name="offerings")
    term = models.ForeignKey(Term, on_delete=models.PROTECT, related_name="offerings")
    section = models.CharField(_("section"), max_length=10, default="1")
    instructors = models.ManyToManyField("people.Staff", verbose_name=_("instructors"), blank=True, related_name="offerings")
    capacity = models.PositiveIntegerField(_("capacity"), default=40)
    language = models.CharField(_("language"), max_length=2, choices=LANGUAGES_OF_INSTRUCTION, default="ky")
    # KTMU art. 27: a course runs only with its minimum enrolment; decided when add/drop closes (W-02). None: not yet decided.
    runs = models.BooleanField(_("runs"), null=True, blank=True)

    class Meta:
        ordering = ["term", "course__code", "section"]
        constraints = [models.UniqueConstraint(fields=["course", "term", "section"], name="offering_unique")]
        verbose_name = _("offering")
        verbose_name_plural = _("offerings")

    def __str__(self) -> str:
        return f"{self.course.code}/{self.section} {self.term}"


class TimetableSlot(models.Model):
    """One weekly meeting of an offering: day, time and room (KTMU-25-1: the weekly timetable is published
    before course selection). Published with the timetable of its term by the FoS head / institute."""

    class Weekday(models.IntegerChoices):
        MONDAY = 1, _("Monday")
        TUESDAY = 2, _("Tuesday")
        WEDNESDAY = 3, _("Wednesday")
        THURSDAY = 4, _("Thursday")
        FRIDAY = 5, _("Friday")
        SATURDAY = 6, _("Saturday")

    offering = models.ForeignKey(Offering, on_delete=models.CASCADE, related_name="slots")
    weekday = models.PositiveSmallIntegerField(_("day"), choices=Weekday.choices)
    starts_at = models.TimeField(_("from"))
    ends_at = models.TimeField(_("to"))
    room = models.CharField(_("room"), max_length=40, blank=True)

    class Meta:
        ordering = ["weekday", "starts_at"]
        constraints = [models.CheckConstraint(condition=models.Q(ends_at__gt=models.F("starts_at")), name="slot_times")]
        verbose_name = _("timetable slot")
        verbose_name_plural = _("timetable slots")

    def __str__(self) -> str:
        return f"{self.offering} {self.get_weekday_display()} {self.starts_at:%H:%M}–{self.ends_at:%H:%M} {self.room}"
