"""Amendment impact in the rules layer: the parameter-override context and the two populations it evaluates."""

from __future__ import annotations

import asyncio
import copy
import datetime as dt
import threading
from decimal import Decimal

import pytest

from bilim.regulations import impact as im
from bilim.regulations.core import params
from bilim.regulations.core.outcome import Verdict
from bilim.regulations.postgrad.grading import grade_for_score

ON = dt.date(2026, 11, 21)
SINCE = dt.date(2026, 9, 1)
GPA_MA = "ktmu.grading.graduation_gpa"


def _table(ba_lower: str = "83.00") -> dict:
    """Table 1 with the BA/BB edge moved (BB's upper bound follows, so the table stays gap-free)."""
    t = copy.deepcopy(params.get("ktmu.grading_table", ON).value)
    lower = Decimal(ba_lower)
    t["bands"][1]["lower"] = str(lower)
    t["bands"][2]["upper"] = str(lower - Decimal("0.10"))
    return t


# --- the override context -----------------------------------------------------------------------------------


def test_override_applies_from_since_only_inside_the_block() -> None:
    before = params.get(GPA_MA, ON)
    with params.overriding(GPA_MA, {"MA": "2.80", "PHD": "3.00", "AI": "3.00"}, SINCE, "proposal 1") as store:
        use = params.get(GPA_MA, ON)
        assert Decimal(use.value["MA"]) == Decimal("2.80") and use.since == SINCE and use.decided_by == "proposal 1"
        assert Decimal(params.get(GPA_MA, dt.date(2026, 8, 31)).value["MA"]) == Decimal("2.50")  # the day before: value in force
        assert params.store() is store
    assert params.get(GPA_MA, ON) == before


def test_override_never_leaks_after_an_exception() -> None:
    with pytest.raises(RuntimeError):
        with params.overriding(GPA_MA, {"MA": "2.80", "PHD": "3.00", "AI": "3.00"}, SINCE):
            raise RuntimeError("boom")
    assert Decimal(params.get(GPA_MA, ON).value["MA"]) == Decimal("2.50")


def test_override_is_validated_like_a_loaded_value() -> None:
    bad = _table()
    bad["bands"][2]["upper"] = "82.00"  # a gap between BB and BA
    with pytest.raises(params.InvalidParameter, match="gap"):
        with params.overriding("ktmu.grading_table", bad, SINCE):
            pass
    assert params.get("ktmu.grading_table", ON).value["bands"][1]["lower"] == "82.40"


def test_override_replaces_a_version_of_the_same_date_and_keeps_later_ones() -> None:
    base = params.store().with_version(GPA_MA, dt.date(2027, 9, 1), {"MA": "2.70", "PHD": "3.00", "AI": "3.00"})
    with params.using(base):
        with params.overriding(GPA_MA, {"MA": "2.60", "PHD": "3.00", "AI": "3.00"}, SINCE):
            assert Decimal(params.get(GPA_MA, ON).value["MA"]) == Decimal("2.60")
            assert Decimal(params.get(GPA_MA, dt.date(2027, 9, 1)).value["MA"]) == Decimal("2.70")
            assert Decimal(params.get(GPA_MA, dt.date(2021, 9, 1)).value["MA"]) == Decimal("2.50")


def test_override_is_invisible_to_other_threads() -> None:
    seen: dict[str, Decimal] = {}
    inside = threading.Event()
    done = threading.Event()

    def other() -> None:
        inside.wait(5)
        seen["other"] = Decimal(params.get(GPA_MA, ON).value["MA"])
        done.set()

    t = threading.Thread(target=other)
    t.start()
    with params.overriding(GPA_MA, {"MA": "2.90", "PHD": "3.00", "AI": "3.00"}, SINCE):
        inside.set()
        done.wait(5)
        seen["mine"] = Decimal(params.get(GPA_MA, ON).value["MA"])
    t.join()
    assert seen == {"other": Decimal("2.50"), "mine": Decimal("2.90")}


def test_concurrent_async_tasks_keep_their_own_override() -> None:
    async def judge(value: str | None) -> Decimal:
        if value is None:
            await asyncio.sleep(0.01)
            return Decimal(params.get(GPA_MA, ON).value["MA"])
        with params.overriding(GPA_MA, {"MA": value, "PHD": "3.00", "AI": "3.00"}, SINCE):
            await asyncio.sleep(0.01)  # the other tasks run meanwhile
            return Decimal(params.get(GPA_MA, ON).value["MA"])

    async def main() -> list[Decimal]:
        return list(await asyncio.gather(judge("2.70"), judge(None), judge("2.90")))

    assert asyncio.run(main()) == [Decimal("2.70"), Decimal("2.50"), Decimal("2.90")]


@pytest.mark.rule("KTMU-T1-1")
def test_rules_read_the_override() -> None:
    assert grade_for_score("82.5", "MA", ON).value.letter == "BA"
    with params.overriding("ktmu.grading_table", _table("83.00"), SINCE):
        assert grade_for_score("82.5", "MA", ON).value.letter == "BB"
        assert grade_for_score("83", "MA", ON).value.letter == "BA"
        assert grade_for_score("82.5", "MA", dt.date(2026, 8, 31)).value.letter == "BA"  # exam before the proposal
    assert grade_for_score("82.5", "MA", ON).value.letter == "BA"


# --- proposals: parsing ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "code"), [
    ("[1, 2", "syntax"), ("", "empty"), ("{MA: 2}", "shape"), ("abc", "shape"), ("2.00", "unchanged"), ("nan", "shape"),
])
def test_parse_value_refuses_with_a_code(text: str, code: str) -> None:
    with pytest.raises(im.ProposalError) as err:
        im.parse_value("ktmu.adm.gpa_min_ma", text, SINCE)
    assert err.value.code == code


