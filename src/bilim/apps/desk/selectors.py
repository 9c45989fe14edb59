""""My tasks": every record waiting for this person's step, computed from the workflow engine.

One selector that every app feeds through its registration (``bilim.apps.workflow.registry``), not a list per
app. For each registered subject and each row of its table whose authority this person holds:

* ``role:x`` — the person holds role x (aliases as the transition service reads them) and the record passes the
  subject's ``view_permission`` through ``restrict`` (dated roles and scopes; no permission, no task: fail closed);
* a relational role (``supervisor``, ``instructor``, ``candidate``…) — the subject's ``relations[x](user)`` filter;
* ``body:x`` — the person chairs or is the secretary of a body of kind x: the record is to be put on its agenda.

Steps the system takes (``system``) are nobody's task. Items come oldest first (the age is the time since the
record's last step), with the deadline when the subject knows one.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Max, Q
from django.utils import timezone

from bilim.apps.accounts.permissions import restrict, role_codes
from bilim.apps.workflow.labels import action_label, state_label, workflow_title
from bilim.apps.workflow.models import Transition
from bilim.apps.workflow.registry import Subject, subjects
from bilim.apps.workflow.services import ROLE_ALIASES, body_kind
from bilim.regulations.workflows.core import get_workflow

PER_SUBJECT = 200


@dataclass(frozen=True)
class Task:
    """One record waiting for the person's step."""

    workflow_code: str
    workflow_title: str
    obj: Any
    label: str
    url: str
    state: str
    state_label: str
    actions: tuple[str, ...]
    action_labels: tuple[str, ...]
    since: dt.datetime | None
    deadline: dt.date | None
    via_body: str = ""

    @property
    def age_days(self) -> int | None:
        return (timezone.now() - self.since).days if self.since else None

    def as_dict(self) -> dict[str, Any]:
        return {
            "workflow": self.workflow_code, "workflow_title": self.workflow_title, "record_type": self.obj._meta.label_lower,
            "record_id": self.obj.pk, "label": self.label, "url": self.url, "state": self.state, "state_label": self.state_label,
            "actions": list(self.actions), "action_labels": list(self.action_labels),
            "since": self.since.isoformat() if self.since else None, "age_days": self.age_days,
            "deadline": self.deadline.isoformat() if self.deadline else None, "body": self.via_body,
        }


def _has_path(model: Any, path: str) -> bool:
    """``model`` has the relation path ``a__b__c`` (checked field by field)."""
    from django.core.exceptions import FieldDoesNotExist

    try:
        for part in path.split("__"):
            model = model._meta.get_field(part).related_model
            if model is None:
                return False
    except FieldDoesNotExist:
        return False
    return True


def _default_relation(model: Any, code: str, user: Any) -> Q | None:
    """The usual relations of the KTMU and OshSU records, when the app registered none: the student whose file it is,
    the student's appointed supervisor, the instructor of the offering, the candidate or applicant who filed it."""
    if code in ("candidate", "applicant", "junior_researcher", "any_person") and _has_path(model, "user"):
        return Q(user=user)
    if code in ("student", "former_student"):
        for path in ("student", "enrolment__student", "sheet__enrolment__student"):
            if _has_path(model, path):
                return Q(**{f"{path}__person__user": user})
    if code == "student" and _has_path(model, "user"):
        return Q(user=user)
    if code == "supervisor" and _has_path(model, "student"):
        return Q(student__pg_supervisions__staff__person__user=user, student__pg_supervisions__status="ACTIVE")
    if code == "instructor":
        for path in ("offering", "enrolment__offering"):
            if _has_path(model, path):
                return Q(**{f"{path}__instructors__person__user": user})
    return None


def _held_roles(user: Any) -> set[str]:
    codes = role_codes(user)
    held = set(codes)
    for alias, code in ROLE_ALIASES.items():
        if code in codes:
            held.add(alias)
    return held


