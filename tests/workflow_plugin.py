"""Pytest plugin: ``@pytest.mark.workflow("W-13", …)`` and the trace ``bilim workflows coverage`` reads.

While a marked test runs, every step the transition service executes on one of the tables the marker
names is recorded (table, source state, action). At the end of the session each process writes what it
saw to ``$BILIM_WORKFLOW_TRACE`` (default ``var/workflow-trace``) as ``<worker>.json``. A marker naming a
table that does not exist is an error, and so is a marked test during which the service executed no step
of its tables: a marker must be earned.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

_SEEN: dict[str, dict[str, set[Any]]] = {}


def _trace_dir(config: pytest.Config) -> Path:
    env = os.environ.get("BILIM_WORKFLOW_TRACE")
    return Path(env) if env else Path(str(config.rootpath)) / "var" / "workflow-trace"


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "workflow(*tables): the transition tables (W-13, osu.staff_outgoing…) a test drives through the service")


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Any:
    marker_codes = [c for m in item.iter_markers("workflow") for c in m.args]
    if not marker_codes:
        return (yield)
    from bilim.apps.workflow import trace
    from bilim.apps.workflow.coverage import normalise_code

    codes = {normalise_code(c) for c in marker_codes}
    steps: list[tuple[str, str, str]] = []

    def listener(code: str, source: str, action: str, target: str) -> None:
        if code in codes:
            steps.append((code, source, action))

    trace.LISTENERS.append(listener)
    try:
        result = yield  # raises (and nothing is recorded) when the test failed
    finally:
        trace.LISTENERS.remove(listener)
    for code, source, action in steps:
        entry = _SEEN.setdefault(code, {"tests": set(), "steps": set()})
        entry["tests"].add(item.nodeid)
        entry["steps"].add((source, action))
    if not steps:
        pytest.fail(f"marked workflow({', '.join(sorted(codes))}) but no step of these tables went through the transition service")
    return result


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    if not _SEEN:
        return
    directory = _trace_dir(session.config)
    directory.mkdir(parents=True, exist_ok=True)
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    name = f"{worker}-{os.getpid()}.json"
    data = {code: {"tests": sorted(e["tests"]), "steps": sorted(e["steps"])} for code, e in _SEEN.items()}
    (directory / name).write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
