"""Time the cohort-sized batch functions of the rules layer on synthetic data and print figures.

    .venv/bin/python bench/rules_bench.py                 # 50,000 items, 3 runs each
    .venv/bin/python bench/rules_bench.py --n 5000        # smaller cohort
    .venv/bin/python bench/rules_bench.py --only gpa,ranking

A measurement script, not a test: it never asserts on time. Every input is synthetic and deterministic
(``random.Random(2026)`` per benchmark) and shaped like the facts the apps pass: plain dicts of the
models' shape (``Transcript``, ``StudentStanding``, ``RankingApplicant``, ``ScreeningStudent``,
``FailedCreditsFacts``, ``Registration``, ``RankingFacts``). Each batch is timed with
``time.perf_counter`` over ``--runs`` runs (default 3) after one untimed warm-up on a few items (YAML
parameters, imports, caches); the best and median wall time and items/second are printed. Where the
batch builds explanations lazily, the per-item cost of building one explanation is timed on
``--explain-sample`` items per run (a different slice of items each run, so caches on the item do not
help); an item whose explanation raises is reported and counted, not fatal. CPU time
(``time.process_time``) is printed beside wall time because the machine's load average (printed at start
and end) shows when other processes share the cores.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import os
import platform
import random
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT / "src") not in sys.path:
    sys.path.insert(0, str(ROOT / "src"))

AS_OF = dt.date(2026, 11, 21)  # inside the KTMU grading table (in force from 2024-09-01) and the OSU parameters
ADMISSION_ON = dt.date(2026, 8, 10)  # the admission ranking is run in August, before the academic year
SEED = 2026

LETTERS = ["AA", "BA", "BB", "CB", "CC", "DC", "DD", "FD", "FF"]
LETTER_WEIGHTS = [18, 18, 20, 15, 12, 6, 5, 3, 3]
ECTS = ["3", "4", "5", "6", "7.5", "8"]


# --- synthetic inputs ---------------------------------------------------------------------------


def _sem(year: int, term: str, **kw: Any) -> dict[str, Any]:
    return {"academic_year": year, "term": term, **kw}


def _semesters(first_year: int, count: int) -> list[tuple[int, str]]:
    out = []
    for i in range(count):
        out.append((first_year + i // 2, "AUTUMN" if i % 2 == 0 else "SPRING"))
    return out


def _courses(rnd: random.Random, first_year: int, n_sems: int) -> list[dict[str, Any]]:
    """≈17 course attempts: ~15 distinct courses over the semesters studied, ~2 retakes later on,
    a few non-credit / SPP items; never two attempts of one course in one semester."""
    sems = _semesters(first_year, n_sems)
    out: list[dict[str, Any]] = []
    n_distinct = rnd.randint(13, 17)
    taken: dict[str, int] = {}
    for k in range(n_distinct):
        code = f"C{rnd.randint(100, 999)}-{k}"
        si = rnd.randrange(len(sems))
        year, term = sems[si]
        r = rnd.random()
        if r < 0.04:
            kind, grade = "NON_CREDIT", rnd.choice(["G", "K"])
        elif r < 0.08:
            kind, grade = "SPP", rnd.choices(LETTERS, LETTER_WEIGHTS)[0]
        elif r < 0.10:
            kind, grade = "REGULAR", rnd.choice(["F1", "F2", "GM"])
        else:
            kind, grade = "REGULAR", rnd.choices(LETTERS, LETTER_WEIGHTS)[0]
        out.append({"course_code": code, "academic_year": year, "term": term, "ects": rnd.choice(ECTS), "grade": grade, "kind": kind})
        taken[code] = si
    # retakes (repeats of a course in a later semester; the last attempt counts)
    for _ in range(rnd.choice([0, 1, 2, 2, 3, 4])):
        code = rnd.choice(list(taken))
        si = taken[code]
        if si + 1 >= len(sems):
            continue
        nsi = rnd.randrange(si + 1, len(sems))
        year, term = sems[nsi]
        prev = next(c for c in out if c["course_code"] == code)
        if prev["kind"] != "REGULAR":
            continue
        out.append({**prev, "academic_year": year, "term": term, "grade": rnd.choices(LETTERS, LETTER_WEIGHTS)[0]})
        taken[code] = nsi
    rnd.shuffle(out)
    return out


def make_transcripts(n: int, rnd: random.Random) -> list[dict[str, Any]]:
    out = []
    for i in range(n):
        n_sems = rnd.randint(2, 6)
        first = 2025 - (n_sems - 1) // 2
        out.append({"student_id": f"T{i:06d}", "level": rnd.choices(["MA", "PHD", "AI"], [70, 25, 5])[0], "courses": _courses(rnd, first, n_sems)})
    return out


def make_standings(n: int, rnd: random.Random) -> list[dict[str, Any]]:
    """StudentStanding dicts: courses for the CGPA plus the grounds' facts that fit the level."""
    d = dt.date
    out = []
    for i in range(n):
        level = rnd.choices(["MA", "PHD", "AI"], [70, 25, 5])[0]
        n_sems = rnd.randint(2, 6)
        first = 2025 - (n_sems - 1) // 2
        sems = _semesters(first, n_sems)
        bad = rnd.random() < 0.1  # about one student in ten has something wrong
        s: dict[str, Any] = {
            "student_id": f"D{i:06d}",
            "level": level,
            "courses": _courses(rnd, first, n_sems),
            "coursework_semesters_used": min(n_sems, 4),
            "all_required_courses_passed": n_sems >= 4 and rnd.random() < 0.93,
            "registrations": {"semesters": [_sem(y, t, renewed=not (bad and rnd.random() < 0.5), justified=False) for y, t in sems]},
            "discipline": {"penalty": rnd.choices(["NONE", "WARNING", "REPRIMAND", "DISMISSAL"], [95, 3, 1.7, 0.3])[0]},
        }
        if rnd.random() < 0.02:
            s["withdrawal"] = {"requested_on": d(2026, rnd.randint(1, 10), rnd.randint(1, 28))}
        if rnd.random() < 0.3:
            s["originals"] = {"documents": [{"name": "diploma", "due_on": d(2026, 10, 1), "received_on": None if bad else d(2026, 9, rnd.randint(1, 30))}]}
        if rnd.random() < 0.4:
            langs = rnd.choice([1, 2])
            s["languages"] = {"compulsory_languages": langs, "exempted_languages": langs if not bad else langs - 1, "language_semesters_used": rnd.randint(0, 2 * langs)}
        if rnd.random() < 0.2:
            s["spp"] = {"spp_semesters_used": rnd.randint(0, 2), "spp_completed": not bad}
        if level == "MA":
            s["practice_reports"] = [_sem(y, t, report_submitted=not (bad and rnd.random() < 0.6)) for y, t in sems[1:]]
            s["interim_reports"] = [_sem(y, t, submitted=not (bad and rnd.random() < 0.6)) for y, t in sems[2:]]
        else:
            s["qualifying_exams"] = [_sem(y, t, passed=not bad) for y, t in sems[2:4]]
            s["progress_reports"] = [_sem(y, t, status=rnd.choices(["APPROVED", "NOT_APPROVED", "NOT_SUBMITTED"], [90, 6, 4])[0]) for y, t in sems[3:]]
            s["successful_reports"] = {"level": level, "semesters_left_in_max_period": rnd.randint(0, 6), "successful_reports": rnd.randint(0, 4)}
            s["research_practice_abroad"] = {"level": level, "deadline": rnd.choice([None, d(2027, 6, 30), d(2026, 6, 30)]), "submitted_on": None if bad else d(2026, 5, 1)}
            if n_sems >= 5:
                s["predefence"] = {"level": level, "result": "FAILED" if bad else rnd.choice([None, "PASSED"])}
                s["defences"] = [_sem(y, t, passed=not bad) for y, t in sems[-1:]]
        if n_sems >= 4:
            s["thesis"] = {"level": level, "deadline": d(2027, 6, 30) if not bad else d(2026, 6, 30), "submitted_on": None}
            s["publication_list"] = {"level": level, "deadline": d(2027, 6, 30)}
            if level == "MA" and rnd.random() < 0.3:
                passed = not bad
                s["defence"] = {"level": level, "defence_date": d(2026, rnd.randint(6, 10), 15), "defence_passed": passed}
        if rnd.random() < 0.05:
            s["plagiarism"] = {"finding": rnd.choice(["PENDING", "CLEARED", "PLAGIARISM_AND_ETHICS_VIOLATION"] if bad else ["PENDING", "CLEARED"])}
        out.append(s)
    return out


