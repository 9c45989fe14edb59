"""Repair of stored numbers that the CHECK constraints of the number domains would refuse.

Why: before :mod:`bilim.apps.core.numbers` every typed number went to the database as parsed, so a
database may hold ``NaN``/``Infinity`` (SQLite keeps them as text or as an infinite REAL; PostgreSQL
keeps ``NaN`` in ``numeric``) or values outside a domain (credits 0, a GPA of −1). Such a row breaks
every page, document and statistic that reads it, and adding a CHECK constraint over it fails (SQLite
rebuilds the table and the copy is refused). Each constraint migration therefore runs
:func:`repair_numbers` for its own app FIRST.

What it does, per Decimal/Float column of the app's models: a stored value that is not a finite
number, has more whole digits than the column holds, or lies outside the domain given for the
column is replaced — by NULL when the column is nullable, otherwise by the nearest value inside the
domain (the lower bound, or the smallest positive step of the column when the lower bound is
strict, e.g. an infinite credit becomes 0.1; the upper bound when the value is too large). Each
replacement is logged (table, primary key, column, old text, new value) so a person can correct it.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import models

log = logging.getLogger("bilim.repair")


@dataclass(frozen=True)
class Range:
    """The domain of one column, as its CHECK constraint states it."""

    lo: Decimal | None = None
    hi: Decimal | None = None
    lo_exclusive: bool = False


def _as_decimal(text: Any) -> Decimal | None:
    """The stored value as a finite Decimal, or None when it is not one (NaN, Inf, text)."""
    if text is None:
        return None
    try:
        value = Decimal(str(text).strip())
    except (InvalidOperation, ValueError):
        return None
    return value if value.is_finite() else None


def _replacement(value: Decimal | None, field: Any, rng: Range) -> tuple[bool, Decimal | None]:
    """(needs repair, new value) for one stored value."""
    step = Decimal(1).scaleb(-(field.decimal_places or 0)) if isinstance(field, models.DecimalField) else Decimal("0.1")
    top = None
    if isinstance(field, models.DecimalField) and field.max_digits is not None:
        top = Decimal(10) ** (field.max_digits - field.decimal_places) - step
    hi = min(x for x in (rng.hi, top) if x is not None) if (rng.hi is not None or top is not None) else None
    lo = rng.lo
    floor = (lo + step if rng.lo_exclusive else lo) if lo is not None else (-top if top is not None else None)
    ok = value is not None and (lo is None or (value > lo if rng.lo_exclusive else value >= lo)) and (hi is None or value <= hi)
    if ok:
        return False, None
    if field.null:
        return True, None
    if value is not None and hi is not None and value > hi:
        return True, hi
    return True, floor if floor is not None else Decimal(0)


def repair_numbers(apps: Any, schema_editor: Any, app_label: str, ranges: dict[str, dict[str, Range]] | None = None) -> list[dict[str, Any]]:
    """Repair every Decimal/Float column of ``app_label`` (see the module docstring); return what was changed.

    ``ranges`` maps a model name (lower case) to {field name: Range}; columns not listed are checked
    for finiteness and for the column's digits only.
    """
    ranges = ranges or {}
    conn = schema_editor.connection
    qn = conn.ops.quote_name
    changes: list[dict[str, Any]] = []
    for model in apps.get_app_config(app_label).get_models():
        meta = model._meta
        if not meta.managed or meta.proxy:
            continue
        for field in meta.concrete_fields:
            if not isinstance(field, models.DecimalField | models.FloatField):
                continue
            rng = ranges.get(meta.model_name, {}).get(field.name, Range())
            with conn.cursor() as cur:
                cur.execute(f"SELECT {qn(meta.pk.column)}, CAST({qn(field.column)} AS TEXT) FROM {qn(meta.db_table)} "  # noqa: S608 - quoted names
                            f"WHERE {qn(field.column)} IS NOT NULL")
                rows = cur.fetchall()
            for pk, text in rows:
                bad, new = _replacement(_as_decimal(text), field, rng)
                if not bad:
                    continue
                with conn.cursor() as cur:
                    cur.execute(f"UPDATE {qn(meta.db_table)} SET {qn(field.column)} = %s WHERE {qn(meta.pk.column)} = %s",  # noqa: S608
                                [new, pk])
                change = {"table": meta.db_table, "pk": pk, "column": field.column, "old": text, "new": None if new is None else str(new)}
                log.warning("repaired stored number %s", change)
                changes.append(change)
    if changes:
        _settle(conn)
    return changes


def _settle(conn: Any) -> None:
    """On PostgreSQL, check the deferred foreign keys of the rows just updated now: the migration alters the
    same tables next (adding the constraints), which PostgreSQL refuses while trigger events are pending."""
    if conn.vendor == "postgresql":
        with conn.cursor() as cur:
            cur.execute("SET CONSTRAINTS ALL IMMEDIATE")


def repair_json_numbers(apps: Any, app_label: str, model_name: str, field: str, rng: Range) -> list[dict[str, Any]]:
    """Drop from a JSON object column (e.g. criterion scores ``{"LANGUAGE": "80"}``) every value that is not a
    finite number inside ``rng``; the person who typed it enters it again. Returns what was dropped."""
    model = apps.get_model(app_label, model_name)
    changes: list[dict[str, Any]] = []
    for obj in model.objects.exclude(**{field: {}}).only("pk", field).iterator():
        data = getattr(obj, field)
        if not isinstance(data, dict):
            continue
        keep = {}
        for k, v in data.items():
            value = _as_decimal(v) if not isinstance(v, bool) else None
            ok = value is not None and (rng.lo is None or (value > rng.lo if rng.lo_exclusive else value >= rng.lo)) and (rng.hi is None or value <= rng.hi)
            if ok or v is None:
                keep[k] = v
            else:
                changes.append({"table": model._meta.db_table, "pk": obj.pk, "column": field, "key": k, "old": str(v)})
        if len(keep) != len(data):
            model.objects.filter(pk=obj.pk).update(**{field: keep})
            log.warning("repaired stored numbers in %s #%s %s", model._meta.db_table, obj.pk, field)
    if changes:
        from django.db import connections

        _settle(connections[model.objects.db])
    return changes
