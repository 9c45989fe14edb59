"""The rule registry, keyed by catalogue IDs.

A rule is a function of frozen facts (a pydantic model) and an evaluation context::

    class Period(Facts):
        start_date: date
        end_date: date

    @rule("OSU-1.3.5-2", "OSU-1.3.5-4")
    def mobility_term(f: Period, ctx: Ctx) -> Outcome:
        \"\"\"«Кыска мөөнөттүү мобилдүүлүк – ... 1 айдан көп эмес мезгил ...»\"\"\"
        months = ctx.param("osu.short_term_max_months")
        ...
        return ctx.result("SHORT", "osu.term.short", start=f.start_date)

Call it as ``mobility_term(facts_or_dict, as_of)`` (or ``ctx.sub(mobility_term, facts)`` from
inside another rule, which attaches the child explanation to the parent's tree).
"""

from __future__ import annotations

import datetime as dt
import functools
import importlib
import inspect
import pkgutil
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, get_type_hints

from pydantic import BaseModel, ConfigDict

from bilim.regulations.core import params as _params
from bilim.regulations.core.calendar import WorkCalendar, default_calendar
from bilim.regulations.core.outcome import Explanation, Outcome, ParamUse, Skipped, Verdict

RULE_PACKAGES = (
    "bilim.regulations.mobility",
    "bilim.regulations.postgrad",
    "bilim.regulations.governance",
    "bilim.regulations.workflows",
)


class Facts(BaseModel):
    """Base class of rule inputs: immutable, validated, JSON-schema describable."""

    model_config = ConfigDict(frozen=True, extra="forbid", arbitrary_types_allowed=True)


class RuleError(Exception):
    """A rule was called with facts it cannot decide on (the message says why)."""


class ConflictingExceptions(RuleError):
    """Two exceptions of the same priority both apply: an error, never a silent first match."""


@dataclass
class Ctx:
    """Evaluation context: the date, the calendar, and what the rule used."""

    as_of: dt.date
    calendar: WorkCalendar
    rule_ids: tuple[str, ...] = ()
    inputs: dict[str, Any] = field(default_factory=dict)
    params_used: list[ParamUse] = field(default_factory=list)
    children: list[Explanation] = field(default_factory=list)

    def param(self, name: str, on: dt.date | None = None) -> Any:
        """The value of dated parameter ``name`` in force on ``on`` (default: ``as_of``); recorded."""
        use = _params.get(name, on or self.as_of)
        if use not in self.params_used:
            self.params_used.append(use)
        return use.value

    def sub(self, fn: Callable[..., Outcome], facts: Any, as_of: dt.date | None = None) -> Outcome:
        """Evaluate another rule and attach its explanation as a child."""
        outcome: Outcome = fn(facts, as_of or self.as_of, calendar=self.calendar)
        self.children.append(outcome.explanation)
        return outcome

    def result(self, value: Any, message_key: str, *, skipped: Iterable[Skipped] = (), **values: Any) -> Outcome:
        return Outcome(
            value=value,
            explanation=Explanation(
                rule_ids=self.rule_ids,
                result=value,
                message_key=message_key,
                message_values=values,
                inputs=self.inputs,
                params=list(self.params_used),
                children=list(self.children),
                skipped=list(skipped),
                as_of=self.as_of,
            ),
        )

    def passed(self, message_key: str, **values: Any) -> Outcome:
        return self.result(Verdict.PASS, message_key, **values)

    def warn(self, message_key: str, **values: Any) -> Outcome:
        return self.result(Verdict.WARN, message_key, **values)

    def fail(self, message_key: str, **values: Any) -> Outcome:
        return self.result(Verdict.FAIL, message_key, **values)


@dataclass(frozen=True)
class ExceptionCase:
    """One cited exception to a rule: if ``applies``, the result is ``value``."""

    priority: int
    rule_id: str
    applies: bool
    value: Any
    message_key: str


