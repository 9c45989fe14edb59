"""Who is e-mailed about mobility state changes, and the daily deadline reminders."""

from __future__ import annotations

from typing import Any

from bilim.apps.workflow.services import RECIPIENTS


def _student_mobility(obj: Any) -> list[str]:
    from bilim.apps.accounts.models import RoleAssignment

    emails = [obj.student.person.email, getattr(obj.student.person.user, "email", "")]
    emails += list(RoleAssignment.objects.active().filter(role__in=["ird_officer", "deputy_dean_ir"]).values_list("user__email", flat=True))
    return [e for e in emails if e]


def _trip(obj: Any) -> list[str]:
    return [e for e in [obj.staff.person.email, getattr(obj.staff.person.user, "email", "")] if e]


def _incoming(obj: Any) -> list[str]:
    return [obj.email] if obj.email else []


def register_recipients() -> None:
    RECIPIENTS["mobility.studentmobility"] = _student_mobility
    RECIPIENTS["mobility.stafftrip"] = _trip
    RECIPIENTS["mobility.incomingmobility"] = _incoming
