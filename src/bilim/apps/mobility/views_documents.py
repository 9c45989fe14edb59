"""A mobility file's uploaded documents: upload (a second one of a kind replaces the first), remove while the step
allows it, and earlier versions. Opening and downloading go through the one authorised view of
:mod:`bilim.apps.core.uploads`; errors come back beside the upload field."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from bilim.apps.accounts.permissions import restrict
from bilim.apps.mobility import forms as f
from bilim.apps.mobility import models as m
from bilim.apps.mobility import services as svc

SESSION_KEY = "mobility_document_errors"


def _mobility(request: HttpRequest, pk: int) -> m.StudentMobility:
    mob = restrict(request.user, "mobility.view_application", m.StudentMobility.objects.all()).filter(pk=pk).first()
    if mob is None:
        raise Http404
    return mob


def _back(pk: int) -> HttpResponse:
    return redirect(reverse("mobility:application", args=[pk]) + "#documents")


def _errors(request: HttpRequest, e: ValidationError) -> None:
    errs = e.message_dict if hasattr(e, "error_dict") else {"file": e.messages}
    request.session[SESSION_KEY] = {k if k in ("kind", "file") else "file": [str(x) for x in v] for k, v in errs.items()}


@require_POST
@login_required
def document_upload(request: HttpRequest, pk: int) -> HttpResponse:
    mob = _mobility(request, pk)
    form = f.DocumentForm(request.POST, request.FILES)
    if not form.is_valid():
        request.session[SESSION_KEY] = {k: [str(x) for x in v] for k, v in form.errors.items()}
        return _back(pk)
    try:
        replaced = mob.documents.filter(kind=form.cleaned_data["kind"]).exists() and form.cleaned_data["kind"] in svc.SINGLE_DOCUMENT_KINDS
        doc = svc.document_upload(actor=request.user, mobility=mob, kind=form.cleaned_data["kind"], file=form.cleaned_data["file"])
    except ValidationError as e:
        _errors(request, e)
        return _back(pk)
    if replaced:
        messages.success(request, _("“%(document)s” was replaced; the earlier file is kept under Earlier versions.") % {"document": doc.get_kind_display()})
    else:
        messages.success(request, _("“%(document)s” was uploaded.") % {"document": doc.get_kind_display()})
    return _back(pk)


@require_POST
@login_required
def document_remove(request: HttpRequest, pk: int, doc: int) -> HttpResponse:
    mob = _mobility(request, pk)
    document = mob.documents.filter(pk=doc).first()
    if document is None:
        raise Http404
    try:
        svc.document_remove(actor=request.user, document=document, reason=request.POST.get("reason", "")[:300])
    except ValidationError as e:
        _errors(request, e)
        return _back(pk)
    messages.success(request, _("“%(document)s” was removed; the file is kept under Earlier versions.") % {"document": document.get_kind_display()})
    return _back(pk)


def documents_context(request: HttpRequest, mob: m.StudentMobility) -> dict[str, object]:
    """What the documents panel of a file page needs."""
    from bilim.apps.core import uploads

    docs = list(mob.documents.select_related("uploaded_by__person"))
    rows = []
    for d in docs:
        changeable = svc.document_changeable(request.user, d)
        step_open = d.mobility.state in svc.DOCUMENT_CHANGE_STATES.get(d.kind, frozenset())
        why = "" if changeable else (_("Only the student or the one who uploaded it may change it.") if step_open
                                     else _("Checked documents are kept as they are."))
        rows.append({"doc": d, "inline": uploads.opens_inline(d.file.name), "changeable": changeable, "why_not": why})
    may_upload = restrict(request.user, "mobility.apply", m.StudentMobility.objects.filter(pk=mob.pk)).exists()
    return {"document_rows": rows, "may_upload": may_upload,
            "doc_errors": request.session.pop(SESSION_KEY, {}), "doc_form": f.DocumentForm()}
