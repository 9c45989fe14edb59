"""OshSU — academic staff (STAFF-1/2/3/5/6/7/8, HOME-4) and information support (5.4-1, 5.4-3, 5.5-1, 5.6-1)."""

from __future__ import annotations

import datetime as dt

import pytest

from bilim.regulations.core import RuleError, Verdict, WorkCalendar, params
from bilim.regulations.mobility import information as info
from bilim.regulations.mobility import staff as sf

D = dt.date
ON = D(2026, 11, 21)


@pytest.mark.rule("OSU-4.8-STAFF-1")
def test_OSU_4_8_STAFF_1_rector_order_and_invitation() -> None:
    ok = {"order_kind": "STAFF_TRIP", "order_signed_by": "RECTOR", "invitation_document": True}
    assert sf.trip_order_basis(ok, ON).value is Verdict.PASS
    assert sf.trip_order_basis({**ok, "order_signed_by": "VICE_RECTOR"}, ON).value is Verdict.FAIL
    out = sf.trip_order_basis({**ok, "invitation_document": False}, ON)
    assert out.explanation.message_values["items"] == ["INVITATION_DOCUMENT"]


@pytest.mark.rule("OSU-4.8-STAFF-2")
def test_OSU_4_8_STAFF_2_documents_at_submission_without_dean_consent_errata_11() -> None:
    docs = {"APPLICATION_TO_RECTOR", "INVITATION_COPY"}
    assert sf.trip_documents({"documents": docs, "application_handwritten": True}, ON).value is Verdict.PASS
    assert sf.trip_documents({"documents": docs, "application_handwritten": False}, ON).value is Verdict.FAIL
    out = sf.trip_documents({"documents": {"APPLICATION_TO_RECTOR"}, "application_handwritten": True}, ON)
    assert out.explanation.message_values["documents"] == ["INVITATION_COPY"]
    assert "DEAN_CONSENT" not in str(sf.trip_documents({"documents": set()}, ON).explanation.message_values)


@pytest.mark.rule("OSU-4.8-STAFF-2")
def test_OSU_4_8_STAFF_2_substitution_abroad_only_errata_18() -> None:
    classes = [
        {"date": D(2026, 10, 5), "course": "Algebra", "substitute": "Asanov"},
        {"date": D(2026, 10, 9), "course": "Algebra", "substitute": None},  # last day of the trip
        {"date": D(2026, 10, 12), "course": "Algebra", "substitute": None},  # after the trip
    ]
    trip = {"start_date": D(2026, 10, 5), "end_date": D(2026, 10, 9), "substitution_info_given": True, "classes": classes}
    out = sf.class_substitution({**trip, "scope": "EXTERNAL"}, ON)
    assert out.value is Verdict.FAIL and out.explanation.message_values["classes"] == ["Algebra 2026-10-09"]
    classes[1]["substitute"] = "Asanov"
    assert sf.class_substitution({**trip, "scope": "EXTERNAL", "classes": classes}, ON).value is Verdict.PASS
    assert sf.class_substitution({**trip, "scope": "EXTERNAL", "substitution_info_given": False}, ON).value is Verdict.FAIL
    domestic = {**trip, "scope": "INTERNAL", "substitution_info_given": False}
    assert sf.class_substitution(domestic, ON).value is Verdict.PASS
    store = params.store().with_version("osu.staff.substitution_info_domestic_required", D(2026, 1, 1), True)
    with params.using(store):
        assert sf.class_substitution(domestic, ON).value is Verdict.FAIL


def _appr(role: str, day: int, decision: str = "APPROVED", reason: str | None = None) -> dict:
    return {"role": role, "decision": decision, "on": D(2026, 9, day), "reason": reason}


@pytest.mark.rule("OSU-4.8-STAFF-3")
def test_OSU_4_8_STAFF_3_project_funded_needs_pjl() -> None:
    steps = [_appr("HOD", 1), _appr("DEAN", 2)]
    assert sf.approval_state({"project_funded": True, "approvals": steps}, ON).value == "APPROVAL_PJL"
    assert sf.approval_state({"project_funded": False, "approvals": steps}, ON).value == "APPROVAL_VR_SCI"
    full = [*steps, _appr("PJL", 3), _appr("VR_SCI", 4)]
    assert sf.approval_state({"project_funded": True, "approvals": full}, ON).value == "READY_FOR_ORDER"
    assert sf.approval_chain(True, ON) == ["HOD", "DEAN", "PJL", "VR_SCI"]
    assert sf.approval_chain(False, ON) == ["HOD", "DEAN", "VR_SCI"]


