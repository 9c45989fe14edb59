"""Thin views of the office-support features (tasks, consultations, correspondence, programmes and events, partner-list
mailing) and the extra steps on a student's file (arrival, letters, LA changes, finance)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from bilim.apps.accounts.permissions import can, require, restrict
from bilim.apps.audit.services import history
from bilim.apps.core.numbers import AMOUNT, ISP_CREDITS, Domain, clean_decimal
from bilim.apps.core.params import parse_id
from bilim.apps.mobility import forms as f
from bilim.apps.mobility import models as m
from bilim.apps.mobility import selectors as sel
from bilim.apps.mobility import services_office as office
from bilim.apps.mobility.views import _date, _form_errors, _page, _refusal
from bilim.apps.org.models import Institution, Unit


def _opt_dec(v: str | None, field: str, domain: Domain) -> Decimal | None:
    """An optional typed number through the one parsing path (empty → None)."""
    return clean_decimal(v, domain, field, required=False)


# --- tasks (OSU-4.8-IRD-1, OSU-4.8-VDIR-12) -----------------------------------------------------------------------------


@login_required
def tasks(request: HttpRequest) -> HttpResponse:
    require(request.user, "mobility.view_tasks")
    qs = restrict(request.user, "mobility.view_tasks", m.Task.objects.select_related("unit", "assignee", "mobility"))
    q, unit, status = request.GET.get("q", ""), request.GET.get("unit", ""), request.GET.get("status", "")
    if q:
        qs = qs.filter(Q(title__icontains=q) | Q(description__icontains=q))
    if (unit_id := parse_id(unit, label=_("Unit"))) is not None:
        qs = qs.filter(unit_id=unit_id)
    if status in m.Task.Status.values:
        qs = qs.filter(status=status)
    units = Unit.objects.filter(pk__in=restrict(request.user, "mobility.view_tasks", m.Task.objects.all()).values("unit")).order_by("code")
    return render(request, "mobility/tasks.html", {"page": _page(request, qs), "q": q, "unit": unit, "status": status, "units": units,
                                                   "statuses": m.Task.Status.choices, "can_create": can(request.user, "mobility.manage_tasks")})


@login_required
def task_new(request: HttpRequest) -> HttpResponse:
    require(request.user, "mobility.manage_tasks")
    form = f.TaskForm(request.POST or None, initial={"unit": request.GET.get("unit")})
    if request.method == "POST" and form.is_valid():
        try:
            task = office.task_create(actor=request.user, **form.cleaned_data)
            return redirect("mobility:task", pk=task.pk)
        except ValidationError as e:
            _form_errors(form, e)
    return render(request, "mobility/form.html", {"form": form, "title": _("New task")})


@login_required
def task_detail(request: HttpRequest, pk: int) -> HttpResponse:
    task = get_object_or_404(restrict(request.user, "mobility.view_tasks", m.Task.objects.select_related("unit", "assignee", "mobility")), pk=pk)
    if request.method == "POST":
        try:
            office.task_set_status(actor=request.user, task=task, status=request.POST.get("status", ""))
            messages.success(request, _("Done."))
        except (PermissionDenied, ValidationError) as e:
            if isinstance(e, PermissionDenied):
                raise
            _refusal(request, e)
        return redirect("mobility:task", pk=pk)
    return render(request, "mobility/task_detail.html", {"task": task, "history": history(task), "statuses": m.Task.Status.choices,
                                                         "can_update": can(request.user, "mobility.update_task")})


# --- consultations (OSU-4.8-IRD-2) -----------------------------------------------------------------------------------------


@login_required
def consultations(request: HttpRequest) -> HttpResponse:
    require(request.user, "mobility.view_consultations")
    qs = restrict(request.user, "mobility.view_consultations", m.Consultation.objects.select_related("author"))
    q, status = request.GET.get("q", ""), request.GET.get("status", "")
    if q:
        qs = qs.filter(Q(question__icontains=q) | Q(answer__icontains=q) | Q(author__username__icontains=q))
    if status in m.Consultation.Status.values:
        qs = qs.filter(status=status)
    return render(request, "mobility/consultations.html", {"page": _page(request, qs), "q": q, "status": status,
                                                           "statuses": m.Consultation.Status.choices,
                                                           "can_ask": can(request.user, "mobility.ask_consultation")})


@login_required
def consultation_new(request: HttpRequest) -> HttpResponse:
    require(request.user, "mobility.ask_consultation")
    form = f.ConsultationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            c = office.consultation_create(actor=request.user, **form.cleaned_data)
            messages.success(request, _("Your question was sent to the International Relations Department."))
            return redirect("mobility:consultation", pk=c.pk)
        except ValidationError as e:
            _form_errors(form, e)
    return render(request, "mobility/form.html", {"form": form, "title": _("Ask the International Relations Department")})


@login_required
def consultation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    c = get_object_or_404(restrict(request.user, "mobility.view_consultations", m.Consultation.objects.select_related("author", "answered_by")), pk=pk)
    error = ""
    if request.method == "POST":
        try:
            office.consultation_answer(actor=request.user, consultation=c, answer=request.POST.get("answer", ""))
            messages.success(request, _("Done."))
            return redirect("mobility:consultation", pk=pk)
        except ValidationError as e:
            error = " ".join(e.message_dict.get("answer", e.messages))
    return render(request, "mobility/consultation_detail.html", {"c": c, "history": history(c), "error": error,
                                                                 "can_answer": can(request.user, "mobility.answer_consultation")})


# --- partner correspondence (OSU-4.8-IRD-3) -----------------------------------------------------------------------------------


@login_required
def correspondence(request: HttpRequest) -> HttpResponse:
    require(request.user, "mobility.view_correspondence")
    qs = m.Correspondence.objects.filter(mobility__isnull=True).select_related("partner", "recorded_by")
    q, partner = request.GET.get("q", ""), request.GET.get("partner", "")
    if q:
        qs = qs.filter(Q(subject__icontains=q) | Q(note__icontains=q) | Q(partner__name_en__icontains=q))
    if (partner_id := parse_id(partner, label=_("Partner"))) is not None:
        qs = qs.filter(partner_id=partner_id)
    return render(request, "mobility/correspondence.html", {
        "page": _page(request, qs), "q": q, "partner": partner,
        "partners": Institution.objects.filter(is_home=False, mobility_letters__isnull=False).distinct().order_by("name_en"),
        "can_add": can(request.user, "mobility.manage_correspondence")})


@login_required
def correspondence_new(request: HttpRequest) -> HttpResponse:
    require(request.user, "mobility.manage_correspondence")
    form = f.CorrespondenceForm(request.POST or None, request.FILES or None, initial={"partner": request.GET.get("partner")})
    if request.method == "POST" and form.is_valid():
        try:
            entry = office.correspondence_add(actor=request.user, **form.cleaned_data)
            return redirect(f"{request.path.rsplit('new/', 1)[0]}?partner={entry.partner_id}")
        except ValidationError as e:
            _form_errors(form, e)
    return render(request, "mobility/form.html", {"form": form, "title": _("New letter"), "multipart": True})


# --- partner list to staff e-mail (OSU-5.4-2) ----------------------------------------------------------------------------------


@login_required
def partner_mailing(request: HttpRequest) -> HttpResponse:
    require(request.user, "mobility.mail_partner_list")
    if request.method == "POST":
        try:
            log = office.partner_list_send(actor=request.user)
            messages.success(request, _("The partner list was sent to %(n)s staff addresses.") % {"n": log.recipients})
        except ValidationError as e:
            _refusal(request, e)
        return redirect("mobility:partner_mailing")
    return render(request, "mobility/partner_mailing.html", {"page": _page(request, m.PartnerListMailing.objects.select_related("sent_by")),
                                                             "partners": sel.partners().count(), "recipients": len(office.staff_emails())})


# --- programmes and events (OSU-3.5-1, OSU-2.2-3) ---------------------------------------------------------------------------------


@login_required
def programmes(request: HttpRequest) -> HttpResponse:
    require(request.user, "mobility.view_programmes")
    qs = m.MobilityProgramme.objects.select_related("faculty", "partner")
    q, kind = request.GET.get("q", ""), request.GET.get("kind", "")
    if q:
        qs = qs.filter(Q(title__icontains=q) | Q(description__icontains=q) | Q(disciplines__icontains=q))
    if kind in m.MobilityProgramme.Kind.values:
        qs = qs.filter(kind=kind)
    return render(request, "mobility/programmes.html", {"page": _page(request, qs), "q": q, "kind": kind, "kinds": m.MobilityProgramme.Kind.choices,
                                                        "can_manage": can(request.user, "mobility.manage_programmes")})


@login_required
def programme_detail(request: HttpRequest, pk: int) -> HttpResponse:
    require(request.user, "mobility.view_programmes")
    p = get_object_or_404(m.MobilityProgramme.objects.select_related("faculty", "partner"), pk=pk)
    may_edit = request.user.is_authenticated and restrict(request.user, "mobility.manage_programmes", m.MobilityProgramme.objects.filter(pk=pk)).exists()
    participants = list(p.participants.select_related("home")) if can(request.user, "mobility.view_incoming") else []
    return render(request, "mobility/programme_detail.html", {"p": p, "courses": p.courses.select_related("home_course"), "may_edit": may_edit,
                                                              "participants": participants,
                                                              "history": history(p) if may_edit else []})


def _programme_form(request: HttpRequest, programme: m.MobilityProgramme | None) -> HttpResponse:
    initial = {}
    if programme is not None:
        initial = {k: getattr(programme, k) for k in ("kind", "title", "faculty", "partner", "starts_on", "ends_on", "description", "disciplines")}
        initial["correspondence"] = "\n".join(f"{c.host_code} | {c.host_title} | {c.credits} | {c.home_course.code if c.home_course else ''}"
                                              for c in programme.courses.select_related("home_course"))
    form = f.ProgrammeForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        corr = data.pop("correspondence", "")
        try:
            p = office.programme_save(actor=request.user, data=data, correspondence=corr, programme=programme)
            return redirect("mobility:programme", pk=p.pk)
        except ValidationError as e:
            _form_errors(form, e)
    return render(request, "mobility/form.html", {"form": form, "title": programme.title if programme else _("New mobility programme or event")})


@login_required
def programme_new(request: HttpRequest) -> HttpResponse:
    require(request.user, "mobility.manage_programmes")
    return _programme_form(request, None)


@login_required
def programme_edit(request: HttpRequest, pk: int) -> HttpResponse:
    p = get_object_or_404(restrict(request.user, "mobility.manage_programmes", m.MobilityProgramme.objects.all()), pk=pk)
    return _programme_form(request, p)


# --- extra steps on the student's file and the call's commission ------------------------------------------------------------

FILE_ACTIONS = {"arrival", "letter", "la_change", "la_review", "finance"}


def file_act(request: HttpRequest, mob: m.StudentMobility, action: str) -> None:
    """Dispatch of the office-support steps posted from the application page (errors propagate to the caller)."""
    P, u = request.POST, request.user
    if action == "arrival":
        task = office.arrival_confirm(actor=u, mobility=mob, met_on=_date(P.get("met_on")), plan_changes=bool(P.get("plan_changes")),
                                      change_reason=P.get("change_reason", ""))
        if task is not None:
            messages.info(request, _("The ISP change application was sent to the dean's office."))
    elif action == "letter":
        office.correspondence_add(actor=u, mobility=mob, on=_date(P.get("on")), direction=P.get("direction", ""), topic=P.get("topic", ""),
                                  subject=P.get("subject", ""), note=P.get("note", ""), attachment=request.FILES.get("attachment"))
    elif action == "la_change":
        office.la_change_record(actor=u, mobility=mob, change=P.get("change", ""), host_code=P.get("host_code", ""), title=P.get("title", ""),
                                credits=_opt_dec(P.get("credits"), "credits", ISP_CREDITS), reason=P.get("reason", ""), changed_on=_date(P.get("changed_on")))
    elif action == "la_review":
        ch = get_object_or_404(m.LaChange, pk=parse_id(P.get("change_id")) or 0, mobility=mob)
        office.la_change_review(actor=u, change=ch, approve=P.get("decision") == "approve", note=P.get("review_note", ""))
    elif action == "finance":
        office.finance_update(actor=u, mobility=mob, funding_programme=P.get("funding_programme", ""), fee_amount=_opt_dec(P.get("fee_amount"), "fee_amount", AMOUNT),
                              stipend_amount=_opt_dec(P.get("stipend_amount"), "stipend_amount", AMOUNT), currency=P.get("currency", ""))


def file_context(request: HttpRequest, mob: m.StudentMobility) -> dict[str, Any]:
    u = request.user
    letters_ok = restrict(u, "mobility.student_correspondence", m.StudentMobility.objects.filter(pk=mob.pk)).exists()
    return {
        "letters": list(mob.letters.select_related("recorded_by")) if letters_ok or can(u, "mobility.view_correspondence") else [],
        "can_letter": letters_ok, "letter_topics": m.Correspondence.Topic.choices, "directions": m.Correspondence.Direction.choices,
        "la_changes": list(mob.la_changes.select_related("recorded_by", "reviewed_by")),
        "can_la_change": restrict(u, "mobility.record_la_change", m.StudentMobility.objects.filter(pk=mob.pk)).exists(),
        "can_la_review": restrict(u, "mobility.review_la_change", m.StudentMobility.objects.filter(pk=mob.pk)).exists(),
        "la_change_kinds": m.LaChange.Change.choices,
        "can_arrival": mob.state in office.ABROAD_STATES and restrict(u, "mobility.confirm_arrival", m.StudentMobility.objects.filter(pk=mob.pk)).exists(),
        "can_finance": restrict(u, "mobility.record_finance", m.StudentMobility.objects.filter(pk=mob.pk)).exists(),
        "funding_choices": m.FundingProgramme.choices,
    }


@require_POST
@login_required
def call_commission(request: HttpRequest, pk: int) -> HttpResponse:
    call = get_object_or_404(m.Call, pk=pk)
    user = get_user_model().objects.filter(pk=parse_id(request.POST.get("user"), label=_("User")) or 0).first()
    try:
        if request.POST.get("op") == "remove" and user is not None:
            office.commission_remove(actor=request.user, call=call, user=user)
        else:
            office.commission_add(actor=request.user, call=call, user=user)
        messages.success(request, _("Done."))
    except ValidationError as e:
        _refusal(request, e)
    return redirect("mobility:call", pk=pk)
