"""KTMU Part B — Board of Trustees (KTMU-BT-…): boundaries from the instruction's own numbers
(8 = 4 + 4 members, quorum 5, chair's vote counts two on a tie, 5-year term, ≤ 3 secretariat,
USD 250 a month, payment 1–7 October, budget notice by 31 May)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bilim.regulations.core import Verdict, params
from bilim.regulations.governance import trustees as bt

D = dt.date
ON = D(2026, 11, 21)


def member(pid: str, cit: str, by: str, chair: bool = False) -> dict:
    return {
        "person_id": pid,
        "citizenship": cit,
        "appointed_by": by,
        "proposed_by": "MOES_KR" if by == "GOV_KR" else "NONE",
        "is_chair": chair,
    }


def full_board() -> list[dict]:
    tr = [member("T0", "TR", "GOV_TR", chair=True)] + [member(f"T{i}", "TR", "GOV_TR") for i in range(1, 4)]
    kr = [member(f"K{i}", "KR", "GOV_KR") for i in range(4)]
    return tr + kr


# ---------------------------------------------------------------- composition


@pytest.mark.rule("KTMU-BT-1-1")
def test_KTMU_BT_1_1_eight_members_four_and_four() -> None:
    assert bt.board_composition({"members": full_board()}, ON).value is Verdict.PASS
    # 7 members (a vacancy): fails
    assert bt.board_composition({"members": full_board()[:-1]}, ON).value is Verdict.FAIL
    # 8 members but 5 Turkish + 3 Kyrgyz: fails
    skewed = full_board()[:-1] + [member("T9", "TR", "GOV_TR")]
    out = bt.board_composition({"members": skewed}, ON)
    assert out.value is Verdict.FAIL and out.explanation.message_values["tr"] == 5
    # 9 members: fails
    assert bt.board_composition({"members": full_board() + [member("X", "KR", "GOV_KR")]}, ON).value is Verdict.FAIL
    # the same person twice
    dup = full_board()[:-1] + [full_board()[0]]
    assert bt.board_composition({"members": dup}, ON).value is Verdict.FAIL


@pytest.mark.rule("KTMU-BT-1-2")
def test_KTMU_BT_1_2_chair_and_three_by_turkish_government() -> None:
    assert bt.turkish_side_appointments({"members": full_board()}, ON).value is Verdict.PASS
    board = full_board()
    board[0] = member("T0", "TR", "GOV_KR", chair=True)  # chair not appointed by Gov-TR
    assert bt.turkish_side_appointments({"members": board}, ON).value is Verdict.FAIL
    board = full_board()
    board[3] = member("T3", "TR", "OTHER")  # only 2 besides the chair
    assert bt.turkish_side_appointments({"members": board}, ON).value is Verdict.FAIL
    no_chair = [dict(m, is_chair=False) for m in full_board()]
    assert bt.turkish_side_appointments({"members": no_chair}, ON).value is Verdict.FAIL


@pytest.mark.rule("KTMU-BT-1-3")
def test_KTMU_BT_1_3_four_by_kyrgyz_government_on_ministry_proposal() -> None:
    assert bt.kyrgyz_side_appointments({"members": full_board()}, ON).value is Verdict.PASS
    board = full_board()
    board[-1] = dict(board[-1], proposed_by="NONE")
    assert bt.kyrgyz_side_appointments({"members": board}, ON).value is Verdict.FAIL
    assert bt.kyrgyz_side_appointments({"members": full_board()[:-1]}, ON).value is Verdict.FAIL  # 3


@pytest.mark.rule("KTMU-BT-1-4")
def test_KTMU_BT_1_4_one_kyrgyz_one_turkish_deputy_at_most() -> None:
    ok = bt.chair_deputies({"members": full_board(), "deputies": ["K0", "T1"]}, ON)
    assert ok.value is Verdict.PASS
    assert bt.chair_deputies({"members": full_board(), "deputies": []}, ON).value is Verdict.PASS  # optional
    assert bt.chair_deputies({"members": full_board(), "deputies": ["K0", "K1"]}, ON).value is Verdict.FAIL
    assert bt.chair_deputies({"members": full_board(), "deputies": ["T0"]}, ON).value is Verdict.FAIL  # the chair
    assert bt.chair_deputies({"members": full_board(), "deputies": ["OUTSIDER"]}, ON).value is Verdict.FAIL


@pytest.mark.rule("KTMU-BT-3-2")
def test_KTMU_BT_3_2_vacancy_filled_by_the_same_procedure() -> None:
    vac = member("K3", "KR", "GOV_KR")
    assert bt.vacancy_replacement({"vacated": vac, "replacement": member("K9", "KR", "GOV_KR")}, ON).value is Verdict.PASS
    assert bt.vacancy_replacement({"vacated": vac, "replacement": member("T9", "TR", "GOV_TR")}, ON).value is Verdict.FAIL
    no_proposal = dict(member("K9", "KR", "GOV_KR"), proposed_by="NONE")
    assert bt.vacancy_replacement({"vacated": vac, "replacement": no_proposal}, ON).value is Verdict.FAIL


# ---------------------------------------------------------------- meetings


@pytest.mark.rule("KTMU-BT-1-5")
def test_KTMU_BT_1_5_meeting_convened_by_the_chair() -> None:
    assert bt.meeting_convened_by_chair({"meeting_id": "M1", "convened_by": "T0", "chair_id": "T0"}, ON).value is Verdict.PASS
    assert bt.meeting_convened_by_chair({"meeting_id": "M1", "convened_by": "K0", "chair_id": "T0"}, ON).value is Verdict.FAIL


@pytest.mark.rule("KTMU-BT-1-6")
def test_KTMU_BT_1_6_twice_a_year() -> None:
    one = {"year": 2026, "ordinary_meeting_dates": [D(2026, 3, 1)]}
    two = {"year": 2026, "ordinary_meeting_dates": [D(2026, 3, 1), D(2026, 10, 1)]}
    three = {"year": 2026, "ordinary_meeting_dates": [D(2026, 3, 1), D(2026, 6, 1), D(2026, 10, 1)]}
    assert bt.meetings_per_year(one, D(2026, 12, 31)).value is Verdict.WARN  # the year is not over yet
    assert bt.meetings_per_year(one, D(2027, 1, 1)).value is Verdict.FAIL  # one meeting in a finished year
    assert bt.meetings_per_year(two, D(2027, 1, 1)).value is Verdict.PASS
    assert bt.meetings_per_year(three, D(2027, 1, 1)).value is Verdict.PASS  # at least
    # a meeting of another year does not count
    assert bt.meetings_per_year({"year": 2026, "ordinary_meeting_dates": [D(2026, 3, 1), D(2025, 10, 1)]}, D(2027, 1, 1)).value is Verdict.FAIL
    alt = params.store().with_version("ktmu.bt.meetings_rule", D(2026, 1, 1), "exactly")
    with params.using(alt):
        assert bt.meetings_per_year(three, D(2027, 1, 1)).value is Verdict.FAIL
        assert bt.meetings_per_year(two, D(2027, 1, 1)).value is Verdict.PASS


MEMBERS = ["T0", "T1", "T2", "T3", "K0", "K1", "K2", "K3"]


@pytest.mark.rule("KTMU-BT-1-8")
def test_KTMU_BT_1_8_quorum_is_five() -> None:
    def q(present: list[str]) -> bool:
        return bt.quorum({"meeting_id": "M", "member_ids": MEMBERS, "present_ids": present}, ON).value

    assert q(MEMBERS[:5]) is True  # exactly 5
    assert q(MEMBERS[:4]) is False  # 4
    assert q(MEMBERS[:6]) is True
    assert q(MEMBERS[:4] + ["SECRETARY", "GUEST"]) is False  # non-members are not counted


def vote(present: list[str], votes: dict[str, str], base: str | None = None) -> str:
    facts = {"meeting_id": "M", "item": "I", "member_ids": MEMBERS, "present_ids": present, "chair_id": "T0", "votes": votes}
    if base:
        facts["majority_base"] = base
    return bt.vote_outcome(facts, ON).value


@pytest.mark.rule("KTMU-BT-1-9", "KTMU-BT-1-10")
def test_KTMU_BT_1_9_majority_and_1_10_chair_double_vote_on_tie() -> None:
    p6 = MEMBERS[:6]
    # 4 yes, 2 no: adopted; 3-3 with the chair YES: adopted (chair counts two); chair NO: not adopted
    assert vote(p6, {"T0": "YES", "T1": "YES", "T2": "YES", "T3": "YES", "K0": "NO", "K1": "NO"}) == "ADOPTED"
    assert vote(p6, {"T0": "YES", "T1": "YES", "T2": "YES", "K0": "NO", "K1": "NO", "T3": "NO"}) == "ADOPTED"
    assert vote(p6, {"T0": "NO", "T1": "YES", "T2": "YES", "T3": "YES", "K0": "NO", "K1": "NO"}) == "NOT_ADOPTED"
    # tie with the chair abstaining: not adopted
    assert vote(p6, {"T0": "ABSTAIN", "T1": "YES", "T2": "YES", "K0": "NO", "K1": "NO"}) == "NOT_ADOPTED"
    # 2 yes, 1 no, 3 abstain: majority of votes cast (A-65 default)
    assert vote(p6, {"T1": "YES", "T2": "YES", "K0": "NO", "T0": "ABSTAIN", "T3": "ABSTAIN", "K1": "ABSTAIN"}) == "ADOPTED"
    # the Board decided another base for this item: more than half of the members present
    assert vote(p6, {"T1": "YES", "T2": "YES", "K0": "NO"}, base="MEMBERS_PRESENT") == "NOT_ADOPTED"
    assert vote(p6, {"T1": "YES", "T2": "YES", "T3": "YES", "T0": "YES", "K0": "NO"}, base="MEMBERS_PRESENT") == "ADOPTED"
    # all members: 5 of 8 needed
    assert vote(MEMBERS, {m: "YES" for m in MEMBERS[:4]} | {"K0": "NO"}, base="ALL_MEMBERS") == "NOT_ADOPTED"
    assert vote(MEMBERS, {m: "YES" for m in MEMBERS[:5]}, base="ALL_MEMBERS") == "ADOPTED"
    # 4 present: no quorum, even unanimous
    assert vote(MEMBERS[:4], {m: "YES" for m in MEMBERS[:4]}) == "NO_QUORUM"
    # an absent member's recorded vote is ignored
    assert vote(p6, {"T1": "YES", "K2": "NO", "K3": "NO"}) == "ADOPTED"


VOTE = st.sampled_from(["YES", "NO", "ABSTAIN", None])


@st.composite
def meetings(draw):  # type: ignore[no-untyped-def]
    present = [m for m in MEMBERS if draw(st.booleans())]
    votes = {}
    for m in present:
        v = draw(VOTE)
        if v:
            votes[m] = v
    base = draw(st.sampled_from([None, "VOTES_CAST", "MEMBERS_PRESENT", "ALL_MEMBERS"]))
    return present, votes, base


@pytest.mark.rule("KTMU-BT-1-8", "KTMU-BT-1-9", "KTMU-BT-1-10")
@settings(max_examples=300, deadline=None)
@given(meetings())
def test_KTMU_BT_1_9_never_adopted_without_quorum(m) -> None:  # type: ignore[no-untyped-def]
    present, votes, base = m
    out = vote(present, votes, base)
    if len(present) < 5:
        assert out == "NO_QUORUM"
    else:
        assert out in {"ADOPTED", "NOT_ADOPTED"}
    # adopted requires more YES than NO among votes cast (after the chair's tie-break)
    if out == "ADOPTED":
        yes = sum(v == "YES" for v in votes.values())
        no = sum(v == "NO" for v in votes.values())
        assert yes > no or (yes == no and votes.get("T0") == "YES")


@pytest.mark.rule("KTMU-BT-1-9", "KTMU-BT-1-10")
@settings(max_examples=300, deadline=None)
@given(meetings(), st.data())
def test_KTMU_BT_1_9_an_extra_yes_vote_never_turns_a_pass_into_a_fail(m, data) -> None:  # type: ignore[no-untyped-def]
    present, votes, base = m
    before = vote(present, votes, base)
    convertible = [p for p in present if votes.get(p) != "YES"]
    if before != "ADOPTED" or not convertible:
        return
    who = data.draw(st.sampled_from(convertible))
    assert vote(present, {**votes, who: "YES"}, base) == "ADOPTED"


@pytest.mark.rule("KTMU-BT-1-9", "KTMU-BT-1-10")
@settings(max_examples=200, deadline=None)
@given(meetings(), st.permutations(MEMBERS[1:]))
def test_KTMU_BT_1_10_only_the_chair_is_special(m, perm) -> None:  # type: ignore[no-untyped-def]
    """Renaming the ordinary members (not the chair) never changes the outcome."""
    present, votes, base = m
    rename = dict(zip(MEMBERS[1:], perm)) | {"T0": "T0"}
    assert vote([rename[p] for p in present], {rename[k]: v for k, v in votes.items()}, base) == vote(present, votes, base)


@pytest.mark.rule("KTMU-BT-1-10")
@settings(max_examples=200, deadline=None)
@given(st.integers(0, 4))
def test_KTMU_BT_1_10_tie_is_decided_exactly_by_the_chair(k) -> None:  # type: ignore[no-untyped-def]
    """With k YES and k NO (chair among them), the outcome is the chair's vote, for every k ≥ 1."""
    if k == 0:
        assert vote(MEMBERS[:5], {}) == "NOT_ADOPTED"
        return
    others = MEMBERS[1 : 2 * k]
    for chair_vote in ("YES", "NO"):
        votes = {"T0": chair_vote}
        same = others[: k - 1]
        opposite = others[k - 1 : 2 * k - 1]
        other_vote = "NO" if chair_vote == "YES" else "YES"
        votes |= {p: chair_vote for p in same} | {p: other_vote for p in opposite}
        expected = "ADOPTED" if chair_vote == "YES" else "NOT_ADOPTED"
        assert vote(MEMBERS, votes) == expected


