"""OshSU Regulation on Academic Mobility — section 5, information support (machine-checkable parts).

ERRATA 16 applied: the content of announcements (OSU-5.5-1) is a template — missing fields or an
over-long text give a warning, never block publication.

Public functions for the apps:

* ``partner_list`` (OSU-5.4-1) — the public partner list generated from the agreement registry;
* ``call_announced`` (OSU-5.4-3) — an open call is announced on the IRD website before its deadline;
* ``announcement_content`` (OSU-5.5-1) — template completeness / short form (warnings);
* ``annual_statistics`` (OSU-5.6-1) — the academic year's statistical snapshot (counts per dimension).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Literal

from bilim.regulations.core import Ctx, Facts, Outcome, rule


class Partner(Facts):
    """A partner institution from the agreement registry."""

    name: str
    country: str | None = None
    website: str | None = None
    email: str | None = None
    phone: str | None = None
    agreement_valid_from: dt.date | None = None
    agreement_valid_to: dt.date | None = None  # None = open-ended


class PartnerRegistry(Facts):
    """All partners of the registry."""

    partners: tuple[Partner, ...] = ()


@rule("OSU-5.4-1")
def partner_list(f: PartnerRegistry, ctx: Ctx) -> Outcome:
    """«ЭАБД кызматташуу келишимдери түзүлгөн өнөктөш ЖОЖдордун тизмесин (алардын сайттары, электрондук
    даректери, телефон номерлери ж.б. маалыматтарды менен көрсөтүү) ЭАБДнын сайтына регулярдуу жүктөп турат».

    Returns the public list: partners with an agreement in force on the evaluation date, sorted by name,
    each with website, e-mail and phone and the list of those contact fields that are still empty (the
    message counts incomplete entries so IRD can fill them).
    """
    fields = ctx.param("osu.info.partner_list_fields")
    entries = []
    for p in sorted(f.partners, key=lambda p: p.name.casefold()):
        if p.agreement_valid_from is None or p.agreement_valid_from > ctx.as_of:
            continue
        if p.agreement_valid_to is not None and p.agreement_valid_to < ctx.as_of:
            continue
        entry = {"name": p.name, "country": p.country, **{k: getattr(p, k) for k in fields}}
        entry["missing"] = tuple(k for k in fields if not getattr(p, k))
        entries.append(entry)
    incomplete = sum(1 for e in entries if e["missing"])
    return ctx.result(tuple(entries), "osu.info.partners.list", count=len(entries), incomplete=incomplete)


class Publication(Facts):
    """A publication of an announcement on one channel."""

    channel: str
    published_on: dt.date


class CallAnnouncement(Facts):
    """An open call (quota, programme, scholarship) and where its announcement was published."""

    call_id: str
    application_deadline: dt.date
    publications: tuple[Publication, ...] = ()


@rule("OSU-5.4-3")
def call_announced(f: CallAnnouncement, ctx: Ctx) -> Outcome:
    """«ЭАБД … квоталары, … стипендиялык программалар … туурасындагы маалыматтарды, жарыяларды,
    кулактандырууларды департаменттин сайты, социалдык тармактар …, "Нур" гезити, "Үмүт" телевидениеси
    аркылуу берип, студенттер менен ИПКны жеткиликтүү формада өз убагында камсыздап турат».

    Each open call is announced on the IRD website before its application deadline ("өз убагында";
    the deadline day itself is too late). FAIL otherwise; a publication on an unknown channel is a FAIL
    too (channels: IRD website, Facebook, Instagram, WhatsApp, Telegram, "Нур", "Үмүт", other).
    """
    channels = ctx.param("osu.info.announcement_channels")
    unknown = sorted({p.channel for p in f.publications if p.channel not in channels})
    if unknown:
        return ctx.fail("osu.info.call.unknown_channel", channels=unknown)
    on_site = [p.published_on for p in f.publications if p.channel == "IRD_WEBSITE"]
    if not on_site:
        return ctx.fail("osu.info.call.not_on_website", call=f.call_id)
    first = min(on_site)
    if first >= f.application_deadline:
        return ctx.fail("osu.info.call.late", call=f.call_id, published=first, deadline=f.application_deadline)
    return ctx.passed("osu.info.call.ok", call=f.call_id, published=first, deadline=f.application_deadline)


class Announcement(Facts):
    """An announcement's template fields and its body text."""

    procedure: str | None = None
    conditions: str | None = None
    period_or_deadline: str | None = None
    participant_requirements: str | None = None
    selection_criteria: str | None = None
    links: tuple[str, ...] = ()
    body: str = ""


@rule("OSU-5.5-1")
def announcement_content(f: Announcement, ctx: Ctx) -> Outcome:
    """«Кулактандыруулар жана жарыялар … анын процедурасы, шарттары, мөөнөтү, катышуучуларга коюлуучу
    талаптар, кандидаттарды тандап алуунун критерийлери, тийиштүү шилтемелер ж.б. туурасында керектүү
    маалыматтарды камтып, кыска формада берилүүсү абзел».

    «абзел» = advisable (ERRATA 16): empty template fields (no link counts as empty) or a body longer than
    ``osu.info.announcement_max_length`` (unset by default, A-43) give a WARN; publication is never blocked.
    """
    fields = ctx.param("osu.info.announcement_fields")
    empty = [name for name in fields if not getattr(f, name)]
    max_len = ctx.param("osu.info.announcement_max_length")
    too_long = max_len is not None and len(f.body) > int(max_len)
    if empty or too_long:
        return ctx.warn("osu.info.announcement.incomplete", fields=empty or ["—"], length=len(f.body), max=max_len or "—")
    return ctx.passed("osu.info.announcement.ok")


