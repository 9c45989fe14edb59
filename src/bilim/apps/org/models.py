"""Institutions (OshSU, KTMU, partners) and their organisational units."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


def _reader_language() -> str:
    """The active language's code (ky, ru, en, tr): a record's name is shown in the reader's language."""
    from django.utils.translation import get_language

    return (get_language() or "en")[:2]


class RegulationSet(models.TextChoices):
    """The body of regulations Bilim applies to a home institution's records.

    Code decides which rules apply by this field, never by an institution's code: a second university
    under the KTMU postgraduate instruction is one field away, and renaming a code changes nothing.
    """

    NONE = "", _("None (partner institution)")
    KTMU_POSTGRAD = "ktmu_postgrad", _("KTMU postgraduate education instruction")
    OSHSU_MOBILITY = "oshsu_mobility", _("OshSU academic mobility regulation")


class Institution(models.Model):
    """A university: a home institution run by Bilim, or a partner at home or abroad."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name_ky = models.CharField(_("name (Kyrgyz)"), max_length=300)
    name_ru = models.CharField(_("name (Russian)"), max_length=300, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=300)
    name_tr = models.CharField(_("name (Turkish)"), max_length=300, blank=True)
    country = models.CharField(_("country (ISO code)"), max_length=2, db_index=True)
    city = models.CharField(_("city"), max_length=120, blank=True)
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=60, blank=True)
    erasmus_code = models.CharField(_("Erasmus code"), max_length=40, blank=True)
    schac_code = models.CharField(_("SCHAC code"), max_length=120, blank=True)
    is_home = models.BooleanField(_("run by Bilim"), default=False)
    regulation_set = models.CharField(_("regulation set"), max_length=20, choices=RegulationSet.choices, default=RegulationSet.NONE,
                                      blank=True, db_index=True)

    class Meta:
        ordering = ["name_en"]
        verbose_name = _("institution")
        verbose_name_plural = _("institutions")

    def __str__(self) -> str:
        return self.name(_reader_language())

    def name(self, lang: str = "en") -> str:
        return getattr(self, f"name_{lang}", "") or self.name_en


class Unit(models.Model):
    """An organisational unit: faculty, institute, college, department (chair), IRD, FoS…"""

    class Kind(models.TextChoices):
        FACULTY = "faculty", _("Faculty")
        INSTITUTE = "institute", _("Institute")
        COLLEGE = "college", _("College")
        DEPARTMENT = "department", _("Department (chair)")
        IRD = "ird", _("International Relations Department")
        FIELD_OF_SCIENCE = "fos", _("Field of science / arts")
        RECTORATE = "rectorate", _("Rector's office")
        OFFICE = "office", _("Office")

    institution = models.ForeignKey(Institution, verbose_name=_("institution"), on_delete=models.PROTECT, related_name="units")
    parent = models.ForeignKey("self", verbose_name=_("parent unit"), null=True, blank=True, on_delete=models.PROTECT, related_name="children")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    code = models.CharField(_("code"), max_length=40)
    name_ky = models.CharField(_("name (Kyrgyz)"), max_length=300)
    name_ru = models.CharField(_("name (Russian)"), max_length=300, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=300)
    name_tr = models.CharField(_("name (Turkish)"), max_length=300, blank=True)

    class Meta:
        ordering = ["institution", "kind", "name_en"]
        constraints = [models.UniqueConstraint(fields=["institution", "code"], name="unit_code_unique_per_institution")]
        verbose_name = _("unit")
        verbose_name_plural = _("units")

    def __str__(self) -> str:
        return self.name(_reader_language())

    def name(self, lang: str = "en") -> str:
        return getattr(self, f"name_{lang}", "") or self.name_en

    def ancestors_and_self(self) -> list[Unit]:
        chain: list[Unit] = []
        unit: Unit | None = self
        while unit is not None and unit not in chain:
            chain.append(unit)
            unit = unit.parent
        return chain
