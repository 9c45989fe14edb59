"""``bilim rules …``: coverage report and explanation of one rule. Needs no database."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys

from pydantic import ValidationError


def _coverage(args: argparse.Namespace) -> int:
    from bilim.regulations.core import coverage

    report = coverage.build_report()
    summary = report.summary()
    if args.json:
        print(json.dumps(summary, ensure_ascii=False))
        return 0
    for row in report.rows:
        if row["status"] == "implemented":
            detail = f"implemented by {', '.join(row['implemented_by'])}; tests: {', '.join(row['tests'])}"
        elif row["status"] == "supported":
            detail = f"supported by {row['feature']}; tests: {', '.join(row['tests'])}"
        elif row["status"] == "untested":
            detail = f"implemented by {', '.join(row['implemented_by'])}; NO TEST"
        else:
            detail = "missing" if row["machine_checkable"] else "no system support recorded"
        print(f"{row['id']}\t{'yes' if row['machine_checkable'] else 'no'}\t{row['status']}\t{detail}")
    for rid, where in report.unknown_cited.items():
        print(f"UNKNOWN ID {rid} cited in {', '.join(where)}")
    print(
        f"{summary['implemented']}/{summary['machine_checkable']} machine-checkable implemented, "
        f"{summary['tested']} tested; {summary['supported']}/{summary['total'] - summary['machine_checkable']} "
        f"system-support rules supported; {len(summary['missing'])} missing"
    )
    return 0


def _explain(args: argparse.Namespace) -> int:
    from bilim.regulations.core.params import ParameterError
    from bilim.regulations.core.registry import RuleError, get_rule

    try:
        spec = get_rule(args.rule_id)
    except KeyError:
        print(f"error: no implemented rule {args.rule_id}", file=sys.stderr)
        return 2
    try:
        with open(args.facts, encoding="utf-8") as fh:
            facts = json.load(fh)
    except (OSError, json.JSONDecodeError) as exc:
        print(f"error: cannot read facts: {exc}", file=sys.stderr)
        return 2
    on = dt.date.fromisoformat(args.on) if args.on else dt.date.today()
    try:
        outcome = spec.fn(facts, on)
    except ValidationError as exc:
        print(f"error: invalid facts for {args.rule_id}:\n{exc}", file=sys.stderr)
        return 2
    except (ParameterError, RuleError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(outcome.to_dict(), ensure_ascii=False, indent=2))
    else:
        print(outcome.explanation.render_text(args.lang))
    return 0


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="bilim rules")
    sub = parser.add_subparsers(dest="cmd", required=True)
    cov = sub.add_parser("coverage", help="every catalogue rule with its status")
    cov.add_argument("--json", action="store_true")
    exp = sub.add_parser("explain", help="evaluate one rule on facts and print its explanation")
    exp.add_argument("rule_id")
    exp.add_argument("--facts", required=True, help="JSON file with the rule's input facts")
    exp.add_argument("--on", help="evaluation date (YYYY-MM-DD), default today")
    exp.add_argument("--lang", default="ky", choices=["ky", "ru", "en", "tr"])
    exp.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    return _coverage(args) if args.cmd == "coverage" else _explain(args)
