"""KTMU arts. 5–9: language and form of instruction, opening and changing programmes, staff
minimums (ERRATA 1 for the doctorate), new courses, quotas, the admission announcement."""

from __future__ import annotations

import datetime as dt

import pytest

from bilim.regulations.core import Verdict, params
from bilim.regulations.postgrad import programme as p

D = dt.date
ON = D(2026, 11, 21)


def dec(body: str, day: int, positive: bool = True, act: str = "DECIDE") -> dict:
    return {"body": body, "act": act, "date": D(2026, 3, day), "number": f"{body}-{day}", "positive": positive}


# ---------------------------------------------------------------- art. 5


@pytest.mark.rule("KTMU-5(1)-1")
def test_KTMU_5_1_1_master_programmes_in_kyrgyz_and_turkish() -> None:
    base = {"programme_code": "ECO-MA", "level": "MA"}
    assert p.programme_languages(base | {"instruction_languages": ["ky", "tr"]}, ON).value is Verdict.PASS
    assert p.programme_languages(base | {"instruction_languages": ["tr"]}, ON).value is Verdict.PASS
    assert p.programme_languages(base | {"instruction_languages": ["ky", "ru"]}, ON).value is Verdict.FAIL
    # an approved programme taught entirely in English (art. 5(4), A-02)
    en = base | {"instruction_languages": ["en"], "fully_foreign_language": "en"}
    assert p.programme_languages(en, ON).value is Verdict.PASS
    assert p.programme_languages(en | {"instruction_languages": ["en", "ky"]}, ON).value is Verdict.FAIL
    # A-02 default: doctoral programmes too; alternative: MA only
    phd = {"programme_code": "ECO-PHD", "level": "PHD", "instruction_languages": ["ru"]}
    assert p.programme_languages(phd, ON).value is Verdict.FAIL
    with params.using(params.store().with_version("ktmu.prog.language_rule_levels", D(2026, 1, 1), ["MA"])):
        assert p.programme_languages(phd, ON).value is Verdict.PASS


@pytest.mark.rule("KTMU-5(2)-1")
def test_KTMU_5_2_1_foreign_language_section_needs_three_decisions() -> None:
    f = {"course_code": "ECO501", "section_language": "en",
         "decisions": [dec("fos_council", 1, act="PROPOSE"), dec("institute_board", 5), dec("senate", 9, act="CONSENT")]}
    assert p.foreign_language_section(f, ON).value is Verdict.PASS  # Institute Board acts as council
    assert p.foreign_language_section(f | {"decisions": f["decisions"][:2]}, ON).value is Verdict.FAIL
    # the Senate consented before the Institute decided: out of order
    bad_order = [dec("fos_council", 1), dec("institute_board", 10), dec("senate", 9)]
    out = p.foreign_language_section(f | {"decisions": bad_order}, ON)
    assert out.value is Verdict.FAIL and out.explanation.message_key == "ktmu.gov.chain.order"
    # a negative Senate decision
    neg = [dec("fos_council", 1), dec("institute_board", 5), dec("senate", 9, positive=False)]
    assert p.foreign_language_section(f | {"decisions": neg}, ON).explanation.message_key == "ktmu.gov.chain.rejected"
    # own language: nothing needed
    assert p.foreign_language_section({"course_code": "ECO501", "section_language": "ky"}, ON).value is Verdict.PASS
    # A-01 alternative: a separate institute council must decide
    with params.using(params.store().with_version("ktmu.gov.institute_council_body", D(2026, 1, 1), "institute_council")):
        assert p.foreign_language_section(f, ON).value is Verdict.FAIL
        council = [dec("fos_council", 1), dec("institute_council", 5), dec("senate", 9)]
        assert p.foreign_language_section(f | {"decisions": council}, ON).value is Verdict.PASS


@pytest.mark.rule("KTMU-5(2)-2")
def test_KTMU_5_2_2_practicals_and_exams_in_the_section_language() -> None:
    f = {"course_code": "ECO501", "section_language": "en", "practical_languages": ["en"], "exam_languages": ["EN"]}
    assert p.section_language_consistency(f, ON).value is Verdict.PASS
    assert p.section_language_consistency(f | {"exam_languages": ["en", "tr"]}, ON).value is Verdict.FAIL
    assert p.section_language_consistency(f | {"practical_languages": ["ky"]}, ON).value is Verdict.FAIL


