"""Table editors: a page of rows (a Django formset) saved at once, nothing typed lost on an error.

Why: study plans, learning-agreement changes, host results and weight plans were typed as pipe- or
space-separated text with English codes, and a format error emptied the box. A table editor gives each
row real fields (selects instead of codes, numbers through :class:`~bilim.apps.core.numbers.NumberField`,
ISO date inputs), shows every error beside its cell or row, and re-renders the posted rows as typed.

The forms only shape the input; the services still decide. :func:`save_rows` runs one service call per
row inside one transaction: if any row is refused, every row is rolled back and each refusal is shown
beside its own row (rows are tried each in a savepoint, so the other rows' refusals are reported too).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction

ROW_TEMPLATE = "core/_table_editor.html"


class RowForm(forms.Form):
    """One row of a table editor: each input is named for screen readers by its column (there is no <label>)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs.setdefault("aria-label", str(field.label))


class RowFormSet(forms.BaseFormSet):
    """A formset whose blank rows are skipped and whose deleted rows are ignored."""

    def initial_form_count(self) -> int:
        # Once posted, every row may be left blank (proposed rows the person did not fill are skipped, not refused):
        # Django would otherwise validate the first INITIAL_FORMS rows even when they are untouched.
        return 0 if self.is_bound else super().initial_form_count()

    def rows(self) -> list[dict[str, Any]]:
        """The cleaned data of every filled, non-deleted row, in the order shown."""
        out = []
        for form in self.forms:
            if not form.has_changed() or self._should_delete_form(form):  # type: ignore[attr-defined]  # Django's, not in the stubs
                continue
            data = {k: v for k, v in form.cleaned_data.items() if k != "DELETE"}
            out.append(data)
        return out

    def filled_forms(self) -> list[forms.Form]:
        return [f for f in self.forms if f.has_changed() and not self._should_delete_form(f)]  # type: ignore[attr-defined]


def row_formset(form: type[forms.Form], *, extra: int = 0, min_rows: int = 0) -> type[RowFormSet]:
    """A formset class for ``form`` with a delete box per row; ``min_rows`` filled rows required."""
    cls: Any = forms.formset_factory(form, formset=RowFormSet, extra=extra, can_delete=True, min_num=min_rows, validate_min=min_rows > 0,
                                     max_num=200, validate_max=True)
    return cls


def apply_error(target: forms.Form, exc: ValidationError) -> None:
    """Put a service's refusal beside the field it names (or on the row / form when it names none)."""
    if hasattr(exc, "error_dict"):
        for field, errs in exc.message_dict.items():
            target.add_error(field if field in target.fields else None, errs)
    else:
        target.add_error(None, exc.messages)


def save_rows(formset: RowFormSet, save: Callable[[forms.Form, dict[str, Any]], Any]) -> list[Any] | None:
    """Call ``save(form, row)`` for every filled row in one transaction.

    Returns the results, or ``None`` after attaching each refusal to its row (nothing written).
    """
    results: list[Any] = []
    failed = False

    class _Rollback(Exception):
        pass

    try:
        with transaction.atomic():
            for form in formset.filled_forms():
                row = {k: v for k, v in form.cleaned_data.items() if k != "DELETE"}
                try:
                    with transaction.atomic():  # a savepoint: the next rows are still tried and their refusals shown
                        results.append(save(form, row))
                except ValidationError as exc:
                    apply_error(form, exc)
                    failed = True
            if failed:
                raise _Rollback
    except _Rollback:
        return None
    return results


def formset_errors(formset: forms.BaseFormSet) -> bool:
    """True when the formset or any row carries an error (to show the "nothing was saved" banner)."""
    return bool(formset.non_form_errors()) or any(f.errors for f in formset.forms)

