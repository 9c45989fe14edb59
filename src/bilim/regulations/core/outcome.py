"""Outcome + Explanation: what every rule returns.

An explanation is a tree: the rule IDs evaluated, the inputs (facts) used, the dated
parameters used (value, since, reference, deciding act), the result, a message key with
values (rendered in ky/ru/en/tr by :mod:`bilim.regulations.core.messages`), the children
(sub-rules evaluated on the way) and, for deadlines, the days that were skipped.
It serialises to JSON so that a persisted decision can keep it verbatim.
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any


class Verdict(str, enum.Enum):
    """Outcome of a check: pass, pass with a warning, or fail (reject)."""

    PASS = "PASS"
    WARN = "WARN"
    FAIL = "FAIL"


def to_jsonable(value: Any) -> Any:
    """Turn dates, decimals, enums, dataclasses and pydantic models into JSON values."""
    if isinstance(value, enum.Enum):  # before str: a str-valued enum (Verdict) becomes its plain value
        return to_jsonable(value.value)
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): to_jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        items = [to_jsonable(v) for v in value]
        return sorted(items, key=str) if isinstance(value, (set, frozenset)) else items
    if hasattr(value, "model_dump"):
        return to_jsonable(value.model_dump())
    if hasattr(value, "__dataclass_fields__"):
        return {k: to_jsonable(getattr(value, k)) for k in value.__dataclass_fields__}
    if isinstance(value, Outcome):
        return value.to_dict()
    return str(value)


@dataclass(frozen=True)
class ParamUse:
    """One dated parameter value used by a rule."""

    name: str
    value: Any
    since: dt.date
    ref: str
    decided_by: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "value": to_jsonable(self.value),
            "since": self.since.isoformat(),
            "ref": self.ref,
            "decided_by": self.decided_by,
        }


@dataclass(frozen=True)
class Skipped:
    """A day a deadline computation skipped, and why (weekend, holiday name, closure)."""

    day: dt.date
    reason: str

    def to_dict(self) -> dict[str, Any]:
        return {"day": self.day.isoformat(), "reason": self.reason}


#: the few words of :meth:`Explanation.render_text` itself, per language
_RENDER_WORDS = {
    "en": {"param": "param", "since": "since", "skipped": "skipped"},
    "ky": {"param": "параметр", "since": "күчүндө:", "skipped": "эсептелген жок"},
    "ru": {"param": "параметр", "since": "действует с", "skipped": "пропущен"},
    "tr": {"param": "parametre", "since": "yürürlük:", "skipped": "atlandı"},
}


@dataclass
class Explanation:
    """The reasoning behind one outcome. See the module docstring."""

    rule_ids: tuple[str, ...]
    result: Any
    message_key: str
    message_values: dict[str, Any] = field(default_factory=dict)
    inputs: dict[str, Any] = field(default_factory=dict)
    params: list[ParamUse] = field(default_factory=list)
    children: list[Explanation] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    as_of: dt.date | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule_ids": list(self.rule_ids),
            "result": to_jsonable(self.result),
            "message_key": self.message_key,
            "message_values": to_jsonable(self.message_values),
            "inputs": to_jsonable(self.inputs),
            "params": [p.to_dict() for p in self.params],
            "children": [c.to_dict() for c in self.children],
            "skipped": [s.to_dict() for s in self.skipped],
            "as_of": self.as_of.isoformat() if self.as_of else None,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Explanation:
        return cls(
            rule_ids=tuple(data["rule_ids"]),
            result=data.get("result"),
            message_key=data["message_key"],
            message_values=dict(data.get("message_values") or {}),
            inputs=dict(data.get("inputs") or {}),
            params=[
                ParamUse(
                    name=p["name"],
                    value=p["value"],
                    since=dt.date.fromisoformat(p["since"]),
                    ref=p["ref"],
                    decided_by=p.get("decided_by"),
                )
                for p in data.get("params") or []
            ],
            children=[cls.from_dict(c) for c in data.get("children") or []],
            skipped=[
                Skipped(dt.date.fromisoformat(s["day"]), s["reason"]) for s in data.get("skipped") or []
            ],
            as_of=dt.date.fromisoformat(data["as_of"]) if data.get("as_of") else None,
        )

    def all_rule_ids(self) -> list[str]:
        """Every rule ID in the tree, depth first, without repeats."""
        seen: list[str] = []
        for rid in self.rule_ids:
            if rid not in seen:
                seen.append(rid)
        for child in self.children:
            for rid in child.all_rule_ids():
                if rid not in seen:
                    seen.append(rid)
        return seen

    def message(self, lang: str = "en") -> str:
        from bilim.regulations.core.messages import render

        return render(self.message_key, self.message_values, lang)

    def render_text(self, lang: str = "en", indent: int = 0) -> str:
        """A readable multi-line rendering of the tree (used by `bilim rules explain`)."""
        from bilim.regulations.core.messages import skipped_label

        pad = "  " * indent
        lines = [f"{pad}[{', '.join(self.rule_ids)}] → {to_jsonable(self.result)}", f"{pad}  {self.message(lang)}"]
        words = _RENDER_WORDS.get(lang, _RENDER_WORDS["en"])
        for p in self.params:
            extra = f"; {p.decided_by}" if p.decided_by else ""
            lines.append(f"{pad}  {words['param']} {p.name} = {to_jsonable(p.value)} ({words['since']} {p.since}, {p.ref}{extra})")
        for s in self.skipped:
            lines.append(f"{pad}  {words['skipped']} {s.day}: {skipped_label(s.day, s.reason, lang)}")
        for c in self.children:
            lines.append(c.render_text(lang, indent + 1))
        return "\n".join(lines)


@dataclass
class Outcome:
    """A rule's result (``value``) with its explanation."""

    value: Any
    explanation: Explanation

    @property
    def verdict(self) -> Verdict | None:
        if isinstance(self.value, Verdict):
            return self.value
        if isinstance(self.value, bool):
            return Verdict.PASS if self.value else Verdict.FAIL
        return None

    @property
    def ok(self) -> bool:
        """True unless the outcome is a rejection (FAIL or False)."""
        return self.verdict is not Verdict.FAIL

    @property
    def rule_ids(self) -> tuple[str, ...]:
        return self.explanation.rule_ids

    def message(self, lang: str = "en") -> str:
        return self.explanation.message(lang)

    def to_dict(self) -> dict[str, Any]:
        return {"value": to_jsonable(self.value), "explanation": self.explanation.to_dict()}