@pytest.mark.rule("KTMU-5(3)-1")
def test_KTMU_5_3_1_thesis_in_foreign_language() -> None:
    chain = [dec("supervisor", 1, act="APPLY"), dec("fos_council", 2, act="PROPOSE"), dec("institute_board", 3)]
    f = {"student_id": "S1", "thesis_language": "en", "decisions": chain}
    assert p.thesis_foreign_language(f, ON).value is Verdict.PASS
    assert p.thesis_foreign_language(f | {"decisions": chain[1:]}, ON).value is Verdict.FAIL  # no supervisor application
    assert p.thesis_foreign_language(f | {"decisions": chain[:2]}, ON).value is Verdict.FAIL  # no Board decision
    assert p.thesis_foreign_language({"student_id": "S1", "thesis_language": "tr"}, ON).value is Verdict.PASS


@pytest.mark.rule("KTMU-5(4)-1")
def test_KTMU_5_4_1_fully_foreign_programme_work_in_that_language() -> None:
    f = {"programme_code": "IR-EN", "fully_foreign_language": "en", "thesis_language": "en",
         "qualifying_exam_language": "en", "defence_language": "en", "report_languages": ["en", "en"]}
    assert p.foreign_programme_languages(f, ON).value is Verdict.PASS
    assert p.foreign_programme_languages(f | {"defence_language": "tr"}, ON).value is Verdict.FAIL
    assert p.foreign_programme_languages(f | {"report_languages": ["en", "ky"]}, ON).value is Verdict.FAIL


@pytest.mark.rule("KTMU-5(5)-1", "KTMU-5(5)-2")
def test_KTMU_5_5_full_time_unless_senate_allows_distance() -> None:
    assert p.delivery_mode({"subject": "ECO-MA", "mode": "FULL_TIME"}, ON).value is Verdict.PASS
    assert p.delivery_mode({"subject": "ECO-MA", "mode": "DISTANCE"}, ON).value is Verdict.FAIL
    ok = {"subject": "ECO-MA", "mode": "DISTANCE", "senate_decision": dec("senate", 1)}
    assert p.delivery_mode(ok, ON).value is Verdict.PASS
    assert p.delivery_mode(ok | {"senate_decision": dec("institute_board", 1)}, ON).value is Verdict.FAIL
    assert p.delivery_mode(ok | {"senate_decision": dec("senate", 1, positive=False)}, ON).value is Verdict.FAIL


# ---------------------------------------------------------------- art. 6


FULL_OPENING = [dec("fos_council", 1), dec("institute_board", 2), dec("senate", 3), dec("trustees", 4)]


@pytest.mark.rule("KTMU-6(1)-1")
def test_KTMU_6_1_1_opening_chain_to_trustees() -> None:
    assert p.programme_opening_approvals({"subject": "ECO-MA", "decisions": FULL_OPENING}, ON).value is Verdict.PASS
    for i in range(4):  # drop any one step
        partial = FULL_OPENING[:i] + FULL_OPENING[i + 1 :]
        assert p.programme_opening_approvals({"subject": "ECO-MA", "decisions": partial}, ON).value is Verdict.FAIL
    # same-day decisions are in order; a rejected then re-decided step counts its positive decision
    same_day = [dec("fos_council", 1), dec("institute_board", 1), dec("senate", 1), dec("trustees", 1)]
    assert p.programme_opening_approvals({"subject": "X", "decisions": same_day}, ON).value is Verdict.PASS
    redo = FULL_OPENING[:2] + [dec("senate", 3, positive=False), dec("senate", 5), dec("trustees", 6)]
    assert p.programme_opening_approvals({"subject": "X", "decisions": redo}, ON).value is Verdict.PASS


@pytest.mark.rule("KTMU-6(1)-2")
def test_KTMU_6_1_2_programme_named_as_its_fos() -> None:
    f = {"programme_type": "REGULAR", "programme_name": "Economics ", "fos_name": "economics"}
    assert p.programme_name_matches_fos(f, ON).value is Verdict.PASS
    assert p.programme_name_matches_fos(f | {"programme_name": "Applied Economics"}, ON).value is Verdict.FAIL
    assert p.programme_name_matches_fos(f | {"programme_type": "JOINT", "programme_name": "Econ"}, ON).value is Verdict.FAIL
    assert p.programme_name_matches_fos(f | {"programme_type": "INTERDISCIPLINARY", "programme_name": "X"}, ON).value is Verdict.PASS


