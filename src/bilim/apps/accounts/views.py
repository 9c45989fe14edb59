"""Personal API tokens: list your own, issue a new one (shown once, with an expiry), revoke one."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.validators import MaxValueValidator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from bilim.apps.accounts.permissions import role_codes, signed_in
from bilim.apps.accounts.services import token_issue, token_revoke
from bilim.apps.api.auth import token_days_default, token_days_max
from bilim.apps.api.models import ApiToken

__all__ = ["TokenForm", "token_issue", "tokens", "token_revoke_view"]


class TokenForm(forms.Form):
    name = forms.CharField(label=_("Token name"), max_length=100, help_text=_("What the token is for, e.g. “reporting script”."))
    days = forms.IntegerField(label=_("Valid for (days)"), min_value=1)

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        field = self.fields["days"]
        field.initial = token_days_default()
        field.max_value = token_days_max()  # type: ignore[attr-defined]  # an IntegerField
        field.validators.append(MaxValueValidator(token_days_max()))
        field.widget.attrs.update({"min": 1, "max": token_days_max()})
        field.help_text = _("The token stops working after this many days (at most %(max)s).") % {"max": token_days_max()}


def _may_have_tokens(request: HttpRequest) -> None:
    if not role_codes(request.user) and not request.user.is_superuser:
        raise PermissionDenied


@login_required
def tokens(request: HttpRequest) -> HttpResponse:
    _may_have_tokens(request)
    form = TokenForm(request.POST or None)
    raw = None
    status = 200
    if request.method == "POST":
        if form.is_valid():
            raw = token_issue(actor=request.user, name=form.cleaned_data["name"], days=form.cleaned_data["days"])
            form = TokenForm()
        else:
            status = 400
    mine = ApiToken.objects.filter(user=signed_in(request)).order_by("-created_at")
    return render(request, "accounts/tokens.html", {"form": form, "raw": raw, "tokens": mine}, status=status)


@require_POST
@login_required
def token_revoke_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Revoke one of your own tokens; someone else's token is not found (404)."""
    _may_have_tokens(request)
    try:
        token = token_revoke(actor=request.user, token_id=pk)
    except PermissionDenied:
        raise Http404 from None
    messages.success(request, gettext("Token “%(name)s” revoked: it no longer works.") % {"name": token.name})
    return redirect("accounts:tokens")
