"""Regression: explaining a doctoral file without a language score (INCOMPLETE) must not fail."""

from __future__ import annotations

import datetime as dt

import pytest

from bilim.regulations.postgrad.admission_ranking import rank_applicants


@pytest.mark.rule("KTMU-12(7)-3")
def test_KTMU_12_7_3_incomplete_doctoral_file_is_explained_without_a_composite() -> None:
    result = rank_applicants(
        {"programme": "P", "level": "PHD", "quota": 1, "reserves_designated": 0},
        [
            {"applicant_id": "no-language", "written": "80", "oral": "80", "diploma100": "80"},
            {"applicant_id": "complete", "written": "70", "oral": "70", "diploma100": "70", "language100": "60"},
        ],
        dt.date(2026, 8, 10),
    )
    assert result.entry("no-language").status == "INCOMPLETE"
    assert result.entitled == ["complete"]
    explanation = result.explain("no-language")
    assert explanation.result == "INCOMPLETE"
    assert not any("KTMU-12(7)-1" in c.rule_ids for c in explanation.children)
    assert explanation.message("en")
