"""A request id for every request, available to the audit trail (and returned as X-Request-ID).

An incoming ``X-Request-ID`` (e.g. nginx's ``$request_id``) is kept so log lines can be joined, but
it is written into every audit row and echoed in a response header, so only a short id of safe
characters is accepted, and behind a reverse proxy only from the trusted proxy; anything else (a
long value, a newline, markup) is replaced by a fresh id.
"""

from __future__ import annotations

import contextvars
import re
import uuid
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from bilim.apps.accounts.client_ip import from_trusted_proxy

REQUEST_ID_FORMAT = re.compile(r"[A-Za-z0-9._-]{8,64}")
current_request_id: contextvars.ContextVar[str] = contextvars.ContextVar("bilim_request_id", default="")


class RequestIdMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        rid = incoming_request_id(request) or uuid.uuid4().hex
        request.request_id = rid  # type: ignore[attr-defined]
        token = current_request_id.set(rid)
        try:
            response = self.get_response(request)
        finally:
            current_request_id.reset(token)
        response["X-Request-ID"] = rid
        return response


def incoming_request_id(request: HttpRequest) -> str | None:
    """The caller's request id if it may be trusted, else ``None``."""
    value = request.headers.get("X-Request-ID", "")
    if not REQUEST_ID_FORMAT.fullmatch(value):
        return None
    if getattr(settings, "BILIM_BEHIND_PROXY", False) and not from_trusted_proxy(request):
        return None  # behind a proxy, a client that reaches the app directly does not choose it
    return value
