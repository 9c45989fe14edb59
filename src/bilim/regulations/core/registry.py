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


#: What a registered function is for the IDs it names (one ``primary`` per ID and date window).
KINDS = ("primary", "batch", "helper")

#: The dates a rule may be judged on (``judged_on=``); ``as_of`` means the evaluation date the caller states.
JUDGED_ON = {
    "as_of": {"en": "the evaluation date", "ky": "баалоо күнү", "ru": "дата оценки", "tr": "değerlendirme tarihi"},
    "exam_date": {"en": "the exam date", "ky": "сынак күнү", "ru": "дата экзамена", "tr": "sınav tarihi"},
    "application_date": {"en": "the application date", "ky": "арыз берилген күн", "ru": "дата подачи заявления", "tr": "başvuru tarihi"},
    "decision_date": {"en": "the decision date", "ky": "чечим кабыл алынган күн", "ru": "дата решения", "tr": "karar tarihi"},
    "submission_date": {"en": "the submission date", "ky": "тапшырылган күн", "ru": "дата представления", "tr": "teslim tarihi"},
    "semester_start": {"en": "the start of the semester", "ky": "семестрдин башталышы", "ru": "начало семестра", "tr": "yarıyıl başlangıcı"},
    "meeting_date": {"en": "the meeting date", "ky": "жыйын күнү", "ru": "дата заседания", "tr": "toplantı tarihi"},
    "period_start": {"en": "the start of the period", "ky": "мезгилдин башталышы", "ru": "начало периода", "tr": "dönem başlangıcı"},
}


@dataclass
class RuleSpec:
    """A registered rule function.

    ``kind``: ``primary`` (the implementation ``evaluate`` and ``bilim rules explain <ID>`` use), ``batch``
    (the same decision over many cases at once) or ``helper`` (one step of the rule, e.g. a due date whose
    status the primary decides). ``since``/``until``: the window of dates (``until`` excluded) in which this
    logic is in force, chosen by the date the rule is judged on (``judged_on``: a key of :data:`JUDGED_ON`,
    read from the facts field ``date_field`` when one is named, else the evaluation date ``as_of``).
    ``cites``: IDs the function applies on the way, whose primary implementation is elsewhere.
    """

    ids: tuple[str, ...]
    fn: Callable[..., Any]
    facts_type: type[BaseModel] | None
    doc: str
    module: str
    name: str
    kind: str = "primary"
    since: dt.date | None = None
    until: dt.date | None = None
    judged_on: str = "as_of"
    date_field: str | None = None
    cites: tuple[str, ...] = ()
    returns: str = "verdict"  # "verdict" (PASS/WARN/FAIL or a boolean) or "value" (a score, a date, a state…)

    @property
    def qualname(self) -> str:
        return f"{self.module}.{self.name}"

    @property
    def all_ids(self) -> tuple[str, ...]:
        return (*self.ids, *self.cites)

    def in_force(self, on: dt.date) -> bool:
        return (self.since is None or self.since <= on) and (self.until is None or on < self.until)

    def overlaps(self, other: RuleSpec) -> bool:
        lo = max(self.since or dt.date.min, other.since or dt.date.min)
        hi = min(self.until or dt.date.max, other.until or dt.date.max)
        return lo < hi

    def judged_date(self, facts: Any, as_of: dt.date) -> dt.date:
        """The date this rule is judged on for ``facts`` (the facts' date field, else ``as_of``)."""
        if self.date_field:
            value = getattr(facts, self.date_field, None) if not isinstance(facts, dict) else facts.get(self.date_field)
            if isinstance(value, str):
                value = dt.date.fromisoformat(value)
            if isinstance(value, dt.date):
                return value
        return as_of

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
        for rid in spec.all_ids:
            self._by_id.setdefault(rid, []).append(spec)

    def ids(self) -> list[str]:
        return sorted(self._by_id)

    def specs(self) -> list[RuleSpec]:
        return list(self._specs)

    def for_id(self, rule_id: str) -> list[RuleSpec]:
        """Every function registered for ``rule_id`` — primary first, then batch variants and helpers."""
        order = {k: i for i, k in enumerate(KINDS)}
        specs = self._by_id.get(rule_id, [])
        return sorted(specs, key=lambda s: (rule_id in s.cites, order.get(s.kind, 9), s.since or dt.date.min))

    def implementations(self, rule_id: str) -> list[RuleSpec]:
        """The primary implementations of ``rule_id`` (several only when they are dated windows)."""
        return [s for s in self._by_id.get(rule_id, []) if s.kind == "primary" and rule_id in s.ids]

    def primary(self, rule_id: str, on: dt.date | None = None) -> RuleSpec:
        """The primary implementation of ``rule_id`` in force on ``on`` (any, when ``on`` is None)."""
        impls = self.implementations(rule_id)
        if not impls:
            raise KeyError(f"No rule implements {rule_id}")
        if on is None:
            return sorted(impls, key=lambda s: s.since or dt.date.min)[-1]
        for spec in impls:
            if spec.in_force(on):
                return spec
        raise RuleError(f"No implementation of {rule_id} is in force on {on.isoformat()}")

    def by_name(self, name: str) -> RuleSpec:
        """A registered function by its qualified name (``bilim.regulations.….fn``) or a unique tail of it."""
        hits = [s for s in self._specs if s.qualname == name] or [s for s in self._specs if s.qualname.endswith("." + name)]
        if len(hits) != 1:
            raise KeyError(f"{len(hits)} registered functions match {name!r}")
        return hits[0]

    def duplicate_implementations(self) -> dict[str, list[str]]:
        """IDs with two primary implementations in force on the same date (must be empty)."""
        out: dict[str, list[str]] = {}
        for rid in self._by_id:
            impls = self.implementations(rid)
            clash = {s.qualname for i, s in enumerate(impls) for t in impls[i + 1 :] if s.overlaps(t)}
            clash |= {t.qualname for i, s in enumerate(impls) for t in impls[i + 1 :] if s.overlaps(t)}
            if clash:
                out[rid] = sorted(clash)
        return out

    def __contains__(self, rule_id: str) -> bool:
        return rule_id in self._by_id