@pytest.mark.rule("KTMU-6(2)-1")
def test_KTMU_6_2_1_interdisciplinary_chain() -> None:
    chain = [dec("inst_mgmt", 1), dec("senate", 2), dec("trustees", 3, act="CONSENT")]
    assert p.interdisciplinary_opening_approvals({"subject": "IDP", "decisions": chain}, ON).value is Verdict.PASS
    # the regular chain does not open an interdisciplinary programme (no institute-management proposal)
    assert p.interdisciplinary_opening_approvals({"subject": "IDP", "decisions": FULL_OPENING}, ON).value is Verdict.FAIL


def instr(pid: str, **kw) -> dict:  # type: ignore[no-untyped-def]
    base = {"person_id": pid, "fos": "Economics", "full_salary": True, "has_degree": True, "has_title": True,
            "title": "NONE", "employer": "KTMU"}
    return base | kw


@pytest.mark.rule("KTMU-6(2)-2")
def test_KTMU_6_2_2_interdisciplinary_staff() -> None:
    f = {"programme_code": "IDP", "managing_fos": "Economics", "instructors": [instr("a"), instr("b")]}
    assert p.interdisciplinary_staff(f, ON).value is Verdict.PASS
    assert p.interdisciplinary_staff(f | {"managing_fos": None}, ON).value is Verdict.FAIL
    assert p.interdisciplinary_staff(f | {"instructors": [instr("a"), instr("b", full_salary=False)]}, ON).value is Verdict.FAIL
    assert p.interdisciplinary_staff(f | {"instructors": [instr("a", employer="AUCA")]}, ON).value is Verdict.FAIL
    assert p.interdisciplinary_staff(f | {"instructors": []}, ON).value is Verdict.FAIL


@pytest.mark.rule("KTMU-6(3)-1")
def test_KTMU_6_3_1_joint_programme_staff_from_the_parties() -> None:
    f = {"programme_code": "JP", "partner_universities": ["Ankara University"],
         "instructors": [instr("a"), instr("b", employer="Ankara University")]}
    assert p.joint_programme_staff(f, ON).value is Verdict.PASS
    assert p.joint_programme_staff(f | {"partner_universities": []}, ON).value is Verdict.FAIL
    assert p.joint_programme_staff(f | {"instructors": [instr("c", employer="Other HEI")]}, ON).value is Verdict.FAIL
    assert p.joint_programme_staff(f | {"instructors": [instr("d", is_staff=False)]}, ON).value is Verdict.FAIL


@pytest.mark.rule("KTMU-6(4)-1")
def test_KTMU_6_4_1_programme_change_chain() -> None:
    chain = [dec("fos_council", 1), dec("institute_board", 2), dec("senate", 3)]
    assert p.programme_change_approvals({"subject": "ECO-MA v2", "decisions": chain}, ON).value is Verdict.PASS
    assert p.programme_change_approvals({"subject": "ECO-MA v2", "decisions": chain[:2]}, ON).value is Verdict.FAIL


def staff(n_prof: int, n_assoc: int, n_other: int, **kw) -> list[dict]:  # type: ignore[no-untyped-def]
    out = [instr(f"p{i}", title="PROF", **kw) for i in range(n_prof)]
    out += [instr(f"a{i}", title="ASSOC_PROF", **kw) for i in range(n_assoc)]
    out += [instr(f"o{i}", title="NONE", **kw) for i in range(n_other)]
    return out


@pytest.mark.rule("KTMU-6(5)-1")
@pytest.mark.parametrize(
    "prof, assoc, other, verdict",
    [(0, 1, 2, Verdict.PASS), (1, 0, 2, Verdict.PASS), (0, 1, 1, Verdict.FAIL), (0, 0, 3, Verdict.FAIL), (0, 0, 5, Verdict.FAIL)],
)
def test_KTMU_6_5_1_master_opening_three_with_one_senior(prof: int, assoc: int, other: int, verdict: Verdict) -> None:
    assert p.master_opening_staff({"fos": "Economics", "instructors": staff(prof, assoc, other)}, ON).value is verdict


@pytest.mark.rule("KTMU-6(5)-1")
def test_KTMU_6_5_1_only_full_salaried_with_degree_and_title_count() -> None:
    team = staff(1, 0, 2)
    team[2] = instr("o1", has_title=False)
    assert p.master_opening_staff({"fos": "Economics", "instructors": team}, ON).value is Verdict.FAIL
    team[2] = instr("o1", full_salary=False)
    assert p.master_opening_staff({"fos": "Economics", "instructors": team}, ON).value is Verdict.FAIL
    team[2] = instr("o1", fos="Law")
    assert p.master_opening_staff({"fos": "Economics", "instructors": team}, ON).value is Verdict.FAIL


