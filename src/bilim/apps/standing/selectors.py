"""Reads of the standing app: what a user may see, the institute's queues, the student's section."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from bilim.apps.accounts.permissions import can, restrict
from bilim.apps.standing import models as m
from bilim.apps.workflow.services import history

KINDS: dict[str, tuple[type[Any], str]] = {
    "leave": (m.Leave, "KTMU-W-17"),
    "acleave": (m.AcademicLeave, "KTMU-W-18"),
    "dismissal": (m.DismissalCase, "KTMU-W-19"),
    "plagiarism": (m.PlagiarismCase, "KTMU-W-20"),
}


def readable(user: Any, model: type[Any]) -> QuerySet[Any]:
    """The files of ``model`` the user may read: their own, their institute's (``restrict``), nothing else."""
    return restrict(user, "standing.view", model.objects.all()).select_related("student__person", "institute")


def queues(user: Any) -> dict[str, QuerySet[Any]]:
    """The institute's open files per kind (what waits for the institute, its board or the rector)."""
    out: dict[str, QuerySet[Any]] = {}
    for key, (model, _code) in KINDS.items():
        out[key] = restrict(user, "standing.view_queue", model.objects.filter(closed=False)).select_related("student__person", "institute")
    return out


def student_section(request: Any, student: Any) -> dict[str, Any]:
    """Context of ``standing/_student_section.html`` on the KTMU student's page."""
    user = request.user
    rows = []
    for key, (model, code) in KINDS.items():
        for rec in readable(user, model).filter(student=student).order_by("-pk")[:20]:
            rows.append({"kind": key, "obj": rec, "code": code})
    own = getattr(student.person, "user_id", None) == getattr(user, "pk", -1)
    return {"standing_rows": rows, "standing_own": own, "standing_student": student,
            "standing_may_complain": getattr(user, "is_authenticated", False)}


def may_apply(student: Any) -> dict[str, bool]:
    """What the student may apply for now: leave and academic leave, while studying and with no open file of that kind."""
    from bilim.apps.people.models import Student
    from bilim.apps.standing import models as m

    active = student.status == Student.Status.ACTIVE
    return {"leave": active and not m.Leave.objects.filter(student=student, closed=False).exists(),
            "acleave": active and not m.AcademicLeave.objects.filter(student=student, closed=False).exists()}


def record_history(obj: Any) -> Any:
    return history(obj)


def may(user: Any, action: str) -> bool:
    return can(user, action)
