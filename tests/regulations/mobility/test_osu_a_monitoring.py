"""Crisp supporting checks for rules the index marks "no": OSU-1.3.1-1/-2, OSU-1.5-1, VDIR-10, IRD-17."""

from __future__ import annotations

import datetime as dt

import pytest

from bilim.regulations.core import Verdict, params
from bilim.regulations.mobility.monitoring import (
    counterpart_is_other_institution,
    interview_publication_check,
    monitoring_contact_check,
    recognition_step_required,
    stay_within_visa,
)

D = dt.date
ON = D(2026, 11, 21)


@pytest.mark.rule("OSU-1.3.1-1")
def test_OSU_1_3_1_1_study_outside_oshsu() -> None:
    assert counterpart_is_other_institution({"direction": "OUTGOING", "counterpart_institution": "KTMU"}, ON).value == Verdict.PASS
    assert counterpart_is_other_institution({"direction": "OUTGOING", "counterpart_institution": "OshSU"}, ON).value == Verdict.FAIL


@pytest.mark.rule("OSU-1.3.1-2")
def test_OSU_1_3_1_2_credits_earned_elsewhere_are_recognised() -> None:
    assert recognition_step_required({"host_results": 5, "recognition_complete": False}, ON).value == Verdict.FAIL
    assert recognition_step_required({"host_results": 5, "recognition_complete": True}, ON).value == Verdict.PASS
    assert recognition_step_required({"host_results": 0, "recognition_complete": False}, ON).value == Verdict.PASS


@pytest.mark.rule("OSU-1.5-1")
def test_OSU_1_5_1_stay_within_visa_validity() -> None:
    assert stay_within_visa({"end_date": D(2027, 1, 31), "visa_valid_until": D(2027, 1, 31)}, ON).value == Verdict.PASS
    assert stay_within_visa({"end_date": D(2027, 2, 1), "visa_valid_until": D(2027, 1, 31)}, ON).value == Verdict.WARN
    assert stay_within_visa({"end_date": D(2027, 2, 1)}, ON).value == Verdict.WARN


@pytest.mark.rule("OSU-4.8-VDIR-10")
def test_OSU_4_8_VDIR_10_contact_gap_only_when_set() -> None:
    f = {"start_date": D(2026, 9, 1), "contact_dates": [D(2026, 10, 1)]}
    assert monitoring_contact_check(f, ON).value == Verdict.PASS  # no gap set by the regulation
    store = params.store().with_version("osu.monitoring_contact_max_gap_days", D(2026, 1, 1), 30, decided_by="IRD log")
    with params.using(store):
        assert monitoring_contact_check(f, D(2026, 10, 31)).value == Verdict.PASS  # 30 days
        assert monitoring_contact_check(f, D(2026, 11, 1)).value == Verdict.WARN  # 31 days


@pytest.mark.rule("OSU-4.8-IRD-17")
def test_OSU_4_8_IRD_17_interviews_published_with_consent() -> None:
    ok = {"participant_consented": True, "published_channels": ["IRD_WEBSITE", "INSTAGRAM"]}
    assert interview_publication_check(ok, ON).value == Verdict.PASS
    assert interview_publication_check({**ok, "participant_consented": False}, ON).value == Verdict.FAIL
    assert interview_publication_check({**ok, "published_channels": ["INSTAGRAM"]}, ON).value == Verdict.WARN
    assert interview_publication_check({"participant_consented": True}, ON).value == Verdict.WARN