@pytest.mark.rule("KTMU-BT-1-11")
def test_KTMU_BT_1_11_urgent_decision_valid_until_first_meeting() -> None:
    base = {"decision_id": "U1", "decided_on": D(2026, 1, 10), "decided_by": ["T0", "K0", "T1"], "chair_id": "T0",
            "deputy_ids": ["K0", "T1"], "next_meeting_date": D(2026, 3, 2)}
    assert bt.urgent_decision_status(base, D(2026, 3, 1)).value == "PROVISIONAL"  # day before the meeting
    assert bt.urgent_decision_status(base, D(2026, 3, 2)).value == "LAPSED"  # the meeting, not ratified
    assert bt.urgent_decision_status(base | {"ratified": True}, D(2026, 3, 2)).value == "RATIFIED"
    assert bt.urgent_decision_status(base | {"next_meeting_date": None}, D(2027, 1, 1)).value == "PROVISIONAL"
    assert bt.urgent_decision_status(base | {"decided_by": ["T0", "K0"]}, D(2026, 2, 1)).value == "INVALID"


# ---------------------------------------------------------------- terms


@pytest.mark.rule("KTMU-BT-3-1")
def test_KTMU_BT_3_1_five_year_term() -> None:
    assert bt.trustee_term_end({"person_id": "K0", "term_start": D(2024, 3, 15)}, ON).value == D(2029, 3, 15)
    # 29 February start: the anniversary is clamped to 28 February
    assert bt.trustee_term_end({"person_id": "K0", "term_start": D(2024, 2, 29)}, ON).value == D(2029, 2, 28)


