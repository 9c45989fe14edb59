"""Table editors of a mobility file (issue 11): the study plan, learning-agreement changes and host results.

Thin views: the formset shapes each row (selects, numbers through NumberField, ISO dates); the same services as
before decide and write (``isp_create_version``, ``la_change_record``, ``host_result_add``). A refused table writes
nothing and comes back with every typed value and each error beside its cell or row.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from bilim.apps.accounts.permissions import require
from bilim.apps.core.tables import formset_errors, row_formset, save_rows
from bilim.apps.mobility import forms as f
from bilim.apps.mobility import models as m
from bilim.apps.mobility import selectors as sel
from bilim.apps.mobility import services as svc
from bilim.apps.mobility import services_office as office
from bilim.apps.mobility.views import _get_mobility
from bilim.apps.workflow.services import TransitionRefused


def _non_form_error(formset: Any, messages_: list[str]) -> None:
    """A refusal about the table as a whole (e.g. "the ISP must list the host disciplines") above the table."""
    formset._non_form_errors = formset.error_class([*formset.non_form_errors(), *messages_], error_class="nonform")


def _render(request: HttpRequest, mob: m.StudentMobility, template_ctx: dict[str, Any], status: int = 200) -> HttpResponse:
    ctx = {"mob": mob, **template_ctx}
    ctx["has_errors"] = formset_errors(ctx["formset"]) or bool(ctx.get("head") is not None and ctx["head"].errors)
    return render(request, "mobility/table_editor.html", ctx, status=status)


@login_required
def isp_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """The student's (or the office's) study plan as a table; saving creates the next ISP version."""
    mob = _get_mobility(request, pk)
    require(request.user, "mobility.edit_isp", mob)
    isp = svc.current_isp(mob)
    kwargs = {"courses": sel.home_courses(mob.student)}
    if request.method == "POST":
        head = f.IspHeadForm(request.POST)
        formset = f.IspFormSet(request.POST, prefix="items", form_kwargs=kwargs)
        if head.is_valid() and formset.is_valid():
            rows = formset.rows()
            if not rows:
                _non_form_error(formset, [_("Add at least one discipline.")])
            else:
                try:
                    svc.isp_create_version(actor=request.user, mobility=mob, items=rows, change_reason=head.cleaned_data["change_reason"],
                                           provisional=head.cleaned_data["provisional"])
                    messages.success(request, _("The study plan is saved."))
                    return redirect("mobility:application", pk=mob.pk)
                except ValidationError as exc:
                    for field, errs in (exc.message_dict.items() if hasattr(exc, "error_dict") else [(None, exc.messages)]):
                        if field in head.fields:
                            head.add_error(field, errs)
                        else:
                            _non_form_error(formset, list(errs))
        status = 400
    else:
        head = f.IspHeadForm()
        initial: list[dict[str, Any]] = [{"kind": i.kind, "host_code": i.host_code, "title": i.title, "credits": i.credits, "home_course": i.home_course_id,
                    "component": i.component} for i in isp.items.all()] if isp else []
        if not initial:  # the first plan starts from the disciplines named in the application (their credits still to type)
            initial = [{"title": t.strip()[:300]} for t in mob.intended_disciplines.splitlines() if t.strip()][:30]
        formset = row_formset(f.IspRowForm, extra=1 if initial else 3)(prefix="items", form_kwargs=kwargs, initial=initial)
        status = 200
    return _render(request, mob, {
        "title": _("Individual study plan") + (f" — {_('new version')} №{isp.number + 1}" if isp else ""),
        "intro": _("One row per discipline. Choose the home course it counts for from your faculty's curricula; credits may be written with a "
                   "comma (7,5). Empty rows are ignored."),
        "formset": formset, "head": head, "testid": "isp", "needs_reason": isp is not None, "save_label": _("Save the study plan"),
    }, status)


@login_required
def la_changes_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Changes of the signed learning agreement, several at once (each still recorded by ``la_change_record``)."""
    mob = _get_mobility(request, pk)
    require(request.user, "mobility.record_la_change", mob)
    if request.method == "POST":
        formset = f.LaChangeFormSet(request.POST, prefix="changes")
        if formset.is_valid():
            if not formset.filled_forms():
                _non_form_error(formset, [_("Add at least one change.")])
            else:
                done = save_rows(formset, lambda form, row: office.la_change_record(actor=request.user, mobility=mob, **row))
                if done is not None:
                    messages.success(request, _("%(n)s change(s) recorded.") % {"n": len(done)})
                    return redirect("mobility:application", pk=mob.pk)
        status = 400
    else:
        formset = row_formset(f.LaChangeRowForm, extra=2)(prefix="changes")
        status = 200
    return _render(request, mob, {
        "title": _("Changes of the learning agreement"),
        "intro": _("One row per course added or removed during the stay. The deputy dean for international relations then signs each change."),
        "formset": formset, "head": None, "testid": "la-changes", "save_label": _("Record the changes"),
        "existing": list(mob.la_changes.all()),
    }, status)


@login_required
def host_results_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """The grades the host reports, one row per course, proposed from the study plan; converted by OSU-4.8-FD-11."""
    mob = _get_mobility(request, pk)
    require(request.user, "mobility.recognise", mob)
    isp = svc.current_isp(mob)
    items = isp.items.filter(kind=m.IspItem.Kind.HOST) if isp else m.IspItem.objects.none()
    scale = "TR_4" if mob.host.country == "TR" else "ECTS"  # the scale the partner's ToR import assumes, as a first choice
    kwargs = {"items": items, "scale": scale}
    reported = set(mob.host_results.exclude(isp_item=None).values_list("isp_item_id", flat=True))
    # proposed rows: the study plan's host disciplines without a result yet; a row left without a grade is not saved
    initial = [{"isp_item": i.pk, "host_code": i.host_code, "title": i.title, "credits": i.credits, "grade_scale": scale, "outcome": "PASSED"}
               for i in items if i.pk not in reported]
    factory = row_formset(f.HostResultRowForm, extra=0 if initial else 2)
    if request.method == "POST":
        formset = factory(request.POST, prefix="results", form_kwargs=kwargs, initial=initial)
        if formset.is_valid():
            if not formset.filled_forms():
                _non_form_error(formset, [_("Type at least one grade.")])
            else:
                def save(form: Any, row: dict[str, Any]) -> Any:
                    return svc.host_result_add(actor=request.user, mobility=mob, **row)

                try:
                    done = save_rows(formset, save)
                except TransitionRefused as exc:
                    _non_form_error(formset, [str(exc)])
                    done = None
                if done is not None:
                    messages.success(request, _("%(n)s host result(s) saved.") % {"n": len(done)})
                    return redirect("mobility:application", pk=mob.pk)
        status = 400
    else:
        formset = factory(prefix="results", form_kwargs=kwargs, initial=initial)
        status = 200
    return _render(request, mob, {
        "title": _("Host results"),
        "intro": _("Rows are proposed from the study plan: type the grade exactly as on the host's document and choose its scale. "
                   "A row without a grade is not saved."),
        "formset": formset, "head": None, "testid": "host-results", "save_label": _("Save the results"),
        "existing": list(mob.host_results.all()),
    }, status)


