"""The project's error pages (400, 403, 404, 500): translated, saying what to do; JSON under ``/api/``.

Django's default handlers render the templates without the request, so the page could neither
show the user's language switch nor the reason for a 400. These handlers render ``<code>.html``
with the request, and the message of a :class:`~bilim.apps.core.params.BadInput` (a value we
refused on purpose, safe to show); any other exception gets a generic message only.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template import loader
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from bilim.apps.core.params import BadInput

API_PREFIX = "/api/"


def _generic(status: int) -> str:
    return {
        400: _("The request contains a value Bilim cannot read."),
        403: _("You do not have permission to open this page."),
        404: _("The page or record was not found."),
        500: _("Something went wrong on our side."),
    }[status]


def back_url(request: HttpRequest) -> str:
    """Where "back to the record" leads: the page the person came from on this site, else the record the refused
    address belongs to (``/mobility/applications/7/act/`` → ``/mobility/applications/7/``), else the start page."""
    referer = request.META.get("HTTP_REFERER", "")
    if referer and url_has_allowed_host_and_scheme(referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return referer
    path = request.path.rstrip("/")
    if request.method == "POST" and "/" in path.strip("/"):
        return path.rsplit("/", 1)[0] + "/"
    return ""


def who_may(permission: str) -> list[str]:
    """The roles that may take an action guarded by ``permission`` (``mobility.issue_orders``), in words."""
    try:
        from bilim.apps.accounts.models import Role
        from bilim.apps.accounts.permissions import ACTIONS
    except ImportError:  # pragma: no cover — accounts is installed with core
        return []
    rule = ACTIONS.get(permission)
    if rule is None or rule.public:
        return []
    labels = dict(Role.choices)
    return sorted(str(labels.get(r, "")) for r in rule.roles if r in labels and r not in ("administrator", "auditor"))


def _respond(request: HttpRequest, status: int, exception: Any = None) -> HttpResponse:
    detail = str(exception.message) if isinstance(exception, BadInput) else _generic(status)
    who = who_may(str(exception.args[0])) if status == 403 and isinstance(exception, PermissionDenied) and exception.args else []
    if request.path.startswith(API_PREFIX):
        return JsonResponse({"detail": detail}, status=status)
    try:
        body: str = loader.render_to_string(f"{status}.html", {"detail": detail, "status": status, "who": who,
                                                          "back": back_url(request)}, request=request)
    except Exception:  # noqa: BLE001 — an error page must never fail; fall back to plain text
        body = f"<!DOCTYPE html><title>{status}</title><h1>{status}</h1><p>{detail}</p>"
    return HttpResponse(body, status=status)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _respond(request, 400, exception)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _respond(request, 403, exception)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _respond(request, 404, exception)


def server_error(request: HttpRequest) -> HttpResponse:
    if request.path.startswith(API_PREFIX):
        return JsonResponse({"detail": _generic(500)}, status=500)
    try:
        # No request context: whatever failed may fail again while rendering it.
        body: str = loader.render_to_string("500.html", {"detail": _generic(500), "status": 500})
    except Exception:  # noqa: BLE001
        body = "<!DOCTYPE html><title>500</title><h1>500</h1>"
    return HttpResponse(body, status=500)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A form sent without a valid security token (an expired session, a page left open, another site's
    form): the translated 403 page saying what to do, instead of Django's English page."""
    detail = _("The form could not be accepted: the page was open too long or your session ended. "
               "Go back, reload the page and send the form again.")
    if request.path.startswith(API_PREFIX):
        return JsonResponse({"detail": detail}, status=403)
    try:
        body: str = loader.render_to_string("403.html", {"detail": detail, "status": 403}, request=request)
    except Exception:  # noqa: BLE001 — an error page must never fail
        body = f"<!DOCTYPE html><title>403</title><h1>403</h1><p>{detail}</p>"
    return HttpResponse(body, status=403)


def is_refusal(exception: Exception) -> bool:
    """A refused step of a workflow (``workflow.services.TransitionRefused``), recognised by its shape: core imports no
    domain app."""
    return all(hasattr(exception, a) for a in ("explanations", "code", "rule_ids"))


def refused(request: HttpRequest, exception: Any) -> HttpResponse:
    """A step the transition service refused and no view caught: 409 (the record's state or a rule forbids it), or 403
    when the person lacks the authority — the translated page inside the layout, saying why (each rule's explanation
    with its ID), what to do, and a way back to the record; JSON with ``detail``, ``rule_ids`` and ``explanation`` under
    ``/api/``."""
    from django.utils.translation import get_language

    lang = (get_language() or "ky")[:2]
    status = 403 if exception.code == "authority" else 409
    detail = str(exception)
    reasons = [{"rule_ids": list(e.rule_ids), "text": e.message(lang)} for e in exception.explanations]
    cited = {r for e in exception.explanations for r in e.rule_ids}
    extra = [r for r in exception.rule_ids if r not in cited]
    if request.path.startswith(API_PREFIX):
        return JsonResponse({"detail": detail, "rule_ids": list(exception.rule_ids),
                             "explanation": [r["text"] for r in reasons]}, status=status)
    ctx = {"detail": detail, "status": status, "reasons": reasons, "extra_rules": extra, "back": back_url(request),
           "refusal_code": exception.code}
    try:
        body: str = loader.render_to_string("409.html", ctx, request=request)
    except Exception:  # noqa: BLE001 — an error page must never fail
        body = f"<!DOCTYPE html><title>{status}</title><h1>{status}</h1><p>{detail}</p>"
    return HttpResponse(body, status=status)
