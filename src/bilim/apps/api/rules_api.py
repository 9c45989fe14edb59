"""Rules endpoints: the catalogue (input schemas on request), and evaluation of one rule on given facts.

The regulations are public documents, so these endpoints need no login; they read no records. The catalogue
is built once per process (the rules are code) and answered with an ETag, so a client's conditional GET
costs a 304; the input schemas, most of its weight, are sent only when asked for (``?schemas=1``).
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control
from ninja import Schema
from ninja.errors import HttpError
from pydantic import Field, ValidationError

from bilim.apps.api.api import api
from bilim.apps.core.params import MAX_YEAR, MIN_YEAR
from bilim.regulations.core import coverage
from bilim.regulations.core.params import ParameterError
from bilim.regulations.core.registry import RuleError, get_rule, load_all, registry


class EvaluateIn(Schema):
    facts: dict[str, Any]
    # Bounded like every year Bilim accepts: a date at the calendar's edge overflows deadline arithmetic.
    on: dt.date | None = Field(None, ge=dt.date(MIN_YEAR, 1, 1), le=dt.date(MAX_YEAR, 12, 31))
    lang: str = "en"


RULES_MAX_AGE = 300  # seconds a client or proxy may reuse the catalogue before revalidating with its ETag


@functools.cache
def _catalogue(schemas: bool) -> tuple[dict[str, Any], ...]:
    """Every catalogue entry (with its input schema if ``schemas``); built once per process, as the rules are code."""
    load_all()
    out = []
    for rid, entry in coverage.index().items():
        specs = registry.for_id(rid)
        row = {
            "id": rid,
            "catalogue": entry.catalogue,
            "kind": entry.kind,
            "machine_checkable": entry.machine_checkable,
            "implemented": bool(specs),
            "doc": specs[0].doc if specs else "",
        }
        if schemas:
            row["input_schema"] = specs[0].input_schema() if specs else None
        out.append(row)
    return tuple(out)


@api.get("/rules", auth=None, tags=["rules"], response=list[dict[str, Any]])
def list_rules(request: HttpRequest, q: str = "", machine_checkable: bool | None = None, schemas: bool = False) -> HttpResponse:
    """The rule catalogue; ``schemas=1`` adds each implemented rule's input JSON schema. Cached with an ETag."""
    rows = [
        row for row in _catalogue(schemas)
        if (not q or q.lower() in row["id"].lower()) and (machine_checkable is None or row["machine_checkable"] == machine_checkable)
    ]
    body = json.dumps(rows, cls=DjangoJSONEncoder, ensure_ascii=False, separators=(",", ":")).encode()
    etag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
    not_modified = get_conditional_response(request, etag=etag)
    response = not_modified if not_modified is not None else HttpResponse(body, content_type="application/json")
    response["ETag"] = etag
    patch_cache_control(response, public=True, max_age=RULES_MAX_AGE)
    return response


@api.post("/rules/{rule_id}/evaluate", auth=None, tags=["rules"])
def evaluate_rule(request: HttpRequest, rule_id: str, payload: EvaluateIn) -> dict[str, Any]:
    try:
        spec = get_rule(rule_id)
    except KeyError:
        raise HttpError(404, f"No implemented rule {rule_id}") from None
    lang = payload.lang if payload.lang in {"ky", "ru", "en", "tr"} else "en"
    if payload.on is None:  # a rule is judged on a stated date, never silently today
        raise HttpError(422, "on: the date the rule is judged on is required (YYYY-MM-DD)")
    try:
        outcome = spec.fn(payload.facts, payload.on)
    except ValidationError as exc:
        raise HttpError(422, f"Invalid facts: {exc.errors(include_url=False)}") from None
    except (ParameterError, RuleError, ValueError) as exc:
        raise HttpError(422, str(exc)) from None
    data = outcome.to_dict()
    data["message"] = outcome.message(lang)
    return data
