"""One parsing path for every number a person types or a client sends to the API.

Why: ``Decimal("NaN")``, ``Decimal("Infinity")`` and ``Decimal("1e999999")`` are valid Python decimals,
and SQLite stores them; one infinite credit on a study-plan line then breaks the file, its documents,
the API list and the statistics for everyone. So every number that enters goes through
:func:`parse_decimal`, which accepts only plain decimal notation (a decimal comma too: ``"3,5"``),
checks the field's digits (``max_digits`` / ``decimal_places``) and its domain (the grading scale,
``0 < credits <= limit`` …), and raises :class:`NumberError` with a translated message otherwise.

Three doors share that one function:

* :func:`parse_decimal` — for views and services that read raw POST values or text lines;
* :class:`NumberField` — a ``forms.DecimalField`` for Django forms (error beside the field);
* :func:`api_decimal` — an annotated pydantic type for django-ninja schemas (a 422 with the message).

Domains are named once (:data:`SCORE_100`, :data:`GPA_OSU`, :data:`ISP_CREDITS` …). Where a bound is a
number the regulation sets, it is read from the dated parameters (``bilim.regulations.core.params``) on
the day of the check, never written here as a literal.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation
from typing import Annotated, Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from pydantic import PlainValidator, WithJsonSchema

Bound = Decimal | Callable[[dt.date], Decimal] | None

# Plain decimal notation only: optional sign, digits, one decimal point or comma. No exponent, no
# NaN/Infinity, no thousands separators, no spaces inside. Anything else is "Enter a number.".
_PLAIN = re.compile(r"[+-]?(?:[0-9]+(?:[.,][0-9]*)?|[.,][0-9]+)")
_MAX_LENGTH = 40  # longer than any field's digits allow; stops pathological inputs before Decimal()


class NumberError(ValueError):
    """A refused number; ``message`` is translated, ``code`` is stable for tests and logs."""

    def __init__(self, message: str, code: str) -> None:
        super().__init__(message)
        self.message = message
        self.code = code

    def as_validation_error(self, field: str | None = None) -> ValidationError:
        """The Django form of the error, attached to ``field`` when given."""
        err = ValidationError(self.message, code=self.code)
        return ValidationError({field: [err]}) if field else err


def param(name: str) -> Callable[[dt.date], Decimal]:
    """A bound read from the dated parameter ``name`` in force on the day of the check."""

    def lookup(on: dt.date) -> Decimal:
        from bilim.regulations.core.params import get

        return Decimal(str(get(name, on).value))

    lookup.__name__ = f"param({name})"
    return lookup


@dataclass(frozen=True)
class Domain:
    """What a number may be: its digits (as the model field stores it) and its range.

    ``minimum``/``maximum`` are a Decimal or a callable of the date (a dated parameter).
    ``min_exclusive`` makes the lower bound strict (credits > 0).
    """

    max_digits: int
    decimal_places: int
    minimum: Bound = None
    maximum: Bound = None
    min_exclusive: bool = False
    max_exclusive: bool = False

    def bounds(self, on: dt.date | None = None) -> tuple[Decimal | None, Decimal | None]:
        day = on or timezone.localdate()
        lo = self.minimum(day) if callable(self.minimum) else self.minimum
        hi = self.maximum(day) if callable(self.maximum) else self.maximum
        return lo, hi

    def but(self, **changes: Any) -> Domain:
        return replace(self, **changes)


ZERO = Decimal(0)
# Scores on the home 100-point scale (OshSU: osu.home_grade_scale_max; KTMU Table 1: ktmu.grading.score_scale_max).
SCORE_100 = Domain(5, 2, ZERO, param("osu.home_grade_scale_max"))
SCORE_KTMU = Domain(5, 2, ZERO, param("ktmu.grading.score_scale_max"))
# GPA on the institution's scale.
GPA_OSU = Domain(4, 2, ZERO, param("osu.gpa_scale_max"))
GPA_KTMU = Domain(4, 2, ZERO, param("ktmu.grading.gpa_scale_max"))
# ECTS credits of one study-plan / learning-agreement / host-result line: 0 < credits <= the line limit.
ISP_CREDITS = Domain(4, 1, ZERO, param("osu.isp_line_credits_max"), min_exclusive=True)
# ECTS credits of a course taken elsewhere and brought to a KTMU record.
KTMU_CREDITS = Domain(4, 1, ZERO, param("ktmu.studies.host_course_ects_max"), min_exclusive=True)
# A criterion weight of a mobility call (A-41: any non-negative weights with a positive total; points, not a share).
CRITERION_WEIGHT = Domain(5, 2, ZERO, None)
# Money: non-negative, as many digits as the amount columns hold.
AMOUNT = Domain(10, 2, ZERO, None)
# A weight of an assessment component, as a fraction of the course grade.
WEIGHT = Domain(5, 4, ZERO, Decimal(1))


def _text(raw: Any) -> str:
    if isinstance(raw, bool):  # True is an int in Python; never a number here
        raise NumberError(_("Enter a number."), "invalid")
    if isinstance(raw, Decimal | int):
        return format(raw, "f") if isinstance(raw, Decimal) and raw.is_finite() else str(raw)
    if isinstance(raw, float):
        return repr(raw)
    return str(raw)


def _digits(value: Decimal) -> tuple[int, int]:
    """(digits in total, digits after the point) of a finite value, trailing fractional zeros ignored."""
    sign, digits, exponent = value.as_tuple()
    assert isinstance(exponent, int)
    digits_l = list(digits)
    while exponent < 0 and len(digits_l) > 1 and digits_l[-1] == 0:
        digits_l.pop()
        exponent += 1
    places = -exponent if exponent < 0 else 0
    whole = len(digits_l) + exponent if exponent >= 0 else max(len(digits_l) - places, 0)
    if digits_l == [0]:
        whole = 0
    return whole + places, places


def parse_decimal(raw: Any, domain: Domain, *, required: bool = True, on: dt.date | None = None) -> Decimal | None:
    """Parse and check one number; return it, or ``None`` when empty and not required.

    Raises :class:`NumberError` (translated message) when the text is not a plain finite decimal,
    has more digits than the field holds, or lies outside the domain.
    """
    text = "" if raw is None else _text(raw).strip()
    if text == "":
        if required:
            raise NumberError(_("This field is required."), "required")
        return None
    if len(text) > _MAX_LENGTH or not _PLAIN.fullmatch(text):
        raise NumberError(_("Enter a number."), "invalid")
    try:
        value = Decimal(text.replace(",", "."))
    except InvalidOperation:  # pragma: no cover - the pattern admits only parseable text
        raise NumberError(_("Enter a number."), "invalid") from None
    if not value.is_finite():  # pragma: no cover - idem
        raise NumberError(_("Enter a number."), "invalid")
    if value.is_zero():
        value = abs(value)  # "-0" is 0
    total, places = _digits(value)
    if places > domain.decimal_places:
        raise NumberError(_("Too many digits after the decimal point (at most %(n)s).") % {"n": domain.decimal_places}, "max_decimal_places")
    if total - places > domain.max_digits - domain.decimal_places:
        raise NumberError(_("The number is too large."), "max_whole_digits")
    lo, hi = domain.bounds(on)
    if lo is not None and (value <= lo if domain.min_exclusive else value < lo):
        msg = _("Enter a number greater than %(limit)s.") if domain.min_exclusive else _("Enter a number not less than %(limit)s.")
        raise NumberError(msg % {"limit": _show(lo)}, "min_value")
    if hi is not None and (value >= hi if domain.max_exclusive else value > hi):
        msg = _("Enter a number less than %(limit)s.") if domain.max_exclusive else _("Enter a number not greater than %(limit)s.")
        raise NumberError(msg % {"limit": _show(hi)}, "max_value")
    exponent = value.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -domain.decimal_places:  # "100.000": only zeros beyond the column's places
        value = value.quantize(Decimal(1).scaleb(-domain.decimal_places))
    return value


def _show(v: Decimal) -> str:
    return format(v.normalize(), "f") if v == v.to_integral_value() else format(v, "f")


def clean_decimal(raw: Any, domain: Domain, field: str, *, required: bool = True, on: dt.date | None = None) -> Decimal | None:
    """:func:`parse_decimal` for views and services: a refusal becomes ``ValidationError({field: …})``."""
    try:
        return parse_decimal(raw, domain, required=required, on=on)
    except NumberError as e:
        raise e.as_validation_error(field) from None


def is_finite_number(value: Any) -> bool:
    """True for a finite Decimal/int/float (used by the repair migration and reads of stored data)."""
    try:
        return Decimal(str(value)).is_finite()
    except (InvalidOperation, ValueError, TypeError):
        return False


class NumberField(forms.DecimalField):
    """A form field that parses through :func:`parse_decimal` (decimal comma accepted, domain checked).

    A text input with ``inputmode="decimal"``: a number input would drop "3,5" in some browsers.
    """

    widget = forms.TextInput

    def __init__(self, domain: Domain, **kwargs: Any) -> None:
        self.domain = domain
        super().__init__(max_digits=domain.max_digits, decimal_places=domain.decimal_places, **kwargs)

    def widget_attrs(self, widget: forms.Widget) -> dict[str, Any]:
        attrs = super().widget_attrs(widget)
        attrs.pop("step", None)
        attrs["inputmode"] = "decimal"
        return attrs

    def to_python(self, value: Any) -> Decimal | None:  # type: ignore[override]  # the stubs give DecimalField IntegerField's
        try:
            return parse_decimal(value, self.domain, required=False)
        except NumberError as e:
            raise forms.ValidationError(e.message, code=e.code) from None

    def validate(self, value: Any) -> None:
        forms.Field.validate(self, value)  # required check only; the rest was done by parse_decimal


def api_decimal(domain: Domain, *, required: bool = True) -> Any:
    """An annotated type for ninja/pydantic schemas: the same parsing, a 422 with the message otherwise.

    Accepts a JSON string ("3,5", "3.50") or a JSON number; NaN/Infinity/exponents are refused.
    """

    def validate(raw: Any) -> Decimal | None:
        return parse_decimal(raw, domain, required=required)  # NumberError is a ValueError: pydantic reports it

    schema: dict[str, Any] = {"anyOf": [{"type": "number"}, {"type": "string", "pattern": _PLAIN.pattern}]}
    return Annotated[Decimal, PlainValidator(validate), WithJsonSchema(schema)]
