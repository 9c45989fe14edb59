"""Personal API tokens: list your own, issue a new one (shown once)."""

from __future__ import annotations

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from bilim.apps.accounts.permissions import role_codes
from bilim.apps.api.models import ApiToken
from bilim.apps.audit.models import AuditEvent
from bilim.apps.audit.services import record


class TokenForm(forms.Form):
    name = forms.CharField(label=_("Token name"), max_length=100, help_text=_("What the token is for, e.g. “reporting script”."))


def token_issue(*, actor: object, name: str) -> str:
    """Issue a personal API token for ``actor`` (audited; only the digest is stored)."""
    if not role_codes(actor) and not getattr(actor, "is_superuser", False):
        raise PermissionDenied("accounts.issue_token")
    with transaction.atomic():
        raw = ApiToken.issue(actor, name)
        token = ApiToken.objects.filter(user=actor).order_by("-pk").first()
        assert token is not None
        record(actor=actor, action=AuditEvent.Action.CREATE, obj=token, after={"name": name, "user": actor.pk}, reason="API token issued")  # type: ignore[attr-defined]
    return raw


@login_required
def tokens(request: HttpRequest) -> HttpResponse:
    if not role_codes(request.user) and not request.user.is_superuser:
        raise PermissionDenied
    form = TokenForm(request.POST or None)
    raw = None
    status = 200
    if request.method == "POST":
        if form.is_valid():
            raw = token_issue(actor=request.user, name=form.cleaned_data["name"])
            form = TokenForm()
        else:
            status = 400
    mine = ApiToken.objects.filter(user=request.user).order_by("-created_at")
    return render(request, "accounts/tokens.html", {"form": form, "raw": raw, "tokens": mine}, status=status)
