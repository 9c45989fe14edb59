"""One parsing path for query parameters and posted ids: Django form fields, never ``str.isdigit``.

Why: ``"²".isdigit()`` is true but ``int("²")`` fails, a year ``0`` or ``99999`` makes ``date()`` fail,
a NUL byte makes PostgreSQL refuse the query, and an id or page of twenty digits overflows the
database integer. Each of those was a server error. Here every such value goes through a form
field with bounds; a value that does not parse raises :class:`BadInput`, which the project's 400
handler shows as a translated page (or JSON under ``/api/``) — never a 500.

Use:
* ``parse_id(request.POST.get("enrolment"))`` — a database id, or ``None`` when empty;
* ``get_params(request, MyFilterForm)`` — a :class:`QueryForm` subclass (``q`` and ``page`` built
  in) bound to ``request.GET``, cleaned or :class:`BadInput`;
* ``page_of(request, qs, size)`` — a :class:`~django.core.paginator.Paginator` page from a
  validated ``page`` number.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import BadRequest
from django.core.paginator import Page, Paginator
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

# The largest id any Bilim table can hold (a signed 64-bit primary key); larger is "not found".
MAX_ID = 2**63 - 1
# A page number beyond this is a crafted value, not a click (25 rows × 10⁶ pages).
MAX_PAGE = 1_000_000
# Academic years Bilim can hold (the calendar's dates must exist on both sides).
MIN_YEAR, MAX_YEAR = 1900, 2200


class BadInput(BadRequest):
    """A query parameter or posted value that does not parse: answered with a 400 and this message."""

    def __init__(self, message: Any, field: str = "") -> None:
        super().__init__(str(message))
        self.message = message
        self.field = field


def IdField(**kwargs: Any) -> forms.IntegerField:  # noqa: N802 (a field factory reads like a field class)
    """A database id: a positive integer that fits the database's 64-bit key."""
    kwargs.setdefault("required", False)
    kwargs.setdefault("min_value", 1)
    kwargs.setdefault("max_value", MAX_ID)
    return forms.IntegerField(**kwargs)


def YearField(**kwargs: Any) -> forms.IntegerField:  # noqa: N802
    """A calendar year within the range Bilim's dates can represent."""
    kwargs.setdefault("required", False)
    kwargs.setdefault("min_value", MIN_YEAR)
    kwargs.setdefault("max_value", MAX_YEAR)
    return forms.IntegerField(**kwargs)


class QueryForm(forms.Form):
    """Base of every GET filter form: a search box and a page number (both optional).

    ``CharField`` refuses NUL bytes (``ProhibitNullCharactersValidator``); ``IntegerField`` accepts
    only ASCII digits after ``int()``-style parsing ("²" and "1e3" are refused, bounds enforced).
    """

    q = forms.CharField(required=False, max_length=200, strip=True, label=_("Search"))
    page = forms.IntegerField(required=False, min_value=1, max_value=MAX_PAGE, label=_("Page"))


def _first_error(form: forms.Form) -> BadInput:
    name, errors = next(iter(form.errors.items()))
    label = form.fields[name].label if name in form.fields else ""
    message = f"{label}: {errors[0]}" if label else str(errors[0])
    return BadInput(message, field=name)


def validate(form: forms.Form) -> dict[str, Any]:
    """The cleaned data of a bound form, or :class:`BadInput` naming the first bad field."""
    if not form.is_valid():
        raise _first_error(form)
    return form.cleaned_data


def get_params(request: HttpRequest, form_class: type[forms.Form] = QueryForm) -> dict[str, Any]:
    """Validate ``request.GET`` with ``form_class``; unknown keys are ignored, bad values are a 400."""
    return validate(form_class(request.GET))


class _IdForm(forms.Form):
    value = IdField(label=_("Identifier"))


def parse_id(value: Any, *, label: Any = None) -> int | None:
    """A posted or queried id: ``None`` when empty, the integer when valid, else :class:`BadInput`."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    form = _IdForm({"value": value})
    if label is not None:
        form.fields["value"].label = label
    return validate(form)["value"]


def page_of(request: HttpRequest, object_list: Any, size: int, number: int | None = None) -> Page:
    """A paginator page; the number is validated (a bad one is a 400), one past the end shows the last."""
    if number is None:
        number = get_params(request, QueryForm).get("page")
    return Paginator(object_list, size).get_page(number or 1)


class YearFilterForm(QueryForm):
    """``?year=`` of a statistics page: the calendar year an academic year starts in."""

    year = YearField(label=_("Academic year starting in"))


class VersionForm(forms.Form):
    """The record version a form was rendered from (optimistic locking), optional."""

    version = forms.IntegerField(required=False, min_value=0, max_value=2**31 - 1, label=_("Version"))
