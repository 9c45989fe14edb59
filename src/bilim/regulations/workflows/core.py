"""Workflows as data: (state, action) -> (target, guard rules, deciding role or body).

The apps execute these tables through one service (lock the row, evaluate the guard rules,
check the authority, write the new state, a Transition row and an audit event). Nothing here
touches a database.

Authority codes:
* ``role:<code>`` — a holder of that role in scope may act (codes: student, staff, dean_office,
  deputy_dean_ir, deputy_dean_academic, programme_leader, head_of_department, ird_officer,
  vice_rector_research, rector_office, accounting, project_leader, supervisor, institute_board_secretary,
  administrator, ...);
* ``body:<code>`` — an adopted decision of that body is required (rector_office, dean_office,
  institute_board, fos_council, senate, university_board, trustees, commission, ...).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

#: the longest state or action code a table may use (the width of the Transition row's columns)
MAX_CODE = 60


class WorkflowError(Exception):
    pass


class InvalidTransition(WorkflowError):
    def __init__(self, workflow: str, state: str, action: str) -> None:
        super().__init__(f"{workflow}: action {action!r} is not allowed in state {state!r}")
        self.workflow = workflow
        self.state = state
        self.action = action


@dataclass(frozen=True)
class Transition:
    """One row of a transition table."""

    source: str
    action: str
    target: str
    guards: tuple[str, ...] = ()  # rule IDs evaluated before the move; any FAIL blocks it
    authority: tuple[str, ...] = ()  # any one of these may act ("role:…" / "body:…")
    refs: tuple[str, ...] = ()  # catalogue IDs / sections that define the step
    note: str = ""


@dataclass(frozen=True)
class Workflow:
    """A process with its states and its transition table."""

    code: str
    title: str
    ref: str  # catalogue section, e.g. "OSU §4.1"
    states: tuple[str, ...]
    initial: str
    final: tuple[str, ...]
    transitions: tuple[Transition, ...]
    parallel_tracks: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def find(self, source: str, action: str) -> Transition:
        for t in self.transitions:
            if t.source == source and t.action == action:
                return t
        raise InvalidTransition(self.code, source, action)

    def actions_from(self, state: str) -> list[Transition]:
        return [t for t in self.transitions if t.source == state]

    def validate(self, known_rule_ids: Iterable[str] | None = None) -> None:
        states = set(self.states)
        if self.initial not in states:
            raise WorkflowError(f"{self.code}: initial state {self.initial!r} unknown")
        for f in self.final:
            if f not in states:
                raise WorkflowError(f"{self.code}: final state {f!r} unknown")
        seen: set[tuple[str, str]] = set()
        for t in self.transitions:
            for code in (t.source, t.action, t.target):
                if len(code) > MAX_CODE:  # the Transition row stores them in columns of this width
                    raise WorkflowError(f"{self.code}: {code!r} is longer than {MAX_CODE} characters")
            if t.source not in states or t.target not in states:
                raise WorkflowError(f"{self.code}: {t.source}->{t.target} uses an unknown state")
            if (t.source, t.action) in seen:
                raise WorkflowError(f"{self.code}: two transitions for ({t.source}, {t.action})")
            seen.add((t.source, t.action))
            for a in t.authority:
                if not (a.startswith("role:") or a.startswith("body:") or a == "system"):
                    raise WorkflowError(f"{self.code}: bad authority {a!r}")
        if known_rule_ids is not None:
            known = set(known_rule_ids)
            for t in self.transitions:
                for g in (*t.guards, *t.refs):
                    if g not in known and not g.startswith("§"):
                        raise WorkflowError(f"{self.code}: {g!r} is not a catalogue rule ID")
            # a guard must answer PASS/WARN/FAIL (or yes/no): a rule returning a value (a score, a date, a state)
            # never FAILs, so as a guard it would open the gate whatever it computed
            from bilim.regulations.core.registry import load_all

            reg = load_all()
            for t in self.transitions:
                for g in t.guards:
                    impls = reg.implementations(g)
                    value_impls = [s.qualname for s in impls if s.returns != "verdict"]
                    if value_impls:
                        raise WorkflowError(
                            f"{self.code}: guard {g!r} of ({t.source}, {t.action}) returns a value, not PASS/FAIL "
                            f"({', '.join(value_impls)}); cite it among the refs or guard with a check"
                        )
        # every state reachable from the initial one
        reach = {self.initial}
        frontier = [self.initial]
        while frontier:
            s = frontier.pop()
            for t in self.actions_from(s):
                if t.target not in reach:
                    reach.add(t.target)
                    frontier.append(t.target)
        unreachable = states - reach
        if unreachable:
            raise WorkflowError(f"{self.code}: unreachable states {sorted(unreachable)}")


WORKFLOWS: dict[str, Workflow] = {}


def register_workflow(wf: Workflow) -> Workflow:
    if wf.code in WORKFLOWS:
        raise WorkflowError(f"workflow {wf.code} registered twice")
    WORKFLOWS[wf.code] = wf
    return wf


def get_workflow(code: str) -> Workflow:
    from bilim.regulations.core.registry import load_all

    load_all()
    return WORKFLOWS[code]
