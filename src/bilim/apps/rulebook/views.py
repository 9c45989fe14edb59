"""The regulation browser: public pages, since the regulations themselves are public documents."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language

from bilim.apps.core.params import get_params, page_of
from bilim.apps.rulebook import selectors


def lang() -> str:
    code = (get_language() or "ky")[:2]
    return code if code in ("ky", "ru", "en", "tr") else "ky"


STATUSES = ("implemented", "supported", "untested", "missing", "unsupported")


def rule_list(request: HttpRequest) -> HttpResponse:
    q = get_params(request)["q"][:100]  # validated: a NUL byte or a bad page number is a 400
    catalogue = request.GET.get("catalogue", "")
    catalogue = catalogue if catalogue in ("OshSU", "KTMU") else ""
    status = request.GET.get("status", "")
    status = status if status in STATUSES else ""
    mc = request.GET.get("mc", "")
    rows = selectors.rules(q=q, catalogue=catalogue, status=status, machine_checkable=mc)
    page = page_of(request, rows, 50)
    return render(request, "rulebook/rule_list.html", {
        "page": page, "q": q, "catalogue": catalogue, "status": status, "mc": mc, "statuses": STATUSES, "total": len(rows), "lang": lang(),
    })


def rule_detail(request: HttpRequest, rule_id: str) -> HttpResponse:
    """The reader's view: the rule in the reader's language and what it means for them (no code, no markdown)."""
    view = selectors.reader_view(rule_id, lang())
    if view is None:
        raise Http404(rule_id)
    return render(request, "rulebook/rule_detail.html", {"rule": view, "lang": lang()})


def rule_developer(request: HttpRequest, rule_id: str) -> HttpResponse:
    """The developer's view: catalogue text, implementing functions, tests, dated parameters, workflow steps."""
    view = selectors.rule_detail(rule_id)
    if view is None:
        raise Http404(rule_id)
    return render(request, "rulebook/rule_developer.html", {"rule": view})


def original(request: HttpRequest, catalogue: str) -> HttpResponse:
    """The Kyrgyz original of a regulation, article by article (the text the catalogue quotes)."""
    names = {"oshsu": "OshSU", "ktmu": "KTMU"}
    if catalogue not in names:
        raise Http404(catalogue)
    return render(request, "rulebook/original.html", {"catalogue": names[catalogue], "lines": selectors.original_lines(names[catalogue])})


def parameter_list(request: HttpRequest) -> HttpResponse:
    q = get_params(request)["q"][:100]
    params = selectors.parameters(q)
    page = page_of(request, params, 50)
    return render(request, "rulebook/parameter_list.html", {"page": page, "q": q, "total": len(params)})


def workflow_list(request: HttpRequest) -> HttpResponse:
    return render(request, "rulebook/workflow_list.html", {"workflows": selectors.workflows()})


def workflow_detail(request: HttpRequest, code: str) -> HttpResponse:
    wf = selectors.workflow(code)
    if wf is None:
        raise Http404(code)
    return render(request, "rulebook/workflow_detail.html", {"wf": wf})
