"""Quorum and majority of the deciding bodies other than the Board of Trustees (institution settings,
``params/ktmu_bodies.yaml``): the boundaries of each reading."""

from __future__ import annotations

import datetime as dt

import pytest

from bilim.regulations.governance.bodies import body_quorum, body_vote, quorum_need

ON = dt.date(2026, 11, 21)
MEMBERS = [f"m{i}" for i in range(10)]


@pytest.mark.rule_param("gov.body.quorum")
def test_quorum_more_than_half_of_the_voting_members() -> None:
    assert quorum_need("senate", 10, ON) == 6 and quorum_need("senate", 9, ON) == 5
    assert quorum_need("jury", 5, ON) == 5  # ALL
    assert body_quorum("senate", MEMBERS, MEMBERS[:6], ON).value is True
    assert body_quorum("senate", MEMBERS, MEMBERS[:5], ON).value is False  # exactly half is not more than half
    assert body_quorum("senate", MEMBERS, MEMBERS[:5] + ["guest"], ON).value is False  # guests do not count
    assert body_quorum("senate", [], [], ON).value is False  # a body without members never decides


@pytest.mark.rule_param("gov.body.majority")
def test_votes_cast_majority_is_more_yes_than_no() -> None:
    present = MEMBERS[:6]
    assert body_vote("senate", MEMBERS, present, 3, 2, 1, ON).value == "ADOPTED"
    assert body_vote("senate", MEMBERS, present, 2, 2, 2, ON).value == "NOT_ADOPTED"  # a tie is not adopted
    assert body_vote("senate", MEMBERS, MEMBERS[:5], 5, 0, 0, ON).value == "NO_QUORUM"
    with pytest.raises(ValueError):
        body_vote("senate", MEMBERS, present, 4, 2, 1, ON)  # 7 votes from 6 present


@pytest.mark.rule_param("gov.body.majority")
def test_all_members_majority_needs_more_than_half_of_all_members() -> None:
    # appeal commission: quorum ALL, majority ALL_MEMBERS (KTMU-36(6)-1)
    five = MEMBERS[:5]
    assert body_vote("appeal_commission", five, five, 3, 2, 0, ON).value == "ADOPTED"  # 2×3 > 5
    assert body_vote("appeal_commission", five, five, 2, 0, 3, ON).value == "NOT_ADOPTED"  # 2×2 ≤ 5, though 2 > 0
    assert body_vote("appeal_commission", MEMBERS, MEMBERS, 6, 4, 0, ON).value == "ADOPTED"  # 12 > 10
    assert body_vote("appeal_commission", MEMBERS, MEMBERS, 5, 0, 5, ON).value == "NOT_ADOPTED"  # exactly half
    assert body_vote("appeal_commission", five, five[:4], 4, 0, 0, ON).value == "NO_QUORUM"
