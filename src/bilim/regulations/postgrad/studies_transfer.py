"""KTMU Instruction on Postgraduate Education, article 29 — counting of courses, credit transfer and
course exemption (catalogue §2 art. 29, §4.7, W-14; A-40, A-41).

Public functions the apps call:

* ``recognition_application`` (KTMU-29(1)-1) — application with transcript and course contents, supervisor
  consent, FoS-council proposal, Institute Board decision;
* ``course_recognition`` (KTMU-29(2)-1, 29(2)a-1…e-1, 29(6)-1) — may one earlier course be counted:
  5-year window, minimum letter CB (MA) / BB (PhD, AI), category conditions, no "debt" course;
* ``recognition_caps`` (KTMU-29(1)-2, 29(2)e-1) — ≤ 70 % of the programme's course ECTS from outside
  institutions; the garbled 29(1) 50 % cap is off by default (A-40);
* ``external_course_equivalence`` (KTMU-29(4)-1, 29(5)-1) — host-university courses (exchange or other
  HEIs) counted for the corresponding course of the semester.

Letters are inputs (``postgrad/grading.py`` turns scores into letters; host grades are converted under
the agreement of 29(3) before they reach these rules).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from bilim.regulations.core import Ctx, Facts, Outcome, add_months, rule
from bilim.regulations.postgrad.studies_common import (
    Approval,
    Letter,
    Level,
    chain_missing,
    doctoral,
    fmt_chain,
    letter_at_least,
    plain,
)


def _min_letter(ctx: Ctx, level: str) -> str:
    return str(ctx.param("ktmu.studies.recog_min_letter_phd" if doctoral(level) else "ktmu.studies.recog_min_letter_ma"))


class RecognitionApplication(Facts):
    transcript_attached: bool
    course_contents_attached: bool
    approvals: list[Approval]


_RECOG_CHAIN = (("supervisor", "CONSENT"), ("fos_council", "PROPOSE"), ("institute_board", "DECIDE"))


@rule("KTMU-29(1)-1")
def recognition_application(f: RecognitionApplication, ctx: Ctx) -> Outcome:
    """«Студенттин транскрипти жана сабактын мазмуну тиркелген арызынын жана илимий жетекчисинин
    макулдугунун негизинде ИИТ/ИКТнын академиялык кеңешинин сунушуна жана институттун Башкаруу
    кеңешинин чечимине ылайык … сабактар эсептелиши, кредит которулушу жана сабактан бошотулушу мүмкүн».

    PASS when the application carries the transcript and the course contents and the supervisor's
    consent, the FoS-council proposal and the Institute Board decision follow in order; FAIL otherwise.
    """
    docs = [n for n, ok in (("transcript", f.transcript_attached), ("course_contents", f.course_contents_attached)) if not ok]
    if docs:
        return ctx.fail("ktmu.studies.recog.documents_missing", documents=docs)
    missing = chain_missing(f.approvals, _RECOG_CHAIN)
    if missing:
        return ctx.fail("ktmu.studies.chain_missing", missing=missing, chain=fmt_chain(_RECOG_CHAIN))
    return ctx.passed("ktmu.studies.chain_ok", chain=fmt_chain(_RECOG_CHAIN))


Category = Literal["LANGUAGE_PROGRAMME", "SPP", "SPECIAL_STATUS", "SAME_PROGRAMME_EARLIER", "EXTERNAL_INSTITUTION"]


class RecognitionCandidate(Facts):
    """One earlier course proposed for counting."""

    student_level: Level
    category: Category = Field(description="29(2) a: language programme, b: SPP, c: special status, d: same programme earlier, e: outside institution")
    completed_on: dt.date
    application_on: dt.date
    status: Literal["PASSED", "FAILED", "INCOMPLETE"]
    letter: Letter | None = None
    ects: Decimal = Field(ge=0)
    target_ects: Decimal = Field(ge=0, description="ECTS of the course it would replace")
    counted_for_pg: bool = Field(default=True, description="(a), (b): taken on the account of the PG programme")
    is_spp_course: bool = Field(default=False, description="An SPP course itself (never counts, 20(5))")
    at_same_institute: bool = Field(default=True, description="(c): taken at this institute")
    same_programme: bool = Field(default=True, description="(d): the same PG programme")
    content_matches: bool = True
    language_matches: bool = True


@rule(
    "KTMU-29(2)-1",
    "KTMU-29(2)a-1",
    "KTMU-29(2)b-1",
    "KTMU-29(2)c-1",
    "KTMU-29(2)d-1",
    "KTMU-29(6)-1",
    cites=("KTMU-29(2)e-1",),
)
def course_recognition(f: RecognitionCandidate, ctx: Ctx) -> Outcome:
    """«Сабактар акыркы 5 жылдын ичинде окулган болушу жана сабактардагы жетишкендиктеринин көрсөткүчү
    магистратуранын сабактары үчүн кеминде CB, докторантуранын сабактары үчүн кеминде BB болууга тийиш …
    a) Тил үйрөтүү программасында … b) Адистикке даярдоо программасында … c) … өзгөчө статустагы студент
    катары … d) … ошол эле ЖОЖдон кийинки билим берүү программасында … e) Университеттен сырткары
    институттарда … окутуу тили жана мазмуну дал келген, AKTSи жетиштүү болгон …»; «Карыз сабактар окуп
    жаткан сабактардын катарына кирбейт» (29(6)).

    PASS (recognisable) when: the course was passed (a failed or incomplete "debt" course never counts,
    A-41); it was completed within the last 5 years before the application (completion + 5 years ≥
    application day, month-end clamped); the letter is at least CB (MA) / BB (PhD, AI); and the category's
    condition holds (a, b: taken on the PG programme's account, not an SPP course; c: at this institute;
    d: same programme, matching content, sufficient ECTS; e: matching language and content, sufficient
    ECTS — the 70 % cap is ``recognition_caps``). FAIL names the first unmet condition.
    """
    if f.status != "PASSED":
        return ctx.fail("ktmu.studies.recog.debt_course", status=f.status)
    years = int(ctx.param("ktmu.studies.recog_max_age_years"))
    limit = add_months(f.completed_on, 12 * years)
    if f.application_on > limit:
        return ctx.fail("ktmu.studies.recog.too_old", completed=f.completed_on, years=years, limit=limit)
    minimum = _min_letter(ctx, f.student_level)
    if f.letter is None or not letter_at_least(f.letter, minimum):
        return ctx.fail("ktmu.studies.recog.letter_low", letter=f.letter or "—", minimum=minimum)
    c = f.category
    unmet: list[str] = []
    if c in ("LANGUAGE_PROGRAMME", "SPP"):
        if not f.counted_for_pg:
            unmet.append("counted_for_pg")
        if f.is_spp_course:
            unmet.append("not_an_spp_course")
    elif c == "SPECIAL_STATUS":
        if not f.at_same_institute:
            unmet.append("at_same_institute")
    elif c == "SAME_PROGRAMME_EARLIER":
        if not f.same_programme:
            unmet.append("same_programme")
        if not f.content_matches:
            unmet.append("content_matches")
        if f.ects < f.target_ects:
            unmet.append("sufficient_ects")
    else:
        if not f.language_matches:
            unmet.append("language_matches")
        if not f.content_matches:
            unmet.append("content_matches")
        if f.ects < f.target_ects:
            unmet.append("sufficient_ects")
    if unmet:
        return ctx.fail("ktmu.studies.recog.category_unmet", category=c, unmet=unmet)
    return ctx.passed("ktmu.studies.recog.recognisable", letter=f.letter, minimum=minimum, limit=limit)


class RecognisedCourse(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    code: str
    ects: Decimal = Field(ge=0)
    from_outside_institution: bool


class RecognitionTotals(Facts):
    programme_course_ects: Decimal = Field(gt=0, description="ECTS of the programme's courses (base of the caps, A-40)")
    recognised: list[RecognisedCourse] = Field(description="All courses recognised for the student, including the proposed ones")


@rule("KTMU-29(1)-2", "KTMU-29(2)e-1")
def recognition_caps(f: RecognitionTotals, ctx: Ctx) -> Outcome:
    """«… максимум 70%га чейин болушу мүмкүн» (29(2)e); «… эӊ көп окуган сабагы AKTS кредитинин жарымына
    туура келген учурда …» (29(1), garbled).

    ECTS recognised from institutions outside the university ≤ 70 % of the programme's course ECTS
    (exact). The 29(1) cap (all recognised ECTS ≤ 50 %) applies only when
    ``ktmu.studies.recog_general_cap_enabled`` is on (A-40: off until clarified). PASS / FAIL.
    """
    external = sum((c.ects for c in f.recognised if c.from_outside_institution), Decimal(0))
    share = Decimal(ctx.param("ktmu.studies.recog_external_max_share"))
    if external > share * f.programme_course_ects:
        return ctx.fail("ktmu.studies.recog.external_over", ects=external, cap=plain(share * f.programme_course_ects), percent=plain(share * 100))
    if ctx.param("ktmu.studies.recog_general_cap_enabled"):
        total = sum((c.ects for c in f.recognised), Decimal(0))
        general = Decimal(ctx.param("ktmu.studies.recog_general_max_share"))
        if total > general * f.programme_course_ects:
            return ctx.fail("ktmu.studies.recog.general_over", ects=total, cap=plain(general * f.programme_course_ects), percent=plain(general * 100))
    return ctx.passed("ktmu.studies.recog.caps_ok", ects=external, cap=plain(share * f.programme_course_ects), percent=plain(share * 100))


class HostCourse(Facts):
    student_level: Level
    exchange: bool = Field(description="Taken during an exchange programme (29(4)); else at another local or foreign HEI (29(5))")
    host_letter: Letter = Field(description="Host grade converted to the KTMU letter (29(3) agreement)")
    host_ects: Decimal = Field(ge=0)
    host_semester: str = Field(description="Semester the host course was taken, e.g. 2025-AUTUMN")
    target_ects: Decimal = Field(ge=0)
    target_semester: str = Field(description="Semester of the KTMU course it is counted for")


@rule("KTMU-29(4)-1", "KTMU-29(5)-1")
def external_course_equivalence(f: HostCourse, ctx: Ctx) -> Outcome:
    """«Алмашуу программасынын алкагында барган студенттин сабактагы жетишкендиктери жана AKTSи тийиштүү
    семестрдеги тийешелүү сабактары менен эквиваленттүү катары саналышы мүмкүн» (4); «… магистратурадагы
    сабактар үчүн CB, докторантурадагы сабактар үчүн BB болушу керек деген шарт менен, AKTSи тийиштүү
    семестрдин туура келген сабактары менен эквиваленттүү деп эсептелиши мүмкүн» (5).

    PASS when the host course is counted for a course of the same semester, its letter is at least CB
    (MA) / BB (PhD, AI) ("at least" inferred) and its ECTS are at least the KTMU course's; FAIL otherwise.
    Approval follows ``recognition_application``.
    """
    if f.host_semester != f.target_semester:
        return ctx.fail("ktmu.studies.recog.semester_mismatch", host=f.host_semester, target=f.target_semester)
    minimum = _min_letter(ctx, f.student_level)
    if not letter_at_least(f.host_letter, minimum):
        return ctx.fail("ktmu.studies.recog.letter_low", letter=f.host_letter, minimum=minimum)
    if f.host_ects < f.target_ects:
        return ctx.fail("ktmu.studies.recog.ects_short", ects=f.host_ects, target=f.target_ects)
    return ctx.passed("ktmu.studies.recog.equivalent", letter=f.host_letter, minimum=minimum)