registry = Registry()

#: Called with the :class:`RuleSpec` of every rule function evaluated (the test plugin's trace hooks in here).
LISTENERS: list[Callable[[RuleSpec], None]] = []


def _coerce(facts_type: type[BaseModel] | None, facts: Any) -> Any:
    if facts_type is None or isinstance(facts, facts_type):
        return facts
    if isinstance(facts, BaseModel):
        facts = facts.model_dump()
    return facts_type.model_validate(facts)


def _require_date(as_of: Any, what: str) -> dt.date:
    """``as_of`` is required: a rule is never judged on a silent "today"."""
    if not isinstance(as_of, dt.date):
        raise RuleError(f"{what}: as_of (the date the rule is judged on) is required, got {as_of!r}")
    if isinstance(as_of, dt.datetime):
        return as_of.date()
    return as_of


def _returns(fn: Callable[..., Any]) -> str:
    """``value`` when a return path hands back something other than a verdict or a boolean (read from the source).

    ``ctx.passed/warn/fail`` and ``ctx.result(<bool or Verdict>)`` are verdicts; ``ctx.result(name)`` is one when
    every assignment of ``name`` in the function is a comparison, a boolean operation, ``not …``, ``bool(…)``,
    a boolean constant or a ``Verdict``.
    """
    import ast
    import textwrap

    try:
        tree = ast.parse(textwrap.dedent(inspect.getsource(fn)))
    except (OSError, TypeError, SyntaxError):
        return "verdict"

    def boolish(expr: ast.expr) -> bool:
        if isinstance(expr, ast.Constant):
            return isinstance(expr.value, bool)
        if isinstance(expr, (ast.Compare, ast.BoolOp)) or (isinstance(expr, ast.UnaryOp) and isinstance(expr.op, ast.Not)):
            return True
        if isinstance(expr, ast.Call) and isinstance(expr.func, ast.Name) and expr.func.id in ("bool", "all", "any"):
            return True
        if isinstance(expr, ast.Attribute) and isinstance(expr.value, ast.Name) and expr.value.id == "Verdict":
            return True
        if isinstance(expr, ast.IfExp):
            return boolish(expr.body) and boolish(expr.orelse)
        return False

    assigned: dict[str, list[ast.expr]] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign):
            for target in node.targets:
                if isinstance(target, ast.Name):
                    assigned.setdefault(target.id, []).append(node.value)
        elif isinstance(node, (ast.AnnAssign, ast.AugAssign)) and isinstance(node.target, ast.Name) and node.value is not None:
            assigned.setdefault(node.target.id, []).append(node.value)
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "result"
            and isinstance(node.func.value, ast.Name)
            and node.func.value.id == "ctx"
            and node.args
        ):
            first = node.args[0]
            if boolish(first):
                continue
            if isinstance(first, ast.Name) and assigned.get(first.id) and all(boolish(v) for v in assigned[first.id]):
                continue
            return "value"
    return "verdict"


def _notify(spec: RuleSpec) -> None:
    for listener in list(LISTENERS):
        listener(spec)


