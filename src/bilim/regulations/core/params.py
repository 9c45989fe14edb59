"""Dated parameters (OpenFisca-style).

Every number a regulation sets lives in ``bilim/regulations/params/*.yaml``::

    ktmu.master.min_written_exam_score:
      ref: KTMU-12(2)-1            # the rule that sets it
      unit: points
      description: Minimum written specialist-exam score for master's admission.
      values:
        - since: 2021-09-01
          value: 50
          decided_by: "KTMU Senate, Instruction on Postgraduate Education (2021–2022)"

An amendment *adds* a dated entry; old entries are never edited. ``get(name, on)`` returns the
entry in force on that date; a date before the first entry raises :class:`NotCovered`.
Validators registered with :func:`register_validator` run on load for every version
(e.g. the grading table: no gaps, no overlaps, 0–100 covered).
"""

from __future__ import annotations

import contextlib
import contextvars
import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

from bilim.regulations.core.outcome import ParamUse

PARAMS_DIR = Path(__file__).resolve().parent.parent / "params"


class ParameterError(Exception):
    """Base class of parameter problems."""


class UnknownParameter(ParameterError):
    def __init__(self, name: str) -> None:
        super().__init__(f"Unknown parameter {name!r}")
        self.name = name


class NotCovered(ParameterError):
    """The date asked for lies before the first value of the parameter."""

    def __init__(self, name: str, on: dt.date, first: dt.date) -> None:
        super().__init__(
            f"Parameter {name!r} is not covered on {on.isoformat()}: its first value is in force from {first.isoformat()}"
        )
        self.name = name
        self.on = on
        self.first = first


class InvalidParameter(ParameterError):
    pass


class _DecimalLoader(yaml.SafeLoader):
    """YAML with every float read as the Decimal of its text: ``2.50`` stays 2.50 (shown "2.50", never "2.5"),
    so a number keeps the precision the regulation's table prints it with."""