def _chaired_bodies(user: Any) -> list[Any]:
    """Bodies whose agenda this person prepares: held as chair or secretary today."""
    from bilim.apps.governance.models import Body, Membership

    person = getattr(user, "person", None)
    if person is None:
        return []
    today = timezone.localdate()
    seats = Membership.objects.filter(person=person, role__in=[Membership.Role.CHAIR, Membership.Role.SECRETARY], starts_on__lte=today).filter(
        Q(ends_on__isnull=True) | Q(ends_on__gte=today))
    return list(Body.objects.filter(pk__in=seats.values("body_id")))


def _created(obj: Any) -> dt.datetime | None:
    """When a record that took no step yet was made (its age on the list before its first transition)."""
    for name in ("created_at", "submitted_at", "created"):
        value = getattr(obj, name, None)
        if isinstance(value, dt.datetime):
            return value
    return None


class Who:
    """What a person is, asked once per list (a query each, only when a table needs it): a student, a staff member,
    a supervisor, an instructor. A relation that cannot hold for the person costs no query."""

    def __init__(self, user: Any) -> None:
        self.user = user
        self._facts: dict[str, bool] = {}

    def _fact(self, name: str) -> bool:
        if name not in self._facts:
            from bilim.apps.people.models import Staff, Student

            user = self.user
            if name == "student":
                self._facts[name] = Student.objects.filter(person__user=user).exists()
            elif name == "staff":
                self._facts[name] = Staff.objects.filter(person__user=user).exists()
            elif name == "supervisor":
                self._facts[name] = self._fact("staff") and Student.objects.filter(
                    pg_supervisions__staff__person__user=user, pg_supervisions__status="ACTIVE").exists()
            elif name == "instructor":
                self._facts[name] = self._fact("staff") and Staff.objects.filter(person__user=user, offerings__isnull=False).exists()
        return self._facts[name]

    def regulation_sets(self) -> set[str]:
        """The regulation sets of the institutions where this person studies or works (one query)."""
        if "sets" not in self._facts:
            from bilim.apps.people.models import Staff, Student

            sets = set(Student.objects.filter(person__user=self.user).values_list("institution__regulation_set", flat=True))
            sets |= set(Staff.objects.filter(person__user=self.user).values_list("institution__regulation_set", flat=True))
            self._facts["sets"] = sets  # type: ignore[assignment]
        return self._facts["sets"]  # type: ignore[return-value]

    def may_relate(self, code: str, custom: bool, table_ref: str = "") -> bool:
        """False when relation ``code`` cannot select anything for this person (the student relations need a student
        record, of an institution under the table's regulation — an OshSU student has no KTMU file; the default
        supervisor and instructor relations need an active supervision or an offering)."""
        if code in ("student", "former_student", "staff") and table_ref:
            needed = {"KTMU": "ktmu_postgrad", "OSU": "oshsu_mobility"}.get(table_ref.split(" ")[0])
            if needed and needed not in self.regulation_sets():
                return False
        if code in ("student", "former_student"):
            return self._fact("student")
        if code == "staff":
            return self._fact("staff")
        if not custom and code == "supervisor":
            return self._fact("supervisor")
        if not custom and code == "instructor":
            return self._fact("instructor")
        return True


