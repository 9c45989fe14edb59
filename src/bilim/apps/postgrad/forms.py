"""Forms of the KTMU postgraduate pages (input shape only; the services validate the rules)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from bilim.apps.core.numbers import KTMU_CREDITS, WEIGHT, NumberField
from bilim.apps.core.tables import RowForm, row_formset
from bilim.apps.core.uploads import upload_field
from bilim.apps.core.widgets import DateInput, TimeInput
from bilim.apps.curriculum.models import Term
from bilim.apps.governance.models import Body, Decision
from bilim.apps.mobility.models import Agreement
from bilim.apps.org.models import Institution, RegulationSet, Unit
from bilim.apps.people.models import Level, Staff
from bilim.apps.postgrad import models as m
from bilim.apps.postgrad.selectors import pg_offerings, pg_students

DATE = DateInput()  # the ISO value a date input accepts


class PlanForm(forms.Form):
    """The weight plan's date; its components are the rows of :data:`PlanFormSet`."""

    final_exam_date = forms.DateField(label=_("Final exam date"), widget=DATE)


COMPONENT_KINDS = [("MIDTERM", _("Midterm exam")), ("FINAL", _("Final exam")), ("OTHER", _("Other assessment"))]


class PlanRowForm(RowForm):
    """One assessment component: a short code (the grade sheet's column), its kind and its weight in the course grade."""

    code = forms.CharField(label=_("Column code"), max_length=12, widget=forms.TextInput(attrs={"size": 6}))
    kind = forms.ChoiceField(label=_("Kind"), choices=COMPONENT_KINDS, initial="MIDTERM")
    weight = NumberField(WEIGHT, label=_("Weight (share of the grade, e.g. 0,40)"))


PlanFormSet = row_formset(PlanRowForm)


class SessionForm(forms.Form):
    held_on = forms.DateField(label=_("Held on"), widget=DATE)
    kind = forms.ChoiceField(label=_("Kind"), choices=m.AttendanceSession.Kind.choices)
    topic = forms.CharField(label=_("Topic"), max_length=200, required=False)
    present = forms.MultipleChoiceField(label=_("Present"), required=False, widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args: Any, enrolments: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["present"].choices = [(str(e.pk), str(e.student.person)) for e in enrolments]  # type: ignore[attr-defined]


class SupervisionForm(forms.Form):
    student = forms.ModelChoiceField(label=_("Student"), queryset=pg_students())
    role = forms.ChoiceField(label=_("Role"), choices=m.Supervision.Role.choices)
    staff = forms.ModelChoiceField(label=_("KTMU staff member"), queryset=Staff.objects.filter(institution__regulation_set=RegulationSet.KTMU_POSTGRAD).select_related("person"), required=False)
    external_name = forms.CharField(label=_("or an external person: name"), max_length=200, required=False)
    external_institution = forms.CharField(label=_("External person's institution"), max_length=300, required=False)
    external_country = forms.CharField(label=_("Country (ISO code)"), max_length=2, required=False)
    mode = forms.ChoiceField(label=_("Supervision mode"), choices=m.Supervision.Mode.choices)
    student_preference = forms.CharField(label=_("Student's stated preference"), widget=forms.Textarea(attrs={"rows": 2}), required=False)

    def __init__(self, *args: Any, students: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if students is not None:
            self.fields["student"].queryset = students  # type: ignore[attr-defined]


class AppointForm(forms.Form):
    decision = forms.ModelChoiceField(label=_("Decision"), queryset=Decision.objects.none())

    def __init__(self, *args: Any, institution_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["decision"].queryset = Decision.objects.filter(  # type: ignore[attr-defined]
            status=Decision.Status.ADOPTED, body__institution_id=institution_id,
            body__kind__in=[Body.Kind.INSTITUTE_BOARD, Body.Kind.FOS_COUNCIL]).select_related("body")


class TaskResolveForm(forms.Form):
    resolution = forms.ChoiceField(label=_("Resolution"), choices=[c for c in m.SupervisionTask.Status.choices if c[0] != "OPEN"])
    note = forms.CharField(label=_("Note (the instructor's consent, or the change application)"), widget=forms.Textarea(attrs={"rows": 2}), required=False)


class ExamForm(forms.Form):
    institute = forms.ModelChoiceField(label=_("Institute"), queryset=Unit.objects.filter(kind=Unit.Kind.INSTITUTE, institution__regulation_set=RegulationSet.KTMU_POSTGRAD))
    kind = forms.ChoiceField(label=_("Kind"), choices=m.ExamScheduleEntry.Kind.choices)
    offering = forms.ModelChoiceField(label=_("Course"), queryset=pg_offerings())
    exam_date = forms.DateField(label=_("Exam date"), widget=DATE)
    starts_at = forms.TimeField(label=_("Time"), widget=TimeInput())
    room = forms.CharField(label=_("Room"), max_length=60)
    decision = forms.ModelChoiceField(label=_("Institute Board decision (excuse exams)"), required=False,
                                      queryset=Decision.objects.filter(status=Decision.Status.ADOPTED, body__kind=Body.Kind.INSTITUTE_BOARD))


class ScopeForm(forms.Form):
    term = forms.ModelChoiceField(label=_("Term"), queryset=Term.objects.filter(year__institution__regulation_set=RegulationSet.KTMU_POSTGRAD).select_related("year"))
    kind = forms.ChoiceField(label=_("Kind"), choices=m.SemesterScope.Kind.choices)
    home_institution = forms.CharField(label=_("Home institution (exchange)"), max_length=300, required=False)


class HostGradeForm(forms.Form):
    host = forms.ModelChoiceField(label=_("Host institution"), queryset=Institution.objects.filter(is_home=False))
    agreement = forms.ModelChoiceField(label=_("Agreement (its conversion table is used)"), queryset=Agreement.objects.select_related("partner"), required=False)
    course_title = forms.CharField(label=_("Host course"), max_length=300)
    host_grade = forms.CharField(label=_("Grade as received"), max_length=20)
    host_scale = forms.CharField(label=_("Host grading scale"), max_length=60)
    ects = NumberField(KTMU_CREDITS, label=_("ECTS credits"))
    semester = forms.CharField(label=_("Semester"), max_length=20)
    received_on = forms.DateField(label=_("Received on"), widget=DATE)


class RemedyForm(forms.Form):
    filed_on = forms.DateField(label=_("Filed on"), widget=DATE)
    note = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 2}))


