"""Reads over the workflow engine: what waits for a body (its queue) and what a record may do next."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.db import models

from bilim.apps.workflow.registry import Subject, subjects
from bilim.apps.workflow.services import body_kind
from bilim.regulations.workflows.core import Transition, get_workflow


@dataclass(frozen=True)
class Pending:
    """One step of a table that waits for a decision of a body on one record."""

    subject: Subject
    obj: models.Model
    step: Transition

    @property
    def workflow_code(self) -> str:
        return self.subject.workflow_code

    @property
    def label(self) -> str:
        return self.subject.label(self.obj) if self.subject.label else str(self.obj)

    @property
    def url(self) -> str:
        return self.subject.url(self.obj) if self.subject.url else ""


def steps_waiting_for(kind: str, workflow_code: str) -> list[Transition]:
    """Rows of the table whose authority is the body ``kind`` (aliases resolved)."""
    wf = get_workflow(workflow_code)
    return [t for t in wf.transitions if any(a.startswith("body:") and body_kind(a[5:]) == kind for a in t.authority)]


def pending_for_body(body: Any, *, limit: int = 500) -> Iterator[Pending]:
    """Every record in a state where a step of its table waits for a decision of ``body``'s kind, in its remit."""
    for subject in subjects():
        steps = steps_waiting_for(body.kind, subject.workflow_code)
        if not steps:
            continue
        by_state: dict[str, list[Transition]] = {}
        for t in steps:
            by_state.setdefault(t.source, []).append(t)
        qs: models.QuerySet[Any] = subject.model._default_manager.filter(**{f"{subject.state_field}__in": list(by_state)})
        if subject.scope is not None:
            qs = subject.scope(qs, body)
        for obj in qs.order_by("pk")[:limit]:
            for t in by_state[getattr(obj, subject.state_field)]:
                yield Pending(subject, obj, t)


def next_steps(obj: models.Model, workflow_code: str, state_field: str = "state") -> list[Transition]:
    return get_workflow(workflow_code).actions_from(getattr(obj, state_field))
