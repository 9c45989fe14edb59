"""Forms of the programmes pages (input shape only; the services and the rules judge)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from bilim.apps.core.numbers import ZERO, Domain, NumberField
from bilim.apps.core.uploads import upload_field
from bilim.apps.core.widgets import DateInput, TimeInput
from bilim.apps.curriculum.models import Programme, Term, TimetableSlot
from bilim.apps.governance.models import Body, Decision
from bilim.apps.org.models import Institution, RegulationSet, Unit
from bilim.apps.people.models import Staff
from bilim.apps.programmes import models as m

DATE = DateInput()
TIME = TimeInput()
HOURS = Domain(4, 1, ZERO, Decimal("99.9"))
CREDITS = Domain(4, 1, ZERO, Decimal("99.9"), min_exclusive=True)


def ktmu_units(kind: str) -> Any:
    return Unit.objects.filter(institution__regulation_set=RegulationSet.KTMU_POSTGRAD, kind=kind).order_by("name_ky")


def ktmu_staff() -> Any:
    return Staff.objects.filter(kind=Staff.Kind.ACADEMIC).select_related("person", "institution").order_by("person__last_name")


def _lang() -> str:
    from django.utils.translation import get_language

    code = (get_language() or "ky")[:2]
    return code if code in {"ky", "ru", "en", "tr"} else "ky"


class NamedChoiceField(forms.ModelChoiceField):
    """Units, programmes, institutions by their name in the reader's language."""

    def label_from_instance(self, obj: Any) -> str:
        name = obj.name(_lang()) if hasattr(obj, "name") and callable(obj.name) else str(obj)
        code = getattr(obj, "code", "")
        return f"{code} — {name}" if isinstance(obj, Programme) else name


class ProposalForm(forms.ModelForm):
    institute = NamedChoiceField(label=_("Institute"), queryset=ktmu_units(Unit.Kind.INSTITUTE))
    fos = NamedChoiceField(label=_("Field of science / arts (managing FoS)"), queryset=ktmu_units(Unit.Kind.FIELD_OF_SCIENCE))
    partners = forms.ModelMultipleChoiceField(label=_("Partner universities (joint programme)"), required=False,
                                              queryset=Institution.objects.filter(is_home=False).order_by("name_en"))

    class Meta:
        model = m.ProgrammeProposal
        fields = ["institute", "fos", "kind", "level", "code", "name_ky", "name_tr", "name_en", "name_ru", "languages", "fully_foreign_language",
                  "mode", "normative_semesters", "with_thesis", "reasons", "qualification", "admission_conditions", "graduation_conditions",
                  "facilities_required", "facilities_available", "facilities_confirmed", "partners", "shared_facilities"]
        widgets = {f: forms.Textarea(attrs={"rows": 3}) for f in ("reasons", "admission_conditions", "graduation_conditions", "shared_facilities")}

    def clean_languages(self) -> str:
        codes = [c.strip().lower() for c in self.cleaned_data["languages"].split(",") if c.strip()]
        bad = [c for c in codes if c not in {"ky", "tr", "en", "ru"}]
        if not codes or bad:
            raise ValidationError(_("Give language codes among ky, tr, en, ru, separated by commas."))
        return ",".join(codes)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("fos") and data.get("institute") and data["fos"].parent_id != data["institute"].pk:
            self.add_error("fos", _("The field of science does not belong to this institute."))
        return data


class InstructorForm(forms.Form):
    staff = forms.ModelChoiceField(label=_("Instructor"), queryset=ktmu_staff())
    cv = upload_field(_("CV"), required=False)
    publications = upload_field(_("List of publications"), required=False)


class CourseLineForm(forms.Form):
    semester = forms.IntegerField(label=_("Semester"), min_value=1, max_value=12)
    code = forms.CharField(label=_("Code"), max_length=30)
    title_ky = forms.CharField(label=_("Title (Kyrgyz)"), max_length=300)
    title_en = forms.CharField(label=_("Title (English)"), max_length=300)
    kind = forms.ChoiceField(label=_("Kind"), choices=m.CourseKind.choices)
    hours = forms.IntegerField(label=_("Hours per week"), min_value=0, max_value=60)
    credit = NumberField(HOURS, label=_("Credit"))
    ects = NumberField(CREDITS, label=_("ECTS"))
    content = forms.CharField(label=_("Content"), widget=forms.Textarea(attrs={"rows": 2}))
    outcomes = forms.CharField(label=_("Learning outcomes"), widget=forms.Textarea(attrs={"rows": 2}))


class ChangeForm(forms.Form):
    summary = forms.CharField(label=_("What changes and why"), widget=forms.Textarea(attrs={"rows": 3}))
    effective_from = forms.DateField(label=_("In force from"), widget=DATE)
    removed_codes = forms.CharField(label=_("Courses removed (codes, comma-separated)"), required=False, max_length=300)


