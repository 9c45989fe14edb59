"""Which app model is the subject of which transition table (``bilim workflows coverage`` reads this).

An app registers, in its ``AppConfig.ready``, every model whose state one of the tables of
``bilim.regulations.workflows`` drives::

    register_subject("KTMU-W-17", LeaveRequest, state_field="state", scope=lambda qs, body: qs.filter(...))

``scope`` narrows the subjects waiting for a body to those in that body's remit (an institute board sees
its institute's files); without it a body of the institution sees the subjects of its institution when
the model can say so (``institution_of``), else all of them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import models


@dataclass(frozen=True)
class Subject:
    """A model driven by a workflow table through :func:`bilim.apps.workflow.services.transition_apply`."""

    workflow_code: str
    model: type[models.Model]
    state_field: str = "state"
    #: narrows a queryset of this model to what a body (``governance.Body``) decides on
    scope: Callable[[models.QuerySet[Any], Any], models.QuerySet[Any]] | None = None
    #: a short label of one subject for agendas and task lists (defaults to ``str(obj)``)
    label: Callable[[Any], str] | None = None
    #: the URL of one subject's page (agenda items and tasks link to it)
    url: Callable[[Any], str] | None = None
    #: carries out one step of the table on ``obj`` for a body's adopted decision, through the app's own service
    #: (which brings the guard facts): ``perform(obj=, action=, actor=, decision=, reason=)`` returns the Transition.
    #: Without it the step is applied with no facts (fine for a step that has no guard).
    perform: Callable[..., Any] | None = None
    #: the permission action (``accounts.permissions.register``) whose ``restrict`` gives the records a person may see;
    #: "my tasks" lists only records that pass it (no permission: no role-based task — scopes fail closed)
    view_permission: str = ""
    #: relational roles of the table (``supervisor``, ``instructor``, ``candidate``…) as a filter of this model for a
    #: user: ``{"supervisor": lambda user: Q(student__supervisions__staff__person__user=user)}``
    relations: dict[str, Callable[[Any], Any]] | None = None
    #: the date by which the waiting step is due (shown on the task), or None
    deadline: Callable[[Any], Any] | None = None
    #: the guard facts of one step before it is taken, ``facts(obj, action)`` (pages show a step whose guard FAILs disabled
    #: with the rule's explanation; see ``workflow.actions.allowed_actions``); None: judged when the step is taken
    facts: Callable[[Any, str], Any] | None = None
    #: the office that owns the table and may step a file back with a reason (``role:…`` codes); empty: no step back
    step_back_roles: tuple[str, ...] = ()
    #: the states a file may be stepped back from (None: any state reached by a step no body decided)
    step_back_from: frozenset[str] | None = None
    #: the records of the model that run on this table (a ``Q``), when one model runs on several tables by kind
    #: (a short-term or a distance mobility file): "my tasks" lists a record under its own table only
    rows: Any = None

    @property
    def model_label(self) -> str:
        return self.model._meta.label_lower


SUBJECTS: dict[str, list[Subject]] = {}


def register_subject(
    workflow_code: str,
    model: type[models.Model],
    *,
    state_field: str = "state",
    scope: Callable[[models.QuerySet[Any], Any], models.QuerySet[Any]] | None = None,
    label: Callable[[Any], str] | None = None,
    url: Callable[[Any], str] | None = None,
    perform: Callable[..., Any] | None = None,
    view_permission: str = "",
    relations: dict[str, Callable[[Any], Any]] | None = None,
    deadline: Callable[[Any], Any] | None = None,
    facts: Callable[[Any, str], Any] | None = None,
    step_back_roles: tuple[str, ...] = (),
    step_back_from: frozenset[str] | None = None,
    rows: Any = None,
) -> Subject:
    """Declare ``model`` (its ``state_field``) the subject of table ``workflow_code``; idempotent per (table, model)."""
    from bilim.regulations.workflows.core import get_workflow

    get_workflow(workflow_code)  # KeyError for a table that does not exist
    model._meta.get_field(state_field)  # FieldDoesNotExist for a wrong field
    subject = Subject(workflow_code, model, state_field, scope, label, url, perform, view_permission, relations, deadline, facts,
                      step_back_roles, step_back_from, rows)
    entries = SUBJECTS.setdefault(workflow_code, [])
    entries[:] = [s for s in entries if not (s.model is model and s.state_field == state_field)]
    entries.append(subject)
    return subject


def subjects(workflow_code: str | None = None) -> list[Subject]:
    if workflow_code is not None:
        return list(SUBJECTS.get(workflow_code, []))
    return [s for entries in SUBJECTS.values() for s in entries]


def perform_step(*, obj: models.Model, workflow_code: str, action: str, actor: Any, decision: Any = None, reason: str = "") -> Any:
    """Carry out ``action`` of table ``workflow_code`` on ``obj`` (used when a body's decision fires a waiting step)."""
    subject = subject_of(obj, workflow_code)
    if subject is None:
        raise LookupError(f"{obj._meta.label_lower} is not a subject of {workflow_code}")
    if subject.perform is not None:
        return subject.perform(obj=obj, action=action, actor=actor, decision=decision, reason=reason)
    from bilim.apps.workflow.services import transition_apply

    return transition_apply(actor=actor, obj=obj, workflow_code=workflow_code, action=action, decision=decision,
                            reason=reason, state_field=subject.state_field)


def subject_of(obj: models.Model, workflow_code: str) -> Subject | None:
    for s in SUBJECTS.get(workflow_code, []):
        if isinstance(obj, s.model):
            return s
    return None