@pytest.mark.rule("KTMU-6(6)-1")
@pytest.mark.parametrize(
    "prof, assoc, other, verdict",
    [
        (2, 0, 3, Verdict.PASS),  # 5 with 2 professors
        (1, 2, 2, Verdict.PASS),  # 5 with 1 professor + 2 associate professors
        (1, 1, 3, Verdict.FAIL),  # 1 professor + 1 associate professor
        (0, 5, 0, Verdict.FAIL),  # no professor
        (2, 0, 2, Verdict.FAIL),  # only 4
        (3, 3, 3, Verdict.PASS),
    ],
)
def test_KTMU_6_6_1_doctoral_opening_five_with_senior_staff(prof: int, assoc: int, other: int, verdict: Verdict) -> None:
    assert p.doctoral_opening_staff({"fos": "Economics", "instructors": staff(prof, assoc, other)}, ON).value is verdict


@pytest.mark.rule("KTMU-6(6)-1")
def test_KTMU_6_6_1_errata_1_degree_and_title_not_required_of_all_five() -> None:
    team = staff(2, 0, 0) + staff(0, 0, 3, has_degree=False, has_title=False)
    team = [dict(m, person_id=f"x{i}") for i, m in enumerate(team)]
    assert p.doctoral_opening_staff({"fos": "Economics", "instructors": team}, ON).value is Verdict.PASS
    # part-time instructors do not count
    part = team[:4] + [instr("pt", full_salary=False)]
    assert p.doctoral_opening_staff({"fos": "Economics", "instructors": part}, ON).value is Verdict.FAIL
    strict = params.store().with_version("ktmu.prog.phd_open_require_degree_title", D(2026, 1, 1), True)
    with params.using(strict):
        assert p.doctoral_opening_staff({"fos": "Economics", "instructors": team}, ON).value is Verdict.FAIL
    # the same minimum applies to assistantship-internship programmes
    assert p.doctoral_opening_staff({"fos": "Economics", "level": "AI", "instructors": team[:4]}, ON).value is Verdict.FAIL


def full_proposal() -> dict:
    course = {"code": "ECO501", "title": "Micro", "hours": 3, "credit": 3, "ects": 6, "content": "…", "outcomes": "…"}
    return {"programme_code": "ECO-MA", "reasons": "demand", "qualification": "Master of Economics",
            "admission_conditions": "BA", "graduation_conditions": "thesis", "semesters": {1: [course]},
            "instructors": ["a"], "instructor_cvs": ["a"], "publication_lists": ["a"]}


@pytest.mark.rule("KTMU-6(8)-1")
def test_KTMU_6_8_1_opening_proposal_complete() -> None:
    assert p.opening_proposal_complete(full_proposal(), ON).value is Verdict.PASS
    for field in ("reasons", "qualification", "admission_conditions", "graduation_conditions"):
        assert p.opening_proposal_complete(full_proposal() | {field: ""}, ON).value is Verdict.FAIL
    no_ects = full_proposal()
    no_ects["semesters"] = {1: [dict(no_ects["semesters"][1][0], ects=None)]}
    out = p.opening_proposal_complete(no_ects, ON)
    assert out.value is Verdict.FAIL and "semester 1 course ECO501: ects" in out.explanation.message_values["missing"]
    assert p.opening_proposal_complete(full_proposal() | {"publication_lists": []}, ON).value is Verdict.FAIL
    assert p.opening_proposal_complete(full_proposal() | {"semesters": {}}, ON).value is Verdict.FAIL


# ---------------------------------------------------------------- art. 7–8


def four(text: str) -> dict:
    return {"ky": text, "tr": text, "en": text, "ru": text}


@pytest.mark.rule("KTMU-7-1")
def test_KTMU_7_1_course_application_in_four_languages() -> None:
    app = {"instructor_id": "a", "name": four("n"), "content": four("c"), "sources": four("s"), "outcomes": four("o"),
           "credit": "3", "theory_hours_per_week": "2", "practice_or_lab_hours_per_week": "2", "ects": "6"}
    assert p.new_course_application(app, ON).value is Verdict.PASS
    no_ru = app | {"sources": {"ky": "s", "tr": "s", "en": "s"}}
    out = p.new_course_application(no_ru, ON)
    assert out.value is Verdict.FAIL and out.explanation.message_values["missing"] == ["sources[ru]"]
    assert p.new_course_application(app | {"ects": None}, ON).value is Verdict.FAIL
    # credit inconsistent with the hours (KTMU-4-1: 2 + 2/2 = 3, not 4)
    assert p.new_course_application(app | {"credit": "4"}, ON).value is Verdict.FAIL


