"""Forms of the thesis pages: real fields (dates, selects, numbers through NumberField); the services judge."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from bilim.apps.core.numbers import SCORE_KTMU, NumberField
from bilim.apps.core.widgets import DateInput
from bilim.apps.curriculum.models import Term
from bilim.apps.governance.models import Body, Decision
from bilim.apps.people.models import Staff, Student
from bilim.apps.thesis import models as m

DATE = DateInput()


class DecisionChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Decision) -> str:
        return f"№{obj.number} {obj.date:%Y-%m-%d} — {obj.body}: {obj.title}"


def decision_field(student: Student, kinds: list[str], label: Any = _("Adopted decision"), body: Body | None = None) -> DecisionChoice:
    qs = Decision.objects.filter(status=Decision.Status.ADOPTED, body__institution_id=student.institution_id, body__kind__in=kinds)
    if body is not None:
        qs = qs.filter(body=body)
    return DecisionChoice(queryset=qs.select_related("body").order_by("-date", "-pk"), label=label)


def staff_qs(student: Student) -> Any:
    return Staff.objects.filter(institution_id=student.institution_id).select_related("person").order_by("person__last_name")


class StaffChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Staff) -> str:
        return f"{obj.person} — {obj.get_degree_display() or '—'}, {obj.get_title_display() or '—'}"


class StaffMulti(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Staff) -> str:
        return f"{obj.person} — {obj.get_degree_display() or '—'}, {obj.get_title_display() or '—'}"


class StudentForm(forms.Form):
    """Base: forms that know the student (for their selects)."""

    def __init__(self, *args: Any, student: Student, **kwargs: Any) -> None:
        self.student = student
        super().__init__(*args, **kwargs)
        self.setup()

    def setup(self) -> None:
        pass


class DecisionForm(StudentForm):
    kinds: list[str] = []

    def setup(self) -> None:
        self.fields["decision"] = decision_field(self.student, self.kinds)


class BoardDecisionForm(DecisionForm):
    kinds = [Body.Kind.INSTITUTE_BOARD]


class FosDecisionForm(DecisionForm):
    kinds = [Body.Kind.FOS_COUNCIL]


class MgmtDecisionForm(DecisionForm):
    kinds = [Body.Kind.INST_MGMT]


class EmptyForm(StudentForm):
    pass


# --- languages ----------------------------------------------------------------------------------


class EvidenceForm(StudentForm):
    kind = forms.ChoiceField(label=_("What was handed in"), choices=[("certificate", _("Certificate with a score")), ("document", _("Document on the Senate's list"))])
    issuer = forms.ChoiceField(label=_("Issued by"), required=False, choices=[("", "—")] + [c for c in m.LanguageRequirement.Issuer.choices if c[0] != "KTMU"])
    score = NumberField(SCORE_KTMU, label=_("Score"), required=False)
    osym_equivalent_score = NumberField(SCORE_KTMU, label=_("ÖSYM-equivalent score (Senate's table)"), required=False)
    document_kind = forms.CharField(label=_("Document"), required=False, max_length=100)
    on_senate_list = forms.BooleanField(label=_("The document is on the Senate's list"), required=False)


class ExamDueForm(StudentForm):
    announced_on = forms.DateField(label=_("Admission announcement published on"), widget=DATE)
    exam_date = forms.DateField(label=_("Exemption exam date (from the announcement)"), widget=DATE)


class ExamResultForm(StudentForm):
    score = NumberField(SCORE_KTMU, label=_("Exam score (0–100)"))


class LanguageCoursesForm(StudentForm):
    spp_required = forms.BooleanField(label=_("I am to attend the scientific preparation programme"), required=False)
    courses = forms.CharField(label=_("Courses (one a line: code, language, SPP or PG)"), widget=forms.Textarea(attrs={"rows": 3}))

    def clean_courses(self) -> list[dict[str, str]]:
        rows = []
        for line in self.cleaned_data["courses"].splitlines():
            parts = [p.strip() for p in line.split(",")]
            if not any(parts):
                continue
            if len(parts) != 3 or parts[2].upper() not in ("SPP", "PG") or not parts[0] or not parts[1]:
                raise forms.ValidationError(_("Write each course as: code, language, SPP or PG."))
            rows.append({"course_code": parts[0].upper(), "language": parts[1].lower(), "source": parts[2].upper()})
        if not rows:
            raise forms.ValidationError(_("List at least one course."))
        return rows


# --- SPP ---------------------------------------------------------------------------------------


class SppProposeForm(StudentForm):
    prior_degree_field = forms.CharField(label=_("Field of the previous degree"), max_length=200)
    prior_degree_from_ktmu = forms.BooleanField(label=_("Previous degree from KTMU"), required=False)
    semesters = forms.TypedChoiceField(label=_("Semesters"), coerce=int, choices=[(1, "1"), (2, "2"), (3, "3")])
    courses = forms.CharField(label=_("Courses (one a line: code, title, semester, BACHELOR or MA)"), widget=forms.Textarea(attrs={"rows": 4}))
    total_ects = NumberField(SCORE_KTMU, label=_("Total ECTS"))

    def setup(self) -> None:
        self.fields["proposal"] = decision_field(self.student, [Body.Kind.FOS_COUNCIL], _("FoS council proposal"))

    def clean_courses(self) -> list[dict[str, Any]]:
        rows = []
        for line in self.cleaned_data["courses"].splitlines():
            parts = [p.strip() for p in line.split(",")]
            if not any(parts):
                continue
            if len(parts) != 4:
                raise forms.ValidationError(_("Write each course as: code, title, semester, BACHELOR or MA."))
            rows.append({"code": parts[0], "title": parts[1], "semester": parts[2], "source_level": parts[3].upper()})
        return rows


class SppSemesterForm(StudentForm):
    semester = forms.TypedChoiceField(label=_("Semester of the programme"), coerce=int, choices=[(1, "1"), (2, "2")])
    courses = forms.CharField(label=_("Courses of your programme (one a line: code, and 'seminar' for a seminar)"), required=False,
                              widget=forms.Textarea(attrs={"rows": 3}))

    def clean_courses(self) -> list[dict[str, Any]]:
        rows = []
        for line in self.cleaned_data["courses"].splitlines():
            parts = [p.strip() for p in line.split(",")]
            if parts and parts[0]:
                rows.append({"code": parts[0].upper(), "seminar": len(parts) > 1 and parts[1].lower() == "seminar"})
        return rows


# --- supervision ---------------------------------------------------------------------------------


class ApplicationForm(StudentForm):
    kind = forms.ChoiceField(label=_("Kind"), choices=m.SupervisorApplication.Kind.choices)
    applicant = forms.ChoiceField(label=_("Applicant"), choices=m.SupervisorApplication.Applicant.choices)
    external_name = forms.CharField(label=_("External person's name"), required=False, max_length=200)
    external_institution = forms.CharField(label=_("External person's institution"), required=False, max_length=300)
    external_country = forms.CharField(label=_("Country (ISO code)"), required=False, max_length=2)
    external_has_degree_and_title = forms.BooleanField(label=_("Holds an academic degree and title"), required=False)
    foreign_hei_experience = forms.BooleanField(label=_("Has worked at a foreign HEI (stand-in, KTMU-21(8))"), required=False)
    online = forms.BooleanField(label=_("Supervises online"), required=False)
    justification = forms.CharField(label=_("Justification"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    student_preference = forms.CharField(label=_("Student's stated preference"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def setup(self) -> None:
        self.fields["staff"] = StaffChoice(queryset=staff_qs(self.student), required=False, label=_("KTMU instructor"))
        self.order_fields(["kind", "applicant", "staff"])


class ChangeRequestForm(StudentForm):
    """The student's own justified application for a change of supervisor (KTMU-23(1)-1)."""

    justification = forms.CharField(label=_("Why the supervisor should be changed"), widget=forms.Textarea(attrs={"rows": 4}))
    student_preference = forms.CharField(label=_("Whom you would prefer (optional)"), required=False, max_length=500)


