from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from bilim.apps.accounts.models import User
from bilim.apps.accounts.permissions import restrict_targets
from bilim.apps.core.numbers import CRITERION_WEIGHT, ISP_CREDITS, NumberError, NumberField, parse_decimal
from bilim.apps.core.tables import RowForm, row_formset
from bilim.apps.core.uploads import upload_field
from bilim.apps.core.widgets import DateInput
from bilim.apps.mobility import models as m
from bilim.apps.org.models import Institution, Unit


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

    def clean(self):
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
    project_leader = forms.ModelChoiceField(queryset=User.objects.none(), label=_("Project leader"), required=False)
    substitution_info = forms.CharField(label=_("Class substitution (head of department)"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    # optional here: the copy of the invitation is demanded by OSU-4.8-STAFF-2 at submission, which refuses with its ID
    invitation = upload_field(_("Invitation letter"), required=False)

    def __init__(self, *a, institution=None, **kw):
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
                raise forms.ValidationError(f"{k}: {e.message}", code=e.code) from None
        return clean


# --- office support ----------------------------------------------------------------------------------------------------


class TaskForm(forms.Form):
    unit = forms.ModelChoiceField(Unit.objects.filter(institution__is_home=True).order_by("code"), label=_("Assigned unit"))
    title = forms.CharField(label=_("Title"), max_length=300)
    description = forms.CharField(label=_("Description"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    due_on = forms.DateField(label=_("Due date"), widget=DateInput, required=False)
    assignee = forms.ModelChoiceField(queryset=User.objects.none(), label=_("Assignee (empty: the faculty's deputy dean for international relations)"), required=False)

    def __init__(self, *a, **kw):
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


# --- table editors (issue 11): the study plan, learning-agreement changes, host results --------------------------------

# The grade scales a host document may use; the conversion rule (OSU-4.8-FD-11) reads POINTS_100 as home points and
# converts the others by the partner table or the grade distribution.
GRADE_SCALES = [("ECTS", _("ECTS scale (A–F)")), ("TR_4", _("Turkish 4-point scale (AA–FF)")), ("POINTS_100", _("100-point scale (points)"))]


class HomeCourseField(forms.ModelChoiceField):
    """A home course named by its code and its title in the reader's language."""

    def label_from_instance(self, obj: Any) -> str:
        from django.utils.translation import get_language

        lang = (get_language() or "ky")[:2]
        title = getattr(obj, f"title_{lang}", "") or obj.title_ky or obj.title_en
        return f"{obj.code} {title}"


class IspRowForm(RowForm):
    """One discipline of the study plan: where it is taught, the host course, its credits, the home course it counts for."""

    kind = forms.ChoiceField(label=_("Where taught"), choices=m.IspItem.Kind.choices, initial=m.IspItem.Kind.HOST)
    host_code = forms.CharField(label=_("Host code"), max_length=40, required=False)
    title = forms.CharField(label=_("Course title"), max_length=300)
    credits = NumberField(ISP_CREDITS, label=_("ECTS credits"))
    home_course = HomeCourseField(label=_("Home course"), queryset=None, required=False, empty_label="—")
    component = forms.ChoiceField(label=_("Recognised as"), choices=m.IspItem.Component.choices, initial=m.IspItem.Component.EQUIVALENT_DISCIPLINE)

    def __init__(self, *args: Any, courses: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from bilim.apps.curriculum.models import Course

        self.fields["home_course"].queryset = courses if courses is not None else Course.objects.none()  # type: ignore[attr-defined]


class IspHeadForm(forms.Form):
    change_reason = forms.CharField(label=_("Reason for the change (application to the dean)"), max_length=2000, required=False,
                                    widget=forms.Textarea(attrs={"rows": 2}))
    provisional = forms.BooleanField(label=_("Provisional (the host's course list is not final yet)"), required=False)


class LaChangeRowForm(RowForm):
    """One change of the signed learning agreement (a course added or removed during the stay)."""

    change = forms.ChoiceField(label=_("Change"), choices=m.LaChange.Change.choices)
    host_code = forms.CharField(label=_("Host code"), max_length=40, required=False)
    title = forms.CharField(label=_("Host course"), max_length=300)
    credits = NumberField(ISP_CREDITS, label=_("ECTS credits"))
    reason = forms.CharField(label=_("Reason"), max_length=500)
    changed_on = forms.DateField(label=_("Date"), widget=DateInput)


class HostResultRowForm(RowForm):
    """One result the host reports: the course, its credits, the grade as on the host's document and its scale."""

    isp_item = forms.ModelChoiceField(label=_("Study-plan discipline"), queryset=m.IspItem.objects.none(), required=False, empty_label="—")
    host_code = forms.CharField(label=_("Host code"), max_length=40, required=False)
    title = forms.CharField(label=_("Course title"), max_length=300)
    credits = NumberField(ISP_CREDITS, label=_("ECTS credits"))
    grade = forms.CharField(label=_("Host grade"), max_length=20)
    grade_scale = forms.ChoiceField(label=_("Grade scale"), choices=GRADE_SCALES)
    outcome = forms.ChoiceField(label=_("Host outcome"), choices=[c for c in m.HostResult.Outcome.choices if c[0] != "NOT_GRADED"],
                                initial=m.HostResult.Outcome.PASSED)

    def __init__(self, *args: Any, items: Any = None, scale: str = "ECTS", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["isp_item"].queryset = items if items is not None else m.IspItem.objects.none()  # type: ignore[attr-defined]
        self.fields["grade_scale"].initial = scale


IspFormSet = row_formset(IspRowForm)
LaChangeFormSet = row_formset(LaChangeRowForm)
HostResultFormSet = row_formset(HostResultRowForm)