@pytest.mark.rule("KTMU-BT-2-2")
def test_KTMU_BT_2_2_leaving_the_main_position_ends_membership() -> None:
    f = {"person_id": "K0", "term_start": D(2024, 3, 15), "holds_main_position": True, "main_position_end": D(2026, 6, 30)}
    out = bt.trustee_mandate(f, D(2026, 6, 29))
    assert out.value == D(2026, 6, 30) and out.explanation.message_values["active"] is True
    assert bt.trustee_mandate(f, D(2026, 6, 30)).explanation.message_values["active"] is False
    # not appointed in a main position: only the term counts
    assert bt.trustee_mandate(f | {"holds_main_position": False}, ON).value == D(2029, 3, 15)
    # a position ending after the term does not extend it
    assert bt.trustee_mandate(f | {"main_position_end": D(2030, 1, 1)}, ON).value == D(2029, 3, 15)
    assert "KTMU-BT-3-1" in bt.trustee_mandate(f, ON).explanation.all_rule_ids()


# ---------------------------------------------------------------- duties


@pytest.mark.rule("KTMU-BT-4-2")
def test_KTMU_BT_4_2_units_opened_on_rectorate_or_member_proposal() -> None:
    f = {"action": "OPEN", "unit_type": "INSTITUTE", "unit_name": "Institute X", "proposer": "RECTORATE",
         "trustees_decision_positive": True}
    assert bt.unit_change_decision(f, ON).value is Verdict.PASS
    assert bt.unit_change_decision(f | {"proposer": "TRUSTEE"}, ON).value is Verdict.PASS
    assert bt.unit_change_decision(f | {"proposer": "OTHER"}, ON).value is Verdict.FAIL
    assert bt.unit_change_decision(f | {"trustees_decision_positive": None}, ON).value is Verdict.FAIL