@pytest.mark.rule("KTMU-7-2")
def test_KTMU_7_2_course_opening_chain() -> None:
    chain = [dec("fos_council", 1), dec("institute_board", 2), dec("senate", 3, act="APPROVE")]
    assert p.course_opening_approvals({"subject": "ECO501", "decisions": chain}, ON).value is Verdict.PASS
    assert p.course_opening_approvals({"subject": "ECO501", "decisions": chain[1:]}, ON).value is Verdict.FAIL


@pytest.mark.rule("KTMU-8-1")
def test_KTMU_8_1_quota_approved_by_trustees() -> None:
    f = {"subject": "ECO-MA 2027", "quota": 12, "decisions": FULL_OPENING}
    assert p.quota_approvals(f, ON).value is Verdict.PASS
    out = p.quota_approvals(f | {"decisions": FULL_OPENING[:3]}, ON)
    assert out.value is Verdict.FAIL and out.explanation.message_values["body"] == "Trustees"


# ---------------------------------------------------------------- art. 9


def announcement() -> dict:
    return {"academic_year": "2027-2028", "quotas": {"ECO-MA": 12}, "documents_application": ["diploma"],
            "documents_final_registration": ["original diploma"], "application_conditions": "GPA ≥ 2.00",
            "specialist_exam": {"date": "2027-07-20", "time": "10:00", "place": "Room 1", "form": "written+oral"},
            "registration_start": "2027-08-01", "registration_end": "2027-08-05",
            "language_exemption_exam_date": "2027-09-01"}


@pytest.mark.rule("KTMU-9-1")
def test_KTMU_9_1_announcement_content() -> None:
    assert p.announcement_complete(announcement(), ON).value is Verdict.PASS
    out = p.announcement_complete(announcement() | {"specialist_exam": {"date": "2027-07-20"}}, ON)
    assert out.value is Verdict.FAIL
    assert out.explanation.message_values["missing"] == ["specialist_exam.time", "specialist_exam.place", "specialist_exam.form"]
    assert p.announcement_complete(announcement() | {"quotas": {}}, ON).value is Verdict.FAIL
    assert p.announcement_complete(announcement() | {"registration_end": None}, ON).value is Verdict.FAIL


@pytest.mark.rule("KTMU-9-2")
@pytest.mark.parametrize(
    "day, verdict",
    [
        (D(2027, 6, 19), Verdict.WARN),  # before 20 June: warning
        (D(2027, 6, 20), Verdict.PASS),
        (D(2027, 10, 10), Verdict.PASS),  # inclusive end
        (D(2027, 10, 11), Verdict.FAIL),
        (D(2028, 1, 5), Verdict.FAIL),
    ],
)
def test_KTMU_9_2_admission_between_20_june_and_10_october(day: dt.date, verdict: Verdict) -> None:
    f = {"admission_year": 2027, "dates": {"application_start": D(2027, 7, 1), "step": day}}
    assert p.admission_window(f, ON).value is verdict


@pytest.mark.rule("KTMU-9-3")
def test_KTMU_9_3_publication_after_board_and_senate_on_both_web_pages() -> None:
    f = {"subject": "ANN 2027", "decisions": [dec("institute_board", 1, act="PROPOSE"), dec("senate", 4)],
         "published_on": ["RECTORATE_WEB", "INSTITUTE_WEB"], "published_date": D(2026, 3, 4)}
    assert p.announcement_publication(f, ON).value is Verdict.PASS
    assert p.announcement_publication(f | {"published_date": D(2026, 3, 3)}, ON).value is Verdict.FAIL  # before the Senate
    assert p.announcement_publication(f | {"published_on": ["INSTITUTE_WEB"]}, ON).value is Verdict.FAIL
    assert p.announcement_publication(f | {"decisions": [dec("senate", 4)]}, ON).value is Verdict.FAIL