@pytest.mark.rule("OSU-4.8-STAFF-3")
def test_OSU_4_8_STAFF_3_dean_only_after_hod_errata_11() -> None:
    assert sf.approval_state({"project_funded": False}, ON).value == "APPROVAL_HOD"
    with pytest.raises(RuleError):
        sf.approval_state({"project_funded": False, "approvals": [_appr("DEAN", 1)]}, ON)
    with pytest.raises(RuleError):  # PJL has no turn on a trip not funded by a project
        sf.approval_state({"project_funded": False, "approvals": [_appr("HOD", 1), _appr("DEAN", 2), _appr("PJL", 3)]}, ON)


@pytest.mark.rule("OSU-4.8-STAFF-3")
def test_OSU_4_8_STAFF_3_rejection_needs_reason() -> None:
    rej = sf.approval_state({"project_funded": False, "approvals": [_appr("HOD", 1, "REJECTED", "exam week")]}, ON)
    assert rej.value == "REJECTED"
    bare = sf.approval_state({"project_funded": False, "approvals": [_appr("HOD", 1, "REJECTED")]}, ON)
    assert bare.value == "APPROVAL_HOD"


UNI = ("UNIVERSITY",)


@pytest.mark.rule("OSU-4.8-STAFF-5")
@pytest.mark.parametrize(
    "returned,due",
    [
        (D(2026, 10, 9), D(2026, 10, 16)),  # Friday: weekend skipped
        (D(2026, 3, 18), D(2026, 3, 26)),  # Orozo Ait 20 Mar, Nooruz 21 Mar, weekend skipped
        (D(2026, 5, 26), D(2026, 6, 3)),  # Kurman Ait 27 May skipped
    ],
)
def test_OSU_4_8_STAFF_5_five_working_days(returned: dt.date, due: dt.date) -> None:
    out = sf.expense_report_due({"funding_sources": UNI, "return_date": returned}, ON)
    assert out.value == due
    cal = WorkCalendar()
    assert cal.working_days_between(returned, due) == 5 and cal.is_working_day(due)


@pytest.mark.rule("OSU-4.8-STAFF-5")
def test_OSU_4_8_STAFF_5_explanation_lists_the_holidays() -> None:
    out = sf.expense_report_due({"funding_sources": UNI, "return_date": D(2026, 3, 18)}, ON)
    reasons = {s.day: s.reason for s in out.explanation.skipped}
    assert "Eid al-Fitr" in reasons[D(2026, 3, 20)] and D(2026, 3, 22) in reasons


@pytest.mark.rule("OSU-4.8-STAFF-5")
def test_OSU_4_8_STAFF_5_status_and_funding_scope() -> None:
    f = {"funding_sources": ("UNIVERSITY", "SPONSOR"), "return_date": D(2026, 3, 18)}  # partial funding counts
    assert sf.expense_report_status({**f, "report_submitted_on": D(2026, 3, 26)}, ON).value == "ON_TIME"
    late = sf.expense_report_status({**f, "report_submitted_on": D(2026, 3, 27)}, ON)
    assert late.value == "OVERDUE" and late.explanation.message_key == "osu.staff.expense.late"  # the flag stays
    assert sf.expense_report_status(f, D(2026, 3, 26)).value == "PENDING"
    assert sf.expense_report_status(f, D(2026, 3, 27)).value == "OVERDUE"
    none = {"funding_sources": ("INVITING_PARTY",), "return_date": D(2026, 3, 18)}
    assert sf.expense_report_due(none, ON).value is None
    assert sf.expense_report_status(none, ON).value == "NOT_REQUIRED"