@pytest.mark.rule("KTMU-BT-4-5")
def test_KTMU_BT_4_5_budget_by_rector_approved_by_trustees() -> None:
    assert bt.budget_approval({"budget_year": 2027, "prepared_by": "RECTOR", "approved_by_trustees": True}, ON).value is Verdict.PASS
    assert bt.budget_approval({"budget_year": 2027, "prepared_by": "OTHER", "approved_by_trustees": True}, ON).value is Verdict.FAIL
    assert bt.budget_approval({"budget_year": 2027, "prepared_by": "RECTOR", "approved_by_trustees": False}, ON).value is Verdict.FAIL


@pytest.mark.rule("KTMU-BT-4-6")
def test_KTMU_BT_4_6_next_year_payments_notified_by_end_of_may() -> None:
    # 31 May 2025 is a Saturday: the calendar date counts, it is not moved
    f = {"budget_year": 2026, "notified_gov_kr": D(2025, 5, 31), "notified_gov_tr": D(2025, 5, 30)}
    assert bt.budget_notification_deadline(f, D(2025, 7, 1)).value is Verdict.PASS
    late = f | {"notified_gov_tr": D(2025, 6, 1)}
    assert bt.budget_notification_deadline(late, D(2025, 7, 1)).value is Verdict.FAIL
    pending = {"budget_year": 2026, "notified_gov_kr": D(2025, 5, 1)}
    assert bt.budget_notification_deadline(pending, D(2025, 5, 31)).value is Verdict.WARN
    assert bt.budget_notification_deadline(pending, D(2025, 6, 1)).value is Verdict.FAIL