def test_parse_value_accepts_a_decimal_comma_and_tables() -> None:
    assert im.parse_value("ktmu.adm.gpa_min_ma", "2,25", SINCE) == Decimal("2.25")
    table = im.parse_value("ktmu.grading_table", im.dump_value(_table("83.00")), SINCE)
    assert table["bands"][1]["lower"] == "83.00"
    with pytest.raises(im.ProposalError) as err:
        im.parse_value("ktmu.grading.failing_letters", "[FF]", SINCE)
    assert err.value.code == "unsupported"
    bad = _table()
    bad["bands"][0]["lower"] = "90.00"  # gap between BA and AA
    with pytest.raises(im.ProposalError) as err:
        im.parse_value("ktmu.grading_table", im.dump_value(bad), SINCE)
    assert err.value.code == "invalid"


# --- students ---------------------------------------------------------------------------------------------------


def _student(sid: str, *courses: tuple[str, str, str], used: int = 4, level: str = "MA") -> dict:
    return {"student_id": sid, "level": level, "coursework_semesters_used": used, "all_required_courses_passed": True,
            "courses": [{"course_code": code, "academic_year": 2025, "term": "AUTUMN", "ects": "6", "grade": letter, "score": score}
                        for code, letter, score in courses]}


@pytest.mark.rule("KTMU-T1-1", "KTMU-32(9)-2", "KTMU-39(1)f-1")
def test_table_change_finds_exactly_the_students_whose_letter_moves() -> None:
    pop = [
        _student("at-old-edge", ("C1", "BA", "82.40"), ("C2", "BA", "84.00")),  # 82.40 → BB under the proposal
        _student("just-below-new-edge", ("C1", "BA", "82.94")),  # rounds to 82.9 → BB
        _student("at-new-edge", ("C1", "BA", "82.95")),  # rounds to 83.0 → stays BA
        _student("bb", ("C1", "BB", "82.30")),
    ]
    result = im.students_impact(pop, ON, im.Proposal("ktmu.grading_table", _table("83.00"), SINCE))
    assert [c.subject_id for c in result.changes] == ["at-old-edge", "just-below-new-edge"]
    first = result.changes[0]
    assert first.kinds == ["letter", "gpa"]
    assert first.before["letters"] == [["C1", "82.40", "BA"]] and first.after["letters"] == [["C1", "82.40", "BB"]]
    assert (first.before["gpa"], first.after["gpa"]) == ("3.50", "3.25")
    before, after = first.explain()
    assert before[0].value.letter == "BA" and after[0].value.letter == "BB"
    assert after[0].explanation.params[0].decided_by == "proposed amendment (not adopted)"
    assert before[0].explanation.params[0].since == dt.date(2024, 9, 1)
    assert result.totals() == {"population": 4, "changed": 2, "letter": 2, "gpa": 2, "ground": 0, "watch": 0, "eligibility": 0}
    assert params.get("ktmu.grading_table", ON).value["bands"][1]["lower"] == "82.40"  # nothing leaked


@pytest.mark.rule("KTMU-39(1)f-1")
@pytest.mark.rule_param("ktmu.grading.graduation_gpa")  # the minimum of KTMU-32(11)-1 that ground f reads
def test_gpa_threshold_change_opens_and_watches_grounds_at_the_boundary() -> None:
    pop = [
        _student("at", ("C1", "BB", "78"), ("C2", "CC", "62")),  # CGPA 2.50: at the minimum in force, below the proposed 2.60
        _student("above", ("C1", "BA", "85"), ("C2", "CB", "70")),  # 3.00
        _student("exactly", ("C1", "BB", "78"), ("C2", "BB", "78"), ("C3", "BB", "78"), ("C4", "CC", "62"), ("C5", "CC", "62")),  # 2.60
        _student("early", ("C1", "BB", "78"), ("C2", "CC", "62"), used=2),  # before the 4th semester: watched, not a ground
    ]
    gpa = {"MA": "2.60", "PHD": "3.00", "AI": "3.00"}
    result = im.students_impact(pop, ON, im.Proposal(GPA_MA, gpa, SINCE))
    by_id = {c.subject_id: c for c in result.changes}
    assert set(by_id) == {"at", "early"}
    assert by_id["at"].kinds == ["ground"] and by_id["at"].after["grounds"] == ["KTMU-39(1)f-1"] and by_id["at"].before["grounds"] == []
    assert by_id["early"].kinds == ["watch"]
    _before, after = by_id["at"].explain()
    f = next(o for o in after if "KTMU-39(1)f-1" in o.rule_ids)
    assert f.value is Verdict.FAIL


@pytest.mark.rule("KTMU-10(5)-1")
def test_admission_minimum_changes_eligibility_at_the_boundary() -> None:
    pop = [{"applicant_id": a, "level": "MA", "diploma": {"grade": g, "scale": "4"}} for a, g in
           [("below", "2.24"), ("at", "2.25"), ("old-min", "2.00"), ("high", "3.10")]]
    result = im.applicants_impact(pop, ON, im.Proposal("ktmu.adm.gpa_min_ma", Decimal("2.25"), SINCE))
    assert [c.subject_id for c in result.changes] == ["below", "old-min"]
    assert result.changes[0].before == {"eligible": True} and result.changes[0].after == {"eligible": False}
    b, a = result.changes[0].explain()
    assert b[0].value is Verdict.PASS and a[0].value is Verdict.FAIL
    assert result.totals()["eligibility"] == 2
