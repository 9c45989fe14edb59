"""Typed, bounded query and path parameters shared by every API list and detail endpoint.

Why: ``offset=-1`` made Django refuse a negative slice, and ``offset``/``limit``/``pk`` beyond the
database's 64-bit integers overflowed the driver — server errors. Declared bounds are validated by
ninja before the handler runs (a 422 naming the parameter) and appear in the OpenAPI schema, so
clients and the schema fuzzer know them. The largest page is ``NINJA_PAGINATION_MAX_LIMIT``.
"""

from __future__ import annotations

from typing import Any

from ninja import Path, Query
from ninja.conf import settings as ninja_settings

from bilim.apps.core.params import MAX_ID  # a signed 64-bit primary key, as for ids typed into pages

MAX_LIMIT: int = int(ninja_settings.PAGINATION_MAX_LIMIT) if ninja_settings.PAGINATION_MAX_LIMIT != float("inf") else 200
MAX_OFFSET = 10**9  # far beyond any Bilim table, far below the database's integer limit
MAX_SEARCH = 200


def offset_param(default: int = 0) -> Any:
    return Query(default, ge=0, le=MAX_OFFSET, description="Rows to skip (0 or more).")


def limit_param(default: int = 50) -> Any:
    return Query(min(default, MAX_LIMIT), ge=1, le=MAX_LIMIT, description=f"Rows to return (1 to {MAX_LIMIT}).")


def search_param() -> Any:
    return Query("", max_length=MAX_SEARCH, description="Words that must all appear (case-insensitive).")


def id_param() -> Any:
    return Path(..., ge=1, le=MAX_ID, description="The record's id.")
