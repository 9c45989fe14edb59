"""Pages of the KTMU student status: the student's applications, each file with its history and the steps the
user may take now, the institute's queues, the semester check's progress and results. Views stay thin: the
services judge (through the rules) and the engine moves."""

from __future__ import annotations

from typing import Any

from django import forms as djforms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _g
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from bilim.apps.accounts.permissions import can, restrict, signed_in
from bilim.apps.core.listing import Column, ListSpec, make_export_view, make_list_view
from bilim.apps.core.uploads import download_url, opens_inline, preview_url
from bilim.apps.people.models import Student
from bilim.apps.postgrad.selectors import pg_institutions, pg_students
from bilim.apps.standing import checks
from bilim.apps.standing import forms as f
from bilim.apps.standing import models as m
from bilim.apps.standing import selectors as sel
from bilim.apps.standing import services as svc
from bilim.apps.standing.labels import GROUND_LABELS
from bilim.apps.workflow.labels import state_label
from bilim.apps.workflow.services import TransitionRefused, history


def _state_of(code: str) -> Any:
    """The state of a status file in words, for the list's column."""
    return lambda o: state_label(code, o.state)

def apply_errors(form: djforms.Form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errs in exc.error_dict.items():
            for e in errs:
                form.add_error(field if field in form.fields else None, e.message % e.params if e.params else e.message)
    else:
        for msg in exc.messages:
            form.add_error(None, msg)


def _my_student(request: HttpRequest) -> Student:
    st = pg_students().filter(person__user=signed_in(request)).exclude(status=Student.Status.GRADUATED).first()
    if st is None:
        raise Http404
    return st


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """The student's files and what they may apply for; staff go to the institute's queues."""
    st = pg_students().filter(person__user=signed_in(request)).first()
    if st is None:
        if can(request.user, "standing.view_queue"):
            return redirect("standing:queues")
        raise Http404
    rows = []
    for key, (model, code) in sel.KINDS.items():
        for rec in model.objects.filter(student=st).order_by("-pk"):
            rows.append({"kind": key, "obj": rec, "code": code})
    may = sel.may_apply(st)
    return render(request, "standing/home.html", {"student": st, "rows": rows, "title": _g("Leave, academic leave and status"),
                                                 "may_apply_leave": may["leave"], "may_apply_acleave": may["acleave"]})


def _apply_view(request: HttpRequest, form_cls: type, service: Any, template_title: Any, kind: str) -> HttpResponse:
    st = _my_student(request)
    form = form_cls(request.POST or None, request.FILES or None)
    refusal = None
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = dict(form.cleaned_data)
            try:
                rec = service(actor=request.user, student=st, **data)
                messages.success(request, _g("Your application was recorded."))
                return redirect("standing:detail", kind, rec.pk)
            except ValidationError as exc:
                apply_errors(form, exc)
            except TransitionRefused as exc:
                refusal = exc
        status = 400
    return render(request, "standing/apply.html", {"form": form, "title": template_title, "student": st, "refusal": refusal}, status=status)


@login_required
def leave_apply(request: HttpRequest) -> HttpResponse:
    return _apply_view(request, f.LeaveForm, svc.leave_apply, _("Apply for leave (art. 37)"), "leave")


@login_required
def acleave_apply(request: HttpRequest) -> HttpResponse:
    return _apply_view(request, f.AcademicLeaveForm, svc.acleave_apply, _("Apply for academic leave (art. 38)"), "acleave")


# --- a file and its steps --------------------------------------------------------------------------------------------

HIDDEN = {"request_leave", "submit_health_documents", "complaint"}  # taken by the application form itself
AT_APPLY = {"leave": {"study": "study_leave", "exchange": "academic_permission"},
            "acleave": {"childbirth": "childbirth", "excused": "excused_reason", "military": "military_service"}}
EVENT_STEPS = {"exam_sat_during_leave", "activity_attempt"}


def _get(request: HttpRequest, kind: str, pk: int) -> tuple[Any, str]:
    if kind not in sel.KINDS:
        raise Http404
    model, code = sel.KINDS[kind]
    obj = sel.readable(request.user, model).filter(pk=pk).first()
    if obj is None:
        raise Http404
    return obj, code


def _who_may(user: Any, obj: Any, authority: tuple[str, ...]) -> bool:
    own = svc.is_own(user, obj)
    for a in authority:
        if a in ("role:student", "role:former_student") and own:
            return True
        if a == "role:institute_officer" and restrict(user, "standing.manage", type(obj).objects.filter(pk=obj.pk)).exists():
            return True
        if a == "role:rector" and restrict(user, "standing.order", type(obj).objects.filter(pk=obj.pk)).exists():
            return True
        if a.startswith("body:") and restrict(user, "standing.record_decision", type(obj).objects.filter(pk=obj.pk)).exists():
            return True
        if a == "system" and restrict(user, "standing.manage", type(obj).objects.filter(pk=obj.pk)).exists():
            return True
    return False


def _form_for(action: str, authority: tuple[str, ...], data: Any = None) -> djforms.Form:
    if any(a.startswith("body:") for a in authority):
        form = f.DecisionForm(data, prefix=action)
        if action != "study_leave":  # only the study leave's decision says whether the time counts (37(2)-2)
            del form.fields["counts_toward_duration"]
        return form
    if action == "rector_order":
        return f.OrderForm(data, prefix=action)
    if action in EVENT_STEPS:
        return f.EventForm(data, prefix=action)
    return f.ReasonForm(data, prefix=action)


def _steps(request: HttpRequest, kind: str, obj: Any, code: str, bound: tuple[str, Any] | None = None) -> list[dict[str, Any]]:
    from bilim.regulations.workflows.core import get_workflow

    out: list[Any] = []
    if obj.closed:
        return out
    wanted = AT_APPLY.get(kind, {})
    for t in get_workflow(code).actions_from(obj.state):
        if t.action in HIDDEN:
            continue
        if obj.state == "ACTIVE" and kind in AT_APPLY:
            key = obj.kind if kind == "leave" else obj.reason
            if wanted.get(key) != t.action:
                continue
        if not _who_may(request.user, obj, t.authority):
            continue
        form = bound[1] if bound and bound[0] == t.action else _form_for(t.action, t.authority)
        out.append({"action": t.action, "form": form, "body": any(a.startswith("body:") for a in t.authority)})
    return out


def _detail(request: HttpRequest, kind: str, pk: int, *, bound: tuple[str, Any] | None = None, refusal: Any = None,
            return_form: Any = None, status: int = 200) -> HttpResponse:
    obj, code = _get(request, kind, pk)
    doc = doc_view = ""
    if getattr(obj, "document", None):
        key = {"leave": "standing-leave", "acleave": "standing-acleave", "plagiarism": "standing-plagiarism"}[kind]
        doc = download_url(key, obj)
        doc_view = preview_url(key, obj) if opens_inline(obj.document.name) else ""
    may_report = kind == "acleave" and svc.is_own(request.user, obj) and obj.on_leave and obj.reported_on is None
    ctx = {
        "obj": obj, "kind": kind, "code": code, "title": str(obj), "state": state_label(code, obj.state),
        "steps": _steps(request, kind, obj, code, bound), "refusal": refusal, "transitions": history(obj), "document_url": doc, "document_view_url": doc_view,
        "ground_label": GROUND_LABELS.get(getattr(obj, "ground", ""), ""), "return_form": return_form or (f.ReturnForm() if may_report else None),
        "own": svc.is_own(request.user, obj),
    }
    return render(request, "standing/detail.html", ctx, status=status)


@login_required
def detail(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    return _detail(request, kind, pk)


@login_required
@require_POST
def step(request: HttpRequest, kind: str, pk: int, action: str) -> HttpResponse:
    obj, code = _get(request, kind, pk)
    from bilim.regulations.workflows.core import get_workflow

    row = next((t for t in get_workflow(code).actions_from(obj.state) if t.action == action), None)
    if row is None or action in HIDDEN or not _who_may(request.user, obj, row.authority):
        raise PermissionDenied(action)
    form = _form_for(action, row.authority, request.POST)
    if not form.is_valid():
        return _detail(request, kind, pk, bound=(action, form), status=400)
    d = form.cleaned_data
    key = {"leave": "leave", "acleave": "leave"}.get(kind, "case")
    fn: Any = {"leave": svc.leave_step, "acleave": svc.acleave_step, "dismissal": svc.dismissal_step, "plagiarism": svc.plagiarism_step}[kind]
    try:
        if isinstance(form, f.DecisionForm):
            extra: dict[str, Any] = {"counts_toward_duration": d.get("counts_toward_duration")} if action == "study_leave" else {}
            svc.decide_by_body(actor=request.user, obj=obj, workflow_code=code, action=action, number=d["number"], date=d["date"],
                               text=d.get("text", ""), **extra)
        elif isinstance(form, f.OrderForm):
            fn(actor=request.user, action=action, order_number=d["order_number"], order_date=d["order_date"], **{key: obj})
        elif isinstance(form, f.EventForm):
            fn(actor=request.user, action=action, event_date=d["event_date"], event=d["event"], **{key: obj})
        else:
            a = "military_return" if kind == "acleave" and action == "return" and obj.reason == "military" else action
            fn(actor=request.user, action=a, reason=d.get("reason", ""), **{key: obj})
    except ValidationError as exc:
        apply_errors(form, exc)
        return _detail(request, kind, pk, bound=(action, form), status=400)
    except TransitionRefused as exc:
        return _detail(request, kind, pk, refusal=exc, status=400)
    except PermissionDenied:  # e.g. recording a decision of a body the user is not the secretary of
        form.add_error(None, _g("You may not record this decision or take this step."))
        return _detail(request, kind, pk, bound=(action, form), status=403)
    messages.success(request, _g("Done."))
    return redirect("standing:detail", kind, pk)


@login_required
@require_POST
def report_return(request: HttpRequest, pk: int) -> HttpResponse:
    obj, _code = _get(request, "acleave", pk)
    form = f.ReturnForm(request.POST)
    if not form.is_valid():
        return _detail(request, "acleave", pk, return_form=form, status=400)
    try:
        svc.acleave_report_return(actor=request.user, leave=obj, returned_on=form.cleaned_data["returned_on"],
                                  military_id_shown=form.cleaned_data["military_id_shown"])
    except ValidationError as exc:
        apply_errors(form, exc)
        return _detail(request, "acleave", pk, return_form=form, status=400)
    messages.success(request, _g("Your return was reported to the institute."))
    return redirect("standing:detail", "acleave", pk)


# --- complaints, grounds on request ----------------------------------------------------------------------------------


@login_required
def complain(request: HttpRequest, student_pk: int) -> HttpResponse:
    """Anyone may complain about suspected plagiarism (KTMU-43(1)-1)."""
    student = pg_students().filter(pk=student_pk).first()
    if student is None:
        raise Http404
    form = f.ComplaintForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                case = svc.plagiarism_complain(actor=request.user, student=student, **form.cleaned_data)
                messages.success(request, _g("The complaint was recorded; the institute refers it to the ethics committee."))
                if sel.readable(request.user, m.PlagiarismCase).filter(pk=case.pk).exists():
                    return redirect("standing:detail", "plagiarism", case.pk)
                return redirect("dashboard")
            except ValidationError as exc:
                apply_errors(form, exc)
        status = 400
    # anyone may complain, but only those who may read the student's file see whose it is
    shown = student if restrict(request.user, "postgrad.view_student", pg_students().filter(pk=student.pk)).exists() else None
    return render(request, "standing/apply.html", {"form": form, "title": _g("Complaint about suspected plagiarism"), "student": shown},
                  status=status)


@login_required
def own_request(request: HttpRequest, student_pk: int) -> HttpResponse:
    """The institute records the student's own written request to leave (ground a)."""
    student = restrict(request.user, "standing.manage_student", pg_students()).filter(pk=student_pk).first()
    if student is None:
        raise Http404
    form = f.OwnRequestForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                case = svc.dismissal_open_own_request(actor=request.user, student=student, requested_on=form.cleaned_data["requested_on"],
                                                      note=form.cleaned_data["note"])
                return redirect("standing:detail", "dismissal", case.pk)
            except ValidationError as exc:
                apply_errors(form, exc)
            except TransitionRefused as exc:
                form.add_error(None, " ".join(exc.messages(svc.lang())))
        status = 400
    return render(request, "standing/apply.html", {"form": form, "title": _g("Dismissal at the student's own request"), "student": student},
                  status=status)


# --- the institute's queues (lists with search, paging, CSV) --------------------------------------------------------


def _spec(kind: str, title: Any, columns: list[Column]) -> ListSpec:
    model, code = sel.KINDS[kind]
    return ListSpec(action="standing.view_queue", queryset=lambda: model.objects.filter(closed=False).select_related("student__person", "institute"),
                    title=title, detail_url=f"standing:{kind}_redirect", export_url=f"standing:{kind}_csv", csv_name=f"standing-{kind}",
                    search_fields=["student__person__last_name", "student__person__first_name", "student__student_number"],
                    search_help=_("Student's name or number"),
                    columns=[Column(_("Student"), lambda o: f"{o.student.person} ({o.student.student_number})", link=True), *columns,
                             Column(_("State"), _state_of(code))])


SPECS = {
    "leave": _spec("leave", _("Leave applications and leaves"), [Column(_("Kind"), lambda o: o.get_kind_display()),
                                                                  Column(_("From"), lambda o: o.starts_on), Column(_("To"), lambda o: o.ends_on)]),
    "acleave": _spec("acleave", _("Academic leave"), [Column(_("Reason"), lambda o: o.get_reason_display()),
                                                      Column(_("From"), lambda o: o.starts_on), Column(_("To"), lambda o: o.ends_on)]),
    "dismissal": _spec("dismissal", _("Dismissal cases"), [Column(_("Ground"), lambda o: GROUND_LABELS.get(o.ground, o.ground))]),
    "plagiarism": _spec("plagiarism", _("Plagiarism complaints"), [Column(_("Work"), lambda o: o.work),
                                                                   Column(_("Received on"), lambda o: o.complained_on)]),
}
LISTS = {k: make_list_view(s) for k, s in SPECS.items()}
EXPORTS = {k: make_export_view(s) for k, s in SPECS.items()}


def kind_redirect(kind: str) -> Any:
    @login_required
    def view(request: HttpRequest, pk: int) -> HttpResponse:
        return redirect("standing:detail", kind, pk)

    return view


@login_required
def queues(request: HttpRequest) -> HttpResponse:
    if not can(request.user, "standing.view_queue"):
        raise PermissionDenied
    counts = {k: qs.count() for k, qs in sel.queues(request.user).items()}
    runs = restrict(request.user, "standing.view_check", m.SemesterCheck.objects.all())[:5] if can(request.user, "standing.view_check") else []
    return render(request, "standing/queues.html", {"title": _g("The institute's queues"), "counts": counts, "specs": SPECS, "runs": runs})


# --- the semester check -------------------------------------------------------------------------------------------------


@login_required
def check_list(request: HttpRequest) -> HttpResponse:
    if not can(request.user, "standing.view_check"):
        raise PermissionDenied
    form = f.CheckForm(request.POST or None)
    runs = restrict(request.user, "standing.view_check", m.SemesterCheck.objects.all())
    status = 200
    if request.method == "POST":
        if not can(request.user, "standing.run_check"):  # the auditor reads the checks, never starts one
            raise PermissionDenied
        from bilim.apps.accounts.permissions import active_roles, assignment_institution_id

        ids = {assignment_institution_id(a) for a in active_roles(request.user)}
        institution = pg_institutions().filter(pk__in=[i for i in ids if i]).first() or (
            pg_institutions().first() if request.user.is_superuser else None)
        if form.is_valid() and institution is not None:
            try:
                run = checks.semester_check_start(actor=request.user, institution=institution, as_of=form.cleaned_data["as_of"],
                                                  label=form.cleaned_data["label"])
                return redirect("standing:check", run.pk)
            except ValidationError as exc:
                apply_errors(form, exc)
        elif institution is None:
            form.add_error(None, _g("You hold no role in an institution run by this instruction."))
        status = 400
    return render(request, "standing/checks.html", {"title": _g("Semester check of dismissal grounds"), "form": form, "runs": runs[:50]},
                  status=status)


@login_required
def check_detail(request: HttpRequest, pk: int) -> HttpResponse:
    run = restrict(request.user, "standing.view_check", m.SemesterCheck.objects.all()).filter(pk=pk).first()
    if run is None:
        raise Http404
    results = run.results.select_related("student__person", "case").order_by("student__student_number")[:500]
    rows = [{"r": r, "grounds": [GROUND_LABELS.get(g, g) for g in dict.fromkeys(r.grounds)]} for r in results]
    return render(request, "standing/check_detail.html", {"title": str(run), "run": run, "rows": rows})