class DecisionStepForm(forms.Form):
    """A step decided by a body: an adopted decision of that body naming this record, or the decision recorded now
    (body, number, date) by the body's secretary."""

    action = forms.CharField(widget=forms.HiddenInput)
    decision = forms.ModelChoiceField(label=_("Adopted decision"), queryset=Decision.objects.none(), required=False)
    body = forms.ModelChoiceField(label=_("Body"), queryset=Body.objects.all(), required=False)
    number = forms.CharField(label=_("Decision number"), max_length=40, required=False)
    date = forms.DateField(label=_("Decision date"), required=False, widget=DATE)
    reason = forms.CharField(label=_("Note"), required=False, max_length=500)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("decision") and (data.get("body") or data.get("number")):
            for f in ("body", "number", "date"):
                if not data.get(f):
                    self.add_error(f, _("Give the body, the number and the date of its decision."))
        return data

    def __init__(self, *args: Any, obj: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if obj is not None:
            self.fields["decision"].queryset = Decision.objects.filter(  # type: ignore[attr-defined]
                subject_type=obj._meta.label_lower, subject_id=str(obj.pk), status=Decision.Status.ADOPTED).select_related("body")
            self.fields["decision"].label_from_instance = lambda d: f"{d.body.name_ky}: №{d.number} {d.date:%d.%m.%Y} — {d.title}"  # type: ignore[attr-defined]


class CourseForm(forms.ModelForm):
    programme = NamedChoiceField(label=_("Programme"), queryset=Programme.objects.filter(
        institution__regulation_set=RegulationSet.KTMU_POSTGRAD, is_active=True).order_by("code"))
    applicant = forms.ModelChoiceField(label=_("Instructor applying"), queryset=ktmu_staff())
    theory_hours = NumberField(HOURS, label=_("Theory hours per week"))
    practice_hours = NumberField(HOURS, label=_("Practice / laboratory hours per week"), required=False)
    credit = NumberField(HOURS, label=_("Credit"), required=False)
    ects = NumberField(CREDITS, label=_("ECTS"), required=False)

    class Meta:
        model = m.CourseProposal
        fields = ["programme", "applicant", "code", "code_owner", "kind", "ministry_mandated", "semester_in_plan", "language",
                  "title_ky", "title_tr", "title_en", "title_ru", "content_ky", "content_tr", "content_en", "content_ru",
                  "sources_ky", "sources_tr", "sources_en", "sources_ru", "outcomes_ky", "outcomes_tr", "outcomes_en", "outcomes_ru",
                  "theory_hours", "practice_hours", "credit", "ects"]
        widgets = {f"{k}_{lang}": forms.Textarea(attrs={"rows": 2}) for k in ("content", "sources", "outcomes") for lang in ("ky", "tr", "en", "ru")}

    def clean_practice_hours(self) -> Decimal:
        return self.cleaned_data.get("practice_hours") or Decimal(0)


class OfferingForm(forms.Form):
    term = forms.ModelChoiceField(label=_("Semester of the offering"), queryset=Term.objects.filter(
        year__institution__regulation_set=RegulationSet.KTMU_POSTGRAD).exclude(kind="summer").select_related("year").order_by("-starts_on"))
    foreign_language = forms.ChoiceField(label=_("Also offered in a foreign language"), choices=[("", "—"), *m.LANGS], required=False)


class CourseInstructorForm(forms.Form):
    staff = forms.ModelChoiceField(label=_("Instructor"), queryset=ktmu_staff())
    exception_decided = forms.BooleanField(label=_("Necessary and exceptional case decided"), required=False)


class SlotForm(forms.Form):
    weekday = forms.TypedChoiceField(label=_("Day"), choices=TimetableSlot.Weekday.choices, coerce=int)
    starts_at = forms.TimeField(label=_("From"), widget=TIME)
    ends_at = forms.TimeField(label=_("To"), widget=TIME)
    room = forms.CharField(label=_("Room"), max_length=40)


class QuotaForm(forms.Form):
    programme = NamedChoiceField(label=_("Programme"), queryset=Programme.objects.filter(
        institution__regulation_set=RegulationSet.KTMU_POSTGRAD, is_active=True).order_by("code"))
    admission_year = forms.IntegerField(label=_("Admission year"), min_value=2020, max_value=2100)
    places = forms.IntegerField(label=_("Places (quota)"), min_value=0, max_value=999)
    places_international = forms.IntegerField(label=_("Of which for international students"), min_value=0, max_value=999, initial=0)
    specifics = forms.CharField(label=_("Programme specifics, capacity, instructors and supervision load considered"),
                                widget=forms.Textarea(attrs={"rows": 3}), required=False)


class AnnouncementForm(forms.ModelForm):
    documents = forms.MultipleChoiceField(label=_("Required documents"), required=False, widget=forms.CheckboxSelectMultiple)

    class Meta:
        model = m.Announcement
        fields = ["application_start", "application_end", "exam_date", "exam_time", "exam_place", "exam_form", "results_date",
                  "registration_start", "registration_end", "language_exam_date", "conditions_ky", "conditions_tr", "conditions_en", "conditions_ru"]
        widgets = {**{f: DATE for f in ("application_start", "application_end", "exam_date", "results_date", "registration_start",
                                          "registration_end", "language_exam_date")},
                   "exam_time": TIME, **{f"conditions_{lang}": forms.Textarea(attrs={"rows": 2}) for lang in ("ky", "tr", "en", "ru")}}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = []
        for stage, stage_label in m.AnnouncementDocument.Stage.choices:
            for cat, cat_label in m.AnnouncementDocument.Category.choices:
                for code, code_label in m.DocumentCode.choices:
                    choices.append((f"{stage}:{cat}:{code}", f"{stage_label} — {cat_label} — {code_label}"))
        self.fields["documents"].choices = choices  # type: ignore[attr-defined]
        if self.instance and self.instance.pk:
            self.fields["documents"].initial = [f"{d.stage}:{d.category}:{d.code}" for d in self.instance.documents.all()]

    def document_rows(self) -> list[tuple[str, str, str]]:
        return [tuple(v.split(":", 2)) for v in self.cleaned_data.get("documents", [])]
