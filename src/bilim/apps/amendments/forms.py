from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from bilim.apps.amendments.services import PARAMETERS

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ProposalForm(forms.Form):
    body = forms.TypedChoiceField(label=_("Body that would adopt it"), coerce=int)
    parameter = forms.ChoiceField(label=_("Parameter"))
    since = forms.DateField(label=_("In force from"), widget=DATE)
    value_text = forms.CharField(label=_("Proposed value"), widget=forms.Textarea(attrs={"rows": 14, "cols": 90, "spellcheck": "false"}),
                                 help_text=_("Written as in the parameter files: the current value is filled in; change what the "
                                             "amendment changes."))
    note = forms.CharField(label=_("Reason"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, bodies: list[Any], lang: str = "en", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["body"].choices = [(b.pk, getattr(b, f"name_{lang}", "") or b.name_en) for b in bodies]  # type: ignore[attr-defined]
        self.fields["parameter"].choices = [(k, v) for k, v in PARAMETERS.items()]  # type: ignore[attr-defined]


class AttachForm(forms.Form):
    meeting = forms.TypedChoiceField(label=_("Meeting"), coerce=int)

    def __init__(self, *args: Any, meetings: list[Any], lang: str = "en", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["meeting"].choices = [  # type: ignore[attr-defined]
            (mt.pk, f"{getattr(mt.body, f'name_{lang}', '') or mt.body.name_en} — {mt.held_on.strftime('%d.%m.%Y')} ({mt.number})")
            for mt in meetings]
