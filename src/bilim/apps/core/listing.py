"""Generic, permission-aware list / CSV export / detail views (thin: the spec says what, selectors read).

A :class:`ListSpec` names the permission action, the base queryset, the search fields, the filters,
the columns and the detail page. Every queryset passes through ``restrict``; a list page needs a
role that may list (a student's "own" access opens their own detail page, not the list); a detail
page answers 404 for a record outside the user's scope.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import formats
from django.utils.translation import get_language

from bilim.apps.accounts.models import Role
from bilim.apps.accounts.permissions import ACTIONS, READ_ONLY_ROLES, restrict, role_codes
from bilim.apps.audit.services import history
from bilim.apps.core.params import get_params, page_of
from bilim.apps.core.spreadsheets import csv_row

PAGE_SIZE = 25


def lang() -> str:
    code = (get_language() or "ky")[:2]
    return code if code in {"ky", "ru", "en", "tr"} else "ky"


def may_list(user: Any, action: str) -> bool:
    """May ``user`` open the list page for ``action``: a role the action names (not just "own" rows)."""
    if not getattr(user, "is_authenticated", False):
        return False
    rule = ACTIONS.get(action)
    if rule is None:
        return False
    if rule.public or user.is_superuser:
        return True
    codes = role_codes(user)
    if Role.ADMINISTRATOR in codes or (codes & READ_ONLY_ROLES and action.split(".", 1)[-1].startswith(("view", "list", "export"))):
        return True
    return bool(codes & rule.roles)


@dataclass
class Column:
    label: Any
    value: Callable[[Any], Any]
    link: bool = False
    csv_only: bool = False


@dataclass
class Filter:
    name: str
    label: Any
    lookup: str
    choices: Callable[[Any], Sequence[tuple[str, Any]]]  # (user) -> [(value, label)]


@dataclass
class ListSpec:
    action: str
    queryset: Callable[[], models.QuerySet[Any]]
    title: Any
    columns: list[Column]
    detail_url: str
    search_fields: list[str] = field(default_factory=list)
    filters: list[Filter] = field(default_factory=list)
    export_url: str = ""
    csv_name: str = "export"
    search_help: Any = ""
    create_url: str = ""
    create_action: str = ""
    # the kind of records the Import page brings in for this list (bilim.apps.imports), shown to who may import
    import_kind: str = ""


def in_language(text: Any, code: str) -> Any:
    """A value written in another language than the page's (a course's English title), marked ``lang`` for
    screen readers, spell-checkers and the words-not-codes crawl."""
    from django.utils.html import format_html

    return format_html('<span lang="{}">{}</span>', code, text) if text else text


def display(value: Any) -> Any:
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        from django.utils.translation import gettext

        return gettext("Yes") if value else gettext("No")
    return value


def apply_search(qs: models.QuerySet[Any], fields: list[str], q: str) -> models.QuerySet[Any]:
    """Every word must match one of ``fields`` (Cyrillic and Latin names alike)."""
    for word in q.split()[:6]:
        cond = Q()
        for f in fields:
            cond |= Q(**{f"{f}__icontains": word})
        qs = qs.filter(cond)
    return qs


def filtered(request: HttpRequest, spec: ListSpec) -> tuple[models.QuerySet[Any], dict[str, str], str]:
    qs = restrict(request.user, spec.action, spec.queryset())
    q = get_params(request)["q"][:100]  # a NUL byte, an over-long text or a bad page number is a 400
    if q and spec.search_fields:
        qs = apply_search(qs, spec.search_fields, q)
    active: dict[str, str] = {}
    for f in spec.filters:
        value = request.GET.get(f.name, "").strip()
        if not value:
            continue
        allowed = {str(v) for v, _ in f.choices(request.user)}
        if value in allowed:  # unknown filter values are ignored, never a 500
            qs = qs.filter(**{f.lookup: value})
            active[f.name] = value
    return qs, active, q


def make_list_view(spec: ListSpec, template: str = "core/list.html") -> Callable[[HttpRequest], HttpResponse]:
    @login_required
    def view(request: HttpRequest) -> HttpResponse:
        if not may_list(request.user, spec.action):
            raise PermissionDenied(spec.action)
        qs, active, q = filtered(request, spec)
        page = page_of(request, qs, PAGE_SIZE)
        cols = [c for c in spec.columns if not c.csv_only]
        rows = []
        for obj in page.object_list:
            cells = [{"value": display(c.value(obj)), "link": c.link} for c in cols]
            rows.append({"url": reverse(spec.detail_url, args=[obj.pk]), "cells": cells, "pk": obj.pk})
        params = request.GET.copy()
        params.pop("page", None)
        from bilim.apps.accounts.permissions import can

        ctx = {
            "spec": spec,
            "title": spec.title,
            "columns": cols,
            "rows": rows,
            "page": page,
            "q": q,
            "filters": [
                {"name": f.name, "label": f.label, "choices": f.choices(request.user), "value": active.get(f.name, "")}
                for f in spec.filters
            ],
            "querystring": params.urlencode(),
            "export_url": reverse(spec.export_url) if spec.export_url else "",
            "create_url": reverse(spec.create_url) if spec.create_url and can(request.user, spec.create_action) else "",
            "import_url": reverse("imports:upload", args=[spec.import_kind]) if spec.import_kind and can(request.user, "imports.import") else "",
        }
        if getattr(request, "htmx", False):
            return render(request, "core/_list_results.html", ctx)
        return render(request, template, ctx)

    return view


class _Echo:
    def write(self, value: str) -> str:
        return value


def make_export_view(spec: ListSpec) -> Callable[[HttpRequest], HttpResponse]:
    @login_required
    def view(request: HttpRequest) -> HttpResponse:
        if not may_list(request.user, spec.action):
            raise PermissionDenied(spec.action)
        qs, _active, _q = filtered(request, spec)
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{spec.csv_name}.csv"'
        response.write("\ufeff")  # Excel opens UTF-8 (ң ө ү) correctly with a BOM
        writer = csv.writer(response)
        writer.writerow(csv_row(c.label for c in spec.columns))
        for obj in qs[:20000]:
            writer.writerow(csv_row(c.value(obj) for c in spec.columns))  # formula-like cells escaped (CSV injection)
        return response

    return view


def history_rows(obj: models.Model) -> list[dict[str, Any]]:
    """Audit events of a record with a field-by-field before/after diff."""
    from bilim.apps.core.history import changes, reason_text

    return [{"event": ev, "changes": changes(ev), "reason": reason_text(ev.reason)} for ev in history(obj)[:200]]


def get_visible(request: HttpRequest, action: str, qs: models.QuerySet[Any], pk: Any) -> Any:
    obj = restrict(request.user, action, qs).filter(pk=pk).first()
    if obj is None:
        raise Http404
    return obj


def make_detail_view(
    action: str,
    queryset: Callable[[], models.QuerySet[Any]],
    template: str,
    fields: Callable[[Any], list[tuple[Any, Any]]],
    extra: Callable[[HttpRequest, Any], dict[str, Any]] | None = None,
    title: Callable[[Any], Any] = str,
) -> Callable[[HttpRequest, int], HttpResponse]:
    @login_required
    def view(request: HttpRequest, pk: int) -> HttpResponse:
        obj = get_visible(request, action, queryset(), pk)
        ctx = {
            "obj": obj,
            "title": title(obj),
            "fields": [(label, display(value)) for label, value in fields(obj)],
            "history": history_rows(obj),
        }
        if extra is not None:
            ctx.update(extra(request, obj))
        return render(request, template, ctx)

    return view


def localized_date(value: Any) -> str:
    return formats.date_format(value, "SHORT_DATE_FORMAT") if value else "—"