@pytest.mark.rule("OSU-4.8-STAFF-6")
def test_OSU_4_8_STAFF_6_discussion_then_presentation() -> None:
    r = D(2026, 10, 10)
    assert sf.trip_report_presented({"return_date": r, "department_discussion_on": r, "faculty_presentation_on": r}, ON).value is Verdict.PASS
    assert sf.trip_report_presented({"return_date": r, "department_discussion_on": D(2026, 10, 9), "faculty_presentation_on": r}, ON).value is Verdict.FAIL
    assert sf.trip_report_presented({"return_date": r, "department_discussion_on": D(2026, 10, 12), "faculty_presentation_on": D(2026, 10, 11)}, ON).value is Verdict.FAIL
    out = sf.trip_report_presented({"return_date": r, "department_discussion_on": r}, ON)
    assert out.explanation.message_values["items"] == ["FACULTY_PRESENTATION"]


@pytest.mark.rule("OSU-4.8-STAFF-7")
def test_OSU_4_8_STAFF_7_official_or_personal_A_19() -> None:
    short = {"start_date": D(2026, 3, 1), "end_date": D(2026, 3, 31)}  # ≤ 1 month
    long_ = {"start_date": D(2026, 3, 1), "end_date": D(2026, 4, 1)}  # > 1 month
    assert sf.trip_classification({**short, "affects_rating": False}, ON).value == "OFFICIAL"
    assert sf.trip_classification({**long_, "affects_rating": True}, ON).value == "OFFICIAL"
    assert sf.trip_classification({**long_, "affects_rating": False}, ON).value == "PERSONAL"
    store = params.store().with_version("osu.staff.official_trip_combination", D(2026, 1, 1), "AND")
    with params.using(store):
        assert sf.trip_classification({**short, "affects_rating": False}, ON).value == "PERSONAL"
        assert sf.trip_classification({**short, "affects_rating": True}, ON).value == "OFFICIAL"


@pytest.mark.rule("OSU-4.8-STAFF-8")
def test_OSU_4_8_STAFF_8_personal_trip_funding() -> None:
    assert sf.personal_trip_funding({"own_initiative": True, "funding_sources": ["SPONSOR", "PERSONAL"]}, ON).value is Verdict.PASS
    out = sf.personal_trip_funding({"own_initiative": True, "funding_sources": ["PERSONAL", "UNIVERSITY"]}, ON)
    assert out.value is Verdict.FAIL and out.explanation.message_values["sources"] == ["UNIVERSITY"]
    assert sf.personal_trip_funding({"own_initiative": True, "funding_sources": []}, ON).value is Verdict.FAIL
    assert sf.personal_trip_funding({"own_initiative": False, "funding_sources": ["UNIVERSITY"]}, ON).value is Verdict.PASS


@pytest.mark.rule("OSU-4.8-HOME-4")
def test_OSU_4_8_HOME_4_own_initiative_is_unpaid_leave() -> None:
    assert sf.own_initiative_leave({"own_initiative": True, "leave_type": "UNPAID_LEAVE"}, ON).value is Verdict.PASS
    assert sf.own_initiative_leave({"own_initiative": True, "leave_type": "BUSINESS_TRIP"}, ON).value is Verdict.FAIL
    assert sf.own_initiative_leave({"own_initiative": False, "leave_type": "BUSINESS_TRIP"}, ON).value is Verdict.PASS


# --- section 5 -------------------------------------------------------------------------------------------------------


@pytest.mark.rule("OSU-5.4-1")
def test_OSU_5_4_1_partner_list_from_valid_agreements() -> None:
    partners = [
        {"name": "b Uni", "website": "b.edu", "email": "x@b.edu", "phone": "1", "agreement_valid_from": D(2020, 1, 1)},
        {"name": "A Uni", "website": "a.edu", "email": None, "phone": "2", "agreement_valid_from": D(2020, 1, 1), "agreement_valid_to": ON},
        {"name": "Expired", "website": "e.edu", "agreement_valid_from": D(2020, 1, 1), "agreement_valid_to": D(2026, 11, 20)},
        {"name": "Future", "agreement_valid_from": D(2026, 11, 22)},
        {"name": "No agreement"},
    ]
    out = info.partner_list({"partners": partners}, ON)
    assert [e["name"] for e in out.value] == ["A Uni", "b Uni"]  # in force on ON, sorted case-insensitively
    assert out.value[0]["missing"] == ("email",) and out.value[1]["missing"] == ()
    assert out.explanation.message_values == {"count": 2, "incomplete": 1}


