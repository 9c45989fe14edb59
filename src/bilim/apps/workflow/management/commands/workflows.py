"""``bilim workflows coverage [--json] [--strict]``: which transition tables the app executes and tests."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from bilim.apps.workflow.coverage import report


class Command(BaseCommand):
    help = "Transition tables of both regulations: wired to an app model, driven by a marked test, steps unreached."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="sub", required=True)
        cov = sub.add_parser("coverage", help="every table: wired, tested, steps no marked test reaches")
        cov.add_argument("--json", action="store_true", help="machine-readable output")
        cov.add_argument("--strict", action="store_true", help="exit non-zero unless every table is wired and tested")
        cov.add_argument("--trace", type=Path, default=None, help="trace directory (default: $BILIM_HOME/workflow-trace)")

    def handle(self, *args: Any, **opts: Any) -> None:
        data = report(opts.get("trace"))
        if opts["json"]:
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
        else:
            for r in data["workflows"]:
                mark = lambda b: "yes" if b else "NO "  # noqa: E731
                self.stdout.write(
                    f"{r['id']:<34} {r['regulation']:<6} wired {mark(r['wired'])}  tested {mark(r['tested'])}  "
                    f"steps {r['steps_reached']}/{r['steps']}  {', '.join(r['subjects'])}"
                )
            self.stdout.write(f"tables: {data['total']}  wired: {data['wired']}  tested: {data['tested']}")
        if opts["strict"] and (data["wired"] < data["total"] or data["tested"] < data["total"]):
            missing = [r["id"] for r in data["workflows"] if not (r["wired"] and r["tested"])]
            raise CommandError(f"tables not wired or not tested: {', '.join(missing)}")