def _score(rnd: random.Random, lo: int, hi: int) -> Decimal:
    return Decimal(rnd.randint(lo * 100, hi * 100)) / 100


def make_applicants(n: int, rnd: random.Random) -> list[dict[str, Any]]:
    """RankingApplicant dicts for a doctoral programme: most on the specialist exam (some failing,
    absent, or without a language score), a few international candidates on the oral track."""
    out = []
    for i in range(n):
        a: dict[str, Any] = {"applicant_id": f"A{i:06d}", "diploma100": _score(rnd, 50, 100)}
        r = rnd.random()
        if r < 0.05:
            a.update(track="INTERNATIONAL_ORAL", oral=_score(rnd, 40, 100))
        elif r < 0.08:
            a.update(absent=True)
        else:
            a.update(written=_score(rnd, 55, 100), oral=_score(rnd, 60, 100))
            if rnd.random() < 0.03:
                a.update(written=None, written_waived=True, ales_score=_score(rnd, 55, 100))
            if rnd.random() < 0.98:
                a["language100"] = _score(rnd, 50, 100)
        out.append(a)
    return out


def make_screening_students(n: int, rnd: random.Random) -> list[dict[str, Any]]:
    out = []
    for i in range(n):
        level = rnd.choices(["BACHELOR", "MASTER", "COLLEGE"], [80, 12, 8])[0]
        total = {"BACHELOR": 8, "MASTER": 4, "COLLEGE": 6}[level]
        contract = rnd.random() < 0.55
        s: dict[str, Any] = {
            "student_id": f"S{i:06d}",
            "level": level,
            "current_semester": rnd.randint(1, total),
            "total_semesters": total,
            "funding_basis": "CONTRACT" if contract else "BUDGET",
            "tuition_debt": Decimal(rnd.randint(1, 90_000)) if contract and rnd.random() < 0.1 else Decimal(0),
            # AVN stores the unrounded GPA; first-semester students have none yet
            "gpa": None if rnd.random() < 0.05 else Decimal(round(rnd.triangular(1.8, 4.0, 3.3) * 100_000)) / 100_000,
        }
        if rnd.random() < 0.03:
            s.update(previous_last_semester=max(1, s["current_semester"] - 1), previous_closed_in_semester=rnd.choice([None, s["current_semester"]]))
        out.append(s)
    return out


