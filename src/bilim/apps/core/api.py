"""JSON endpoints for the core records (list with search & paging, detail), all through ``restrict``,
and a personal token endpoint. Mounted on the project API by ``bilim.apps.api.api``."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import HttpRequest
from ninja import Field, Router, Schema, Status
from ninja.errors import HttpError

from bilim.apps.accounts.permissions import can, restrict, signed_in
from bilim.apps.api.auth import ApiToken, token_days_max
from bilim.apps.api.paging import MAX_LIMIT, MAX_OFFSET, id_param, limit_param, offset_param, search_param
from bilim.apps.core.listing import apply_search, may_list

router = Router(tags=["records"])


class Page(Schema):
    count: int
    offset: int
    limit: int
    items: list[dict[str, Any]]


class TokenIn(Schema):
    name: str
    days: int | None = Field(None, description="Validity in days (1 … BILIM_API_TOKEN_MAX_DAYS); the default validity when omitted.")


class TokenOut(Schema):
    token: str
    name: str
    expires_at: dt.datetime


def _jsonable(v: Any) -> Any:
    if isinstance(v, (dt.date, dt.datetime)):
        return v.isoformat()
    if isinstance(v, Decimal):
        return str(v)
    return v


def _row(obj: models.Model, fields: list[str]) -> dict[str, Any]:
    out: dict[str, Any] = {"id": obj.pk}
    for f in fields:
        value: Any = obj
        for part in f.split("__"):
            value = getattr(value, part, None) if value is not None else None
        out[f] = _jsonable(value)
    return out


def _list(request: HttpRequest, action: str, qs: models.QuerySet[Any], search: list[str], fields: list[str], q: str, offset: int, limit: int) -> dict[str, Any]:
    # Users with only "own" access get their own rows; users with no role are refused.
    if not can(request.user, action):
        raise HttpError(403, "No access")
    qs = restrict(request.user, action, qs)
    if q:
        qs = apply_search(qs, search, q[:100])
    limit = max(1, min(limit, MAX_LIMIT))  # validated by the signature already; kept for direct callers
    offset = max(0, min(offset, MAX_OFFSET))
    return {"count": qs.count(), "offset": offset, "limit": limit, "items": [_row(o, fields) for o in qs[offset : offset + limit]]}


def _detail(request: HttpRequest, action: str, qs: models.QuerySet[Any], pk: int, fields: list[str]) -> dict[str, Any]:
    obj = restrict(request.user, action, qs).filter(pk=pk).first()
    if obj is None:
        raise HttpError(404, "Not found")
    return _row(obj, fields)


def _endpoints(prefix: str, action: str, queryset: Any, search: list[str], fields: list[str]) -> None:
    def list_view(request: HttpRequest, q: str = search_param(), offset: int = offset_param(), limit: int = limit_param(50)) -> dict[str, Any]:
        return _list(request, action, queryset(), search, fields, q, offset, limit)

    def detail_view(request: HttpRequest, pk: int = id_param()) -> dict[str, Any]:
        return _detail(request, action, queryset(), pk, fields)

    list_view.__name__ = f"list_{prefix}"
    detail_view.__name__ = f"get_{prefix}"
    router.get(f"/{prefix}", response=Page, operation_id=f"list_{prefix}", url_name=f"list_{prefix}")(list_view)
    # {int:pk}: only numbers, so that /programmes/proposals (the programmes app) is not taken for a programme id
    router.get(f"/{prefix}/{{int:pk}}", response=dict[str, Any], operation_id=f"get_{prefix}", url_name=f"get_{prefix}")(detail_view)


@router.post("/tokens", response={201: TokenOut}, tags=["auth"], url_name="issue_token")
def issue_token(request: HttpRequest, payload: TokenIn) -> Status[dict[str, Any]]:
    """Issue a personal API token (shown once). Needs a logged-in session or an existing token."""
    from bilim.apps.accounts.views import token_issue

    name = payload.name.strip()[:100]
    if not name:
        raise HttpError(422, "name must not be empty")
    if payload.days is not None and not 1 <= payload.days <= token_days_max():
        raise HttpError(422, f"days must be between 1 and {token_days_max()}")
    try:
        raw = token_issue(actor=request.user, name=name, days=payload.days)
    except PermissionDenied:
        raise HttpError(403, "No role: no API access") from None
    token = ApiToken.objects.filter(user=signed_in(request)).order_by("-pk").first()
    return Status(201, {"token": raw, "name": name, "expires_at": token.expires_at if token else None})


__all__ = ["router", "may_list"]
