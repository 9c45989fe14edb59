"""Import pages: choose a kind, upload a file, see every row checked (nothing written), then import it all at once.

The checked rows wait in the session between the preview and the import (never the file itself); the import
checks them again. Views stay thin: :mod:`bilim.apps.imports.services` does the work.
"""

from __future__ import annotations

import secrets

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l
from django.views.decorators.http import require_http_methods, require_POST

from bilim.apps.accounts.permissions import can
from bilim.apps.imports import services
from bilim.apps.imports.kinds import KINDS, Kind
from bilim.apps.imports.tables import FORMATS, MAX_BYTES, MAX_ROWS, read_table, table_response

SESSION_KEY = "bilim_import"


class UploadForm(forms.Form):
    file = forms.FileField(label=_l("File (.xlsx or .csv)"),
                           help_text=_l("Excel workbook or CSV, at most %(mb)s MB and %(rows)s rows; the first row names the columns.")
                           % {"mb": MAX_BYTES // (1024 * 1024), "rows": MAX_ROWS})


def _kind(code: str) -> Kind:
    kind = KINDS.get(code)
    if kind is None:
        raise Http404(code)
    return kind


def _require(request: HttpRequest, action: str = "imports.import") -> None:
    if not can(request.user, action):
        raise PermissionDenied(action)


@login_required
def index(request: HttpRequest) -> HttpResponse:
    _require(request)
    return render(request, "imports/index.html", {"kinds": KINDS.values(), "formats": FORMATS})


@login_required
@require_http_methods(["GET", "POST"])
def upload(request: HttpRequest, kind: str) -> HttpResponse:
    spec = _kind(kind)
    _require(request)
    form = UploadForm(request.POST or None, request.FILES or None)
    report = token = None
    if request.method == "POST" and form.is_valid():
        f = form.cleaned_data["file"]
        try:
            header, rows = read_table(f.name, f.read(MAX_BYTES + 1))
        except ValidationError as exc:
            form.add_error("file", exc)
        else:
            report = services.import_check(actor=request.user, kind=kind, header=header, rows=rows)
            if report.ok:
                token = secrets.token_urlsafe(16)
                request.session[SESSION_KEY] = {"token": token, "kind": kind, "header": header, "rows": rows}
    return render(request, "imports/upload.html", {"kind": spec, "form": form, "report": report, "token": token},
                  status=422 if report is not None and not report.ok else 200)


@login_required
@require_POST
def run(request: HttpRequest, kind: str) -> HttpResponse:
    spec = _kind(kind)
    _require(request)
    pending = request.session.get(SESSION_KEY) or {}
    if pending.get("token") != request.POST.get("token") or pending.get("kind") != kind:
        return render(request, "imports/upload.html", {"kind": spec, "form": UploadForm(), "report": None, "token": None,
                                                       "notice": _("The checked file is no longer waiting (it was imported or replaced). Upload it again.")},
                      status=409)
    rows = [(int(n), list(cells)) for n, cells in pending["rows"]]
    report = services.import_run(actor=request.user, kind=kind, header=pending["header"], rows=rows)
    request.session.pop(SESSION_KEY, None)
    if not report.written:
        return render(request, "imports/upload.html", {"kind": spec, "form": UploadForm(), "report": report, "token": None}, status=422)
    return render(request, "imports/done.html", {"kind": spec, "report": report, "counts": report.counts()})


def _columns(spec: Kind) -> list[str]:
    return [str(c.label) for c in spec.columns]


@login_required
def template(request: HttpRequest, kind: str, fmt: str) -> HttpResponse:
    spec = _kind(kind)
    _require(request)
    if fmt not in FORMATS:
        raise Http404(fmt)
    return table_response(fmt, f"bilim-{kind}-template", _columns(spec), [])


@login_required
def export(request: HttpRequest, kind: str, fmt: str) -> HttpResponse:
    spec = _kind(kind)
    _require(request, "imports.export")
    if fmt not in FORMATS:
        raise Http404(fmt)
    units = services.writable_units(request.user, "imports.export")
    return table_response(fmt, f"bilim-{kind}", _columns(spec), spec.export_rows(request.user, units))
