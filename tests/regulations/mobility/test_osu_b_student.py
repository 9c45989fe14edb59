"""OshSU clause 4.8 — the student (STU-1…5, 8…13, 15, 17…23). Expected values reasoned from the regulation."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bilim.regulations.core import RuleError, Verdict, params
from bilim.regulations.mobility import student as s

D = dt.date
ON = D(2026, 11, 21)


# --- STU-1 / STU-2 ---------------------------------------------------------------------------------------

AGR = {"valid_from": D(2024, 1, 1), "valid_to": D(2026, 8, 31)}


@pytest.mark.rule("OSU-4.8-STU-1")
@pytest.mark.parametrize(
    "start,basis,expected",
    [
        (D(2026, 8, 31), "INSTITUTIONAL_AGREEMENT", Verdict.PASS),  # last day of validity
        (D(2024, 1, 1), "INSTITUTIONAL_AGREEMENT", Verdict.PASS),  # first day of validity
        (D(2026, 9, 1), "INSTITUTIONAL_AGREEMENT", Verdict.FAIL),  # day after expiry
        (D(2023, 12, 31), "INSTITUTIONAL_AGREEMENT", Verdict.FAIL),  # day before validity
        (D(2026, 9, 1), "INDIVIDUAL_INVITATION", Verdict.WARN),  # allowed, IRD review
        (D(2026, 9, 1), "PROGRAMME", Verdict.WARN),
    ],
)
def test_OSU_4_8_STU_1_host_agreement_valid_on_start(start: dt.date, basis: str, expected: Verdict) -> None:
    out = s.application_host_ok(
        {"mobility_start_date": start, "term": "LONG", "basis": basis, "host_agreements": [AGR], "intended_disciplines": ["Physics"]},
        ON,
    )
    assert out.value is expected


@pytest.mark.rule("OSU-4.8-STU-1")
def test_OSU_4_8_STU_1_long_term_needs_disciplines_short_term_does_not() -> None:
    base = {"mobility_start_date": D(2025, 9, 1), "basis": "INSTITUTIONAL_AGREEMENT", "host_agreements": [AGR]}
    assert s.application_host_ok({**base, "term": "LONG"}, ON).value is Verdict.FAIL
    assert s.application_host_ok({**base, "term": "SHORT"}, ON).value is Verdict.PASS


@pytest.mark.rule("OSU-4.8-STU-2")
def test_OSU_4_8_STU_2_every_field_required() -> None:
    full = {
        "purpose": "study",
        "host_institution": "Ankara University",
        "year_of_study": 2,
        "language_of_instruction": "tr",
        "specialty": "Physics",
        "expected_funding_source": "MEVLANA",
    }
    assert s.application_fields(full, ON).value is Verdict.PASS
    for name in full:
        out = s.application_fields({**full, name: None}, ON)
        assert out.value is Verdict.FAIL
        assert out.explanation.message_values["fields"] == [name]
    assert s.application_fields({**full, "specialty": ""}, ON).value is Verdict.FAIL


# --- STU-3 -------------------------------------------------------------------------------------------------

BASE_DOCS = {"PARENTAL_CONSENT", "HOME_TRANSCRIPT", "QUESTIONNAIRE", "MOTIVATION_LETTER", "CITIZENSHIP_DOC_COPY"}


@pytest.mark.rule("OSU-4.8-STU-3")
def test_OSU_4_8_STU_3_documents_long_term_needs_isp_with_dlt_list() -> None:
    docs = BASE_DOCS | {"ISP"}
    ok = s.documents_complete({"level": "BACHELOR", "term": "LONG", "uploaded_documents": docs, "isp_has_dlt_list": True}, ON)
    assert ok.value is Verdict.PASS
    no_dlt = s.documents_complete({"level": "BACHELOR", "term": "LONG", "uploaded_documents": docs, "isp_has_dlt_list": False}, ON)
    assert no_dlt.value is Verdict.FAIL and "ISP_DLT_LIST" in no_dlt.explanation.message_values["documents"]
    no_isp = s.documents_complete({"level": "BACHELOR", "term": "LONG", "uploaded_documents": BASE_DOCS}, ON)
    assert no_isp.explanation.message_values["documents"] == ["ISP"]


@pytest.mark.rule("OSU-4.8-STU-3")
def test_OSU_4_8_STU_3_short_term_file_without_isp_is_complete_errata_10() -> None:
    out = s.documents_complete({"level": "BACHELOR", "term": "SHORT", "uploaded_documents": BASE_DOCS}, ON)
    assert out.value is Verdict.PASS


@pytest.mark.rule("OSU-4.8-STU-3")
@pytest.mark.parametrize("missing", sorted(BASE_DOCS))
def test_OSU_4_8_STU_3_each_listed_document_is_required(missing: str) -> None:
    out = s.documents_complete({"level": "MASTER", "term": "SHORT", "uploaded_documents": BASE_DOCS - {missing}}, ON)
    assert out.value is Verdict.FAIL and out.explanation.message_values["documents"] == [missing]


@pytest.mark.rule("OSU-4.8-STU-3")
def test_OSU_4_8_STU_3_language_certificate_only_when_required_and_A_30_alternative() -> None:
    facts = {"level": "MASTER", "term": "SHORT", "uploaded_documents": BASE_DOCS, "language_certificate_required": True}
    assert s.documents_complete(facts, ON).explanation.message_values["documents"] == ["LANGUAGE_CERTIFICATE"]
    # A-30 alternative: masters exempt from the parents' letter.
    store = params.store().with_version("osu.stu.parental_consent_exempt_levels", D(2026, 1, 1), ["MASTER"])
    with params.using(store):
        out = s.documents_complete({"level": "MASTER", "term": "SHORT", "uploaded_documents": BASE_DOCS - {"PARENTAL_CONSENT"}}, ON)
    assert out.value is Verdict.PASS


# --- STU-4 / STU-8 / STU-9 --------------------------------------------------------------------------------------


@pytest.mark.rule("OSU-4.8-STU-4")
def test_OSU_4_8_STU_4_isp_chain_order() -> None:
    assert s.isp_status({"pl_agreed_on": D(2026, 3, 1)}, ON).value == "DRAFT"
    agreed = {"pl_agreed_on": D(2026, 3, 2), "vdaa_agreed_on": D(2026, 3, 1)}  # any order of PL/VDAA
    assert s.isp_status(agreed, ON).value == "AGREED"
    # dean on the same day as the later agreement counts; the day before does not
    assert s.isp_status({**agreed, "dean_approved_on": D(2026, 3, 2)}, ON).value == "APPROVED"
    assert s.isp_status({**agreed, "dean_approved_on": D(2026, 3, 1)}, ON).value == "AGREED"
    done = {**agreed, "dean_approved_on": D(2026, 3, 3), "submitted_to_ird_on": D(2026, 3, 3)}
    assert s.isp_status(done, ON).value == "SUBMITTED_TO_IRD"
    assert s.isp_status({**done, "submitted_to_ird_on": D(2026, 3, 2)}, ON).value == "APPROVED"
    assert s.isp_status({**done, "returned_with_comments": True}, ON).value == "DRAFT"


@pytest.mark.rule("OSU-4.8-STU-4", "OSU-4.8-STU-5")
def test_OSU_4_8_STU_4_gate_is_a_milestone_not_equality_errata_10() -> None:
    assert s.isp_milestone_reached("SUBMITTED_TO_IRD")
    assert not s.isp_milestone_reached("APPROVED")  # approved but not handed to IRD
    assert s.isp_milestone_reached("SUBMITTED_TO_IRD", "APPROVED")


@pytest.mark.rule("OSU-4.8-STU-8")
def test_OSU_4_8_STU_8_provisional_isp_only_without_host_curriculum() -> None:
    assert s.provisional_isp_allowed({"host_curriculum_available": False}, ON).value is Verdict.PASS
    assert s.provisional_isp_allowed({"host_curriculum_available": True}, ON).value is Verdict.FAIL


@pytest.mark.rule("OSU-4.8-STU-9")
def test_OSU_4_8_STU_9_change_goes_to_dean_and_recognition_uses_last_approved() -> None:
    versions = [{"number": 1, "status": "SUBMITTED_TO_IRD"}, {"number": 2, "status": "AGREED"}]
    assert s.isp_change_application({"addressee": "DEAN", "versions": versions}, ON).value is Verdict.PASS
    assert s.isp_change_application({"addressee": "IRD", "versions": versions}, ON).value is Verdict.FAIL
    assert s.isp_change_application({"addressee": "DEAN", "versions": [{"number": 1, "status": "DRAFT"}]}, ON).value is Verdict.FAIL
    assert s.isp_version_for_recognition({"versions": versions}, ON).value == 1
    versions.append({"number": 3, "status": "APPROVED"})
    assert s.isp_version_for_recognition({"versions": versions}, ON).value == 3
    assert s.isp_version_for_recognition({"versions": [{"number": 1, "status": "DRAFT"}]}, ON).value is None


# --- STU-15 -----------------------------------------------------------------------------------------------------


@pytest.mark.rule("OSU-4.8-STU-15")
@pytest.mark.parametrize(
    "funding,debt,basis,expected",
    [
        ("CONTRACT", "0", "INSTITUTIONAL_AGREEMENT", Verdict.PASS),  # at the limit 0
        ("CONTRACT", "0.01", "INSTITUTIONAL_AGREEMENT", Verdict.FAIL),  # just above: any debt excludes
        ("CONTRACT", "0.01", "PROGRAMME", Verdict.FAIL),
        ("CONTRACT", "5000", "INDIVIDUAL_INITIATIVE", Verdict.WARN),  # ERRATA 14: not an exchange programme
        ("CONTRACT", "5000", "INDIVIDUAL_INVITATION", Verdict.WARN),
        ("BUDGET", "5000", "INSTITUTIONAL_AGREEMENT", Verdict.PASS),  # contract payments only
    ],
)
def test_OSU_4_8_STU_15_contract_debt(funding: str, debt: str, basis: str, expected: Verdict) -> None:
    assert s.contract_debt({"funding_basis": funding, "tuition_debt": debt, "basis": basis}, ON).value is expected


@pytest.mark.rule("OSU-4.8-STU-15")
def test_OSU_4_8_STU_15_A_50_alternative_blocks_all_mobility() -> None:
    store = params.store().with_version("osu.stu.contract_debt_scope", D(2026, 1, 1), "ALL_MOBILITY")
    with params.using(store):
        out = s.contract_debt({"funding_basis": "CONTRACT", "tuition_debt": "1", "basis": "INDIVIDUAL_INITIATIVE"}, ON)
    assert out.value is Verdict.FAIL


# --- STU-19…23: windows -------------------------------------------------------------------------------------------


def _win(level: str, sems: tuple[int, ...], n: int, scope: str = "EXTERNAL", term: str = "LONG") -> Verdict:
    facts = {"level": level, "term": term, "scope": scope, "semesters_covered": sems, "total_semesters": n}
    return s.year_of_study_window(facts, ON).value


@pytest.mark.rule("OSU-4.8-STU-19")
def test_OSU_4_8_STU_19_bachelor_year_one() -> None:
    assert _win("BACHELOR", (1,), 8, "INTERNAL") is Verdict.FAIL  # nothing in semester 1
    assert _win("BACHELOR", (2,), 8, "INTERNAL") is Verdict.PASS  # semester 2 domestic
    assert _win("BACHELOR", (2,), 8, "EXTERNAL") is Verdict.FAIL  # semester 2 abroad
    assert _win("BACHELOR", (3,), 8, "EXTERNAL") is Verdict.PASS


@pytest.mark.rule("OSU-4.8-STU-20")
def test_OSU_4_8_STU_20_bachelor_last_semester_inclusive_and_A_09_alternative() -> None:
    assert _win("BACHELOR", (8,), 8) is Verdict.PASS
    assert _win("BACHELOR", (7, 8), 8) is Verdict.PASS
    store = params.store().with_version("osu.stu.window.bachelor_last_offset", D(2026, 1, 1), 1)
    with params.using(store):
        assert _win("BACHELOR", (8,), 8) is Verdict.FAIL
        assert _win("BACHELOR", (7,), 8) is Verdict.PASS


@pytest.mark.rule("OSU-4.8-STU-20")
def test_OSU_4_8_STU_20_a_year_long_stay_checks_every_semester() -> None:
    assert _win("BACHELOR", (2, 3), 8, "EXTERNAL") is Verdict.FAIL  # semester 2 abroad not allowed
    assert _win("BACHELOR", (2, 3), 8, "INTERNAL") is Verdict.PASS


@pytest.mark.rule("OSU-4.8-STU-21")
@pytest.mark.parametrize("sem,expected", [(1, Verdict.FAIL), (2, Verdict.PASS), (3, Verdict.PASS), (4, Verdict.FAIL)])
def test_OSU_4_8_STU_21_master_semesters_two_and_three(sem: int, expected: Verdict) -> None:
    assert _win("MASTER", (sem,), 4) is expected


@pytest.mark.rule("OSU-4.8-STU-22")
@pytest.mark.parametrize("level,sem,n", [("BACHELOR", 1, 8), ("MASTER", 4, 4), ("COLLEGE", 6, 6), ("COLLEGE", 1, 6)])
def test_OSU_4_8_STU_22_short_term_has_no_window_errata_19(level: str, sem: int, n: int) -> None:
    assert _win(level, (sem,), n, "EXTERNAL", "SHORT") is Verdict.PASS


@pytest.mark.rule("OSU-4.8-STU-22", "OSU-4.8-STU-23")
def test_OSU_4_8_STU_22_A_10_alternative_keeps_college_window_for_short_term() -> None:
    store = params.store().with_version("osu.stu.window.college_short_term_exempt", D(2026, 1, 1), False)
    with params.using(store):
        assert _win("COLLEGE", (6,), 6, "EXTERNAL", "SHORT") is Verdict.FAIL
        assert _win("BACHELOR", (1,), 8, "EXTERNAL", "SHORT") is Verdict.PASS


@pytest.mark.rule("OSU-4.8-STU-23")
@pytest.mark.parametrize("sem,expected", [(1, Verdict.FAIL), (2, Verdict.PASS), (5, Verdict.PASS), (6, Verdict.FAIL)])
def test_OSU_4_8_STU_23_college_window(sem: int, expected: Verdict) -> None:
    assert _win("COLLEGE", (sem,), 6, "EXTERNAL") is expected


@pytest.mark.rule("OSU-4.8-STU-23")
def test_OSU_4_8_STU_23_college_year_one_not_domestic_only() -> None:
    assert _win("COLLEGE", (2,), 6, "EXTERNAL") is Verdict.PASS


@pytest.mark.rule("OSU-4.8-STU-19", "OSU-4.8-STU-20", "OSU-4.8-STU-21", "OSU-4.8-STU-23")
def test_window_rejects_semester_outside_programme() -> None:
    with pytest.raises(RuleError):
        _win("BACHELOR", (9,), 8)


@pytest.mark.rule("OSU-4.8-STU-19", "OSU-4.8-STU-20", "OSU-4.8-STU-21", "OSU-4.8-STU-22", "OSU-4.8-STU-23")
@given(
    level=st.sampled_from(["BACHELOR", "MASTER", "COLLEGE"]),
    scope=st.sampled_from(["EXTERNAL", "INTERNAL"]),
    n=st.integers(min_value=4, max_value=12),
    data=st.data(),
)
def test_window_properties(level: str, scope: str, n: int, data: st.DataObject) -> None:
    sems = tuple(sorted(data.draw(st.sets(st.integers(min_value=1, max_value=n), min_size=1, max_size=3))))
    long_ = _win(level, sems, n, scope)
    # a stay is allowed iff every semester of it is allowed on its own (A-10 a)
    assert (long_ is Verdict.PASS) == all(_win(level, (x,), n, scope) is Verdict.PASS for x in sems)
    # internal is never stricter than external
    if scope == "EXTERNAL" and long_ is Verdict.PASS:
        assert _win(level, sems, n, "INTERNAL") is Verdict.PASS
    # short-term is never restricted
    assert _win(level, sems, n, scope, "SHORT") is Verdict.PASS
    # semester 1 is never allowed for long-term mobility at any level
    if 1 in sems:
        assert long_ is Verdict.FAIL


# --- STU-5: composite gate ---------------------------------------------------------------------------------------

READY = {
    "term": "LONG",
    "application_ok": True,
    "documents_complete": True,
    "isp_status": "SUBMITTED_TO_IRD",
    "selected_or_not_competitive": True,
    "nominated": True,
    "invitation_letter": True,
    "la_required": True,
    "la_signed": True,
    "funding_basis": "CONTRACT",
    "tuition_debt": "0",
    "basis": "INSTITUTIONAL_AGREEMENT",
    "level": "BACHELOR",
    "scope": "EXTERNAL",
    "semesters_covered": (5,),
    "total_semesters": 8,
}


@pytest.mark.rule("OSU-4.8-STU-5")
def test_OSU_4_8_STU_5_all_steps_done_allows_departure() -> None:
    out = s.departure_allowed(READY, ON)
    assert out.value is Verdict.PASS
    assert "OSU-4.8-STU-15" in out.explanation.all_rule_ids()


@pytest.mark.rule("OSU-4.8-STU-5")
@pytest.mark.parametrize(
    "change,step",
    [
        ({"application_ok": False}, "OSU-4.8-STU-1/2"),
        ({"documents_complete": False}, "OSU-4.8-STU-3"),
        ({"isp_status": "APPROVED"}, "OSU-4.8-STU-4"),  # approved but not handed to IRD (ERRATA 10)
        ({"selected_or_not_competitive": False}, "OSU-4.8-FD-2"),
        ({"nominated": False}, "OSU-4.8-FD-3"),
        ({"invitation_letter": False}, "OSU-4.3-1"),
        ({"la_signed": False}, "OSU-4.8-IRD-10"),
        ({"withdrawn": True}, "OSU-4.8-IRD-13"),
        ({"tuition_debt": "1"}, "OSU-4.8-STU-15"),
        ({"semesters_covered": (2,)}, "OSU-4.8-STU-19…23"),
    ],
)
def test_OSU_4_8_STU_5_each_missing_step_blocks(change: dict, step: str) -> None:
    out = s.departure_allowed({**READY, **change}, ON)
    assert out.value is Verdict.FAIL
    assert out.explanation.message_values["steps"] == [step]


@pytest.mark.rule("OSU-4.8-STU-5", "OSU-4.8-STU-8")
def test_OSU_4_8_STU_5_provisional_isp_and_short_term_and_warning() -> None:
    prov = {**READY, "isp_status": "DRAFT", "host_curriculum_available": False}
    assert s.departure_allowed(prov, ON).value is Verdict.PASS
    short = {**READY, "term": "SHORT", "isp_status": None, "semesters_covered": (1,)}
    assert s.departure_allowed(short, ON).value is Verdict.PASS
    assert s.departure_allowed({**READY, "la_required": False, "la_signed": False}, ON).value is Verdict.PASS
    warn = {**READY, "basis": "INDIVIDUAL_INITIATIVE", "tuition_debt": "100"}
    assert s.departure_allowed(warn, ON).value is Verdict.WARN


# --- STU-10 / STU-11 ---------------------------------------------------------------------------------------------------


@pytest.mark.rule("OSU-4.8-STU-10")
def test_OSU_4_8_STU_10_debts_and_only_host_failures_enter_the_sum_errata_9() -> None:
    out = s.academic_debts(
        {
            "host_disciplines": [
                {"name": "A", "credits": "6", "host_outcome": "UNSATISFACTORY"},
                {"name": "B", "credits": "4.5", "host_outcome": "UNSATISFACTORY"},
                {"name": "C", "credits": "5", "host_outcome": "PASSED"},
                {"name": "E", "credits": "7", "host_outcome": None},
            ],
            "dlt_disciplines": [{"name": "F", "credits": "3", "exam_passed": False}],
        },
        ON,
    )
    assert out.value["failed_host_credits"] == Decimal("10.5")  # ungraded E and DLT F not added
    assert out.value["host_ungraded"] == ("E",) and out.value["dlt_unpassed"] == ("F",)
    assert out.value["clear"] is False
    clear = s.academic_debts({"host_disciplines": [{"name": "C", "credits": "5", "host_outcome": "PASSED"}]}, ON)
    assert clear.value["clear"] is True and clear.value["failed_host_credits"] == 0


@pytest.mark.rule("OSU-4.8-STU-11")
def test_OSU_4_8_STU_11_dlt_channels() -> None:
    ok = [{"name": n, "channel": c} for n, c in (("a", "AVN"), ("b", "ZOOM"), ("c", "GOOGLE_CLASSROOM"), ("d", "ONLINE"))]
    assert s.dlt_channels_ok({"dlt_disciplines": ok}, ON).value is Verdict.PASS
    bad = s.dlt_channels_ok({"dlt_disciplines": [*ok, {"name": "e", "channel": "EMAIL"}]}, ON)
    assert bad.value is Verdict.FAIL and bad.explanation.message_values["disciplines"] == ["e"]


# --- STU-12 / STU-13 ---------------------------------------------------------------------------------------------------


@pytest.mark.rule("OSU-4.8-STU-12")
@pytest.mark.parametrize(
    "end,due",
    [
        (D(2026, 3, 15), D(2026, 4, 15)),
        (D(2026, 1, 31), D(2026, 2, 28)),  # month-end clamping
        (D(2024, 1, 31), D(2024, 2, 29)),
        (D(2026, 2, 14), D(2026, 3, 14)),  # a Saturday: not moved (§0)
        (D(2026, 2, 8), D(2026, 3, 8)),  # Sunday and Women's Day: not moved
    ],
)
def test_OSU_4_8_STU_12_one_calendar_month_from_end_at_host(end: dt.date, due: dt.date) -> None:
    assert s.results_documents_due({"mobility_end_date": end}, ON).value == due


@pytest.mark.rule("OSU-4.8-STU-12")
def test_OSU_4_8_STU_12_status_boundaries_and_errata_15() -> None:
    end = D(2026, 3, 15)
    both = lambda d1, d2: {"mobility_end_date": end, "results_documents_submitted_on": d1, "report_submitted_on": d2}  # noqa: E731
    assert s.results_documents_status(both(D(2026, 4, 15), D(2026, 4, 15)), ON).value == "ON_TIME"
    # handed in after the due date: the catalogue's OVERDUE flag stays, the message says it came late (and when)
    late = s.results_documents_status(both(D(2026, 4, 15), D(2026, 4, 16)), ON)
    assert late.value == "OVERDUE" and late.explanation.message_key == "osu.stu.results.late"
    assert late.explanation.message_values["on"] == D(2026, 4, 16)
    assert s.results_documents_status(both(D(2026, 4, 16), D(2026, 4, 1)), ON).value == "OVERDUE"
    missing = {"mobility_end_date": end, "results_documents_submitted_on": D(2026, 4, 1)}
    assert s.results_documents_status(missing, D(2026, 4, 15)).value == "PENDING"  # due day itself
    assert s.results_documents_status(missing, D(2026, 4, 16)).value == "OVERDUE"
    # ERRATA 15: the facts of OVERDUE have no recognition-application field at all
    assert "recognition" not in " ".join(s.ResultsDocuments.model_fields)


@pytest.mark.rule("OSU-4.8-STU-13")
def test_OSU_4_8_STU_13_recognition_application() -> None:
    brought = {"TRANSCRIPT", "CERTIFICATE"}
    ok = {"term": "LONG", "addressee": "DEAN", "attachments": brought, "documents_brought": brought}
    assert s.recognition_application_ok(ok, ON).value is Verdict.PASS
    assert s.recognition_application_ok({**ok, "addressee": "IRD"}, ON).value is Verdict.FAIL
    assert s.recognition_application_ok({**ok, "attachments": {"TRANSCRIPT"}}, ON).value is Verdict.FAIL
    only_cert = {"term": "LONG", "addressee": "DEAN", "attachments": {"CERTIFICATE"}, "documents_brought": {"CERTIFICATE"}}
    assert s.recognition_application_ok(only_cert, ON).value is Verdict.FAIL  # long-term needs grades
    short = {"term": "SHORT", "addressee": "DEAN", "attachments": {"PARTICIPATION_CERTIFICATE"}, "documents_brought": {"PARTICIPATION_CERTIFICATE"}}
    assert s.recognition_application_ok(short, ON).value is Verdict.PASS


# --- STU-17 / STU-18 ------------------------------------------------------------------------------------------------------


@pytest.mark.rule("OSU-4.8-STU-17")
def test_OSU_4_8_STU_17_report_and_interview_before_closing() -> None:
    assert s.closing_report({"trip_report_submitted_on": D(2026, 5, 1), "interview_recorded": True}, ON).value is Verdict.PASS
    out = s.closing_report({"interview_recorded": True}, ON)
    assert out.value is Verdict.FAIL and out.explanation.message_values["items"] == ["TRIP_REPORT"]
    out = s.closing_report({"trip_report_submitted_on": D(2026, 5, 1)}, ON)
    assert out.explanation.message_values["items"] == ["INTERVIEW"]


@pytest.mark.rule("OSU-4.8-STU-18")
def test_OSU_4_8_STU_18_next_semester_after_closing() -> None:
    assert s.may_participate_again({"target_semester": 3}, ON).value is Verdict.PASS
    prev = {"previous_last_semester": 5, "previous_closed_in_semester": 6}
    assert s.may_participate_again({**prev, "target_semester": 7}, ON).value is Verdict.PASS  # the next semester
    assert s.may_participate_again({**prev, "target_semester": 6}, ON).value is Verdict.FAIL
    assert s.may_participate_again({"previous_last_semester": 5, "target_semester": 9}, ON).value is Verdict.FAIL
    closed_in_same = {"previous_last_semester": 5, "previous_closed_in_semester": 5}
    assert s.may_participate_again({**closed_in_same, "target_semester": 6}, ON).value is Verdict.PASS


@pytest.mark.rule("OSU-4.8-STU-12", "OSU-4.8-STU-15")
def test_student_messages_render_in_four_languages() -> None:
    out = s.contract_debt({"funding_basis": "CONTRACT", "tuition_debt": "1500.50", "basis": "PROGRAMME"}, ON)
    assert "1500,50" in out.message("ky") and "карыз" in out.message("ky")
    assert "1500.50" in out.message("en")
    due = s.results_documents_due({"mobility_end_date": D(2026, 3, 15)}, ON)
    assert "15.04.2026" in due.message("ru") and "2026-04-15" in due.message("en") and "15.04.2026" in due.message("tr")


@pytest.mark.rule("OSU-4.8-STU-12")
def test_OSU_4_8_STU_12_results_documents_list_name_credits_grade() -> None:
    full = [{"name": "Algebra", "credits": "6", "grade": "AA"}, {"name": "Optics", "credits": "4.5", "grade": "72"}]
    assert s.results_documents_content({"term": "LONG", "lines": full}, ON).value is Verdict.PASS
    no_grade = [*full, {"name": "Lab", "credits": "2", "grade": " "}]
    out = s.results_documents_content({"term": "LONG", "lines": no_grade}, ON)
    assert out.value is Verdict.FAIL and out.explanation.message_values["disciplines"] == ["Lab"]
    assert s.results_documents_content({"term": "LONG", "lines": [{"name": "X", "grade": "80"}]}, ON).value is Verdict.FAIL
    assert s.results_documents_content({"term": "SHORT", "lines": [{"name": "Summer school", "hours": "36"}]}, ON).value is Verdict.PASS
    assert s.results_documents_content({"term": "SHORT", "lines": []}, ON).value is Verdict.FAIL


@pytest.mark.rule("OSU-4.8-STU-21", "OSU-4.8-STU-22")
def test_window_explanation_lists_only_the_parameters_used() -> None:
    master = s.year_of_study_window({"level": "MASTER", "term": "LONG", "scope": "EXTERNAL", "semesters_covered": (4,), "total_semesters": 4}, ON)
    assert [p.name for p in master.explanation.params] == ["osu.stu.window.master_semesters"]
    short = s.year_of_study_window({"level": "BACHELOR", "term": "SHORT", "scope": "EXTERNAL", "semesters_covered": (1,), "total_semesters": 8}, ON)
    assert short.explanation.params == []


@pytest.mark.rule("OSU-4.8-STU-3")
def test_OSU_4_8_STU_3_checklist_per_mobility_type() -> None:
    short = s.required_documents("BACHELOR", "SHORT", False, ON)
    long_ = s.required_documents("BACHELOR", "LONG", True, ON)
    assert set(short) == BASE_DOCS
    assert set(long_) == BASE_DOCS | {"ISP", "LANGUAGE_CERTIFICATE"}
    out = s.documents_complete({"level": "BACHELOR", "term": "SHORT", "uploaded_documents": BASE_DOCS}, ON)
    assert {p.name for p in out.explanation.params} == {"osu.stu.documents_required", "osu.stu.parental_consent_exempt_levels"}
