"""Governance API (/api/v1/governance/…): bodies, meetings, agenda items, votes and decisions. A member sees the bodies
he or she sits on (staff those of their scope); the public sees public decisions. Refusals are 4xx with the rule cited."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Schema
from ninja.errors import HttpError
from pydantic import Field

from bilim.apps.api.paging import id_param, limit_param, offset_param
from bilim.apps.governance import meetings as svc
from bilim.apps.governance.models import AgendaItem, Decision, Meeting
from bilim.apps.people.models import Person
from bilim.apps.records.selectors import explanation_text

router = Router(tags=["governance"])


def _user(request: HttpRequest) -> Any:
    return request.auth if hasattr(request.auth, "pk") else request.user  # type: ignore[attr-defined]


def _lang(lang: str | None) -> str:
    code = (lang or "ky")[:2]
    return code if code in {"ky", "ru", "en", "tr"} else "ky"


class BodyOut(Schema):
    id: int
    code: str
    kind: str
    name: str
    institution: str


class DecisionOut(Schema):
    id: int
    body: str
    number: str
    date: dt.date
    title: str
    status: str
    positive: bool
    public: bool
    votes_for: int | None
    votes_against: int | None
    votes_abstain: int | None
    subject_type: str
    subject_id: str


def _body(b: Any, lang: str) -> dict[str, Any]:
    return {"id": b.pk, "code": b.code, "kind": b.kind, "name": b.name(lang), "institution": b.institution.code}


def _decision(d: Decision, lang: str) -> dict[str, Any]:
    return {"id": d.pk, "body": d.body.name(lang), "number": d.number, "date": d.date, "title": d.title, "status": d.status,
            "positive": d.positive, "public": d.public, "votes_for": d.votes_for, "votes_against": d.votes_against,
            "votes_abstain": d.votes_abstain, "subject_type": d.subject_type, "subject_id": d.subject_id}


def _refused(exc: ValidationError) -> HttpError:
    code = getattr(exc, "code", "") or ""
    status = 409 if code in ("conflict", "closed", "decided", "second_vote") or isinstance(exc, svc.Conflicting) else (
        403 if code == "forbidden" else 422)
    return HttpError(status, "; ".join(exc.messages))


@router.get("/bodies", response=list[BodyOut])
def gov_bodies(request: HttpRequest, lang: str | None = None, limit: int = limit_param(100), offset: int = offset_param()) -> list[dict[str, Any]]:
    qs = svc.visible_bodies(_user(request)).select_related("institution").order_by("pk")
    if not qs.exists():
        raise HttpError(403, "No access: you neither sit on a body nor hold a role that sees one.")
    return [_body(b, _lang(lang)) for b in qs[offset: offset + limit]]


@router.get("/bodies/{pk}")
def gov_body(request: HttpRequest, pk: int = id_param(), lang: str | None = None) -> dict[str, Any]:
    code = _lang(lang)
    b = get_object_or_404(svc.visible_bodies(_user(request)).select_related("institution"), pk=pk)
    on = dt.date.today()
    return {**_body(b, code),
            "members": [{"person_id": m.person_id, "person": str(m.person), "role": m.role, "voting": m.voting, "from": m.starts_on, "to": m.ends_on}
                        for m in svc.memberships_on(b, on)],
            "composition": [{"rules": list(o.rule_ids), "ok": o.ok, "message": o.message(code)} for o in svc.composition(b, on)]}


def _meeting(m: Meeting) -> dict[str, Any]:
    return {"id": m.pk, "body_id": m.body_id, "number": m.number, "date": m.held_on, "place": m.place, "online_link": m.online_link,
            "status": m.status, "bt_state": m.bt_state if m.is_trustees else None, "quorate": m.quorate, "version": m.version}


@router.get("/meetings")
def gov_meetings(request: HttpRequest, body: int | None = None, limit: int = limit_param(100), offset: int = offset_param()) -> list[dict[str, Any]]:
    visible = svc.visible_bodies(_user(request))
    if not visible.exists():
        raise HttpError(403, "No access: you neither sit on a body nor hold a role that sees one.")
    qs = Meeting.objects.filter(body__in=visible).select_related("body").order_by("-held_on", "-pk")
    if body is not None:
        qs = qs.filter(body_id=body)
    return [_meeting(m) for m in qs[offset: offset + limit]]


def _visible_meeting(request: HttpRequest, pk: int) -> Meeting:
    return get_object_or_404(Meeting.objects.filter(body__in=svc.visible_bodies(_user(request))).select_related("body"), pk=pk)


@router.get("/meetings/{pk}")
def gov_meeting(request: HttpRequest, pk: int = id_param(), lang: str | None = None) -> dict[str, Any]:
    code = _lang(lang)
    m = _visible_meeting(request, pk)
    return {**_meeting(m), "quorum": explanation_text(m.quorum_explanation, code), "present": list(m.present.values_list("pk", flat=True)),
            "items": [_item(i, code) for i in m.items.prefetch_related("votes").select_related("decision")]}


def _item(i: AgendaItem, code: str) -> dict[str, Any]:
    return {"id": i.pk, "position": i.position, "title": i.title, "source": i.source, "workflow_code": i.workflow_code, "action": i.action,
            "subject_type": i.subject_type, "subject_id": i.subject_id, "status": i.status,
            "votes": [{"person_id": v.person_id, "choice": v.choice} for v in i.votes.all()],
            "outcome": explanation_text(i.outcome, code) if i.outcome else "", "decision_id": i.decision_id, "step_done": i.step_done,
            "step_refusal": (i.step_refusal or {}).get("messages", {}).get(code, [])}


class ItemIn(Schema):
    title: str = Field(min_length=1, max_length=300)
    text: str = Field("", max_length=5000)
    public: bool = False


@router.post("/meetings/{pk}/items")
def gov_item_add(request: HttpRequest, payload: ItemIn, pk: int = id_param()) -> dict[str, Any]:
    m = _visible_meeting(request, pk)
    try:
        i = svc.item_add(actor=_user(request), meeting=m, title=payload.title, text=payload.text, public=payload.public)
    except ValidationError as exc:
        raise _refused(exc) from None
    return _item(i, "ky")


def _visible_item(request: HttpRequest, pk: int) -> AgendaItem:
    return get_object_or_404(AgendaItem.objects.filter(meeting__body__in=svc.visible_bodies(_user(request))).select_related("meeting__body"), pk=pk)


class VoteIn(Schema):
    person_id: int = Field(ge=1, le=2**31 - 1)
    choice: str = Field(pattern="^(YES|NO|ABSTAIN)$")


@router.post("/items/{pk}/votes")
def gov_vote(request: HttpRequest, payload: VoteIn, pk: int = id_param(), lang: str | None = None) -> dict[str, Any]:
    item = _visible_item(request, pk)
    person = Person.objects.filter(pk=payload.person_id).first()
    if person is None:
        raise HttpError(422, "unknown person")
    try:
        svc.vote_cast(actor=_user(request), item=item, person=person, choice=payload.choice)
    except ValidationError as exc:
        raise _refused(exc) from None
    item.refresh_from_db()
    return _item(item, _lang(lang))


@router.post("/items/{pk}/decide")
def gov_decide(request: HttpRequest, pk: int = id_param(), lang: str | None = None) -> dict[str, Any]:
    item = _visible_item(request, pk)
    try:
        item = svc.item_decide(actor=_user(request), item=item)
    except ValidationError as exc:
        raise _refused(exc) from None
    return _item(item, _lang(lang))


class CloseIn(Schema):
    version: int | None = Field(None, ge=0, le=2**31 - 1)


@router.post("/meetings/{pk}/close")
def gov_close(request: HttpRequest, payload: CloseIn, pk: int = id_param()) -> dict[str, Any]:
    m = _visible_meeting(request, pk)
    try:
        m = svc.meeting_close(actor=_user(request), meeting=m, expected_version=payload.version)
    except ValidationError as exc:
        raise _refused(exc) from None
    return _meeting(m)


@router.get("/decisions", auth=None, response=list[DecisionOut])
def gov_decisions(request: HttpRequest, lang: str | None = None, limit: int = limit_param(100), offset: int = offset_param()) -> list[dict[str, Any]]:
    """Public decisions for everyone; a logged-in member or officer also gets the decisions of the bodies he or she sees."""
    qs = Decision.objects.filter(status__in=[Decision.Status.ADOPTED, Decision.Status.REJECTED, Decision.Status.SUPERSEDED])
    user = request.user
    if getattr(user, "is_authenticated", False):
        qs = qs.filter(Q(public=True, status=Decision.Status.ADOPTED) | Q(body__in=svc.visible_bodies(user)))
    else:
        qs = qs.filter(public=True, status=Decision.Status.ADOPTED)
    qs = qs.select_related("body").order_by("-date", "-pk")
    return [_decision(d, _lang(lang)) for d in qs[offset: offset + limit]]


from bilim.apps.api.api import api  # noqa: E402

api.add_router("/governance", router)
