"""Pages of the thesis app: the student's thesis page, the institute's queues, one page per record (with its
history, explanations and the forms of the steps the reader may take now). Views are thin: a form
cleans the input, a service decides; a refusal is shown with its explanation, nothing written."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _g
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from bilim.apps.accounts.permissions import signed_in
from bilim.apps.core.listing import Column, ListSpec, history_rows, make_export_view, make_list_view
from bilim.apps.people.models import Student
from bilim.apps.postgrad.selectors import pg_students
from bilim.apps.thesis import forms as f
from bilim.apps.thesis import models as m
from bilim.apps.thesis import selectors as sel
from bilim.apps.thesis import services as s
from bilim.apps.workflow.services import TransitionRefused, history
from bilim.regulations.workflows.core import get_workflow


def apply_errors(form: Any, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errs in exc.error_dict.items():
            for e in errs:
                form.add_error(field if field in form.fields else None, e.message % e.params if e.params else e.message)
    else:
        for msg in exc.messages:
            form.add_error(None, msg)


@dataclass
class Act:
    """One step a page offers: its form, who may take it, the service call, and when it is offered."""

    label: Any
    form: type[f.StudentForm]
    who: str  # "manage" (institute staff of the student) or "own" (the student)
    call: Callable[[Any, Any, dict[str, Any]], Any]
    when: Callable[[Any], bool] = lambda obj: True
    form_kwargs: Callable[[Any], dict[str, Any]] = lambda obj: {}


def _apps(obj: m.SupervisionFile, kinds: list[str]) -> bool:
    return obj.applications.filter(transition__isnull=True, kind__in=kinds).exists()


# --- the acts per record kind (keys are table actions where the step is one) ---------------------------------

LANGUAGE_ACTS: dict[str, Act] = {
    "evidence": Act(_("Record a certificate or document"), f.EvidenceForm, "manage",
                    lambda u, o, d: s.language_evidence_add(actor=u, req=o, **d), lambda o: o.state in ("LANG_CHECK", "LEX_EXAM_DUE", "NOT_EXEMPT", "IN_LP")),
    "exempt_by_document": Act(_("Exempt by document"), f.EmptyForm, "manage", lambda u, o, d: s.language_exempt_by_document(actor=u, req=o)),
    "no_exemption_document": Act(_("No exemption document: schedule the exam"), f.ExamDueForm, "manage", lambda u, o, d: s.language_exam_due(actor=u, req=o, **d)),
    "exam_result": Act(_("Enter the exemption exam score"), f.ExamResultForm, "manage", lambda u, o, d: s.language_exam_result(actor=u, req=o, **d),
                       lambda o: o.state in ("LEX_EXAM_DUE", "NOT_EXEMPT", "IN_LP")),
    "enrol_language_programme": Act(_("Join the language programme"), f.EmptyForm, "own", lambda u, o, d: s.language_programme_enrol(actor=u, req=o)),
    "take_courses": Act(_("Check my courses"), f.LanguageCoursesForm, "own",
                        lambda u, o, d: s.language_courses_check(actor=u, req=o, sections=d["courses"], spp_required=d["spp_required"])),
    "limit_reached": Act(_("Language period used up (Institute Board decision)"), f.BoardDecisionForm, "manage",
                         lambda u, o, d: s.language_limit_reached(actor=u, req=o, decision=d["decision"])),
}
SPP_ACTS: dict[str, Act] = {
    "decide": Act(_("Courses decided (Institute Board decision)"), f.BoardDecisionForm, "manage", lambda u, o, d: s.spp_decide(actor=u, plan=o, decision=d["decision"])),
    "register_semester": Act(_("Check my semester's courses"), f.SppSemesterForm, "own",
                             lambda u, o, d: s.spp_register_semester(actor=u, plan=o, semester=d["semester"], pg_courses=d["courses"])),
    "all_courses_passed": Act(_("All courses passed: complete"), f.EmptyForm, "manage", lambda u, o, d: s.spp_complete(actor=u, plan=o)),
    "limit_reached": Act(_("Two semesters used up (Institute Board decision)"), f.BoardDecisionForm, "manage",
                         lambda u, o, d: s.spp_limit_reached(actor=u, plan=o, decision=d["decision"])),
}
SUPERVISION_ACTS: dict[str, Act] = {
    "application": Act(_("Record a proposal or application"), f.ApplicationForm, "manage",
                       lambda u, o, d: s.supervisor_application_submit(actor=u, file=o, **d)),
    "propose_supervisor": Act(_("Proposal by the FoS council"), f.ProposeForm, "manage",
                              lambda u, o, d: s.supervisor_propose(actor=u, app=d["app"], proposal=d["decision"]), lambda o: _apps(o, ["APPOINT"])),
    "appoint": Act(_("Appoint (Institute Board decision)"), f.BoardDecisionForm, "manage", lambda u, o, d: s.supervisor_appoint(actor=u, file=o, decision=d["decision"])),
    "add_second_supervisor": Act(_("Appoint the second supervisor"), type("F", (f.ApplicationDecisionForm,), {"app_kinds": ["SECOND"]}), "manage",
                                 lambda u, o, d: s.second_supervisor_add(actor=u, app=d["app"], decision=d["decision"]), lambda o: _apps(o, ["SECOND"])),
    "add_foreign_supervisor": Act(_("Appoint the foreign supervisor"), type("F", (f.ApplicationDecisionForm,), {"app_kinds": ["FOREIGN"]}), "manage",
                                  lambda u, o, d: s.foreign_supervisor_add(actor=u, app=d["app"], decision=d["decision"]), lambda o: _apps(o, ["FOREIGN"])),
    "candidate": Act(_("Name the new supervisor"), f.CandidateForm, "manage",
                     lambda u, o, d: s.supervisor_application_set_candidate(actor=u, app=d["app"], staff=d["staff"]),
                     lambda o: _apps(o, ["CHANGE", "MANDATORY"])),
    "change_proposal": Act(_("FoS council's proposal on the change"), f.ChangeProposalForm, "manage",
                           lambda u, o, d: s.supervisor_change_propose(actor=u, app=d["app"], proposal=d["decision"]), lambda o: _apps(o, ["CHANGE"])),
    "change_on_application": Act(_("Change the supervisor (Institute Board decision)"), type("F", (f.ApplicationDecisionForm,), {"app_kinds": ["CHANGE"]}),
                                 "manage", lambda u, o, d: s.supervisor_change(actor=u, app=d["app"], decision=d["decision"]), lambda o: _apps(o, ["CHANGE"])),
    "mandatory_change": Act(_("Necessary and mandatory change (Institute Board decision)"), type("F", (f.ApplicationDecisionForm,), {"app_kinds": ["MANDATORY"]}),
                            "manage", lambda u, o, d: s.supervisor_change(actor=u, app=d["app"], decision=d["decision"]), lambda o: _apps(o, ["MANDATORY"])),
    "lock_expires": Act(_("Release the submission lock"), f.EmptyForm, "manage", lambda u, o, d: s.supervision_lock_release(actor=u, file=o)),
    "supervisor_leaves_continue_online": Act(_("I leave KTMU and continue online"), f.NoteForm, "supervisor",
                                             lambda u, o, d: s.supervisor_continue_online(actor=u, file=o, note=d["note"])),
}
APPEAL_ACTS: dict[str, Act] = {
    "appeal": Act(_("Appeal against the defence result"), f.AppealForm, "own", lambda u, o, d: s.appeal_file(actor=u, appeal=o, grounds=d["grounds"])),
    "commission_members": Act(_("Propose the appeal commission"), f.CommissionProposeForm, "manage",
                              lambda u, o, d: s.appeal_commission_propose(actor=u, appeal=o, members=list(d["members"]), secretary=d["secretary"]),
                              lambda o: o.state == "APPEAL_FILED"),
    "form_commission": Act(_("Form the commission (institute management decision)"), f.MgmtDecisionForm, "manage",
                           lambda u, o, d: s.appeal_commission_form(actor=u, appeal=o, decision=d["decision"])),
    "report_draft": Act(_("The commission's report and open vote"), f.ReportDraftForm, "manage",
                        lambda u, o, d: s.appeal_report_draft(actor=u, appeal=o, findings=d["findings"], evaluations=d["evaluations"], votes=d["_votes"]),
                        lambda o: o.state == "COMMISSION_FORMED", lambda o: {"appeal": o}),
    "report": Act(_("Adopt the report (commission decision)"), f.CommissionDecisionForm, "manage",
                  lambda u, o, d: s.appeal_report(actor=u, appeal=o, decision=d["decision"]), lambda o: o.state == "COMMISSION_FORMED" and bool(o.votes),
                  lambda o: {"appeal": o}),
    "board_decide": Act(_("Institute Board decides on the report"), f.BoardDecisionForm, "manage",
                        lambda u, o, d: s.appeal_board_decide(actor=u, appeal=o, decision=d["decision"]), lambda o: o.state == "REPORT_UPHOLD"),
    "send_to_jury": Act(_("Send the report to the jury"), f.MgmtDecisionForm, "manage", lambda u, o, d: s.appeal_send_to_jury(actor=u, appeal=o, decision=d["decision"])),
    "reevaluate": Act(_("The jury's re-evaluation"), f.ReevaluationForm, "manage",
                      lambda u, o, d: s.appeal_jury_reevaluate(actor=u, appeal=o, decision=d["decision"], passed=d["passed"]), lambda o: o.state == "JURY_REEVALUATION"),
    "sign_and_notify": Act(_("Sign, notify the student and publish"), f.BoardDecisionForm, "manage",
                           lambda u, o, d: s.appeal_sign_and_notify(actor=u, appeal=o, decision=d["decision"])),
    "external_remedy": Act(_("I seek an administrative remedy"), f.NoteForm, "own", lambda u, o, d: s.appeal_external_remedy(actor=u, appeal=o, note=d["note"])),
    "ground": Act(_("Record the dismissal ground (art. 39)"), f.EmptyForm, "manage", lambda u, o, d: s.appeal_dismissal_ground(actor=u, appeal=o),
                  lambda o: o.state in ("CLOSED", "DEFENCE_FAILED")),
}

RECORDS: dict[str, tuple[type, str, dict[str, Act], str]] = {
    "language": (m.LanguageRequirement, "KTMU-W-10", LANGUAGE_ACTS, "thesis:language"),
    "spp": (m.SppPlan, "KTMU-W-11", SPP_ACTS, "thesis:spp"),
    "supervision": (m.SupervisionFile, "KTMU-W-12", SUPERVISION_ACTS, "thesis:supervision"),
    "appeal": (m.DefenceAppeal, "KTMU-W-16d", APPEAL_ACTS, "thesis:appeal"),
}
#: extra (non-table) acts of each record, offered in the states the table lets them matter
EXTRA = {"evidence", "exam_result", "application", "candidate", "change_proposal", "commission_members", "report_draft", "report",
         "board_decide", "reevaluate", "ground"}


def _may(request: HttpRequest, act: Act, obj: Any, student: Student) -> bool:
    if act.who == "manage":
        return sel.can_manage(request.user, student)
    if act.who == "own":
        return sel.is_own(request.user, student)
    if act.who == "supervisor":
        from bilim.apps.thesis.wiring import _is_supervisor

        return _is_supervisor(obj, request.user)
    return False


def _offered(code: str, obj: Any, acts: dict[str, Act]) -> list[str]:
    """Acts offered now: the table's steps from the current state (plus the record's own data acts)."""
    state_actions = {t.action for t in get_workflow(code).transitions if t.source == obj.state}
    out = []
    for key, act in acts.items():
        if (key in state_actions or key in EXTRA) and act.when(obj):
            out.append(key)
    return out


def _record(request: HttpRequest, kind: str, pk: int, bound: tuple[str, Any] | None = None, refusal: Any = None, status: int = 200) -> HttpResponse:
    model, code, acts, _url = RECORDS[kind]
    obj = sel.visible(request.user, model).filter(pk=pk).first()
    if obj is None:
        raise Http404
    student = obj.student
    forms_ = []
    for key in _offered(code, obj, acts):
        act = acts[key]
        if not _may(request, act, obj, student):
            continue
        form = bound[1] if bound and bound[0] == key else act.form(student=student, **act.form_kwargs(obj))
        forms_.append({"key": key, "label": act.label, "form": form})
    ctx = {"obj": obj, "kind": kind, "code": code, "student": student, "forms": forms_, "refusal": refusal, "transitions": history(obj),
           "why": sel.explain(getattr(obj, "explanation", None)), "title": f"{student.person} — {model._meta.verbose_name}"}  # type: ignore[attr-defined]
    if kind == "supervision":
        ctx["applications"] = obj.applications.select_related("staff__person", "proposal", "transition")
        ctx["supervisors"] = sel.overview(student, request.user)["supervisors"]
        ctx["lock_why"] = sel.explain(obj.lock_explanation)
        ctx["deadline_why"] = sel.explain(obj.deadline_explanation)
        ctx["loads"] = {a.pk: s.supervisor_load(a.staff) for a in ctx["applications"] if a.staff_id}
    if kind == "appeal":
        from bilim.apps.governance.models import Membership

        ctx["members"] = Membership.objects.filter(body=obj.commission).select_related("person") if obj.commission_id else []
    return render(request, f"thesis/{kind}.html", ctx, status=status)


@login_required
def language(request: HttpRequest, pk: int) -> HttpResponse:
    return _record(request, "language", pk)


@login_required
def spp(request: HttpRequest, pk: int) -> HttpResponse:
    return _record(request, "spp", pk)


@login_required
def supervision(request: HttpRequest, pk: int) -> HttpResponse:
    return _record(request, "supervision", pk)


@login_required
def appeal(request: HttpRequest, pk: int) -> HttpResponse:
    return _record(request, "appeal", pk)


def _clean(form: Any) -> dict[str, Any]:
    d = dict(form.cleaned_data)
    if isinstance(form, f.ReportDraftForm):
        d["_votes"] = form.votes()
        d = {k: v for k, v in d.items() if not k.startswith("vote_")}
    return d


@login_required
@require_POST
def record_act(request: HttpRequest, kind: str, pk: int, action: str) -> HttpResponse:
    if kind not in RECORDS:
        raise Http404
    model, code, acts, url = RECORDS[kind]
    obj = sel.visible(request.user, model).filter(pk=pk).first()
    if obj is None or action not in acts:
        raise Http404
    act = acts[action]
    if not _may(request, act, obj, obj.student):
        raise PermissionDenied(action)
    form = act.form(request.POST, student=obj.student, **act.form_kwargs(obj))
    if not form.is_valid():
        return _record(request, kind, pk, bound=(action, form), status=400)
    try:
        act.call(request.user, obj, _clean(form))
    except TransitionRefused as exc:
        return _record(request, kind, pk, bound=(action, form), refusal=exc, status=400)
    except ValidationError as exc:
        apply_errors(form, exc)
        return _record(request, kind, pk, bound=(action, form), status=400)
    messages.success(request, _g("Done."))
    return redirect(url, pk)


# --- the student's thesis page ---------------------------------------------------------------------------

STUDENT_ACTS: dict[str, Act] = {
    # the student's own steps
    "change_request": Act(_("Apply for a change of supervisor"), f.ChangeRequestForm, "own",
                          lambda u, st, d: s.supervisor_application_submit(actor=u, file=st.thesis_supervision_file, kind="CHANGE", applicant="STUDENT", **d),
                          lambda st: _has_sup(st) and st.thesis_supervision_file.state in ("SUPERVISED", "THESIS_LOCK")),
    "proposal": Act(_("Submit the thesis proposal"), f.ProposalForm, "own", lambda u, st, d: s.proposal_submit(actor=u, file=s.thesis_file(st), **d),
                    lambda st: (tf := _tf(st)) is not None and not tf.topic_approved_on),
    "submit": Act(_("Submit the thesis"), f.EmptyForm, "own", lambda u, st, d: s.thesis_submit(actor=u, file=s.thesis_file(st)),
                  lambda st: (tf := _tf(st)) is not None and bool(tf.topic_approved_on) and not hasattr(tf, "submission")),
    # the institute's
    "open_languages": Act(_("Open the language check"), f.DateForm, "manage", lambda u, st, d: s.languages_open(actor=u, student=st, registered_on=d["on"]),
                          lambda st: not m.LanguageRequirement.objects.filter(student=st).exists()),
    "open_supervision": Act(_("Open the supervision file (course selection start)"), f.DateForm, "manage",
                            lambda u, st, d: s.supervision_file_open(actor=u, student=st, course_selection_start=d["on"]), lambda st: not _has_sup(st)),
    "spp": Act(_("Scientific preparation programme (FoS council proposal)"), f.SppProposeForm, "manage",
               lambda u, st, d: s.spp_propose(actor=u, student=st, **d),
               lambda st: not m.SppPlan.objects.filter(student=st).exists() and not ((tf := _tf(st)) and tf.topic_approved_on)),
    "coursework": Act(_("Coursework completed on"), f.DateForm, "manage", lambda u, st, d: s.coursework_completed(actor=u, file=s.thesis_file(st), on=d["on"]),
                      lambda st: (tf := _tf(st)) is None or not tf.coursework_completed_on),
    "qualifying_exam": Act(_("Record a qualifying exam sitting"), f.QualifyingExamForm, "manage",
                           lambda u, st, d: s.qualifying_exam_record(actor=u, file=s.thesis_file(st), **d),
                           lambda st: st.level in ("doctorate", "arts") and not ((tf := _tf(st)) and tf.qualifying_exams.filter(passed=True).exists())),
    "proposal_decide": Act(_("Decide on the proposal"), f.ProposalDecideForm, "manage",
                           lambda u, st, d: s.proposal_decide(actor=u, proposal=d["proposal"], result=d["result"], commission=list(d["commission"]), decision=d["decision"]),
                           lambda st: m.ThesisProposal.objects.filter(file__student=st, result="PENDING").exists()),
    "progress": Act(_("Record a progress report"), f.ProgressReportForm, "manage", lambda u, st, d: s.progress_report_record(actor=u, file=s.thesis_file(st), **d)),
    "deadline": Act(_("Set the submission deadline"), f.DeadlineForm, "manage", lambda u, st, d: _set_deadline(u, st, d["submission_deadline"])),
    "jury": Act(_("Form the jury"), f.JuryForm, "manage", lambda u, st, d: s.jury_form(actor=u, file=s.thesis_file(st), members=list(d["members"]), decision=d["decision"]),
                lambda st: (tf := _tf(st)) is not None and hasattr(tf, "submission") and not hasattr(tf, "jury")),
    "defence": Act(_("Record the defence"), f.DefenceForm, "manage", lambda u, st, d: s.defence_record(actor=u, file=s.thesis_file(st), **d),
                   lambda st: (tf := _tf(st)) is not None and hasattr(tf, "jury") and sel.thesis_stage(st)[0] in ("JURY_FORMED",)),
    "degree": Act(_("Award the degree"), f.DegreeForm, "manage", lambda u, st, d: s.degree_award(actor=u, file=s.thesis_file(st), **d),
                  lambda st: sel.thesis_stage(st)[0] == "DEFENDED"),
}


def _tf(st: Student) -> m.ThesisFile | None:
    return m.ThesisFile.objects.filter(student=st).first()


def _has_sup(st: Student) -> bool:
    return m.SupervisionFile.objects.filter(student=st).exists()


def _set_deadline(user: Any, st: Student, day: Any) -> None:
    from bilim.apps.accounts.permissions import require
    from bilim.apps.audit.models import AuditEvent
    from bilim.apps.audit.services import record, snapshot

    require(user, "thesis.manage", st)
    tf = s.thesis_file(st)
    before = snapshot(tf)
    tf.submission_deadline = day
    tf.save(update_fields=["submission_deadline"])
    record(actor=user, action=AuditEvent.Action.UPDATE, obj=tf, before=before, reason="KTMU-40-1")


def _student_page(request: HttpRequest, pk: int, bound: tuple[str, Any] | None = None, refusal: Any = None, status: int = 200) -> HttpResponse:
    student = sel.students_for(request.user).filter(pk=pk).first()
    if student is None:
        raise Http404
    s.supervision_locks_release_due(actor=None)
    ov = sel.overview(student, request.user)
    forms_ = []
    for key, act in STUDENT_ACTS.items():
        if not act.when(student) or not _may(request, act, student, student):
            continue
        form = bound[1] if bound and bound[0] == key else act.form(student=student)
        forms_.append({"key": key, "label": act.label, "form": form, "own": act.who == "own"})
    tf = ov["thesis"]
    ctx = {"ov": ov, "student": student, "forms": forms_, "refusal": refusal, "title": f"{student.person} — {_g('Thesis')}",
           "tf": tf, "qes": tf.qualifying_exams.all() if tf else [], "proposals": tf.proposals.all() if tf else [],
           "reports": tf.progress_reports.select_related("term") if tf else [], "defences": tf.defences.all() if tf else [],
           "explain": sel.explain}
    if tf is not None:
        ctx["submission"] = getattr(tf, "submission", None)
        ctx["jury"] = getattr(tf, "jury", None)
        ctx["degree"] = getattr(tf, "degree", None)
        ctx["submission_why"] = sel.explain(ctx["submission"].explanation) if ctx["submission"] else ""
        ctx["qe_why"] = [sel.explain(q.explanation) for q in ctx["qes"]]
        ctx["progress_why"] = s.progress_ground(tf, sel.today()).message(sel.lang()) if tf.progress_reports.exists() else ""
        records = [tf, *ctx["qes"], *ctx["proposals"], *ctx["reports"], *ctx["defences"]]
        records += [r for r in (ctx["submission"], ctx["jury"], ctx["degree"]) if r is not None]
        rows = [row for r in records for row in history_rows(r)]
        ctx["history"] = sorted(rows, key=lambda row: row["event"].at, reverse=True)
    return render(request, "thesis/student.html", ctx, status=status)


@login_required
def student(request: HttpRequest, pk: int) -> HttpResponse:
    return _student_page(request, pk)


@login_required
def me(request: HttpRequest) -> HttpResponse:
    st = pg_students().filter(person__user=signed_in(request)).first()
    if st is None:
        from bilim.apps.accounts.permissions import can

        if can(request.user, "thesis.view"):
            return redirect("thesis:queue")
        raise Http404
    return redirect("thesis:student", st.pk)


@login_required
@require_POST
def student_act(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    student = sel.students_for(request.user).filter(pk=pk).first()
    if student is None or kind not in STUDENT_ACTS:
        raise Http404
    act = STUDENT_ACTS[kind]
    if not _may(request, act, student, student):
        raise PermissionDenied(kind)
    form = act.form(request.POST, student=student)
    if not form.is_valid():
        return _student_page(request, pk, bound=(kind, form), status=400)
    try:
        act.call(request.user, student, dict(form.cleaned_data))
    except TransitionRefused as exc:
        return _student_page(request, pk, bound=(kind, form), refusal=exc, status=400)
    except ValidationError as exc:
        apply_errors(form, exc)
        return _student_page(request, pk, bound=(kind, form), status=400)
    messages.success(request, _g("Done."))
    return redirect("thesis:student", pk)


# --- queues ------------------------------------------------------------------------------------------------

STUDENTS = ListSpec(
    action="thesis.view",
    queryset=pg_students,
    title=_("Postgraduate students: languages, preparation, supervision, thesis"),
    detail_url="thesis:student",
    search_fields=["person__last_name", "person__first_name", "person__last_name_latin", "student_number"],
    search_help=_("Name or student number"),
    export_url="thesis:students_csv",
    csv_name="thesis-students",
    columns=[
        Column(_("Student"), lambda o: f"{o.person} ({o.student_number})", link=True),
        Column(_("Level"), lambda o: o.get_level_display()),
        Column(_("Thesis stage"), lambda o: sel.thesis_stage(o)[1]),
    ],
)
student_list = make_list_view(STUDENTS)
student_csv = make_export_view(STUDENTS)


@login_required
def queue(request: HttpRequest) -> HttpResponse:
    from bilim.apps.accounts.permissions import can

    if not can(request.user, "thesis.view"):
        st = pg_students().filter(person__user=signed_in(request)).first()
        if st is not None:
            return redirect("thesis:student", st.pk)
        raise PermissionDenied("thesis.view")
    q = sel.queue(request.user)
    return render(request, "thesis/queue.html", {"q": q, "title": _g("Languages, preparation, supervisors and theses")})
