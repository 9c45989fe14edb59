"""Amendment impact at cohort size: the plain batch evaluation against the same population evaluated under a
proposed parameter value (``bilim.regulations.impact``), pure rules layer, no database.

    .venv/bin/python bench/impact_bench.py                # 50,000 students, 3 runs
    .venv/bin/python bench/impact_bench.py --n 5000 --runs 1

The population is ``rules_bench.make_standings`` (same seed, same shape as the semester check passes) with a
100-point score added to every graded course (a score inside the band of its letter). For each proposal it prints
the plain batch (``academic_standing_and_dismissal`` on the dicts, as the semester check calls it), the impact
evaluation (both sides + comparison, explanations not built) and the ratio; then the cost of building both
explanations of one changed case. A measurement script: it never asserts on time.
"""

from __future__ import annotations

import argparse
import copy
import datetime as dt
import gc
import os
import random
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

from rules_bench import AS_OF, SEED, make_standings  # noqa: E402

from bilim.regulations import impact as im  # noqa: E402
from bilim.regulations.core import params  # noqa: E402
from bilim.regulations.postgrad.dismissal import academic_standing_and_dismissal  # noqa: E402


def with_scores(students: list[dict[str, Any]], rnd: random.Random) -> list[dict[str, Any]]:
    bands = {b["letter"]: (Decimal(b["lower"]), Decimal(b["upper"])) for b in params.get("ktmu.grading_table", AS_OF).value["bands"]}
    for s in students:
        for c in s["courses"]:
            if c["grade"] in bands:
                lo, hi = bands[c["grade"]]
                c["score"] = str((lo + (hi - lo) * Decimal(rnd.randint(0, 100)) / 100).quantize(Decimal("0.01")))
    return students


def plain(students: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{**s, "courses": [{k: v for k, v in c.items() if k != "score"} for c in s["courses"]]} for s in students]


def timed(fn: Any, runs: int) -> tuple[float, float, float, Any]:
    """Best and median wall seconds, best CPU seconds (``process_time``: robust when other processes load the cores)."""
    walls, cpus = [], []
    out = None
    for _ in range(runs):
        out = None
        gc.collect()
        t0, c0 = time.perf_counter(), time.process_time()
        out = fn()
        walls.append(time.perf_counter() - t0)
        cpus.append(time.process_time() - c0)
    return min(walls), statistics.median(walls), min(cpus), out


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=50_000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--explain-sample", type=int, default=200)
    args = ap.parse_args()
    print(f"load average at start: {' / '.join(f'{x:.2f}' for x in os.getloadavg())}; n={args.n:,}, runs={args.runs}")
    students = with_scores(make_standings(args.n, random.Random(SEED)), random.Random(SEED + 1))
    dicts = plain(students)
    academic_standing_and_dismissal(dicts[:50], AS_OF)  # warm-up
    table = copy.deepcopy(params.get("ktmu.grading_table", AS_OF).value)
    table["bands"][1]["lower"], table["bands"][2]["upper"] = "83.00", "82.90"
    proposals = [
        ("Table 1: BA from 83.00", im.Proposal("ktmu.grading_table", table, dt.date(2026, 9, 1))),
        ("graduation GPA MA 2.60", im.Proposal("ktmu.grading.graduation_gpa", {"MA": "2.60", "PHD": "3.00", "AI": "3.00"}, dt.date(2026, 9, 1))),
    ]
    best_p, med_p, cpu_p, _ = timed(lambda: academic_standing_and_dismissal(dicts, AS_OF), args.runs)
    print(f"{'evaluation':<48} {'best s':>8} {'median s':>9} {'CPU s':>8} {'ratio (CPU)':>11} {'changed':>8}")
    print(f"{'plain batch academic_standing_and_dismissal':<48} {best_p:8.3f} {med_p:9.3f} {cpu_p:8.3f} {1:11.2f} {'':>8}")
    for label, proposal in proposals:
        best, med, cpu, result = timed(lambda p=proposal: im.students_impact(students, AS_OF, p), args.runs)
        print(f"{'impact: ' + label:<48} {best:8.3f} {med:9.3f} {cpu:8.3f} {cpu / cpu_p:11.2f} {len(result.changes):8,}")
        sample = result.changes[: args.explain_sample]
        t0 = time.perf_counter()
        for c in sample:
            c.explain()
        if sample:
            print(f"{'  both explanations of one changed case':<48} {(time.perf_counter() - t0) / len(sample) * 1e6:8.0f} µs")
    print(f"load average at end: {' / '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
