"""Decimal rounding as a cited step.

Every rounding a regulation calls for goes through :func:`round_half_up` (or
:func:`truncate`) so that the step is explicit and uses exact decimal arithmetic.
"""

from __future__ import annotations

from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal


def D(value: object) -> Decimal:
    """Exact Decimal from an int, str, Decimal (floats go through their text)."""
    if isinstance(value, Decimal):
        return value
    if isinstance(value, float):
        return Decimal(str(value))
    return Decimal(str(value))


def round_half_up(value: Decimal, places: int = 2) -> Decimal:
    return D(value).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def truncate(value: Decimal, places: int = 2) -> Decimal:
    return D(value).quantize(Decimal(1).scaleb(-places), rounding=ROUND_DOWN)
