"""KTMU art. 10 — application conditions (bilim.regulations.postgrad.admission_eligibility)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bilim.regulations import Verdict
from bilim.regulations.core import params
from bilim.regulations.core.params import InvalidParameter
from bilim.regulations.postgrad.admission_eligibility import (
    accepted_languages,
    application_form,
    application_submission,
    certificate_validity,
    check_application_documents,
    degree_document,
    diploma_recognition,
    diploma_transcript,
    document_forms,
    gpa_minimum,
    gpa_minimum_override,
    gpa_to_four_point,
    identity_documents,
    language_certificate_present,
    language_certificate_required,
    language_differs_from_field,
    language_equivalent_score,
    language_requirement_decision,
    language_score_minimum,
    single_application,
)

ON = dt.date(2026, 7, 1)
D = Decimal


# --- 10(1)-1 -----------------------------------------------------------------------------------


@pytest.mark.rule("KTMU-10(1)-1")
@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (dt.date(2026, 6, 30), Verdict.FAIL),  # day before the period
        (dt.date(2026, 7, 1), Verdict.PASS),  # first day (inclusive)
        (dt.date(2026, 7, 20), Verdict.PASS),  # last day (inclusive)
        (dt.date(2026, 7, 21), Verdict.FAIL),  # day after
    ],
)
def test_KTMU_10_1_1_application_period_bounds(day: dt.date, expected: Verdict) -> None:
    out = application_submission(
        {"submitted_on": day, "application_start": "2026-07-01", "application_end": "2026-07-20", "channel": "ELECTRONIC", "receiver": "STUDENT_AFFAIRS_DIRECTORATE"},
        ON,
    )
    assert out.value is expected


@pytest.mark.rule("KTMU-10(1)-1")
@pytest.mark.parametrize(
    ("channel", "receiver", "expected"),
    [
        ("IN_PERSON", "STUDENT_AFFAIRS_DIRECTORATE", Verdict.PASS),
        ("POST", "STUDENT_AFFAIRS_DIRECTORATE", Verdict.FAIL),
        ("ELECTRONIC", "INSTITUTE", Verdict.FAIL),
    ],
)
def test_KTMU_10_1_1_channel_and_receiver(channel: str, receiver: str, expected: Verdict) -> None:
    out = application_submission(
        {"submitted_on": "2026-07-05", "application_start": "2026-07-01", "application_end": "2026-07-20", "channel": channel, "receiver": receiver},
        ON,
    )
    assert out.value is expected


@pytest.mark.rule("KTMU-10(1)-2")
def test_KTMU_10_1_2_copies_at_application_originals_or_notarised_at_final_registration() -> None:
    docs = [{"kind": "BACHELOR_DIPLOMA", "form": "COPY"}, {"kind": "TRANSCRIPT", "form": "NOTARISED"}]
    assert document_forms({"stage": "APPLICATION", "documents": docs}, ON).value is Verdict.PASS
    out = document_forms({"stage": "FINAL_REGISTRATION", "documents": docs}, ON)
    assert out.value is Verdict.FAIL and out.explanation.message_values["documents"] == ["BACHELOR_DIPLOMA"]
    ok = [{"kind": "BACHELOR_DIPLOMA", "form": "ORIGINAL"}, {"kind": "TRANSCRIPT", "form": "NOTARISED"}]
    assert document_forms({"stage": "FINAL_REGISTRATION", "documents": ok}, ON).value is Verdict.PASS


# --- 10(1)a–g, 10(2)–(4) ------------------------------------------------------------------------


def _file(**kw: object) -> dict:
    base = {
        "level": "MA",
        "citizenship": "KR",
        "documents": {"APPLICATION_FORM", "BACHELOR_DIPLOMA", "TRANSCRIPT", "ID_CARD", "MILITARY_ID"},
        "transcript_certified_by_diploma_issuer": True,
        "subject_to_military_registration": True,
        "diploma_country": "KG",
    }
    base.update(kw)
    return base


@pytest.mark.rule("KTMU-10(1)a-1")
def test_KTMU_10_1a_1_application_form_required() -> None:
    assert application_form(_file(), ON).value is Verdict.PASS
    assert application_form(_file(documents={"BACHELOR_DIPLOMA"}), ON).value is Verdict.FAIL


@pytest.mark.rule("KTMU-10(1)b-1")
def test_KTMU_10_1b_1_master_needs_bachelor_diploma_or_graduation_certificate() -> None:
    assert degree_document(_file(documents={"GRADUATION_CERTIFICATE"}), ON).value is Verdict.PASS
    assert degree_document(_file(documents={"BACHELOR_DIPLOMA"}), ON).value is Verdict.PASS
    assert degree_document(_file(documents={"TRANSCRIPT"}), ON).value is Verdict.FAIL


@pytest.mark.rule("KTMU-10(1)c-1")
@pytest.mark.parametrize(("years", "expected"), [(4, Verdict.FAIL), (5, Verdict.PASS), (6, Verdict.PASS)])
def test_KTMU_10_1c_1_doctorate_long_diploma_at_least_five_years(years: int, expected: Verdict) -> None:
    f = _file(level="PHD", documents={"LONG_DIPLOMA"}, long_diploma_years_excl_prep=years)
    assert degree_document(f, ON).value is expected


@pytest.mark.rule("KTMU-10(1)c-1")
def test_KTMU_10_1c_1_doctorate_master_diploma_or_certificate_suffices_bachelor_does_not() -> None:
    assert degree_document(_file(level="AI", documents={"MASTER_GRADUATION_CERTIFICATE"}), ON).value is Verdict.PASS
    assert degree_document(_file(level="PHD", documents={"BACHELOR_DIPLOMA"}), ON).value is Verdict.FAIL


@pytest.mark.rule("KTMU-10(1)d-1")
def test_KTMU_10_1d_1_transcript_certified_by_graduating_hei() -> None:
    assert diploma_transcript(_file(), ON).value is Verdict.PASS
    assert diploma_transcript(_file(transcript_certified_by_diploma_issuer=False), ON).value is Verdict.FAIL
    assert diploma_transcript(_file(documents={"APPLICATION_FORM"}), ON).value is Verdict.FAIL


@pytest.mark.rule("KTMU-10(1)e-1")
def test_KTMU_10_1e_1_kr_citizen_id_card_and_military_id() -> None:
    assert identity_documents(_file(), ON).value is Verdict.PASS
    out = identity_documents(_file(documents={"ID_CARD"}), ON)
    assert out.value is Verdict.FAIL and out.explanation.message_values["missing"] == ["MILITARY_ID"]
    # not subject to military registration → the military ID is not applicable
    assert identity_documents(_file(documents={"ID_CARD"}, subject_to_military_registration=False), ON).value is Verdict.PASS
    assert identity_documents(_file(documents={"PASSPORT", "MILITARY_ID"}), ON).value is Verdict.FAIL


@pytest.mark.rule("KTMU-10(1)f-1")
def test_KTMU_10_1f_1_tr_citizen_passport_and_military_id() -> None:
    f = _file(citizenship="TR", documents={"PASSPORT", "MILITARY_ID"})
    assert identity_documents(f, ON).value is Verdict.PASS
    assert identity_documents(_file(citizenship="TR", documents={"ID_CARD", "MILITARY_ID"}), ON).value is Verdict.FAIL


@pytest.mark.rule("KTMU-10(1)g-1")
def test_KTMU_10_1g_1_other_citizens_passport() -> None:
    assert identity_documents(_file(citizenship="FOREIGN", documents={"PASSPORT"}), ON).value is Verdict.PASS
    assert identity_documents(_file(citizenship="FOREIGN", documents={"ID_CARD"}), ON).value is Verdict.FAIL


@pytest.mark.rule("KTMU-10(2)-1")
def test_KTMU_10_2_1_kr_citizen_foreign_diploma_needs_kr_recognition() -> None:
    assert diploma_recognition(_file(diploma_country="KZ"), ON).value is Verdict.FAIL
    assert diploma_recognition(_file(diploma_country="KZ", documents={"RECOGNITION_KR"}), ON).value is Verdict.PASS
    # a Turkish diploma is "Кыргызстандын жана Түркиянын жогорку окуу жайларынан" → no document needed
    assert diploma_recognition(_file(diploma_country="TR"), ON).value is Verdict.PASS


@pytest.mark.rule("KTMU-10(3)-1")
def test_KTMU_10_3_1_tr_citizen_needs_yok_equivalence_unless_turkish_hei() -> None:
    f = _file(citizenship="TR", diploma_country="DE")
    assert diploma_recognition(f, ON).value is Verdict.FAIL
    assert diploma_recognition({**f, "documents": {"YOK_EQUIVALENCE"}}, ON).value is Verdict.PASS
    # Turkish HEI abroad (e.g. in Northern Cyprus) → exempt
    assert diploma_recognition({**f, "diploma_country": "CY", "diploma_issuer_turkish_hei_abroad": True}, ON).value is Verdict.PASS
    # KR recognition is not what 10(3) asks of a TR citizen
    assert diploma_recognition({**f, "documents": {"RECOGNITION_KR"}}, ON).value is Verdict.FAIL


@pytest.mark.rule("KTMU-10(4)-1")
def test_KTMU_10_4_1_foreign_national_recognition_errata_24() -> None:
    f = _file(citizenship="FOREIGN", diploma_country="KZ", documents=set())
    assert diploma_recognition(f, ON).value is Verdict.FAIL
    assert diploma_recognition({**f, "documents": {"YOK_EQUIVALENCE"}}, ON).value is Verdict.PASS
    assert diploma_recognition({**f, "documents": {"RECOGNITION_KR"}}, ON).value is Verdict.PASS
    assert diploma_recognition({**f, "bilateral_agreement": True}, ON).value is Verdict.PASS
    # ERRATA 24: a foreign KTMU (KR) graduate needs no recognition document
    assert diploma_recognition({**f, "diploma_country": "KG"}, ON).value is Verdict.PASS


@pytest.mark.rule("KTMU-10(1)a-1", "KTMU-10(1)b-1", "KTMU-10(1)d-1", "KTMU-10(1)e-1", "KTMU-10(2)-1")
def test_check_application_documents_runs_every_document_rule() -> None:
    outs = check_application_documents(_file(), ON)
    assert [o.value for o in outs] == [Verdict.PASS] * 5
    outs = check_application_documents(_file(documents={"APPLICATION_FORM"}), ON)
    assert [o.value for o in outs] == [Verdict.PASS, Verdict.FAIL, Verdict.FAIL, Verdict.FAIL, Verdict.PASS]


# --- 10(5) -------------------------------------------------------------------------------------


@pytest.mark.rule("KTMU-10(5)-1")
@pytest.mark.parametrize(("gpa", "expected"), [("1.99", Verdict.FAIL), ("2.00", Verdict.PASS), ("2.01", Verdict.PASS)])
def test_KTMU_10_5_1_master_gpa_at_least_2_00(gpa: str, expected: Verdict) -> None:
    out = gpa_minimum({"level": "MA", "diploma": {"grade": gpa, "scale": "4"}}, ON)
    assert out.value is expected


@pytest.mark.rule("KTMU-10(5)-2")
@pytest.mark.parametrize(
    ("level", "gpa", "expected"),
    [("PHD", "2.49", Verdict.FAIL), ("PHD", "2.50", Verdict.PASS), ("PHD", "2.51", Verdict.PASS), ("AI", "2.499", Verdict.FAIL)],
)
def test_KTMU_10_5_2_doctoral_gpa_at_least_2_50_unrounded(level: str, gpa: str, expected: Verdict) -> None:
    assert gpa_minimum({"level": level, "diploma": {"grade": gpa, "scale": "4"}}, ON).value is expected


@pytest.mark.rule("KTMU-10(5)-3")
def test_KTMU_10_5_3_non_four_point_grades_converted_by_the_senate_table() -> None:
    # The table is a dated parameter: a Senate table loaded as a new version is used from its date.
    table = {"4": [["0", "0", "0"], ["4", "4", "100"]], "100": [["0", "0", "0"], ["50", "2.00", "50"], ["100", "4.00", "100"]], "5": [["1", "0", "0"], ["3", "2.00", "60"], ["5", "4.00", "100"]]}
    store = params.store().with_version("ktmu.adm.grade_conversion_table", dt.date(2026, 1, 1), table, "test Senate table")
    with params.using(store):
        # 4 on the 5-point scale lies halfway between 3 (2.00) and 5 (4.00) → exactly 3.00
        assert gpa_to_four_point({"grade": "4", "scale": "5"}, ON).value == D("3.00")
        # GPA 2.00 on the 4-point scale is unchanged; a 5-point 3 converts to exactly 2.00 → MA passes at the bound
        assert gpa_minimum({"level": "MA", "diploma": {"grade": "3", "scale": "5"}}, ON).value is Verdict.PASS
        assert gpa_minimum({"level": "MA", "diploma": {"grade": "2.99", "scale": "5"}}, ON).value is Verdict.FAIL
        out = gpa_to_four_point({"grade": "75", "scale": "100"}, ON)
        assert out.value == D("3.00") and out.explanation.params[0].decided_by == "test Senate table"
        # before the new version the placeholder (linear) table applies
        assert gpa_to_four_point({"grade": "75", "scale": "100"}, dt.date(2025, 12, 31)).value == D("3")


@pytest.mark.rule_table("KTMU-10(5)-3")
def test_KTMU_10_5_3_invalid_conversion_table_is_rejected() -> None:
    with pytest.raises((InvalidParameter, ValueError)):
        params.store().with_version("ktmu.adm.grade_conversion_table", dt.date(2026, 1, 1), {"5": [["5", "4", "100"], ["1", "0", "0"]]})


@pytest.mark.rule("KTMU-10(5)-3")
@given(st.decimals(min_value=0, max_value=100, places=2))
def test_KTMU_10_5_3_conversion_bounded_and_monotone(grade: Decimal) -> None:
    a = gpa_to_four_point({"grade": grade, "scale": "100"}, ON).value
    b = gpa_to_four_point({"grade": min(grade + D("0.01"), D(100)), "scale": "100"}, ON).value
    assert D(0) <= a <= b <= D(4)


@pytest.mark.rule("KTMU-10(5)-4")
def test_KTMU_10_5_4_raised_minimum_needs_proposal_then_board_decision() -> None:
    chain = [{"body": "FOS_COUNCIL", "act": "PROPOSE"}, {"body": "INSTITUTE_BOARD", "act": "DECIDE"}]
    assert gpa_minimum_override({"level": "MA", "approvals": chain, "new_value": "2.50"}, ON).value is Verdict.PASS
    assert gpa_minimum_override({"level": "MA", "approvals": chain[::-1], "new_value": "2.50"}, ON).value is Verdict.FAIL
    assert gpa_minimum_override({"level": "MA", "approvals": chain[1:], "new_value": "2.50"}, ON).value is Verdict.FAIL
    # "жогору" — must be higher than the base
    assert gpa_minimum_override({"level": "PHD", "approvals": chain, "new_value": "2.50"}, ON).value is Verdict.FAIL
    assert gpa_minimum_override({"level": "PHD", "approvals": chain, "new_value": "2.51"}, ON).value is Verdict.PASS


@pytest.mark.rule("KTMU-10(5)-4")
def test_KTMU_10_5_4_programme_override_raises_the_minimum() -> None:
    f = {"level": "MA", "diploma": {"grade": "2.99", "scale": "4"}, "programme_gpa_min_override": "3.00"}
    assert gpa_minimum(f, ON).value is Verdict.FAIL
    assert gpa_minimum({**f, "diploma": {"grade": "3.00", "scale": "4"}}, ON).value is Verdict.PASS


# --- 10(6), 10(7) ---------------------------------------------------------------------------------


@pytest.mark.rule("KTMU-10(6)-1", "KTMU-10(7)-1", "KTMU-13(1)c-1")
@pytest.mark.parametrize(
    ("level", "international", "programme", "required"),
    [
        ("MA", False, False, False),
        ("MA", False, True, True),
        ("PHD", False, False, True),
        ("AI", False, False, True),
        ("PHD", True, False, False),  # art. 13 overrides 10(7)
        ("MA", True, True, False),
    ],
)
def test_KTMU_10_6_1_language_certificate_required(level: str, international: bool, programme: bool, required: bool) -> None:
    out = language_certificate_required({"level": level, "international": international, "programme_requires_certificate": programme}, ON)
    assert out.value is required


@pytest.mark.rule("KTMU-10(7)-1")
def test_KTMU_10_7_1_doctoral_applicant_must_submit_a_certificate() -> None:
    f = {"level": "PHD", "international": False, "has_certificate": False}
    assert language_certificate_present(f, ON).value is Verdict.FAIL
    assert language_certificate_present({**f, "has_certificate": True}, ON).value is Verdict.PASS
    assert language_certificate_present({**f, "international": True}, ON).value is Verdict.PASS
    assert language_certificate_present({**f, "level": "MA"}, ON).value is Verdict.PASS


@pytest.mark.rule("KTMU-10(6)-2", "KTMU-10(7)-4")
def test_KTMU_10_6_2_requirement_decided_by_fos_council_with_board_consent() -> None:
    chain = [{"body": "FOS_COUNCIL", "act": "DECIDE", "decided_on": "2026-03-01"}, {"body": "INSTITUTE_BOARD", "act": "CONSENT", "decided_on": "2026-03-10"}]
    assert language_requirement_decision({"level": "MA", "approvals": chain}, ON).value is Verdict.PASS
    # consent dated before the decision is not a consent to it
    bad = [chain[0], {**chain[1], "decided_on": "2026-02-01"}]
    assert language_requirement_decision({"level": "MA", "approvals": bad}, ON).value is Verdict.FAIL
    propose = [{"body": "FOS_COUNCIL", "act": "PROPOSE"}, {"body": "INSTITUTE_BOARD", "act": "DECIDE"}]
    assert language_requirement_decision({"level": "MA", "approvals": propose}, ON).value is Verdict.FAIL


@pytest.mark.rule("KTMU-10(7)-4")
def test_KTMU_10_7_4_higher_language_score_must_exceed_55() -> None:
    chain = [{"body": "FOS_COUNCIL", "act": "DECIDE"}, {"body": "INSTITUTE_BOARD", "act": "CONSENT"}]
    assert language_requirement_decision({"level": "PHD", "approvals": chain, "new_value": "55"}, ON).value is Verdict.FAIL
    assert language_requirement_decision({"level": "PHD", "approvals": chain, "new_value": "60"}, ON).value is Verdict.PASS


@pytest.mark.rule("KTMU-10(7)-2")
def test_KTMU_10_7_2_certificate_language_among_accepted() -> None:
    chain = [{"body": "FOS_COUNCIL", "act": "PROPOSE"}, {"body": "INSTITUTE_BOARD", "act": "DECIDE"}]
    f = {"accepted_languages": {"EN", "DE"}, "approvals": chain, "certificate_language": "EN"}
    assert accepted_languages(f, ON).value is Verdict.PASS
    assert accepted_languages({**f, "certificate_language": "FR"}, ON).value is Verdict.FAIL
    assert accepted_languages({**f, "approvals": chain[:1]}, ON).value is Verdict.FAIL


@pytest.mark.rule("KTMU-10(7)-3")
@pytest.mark.parametrize(
    ("issuer", "score", "expected"),
    [
        ("KTMU_MSPC", "59.99", Verdict.FAIL),
        ("KTMU_MSPC", "60", Verdict.PASS),
        ("KTMU_MSPC", "60.01", Verdict.PASS),
        ("OSYM", "54.99", Verdict.FAIL),
        ("OSYM", "55", Verdict.PASS),
        ("OSYM", "55.01", Verdict.PASS),
    ],
)
def test_KTMU_10_7_3_language_minimum_60_mspc_55_osym(issuer: str, score: str, expected: Verdict) -> None:
    exam = "KTMU_MSPC" if issuer == "KTMU_MSPC" else "YDS"
    assert language_score_minimum({"issuer": issuer, "exam_type": exam, "score": score}, ON).value is expected


@pytest.mark.rule("KTMU-10(7)-3", "KTMU-10(7)-5")
def test_KTMU_10_7_3_senate_accepted_exam_through_equivalence_table() -> None:
    table = {"YDS": "identity", "TOEFL_IBT": [["60", "50"], ["66", "55"], ["72", "60"]]}
    store = params.store().with_version("ktmu.adm.language_equivalence_table", dt.date(2026, 1, 1), table)
    with params.using(store):
        f = {"issuer": "SENATE_ACCEPTED", "exam_type": "TOEFL_IBT"}
        assert language_score_minimum({**f, "score": "65"}, ON).value is Verdict.FAIL  # equivalent 50
        out = language_score_minimum({**f, "score": "66"}, ON)  # equivalent 55 → at the bound
        assert out.value is Verdict.PASS and out.explanation.children[0].result == D(55)
        assert language_score_minimum({**f, "score": "59"}, ON).value is Verdict.FAIL  # below the table
        assert language_score_minimum({**f, "score": "72", "programme_min_osym": "65"}, ON).value is Verdict.FAIL
    # without a Senate table the exam cannot be converted
    assert language_score_minimum({"issuer": "SENATE_ACCEPTED", "exam_type": "TOEFL_IBT", "score": "110"}, ON).value is Verdict.FAIL


@pytest.mark.rule("KTMU-10(7)-5", "KTMU-12(3)-1")
def test_KTMU_10_7_5_equivalent_score_lookup() -> None:
    assert language_equivalent_score({"exam_type": "YDS", "score": "71.25"}, ON).value == D("71.25")
    assert language_equivalent_score({"exam_type": "IELTS", "score": "7"}, ON).value is None
    with pytest.raises((InvalidParameter, ValueError)):
        params.store().with_version("ktmu.adm.language_equivalence_table", dt.date(2026, 1, 1), {"X": [["70", "60"], ["60", "55"]]})


@pytest.mark.rule("KTMU-10(7)-6")
def test_KTMU_10_7_6_field_language_needs_another_language() -> None:
    assert language_differs_from_field({"programme_field_language": "EN", "certificate_language": "EN"}, ON).value is Verdict.FAIL
    assert language_differs_from_field({"programme_field_language": "EN", "certificate_language": "DE"}, ON).value is Verdict.PASS
    assert language_differs_from_field({"programme_field_language": None, "certificate_language": "EN"}, ON).value is Verdict.PASS


@pytest.mark.rule("KTMU-10(7)-7")
@pytest.mark.parametrize(
    ("exam_date", "expected"),
    [
        (dt.date(2021, 7, 19), Verdict.FAIL),  # valid until 19.07.2026, one day short
        (dt.date(2021, 7, 20), Verdict.PASS),  # valid until 20.07.2026 = last application day
        (dt.date(2021, 7, 21), Verdict.PASS),
    ],
)
def test_KTMU_10_7_7_language_certificate_five_years_on_application_end(exam_date: dt.date, expected: Verdict) -> None:
    out = certificate_validity({"kind": "LANGUAGE", "exam_date": exam_date, "application_end": "2026-07-20"}, ON)
    assert out.value is expected


@pytest.mark.rule("KTMU-10(7)-7")
def test_KTMU_10_7_7_stated_validity_wins_and_a14_alternative() -> None:
    f = {"kind": "LANGUAGE", "exam_date": "2024-07-01", "stated_valid_until": "2026-07-01", "application_end": "2026-07-20", "submitted_on": "2026-07-01"}
    assert certificate_validity(f, ON).value is Verdict.FAIL  # stated 2-year validity ends before 20.07
    store = params.store().with_version("ktmu.adm.certificate_validity_reference", dt.date(2026, 1, 1), "submission_date")
    with params.using(store):
        assert certificate_validity(f, ON).value is Verdict.PASS  # valid on the submission day


@pytest.mark.rule("KTMU-12(5)-5")
@pytest.mark.parametrize(
    ("kind", "exam_date", "expected"),
    [
        ("ALES", dt.date(2023, 7, 19), Verdict.FAIL),
        ("ALES", dt.date(2023, 7, 20), Verdict.PASS),
        ("GRE", dt.date(2021, 7, 19), Verdict.FAIL),
        ("GMAT", dt.date(2021, 7, 20), Verdict.PASS),
    ],
)
def test_KTMU_12_5_5_ales_three_gre_gmat_five_years(kind: str, exam_date: dt.date, expected: Verdict) -> None:
    assert certificate_validity({"kind": kind, "exam_date": exam_date, "application_end": "2026-07-20"}, ON).value is expected


@pytest.mark.rule("KTMU-10(8)-1")
def test_KTMU_10_8_1_one_programme_per_round() -> None:
    one = [{"programme": "CS-MA", "admission_round": "2026"}]
    assert single_application({"admission_round": "2026", "applications": one}, ON).value is Verdict.PASS
    two = [*one, {"programme": "MATH-MA", "admission_round": "2026"}]
    assert single_application({"admission_round": "2026", "applications": two}, ON).value is Verdict.FAIL
    withdrawn = [*one, {"programme": "MATH-MA", "admission_round": "2026", "status": "WITHDRAWN"}]
    assert single_application({"admission_round": "2026", "applications": withdrawn}, ON).value is Verdict.PASS
    other_round = [*one, {"programme": "MATH-MA", "admission_round": "2025"}]
    assert single_application({"admission_round": "2026", "applications": other_round}, ON).value is Verdict.PASS
