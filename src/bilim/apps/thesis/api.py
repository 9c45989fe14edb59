"""KTMU languages, preparation, supervision and thesis: the JSON API under /api/v1/postgrad/thesis/.

The student's thesis file (stage, supervisors, deadlines, next steps, every record with its explanation)
and the student's applications: a change of supervisor (KTMU-23(1)-1), the thesis proposal, the
submission, the defence appeal (36(1)-1). Reads pass through the same visibility as the pages; a refusal
is a 409 with the rule's sentence, bad input a 422, someone else's file a 404, never a 500.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest
from django.utils.translation import get_language
from ninja import Router, Schema, Status
from ninja.errors import HttpError
from pydantic import Field

from bilim.apps.api.paging import id_param
from bilim.apps.thesis import models as m
from bilim.apps.thesis import selectors as sel
from bilim.apps.thesis import services as s
from bilim.apps.workflow.labels import action_label, state_label
from bilim.apps.workflow.services import TransitionRefused, history

router = Router(tags=["thesis"])


def _lang() -> str:
    code = (get_language() or "ky")[:2]
    return code if code in {"ky", "ru", "en", "tr"} else "ky"


def _hist(obj: Any, code: str) -> list[dict[str, Any]]:
    return [{"at": t.at.isoformat(), "action": t.action, "action_label": action_label(code, t.action), "from": t.source, "to": t.target,
             "to_label": state_label(code, t.target), "reason": t.reason, "decision": t.decision.number if t.decision else None,
             "explanation": sel.explain(t.explanation)} for t in history(obj)]


def _file(student: Any, user: Any) -> dict[str, Any]:
    ov = sel.overview(student, user)
    tf = ov["thesis"]
    sup = ov["sup_file"]
    return {
        "student": {"id": student.pk, "number": student.student_number, "name": str(student.person), "level": ov["level"]},
        "stage": ov["stage"], "stage_label": str(ov["stage_text"]),
        "languages": [{"id": r["r"].pk, "language": r["r"].language, "state": r["r"].state, "state_label": r["state"], "explanation": r["why"],
                       "history": _hist(r["r"], "KTMU-W-10")} for r in ov["languages"]],
        "spp": None if ov["spp"] is None else {"id": ov["spp"].pk, "state": ov["spp"].state, "state_label": ov["spp_state"], "courses": ov["spp"].courses,
                                                "history": _hist(ov["spp"], "KTMU-W-11")},
        "supervision": None if sup is None else {
            "id": sup.pk, "state": sup.state, "state_label": ov["sup_state"], "lock_until": sup.lock_until, "interim_fos_head": ov["interim"],
            "supervisors": [{"role": x.role, "name": x.supervisor_name, "status": x.status, "mode": x.mode, "from": x.started_on, "to": x.ended_on}
                            for x in ov["supervisors"]],
            "pending_applications": [{"id": a.pk, "kind": a.kind, "submitted_on": a.submitted_on} for a in ov["pending_apps"]],
            "history": _hist(sup, "KTMU-W-12")},
        "thesis": None if tf is None else {
            "title": tf.title, "topic_approved_on": tf.topic_approved_on, "submission_deadline": tf.submission_deadline,
            "qualifying_exams": [{"held_on": q.held_on, "passed": q.passed} for q in tf.qualifying_exams.all()],
            "proposals": [{"id": p.pk, "title": p.title, "result": p.result, "submitted_on": p.submitted_on} for p in tf.proposals.all()],
            "progress_reports": [{"term": str(r.term), "result": r.result} for r in tf.progress_reports.select_related("term")],
            "submitted_on": tf.submission.submitted_on if hasattr(tf, "submission") else None,
            "defences": [{"held_on": d.held_on, "result": d.result} for d in tf.defences.all()],
            "degree": {"diploma_number": tf.degree.diploma_number, "awarded_on": tf.degree.awarded_on, "supplement": tf.degree.supplement}
            if hasattr(tf, "degree") else None},
        "appeals": [{"id": a["a"].pk, "state": a["a"].state, "state_label": a["state"], "outcome": a["a"].outcome, "history": _hist(a["a"], "KTMU-W-16d")}
                    for a in ov["appeals"]],
        "deadlines": [{"what": str(d["what"]), "due": d["due"], "explanation": str(d["why"])} for d in ov["deadlines"]],
        "next_steps": [{"code": st["code"], "text": str(st["text"]), "allowed": st.get("ok", True), "explanation": str(st.get("why", ""))} for st in ov["steps"]],
    }


def _student(request: HttpRequest, pk: int) -> Any:
    st = sel.students_for(request.user).filter(pk=pk).first()
    if st is None:
        raise HttpError(404, "not found")
    return st


def _call(fn: Any) -> Any:
    try:
        return fn()
    except PermissionDenied:
        raise HttpError(403, "forbidden") from None
    except TransitionRefused as e:
        raise HttpError(409, "; ".join(e.messages(_lang()))) from None
    except ValidationError as e:
        raise HttpError(422, "; ".join(e.messages)) from None


@router.get("/me")
def my_file(request: HttpRequest) -> dict[str, Any]:
    """The logged-in student's own thesis file."""
    from bilim.apps.postgrad.selectors import pg_students

    st = pg_students().filter(person__user_id=request.user.pk).first() if request.user.is_authenticated and request.user.pk else None
    if st is None:
        raise HttpError(404, "no postgraduate studentship")
    return _file(st, request.user)


