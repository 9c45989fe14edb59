"""Thin views of the mobility app: forms in, services called, refusals shown with their explanations."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.syndication.views import Feed
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l
from django.views.decorators.http import require_POST

from bilim.apps.accounts.permissions import can, require, restrict
from bilim.apps.audit.services import history
from bilim.apps.core.numbers import (
    AMOUNT,
    GPA_OSU,
    ISP_CREDITS,
    SCORE_100,
    Domain,
    NumberError,
    clean_decimal,
    parse_decimal,
)
from bilim.apps.core.official import document_language, not_issued
from bilim.apps.core.official import language_links as document_languages_all
from bilim.apps.core.params import VersionForm, YearFilterForm, page_of, parse_id, validate
from bilim.apps.curriculum.models import Course
from bilim.apps.mobility import forms as f
from bilim.apps.mobility import models as m
from bilim.apps.mobility import selectors as sel
from bilim.apps.mobility import services as svc
from bilim.apps.mobility.actions import incoming_actions, student_actions, trip_actions
from bilim.apps.mobility.workflows import active_state, code_of, next_targets
from bilim.apps.workflow.actions import transition_step_back
from bilim.apps.workflow.services import TransitionRefused
from bilim.apps.workflow.services import history as transitions


def _lang() -> str:
    code = (get_language() or "ky")[:2]
    return code if code in {"ky", "ru", "en", "tr"} else "ky"


def _page(request: HttpRequest, qs: Any, size: int = 25) -> Any:
    return page_of(request, qs, size)  # the search text and page number are validated: bad ones are a 400


def _refusal(request: HttpRequest, e: Exception) -> None:
    if isinstance(e, TransitionRefused):
        cited = {r for expl in e.explanations for r in expl.rule_ids}
        extra = [r for r in e.extra_rule_ids if r not in cited]
        messages.error(request, f"{e} ({_('rule')} {', '.join(extra)})" if extra else str(e))
        for expl in e.explanations:
            messages.error(request, f"[{', '.join(expl.rule_ids)}] {expl.message(_lang())}")
    elif isinstance(e, ValidationError):
        for field, errs in (e.message_dict.items() if hasattr(e, "error_dict") else [("", e.messages)]):
            for msg in errs:
                messages.error(request, f"{field}: {msg}" if field and field != "__all__" else msg)


def _form_errors(form: Any, e: ValidationError) -> None:
    if hasattr(e, "error_dict"):
        for field, errs in e.message_dict.items():
            form.add_error(field if field in form.fields else None, errs)
    else:
        form.add_error(None, e.messages)


# --- public pages ----------------------------------------------------------------------------------------------


def partners(request: HttpRequest) -> HttpResponse:
    qs = sel.partners(request.GET.get("q", ""), request.GET.get("country", ""))
    return render(request, "mobility/partners.html", {"page": _page(request, qs), "q": request.GET.get("q", ""), "country": request.GET.get("country", ""),
                                                      "perms_ird": can(request.user, "mobility.mail_partner_list")})


def calls(request: HttpRequest) -> HttpResponse:
    qs = sel.published_calls(request.GET.get("q", ""), request.GET.get("programme", ""))
    return render(request, "mobility/calls.html", {"page": _page(request, qs), "q": request.GET.get("q", ""),
                                                   "programmes": m.FundingProgramme.choices, "programme": request.GET.get("programme", ""),
                                                   "can_manage": can(request.user, "mobility.manage_calls")})


def call_detail(request: HttpRequest, pk: int) -> HttpResponse:
    call = get_object_or_404(m.Call.objects.select_related("host"), pk=pk)
    if not call.published and not can(request.user, "mobility.manage_calls"):
        raise Http404
    results = []
    if call.results_published_at or can(request.user, "mobility.run_selection"):
        results = list(call.applications.exclude(rank__isnull=True).select_related("student__person").order_by("rank"))
    student = getattr(getattr(request.user, "person", None), "studentships", None)
    student = student.order_by("-id").first() if student is not None else None
    ctx: dict[str, Any] = {"call": call, "results": results, "ranking_expl": sel.explanations(call.ranking_explanation),
           "checklist": [] if call.level == m.Level.STAFF else sel.required_documents(call, student),
           "can_run": can(request.user, "mobility.run_selection"), "can_manage": can(request.user, "mobility.manage_calls"),
           "history": history(call) if request.user.is_authenticated else []}
    if ctx["can_manage"]:
        from django.contrib.auth import get_user_model

        ctx["commission"] = list(call.commission.order_by("username"))
        ctx["commission_candidates"] = get_user_model().objects.filter(
            roles__role__in=["ird_officer", "deputy_dean_ir"]).exclude(pk__in=[u.pk for u in ctx["commission"]]).distinct().order_by("username")
    return render(request, "mobility/call_detail.html", ctx)


@require_POST
@login_required
def call_act(request: HttpRequest, pk: int) -> HttpResponse:
    call = get_object_or_404(m.Call, pk=pk)
    action = request.POST.get("action")
    try:
        if action == "publish":
            outcome = svc.call_publish(actor=request.user, call=call)
            if outcome.verdict and outcome.verdict.value == "WARN":
                messages.warning(request, outcome.message(_lang()))
        elif action == "rank":
            svc.call_rank(actor=request.user, call=call)
        elif action == "publish_results":
            svc.call_publish_results(actor=request.user, call=call)
        messages.success(request, _("Done."))
    except (TransitionRefused, ValidationError) as e:
        _refusal(request, e)
    return redirect("mobility:call", pk=pk)


@login_required
def call_new(request: HttpRequest) -> HttpResponse:
    require(request.user, "mobility.manage_calls")
    form = f.CallForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            call = svc.call_create(actor=request.user, data=form.cleaned_data)
            return redirect("mobility:call", pk=call.pk)
        except ValidationError as e:
            _form_errors(form, e)
    return render(request, "mobility/form.html", {"form": form, "title": _("New call")})


class CallsFeed(Feed):
    """Atom feed of published calls (OSU-5.4-3)."""

    feed_type = Atom1Feed
    link = "/mobility/calls/"

    def title(self) -> str:
        return _("OshSU academic mobility calls")

    def subtitle(self) -> str:
        return _("Calls for applications of the International Relations Department")

    def items(self) -> Any:
        return m.Call.objects.filter(published=True).order_by("-published_at")[:50]

    def item_title(self, item: m.Call) -> str:
        return item.title

    def item_description(self, item: m.Call) -> str:
        return f"{item.host} · {item.get_programme_display()} · {_('application deadline')}: {item.deadline}"

    def item_link(self, item: m.Call) -> str:
        return reverse("mobility:call", args=[item.pk])

    def item_pubdate(self, item: m.Call) -> Any:
        return item.published_at

    def item_updateddate(self, item: m.Call) -> Any:
        return item.published_at or timezone.now()


# --- student applications ---------------------------------------------------------------------------------------


@login_required
def applications(request: HttpRequest) -> HttpResponse:
    require(request.user, "mobility.view_application")
    qs = sel.applications(request.user, request.GET.get("q", ""), request.GET.get("state", ""), request.GET.get("term", ""))
    return render(request, "mobility/applications.html", {"page": _page(request, qs), "q": request.GET.get("q", ""),
                                                          "state": request.GET.get("state", ""), "term": request.GET.get("term", ""),
                                                          "can_apply": can(request.user, "mobility.apply")})


@login_required
def application_new(request: HttpRequest) -> HttpResponse:
    require(request.user, "mobility.apply")
    student = getattr(getattr(request.user, "person", None), "studentships", None)
    student = student.order_by("-id").first() if student is not None else None
    call = _call_of(request)
    initial: dict[str, Any] = {"call": call}
    if call is not None:  # the call page prefills its host and dates
        initial.update(host=call.host_id, start_date=call.mobility_start, end_date=call.mobility_end)
    form = f.ApplicationForm(request.POST or None, initial=initial)
    if student is None:
        messages.error(request, _("Only a student can apply for mobility."))
    elif request.method == "POST" and form.is_valid():
        try:
            mob = svc.application_create(actor=request.user, student=student, **form.cleaned_data)
            messages.success(request, _("Your application is saved as a draft. Upload the documents and submit it."))
            return redirect("mobility:application", pk=mob.pk)
        except ValidationError as e:
            _form_errors(form, e)
    return render(request, "mobility/form.html", {"form": form, "title": _("Mobility application"), "call": call,
                                                  "checklist": sel.required_documents(call, student) if call is not None else []})


def _call_of(request: HttpRequest) -> m.Call | None:
    """The published call named by ``?call=`` (a bad or unknown id is simply no call)."""
    raw = request.GET.get("call", "")
    return m.Call.objects.filter(published=True, pk=int(raw)).select_related("host").first() if raw.isdecimal() and len(raw) < 10 else None


def _get_mobility(request: HttpRequest, pk: int) -> m.StudentMobility:
    qs = restrict(request.user, "mobility.view_application", m.StudentMobility.objects.select_related("student__person", "host", "call"))
    return get_object_or_404(qs, pk=pk)


@login_required
def application_detail(request: HttpRequest, pk: int) -> HttpResponse:
    mob = _get_mobility(request, pk)
    isp = svc.current_isp(mob)
    results = list(mob.host_results.select_related("recognition", "isp_item"))
    memory = {r.pk: [x for x in svc.recognition_memory(mob.host, r.host_code, r.title) if x.host_result_id != r.pk] for r in results}
    ctx: dict[str, Any] = {
        "mob": mob, "isp": isp, "items": list(isp.items.select_related("home_course", "dlt_result")) if isp else [],
        "isp_versions": mob.isp_versions.all(), "documents": mob.documents.all(), "results": results, "memory": memory,
        "las": mob.learning_agreements.all(), "checks": sel.explanations(mob.explanation),
        "failed_expl": sel.explanations(mob.failed_credits_explanation), "next": next_targets("student", mob.state, mob),
        "transitions": transitions(mob), "history": history(mob), "doc_form": f.DocumentForm(),
        "courses": Course.objects.filter(institution=mob.student.institution).order_by("code")[:500],
        "criteria": [k for k in (mob.call.weights if mob.call else {}) if k != "GPA"], "can_score": can(request.user, "mobility.run_selection"),
        "documents_out": DOCUMENT_CODES_STUDENT, "documents_out_labels": documents_out(mob, DOCUMENT_CODES_STUDENT),
        "document_languages": document_languages(), "isp_expl": sel.explanations(isp.explanation) if isp else [],
        "workflow_code": code_of(mob, "student"), "stay_state": active_state(mob),
        "can_manage": restrict(request.user, "mobility.manage_applications", m.StudentMobility.objects.filter(pk=mob.pk)).exists(),
        "can_recognise": restrict(request.user, "mobility.recognise", m.StudentMobility.objects.filter(pk=mob.pk)).exists(),
        "can_edit_isp": restrict(request.user, "mobility.edit_isp", m.StudentMobility.objects.filter(pk=mob.pk)).exists(),
        "checklist": sel.required_documents(mob.call, mob.student, mob.term) if mob.state == "DRAFT" else [],
        "checklist_ticks": True, "checklist_done": {d.kind for d in mob.documents.all()} | ({"ISP"} if isp else set()),
    }
    from bilim.apps.mobility.views_office import file_context

    ctx.update(file_context(request, mob))
    from bilim.apps.mobility.views_documents import documents_context

    ctx.update(documents_context(request, mob))
    ctx["ferr"] = request.session.pop("mobility_field_errors", {})
    ctx["isp_draft"] = request.session.pop("mobility_isp_draft", {})
    ctx["acts"] = student_actions(request.user, mob)  # the steps this viewer may take now, asked of the engine
    return render(request, "mobility/application_detail.html", ctx)


FILE_ACTIONS = {"arrival", "letter", "la_change", "la_review", "finance"}  # office-support steps (views_office.file_act)
DOCUMENT_CODES_STUDENT = ["application", "nomination", "isp", "departure-order", "return-order", "recognition-sheet", "trip-report"]
DOCUMENT_LABELS = {
    "application": _l("Application"), "nomination": _l("Nomination (Appendix 1)"), "isp": _l("Individual study plan (Appendix 2)"),
    "departure-order": _l("Departure order"), "return-order": _l("Return order"), "recognition-sheet": _l("Recognition decision sheet"),
    "trip-report": _l("Trip report (Appendix 4)"), "trip-application": _l("Business trip application"), "trip-order": _l("Order"),
}


def document_languages() -> list[tuple[str, str]]:
    from bilim.apps.mobility.documents.render import LANGS

    return document_languages_all(LANGS)


def documents_out(mob_or_trip: Any, codes: list[str]) -> list[tuple[str, Any]]:
    """The generated documents a record can produce now: an order only once it is issued."""
    from bilim.apps.mobility.documents.render import ORDERS

    return [(c, DOCUMENT_LABELS[c]) for c in codes if c not in ORDERS or getattr(mob_or_trip, ORDERS[c], None) is not None]


def _date(v: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(v) if v else None
    except ValueError:
        raise ValidationError({"date": _("Enter a valid date.")}) from None


def _dec(v: str | None, field: str, domain: Domain) -> Decimal:
    """A typed number through the one parsing path (finite, within the field's digits and domain)."""
    return clean_decimal(v, domain, field)  # type: ignore[return-value]  # required: never None


def _parse_isp(text: str, institution: Any) -> list[dict[str, Any]]:
    """Lines ``KIND | host code | title | ECTS | home course code | component`` (KIND = HOST or DLT)."""
    items = []
    for n, line in enumerate([x for x in text.splitlines() if x.strip()], 1):
        parts = [p.strip() for p in line.split("|")]
        if len(parts) < 4:
            raise ValidationError({"items": _("Line %(n)s: write KIND | code | title | ECTS [| home course code | component].") % {"n": n}})
        kind, code, title, credits = parts[:4]
        try:
            ects = parse_decimal(credits, ISP_CREDITS)
        except NumberError as e:
            raise ValidationError({"items": _("Line %(n)s: ECTS credits: %(error)s") % {"n": n, "error": e.message}}) from None
        item: dict[str, Any] = {"kind": kind.upper() if kind.upper() in ("HOST", "DLT") else "HOST", "host_code": code, "title": title,
                                "credits": ects}
        if len(parts) > 4 and parts[4]:
            course = Course.objects.filter(institution=institution, code=parts[4]).first()
            if course is None:
                raise ValidationError({"items": _("Line %(n)s: no home course with code %(code)s.") % {"n": n, "code": parts[4]}})
            item["home_course"] = course
        if len(parts) > 5 and parts[5] in ("EQUIVALENT_DISCIPLINE", "UNIV_COMP", "ELECTIVE"):
            item["component"] = parts[5]
        items.append(item)
    return items


@require_POST
@login_required
def application_act(request: HttpRequest, pk: int) -> HttpResponse:
    mob = _get_mobility(request, pk)
    P, u = request.POST, request.user
    action = P.get("action", "")
    version = validate(VersionForm(P))["version"]
    try:
        if action == "step_back":
            transition_step_back(actor=u, obj=mob, workflow_code=code_of(mob, "student"), reason=P.get("reason", ""),
                                 expected_version=version)
        elif action == "submit":
            svc.application_submit(actor=u, mobility=mob, expected_version=version)
        elif action == "upload":
            form = f.DocumentForm(P, request.FILES)
            if not form.is_valid():
                raise ValidationError({k: [str(x) for x in v] for k, v in form.errors.items()})
            svc.document_upload(actor=u, mobility=mob, kind=form.cleaned_data["kind"], file=form.cleaned_data["file"])
        elif action == "score":
            scores = {k: _dec(P.get(f"score_{k}"), k, SCORE_100) for k in (mob.call.weights if mob.call else {}) if k != "GPA"}
            svc.selection_score(actor=u, mobility=mob, scores=scores, gpa=_dec(P.get("gpa"), "gpa", GPA_OSU),
                                has_language_certificate=bool(P.get("certificate")))
        elif action == "cancel":
            svc.application_cancel(actor=u, mobility=mob, reason=P.get("reason", ""))
        elif action == "docs_complete":
            svc.documents_complete(actor=u, mobility=mob)
        elif action == "select_individual":
            svc.select_individual(actor=u, mobility=mob)
        elif action == "nominate":
            svc.nominate(actor=u, mobility=mob)
        elif action == "refer":
            svc.refer(actor=u, mobility=mob)
        elif action == "withdraw":
            svc.withdraw(actor=u, mobility=mob, reason=P.get("reason", ""))
        elif action == "host_decline":
            svc.host_decline(actor=u, mobility=mob, reason=P.get("reason", ""))
        elif action == "invite":
            svc.invite(actor=u, mobility=mob, invitation=request.FILES.get("invitation"))
        elif action == "isp_new":
            svc.isp_create_version(actor=u, mobility=mob, items=_parse_isp(P.get("items", ""), mob.student.institution),
                                   change_reason=P.get("change_reason", ""), provisional=bool(P.get("provisional")))
        elif action == "isp_sign":
            isp = svc.current_isp(mob)
            if isp is None:
                raise ValidationError({"isp": _("There is no ISP yet.")})
            svc.isp_sign(actor=u, isp=isp, step=P.get("step", ""))
        elif action == "isp_approved":
            svc.isp_approved(actor=u, mobility=mob)
        elif action == "la_sign":
            d = _date(P.get("date")) or svc.today()
            svc.la_sign(actor=u, mobility=mob, student_on=d, home_on=d, host_on=d)
        elif action == "brief":
            svc.brief(actor=u, mobility=mob)
        elif action == "order":
            svc.departure_order_issue(actor=u, mobility=mob, number=P.get("number", ""))
        elif action == "depart":
            svc.depart(actor=u, mobility=mob)
        elif action == "return":
            svc.return_order_issue(actor=u, mobility=mob, number=P.get("number", ""), returned_on=_date(P.get("date")) or svc.today())
        elif action == "docs_returned":
            svc.results_documents_submit(actor=u, mobility=mob, submitted_on=_date(P.get("date")) or svc.today())
        elif action == "host_result":
            svc.host_result_add(actor=u, mobility=mob, title=P.get("title", ""), host_code=P.get("host_code", ""),
                                credits=_dec(P.get("credits"), "credits", ISP_CREDITS), grade=P.get("grade", ""), grade_scale=P.get("grade_scale", "ECTS"),
                                outcome=P.get("outcome", "PASSED"))
        elif action == "import_tor":
            upload = request.FILES.get("xml")
            if upload is None:
                raise ValidationError({"xml": _("Choose the partner's XML file.")})
            svc.host_results_import_tor(actor=u, mobility=mob, xml=upload.read())
        elif action == "recognise":
            hr = get_object_or_404(m.HostResult, pk=parse_id(P.get("result")) or 0, mobility=mob)  # "abc", "²" → a 400
            course_id = parse_id(P.get("home_course"), label=_("Home course"))
            course = Course.objects.filter(pk=course_id).first() if course_id else None
            svc.recognition_decide(actor=u, host_result=hr, decision=P.get("decision", ""), home_course=course,
                                   component=P.get("component", "EQUIVALENT_DISCIPLINE"), reason=P.get("reason", ""))
        elif action == "recognition_close":
            svc.recognition_close(actor=u, mobility=mob)
        elif action == "retake":
            svc.retake_passed(actor=u, mobility=mob, paid_on=_date(P.get("date")) or svc.today())
        elif action == "dlt":
            item = get_object_or_404(m.IspItem, pk=parse_id(P.get("item")) or 0, isp__mobility=mob)
            score = _dec(P.get("score"), "score", SCORE_100)
            # pass/fail is the examiner's decision under the home grading rules (not set by this regulation)
            if P.get("passed") not in ("yes", "no"):
                raise ValidationError({"passed": _("Say whether the exam was passed.")})
            svc.dlt_result_record(actor=u, item=item, exam_on=_date(P.get("date")) or svc.today(), score=score,
                                  passed=P.get("passed") == "yes")
        elif action == "dlt_close":
            svc.dlt_close(actor=u, mobility=mob)
        elif action == "dlt_debt_clear":
            item = get_object_or_404(m.IspItem, pk=parse_id(P.get("item")) or 0, isp__mobility=mob)
            svc.dlt_debt_clear(actor=u, item=item, cleared_on=_date(P.get("date")))
        elif action == "dlt_flag":
            svc.dlt_flag_no_window(actor=u, mobility=mob)
        elif action == "dlt_schedule":
            svc.dlt_schedule(actor=u, mobility=mob, exams_on=_date(P.get("date")))
        elif action == "academic_close":
            svc.academic_close(actor=u, mobility=mob)
        elif action == "close":
            svc.mobility_close(actor=u, mobility=mob, report_text=P.get("report", ""), interview_on=_date(P.get("interview_on")))
        elif action in FILE_ACTIONS:
            from bilim.apps.mobility.views_office import file_act

            file_act(request, mob, action)
        else:
            raise ValidationError(_("Unknown step."))
        messages.success(request, _("Done."))
    except (TransitionRefused, ValidationError) as e:
        _refusal(request, e)
        if (action in FILE_ACTIONS or action == "isp_new") and isinstance(e, ValidationError) and hasattr(e, "error_dict"):
            request.session["mobility_field_errors"] = {action: e.message_dict}  # shown beside the fields on the next page
        if action == "isp_new":  # the study plan the student typed comes back in the form, not lost
            request.session["mobility_isp_draft"] = {"items": P.get("items", "")[:20000], "change_reason": P.get("change_reason", "")[:2000]}
    return redirect("mobility:application", pk=pk)


# --- staff trips ------------------------------------------------------------------------------------------------------


@login_required
def trips(request: HttpRequest) -> HttpResponse:
    require(request.user, "mobility.view_trip")
    qs = sel.trips(request.user, request.GET.get("q", ""), request.GET.get("state", ""))
    return render(request, "mobility/trips.html", {"page": _page(request, qs), "q": request.GET.get("q", ""), "state": request.GET.get("state", ""),
                                                   "can_apply": can(request.user, "mobility.apply_trip")})


@login_required
def trip_new(request: HttpRequest) -> HttpResponse:
    require(request.user, "mobility.apply_trip")
    staff = getattr(getattr(request.user, "person", None), "employments", None)
    staff = staff.order_by("-id").first() if staff is not None else None
    call = _call_of(request)
    initial = {"host": call.host_id, "start_date": call.mobility_start, "end_date": call.mobility_end} if call is not None else {}
    form = f.TripForm(request.POST or None, request.FILES or None, institution=staff.institution if staff is not None else None, initial=initial)
    if staff is None:
        messages.error(request, _("Only a staff member can apply for a business trip."))
    elif request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            trip = svc.trip_create(actor=request.user, staff=staff, host=d["host"], purpose=d["purpose"], start_date=d["start_date"],
                                   end_date=d["end_date"], funding_sources=d["funding"], project_funded="PROJECT" in d["funding"],
                                   project_leader=d.get("project_leader"), substitution_info=d["substitution_info"], invitation=d["invitation"])
            return redirect("mobility:trip", pk=trip.pk)
        except ValidationError as e:
            _form_errors(form, e)
    return render(request, "mobility/form.html", {"form": form, "title": _("Business trip application"), "multipart": True, "call": call})


def _get_trip(request: HttpRequest, pk: int) -> m.StaffTrip:
    return get_object_or_404(restrict(request.user, "mobility.view_trip", m.StaffTrip.objects.select_related("staff__person", "host")), pk=pk)


@login_required
def trip_detail(request: HttpRequest, pk: int) -> HttpResponse:
    trip = _get_trip(request, pk)
    expense = svc.trip_expense_status(trip)
    return render(request, "mobility/trip_detail.html", {"trip": trip, "expense": expense, "checks": sel.explanations(trip.explanation),
                                                         "transitions": transitions(trip), "history": history(trip),
                                                         "next": next_targets("staff", trip.state), "acts": trip_actions(request.user, trip),
                                                         "documents_out_labels": documents_out(trip, ["trip-application", "trip-order"]),
                                                         "document_languages": document_languages()})


@require_POST
@login_required
def trip_act(request: HttpRequest, pk: int) -> HttpResponse:
    trip = _get_trip(request, pk)
    P, u = request.POST, request.user
    action = P.get("action", "")
    try:
        if action == "step_back":
            transition_step_back(actor=u, obj=trip, workflow_code="osu.staff_outgoing", reason=P.get("reason", ""))
        elif action == "submit":
            svc.trip_submit(actor=u, trip=trip)
        elif action in ("approve", "reject"):
            svc.trip_decide(actor=u, trip=trip, decision="APPROVED" if action == "approve" else "REJECTED", reason=P.get("reason", ""))
        elif action == "order":
            svc.trip_order_issue(actor=u, trip=trip, number=P.get("number", ""))
        elif action == "start":
            svc.trip_start(actor=u, trip=trip)
        elif action == "return":
            svc.trip_return(actor=u, trip=trip, returned_on=_date(P.get("date")) or svc.today())
        elif action == "expenses":
            svc.trip_expense_report(actor=u, trip=trip, submitted_on=_date(P.get("date")) or svc.today())
        elif action == "reporting":
            svc.trip_reporting(actor=u, trip=trip)
        elif action == "close":
            today = svc.today()
            svc.trip_close(actor=u, trip=trip, discussed_on=_date(P.get("discussed_on")) or today, presented_on=_date(P.get("presented_on")) or today,
                           ird_report_on=_date(P.get("ird_report_on")) or today, proposals=P.get("proposals", ""))
        else:
            raise ValidationError(_("Unknown step."))
        messages.success(request, _("Done."))
    except (TransitionRefused, ValidationError) as e:
        _refusal(request, e)
    return redirect("mobility:trip", pk=pk)


# --- incoming -------------------------------------------------------------------------------------------------------------


@login_required
def incoming(request: HttpRequest) -> HttpResponse:
    if not can(request.user, "mobility.view_incoming"):
        raise PermissionDenied
    qs = sel.incoming(request.user, request.GET.get("q", ""), request.GET.get("state", ""))
    return render(request, "mobility/incoming.html", {"page": _page(request, qs), "q": request.GET.get("q", ""), "state": request.GET.get("state", "")})


@login_required
def incoming_new(request: HttpRequest) -> HttpResponse:
    require(request.user, "mobility.manage_incoming")
    form = f.IncomingForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            inc = svc.incoming_register(actor=request.user, **form.cleaned_data)
            return redirect("mobility:incoming_detail", pk=inc.pk)
        except ValidationError as e:
            _form_errors(form, e)
    return render(request, "mobility/form.html", {"form": form, "title": _("Register an incoming participant")})


@login_required
def incoming_detail(request: HttpRequest, pk: int) -> HttpResponse:
    inc = get_object_or_404(restrict(request.user, "mobility.view_incoming", m.IncomingMobility.objects.all()), pk=pk)
    from bilim.apps.people.models import Staff

    acts = incoming_actions(request.user, inc)  # the steps this viewer may take now, asked of the engine
    return render(request, "mobility/incoming_detail.html", {"inc": inc, "transitions": transitions(inc), "history": history(inc),
                                                             "next": [(o.target, o.action) for o in acts.visible() if o.allowed],
                                                             "blocked": [o for o in acts.visible() if not o.allowed], "acts": acts,
                                                             "workflow_code": code_of(inc, "incoming"), "checks": sel.explanations(inc.explanation),
                                                             "ferr": request.session.pop("incoming_field_errors", {}),
                                                             "staff": Staff.objects.filter(institution__is_home=True).select_related("person")[:300]})


@require_POST
@login_required
def incoming_act(request: HttpRequest, pk: int) -> HttpResponse:
    inc = get_object_or_404(restrict(request.user, "mobility.view_incoming", m.IncomingMobility.objects.all()), pk=pk)
    P = request.POST
    data: dict[str, Any] = {}
    try:
        if P.get("action") == "step_back":
            transition_step_back(actor=request.user, obj=inc, workflow_code=code_of(inc, "incoming"), reason=P.get("reason", ""))
            messages.success(request, _("Done."))
            return redirect("mobility:incoming_detail", pk=pk)
        if P.get("coordinator"):
            data["coordinator_id"] = parse_id(P["coordinator"], label=_("Coordinator"))  # int("²") was a 500
        if P.get("groups"):
            data["groups"] = P["groups"]
        if P.get("avn_registered"):
            data["avn_registered"] = True
        if P.get("visa_valid_until"):
            data["visa_valid_until"] = _date(P["visa_valid_until"])
        if P.get("target") == "RESULTS_ISSUED":
            data["results_issued_on"] = svc.today()
        if P.get("target") == "ON_SITE":  # the fee recorded for the visit (OSU-6.3-1), through the one parsing path
            data["fee_amount"] = clean_decimal(P.get("fee_amount") or "0", AMOUNT, "fee_amount")
            data["fee_reason"] = P.get("fee_reason", "")[:300]
        svc.incoming_step(actor=request.user, inc=inc, target=P.get("target", ""), reason=P.get("reason", ""), **data)
        messages.success(request, _("Done."))
    except (TransitionRefused, ValidationError) as e:
        _refusal(request, e)
        request.session["incoming_field_errors"] = _incoming_field_errors(e)  # shown beside the fields on the next page
    return redirect("mobility:incoming_detail", pk=pk)


#: Rules whose refusal is about one field of the incoming page (the explanation is shown beside it).
INCOMING_RULE_FIELDS = {"OSU-6.3-1": "fee_amount", "OSU-4.8-HOST-1": "coordinator", "OSU-4.8-HOST-3": "groups"}


def _incoming_field_errors(e: Exception) -> dict[str, list[str]]:
    if isinstance(e, ValidationError) and hasattr(e, "error_dict"):
        return {k: [str(x) for x in v] for k, v in e.message_dict.items()}
    out: dict[str, list[str]] = {}
    for expl in getattr(e, "explanations", []):
        field = next((INCOMING_RULE_FIELDS[r] for r in expl.rule_ids if r in INCOMING_RULE_FIELDS), None)
        if field:
            out.setdefault(field, []).append(f"[{', '.join(expl.rule_ids)}] {expl.message(_lang())}")
    return out


# --- overdue, statistics ------------------------------------------------------------------------------------------------------


@login_required
def overdue(request: HttpRequest) -> HttpResponse:
    if not can(request.user, "mobility.view_overdue"):
        raise PermissionDenied
    return render(request, "mobility/overdue.html", {"docs": sel.overdue_documents(request.user), "expenses": sel.overdue_expenses(request.user)})


def _year(request: HttpRequest) -> dt.date | None:
    y = validate(YearFilterForm(request.GET))["year"]  # "0", "99999", "²" are a 400, not a 500
    return dt.date(y, 9, 1) if y is not None else None


@login_required
def stats(request: HttpRequest) -> HttpResponse:
    require(request.user, "mobility.view_statistics")
    template = "mobility/presentation.html" if request.GET.get("print") else "mobility/stats.html"
    return render(request, template, {"s": sel.statistics(_year(request), _lang()), "year": request.GET.get("year", "")})


@login_required
def stats_xlsx(request: HttpRequest) -> HttpResponse:
    require(request.user, "mobility.export_statistics")
    from bilim.apps.mobility.documents.xlsx import statistics_workbook

    data = statistics_workbook(sel.statistics(_year(request), _lang()), _lang())
    resp = HttpResponse(data, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    resp["Content-Disposition"] = 'attachment; filename="mobility-statistics.xlsx"'
    return resp


# --- documents ---------------------------------------------------------------------------------------------------------------


@login_required
def application_document(request: HttpRequest, pk: int, code: str, fmt: str) -> HttpResponse:
    mob = _get_mobility(request, pk)
    from bilim.apps.mobility.documents import render as docs

    lang = document_language(request.GET.get("lang"), docs.LANGS, default="ky")  # the document's language, not the UI's
    try:
        data, ctype = docs.student_document(mob, code, fmt, lang)
    except KeyError:
        raise Http404 from None
    except docs.NotIssued:
        return not_issued(request, reverse("mobility:application", args=[mob.pk]))
    resp = HttpResponse(data, content_type=ctype)
    resp["Content-Disposition"] = f'attachment; filename="{code}-{mob.pk}-{lang}.{fmt}"'
    return resp


@login_required
def trip_document(request: HttpRequest, pk: int, code: str, fmt: str) -> HttpResponse:
    trip = _get_trip(request, pk)
    from bilim.apps.mobility.documents import render as docs

    lang = document_language(request.GET.get("lang"), docs.LANGS, default="ky")  # the document's language, not the UI's
    try:
        data, ctype = docs.trip_document(trip, code, fmt, lang)
    except KeyError:
        raise Http404 from None
    except docs.NotIssued:
        return not_issued(request, reverse("mobility:trip", args=[trip.pk]))
    resp = HttpResponse(data, content_type=ctype)
    resp["Content-Disposition"] = f'attachment; filename="{code}-{trip.pk}-{lang}.{fmt}"'
    return resp


@login_required
def application_ewp(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    mob = _get_mobility(request, pk)
    from bilim.apps.mobility.documents import ewp

    if kind == "la":
        xml = ewp.learning_agreement_xml(mob)
    elif kind == "tor":
        xml = ewp.transcript_xml(mob)
    else:
        raise Http404
    return HttpResponse(xml, content_type="application/xml")
