"""``bilim workflows coverage``: every transition table of both regulations, wired to an app model or not,
driven by a marked test or not, and the steps no marked test reaches.

*Wired*: an app registered a model as the subject of the table (:mod:`bilim.apps.workflow.registry`).
*Tested*: a test marked ``@pytest.mark.workflow("W-13")`` drove at least one transition of the table through
the transition service; the test plugin writes what it saw to ``var/workflow-trace/*.json`` (one file per
test process), which this command merges. Without a trace, nothing counts as tested: run the tests first.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from bilim.apps.workflow.registry import subjects
from bilim.regulations.core.registry import load_all
from bilim.regulations.workflows.core import WORKFLOWS


def trace_dir() -> Path:
    from django.conf import settings

    return Path(getattr(settings, "BILIM_HOME", Path.cwd() / "var")) / "workflow-trace"


def normalise_code(name: str) -> str:
    """``"W-13"`` → ``"KTMU-W-13"``; full codes pass through."""
    load_all()
    if name in WORKFLOWS:
        return name
    if f"KTMU-{name}" in WORKFLOWS:
        return f"KTMU-{name}"
    raise KeyError(f"no workflow table {name!r}")


def read_trace(directory: Path | None = None) -> dict[str, dict[str, Any]]:
    """Merged trace: ``{code: {"tests": [...], "steps": [[source, action], ...]}}``."""
    directory = directory or trace_dir()
    merged: dict[str, dict[str, set[Any]]] = {}
    if directory.is_dir():
        for f in sorted(directory.glob("*.json")):
            try:
                data = json.loads(f.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                continue
            for code, entry in data.items():
                m = merged.setdefault(code, {"tests": set(), "steps": set()})
                m["tests"].update(entry.get("tests", []))
                m["steps"].update(tuple(s) for s in entry.get("steps", []))
    return {c: {"tests": sorted(m["tests"]), "steps": sorted(m["steps"])} for c, m in merged.items()}


def report(directory: Path | None = None) -> dict[str, Any]:
    load_all()
    trace = read_trace(directory)
    rows = []
    for code, wf in sorted(WORKFLOWS.items(), key=lambda kv: (not kv[0].startswith("KTMU"), kv[0])):
        subs = subjects(code)
        seen = {tuple(s) for s in trace.get(code, {}).get("steps", [])}
        steps = [(t.source, t.action) for t in wf.transitions]
        unreached = [{"source": s, "action": a} for s, a in steps if (s, a) not in seen]
        rows.append({
            "id": code,
            "title": wf.title,
            "regulation": "KTMU" if code.startswith("KTMU") else "OshSU",
            "wired": bool(subs),
            "subjects": sorted({f"{s.model_label}.{s.state_field}" for s in subs}),
            "tested": bool(seen),
            "tests": trace.get(code, {}).get("tests", []),
            "steps": len(steps),
            "steps_reached": len(steps) - len(unreached),
            "unreached": unreached,
        })
    return {
        "workflows": rows,
        "total": len(rows),
        "wired": sum(r["wired"] for r in rows),
        "tested": sum(r["tested"] for r in rows),
    }
