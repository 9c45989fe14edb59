"""The honest gates of the rules layer: coverage fails on a missing rule, one primary implementation per ID,
every registered function reachable by `bilim rules explain`, dated logic chosen by the judged date, `as_of`
required, a value rule refused as a workflow guard, a rule marker earned by evaluating the rule, a stored GPA
coefficient never recomputed."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest

from bilim import rules_cli
from bilim.regulations.core import Ctx, Facts, Outcome, RuleError, coverage, rule
from bilim.regulations.core.registry import Registry, RuleSpec, evaluate, load_all, registry
from bilim.regulations.postgrad import gpa
from bilim.regulations.workflows.core import Transition, Workflow, WorkflowError

ON = dt.date(2026, 1, 10)
REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def scratch_rules() -> Iterator[list[RuleSpec]]:
    """Rules registered by a test are removed from the global registry afterwards."""
    before_specs = list(registry._specs)
    before_ids = {k: list(v) for k, v in registry._by_id.items()}
    added: list[RuleSpec] = []
    yield added
    registry._specs[:] = before_specs
    registry._by_id.clear()
    registry._by_id.update(before_ids)


def test_coverage_is_complete_and_has_no_duplicate_implementation() -> None:
    summary = coverage.build_report().summary()
    assert summary["machine_checkable"] == 430
    assert summary["implemented"] == 430 and summary["tested"] == 430
    assert summary["missing"] == [] and summary["duplicate_implementations"] == {}
    assert summary["unknown_ids"] == []


def test_coverage_fails_when_a_rule_loses_its_primary_implementation(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    load_all()
    specs = registry._by_id["OSU-1.3.5-2"]
    monkeypatch.setitem(registry._by_id, "OSU-1.3.5-2", [])
    report = coverage.build_report()
    assert "OSU-1.3.5-2" in report.summary()["not_implemented"]
    assert not report.ok()
    assert rules_cli.main(["coverage", "--json"]) == 1
    assert json.loads(capsys.readouterr().out)["implemented"] == 429
    assert rules_cli.main(["coverage"]) == 1
    assert "OSU-1.3.5-2\tyes\tmissing\tMISSING" in capsys.readouterr().out
    # a helper alone does not implement a rule
    helper = RuleSpec(ids=("OSU-1.3.5-2",), fn=specs[0].fn, facts_type=None, doc="", module="m", name="h", kind="helper")
    monkeypatch.setitem(registry._by_id, "OSU-1.3.5-2", [helper])
    assert "OSU-1.3.5-2" in coverage.build_report().summary()["not_implemented"]


def test_two_primary_implementations_in_force_together_are_listed() -> None:
    r = Registry()
    base = {"facts_type": None, "doc": "", "module": "m", "fn": lambda *a: None}
    r.add(RuleSpec(ids=("X-1",), name="a", **base))
    r.add(RuleSpec(ids=("X-1",), name="b", **base))
    r.add(RuleSpec(ids=("X-1",), name="c", kind="batch", **base))
    assert r.duplicate_implementations() == {"X-1": ["m.a", "m.b"]}
    r2 = Registry()  # dated windows that do not overlap are versions, not duplicates
    r2.add(RuleSpec(ids=("X-1",), name="old", until=dt.date(2024, 7, 1), **base))
    r2.add(RuleSpec(ids=("X-1",), name="new", since=dt.date(2024, 7, 1), **base))
    assert r2.duplicate_implementations() == {}
    assert r2.primary("X-1", dt.date(2024, 6, 30)).name == "old"
    assert r2.primary("X-1", dt.date(2024, 7, 1)).name == "new"


def test_explain_reaches_every_registered_function(capsys: pytest.CaptureFixture[str]) -> None:
    reg = load_all()
    for spec in reg.specs():
        assert rules_cli._find_spec(spec.qualname) == [spec], spec.qualname
    # the functions that shared an ID before: each reachable, each with its kind
    assert rules_cli.main(["explain", "--list", "OSU-4.8-STAFF-5"]) == 0
    out = capsys.readouterr().out
    assert "expense_report_status\tprimary" in out and "expense_report_due\thelper" in out


class Case(Facts):
    day: dt.date
    amount: int


def test_dated_logic_old_case_keeps_its_old_logic(scratch_rules: list[RuleSpec]) -> None:
    @rule("TEST-DATED-1", since="2020-01-01", until="2024-07-01", judged_on="decision_date", date_field="day")
    def old(f: Case, ctx: Ctx) -> Outcome:
        return ctx.result(f.amount * 2, "osu.term.short")

    @rule("TEST-DATED-1", since="2024-07-01", judged_on="decision_date", date_field="day")
    def new(f: Case, ctx: Ctx) -> Outcome:
        return ctx.result(f.amount * 3, "osu.term.short")

    assert registry.duplicate_implementations().get("TEST-DATED-1") is None
    # judged on the case's decision date, whatever the evaluation date
    assert evaluate("TEST-DATED-1", {"day": "2024-06-30", "amount": 10}, dt.date(2026, 1, 1)).value == 20
    assert evaluate("TEST-DATED-1", {"day": "2024-07-01", "amount": 10}, dt.date(2026, 1, 1)).value == 30
    # calling either version directly dispatches to the one in force on the judged date
    assert new({"day": "2023-01-01", "amount": 1}, ON).value == 2
    assert old({"day": "2025-01-01", "amount": 1}, ON).value == 3
    with pytest.raises(RuleError, match="in force"):
        old({"day": "2019-12-31", "amount": 1}, ON)


def test_as_of_is_required_never_today() -> None:
    with pytest.raises(RuleError, match="as_of"):
        evaluate("OSU-1.3.5-2", {"start_date": "2026-03-01", "end_date": "2026-03-31"}, None)  # type: ignore[arg-type]
    spec = registry.primary("OSU-1.3.5-2")
    with pytest.raises(TypeError):
        spec.fn({"start_date": "2026-03-01", "end_date": "2026-03-31"})  # no date at all
    assert rules_cli.main(["explain", "OSU-1.3.5-2", "--facts", "/dev/null"]) == 2


def test_a_value_rule_is_refused_as_a_guard() -> None:
    load_all()
    assert registry.primary("KTMU-32(9)-2").returns == "value"  # the cumulative GPA
    assert registry.primary("KTMU-32(5)-1").returns == "verdict"  # a course passed or not
    states = ("A", "B")
    bad = Workflow("T", "t", "§", states, "A", ("B",), (Transition("A", "go", "B", guards=("KTMU-32(9)-2",)),))
    with pytest.raises(WorkflowError, match="returns a value"):
        bad.validate(known_rule_ids=coverage.index())
    good = Workflow("T", "t", "§", states, "A", ("B",), (Transition("A", "go", "B", guards=("KTMU-32(5)-1",), refs=("KTMU-32(9)-2",)),))
    good.validate(known_rule_ids=coverage.index())


@pytest.mark.rule("OSU-1.3.5-2")
def test_explain_json_honours_the_language_and_hides_private_fields(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    facts = tmp_path / "f.json"
    facts.write_text(json.dumps({"start_date": "2026-03-01", "end_date": "2026-03-31"}))
    assert rules_cli.main(["explain", "OSU-1.3.5-2", "--facts", str(facts), "--on", "2026-01-10", "--lang", "ky", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["lang"] == "ky" and data["value"] == "SHORT"
    assert data["message"] == "01.03.2026 – 31.03.2026 мөөнөтү 1 айдан ашпайт: кыска мөөнөттүү мобилдүүлүк."
    assert data["explanation"]["message"] == data["message"]
    assert rules_cli._public({"a": 1, "_applicants": [1], "b": [{"_x": 1, "y": 2}]}) == {"a": 1, "b": [{"y": 2}]}


def test_a_marker_whose_rule_is_not_evaluated_fails_the_test(tmp_path: Path) -> None:
    (tmp_path / "test_sample.py").write_text(
        "import datetime as dt\nimport pytest\n"
        "from bilim.regulations.core.registry import evaluate\n"
        "@pytest.mark.rule('OSU-1.3.5-2')\n"
        "def test_earned():\n"
        "    assert evaluate('OSU-1.3.5-2', {'start_date': '2026-03-01', 'end_date': '2026-03-31'}, dt.date(2026, 1, 1)).value == 'SHORT'\n"
        "@pytest.mark.rule('OSU-1.3.5-2')\n"
        "def test_unearned():\n"
        "    assert 1 + 1 == 2\n"
        "@pytest.mark.rule_param('osu.short_term_max_months')\n"
        "def test_param_only():\n"
        "    assert True\n"
    )
    env = {**os.environ, "PYTHONPATH": str(REPO), "BILIM_RULE_TRACE": str(tmp_path / "trace")}
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "tests.rule_plugin", "-p", "no:cacheprovider", "-q", "-n", "0", str(tmp_path)],
        capture_output=True, text=True, cwd=tmp_path, env=env, timeout=300,
    )
    assert "1 failed, 2 passed" in proc.stdout, proc.stdout + proc.stderr
    assert "marked rule(OSU-1.3.5-2) but the test never evaluated that rule" in proc.stdout
    trace = coverage.read_trace(tmp_path / "trace")
    assert any(t.endswith("::test_earned") for t in trace["OSU-1.3.5-2"])


@pytest.mark.rule("KTMU-32(9)-2")
def test_gpa_uses_the_coefficient_stored_with_each_grade() -> None:
    course = {"course_code": "C1", "academic_year": 2023, "term": "AUTUMN", "ects": "6", "grade": "BA"}
    fresh = gpa.cumulative_gpa({"courses": [course]}, ON).value
    assert fresh.shown == Decimal("3.50")  # BA under the table in force
    stored = gpa.cumulative_gpa({"courses": [{**course, "coefficient": "3.40"}]}, ON).value
    assert stored.shown == Decimal("3.40")  # the coefficient the grade was given is kept, whatever the table says now
    two = [{**course, "coefficient": "3.40"}, {**course, "course_code": "C2", "grade": "AA", "ects": "4"}]
    assert gpa.cumulative_gpa({"courses": two}, ON).value.exact == (Decimal("3.40") * 6 + Decimal("4.00") * 4) / 10
    batch = gpa.cohort_gpa([{"student_id": "s", "courses": two}], ON)[0]
    assert batch.gpa.exact == (Decimal("3.40") * 6 + Decimal("4.00") * 4) / 10


@pytest.mark.rule("KTMU-10(5)-1")
def test_one_number_formatting_per_kind_gpa_two_decimals() -> None:
    from bilim.regulations.core.messages import render
    from bilim.regulations.postgrad.admission_eligibility import gpa_minimum

    low = gpa_minimum({"level": "PHD", "diploma": {"grade": "2.4", "scale": "4"}}, ON)
    assert low.message("en") == "The GPA 2.40 is below the required 2.50: the application cannot be accepted."
    assert "2,40" in low.message("ky") and "2,50" in low.message("ky")
    # a stored explanation (values as text) renders the same way
    assert render("ktmu.adm.gpa.low", {"gpa": "2.4", "minimum": "2.5"}, "en") == low.message("en")
    assert render("ktmu.grading.cgpa", {"gpa": Decimal("3.5"), "ects": 30}, "en").startswith("Cumulative GPA: 3.50 (over 30 ECTS")


def test_kyrgyz_explanations_carry_words_not_codes() -> None:
    from bilim.regulations.core.messages import render, skipped_label

    ky = render("ktmu.status.ground_i_doctoral", {"level": "PHD"}, "ky")
    assert "докторантура" in ky and "PHD" not in ky
    assert skipped_label(dt.date(2026, 1, 1), "public holiday: New Year's Day", "ky") == "майрам күнү: Жаңы жыл"
    assert skipped_label(dt.date(2026, 1, 3), "weekend", "ky") == "дем алыш күн"
    assert render("term.NOT_ADOPTED", {}, "ky") == "кабыл алынган жок"
