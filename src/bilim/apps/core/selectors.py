"""Read-side queries for the dashboard and the public home page."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db.models import Count, Sum
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from bilim.apps.accounts.models import Role
from bilim.apps.accounts.permissions import can, restrict, role_codes
from bilim.apps.org.models import Institution

# (action needed, title, url name) — apps add their entries in DASHBOARD_LINKS.
DASHBOARD_LINKS: list[tuple[str, Any, str]] = []

FACULTY_ROLES = {Role.DEAN_OFFICE, Role.DEPUTY_DEAN_IR, Role.DEPUTY_DEAN_ACADEMIC, Role.PROGRAMME_LEADER, Role.HEAD_OF_DEPARTMENT}


def public_stats() -> dict[str, int]:
    return {"institutions": Institution.objects.count()}


def _links(user: Any) -> list[dict[str, Any]]:
    from bilim.apps.core.listing import may_list

    links = []
    for action, title, url_name in DASHBOARD_LINKS:
        if can(user, action) and may_list(user, action):
            try:
                links.append({"title": title, "url": reverse(url_name), "action": action})
            except NoReverseMatch:
                continue
    return links


def _counts(user: Any) -> list[dict[str, Any]]:
    """How many rows of each core record the user may see (their scope, in numbers)."""
    from bilim.apps.core.listing import may_list
    from bilim.apps.governance.models import Decision
    from bilim.apps.people.models import Staff, Student

    out = []
    for action, label, model, url in [
        ("people.view_student", _("Students"), Student, "people:students"),
        ("people.view_staff", _("Staff"), Staff, "people:staff"),
        ("governance.view_decision", _("Decisions and orders"), Decision, "governance:decisions"),
    ]:
        if may_list(user, action):
            out.append({"label": label, "value": restrict(user, action, model.objects.all()).count(), "url": reverse(url)})
    return out


def _own(user: Any, lang: str) -> dict[str, Any]:
    from bilim.apps.people.models import Staff, Student
    from bilim.apps.records.selectors import grades_for_student

    students = list(Student.objects.filter(person__user=user).select_related("programme", "unit"))
    staff = list(Staff.objects.filter(person__user=user).select_related("unit"))
    grades = grades_for_student(user=user, student=students[0], lang=lang)[:8] if students else []
    passed = [g for g in grades if g["passed"]]
    teaching = []
    for s in staff:
        teaching += list(s.offerings.select_related("course", "term__year").order_by("-term__starts_on")[:8])
    return {"students": students, "staff": staff, "grades": grades, "passed": len(passed), "teaching": teaching}


def _faculty(user: Any) -> list[dict[str, Any]]:
    from bilim.apps.people.models import Student

    qs = restrict(user, "people.view_student", Student.objects.all())
    rows = qs.order_by().values("status").annotate(n=Count("id"))
    labels = dict(Student.Status.choices)
    return [{"status": r["status"], "label": labels.get(r["status"], r["status"]), "n": r["n"]} for r in rows]


def _accounting(user: Any) -> dict[str, Any]:
    from bilim.apps.people.models import Student

    qs = restrict(user, "people.view_student", Student.objects.filter(tuition_debt__gt=0))
    total = qs.aggregate(s=Sum("tuition_debt"))["s"] or Decimal("0")
    return {"debtors": qs.count(), "debt_total": total}


def _drafts(user: Any) -> list[Any]:
    from bilim.apps.governance.models import Decision

    return list(restrict(user, "governance.adopt_decision", Decision.objects.filter(status=Decision.Status.DRAFT)).select_related("body")[:10])


def _recent_audit(user: Any) -> list[Any]:
    from bilim.apps.audit.models import AuditEvent

    return list(restrict(user, "audit.view_event", AuditEvent.objects.select_related("actor"))[:10])


def dashboard_panels(user: Any, lang: str = "ky") -> dict[str, Any]:
    codes = role_codes(user)
    labels = dict(Role.choices)
    panels: dict[str, Any] = {
        "roles": [{"code": c, "label": labels.get(c, c)} for c in sorted(codes)],
        "links": _links(user),
        "counts": _counts(user),
        "welcome": _("Welcome to Bilim"),
        "own": _own(user, lang),
    }
    if codes & FACULTY_ROLES or codes & {Role.RECTOR_OFFICE, Role.IRD_OFFICER, Role.VICE_RECTOR_RESEARCH}:
        panels["by_status"] = _faculty(user)
    if Role.ACCOUNTING in codes:
        panels["accounting"] = _accounting(user)
    if can(user, "governance.adopt_decision"):
        panels["drafts"] = _drafts(user)
    if can(user, "audit.view_event"):
        panels["audit"] = _recent_audit(user)
    panels["read_only"] = Role.AUDITOR in codes
    return panels
