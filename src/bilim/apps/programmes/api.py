"""KTMU programmes, courses and quotas: the JSON API under /api/v1/programmes/.

Proposals, courses and quotas are read through ``restrict`` (institute staff of their institute; an
outsider gets 404); a step is taken with the adopted decision of the body that decides it. Published
admission announcements are public (no login)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest
from django.utils.translation import get_language
from ninja import Router, Schema
from ninja.errors import HttpError
from pydantic import Field

from bilim.apps.accounts.permissions import can, restrict
from bilim.apps.api.paging import id_param, limit_param, offset_param, search_param
from bilim.apps.core.listing import apply_search
from bilim.apps.curriculum.models import Programme
from bilim.apps.governance.models import Decision
from bilim.apps.programmes import models as m
from bilim.apps.programmes import selectors, services
from bilim.apps.workflow.labels import state_label
from bilim.apps.workflow.services import TransitionRefused

router = Router(tags=["programmes"])


def _lang() -> str:
    code = (get_language() or "ky")[:2]
    return code if code in {"ky", "ru", "en", "tr"} else "ky"


class Page(Schema):
    count: int
    items: list[dict[str, Any]]


class StepIn(Schema):
    action: str = Field(max_length=40)
    decision_id: int | None = Field(default=None, ge=1, le=2**62)
    reason: str = Field(default="", max_length=500)


def _page(qs: Any, q: str, fields: list[str], limit: int, offset: int, row: Any) -> dict[str, Any]:
    if q:
        qs = apply_search(qs, fields, q)
    return {"count": qs.count(), "items": [row(o) for o in qs[offset: offset + limit]]}


def _proposal(p: m.ProgrammeProposal) -> dict[str, Any]:
    return {"id": p.pk, "code": p.code, "name": {lang: p.name(lang) for lang in ("ky", "tr", "en", "ru")}, "kind": p.kind, "level": p.level,
            "institute_id": p.institute_id, "fos_id": p.fos_id, "languages": p.languages, "mode": p.mode, "state": p.state,
            "state_label": state_label(m.W01, p.state), "programme_id": p.programme_id, "version": p.version}


def _need(request: HttpRequest, action: str) -> None:
    if not can(request.user, action):
        raise HttpError(403, "No access")


@router.get("/proposals", response=Page)
def proposals(request: HttpRequest, state: str = "", q: str = search_param(), limit: int = limit_param(100), offset: int = offset_param()) -> dict[str, Any]:
    _need(request, "programmes.view_proposal")
    qs = restrict(request.user, "programmes.view_proposal", m.ProgrammeProposal.objects.order_by("-created_at", "-id"))
    if state:
        qs = qs.filter(state=state)
    return _page(qs, q, ["code", "name_ky", "name_en", "name_tr", "name_ru"], limit, offset, _proposal)


def _visible(request: HttpRequest, action: str, qs: Any, pk: int) -> Any:
    obj = restrict(request.user, action, qs).filter(pk=pk).first()
    if obj is None:
        raise HttpError(404, "Not found")
    return obj


@router.get("/proposals/{pk}", response=dict)
def proposal(request: HttpRequest, pk: int = id_param()) -> dict[str, Any]:
    p = _visible(request, "programmes.view_proposal", m.ProgrammeProposal.objects.all(), pk)
    out = _proposal(p)
    out["courses"] = [c.line() for c in p.courses.filter(change__isnull=True)]
    out["instructors"] = [{"staff_id": r.staff_id, "cv": bool(r.cv), "publications": bool(r.publications)} for r in p.instructors.all()]
    return out


def _decision(request: HttpRequest, obj: Any, decision_id: int | None) -> Decision | None:
    if decision_id is None:
        return None
    d = Decision.objects.filter(pk=decision_id, subject_type=obj._meta.label_lower, subject_id=str(obj.pk)).select_related("body").first()
    if d is None:
        raise HttpError(422, "The decision does not exist or does not name this record.")
    return d


def _step(request: HttpRequest, run: Any) -> dict[str, Any]:
    try:
        tr = run()
    except PermissionDenied:
        raise HttpError(403, "forbidden") from None
    except TransitionRefused as e:
        raise HttpError(409, "; ".join(e.messages(_lang()))) from None
    except ValidationError as e:
        raise HttpError(422, "; ".join(e.messages)) from None
    if tr is None:
        return {"recorded": True, "state": None}
    return {"recorded": True, "state": tr.target, "action": tr.action}


@router.post("/proposals/{pk}/steps", response=dict)
def proposal_step(request: HttpRequest, payload: StepIn, pk: int = id_param()) -> dict[str, Any]:
    p = _visible(request, "programmes.manage_proposal", m.ProgrammeProposal.objects.all(), pk)
    d = _decision(request, p, payload.decision_id)
    return _step(request, lambda: services.programme_step(actor=request.user, proposal=p, action=payload.action, decision=d, reason=payload.reason))


def _course(c: m.CourseProposal) -> dict[str, Any]:
    return {"id": c.pk, "code": c.code, "programme_id": c.programme_id, "title": {lang: getattr(c, f"title_{lang}") for lang in ("ky", "tr", "en", "ru")},
            "kind": c.kind, "credit": str(c.credit) if c.credit is not None else None, "ects": str(c.ects) if c.ects is not None else None,
            "term_id": c.term_id, "offering_id": c.offering_id, "runs": c.offering.runs if c.offering is not None else None, "state": c.state,
            "state_label": state_label(m.W02, c.state),
            "timetable": [{"weekday": s.weekday, "starts_at": s.starts_at.strftime("%H:%M"), "ends_at": s.ends_at.strftime("%H:%M"), "room": s.room}
                          for s in (c.offering.slots.all() if c.offering is not None else [])]}


@router.get("/courses", response=Page)
def courses(request: HttpRequest, state: str = "", q: str = search_param(), limit: int = limit_param(100), offset: int = offset_param()) -> dict[str, Any]:
    _need(request, "programmes.view_course")
    qs = restrict(request.user, "programmes.view_course", m.CourseProposal.objects.select_related("offering").order_by("-created_at", "-id"))
    if state:
        qs = qs.filter(state=state)
    return _page(qs, q, ["code", "title_ky", "title_en", "title_tr", "title_ru"], limit, offset, _course)


@router.get("/courses/{pk}", response=dict)
def course(request: HttpRequest, pk: int = id_param()) -> dict[str, Any]:
    return _course(_visible(request, "programmes.view_course", m.CourseProposal.objects.select_related("offering"), pk))


@router.post("/courses/{pk}/steps", response=dict)
def course_step(request: HttpRequest, payload: StepIn, pk: int = id_param()) -> dict[str, Any]:
    c = _visible(request, "programmes.manage_course", m.CourseProposal.objects.all(), pk)
    d = _decision(request, c, payload.decision_id)
    return _step(request, lambda: services.course_step(actor=request.user, course=c, action=payload.action, decision=d, reason=payload.reason))


def _quota(q: m.Quota) -> dict[str, Any]:
    return {"id": q.pk, "programme_id": q.programme_id, "programme_code": q.programme.code, "admission_year": q.admission_year, "places": q.places,
            "places_international": q.places_international, "state": q.state, "state_label": state_label(m.W03, q.state)}


@router.get("/quotas", response=Page)
def quotas(request: HttpRequest, year: int | None = None, q: str = search_param(), limit: int = limit_param(100), offset: int = offset_param()) -> dict[str, Any]:
    _need(request, "programmes.view_quota")
    qs = restrict(request.user, "programmes.view_quota", m.Quota.objects.select_related("programme").order_by("-admission_year", "programme__code"))
    if year is not None:
        qs = qs.filter(admission_year=year)
    return _page(qs, q, ["programme__code", "programme__name_ky", "programme__name_en"], limit, offset, _quota)


@router.get("/quotas/{pk}", response=dict)
def quota(request: HttpRequest, pk: int = id_param()) -> dict[str, Any]:
    return _quota(_visible(request, "programmes.view_quota", m.Quota.objects.select_related("programme"), pk))


@router.post("/quotas/{pk}/steps", response=dict)
def quota_step(request: HttpRequest, payload: StepIn, pk: int = id_param()) -> dict[str, Any]:
    q = _visible(request, "programmes.manage_quota", m.Quota.objects.all(), pk)
    d = _decision(request, q, payload.decision_id)
    return _step(request, lambda: services.quota_step(actor=request.user, quota=q, action=payload.action, decision=d, reason=payload.reason))


@router.get("/catalogue", response=Page)
def catalogue(request: HttpRequest, q: str = search_param(), limit: int = limit_param(100), offset: int = offset_param()) -> dict[str, Any]:
    _need(request, "programmes.view_catalogue")
    qs = restrict(request.user, "programmes.view_catalogue", Programme.objects.exclude(level="bachelor").order_by("code"))

    def row(p: Programme) -> dict[str, Any]:
        return {"id": p.pk, "code": p.code, "name": {lang: p.name(lang) for lang in ("ky", "tr", "en", "ru")}, "level": p.level,
                "institute_id": p.unit_id, "languages": p.languages,
                "curriculum_versions": [{"number": v.number, "valid_from": v.valid_from, "courses": len(v.lines)} for v in selectors.curriculum_versions(p)]}

    return _page(qs, q, ["code", "name_ky", "name_en"], limit, offset, row)


def _announcement(info: selectors.AnnouncementInfo) -> dict[str, Any]:
    out = dict(info.__dict__)
    out["exam_time"] = info.exam_time.strftime("%H:%M")
    return out


@router.get("/announcements", auth=None, response=list[dict])
def announcements(request: HttpRequest, on: dt.date | None = None) -> list[dict[str, Any]]:
    """Published admission announcements whose application period has not ended (public)."""
    return [_announcement(i) for i in selectors.open_announcements(on=on)]


@router.get("/announcements/{pk}", auth=None, response=dict)
def announcement(request: HttpRequest, pk: int = id_param()) -> dict[str, Any]:
    a = selectors.published_announcements().filter(pk=pk).first()
    if a is None:
        raise HttpError(404, "Not found")
    return _announcement(selectors._info(a))


from bilim.apps.api.api import api  # noqa: E402

# (routes above) — mounted last so every route is registered first
api.add_router("/programmes", router)
