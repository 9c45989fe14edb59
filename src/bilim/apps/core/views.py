"""Home, dashboard per role, language switch, health check."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST, require_safe

from bilim.apps.core import selectors


def home(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("dashboard")
    return render(request, "core/home.html", {"stats": selectors.public_stats()})


@require_safe
@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    from bilim.apps.core.listing import lang

    return render(request, "core/dashboard.html", {"panels": selectors.dashboard_panels(request.user, lang())})


@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    lang = request.POST.get("language", "")
    if lang not in {code for code, _ in settings.LANGUAGES}:
        return HttpResponseBadRequest("unknown language")
    nxt = request.POST.get("next") or "/"
    if not url_has_allowed_host_and_scheme(nxt, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        nxt = "/"
    if request.user.is_authenticated and request.user.language != lang:
        request.user.language = lang
        request.user.save(update_fields=["language"])
    response = redirect(nxt)
    response.set_cookie(settings.LANGUAGE_COOKIE_NAME, lang, max_age=365 * 24 * 3600, samesite="Lax", secure=request.is_secure())
    return response


def health(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"status": "ok"})
