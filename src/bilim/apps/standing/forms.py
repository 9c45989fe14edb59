"""Forms of the standing pages: real fields (dates as date inputs, choices as selects, a document upload)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from bilim.apps.core.uploads import upload_field
from bilim.apps.core.widgets import DateInput
from bilim.apps.standing import models as m

DATE = DateInput()


def _date(label: Any, required: bool = True) -> forms.DateField:
    return forms.DateField(label=label, required=required, widget=DATE)


class LeaveForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of leave"), choices=m.Leave.Kind.choices)
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}))
    reason_arose_on = _date(_("The reason arose on"), required=False)
    starts_on = _date(_("From"))
    ends_on = _date(_("To"))
    country = forms.CharField(label=_("Country (two-letter code, study leave)"), max_length=2, required=False)
    under_agreement = forms.BooleanField(label=_("Under a bilateral or international agreement"), required=False)
    rectorate_decision_ref = forms.CharField(label=_("Rectorate's decision (exchange)"), max_length=100, required=False)
    document = upload_field(_("Supporting document"), required=False)


class AcademicLeaveForm(forms.Form):
    reason = forms.ChoiceField(label=_("Reason"), choices=m.AcademicLeave.Reason.choices)
    excused_reason = forms.ChoiceField(label=_("Excused reason"), choices=[("", "—"), *m.AcademicLeave.Excused.choices], required=False)
    statement = forms.CharField(label=_("Statement"), widget=forms.Textarea(attrs={"rows": 3}))
    starts_on = _date(_("From"))
    ends_on = _date(_("To"))
    semesters = forms.IntegerField(label=_("Semesters requested"), min_value=1, max_value=12, initial=1)
    unforeseen = forms.BooleanField(label=_("Unforeseen situation (outside the calendar window)"), required=False)
    sick_sheet_opened_on = _date(_("Sick-leave sheet opened on (health)"), required=False)
    hospital_admitted_on = _date(_("Admitted to hospital on (health)"), required=False)
    hospital_discharged_on = _date(_("Discharged on (health)"), required=False)
    service_starts_on = _date(_("Military service from"), required=False)
    service_ends_on = _date(_("Military service to"), required=False)
    document = upload_field(_("Supporting document"), required=False)


class ReturnForm(forms.Form):
    returned_on = _date(_("Back on"))
    military_id_shown = forms.BooleanField(label=_("Military ID shown (military service)"), required=False)


class DecisionForm(forms.Form):
    number = forms.CharField(label=_("Decision number"), max_length=40)
    date = _date(_("Decision date"))
    text = forms.CharField(label=_("Text of the decision"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    counts_toward_duration = forms.TypedChoiceField(
        label=_("Does the time count toward the study duration? (study leave)"), required=False,
        choices=[("", "—"), ("1", _("Yes")), ("0", _("No"))], coerce=lambda v: v == "1", empty_value=None)


class OrderForm(forms.Form):
    order_number = forms.CharField(label=_("Rector's order number"), max_length=40)
    order_date = _date(_("Order date"))


class EventForm(forms.Form):
    event_date = _date(_("Day of the activity"))
    event = forms.ChoiceField(label=_("Activity"), choices=[
        ("EXAM", _("Exam")), ("CLASS", _("Class")), ("QE", _("Qualifying exam")), ("PROPOSAL_DEFENCE", _("Thesis proposal")),
        ("THESIS_REVIEW", _("Thesis review")), ("PREDEFENCE", _("Pre-defence")), ("DEFENCE", _("Defence"))])


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class OwnRequestForm(forms.Form):
    requested_on = _date(_("The student's written request is dated"))
    note = forms.CharField(label=_("Note"), required=False)


class ComplaintForm(forms.Form):
    work = forms.CharField(label=_("Thesis or work concerned"), max_length=300)
    complaint = forms.CharField(label=_("What is suspected"), widget=forms.Textarea(attrs={"rows": 4}))
    document = upload_field(_("Evidence"), required=False)


class CheckForm(forms.Form):
    label = forms.CharField(label=_("Semester"), max_length=40)
    as_of = _date(_("Checked as of"))
