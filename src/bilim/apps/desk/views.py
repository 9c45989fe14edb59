"""My tasks: the page every person starts from."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from bilim.apps.desk.selectors import counts_by_workflow, my_tasks


@login_required
def tasks(request: HttpRequest) -> HttpResponse:
    items = my_tasks(request.user)
    return render(request, "desk/tasks.html", {"tasks": items, "counts": counts_by_workflow(items)})
