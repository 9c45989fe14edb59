"""OSU 4.8 IRD-4, IRD-6…9, IRD-13, FD-2, FD-3, VDIR-4: GPA gate, ranking within the quota (engineer A)."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bilim.regulations.core import RuleError, Verdict, params
from bilim.regulations.mobility.selection import (
    announcement_check,
    commission_check,
    gpa_gate,
    language_check_recorded,
    nomination_check,
    quota_check,
    rank_candidates,
    selection_formats_check,
)

D = dt.date
ON = D(2026, 11, 21)


# --- GPA gate: «GPA 3төн жогору болуусу зарыл» -----------------------------------------------------


@pytest.mark.rule("OSU-4.8-IRD-9", "OSU-4.8-FD-2")
@pytest.mark.parametrize(
    ("gpa", "kind", "verdict"),
    [
        ("3.01", "FD_COMPETITION", Verdict.PASS),  # just above
        ("3.00", "FD_COMPETITION", Verdict.FAIL),  # at: "above 3" is strict
        ("3", "IRD_COMMISSION", Verdict.FAIL),
        ("2.99", "IRD_COMMISSION", Verdict.FAIL),  # just below
        ("3.0000001", "IRD_COMMISSION", Verdict.PASS),  # unrounded GPA: no rounding to 3.00
        ("3.00", "NON_COMPETITIVE", Verdict.WARN),  # ERRATA 12: outside a competition only a warning
        ("2.10", "NON_COMPETITIVE", Verdict.WARN),
        ("3.50", "NON_COMPETITIVE", Verdict.PASS),
    ],
)
def test_OSU_4_8_IRD_9_gpa_strictly_above_3(gpa, kind, verdict) -> None:
    assert gpa_gate({"gpa": gpa, "selection_kind": kind}, ON).value == verdict


@pytest.mark.rule("OSU-4.8-IRD-9")
def test_OSU_4_8_IRD_9_gpa_gate_alternative_rejects_everywhere() -> None:
    store = params.store().with_version("osu.gpa_gate_outside_competition", D(2030, 1, 1), "FAIL", decided_by="test")
    with params.using(store):
        f = {"gpa": "3.00", "selection_kind": "NON_COMPETITIVE"}
        assert gpa_gate(f, D(2029, 12, 31)).value == Verdict.WARN
        assert gpa_gate(f, D(2030, 1, 1)).value == Verdict.FAIL


@pytest.mark.rule("OSU-4.8-IRD-9", "OSU-4.8-FD-2")
@settings(deadline=None)
@given(st.decimals(min_value=0, max_value=4, places=4))
def test_OSU_4_8_FD_2_gate_is_exactly_gpa_above_3(gpa: Decimal) -> None:
    out = gpa_gate({"gpa": gpa, "selection_kind": "FD_COMPETITION"}, ON)
    assert (out.value == Verdict.PASS) == (gpa > 3)


# --- ranking --------------------------------------------------------------------------------------


def _call(quota=2, kind="IRD_COMMISSION", weights=None, **extra):
    return {
        "call_id": "ERASMUS-2027",
        "selection_kind": kind,
        "quota": quota,
        "weights": weights or {"GPA": 1, "LANGUAGE": 1},
        **extra,
    }


def _cand(cid, gpa, lang, cert=False, withdrawn=False):
    return {
        "candidate_id": cid,
        "gpa": gpa,
        "scores": {"LANGUAGE": lang},
        "has_language_certificate": cert,
        "withdrawn": withdrawn,
    }


def _status(outcome):
    return {r.candidate_id: r.status for r in outcome.value}


@pytest.mark.rule("OSU-4.8-IRD-9", "OSU-4.8-FD-2", "OSU-4.8-IRD-13")
def test_OSU_4_8_FD_2_ranking_quota_certificate_priority_and_gpa_rejection() -> None:
    # composite = (gpa/4*100 + language)/2. a,b: (87.5+80)/2 = 83.75 each; d: (97.5+60)/2 = 78.75;
    # c has the best composite (87.5) but GPA 3.00 is not above 3 → rejected in a commission selection.
    cands = [
        _cand("a", "3.5", 80),
        _cand("b", "3.5", 80, cert=True),
        _cand("c", "3.0", 100),
        _cand("d", "3.9", 60),
    ]
    out = rank_candidates({"call": _call(quota=2), "candidates": cands}, ON)
    assert _status(out) == {"b": "SELECTED", "a": "SELECTED", "d": "RESERVE", "c": "REJECTED"}
    ranked = {r.candidate_id: r for r in out.value}
    assert ranked["b"].rank == 1 and ranked["a"].rank == 2
    assert ranked["a"].decided_by_key == "language_certificate"  # the tie-break named in the result
    assert ranked["a"].composite == Decimal("83.75")
    assert out.explanation.message_values["keys"] == ["composite", "language_certificate", "gpa"]


@pytest.mark.rule("OSU-4.8-IRD-13")
def test_OSU_4_8_IRD_13_withdrawn_student_frees_the_place() -> None:
    cands = [_cand("a", "3.9", 90), _cand("b", "3.8", 85), _cand("c", "3.7", 80)]
    before = rank_candidates({"call": _call(quota=2), "candidates": cands}, ON)
    assert _status(before)["c"] == "RESERVE"
    cands[0]["withdrawn"] = True
    after = rank_candidates({"call": _call(quota=2), "candidates": cands}, ON)
    assert _status(after) == {"a": "WITHDRAWN", "b": "SELECTED", "c": "SELECTED"}


@pytest.mark.rule("OSU-4.8-FD-2")
def test_OSU_4_8_FD_2_full_tie_at_the_quota_line_goes_to_the_commission() -> None:
    cands = [_cand("x", "3.6", 70), _cand("y", "3.6", 70), _cand("z", "3.9", 95)]
    out = rank_candidates({"call": _call(quota=2), "candidates": cands}, ON)
    assert _status(out) == {"z": "SELECTED", "x": "TIE_AT_QUOTA", "y": "TIE_AT_QUOTA"}
    # with room for both, the tie does not matter
    out3 = rank_candidates({"call": _call(quota=3), "candidates": cands}, ON)
    assert set(_status(out3).values()) == {"SELECTED"}


@pytest.mark.rule("OSU-4.8-IRD-9")
def test_OSU_4_8_IRD_9_language_is_a_criterion_not_a_gate() -> None:
    # ERRATA 13: a weak language score lowers the rank but never rejects by default
    cands = [_cand("weak", "3.9", 5), _cand("strong", "3.2", 100)]
    out = rank_candidates({"call": _call(quota=5), "candidates": cands}, ON)
    assert set(_status(out).values()) == {"SELECTED"}
    # a per-call cut-off is a non-default option on the call
    cut = rank_candidates({"call": _call(quota=5, language_cutoff="50"), "candidates": cands}, ON)
    assert _status(cut) == {"weak": "REJECTED", "strong": "SELECTED"}


@pytest.mark.rule("OSU-4.8-IRD-9")
def test_OSU_4_8_IRD_9_non_competitive_low_gpa_is_ranked_with_warning() -> None:
    out = rank_candidates({"call": _call(quota=1, kind="NON_COMPETITIVE"), "candidates": [_cand("a", "2.5", 90)]}, ON)
    line = out.value[0]
    assert line.status == "SELECTED" and line.gpa_verdict == "WARN"


@pytest.mark.rule("OSU-4.8-IRD-9")
def test_OSU_4_8_IRD_9_ranking_input_errors() -> None:
    with pytest.raises(RuleError):
        rank_candidates({"call": _call(), "candidates": [_cand("a", "3.5", 80), _cand("a", "3.6", 80)]}, ON)
    with pytest.raises(RuleError):  # same score sheet for everybody: a missing criterion is an error
        rank_candidates({"call": _call(), "candidates": [{"candidate_id": "a", "gpa": "3.5"}]}, ON)
    with pytest.raises(RuleError):
        rank_candidates({"call": _call(), "candidates": [_cand("a", "3.5", 101)]}, ON)


candidate_st = st.builds(
    lambda i, gpa, lang, motiv, cert, wd: {
        "candidate_id": f"s{i:05d}",
        "gpa": gpa,
        "scores": {"LANGUAGE": lang, "MOTIVATION_LETTER": motiv},
        "has_language_certificate": cert,
        "withdrawn": wd,
    },
    st.integers(0, 99999),
    st.decimals(min_value=2, max_value=4, places=2),
    st.integers(0, 100),
    st.integers(0, 100),
    st.booleans(),
    st.booleans(),
)
cands_st = st.lists(candidate_st, min_size=0, max_size=30, unique_by=lambda c: c["candidate_id"])
CALL = _call(quota=4, weights={"GPA": 2, "LANGUAGE": 1, "MOTIVATION_LETTER": 1})


@pytest.mark.rule("OSU-4.8-IRD-9", "OSU-4.8-FD-2", "OSU-4.8-IRD-13")
@settings(max_examples=60, deadline=None)
@given(cands_st, st.randoms(use_true_random=False))
def test_OSU_4_8_FD_2_ranking_is_order_independent_and_bounded(cands, rnd) -> None:
    first = rank_candidates({"call": CALL, "candidates": cands}, ON).value
    shuffled = list(cands)
    rnd.shuffle(shuffled)
    again = rank_candidates({"call": CALL, "candidates": shuffled}, ON).value
    assert first == again  # determinism, independent of input order
    selected = [r for r in first if r.status == "SELECTED"]
    assert len(selected) <= CALL["quota"]
    for r in first:
        if r.composite is not None:
            assert 0 <= r.composite <= 100
        if r.status in ("SELECTED", "TIE_AT_QUOTA", "RESERVE"):
            c = next(c for c in cands if c["candidate_id"] == r.candidate_id)
            assert c["gpa"] > 3 and not c["withdrawn"]
    # every selected candidate ranks no worse than every reserve candidate
    if selected:
        worst_selected = max(r.rank for r in selected)
        assert all(r.rank > worst_selected for r in first if r.status == "RESERVE")


@pytest.mark.rule("OSU-4.8-FD-2")
@settings(max_examples=60, deadline=None)
@given(cands_st.filter(lambda cs: len(cs) > 0), st.data())
def test_OSU_4_8_FD_2_ranking_is_monotone_in_a_criterion(cands, data) -> None:
    i = data.draw(st.integers(0, len(cands) - 1))
    target = cands[i]["candidate_id"]
    base = {r.candidate_id: r for r in rank_candidates({"call": CALL, "candidates": cands}, ON).value}
    better = [dict(c) for c in cands]
    better[i] = {**better[i], "scores": {**better[i]["scores"], "LANGUAGE": 100}}
    new = {r.candidate_id: r for r in rank_candidates({"call": CALL, "candidates": better}, ON).value}
    if base[target].rank is not None:
        assert new[target].rank <= base[target].rank  # raising a score never worsens the rank
    order = {"SELECTED": 0, "TIE_AT_QUOTA": 1, "RESERVE": 2, "REJECTED": 3, "WITHDRAWN": 4}
    assert order[new[target].status] <= order[base[target].status]


@pytest.mark.rule("OSU-4.8-FD-2")
def test_OSU_4_8_FD_2_ranking_uses_exact_scores_not_the_display() -> None:
    # weights 1:1:1 → composites 200.01/3 vs 200/3 both display as 66.67; the exact sum decides.
    call = _call(quota=1, weights={"LANGUAGE": 1, "MOTIVATION_LETTER": 1, "CV": 1})
    a = {"candidate_id": "a", "gpa": "3.5", "scores": {"LANGUAGE": "100", "MOTIVATION_LETTER": "100", "CV": "0.01"}}
    b = {"candidate_id": "b", "gpa": "3.9", "scores": {"LANGUAGE": "100", "MOTIVATION_LETTER": "100", "CV": "0"}}
    out = rank_candidates({"call": call, "candidates": [b, a]}, ON)
    assert {r.candidate_id: r.composite for r in out.value} == {"a": Decimal("66.67"), "b": Decimal("66.67")}
    assert _status(out) == {"a": "SELECTED", "b": "RESERVE"}


# --- quota, commission, announcement, formats, language check, nomination ---------------------------


@pytest.mark.rule("OSU-4.8-IRD-4")
def test_OSU_4_8_IRD_4_quota_boundary() -> None:
    assert quota_check({"quota": 3, "nominated_ids": ["a", "b"], "referred_ids": ["b", "c"]}, ON).value == Verdict.PASS
    over = {"quota": 3, "nominated_ids": ["a", "b", "c"], "referred_ids": ["d"]}
    assert quota_check(over, ON).value == Verdict.FAIL
    assert quota_check({**over, "override_reason": "partner granted a 4th place"}, ON).value == Verdict.WARN
    assert quota_check({"quota": 0}, ON).value == Verdict.PASS


@pytest.mark.rule("OSU-4.8-IRD-6")
def test_OSU_4_8_IRD_6_commission_and_equal_criteria() -> None:
    crit = ["GPA", "LANGUAGE"]
    sheets = {"a": crit, "b": ["LANGUAGE", "GPA"]}
    assert commission_check({"grant_based": True, "published_criteria": crit, "applicant_score_sheets": sheets}, ON).value == Verdict.FAIL
    ok = {"grant_based": True, "commission_members": ["VR-AA"], "published_criteria": crit, "applicant_score_sheets": sheets}
    assert commission_check(ok, ON).value == Verdict.PASS
    uneq = {**ok, "applicant_score_sheets": {**sheets, "c": ["GPA"]}}
    out = commission_check(uneq, ON)
    assert out.value == Verdict.FAIL and out.explanation.message_values["applicants"] == ["c"]
    assert commission_check({"grant_based": False, "published_criteria": crit}, ON).value == Verdict.PASS


@pytest.mark.rule("OSU-4.8-IRD-7")
def test_OSU_4_8_IRD_7_published_in_advance() -> None:
    f = {
        "application_deadline": D(2026, 12, 15),
        "selection_start": D(2026, 12, 20),
        "channels": ["IRD_WEBSITE", "TELEGRAM"],
    }
    assert announcement_check({**f, "published_on": D(2026, 12, 14)}, ON).value == Verdict.PASS
    assert announcement_check({**f, "published_on": D(2026, 12, 15)}, ON).value == Verdict.FAIL  # same day: not in advance
    assert announcement_check({**f, "published_on": None}, ON).value == Verdict.FAIL
    no_social = {**f, "published_on": D(2026, 12, 1), "channels": ["IRD_WEBSITE"]}
    assert announcement_check(no_social, ON).value == Verdict.FAIL
    no_site = {**f, "published_on": D(2026, 12, 1), "channels": ["TELEGRAM"]}
    assert announcement_check(no_site, ON).value == Verdict.FAIL
    # a lead time exists only when IRD sets one
    store = params.store().with_version("osu.selection_notice_min_days", D(2026, 1, 1), 10, decided_by="IRD log")
    with params.using(store):
        assert announcement_check({**f, "published_on": D(2026, 12, 5)}, ON).value == Verdict.PASS  # 10 days
        assert announcement_check({**f, "published_on": D(2026, 12, 6)}, ON).value == Verdict.FAIL  # 9 days


@pytest.mark.rule("OSU-4.8-IRD-8")
def test_OSU_4_8_IRD_8_formats_and_transparency() -> None:
    assert selection_formats_check({"formats": ["INTERVIEW", "TEST"], "results_visible_to_applicants": True}, ON).value == Verdict.PASS
    assert selection_formats_check({"formats": [], "results_visible_to_applicants": True}, ON).value == Verdict.FAIL
    assert selection_formats_check({"formats": ["LOTTERY"], "results_visible_to_applicants": True}, ON).value == Verdict.FAIL
    assert selection_formats_check({"formats": ["EXAM"], "results_visible_to_applicants": False}, ON).value == Verdict.FAIL


@pytest.mark.rule("OSU-4.8-VDIR-4")
def test_OSU_4_8_VDIR_4_language_check_recorded_before_nomination() -> None:
    f = {"scope": "EXTERNAL", "check_form": "CONVERSATION", "check_result": "B2", "checked_on": D(2026, 10, 1)}
    assert language_check_recorded({**f, "nomination_date": D(2026, 10, 1)}, ON).value == Verdict.PASS
    assert language_check_recorded({**f, "nomination_date": D(2026, 9, 30)}, ON).value == Verdict.FAIL
    assert language_check_recorded({**f, "check_form": None}, ON).value == Verdict.FAIL
    assert language_check_recorded({**f, "check_result": None}, ON).value == Verdict.FAIL
    assert language_check_recorded({"scope": "INTERNAL"}, ON).value == Verdict.PASS


@pytest.mark.rule("OSU-4.8-FD-3", "OSU-1.3.6-2")
def test_OSU_4_8_FD_3_nomination_of_selected_with_isp() -> None:
    sel = ["a", "b"]
    ok = [{"student_id": "a", "long_term": True, "isp_attached": True}, {"student_id": "b", "long_term": False, "isp_attached": False}]
    assert nomination_check({"selected_ids": sel, "nominees": ok}, ON).value == Verdict.PASS
    no_isp = [{"student_id": "a", "long_term": True, "isp_attached": False}]
    assert nomination_check({"selected_ids": sel, "nominees": no_isp}, ON).value == Verdict.FAIL
    stranger = [{"student_id": "z", "long_term": False, "isp_attached": False}]
    assert nomination_check({"selected_ids": sel, "nominees": stranger}, ON).value == Verdict.FAIL


def test_rank_candidates_scales_to_a_large_call() -> None:
    rnd = random.Random(7)
    cands = [_cand(f"s{i:05d}", f"{rnd.uniform(2, 4):.2f}", rnd.randint(0, 100), rnd.random() < 0.3) for i in range(3000)]
    out = rank_candidates({"call": _call(quota=200), "candidates": cands}, ON)
    assert sum(1 for r in out.value if r.status == "SELECTED") <= 200
    assert len(out.value) == 3000


@pytest.mark.rule("OSU-4.8-IRD-13")
def test_OSU_4_8_IRD_13_a_single_criterion_call_is_valid_an_all_zero_one_is_not() -> None:
    """Weights only need a positive total (A-41): one criterion weighted 1 ranks; all weights 0 is an error."""
    cands = [_cand("a", "3.5", 80), _cand("b", "3.9", 60)]
    out = rank_candidates({"call": _call(quota=1, weights={"LANGUAGE": 1}), "candidates": cands}, ON)
    assert _status(out) == {"a": "SELECTED", "b": "RESERVE"}  # the language score alone decides
    with pytest.raises(RuleError):
        rank_candidates({"call": _call(quota=1, weights={"LANGUAGE": 0, "GPA": 0}), "candidates": cands}, ON)