class CaseForm(forms.Form):
    opened_on = forms.DateField(label=_("Opened on"), widget=DATE)
    summary = forms.CharField(label=_("Summary"), widget=forms.Textarea(attrs={"rows": 2}))


class CaseDecideForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=[c for c in m.DisciplinaryCase.Outcome.choices if c[0] != "PENDING"])
    decided_on = forms.DateField(label=_("Decided on"), widget=DATE)


class NotCoveredForm(forms.Form):
    body = forms.ModelChoiceField(label=_("Deciding body"), queryset=Body.objects.filter(institution__regulation_set=RegulationSet.KTMU_POSTGRAD))
    number = forms.CharField(label=_("Number"), max_length=40)
    date = forms.DateField(label=_("Date"), widget=DATE)
    title = forms.CharField(label=_("Title"), max_length=300)
    text = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 3}))
    jurisdiction = forms.ChoiceField(label=_("Law of"), choices=m.NotCoveredMatter.Jurisdiction.choices)
    legal_reference = forms.CharField(label=_("Legal reference"), max_length=300)
    student = forms.ModelChoiceField(label=_("Student (if any)"), queryset=pg_students(), required=False)


class RuleSetForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=300)
    scope = forms.ChoiceField(label=_("Applies to"), choices=m.ExternalRuleSet.Scope.choices)
    level = forms.ChoiceField(label=_("Level"), choices=[("", _("Every level")), *[(c, lbl) for c, lbl in Level.choices if c in ("master", "doctorate", "arts")]], required=False)
    adopted_by = forms.ModelChoiceField(label=_("Adopting decision"), queryset=Decision.objects.filter(status=Decision.Status.ADOPTED, body__institution__regulation_set=RegulationSet.KTMU_POSTGRAD), required=False)
    adopted_on = forms.DateField(label=_("Adopted on"), widget=DATE)
    rule_ids = forms.CharField(label=_("Instruction articles"), max_length=200, required=False)
    url = forms.URLField(label=_("Link to the text"), required=False, assume_scheme="https")


# --- grades: excuse exams, appeals (art. 34), corrections (art. 35), board decisions ------------------------------


class ExcuseApplyForm(forms.Form):
    evidence = forms.ChoiceField(label=_("Evidence"), choices=m.ScoreSheet.Evidence.choices)
    note = forms.CharField(label=_("Reason for the absence"), widget=forms.Textarea(attrs={"rows": 3}))


class AppealForm(forms.Form):
    statement = forms.CharField(label=_("Grounds of the appeal"), widget=forms.Textarea(attrs={"rows": 4}))


class ReviewForm(forms.Form):
    findings = forms.CharField(label=_("Your written findings"), widget=forms.Textarea(attrs={"rows": 4}))
    technical_error = forms.BooleanField(label=_("A technical error was found"), required=False)
    papers_attached = forms.BooleanField(label=_("The exam papers are handed to the institute with the findings"), required=False, initial=True)

    def __init__(self, *args: Any, components: list[dict[str, Any]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for c in components:
            self.fields[f"score_{c['code']}"] = forms.CharField(label=_("Corrected score: %(code)s") % {"code": c["code"]}, required=False,
                                                                 widget=forms.TextInput(attrs={"inputmode": "decimal", "size": 6}))


class CorrectionForm(forms.Form):
    reason = forms.ChoiceField(label=_("Reason"), choices=m.GradeCorrection.Reason.choices)
    statement = forms.CharField(label=_("Explanation"), widget=forms.Textarea(attrs={"rows": 3}))
    attachment = upload_field(_("Supporting document"), required=False)

    def __init__(self, *args: Any, components: list[dict[str, Any]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for c in components:
            self.fields[f"score_{c['code']}"] = forms.CharField(label=_("Corrected score: %(code)s") % {"code": c["code"]}, required=False,
                                                                 widget=forms.TextInput(attrs={"inputmode": "decimal", "size": 6}))


class BoardDecisionForm(forms.Form):
    """The decision of the body, recorded and adopted in one step by its secretary or the institute."""

    number = forms.CharField(label=_("Decision number"), max_length=40)
    date = forms.DateField(label=_("Decision date"), widget=DATE)
    text = forms.CharField(label=_("Text of the decision"), widget=forms.Textarea(attrs={"rows": 2}), required=False)

    def __init__(self, *args: Any, outcomes: list[tuple[str, Any]] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if outcomes:
            self.fields["outcome"] = forms.ChoiceField(label=_("Decision"), choices=outcomes)
