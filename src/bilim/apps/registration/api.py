"""KTMU semester registration and credit transfer: the JSON API under /api/v1/postgrad/registration/.

What a registration rush drives over HTTP: my registration, the offerings I may select (with the weekly timetable and
seats left), checking and submitting a selection, the supervisor's approval or request for changes, add/drop.
Every object is read through ``restrict``; a refused step answers 409 (wrong state) or 422 (a limit, a full course, bad
input) with the rule IDs and the explanation in the reader's language — never a 500.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils.translation import get_language
from ninja import Router, Schema
from ninja.errors import HttpError
from pydantic import Field

from bilim.apps.accounts.permissions import restrict
from bilim.apps.workflow.labels import state_label
from bilim.apps.workflow.services import TransitionRefused

from . import facts as F
from . import models as m
from . import services as svc

router = Router(tags=["registration"])


def _lang() -> str:
    code = (get_language() or "ky")[:2]
    return code if code in {"ky", "ru", "en", "tr"} else "ky"


def _refused(exc: TransitionRefused) -> HttpError:
    lang = _lang()
    status = 409 if exc.code in ("invalid", "stale") else 403 if exc.code == "authority" else 422
    explanations = [{"rule_ids": list(e.rule_ids), "message": e.message(lang)} for e in exc.explanations]
    rules = "; ".join(f"[{', '.join(d['rule_ids'])}] {d['message']}" for d in explanations)
    return HttpError(status, f"{exc}: {rules}" if rules else str(exc))


class SlotOut(Schema):
    weekday: int
    starts_at: str
    ends_at: str
    room: str


class OfferingOut(Schema):
    id: int
    code: str
    title: str
    kind: str
    language: str
    instructors: list[str]
    seats_left: int
    capacity: int
    runs: bool | None
    other_programme: bool
    timetable: list[SlotOut]


class LineOut(Schema):
    offering_id: int
    code: str
    status: str
    runs: bool | None


class RegistrationOut(Schema):
    id: int
    student: str
    term: str
    state: str
    state_label: str
    version: int
    submitted_on: dt.date | None
    supervisor_deadline: dt.date | None
    supervisor_comment: str
    pending_change: dict[str, Any] | None
    courses: list[LineOut]
    selection_window: list[dt.date]
    adddrop_window: list[dt.date]


class OutcomeOut(Schema):
    rule_ids: list[str]
    verdict: str
    message: str


class SelectionIn(Schema):
    offering_ids: list[int] = Field(max_length=50)


class CommentIn(Schema):
    comment: str = Field(default="", max_length=2000)


class AddDropIn(Schema):
    add: list[int] = Field(default=[], max_length=20)
    drop: list[int] = Field(default=[], max_length=20)


class ConsentIn(Schema):
    consent: bool
    comment: str = Field(default="", max_length=2000)


def _reg_out(reg: m.Registration) -> dict[str, Any]:
    cal = reg.calendar
    return {
        "id": reg.pk, "student": str(reg.student.person), "term": str(reg.term), "state": reg.state, "state_label": state_label(m.W13, reg.state),
        "version": reg.version, "submitted_on": reg.submitted_on,
        "supervisor_deadline": F.supervisor_deadline(reg) if reg.state == "SUBMITTED" else None,
        "supervisor_comment": reg.supervisor_comment, "pending_change": reg.pending_change,
        "courses": [{"offering_id": x.offering_id, "code": F.course_code(x.offering), "status": x.status, "runs": x.offering.runs}
                    for x in reg.lines.select_related("offering__course")],
        "selection_window": [cal.selection_starts_on, cal.renewal_ends_on], "adddrop_window": [cal.adddrop_starts_on, cal.adddrop_ends_on],
    }


def _get(request: HttpRequest, pk: int) -> m.Registration:
    reg = (restrict(request.user, "registration.view_registration", m.Registration.objects.all())
           .select_related("student__person", "student__programme", "term", "calendar").filter(pk=pk).first())
    if reg is None:
        raise HttpError(404, "Not found")
    return reg


def _call(fn: Any, **kw: Any) -> Any:
    try:
        return fn(**kw)
    except TransitionRefused as exc:
        raise _refused(exc) from None
    except PermissionDenied:
        raise HttpError(403, "forbidden") from None


@router.get("/mine", response=RegistrationOut)
def reg_mine(request: HttpRequest) -> dict[str, Any]:
    from bilim.apps.accounts.permissions import can

    if not can(request.user, "registration.select"):
        raise HttpError(403, "forbidden")
    from .views import _student_of

    student = _student_of(request.user)
    reg = svc.registration_for(student) if student else None
    if reg is None:
        raise HttpError(404, "No registration calendar is open for your institute.")
    svc.refresh(reg)
    return _reg_out(reg)


@router.get("/queue", response=list[RegistrationOut])
def reg_queue(request: HttpRequest) -> list[dict[str, Any]]:
    from bilim.apps.accounts.permissions import can

    if not can(request.user, "registration.view_queue"):
        raise HttpError(403, "forbidden")
    from bilim.apps.accounts.permissions import active_roles

    reader = request.user.is_superuser or "auditor" in {a.role for a in active_roles(request.user)}
    qs = restrict(request.user, "registration.view_queue", m.Registration.objects.filter(state="SUBMITTED"))
    out = []
    for reg in qs.select_related("student__person", "term", "calendar", "student__programme")[:500]:
        svc.refresh(reg)
        if reg.state == "SUBMITTED" and (reader or F.is_supervisor(request.user, reg.student) or F.is_fos_head(request.user, reg.student)):
            out.append(_reg_out(reg))
    return out


@router.get("/{int:pk}", response=RegistrationOut)
def reg_detail(request: HttpRequest, pk: int) -> dict[str, Any]:
    reg = _get(request, pk)
    svc.refresh(reg)
    return _reg_out(reg)


@router.get("/{int:pk}/offerings", response=list[OfferingOut])
def reg_offerings(request: HttpRequest, pk: int) -> list[dict[str, Any]]:
    reg = _get(request, pk)
    proposed = set(reg.proposed.values_list("pk", flat=True))
    seats = dict(m.OfferingSeats.objects.filter(offering__term=reg.term).values_list("offering_id", "taken"))
    out = []
    for o in svc.selectable_offerings(reg):
        other = F.origin(o, reg.student)[0] == "OTHER_PROGRAMME"
        if other and o.pk not in proposed:
            continue
        out.append({"id": o.pk, "code": F.course_code(o), "title": o.course.title(_lang()), "kind": o.course.kind, "language": o.language,
                    "instructors": F.instructor_names(o), "seats_left": o.capacity - seats.get(o.pk, 0), "capacity": o.capacity, "runs": o.runs,
                    "other_programme": other,
                    "timetable": [{"weekday": s.weekday, "starts_at": s.starts_at.strftime("%H:%M"), "ends_at": s.ends_at.strftime("%H:%M"),
                                   "room": s.room} for s in o.slots.all()]})
    return out


@router.post("/{int:pk}/check", response=list[OutcomeOut])
def reg_check(request: HttpRequest, pk: int, payload: SelectionIn) -> list[dict[str, Any]]:
    reg = _get(request, pk)
    outcomes = _call(svc.selection_check, reg=reg, offering_ids=payload.offering_ids)
    lang = _lang()
    return [{"rule_ids": list(o.rule_ids), "verdict": (o.verdict.value if o.verdict else "PASS"), "message": o.message(lang)}
            for o in outcomes.values()]


@router.post("/{int:pk}/selection", response=RegistrationOut)
def reg_submit(request: HttpRequest, pk: int, payload: SelectionIn) -> dict[str, Any]:
    reg = _get(request, pk)
    _call(svc.selection_submit, actor=request.user, registration=reg, offering_ids=payload.offering_ids)
    reg.refresh_from_db()
    return _reg_out(reg)


@router.post("/{int:pk}/approve", response=RegistrationOut)
def reg_approve(request: HttpRequest, pk: int, payload: CommentIn) -> dict[str, Any]:
    reg = _get(request, pk)
    _call(svc.selection_approve, actor=request.user, registration=reg, comment=payload.comment)
    reg.refresh_from_db()
    return _reg_out(reg)


@router.post("/{int:pk}/request-changes", response=RegistrationOut)
def reg_request_changes(request: HttpRequest, pk: int, payload: CommentIn) -> dict[str, Any]:
    reg = _get(request, pk)
    _call(svc.selection_request_changes, actor=request.user, registration=reg, comment=payload.comment)
    reg.refresh_from_db()
    return _reg_out(reg)


@router.post("/{int:pk}/add-drop", response=RegistrationOut)
def reg_add_drop(request: HttpRequest, pk: int, payload: AddDropIn) -> dict[str, Any]:
    reg = _get(request, pk)
    _call(svc.adddrop_request, actor=request.user, registration=reg, add=payload.add, drop=payload.drop)
    reg.refresh_from_db()
    return _reg_out(reg)


@router.post("/{int:pk}/add-drop/decision", response=RegistrationOut)
def reg_add_drop_decision(request: HttpRequest, pk: int, payload: ConsentIn) -> dict[str, Any]:
    reg = _get(request, pk)
    _call(svc.adddrop_decide, actor=request.user, registration=reg, consent=payload.consent, comment=payload.comment)
    reg.refresh_from_db()
    return _reg_out(reg)


from bilim.apps.api.api import api  # noqa: E402

# (routes above) — mounted last so every route is registered first
api.add_router("/postgrad/registration", router)
