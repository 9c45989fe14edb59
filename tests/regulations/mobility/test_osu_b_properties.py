"""Properties of the OshSU date rules, and the crisp parts of rules the catalogue marks "no"."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bilim.regulations.core import Verdict, WorkCalendar
from bilim.regulations.mobility import finance as fin
from bilim.regulations.mobility import home_host as hh
from bilim.regulations.mobility import information as info
from bilim.regulations.mobility import staff as sf
from bilim.regulations.mobility import student as stu

ON = dt.date(2026, 11, 21)
dates = st.dates(min_value=dt.date(2020, 1, 1), max_value=dt.date(2027, 12, 31))


@pytest.mark.rule("OSU-4.8-STAFF-5")
@settings(max_examples=60, deadline=None)
@given(returned=dates, later=st.integers(min_value=0, max_value=20))
def test_OSU_4_8_STAFF_5_due_is_the_fifth_working_day_and_monotone(returned: dt.date, later: int) -> None:
    cal = WorkCalendar()
    due = sf.expense_report_due({"funding_sources": ["UNIVERSITY"], "return_date": returned}, ON).value
    assert due > returned and cal.is_working_day(due)
    assert cal.working_days_between(returned, due) == 5
    assert cal.working_days_between(returned, due - dt.timedelta(days=1)) == 4
    due_later = sf.expense_report_due(
        {"funding_sources": ["UNIVERSITY"], "return_date": returned + dt.timedelta(days=later)}, ON
    ).value
    assert due_later >= due


@pytest.mark.rule("OSU-4.8-STU-12")
@settings(max_examples=60, deadline=None)
@given(end=dates, later=st.integers(min_value=0, max_value=40))
def test_OSU_4_8_STU_12_due_is_one_calendar_month_and_monotone(end: dt.date, later: int) -> None:
    due = stu.results_documents_due({"mobility_end_date": end}, ON).value
    assert 28 <= (due - end).days <= 31
    assert (due.year * 12 + due.month) - (end.year * 12 + end.month) == 1
    assert due.day == end.day or due.day < end.day  # clamped only at month end
    assert stu.results_documents_due({"mobility_end_date": end + dt.timedelta(days=later)}, ON).value >= due
    on_due = {"mobility_end_date": end, "results_documents_submitted_on": due, "report_submitted_on": due}
    assert stu.results_documents_status(on_due, ON).value == "ON_TIME"
    late = {**on_due, "report_submitted_on": due + dt.timedelta(days=1)}
    assert stu.results_documents_status(late, ON).value == "OVERDUE"  # handed in late: the flag stays


@pytest.mark.rule("OSU-4.8-STAFF-3")
@settings(max_examples=40, deadline=None)
@given(project=st.booleans(), k=st.integers(min_value=0, max_value=4))
def test_OSU_4_8_STAFF_3_state_after_k_approvals(project: bool, k: int) -> None:
    chain = sf.approval_chain(project, ON)
    k = min(k, len(chain))
    approvals = [{"role": r, "decision": "APPROVED", "on": ON} for r in chain[:k]]
    state = sf.approval_state({"project_funded": project, "approvals": approvals}, ON).value
    assert state == ("READY_FOR_ORDER" if k == len(chain) else f"APPROVAL_{chain[k]}")


@pytest.mark.rule("OSU-6.2-1")
def test_OSU_6_2_1_visa_is_the_participants_task_for_external_physical_stays() -> None:
    assert fin.visa_task({"direction": "OUTGOING", "scope": "EXTERNAL", "mode": "PHYSICAL"}, ON).value is True
    assert fin.visa_task({"direction": "INCOMING", "scope": "EXTERNAL", "mode": "PHYSICAL"}, ON).value is True
    assert fin.visa_task({"direction": "OUTGOING", "scope": "INTERNAL", "mode": "PHYSICAL"}, ON).value is False
    assert fin.visa_task({"direction": "OUTGOING", "scope": "EXTERNAL", "mode": "DISTANCE"}, ON).value is False


@pytest.mark.rule("OSU-4.8-HOST-2")
def test_OSU_4_8_HOST_2_individual_online_only_for_subjects_not_taught_here() -> None:
    ok = [
        {"discipline": "Kazakh literature", "mode": "INDIVIDUAL_ONLINE", "in_oshsu_curricula": False},
        {"discipline": "Physics", "mode": "REGULAR_GROUP", "in_oshsu_curricula": True},
        {"discipline": "Home module", "mode": "DISTANCE_BY_HOME", "in_oshsu_curricula": False},
    ]
    assert hh.incoming_plan_modes({"items": ok}, ON).value is Verdict.PASS
    bad = [*ok, {"discipline": "Algebra", "mode": "INDIVIDUAL_ONLINE", "in_oshsu_curricula": True}]
    out = hh.incoming_plan_modes({"items": bad}, ON)
    assert out.value is Verdict.FAIL and out.explanation.message_values["disciplines"] == ["Algebra"]


@pytest.mark.rule("OSU-5.1-1")
def test_OSU_5_1_1_only_ird_and_deputy_deans_publish() -> None:
    assert info.may_publish({"role": "ird_officer"}, ON).value is Verdict.PASS
    assert info.may_publish({"role": "deputy_dean_ir"}, ON).value is Verdict.PASS
    assert info.may_publish({"role": "dean_office"}, ON).value is Verdict.FAIL
    assert info.may_publish({"role": "student"}, ON).value is Verdict.FAIL


@pytest.mark.rule("OSU-5.3-1")
def test_OSU_5_3_1_agreement_status_boundaries() -> None:
    agr = {"valid_from": dt.date(2024, 1, 1), "valid_to": ON}
    assert info.agreement_status(agr, dt.date(2023, 12, 31)).value == "NOT_YET_IN_FORCE"
    assert info.agreement_status(agr, dt.date(2024, 1, 1)).value == "ACTIVE"
    assert info.agreement_status(agr, ON).value == "ACTIVE"
    assert info.agreement_status(agr, ON + dt.timedelta(days=1)).value == "EXPIRED"
    assert info.agreement_status({"valid_from": dt.date(2024, 1, 1)}, dt.date(2099, 1, 1)).value == "ACTIVE"