class ApplicationDecisionForm(StudentForm):
    kinds: list[str] = [Body.Kind.INSTITUTE_BOARD]
    app_kinds: list[str] = []

    def setup(self) -> None:
        qs = m.SupervisorApplication.objects.filter(file__student=self.student, transition__isnull=True)
        if self.app_kinds:
            qs = qs.filter(kind__in=self.app_kinds)
        self.fields["app"] = forms.ModelChoiceField(queryset=qs, label=_("Application"))
        self.fields["decision"] = decision_field(self.student, self.kinds)


class ProposeForm(ApplicationDecisionForm):
    kinds = [Body.Kind.FOS_COUNCIL]
    app_kinds = [m.SupervisorApplication.Kind.APPOINT]


class CandidateForm(StudentForm):
    def setup(self) -> None:
        self.fields["app"] = forms.ModelChoiceField(queryset=m.SupervisorApplication.objects.filter(
            file__student=self.student, transition__isnull=True, kind__in=["CHANGE", "MANDATORY"]), label=_("Application"))
        self.fields["staff"] = StaffChoice(queryset=staff_qs(self.student), label=_("New supervisor"))


class ChangeProposalForm(ApplicationDecisionForm):
    kinds = [Body.Kind.FOS_COUNCIL]
    app_kinds = ["CHANGE"]


