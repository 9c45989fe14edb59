"""OSU 4.8 FD-5 / FD-6 and catalogue §3.2: the 15-failed-credits rule (engineer A)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bilim.regulations.mobility.failed_credits import failed_credits_decision, failed_credits_decisions

D = dt.date
ON = D(2026, 11, 21)


def _res(credits, outcome="UNSATISFACTORY", name=None, recognition="PENDING"):
    return {"discipline": name or f"C{credits}", "credits": credits, "host_outcome": outcome, "recognition": recognition}


@pytest.mark.rule("OSU-4.8-FD-5", "OSU-4.8-FD-6")
@pytest.mark.parametrize(
    ("failed", "decision"),
    [
        (["16"], "EXPULSION_PROCEDURE"),  # «15 кредиттен ашып кетсе»
        (["15.5"], "EXPULSION_PROCEDURE"),  # just above 15
        (["15"], "PAID_SUMMER_RETAKE"),  # at 15: «ашып кетпесе»
        (["10", "5"], "PAID_SUMMER_RETAKE"),  # 15 made of two courses
        (["8", "8"], "EXPULSION_PROCEDURE"),  # 16 made of two courses
        (["14.5"], "PAID_SUMMER_RETAKE"),
        (["0.5"], "PAID_SUMMER_RETAKE"),
        ([], "NO_HOST_DEBT"),
    ],
)
def test_OSU_4_8_FD_5_more_than_15_credits(failed, decision) -> None:
    results = [_res(c, name=f"F{i}") for i, c in enumerate(failed)] + [_res("30", "PASSED", "P")]
    out = failed_credits_decision({"host_results": results}, ON)
    assert out.value.decision == decision
    assert out.value.failed_credits == sum((Decimal(c) for c in failed), Decimal(0))
    assert out.explanation.params[0].name == "osu.failed_credits_threshold"


@pytest.mark.rule("OSU-4.8-FD-5", "OSU-4.8-FD-6")
def test_OSU_4_8_FD_6_errata_9_only_host_unsatisfactory_grades_count() -> None:
    # 15 failed at the host → retake. DLT debts, refused recognitions and ungraded host courses
    # are home-rule debts (ERRATA 9): shown, never added (else 15 + 6 + 5 + 4 = 30 → expulsion).
    results = [
        _res("15", name="Thermodynamics"),
        _res("5", "PASSED", "Economics", recognition="REFUSED"),
        _res("4", "NOT_GRADED", "Lab"),
    ]
    out = failed_credits_decision({"host_results": results, "unpassed_dlt_disciplines": ["History (6 cr.)"]}, ON)
    assert out.value.decision == "PAID_SUMMER_RETAKE"
    assert out.value.failed_credits == Decimal(15)
    assert out.value.failed_disciplines == ("Thermodynamics",)
    assert set(out.value.home_rule_debts) == {"DLT: History (6 cr.)", "REFUSED: Economics", "NOT_GRADED: Lab"}
    # and without any failure at the host, those debts cannot open even the retake branch
    only_home = failed_credits_decision({"host_results": results[1:], "unpassed_dlt_disciplines": ["X"]}, ON)
    assert only_home.value.decision == "NO_HOST_DEBT"


@pytest.mark.rule("OSU-4.8-FD-5", "OSU-4.8-FD-6")
def test_OSU_4_8_FD_5_messages_name_the_sum_in_four_languages() -> None:
    out = failed_credits_decision({"host_results": [_res("16", name="Algebra")]}, ON)
    assert "16" in out.message("en") and "expulsion" in out.message("en")
    assert "четтетүү" in out.message("ky") and "отчисления" in out.message("ru") and "ilişik" in out.message("tr")


@pytest.mark.rule("OSU-4.8-FD-5", "OSU-4.8-FD-6")
@settings(max_examples=80, deadline=None)
@given(
    st.lists(
        st.tuples(st.decimals(min_value=0, max_value=12, places=1), st.sampled_from(["PASSED", "UNSATISFACTORY", "NOT_GRADED"])),
        max_size=12,
    )
)
def test_OSU_4_8_FD_5_batch_equals_single_and_threshold_is_strict(rows) -> None:
    facts = {"host_results": [_res(c, o, f"D{i}") for i, (c, o) in enumerate(rows)]}
    single = failed_credits_decision(facts, ON)
    batch = failed_credits_decisions([facts], ON)[0]
    assert batch.value == single.value
    assert batch.explanation.to_dict() == single.explanation.to_dict()  # lazy explanation = the rule's own
    total = sum((c for c, o in rows if o == "UNSATISFACTORY"), Decimal(0))
    expected = "EXPULSION_PROCEDURE" if total > 15 else ("PAID_SUMMER_RETAKE" if total > 0 else "NO_HOST_DEBT")
    assert single.value.decision == expected


@pytest.mark.rule("OSU-4.8-FD-5")
def test_OSU_4_8_FD_5_batch_uses_the_threshold_in_force() -> None:
    from bilim.regulations.core import params

    store = params.store().with_version("osu.failed_credits_threshold", D(2030, 9, 1), 20, decided_by="test amendment")
    with params.using(store):
        f = {"host_results": [_res("18")]}
        assert failed_credits_decisions([f], D(2030, 8, 31))[0].value.decision == "EXPULSION_PROCEDURE"
        later = failed_credits_decisions([f], D(2030, 9, 1))[0]
        assert later.value.decision == "PAID_SUMMER_RETAKE"
    # the lazy explanation keeps the store of the batch, even when read outside the block
    assert later.explanation.params[0].value == 20


@pytest.mark.rule("OSU-4.8-FD-5", "OSU-4.8-FD-6")
def test_OSU_4_8_FD_5_batch_fast_path_and_model_path_agree_and_validate() -> None:
    from pydantic import ValidationError

    from bilim.regulations.mobility.failed_credits import FailedCreditsFacts

    plain = {"host_results": [_res("7.5"), _res("7.5", name="B"), _res("1", "PASSED", "C", "REFUSED")]}
    model = FailedCreditsFacts.model_validate(plain)
    a, b = failed_credits_decisions([plain, model], ON)
    assert a.value == b.value and a.value.decision == "PAID_SUMMER_RETAKE"  # 7.5 + 7.5 = 15, not more
    with pytest.raises(ValidationError):
        failed_credits_decisions([{"host_results": [_res("-1")]}], ON)
    with pytest.raises(ValidationError):
        failed_credits_decisions([{"host_results": [_res("3", "FAILED_MAYBE")]}], ON)


@pytest.mark.rule("OSU-4.8-FD-5", "OSU-4.8-FD-6")
def test_OSU_4_8_FD_5_retake_records_the_paid_fee_parameter_and_comparison_is_a_parameter() -> None:
    from bilim.regulations.core import params

    out = failed_credits_decision({"host_results": [_res("15")]}, ON)
    assert "osu.summer_retake_fee" in [p.name for p in out.explanation.params]  # paid, tariff outside
    assert "osu.failed_credits_comparison" in [p.name for p in out.explanation.params]
    store = params.store().with_version("osu.failed_credits_comparison", D(2030, 1, 1), "GE", decided_by="test")
    with params.using(store):
        f = {"host_results": [_res("15")]}
        assert failed_credits_decision(f, D(2029, 12, 31)).value.decision == "PAID_SUMMER_RETAKE"
        assert failed_credits_decision(f, D(2030, 1, 1)).value.decision == "EXPULSION_PROCEDURE"
        assert failed_credits_decisions([f], D(2030, 1, 1))[0].value.decision == "EXPULSION_PROCEDURE"


@pytest.mark.rule("OSU-4.8-FD-5", "OSU-4.8-FD-6")
@pytest.mark.parametrize(
    ("failed", "decision"),
    [
        (["0.5"], "PAID_SUMMER_RETAKE"),  # any failed credit is a debt (FD-6), even half a credit
        (["1"], "PAID_SUMMER_RETAKE"),
        (["0"], "NO_HOST_DEBT"),  # a zero-credit failed course adds nothing
        (["15"], "PAID_SUMMER_RETAKE"),  # at 15: «ашып кетпесе»
        (["15.5"], "EXPULSION_PROCEDURE"),  # «15 кредиттен ашып кетсе»
        ([], "NO_HOST_DEBT"),
    ],
)
def test_OSU_4_8_FD_5_FD_6_batch_decides_the_boundaries_on_both_paths(failed, decision) -> None:
    """The cohort batch (plain dicts: fast path; models: validated path) decides as the rule at 0, 0.5, 15, 15.5."""
    results = [_res(c, name=f"F{i}") for i, c in enumerate(failed)] + [_res("30", "PASSED", "P")]
    plain = {"student_id": "s", "host_results": results}
    from bilim.regulations.mobility.failed_credits import FailedCreditsFacts

    fast, model = failed_credits_decisions([plain, FailedCreditsFacts.model_validate(plain)], ON)
    for item in (fast, model):
        assert item.value.decision == decision
        assert item.value.failed_credits == sum((Decimal(c) for c in failed), Decimal(0))
        assert item.value.failed_disciplines == tuple(f"F{i}" for i in range(len(failed)))
        outcome = item.outcome()  # the lazy explanation, as an Outcome: the same value, the rule's explanation
        assert outcome.value == item.value
        assert outcome.explanation.to_dict() == failed_credits_decision(plain, ON).explanation.to_dict()


@pytest.mark.rule("OSU-4.8-FD-5")
def test_OSU_4_8_FD_5_batch_refuses_a_non_text_dlt_discipline() -> None:
    """An unpassed DLT discipline must be named (text); the batch refuses a number as the rule's model does."""
    from pydantic import ValidationError

    with pytest.raises(ValidationError):
        failed_credits_decisions([{"host_results": [_res("3")], "unpassed_dlt_disciplines": [7]}], ON)
    ok = failed_credits_decisions([{"host_results": [_res("3")], "unpassed_dlt_disciplines": ["Physics"]}], ON)[0]
    assert ok.value.home_rule_debts == ("DLT: Physics",)
    assert ok.value.decision == "PAID_SUMMER_RETAKE"  # the DLT debt is listed, never summed