SCREENING_CALL = {"call_id": "ERASMUS-2027", "term": "LONG", "scope": "EXTERNAL", "basis": "PROGRAMME",
                  "selection_kind": "IRD_COMMISSION", "semesters_ahead": 1, "semester_count": 1}


def make_failed_credit_items(n: int, rnd: random.Random) -> list[dict[str, Any]]:
    out = []
    for i in range(n):
        results = []
        for k in range(rnd.randint(3, 8)):
            outcome = rnd.choices(["PASSED", "UNSATISFACTORY", "NOT_GRADED"], [85, 11, 4])[0]
            recognition = rnd.choices(["RECOGNISED", "PENDING", "REFUSED"], [70, 25, 5])[0] if outcome == "PASSED" else "PENDING"
            results.append({"discipline": f"H{k}-{rnd.randint(100, 999)}", "credits": rnd.choice(["3", "4", "5", "6", "7.5"]),
                             "host_outcome": outcome, "recognition": recognition})
        item: dict[str, Any] = {"student_id": f"F{i:06d}", "host_results": results}
        if rnd.random() < 0.1:
            item["unpassed_dlt_disciplines"] = [f"DLT-{rnd.randint(1, 40)}" for _ in range(rnd.randint(1, 2))]
        out.append(item)
    return out


