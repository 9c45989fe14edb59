"""KTMU Instruction on the working procedure and principles of the Board of Trustees (Part B,
items 1–7; catalogue IDs ``KTMU-BT-…``).

Public functions (rules) the apps call:

* composition: ``board_composition`` (KTMU-BT-1-1), ``turkish_side_appointments`` (KTMU-BT-1-2),
  ``kyrgyz_side_appointments`` (KTMU-BT-1-3), ``chair_deputies`` (KTMU-BT-1-4),
  ``vacancy_replacement`` (KTMU-BT-3-2);
* meetings and votes: ``meeting_convened_by_chair`` (KTMU-BT-1-5), ``meetings_per_year``
  (KTMU-BT-1-6), ``quorum`` (KTMU-BT-1-8), ``vote_outcome`` (KTMU-BT-1-9, KTMU-BT-1-10; calls
  ``quorum``), ``urgent_decision_status`` (KTMU-BT-1-11); plain helper ``tally(...)`` for the apps'
  live vote counter;
* terms: ``trustee_term_end`` (KTMU-BT-3-1), ``trustee_mandate`` (KTMU-BT-2-2);
* duties: ``unit_change_decision`` (KTMU-BT-4-2), ``budget_approval`` (KTMU-BT-4-5),
  ``budget_notification_deadline`` (KTMU-BT-4-6), ``founding_instructions_deadline`` (KTMU-BT-4-8);
* secretariat: ``secretariat_size`` (KTMU-BT-5-1), ``secretariat_appointments`` (KTMU-BT-5-2);
* payments: ``representation_allowance`` (KTMU-BT-7-1), ``allowance_payment_date`` (KTMU-BT-7-2),
  ``chair_staff_payment`` (KTMU-BT-7-5);
* catalogue "no" rules with a crisp check: ``meeting_arrangements`` (KTMU-BT-1-7), ``pay_within_band``
  (KTMU-BT-4-3), ``board_expense`` (KTMU-BT-6-1, KTMU-BT-7-3, KTMU-BT-7-4), ``agenda_item_admissible``
  (KTMU-BT-4-7), ``trustees_instruction_in_force`` (KTMU-BT-8-1).

Dated parameters: ``params/ktmu_governance.yaml`` (``ktmu.bt.*``), in force since the Board's
decision No. 2000-3-1/1 of 7 October 2000 (KTMU-BT-8-1).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from typing import Literal

from pydantic import Field

from bilim.regulations.core import Ctx, Facts, Outcome, add_months, rule

Citizenship = Literal["KR", "TR", "OTHER"]
Vote = Literal["YES", "NO", "ABSTAIN"]


class Trustee(Facts):
    """A member of the Board of Trustees (the chair is a member)."""

    person_id: str
    citizenship: Citizenship
    appointed_by: Literal["GOV_TR", "GOV_KR", "OTHER"]
    proposed_by: Literal["MOES_KR", "NONE"] = "NONE"
    is_chair: bool = False


class Board(Facts):
    members: list[Trustee]
    deputies: list[str] = Field(default_factory=list, description="person IDs the chair appointed as deputies")


# ============================================================================================
# Item 1 — composition


@rule("KTMU-BT-1-1")
def board_composition(f: Board, ctx: Ctx) -> Outcome:
    """«…төрт кыргыз жаранынан, төрт түрк жаранынан турган сегиз мүчөдөн түзүлөт».

    PASS when the Board has exactly 8 members: 4 Kyrgyz citizens and 4 Turkish citizens (the
    chair included); FAIL with the counts otherwise (a vacancy also fails, see KTMU-BT-3-2).
    """
    total = int(ctx.param("ktmu.bt.members"))
    need_kr = int(ctx.param("ktmu.bt.members_kr"))
    need_tr = int(ctx.param("ktmu.bt.members_tr"))
    ids = {m.person_id for m in f.members}
    kr = sum(1 for m in f.members if m.citizenship == "KR")
    tr = sum(1 for m in f.members if m.citizenship == "TR")
    values = {"count": len(ids), "kr": kr, "tr": tr, "total": total, "need_kr": need_kr, "need_tr": need_tr}
    if len(ids) != len(f.members):
        return ctx.fail("ktmu.bt.composition.duplicate", **values)
    if len(ids) == total and kr == need_kr and tr == need_tr:
        return ctx.passed("ktmu.bt.composition.ok", **values)
    return ctx.fail("ktmu.bt.composition.bad", **values)


@rule("KTMU-BT-1-2")
def turkish_side_appointments(f: Board, ctx: Ctx) -> Outcome:
    """«Камкорчулар кеңешинин төрагасы жана үч мүчөсү Түркия Республикасынын Өкмөтүнүн чечиминин
    негизинде дайындалат».

    PASS when there is exactly one chair, appointed by the Government of Türkiye, and exactly 3
    other members appointed by it.
    """
    need = int(ctx.param("ktmu.bt.members_gov_tr_besides_chair"))
    chairs = [m for m in f.members if m.is_chair]
    others = sum(1 for m in f.members if not m.is_chair and m.appointed_by == "GOV_TR")
    if len(chairs) != 1:
        return ctx.fail("ktmu.bt.chair.count", count=len(chairs))
    if chairs[0].appointed_by != "GOV_TR":
        return ctx.fail("ktmu.bt.chair.not_gov_tr", chair=chairs[0].person_id)
    if others != need:
        return ctx.fail("ktmu.bt.gov_tr.count", count=others, need=need)
    return ctx.passed("ktmu.bt.gov_tr.ok", need=need)


@rule("KTMU-BT-1-3")
def kyrgyz_side_appointments(f: Board, ctx: Ctx) -> Outcome:
    """«Калган төрт мүчө Кыргыз Республикасынын Билим берүү жана илим министрлигинин сунушу жана
    Кыргыз Республикасынын Өкмөтү тарабынан … дайындалат».

    PASS when exactly 4 members are appointed by the Government of the Kyrgyz Republic, each on the
    proposal of the KR Ministry of Education and Science.
    """
    need = int(ctx.param("ktmu.bt.members_gov_kr"))
    kr_side = [m for m in f.members if m.appointed_by == "GOV_KR"]
    unproposed = [m.person_id for m in kr_side if m.proposed_by != "MOES_KR"]
    if unproposed:
        return ctx.fail("ktmu.bt.gov_kr.no_proposal", members=unproposed)
    if len(kr_side) != need:
        return ctx.fail("ktmu.bt.gov_kr.count", count=len(kr_side), need=need)
    return ctx.passed("ktmu.bt.gov_kr.ok", need=need)


@rule("KTMU-BT-1-4")
def chair_deputies(f: Board, ctx: Ctx) -> Outcome:
    """«…төрагасы Камкорчулар кеңешинин мүчөлөрүнүн ичинен бир кыргыз жаранын, бир түрк жаранын өзүнө
    жардамчы катары дайындай алат».

    Deputies (optional) are members other than the chair: at most 1 Kyrgyz and at most 1 Turkish
    citizen. FAIL otherwise.
    """
    max_kr = int(ctx.param("ktmu.bt.deputies_max_kr"))
    max_tr = int(ctx.param("ktmu.bt.deputies_max_tr"))
    by_id = {m.person_id: m for m in f.members}
    outsiders = [d for d in f.deputies if d not in by_id or by_id[d].is_chair]
    if outsiders:
        return ctx.fail("ktmu.bt.deputies.not_members", deputies=outsiders)
    kr = sum(1 for d in set(f.deputies) if by_id[d].citizenship == "KR")
    tr = sum(1 for d in set(f.deputies) if by_id[d].citizenship == "TR")
    other = len(set(f.deputies)) - kr - tr
    if kr > max_kr or tr > max_tr or other:
        return ctx.fail("ktmu.bt.deputies.too_many", kr=kr, tr=tr, max_kr=max_kr, max_tr=max_tr)
    return ctx.passed("ktmu.bt.deputies.ok", count=len(set(f.deputies)))


# ============================================================================================
# Item 1 — meetings, quorum, votes


class Convocation(Facts):
    meeting_id: str
    convened_by: str = Field(description="person ID of whoever convened the meeting")
    chair_id: str


@rule("KTMU-BT-1-5")
def meeting_convened_by_chair(f: Convocation, ctx: Ctx) -> Outcome:
    """«Камкорчулар кеңеши төраганын чакыруусу боюнча чогулуп, күн тартибиндеги маселелерди талкуулашат».

    A meeting is valid only when convened by the chair.
    """
    if f.convened_by == f.chair_id:
        return ctx.passed("ktmu.bt.convened.ok", meeting=f.meeting_id)
    return ctx.fail("ktmu.bt.convened.bad", meeting=f.meeting_id, convened_by=f.convened_by)


class MeetingYear(Facts):
    year: int
    ordinary_meeting_dates: list[dt.date] = Field(default_factory=list)


@rule("KTMU-BT-1-6")
def meetings_per_year(f: MeetingYear, ctx: Ctx) -> Outcome:
    """«Камкорчулар кеңеши бир жылда эки жолу чогулат».

    A-67 (default): at least 2 ordinary meetings in the calendar year (extraordinary ones are not
    counted). PASS when reached; WARN while the year is not over; FAIL when the year ended short.
    Alternative reading ``exactly`` (parameter ``ktmu.bt.meetings_rule``): more than 2 also FAILs.
    """
    need = int(ctx.param("ktmu.bt.meetings_per_year"))
    reading = ctx.param("ktmu.bt.meetings_rule")
    held = sum(1 for d in f.ordinary_meeting_dates if d.year == f.year and d <= ctx.as_of)
    if reading == "exactly" and held > need:
        return ctx.fail("ktmu.bt.meetings.too_many", year=f.year, held=held, need=need)
    if held >= need:
        return ctx.passed("ktmu.bt.meetings.ok", year=f.year, held=held, need=need)
    if ctx.as_of <= dt.date(f.year, 12, 31):
        return ctx.warn("ktmu.bt.meetings.pending", year=f.year, held=held, need=need)
    return ctx.fail("ktmu.bt.meetings.short", year=f.year, held=held, need=need)


class Attendance(Facts):
    meeting_id: str
    member_ids: list[str] = Field(description="the Board's members on the meeting day")
    present_ids: list[str]


def _present_members(f: Attendance) -> int:
    return len(set(f.present_ids) & set(f.member_ids))


@rule("KTMU-BT-1-8")
def quorum(f: Attendance, ctx: Ctx) -> Outcome:
    """«Жыйналыштын кворумун 5 киши түзөт».

    Quorate (True) when at least 5 members of the Board are present; persons who are not members
    (secretariat, guests) are not counted.
    """
    need = int(ctx.param("ktmu.bt.quorum"))
    present = _present_members(f)
    if present >= need:
        return ctx.result(True, "ktmu.bt.quorum.ok", present=present, need=need)
    return ctx.result(False, "ktmu.bt.quorum.short", present=present, need=need)


def tally(votes: Mapping[str, str], chair_id: str, chair_tie_weight: int = 2) -> tuple[int, int]:
    """(yes, no) after the chair's tie-break (KTMU-BT-1-10): on a tie the chair's YES or NO counts
    ``chair_tie_weight`` times; an abstaining (or absent) chair leaves the tie."""
    yes = sum(1 for v in votes.values() if v == "YES")
    no = sum(1 for v in votes.values() if v == "NO")
    if yes == no and yes > 0:
        extra = chair_tie_weight - 1
        if votes.get(chair_id) == "YES":
            yes += extra
        elif votes.get(chair_id) == "NO":
            no += extra
    return yes, no


class BoardVote(Facts):
    """A vote of the Board on one agenda item."""

    meeting_id: str
    item: str
    member_ids: list[str] = Field(description="the Board's members on the meeting day")
    present_ids: list[str]
    chair_id: str
    votes: dict[str, Vote] = Field(default_factory=dict, description="member ID → YES/NO/ABSTAIN (present members)")
    majority_base: Literal["VOTES_CAST", "MEMBERS_PRESENT", "ALL_MEMBERS"] | None = Field(
        default=None, description="another voting rule decided by the Board for this item (None = the default rule)"
    )


@rule("KTMU-BT-1-9", "KTMU-BT-1-10")
def vote_outcome(f: BoardVote, ctx: Ctx) -> Outcome:
    """«Камкорчулар кеңеши каршы чечим кабыл албаса, тийиштүү чечим көпчүлүктүн добушу менен кабыл
    алынат. Добуштар теӊ болуп калган учурда төраганын добушу эки добуш болуп эсептелинет».

    ``ADOPTED`` / ``NOT_ADOPTED`` / ``NO_QUORUM``. No decision without quorum (KTMU-BT-1-8). A-65
    default: simple majority of votes cast (YES > NO); on a tie the chair's vote counts as two; a
    tie with the chair abstaining is not adopted. The Board may decide another base for an item
    (``majority_base``: more than half of the members present or of all members, after the same
    tie-break); the default base is parameter ``ktmu.bt.majority_base``. Votes of non-members or
    absent members are ignored.
    """
    q = ctx.sub(quorum, {"meeting_id": f.meeting_id, "member_ids": f.member_ids, "present_ids": f.present_ids})
    if not q.value:
        return ctx.result("NO_QUORUM", "ktmu.bt.vote.no_quorum", item=f.item)
    weight = int(ctx.param("ktmu.bt.chair_tie_weight"))
    base_rule = f.majority_base or ctx.param("ktmu.bt.majority_base")
    present = set(f.present_ids) & set(f.member_ids)
    valid = {m: v for m, v in f.votes.items() if m in present}
    raw_yes = sum(1 for v in valid.values() if v == "YES")
    raw_no = sum(1 for v in valid.values() if v == "NO")
    yes, no = tally(valid, f.chair_id, weight)
    if base_rule == "VOTES_CAST":
        adopted = yes > no
    else:
        base = len(present) if base_rule == "MEMBERS_PRESENT" else len(set(f.member_ids))
        adopted = 2 * yes > base
    tie = (yes, no) != (raw_yes, raw_no)
    key = "ktmu.bt.vote." + ("adopted" if adopted else "rejected") + ("_tie" if tie else "")
    return ctx.result(
        "ADOPTED" if adopted else "NOT_ADOPTED", key, item=f.item, yes=raw_yes, no=raw_no, weight=weight, base=base_rule
    )


class UrgentDecision(Facts):
    decision_id: str
    decided_on: dt.date
    decided_by: list[str] = Field(description="person IDs who took the decision")
    chair_id: str
    deputy_ids: list[str] = Field(default_factory=list, description="the chair's deputies at the time")
    next_meeting_date: dt.date | None = Field(default=None, description="date of the Board's first meeting after the decision")
    ratified: bool = False


@rule("KTMU-BT-1-11", judged_on="decision_date", date_field="decided_on")
def urgent_decision_status(f: UrgentDecision, ctx: Ctx) -> Outcome:
    """«…нускамалар, чечимдер ж.б. төраганын жана анын орун басарларынын чечими менен күчүнө
    киргизилиши мүмкүн. Бул чечим Камкорчулар кеңешинин алгачкы чогулушуна чейин күчүн сактайт».

    ``INVALID`` unless the chair and all his/her deputies took the decision; ``PROVISIONAL`` (in
    force) until the Board's first meeting after it; from that meeting ``RATIFIED`` if the Board
    adopted it, else ``LAPSED`` (ratification: inferred, W-21 row 5).
    """
    needed = {f.chair_id, *f.deputy_ids}
    if not needed <= set(f.decided_by):
        return ctx.result("INVALID", "ktmu.bt.urgent.invalid", decision=f.decision_id, missing=sorted(needed - set(f.decided_by)))
    if f.next_meeting_date is None or ctx.as_of < f.next_meeting_date:
        return ctx.result("PROVISIONAL", "ktmu.bt.urgent.provisional", decision=f.decision_id)
    if f.ratified:
        return ctx.result("RATIFIED", "ktmu.bt.urgent.ratified", decision=f.decision_id, meeting=f.next_meeting_date)
    return ctx.result("LAPSED", "ktmu.bt.urgent.lapsed", decision=f.decision_id, meeting=f.next_meeting_date)


# ============================================================================================
# Items 2–3 — terms and end of membership


class TrusteeTerm(Facts):
    person_id: str
    term_start: dt.date


@rule("KTMU-BT-3-1")
def trustee_term_end(f: TrusteeTerm, ctx: Ctx) -> Outcome:
    """«Камкорчулар кеңешинин мүчөлөрүнүн иштөө мөөнөтү беш жылды түзөт».

    The term ends 5 years after it starts (same calendar day; 29 February → 28 February): the
    member holds office from ``term_start`` to the day before the returned date.
    """
    years = int(ctx.param("ktmu.bt.term_years"))
    end = add_months(f.term_start, 12 * years)
    return ctx.result(end, "ktmu.bt.term.end", person=f.person_id, start=f.term_start, end=end, years=years)


class TrusteeMandate(Facts):
    person_id: str
    term_start: dt.date
    holds_main_position: bool = Field(description="appointed while working in a main position (e.g. rector, minister)")
    main_position_end: dt.date | None = None


@rule("KTMU-BT-2-2")
def trustee_mandate(f: TrusteeMandate, ctx: Ctx) -> Outcome:
    """«Негизги кызматында иштеген, ошол эле учурда Камкорчулар кеңешинин төрагалыгына жана анын
    мүчөлүгүнө шайланган кишилер кызматынан кеткен учурда, Камкорчулар кеңешиндеги кызматы да аяктайт».

    The mandate ends on the earlier of the term end (KTMU-BT-3-1) and, for a member appointed in
    his/her main position, the day that position ends. Returns the end date; the message says
    whether the person is a member on the evaluation date.
    """
    term_end = ctx.sub(trustee_term_end, {"person_id": f.person_id, "term_start": f.term_start}).value
    end = term_end
    reason = "term"
    if f.holds_main_position and f.main_position_end is not None and f.main_position_end < term_end:
        end, reason = f.main_position_end, "position"
    active = f.term_start <= ctx.as_of < end
    return ctx.result(end, f"ktmu.bt.mandate.{reason}", person=f.person_id, end=end, active=active)


class Vacancy(Facts):
    vacated: Trustee
    replacement: Trustee


@rule("KTMU-BT-3-2")
def vacancy_replacement(f: Vacancy, ctx: Ctx) -> Outcome:
    """«Орун бошогон мезгилде ошондой эле жол-жобо менен мүчө дайындалат».

    The replacement is appointed by the same procedure as the vacated seat: same appointing
    government (for the Kyrgyz side, on the KR Ministry's proposal) and the same citizenship, so
    that KTMU-BT-1-1..1-3 keep holding.
    """
    v, r = f.vacated, f.replacement
    same = r.appointed_by == v.appointed_by and r.citizenship == v.citizenship
    if same and v.appointed_by == "GOV_KR":
        same = r.proposed_by == "MOES_KR"
    if same:
        return ctx.passed("ktmu.bt.vacancy.ok", person=r.person_id)
    return ctx.fail("ktmu.bt.vacancy.bad", person=r.person_id, seat=v.person_id)


# ============================================================================================
# Item 4 — duties


class UnitChange(Facts):
    action: Literal["OPEN", "CLOSE", "MERGE"]
    unit_type: Literal["FACULTY", "INSTITUTE", "HIGHER_SCHOOL", "RESEARCH_CENTRE", "DEPARTMENT", "CHAIR"]
    unit_name: str
    proposer: Literal["RECTORATE", "TRUSTEE", "OTHER"]
    trustees_decision_positive: bool | None = Field(default=None, description="None = not yet decided")


@rule("KTMU-BT-4-2")
def unit_change_decision(f: UnitChange, ctx: Ctx) -> Outcome:
    """«Ректорат же Камкорчулар кеңешинин мүчөлөрүнүн бирөөсүнүн сунушу боюнча факультетти,
    институтту, жогорку мектепти, илимий-изилдөө борборун, бөлүмдү жана кафедраны ачуу, жабуу же бириктирүү».

    Opening, closing or merging a unit needs a proposal of the Rectorate or of a Board member and a
    positive Board decision.
    """
    if f.proposer == "OTHER":
        return ctx.fail("ktmu.bt.unit.bad_proposer", unit=f.unit_name)
    if not f.trustees_decision_positive:
        return ctx.fail("ktmu.bt.unit.no_decision", unit=f.unit_name)
    return ctx.passed("ktmu.bt.unit.ok", unit=f.unit_name, action=f.action)


class Budget(Facts):
    budget_year: int
    prepared_by: Literal["RECTOR", "OTHER"]
    approved_by_trustees: bool


@rule("KTMU-BT-4-5")
def budget_approval(f: Budget, ctx: Ctx) -> Outcome:
    """«…Ректор тарабынан даярдалган университеттин бюджетин текшерүү, бекитүү…».

    The university budget is prepared by the Rector and approved by the Board of Trustees.
    """
    if f.prepared_by != "RECTOR":
        return ctx.fail("ktmu.bt.budget.not_rector", year=f.budget_year)
    if not f.approved_by_trustees:
        return ctx.fail("ktmu.bt.budget.not_approved", year=f.budget_year)
    return ctx.passed("ktmu.bt.budget.ok", year=f.budget_year)


class BudgetNotification(Facts):
    budget_year: int = Field(description="the year the payments are for (Y+1)")
    notified_gov_kr: dt.date | None = None
    notified_gov_tr: dt.date | None = None


@rule("KTMU-BT-4-6")
def budget_notification_deadline(f: BudgetNotification, ctx: Ctx) -> Outcome:
    """«Кийинки жыл үчүн талап кылынган төлөмдөрдү аныктап, май айынын акырына чейин эки өлкөнүн
    өкмөтүнө билдирүү».

    Both governments are notified of the payments for year Y+1 on or before 31 May of year Y (the
    end of May; calendar date, not moved when it falls on a weekend or holiday). FAIL when a
    notification is late, or missing once the deadline has passed; WARN while it is still due.
    """
    month, day = (int(x) for x in ctx.param("ktmu.bt.budget_notice_by"))
    due = dt.date(f.budget_year - 1, month, day)
    late = [g for g, d in (("Gov-KR", f.notified_gov_kr), ("Gov-TR", f.notified_gov_tr)) if d is not None and d > due]
    missing = [g for g, d in (("Gov-KR", f.notified_gov_kr), ("Gov-TR", f.notified_gov_tr)) if d is None]
    if late:
        return ctx.fail("ktmu.bt.notice.late", governments=late, due=due, year=f.budget_year)
    if missing:
        if ctx.as_of > due:
            return ctx.fail("ktmu.bt.notice.missing", governments=missing, due=due, year=f.budget_year)
        return ctx.warn("ktmu.bt.notice.pending", governments=missing, due=due, year=f.budget_year)
    return ctx.passed("ktmu.bt.notice.ok", due=due, year=f.budget_year)


class FoundingInstructions(Facts):
    university_start: dt.date
    instruction: str
    in_force_on: dt.date | None = None


@rule("KTMU-BT-4-8")
def founding_instructions_deadline(f: FoundingInstructions, ctx: Ctx) -> Outcome:
    """«…нускамаларды даярдоо жана аларды университет иштей баштаган күндөн тарта алты ай ичинде жүзөгө ашыруу».

    Historical one-off (A-67): a founding instruction was to be in force within 6 calendar months
    of the day the university started operating. Returns PASS/FAIL for a recorded instruction.
    """
    months = int(ctx.param("ktmu.bt.founding_instructions_months"))
    due = ctx.calendar.add_months(f.university_start, months).due
    if f.in_force_on is not None and f.in_force_on <= due:
        return ctx.passed("ktmu.bt.founding.ok", instruction=f.instruction, due=due)
    return ctx.fail("ktmu.bt.founding.late", instruction=f.instruction, due=due)


# ============================================================================================
# Item 5 — secretariat


class Secretariat(Facts):
    created_by_trustees_decision: bool
    chair_id: str
    members: dict[str, str] = Field(default_factory=dict, description="person ID → person ID who appointed him/her")


@rule("KTMU-BT-5-1")
def secretariat_size(f: Secretariat, ctx: Ctx) -> Outcome:
    """«…эң көп 3 кишиден турган уюм Камкорчулар кеңешинин чечими менен түзүлөт».

    The Board's organisation (secretariat) has at most 3 persons and is created by a Board decision.
    """
    limit = int(ctx.param("ktmu.bt.secretariat_max"))
    if not f.created_by_trustees_decision:
        return ctx.fail("ktmu.bt.secretariat.no_decision")
    if len(f.members) > limit:
        return ctx.fail("ktmu.bt.secretariat.too_big", count=len(f.members), limit=limit)
    return ctx.passed("ktmu.bt.secretariat.ok", count=len(f.members), limit=limit)


@rule("KTMU-BT-5-2")
def secretariat_appointments(f: Secretariat, ctx: Ctx) -> Outcome:
    """«Бул уюмдун мүчөлөрү Камкорчулар кеңешинин төрагасы тарабынан дайындалат».

    Every member of the secretariat is appointed by the chair of the Board.
    """
    bad = sorted(p for p, by in f.members.items() if by != f.chair_id)
    if bad:
        return ctx.fail("ktmu.bt.secretariat.not_chair", members=bad)
    return ctx.passed("ktmu.bt.secretariat.appointed_ok")


# ============================================================================================
# Item 7 — allowances and payments


class AllowanceClaim(Facts):
    person_id: str
    months_in_office: int = Field(ge=0, description="months of office in the accrual year (A-66)")
    salary_paid: Decimal = Field(default=Decimal(0), ge=0, description="salary recorded for the Board role (must be 0)")


@rule("KTMU-BT-7-1")
def representation_allowance(f: AllowanceClaim, ctx: Ctx) -> Outcome:
    """«Камкорчулар кеңешинин төрагасына жана мүчөлөрүнө акы төлөнбөйт. Бирок … өкүлдүк төлөм катары
    бир ай үчүн 250 АКШ доллары берилет».

    Returns the representation allowance in USD: 250 × months in office (A-66: accrued per month,
    paid once a year, KTMU-BT-7-2). A salary for the Board role is not allowed: with a salary
    recorded the rule raises no amount and returns the FAIL verdict.
    """
    per_month = Decimal(ctx.param("ktmu.bt.allowance_usd_per_month"))
    if f.salary_paid > 0:
        return ctx.fail("ktmu.bt.allowance.salary", person=f.person_id, salary=f.salary_paid)
    amount = per_month * f.months_in_office
    return ctx.result(amount, "ktmu.bt.allowance.amount", person=f.person_id, amount=amount, months=f.months_in_office, per_month=per_month)


class AllowancePayment(Facts):
    payment_date: dt.date


@rule("KTMU-BT-7-2")
def allowance_payment_date(f: AllowancePayment, ctx: Ctx) -> Outcome:
    """«Төлөмдөр октябрь айынын биринчи жумасында төлөнөт».

    The allowance is paid in the first week of October: 1–7 October inclusive (catalogue §4.11).
    """
    month, first, last = (int(x) for x in ctx.param("ktmu.bt.allowance_payment_window"))
    start, end = dt.date(f.payment_date.year, month, first), dt.date(f.payment_date.year, month, last)
    if start <= f.payment_date <= end:
        return ctx.passed("ktmu.bt.payment.ok", date=f.payment_date, start=start, end=end)
    return ctx.fail("ktmu.bt.payment.bad", date=f.payment_date, start=start, end=end)


class ChairStaffPayment(Facts):
    person_id: str
    appointed_by_chair: bool
    amount_set_by_trustees: bool
    currency: str = Field(description="ISO 4217, e.g. USD, EUR, KGS")
    source: Literal["TRUSTEES_BUDGET_LINE", "OTHER"]


@rule("KTMU-BT-7-5")
def chair_staff_payment(f: ChairStaffPayment, ctx: Ctx) -> Outcome:
    """«…төрагасы тарабынан дайындалган башка кызматкерлерге төлөнүүчү акы, жол кире жана күнүмдүк
    чыгаша каражаттары Камкорчулар кеңеши тарабынан аныкталып, … Камкорчулар кеңеши үчүн бөлүнгөн
    суммадан валюта түрүндө төлөнөт».

    For staff appointed by the chair: amounts set by the Board, paid from the Board's budget line,
    in foreign currency (not KGS).
    """
    if not f.appointed_by_chair:
        return ctx.passed("ktmu.bt.staff_pay.not_concerned", person=f.person_id)
    problems = []
    if not f.amount_set_by_trustees:
        problems.append("amount")
    if f.source != "TRUSTEES_BUDGET_LINE":
        problems.append("source")
    if f.currency.strip().upper() == "KGS":
        problems.append("currency")
    if problems:
        return ctx.fail("ktmu.bt.staff_pay.bad", person=f.person_id, problems=problems)
    return ctx.passed("ktmu.bt.staff_pay.ok", person=f.person_id, currency=f.currency.upper())


# ============================================================================================
# Rules the catalogue marks "not machine-checkable" that still have a crisp structural check


class MeetingArrangements(Facts):
    meeting_id: str
    chair_id: str
    set_by: str = Field(description="person ID who fixed place, date and agenda")
    place: str | None = None
    date: dt.date | None = None
    agenda: list[str] = Field(default_factory=list)
    members_consulted: bool = False


@rule("KTMU-BT-1-7")
def meeting_arrangements(f: MeetingArrangements, ctx: Ctx) -> Outcome:
    """«Чогулуштун өтө турган жери жана күнү төрага тарабынан белгиленет. Төрага чогулуштун күн
    тартибин, өтө турган жерин жана күнүн кеңештин мүчөлөрү менен бирге аныктап алат».

    The meeting record has a place, a date and an agenda, fixed by the chair together with the
    members. FAIL names what is missing.
    """
    missing = [n for n, ok in (("place", bool((f.place or "").strip())), ("date", f.date is not None),
                               ("agenda", bool(f.agenda)), ("set_by_chair", f.set_by == f.chair_id),
                               ("members_consulted", f.members_consulted)) if not ok]
    if missing:
        return ctx.fail("ktmu.bt.arrangements.missing", meeting=f.meeting_id, missing=missing)
    return ctx.passed("ktmu.bt.arrangements.ok", meeting=f.meeting_id, date=f.date, place=f.place)


class PayBand(Facts):
    position: str
    band_set_by_trustees: bool
    minimum: Decimal = Field(ge=0)
    maximum: Decimal = Field(ge=0)
    pay: Decimal = Field(ge=0)


@rule("KTMU-BT-4-3")
def pay_within_band(f: PayBand, ctx: Ctx) -> Outcome:
    """«…ар бир кызматкерге төлөнүүчү эң аз жана эң көп акы суммасын аныктоо».

    The Board sets a minimum and a maximum pay per position; a pay is valid when the band exists
    (minimum ≤ maximum, set by the Board) and minimum ≤ pay ≤ maximum.
    """
    if not f.band_set_by_trustees or f.minimum > f.maximum:
        return ctx.fail("ktmu.bt.pay_band.invalid", position=f.position, minimum=f.minimum, maximum=f.maximum)
    if f.minimum <= f.pay <= f.maximum:
        return ctx.passed("ktmu.bt.pay_band.ok", position=f.position, pay=f.pay, minimum=f.minimum, maximum=f.maximum)
    return ctx.fail("ktmu.bt.pay_band.outside", position=f.position, pay=f.pay, minimum=f.minimum, maximum=f.maximum)


class BoardExpense(Facts):
    kind: Literal["STAFF", "AUDIT_FEE", "TRAVEL_DAILY"]
    set_by_trustees: bool
    source: Literal["UNIVERSITY_BUDGET", "TRUSTEES_BUDGET_LINE", "OTHER"]


@rule("KTMU-BT-6-1", "KTMU-BT-7-3", "KTMU-BT-7-4")
def board_expense(f: BoardExpense, ctx: Ctx) -> Outcome:
    """«…башка кызматкерлерге жумшалган каражаттар университеттин бюджетинен бөлүнөт» (item 6);
    «Текшерүү комиссиясынын мүчөлөрүнө … Камкорчулар кеңеши тарабынан аныкталган акы төлөнөт»,
    «жол кире жана күнүмдүк чыгаша каражаттары Камкорчулар кеңеши тарабынан аныкталып,
    университеттин бюджетинен бөлүнөт» (item 7).

    Staff of the Board and its organisation (item 6), audit-commission fees and travel/daily
    expenses (item 7) are paid from the university budget (the Board's line is part of it);
    fees and travel/daily expenses must be amounts set by the Board.
    """
    if f.source == "OTHER":
        return ctx.fail("ktmu.bt.expense.source", kind=f.kind)
    if f.kind in {"AUDIT_FEE", "TRAVEL_DAILY"} and not f.set_by_trustees:
        return ctx.fail("ktmu.bt.expense.not_set", kind=f.kind)
    return ctx.passed("ktmu.bt.expense.ok", kind=f.kind)


class AgendaItem(Facts):
    item: str
    subject: Literal[
        "INSTRUCTION", "UNIT_CHANGE", "STAFF_PAY", "STAFF_CONTRACTS", "GOALS_BUDGET", "FOUNDING_INSTRUCTIONS", "OTHER"
    ] = Field(description="duty (a)–(g) of item 4 the item falls under; OTHER = duty (f)")
    put_by: Literal["RECTORATE", "TRUSTEE", "BT_CHAIR", "OTHER"]


@rule("KTMU-BT-4-7")
def agenda_item_admissible(f: AgendaItem, ctx: Ctx) -> Outcome:
    """«f) Ректорат күн тартибине койгон башка маселелер боюнча чечим чыгаруу».

    A matter outside duties (a)–(e), (g) ("other matters") is decided by the Board when the
    Rectorate put it on the agenda. Unit changes (duty b) may also be proposed by a member
    (KTMU-BT-4-2). Other named duties are admissible whoever drafted the item.
    """
    if f.subject == "OTHER" and f.put_by != "RECTORATE":
        return ctx.fail("ktmu.bt.agenda.not_rectorate", item=f.item)
    if f.subject == "UNIT_CHANGE" and f.put_by not in {"RECTORATE", "TRUSTEE", "BT_CHAIR"}:
        return ctx.fail("ktmu.bt.agenda.not_rectorate", item=f.item)
    return ctx.passed("ktmu.bt.agenda.ok", item=f.item)


class InstructionVersion(Facts):
    version: str
    approved_by_trustees_on: dt.date | None = None


@rule("KTMU-BT-8-1")
def trustees_instruction_in_force(f: InstructionVersion, ctx: Ctx) -> Outcome:
    """«Бул нускама Камкорчулар кеңеши тарабынан бекитилгенден кийин күчүнө кирет» (adopted by the
    Board's decision No. 2000-3-1/1 of 7 October 2000).

    True when the version was approved by the Board on or before the evaluation date. The dated
    parameters ``ktmu.bt.*`` start on 2000-10-07 for the same reason.
    """
    d = f.approved_by_trustees_on
    if d is not None and d <= ctx.as_of:
        return ctx.result(True, "ktmu.bt.instruction.in_force", version=f.version, date=d)
    return ctx.result(False, "ktmu.bt.instruction.not_in_force", version=f.version)
