"""Pages of KTMU admissions: the public portal (rounds, candidate sign-up, results anyone can verify), the
candidate's application, and the staff pages (rounds, score sheet, lists, appeals, special routes). Views stay thin:
they parse input with forms and call the services; a refusal shows its explanation."""

from __future__ import annotations

import csv
from typing import Any

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_http_methods, require_safe

from bilim.apps.accounts.models import User
from bilim.apps.accounts.permissions import can, restrict, signed_in
from bilim.apps.admissions import forms as f
from bilim.apps.admissions import services as svc
from bilim.apps.admissions.models import (
    Application,
    Commission,
    IncomingExchange,
    JuniorResearcherTransfer,
    OutgoingExchange,
    Round,
    SpecialistAppeal,
    SpecialStudent,
)
from bilim.apps.core.listing import Column, ListSpec, lang, make_export_view, make_list_view, may_list
from bilim.apps.core.spreadsheets import csv_row, xlsx_append
from bilim.apps.governance.models import Decision
from bilim.apps.workflow.actions import allowed_actions
from bilim.apps.workflow.labels import action_label, state_label
from bilim.apps.workflow.services import TransitionRefused, history
from bilim.regulations.workflows.core import get_workflow

DECIDED_BY = {"COMPOSITE": _lazy("composite score"), "SPECIALIST_EXAM": _lazy("specialist exam score"), "DIPLOMA": _lazy("diploma score"),
              "LANGUAGE": _lazy("language score"), "TIE": _lazy("exact tie — the institute board decides")}
LIST_STATUS = {"ENTITLED": _lazy("Entitled to register"), "RESERVE": _lazy("Reserve list"), "NOT_PLACED": _lazy("Not placed"),
               "BOARD_DECISION": _lazy("Institute board decides (tie)"), "FAILED": _lazy("Failed"), "INCOMPLETE": _lazy("Incomplete")}


def _apply_service(request: HttpRequest, fn: Any, **kwargs: Any) -> tuple[bool, Any]:
    """Call a service; a refusal or bad input becomes the page's message, never a 500."""
    try:
        return True, fn(**kwargs)
    except TransitionRefused as e:
        return False, e
    except ValidationError as e:
        return False, TransitionRefused("; ".join(e.messages))


def _decisions(kinds: tuple[str, ...], unit_ids: set[int | None]) -> QuerySet[Decision]:
    return Decision.objects.filter(status=Decision.Status.ADOPTED, body__kind__in=kinds).filter(
        Q(body__unit_id__in=[u for u in unit_ids if u]) | Q(body__unit__isnull=True)).select_related("body").order_by("-date")


# --- public portal ---------------------------------------------------------------------------------------------


@require_safe
def portal(request: HttpRequest) -> HttpResponse:
    rounds = Round.objects.select_related("programme").order_by("-year", "programme__code")
    return render(request, "admissions/portal.html", {"rounds": rounds, "today": timezone.localdate(), "lang": lang()})


@require_http_methods(["GET", "POST"])
def signup(request: HttpRequest) -> HttpResponse:
    form = f.CandidateSignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        user = User.objects.create_user(username=d["email"], email=d["email"], password=d["password1"], first_name=d["first_name"],
                                        last_name=d["last_name"])
        login(request, user, backend="bilim.apps.accounts.backends.UsernameOrEmailBackend")
        messages.success(request, _("Your candidate account is ready. Choose a programme to apply."))
        return redirect("admissions:portal")
    return render(request, "admissions/form.html", {"form": form, "title": _("Create a candidate account"), "testid": "signup"})


@require_safe
def results(request: HttpRequest, pk: int) -> HttpResponse:
    """The public results of a round: pseudonymous numbers, scores, ranks, reserves and the deciding tie-break."""
    rnd = get_object_or_404(Round.objects.select_related("programme", "lists_decision"), pk=pk)
    if rnd.results_published_on is None:
        raise Http404
    rows = []
    for r in rnd.ranking:
        rows.append({**r, "status_label": LIST_STATUS.get(r["status"], r["status"]), "decided_label": DECIDED_BY.get(r["decided_by"], "")})
    return render(request, "admissions/results.html", {"round": rnd, "rows": rows, "lang": lang()})


