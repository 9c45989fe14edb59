"""Rule coverage: every catalogue ID, whether it is implemented, tested, or supported.

* implemented — a function registered with ``@rule("<ID>")``;
* tested — a test marked ``@pytest.mark.rule("<ID>")`` (found by parsing ``tests/``);
* supported — for a rule the catalogue marks not machine-checkable (``no``): the feature named
  in ``catalogue/support.yaml`` and a test marked with its ID;
* evaluated — (with a trace of the test run, ``tests/rule_plugin.py``) the rule was evaluated by a test.

A machine-checkable rule is *implemented* only by a **primary** implementation (``@rule(ID)``; batch
variants and helpers are listed beside it); two primary implementations in force on the same date are a
``duplicate_implementations`` entry. :meth:`CoverageReport.ok` is False when anything is missing, untested,
unsupported, duplicated, cited under an unknown ID, or (with a trace) marked but never evaluated.
"""

from __future__ import annotations

import ast
import csv
import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from bilim.regulations.core.registry import load_all, registry

CATALOGUE_DIR = Path(__file__).resolve().parent.parent / "catalogue"
INDEX_PATH = CATALOGUE_DIR / "rules-index.tsv"
SUPPORT_DIR = CATALOGUE_DIR / "support"
REPO_ROOT = Path(__file__).resolve().parents[4]
TESTS_DIR = REPO_ROOT / "tests"


@dataclass(frozen=True)
class IndexEntry:
    id: str
    catalogue: str
    kind: str
    machine_checkable: bool


@lru_cache(maxsize=1)
def index() -> dict[str, IndexEntry]:
    with INDEX_PATH.open(encoding="utf-8") as fh:
        rows = csv.DictReader(fh, delimiter="\t")
        return {
            r["id"]: IndexEntry(r["id"], r["catalogue"], r["kind"], r["machine_checkable"].strip() == "yes")
            for r in rows
        }


def support_map() -> dict[str, dict[str, Any]]:
    """``catalogue/support/*.yaml``: ``<ID>: {feature: "..."}`` for rules the catalogue marks ``no``."""
    result: dict[str, dict[str, Any]] = {}
    for path in sorted(SUPPORT_DIR.glob("*.yaml")):
        result.update(yaml.safe_load(path.read_text(encoding="utf-8")) or {})
    return result


def _marker_ids(node: ast.AST, marker: str = "rule") -> list[str]:
    """IDs in a ``pytest.mark.rule("A", "B")`` / ``mark.rule(...)`` call."""
    if (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == marker
        and isinstance(node.func.value, ast.Attribute)
        and node.func.value.attr == "mark"
    ):
        return [a.value for a in node.args if isinstance(a, ast.Constant) and isinstance(a.value, str)]
    return []


def test_markers(tests_dir: Path = TESTS_DIR) -> dict[str, list[str]]:
    """Map rule ID -> test node IDs (``path::[Class::]function``) that carry its marker."""
    found: dict[str, list[str]] = {}
    if not tests_dir.exists():
        return found
    for path in sorted(tests_dir.rglob("test_*.py")):
        rel = path.relative_to(tests_dir.parent).as_posix()
        tree = ast.parse(path.read_text(encoding="utf-8"))
        module_ids: list[str] = []
        for stmt in tree.body:
            if isinstance(stmt, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "pytestmark" for t in stmt.targets):
                values = stmt.value.elts if isinstance(stmt.value, (ast.List, ast.Tuple)) else [stmt.value]
                for v in values:
                    module_ids += _marker_ids(v)

        def visit(body: list[ast.stmt], prefix: str, inherited: list[str]) -> None:
            for stmt in body:
                if isinstance(stmt, ast.ClassDef):
                    ids = inherited + [i for d in stmt.decorator_list for i in _marker_ids(d)]
                    visit(stmt.body, f"{prefix}{stmt.name}::", ids)
                elif isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)) and stmt.name.startswith("test"):
                    ids = inherited + [i for d in stmt.decorator_list for n in ast.walk(d) for i in _marker_ids(n)]
                    for rid in ids:
                        found.setdefault(rid, []).append(f"{rel}::{prefix}{stmt.name}")

        visit(tree.body, "", module_ids)
    return found


