"""KTMU student status (leave, academic leave, dismissal, plagiarism): the JSON API under /api/v1/postgrad/status/

A student lists their own files and submits a leave or academic-leave application; the institute lists its open
files. Every list passes through ``restrict``; errors are clear 4xx answers in the reader's language, never a 500.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest
from django.utils.translation import get_language
from ninja import Router, Schema
from ninja.errors import HttpError
from pydantic import Field

from bilim.apps.accounts.permissions import can, signed_in
from bilim.apps.postgrad.selectors import pg_students
from bilim.apps.standing import selectors as sel
from bilim.apps.standing import services as svc
from bilim.apps.workflow.labels import state_label
from bilim.apps.workflow.services import TransitionRefused

router = Router(tags=["standing"])


class FileOut(Schema):
    id: int
    kind: str
    student: str
    student_number: str
    state: str
    state_label: str
    closed: bool
    url: str


def _out(kind: str, obj: Any, code: str) -> dict[str, Any]:
    return {"id": obj.pk, "kind": kind, "student": str(obj.student.person), "student_number": obj.student.student_number,
            "state": obj.state, "state_label": state_label(code, obj.state), "closed": obj.closed, "url": f"/postgrad/status/{kind}/{obj.pk}/"}


@router.get("/mine", response=list[FileOut])
def mine(request: HttpRequest) -> list[dict[str, Any]]:
    """The signed-in student's files (leave, academic leave, dismissal, plagiarism)."""
    if not pg_students().filter(person__user=signed_in(request)).exists():
        raise HttpError(403, "Only a KTMU postgraduate student has files here.")
    out = []
    for kind, (model, code) in sel.KINDS.items():
        for obj in sel.readable(request.user, model).filter(student__person__user=request.user).order_by("-pk")[:200]:
            out.append(_out(kind, obj, code))
    return out


@router.get("/institute/{kind}", response=list[FileOut])
def institute(request: HttpRequest, kind: Literal["leave", "acleave", "dismissal", "plagiarism"],
              limit: int = 100, offset: int = 0) -> list[dict[str, Any]]:
    """The institute's open files of one kind (its queue)."""
    if not can(request.user, "standing.view_queue"):
        raise HttpError(403, "forbidden")
    limit, offset = max(1, min(limit, 500)), max(0, offset)
    code = sel.KINDS[kind][1]
    qs = sel.queues(request.user)[kind].order_by("pk")[offset:offset + limit]
    return [_out(kind, o, code) for o in qs]


class LeaveIn(Schema):
    kind: Literal["justified", "study", "exchange"]
    reason: str = Field(min_length=1, max_length=4000)
    starts_on: dt.date
    ends_on: dt.date
    reason_arose_on: dt.date | None = None
    country: str = Field("", max_length=2)
    under_agreement: bool = False
    rectorate_decision_ref: str = Field("", max_length=100)


class AcademicLeaveIn(Schema):
    reason: Literal["health", "childbirth", "excused", "military"]
    statement: str = Field(min_length=1, max_length=4000)
    starts_on: dt.date
    ends_on: dt.date
    semesters: int = Field(1, ge=1, le=12)
    excused_reason: str = Field("", max_length=30)
    unforeseen: bool = False
    sick_sheet_opened_on: dt.date | None = None
    hospital_admitted_on: dt.date | None = None
    hospital_discharged_on: dt.date | None = None
    service_starts_on: dt.date | None = None
    service_ends_on: dt.date | None = None


def _submit(request: HttpRequest, fn: Any, kind: str, data: dict[str, Any]) -> dict[str, Any]:
    student = pg_students().filter(person__user=signed_in(request)).first()
    if student is None:
        raise HttpError(403, "Only a KTMU postgraduate student applies for leave.")
    lang = (get_language() or "ky")[:2]
    try:
        rec = fn(actor=request.user, student=student, **data)
    except PermissionDenied:
        raise HttpError(403, "forbidden") from None
    except TransitionRefused as e:
        raise HttpError(409, "; ".join(e.messages(lang))) from None
    except ValidationError as e:
        raise HttpError(422, "; ".join(e.messages)) from None
    return _out(kind, rec, sel.KINDS[kind][1])


@router.post("/leave", response={200: FileOut})
def submit_leave(request: HttpRequest, payload: LeaveIn) -> dict[str, Any]:
    """Apply for leave (art. 37); a late justified-reason application is refused (409) with the rule's explanation."""
    return _submit(request, svc.leave_apply, "leave", payload.dict())


@router.post("/academic-leave", response={200: FileOut})
def submit_academic_leave(request: HttpRequest, payload: AcademicLeaveIn) -> dict[str, Any]:
    """Apply for academic leave (art. 38); a refusal by a rule is a 409 with its explanation."""
    return _submit(request, svc.acleave_apply, "acleave", payload.dict())


from bilim.apps.api.api import api  # noqa: E402

# (routes above) — mounted last so every route is registered first
api.add_router("/postgrad/status", router)
