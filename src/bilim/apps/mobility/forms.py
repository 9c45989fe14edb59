from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from bilim.apps.core.uploads import upload_field
from bilim.apps.accounts.permissions import restrict_targets
from bilim.apps.core.numbers import CRITERION_WEIGHT, NumberError, parse_decimal
from bilim.apps.mobility import models as m
from bilim.apps.org.models import Institution, Unit


class DateInput(forms.DateInput):
    input_type = "date"


class ApplicationForm(forms.Form):
    call = forms.ModelChoiceField(m.Call.objects.filter(published=True), label=_("Call"), required=False)
    host = forms.ModelChoiceField(Institution.objects.filter(is_home=False), label=_("Host institution"))
    basis = forms.ChoiceField(choices=m.Basis.choices, label=_("Basis"), initial=m.Basis.INSTITUTIONAL_AGREEMENT)
    purpose = forms.CharField(label=_("Purpose"), max_length=300)
    language = forms.CharField(label=_("Language of instruction"), max_length=40)
    specialty = forms.CharField(label=_("Specialty"), max_length=200)
    expected_funding = forms.CharField(label=_("Expected funding source"), max_length=200)
    intended_disciplines = forms.CharField(label=_("Intended disciplines (one per line)"), widget=forms.Textarea(attrs={"rows": 4}), required=False)
    # OSU-1.3.2-2: mobility may be carried out at a distance (no travel); the file then runs on the distance table
    mode = forms.ChoiceField(choices=[("PHYSICAL", _("Physical (travel to the host)")), ("DISTANCE", _("Distance (virtual)"))], label=_("Form"),
                             initial="PHYSICAL", required=False)

    def clean_mode(self) -> str:
        return self.cleaned_data.get("mode") or "PHYSICAL"  # not given: the usual physical mobility
    start_date = forms.DateField(label=_("First day"), widget=DateInput)
    end_date = forms.DateField(label=_("Last day"), widget=DateInput)

    def clean(self):  # type: ignore[no-untyped-def]
        data = super().clean()
        if data.get("start_date") and data.get("end_date") and data["end_date"] < data["start_date"]:
            self.add_error("end_date", _("The last day is before the first day."))
        return data


class DocumentForm(forms.Form):
    kind = forms.ChoiceField(choices=m.MobilityDocument.Kind.choices, label=_("Document"))
    file = upload_field(_("File"))


