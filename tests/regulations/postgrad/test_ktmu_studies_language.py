"""KTMU art. 19 — language exemption, language programme, language period (boundaries from the
regulation's own numbers: 60, 67, 65, 70 points; 2 courses; 2 / 4 semesters)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from bilim.regulations.core import Verdict, params
from bilim.regulations.postgrad import studies_language as L

ON = dt.date(2025, 10, 1)
P, W, F = Verdict.PASS, Verdict.WARN, Verdict.FAIL
HOME = ["ky", "tr"]


def exemption(language: str, programme: list[str] = HOME, **facts: object) -> str:
    return L.language_exemption({"language": language, "programme_languages": programme, **facts}, ON).value


def cert(issuer: str, language: str, score: str, **extra: object) -> dict[str, object]:
    return {"issuer": issuer, "language": language, "score": Decimal(score), **extra}


@pytest.mark.rule("KTMU-19(1)-1")
def test_KTMU_19_1_1_ktmu_graduate_exempt_from_both_languages() -> None:
    # «“Манас” университетинин бүтүрүүчүлөрү бул тилдерден бошотулат» — A-81: both, whatever language the degree used.
    assert exemption("ky", prior_degree_from_ktmu=True, prior_instruction_language="tr") == "EXEMPT"
    assert exemption("tr", prior_degree_from_ktmu=True, prior_instruction_language="tr") == "EXEMPT"
    assert exemption("ky", prior_degree_from_ktmu=False) == "NOT_EXEMPT"
    # Not a Kyrgyz/Turkish programme: 19(1) does not apply (English programme, no other ground).
    assert exemption("en", ["en"], prior_degree_from_ktmu=True, prior_instruction_language="tr") == "NOT_EXEMPT"


@pytest.mark.rule("KTMU-19(1)-1")
def test_KTMU_19_1_1_alternative_reading_a81_only_language_studied() -> None:
    store = params.store().with_version("ktmu.studies.ktmu_graduate_exempt_from", dt.date(2025, 1, 1), "PRIOR_INSTRUCTION_LANGUAGE")
    with params.using(store):
        assert exemption("ky", prior_degree_from_ktmu=True, prior_instruction_language="tr") == "NOT_EXEMPT"
        assert exemption("tr", prior_degree_from_ktmu=True, prior_instruction_language="tr") == "EXEMPT"


@pytest.mark.rule("KTMU-19(2)-1")
def test_KTMU_19_2_1_prior_study_in_the_language() -> None:
    out = L.language_exemption({"language": "tr", "programme_languages": HOME, "prior_instruction_language": "tr"}, ON)
    assert out.value == "EXEMPT" and out.explanation.message_values["ground"] == "KTMU-19(2)-1"
    assert exemption("ky", prior_instruction_language="ky") == "EXEMPT"
    assert exemption("ky", prior_instruction_language="tr") == "NOT_EXEMPT"


@pytest.mark.rule("KTMU-19(3)-1")
@pytest.mark.parametrize(("score", "expected"), [("59.9", "NOT_EXEMPT"), ("60", "EXEMPT"), ("60.5", "EXEMPT")])
def test_KTMU_19_3_1_turkish_centre_score_at_least_60(score: str, expected: str) -> None:
    assert exemption("tr", certificates=[cert("TR_LANGUAGE_CENTRE", "tr", score)]) == expected


@pytest.mark.rule("KTMU-19(3)-1")
def test_KTMU_19_3_1_centre_score_does_not_exempt_from_kyrgyz() -> None:
    assert exemption("ky", certificates=[cert("TR_LANGUAGE_CENTRE", "tr", "95")]) == "NOT_EXEMPT"


@pytest.mark.rule("KTMU-19(4)-1")
def test_KTMU_19_4_1_graduate_of_hei_teaching_in_the_same_foreign_language() -> None:
    assert exemption("en", ["en"], prior_instruction_language="en") == "EXEMPT"
    assert exemption("en", ["en"], prior_instruction_language="ru") == "NOT_EXEMPT"
    # Kyrgyz/Turkish programme: Kyrgyz and Turkish are required, English is not.
    assert exemption("en", HOME, prior_instruction_language="en") == "NOT_REQUIRED"


@pytest.mark.rule("KTMU-19(5)-1")
def test_KTMU_19_5_1_senate_listed_document() -> None:
    doc = {"kind": "C1 certificate", "language": "en", "on_senate_list": True}
    assert exemption("en", ["en"], documents=[doc]) == "EXEMPT"
    assert exemption("en", ["en"], documents=[{**doc, "on_senate_list": False}]) == "NOT_EXEMPT"
    assert exemption("en", ["en"], documents=[{**doc, "language": "ru"}]) == "NOT_EXEMPT"


@pytest.mark.rule("KTMU-19(6)-1")
def test_KTMU_19_6_1_exams_due_for_languages_without_exemption() -> None:
    out = L.exemption_exams_due({"programme_languages": HOME, "prior_instruction_language": "tr"}, ON)
    assert out.value == ["ky"]
    assert len(out.explanation.children) == 2  # one sub-evaluation per required language
    assert L.exemption_exams_due({"programme_languages": HOME, "prior_degree_from_ktmu": True}, ON).value == []
    assert L.exemption_exams_due({"programme_languages": ["en"]}, ON).value == ["en"]


@pytest.mark.rule("KTMU-19(7)-1")
@pytest.mark.parametrize(("score", "expected"), [("66.9", "NOT_EXEMPT"), ("67", "EXEMPT"), ("67.1", "EXEMPT")])
def test_KTMU_19_7_1_university_exam_at_least_67(score: str, expected: str) -> None:
    assert exemption("ky", certificates=[cert("KTMU", "ky", score)]) == expected
    assert exemption("tr", certificates=[cert("KTMU", "tr", score)]) == expected


@pytest.mark.rule("KTMU-19(7)-2")
def test_KTMU_19_7_2_exam_date_in_the_announcement() -> None:
    pub = dt.date(2025, 6, 1)
    assert L.lex_exam_date_announced({"published_on": pub}, ON).value is F
    assert L.lex_exam_date_announced({"published_on": pub, "language_exam_date": pub}, ON).value is P
    assert L.lex_exam_date_announced({"published_on": pub, "language_exam_date": dt.date(2025, 5, 31)}, ON).value is F


@pytest.mark.rule("KTMU-19(8)-1")
@pytest.mark.parametrize(
    ("certificate", "expected"),
    [
        (cert("OSYM", "en", "64.99"), "NOT_EXEMPT"),
        (cert("OSYM", "en", "65"), "EXEMPT"),
        (cert("SENATE_ACCEPTED", "en", "90", osym_equivalent_score=Decimal("64.75")), "NOT_EXEMPT"),
        (cert("SENATE_ACCEPTED", "en", "72", osym_equivalent_score=Decimal("65")), "EXEMPT"),
        (cert("KTMU", "en", "69.9"), "NOT_EXEMPT"),
        (cert("KTMU", "en", "70"), "EXEMPT"),
        (cert("OSYM", "ru", "99"), "NOT_EXEMPT"),  # score in another language
    ],
)
def test_KTMU_19_8_1_foreign_language_thresholds(certificate: dict[str, object], expected: str) -> None:
    assert exemption("en", ["en"], certificates=[certificate]) == expected


@pytest.mark.rule("KTMU-19(8)-1")
def test_KTMU_19_8_1_ktmu_70_does_not_apply_to_home_languages_and_67_not_to_foreign() -> None:
    # A KTMU foreign-language score of 68 is above the Kyrgyz/Turkish 67 but below the foreign 70.
    assert exemption("en", ["en"], certificates=[cert("KTMU", "en", "68")]) == "NOT_EXEMPT"


@pytest.mark.rule("KTMU-19(9)-1")
@pytest.mark.parametrize(("ky", "tr", "verdict"), [(False, False, P), (True, False, P), (False, True, P), (True, True, F)])
def test_KTMU_19_9_1_language_programme_open_unless_exempt_from_both(ky: bool, tr: bool, verdict: Verdict) -> None:
    assert L.language_programme_eligibility({"exempt_ky": ky, "exempt_tr": tr}, ON).value is verdict


@pytest.mark.rule("KTMU-19(11)-1")
@pytest.mark.parametrize(("language", "verdict"), [("ky", P), ("tr", F), ("en", F)])
def test_KTMU_19_11_1_no_enrolment_in_a_non_exempt_language_errata_23(language: str, verdict: Verdict) -> None:
    # ERRATA 23: a foreign language needs an exemption too.
    assert L.enrolment_language({"section_language": language, "exempt_languages": ["ky"]}, ON).value is verdict


def lp(sections: list[tuple[str, str, str]], spp_required: bool, earlier: int = 0) -> Verdict:
    facts = {
        "exempt_languages": ["ky"],
        "spp_required": spp_required,
        "sections": [{"course_code": c, "language": lang, "source": src} for c, lang, src in sections],
        "pg_courses_taken_earlier_in_lp": earlier,
    }
    return L.language_programme_courses(facts, ON).value


@pytest.mark.rule("KTMU-19(10)-1", "KTMU-19(10)a-1")
def test_KTMU_19_10_a_spp_courses_not_capped_at_two_errata_29() -> None:
    four_spp = [(f"S{i}", "ky", "SPP") for i in range(4)]
    assert lp(four_spp, spp_required=True) is P  # ERRATA 29: no cap of 2 in case a
    assert lp([("S1", "ky", "SPP"), ("P1", "ky", "PG")], spp_required=True) is F  # only SPP courses in case a
    assert lp([("S1", "tr", "SPP")], spp_required=True) is F  # not-exempt language (19(11))


@pytest.mark.rule("KTMU-19(10)-1", "KTMU-19(10)b-1")
@pytest.mark.parametrize(("count", "earlier", "verdict"), [(1, 0, P), (2, 0, P), (3, 0, F), (1, 1, P), (1, 2, F)])
def test_KTMU_19_10_b_at_most_two_pg_courses_over_the_language_period(count: int, earlier: int, verdict: Verdict) -> None:
    sections = [(f"P{i}", "ky", "PG") for i in range(count)]
    assert lp(sections, spp_required=False, earlier=earlier) is verdict


@pytest.mark.rule("KTMU-19(10)b-1")
def test_KTMU_19_10_b_per_semester_alternative_ignores_earlier_courses() -> None:
    store = params.store().with_version("ktmu.studies.lp_pg_cap_scope", dt.date(2025, 1, 1), "SEMESTER")
    with params.using(store):
        assert lp([("P1", "ky", "PG"), ("P2", "ky", "PG")], spp_required=False, earlier=2) is P
    assert lp([("S1", "ky", "SPP")], spp_required=False) is F  # exempt from the SPP: no SPP course


def period(missing: int, semesters: list[str], exempt_now: bool = False) -> Verdict:
    facts = {"languages_not_exempt_at_registration": missing, "completed_semesters": semesters, "exempt_now": exempt_now}
    return L.language_period_limit(facts, ON).value


@pytest.mark.rule("KTMU-19(12)-1")
@pytest.mark.parametrize(
    ("missing", "used", "verdict"),
    [(1, 0, P), (1, 1, W), (1, 2, F), (2, 2, P), (2, 3, W), (2, 4, F)],
)
def test_KTMU_19_12_1_two_or_four_semesters(missing: int, used: int, verdict: Verdict) -> None:
    assert period(missing, ["REGISTERED"] * used) is verdict


@pytest.mark.rule("KTMU-19(12)-1")
def test_KTMU_19_12_1_leave_not_counted_and_exemption_ends_the_clock() -> None:
    assert period(1, ["REGISTERED", "ACADEMIC_LEAVE", "LEAVE"]) is W  # 1 counted semester
    assert period(1, ["REGISTERED", "NOT_RENEWED"]) is F  # a semester without renewal still counts
    assert period(1, ["REGISTERED"] * 5, exempt_now=True) is P
    store = params.store().with_version("ktmu.studies.lang_period_excludes_leave", dt.date(2025, 1, 1), False)
    with params.using(store):
        assert period(1, ["REGISTERED", "ACADEMIC_LEAVE"]) is F


def test_a_certificate_score_is_never_negative() -> None:
    """Bad input is refused at the door: a certificate with a negative score is not a certificate (0 is a score)."""
    from pydantic import ValidationError

    with pytest.raises(ValidationError):
        L.LanguageCertificate(issuer="OSYM", language="tr", score=Decimal("-0.5"))
    assert L.LanguageCertificate(issuer="OSYM", language="tr", score=Decimal(0)).score == 0
