"""Reads for the regulation browser: catalogue text, implementation, tests, parameters, workflows.

Everything here comes from the rules layer (no database): the catalogues, the registry, the
dated parameters and the workflow tables.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from bilim.regulations.core import coverage
from bilim.regulations.core.catalogue_text import RuleText, rule_texts
from bilim.regulations.core.params import Parameter, default_store
from bilim.regulations.core.registry import load_all, registry
from bilim.regulations.workflows.core import WORKFLOWS, Transition, Workflow


@dataclass
class RuleView:
    text: RuleText
    machine_checkable: bool
    kind: str
    status: str
    implemented_by: list[dict[str, str]] = field(default_factory=list)
    tests: list[str] = field(default_factory=list)
    feature: str | None = None
    parameters: list[Parameter] = field(default_factory=list)
    transitions: list[tuple[Workflow, Transition, str]] = field(default_factory=list)


@lru_cache(maxsize=1)
def _report_rows() -> dict[str, dict[str, Any]]:
    return {row["id"]: row for row in coverage.build_report().rows}


def rules(q: str = "", catalogue: str = "", status: str = "", machine_checkable: str = "") -> list[dict[str, Any]]:
    """Rows of the catalogue list, filtered."""
    texts = rule_texts()
    index = coverage.index()
    rows = _report_rows()
    q_low = q.strip().lower()
    out = []
    for rid, entry in index.items():
        text = texts.get(rid)
        row = rows[rid]
        if catalogue and (text is None or text.catalogue != catalogue):
            continue
        if status and row["status"] != status:
            continue
        if machine_checkable in ("yes", "no") and entry.machine_checkable != (machine_checkable == "yes"):
            continue
        if q_low and q_low not in rid.lower() and (text is None or q_low not in text.body.lower()) and q_low not in (text.section.lower() if text else ""):
            continue
        out.append({"id": rid, "catalogue": text.catalogue if text else "", "section": text.section if text else "",
                    "heading": text.heading if text else "", "kind": entry.kind, "machine_checkable": entry.machine_checkable,
                    "status": row["status"]})
    return out


def rule_detail(rule_id: str) -> RuleView | None:
    load_all()
    text = rule_texts().get(rule_id)
    entry = coverage.index().get(rule_id)
    if text is None or entry is None:
        return None
    row = _report_rows()[rule_id]
    view = RuleView(text=text, machine_checkable=entry.machine_checkable, kind=entry.kind, status=row["status"],
                    tests=row["tests"], feature=row["feature"])
    for spec in registry.for_id(rule_id):
        view.implemented_by.append({"name": f"{spec.module}.{spec.name}", "doc": spec.doc, "ids": ", ".join(spec.ids)})
    store = default_store()
    view.parameters = [store.parameter(n) for n in store.names() if store.parameter(n).ref.split()[0] == rule_id]
    for wf in WORKFLOWS.values():
        for t in wf.transitions:
            if rule_id in t.guards:
                view.transitions.append((wf, t, "guard"))
            elif rule_id in t.refs:
                view.transitions.append((wf, t, "ref"))
    return view


def parameters(q: str = "") -> list[Parameter]:
    store = default_store()
    q_low = q.strip().lower()
    return [
        store.parameter(n)
        for n in store.names()
        if not q_low or q_low in n.lower() or q_low in store.parameter(n).ref.lower() or q_low in store.parameter(n).description.lower()
    ]


def workflows() -> list[Workflow]:
    load_all()
    return sorted(WORKFLOWS.values(), key=lambda w: w.code)


def workflow(code: str) -> Workflow | None:
    load_all()
    return WORKFLOWS.get(code)