def _decimal_scalar(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> Decimal:
    text = str(loader.construct_scalar(node)).replace("_", "")
    try:
        return Decimal(text)
    except ArithmeticError:  # .inf / .nan are not numbers a regulation sets
        raise InvalidParameter(f"not a finite number: {text!r}") from None


_DecimalLoader.add_constructor("tag:yaml.org,2002:float", _decimal_scalar)


def _to_decimal_tree(value: Any) -> Any:
    """Floats in YAML become Decimals (from their text), so arithmetic stays exact."""
    if isinstance(value, float):
        return Decimal(str(value))
    if isinstance(value, list):
        return [_to_decimal_tree(v) for v in value]
    if isinstance(value, dict):
        return {k: _to_decimal_tree(v) for k, v in value.items()}
    return value


@dataclass(frozen=True)
class ParamVersion:
    since: dt.date
    value: Any
    decided_by: str | None = None
    note: str | None = None


@dataclass
class Parameter:
    name: str
    ref: str
    description: str = ""
    unit: str | None = None
    versions: list[ParamVersion] = field(default_factory=list)
    alternatives: dict[str, Any] = field(default_factory=dict)

    def at(self, on: dt.date) -> ParamVersion:
        chosen: ParamVersion | None = None
        for version in self.versions:  # sorted ascending by since
            if version.since <= on:
                chosen = version
            else:
                break
        if chosen is None:
            raise NotCovered(self.name, on, self.versions[0].since)
        return chosen


_validators: dict[str, Callable[[Any], None]] = {}


def register_validator(name: str) -> Callable[[Callable[[Any], None]], Callable[[Any], None]]:
    """Register a load-time validator for every version of parameter ``name``."""

    def deco(fn: Callable[[Any], None]) -> Callable[[Any], None]:
        _validators[name] = fn
        return fn

    return deco


class ParameterStore:
    """All parameters, by name."""

    def __init__(self, params: dict[str, Parameter]) -> None:
        self._params = params

    @classmethod
    def load(cls, directory: Path = PARAMS_DIR) -> ParameterStore:
        params: dict[str, Parameter] = {}
        for path in sorted(directory.glob("*.yaml")):
            data = yaml.load(path.read_text(encoding="utf-8"), Loader=_DecimalLoader) or {}  # noqa: S506 (a SafeLoader)
            for name, spec in data.items():
                if name in params:
                    raise InvalidParameter(f"Parameter {name!r} defined twice ({path.name})")
                params[name] = cls._parse(name, spec, path.name)
        return cls(params)

    @staticmethod
    def _parse(name: str, spec: dict[str, Any], source: str) -> Parameter:
        if not isinstance(spec, dict) or "ref" not in spec or "values" not in spec:
            raise InvalidParameter(f"{source}: parameter {name!r} needs 'ref' and 'values'")
        versions = []
        for entry in spec["values"]:
            since = entry["since"]
            if isinstance(since, str):
                since = dt.date.fromisoformat(since)
            versions.append(
                ParamVersion(
                    since=since,
                    value=_to_decimal_tree(entry["value"]),
                    decided_by=entry.get("decided_by"),
                    note=entry.get("note"),
                )
            )
        versions.sort(key=lambda v: v.since)
        if len({v.since for v in versions}) != len(versions):
            raise InvalidParameter(f"{source}: parameter {name!r} has two values with the same 'since'")
        return Parameter(
            name=name,
            ref=spec["ref"],
            description=spec.get("description", ""),
            unit=spec.get("unit"),
            versions=versions,
            alternatives=_to_decimal_tree(spec.get("alternatives") or {}),
        )

    def validate(self) -> None:
        for name, fn in _validators.items():
            if name not in self._params:
                continue
            for version in self._params[name].versions:
                try:
                    fn(version.value)
                except Exception as exc:  # re-raised with context
                    raise InvalidParameter(f"{name} (since {version.since}): {exc}") from exc

    def names(self) -> list[str]:
        return sorted(self._params)

    def parameter(self, name: str) -> Parameter:
        try:
            return self._params[name]
        except KeyError:
            raise UnknownParameter(name) from None

    def get(self, name: str, on: dt.date) -> ParamUse:
        param = self.parameter(name)
        version = param.at(on)
        return ParamUse(name=name, value=version.value, since=version.since, ref=param.ref, decided_by=version.decided_by)

    def with_version(
        self, name: str, since: dt.date, value: Any, decided_by: str | None = None, ref: str | None = None
    ) -> ParameterStore:
        """A copy of the store with one more dated version (amendments, tests, what-ifs)."""
        params = dict(self._params)
        if name in params:
            old = params[name]
            versions = sorted([*old.versions, ParamVersion(since, _to_decimal_tree(value), decided_by)], key=lambda v: v.since)
            params[name] = Parameter(old.name, old.ref, old.description, old.unit, versions, old.alternatives)
        else:
            params[name] = Parameter(name, ref or "", versions=[ParamVersion(since, _to_decimal_tree(value), decided_by)])
        store = ParameterStore(params)
        validator = _validators.get(name)
        if validator:
            validator(_to_decimal_tree(value))
        return store

    def overridden(self, name: str, since: dt.date, value: Any, decided_by: str | None = None) -> ParameterStore:
        """A copy in which ``name`` takes ``value`` from ``since`` on (a proposed amendment): a version with the same
        ``since`` is replaced, earlier versions stay in force before it, later (already adopted) versions after it.
        The value is validated like a loaded one; the original store is never changed."""
        old = self.parameter(name)
        value = _to_decimal_tree(value)
        validator = _validators.get(name)
        if validator:
            try:
                validator(value)
            except Exception as exc:
                raise InvalidParameter(f"{name} (since {since}): {exc}") from exc
        versions = sorted([*(v for v in old.versions if v.since != since), ParamVersion(since, value, decided_by)], key=lambda v: v.since)
        params = dict(self._params)
        params[name] = Parameter(old.name, old.ref, old.description, old.unit, versions, old.alternatives)
        return ParameterStore(params)


_default_store: ParameterStore | None = None
_active: contextvars.ContextVar[ParameterStore | None] = contextvars.ContextVar("bilim_params", default=None)


def default_store() -> ParameterStore:
    global _default_store
    if _default_store is None:
        # Validators live next to the rules that use them; import the rule modules first.
        from bilim.regulations.core.registry import load_all

        load_all()
        store = ParameterStore.load()
        store.validate()
        _default_store = store
    return _default_store


def store() -> ParameterStore:
    """The store in force in this context (an override, or the default)."""
    return _active.get() or default_store()


@contextlib.contextmanager
def using(custom: ParameterStore) -> Iterator[ParameterStore]:
    """Evaluate rules against ``custom`` inside the ``with`` block."""
    token = _active.set(custom)
    try:
        yield custom
    finally:
        _active.reset(token)


@contextlib.contextmanager
def overriding(name: str, value: Any, since: dt.date, decided_by: str | None = None) -> Iterator[ParameterStore]:
    """Evaluate rules inside the ``with`` block as if ``name`` took ``value`` from ``since`` on (amendment impact).

    Every rule and batch function reads its parameters through :func:`get`, so the same code evaluates the
    proposal; nothing is written. The override lives in a ``contextvars`` variable: it ends with the block (even on
    an exception), other threads never see it, and each asyncio task keeps its own."""
    with using(store().overridden(name, since, value, decided_by)) as custom:
        yield custom


def get(name: str, on: dt.date) -> ParamUse:
    return store().get(name, on)