@pytest.mark.rule("OSU-5.4-3")
def test_OSU_5_4_3_call_announced_on_website_before_deadline() -> None:
    call = {"call_id": "Mevlana-2027", "application_deadline": D(2027, 3, 1)}
    web = lambda d: {"channel": "IRD_WEBSITE", "published_on": d}  # noqa: E731
    assert info.call_announced({**call, "publications": [web(D(2027, 2, 28))]}, ON).value is Verdict.PASS
    assert info.call_announced({**call, "publications": [web(D(2027, 3, 1))]}, ON).value is Verdict.FAIL
    only_tg = [{"channel": "TELEGRAM", "published_on": D(2027, 1, 1)}]
    assert info.call_announced({**call, "publications": only_tg}, ON).value is Verdict.FAIL
    odd = [web(D(2027, 1, 1)), {"channel": "FAX", "published_on": D(2027, 1, 1)}]
    assert info.call_announced({**call, "publications": odd}, ON).value is Verdict.FAIL


@pytest.mark.rule("OSU-5.5-1")
def test_OSU_5_5_1_announcement_template_warns_never_blocks_errata_16() -> None:
    full = {
        "procedure": "p",
        "conditions": "c",
        "period_or_deadline": "until 1 March",
        "participant_requirements": "GPA above 3",
        "selection_criteria": "GPA, language",
        "links": ["https://oshsu.kg/ird"],
        "body": "x" * 500,
    }
    assert info.announcement_content(full, ON).value is Verdict.PASS
    out = info.announcement_content({**full, "links": []}, ON)
    assert out.value is Verdict.WARN and out.explanation.message_values["fields"] == ["links"]
    store = params.store().with_version("osu.info.announcement_max_length", D(2026, 1, 1), 500)
    with params.using(store):
        assert info.announcement_content(full, ON).value is Verdict.PASS  # exactly at the limit
        assert info.announcement_content({**full, "body": "x" * 501}, ON).value is Verdict.WARN


def _mob(start: dt.date, end: dt.date, **kw: object) -> dict:
    return {"start_date": start, "end_date": end, "direction": "OUTGOING", "scope": "EXTERNAL", "participant_type": "STUDENT", **kw}


@pytest.mark.rule("OSU-5.6-1")
def test_OSU_5_6_1_annual_statistics_year_boundaries() -> None:
    mobs = [
        _mob(D(2025, 9, 1), D(2026, 1, 20), faculty="PHYS", funding_sources=("UNIVERSITY", "PERSONAL")),  # first day
        _mob(D(2026, 8, 31), D(2026, 9, 30), participant_type="STAFF", faculty="MATH"),  # last day of the year
        _mob(D(2025, 8, 31), D(2025, 12, 31), faculty="PHYS"),  # previous year, overlaps
        _mob(D(2026, 9, 1), D(2026, 9, 5), direction="INCOMING"),  # next year
    ]
    out = info.annual_statistics({"academic_year": 2025, "mobilities": mobs}, ON)
    assert out.value["total"] == 2
    assert out.value["by_participant_type"] == {"STAFF": 1, "STUDENT": 1}
    assert out.value["by_funding_source"] == {"PERSONAL": 1, "UNIVERSITY": 1}
    store = params.store().with_version("osu.info.statistics_inclusion", D(2026, 1, 1), "OVERLAP")
    with params.using(store):
        assert info.annual_statistics({"academic_year": 2025, "mobilities": mobs}, ON).value["total"] == 3


@pytest.mark.rule("OSU-5.4-1")
def test_OSU_5_4_1_an_agreement_starting_today_is_listed() -> None:
    partners = [{"name": "New Uni", "website": "n.edu", "email": "x@n.edu", "phone": "1", "agreement_valid_from": ON},
                {"name": "Tomorrow Uni", "agreement_valid_from": D(2026, 11, 22)}]
    assert [e["name"] for e in info.partner_list({"partners": partners}, ON).value] == ["New Uni"]


@pytest.mark.rule("OSU-4.8-STAFF-3")
def test_OSU_4_8_STAFF_3_the_explanation_names_the_approval_chain_it_applied() -> None:
    out = sf.approval_state({"project_funded": False, "approvals": []}, ON)
    assert out.value == "APPROVAL_HOD"
    assert "osu.staff.approval_chain" in [u.name for u in out.explanation.params]
