"""Unique constraints as form errors: a duplicate is the user's mistake, not a server error.

Why: services check "is there already one?" before creating, but two requests (a double click, two
tabs) can both pass that check; the database's unique constraint then refuses the second insert
with an ``IntegrityError`` — which was a 500. Wrapping the insert in :func:`unique_or_error` runs it
in a savepoint (the caller's transaction stays usable) and turns a *unique* violation into the
translated :class:`~django.core.exceptions.ValidationError` the view shows beside the form. Other
integrity errors (a foreign key, a check constraint) are real bugs and are re-raised.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

PG_UNIQUE_VIOLATION = "23505"


def is_unique_violation(exc: IntegrityError) -> bool:
    """True when ``exc`` is a unique-constraint violation (PostgreSQL SQLSTATE 23505, SQLite's message)."""
    cause = exc.__cause__
    if getattr(cause, "sqlstate", None) == PG_UNIQUE_VIOLATION or getattr(cause, "pgcode", None) == PG_UNIQUE_VIOLATION:
        return True
    return "UNIQUE constraint failed" in str(exc) or "duplicate key value violates unique constraint" in str(exc)


@contextmanager
def unique_or_error(error: Any) -> Iterator[None]:
    """Run the block in a savepoint; a unique violation becomes ``ValidationError(error)``.

    ``error`` is what :class:`ValidationError` takes: a message, or ``{field: message}`` so the
    view can put it beside the field.
    """
    try:
        with transaction.atomic():
            yield
    except IntegrityError as exc:
        if is_unique_violation(exc):
            raise ValidationError(error, code="unique") from None
        raise
