"""Rules endpoints: the catalogue with input schemas, and evaluation of one rule on given facts.

The regulations are public documents, so these endpoints need no login; they read no records.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
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


@api.get("/rules", auth=None, tags=["rules"])
def list_rules(request: HttpRequest, q: str = "", machine_checkable: bool | None = None) -> list[dict[str, Any]]:
    load_all()
    out = []
    for rid, entry in coverage.index().items():
        if q and q.lower() not in rid.lower():
            continue
        if machine_checkable is not None and entry.machine_checkable != machine_checkable:
            continue
        specs = registry.for_id(rid)
        out.append(
            {
                "id": rid,
                "catalogue": entry.catalogue,
                "kind": entry.kind,
                "machine_checkable": entry.machine_checkable,
                "implemented": bool(specs),
                "doc": specs[0].doc if specs else "",
                "input_schema": specs[0].input_schema() if specs else None,
            }
        )
    return out


@api.post("/rules/{rule_id}/evaluate", auth=None, tags=["rules"])
def evaluate_rule(request: HttpRequest, rule_id: str, payload: EvaluateIn) -> dict[str, Any]:
    try:
        spec = get_rule(rule_id)
    except KeyError:
        raise HttpError(404, f"No implemented rule {rule_id}") from None
    lang = payload.lang if payload.lang in {"ky", "ru", "en", "tr"} else "en"
    try:
        outcome = spec.fn(payload.facts, payload.on or dt.date.today())
    except ValidationError as exc:
        raise HttpError(422, f"Invalid facts: {exc.errors(include_url=False)}") from None
    except (ParameterError, RuleError, ValueError) as exc:
        raise HttpError(422, str(exc)) from None
    data = outcome.to_dict()
    data["message"] = outcome.message(lang)
    return data
