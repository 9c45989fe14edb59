"""People: students, academic staff and administrative staff, named in Cyrillic and Latin."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class Person(models.Model):
    """A natural person (one per human), optionally linked to a login."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="person")
    last_name = models.CharField(_("last name (Cyrillic)"), max_length=120, db_index=True)
    first_name = models.CharField(_("first name (Cyrillic)"), max_length=120)
    patronymic = models.CharField(_("patronymic"), max_length=120, blank=True)
    last_name_latin = models.CharField(_("last name (passport, Latin)"), max_length=120, blank=True, db_index=True)
    first_name_latin = models.CharField(_("first name (passport, Latin)"), max_length=120, blank=True)
    birth_date = models.DateField(_("date of birth"), null=True, blank=True)
    citizenship = models.CharField(_("citizenship (ISO code)"), max_length=2, default="KG")
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=60, blank=True)

    class Meta:
        ordering = ["last_name", "first_name"]
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self) -> str:
        """The name in the reader's script (the active language): see :meth:`name_in`."""
        from django.utils.translation import get_language

        return self.name_in(get_language() or "ky")

    @property
    def cyrillic_name(self) -> str:
        return " ".join(p for p in (self.last_name, self.first_name, self.patronymic) if p)

    @property
    def latin_name(self) -> str:
        return f"{self.last_name_latin} {self.first_name_latin}".strip()

    def name_in(self, lang: str) -> str:
        """The passport (Latin) name for English and Turkish readers when it is recorded; the Cyrillic one otherwise."""
        if (lang or "")[:2] in ("en", "tr") and self.last_name_latin:
            return self.latin_name
        return self.cyrillic_name


class Level(models.TextChoices):
    COLLEGE = "college", _("College")
    BACHELOR = "bachelor", _("Bachelor")
    MASTER = "master", _("Master")
    DOCTORATE = "doctorate", _("Doctorate")
    ARTS = "arts", _("Arts assistantship")


class Student(models.Model):
    """A student's enrolment in a programme at a home institution."""

    class Funding(models.TextChoices):
        BUDGET = "budget", _("State budget")
        CONTRACT = "contract", _("Contract (fee-paying)")

    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        ACADEMIC_LEAVE = "academic_leave", _("Academic leave")
        MOBILITY = "mobility", _("On mobility")
        GRADUATED = "graduated", _("Graduated")
        DISMISSED = "dismissed", _("Dismissed")

    person = models.ForeignKey(Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="studentships")
    institution = models.ForeignKey("org.Institution", verbose_name=_("institution"), on_delete=models.PROTECT)
    unit = models.ForeignKey("org.Unit", verbose_name=_("faculty / institute"), on_delete=models.PROTECT)
    programme = models.ForeignKey("curriculum.Programme", verbose_name=_("programme"), on_delete=models.PROTECT, related_name="students")
    student_number = models.CharField(_("student number"), max_length=30, unique=True)
    level = models.CharField(_("level"), max_length=20, choices=Level.choices, db_index=True)
    year_of_study = models.PositiveSmallIntegerField(_("year of study"), default=1, validators=[MinValueValidator(1)])
    semester = models.PositiveSmallIntegerField(_("semester of study"), default=1, validators=[MinValueValidator(1)])
    funding = models.CharField(_("funding"), max_length=20, choices=Funding.choices, default=Funding.BUDGET)
    tuition_debt = models.DecimalField(_("tuition debt (KGS)"), max_digits=12, decimal_places=2, default=Decimal("0"))
    admitted_on = models.DateField(_("admitted on"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.ACTIVE, db_index=True)

    class Meta:
        ordering = ["student_number"]
        verbose_name = _("student")
        verbose_name_plural = _("students")
        constraints = [
            models.CheckConstraint(condition=models.Q(tuition_debt__gte=0), name="student_debt_not_negative"),
            # the column's digits; also refuses NaN/Infinity (see bilim.apps.core.numbers)
            models.CheckConstraint(condition=models.Q(tuition_debt__lte=Decimal("9999999999.99")), name="student_debt_finite"),
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.student_number})"


class Staff(models.Model):
    """An employee: academic (ИПК) or administrative."""

    class Kind(models.TextChoices):
        ACADEMIC = "academic", _("Academic staff")
        ADMINISTRATIVE = "administrative", _("Administrative staff")

    class Degree(models.TextChoices):
        NONE = "", _("None")
        MASTER = "master", _("Master")
        CANDIDATE = "candidate", _("Candidate of sciences")
        PHD = "phd", _("PhD")
        DOCTOR = "doctor", _("Doctor of sciences")

    class Title(models.TextChoices):
        NONE = "", _("None")
        LECTURER = "lecturer", _("Lecturer")
        ASSISTANT_PROFESSOR = "assistant_professor", _("Assistant professor")
        ASSOCIATE_PROFESSOR = "associate_professor", _("Associate professor (docent)")
        PROFESSOR = "professor", _("Professor")

    person = models.ForeignKey(Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="employments")
    institution = models.ForeignKey("org.Institution", verbose_name=_("institution"), on_delete=models.PROTECT)
    unit = models.ForeignKey("org.Unit", verbose_name=_("unit"), on_delete=models.PROTECT)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.ACADEMIC)
    position = models.CharField(_("position"), max_length=120, blank=True)
    degree = models.CharField(_("degree"), max_length=20, choices=Degree.choices, blank=True)
    title = models.CharField(_("academic title"), max_length=30, choices=Title.choices, blank=True)
    full_time = models.BooleanField(_("full-time"), default=True)
    since = models.DateField(_("employed since"), null=True, blank=True)

    class Meta:
        ordering = ["person__last_name"]
        verbose_name = _("staff member")
        verbose_name_plural = _("staff")

    def __str__(self) -> str:
        return str(self.person)


class TeachingRecord(models.Model):
    """Teaching history of an academic: what level they taught in which term."""

    staff = models.ForeignKey(Staff, on_delete=models.CASCADE, related_name="teaching")
    term = models.ForeignKey("curriculum.Term", on_delete=models.PROTECT)
    level = models.CharField(_("level"), max_length=20, choices=Level.choices)
    course = models.ForeignKey("curriculum.Course", on_delete=models.PROTECT, null=True, blank=True)

    class Meta:
        verbose_name = _("teaching record")
        verbose_name_plural = _("teaching records")
