"""Date and time inputs that keep their value in every language.

Why: a ``<input type="date">`` accepts only an ISO value (``2026-12-07``). Django renders a date with the
active locale's first input format (``07.12.2026`` in ky/ru/tr), which the browser rejects and shows as an
empty box — so a form sent back with an error lost its dates in Kyrgyz. These widgets always render ISO;
parsing accepts ISO in every locale (Django adds the ISO formats to each locale's input formats).
"""

from __future__ import annotations

from typing import Any

from django import forms

ISO_DATE = "%Y-%m-%d"
ISO_TIME = "%H:%M"


class DateInput(forms.DateInput):
    """A browser date picker whose value is ISO in every language."""

    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None, format: str | None = None) -> None:  # noqa: A002 - Django's name
        super().__init__(attrs=attrs, format=format or ISO_DATE)


class TimeInput(forms.TimeInput):
    """A browser time picker whose value is ``HH:MM`` in every language."""

    input_type = "time"

    def __init__(self, attrs: dict[str, Any] | None = None, format: str | None = None) -> None:  # noqa: A002
        super().__init__(attrs=attrs, format=format or ISO_TIME)
