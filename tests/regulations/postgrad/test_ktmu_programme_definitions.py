"""KTMU art. 4 — normative definitions (credit, international student, foreign national, semester,
FoS academic council, research practice, foreign supervisor)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bilim.regulations.core import Verdict, params
from bilim.regulations.postgrad import definitions as d

ON = dt.date(2026, 11, 21)


@pytest.mark.rule("KTMU-4-1")
@pytest.mark.parametrize(
    "theory, practice, credit",
    [("3", "0", "3"), ("2", "2", "3"), ("2", "1", "2.5"), ("0", "4", "2"), ("3", "3", "4.5")],
)
def test_KTMU_4_1_credit_is_theory_plus_half_practice(theory: str, practice: str, credit: str) -> None:
    out = d.course_credit({"theory_hours_per_week": theory, "practice_or_lab_hours_per_week": practice}, ON)
    assert out.value == Decimal(credit)
    assert isinstance(out.value, Decimal)


@pytest.mark.rule("KTMU-4-1")
@settings(max_examples=200, deadline=None)
@given(st.integers(0, 40), st.integers(0, 40), st.integers(0, 5))
def test_KTMU_4_1_batch_matches_rule_and_is_monotone(theory: int, practice: int, extra: int) -> None:
    rows = [{"theory_hours_per_week": theory, "practice_or_lab_hours_per_week": practice},
            {"theory_hours_per_week": theory, "practice_or_lab_hours_per_week": practice + extra}]
    batch = d.course_credits_batch(rows, ON)
    assert batch[0] == d.course_credit(rows[0], ON).value
    assert batch[1] >= batch[0] and batch[1] - batch[0] == Decimal(extra) / 2
    assert theory <= batch[0] <= theory + practice


@pytest.mark.rule("KTMU-4-1")
def test_KTMU_4_1_credit_before_the_instruction_is_not_covered() -> None:
    with pytest.raises(params.NotCovered):
        d.course_credit({"theory_hours_per_week": 2}, dt.date(2021, 8, 31))


@pytest.mark.rule("KTMU-4-3")
@pytest.mark.parametrize(
    "cits, cls",
    [(["KR"], "KR"), (["KG"], "KR"), (["TR"], "TR"), (["KZ"], "FOREIGN"), (["KZ", "KR"], "KR"), (["RU", "TR"], "TR"),
     (["RU", "US"], "FOREIGN")],
)
def test_KTMU_4_3_foreign_national_is_neither_kr_nor_tr(cits: list[str], cls: str) -> None:
    assert d.citizenship_class({"citizenships": cits}, ON).value == cls


@pytest.mark.rule("KTMU-4-2")
@pytest.mark.parametrize(
    "cits, country, langs, bilateral, intl",
    [
        (["KZ"], "KZ", ["ru"], False, True),  # foreign, graduated outside KR and TR
        (["KZ"], "KR", ["ru"], False, True),  # foreign, KR HEI teaching in Russian
        (["KZ"], "KR", ["ky"], False, False),  # foreign, KR HEI teaching in Kyrgyz
        (["KZ"], "KR", ["ru", "tr"], False, False),  # "кыргыз тили жана/же түрк тили": Turkish suffices
        (["KZ"], "TR", ["tr"], False, False),  # foreign graduate of a Turkish HEI
        (["KZ"], "TR", ["tr"], True, True),  # bilateral agreement
        (["KR"], "KR", ["ru"], False, False),  # citizenship wins
        (["KR", "KZ"], "KZ", ["ru"], False, False),  # dual citizen with KR is KR
        (["TR"], "DE", ["de"], False, False),
    ],
)
def test_KTMU_4_2_international_student(cits, country, langs, bilateral, intl) -> None:  # type: ignore[no-untyped-def]
    f = {"citizenships": cits, "degree_country": country, "degree_instruction_languages": langs,
         "admitted_under_bilateral_agreement": bilateral}
    out = d.is_international_student(f, ON)
    assert out.value is intl
    assert d.international_batch([f]) == [intl]
    assert "KTMU-4-3" in out.explanation.all_rule_ids()
    assert out.message("ky") != out.explanation.message_key


@pytest.mark.rule("KTMU-4-4")
def test_KTMU_4_4_semester_autumn_or_spring_with_senate_dates() -> None:
    ok = {"academic_year": "2026-2027", "term": "AUTUMN", "start_date": "2026-09-14", "end_date": "2027-01-15",
          "senate_decision_ref": "2026-05.12"}
    assert d.semester_definition(ok, ON).value is Verdict.PASS
    assert d.semester_definition(ok | {"term": "SUMMER"}, ON).value is Verdict.FAIL
    assert d.semester_definition(ok | {"senate_decision_ref": " "}, ON).value is Verdict.FAIL
    assert d.semester_definition(ok | {"end_date": "2026-09-14"}, ON).value is Verdict.FAIL  # end = start
    assert d.semester_definition(ok | {"start_date": "2025-09-14"}, ON).value is Verdict.FAIL  # other year


def instr(pid: str, **kw) -> dict:  # type: ignore[no-untyped-def]
    base = {"person_id": pid, "fos": "Economics", "full_salary": True, "has_degree": True, "has_title": True,
            "title": "ASSOC_PROF", "rank": "FACULTY_MEMBER"}
    return base | kw


@pytest.mark.rule("KTMU-4-5")
def test_KTMU_4_5_fos_council_members_full_salaried_with_degree_and_title() -> None:
    members = [instr("a"), instr("b", rank="SENIOR_INSTRUCTOR", title="NONE")]
    assert d.fos_council_membership({"fos": "Economics", "members": members}, ON).value is Verdict.PASS
    for bad in (instr("c", full_salary=False), instr("c", has_title=False), instr("c", has_degree=False),
                instr("c", fos="Law"), instr("c", rank="INSTRUCTOR")):
        out = d.fos_council_membership({"fos": "Economics", "members": members + [bad]}, ON)
        assert out.value is Verdict.FAIL and out.explanation.message_values["members"] == ["c"]
    assert d.fos_council_membership({"fos": "Economics", "members": []}, ON).value is Verdict.FAIL


@pytest.mark.rule("KTMU-4-6")
@pytest.mark.parametrize("term, verdict", [("AUTUMN", Verdict.PASS), ("spring", Verdict.PASS), ("SUMMER", Verdict.FAIL)])
def test_KTMU_4_6_research_practice_in_autumn_or_spring(term: str, verdict: Verdict) -> None:
    assert d.research_practice_term({"course_code": "RP1", "course_type": "RESEARCH_PRACTICE", "term": term}, ON).value is verdict
    # other course types are not concerned
    assert d.research_practice_term({"course_code": "L1", "course_type": "LECTURE", "term": "SUMMER"}, ON).value is Verdict.PASS


@pytest.mark.rule("KTMU-4-8")
def test_KTMU_4_8_foreign_supervisor() -> None:
    abroad = instr("f", employer="Ankara University", employer_country="TR", title="PROF")
    assert d.is_foreign_supervisor(abroad, ON).value is True  # Türkiye counts as foreign
    assert d.is_foreign_supervisor(abroad | {"employer_country": "DE"}, ON).value is True
    assert d.is_foreign_supervisor(abroad | {"employer_country": "KR"}, ON).value is False
    assert d.is_foreign_supervisor(abroad | {"has_title": False}, ON).value is False
    assert d.is_foreign_supervisor(abroad | {"employer_is_education": False}, ON).value is False
    alt = params.store().with_version("ktmu.def.foreign_supervisor_home_countries", dt.date(2026, 1, 1), ["KR", "TR"])
    with params.using(alt):
        assert d.is_foreign_supervisor(abroad, ON).value is False


@pytest.mark.rule("KTMU-4-7")
def test_KTMU_4_7_thesis_review_commission_for_doctoral_students() -> None:
    members = [instr("a"), instr("b", rank="INSTRUCTOR")]
    assert d.thesis_review_commission({"student_id": "S", "student_level": "PHD", "members": members}, ON).value is Verdict.PASS
    assert d.thesis_review_commission({"student_id": "S", "student_level": "AI", "members": members}, ON).value is Verdict.PASS
    assert d.thesis_review_commission({"student_id": "S", "student_level": "MA", "members": members}, ON).value is Verdict.FAIL
    assert d.thesis_review_commission({"student_id": "S", "student_level": "PHD", "members": []}, ON).value is Verdict.FAIL
    outsider = [instr("x", rank="OTHER")]
    assert d.thesis_review_commission({"student_id": "S", "student_level": "PHD", "members": outsider}, ON).value is Verdict.FAIL