@router.get("/students/{pk}")
def student_file(request: HttpRequest, pk: int = id_param()) -> dict[str, Any]:
    return _file(_student(request, pk), request.user)


class ChangeIn(Schema):
    justification: str = Field(min_length=1, max_length=4000)
    student_preference: str = Field(default="", max_length=500)


@router.post("/students/{pk}/supervisor-change", response={201: dict})
def supervisor_change(request: HttpRequest, payload: ChangeIn, pk: int = id_param()) -> Any:
    """The student's justified application for a change of supervisor (KTMU-23(1)-1)."""
    st = _student(request, pk)
    file = m.SupervisionFile.objects.filter(student=st).first()
    if file is None:
        raise HttpError(409, "no supervision file yet")
    app = _call(lambda: s.supervisor_application_submit(actor=request.user, file=file, kind="CHANGE", applicant="STUDENT",
                                                        justification=payload.justification, student_preference=payload.student_preference))
    return Status(201, {"id": app.pk, "kind": app.kind, "submitted_on": app.submitted_on.isoformat(), "pending": True})


class ProposalIn(Schema):
    title: str = Field(min_length=1, max_length=500)
    summary: str = Field(min_length=1, max_length=20000)


@router.post("/students/{pk}/proposal", response={201: dict})
def proposal(request: HttpRequest, payload: ProposalIn, pk: int = id_param()) -> Any:
    st = _student(request, pk)
    p = _call(lambda: s.proposal_submit(actor=request.user, file=s.thesis_file(st), title=payload.title, summary=payload.summary))
    return Status(201, {"id": p.pk, "result": p.result})


@router.post("/students/{pk}/submission", response={201: dict})
def submission(request: HttpRequest, pk: int = id_param()) -> Any:
    """Submit the thesis (refused with the rule's sentence while locked after a supervisor change, KTMU-23(2)-1)."""
    st = _student(request, pk)
    sub = _call(lambda: s.thesis_submit(actor=request.user, file=s.thesis_file(st)))
    return Status(201, {"submitted_on": sub.submitted_on.isoformat()})


class AppealIn(Schema):
    grounds: str = Field(min_length=1, max_length=8000)


@router.post("/appeals/{pk}", response={201: dict})
def appeal(request: HttpRequest, payload: AppealIn, pk: int = id_param()) -> Any:
    """Appeal against a failed defence within 2 months (KTMU-36(1)-1)."""
    obj = sel.visible(request.user, m.DefenceAppeal).filter(pk=pk).first()
    if obj is None:
        raise HttpError(404, "not found")
    _call(lambda: s.appeal_file(actor=request.user, appeal=obj, grounds=payload.grounds))
    obj.refresh_from_db()
    return Status(201, {"id": obj.pk, "state": obj.state, "filed_on": obj.filed_on.isoformat() if obj.filed_on else None})


def _today() -> dt.date:
    return sel.today()


from bilim.apps.api.api import api  # noqa: E402

# (routes above) — mounted last so every route is registered first
api.add_router("/postgrad/thesis", router)
