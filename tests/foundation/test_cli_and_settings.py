"""The `bilim` command: rules coverage/explain, check --deploy with production settings."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

BILIM = [sys.executable, "-m", "bilim.cli"]


def run(args: list[str], env: dict[str, str] | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    full_env = {**os.environ, **(env or {})}
    # set by the browser fixtures for Playwright's event loop; never part of a deployment
    full_env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    return subprocess.run([*BILIM, *args], capture_output=True, text=True, env=full_env, cwd=cwd, timeout=300)


def test_rules_coverage_json_has_the_contract_fields() -> None:
    result = run(["rules", "coverage", "--json"])
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert {"total", "machine_checkable", "implemented", "tested", "supported", "missing", "duplicate_implementations"} <= set(data)
    assert data["total"] == 523 and data["machine_checkable"] == 430
    # every machine-checkable rule implemented once and tested; nothing missing, nothing duplicated
    assert data["implemented"] == 430 and data["tested"] == 430 and data["supported"] == 93
    assert data["missing"] == [] and data["duplicate_implementations"] == {}


def test_rules_coverage_lists_every_id_and_ends_with_a_summary() -> None:
    result = run(["rules", "coverage"])
    lines = result.stdout.strip().splitlines()
    assert sum(1 for line in lines if line.startswith(("OSU-", "KTMU-"))) == 523
    assert "machine-checkable implemented" in lines[-1]


@pytest.mark.rule("OSU-1.3.5-2")
def test_rules_explain_prints_the_explanation_in_the_language_asked(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from bilim import rules_cli  # in this process, so that the rule plugin sees the rule evaluated

    facts = tmp_path / "facts.json"
    facts.write_text(json.dumps({"start_date": "2026-03-01", "end_date": "2026-03-31"}))
    assert rules_cli.main(["explain", "OSU-1.3.5-2", "--facts", str(facts), "--on", "2026-01-10", "--lang", "ru"]) == 0
    out = capsys.readouterr().out
    assert "→ SHORT" in out and "краткосрочная" in out
    assert "параметр osu.short_term_max_months = 1 (действует с 2019-09-01" in out  # every word in the reader's language


def test_rules_explain_rejects_bad_facts_clearly(tmp_path: Path) -> None:
    facts = tmp_path / "facts.json"
    facts.write_text(json.dumps({"start_date": "not a date"}))
    result = run(["rules", "explain", "OSU-1.3.5-2", "--facts", str(facts), "--on", "2026-01-10"])
    assert result.returncode == 2
    assert "invalid facts" in result.stderr and "Traceback" not in result.stderr


def test_rules_explain_unknown_rule() -> None:
    result = run(["rules", "explain", "OSU-99-99", "--facts", "/dev/null"])
    assert result.returncode == 2 and "no implemented rule" in result.stderr


def test_check_deploy_is_clean_with_production_settings(tmp_path: Path) -> None:
    env = {
        "BILIM_DEV": "",
        "BILIM_TESTING": "",
        "DEBUG": "0",
        "SECRET_KEY": "k3y-" + "q9Z!x7#" * 10,
        "ALLOWED_HOSTS": "bilim.example.edu",
        "BILIM_HOME": str(tmp_path),
    }
    result = run(["check", "--deploy", "--fail-level", "WARNING"], env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key(tmp_path: Path) -> None:
    env = {"BILIM_DEV": "", "DEBUG": "0", "SECRET_KEY": "", "BILIM_HOME": str(tmp_path)}
    result = run(["check"], env=env)
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr
