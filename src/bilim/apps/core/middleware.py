"""Activate the logged-in user's saved language (after LocaleMiddleware and authentication)."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation

SUPPORTED = {code for code, _ in settings.LANGUAGES}


class UserLanguageMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        lang = getattr(user, "language", None) if user is not None and user.is_authenticated else None
        if lang in SUPPORTED and lang != getattr(request, "LANGUAGE_CODE", None):
            translation.activate(lang)
            request.LANGUAGE_CODE = lang  # type: ignore[attr-defined]
        response = self.get_response(request)
        if lang in SUPPORTED:
            response.headers.setdefault("Content-Language", lang)
        return response