def make_registrations(n: int, rnd: random.Random) -> list[dict[str, Any]]:
    """Registration dicts for one term: 4–8 selected courses, mostly own-programme, a few from other
    programmes / HEIs, thesis or seminar items, shared instructors, some language exemptions."""
    out = []
    instructors = [f"prof-{k}" for k in range(300)]
    for i in range(n):
        level = rnd.choices(["MA", "PHD", "AI"], [70, 25, 5])[0]
        required = rnd.randint(3, 6)
        courses = []
        for k in range(required + rnd.choice([0, 0, 0, 0, 0, 0, 1, 1, 2])):
            title = f"T{rnd.randint(100, 400)}"
            c: dict[str, Any] = {"code": f"{title}-{k}", "title_key": title, "language": rnd.choices(["tr", "ky", "ru", "en"], [60, 20, 15, 5])[0],
                                 "instructors": rnd.sample(instructors[:40] if rnd.random() < 0.3 else instructors, rnd.choice([1, 1, 1, 2]))}
            r = rnd.random()
            if r < 0.06:
                c.update(kind=rnd.choice(["THESIS", "SEMINAR", "RESEARCH_PRACTICE"]), credit_bearing=rnd.random() < 0.5)
            elif r < 0.12:
                c.update(origin="OTHER_PROGRAMME", origin_level=level if rnd.random() < 0.9 else "BACHELOR", supervisor_proposed=rnd.random() < 0.9,
                         same_institute=rnd.random() < 0.95)
            elif r < 0.15:
                c.update(origin="OTHER_HEI", elective=rnd.random() < 0.9)
            elif r < 0.25:
                c.update(origin="INSTITUTE_CODE", elective=True)
            courses.append(c)
        reg: dict[str, Any] = {
            "student_id": f"R{i:06d}", "level": level, "courses": courses,
            "semester_required_courses": required, "programme_required_courses": rnd.choice([8, 10, 12, 14]),
            "other_programme_courses_earlier": rnd.choices([0, 1, 2], [85, 10, 5])[0],
            "other_hei_courses_earlier": rnd.choices([0, 1, 2], [90, 7, 3])[0],
            "passed_title_keys": [f"T{rnd.randint(100, 400)}" for _ in range(rnd.randint(0, 6))],
        }
        if rnd.random() < 0.3:
            reg["exempt_languages"] = ["tr", "ky", "ru"]
        out.append(reg)
    return out


def make_selection_facts(n: int, rnd: random.Random) -> dict[str, Any]:
    """One OSU call (RankingFacts) with ``n`` candidates scored on GPA, language, motivation letter, CV."""
    cands = []
    for i in range(n):
        cands.append({
            "candidate_id": f"K{i:05d}",
            "gpa": f"{rnd.uniform(2.0, 4.0):.2f}",
            "scores": {"LANGUAGE": rnd.randint(0, 100), "MOTIVATION_LETTER": rnd.randint(30, 100), "CV": rnd.randint(30, 100)},
            "has_language_certificate": rnd.random() < 0.3,
            "withdrawn": rnd.random() < 0.02,
        })
    call = {"call_id": "ERASMUS-2027", "selection_kind": "IRD_COMMISSION", "quota": 200,
            "weights": {"GPA": 2, "LANGUAGE": 1, "MOTIVATION_LETTER": 1, "CV": 1}}
    return {"call": call, "candidates": cands}


# --- benchmarks ---------------------------------------------------------------------------------


@dataclass
class Bench:
    key: str
    label: str
    make: Callable[[int, random.Random], Any]  # (n, rnd) -> input data
    run: Callable[[Any], Any]  # input -> batch result
    count: Callable[[Any], int]  # input -> number of items
    warm: Callable[[Any], Any]  # a slice of the input for the untimed warm-up
    explain: Callable[[Any, Any, int], Any] | None = None  # (input, result, index) -> builds one item's explanation
    explain_label: str = ""
    selection: bool = False  # sized by --selection-n instead of --n