def resolve_exceptions(cases: Iterable[ExceptionCase]) -> ExceptionCase | None:
    """The applicable exception of highest priority (lowest number); conflicts raise."""
    applicable = sorted((c for c in cases if c.applies), key=lambda c: c.priority)
    if not applicable:
        return None
    top = [c for c in applicable if c.priority == applicable[0].priority]
    if len(top) > 1:
        raise ConflictingExceptions(
            "Exceptions " + ", ".join(c.rule_id for c in top) + f" both apply at priority {top[0].priority}"
        )
    return top[0]


@dataclass
class RuleSpec:
    """A registered rule function."""

    ids: tuple[str, ...]
    fn: Callable[..., Outcome]
    facts_type: type[BaseModel] | None
    doc: str
    module: str
    name: str

    def input_schema(self) -> dict[str, Any]:
        if self.facts_type is None:
            return {"type": "object", "properties": {}}
        return self.facts_type.model_json_schema()


class Registry:
    def __init__(self) -> None:
        self._by_id: dict[str, list[RuleSpec]] = {}
        self._specs: list[RuleSpec] = []

    def add(self, spec: RuleSpec) -> None:
        self._specs.append(spec)
        for rid in spec.ids:
            self._by_id.setdefault(rid, []).append(spec)

    def ids(self) -> list[str]:
        return sorted(self._by_id)

    def specs(self) -> list[RuleSpec]:
        return list(self._specs)

    def for_id(self, rule_id: str) -> list[RuleSpec]:
        return list(self._by_id.get(rule_id, []))

    def __contains__(self, rule_id: str) -> bool:
        return rule_id in self._by_id


registry = Registry()


def _coerce(facts_type: type[BaseModel] | None, facts: Any) -> Any:
    if facts_type is None or isinstance(facts, facts_type):
        return facts
    if isinstance(facts, BaseModel):
        facts = facts.model_dump()
    return facts_type.model_validate(facts)


def rule(*rule_ids: str) -> Callable[[Callable[..., Outcome]], Callable[..., Outcome]]:
    """Register ``fn`` as the implementation of the catalogue IDs given."""
    if not rule_ids:
        raise ValueError("rule() needs at least one catalogue ID")

    def deco(fn: Callable[..., Outcome]) -> Callable[..., Outcome]:
        hints = get_type_hints(fn)
        first = next(iter(inspect.signature(fn).parameters))
        facts_type = hints.get(first)
        if not (inspect.isclass(facts_type) and issubclass(facts_type, BaseModel)):
            facts_type = None

        @functools.wraps(fn)
        def wrapper(facts: Any, as_of: dt.date | None = None, *, calendar: WorkCalendar | None = None) -> Outcome:
            typed = _coerce(facts_type, facts)
            on = as_of or dt.date.today()
            ctx = Ctx(
                as_of=on,
                calendar=calendar or default_calendar(),
                rule_ids=tuple(rule_ids),
                inputs=typed.model_dump(mode="json") if isinstance(typed, BaseModel) else {"facts": typed},
            )
            return fn(typed, ctx)

        spec = RuleSpec(
            ids=tuple(rule_ids),
            fn=wrapper,
            facts_type=facts_type,
            doc=inspect.getdoc(fn) or "",
            module=fn.__module__,
            name=fn.__name__,
        )
        registry.add(spec)
        wrapper.spec = spec  # type: ignore[attr-defined]
        return wrapper

    return deco


_loaded = False


def load_all() -> Registry:
    """Import every rule module so that the registry is complete."""
    global _loaded
    if not _loaded:
        _loaded = True
        for pkg_name in RULE_PACKAGES:
            pkg = importlib.import_module(pkg_name)
            for info in pkgutil.walk_packages(pkg.__path__, prefix=pkg_name + "."):
                importlib.import_module(info.name)
    return registry


def get_rule(rule_id: str) -> RuleSpec:
    load_all()
    specs = registry.for_id(rule_id)
    if not specs:
        raise KeyError(f"No rule implements {rule_id}")
    return specs[0]


def evaluate(rule_id: str, facts: Any, as_of: dt.date | None = None, calendar: WorkCalendar | None = None) -> Outcome:
    """Evaluate the (first) rule implementing ``rule_id`` on ``facts`` (a dict or a model)."""
    return get_rule(rule_id).fn(facts, as_of, calendar=calendar)