@pytest.mark.rule("KTMU-9-4")
def test_KTMU_9_4_admission_once_a_year() -> None:
    r1 = {"programme_code": "ECO-MA", "institute": "SSI", "academic_year": "2027-2028", "round_id": "R1"}
    r2 = r1 | {"round_id": "R2"}
    other = r1 | {"programme_code": "LAW-MA", "round_id": "R3"}
    next_year = r1 | {"academic_year": "2028-2029", "round_id": "R4"}
    assert p.admission_rounds_per_year({"rounds": [r1, other, next_year]}, ON).value is Verdict.PASS
    assert p.admission_rounds_per_year({"rounds": [r1, r2]}, ON).value is Verdict.FAIL
    # A-10 alternative: once per institute
    with params.using(params.store().with_version("ktmu.prog.admission_round_scope", D(2026, 1, 1), "institute")):
        assert p.admission_rounds_per_year({"rounds": [r1, other]}, ON).value is Verdict.FAIL


@pytest.mark.rule("KTMU-6(7)-1")
def test_KTMU_6_7_1_facilities_present_and_confirmed() -> None:
    f = {"programme_code": "CHEM-MA", "required": ["laboratory", "library"], "available": ["laboratory", "library", "clinic"],
         "reviewer_confirmed": True}
    assert p.opening_facilities(f, ON).value is Verdict.PASS
    assert p.opening_facilities(f | {"available": ["library"]}, ON).value is Verdict.FAIL
    assert p.opening_facilities(f | {"reviewer_confirmed": False}, ON).value is Verdict.FAIL
    assert p.opening_facilities(f | {"required": []}, ON).value is Verdict.FAIL


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

TITLES = st.sampled_from(["PROF", "ASSOC_PROF", "NONE"])
MEMBER = st.tuples(TITLES, st.booleans(), st.booleans())  # title, full_salary, degree+title


def _team(rows: list[tuple[str, bool, bool]]) -> list[dict]:
    return [instr(f"i{n}", title=t, full_salary=fs, has_degree=dt_, has_title=dt_) for n, (t, fs, dt_) in enumerate(rows)]


@pytest.mark.rule("KTMU-6(5)-1", "KTMU-6(6)-1")
@settings(max_examples=300, deadline=None)
@given(st.lists(MEMBER, max_size=9), MEMBER)
def test_KTMU_6_5_6_6_hiring_never_closes_an_open_door(rows, extra) -> None:  # type: ignore[no-untyped-def]
    """Adding an instructor never turns a PASS of the staff minimum into a FAIL, and the result
    does not depend on the order in which the FoS lists its instructors."""
    for rule_fn in (p.master_opening_staff, p.doctoral_opening_staff):
        before = rule_fn({"fos": "Economics", "instructors": _team(rows)}, ON).value
        after = rule_fn({"fos": "Economics", "instructors": _team(rows + [extra])}, ON).value
        if before is Verdict.PASS:
            assert after is Verdict.PASS
        assert rule_fn({"fos": "Economics", "instructors": _team(list(reversed(rows)))}, ON).value is before


@pytest.mark.rule("KTMU-6(6)-1")
@settings(max_examples=300, deadline=None)
@given(st.lists(MEMBER, max_size=9))
def test_KTMU_6_6_1_matches_the_original_sentence(rows) -> None:  # type: ignore[no-untyped-def]
    """«кеминде беш окутуучу, алардын экөөсү профессор, же болбосо бир профессор жана эки доцент»,
    counted among the full-salaried instructors (ERRATA 1: no degree/title condition)."""
    fs = [t for t, full, _ in rows if full]
    prof, assoc = fs.count("PROF"), fs.count("ASSOC_PROF")
    expected = len(fs) >= 5 and (prof >= 2 or (prof >= 1 and assoc >= 2))
    got = p.doctoral_opening_staff({"fos": "Economics", "instructors": _team(rows)}, ON).value
    assert (got is Verdict.PASS) is expected


@pytest.mark.rule("KTMU-6(1)-1")
def test_KTMU_6_1_1_a_recorded_decision_is_positive_unless_marked_negative() -> None:
    """A decision recorded without the ``positive`` flag is a positive decision (the usual record of a body's
    approval); only an explicit refusal breaks the chain."""
    plain = [{k: v for k, v in d.items() if k != "positive"} for d in FULL_OPENING]
    assert p.programme_opening_approvals({"subject": "ECO-MA", "decisions": plain}, ON).value is Verdict.PASS
    refused = plain[:2] + [dec("senate", 3, positive=False)] + plain[3:]
    assert p.programme_opening_approvals({"subject": "ECO-MA", "decisions": refused}, ON).value is Verdict.FAIL