def _benches() -> list[Bench]:
    from bilim.regulations.mobility.failed_credits import failed_credits_decisions
    from bilim.regulations.mobility.screening import screen_outgoing_candidates
    from bilim.regulations.mobility.selection import rank_candidates
    from bilim.regulations.postgrad.admission_ranking import rank_applicants
    from bilim.regulations.postgrad.dismissal import academic_standing_and_dismissal
    from bilim.regulations.postgrad.gpa import cohort_gpa
    from bilim.regulations.postgrad.studies_registration import check_registrations

    programme = {"programme": "BENCH-PHD", "level": "PHD", "quota": 500, "reserves_designated": 500}

    def explain_each(method: str) -> Callable[[Any, Any, int], Any]:
        return lambda _data, result, i: getattr(result[i], method)()

    def ranking_explain(data: Any, result: Any, i: int) -> Any:
        return result.explain(data[i]["applicant_id"])  # applicants in input order, i.e. random rank order

    def failed_credits_explain(_data: Any, result: Any, i: int) -> Any:
        return result[i].explanation  # built on first access, then cached on the item

    return [
        Bench("gpa", "postgrad.gpa.cohort_gpa", make_transcripts,
              lambda d: cohort_gpa(d, AS_OF), len, lambda d: d[:50],
              explain_each("outcome"), "CohortGpaItem.outcome()"),
        Bench("dismissal", "postgrad.dismissal.academic_standing_and_dismissal", make_standings,
              lambda d: academic_standing_and_dismissal(d, AS_OF), len, lambda d: d[:50],
              explain_each("outcomes"), "StandingItem.outcomes() (all grounds)"),
        Bench("ranking", "postgrad.admission_ranking.rank_applicants", make_applicants,
              lambda d: rank_applicants(programme, d, ADMISSION_ON), len, lambda d: d[:50],
              ranking_explain, "RankingResult.explain(id)"),
        Bench("screening", "mobility.screening.screen_outgoing_candidates", make_screening_students,
              lambda d: screen_outgoing_candidates(d, SCREENING_CALL, AS_OF), len, lambda d: d[:50],
              explain_each("explanation"), "ScreeningResult.explanation()"),
        Bench("failed_credits", "mobility.failed_credits.failed_credits_decisions", make_failed_credit_items,
              lambda d: failed_credits_decisions(d, AS_OF), len, lambda d: d[:50],
              failed_credits_explain, "LazyOutcome.explanation"),
        Bench("registration", "postgrad.studies_registration.check_registrations", make_registrations,
              lambda d: check_registrations(d, AS_OF), len, lambda d: d[:50],
              explain_each("explain"), "RegistrationCheck.explain() (6 rules)"),
        Bench("selection", "mobility.selection.rank_candidates (one call)", make_selection_facts,
              lambda d: rank_candidates(d, AS_OF), lambda d: len(d["candidates"]),
              lambda d: {**d, "candidates": d["candidates"][:50]}, None, "", selection=True),
    ]


def _timed(fn: Callable[[], Any], runs: int) -> tuple[list[float], list[float], Any]:
    """Wall times (perf_counter) and CPU times (process_time) of ``runs`` calls, and the last result."""
    times: list[float] = []
    cpu: list[float] = []
    out: Any = None
    for _ in range(runs):
        out = None
        gc.collect()
        c0 = time.process_time()
        t0 = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
    return times, cpu, out