def _subject_query(user: Any, subject: Subject, held: set[str], bodies: list[Any], who: Who | None = None) -> list[Any]:
    """The condition of the records of ``subject`` waiting for this person (with the steps per state), or []."""
    wf = get_workflow(subject.workflow_code)
    who = who or Who(user)
    by_state: dict[str, list[str]] = {}
    via_body: dict[str, str] = {}
    filters: dict[str, Q] = {}
    body_states: dict[str, set[str]] = {}
    relations: dict[str, Q | None] = {}
    visible: list[Q] = []
    for t in wf.transitions:
        for a in t.authority:
            if a.startswith("role:"):
                code = a[5:]
                if code not in relations:
                    rel = (subject.relations or {}).get(code)
                    if rel is not None:
                        relations[code] = rel(user) if who.may_relate(code, custom=True, table_ref=wf.ref) else Q(pk__in=[])
                    else:
                        default = _default_relation(subject.model, code, user)
                        relations[code] = default if default is None or who.may_relate(code, custom=False, table_ref=wf.ref) else Q(pk__in=[])
                cond = relations[code]
                if cond is not None:
                    filters.setdefault(t.source, Q(pk__in=[]))
                    filters[t.source] |= cond
                    by_state.setdefault(t.source, []).append(t.action)
                elif (code in held or ROLE_ALIASES.get(code, code) in held) and subject.view_permission:
                    if not visible:  # the records this person may see, asked once per table
                        visible.append(Q(pk__in=restrict(user, subject.view_permission, subject.model._default_manager.all()).values("pk")))
                    filters.setdefault(t.source, Q(pk__in=[]))
                    filters[t.source] |= visible[0]
                    by_state.setdefault(t.source, []).append(t.action)
            elif a.startswith("body:"):
                for body in bodies:
                    if body.kind == body_kind(a[5:]):
                        body_states.setdefault(t.source, set()).add(str(body.pk))
                        by_state.setdefault(t.source, []).append(t.action)
                        via_body[t.source] = body.name(_lang())
    if not by_state:
        return []
    q = Q(pk__in=[])
    for state in by_state:
        cond = filters.get(state, Q(pk__in=[]))
        if state in body_states:
            scoped = subject.model._default_manager.all()
            for body in bodies:
                if str(body.pk) in body_states[state]:
                    part = subject.scope(scoped, body) if subject.scope else scoped
                    cond |= Q(pk__in=part.values("pk"))
        q |= Q(**{subject.state_field: state}) & cond
    if subject.rows is not None:  # the records that run on this table (one model, several tables by kind)
        q &= subject.rows
    if _empty(q):
        return []
    return [(subject, q, by_state, via_body)]


def _tasks_of(group: list[Any]) -> list[Task]:
    """The records of one model (and state field) waiting on any of its tables, in one query: each table's
    condition is a branch of one OR, and a CASE names the table a row came through."""
    model = group[0][0].model
    total = Q(pk__in=[])
    for _subject, q, _b, _v in group:
        total |= q
    qs = model._default_manager.filter(total).select_related()
    if len(group) > 1:
        from django.db.models import Case, CharField, Value, When

        qs = qs.annotate(desk_table=Case(*[When(q, then=Value(sub.workflow_code)) for sub, q, _b, _v in group], output_field=CharField()))
    objs = list(qs.distinct().order_by("pk")[:PER_SUBJECT * len(group)])
    by_code = {sub.workflow_code: (sub, by_state, via_body) for sub, _q, by_state, via_body in group}
    out = []
    seen: set[tuple[str, Any]] = set()
    for o in objs:
        code = getattr(o, "desk_table", None) or group[0][0].workflow_code
        if (code, o.pk) in seen or code not in by_code:
            continue
        seen.add((code, o.pk))
        subject, by_state, via_body = by_code[code]
        state = getattr(o, subject.state_field)
        actions = tuple(dict.fromkeys(by_state.get(state, [])))
        out.append(Task(
            workflow_code=subject.workflow_code, workflow_title=workflow_title(subject.workflow_code), obj=o,
            label=subject.label(o) if subject.label else str(o), url=subject.url(o) if subject.url else "",
            state=state, state_label=state_label(subject.workflow_code, state),
            actions=actions, action_labels=tuple(action_label(subject.workflow_code, a) for a in actions),
            since=None, deadline=subject.deadline(o) if subject.deadline else None,
            via_body=via_body.get(state, ""),
        ))
    return out