@pytest.mark.rule("KTMU-BT-4-8")
def test_KTMU_BT_4_8_founding_instructions_within_six_months() -> None:
    f = {"university_start": D(1997, 8, 31), "instruction": "Accounting"}
    assert bt.founding_instructions_deadline(f | {"in_force_on": D(1998, 2, 28)}, D(2001, 1, 1)).value is Verdict.PASS
    assert bt.founding_instructions_deadline(f | {"in_force_on": D(1998, 3, 1)}, D(2001, 1, 1)).value is Verdict.FAIL
    assert bt.founding_instructions_deadline(f, D(2001, 1, 1)).value is Verdict.FAIL


# ---------------------------------------------------------------- secretariat and money


@pytest.mark.rule("KTMU-BT-5-1")
def test_KTMU_BT_5_1_secretariat_at_most_three() -> None:
    three = {"created_by_trustees_decision": True, "chair_id": "T0", "members": {"a": "T0", "b": "T0", "c": "T0"}}
    assert bt.secretariat_size(three, ON).value is Verdict.PASS
    assert bt.secretariat_size(three | {"members": {**three["members"], "d": "T0"}}, ON).value is Verdict.FAIL
    assert bt.secretariat_size(three | {"created_by_trustees_decision": False}, ON).value is Verdict.FAIL