def _fmt_rate(items: int, seconds: float) -> str:
    return f"{items / seconds:,.0f}" if seconds > 0 else "inf"


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=50_000, help="items per batch (default 50,000)")
    ap.add_argument("--selection-n", type=int, default=5_000, help="candidates in the rank_candidates call (default 5,000)")
    ap.add_argument("--runs", type=int, default=3, help="timed runs per benchmark (default 3)")
    ap.add_argument("--explain-sample", type=int, default=500, help="items whose explanation is built per run (default 500)")
    ap.add_argument("--only", default="", help="comma-separated subset: gpa,dismissal,ranking,screening,failed_credits,registration,selection")
    args = ap.parse_args(argv)

    load0 = os.getloadavg()
    print(f"rules_bench: python {platform.python_version()} on {platform.machine()}, {os.cpu_count()} CPUs")
    print(f"load average at start (1/5/15 min): {load0[0]:.2f} {load0[1]:.2f} {load0[2]:.2f}")
    print(f"n={args.n:,} (rank_candidates: {args.selection_n:,}), runs={args.runs}, explain sample={args.explain_sample}, seed={SEED}")
    print(f"as_of={AS_OF} (admission ranking: {ADMISSION_ON})")
    print()

    t_import = time.perf_counter()
    benches = _benches()
    print(f"import of the rules layer: {time.perf_counter() - t_import:.2f} s")
    wanted = {k.strip() for k in args.only.split(",") if k.strip()}
    unknown = wanted - {b.key for b in benches}
    if unknown:
        ap.error(f"unknown benchmark(s): {', '.join(sorted(unknown))}")

    rows: list[tuple[str, int, float, float, float, str]] = []
    expl_rows: list[tuple[str, int, float, float, int]] = []
    failures: list[str] = []
    for b in benches:
        if wanted and b.key not in wanted:
            continue
        n = args.selection_n if b.selection else args.n
        print(f"== {b.label}")
        try:
            t0 = time.perf_counter()
            data = b.make(n, random.Random(SEED))
            items = b.count(data)
            t1 = time.perf_counter()
            b.run(b.warm(data))  # parameters, imports and caches; not timed
            t2 = time.perf_counter()
            print(f"   synthetic input: {items:,} items in {t1 - t0:.2f} s; warm-up {t2 - t1:.3f} s")
            times, cpu, result = _timed(lambda: b.run(data), args.runs)  # noqa: F821 — run here, before the `del` below
            best, med, cpu_best = min(times), statistics.median(times), min(cpu)
            print(f"   runs (wall): {', '.join(f'{t:.3f}' for t in times)} s; CPU: {', '.join(f'{t:.3f}' for t in cpu)} s")
            print(f"   best {best:.3f} s, median {med:.3f} s -> {_fmt_rate(items, best)} items/s (best), "
                  f"{best / items * 1e6:.1f} µs/item; best CPU {cpu_best:.3f} s")
            rows.append((b.label, items, best, med, cpu_best, _fmt_rate(items, best)))
            if b.explain is not None:
                k = max(1, min(args.explain_sample, items // max(1, args.runs)))
                ex_times: list[float] = []
                errors: list[str] = []
                for r in range(args.runs):
                    explain = b.explain
                    gc.collect()
                    e0 = time.perf_counter()
                    for i in range(r * k, (r + 1) * k):  # a fresh slice each run: nothing cached on these items
                        try:
                            explain(data, result, i)
                        except Exception as exc:  # noqa: BLE001 - reported, the benchmark goes on
                            errors.append(f"item {i}: {type(exc).__name__}: {exc}")
                    ex_times.append(time.perf_counter() - e0)
                eb, em = min(ex_times) / k, statistics.median(ex_times) / k
                print(f"   explanation {b.explain_label}: best {eb * 1e6:.0f} µs/item, median {em * 1e6:.0f} µs/item "
                      f"({k} items per run) -> {1 / eb:,.0f} items/s")
                if errors:
                    msg = f"{b.explain_label}: {len(errors)} of {k * args.runs} explanations raised; first {errors[0]}"
                    print(f"   EXPLANATION ERRORS: {msg}")
                    failures.append(msg)
                expl_rows.append((b.explain_label, k, eb, em, len(errors)))
            else:
                print("   explanation: none per item (the rule returns one Outcome with a summary explanation for the call)")
            del result, data
        except Exception as exc:  # report and go on: a benchmark, not a test
            failures.append(f"{b.label}: {type(exc).__name__}: {exc}")
            print(f"   FAILED: {type(exc).__name__}: {exc}")
        gc.collect()
        print()

    load1 = os.getloadavg()
    print("== summary (wall time; best of runs)")
    print(f"{'function':<58} {'n':>8} {'best s':>9} {'median s':>9} {'CPU s':>9} {'items/s':>11}")
    for label, items, best, med, cpu_best, rate in rows:
        print(f"{label:<58} {items:>8,} {best:>9.3f} {med:>9.3f} {cpu_best:>9.3f} {rate:>11}")
    if expl_rows:
        print()
        print(f"{'explanation (per item)':<58} {'sample':>8} {'best µs':>9} {'median µs':>9} {'errors':>9} {'items/s':>11}")
        for label, k, eb, em, nerr in expl_rows:
            print(f"{label:<58} {k:>8} {eb * 1e6:>9.0f} {em * 1e6:>9.0f} {nerr:>9} {1 / eb:>11,.0f}")
    print()
    print(f"load average at end (1/5/15 min): {load1[0]:.2f} {load1[1]:.2f} {load1[2]:.2f}")
    for f in failures:
        print(f"FAILED {f}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