def read_trace(directory: Path) -> dict[str, list[str]]:
    """Rule ID -> tests that evaluated it, merged from the plugin's ``<worker>.json`` files."""
    merged: dict[str, set[str]] = {}
    for path in sorted(Path(directory).glob("*.json")):
        for rid, tests in json.loads(path.read_text(encoding="utf-8")).items():
            merged.setdefault(rid, set()).update(tests)
    return {rid: sorted(tests) for rid, tests in merged.items()}


@dataclass
class CoverageReport:
    rows: list[dict[str, Any]] = field(default_factory=list)
    unknown_cited: dict[str, list[str]] = field(default_factory=dict)
    duplicate_implementations: dict[str, list[str]] = field(default_factory=dict)
    functions: list[dict[str, Any]] = field(default_factory=list)
    traced: bool = False

    def ok(self) -> bool:
        s = self.summary()
        return not (s["missing"] or s["duplicate_implementations"] or s["unknown_ids"] or s["not_evaluated"])

    def summary(self) -> dict[str, Any]:
        mc = [r for r in self.rows if r["machine_checkable"]]
        return {
            "total": len(self.rows),
            "machine_checkable": len(mc),
            "implemented": sum(1 for r in mc if r["implemented_by"]),
            "tested": sum(1 for r in mc if r["implemented_by"] and r["tests"]),
            # a `no` rule is supported by a tested feature, or by a tested rule that implements it
            "supported": sum(
                1 for r in self.rows if not r["machine_checkable"] and r["status"] in ("supported", "implemented")
            ),
            "missing": [r["id"] for r in self.rows if r["status"] in ("missing", "untested", "unsupported")],
            "not_implemented": [r["id"] for r in mc if not r["implemented_by"]],
            "untested": [r["id"] for r in mc if r["implemented_by"] and not r["tests"]],
            "duplicate_implementations": dict(self.duplicate_implementations),
            "unknown_ids": sorted(self.unknown_cited),
            "functions": len(self.functions),
            "functions_by_kind": {k: sum(1 for f in self.functions if f["kind"] == k) for k in ("primary", "batch", "helper")},
            "traced": self.traced,
            # with a trace: machine-checkable rules whose marked tests never evaluated them in this run
            "not_evaluated": [r["id"] for r in mc if self.traced and r["implemented_by"] and not r.get("evaluated_by")],
        }


def build_report(tests_dir: Path = TESTS_DIR, trace_dir: Path | None = None) -> CoverageReport:
    load_all()
    idx = index()
    markers = test_markers(tests_dir)
    support = support_map()
    trace = read_trace(trace_dir) if trace_dir is not None else {}
    report = CoverageReport(traced=trace_dir is not None)
    report.duplicate_implementations = registry.duplicate_implementations()
    report.functions = [
        {
            "function": s.qualname, "kind": s.kind, "ids": list(s.ids), "cites": list(s.cites), "returns": s.returns,
            "judged_on": s.judged_on, "since": s.since.isoformat() if s.since else None,
            "until": s.until.isoformat() if s.until else None,
        }
        for s in registry.specs()
    ]
    for rid, entry in idx.items():
        impl = [s.qualname for s in registry.implementations(rid)]
        others = [f"{s.qualname} ({s.kind if rid in s.ids else 'cites'})" for s in registry.for_id(rid) if s.qualname not in impl]
        tests = markers.get(rid, [])
        if entry.machine_checkable:
            status = "implemented" if impl and tests else ("untested" if impl else "missing")
            feature = None
        else:
            feature = (support.get(rid) or {}).get("feature")
            if impl and tests:
                status = "implemented"
            elif feature and tests:
                status = "supported"
            else:
                status = "unsupported"
        report.rows.append(
            {
                "id": rid,
                "machine_checkable": entry.machine_checkable,
                "status": status,
                "implemented_by": impl,
                "also_by": others,
                "tests": tests,
                "evaluated_by": [t for t in trace.get(rid, []) if t.split("[")[0] in tests or t in tests],
                "feature": feature,
            }
        )
    cited = {rid: [f"{s.module}.{s.name}" for s in registry.for_id(rid)] for rid in registry.ids()}
    for rid, where in cited.items():
        if rid not in idx:
            report.unknown_cited[rid] = where
    for rid, where in markers.items():
        if rid not in idx:
            report.unknown_cited.setdefault(rid, []).extend(where)
    for rid in support:
        if rid not in idx:
            report.unknown_cited.setdefault(rid, []).append("catalogue/support/*.yaml")
    return report
