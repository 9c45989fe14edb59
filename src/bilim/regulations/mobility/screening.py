"""OshSU — eligibility screening of a whole faculty's students for an outgoing-mobility call (batch).

``screen_outgoing_candidates(students, call, as_of)`` returns one :class:`ScreeningResult` per student, in
input order, from the per-item rules themselves (no logic is restated here):

* year-of-study window — ``student.year_of_study_window`` (OSU-4.8-STU-19…23; short-term exempt, STU-22);
* contract debt — ``student.contract_debt`` (OSU-4.8-STU-15; a warning on individual bases, ERRATA 14);
* right to take part again — ``student.may_participate_again`` (OSU-4.8-STU-18), when a previous mobility is given;
* GPA gate — the other engineer's ``selection.gpa_gate`` (OSU-4.8-IRD-9 / FD-2; a warning outside a
  competition, ERRATA 12), when that module is installed.

Speed: the rules only read a few facts, and in a cohort those repeat (same level, programme length,
semesters, GPA to two decimals, zero debt …), so each distinct fact combination is evaluated once per call
and its Outcome shared; the per-student explanation tree is assembled lazily by
:meth:`ScreeningResult.explanation`. Measured with ``python -m bilim.regulations.mobility.screening``.

Public: ``screen_outgoing_candidates``, ``ScreeningCall``, ``ScreeningStudent``, ``ScreeningResult``,
``summary(results)``.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Literal

from bilim.regulations.core import Explanation, Facts, Outcome, Verdict, rule
from bilim.regulations.mobility import student as stu
from bilim.regulations.mobility.selection import gpa_gate as _gpa_gate

SelectionKind = Literal["FD_COMPETITION", "IRD_COMMISSION", "NON_COMPETITIVE"]


class ScreeningCall(Facts):
    """The call screened for: kind of stay, where, on what basis, how selected, and when it falls."""

    call_id: str
    term: stu.Term
    scope: stu.Scope
    basis: stu.Basis
    selection_kind: SelectionKind
    semesters_ahead: int = 1  # the stay starts this many semesters after the student's current semester
    semester_count: int = 1  # regular semesters the stay covers (1 = one semester, 2 = an academic year)


class ScreeningStudent(Facts):
    """One student of the faculty, as AVN holds him/her."""

    student_id: str
    level: stu.Level
    current_semester: int
    total_semesters: int
    funding_basis: stu.FundingBasis
    tuition_debt: Decimal = Decimal(0)
    gpa: Decimal | None = None
    previous_last_semester: int | None = None
    previous_closed_in_semester: int | None = None


@dataclass(frozen=True)
class ScreeningResult:
    """Outcome for one student: overall verdict, failing and warning rule IDs, and the rule outcomes."""

    student_id: str
    verdict: Verdict
    failed: tuple[str, ...]
    warnings: tuple[str, ...]
    semesters: tuple[int, ...]
    outcomes: tuple[Outcome, ...] = field(repr=False, default=())
    as_of: dt.date | None = field(repr=False, default=None)

    @property
    def eligible(self) -> bool:
        return self.verdict is not Verdict.FAIL

    def explanation(self) -> Explanation:
        """The explanation tree (built on demand): one child per rule evaluated."""
        children = [o.explanation for o in self.outcomes]
        ids: list[str] = []
        for c in children:
            ids += [i for i in c.rule_ids if i not in ids]
        if self.verdict is Verdict.FAIL:
            key, values = "osu.screening.not_eligible", {"rules": list(self.failed)}
        elif self.verdict is Verdict.WARN:
            key, values = "osu.screening.warnings", {"rules": list(self.warnings)}
        else:
            key, values = "osu.screening.eligible", {}
        return Explanation(
            rule_ids=tuple(ids),
            result=self.verdict,
            message_key=key,
            message_values={"student": self.student_id, **values},
            inputs={"student_id": self.student_id, "semesters": list(self.semesters)},
            children=children,
            as_of=self.as_of,
        )


class _Memo:
    """Evaluate ``rule`` once per distinct facts key (the rule result depends on nothing else)."""

    def __init__(self, rule: Callable[..., Outcome], on: dt.date) -> None:
        self.rule, self.on = rule, on
        self.cache: dict[tuple[Any, ...], Outcome] = {}

    def __call__(self, key: tuple[Any, ...], facts: Callable[[], dict[str, Any]]) -> Outcome:
        hit = self.cache.get(key)
        if hit is None:
            hit = self.cache[key] = self.rule(facts(), self.on)
        return hit


@rule("OSU-4.8-STU-19", "OSU-4.8-STU-15", "OSU-4.8-STU-18", kind="batch")
def screen_outgoing_candidates(
    students: Iterable[ScreeningStudent | Mapping[str, Any]],
    call: ScreeningCall | Mapping[str, Any],
    as_of: dt.date,
) -> list[ScreeningResult]:
    """Screen every student for ``call`` (see the module docstring); results in input order."""
    on = as_of
    c = call if isinstance(call, ScreeningCall) else ScreeningCall.model_validate(call)
    window = _Memo(stu.year_of_study_window, on)
    debt = _Memo(stu.contract_debt, on)
    again = _Memo(stu.may_participate_again, on)
    gpa = _Memo(_gpa_gate, on)
    validate = ScreeningStudent.model_validate
    results: list[ScreeningResult] = []
    for raw in students:
        s = raw if isinstance(raw, ScreeningStudent) else validate(raw)
        first = s.current_semester + c.semesters_ahead
        sems = tuple(range(first, first + c.semester_count))
        failed: list[str] = []
        warns: list[str] = []
        outcomes: list[Outcome] = []
        if sems[-1] > s.total_semesters:
            failed.append("PROGRAMME_ENDS_BEFORE_MOBILITY")  # the student graduates before the stay
        else:
            w = window(
                (s.level, sems, s.total_semesters),
                lambda: {"level": s.level, "term": c.term, "scope": c.scope, "semesters_covered": sems,
                         "total_semesters": s.total_semesters},
            )
            outcomes.append(w)
            if w.value is Verdict.FAIL:  # the window rule names the sub-rule (STU-19/20/21/23) that failed
                failed.append(w.explanation.message_values.get("rule") or w.rule_ids[0])
        checks: list[Outcome] = [
            debt(
                (s.funding_basis, s.tuition_debt),
                lambda: {"funding_basis": s.funding_basis, "tuition_debt": s.tuition_debt, "basis": c.basis},
            )
        ]
        if s.previous_last_semester is not None:
            checks.append(
                again(
                    (s.previous_last_semester, s.previous_closed_in_semester, first),
                    lambda: {"target_semester": first, "previous_last_semester": s.previous_last_semester,
                             "previous_closed_in_semester": s.previous_closed_in_semester},
                )
            )
        if gpa is not None:
            if s.gpa is None:
                warns.append("OSU-4.8-IRD-9")  # no GPA yet (first semester): the gate cannot be evaluated
            else:
                checks.append(gpa((s.gpa,), lambda: {"gpa": s.gpa, "selection_kind": c.selection_kind}))
        for o in checks:
            if o.value is Verdict.FAIL:
                failed.append(o.rule_ids[0])
            elif o.value is Verdict.WARN:
                warns.append(o.rule_ids[0])
        outcomes += checks
        verdict = Verdict.FAIL if failed else Verdict.WARN if warns else Verdict.PASS
        results.append(ScreeningResult(s.student_id, verdict, tuple(failed), tuple(warns), sems, tuple(outcomes), on))
    return results


def summary(results: Iterable[ScreeningResult]) -> dict[str, Any]:
    """Counts per verdict and per failing rule ID (for the faculty overview)."""
    by_verdict: Counter[str] = Counter()
    by_rule: Counter[str] = Counter()
    for r in results:
        by_verdict[r.verdict.value] += 1
        by_rule.update(r.failed)
    return {"by_verdict": dict(by_verdict), "failed_by_rule": dict(by_rule)}


def _synthetic(n: int, seed: int = 7) -> list[dict[str, Any]]:
    import random

    rnd = random.Random(seed)
    out = []
    for i in range(n):
        level = rnd.choices(["BACHELOR", "MASTER", "COLLEGE"], [80, 12, 8])[0]
        total = {"BACHELOR": 8, "MASTER": 4, "COLLEGE": 6}[level]
        contract = rnd.random() < 0.55
        out.append(
            {
                "student_id": f"S{i:06d}",
                "level": level,
                "current_semester": rnd.randint(1, total),
                "total_semesters": total,
                "funding_basis": "CONTRACT" if contract else "BUDGET",
                "tuition_debt": Decimal(rnd.choice([0] * 9 + [rnd.randint(1, 90000)])) if contract else Decimal(0),
                "gpa": Decimal(rnd.randint(150, 400)) / 100,
                **({"previous_last_semester": 3, "previous_closed_in_semester": rnd.choice([None, 4])} if rnd.random() < 0.03 else {}),
            }
        )
    return out


if __name__ == "__main__":  # pragma: no cover - measurement script
    import time

    from bilim.regulations.core import params

    params.default_store()
    cohort = _synthetic(50_000)
    call = {"call_id": "ERASMUS-2027", "term": "LONG", "scope": "EXTERNAL", "basis": "PROGRAMME",
            "selection_kind": "IRD_COMMISSION", "semesters_ahead": 1, "semester_count": 1}
    t0 = time.perf_counter()
    res = screen_outgoing_candidates(cohort, call, dt.date(2026, 11, 21))
    t1 = time.perf_counter()
    _ = [r.explanation() for r in res[:1000]]
    t2 = time.perf_counter()
    print(f"{len(res)} students screened in {t1 - t0:.2f} s ({(t1 - t0) / len(res) * 1e6:.1f} µs/student); "
          f"1000 explanations in {t2 - t1:.3f} s")
    print(summary(res))
