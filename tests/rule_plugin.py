"""Pytest plugin: a ``@pytest.mark.rule(ID)`` marker must be earned.

While a test marked ``rule("A", "B")`` runs, every rule function the registry evaluates is recorded (its IDs,
the IDs it cites included). A marked ID that has an implementation but was never evaluated during the test
fails the test: the marker claims a check the test does not make. Tests that check only a rule's table or
parameter (a band of Table 1, a dated value) carry ``rule_table(ID)`` or ``rule_param(name)`` instead; those
name an existing catalogue ID or parameter, or the test fails.

The IDs each test evaluated are written at the end of the session to ``$BILIM_RULE_TRACE`` (default
``var/rule-trace``) as ``<worker>.json``; ``bilim rules coverage --trace DIR`` reads them.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

_SEEN: dict[str, set[str]] = {}


def _trace_dir(config: pytest.Config) -> Path:
    env = os.environ.get("BILIM_RULE_TRACE")
    return Path(env) if env else Path(str(config.rootpath)) / "var" / "rule-trace"


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Any:
    marked = [str(i) for m in item.iter_markers("rule") for i in m.args]
    tables = [str(i) for m in item.iter_markers("rule_table") for i in m.args]
    params = [str(i) for m in item.iter_markers("rule_param") for i in m.args]
    if not (marked or tables or params):
        return (yield)
    from bilim.regulations.core import coverage
    from bilim.regulations.core import params as _params
    from bilim.regulations.core import registry as _registry

    _registry.load_all()
    idx = coverage.index()
    for rid in tables:
        if rid not in idx:
            pytest.fail(f"rule_table({rid!r}): not a catalogue rule ID")
    store = _params.default_store()
    known_params = set(store.names())
    for name in params:
        if name not in known_params and name not in idx:
            pytest.fail(f"rule_param({name!r}): neither a parameter nor a catalogue rule ID")
    evaluated: set[str] = set()

    def listener(spec: Any) -> None:
        evaluated.update(spec.all_ids)

    _registry.LISTENERS.append(listener)
    try:
        result = yield  # raises (nothing recorded) when the test failed
    finally:
        _registry.LISTENERS.remove(listener)
    for rid in evaluated:
        _SEEN.setdefault(rid, set()).add(item.nodeid)
    # a marker is enforced for IDs that have an implementation; a system-support ID (catalogue `no`) names a feature
    unearned = sorted(rid for rid in dict.fromkeys(marked) if rid in _registry.registry and rid not in evaluated)
    if unearned:
        pytest.fail(
            f"marked rule({', '.join(unearned)}) but the test never evaluated that rule "
            "(use rule_table/rule_param for a test of a table or a parameter only)"
        )
    return result


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    if not _SEEN:
        return
    directory = _trace_dir(session.config)
    directory.mkdir(parents=True, exist_ok=True)
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    data = {rid: sorted(tests) for rid, tests in sorted(_SEEN.items())}
    (directory / f"{worker}-{os.getpid()}.json").write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
