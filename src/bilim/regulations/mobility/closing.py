"""OshSU mobility — after the stay: results documents, staff presentation and reports (3.6; 4.8 IRD-16).

Public functions for the apps::

    results_documents_brought(BroughtDocsFacts) -> Verdict   (OSU-3.6-1)
    trip_closing_check(TripClosingFacts)        -> Verdict   (OSU-3.6-2, OSU-3.6-3, OSU-4.8-IRD-16)
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field

from bilim.regulations.core import Ctx, Facts, Outcome, rule


class BroughtDocsFacts(Facts):
    """A student participant's results documents on file after the stay."""

    end_date: dt.date
    documents: list[
        Literal["INDIVIDUAL_STATEMENT", "TRANSCRIPT", "CERTIFICATE", "HOURS_REFERENCE_LETTER", "OTHER"]
    ] = Field(default_factory=list)
    grades_in_credit_system: bool = False


@rule("OSU-3.6-1")
def results_documents_brought(f: BroughtDocsFacts, ctx: Ctx) -> Outcome:
    """«Өнөктөш окуу жайда болуу мөөнөтү аяктагандан соң академиялык мобилдүүлүк программаларынын
    катышуучулары өз факультеттерине … баалар кредиттик система боюнча көрсөтүлгөн жекече ведомость,
    транскрипт, сертификат ж.б. документтерди алып келишет»

    After the end of the stay: PASS when at least one results document (individual statement,
    transcript, certificate …) showing grades in the credit system is attached; FAIL otherwise. Before
    the end: PASS (not yet due; the one-month deadline is OSU-4.8-STU-12).
    """
    if ctx.as_of <= f.end_date:
        return ctx.passed("osu.brought.not_due", end=f.end_date)
    if not f.documents or not f.grades_in_credit_system:
        return ctx.fail("osu.brought.missing", end=f.end_date)
    return ctx.passed("osu.brought.ok", documents=f.documents)


class TripClosingFacts(Facts):
    """A staff trip about to be CLOSED."""

    scope: Literal["EXTERNAL", "INTERNAL"]
    presentation_done: bool = False
    cooperation_proposals: str | None = None  # may be "none", but must be recorded
    short_report_to_ird: bool = False
    effectiveness_assessment: str | None = None


@rule("OSU-3.6-2", "OSU-3.6-3", "OSU-4.8-IRD-16")
def trip_closing_check(f: TripClosingFacts, ctx: Ctx) -> Outcome:
    """«ИПК иш сапардан кайтып келгенден кийин аткарган жумуштары, алган тажрыйбалары боюнча презентация
    жасап, кызматташууну өнүктүрүү боюнча сунуштарын берет. ЭАБДга да иш сапары тууралуу кыскача отчет
    тапшырат»; IRD: «…окутуучулардан презентация жасоону талап кылып, алардын иш сапарынын
    эффективдүүлүгүн баалайт».

    A staff trip closes only when the presentation is done and the cooperation proposals recorded
    (3.6-2), the short report to IRD is filed (3.6-3) and — for a trip abroad — IRD has recorded its
    effectiveness assessment (IRD-16). FAIL lists what is missing.
    """
    missing: list[str] = []
    if not f.presentation_done:
        missing.append("PRESENTATION")
    if f.cooperation_proposals is None:
        missing.append("COOPERATION_PROPOSALS")
    if not f.short_report_to_ird:
        missing.append("SHORT_REPORT_TO_IRD")
    if f.scope == "EXTERNAL" and not (f.effectiveness_assessment and f.effectiveness_assessment.strip()):
        missing.append("IRD_EFFECTIVENESS_ASSESSMENT")
    if missing:
        return ctx.fail("osu.trip_closing.missing", missing=missing)
    return ctx.passed("osu.trip_closing.ok")
