"""OshSU Regulation on Academic Mobility — scope and classification (sections 1.1, 1.3, 1.3.1–1.3.7).

Covers OSU-1.1-1, OSU-1.1-2 (who and which directions), OSU-1.3-1…4 (definition, period presets,
base period, return), OSU-1.3.2-1/-2, OSU-1.3.3-1/-2, OSU-1.3.4-1/-2 (external/internal, distance),
OSU-1.3.5-1…5 (short/long term and the results documents each needs) and OSU-1.3.7-1 (joint/double
degree students). The ISP gate of OSU-1.3.6 is in :mod:`bilim.regulations.mobility.isp`.

Public functions for the apps::

    mobility_term(StayPeriod)            -> "SHORT" | "LONG"          (OSU-1.3.5-1/2/4)
    mobility_scope(ScopeFacts)           -> "EXTERNAL" | "INTERNAL"   (OSU-1.3.2-1, 1.3.3-*, 1.3.4-*)
    mobility_mode(ModeFacts)             -> "PHYSICAL" | "DISTANCE"   (OSU-1.3.2-2)
    result_documents_check(ResultDocsFacts) -> Verdict                (OSU-1.3.5-3/5)
    participant_in_scope, mobility_definition, period_preset, base_period_check,
    return_reminder, joint_degree_participant
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from bilim.regulations.core import Ctx, Facts, Outcome, add_months, rule


class StayPeriod(Facts):
    """First and last day (inclusive) of a stay at the other institution."""

    start_date: dt.date
    end_date: dt.date


@rule("OSU-1.3.5-1", "OSU-1.3.5-2", "OSU-1.3.5-4")
def mobility_term(f: StayPeriod, ctx: Ctx) -> Outcome:
    """Short-term: «1 айдан көп эмес мезгил» (not more than 1 month); long-term: «бир айдан көп».

    The stay is short-term while its last day falls before the same calendar day one month
    after the first day (01.03–31.03 short, 01.03–01.04 long; A-08: exactly one month is short).
    """
    if f.end_date < f.start_date:
        return ctx.result("INVALID", "osu.term.invalid_period", start=f.start_date, end=f.end_date)
    months = ctx.param("osu.short_term_max_months")
    limit = add_months(f.start_date, int(months))
    if f.end_date < limit:
        return ctx.result("SHORT", "osu.term.short", start=f.start_date, end=f.end_date, months=months)
    return ctx.result("LONG", "osu.term.long", start=f.start_date, end=f.end_date, months=months)


# --- 1.1: who and which directions ---------------------------------------------------------------


class ParticipantFacts(Facts):
    """A mobility participant: type, direction and, for students, the level of study."""

    participant_type: Literal["STUDENT", "STAFF", "OTHER"]
    direction: Literal["OUTGOING", "INCOMING"]
    level: Literal["COLLEGE", "BACHELOR", "MASTER", "PHD"] | None = None


@rule("OSU-1.1-1", "OSU-1.1-2")
def participant_in_scope(f: ParticipantFacts, ctx: Ctx) -> Outcome:
    """«…студенттеринин, магистранттарынын (мындан ары – студенттердин) … жана ИПКнын …, ошондой эле
    ОшМУга келүүчү чет өлкөлүк студенттердин жана ИПКнын академиялык мобилдүүлүгү…»

    PASS when the participant is a student (college, bachelor or master's — "student" includes
    master's students) or academic staff, going out or coming in; FAIL otherwise (PhD out of scope, A-36).
    """
    types = ctx.param("osu.participant_types")
    if f.participant_type not in types:
        return ctx.fail("osu.scope.not_participant", participant_type=f.participant_type)
    if f.participant_type == "STUDENT":
        levels = ctx.param("osu.student_levels")
        if f.level is None or f.level not in levels:
            return ctx.fail("osu.scope.level_out_of_scope", level=f.level or "—", levels=levels)
    return ctx.passed("osu.scope.in_scope", participant_type=f.participant_type, direction=f.direction)


# --- 1.3: definition, presets, base period, return ---------------------------------------------


class MobilityDefinitionFacts(Facts):
    """Purposes and dates of a mobility record."""

    purposes: list[str]
    start_date: dt.date | None
    end_date: dt.date | None


@rule("OSU-1.3-1")
def mobility_definition(f: MobilityDefinitionFacts, ctx: Ctx) -> Outcome:
    """«Академиялык мобилдүүлүк – … билим алуу, иш сапарда болуу, илимий-изилдөө … үчүн белгилүү бир
    академиялык мезгилге … орун которуусу»

    PASS when at least one purpose is given, every purpose is one the regulation names, and both
    dates of the defined period are present (end not before start).
    """
    allowed = ctx.param("osu.mobility_purposes")
    if not f.purposes:
        return ctx.fail("osu.definition.no_purpose")
    unknown = [p for p in f.purposes if p not in allowed]
    if unknown:
        return ctx.fail("osu.definition.unknown_purpose", purposes=unknown)
    if f.start_date is None or f.end_date is None:
        return ctx.fail("osu.definition.dates_missing")
    if f.end_date < f.start_date:
        return ctx.fail("osu.term.invalid_period", start=f.start_date, end=f.end_date)
    return ctx.passed("osu.definition.ok", purposes=f.purposes, start=f.start_date, end=f.end_date)


class PresetFacts(Facts):
    """A stay; ``academic_period`` is set when the stay is exactly one semester / academic year of the calendar."""

    start_date: dt.date
    end_date: dt.date
    academic_period: Literal["SEMESTER", "ACADEMIC_YEAR"] | None = None


@rule("OSU-1.3-2")
def period_preset(f: PresetFacts, ctx: Ctx) -> Outcome:
    """«белгилүү бир академиялык мезгилге: 3 күн, 1 жума, 1 ай, 1 семестр, 1 жыл»

    Returns the name of the typical period the stay matches (3_DAYS, 1_WEEK, 1_MONTH, 1_SEMESTER,
    1_YEAR) or "OTHER". Never a rejection: the list gives presets, not a closed set (A-07).
    """
    presets = ctx.param("osu.mobility_period_presets")
    days = (f.end_date - f.start_date).days + 1
    for p in presets:
        unit, amount = p["unit"], p["amount"]
        if unit == "days" and days == int(amount):
            return ctx.result(p["name"], "osu.preset.matched", preset=p["name"], days=days)
        if unit == "months" and f.end_date + dt.timedelta(days=1) == add_months(f.start_date, int(amount)):
            return ctx.result(p["name"], "osu.preset.matched", preset=p["name"], days=days)
        if unit == "academic" and f.academic_period == amount:
            return ctx.result(p["name"], "osu.preset.matched", preset=p["name"], days=days)
    return ctx.result("OTHER", "osu.preset.other", days=days)


class BasePeriodFacts(Facts):
    """A student's stay and the academic period it is planned for."""

    participant_type: Literal["STUDENT", "STAFF"]
    start_date: dt.date
    end_date: dt.date
    period_unit: Literal["SEMESTER", "ACADEMIC_YEAR", "OTHER"]


@rule("OSU-1.3-3")
def base_period_check(f: BasePeriodFacts, ctx: Ctx) -> Outcome:
    """«Студенттердин академиялык мобилдүүлүгүн жүргүзүүнүн базалык мөөнөтү бир семестрди же академиялык
    жылды түзөт»

    For a long-term student mobility: PASS for one semester / one academic year; WARN ("not a base
    period") for any other long period — a base, not a restriction (A-39). Staff and short-term: PASS.
    """
    if f.participant_type != "STUDENT":
        return ctx.passed("osu.base_period.not_applicable")
    term = ctx.sub(mobility_term, StayPeriod(start_date=f.start_date, end_date=f.end_date)).value
    if term != "LONG":
        return ctx.passed("osu.base_period.not_applicable")
    bases = ctx.param("osu.student_base_periods")
    if f.period_unit in bases:
        return ctx.passed("osu.base_period.ok", unit=f.period_unit)
    return ctx.warn("osu.base_period.other", start=f.start_date, end=f.end_date)


class ReturnFacts(Facts):
    """Where a mobility stands on the evaluation date."""

    end_date: dt.date
    status: str
    return_recorded: bool = False


@rule("OSU-1.3-4")
def return_reminder(f: ReturnFacts, ctx: Ctx) -> Outcome:
    """«Мөөнөтү аяктагандан соң студенттер жана ИПК кайра өз окуу жайына кайтышат»

    WARN (a "return not recorded" task for VDIR / IRD) when the evaluation date is after the last
    day of the stay and the file is still ABROAD / ON_TRIP without a recorded return; PASS otherwise.
    """
    if ctx.as_of > f.end_date and f.status in ("ABROAD", "ON_TRIP") and not f.return_recorded:
        return ctx.warn("osu.return.not_recorded", end=f.end_date, days=(ctx.as_of - f.end_date).days)
    return ctx.passed("osu.return.ok", end=f.end_date)


# --- 1.3.2–1.3.4: external / internal, distance -------------------------------------------------


class ScopeFacts(Facts):
    """Direction and the country of the other institution (host for outgoing, home for incoming)."""

    direction: Literal["OUTGOING", "INCOMING"]
    counterpart_country: str
    basis: str | None = None


@rule("OSU-1.3.2-1", "OSU-1.3.3-1", "OSU-1.3.3-2", "OSU-1.3.4-1", "OSU-1.3.4-2")
def mobility_scope(f: ScopeFacts, ctx: Ctx) -> Outcome:
    """«ОшМУда академиялык мобилдүүлүктүн эки түрү жүргүзүлөт: сырткы (эл аралык) жана ички (ата мекендик)»

    EXTERNAL when the other institution (host of an outgoing, home of an incoming mobility) is
    outside the Kyrgyz Republic (1.3.3), INTERNAL when it is a Kyrgyz institution (1.3.4).
    """
    home = ctx.param("osu.home_country")
    country = f.counterpart_country.strip().upper()
    scope = "INTERNAL" if country == home else "EXTERNAL"
    key = f"osu.scope.{scope.lower()}_{f.direction.lower()}"
    return ctx.result(scope, key, country=country)


class ModeFacts(Facts):
    """Physical or distance (online, virtual, electronic) form."""

    mode: Literal["PHYSICAL", "DISTANCE", "ONLINE", "VIRTUAL", "ELECTRONIC"]


@rule("OSU-1.3.2-2")
def mobility_mode(f: ModeFacts, ctx: Ctx) -> Outcome:
    """«Академиялык мобилдүүлүктү дистанттык (он-лайн, виртуалдык, электрондук ж.б.) формада да жүргүзсө болот»

    Online, virtual and electronic forms are all DISTANCE mobility (allowed); a distance mobility
    skips the travel-only steps (visa, travel, arrival) and keeps ISP, order and recognition (A-45).
    """
    if f.mode == "PHYSICAL":
        return ctx.result("PHYSICAL", "osu.mode.physical")
    skipped = ctx.param("osu.travel_only_steps")
    return ctx.result("DISTANCE", "osu.mode.distance", form=f.mode, steps=skipped)


# --- 1.3.5: results documents by term ---------------------------------------------------------


class ResultDocsFacts(Facts):
    """The stay, what the student did, and the results documents brought back."""

    start_date: dt.date
    end_date: dt.date
    activity: Literal["STUDY", "EVENT", "BOTH"]
    documents: list[
        Literal[
            "HOURS_REFERENCE_LETTER",
            "PARTICIPATION_CERTIFICATE",
            "GRADE_STATEMENT_OR_TRANSCRIPT",
            "STUDY_CERTIFICATE",
            "CREDIT_TRANSCRIPT",
            "OTHER",
        ]
    ]


@rule("OSU-1.3.5-3", "OSU-1.3.5-5")
def result_documents_check(f: ResultDocsFacts, ctx: Ctx) -> Outcome:
    """Short: «кредиттери көрсөтүлгөн документтердин берилүүсү шарт эмес, … сааттары белгиленген маалым
    каттын жана … сертификаттардын ыйгарылуусу жетиштүү»; long: «… кредиттер түшүрүлгөн ведомосттун
    жана окугандыгын тастыктоочу сертификаттын болуусун талап кылат».

    Short-term: study needs the hours reference letter, an event the participation certificate (both
    for both; a credit transcript is never required — A-35). Long-term: a grade statement/transcript
    with credits and a study certificate. FAIL names the missing documents.
    """
    term = ctx.sub(mobility_term, StayPeriod(start_date=f.start_date, end_date=f.end_date)).value
    table = ctx.param("osu.result_documents")
    if term == "LONG":
        required = list(table["LONG"])
    elif term == "SHORT":
        required = []
        if f.activity in ("STUDY", "BOTH"):
            required += table["SHORT_STUDY"]
        if f.activity in ("EVENT", "BOTH"):
            required += table["SHORT_EVENT"]
    else:
        return ctx.fail("osu.term.invalid_period", start=f.start_date, end=f.end_date)
    missing = [d for d in required if d not in f.documents]
    if missing:
        return ctx.fail("osu.result_docs.missing", term=term, missing=missing)
    return ctx.passed("osu.result_docs.ok", term=term, documents=required)


# --- 1.3.7: joint / double degree ---------------------------------------------------------------


class JointDegreeFacts(Facts):
    """Whether the student is enrolled in a joint-education / double-degree programme."""

    enrolled_in_joint_or_double_degree: bool


@rule("OSU-1.3.7-1")
def joint_degree_participant(f: JointDegreeFacts, ctx: Ctx) -> Outcome:
    """«Биргелешкен билим берүү (кош диплом) программаларында окуп жаткан студенттер … академиялык
    мобилдүүлүктүн катышуучулары катары эсептелинет»

    PARTICIPANT (counted in the mobility statistics, basis PROGRAMME JOINT/DOUBLE_DEGREE) for a
    joint/double-degree student, NOT_COUNTED otherwise (that student counts only with a mobility record).
    """
    if f.enrolled_in_joint_or_double_degree:
        return ctx.result("PARTICIPANT", "osu.joint_degree.participant")
    return ctx.result("NOT_COUNTED", "osu.joint_degree.not_joint")
