"""KTMU admissions: the JSON API under /api/v1/admissions/ — public rounds and rankings, the candidate's own
applications and submission, the commission's score entry. Scores go through the one number parser (finite, 0–100);
a refusal is a 409 with the explanation in the reader's language, bad input a 422, never a 500."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import get_language
from ninja import Router, Schema
from ninja.errors import HttpError

from bilim.apps.accounts.permissions import can, restrict
from bilim.apps.admissions import services as svc
from bilim.apps.admissions.models import Application, Commission, Round
from bilim.apps.api.paging import id_param
from bilim.apps.core.numbers import Domain, api_decimal
from bilim.apps.workflow.services import TransitionRefused

router = Router(tags=["admissions"])
SCORE = api_decimal(Domain(5, 2, Decimal(0), Decimal(100)), required=False)


def _lang(lang: str | None) -> str:
    code = (lang or get_language() or "ky")[:2]
    return code if code in {"ky", "ru", "en", "tr"} else "ky"


def _user(request: HttpRequest) -> Any:
    return request.auth if hasattr(request.auth, "pk") else request.user  # type: ignore[attr-defined]


class RoundOut(Schema):
    id: int
    programme: str
    programme_name: str
    year: int
    level: str
    quota: int
    reserves: int
    application_start: dt.date
    application_end: dt.date
    exam_date: dt.date
    finreg_start: dt.date
    finreg_end: dt.date
    results_published_on: dt.date | None


class RankOut(Schema):
    number: str
    rank: int | None
    composite: str | None
    specialist: str | None
    diploma: str | None
    language: str | None
    status: str
    decided_by: str
    above: str | None


class ApplicationOut(Schema):
    id: int
    number: str
    round: int
    track: str
    state: str
    composite: str | None
    rank: int | None
    list_status: str


class LangIn(Schema):
    lang: str | None = None


class ScoreIn(Schema):
    protocol_number: str
    protocol_date: dt.date
    written: SCORE = None  # type: ignore[valid-type]
    oral: SCORE = None  # type: ignore[valid-type]
    absent: bool = False
    answer_language: str = "KY"
    lang: str | None = None


def _round(r: Round, lang: str) -> dict[str, Any]:
    return {"id": r.pk, "programme": r.programme.code, "programme_name": r.programme.name(lang), "year": r.year, "level": r.level, "quota": r.quota,
            "reserves": r.reserves, "application_start": r.application_start, "application_end": r.application_end, "exam_date": r.exam_date,
            "finreg_start": r.finreg_start, "finreg_end": r.finreg_end, "results_published_on": r.results_published_on}


def _app(a: Application) -> dict[str, Any]:
    return {"id": a.pk, "number": a.number, "round": a.round_id, "track": a.track, "state": a.state,
            "composite": str(a.composite) if a.composite is not None else None, "rank": a.rank, "list_status": a.list_status}


@router.get("/rounds", auth=None, response=list[RoundOut])
def admission_rounds(request: HttpRequest, year: int | None = None, lang: str | None = None) -> list[dict[str, Any]]:
    qs = Round.objects.select_related("programme")
    if year is not None:
        qs = qs.filter(year=year)
    return [_round(r, _lang(lang)) for r in qs[:500]]


@router.get("/rounds/{pk}/ranking", auth=None, response=list[RankOut])
def admission_ranking(request: HttpRequest, pk: int = id_param()) -> list[dict[str, Any]]:
    rnd = get_object_or_404(Round, pk=pk)
    if rnd.results_published_on is None:
        raise HttpError(404, "results not published")
    return [{k: r.get(k) for k in RankOut.model_fields} for r in rnd.ranking]


@router.get("/applications/mine", response=list[ApplicationOut])
def admission_my_applications(request: HttpRequest) -> list[dict[str, Any]]:
    return [_app(a) for a in Application.objects.filter(user=_user(request))]


@router.post("/applications/{pk}/submit", response=ApplicationOut)
def admission_submit(request: HttpRequest, payload: LangIn, pk: int = id_param()) -> dict[str, Any]:
    user = _user(request)
    app = get_object_or_404(Application.objects.filter(user=user), pk=pk)
    try:
        svc.application_submit(actor=user, application=app)
    except TransitionRefused as e:
        raise HttpError(409, "; ".join(e.messages(_lang(payload.lang)))) from None
    except ValidationError as e:
        raise HttpError(422, "; ".join(e.messages)) from None
    return _app(app)


@router.post("/applications/{pk}/scores", response=ApplicationOut)
def admission_scores(request: HttpRequest, payload: ScoreIn, pk: int = id_param()) -> dict[str, Any]:
    user = _user(request)
    if not (can(user, "admissions.enter_scores") or can(user, "admissions.manage_round")):
        raise HttpError(403, "forbidden")
    app = get_object_or_404(restrict(user, "admissions.view_application", Application.objects.all()), pk=pk)
    kind = Commission.Kind.INTERNATIONAL if app.track == Application.Track.INTERNATIONAL else Commission.Kind.SPECIALIST
    comm = app.round.commissions.filter(kind=kind).first()
    if comm is None:
        raise HttpError(409, "no commission appointed")
    try:
        protocol = svc.commission_protocol(actor=user, commission=comm, number=payload.protocol_number, date=payload.protocol_date)
        svc.scores_enter(actor=user, application=app, decision=protocol, written=payload.written, oral=payload.oral, absent=payload.absent,
                         answer_language=payload.answer_language)
    except TransitionRefused as e:
        raise HttpError(409, "; ".join(e.messages(_lang(payload.lang)))) from None
    except ValidationError as e:
        raise HttpError(422, "; ".join(e.messages)) from None
    except Exception as e:  # governance permission refusals
        from django.core.exceptions import PermissionDenied

        if isinstance(e, PermissionDenied):
            raise HttpError(403, "forbidden") from None
        raise
    return _app(app)


from bilim.apps.api.api import api  # noqa: E402

# (routes above) — mounted last so every route is registered first
api.add_router("/admissions", router)