class TripForm(forms.Form):
    host = forms.ModelChoiceField(Institution.objects.filter(is_home=False), label=_("Inviting institution"))
    purpose = forms.CharField(label=_("Purpose"), max_length=300)
    start_date = forms.DateField(label=_("First day"), widget=DateInput)
    end_date = forms.DateField(label=_("Last day"), widget=DateInput)
    funding = forms.MultipleChoiceField(label=_("Funding"), choices=[("UNIVERSITY", _("University")), ("PROJECT", _("Research project")),
                                                                      ("HOST", _("Inviting party")), ("SPONSOR", _("Sponsor")), ("OWN", _("Own funds"))],
                                        widget=forms.CheckboxSelectMultiple)
    project_leader = forms.ModelChoiceField(queryset=None, label=_("Project leader"), required=False)  # type: ignore[arg-type]
    substitution_info = forms.CharField(label=_("Class substitution (head of department)"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    invitation = upload_field(_("Invitation letter"))

    def __init__(self, *a, institution=None, **kw):  # type: ignore[no-untyped-def]
        super().__init__(*a, **kw)
        from bilim.apps.mobility.selectors import project_leader_candidates

        # plausible staff only: active accounts of staff members of the applicant's institution (re-checked by trip_create)
        self.fields["project_leader"].queryset = project_leader_candidates(institution)


class IncomingForm(forms.Form):
    kind = forms.ChoiceField(choices=[("STUDENT", _("Student")), ("STAFF", _("Staff"))], label=_("Participant"))
    last_name = forms.CharField(label=_("Last name"), max_length=120)
    first_name = forms.CharField(label=_("First name"), max_length=120)
    email = forms.EmailField(label=_("E-mail"), required=False)
    citizenship = forms.CharField(label=_("Citizenship (ISO code)"), max_length=2, min_length=2)
    home = forms.ModelChoiceField(Institution.objects.filter(is_home=False), label=_("Home institution"))
    faculty = forms.ModelChoiceField(Unit.objects.filter(kind__in=["faculty", "institute", "college"]), label=_("Receiving faculty"))
    level = forms.ChoiceField(choices=m.Level.choices, label=_("Level"))
    start_date = forms.DateField(label=_("First day"), widget=DateInput)
    end_date = forms.DateField(label=_("Last day"), widget=DateInput)
    event = forms.ModelChoiceField(m.MobilityProgramme.objects.exclude(kind="EXCHANGE"), label=_("OshSU programme or event"), required=False)

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # only the faculties whose incoming participants this user may then manage (a choice outside them was
        # accepted and left the record unreachable to its own registrar)
        field = self.fields["faculty"]
        field.queryset = restrict_targets(user, "mobility.manage_incoming", field.queryset, model=m.IncomingMobility, through="faculty")  # type: ignore[attr-defined]


class CallForm(forms.ModelForm):
    class Meta:
        model = m.Call
        fields = ["title", "agreement", "host", "faculty", "programme", "level", "procedure", "conditions", "requirements", "criteria", "links",
                  "opens_on", "deadline", "selection_on", "mobility_start", "mobility_end", "selection_kind", "weights", "grant_based",
                  "la_required", "language_certificate_required", "quota"]
        widgets = {k: DateInput for k in ("opens_on", "deadline", "selection_on", "mobility_start", "mobility_end")}

    def clean_weights(self) -> dict[str, Any]:
        """Each criterion weight through the one parsing path (JSON admits NaN and Infinity; the ranking must not)."""
        weights = self.cleaned_data.get("weights") or {}
        if not isinstance(weights, dict):
            raise forms.ValidationError(_('Write the weights as {"CRITERION": number, …}.'), code="invalid")
        clean: dict[str, Any] = {}
        for k, v in weights.items():
            try:
                parse_decimal(v, CRITERION_WEIGHT)
                clean[str(k)] = v  # kept as typed (the ranking reads it as a Decimal)
            except NumberError as e:
                raise forms.ValidationError("%(k)s: %(error)s" % {"k": k, "error": e.message}, code=e.code) from None
        return clean


# --- office support ----------------------------------------------------------------------------------------------------


class TaskForm(forms.Form):
    unit = forms.ModelChoiceField(Unit.objects.filter(institution__is_home=True).order_by("code"), label=_("Assigned unit"))
    title = forms.CharField(label=_("Title"), max_length=300)
    description = forms.CharField(label=_("Description"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    due_on = forms.DateField(label=_("Due date"), widget=DateInput, required=False)
    assignee = forms.ModelChoiceField(queryset=None, label=_("Assignee (empty: the faculty's deputy dean for international relations)"), required=False)  # type: ignore[arg-type]

    def __init__(self, *a, **kw):  # type: ignore[no-untyped-def]
        super().__init__(*a, **kw)
        from django.contrib.auth import get_user_model

        self.fields["assignee"].queryset = get_user_model().objects.filter(is_active=True, roles__isnull=False).distinct().order_by("username")


class ConsultationForm(forms.Form):
    topic = forms.ChoiceField(choices=m.Consultation.Topic.choices, label=_("Topic"))
    question = forms.CharField(label=_("Question"), widget=forms.Textarea(attrs={"rows": 4}))


class CorrespondenceForm(forms.Form):
    partner = forms.ModelChoiceField(Institution.objects.filter(is_home=False).order_by("name_en"), label=_("Partner"))
    on = forms.DateField(label=_("Date"), widget=DateInput)
    direction = forms.ChoiceField(choices=m.Correspondence.Direction.choices, label=_("Direction"))
    subject = forms.CharField(label=_("Subject"), max_length=300)
    note = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    attachment = upload_field(_("Attachment"), required=False)


class ProgrammeForm(forms.Form):
    kind = forms.ChoiceField(choices=m.MobilityProgramme.Kind.choices, label=_("Kind"))
    title = forms.CharField(label=_("Title"), max_length=300)
    faculty = forms.ModelChoiceField(Unit.objects.filter(kind__in=["faculty", "institute", "college"], institution__is_home=True), label=_("Faculty"))
    partner = forms.ModelChoiceField(Institution.objects.filter(is_home=False).order_by("name_en"), label=_("Partner (empty: organised by OshSU)"), required=False)
    starts_on = forms.DateField(label=_("First day"), widget=DateInput, required=False)
    ends_on = forms.DateField(label=_("Last day"), widget=DateInput, required=False)
    description = forms.CharField(label=_("Description"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    disciplines = forms.CharField(label=_("Discipline list (one per line)"), widget=forms.Textarea(attrs={"rows": 4}), required=False)
    correspondence = forms.CharField(label=_("Correspondence table: host code | host course | ECTS | home course code"),
                                     widget=forms.Textarea(attrs={"rows": 5}), required=False)
