"""``bilim workflows coverage``: every table of both regulations, wired (a registered subject) and tested (a marked
test drove a step through the service, per the merged trace), with the steps nobody reached."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from bilim.apps.workflow.coverage import normalise_code, read_trace, report
from bilim.apps.workflow.registry import subjects
from bilim.regulations.core.registry import load_all
from bilim.regulations.workflows.core import WORKFLOWS, get_workflow


def _write(d: Path, name: str, data: dict) -> None:
    d.mkdir(parents=True, exist_ok=True)
    (d / name).write_text(json.dumps(data), encoding="utf-8")


def test_every_table_of_both_regulations_is_listed(tmp_path: Path) -> None:
    load_all()
    data = report(tmp_path)
    assert data["total"] == len(WORKFLOWS) == len(data["workflows"])
    ids = {r["id"] for r in data["workflows"]}
    assert {"KTMU-W-01", "KTMU-W-21", "osu.student_outgoing", "osu.staff_incoming"} <= ids
    assert {r["regulation"] for r in data["workflows"]} == {"KTMU", "OshSU"}
    # without a trace nothing counts as tested, and every step is unreached
    assert data["tested"] == 0
    row = next(r for r in data["workflows"] if r["id"] == "osu.student_outgoing")
    assert row["wired"] is True and row["subjects"] == ["mobility.studentmobility.state"]
    assert len(row["unreached"]) == row["steps"] == len(get_workflow("osu.student_outgoing").transitions)
    assert data["wired"] == sum(1 for code in WORKFLOWS if subjects(code))


def test_traces_of_several_processes_are_merged(tmp_path: Path) -> None:
    _write(tmp_path, "gw0.json", {"osu.student_outgoing": {"tests": ["t1"], "steps": [["ORDER_ISSUED", "start"]]}})
    _write(tmp_path, "gw1.json", {"osu.student_outgoing": {"tests": ["t2"], "steps": [["ORDER_ISSUED", "start"], ["DRAFT", "apply"]]}})
    (tmp_path / "broken.json").write_text("{not json", encoding="utf-8")
    merged = read_trace(tmp_path)
    assert merged["osu.student_outgoing"]["tests"] == ["t1", "t2"]
    assert merged["osu.student_outgoing"]["steps"] == [("DRAFT", "apply"), ("ORDER_ISSUED", "start")]
    row = next(r for r in report(tmp_path)["workflows"] if r["id"] == "osu.student_outgoing")
    assert row["tested"] is True and row["steps_reached"] == 2
    assert {"source": "ORDER_ISSUED", "action": "start"} not in row["unreached"]


@pytest.mark.django_db
def test_the_command_prints_json_and_strict_fails_on_a_gap(tmp_path: Path) -> None:
    out = StringIO()
    call_command("workflows", "coverage", "--json", "--trace", str(tmp_path), stdout=out)
    data = json.loads(out.getvalue())
    assert set(data) == {"workflows", "total", "wired", "tested"}
    assert {"id", "regulation", "wired", "tested", "unreached"} <= set(data["workflows"][0])
    with pytest.raises(CommandError, match="not wired or not tested"):
        call_command("workflows", "coverage", "--strict", "--trace", str(tmp_path), stdout=StringIO())


def test_marker_names_resolve_to_tables() -> None:
    assert normalise_code("W-13") == "KTMU-W-13"
    assert normalise_code("osu.staff_outgoing") == "osu.staff_outgoing"
    with pytest.raises(KeyError):
        normalise_code("W-99")


def test_every_state_fits_its_column() -> None:
    """PostgreSQL refuses a value longer than its column (SQLite does not): every state of a table fits the state
    field of each model that runs it, and every code fits the Transition row."""
    from bilim.apps.workflow.models import Transition
    from bilim.regulations.workflows.core import MAX_CODE

    load_all()
    too_long = []
    for code, wf in WORKFLOWS.items():
        for s in subjects(code):
            width = s.model._meta.get_field(s.state_field).max_length
            too_long += [f"{code} {s.model_label}.{s.state_field}: {st}" for st in wf.states if len(st) > width]
    assert too_long == []
    assert min(Transition._meta.get_field(f).max_length for f in ("source", "action", "target")) >= MAX_CODE
