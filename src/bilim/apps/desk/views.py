"""The home page, every role's dashboard (its desk), "My tasks", the notifications and the person's own page."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST, require_safe

from bilim.apps.accounts.permissions import signed_in
from bilim.apps.core.listing import lang
from bilim.apps.desk import dashboard as dash
from bilim.apps.desk.models import NotificationSetting
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


# --- notifications ---------------------------------------------------------------------------------------------------


@require_safe
@login_required
def notifications(request: HttpRequest) -> HttpResponse:
    from bilim.apps.desk.notifications import notifications_for

    items = list(notifications_for(request.user)[:100])
    return render(request, "desk/notifications.html", {"items": items})


@require_POST
@login_required
def notification_read(request: HttpRequest, pk: int) -> HttpResponse:
    from bilim.apps.desk.models import Notification
    from bilim.apps.desk.notifications import notification_mark_read

    try:
        n = notification_mark_read(actor=request.user, pk=pk)
    except Notification.DoesNotExist:
        raise Http404 from None
    if request.POST.get("open") and n.link and url_has_allowed_host_and_scheme(n.link, allowed_hosts={request.get_host()}):
        return redirect(n.link)
    return redirect("desk:notifications")


@require_POST
@login_required
def notifications_read_all(request: HttpRequest) -> HttpResponse:
    from bilim.apps.desk.notifications import notification_mark_all_read

    n = notification_mark_all_read(actor=request.user)
    messages.success(request, ngettext("%(n)d notification marked read.", "%(n)d notifications marked read.", n) % {"n": n})
    return redirect("desk:notifications")


class NotificationSettingForm(forms.Form):
    email = forms.ChoiceField(label=_("E-mail notifications"), choices=NotificationSetting.Email.choices, widget=forms.RadioSelect)


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    """The person's own page: who they are, their roles, and how they want to be e-mailed."""
    from bilim.apps.desk.notifications import notification_setting_set

    current = NotificationSetting.objects.filter(user=signed_in(request)).values_list("email", flat=True).first() or NotificationSetting.Email.EACH
    form = NotificationSettingForm(request.POST or None, initial={"email": current})
    if request.method == "POST" and form.is_valid():
        notification_setting_set(actor=request.user, email=form.cleaned_data["email"])
        messages.success(request, _("Saved."))
        return redirect("desk:profile")
    return render(request, "desk/profile.html", {"form": form, "roles": dash.dashboard_roles(request.user)})
