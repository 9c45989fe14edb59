"""KTMU arts. 20–23 — scientific preparation programme and supervision, at their boundaries."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from bilim.regulations.core import Verdict, params
from bilim.regulations.postgrad import studies_spp as S
from bilim.regulations.postgrad import studies_supervision as V

ON = dt.date(2025, 10, 1)
D = dt.date
P, W, F = Verdict.PASS, Verdict.WARN, Verdict.FAIL


def ap(*steps: str) -> list[dict[str, str]]:
    return [{"body": s.split(":")[0], "act": s.split(":")[1]} for s in steps]


# --- art. 20 -----------------------------------------------------------------------------------


@pytest.mark.rule("KTMU-20(1)-1")
@pytest.mark.parametrize(
    ("prior_field", "from_ktmu", "semesters", "verdict"),
    [
        ("history", True, 2, P),  # other field
        ("physics", False, 2, P),  # same field, other HEI
        ("physics", True, 1, F),  # same field, KTMU: no ground
        ("history", True, 3, F),  # more than 2 semesters
        ("history", True, 1, P),
    ],
)
def test_KTMU_20_1_1_spp_ground_and_at_most_two_semesters(prior_field: str, from_ktmu: bool, semesters: int, verdict: Verdict) -> None:
    facts = {"prior_degree_field": prior_field, "programme_field": "physics", "prior_degree_from_ktmu": from_ktmu, "spp_semesters": semesters}
    assert S.spp_allowed(facts, ON).value is verdict


@pytest.mark.rule("KTMU-20(2)-1")
@pytest.mark.parametrize(("n", "verdict"), [(1, F), (2, P), (3, P), (4, P), (5, F)])
def test_KTMU_20_2_1_two_to_four_courses_per_semester(n: int, verdict: Verdict) -> None:
    assert S.spp_semester_courses({"spp_course_count": n}, ON).value is verdict


@pytest.mark.rule("KTMU-20(3)-1")
def test_KTMU_20_3_1_fos_council_proposes_board_decides() -> None:
    base = {"course_codes": ["B101"], "total_ects": Decimal("12")}
    assert S.spp_approval({**base, "approvals": ap("fos_council:PROPOSE", "institute_board:DECIDE")}, ON).value is P
    assert S.spp_approval({**base, "approvals": ap("institute_board:DECIDE")}, ON).value is F
    assert S.spp_approval({**base, "approvals": ap("institute_board:DECIDE", "fos_council:PROPOSE")}, ON).value is F  # order


@pytest.mark.rule("KTMU-20(4)-1")
@pytest.mark.parametrize(
    ("level", "source", "verdict"),
    [("MA", "BACHELOR", P), ("MA", "MA", F), ("PHD", "BACHELOR", P), ("PHD", "MA", P), ("AI", "MA", P), ("PHD", "PHD", F)],
)
def test_KTMU_20_4_1_course_sources(level: str, source: str, verdict: Verdict) -> None:
    assert S.spp_course_source({"student_level": level, "source_level": source}, ON).value is verdict


@pytest.mark.rule("KTMU-20(5)-1")
def test_KTMU_20_5_1_spp_on_transcript_only() -> None:
    courses = [
        {"course_code": "SPP1", "is_spp": True, "ects": Decimal("6")},
        {"course_code": "PG1", "is_spp": False, "ects": Decimal("7.5")},
    ]
    value = S.spp_counting({"courses": courses}, ON).value
    assert value["transcript"] == ["SPP1", "PG1"]
    assert value["gpa"] == ["PG1"] and value["graduation"] == ["PG1"]
    assert value["credit_ects"] == Decimal("7.5")


def spp_pg(spp: int, pg: int, seminar: bool = False) -> Verdict:
    courses = [{"course_code": f"P{i}", "is_seminar": seminar and i == 0} for i in range(pg)]
    return S.spp_pg_access({"spp_course_count": spp, "pg_courses": courses}, ON).value


@pytest.mark.rule("KTMU-20(6)-1")
@pytest.mark.parametrize(("spp", "pg", "verdict"), [(3, 2, P), (3, 3, F), (2, 2, P), (4, 0, P), (4, 1, F), (0, 5, P)])
def test_KTMU_20_6_1_pg_courses_alongside_spp(spp: int, pg: int, verdict: Verdict) -> None:
    assert spp_pg(spp, pg) is verdict


@pytest.mark.rule("KTMU-20(6)-1")
def test_KTMU_20_6_1_no_seminar() -> None:
    assert spp_pg(2, 1, seminar=True) is F


@pytest.mark.rule("KTMU-20(7)-1")
def test_KTMU_20_7_1_student_level_principles_a25() -> None:
    assert S.spp_principles({"student_level": "PHD"}, ON).value == "PHD"
    store = params.store().with_version("ktmu.studies.spp_principles_level", D(2025, 1, 1), "BACHELOR")
    with params.using(store):
        assert S.spp_principles({"student_level": "PHD"}, ON).value == "BACHELOR"


# --- art. 21 -----------------------------------------------------------------------------------


@pytest.mark.rule("KTMU-21(1)-1")
@pytest.mark.parametrize(
    ("decided", "verdict"),
    [(D(2025, 2, 28), P), (D(2025, 3, 1), W), (D(2025, 2, 3), P)],
)
def test_KTMU_21_1_1_one_month_from_course_selection_start(decided: dt.date, verdict: Verdict) -> None:
    # 31 January + 1 month = 28 February (month-end clamp); the due date is not moved off a weekday.
    out = V.supervisor_appointment_deadline({"course_selection_start": D(2025, 1, 31), "decision_date": decided}, ON)
    assert out.value is verdict
    assert out.explanation.message_values["due"] == D(2025, 2, 28)


@pytest.mark.rule("KTMU-21(1)-1")
def test_KTMU_21_1_1_overdue_without_decision() -> None:
    start = {"course_selection_start": D(2025, 9, 15)}
    assert V.supervisor_appointment_deadline(start, D(2025, 10, 15)).value is P  # due day itself
    assert V.supervisor_appointment_deadline(start, D(2025, 10, 16)).value is W  # overdue alert


@pytest.mark.rule("KTMU-21(1)-2")
def test_KTMU_21_1_2_fos_head_until_appointment() -> None:
    assert V.effective_supervisor({"fos_head_id": "head"}, ON).value == "head"
    assert V.effective_supervisor({"fos_head_id": "head", "supervisor_id": "sup"}, ON).value == "sup"


ELIGIBLE = {
    "employed_at_ktmu": True,
    "full_salary": True,
    "has_academic_degree": True,
    "has_academic_title": True,
    "scientific_fields": ["physics"],
    "programme_field": "physics",
}


@pytest.mark.rule("KTMU-21(2)-1")
@pytest.mark.parametrize(
    "change",
    [{}, {"full_salary": False}, {"has_academic_title": False}, {"has_academic_degree": False}, {"employed_at_ktmu": False}, {"programme_field": "chemistry"}],
)
def test_KTMU_21_2_1_supervisor_eligibility(change: dict[str, object]) -> None:
    expected = P if not change else F
    assert V.supervisor_eligibility({**ELIGIBLE, **change}, ON).value is expected


def foreign_due(level: str = "PHD", done: bool = True, qe: bool = True, hei: str | None = None, fallback: bool = False) -> Verdict:
    facts = {
        "student_level": level,
        "coursework_completed": done,
        "qualifying_exam_passed": qe,
        "foreign_supervisor_hei": {"country": hei} if hei else None,
        "fallback_supervisor_appointed": fallback,
    }
    return V.foreign_supervisor_due(facts, ON).value


@pytest.mark.rule("KTMU-21(6)-1")
def test_KTMU_21_6_1_foreign_supervisor_after_coursework_and_qe() -> None:
    assert foreign_due() is W  # due, not appointed
    assert foreign_due(qe=False) is P  # not due yet
    assert foreign_due(done=False) is P
    assert foreign_due(level="MA") is P
    assert foreign_due(level="AI") is W  # default
    assert foreign_due(hei="DE") is P
    assert foreign_due(hei="TR") is P  # Türkiye counts as foreign
    assert foreign_due(hei="KG") is F  # a Kyrgyz HEI is not foreign
    assert foreign_due(fallback=True) is P
    store = params.store().with_version("ktmu.studies.turkiye_counts_as_foreign", D(2025, 1, 1), False)
    with params.using(store):
        assert foreign_due(hei="TR") is F


def cap(roles: list[tuple[str, str, str, bool]], country: str = "DE") -> Verdict:
    facts = {
        "person_hei": {"country": country},
        "roles": [{"student_id": s, "student_level": lvl, "role": r, "enrolled": e} for s, lvl, r, e in roles],
    }
    return V.foreign_supervision_cap(facts, ON).value


@pytest.mark.rule("KTMU-21(7)-1")
def test_KTMU_21_7_1_two_doctoral_students_in_any_role_errata_27() -> None:
    two = [("s1", "PHD", "FOREIGN_SUPERVISOR", True), ("s2", "AI", "SUPERVISOR2", True)]
    assert cap(two) is P
    assert cap([*two, ("s3", "PHD", "SUPERVISOR2", True)]) is F  # second supervision counts (ERRATA 27)
    assert cap([*two, ("s3", "MA", "SUPERVISOR2", True)]) is P  # master's students are outside the cap
    assert cap([*two, ("s3", "PHD", "SUPERVISOR", False)]) is P  # graduated: not concurrent
    assert cap([*two, ("s1", "PHD", "SUPERVISOR2", True)]) is P  # same student twice counts once
    assert cap([*two, ("s3", "PHD", "SUPERVISOR2", True)], country="KG") is P  # not a foreign-HEI person


@pytest.mark.rule("KTMU-21(8)-1")
def test_KTMU_21_8_1_fallback_needs_foreign_experience() -> None:
    base = {"employed_at_ktmu": True, "full_salary": True, "foreign_hei_experience": True, "specialties": ["law"], "programme_field": "law"}
    assert V.foreign_supervisor_fallback(base, ON).value is P
    assert V.foreign_supervisor_fallback({**base, "foreign_hei_experience": False}, ON).value is F
    assert V.foreign_supervisor_fallback({**base, "full_salary": False}, ON).value is F
    assert V.foreign_supervisor_fallback({**base, "programme_field": "history"}, ON).value is F


@pytest.mark.rule("KTMU-21(10)-1")
@pytest.mark.parametrize(("status", "active"), [("REGISTERED", True), ("NOT_RENEWED", False), ("LEAVE", False), ("ACADEMIC_LEAVE", False)])
def test_KTMU_21_10_1_no_supervision_when_not_registered_or_on_leave(status: str, active: bool) -> None:
    assert V.supervision_active({"semester_status": status}, ON).value is active


# --- art. 22 -----------------------------------------------------------------------------------

SECOND_OK = ap("supervisor:PROPOSE", "fos_council:PROPOSE", "institute_board:DECIDE")


@pytest.mark.rule("KTMU-22(1)-1")
def test_KTMU_22_1_1_justified_proposals_and_board_decision() -> None:
    base = {"justification": "interdisciplinary topic", "thesis_topic_approved_on": D(2025, 3, 1), "appointed_on": D(2025, 4, 1)}
    assert V.second_supervisor_appointment({**base, "approvals": SECOND_OK}, ON).value is P
    assert V.second_supervisor_appointment({**base, "approvals": SECOND_OK[1:]}, ON).value is F
    assert V.second_supervisor_appointment({**base, "approvals": SECOND_OK, "justification": " "}, ON).value is F


@pytest.mark.rule("KTMU-22(1)-2")
@pytest.mark.parametrize(("appointed", "verdict"), [(D(2025, 3, 1), F), (D(2025, 3, 2), P), (D(2025, 2, 28), F)])
def test_KTMU_22_1_2_after_topic_approval(appointed: dt.date, verdict: Verdict) -> None:
    facts = {"justification": "x", "thesis_topic_approved_on": D(2025, 3, 1), "appointed_on": appointed, "approvals": SECOND_OK}
    assert V.second_supervisor_appointment(facts, ON).value is verdict
    facts_no_topic = {**facts, "thesis_topic_approved_on": None}
    assert V.second_supervisor_appointment(facts_no_topic, ON).value is F


@pytest.mark.rule("KTMU-22(2)-1")
def test_KTMU_22_2_1_second_supervision_not_load_but_evaluated() -> None:
    roles = [
        {"student_id": "a", "student_level": "MA", "role": "SUPERVISOR"},
        {"student_id": "b", "student_level": "PHD", "role": "SUPERVISOR2"},
        {"student_id": "c", "student_level": "PHD", "role": "SUPERVISOR2", "enrolled": False},
    ]
    assert V.supervision_load({"roles": roles}, ON).value == {"teaching_load": 1, "paid": 1, "performance": 2}


# --- art. 23 -----------------------------------------------------------------------------------


@pytest.mark.rule("KTMU-23(1)-1")
def test_KTMU_23_1_1_justified_application_council_board() -> None:
    chain = ap("fos_council:PROPOSE", "institute_board:DECIDE")
    ok = {"mandatory_case": False, "applicant": "STUDENT", "justification": "moved field", "approvals": chain}
    assert V.supervisor_change(ok, ON).value is P
    assert V.supervisor_change({**ok, "applicant": "NONE"}, ON).value is F
    assert V.supervisor_change({**ok, "justification": ""}, ON).value is F
    assert V.supervisor_change({**ok, "approvals": chain[1:]}, ON).value is F


@pytest.mark.rule("KTMU-23(1)-2")
def test_KTMU_23_1_2_mandatory_case_on_directors_proposal() -> None:
    facts = {"mandatory_case": True, "approvals": ap("institute_director:PROPOSE", "institute_board:DECIDE")}
    assert V.supervisor_change(facts, ON).value is P
    assert V.supervisor_change({**facts, "mandatory_case": False}, ON).value is F  # only in a mandatory case
    assert V.supervisor_change({**facts, "approvals": ap("institute_board:DECIDE")}, ON).value is F


SEMESTERS = [D(2025, 9, 1), D(2026, 2, 9), D(2026, 9, 1), D(2027, 2, 8)]


def lock(level: str, submitted: dt.date, stage: str = "THESIS", mandatory: bool = False, leave: list[dt.date] | None = None) -> Verdict:
    facts = {
        "student_level": level,
        "stage_at_change": stage,
        "mandatory_case": mandatory,
        "decision_date": D(2025, 11, 10),
        "semester_starts": SEMESTERS,
        "academic_leave_semester_starts": leave or [],
        "submission_date": submitted,
    }
    return V.thesis_submission_lock(facts, ON).value


@pytest.mark.rule("KTMU-23(2)-1")
@pytest.mark.parametrize(
    ("level", "submitted", "verdict"),
    [
        ("MA", D(2026, 2, 8), F),
        ("MA", D(2026, 2, 9), P),  # one semester after the decision's semester
        ("PHD", D(2026, 8, 31), F),
        ("PHD", D(2026, 9, 1), P),  # two semesters
        ("AI", D(2026, 8, 31), F),  # AI like PhD
    ],
)
def test_KTMU_23_2_1_thesis_lock_after_change(level: str, submitted: dt.date, verdict: Verdict) -> None:
    assert lock(level, submitted) is verdict


@pytest.mark.rule("KTMU-23(2)-1")
def test_KTMU_23_2_1_no_lock_in_mandatory_case_or_coursework_and_leave_extends() -> None:
    assert lock("PHD", D(2025, 12, 1), mandatory=True) is P
    assert lock("PHD", D(2025, 12, 1), stage="COURSEWORK") is P
    assert lock("PHD", D(2026, 9, 1), leave=[D(2026, 2, 9)]) is F  # academic leave not counted
    assert lock("PHD", D(2027, 2, 8), leave=[D(2026, 2, 9)]) is P


@pytest.mark.rule("KTMU-23(2)-1")
def test_KTMU_23_2_1_calendar_too_short_is_an_error() -> None:
    from bilim.regulations.core import RuleError

    with pytest.raises(RuleError):
        lock("PHD", D(2027, 9, 1), leave=[D(2026, 2, 9), D(2026, 9, 1), D(2027, 2, 8)])


@pytest.mark.rule("KTMU-21(6)-1")
def test_KTMU_21_6_1_due_and_nobody_appointed_is_a_task_unless_a_fallback_is_recorded() -> None:
    """Without the fallback flag (not given = not appointed), a due foreign supervisor is a task (WARN)."""
    due = {"student_level": "PHD", "coursework_completed": True, "qualifying_exam_passed": True}
    out = V.foreign_supervisor_due(due, ON)
    assert out.value is Verdict.WARN and out.explanation.message_key == "ktmu.studies.sup.foreign_due"
    assert V.foreign_supervisor_due({**due, "fallback_supervisor_appointed": True}, ON).value is Verdict.PASS


@pytest.mark.rule("KTMU-20(6)-1")
def test_full_spp_without_pg_courses_says_none_allowed() -> None:
    out = S.spp_pg_access({"spp_course_count": 4, "pg_courses": []}, ON)
    assert out.value is Verdict.PASS
    assert (out.explanation.message_values["count"], out.explanation.message_values["cap"]) == (0, 0)