# --- the candidate's application -------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def apply(request: HttpRequest, pk: int) -> HttpResponse:
    rnd = get_object_or_404(Round, pk=pk)
    existing = Application.objects.filter(user=signed_in(request), round=rnd).first()
    if existing is not None:
        return redirect("admissions:application", existing.pk)
    initial = {"last_name": signed_in(request).last_name, "first_name": signed_in(request).first_name}
    form = f.ApplicationForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        ok, res = _apply_service(request, svc.application_save, actor=request.user, round=rnd, data=form.cleaned_data)
        if ok:
            return redirect("admissions:application", res.pk)
        form.add_error(None, str(res))
    return render(request, "admissions/form.html", {"form": form, "title": _("Application: %(p)s") % {"p": rnd.programme.name(lang())},
                                                     "testid": "application-form"})


@login_required
@require_safe
def mine(request: HttpRequest) -> HttpResponse:
    apps = Application.objects.filter(user=signed_in(request)).select_related("round__programme")
    return render(request, "admissions/mine.html", {"apps": apps, "lang": lang()})


def _visible_application(request: HttpRequest, pk: int) -> tuple[Application, bool]:
    app = Application.objects.select_related("round__programme", "user", "student").filter(pk=pk).first()
    if app is None:
        raise Http404
    if app.user_id == request.user.pk:
        return app, False
    if restrict(request.user, "admissions.view_application", Application.objects.filter(pk=pk)).exists():
        return app, True
    raise Http404


@login_required
@require_http_methods(["GET", "POST"])
def application(request: HttpRequest, pk: int) -> HttpResponse:
    app, staff = _visible_application(request, pk)
    refusal = None
    doc_form = f.DocumentForm()
    reject_form = f.RejectForm()
    appeal_form = f.AppealForm()
    register_form = f.RegisterForm(initial={"on": timezone.localdate()})
    if request.method == "POST":
        op = request.POST.get("op", "")
        ok, res = True, None
        if op == "upload" and not staff:
            doc_form = f.DocumentForm(request.POST, request.FILES)
            if doc_form.is_valid():
                ok, res = _apply_service(request, svc.document_add, actor=request.user, application=app, kind=doc_form.cleaned_data["kind"],
                                         file=doc_form.cleaned_data["file"])
            else:
                ok = False
        elif op == "submit" and not staff:
            ok, res = _apply_service(request, svc.application_submit, actor=request.user, application=app)
        elif op == "check" and staff and can(request.user, "admissions.check_application"):
            ok, res = _apply_service(request, svc.application_check, actor=request.user, application=app)
        elif op == "reject" and staff and can(request.user, "admissions.check_application"):
            reject_form = f.RejectForm(request.POST)
            ok = reject_form.is_valid()
            if ok:
                ok, res = _apply_service(request, svc.application_reject, actor=request.user, application=app, reason=reject_form.cleaned_data["reason"])
        elif op == "register" and staff and can(request.user, "admissions.check_application"):
            register_form = f.RegisterForm(request.POST)
            ok = register_form.is_valid()
            if ok:
                d = register_form.cleaned_data
                forms_map = {doc.kind: "ORIGINAL" for doc in app.documents.all()} if d["originals"] else None
                ok, res = _apply_service(request, svc.application_register, actor=request.user, application=app, on=d["on"],
                                         submitted_by=d["submitted_by"], forms=forms_map)
        elif op == "appeal" and not staff:
            appeal_form = f.AppealForm(request.POST)
            ok = appeal_form.is_valid()
            if ok:
                ok, res = _apply_service(request, svc.appeal_file, actor=request.user, application=app, reason=appeal_form.cleaned_data["reason"])
        else:
            raise PermissionDenied(op)
        if ok:
            messages.success(request, _("Saved."))
            return redirect("admissions:application", app.pk)
        if isinstance(res, TransitionRefused):
            refusal = res
        app.refresh_from_db()
    checklist = svc.documents_checklist(app) if app.state in ("ANNOUNCED", "APPLIED") else []
    wf = get_workflow(app.workflow_code)
    ctx = {
        "app": app, "staff": staff, "refusal": refusal, "doc_form": doc_form, "reject_form": reject_form, "appeal_form": appeal_form,
        "register_form": register_form, "checklist": checklist, "documents": app.documents.all(), "lang": lang(),
        "transitions": history(app), "next_actions": [action_label(app.workflow_code, t.action) for t in wf.transitions if t.source == app.state],
        "state_label": state_label(app.workflow_code, app.state), "may_check": staff and can(request.user, "admissions.check_application"),
        "appeals": app.appeals.all(), "decided_label": DECIDED_BY.get(app.decided_by, ""),
        "may_appeal": (not staff) and app.state == "RESULTS_PUBLISHED" and app.track == Application.Track.SPECIALIST,
        # the office's steps this viewer may take now, asked of the engine (the same checks as the transition service)
        "acts": allowed_actions(actor=request.user, obj=app, workflow_code=app.workflow_code, permission="admissions.check_application")
        if staff else None,
    }
    return render(request, "admissions/application.html", ctx)


