"""Mobility API (/api/v1/mobility/…): public partners and calls; a user's applications and their history;
submitting an application; EWP learning-agreement XML. Every list passes through ``restrict``."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import get_language
from ninja import Router, Schema
from ninja.errors import HttpError
from pydantic import Field

from bilim.apps.accounts.permissions import can, restrict
from bilim.apps.api.paging import id_param, limit_param, offset_param, search_param
from bilim.apps.mobility import models as m
from bilim.apps.mobility import selectors as sel
from bilim.apps.mobility import services as svc
from bilim.apps.workflow.services import TransitionRefused
from bilim.apps.workflow.services import history as transitions

router = Router(tags=["mobility"])


def _lang(request: HttpRequest, lang: str | None) -> str:
    code = (lang or get_language() or "ky")[:2]
    return code if code in {"ky", "ru", "en", "tr"} else "ky"


class PartnerOut(Schema):
    partner: str
    country: str
    website: str
    email: str
    agreement_kind: str
    programme: str
    valid_until: dt.date | None


class CallOut(Schema):
    id: int
    title: str
    host: str
    programme: str
    level: str
    opens_on: dt.date
    deadline: dt.date
    quota: int


class ApplicationOut(Schema):
    id: int
    student: str
    host: str
    start_date: dt.date
    end_date: dt.date
    term: str
    scope: str
    state: str
    version: int


@router.get("/partners", auth=None, response=list[PartnerOut])
def partners(request: HttpRequest, q: str = "", country: str = "") -> list[dict[str, Any]]:
    return [{"partner": a.partner.name_en, "country": a.partner.country, "website": a.partner.website, "email": a.partner.email,
             "agreement_kind": a.kind, "programme": a.funding_programme, "valid_until": a.ends_on} for a in sel.partners(q, country)[:500]]


@router.get("/calls", auth=None, response=list[CallOut])
def calls(request: HttpRequest, q: str = "", programme: str = "") -> list[dict[str, Any]]:
    return [{"id": c.pk, "title": c.title, "host": c.host.name_en, "programme": c.programme, "level": c.level, "opens_on": c.opens_on,
             "deadline": c.deadline, "quota": c.quota} for c in sel.published_calls(q, programme)[:500]]


def _app(a: m.StudentMobility) -> dict[str, Any]:
    return {"id": a.pk, "student": str(a.student.person), "host": a.host.name_en, "start_date": a.start_date, "end_date": a.end_date,
            "term": a.term, "scope": a.scope, "state": a.state, "version": a.version}


@router.get("/applications", response=list[ApplicationOut])
def applications(request: HttpRequest, state: str = "", q: str = search_param(), limit: int = limit_param(100),
                 offset: int = offset_param()) -> list[dict[str, Any]]:
    user = request.auth if hasattr(request.auth, "pk") else request.user  # type: ignore[attr-defined]
    if not can(user, "mobility.view_application"):
        raise HttpError(403, "No access")
    qs = sel.applications(user, q, state)
    return [_app(a) for a in qs[offset: offset + limit]]  # both bounded by their declared types


@router.get("/applications/{pk}")
def application(request: HttpRequest, pk: int = id_param(), lang: str | None = None) -> dict[str, Any]:
    user = request.auth if hasattr(request.auth, "pk") else request.user  # type: ignore[attr-defined]
    mob = get_object_or_404(restrict(user, "mobility.view_application", m.StudentMobility.objects.all()), pk=pk)
    code = _lang(request, lang)
    return {**_app(mob), "history": [
        {"at": t.at.isoformat(), "from": t.source, "to": t.target, "action": t.action, "reason": t.reason,
         "explanations": [{"rules": list(e.rule_ids), "message": e.message(code)} for e in t.explanations()]}
        for t in transitions(mob)]}


class SubmitIn(Schema):
    version: int | None = Field(None, ge=0, le=2**31 - 1)
    lang: str | None = None


@router.post("/applications/{pk}/submit")
def submit(request: HttpRequest, payload: SubmitIn, pk: int = id_param()) -> dict[str, Any]:
    user = request.auth if hasattr(request.auth, "pk") else request.user  # type: ignore[attr-defined]
    mob = get_object_or_404(restrict(user, "mobility.view_application", m.StudentMobility.objects.all()), pk=pk)
    try:
        svc.application_submit(actor=user, mobility=mob, expected_version=payload.version)
    except PermissionDenied:
        raise HttpError(403, "forbidden") from None
    except TransitionRefused as e:
        e.lang = _lang(request, payload.lang)  # type: ignore[attr-defined]  # the API's refusal handler answers in it
        raise  # 409 JSON: detail, rule_ids, explanation (bilim.apps.api.api)
    except ValidationError as e:
        raise HttpError(422, "; ".join(e.messages)) from None
    return _app(mob)


@router.get("/applications/{pk}/ewp-la.xml")
def ewp_la(request: HttpRequest, pk: int = id_param()) -> HttpResponse:
    from bilim.apps.mobility.documents.ewp import learning_agreement_xml

    user = request.auth if hasattr(request.auth, "pk") else request.user  # type: ignore[attr-defined]
    mob = get_object_or_404(restrict(user, "mobility.view_application", m.StudentMobility.objects.all()), pk=pk)
    return HttpResponse(learning_agreement_xml(mob), content_type="application/xml")


from bilim.apps.api.api import api  # noqa: E402

api.add_router("/mobility", router)
