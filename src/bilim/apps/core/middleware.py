"""Request middleware of the ground layer: the user's saved language, and NUL bytes refused with a 400."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.translation import gettext as _

SUPPORTED = {code for code, _ in settings.LANGUAGES}


class UserLanguageMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        lang = getattr(user, "language", None) if user is not None and user.is_authenticated else None
        if lang in SUPPORTED and lang != getattr(request, "LANGUAGE_CODE", None):
            translation.activate(lang)
            request.LANGUAGE_CODE = lang
        response = self.get_response(request)
        if lang in SUPPORTED:
            response.headers.setdefault("Content-Language", lang)
        return response


class RejectNulMiddleware:
    """Answer 400 to a request carrying a NUL byte in its path, query, cookies, form fields or JSON body.

    Why: PostgreSQL refuses NUL in text ("A string literal cannot contain NUL (0x00) characters"),
    so a ``%00`` typed into any search box — on anonymous pages too — was a server error wherever
    the value reached a query. No legitimate Bilim input contains NUL; refusing it once, before any
    view or session lookup runs, closes the whole class. Placed first, so the session cookie is
    checked before the session store reads it.
    """

    JSON_NUL = re.compile(rb"(?<!\\)(?:\\\\)*\\u0000", re.IGNORECASE)

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if self._has_nul(request):
            from bilim.apps.core.errors import bad_request
            from bilim.apps.core.params import BadInput

            with translation.override(translation.get_language_from_request(request)):
                return bad_request(request, BadInput(_("The request contains a NUL character, which is not allowed in any field.")))
        return self.get_response(request)

    def _has_nul(self, request: HttpRequest) -> bool:
        if "\x00" in request.path or "%00" in request.META.get("QUERY_STRING", ""):
            return True
        if any("\x00" in k or "\x00" in v for k, v in request.COOKIES.items()):
            return True
        if any("\x00" in k or any("\x00" in v for v in vs) for k, vs in request.GET.lists()):
            return True
        ctype = request.content_type or ""
        if request.method in {"POST", "PUT", "PATCH", "DELETE"}:
            if ctype in {"application/x-www-form-urlencoded", "multipart/form-data"}:
                return any("\x00" in k or any("\x00" in str(v) for v in vs) for k, vs in request.POST.lists())
            if ctype == "application/json" or ctype.endswith("+json"):
                body = request.body
                return b"\x00" in body or bool(self.JSON_NUL.search(body))
        return False


class BadInputMiddleware:
    """Answer a refused value (:class:`~bilim.apps.core.params.BadInput`) with the translated 400 page, DEBUG or not.

    Why: Django hands a ``BadRequest`` to ``handler400`` only when DEBUG is off; in development (the README's
    first command runs with DEBUG on) a mistyped ``?page=`` showed Django's technical page, in English and
    with inline scripts the CSP blocks. The reason of the refusal is the user's to read either way.
    """

    def __init__(self, get_response: Any) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        from bilim.apps.core.errors import bad_request, is_refusal, refused
        from bilim.apps.core.params import BadInput

        if isinstance(exception, BadInput):
            return bad_request(request, exception)
        if is_refusal(exception):  # a workflow step refused and not caught by its view: the 409 page with its rules
            return refused(request, exception)
        return None
