"""The project's error pages (400, 403, 404, 500): translated, saying what to do; JSON under ``/api/``.

Django's default handlers render the templates without the request, so the page could neither
show the user's language switch nor the reason for a 400. These handlers render ``<code>.html``
with the request, and the message of a :class:`~bilim.apps.core.params.BadInput` (a value we
refused on purpose, safe to show); any other exception gets a generic message only.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template import loader
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


def _respond(request: HttpRequest, status: int, exception: Any = None) -> HttpResponse:
    detail = str(exception.message) if isinstance(exception, BadInput) else _generic(status)
    if request.path.startswith(API_PREFIX):
        return JsonResponse({"detail": detail}, status=status)
    try:
        body: str = loader.render_to_string(f"{status}.html", {"detail": detail, "status": status}, request=request)
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
