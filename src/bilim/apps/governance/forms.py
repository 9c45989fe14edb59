from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from bilim.apps.accounts.permissions import restrict
from bilim.apps.core.widgets import DateInput
from bilim.apps.governance.models import Body


class DecisionForm(forms.Form):
    body = forms.ModelChoiceField(label=_("Body"), queryset=Body.objects.none())
    number = forms.CharField(label=_("Number"), max_length=40)
    date = forms.DateField(label=_("Date"), widget=DateInput())
    title = forms.CharField(label=_("Title"), max_length=300)
    text = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 8}), required=False)
    reason = forms.CharField(label=_("Reason for the change"), max_length=500, required=False)

    def __init__(self, *args: Any, user: Any, with_body: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if with_body:
            self.fields["body"].queryset = restrict(user, "governance.record_decision_for_body", Body.objects.all())  # type: ignore[attr-defined]
        else:
            del self.fields["body"]


class SupersedeForm(forms.Form):
    number = forms.CharField(label=_("Number of the correction"), max_length=40)
    date = forms.DateField(label=_("Date"), widget=DateInput())
    title = forms.CharField(label=_("Title"), max_length=300)
    text = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 8}))
    reason = forms.CharField(label=_("Reason for the correction"), max_length=500)