@pytest.mark.rule("KTMU-BT-5-2")
def test_KTMU_BT_5_2_secretariat_appointed_by_chair() -> None:
    f = {"created_by_trustees_decision": True, "chair_id": "T0", "members": {"a": "T0", "b": "T0"}}
    assert bt.secretariat_appointments(f, ON).value is Verdict.PASS
    assert bt.secretariat_appointments(f | {"members": {"a": "T0", "b": "K0"}}, ON).value is Verdict.FAIL


@pytest.mark.rule("KTMU-BT-7-1")
def test_KTMU_BT_7_1_allowance_250_usd_a_month_no_salary() -> None:
    assert bt.representation_allowance({"person_id": "K0", "months_in_office": 12}, ON).value == Decimal(3000)
    assert bt.representation_allowance({"person_id": "K0", "months_in_office": 0}, ON).value == Decimal(0)
    assert bt.representation_allowance({"person_id": "K0", "months_in_office": 7}, ON).value == Decimal(1750)
    assert bt.representation_allowance({"person_id": "K0", "months_in_office": 1, "salary_paid": "0.01"}, ON).value is Verdict.FAIL


@pytest.mark.rule("KTMU-BT-7-2")
def test_KTMU_BT_7_2_paid_in_first_week_of_october() -> None:
    for day, ok in [(D(2026, 9, 30), False), (D(2026, 10, 1), True), (D(2026, 10, 7), True), (D(2026, 10, 8), False)]:
        assert (bt.allowance_payment_date({"payment_date": day}, ON).value is Verdict.PASS) is ok


@pytest.mark.rule("KTMU-BT-7-5")
def test_KTMU_BT_7_5_chair_staff_paid_in_foreign_currency_from_board_line() -> None:
    f = {"person_id": "S", "appointed_by_chair": True, "amount_set_by_trustees": True, "currency": "USD",
         "source": "TRUSTEES_BUDGET_LINE"}
    assert bt.chair_staff_payment(f, ON).value is Verdict.PASS
    assert bt.chair_staff_payment(f | {"currency": "KGS"}, ON).value is Verdict.FAIL
    assert bt.chair_staff_payment(f | {"source": "OTHER"}, ON).value is Verdict.FAIL
    assert bt.chair_staff_payment(f | {"amount_set_by_trustees": False}, ON).value is Verdict.FAIL
    assert bt.chair_staff_payment(f | {"appointed_by_chair": False, "currency": "KGS"}, ON).value is Verdict.PASS


def test_trustee_parameters_start_with_the_2000_instruction() -> None:
    with pytest.raises(params.NotCovered):
        params.get("ktmu.bt.quorum", D(2000, 10, 6))
    use = params.get("ktmu.bt.quorum", D(2000, 10, 7))
    assert use.value == 5 and "2000-3-1/1" in (use.decided_by or "")


# ---------------------------------------------------------------- catalogue "no" rules with a crisp check


@pytest.mark.rule("KTMU-BT-1-7")
def test_KTMU_BT_1_7_place_date_agenda_by_chair_with_members() -> None:
    f = {"meeting_id": "M", "chair_id": "T0", "set_by": "T0", "place": "Bishkek", "date": D(2026, 4, 2),
         "agenda": ["budget"], "members_consulted": True}
    assert bt.meeting_arrangements(f, ON).value is Verdict.PASS
    assert bt.meeting_arrangements(f | {"set_by": "K0"}, ON).value is Verdict.FAIL
    assert bt.meeting_arrangements(f | {"members_consulted": False}, ON).value is Verdict.FAIL
    assert bt.meeting_arrangements(f | {"agenda": []}, ON).value is Verdict.FAIL


@pytest.mark.rule("KTMU-BT-4-3")
def test_KTMU_BT_4_3_pay_within_board_band() -> None:
    f = {"position": "docent", "band_set_by_trustees": True, "minimum": "1000", "maximum": "2000", "pay": "1000"}
    assert bt.pay_within_band(f, ON).value is Verdict.PASS  # at the minimum
    assert bt.pay_within_band(f | {"pay": "2000"}, ON).value is Verdict.PASS  # at the maximum
    assert bt.pay_within_band(f | {"pay": "999.99"}, ON).value is Verdict.FAIL
    assert bt.pay_within_band(f | {"pay": "2000.01"}, ON).value is Verdict.FAIL
    assert bt.pay_within_band(f | {"minimum": "2500"}, ON).value is Verdict.FAIL
    assert bt.pay_within_band(f | {"band_set_by_trustees": False}, ON).value is Verdict.FAIL


