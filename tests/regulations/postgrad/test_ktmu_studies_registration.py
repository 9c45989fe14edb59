"""KTMU arts. 26 and 28 (+19(12)-2, 20(8)-1) — registration, selection limits, add/drop; the batch."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bilim.regulations.core import Verdict, params
from bilim.regulations.postgrad import studies_registration as R

ON = dt.date(2025, 10, 1)
D = dt.date
P, W, F = Verdict.PASS, Verdict.WARN, Verdict.FAIL


# --- 26(1), 19(12)-2, 20(8)-1 ------------------------------------------------------------------


@pytest.mark.rule("KTMU-26(1)-1", "KTMU-19(12)-2", "KTMU-20(8)-1")
def test_KTMU_26_1_1_every_semester_counts_except_language_spp_and_uncounted_leave() -> None:
    history = ["LANGUAGE_PERIOD", "LANGUAGE_PERIOD", "SPP_PERIOD", "REGULAR", "NOT_RENEWED", "LEAVE_NOT_COUNTED", "LEAVE_COUNTED", "ACADEMIC_LEAVE", "REGULAR"]
    # counted: REGULAR, NOT_RENEWED, LEAVE_COUNTED, ACADEMIC_LEAVE (ERRATA 26), REGULAR = 5
    assert R.max_duration_semesters_used({"semesters": history}, ON).value == 5
    store = params.store().with_version("ktmu.studies.academic_leave_counts_toward_max_duration", D(2025, 1, 1), False)
    with params.using(store):
        assert R.max_duration_semesters_used({"semesters": history}, ON).value == 4  # A-54 alternative


@pytest.mark.rule("KTMU-19(12)-2")
def test_KTMU_19_12_2_language_period_not_in_programme_duration() -> None:
    assert R.max_duration_semesters_used({"semesters": ["LANGUAGE_PERIOD"] * 4}, ON).value == 0


@pytest.mark.rule("KTMU-20(8)-1")
def test_KTMU_20_8_1_spp_period_not_in_programme_duration() -> None:
    assert R.max_duration_semesters_used({"semesters": ["SPP_PERIOD", "SPP_PERIOD", "REGULAR"]}, ON).value == 1


# --- 26(2)–(5) ----------------------------------------------------------------------------------

WINDOW = {
    "renewal_start": D(2025, 9, 1),
    "renewal_end": D(2025, 9, 5),
    "adddrop_start": D(2025, 9, 15),
    "adddrop_end": D(2025, 9, 19),
}


@pytest.mark.rule("KTMU-26(2)-1")
@pytest.mark.parametrize(
    ("day", "value"),
    [(D(2025, 8, 31), "NOT_RENEWED"), (D(2025, 9, 1), "RENEWED"), (D(2025, 9, 5), "RENEWED"), (D(2025, 9, 6), "NOT_RENEWED"), (None, "NOT_RENEWED")],
)
def test_KTMU_26_2_1_renewal_on_calendar_days(day: dt.date | None, value: str) -> None:
    assert R.registration_renewal({**WINDOW, "registered_on": day}, ON).value == value


@pytest.mark.rule("KTMU-26(3)-1")
@pytest.mark.parametrize(
    ("notice", "registered", "written", "accepted", "value"),
    [
        (D(2025, 9, 14), D(2025, 9, 19), True, True, "LATE_RENEWED"),
        (D(2025, 9, 15), D(2025, 9, 19), True, True, "NOT_RENEWED"),  # notice must come before add/drop starts
        (D(2025, 9, 14), D(2025, 9, 20), True, True, "NOT_RENEWED"),  # after add/drop ends
        (D(2025, 9, 14), D(2025, 9, 19), False, True, "NOT_RENEWED"),  # not in writing
        (D(2025, 9, 14), D(2025, 9, 19), True, False, "NOT_RENEWED"),  # Board did not accept
    ],
)
def test_KTMU_26_3_1_late_renewal_with_justified_reason(notice: dt.date, registered: dt.date, written: bool, accepted: bool, value: str) -> None:
    facts = {**WINDOW, "registered_on": registered, "justified_notice_on": notice, "notice_in_writing": written, "board_accepted_reason": accepted}
    assert R.registration_renewal(facts, ON).value == value


@pytest.mark.rule("KTMU-26(4)-1", "KTMU-26(5)-1")
@pytest.mark.parametrize(
    ("status", "action", "verdict"),
    [("NOT_RENEWED", "EXAM", F), ("NOT_RENEWED", "APPLICATION", F), ("NOT_RENEWED", "RE_REGISTRATION", P), ("RENEWED", "EXAM", P), ("LATE_RENEWED", "SUBMISSION", P)],
)
def test_KTMU_26_4_5_no_rights_without_renewal(status: str, action: str, verdict: Verdict) -> None:
    assert R.semester_action_allowed({"semester_status": status, "action": action}, ON).value is verdict


# --- selection limits ---------------------------------------------------------------------------


def course(code: str, **kw: Any) -> dict[str, Any]:
    return {"code": code, "title_key": kw.pop("title_key", code), "language": kw.pop("language", "tr"), "instructors": kw.pop("instructors", [f"i-{code}"]), **kw}


def reg(courses: list[dict[str, Any]], **kw: Any) -> dict[str, Any]:
    base = {"student_id": "s1", "level": "MA", "courses": courses, "semester_required_courses": len(courses), "programme_required_courses": 10}
    return {**base, **kw}


@pytest.mark.rule("KTMU-26(6)-1")
def test_KTMU_26_6_1_same_title_in_another_language() -> None:
    two = [course("STAT501-ky", title_key="STAT501", language="ky"), course("STAT501-tr", title_key="STAT501", language="tr")]
    assert R.same_title_other_language(reg(two), ON).value is F
    assert R.same_title_other_language(reg([two[0], course("ECON501")]), ON).value is P
    # Already passed in another language: flagged for the supervisor (catalogue inference).
    assert R.same_title_other_language(reg([two[1]], passed_title_keys=["STAT501"]), ON).value is W
    store = params.store().with_version("ktmu.studies.same_title_check_passed_courses", D(2025, 1, 1), False)
    with params.using(store):
        assert R.same_title_other_language(reg([two[1]], passed_title_keys=["STAT501"]), ON).value is P


@pytest.mark.rule("KTMU-26(7)-1")
@pytest.mark.parametrize(("same", "total", "verdict"), [(2, 4, P), (3, 4, F), (2, 5, P), (3, 5, F), (1, 2, P), (1, 1, F)])
def test_KTMU_26_7_1_not_more_than_half_from_one_instructor(same: int, total: int, verdict: Verdict) -> None:
    # exactly half is allowed; «жарымынан көбүн» (more than half) is not — 3 of 5 is more than half.
    courses = [course(f"C{i}", instructors=["prof-x"] if i < same else [f"other-{i}"]) for i in range(total)]
    assert R.same_instructor_share(reg(courses), ON).value is verdict


@pytest.mark.rule("KTMU-26(7)-1")
@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(["a", "b", "c"]), min_size=1, max_size=9))
def test_KTMU_26_7_1_property_at_most_half_per_instructor(instructors: list[str]) -> None:
    courses = [course(f"C{i}", instructors=[who]) for i, who in enumerate(instructors)]
    most = max(instructors.count(x) for x in set(instructors))
    verdict = R.same_instructor_share(reg(courses), ON).value
    assert (verdict is P) == (2 * most <= len(instructors))


@pytest.mark.rule("KTMU-26(7)-1")
def test_KTMU_26_7_1_thesis_and_seminar_not_counted_a35() -> None:
    courses = [
        course("C1", instructors=["prof-x"]),
        course("C2", instructors=["other"]),
        course("TH", instructors=["prof-x"], kind="THESIS"),
        course("SEM", instructors=["prof-x"], kind="SEMINAR"),
    ]
    assert R.same_instructor_share(reg(courses), ON).value is P


def other_prog(code: str, **kw: Any) -> dict[str, Any]:
    return course(code, origin="OTHER_PROGRAMME", origin_level=kw.pop("origin_level", "MA"), supervisor_proposed=kw.pop("supervisor_proposed", True), **kw)


@pytest.mark.rule("KTMU-26(8)-1")
@pytest.mark.parametrize(("now", "earlier", "verdict"), [(2, 0, P), (1, 1, P), (3, 0, F), (1, 2, F)])
def test_KTMU_26_8_1_at_most_two_from_other_programmes(now: int, earlier: int, verdict: Verdict) -> None:
    courses = [other_prog(f"O{i}") for i in range(now)] + [course("OWN1")]
    assert R.other_programme_courses(reg(courses, other_programme_courses_earlier=earlier), ON).value is verdict


@pytest.mark.rule("KTMU-26(8)-1")
def test_KTMU_26_8_1_errata_28_institute_code_other_level_and_proposal() -> None:
    inst = [course(f"INS{i}", origin="INSTITUTE_CODE") for i in range(4)]
    assert R.other_programme_courses(reg(inst), ON).value is P  # institute-code courses are own-programme courses
    assert R.other_programme_courses(reg([other_prog("P1", origin_level="PHD")]), ON).value is F  # other level: refused
    assert R.other_programme_courses(reg([other_prog("O1", same_institute=False)]), ON).value is F  # other institute
    assert R.other_programme_courses(reg([other_prog("O1", supervisor_proposed=False)]), ON).value is F
    doctoral = reg([other_prog("P1", origin_level="AI")], level="PHD")
    assert R.other_programme_courses(doctoral, ON).value is P  # PhD → AI: both doctoral


@pytest.mark.rule("KTMU-26(8)-1")
@pytest.mark.parametrize(("outside_earlier", "verdict"), [(1, P), (2, F)])
def test_KTMU_26_8_1_own_programme_half_over_the_programme(outside_earlier: int, verdict: Verdict) -> None:
    # Programme of 6 required courses: at most 3 may come from outside. 2 other-programme now + earlier HEI courses.
    courses = [other_prog("O1"), other_prog("O2")]
    facts = reg(courses, programme_required_courses=6, other_hei_courses_earlier=outside_earlier)
    assert R.other_programme_courses(facts, ON).value is verdict


def hei(code: str, elective: bool = True) -> dict[str, Any]:
    return course(code, origin="OTHER_HEI", elective=elective)


@pytest.mark.rule("KTMU-26(9)-1")
@pytest.mark.parametrize(("n", "verdict"), [(1, P), (2, P), (3, F)])
def test_KTMU_26_9_1_two_electives_per_semester_at_other_heis(n: int, verdict: Verdict) -> None:
    assert R.other_hei_courses(reg([hei(f"H{i}") for i in range(n)]), ON).value is verdict


@pytest.mark.rule("KTMU-26(9)-1")
def test_KTMU_26_9_1_only_electives_and_own_half() -> None:
    assert R.other_hei_courses(reg([hei("H1", elective=False)]), ON).value is F
    facts = reg([hei("H1"), hei("H2")], programme_required_courses=4, other_hei_courses_earlier=1)
    assert R.other_hei_courses(facts, ON).value is F  # 3 outside > ½ × 4


@pytest.mark.rule("KTMU-26(9)-2")
def test_KTMU_26_9_2_application_consent_council_board() -> None:
    full = [
        {"body": "student", "act": "APPLY"},
        {"body": "supervisor", "act": "CONSENT"},
        {"body": "fos_council", "act": "PROPOSE"},
        {"body": "institute_board", "act": "DECIDE"},
    ]
    assert R.other_hei_approval({"written_application": True, "approvals": full}, ON).value is P
    assert R.other_hei_approval({"written_application": False, "approvals": full}, ON).value is F
    assert R.other_hei_approval({"written_application": True, "approvals": [full[0], *full[2:]]}, ON).value is F


@pytest.mark.rule("KTMU-26(10)-1")
@pytest.mark.parametrize(
    ("required", "selected", "verdict"),
    [(4, 4, P), (4, 6, W), (4, 7, F), (2, 3, W), (2, 4, F), (1, 2, W), (5, 7, W), (5, 8, F)],
)
def test_KTMU_26_10_1_overload_allowance_a37(required: int, selected: int, verdict: Verdict) -> None:
    # extra ≤ max(1, ⌊½ × required⌋): 4 → 2 extra, 2 → 1, 1 → 1, 5 → 2.
    courses = [course(f"C{i}", instructors=[f"i{i}"]) for i in range(selected)]
    assert R.overload_limit(reg(courses, semester_required_courses=required), ON).value is verdict


def graded(code: str, letter: str, score: str, ects: str = "6") -> dict[str, Any]:
    return {"code": code, "letter": letter, "score": Decimal(score), "ects": Decimal(ects)}


HIDE = [{"body": "student", "act": "APPLY"}, {"body": "institute_board", "act": "DECIDE"}]


@pytest.mark.rule("KTMU-26(10)-2")
def test_KTMU_26_10_2_lowest_grade_hidden() -> None:
    courses = [graded("A", "BA", "87"), graded("B", "CC", "72"), graded("C", "CC", "70"), graded("X", "AA", "95")]
    facts = {"courses": courses, "semester_required_courses": 3, "semester_required_ects": Decimal("18"), "approvals": HIDE}
    assert R.overload_hidden_course(facts, ON).value == "C"  # lowest letter CC, tie broken by the lower score
    assert R.overload_hidden_course({**facts, "semester_required_courses": 4}, ON).value is None  # no extra course
    assert R.overload_hidden_course({**facts, "approvals": HIDE[:1]}, ON).value is None  # no Board decision
    assert R.overload_hidden_course({**facts, "semester_required_ects": Decimal("18.5")}, ON).value is None  # ECTS short


@pytest.mark.rule("KTMU-26(10)-2")
@settings(max_examples=60, deadline=None)
@given(st.permutations([graded("A", "BB", "80"), graded("B", "CB", "77"), graded("C", "CB", "77", "5"), graded("D", "AA", "99")]))
def test_KTMU_26_10_2_hidden_course_independent_of_order(courses: list[dict[str, Any]]) -> None:
    facts = {"courses": courses, "semester_required_courses": 3, "semester_required_ects": Decimal("17"), "approvals": HIDE}
    assert R.overload_hidden_course(facts, ON).value == "C"  # CB, score tie → smaller ECTS


@pytest.mark.rule("KTMU-26(11)-1")
def test_KTMU_26_11_1_thesis_stage_renewal_by_thesis_course() -> None:
    assert R.thesis_stage_registration({"level": "MA", "stage": "THESIS", "selected_kinds": ["THESIS"]}, ON).value is P
    assert R.thesis_stage_registration({"level": "MA", "stage": "THESIS", "selected_kinds": ["RESEARCH_PRACTICE"]}, ON).value is F
    store = params.store().with_version("ktmu.studies.thesis_stage_requires_thesis_course", D(2025, 1, 1), False)
    with params.using(store):
        assert R.thesis_stage_registration({"level": "MA", "stage": "THESIS", "selected_kinds": ["RESEARCH_PRACTICE"]}, ON).value is P
        assert R.thesis_stage_registration({"level": "MA", "stage": "THESIS", "selected_kinds": ["TAUGHT"]}, ON).value is F


@pytest.mark.rule("KTMU-26(12)-1")
@pytest.mark.parametrize(
    ("level", "stage", "kinds", "verdict"),
    [
        ("PHD", "QUALIFYING", ["QUALIFYING_EXAM"], P),
        ("PHD", "QUALIFYING", ["TAUGHT"], F),
        ("PHD", "THESIS", ["THESIS", "SEMINAR"], P),
        ("AI", "THESIS", ["ARTWORK", "SEMINAR"], P),
        ("PHD", "THESIS", ["THESIS"], F),
        ("AI", "THESIS", ["SEMINAR"], F),
        ("MA", "QUALIFYING", ["TAUGHT"], P),
    ],
)
def test_KTMU_26_12_1_doctoral_stage_selections(level: str, stage: str, kinds: list[str], verdict: Verdict) -> None:
    assert R.thesis_stage_registration({"level": level, "stage": stage, "selected_kinds": kinds}, ON).value is verdict


SEL = {"effective_supervisor_id": "sup", "supervisor_deadline": D(2025, 9, 12)}


@pytest.mark.rule("KTMU-26(13)-1", "KTMU-26(13)-2")
def test_KTMU_26_13_1_supervisor_approves() -> None:
    assert R.selection_approval_state({**SEL, "status": "APPROVED", "approved_by": "sup"}, D(2025, 9, 10)).value == "APPROVED"
    # Approval by someone else does not count; pending until the deadline.
    assert R.selection_approval_state({**SEL, "status": "APPROVED", "approved_by": "x"}, D(2025, 9, 10)).value == "SUBMITTED"
    assert R.selection_approval_state({**SEL, "status": "CHANGES_REQUESTED"}, D(2025, 9, 13)).value == "CHANGES_REQUESTED"


@pytest.mark.rule("KTMU-26(13)-3")
@pytest.mark.parametrize(("today", "value"), [(D(2025, 9, 12), "SUBMITTED"), (D(2025, 9, 13), "AUTO_APPROVED")])
def test_KTMU_26_13_3_auto_approval_after_supervisor_silence(today: dt.date, value: str) -> None:
    assert R.selection_approval_state({**SEL, "status": "SUBMITTED"}, today).value == value


# --- art. 28 ------------------------------------------------------------------------------------


@pytest.mark.rule("KTMU-28(1)-1")
@pytest.mark.parametrize(("day", "consent", "verdict"), [(D(2025, 9, 14), True, F), (D(2025, 9, 15), True, P), (D(2025, 9, 19), True, P), (D(2025, 9, 20), True, F), (D(2025, 9, 16), False, F)])
def test_KTMU_28_1_1_add_drop_with_consent(day: dt.date, consent: bool, verdict: Verdict) -> None:
    facts = {"change_on": day, "adddrop_start": D(2025, 9, 15), "adddrop_end": D(2025, 9, 19), "supervisor_consent": consent}
    assert R.add_drop_change(facts, ON).value is verdict


@pytest.mark.rule("KTMU-28(2)-1")
def test_KTMU_28_2_1_run_list_on_calendar_day_after_add_drop() -> None:
    base = {"adddrop_end": D(2025, 9, 19), "calendar_publication_date": D(2025, 9, 22)}
    assert R.run_list_publication({**base, "published_on": D(2025, 9, 22)}, ON).value is P
    assert R.run_list_publication({**base, "published_on": D(2025, 9, 23)}, ON).value is F
    assert R.run_list_publication({**base, "published_on": None}, ON).value is F
    bad_calendar = {"adddrop_end": D(2025, 9, 19), "calendar_publication_date": D(2025, 9, 19), "published_on": D(2025, 9, 19)}
    assert R.run_list_publication(bad_calendar, ON).value is F


# Thursday 19 March 2026; Friday 20 is Orozo Ait, 21–22 the weekend: working days Mon 23, Tue 24, Wed 25.
THU = D(2026, 3, 19)


@pytest.mark.rule("KTMU-28(3)-1")
@pytest.mark.parametrize(("form_on", "verdict"), [(D(2026, 3, 25), P), (D(2026, 3, 26), F), (D(2026, 3, 19), P), (D(2026, 3, 18), F)])
def test_KTMU_28_3_1_replacement_within_three_working_days_across_holiday(form_on: dt.date, verdict: Verdict) -> None:
    facts = {"run_list_published_on": THU, "original_course_runs": False, "new_course_runs": True, "course_selection_form": True, "form_on": form_on}
    out = R.course_replacement(facts, D(2026, 4, 1))
    assert out.value is verdict
    reasons = {s.day: s.reason for s in out.explanation.skipped}
    assert D(2026, 3, 20) in reasons and reasons[D(2026, 3, 22)] == "weekend"


@pytest.mark.rule("KTMU-28(3)-1")
def test_KTMU_28_3_1_conditions_and_calendar_deadline() -> None:
    base = {"run_list_published_on": THU, "original_course_runs": False, "new_course_runs": True, "course_selection_form": True, "form_on": D(2026, 3, 23)}
    assert R.course_replacement({**base, "original_course_runs": True}, ON).value is F
    assert R.course_replacement({**base, "new_course_runs": False}, ON).value is F
    assert R.course_replacement({**base, "course_selection_form": False}, ON).value is F
    assert R.course_replacement({**base, "replacement_deadline": D(2026, 3, 20), "form_on": D(2026, 3, 21)}, ON).value is F


@pytest.mark.rule("KTMU-28(3)-2")
@pytest.mark.parametrize(("day", "verdict"), [(D(2026, 3, 25), P), (D(2026, 3, 26), F)])
def test_KTMU_28_3_2_frozen_after_replacement_period(day: dt.date, verdict: Verdict) -> None:
    assert R.selection_frozen({"run_list_published_on": THU, "change_on": day}, ON).value is verdict


# --- batch --------------------------------------------------------------------------------------

course_st = st.builds(
    lambda i, instr, origin, elective, level, proposed, lang, kind: course(
        f"C{i}",
        title_key=f"T{i % 5}",
        language=lang,
        instructors=[f"p{instr}"],
        origin=origin,
        elective=elective,
        origin_level=level,
        supervisor_proposed=proposed,
        kind=kind,
    ),
    st.integers(0, 9),
    st.integers(0, 3),
    st.sampled_from(["OWN_PROGRAMME", "INSTITUTE_CODE", "OTHER_PROGRAMME", "OTHER_HEI"]),
    st.booleans(),
    st.sampled_from(["MA", "PHD", "BACHELOR"]),
    st.booleans(),
    st.sampled_from(["ky", "tr", "en"]),
    st.sampled_from(["TAUGHT", "TAUGHT", "THESIS", "SEMINAR"]),
)
reg_st = st.builds(
    lambda courses, level, req, prog, e1, e2, exempt: reg(
        courses,
        level=level,
        semester_required_courses=req,
        programme_required_courses=prog,
        other_programme_courses_earlier=e1,
        other_hei_courses_earlier=e2,
        exempt_languages=exempt,
        passed_title_keys=["T0"],
    ),
    st.lists(course_st, max_size=7),
    st.sampled_from(["MA", "PHD", "AI"]),
    st.integers(0, 6),
    st.integers(0, 14),
    st.integers(0, 3),
    st.integers(0, 3),
    st.one_of(st.none(), st.sampled_from([["ky", "tr"], ["tr"], ["en"]])),
)


@pytest.mark.rule("KTMU-26(6)-1", "KTMU-26(7)-1", "KTMU-26(8)-1", "KTMU-26(9)-1", "KTMU-26(10)-1", "KTMU-19(11)-1")
@settings(max_examples=200, deadline=None)
@given(st.lists(reg_st, min_size=1, max_size=4))
def test_check_registrations_agrees_with_the_rules(registrations: list[dict[str, Any]]) -> None:
    results = R.check_registrations(registrations, ON)
    assert len(results) == len(registrations)
    for item, res in zip(registrations, results, strict=True):
        outcomes = R.registration_limits(item, ON)
        failed = {rid for o in outcomes if o.value is F for rid in o.rule_ids}
        warned = {rid for o in outcomes if o.value is W for rid in o.rule_ids}
        assert set(res.failed) == failed
        assert set(res.warned) == warned - failed
        assert res.verdict is (F if failed else W if warned else P)
        assert [o.value for o in res.explain()] == [o.value for o in outcomes]
    models = [R.Registration.model_validate(r) for r in registrations]
    for a, b, c in zip(results, R.check_registrations(models, ON), R.check_registrations(registrations, ON, validate=True), strict=True):
        assert (a.verdict, a.failed, a.warned) == (b.verdict, b.failed, b.warned) == (c.verdict, c.failed, c.warned)


@pytest.mark.rule("KTMU-26(9)-1")
def test_KTMU_26_9_1_batch_reads_an_absent_earlier_count_as_zero() -> None:
    """A plain dict without ``other_hei_courses_earlier`` means none earlier (the model's default), so
    2 other-HEI + 1 other-programme course of 4 required is 3 outside > ½ × 4 in the batch too."""
    facts = reg([hei("H1"), hei("H2"), course("P1", origin="OTHER_PROGRAMME")], programme_required_courses=4)
    assert "other_hei_courses_earlier" not in facts
    assert R.other_hei_courses(facts, ON).value is F
    (res,) = R.check_registrations([facts], ON)
    assert "KTMU-26(9)-1" in res.failed


@pytest.mark.rule("KTMU-26(9)-1")
def test_KTMU_26_9_1_earlier_counts_are_never_negative() -> None:
    from pydantic import ValidationError

    with pytest.raises(ValidationError):
        R.other_hei_courses(reg([hei("H1")], other_hei_courses_earlier=-1), ON)
    assert R.other_hei_courses(reg([hei("H1")], other_hei_courses_earlier=0), ON).value is P


def test_a_graded_selection_is_a_frozen_record() -> None:
    from pydantic import ValidationError

    g = R.GradedSelection.model_validate({"code": "C1", "letter": "AA", "score": "95", "ects": "6"})
    with pytest.raises(ValidationError):
        g.code = "C2"  # type: ignore[misc]