# --- staff: rounds, lists, score sheet ------------------------------------------------------------------------


def _round_for_staff(request: HttpRequest, pk: int) -> Round:
    rnd = restrict(request.user, "admissions.view_round", Round.objects.select_related("programme")).filter(pk=pk).first()
    if rnd is None:
        raise Http404
    return rnd


@login_required
@require_safe
def rounds(request: HttpRequest) -> HttpResponse:
    if not may_list(request.user, "admissions.view_round"):
        raise PermissionDenied
    qs = restrict(request.user, "admissions.view_round", Round.objects.select_related("programme"))
    return render(request, "admissions/rounds.html", {"rounds": qs, "lang": lang()})


@login_required
@require_http_methods(["GET", "POST"])
def round_detail(request: HttpRequest, pk: int) -> HttpResponse:
    rnd = _round_for_staff(request, pk)
    refusal = None
    unit_ids = {rnd.programme.unit_id, rnd.programme.field_of_science_id}
    board_decisions = _decisions(("institute_board",), unit_ids)
    lists_form = f.DecisionChoiceForm(decisions=board_decisions)
    date_form = f.DateForm(initial={"on": timezone.localdate()})
    if request.method == "POST":
        if not can(request.user, "admissions.manage_round"):
            raise PermissionDenied
        op = request.POST.get("op")
        ok, res = False, None
        if op == "publish":
            date_form = f.DateForm(request.POST)
            if date_form.is_valid():
                ok, res = _apply_service(request, svc.results_publish, actor=request.user, round=rnd, on=date_form.cleaned_data["on"])
        elif op == "lists":
            lists_form = f.DecisionChoiceForm(request.POST, decisions=board_decisions)
            if lists_form.is_valid():
                ok, res = _apply_service(request, svc.lists_decide, actor=request.user, round=rnd, decision=lists_form.cleaned_data["decision"],
                                         published_on=lists_form.cleaned_data["on"])
        elif op == "close":
            date_form = f.DateForm(request.POST)
            if date_form.is_valid():
                ok, res = _apply_service(request, svc.registration_close, actor=request.user, round=rnd, on=date_form.cleaned_data["on"])
        else:
            raise PermissionDenied(op)
        if ok:
            messages.success(request, _("Saved."))
            return redirect("admissions:round", rnd.pk)
        if isinstance(res, TransitionRefused):
            refusal = res
    apps = rnd.applications.select_related("user").order_by("rank", "number")
    counts: dict[str, int] = {}
    for a in apps:
        counts[a.state] = counts.get(a.state, 0) + 1
    ctx = {"round": rnd, "apps": apps, "refusal": refusal, "lists_form": lists_form, "date_form": date_form, "lang": lang(),
           "counts": sorted((state_label("KTMU-W-04", s), n) for s, n in counts.items()),
           "places_left": max(0, rnd.quota - counts.get("REGISTERED", 0)), "may_manage": can(request.user, "admissions.manage_round"),
           "may_score": can(request.user, "admissions.enter_scores") or can(request.user, "admissions.manage_round")}
    return render(request, "admissions/round.html", ctx)