def _with_since(tasks: list[Task]) -> list[Task]:
    """Each task's age: the record's last step (one query for every record), else when the record was made."""
    from dataclasses import replace
    from functools import reduce
    from operator import or_

    if not tasks:
        return tasks
    ids: dict[str, set[str]] = {}
    for t in tasks:
        ids.setdefault(t.obj._meta.label_lower, set()).add(str(t.obj.pk))
    cond = reduce(or_, [Q(object_type=k, object_id__in=sorted(v)) for k, v in ids.items()])
    last = {(r["object_type"], r["object_id"]): r["last"]
            for r in Transition.objects.filter(cond).values("object_type", "object_id").annotate(last=Max("at")).order_by()}
    return [replace(t, since=last.get((t.obj._meta.label_lower, str(t.obj.pk))) or _created(t.obj)) for t in tasks]


def _empty(q: Any) -> bool:
    """``q`` can select nothing: every branch of its OR is ``pk__in=[]`` (or an AND holding one) — no query needed."""
    if isinstance(q, tuple):
        return q[0] == "pk__in" and isinstance(q[1], (list, tuple, set)) and len(q[1]) == 0
    if q.negated:
        return False
    parts = list(q.children)
    if not parts:
        return False
    if q.connector == Q.OR:
        return all(_empty(c) for c in parts)
    return any(_empty(c) for c in parts)


def _lang() -> str:
    from django.utils.translation import get_language

    code = (get_language() or "ky")[:2]
    return code if code in {"ky", "ru", "en", "tr"} else "ky"


def _unit_tasks(user: Any, held: set[str]) -> list[Task]:
    """The open tasks and alerts IRD gave a unit (OSU-4.8-IRD-1, VDIR-12) that wait for this person: assigned to them,
    or unassigned and in the unit they work for (a faculty role whose scope holds the unit; IRD, who assigns them,
    sees them on its own list, not as its step)."""
    from django.urls import reverse
    from django.utils.translation import gettext

    from bilim.apps.accounts.models import Role
    from bilim.apps.mobility.models import Task as UnitTask

    faculty_roles = {Role.DEAN_OFFICE, Role.DEPUTY_DEAN_IR, Role.DEPUTY_DEAN_ACADEMIC, Role.PROGRAMME_LEADER, Role.HEAD_OF_DEPARTMENT}
    cond = Q(assignee=user)
    if held & faculty_roles:
        cond |= Q(assignee__isnull=True, pk__in=restrict(user, "mobility.view_tasks", UnitTask.objects.all()).values("pk"))
    rows = UnitTask.objects.filter(cond, status=UnitTask.Status.OPEN).order_by("pk")[:PER_SUBJECT]
    title = gettext("Tasks and alerts from the International Relations Department")
    return [Task(workflow_code="osu.unit_tasks", workflow_title=title, obj=t, label=t.title, url=reverse("mobility:task", args=[t.pk]),
                 state=t.status, state_label=t.get_status_display(), actions=("done",), action_labels=(gettext("Carry out and close"),),
                 since=t.created_at, deadline=t.due_on) for t in rows]


def my_tasks(user: Any) -> list[Task]:
    """Every record waiting for ``user``'s step, oldest first (records with a deadline: earliest deadline first)."""
    if not getattr(user, "is_authenticated", False):
        return []
    held = _held_roles(user)
    bodies = _chaired_bodies(user)
    who = Who(user)
    groups: dict[tuple[Any, str], list[Any]] = {}
    for subject in subjects():
        for entry in _subject_query(user, subject, held, bodies, who):
            groups.setdefault((subject.model, subject.state_field), []).append(entry)
    tasks: list[Task] = []
    for group in groups.values():
        tasks += _tasks_of(group)
    tasks = _with_since(tasks)
    tasks += _unit_tasks(user, held)
    far = dt.datetime.max.replace(tzinfo=dt.UTC)
    tasks.sort(key=lambda t: (t.deadline or dt.date.max, t.since or far, t.workflow_code, t.obj.pk))
    return tasks


def counts_by_workflow(tasks: list[Task]) -> list[tuple[str, str, int]]:
    out: dict[str, tuple[str, int]] = {}
    for t in tasks:
        title, n = out.get(t.workflow_code, (t.workflow_title, 0))
        out[t.workflow_code] = (title, n + 1)
    return [(code, title, n) for code, (title, n) in out.items()]
