"""Read-side queries of the dashboard (every role's desk) and the public home page.

The desk sits above the domain apps and reads them: "My tasks" from the one task selector
(:func:`bilim.apps.desk.selectors.my_tasks`), the lists that matter to the role (my applications and
files, my courses, my students), the figures that need action as links (debtors → the filtered list),
and for a student "what I may apply for now" — each possibility asked from the owning app's selectors
and rules, never judged here.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db.models import Case, CharField, Count, Q, Sum, Value, When
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bilim.apps.accounts.models import Role
from bilim.apps.accounts.permissions import can, restrict, role_codes
from bilim.apps.core.listing import may_list
from bilim.apps.core.selectors import DASHBOARD_LINKS
from bilim.apps.desk.selectors import counts_by_workflow, my_tasks

FACULTY_ROLES = {Role.DEAN_OFFICE, Role.DEPUTY_DEAN_IR, Role.DEPUTY_DEAN_ACADEMIC, Role.PROGRAMME_LEADER, Role.HEAD_OF_DEPARTMENT}
TASKS_ON_DASHBOARD = 12


def public_stats() -> dict[str, int]:
    from bilim.apps.org.models import Institution

    return {"institutions": Institution.objects.count()}


def _links(user: Any) -> list[dict[str, Any]]:
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
    from bilim.apps.governance.models import Decision
    from bilim.apps.people.models import Staff, Student

    out = []
    for action, label, model, url in [
        ("people.view_student", _("Students"), Student, "people:students"),
        ("people.view_staff", _("Staff"), Staff, "people:staff"),
        ("governance.view_decision", _("Decisions and orders"), Decision, "governance:decisions"),
    ]:
        if may_list(user, action):
            out.append({"label": label, "value": restrict(user, action, model._default_manager.all()).count(), "url": reverse(url)})
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


def my_files(user: Any) -> list[dict[str, Any]]:
    """The person's own files in every process (mobility applications, trips, registrations, leave…): the records of
    the registered workflow subjects that belong to them, newest first, with their state in words."""
    from bilim.apps.desk.selectors import Who, _default_relation
    from bilim.apps.workflow.labels import state_label, workflow_title
    from bilim.apps.workflow.registry import subjects
    from bilim.regulations.workflows.core import get_workflow

    who = Who(user)
    groups: dict[tuple[Any, str], list[tuple[Any, Q]]] = {}
    for subject in subjects():
        cond = None
        for code in ("student", "candidate", "applicant", "staff"):
            if not who.may_relate(code, custom=True, table_ref=get_workflow(subject.workflow_code).ref):
                continue
            rel = (subject.relations or {}).get(code)
            c = rel(user) if rel is not None else _default_relation(subject.model, code, user)
            if c is None and code == "staff":
                c = _staff_relation(subject.model, user)
            if c is not None:
                cond = c if cond is None else cond | c
        if cond is None:
            continue
        if subject.rows is not None:
            cond &= subject.rows
        groups.setdefault((subject.model, subject.state_field), []).append((subject, cond))
    out: list[dict[str, Any]] = []
    for group in groups.values():  # one query per model: a CASE names the table each record runs on
        model = group[0][0].model
        total = Q(pk__in=[])
        for _s, c in group:
            total |= c
        qs = model._default_manager.filter(total).select_related()
        if len(group) > 1:
            qs = qs.annotate(desk_table=Case(*[When(c, then=Value(sub.workflow_code)) for sub, c in group], output_field=CharField()))
        by_code = {sub.workflow_code: sub for sub, _c in group}
        seen: set[tuple[str, Any]] = set()
        for o in qs.distinct().order_by("-pk")[:10 * len(group)]:
            code = getattr(o, "desk_table", None) or group[0][0].workflow_code
            if (code, o.pk) in seen or code not in by_code:
                continue
            seen.add((code, o.pk))
            subject = by_code[code]
            state = getattr(o, subject.state_field)
            if not state:
                continue
            out.append({"label": subject.label(o) if subject.label else str(o), "url": subject.url(o) if subject.url else "",
                        "process": workflow_title(subject.workflow_code), "state": state,
                        "state_label": state_label(subject.workflow_code, state), "pk": o.pk})
    return out[:20]


def _staff_relation(model: Any, user: Any) -> Q | None:
    from bilim.apps.desk.selectors import _has_path

    if _has_path(model, "staff__person"):
        return Q(staff__person__user=user)
    return None


def my_students(user: Any) -> list[Any]:
    """The postgraduate students this person supervises today (active supervisions)."""
    from bilim.apps.people.models import Student

    return list(Student.objects.filter(pg_supervisions__staff__person__user=user, pg_supervisions__status="ACTIVE")
                .select_related("person", "programme").distinct().order_by("person__last_name")[:30])


def open_to_apply(user: Any) -> list[dict[str, Any]]:
    """What this person may apply for now, each entry asked from the app that owns it:

    * open mobility calls (published, today within opens_on…deadline, the student's level and faculty, not yet applied to);
    * the semester registration whose course selection is open (KTMU-W-13);
    * admission rounds taking applications today;
    * leave and academic leave (the standing app's ``may_apply``).
    """
    from bilim.apps.people.models import Student

    today = timezone.localdate()
    students = list(Student.objects.filter(person__user=user).select_related("institution", "unit", "programme"))
    out: list[dict[str, Any]] = []
    if students and can(user, "mobility.apply"):
        from bilim.apps.mobility import selectors as mob

        for st in students:
            units = _unit_and_parents(st.unit)
            calls = (mob.published_calls().filter(opens_on__lte=today, deadline__gte=today, level=str(st.level).upper())
                     .filter(Q(faculty__isnull=True) | Q(faculty_id__in=units)).exclude(applications__student=st).order_by("deadline"))
            for c in calls[:10]:
                out.append({"kind": "mobility", "title": c.title, "what": _("Mobility call"), "url": reverse("mobility:call", args=[c.pk]),
                            "deadline": c.deadline})
    if students and can(user, "registration.select"):
        from bilim.apps.registration.models import Registration

        for reg in Registration.objects.filter(student__in=students, state="SELECTION_OPEN").select_related("term"):
            out.append({"kind": "registration", "title": str(reg.term), "what": _("Course selection is open"),
                        "url": reverse("registration:detail", args=[reg.pk]), "deadline": None})
    from bilim.apps.admissions.models import Round

    if not (role_codes(user) - {Role.STUDENT}):
        for r in Round.objects.filter(application_start__lte=today, application_end__gte=today).select_related("programme")[:10]:
            out.append({"kind": "admission", "title": str(r.programme), "what": _("Admission announcement"),
                        "url": reverse("admissions:apply", args=[r.pk]), "deadline": r.application_end})
    ktmu = [st for st in students if st.institution.regulation_set == "ktmu_postgrad"]
    if ktmu:
        from bilim.apps.standing.selectors import may_apply

        may = may_apply(ktmu[0])
        if may["leave"]:
            out.append({"kind": "leave", "title": _("Leave"), "what": _("Application"), "url": reverse("standing:leave_apply"), "deadline": None})
        if may["acleave"]:
            out.append({"kind": "acleave", "title": _("Academic leave"), "what": _("Application"), "url": reverse("standing:acleave_apply"),
                        "deadline": None})
    return out


def _unit_and_parents(unit: Any) -> list[int]:
    ids: list[int] = []
    while unit is not None and len(ids) < 10:
        ids.append(unit.pk)
        unit = unit.parent
    return ids


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
    return {"debtors": qs.count(), "debt_total": total, "url": reverse("people:students") + "?debt=0"}


def _drafts(user: Any) -> list[Any]:
    from bilim.apps.governance.models import Decision

    return list(restrict(user, "governance.adopt_decision", Decision.objects.filter(status=Decision.Status.DRAFT)).select_related("body")[:10])


def _recent_audit(user: Any) -> list[Any]:
    from bilim.apps.audit.models import AuditEvent

    return list(restrict(user, "audit.view_event", AuditEvent.objects.select_related("actor"))[:10])


def dashboard_roles(user: Any) -> list[dict[str, Any]]:
    labels = dict(Role.choices)
    return [{"code": c, "label": labels.get(c, c)} for c in sorted(role_codes(user))]


def dashboard_panels(user: Any, lang: str = "ky") -> dict[str, Any]:
    codes = role_codes(user)
    tasks = my_tasks(user)
    panels: dict[str, Any] = {
        "roles": dashboard_roles(user),
        "tasks": tasks[:TASKS_ON_DASHBOARD],
        "task_total": len(tasks),
        "task_counts": counts_by_workflow(tasks),
        "links": _links(user),
        "counts": _counts(user),
        "welcome": _("Welcome to Bilim"),
        "own": _own(user, lang),
        "files": my_files(user),
        "my_students": my_students(user),
        "open_to_apply": open_to_apply(user),
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