def rule(
    *rule_ids: str,
    kind: str = "primary",
    since: dt.date | str | None = None,
    until: dt.date | str | None = None,
    judged_on: str = "as_of",
    date_field: str | None = None,
    cites: Iterable[str] = (),
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Register ``fn`` as the implementation of the catalogue IDs given.

    ``kind="batch"`` registers a batch variant (its first parameter is any iterable of cases, its second the
    date, both required) and ``kind="helper"`` one step of a rule whose decision a primary function makes;
    ``since``/``until`` date the logic (the registry dispatches to the version in force on the judged date);
    ``judged_on`` names which date the rule is judged on (:data:`JUDGED_ON`), ``date_field`` the facts field
    holding it; ``cites`` lists IDs applied on the way whose primary implementation is elsewhere.
    """
    if not rule_ids:
        raise ValueError("rule() needs at least one catalogue ID")
    if kind not in KINDS:
        raise ValueError(f"rule(kind={kind!r}): one of {KINDS}")
    if judged_on not in JUDGED_ON:
        raise ValueError(f"rule(judged_on={judged_on!r}): one of {sorted(JUDGED_ON)}")
    since_d = dt.date.fromisoformat(since) if isinstance(since, str) else since
    until_d = dt.date.fromisoformat(until) if isinstance(until, str) else until

    def deco(fn: Callable[..., Any]) -> Callable[..., Any]:
        names = list(inspect.signature(fn).parameters)
        if len(names) < 2 or names[1] != "ctx":  # a plain function (a batch over many cases, a helper step)
            if kind == "primary":
                raise ValueError(f"{fn.__name__}: a primary rule is a function of (facts, ctx)")
            spec = RuleSpec(
                ids=tuple(rule_ids), fn=fn, facts_type=None, doc=inspect.getdoc(fn) or "", module=fn.__module__,
                name=fn.__name__, kind=kind, since=since_d, until=until_d, judged_on=judged_on,
                date_field=date_field, cites=tuple(cites), returns="value",
            )

            @functools.wraps(fn)
            def batch_wrapper(*args: Any, **kwargs: Any) -> Any:
                if LISTENERS:
                    _notify(spec)
                return fn(*args, **kwargs)

            spec.fn = batch_wrapper
            registry.add(spec)
            batch_wrapper.spec = spec  # type: ignore[attr-defined]
            return batch_wrapper

        hints = get_type_hints(fn)
        first = next(iter(inspect.signature(fn).parameters))
        facts_type = hints.get(first)
        if not (inspect.isclass(facts_type) and issubclass(facts_type, BaseModel)):
            facts_type = None
        if date_field and facts_type is not None and date_field not in facts_type.model_fields:
            raise ValueError(f"{fn.__name__}: date_field {date_field!r} is not a field of {facts_type.__name__}")

        @functools.wraps(fn)
        def wrapper(facts: Any, as_of: dt.date, *, calendar: WorkCalendar | None = None) -> Outcome:
            on = _require_date(as_of, rule_ids[0])
            typed = _coerce(facts_type, facts)
            target = spec
            if spec.since is not None or spec.until is not None:
                judged = spec.judged_date(typed, on)
                if not spec.in_force(judged):  # another dated version of the same rule decides this case
                    target = registry.primary(rule_ids[0], judged)
                    if target is not spec:
                        return target.fn(typed, on, calendar=calendar)
            if LISTENERS:
                _notify(spec)
            ctx = Ctx(
                as_of=on,
                calendar=calendar or default_calendar(),
                rule_ids=(*rule_ids, *(c for c in spec.cites if c not in rule_ids)),  # cited IDs are applied too
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
            kind=kind,
            since=since_d,
            until=until_d,
            judged_on=judged_on,
            date_field=date_field,
            cites=tuple(cites),
            returns=_returns(fn),
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


def get_rule(rule_id: str, on: dt.date | None = None) -> RuleSpec:
    """The primary implementation of ``rule_id`` (the one in force on ``on`` when given)."""
    load_all()
    return registry.primary(rule_id, on)


def evaluate(rule_id: str, facts: Any, as_of: dt.date, calendar: WorkCalendar | None = None) -> Outcome:
    """Evaluate the primary rule implementing ``rule_id`` on ``facts`` (a dict or a model) as of ``as_of``.

    The version is chosen by the date the rule is judged on (its ``date_field`` in the facts, else ``as_of``).
    """
    on = _require_date(as_of, rule_id)
    load_all()
    impls = registry.implementations(rule_id)
    if not impls:
        raise KeyError(f"No rule implements {rule_id}")
    spec = impls[0]
    if len(impls) > 1:
        spec = registry.primary(rule_id, spec.judged_date(facts, on))
    return spec.fn(facts, on, calendar=calendar)
