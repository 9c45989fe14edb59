"""Forms of the applicant portal and the staff pages: real fields (dates as date inputs, choices as selects, numbers
through ``NumberField``), errors beside the field in the reader's language."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.contrib.auth.password_validation import validate_password
from django.utils.translation import gettext_lazy as _

from bilim.apps.accounts.models import User
from bilim.apps.admissions.models import Application, ApplicationDocument
from bilim.apps.core.numbers import Domain, NumberField
from bilim.apps.core.uploads import upload_field
from bilim.apps.core.widgets import DateInput
from bilim.apps.curriculum.models import Programme
from bilim.apps.governance.models import Decision

SCORE = Domain(5, 2, Decimal(0), Decimal(100))
GRADE = Domain(5, 2, Decimal(0), Decimal(100))
LANGUAGES = [("KY", _("Kyrgyz")), ("TR", _("Turkish")), ("RU", _("Russian")), ("EN", _("English"))]


class CandidateSignupForm(forms.Form):
    email = forms.EmailField(label=_("E-mail"))
    first_name = forms.CharField(label=_("First name"), max_length=120)
    last_name = forms.CharField(label=_("Last name"), max_length=120)
    password1 = forms.CharField(label=_("Password"), widget=forms.PasswordInput, strip=False)
    password2 = forms.CharField(label=_("Password again"), widget=forms.PasswordInput, strip=False)

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].lower()
        if User.objects.filter(username__iexact=email).exists() or User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(_("An account with this e-mail already exists; log in instead."))
        return email

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        p1, p2 = data.get("password1"), data.get("password2")
        if p1 and p2 and p1 != p2:
            self.add_error("password2", _("The two passwords differ."))
        elif p1:
            try:
                validate_password(p1)
            except forms.ValidationError as e:
                self.add_error("password1", e)
        return data


class ApplicationForm(forms.ModelForm):
    diploma_grade = NumberField(GRADE, label=_("Diploma grade (GPA or score, on its own scale)"))
    waiver_score = NumberField(Domain(6, 2, Decimal(0), Decimal(1000)), label=_("Declared score"), required=False)
    lang_score = NumberField(Domain(6, 2, Decimal(0), Decimal(1000)), label=_("Language score"), required=False)
    preferred_oral_language = forms.ChoiceField(label=_("Preferred language of the oral exam"), choices=LANGUAGES)

    class Meta:
        model = Application
        fields = ["last_name", "first_name", "citizenship", "subject_to_military_registration", "diploma_country", "diploma_languages",
                  "diploma_issuer_turkish_hei_abroad", "bilateral_agreement", "diploma_grade", "diploma_scale", "long_diploma_years",
                  "transcript_certified", "waiver_exam", "waiver_score", "waiver_ales_type", "waiver_exam_date", "lang_issuer", "lang_exam_type",
                  "lang_language", "lang_score", "lang_exam_date", "lang_valid_until", "preferred_oral_language"]
        widgets = {"waiver_exam_date": DateInput(), "lang_exam_date": DateInput(), "lang_valid_until": DateInput()}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        scale, grade = data.get("diploma_scale"), data.get("diploma_grade")
        top = {"4": Decimal(4), "5": Decimal(5), "100": Decimal(100)}.get(scale or "")
        if grade is not None and top is not None and grade > top:
            self.add_error("diploma_grade", _("On this scale the grade is at most %(max)s.") % {"max": top})
        if data.get("waiver_exam") and (data.get("waiver_score") is None or not data.get("waiver_exam_date")):
            self.add_error("waiver_score", _("Give the score and the exam date you declare."))
        return data


class DocumentForm(forms.Form):
    kind = forms.ChoiceField(label=_("Document"), choices=ApplicationDocument.Kind.choices)
    file = upload_field(_("File"))


class ScoreForm(forms.Form):
    absent = forms.BooleanField(label=_("Absent"), required=False)
    written = NumberField(SCORE, label=_("Written exam (0–100)"), required=False)
    oral = NumberField(SCORE, label=_("Oral exam (0–100)"), required=False)
    answer_language = forms.ChoiceField(label=_("Language of the written answer"), choices=LANGUAGES, initial="KY")


class ProtocolForm(forms.Form):
    number = forms.CharField(label=_("Protocol number"), max_length=40)
    date = forms.DateField(label=_("Protocol date"), widget=DateInput())


class DecisionChoiceForm(forms.Form):
    decision = forms.ModelChoiceField(label=_("Adopted decision"), queryset=Decision.objects.none())
    on = forms.DateField(label=_("Date"), widget=DateInput(), required=False)

    def __init__(self, *args: Any, decisions: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["decision"].queryset = decisions  # type: ignore[attr-defined]


class RejectForm(forms.Form):
    reason = forms.CharField(label=_("Reason the candidate will read"), widget=forms.Textarea(attrs={"rows": 2}), max_length=1000)


class RegisterForm(forms.Form):
    on = forms.DateField(label=_("Registration date"), widget=DateInput())
    submitted_by = forms.ChoiceField(label=_("Handed in by"), choices=[("SELF", _("The candidate")), ("NOTARISED_PROXY", _("A notarised proxy")),
                                                                     ("OTHER_PROXY", _("Someone else"))])
    originals = forms.BooleanField(label=_("All documents handed in as originals or notarised copies"), required=False)


class AppealForm(forms.Form):
    reason = forms.CharField(label=_("What do you contest?"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)


class ReviewForm(forms.Form):
    findings = forms.CharField(label=_("Written findings"), widget=forms.Textarea(attrs={"rows": 3}))
    on = forms.DateField(label=_("Findings submitted on"), widget=DateInput())
    papers_attached = forms.BooleanField(label=_("Exam papers attached"), required=False)
    technical_error = forms.BooleanField(label=_("Technical error found"), required=False)
    corrected_written = NumberField(SCORE, label=_("Corrected written score"), required=False)
    corrected_oral = NumberField(SCORE, label=_("Corrected oral score"), required=False)
    decision = forms.ModelChoiceField(label=_("Commission decision"), queryset=Decision.objects.none())

    def __init__(self, *args: Any, decisions: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["decision"].queryset = decisions  # type: ignore[attr-defined]


class DateForm(forms.Form):
    on = forms.DateField(label=_("Date"), widget=DateInput())


def _pg_programmes() -> Any:
    from bilim.apps.curriculum.models import Programme

    return Programme.objects.filter(level__in=["master", "doctorate", "arts"], institution__regulation_set="ktmu_postgrad", is_active=True)


class SpecialApplyForm(forms.Form):
    programme = forms.ModelChoiceField(label=_("Programme"), queryset=Programme.objects.none())
    full_name = forms.CharField(label=_("Full name"), max_length=200)
    degree_years = forms.IntegerField(label=_("Years of higher education"), min_value=0, max_value=15)
    graduated = forms.BooleanField(label=_("Graduated"), required=False, initial=True)
    previous_semesters = forms.IntegerField(label=_("Special-status semesters so far"), min_value=0, max_value=10, initial=0)
    period_start = forms.DateField(label=_("Course registration from"), widget=DateInput())
    period_end = forms.DateField(label=_("Course registration until"), widget=DateInput())

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["programme"].queryset = _pg_programmes()  # type: ignore[attr-defined]


class IncomingApplyForm(forms.Form):
    programme = forms.ModelChoiceField(label=_("Programme"), queryset=Programme.objects.none())
    full_name = forms.CharField(label=_("Full name"), max_length=200)
    home_hei = forms.CharField(label=_("Home university"), max_length=200)
    home_country = forms.CharField(label=_("Home country (ISO)"), max_length=2, min_length=2)
    home_level = forms.ChoiceField(label=_("Level at home"), choices=[("MA", _("Master's")), ("PHD", _("Doctorate")), ("AI", _("Arts")), ("BACHELOR", _("Bachelor"))])
    semester_label = forms.CharField(label=_("Semester"), max_length=40)
    selection_start = forms.DateField(label=_("Course selection from"), widget=DateInput())
    selection_end = forms.DateField(label=_("Course selection until"), widget=DateInput())
    has_home_decision = forms.BooleanField(label=_("Home council decision submitted"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["programme"].queryset = _pg_programmes()  # type: ignore[attr-defined]

    def clean_home_country(self) -> str:
        return self.cleaned_data["home_country"].upper()


class OutgoingRequestForm(forms.Form):
    host_hei = forms.CharField(label=_("Host university"), max_length=200)
    host_country = forms.CharField(label=_("Host country (ISO)"), max_length=2, min_length=2)
    host_level = forms.ChoiceField(label=_("Host programme level"), choices=[("MA", _("Master's")), ("PHD", _("Doctorate")), ("AI", _("Arts"))])

    def clean_host_country(self) -> str:
        return self.cleaned_data["host_country"].upper()
