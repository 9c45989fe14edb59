"""The home page, every role's dashboard (its desk) and "My tasks"."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_safe

from bilim.apps.core.listing import lang
from bilim.apps.desk import dashboard as dash
from bilim.apps.desk.selectors import counts_by_workflow, my_tasks


def home(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("dashboard")
    return render(request, "desk/home.html", {"stats": dash.public_stats()})


@require_safe
@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    return render(request, "desk/dashboard.html", {"panels": dash.dashboard_panels(request.user, lang())})


@login_required
def tasks(request: HttpRequest) -> HttpResponse:
    items = my_tasks(request.user)
    return render(request, "desk/tasks.html", {"tasks": items, "counts": counts_by_workflow(items)})
