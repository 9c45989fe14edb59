"""The Django admin's add pages take initial values from the query string: drop ids that do not parse.

Why: ``/admin/people/staff/add/?unit=abc`` (or ``?unit=²``, or twenty digits) made the admin's autocomplete widget
filter its queryset by the raw text, and Django raised ``ValueError`` — a server error on every
add page with an autocomplete field. Installed once for every ``ModelAdmin`` (no admin class has to
remember it): a related field's initial value that its target key cannot hold is ignored, the
same as a value that names no record.
"""

from __future__ import annotations

from typing import Any

from django.contrib.admin.options import ModelAdmin
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.http import HttpRequest

_original = ModelAdmin.get_changeform_initial_data


def _valid_key(field: Any, value: Any) -> bool:
    target = field.related_model._meta.pk if field.many_to_many else field.target_field
    try:
        python = target.to_python(value)
        target.run_validators(python)  # the database's integer range: twenty digits overflow the driver
        target.get_prep_value(python)
    except (ValidationError, ValueError, TypeError, OverflowError):
        return False
    return True


def get_changeform_initial_data(self: ModelAdmin, request: HttpRequest) -> dict[str, Any]:
    initial = _original(self, request)
    for name, value in list(initial.items()):
        try:
            field = self.opts.get_field(name)
        except FieldDoesNotExist:
            continue
        if not (field.is_relation and field.related_model is not None and hasattr(field, "get_prep_value")):
            continue
        values = value if isinstance(value, list) else [value]
        if not all(_valid_key(field, v) for v in values):
            del initial[name]
    return initial


def install() -> None:
    """Replace the admin's initial-data reader (idempotent)."""
    ModelAdmin.get_changeform_initial_data = get_changeform_initial_data  # type: ignore[method-assign]