class NoteForm(StudentForm):
    note = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 2}))


# --- thesis ----------------------------------------------------------------------------------------


class DateForm(StudentForm):
    on = forms.DateField(label=_("Date"), widget=DATE)


class QualifyingExamForm(StudentForm):
    held_on = forms.DateField(label=_("Held on"), widget=DATE)
    passed = forms.TypedChoiceField(label=_("Result"), coerce=lambda v: v == "1", choices=[("1", _("Passed")), ("0", _("Not passed"))])


class ProposalForm(StudentForm):
    title = forms.CharField(label=_("Thesis title"), max_length=500)
    summary = forms.CharField(label=_("Summary of the proposal"), widget=forms.Textarea(attrs={"rows": 5}))


class ProposalDecideForm(StudentForm):
    result = forms.ChoiceField(label=_("Result"), choices=[("APPROVED", _("Approved")), ("REVISE", _("To be revised"))])

    def setup(self) -> None:
        self.fields["proposal"] = forms.ModelChoiceField(queryset=m.ThesisProposal.objects.filter(file__student=self.student, result="PENDING"),
                                                         label=_("Proposal"))
        self.fields["commission"] = StaffMulti(queryset=staff_qs(self.student), required=False, label=_("Thesis review commission"))
        self.fields["decision"] = decision_field(self.student, [Body.Kind.INSTITUTE_BOARD, Body.Kind.FOS_COUNCIL, Body.Kind.COMMISSION])
        self.order_fields(["proposal", "result", "commission", "decision"])


class ProgressReportForm(StudentForm):
    result = forms.ChoiceField(label=_("Result"), choices=m.ProgressReport.Result.choices)
    justified = forms.BooleanField(label=_("Justified reason accepted"), required=False)
    note = forms.CharField(label=_("Note"), required=False)

    def setup(self) -> None:
        self.fields["term"] = forms.ModelChoiceField(queryset=Term.objects.filter(year__institution_id=self.student.institution_id,
                                                                                 kind__in=["fall", "spring"]).select_related("year").order_by("-starts_on"),
                                                     label=_("Term"))
        self.order_fields(["term", "result", "justified", "note"])


class DeadlineForm(StudentForm):
    submission_deadline = forms.DateField(label=_("Submission deadline (set period)"), widget=DATE)