class MobilityRecord(Facts):
    """One mobility as counted in the annual statistics (dimensions of §1.4)."""

    start_date: dt.date
    end_date: dt.date
    direction: Literal["OUTGOING", "INCOMING"]
    scope: Literal["EXTERNAL", "INTERNAL"]
    participant_type: Literal["STUDENT", "STAFF"]
    level: str | None = None
    faculty: str | None = None
    country: str | None = None
    partner: str | None = None
    programme: str | None = None
    term: Literal["SHORT", "LONG"] | None = None
    mode: Literal["PHYSICAL", "DISTANCE"] = "PHYSICAL"
    funding_sources: tuple[str, ...] = ()


class AnnualStatisticsFacts(Facts):
    """The academic year (by the calendar year in which it starts) and the mobilities recorded."""

    academic_year: int
    mobilities: tuple[MobilityRecord, ...] = ()


STAT_DIMENSIONS = (
    "direction", "scope", "participant_type", "level", "faculty", "country", "partner", "programme", "term", "mode",
)


@rule("OSU-5.6-1")
def annual_statistics(f: AnnualStatisticsFacts, ctx: Ctx) -> Outcome:
    """«Ар бир окуу жылынын жыйынтыгы боюнча жүргүзүлгөн академиялык мобилдүүлүк боюнча ЭАБД
    маалыматтардын статистикалык базасын түзүп…»

    The academic year runs from the 1st of ``osu.info.academic_year_start_month`` (September) to the
    day before the next one. Mobilities whose start date falls in the year are counted (START_IN_YEAR;
    the alternative OVERLAP counts every stay overlapping the year). Returns ``{"total": n,
    "by_<dimension>": {value: count}}`` for direction, scope, participant type, level, faculty,
    country, partner, programme, term, mode and funding source (a mobility with two sources counts
    once under each).
    """
    month = int(ctx.param("osu.info.academic_year_start_month"))
    first = dt.date(f.academic_year, month, 1)
    last = dt.date(f.academic_year + 1, month, 1) - dt.timedelta(days=1)
    how = ctx.param("osu.info.statistics_inclusion")
    if how == "OVERLAP":
        chosen = [m for m in f.mobilities if m.start_date <= last and m.end_date >= first]
    else:
        chosen = [m for m in f.mobilities if first <= m.start_date <= last]
    stats: dict[str, object] = {"total": len(chosen), "from": first, "to": last}
    for dim in STAT_DIMENSIONS:
        stats[f"by_{dim}"] = dict(sorted(Counter(str(getattr(m, dim)) for m in chosen).items()))
    stats["by_funding_source"] = dict(sorted(Counter(s for m in chosen for s in m.funding_sources).items()))
    return ctx.result(stats, "osu.info.statistics", total=len(chosen), first=first, last=last)


# --- crisp parts of rules the catalogue marks "no" (system support) -------------------------------------------------


class Publisher(Facts):
    """The role of the person who wants to publish an announcement, partner list or information package."""

    role: str


@rule("OSU-5.1-1")
def may_publish(f: Publisher, ctx: Ctx) -> Outcome:
    """«Академиялык мобилдүүлүктү маалыматтык жактан колдоо боюнча жумуштарды уюштуруу жана тескөө ЭАБДнын
    кызматкерлери жана декандардын (директорлордун) эл аралык байланыштар боюнча орун басарлары ишке ашырышат».

    Information support is organised by IRD staff and the deputy deans for international relations: only
    the roles ``ird_officer`` and ``deputy_dean_ir`` (and the administrator) may publish (FAIL otherwise).
    """
    allowed = ("ird_officer", "deputy_dean_ir", "administrator")
    if f.role in allowed:
        return ctx.passed("osu.info.publish.ok", role=f.role)
    return ctx.fail("osu.info.publish.not_allowed", role=f.role)


class AgreementRecord(Facts):
    """An agreement or memorandum with a partner: first and last day of validity (None = open-ended)."""

    valid_from: dt.date
    valid_to: dt.date | None = None


@rule("OSU-5.3-1")
def agreement_status(f: AgreementRecord, ctx: Ctx) -> Outcome:
    """«ЭАБДнын кызматкерлери кызматташуунун учурдагы абалы, өнөктөш окуу жайлар менен түзүлгөн келишимдер,
    меморандумдар тууралуу … маалымат берип турушат».

    The status shown on the cooperation dashboard on the evaluation date: NOT_YET_IN_FORCE (before the
    first day), ACTIVE (first to last day inclusive), EXPIRED (after the last day). An "expiring" band is
    not set by the regulation (A-43) and is left to the dashboard.
    """
    if ctx.as_of < f.valid_from:
        return ctx.result("NOT_YET_IN_FORCE", "osu.info.agreement.not_yet", start=f.valid_from)
    if f.valid_to is not None and ctx.as_of > f.valid_to:
        return ctx.result("EXPIRED", "osu.info.agreement.expired", end=f.valid_to)
    return ctx.result("ACTIVE", "osu.info.agreement.active", end=f.valid_to or "—")