@pytest.mark.rule("KTMU-BT-6-1", "KTMU-BT-7-3", "KTMU-BT-7-4")
def test_KTMU_BT_6_1_7_3_7_4_board_expenses() -> None:
    assert bt.board_expense({"kind": "STAFF", "set_by_trustees": False, "source": "UNIVERSITY_BUDGET"}, ON).value is Verdict.PASS
    assert bt.board_expense({"kind": "STAFF", "set_by_trustees": False, "source": "OTHER"}, ON).value is Verdict.FAIL
    assert bt.board_expense({"kind": "AUDIT_FEE", "set_by_trustees": False, "source": "UNIVERSITY_BUDGET"}, ON).value is Verdict.FAIL
    assert bt.board_expense({"kind": "TRAVEL_DAILY", "set_by_trustees": True, "source": "UNIVERSITY_BUDGET"}, ON).value is Verdict.PASS


@pytest.mark.rule("KTMU-BT-1-8")
@settings(max_examples=200, deadline=None)
@given(st.sets(st.sampled_from(MEMBERS)), st.sampled_from(MEMBERS), st.sets(st.text(min_size=1, max_size=3)))
def test_KTMU_BT_1_8_quorum_monotone_and_counts_members_only(present, newcomer, guests) -> None:  # type: ignore[no-untyped-def]
    def q(ids: set[str]) -> bool:
        return bt.quorum({"meeting_id": "M", "member_ids": MEMBERS, "present_ids": sorted(ids)}, ON).value

    assert q(present) is (len(present) >= 5)
    if q(present):
        assert q(present | {newcomer})
    outsiders = {g for g in guests if g not in MEMBERS}
    assert q(present | outsiders) is q(present)


@pytest.mark.rule("KTMU-BT-1-10")
def test_KTMU_BT_1_10_explanation_says_the_chair_decided_the_tie() -> None:
    votes = {"T0": "YES", "T1": "YES", "K0": "NO", "K1": "NO"}
    out = bt.vote_outcome({"meeting_id": "M", "item": "Budget", "member_ids": MEMBERS, "present_ids": MEMBERS[:6],
                           "chair_id": "T0", "votes": votes}, ON)
    assert out.value == "ADOPTED" and out.explanation.message_key == "ktmu.bt.vote.adopted_tie"
    assert out.explanation.message_values["yes"] == 2 and out.explanation.message_values["no"] == 2
    assert "төраганын добушу 2 добуш" in out.message("ky")
    assert [p.name for p in out.explanation.params if p.name == "ktmu.bt.chair_tie_weight"]


@pytest.mark.rule("KTMU-BT-4-7")
def test_KTMU_BT_4_7_other_matters_put_by_the_rectorate() -> None:
    assert bt.agenda_item_admissible({"item": "X", "subject": "OTHER", "put_by": "RECTORATE"}, ON).value is Verdict.PASS
    assert bt.agenda_item_admissible({"item": "X", "subject": "OTHER", "put_by": "TRUSTEE"}, ON).value is Verdict.FAIL
    assert bt.agenda_item_admissible({"item": "X", "subject": "UNIT_CHANGE", "put_by": "TRUSTEE"}, ON).value is Verdict.PASS
    assert bt.agenda_item_admissible({"item": "X", "subject": "UNIT_CHANGE", "put_by": "OTHER"}, ON).value is Verdict.FAIL


@pytest.mark.rule("KTMU-BT-8-1")
def test_KTMU_BT_8_1_in_force_after_board_approval() -> None:
    f = {"version": "2000", "approved_by_trustees_on": D(2000, 10, 7)}
    assert bt.trustees_instruction_in_force(f, D(2000, 10, 6)).value is False
    assert bt.trustees_instruction_in_force(f, D(2000, 10, 7)).value is True
    assert bt.trustees_instruction_in_force({"version": "draft"}, ON).value is False
