"""``bilim rules …``: coverage report and explanation of one rule. Needs no database.

``bilim rules coverage`` exits 1 when a machine-checkable rule of the catalogue index is missing or untested,
a system-support rule has no support, an ID has two primary implementations in force on the same date, an
unknown ID is cited, or (``--trace DIR``, the test plugin's trace) a rule was never evaluated by its tests.
``bilim rules explain`` reaches every registered function: a rule ID (its primary implementation in force on
the date) or a function's qualified name (a batch variant or a helper too, ``--list`` shows them).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any

from pydantic import ValidationError


def _coverage(args: argparse.Namespace) -> int:
    from bilim.regulations.core import coverage

    report = coverage.build_report(trace_dir=Path(args.trace) if args.trace else None)
    summary = report.summary()
    ok = report.ok()
    if args.json:
        print(json.dumps(summary, ensure_ascii=False))
        return 0 if ok else 1
    for row in report.rows:
        also = f"; also {', '.join(row['also_by'])}" if row.get("also_by") else ""
        if row["status"] == "implemented":
            detail = f"implemented by {', '.join(row['implemented_by'])}{also}; tests: {', '.join(row['tests'])}"
        elif row["status"] == "supported":
            detail = f"supported by {row['feature']}; tests: {', '.join(row['tests'])}"
        elif row["status"] == "untested":
            detail = f"implemented by {', '.join(row['implemented_by'])}{also}; NO TEST"
        elif row["machine_checkable"]:
            detail = "MISSING: no primary implementation" + (f" (only {', '.join(row['also_by'])})" if row.get("also_by") else "")
        else:
            detail = "no system support recorded"
        print(f"{row['id']}\t{'yes' if row['machine_checkable'] else 'no'}\t{row['status']}\t{detail}")
    for rid, where in report.unknown_cited.items():
        print(f"UNKNOWN ID {rid} cited in {', '.join(where)}")
    for rid, where in summary["duplicate_implementations"].items():
        print(f"DUPLICATE primary implementations of {rid}: {', '.join(where)}")
    for rid in summary["not_evaluated"]:
        print(f"NOT EVALUATED {rid}: no marked test evaluated it in the traced run")
    kinds = summary["functions_by_kind"]
    print(
        f"{summary['implemented']}/{summary['machine_checkable']} machine-checkable implemented, "
        f"{summary['tested']} tested; {summary['supported']}/{summary['total'] - summary['machine_checkable']} "
        f"system-support rules supported; {len(summary['missing'])} missing; "
        f"{summary['functions']} functions ({kinds['primary']} primary, {kinds['batch']} batch, {kinds['helper']} helper), "
        f"{len(summary['duplicate_implementations'])} duplicate implementations"
    )
    return 0 if ok else 1


def _public(value: Any) -> Any:
    """A JSON value without private fields (keys starting with ``_``), at any depth."""
    if isinstance(value, dict):
        return {k: _public(v) for k, v in value.items() if not str(k).startswith("_")}
    if isinstance(value, list):
        return [_public(v) for v in value]
    return value


def _explanation_json(explanation: Any, lang: str) -> dict[str, Any]:
    """An explanation tree as JSON with its message rendered in ``lang`` at every level."""
    data = explanation.to_dict()

    def walk(node: Any, d: dict[str, Any]) -> dict[str, Any]:
        d["message"] = node.message(lang)
        d["children"] = [walk(c, cd) for c, cd in zip(node.children, d["children"], strict=True)]
        return d

    return _public(walk(explanation, data))


def _find_spec(target: str) -> Any:
    from bilim.regulations.core.registry import load_all

    reg = load_all()
    if target in reg:
        impls = reg.implementations(target)
        return impls or reg.for_id(target)
    try:
        return [reg.by_name(target)]
    except KeyError:
        return []


def _explain(args: argparse.Namespace) -> int:
    from bilim.regulations.core.outcome import Outcome, to_jsonable
    from bilim.regulations.core.params import ParameterError
    from bilim.regulations.core.registry import JUDGED_ON, RuleError, load_all

    if args.list:
        reg = load_all()
        specs = reg.for_id(args.rule_id) if args.rule_id in reg else []
        for s in specs or [s for s in reg.specs() if args.rule_id in s.qualname]:
            window = f" [{s.since or '…'}–{s.until or '…'})" if (s.since or s.until) else ""
            print(f"{s.qualname}\t{s.kind}{window}\t{', '.join(s.ids)}\tjudged on {s.judged_on}")
        return 0
    specs = _find_spec(args.rule_id)
    if not specs:
        print(f"error: no implemented rule {args.rule_id}", file=sys.stderr)
        return 2
    if args.on is None:
        print("error: --on DATE is required: a rule is judged on a stated date, never silently today", file=sys.stderr)
        return 2
    try:
        on = dt.date.fromisoformat(args.on)
    except ValueError:
        print(f"error: --on {args.on!r} is not a date (YYYY-MM-DD)", file=sys.stderr)
        return 2
    try:
        with open(args.facts, encoding="utf-8") as fh:
            facts = json.load(fh)
    except (OSError, json.JSONDecodeError) as exc:
        print(f"error: cannot read facts: {exc}", file=sys.stderr)
        return 2
    spec = specs[0]
    if len(specs) > 1 and args.rule_id in load_all():  # dated versions: the one in force on the judged date
        spec = load_all().primary(args.rule_id, specs[0].judged_date(facts, on))
    try:
        if spec.facts_type is None and spec.kind != "primary":  # a batch or helper of plain arguments (by name)
            import inspect

            kwargs = dict(facts) if isinstance(facts, dict) else {}
            for name in ("as_of", "on"):
                if name in inspect.signature(spec.fn).parameters and name not in kwargs:
                    kwargs[name] = on
            outcome = spec.fn(**kwargs)
        else:
            outcome = spec.fn(facts, on)
    except ValidationError as exc:
        print(f"error: invalid facts for {args.rule_id}:\n{exc}", file=sys.stderr)
        return 2
    except (ParameterError, RuleError, ValueError, TypeError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    judged = JUDGED_ON.get(spec.judged_on, JUDGED_ON["as_of"])
    judged_label = judged.get(args.lang, judged["en"])
    if not isinstance(outcome, Outcome):
        value = _public(to_jsonable(outcome))
        if args.json:
            print(json.dumps({"function": spec.qualname, "kind": spec.kind, "value": value}, ensure_ascii=False, indent=2))
        else:
            print(f"{spec.qualname} ({spec.kind}) → {json.dumps(value, ensure_ascii=False)}")
        return 0
    if args.json:
        data = {
            "function": spec.qualname,
            "kind": spec.kind,
            "judged_on": spec.judged_on,
            "lang": args.lang,
            "value": _public(to_jsonable(outcome.value)),
            "message": outcome.message(args.lang),
            "explanation": _explanation_json(outcome.explanation, args.lang),
        }
        print(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        print(f"{spec.qualname} ({spec.kind}); {judged_label}: {spec.judged_date(facts, on).isoformat()}")
        print(outcome.explanation.render_text(args.lang))
    return 0


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="bilim rules")
    sub = parser.add_subparsers(dest="cmd", required=True)
    cov = sub.add_parser("coverage", help="every catalogue rule with its status; exit 1 when anything is missing")
    cov.add_argument("--json", action="store_true")
    cov.add_argument("--trace", help="directory of the test plugin's trace (tests/rule_plugin.py): rules evaluated by tests")
    exp = sub.add_parser("explain", help="evaluate one rule (an ID or a function's name) on facts and print its explanation")
    exp.add_argument("rule_id", help="a catalogue ID, or a registered function's (qualified) name")
    exp.add_argument("--facts", help="JSON file with the rule's input facts")
    exp.add_argument("--on", help="the evaluation date (YYYY-MM-DD); required")
    exp.add_argument("--lang", default="ky", choices=["ky", "ru", "en", "tr"])
    exp.add_argument("--json", action="store_true")
    exp.add_argument("--list", action="store_true", help="list the functions registered for the ID (or matching the name)")
    args = parser.parse_args(argv)
    if args.cmd == "explain" and not args.list and not args.facts:
        parser.error("explain: --facts is required")
    return _coverage(args) if args.cmd == "coverage" else _explain(args)