EXPORT_HEADER = [_lazy("Applicant number"), _lazy("Name"), _lazy("Track"), _lazy("State"), _lazy("Written exam"), _lazy("Oral exam"),
                 _lazy("Specialist exam score"), _lazy("Diploma score (100)"), _lazy("Language score (100)"), _lazy("Composite score"),
                 _lazy("Rank"), _lazy("List"), _lazy("Decided by")]


def _export_rows(rnd: Round) -> list[list[Any]]:
    rows = []
    for a in rnd.applications.order_by("rank", "number"):
        rows.append([a.number, a.full_name, str(a.get_track_display()), state_label(a.workflow_code, a.state), a.written, a.oral,
                     a.specialist, a.diploma100, a.language100, a.composite, a.rank, str(LIST_STATUS.get(a.list_status, "")),
                     str(DECIDED_BY.get(a.decided_by, ""))])
    return rows


@login_required
@require_safe
def round_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    rnd = _round_for_staff(request, pk)
    name = f"admissions-{rnd.programme.code}-{rnd.year}"
    if fmt == "csv":
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
        response.write("\ufeff")
        w = csv.writer(response)
        w.writerow(csv_row(str(h) for h in EXPORT_HEADER))
        for r in _export_rows(rnd):
            w.writerow(csv_row(r))
        return response
    if fmt != "xlsx":
        raise Http404
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = str(rnd.year)
    xlsx_append(ws, [str(h) for h in EXPORT_HEADER])
    for r in _export_rows(rnd):
        xlsx_append(ws, r)
    response = HttpResponse(content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
    wb.save(response)
    return response


@login_required
@require_http_methods(["GET", "POST"])
def score_sheet(request: HttpRequest, pk: int) -> HttpResponse:
    """The commission's score sheet: its protocol (an adopted decision of the commission) and one row per candidate."""
    rnd = _round_for_staff(request, pk)
    if not (can(request.user, "admissions.enter_scores") or can(request.user, "admissions.manage_round")):
        raise PermissionDenied
    waiting = list(rnd.applications.filter(state__in=["WRITTEN_REQUIRED", "WRITTEN_WAIVED", "COMMISSION_SET"]).order_by("number"))
    protocol_form = f.ProtocolForm(request.POST or None, initial={"date": rnd.exam_date})
    rows = [(a, f.ScoreForm(request.POST or None, prefix=f"a{a.pk}")) for a in waiting]
    refusal = None
    if request.method == "POST" and protocol_form.is_valid() and all(form.is_valid() for _a, form in rows):
        done = 0
        for a, form in rows:
            d = form.cleaned_data
            if not d["absent"] and d["oral"] is None:
                continue  # not entered yet
            kind = Commission.Kind.INTERNATIONAL if a.track == Application.Track.INTERNATIONAL else Commission.Kind.SPECIALIST
            comm = rnd.commissions.filter(kind=kind).first()
            if comm is None:
                refusal = TransitionRefused(_("The institute board has not appointed this commission yet."))
                break
            ok, res = _apply_service(request, svc.commission_protocol, actor=request.user, commission=comm,
                                     number=protocol_form.cleaned_data["number"], date=protocol_form.cleaned_data["date"])
            if ok:
                ok, res = _apply_service(request, svc.scores_enter, actor=request.user, application=a, decision=res, written=d["written"],
                                         oral=d["oral"], absent=d["absent"], answer_language=d["answer_language"])
            if not ok:
                refusal = res
                form.add_error(None, str(res))
                break
            done += 1
        if refusal is None:
            messages.success(request, _("%(n)s results recorded.") % {"n": done})
            return redirect("admissions:round", rnd.pk)
    return render(request, "admissions/scores.html", {"round": rnd, "rows": rows, "protocol_form": protocol_form, "refusal": refusal})


# --- appeals ----------------------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def appeal(request: HttpRequest, pk: int) -> HttpResponse:
    obj = get_object_or_404(SpecialistAppeal.objects.select_related("application__round__programme"), pk=pk)
    _app, staff = _visible_application(request, obj.application_id)
    prog = obj.application.round.programme
    units = {prog.unit_id, prog.field_of_science_id}
    review_form = f.ReviewForm(decisions=_decisions(("spec_exam_commission",), units), initial={"on": timezone.localdate()})
    decide_form = f.DecisionChoiceForm(decisions=_decisions(("institute_board",), units))
    refusal = None
    if request.method == "POST" and staff:
        op = request.POST.get("op")
        ok, res = False, None
        if op == "review":
            review_form = f.ReviewForm(request.POST, decisions=_decisions(("spec_exam_commission",), units))
            if review_form.is_valid():
                d = review_form.cleaned_data
                ok, res = _apply_service(request, svc.appeal_review, actor=request.user, appeal=obj, decision=d["decision"], findings=d["findings"],
                                         on=d["on"], papers_attached=d["papers_attached"], technical_error=d["technical_error"],
                                         corrected_written=d["corrected_written"], corrected_oral=d["corrected_oral"])
        elif op == "decide":
            decide_form = f.DecisionChoiceForm(request.POST, decisions=_decisions(("institute_board",), units))
            if decide_form.is_valid():
                ok, res = _apply_service(request, svc.appeal_decide, actor=request.user, appeal=obj, decision=decide_form.cleaned_data["decision"])
        if ok:
            messages.success(request, _("Saved."))
            return redirect("admissions:appeal", obj.pk)
        refusal = res if isinstance(res, TransitionRefused) else None
    return render(request, "admissions/appeal.html", {"appeal": obj, "staff": staff, "review_form": review_form, "decide_form": decide_form,
                                                      "refusal": refusal, "transitions": history(obj)})


# --- special routes (W-06 … W-09) ------------------------------------------------------------------------------

CASES: dict[str, dict[str, Any]] = {
    "special": {"model": SpecialStudent, "code": svc.W06, "title": _lazy("Special-status students"), "programme": "programme",
                "step": lambda actor, obj, action, decision: svc.special_step(actor=actor, special=obj, action=action, decision=decision)},
    "incoming": {"model": IncomingExchange, "code": svc.W07, "title": _lazy("Incoming exchange students"), "programme": "programme",
                 "step": lambda actor, obj, action, decision: svc.incoming_step(actor=actor, rec=obj, action=action, decision=decision)},
    "outgoing": {"model": OutgoingExchange, "code": svc.W08, "title": _lazy("Outgoing exchange"), "programme": "student__programme",
                 "step": lambda actor, obj, action, decision: svc.outgoing_step(actor=actor, rec=obj, action=action, decision=decision)},
    "transfer": {"model": JuniorResearcherTransfer, "code": svc.W09, "title": _lazy("Junior researcher transfers"), "programme": "target",
                 "step": lambda actor, obj, action, decision: svc.transfer_step(actor=actor, rec=obj, action=action, decision=decision)},
}


def _case_qs(request: HttpRequest, kind: str) -> QuerySet[Any]:
    spec = CASES.get(kind)
    if spec is None:
        raise Http404
    model = spec["model"]
    path = spec["programme"]
    staff = restrict(request.user, "admissions.view_round", Round.objects.all()).values("programme_id")
    own = Q(student__person__user=request.user) if model is OutgoingExchange else Q(user=request.user)
    return model.objects.filter(Q(**{f"{path}__in": staff.values("programme_id")}) | own)


@login_required
@require_safe
def cases(request: HttpRequest, kind: str) -> HttpResponse:
    qs = _case_qs(request, kind).order_by("-pk")[:200]
    spec = CASES[kind]
    return render(request, "admissions/cases.html", {"kind": kind, "title": spec["title"], "code": spec["code"], "objs": qs})


@login_required
@require_http_methods(["GET", "POST"])
def case(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    obj = _case_qs(request, kind).filter(pk=pk).first()
    if obj is None:
        raise Http404
    spec = CASES[kind]
    code = spec["code"]
    wf = get_workflow(code)
    rows = [t for t in wf.transitions if t.source == obj.state]
    board = _decisions(("institute_board", "trustees", "rector_office"), set())
    form = f.DecisionChoiceForm(decisions=board)
    refusal = None
    if request.method == "POST":
        action = request.POST.get("action", "")
        row = next((t for t in rows if t.action == action), None)
        if row is None:
            raise PermissionDenied(action)
        decision = None
        if any(a.startswith("body:") for a in row.authority):
            form = f.DecisionChoiceForm(request.POST, decisions=board)
            if not form.is_valid():
                return render(request, "admissions/case.html", _case_ctx(request, obj, kind, spec, rows, form, None))
            decision = form.cleaned_data["decision"]
        ok, res = _apply_service(request, spec["step"], actor=request.user, obj=obj, action=action, decision=decision)
        if ok:
            messages.success(request, _("Saved."))
            return redirect("admissions:case", kind, obj.pk)
        refusal = res
        obj.refresh_from_db()
    return render(request, "admissions/case.html", _case_ctx(request, obj, kind, spec, rows, form, refusal))


@login_required
@require_http_methods(["GET", "POST"])
def case_new(request: HttpRequest, kind: str) -> HttpResponse:
    """Open a file: a special-status application (W-06), an incoming exchange application (W-07) or the logged-in
    student's outgoing exchange request (W-08). A transfer (W-09) opens from the Trustees' decision, not here."""
    from bilim.apps.people.models import Student

    forms_by_kind = {"special": f.SpecialApplyForm, "incoming": f.IncomingApplyForm, "outgoing": f.OutgoingRequestForm}
    if kind not in forms_by_kind:
        raise Http404
    student = None
    if kind == "outgoing":
        student = Student.objects.filter(person__user=signed_in(request), institution__regulation_set="ktmu_postgrad").first()
        if student is None:
            raise PermissionDenied
    form = forms_by_kind[kind](request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = dict(form.cleaned_data)
        if kind == "special":
            ok, res = _apply_service(request, svc.special_apply, actor=request.user, **d)
        elif kind == "incoming":
            ok, res = _apply_service(request, svc.incoming_apply, actor=request.user, **d)
        else:
            ok, res = _apply_service(request, svc.outgoing_request, actor=request.user, student=student, **d)
        if ok:
            return redirect("admissions:case", kind, res.pk)
        form.add_error(None, str(res))
        for e in getattr(res, "explanations", []):
            form.add_error(None, f"{', '.join(e.rule_ids)}: {e.message(lang())}")
    return render(request, "admissions/form.html", {"form": form, "title": CASES[kind]["title"], "testid": f"new-{kind}"})


def _case_ctx(request: HttpRequest, obj: Any, kind: str, spec: dict[str, Any], rows: list[Any], form: Any, refusal: Any) -> dict[str, Any]:
    code = spec["code"]
    from bilim.apps.core.listing import display

    # words, not codes: a choice by its label, a yes/no by its word
    fields = [(fld.verbose_name, getattr(obj, f"get_{fld.name}_display")() if fld.choices else display(getattr(obj, fld.name)))
              for fld in obj._meta.concrete_fields if fld.name not in ("id", "state", "version", "user")]
    return {"obj": obj, "kind": kind, "title": spec["title"], "code": code, "fields": fields, "refusal": refusal, "form": form,
            "actions": [{"action": t.action, "label": action_label(code, t.action), "body": any(a.startswith("body:") for a in t.authority)} for t in rows],
            "transitions": history(obj)}


# --- list of applications (search, paging, CSV) ----------------------------------------------------------------

APPLICATIONS = ListSpec(
    action="admissions.view_application",
    queryset=lambda: Application.objects.select_related("round__programme").order_by("-round__year", "round__programme__code", "rank", "number"),
    title=_lazy("Applications"),
    columns=[
        Column(_lazy("Applicant number"), lambda a: a.number, link=True),
        Column(_lazy("Name"), lambda a: a.full_name),
        Column(_lazy("Programme"), lambda a: a.round.programme.name(lang())),
        Column(_lazy("Year"), lambda a: a.round.year),
        Column(_lazy("State"), lambda a: state_label(a.workflow_code, a.state)),
        Column(_lazy("Composite score"), lambda a: a.composite),
        Column(_lazy("Rank"), lambda a: a.rank),
    ],
    detail_url="admissions:application",
    search_fields=["number", "last_name", "first_name", "round__programme__code"],
    export_url="admissions:applications_csv",
    csv_name="admission-applications",
)
applications = make_list_view(APPLICATIONS)
applications_csv = make_export_view(APPLICATIONS)

