"""OSU 1.6-1, 3.2-*, 3.3-1, 3.6-*, 4.2-1, 4.4-1, 4.6-1, 4.7-1, 4.8 IRD-5/10/11/12/15/16, FD-15, VDIR-1/2/13."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from bilim.regulations.core import RuleError, Verdict, params
from bilim.regulations.mobility.amendments import amend_parameter, amendment_check
from bilim.regulations.mobility.basis import mobility_basis, restriction_allowed
from bilim.regulations.mobility.closing import results_documents_brought, trip_closing_check
from bilim.regulations.mobility.organisation import (
    application_check,
    funding_sources_check,
    incoming_avn_check,
    students_away,
    study_period_check,
)
from bilim.regulations.mobility.outreach import faculty_report_check, info_package_check, outreach_check
from bilim.regulations.mobility.referral import (
    invitation_registered,
    learning_agreement_check,
    letter_to_host_check,
    translation_check,
)

D = dt.date
ON = D(2026, 11, 21)


@pytest.mark.rule("OSU-1.6-1")
def test_OSU_1_6_1_errata_20_who_may_change_a_parameter() -> None:
    stated = {"parameter": "osu.failed_credits_threshold", "effective_from": D(2027, 9, 1)}
    assert amendment_check(stated, ON).value == Verdict.FAIL
    assert amendment_check({**stated, "admin_council_decision_ref": "AC-12/2027"}, ON).value == Verdict.FAIL
    both = {**stated, "admin_council_decision_ref": "AC-12/2027", "rector_order_ref": "Order 345"}
    assert amendment_check(both, ON).value == Verdict.PASS
    # a unit's change log does not replace the council decision for a value the regulation states
    assert amendment_check({**stated, "change_log_entry": "IRD", "responsible_unit": "IRD"}, ON).value == Verdict.FAIL
    # a value the regulation leaves open: the responsible unit with a log entry
    open_ = {"parameter": "osu.selection_notice_min_days", "effective_from": D(2027, 1, 1)}
    assert amendment_check(open_, ON).value == Verdict.FAIL
    assert amendment_check({**open_, "change_log_entry": "14 days notice", "responsible_unit": "IRD"}, ON).value == Verdict.PASS


@pytest.mark.rule("OSU-1.6-1")
def test_OSU_1_6_1_amend_parameter_adds_a_dated_version() -> None:
    base = params.store()
    with pytest.raises(RuleError):
        amend_parameter(base, "osu.failed_credits_threshold", D(2027, 9, 1), 12, change_log_entry="x", responsible_unit="FD")
    new = amend_parameter(base, "osu.failed_credits_threshold", D(2027, 9, 1), 12,
                          admin_council_decision_ref="AC-12/2027", rector_order_ref="Order 345")
    assert new.get("osu.failed_credits_threshold", D(2027, 8, 31)).value == 15
    v = new.get("osu.failed_credits_threshold", D(2027, 9, 1))
    assert v.value == 12 and "AC-12/2027" in v.decided_by and "Order 345" in v.decided_by


@pytest.mark.rule("OSU-3.2-1", "OSU-3.2-2", "OSU-3.2-3", "OSU-3.2-4")
@pytest.mark.parametrize(
    ("facts", "verdict"),
    [
        ({"basis": "INSTITUTIONAL_AGREEMENT", "reference_id": "AGR-2024-17"}, Verdict.PASS),
        ({"basis": "INTERSTATE_AGREEMENT"}, Verdict.FAIL),  # no reference to the agreement
        ({"basis": "PROJECT", "reference_id": " "}, Verdict.FAIL),
        ({"basis": "PROGRAMME", "programme": "MEVLANA"}, Verdict.PASS),
        ({"basis": "PROGRAMME", "programme": "OSH_DECLARATION"}, Verdict.PASS),
        ({"basis": "PROGRAMME", "programme": "OTHER"}, Verdict.PASS),  # «ж.б.»
        ({"basis": "PROGRAMME", "programme": "FULBRIGHT"}, Verdict.FAIL),  # record as OTHER
        ({"basis": "INDIVIDUAL_INVITATION", "invitation_letter": True}, Verdict.PASS),
        ({"basis": "INDIVIDUAL_INVITATION"}, Verdict.FAIL),
        ({"basis": "INDIVIDUAL_INITIATIVE"}, Verdict.PASS),
        ({"basis": "TOURISM"}, Verdict.FAIL),
    ],
)
def test_OSU_3_2_1_bases_of_mobility(facts, verdict) -> None:
    assert mobility_basis(facts, ON).value == verdict


@pytest.mark.rule("OSU-3.3-1")
def test_OSU_3_3_1_right_restricted_only_on_catalogued_grounds() -> None:
    assert restriction_allowed({"refusal_rule_ids": ["OSU-4.8-IRD-9", "OSU-4.8-STU-15"]}, ON).value == Verdict.PASS
    assert restriction_allowed({"refusal_rule_ids": ["AGE_OVER_30"]}, ON).value == Verdict.FAIL
    assert restriction_allowed({"refusal_rule_ids": []}, ON).value == Verdict.FAIL


@pytest.mark.rule("OSU-3.6-1")
def test_OSU_3_6_1_results_documents_after_the_stay() -> None:
    f = {"end_date": D(2026, 6, 30)}
    assert results_documents_brought(f, D(2026, 6, 30)).value == Verdict.PASS  # not yet over
    assert results_documents_brought(f, D(2026, 7, 1)).value == Verdict.FAIL
    docs = {**f, "documents": ["TRANSCRIPT"], "grades_in_credit_system": True}
    assert results_documents_brought(docs, D(2026, 7, 1)).value == Verdict.PASS
    assert results_documents_brought({**docs, "grades_in_credit_system": False}, D(2026, 7, 1)).value == Verdict.FAIL


@pytest.mark.rule("OSU-3.6-2", "OSU-3.6-3", "OSU-4.8-IRD-16")
def test_OSU_3_6_2_staff_trip_closing() -> None:
    ok = {"scope": "EXTERNAL", "presentation_done": True, "cooperation_proposals": "none", "short_report_to_ird": True,
          "effectiveness_assessment": "useful: joint project agreed"}
    assert trip_closing_check(ok, ON).value == Verdict.PASS
    for key, value, missing in [
        ("presentation_done", False, "PRESENTATION"),
        ("cooperation_proposals", None, "COOPERATION_PROPOSALS"),
        ("short_report_to_ird", False, "SHORT_REPORT_TO_IRD"),
        ("effectiveness_assessment", None, "IRD_EFFECTIVENESS_ASSESSMENT"),
    ]:
        out = trip_closing_check({**ok, key: value}, ON)
        assert out.value == Verdict.FAIL and out.explanation.message_values["missing"] == [missing]
    # IRD's effectiveness assessment concerns trips abroad
    assert trip_closing_check({**ok, "scope": "INTERNAL", "effectiveness_assessment": None}, ON).value == Verdict.PASS


@pytest.mark.rule("OSU-4.2-1")
def test_OSU_4_2_1_application_to_own_dean() -> None:
    f = {"addressee_role": "DEAN", "addressee_faculty": "Medicine", "student_faculty": "Medicine", "lodged_with": "IRD"}
    assert application_check(f, ON).value == Verdict.PASS
    assert application_check({**f, "addressee_faculty": "Law"}, ON).value == Verdict.FAIL
    assert application_check({**f, "addressee_role": "IRD"}, ON).value == Verdict.FAIL
    assert application_check({**f, "lodged_with": "OTHER"}, ON).value == Verdict.FAIL


@pytest.mark.rule("OSU-4.4-1")
def test_OSU_4_4_1_uncovered_home_disciplines_warn() -> None:
    covered = [{"name": "A", "credits": 6, "covered_by": "EQUIVALENCE"}, {"name": "B", "credits": 3, "covered_by": "DLT"}]
    assert study_period_check({"disciplines": covered}, ON).value == Verdict.PASS
    out = study_period_check({"disciplines": covered + [{"name": "C", "credits": "4.5", "covered_by": "NONE"}]}, ON)
    assert out.value == Verdict.WARN  # "as a rule": never a block
    assert out.explanation.message_values["credits"] == Decimal("4.5")


@pytest.mark.rule("OSU-4.6-1")
def test_OSU_4_6_1_scholarships_may_be_cumulated() -> None:
    f = {"sources": [{"source": "STATE", "name": "state stipend", "amount": "2000"},
                     {"source": "PROGRAMME", "name": "Mevlana grant", "amount": "25000"},
                     {"source": "HOST", "name": "host aid"}]}
    out = funding_sources_check(f, ON)
    assert out.value == Verdict.PASS and out.explanation.message_values["count"] == 3
    assert out.explanation.message_values["total"] == Decimal(27000)


@pytest.mark.rule("OSU-4.7-1")
def test_OSU_4_7_1_students_away_for_load_planning() -> None:
    def m(group, status, start, end):
        return {"department": "CS", "programme": "SE", "group": group, "status": status, "start_date": start, "end_date": end}

    f = {
        "semester_start": D(2027, 2, 8),
        "semester_end": D(2027, 6, 12),
        "mobilities": [
            m("SE-21", "ABROAD", D(2026, 9, 1), D(2027, 2, 8)),  # overlaps by its last day
            m("SE-21", "ORDER_ISSUED", D(2027, 6, 12), D(2027, 7, 1)),  # overlaps by its first day
            m("SE-21", "ABROAD", D(2026, 9, 1), D(2027, 2, 7)),  # ends the day before
            m("SE-22", "NOMINATED", D(2027, 2, 8), D(2027, 6, 1)),  # no order yet
            m("SE-22", "ABROAD", D(2027, 3, 1), D(2027, 3, 20)),
        ],
    }
    rows = students_away(f, ON).value
    assert [(r.group, r.count) for r in rows] == [("SE-21", 2), ("SE-22", 1)]


@pytest.mark.rule("OSU-4.8-IRD-5")
def test_OSU_4_8_IRD_5_invitation_registered_by_ird() -> None:
    f = {"host": "Gazi University", "letter_uploaded": True, "issuer": "Gazi University", "registered_by": "IRD"}
    assert invitation_registered(f, ON).value == Verdict.PASS
    assert invitation_registered({**f, "registered_by": "STUDENT"}, ON).value == Verdict.FAIL
    assert invitation_registered({**f, "letter_uploaded": False}, ON).value == Verdict.FAIL
    assert invitation_registered({**f, "issuer": "Someone else"}, ON).value == Verdict.FAIL


@pytest.mark.rule("OSU-4.8-IRD-10")
def test_OSU_4_8_IRD_10_learning_agreement_when_required() -> None:
    assert learning_agreement_check({}, ON).value == Verdict.PASS
    req = {"la_required_by_host": True, "signed_by": ["STUDENT", "HOME"]}
    out = learning_agreement_check(req, ON)
    assert out.value == Verdict.FAIL and out.explanation.message_values["missing"] == ["HOST"]
    assert learning_agreement_check({**req, "signed_by": ["HOST", "HOME", "STUDENT"]}, ON).value == Verdict.PASS


@pytest.mark.rule("OSU-4.8-IRD-11", "OSU-4.8-IRD-12")
def test_OSU_4_8_IRD_12_recheck_strictly_before_the_referral_letter() -> None:
    s = {"student_id": "s1", "in_submitted_nomination": True, "recheck_confirmed_on": D(2026, 5, 9),
         "recheck_debt_clear": True, "recheck_intent_confirmed": True}
    assert letter_to_host_check({"sent_on": D(2026, 5, 10), "students": [s]}, ON).value == Verdict.PASS
    assert letter_to_host_check({"sent_on": D(2026, 5, 9), "students": [s]}, ON).value == Verdict.FAIL  # same day
    assert letter_to_host_check({"sent_on": D(2026, 5, 10), "students": [{**s, "recheck_debt_clear": False}]}, ON).value == Verdict.FAIL
    assert letter_to_host_check({"sent_on": D(2026, 5, 10), "students": [{**s, "in_submitted_nomination": False}]}, ON).value == Verdict.FAIL


@pytest.mark.rule("OSU-4.8-IRD-15")
def test_OSU_4_8_IRD_15_translation_into_russian_or_kyrgyz() -> None:
    assert translation_check({"document_language": "ru"}, ON).value == Verdict.PASS
    assert translation_check({"document_language": "tr"}, ON).value == Verdict.WARN
    assert translation_check({"document_language": "tr", "translation_language": "en"}, ON).value == Verdict.WARN
    assert translation_check({"document_language": "tr", "translation_language": "ky"}, ON).value == Verdict.PASS


@pytest.mark.rule("OSU-4.8-FD-15")
def test_OSU_4_8_FD_15_incoming_students_in_avn() -> None:
    assert incoming_avn_check({"avn_student_id": None}, ON).value == Verdict.FAIL
    assert incoming_avn_check({"avn_student_id": "AVN-123"}, ON).value == Verdict.PASS


@pytest.mark.rule("OSU-4.8-VDIR-1")
def test_OSU_4_8_VDIR_1_errata_17_every_month_including_summer() -> None:
    events = [D(2026, m, 10) for m in range(1, 13) if m not in (7, 8)]
    f = {"faculty": "Medicine", "period_start": D(2026, 1, 1), "period_end": D(2026, 12, 31), "event_dates": events}
    out = outreach_check(f, D(2026, 11, 21))  # November not over yet: not counted
    assert out.value == Verdict.FAIL and out.explanation.message_values["months"] == ["2026-07", "2026-08"]
    full = {**f, "event_dates": events + [D(2026, 7, 31), D(2026, 8, 1)]}
    assert outreach_check(full, D(2027, 1, 1)).value == Verdict.PASS
    # the academic-year reading is the non-default alternative
    alt = params.store().parameter("osu.outreach_months").alternatives["academic_year_only"]
    store = params.store().with_version("osu.outreach_months", D(2026, 1, 1), alt, decided_by="test")
    with params.using(store):
        assert outreach_check(f, D(2026, 11, 21)).value == Verdict.PASS


@pytest.mark.rule("OSU-4.8-VDIR-1")
def test_OSU_4_8_VDIR_1_one_event_on_the_last_day_of_a_month_counts() -> None:
    f = {"faculty": "Law", "period_start": D(2026, 2, 1), "period_end": D(2026, 2, 28), "event_dates": [D(2026, 2, 28)]}
    assert outreach_check(f, D(2026, 3, 1)).value == Verdict.PASS
    assert outreach_check({**f, "event_dates": [D(2026, 3, 1)]}, D(2026, 3, 2)).value == Verdict.FAIL


@pytest.mark.rule("OSU-4.8-VDIR-2")
def test_OSU_4_8_VDIR_2_info_package_in_three_languages() -> None:
    assert info_package_check({"faculty": "Law", "languages": ["ky", "EN", "ru"]}, ON).value == Verdict.PASS
    out = info_package_check({"faculty": "Law", "languages": ["ru", "en"]}, ON)
    assert out.value == Verdict.FAIL and out.explanation.message_values["missing"] == ["ky"]


@pytest.mark.rule("OSU-4.8-VDIR-13")
def test_OSU_4_8_VDIR_13_faculty_report_before_statistics() -> None:
    f = {"faculty": "Law", "academic_year": "2025-2026", "statistics_finalised_on": D(2026, 7, 1)}
    assert faculty_report_check(f, ON).value == Verdict.FAIL
    assert faculty_report_check({**f, "submitted_on": D(2026, 7, 1)}, ON).value == Verdict.PASS
    assert faculty_report_check({**f, "submitted_on": D(2026, 7, 2)}, ON).value == Verdict.FAIL


@pytest.mark.rule("OSU-4.6-1")
def test_OSU_4_6_1_a_negative_amount_is_refused_zero_is_allowed() -> None:
    from pydantic import ValidationError

    with pytest.raises(ValidationError):
        funding_sources_check({"sources": [{"source": "HOST", "name": "aid", "amount": "-0.5"}]}, ON)
    out = funding_sources_check({"sources": [{"source": "HOST", "name": "aid in kind", "amount": "0"}]}, ON)
    assert out.value == Verdict.PASS


@pytest.mark.rule("OSU-4.8-VDIR-1")
def test_OSU_4_8_VDIR_1_the_month_in_progress_is_not_judged() -> None:
    """A month counts once it is over: on 21 November an outreach month with no event yet is not short."""
    f = {"faculty": "Medicine", "period_start": D(2026, 11, 1), "period_end": D(2026, 11, 30), "event_dates": []}
    assert outreach_check(f, D(2026, 11, 21)).value == Verdict.PASS
    assert outreach_check(f, D(2026, 11, 30)).value == Verdict.PASS  # its last day: not over yet
    assert outreach_check(f, D(2026, 12, 1)).value == Verdict.FAIL


@pytest.mark.rule("OSU-4.8-IRD-11", "OSU-4.8-IRD-12")
def test_OSU_4_8_IRD_12_an_unrecorded_debt_check_is_not_a_clear_one() -> None:
    """A re-check without the debt status recorded is not a re-check: the field left out means «not confirmed»."""
    s = {"student_id": "s1", "in_submitted_nomination": True, "recheck_confirmed_on": D(2026, 5, 9), "recheck_intent_confirmed": True}
    out = letter_to_host_check({"sent_on": D(2026, 5, 10), "students": [s]}, ON)
    assert out.value == Verdict.FAIL and out.explanation.message_values["students"] == ["s1"]
