"""Pages of amendment impact: the list and the proposal form, a proposal's report (progress, totals, the people
whose outcome changes with both explanations), its XLSX export, and putting it on a meeting's agenda."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from bilim.apps.amendments import forms as f
from bilim.apps.amendments import models as m
from bilim.apps.amendments import services as svc


def _apply_errors(form: f.forms.Form, exc: ValidationError) -> None:
    for field, errs in exc.message_dict.items():
        for e in errs:
            form.add_error(field if field in form.fields else None, e)


@login_required
def proposal_list(request: HttpRequest) -> HttpResponse:
    bodies = svc.proposable_bodies(request.user)
    proposals = svc.visible(request.user)
    if not bodies and not proposals.exists() and not svc.reads_all(request.user):
        raise PermissionDenied
    lang = svc.lang()
    parameter = request.GET.get("parameter") or "ktmu.grading_table"
    since = timezone.localdate()
    initial = {"parameter": parameter, "since": since, "value_text": svc.current_value_text(parameter, since)}
    form = f.ProposalForm(request.POST or None, bodies=bodies, lang=lang, initial=initial)
    status = 200
    if request.method == "POST":
        if not bodies:
            raise PermissionDenied
        if form.is_valid():
            body = next(b for b in bodies if b.pk == form.cleaned_data["body"])
            try:
                p = svc.proposal_create(actor=request.user, body=body, parameter=form.cleaned_data["parameter"],
                                        value_text=form.cleaned_data["value_text"], since=form.cleaned_data["since"],
                                        note=form.cleaned_data["note"])
                return redirect("amendments:detail", p.pk)
            except ValidationError as exc:
                _apply_errors(form, exc)
        status = 400
    current = {k: svc.current_value_text(k, since) for k in svc.PARAMETERS}
    return render(request, "amendments/list.html", {"title": _("Amendment impact"), "form": form, "may_propose": bool(bodies),
                                                    "proposals": proposals[:100], "labels": svc.PARAMETERS, "current": current},
                  status=status)


def _get(request: HttpRequest, pk: int) -> m.Proposal:
    p = m.Proposal.objects.select_related("body", "agenda_item__meeting__body").filter(pk=pk).first()
    if p is None or not svc.may_view(request.user, p):
        raise Http404
    return p


@login_required
def proposal_detail(request: HttpRequest, pk: int) -> HttpResponse:
    p = _get(request, pk)
    cases = p.cases.select_related("unit", "programme").order_by("number", "pk")
    page = Paginator(cases, 50).get_page(request.GET.get("page"))
    lang = svc.lang()
    rows = [{"c": c, "kinds": [svc.KIND_LABELS.get(k, k) for k in c.changes], "before": svc.outcome_text(c.before),
             "unit": c.unit.name(lang) if c.unit else "",
             "after": svc.outcome_text(c.after)} for c in page]
    meetings = svc.convened_meetings(request.user) if p.status == m.Proposal.Status.DONE and not p.agenda_item_id else []
    attach = f.AttachForm(meetings=meetings, lang=svc.lang()) if meetings else None
    return render(request, "amendments/detail.html", {
        "title": _("Amendment impact"), "p": p, "label": svc.PARAMETERS.get(p.parameter, p.parameter), "rows": rows, "page": page,
        "body_name": getattr(p.body, f"name_{svc.lang()}", "") or p.body.name_en,
        "totals": svc.totals_rows(p), "attach": attach, "running": p.status in (m.Proposal.Status.QUEUED, m.Proposal.Status.RUNNING)})


@login_required
def proposal_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    p = _get(request, pk)
    if p.status != m.Proposal.Status.DONE:
        raise Http404
    resp = HttpResponse(svc.proposal_xlsx(p), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    resp["Content-Disposition"] = f'attachment; filename="amendment-impact-{p.pk}-{dt.date.today().isoformat()}.xlsx"'
    return resp


@login_required
@require_POST
def proposal_attach(request: HttpRequest, pk: int) -> HttpResponse:
    p = _get(request, pk)
    meetings = svc.convened_meetings(request.user)
    form = f.AttachForm(request.POST, meetings=meetings, lang=svc.lang())
    if not form.is_valid():
        messages.error(request, _("Choose a convened meeting of a body whose agenda you keep."))
        return redirect("amendments:detail", p.pk)
    meeting = next(mt for mt in meetings if mt.pk == form.cleaned_data["meeting"])
    try:
        svc.proposal_attach(actor=request.user, proposal=p, meeting=meeting)
    except ValidationError as exc:
        for msg in exc.messages:
            messages.error(request, msg)
        return redirect("amendments:detail", p.pk)
    messages.success(request, _("The proposal is on the agenda."))
    return redirect("amendments:detail", p.pk)