class JuryForm(StudentForm):
    def setup(self) -> None:
        self.fields["members"] = StaffMulti(queryset=staff_qs(self.student), label=_("Jury members"))
        self.fields["decision"] = decision_field(self.student, [Body.Kind.INSTITUTE_BOARD, Body.Kind.INST_MGMT])


class DefenceForm(StudentForm):
    held_on = forms.DateField(label=_("Held on"), widget=DATE)
    result = forms.ChoiceField(label=_("Result"), choices=m.Defence.Result.choices)
    video_url = forms.URLField(label=_("Video recording (link)"), required=False, assume_scheme="https")

    def setup(self) -> None:
        jury = m.Jury.objects.filter(file__student=self.student).first()
        self.fields["decision"] = decision_field(self.student, [Body.Kind.JURY], _("Jury decision"), body=jury.body if jury else None)


class DegreeForm(StudentForm):
    diploma_number = forms.CharField(label=_("Diploma number"), max_length=40)

    def setup(self) -> None:
        self.fields["decision"] = decision_field(self.student, [Body.Kind.INSTITUTE_BOARD, Body.Kind.RECTOR_OFFICE, Body.Kind.SENATE])


# --- defence appeal ----------------------------------------------------------------------------------


class AppealForm(StudentForm):
    grounds = forms.CharField(label=_("Why you appeal"), widget=forms.Textarea(attrs={"rows": 4}))


class CommissionProposeForm(StudentForm):
    def setup(self) -> None:
        self.fields["members"] = StaffMulti(queryset=staff_qs(self.student), label=_("Members with a vote (3)"))
        self.fields["secretary"] = StaffChoice(queryset=staff_qs(self.student), label=_("Secretary (no vote)"))


class ReportDraftForm(StudentForm):
    findings = forms.CharField(label=_("Findings"), widget=forms.Textarea(attrs={"rows": 3}))
    evaluations = forms.CharField(label=_("Evaluations"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: Any, appeal: m.DefenceAppeal | None = None, **kwargs: Any) -> None:
        self.appeal = appeal
        super().__init__(*args, **kwargs)

    def setup(self) -> None:
        from bilim.apps.governance.models import Membership

        voters = Membership.objects.filter(body=self.appeal.commission, voting=True).select_related("person") if self.appeal and self.appeal.commission_id else []
        self.voters = list(voters)
        for mship in self.voters:
            self.fields[f"vote_{mship.person_id}"] = forms.ChoiceField(
                label=_("Vote of %(name)s") % {"name": mship.person}, choices=[("UPHOLD", _("The jury's decision is correct")), ("REEVALUATE", _("The jury must re-evaluate"))])

    def votes(self) -> list[dict[str, str]]:
        return [{"member_id": str(v.person_id), "choice": self.cleaned_data[f"vote_{v.person_id}"]} for v in self.voters]


class CommissionDecisionForm(StudentForm):
    def __init__(self, *args: Any, appeal: m.DefenceAppeal | None = None, **kwargs: Any) -> None:
        self.appeal = appeal
        super().__init__(*args, **kwargs)

    def setup(self) -> None:
        self.fields["decision"] = decision_field(self.student, [Body.Kind.APPEAL_COMMISSION], body=self.appeal.commission if self.appeal else None)


class ReevaluationForm(StudentForm):
    passed = forms.TypedChoiceField(label=_("The jury's re-evaluation"), coerce=lambda v: v == "1", choices=[("1", _("Passed")), ("0", _("Not passed"))])

    def setup(self) -> None:
        jury = m.Jury.objects.filter(file__student=self.student).first()
        self.fields["decision"] = decision_field(self.student, [Body.Kind.JURY, Body.Kind.INSTITUTE_BOARD], body=None)
        if jury is not None:
            self.fields["decision"].queryset = self.fields["decision"].queryset.filter(body__in=[jury.body_id, *Body.objects.filter(  # type: ignore[attr-defined]
                kind=Body.Kind.INSTITUTE_BOARD, institution_id=self.student.institution_id).values_list("pk", flat=True)])
