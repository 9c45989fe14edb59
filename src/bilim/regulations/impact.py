"""Amendment impact: evaluate a population under a proposed parameter value against the value in force.

Before a body adopts a change to a dated parameter (Table 1, a GPA threshold, an admission minimum…), the same
rules and batch functions that judge students and applicants every day are run twice over the same prepared
population: once with the parameters in force, once inside :func:`bilim.regulations.core.params.overriding`
(the proposal takes its value from ``since``). Nothing here re-implements a rule: a changed letter comes from
``letter_for_score`` (KTMU-T1-1), a GPA and a ground from ``academic_standing_and_dismissal`` (KTMU-32(9),
KTMU-39(1)), an admission minimum from ``gpa_minimum`` (KTMU-10(5)-1/-2). Explanations of the changed cases are
built on demand, each inside the store it belongs to, so both sides cite the parameter version they used.

Pure Python, no Django, no I/O.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import yaml

from bilim.regulations.core import params as _params
from bilim.regulations.core.outcome import Outcome, Verdict
from bilim.regulations.core.params import InvalidParameter, NotCovered, ParameterStore, UnknownParameter, using

#: parameters whose impact can be evaluated, and the population each one touches
POPULATIONS: dict[str, str] = {
    "ktmu.grading_table": "students",
    "ktmu.grading.graduation_gpa": "students",
    "ktmu.grading.coursework_max_semesters": "students",
    "ktmu.grading.course_pass_letter": "students",
    "ktmu.adm.gpa_min_ma": "applicants",
    "ktmu.adm.gpa_min_phd": "applicants",
}

#: kinds of change, in the order they are reported
KINDS = ("letter", "gpa", "ground", "watch", "eligibility")


class ProposalError(ValueError):
    """A proposed value that cannot be evaluated; ``code`` says why (the apps translate it)."""

    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(f"{code}: {detail}" if detail else code)
        self.code = code
        self.detail = detail


@dataclass(frozen=True)
class Proposal:
    """A proposed dated value of one parameter."""

    name: str
    value: Any
    since: dt.date
    label: str = "proposed amendment (not adopted)"

    def store(self, base: ParameterStore | None = None) -> ParameterStore:
        """The parameters in force with this proposal added (``base`` defaults to the store of the context)."""
        return (base or _params.store()).overridden(self.name, self.since, self.value, self.label)


def _canon(value: Any) -> Any:
    """Numbers written as text ("2.50", as the YAML files write them) compare as Decimals."""
    if isinstance(value, str):
        try:
            return Decimal(value)
        except ArithmeticError:
            return value
    if isinstance(value, dict):
        return {k: _canon(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_canon(v) for v in value]
    return value


def _shape(value: Any) -> Any:
    value = _canon(value)
    if isinstance(value, dict):
        return {k: _shape(v) for k, v in value.items()} if len(value) <= 12 else dict
    if isinstance(value, list):
        return list
    if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
        return Decimal
    return type(value)


def _numbers(value: Any) -> Any:
    """Numbers given as text or YAML floats become Decimals (a proposal is typed like a YAML parameter)."""
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)):
        return Decimal(str(value))
    if isinstance(value, dict):
        return {k: _numbers(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_numbers(v) for v in value]
    return value


def parse_value(name: str, text: str, since: dt.date, base: ParameterStore | None = None) -> Any:
    """Read a proposed value typed as YAML (the format of ``params/*.yaml``) and check it against the parameter:
    known and supported, same shape as the value in force on ``since``, accepted by the parameter's validator.
    Raises :class:`ProposalError` (codes ``unsupported``, ``syntax``, ``empty``, ``not_covered``, ``shape``,
    ``invalid``, ``unchanged``)."""
    if name not in POPULATIONS:
        raise ProposalError("unsupported", name)
    store = base or _params.store()
    try:
        current = store.get(name, since).value
    except UnknownParameter as exc:
        raise ProposalError("unsupported", name) from exc
    except NotCovered as exc:
        raise ProposalError("not_covered", str(exc)) from exc
    try:
        value = yaml.safe_load(text or "")
    except yaml.YAMLError as exc:
        raise ProposalError("syntax", str(exc)) from exc
    if value is None or value == "":
        raise ProposalError("empty")
    if isinstance(current, (int, Decimal)) and isinstance(value, str):
        try:
            value = Decimal(value.strip().replace(",", "."))
        except ArithmeticError as exc:
            raise ProposalError("shape", value) from exc
    value = _numbers(value)
    if isinstance(current, (int, Decimal)) and isinstance(value, Decimal) and not value.is_finite():
        raise ProposalError("shape", str(value))
    if _shape(value) != _shape(current):
        raise ProposalError("shape", f"expected the shape of {current!r}")
    try:
        store.overridden(name, since, value)
    except InvalidParameter as exc:
        raise ProposalError("invalid", str(exc)) from exc
    if _canon(value) == _canon(current):
        raise ProposalError("unchanged")
    return value


def dump_value(value: Any) -> str:
    """A parameter value as YAML text (numbers as quoted decimals, as in ``params/*.yaml``)."""

    def plain(v: Any) -> Any:
        if isinstance(v, Decimal):
            return str(v)
        if isinstance(v, dict):
            return {k: plain(x) for k, x in v.items()}
        if isinstance(v, list):
            return [plain(x) for x in v]
        return v

    return yaml.safe_dump(plain(value), allow_unicode=True, sort_keys=False, default_flow_style=None, width=120)


@dataclass
class Change:
    """One person or file whose outcome changes under the proposal.

    ``before``/``after`` summarise the outcome (JSON-ready); ``explain()`` returns both explanations (lists of
    :class:`Outcome`), each built under its own parameters."""

    subject_id: str
    kinds: list[str]
    before: dict[str, Any]
    after: dict[str, Any]
    _explain: Callable[[], tuple[list[Outcome], list[Outcome]]] = field(repr=False)

    def explain(self) -> tuple[list[Outcome], list[Outcome]]:
        return self._explain()


@dataclass
class Impact:
    """The result over one population: how many were evaluated, and the changes (in input order)."""

    population: int
    changes: list[Change]

    def totals(self) -> dict[str, int]:
        out = {"population": self.population, "changed": len(self.changes)}
        for kind in KINDS:
            out[kind] = sum(1 for c in self.changes if kind in c.kinds)
        return out


# --- students: letters (Table 1), GPA, standing and dismissal grounds ------------------------------------------


def _prepare_students(population: Iterable[dict[str, Any]]) -> list[tuple[dict[str, Any], list[Decimal | None]]]:
    """Each student's facts, prepared once and shared by both evaluations: the scores are set beside the courses,
    and the parts the batch validates per student (``dismissal._PART_TYPES``) are validated here, once, so the
    second evaluation does not pay for them again (the batch takes a part that is already a model as it is)."""
    from bilim.regulations.postgrad.dismissal import _LIST_TYPES, _PART_TYPES

    out = []
    decimals: dict[Any, Decimal] = {}
    for raw in population:
        courses = raw.get("courses") or []
        scores = []
        for c in courses:
            s = c.get("score")
            if s is not None:
                d = decimals.get(s)
                if d is None:
                    d = decimals[s] = Decimal(str(s))
                s = d
            scores.append(s)
        facts = dict(raw)  # the batch reads a course dict by key: the extra "score" is left in place
        for name, model in _PART_TYPES.items():
            value = facts.get(name)
            if isinstance(value, dict):
                facts[name] = model.model_validate(value)
        for name, (model, _fn) in _LIST_TYPES.items():
            value = facts.get(name)
            if value:  # validated items: the batch's own validation of the list then only checks their type
                facts[name] = model.model_validate({"level": facts["level"], "semesters": value}).semesters
        out.append((facts, scores))
    return out


_GRADED = frozenset({"AA", "BA", "BB", "CB", "CC", "DC", "DD", "FD", "FF"})


def _evaluate_students(prepared: list[tuple[dict[str, Any], list[Decimal | None]]], as_of: dt.date) -> tuple[list[Any], list[Any]]:
    """Place every score in the table of the context (``place_score``, the lookup ``letter_for_score`` makes,
    memoised per score), recompute whether every course is passed (``letter_passes``) for a student whose letters
    moved, then run the standing batch once."""
    from bilim.regulations.postgrad.dismissal import academic_standing_and_dismissal
    from bilim.regulations.postgrad.grading import TABLE, letter_passes, place_score

    table = _params.get(TABLE, as_of).value
    lookup = _params.get("ktmu.grading.score_lookup", as_of).value
    letters: dict[Decimal, str] = {}
    passes: dict[tuple[str, str], bool] = {}
    facts = []
    for student, scores in prepared:
        courses = student["courses"]
        new_courses = None
        for i, score in enumerate(scores):
            if score is None or courses[i]["grade"] not in _GRADED:
                continue
            letter = letters.get(score)
            if letter is None:
                letter = letters[score] = place_score(score, table, lookup)[1].letter
            if letter != courses[i]["grade"]:
                if new_courses is None:
                    new_courses = list(courses)
                new_courses[i] = {**courses[i], "grade": letter}
        if new_courses is None:
            facts.append(student)
            continue
        level = student["level"]
        ok = True
        for c in new_courses:
            pkey = (c["grade"], level)
            p = passes.get(pkey)
            if p is None:
                try:
                    p = passes[pkey] = letter_passes(c["grade"], level, as_of)
                except Exception:  # non-credit G/K: not a failure (as the semester check reads it)
                    p = passes[pkey] = True
            if not p:
                ok = False
                break
        facts.append({**student, "courses": new_courses, "all_required_courses_passed": ok})
    return facts, academic_standing_and_dismissal(facts, as_of)


def _student_explain(base: ParameterStore, proposed: ParameterStore, as_of: dt.date, sides: tuple[Any, Any],
                     changed_courses: list[int], scores: list[Any], rules: set[str]) -> Callable[[], tuple[list[Outcome], list[Outcome]]]:
    from bilim.regulations.postgrad.gpa import cumulative_gpa
    from bilim.regulations.postgrad.grading import grade_for_score

    def side(store: ParameterStore, facts: Any, item: Any) -> list[Outcome]:
        with using(store):
            out = [grade_for_score(scores[i], facts["level"], as_of) for i in changed_courses]
            if any(c["grade"] in _GRADED for c in facts["courses"]):
                out.append(cumulative_gpa({"student_id": str(facts["student_id"]), "level": facts["level"],
                                           "courses": [{k: v for k, v in c.items() if k != "score"} for c in facts["courses"]]}, as_of))
            for o in item.outcomes():
                if "KTMU-39(1)f-1" in o.rule_ids or rules.intersection(o.rule_ids):
                    out.append(o)
        return out

    def explain() -> tuple[list[Outcome], list[Outcome]]:
        (fb, ib), (fa, ia) = sides
        return side(base, fb, ib), side(proposed, fa, ia)

    return explain


def _summary(facts: Any, item: Any, changed_courses: list[int], scores: list[Any]) -> dict[str, Any]:
    return {
        "gpa": None if item.cgpa_shown is None else str(item.cgpa_shown),
        "grounds": list(dict.fromkeys(item.grounds)),
        "watch": list(dict.fromkeys(item.watch)),
        "letters": [[facts["courses"][i]["course_code"], str(scores[i]), facts["courses"][i]["grade"]] for i in changed_courses],
    }


def students_impact(population: Sequence[dict[str, Any]], as_of: dt.date, proposal: Proposal,
                    base: ParameterStore | None = None, chunk: int = 2000) -> Impact:
    """Who changes letter, GPA, dismissal ground or watch under ``proposal``, judged on ``as_of``.

    ``population``: dicts of the ``StudentStanding`` shape; a course may carry its 100-point ``score``, which is
    then regraded under each table (the grade is judged as of ``as_of``: "if these scores were graded under the
    proposed table"). Courses without a score keep their letter. The population is taken ``chunk`` students at a
    time, so only the changed cases stay in memory."""
    base = base or _params.store()
    proposed = proposal.store(base)
    changes: list[Change] = []
    for start in range(0, len(population), chunk):  # both sides of a slice, then only its changes are kept
        _compare_students(population[start:start + chunk], as_of, base, proposed, changes)
    return Impact(len(population), changes)


def _compare_students(population: Sequence[dict[str, Any]], as_of: dt.date, base: ParameterStore, proposed: ParameterStore,
                      changes: list[Change]) -> None:
    prepared = _prepare_students(population)
    with using(base):
        facts_b, items_b = _evaluate_students(prepared, as_of)
    with using(proposed):
        facts_a, items_a = _evaluate_students(prepared, as_of)
    for (_student, scores), fb, ib, fa, ia in zip(prepared, facts_b, items_b, facts_a, items_a):
        kinds = []
        changed_courses = ([i for i, (cb, ca) in enumerate(zip(fb["courses"], fa["courses"])) if cb["grade"] != ca["grade"]]
                           if fb is not fa else [])
        if changed_courses:
            kinds.append("letter")
        if ib.cgpa_shown != ia.cgpa_shown:
            kinds.append("gpa")
        gb, ga = set(ib.grounds), set(ia.grounds)
        if gb != ga:
            kinds.append("ground")
        wb, wa = set(ib.watch), set(ia.watch)
        if wb != wa:
            kinds.append("watch")
        if not kinds:
            continue
        rules = (gb ^ ga) | (wb ^ wa)
        changes.append(Change(
            ib.student_id, kinds, _summary(fb, ib, changed_courses, scores), _summary(fa, ia, changed_courses, scores),
            _student_explain(base, proposed, as_of, ((fb, ib), (fa, ia)), changed_courses, scores, rules)))


# --- applicants: admission GPA minimum -------------------------------------------------------------------------


def applicants_impact(population: Sequence[dict[str, Any]], as_of: dt.date, proposal: Proposal,
                      base: ParameterStore | None = None) -> Impact:
    """Applicants whose GPA eligibility (KTMU-10(5)-1/-2, ``gpa_minimum``) changes under ``proposal``.

    ``population``: dicts with ``applicant_id`` and the ``GpaEligibility`` facts (``level``, ``diploma``,
    ``programme_gpa_min_override``)."""
    from bilim.regulations.postgrad.admission_eligibility import GpaEligibility, gpa_minimum

    base = base or _params.store()
    proposed = proposal.store(base)
    prepared = [(str(p["applicant_id"]), GpaEligibility.model_validate({k: v for k, v in p.items() if k != "applicant_id"}))
                for p in population]
    with using(base):
        before = [gpa_minimum(f, as_of) for _, f in prepared]
    with using(proposed):
        after = [gpa_minimum(f, as_of) for _, f in prepared]
    changes = []
    for (aid, _f), ob, oa in zip(prepared, before, after):
        if ob.value != oa.value:
            changes.append(Change(aid, ["eligibility"], {"eligible": ob.value is Verdict.PASS},
                                  {"eligible": oa.value is Verdict.PASS}, _pair(ob, oa)))
    return Impact(len(prepared), changes)


def evaluate_impact(population: Sequence[dict[str, Any]], as_of: dt.date, proposal: Proposal,
                    base: ParameterStore | None = None) -> Impact:
    """Dispatch on the population the proposal's parameter touches."""
    kind = POPULATIONS.get(proposal.name)
    if kind == "students":
        return students_impact(population, as_of, proposal, base)
    if kind == "applicants":
        return applicants_impact(population, as_of, proposal, base)
    raise ProposalError("unsupported", proposal.name)


def _pair(before: Outcome, after: Outcome) -> Callable[[], tuple[list[Outcome], list[Outcome]]]:
    """The outcomes of one changed case, for its explanations built on demand."""
    return lambda: ([before], [after])
