"""Bodies at work: composition, meetings, quorum, votes, decisions firing steps, urgent decisions, the Board's money."""

from __future__ import annotations

import datetime as dt
import threading
import time
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import OperationalError, connection

from bilim.apps.audit.models import AuditEvent
from bilim.apps.governance import meetings as svc
from bilim.apps.governance.models import (
    AgendaItem,
    AllowanceAccrual,
    BoardPayment,
    Decision,
    Meeting,
    Membership,
    UrgentDecision,
    Vote,
)
from bilim.apps.workflow.labels import missing_labels
from bilim.apps.workflow.models import Transition
from tests.governance.conftest import DAY


def _board_meeting(gw, present=("b_chair", "b1", "b2")):  # noqa: ANN001, ANN202
    m = svc.meeting_convene(actor=gw.users["secretary"], body=gw.board, held_on=DAY, place="Зал 204")
    item = svc.item_add(actor=gw.users["secretary"], meeting=m, title="Окуу планы")
    svc.meeting_open(actor=gw.users["secretary"], meeting=m, present=[gw.p[k] for k in present])
    m.refresh_from_db()
    return m, item


def test_labels_of_w21_complete(db):  # noqa: ANN001
    assert missing_labels("KTMU-W-21") == []


@pytest.mark.rule("KTMU-BT-1-1")
@pytest.mark.rule("KTMU-BT-1-4")
def test_trustees_composition_checked_on_a_date_and_alerts(gw):  # noqa: ANN001
    assert all(o.ok for o in svc.composition(gw.bt, DAY))
    assert not [a for a in svc.alerts(gw.bt, DAY) if a["level"] == "fail" and a["rule"].startswith("KTMU-BT-1")]
    # one Kyrgyz member leaves: 7 members, 3 KG → the composition rule fails from the next day, the alert says so
    Membership.objects.filter(body=gw.bt, person=gw.p["kg3"]).update(ends_on=DAY)
    fails = [o for o in svc.composition(gw.bt, DAY + dt.timedelta(days=1)) if not o.ok]
    assert "KTMU-BT-1-1" in fails[0].rule_ids
    assert any(a["level"] == "fail" for a in svc.alerts(gw.bt, DAY + dt.timedelta(days=1)))
    # the term ending soon warns (term of 5 years, KTMU-BT-3-1)
    assert any(a["level"] == "warn" and "Kg3" in a.get("text", "") for a in svc.alerts(gw.bt, DAY - dt.timedelta(days=10)))


@pytest.mark.rule("KTMU-BT-3-1")
def test_trustee_seat_ends_with_the_five_year_term(gw):  # noqa: ANN001
    from bilim.apps.people.models import Person

    p = Person.objects.create(last_name="Жаңы", first_name="Ө", citizenship="KG")
    m = svc.membership_add(actor=gw.users["chair"], body=gw.bt, person=p, role="member", starts_on=dt.date(2026, 3, 1))
    assert m.ends_on == dt.date(2031, 2, 28)
    with pytest.raises(ValidationError) as e:
        svc.membership_add(actor=gw.users["chair"], body=gw.bt, person=Person.objects.create(last_name="Х", first_name="Ы"), role="member",
                           starts_on=dt.date(2026, 3, 1), ends_on=dt.date(2031, 3, 1))
    assert "KTMU-BT-3-1" in e.value.messages[0]
    assert AuditEvent.objects.filter(object_type="governance.membership", object_id=str(m.pk)).exists()
    with pytest.raises(ValidationError):  # an outsider cannot seat anyone
        svc.membership_add(actor=gw.users["outsider"], body=gw.bt, person=p, role="member", starts_on=dt.date(2026, 4, 1))


def test_institute_board_tally_decision_numbered_and_immutable(gw):  # noqa: ANN001
    m, item = _board_meeting(gw)
    assert m.quorate is True and m.status == "open"
    svc.item_tally(actor=gw.users["secretary"], item=item, yes=2, no=1, abstain=0)
    item = svc.item_decide(actor=gw.users["secretary"], item=item)
    assert item.status == "adopted" and item.decision.status == "adopted"
    assert item.decision.number == f"{m.number}/1" and item.decision.date == DAY
    assert item.decision.explanation["rule_ids"] == ["institution-setting"]
    with pytest.raises(Exception):  # noqa: B017 — adopted decisions are permanent
        item.decision.delete()
    with pytest.raises(ValidationError):
        svc.item_decide(actor=gw.users["secretary"], item=item)


def test_bad_votes_refused_citing_the_rule_and_nothing_written(gw):  # noqa: ANN001
    m, item = _board_meeting(gw)
    sec = gw.users["secretary"]
    for person, code in ((gw.p["outsider"], "not_member"), (gw.p["b_sec"], "not_member"), (gw.p["b3"], "absent")):
        with pytest.raises(svc.Refused) as e:
            svc.vote_cast(actor=sec, item=item, person=person, choice="YES")
        assert e.value.code == code and "[institution-setting]" in e.value.messages[0]
    svc.vote_cast(actor=sec, item=item, person=gw.p["b1"], choice="YES")
    with pytest.raises(svc.Refused) as e:
        svc.vote_cast(actor=sec, item=item, person=gw.p["b1"], choice="NO")
    assert e.value.code == "second_vote"
    assert Vote.objects.filter(item=item).count() == 1
    # a member with a conflict of interest does not vote
    svc.conflict_declare(actor=sec, item=item, person=gw.p["b2"], note="Менин студентим")
    with pytest.raises(svc.Refused) as e:
        svc.vote_cast(actor=sec, item=item, person=gw.p["b2"], choice="YES")
    assert e.value.code == "conflict_of_interest"
    # an outsider cannot record anyone's vote, a member only his or her own
    with pytest.raises(svc.Refused):
        svc.vote_cast(actor=gw.users["outsider"], item=item, person=gw.p["b_chair"], choice="YES")
    svc.vote_cast(actor=gw.users["member"], item=item, person=gw.p["b_chair"], choice="YES")
    svc.item_decide(actor=sec, item=item)
    svc.meeting_close(actor=sec, meeting=m)
    item2 = AgendaItem.objects.create(meeting=m, position=9, title="late")
    with pytest.raises(svc.Refused) as e:
        svc.vote_cast(actor=sec, item=item2, person=gw.p["b1"], choice="YES")
    assert e.value.code == "closed"
    assert not Vote.objects.filter(item=item2).exists()


def test_no_quorum_nothing_can_be_decided(gw):  # noqa: ANN001
    m, item = _board_meeting(gw, present=("b1", "b2"))  # 2 of 5: more than half needed
    assert m.status == "no_quorum" and m.quorate is False
    assert m.quorum_explanation["message_key"] == "gov.body.quorum.short"
    with pytest.raises(svc.Refused) as e:
        svc.vote_cast(actor=gw.users["secretary"], item=item, person=gw.p["b1"], choice="YES")
    assert e.value.code == "no_quorum"
    with pytest.raises(svc.Refused):
        svc.item_decide(actor=gw.users["secretary"], item=item)
    assert not Decision.objects.filter(meeting=m).exists()


def _bt_meeting(gw, present=None, on=DAY):  # noqa: ANN001, ANN202
    actor = gw.users["bt_secretary"]
    m = svc.meeting_convene(actor=actor, body=gw.bt, held_on=on, online_link="https://meet.example.org/bt")
    keys = present or ["chair", "dep_kg", "dep_tr", "tr1", "tr2", "kg1", "kg2", "kg3"]
    return m, actor, keys


@pytest.mark.workflow("W-21")
@pytest.mark.rule("KTMU-BT-1-10")
def test_trustees_tie_decided_by_the_chair_and_meeting_steps(gw):  # noqa: ANN001
    m, actor, keys = _bt_meeting(gw)
    assert m.bt_state == "CONVENED" and m.convened_by == gw.p["chair"]
    i1 = svc.item_add(actor=actor, meeting=m, title="Бюджет 2027", public=True)
    i2 = svc.item_add(actor=actor, meeting=m, title="Жаңы борбор")
    i3 = svc.item_add(actor=actor, meeting=m, title="Катчылык")
    svc.meeting_open(actor=actor, meeting=m, present=[gw.p[k] for k in keys])
    m.refresh_from_db()
    assert m.bt_state == "QUORATE"
    with pytest.raises(svc.Refused):  # the Board votes per member
        svc.item_tally(actor=actor, item=i1, yes=5, no=3, abstain=0)
    for k in keys:  # 4–4, chair votes yes → adopted by the chair's double vote
        svc.vote_cast(actor=actor, item=i1, person=gw.p[k], choice="YES" if k in ("chair", "dep_tr", "tr1", "tr2") else "NO")
    i1 = svc.item_decide(actor=actor, item=i1)
    assert i1.status == "adopted" and i1.outcome["message_key"] == "ktmu.bt.vote.adopted_tie"
    assert i1.decision.public and i1.decision.votes_for == 4 and i1.decision.votes_against == 4
    for k in keys:  # 4–4, chair votes no
        svc.vote_cast(actor=actor, item=i2, person=gw.p[k], choice="NO" if k in ("chair", "dep_tr", "tr1", "tr2") else "YES")
    i2 = svc.item_decide(actor=actor, item=i2)
    assert i2.status == "not_adopted" and i2.decision.status == "rejected" and not i2.decision.positive
    for k in keys:  # unanimous, after a rejected item (NOT_ADOPTED —next_item→ QUORATE)
        svc.vote_cast(actor=actor, item=i3, person=gw.p[k], choice="YES")
    assert svc.item_decide(actor=actor, item=i3).status == "adopted"
    with pytest.raises(svc.Refused):  # a non-member secretary cannot close for someone outside
        svc.meeting_close(actor=gw.users["outsider"], meeting=m)
    svc.meeting_close(actor=actor, meeting=m)
    m.refresh_from_db()
    assert m.status == "closed" and m.bt_state == "CLOSED"
    steps = list(Transition.objects.filter(object_type="governance.meeting", object_id=str(m.pk)).values_list("action", flat=True))
    assert steps == ["convene", "open_quorate", "vote_adopted", "next_item", "vote_not_adopted", "next_item", "vote_adopted", "close_meeting"]


@pytest.mark.workflow("W-21")
@pytest.mark.rule("KTMU-BT-1-8")
def test_trustees_without_quorum(gw):  # noqa: ANN001
    m, actor, _keys = _bt_meeting(gw, present=["chair", "dep_kg", "tr1", "kg1"])  # 4 < 5
    item = svc.item_add(actor=actor, meeting=m, title="Х")
    svc.meeting_open(actor=actor, meeting=m, present=[gw.p[k] for k in ["chair", "dep_kg", "tr1", "kg1", "bt_sec"]])  # the secretary is no member
    m.refresh_from_db()
    assert m.bt_state == "NOT_QUORATE" and m.status == "no_quorum"
    with pytest.raises(svc.Refused) as e:
        svc.vote_cast(actor=actor, item=item, person=gw.p["chair"], choice="YES")
    assert "KTMU-BT-1-8" in e.value.messages[0]
    with pytest.raises(svc.Refused):
        svc.item_decide(actor=actor, item=item)


@pytest.mark.workflow("W-21")
@pytest.mark.rule("KTMU-BT-1-11")
def test_urgent_decision_ratified_or_lapsed_at_the_next_meeting(gw):  # noqa: ANN001
    actor = gw.users["bt_secretary"]
    with pytest.raises(svc.Refused) as e:  # the chair alone is not enough: the deputies decide with him
        svc.urgent_create(actor=actor, body=gw.bt, title="Шашылыш", text="", decided_on=DAY - dt.timedelta(days=20), decided_by=[gw.p["chair"]])
    assert "KTMU-BT-1-11" in e.value.messages[0] and not UrgentDecision.objects.exists()
    trio = [gw.p["chair"], gw.p["dep_kg"], gw.p["dep_tr"]]
    u1 = svc.urgent_create(actor=actor, body=gw.bt, title="Кабыл алуу квотасы", text="…", decided_on=DAY - dt.timedelta(days=20), decided_by=trio)
    u2 = svc.urgent_create(actor=actor, body=gw.bt, title="Сапар", text="…", decided_on=DAY - dt.timedelta(days=10), decided_by=trio)
    assert u1.state == "PROVISIONAL" and u1.decision.body.kind == "bt_chair_and_deputies"
    m, actor, keys = _bt_meeting(gw)
    added = svc.agenda_build(actor=actor, meeting=m)
    assert {i.urgent_id for i in added} == {u1.pk, u2.pk} and all(i.action == "ratify" and i.reject_action == "lapse" for i in added)
    svc.meeting_open(actor=actor, meeting=m, present=[gw.p[k] for k in keys])
    it1 = next(i for i in added if i.urgent_id == u1.pk)
    for k in keys:
        svc.vote_cast(actor=actor, item=it1, person=gw.p[k], choice="YES")
    it1 = svc.item_decide(actor=actor, item=it1)
    assert it1.step_done, it1.step_refusal
    u1.refresh_from_db()
    assert u1.state == "ADOPTED"
    svc.meeting_close(actor=actor, meeting=m)  # u2 was not voted: it lapses with the meeting
    u2.refresh_from_db()
    assert u2.state == "LAPSED"
    assert Transition.objects.filter(object_type="governance.urgentdecision", action="lapse", object_id=str(u2.pk)).exists()


@pytest.mark.workflow("W-21")
def test_urgent_decision_voted_down_lapses(gw):  # noqa: ANN001
    actor = gw.users["bt_secretary"]
    trio = [gw.p["chair"], gw.p["dep_kg"], gw.p["dep_tr"]]
    u = svc.urgent_create(actor=actor, body=gw.bt, title="Х", text="", decided_on=DAY - dt.timedelta(days=5), decided_by=trio)
    m, actor, keys = _bt_meeting(gw)
    (item,) = svc.agenda_build(actor=actor, meeting=m)
    svc.meeting_open(actor=actor, meeting=m, present=[gw.p[k] for k in keys])
    for k in keys:
        svc.vote_cast(actor=actor, item=item, person=gw.p[k], choice="NO")
    item = svc.item_decide(actor=actor, item=item)
    u.refresh_from_db()
    assert item.status == "not_adopted" and item.step_done and u.state == "LAPSED"


@pytest.mark.django_db(transaction=True)
def test_two_secretaries_close_the_same_meeting_one_wins(gw):  # noqa: ANN001
    m, item = _board_meeting(gw)
    from bilim.apps.accounts.models import RoleAssignment

    RoleAssignment.objects.create(user=gw.users["outsider"], role="institute_board_secretary", institution=gw.ktmu, body=gw.board)
    results: list[str] = []
    barrier = threading.Barrier(2)

    def close(user):  # noqa: ANN001, ANN202
        barrier.wait()
        try:
            for _attempt in range(300):
                try:
                    svc.meeting_close(actor=user, meeting=Meeting.objects.get(pk=m.pk))
                    results.append("closed")
                    return
                except svc.Conflicting as exc:
                    results.append("conflict:" + exc.messages[0])
                    return
                except OperationalError:  # SQLite's test DB reports lock contention: retry like a user would
                    time.sleep(0.01)
            results.append("gave-up")
        finally:
            connection.close()

    threads = [threading.Thread(target=close, args=(u,)) for u in (gw.users["secretary"], gw.users["outsider"])]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(r.split(":")[0] for r in results) == ["closed", "conflict"], results
    assert "secretary" in next(r for r in results if r.startswith("conflict")) or "outsider" in next(r for r in results if r.startswith("conflict"))
    assert AuditEvent.objects.filter(object_type="governance.meeting", object_id=str(m.pk), reason="meeting closed").count() == 1


@pytest.mark.rule("KTMU-BT-7-1")
@pytest.mark.rule("KTMU-BT-7-2")
def test_allowance_accrued_monthly_paid_in_the_first_week_of_october(gw):  # noqa: ANN001
    actor = gw.users["bt_secretary"]
    for month in range(1, 10):
        svc.allowance_accrue(actor=actor, body=gw.bt, year=2026, month=month)
    svc.allowance_accrue(actor=actor, body=gw.bt, year=2026, month=1)  # idempotent
    assert AllowanceAccrual.objects.filter(body=gw.bt, year=2026).count() == 8 * 9  # the secretary has no allowance
    with pytest.raises(svc.Refused) as e:
        svc.allowance_pay(actor=actor, body=gw.bt, paid_on=dt.date(2026, 10, 8))
    assert "KTMU-BT-7-2" in e.value.messages[0] and not BoardPayment.objects.exists()
    paid = svc.allowance_pay(actor=actor, body=gw.bt, paid_on=dt.date(2026, 10, 7))
    assert len(paid) == 8 and all(p.amount == Decimal("2250.00") for p in paid)


@pytest.mark.rule("KTMU-BT-7-4")
@pytest.mark.rule("KTMU-BT-4-6")
def test_board_expense_and_budget_notice(gw):  # noqa: ANN001
    actor = gw.users["bt_secretary"]
    with pytest.raises(svc.Refused) as e:  # travel amounts are set by the Board
        svc.expense_record(actor=actor, body=gw.bt, kind="TRAVEL_DAILY", amount=Decimal("300"), currency="USD", paid_on=DAY, payee="Х")
    assert "KTMU-BT" in e.value.messages[0]
    d = Decision.objects.create(body=gw.bt, number="1", date=DAY, title="Жол кире", status="adopted")
    p = svc.expense_record(actor=actor, body=gw.bt, kind="TRAVEL_DAILY", amount=Decimal("300"), currency="usd", paid_on=DAY, payee="Х", decision=d)
    assert p.currency == "USD"
    o = svc.budget_notice_status(gw.bt, 2027, dt.date(2026, 5, 20))
    assert o.verdict.value == "WARN"
    assert any(a["rule"] == "KTMU-BT-4-6" for a in svc.alerts(gw.bt, dt.date(2026, 5, 20)))
    svc.budget_notice_record(actor=actor, body=gw.bt, budget_year=2027, notified_gov_kr=dt.date(2026, 5, 25), notified_gov_tr=dt.date(2026, 5, 30))
    assert svc.budget_notice_status(gw.bt, 2027, dt.date(2026, 6, 2)).ok


def test_support_helper_decides_through_a_real_meeting(gw):  # noqa: ANN001
    from tests.governance.support import decide_through_meeting

    item = decide_through_meeting(body=gw.board, title="Сынак", held_on=DAY)
    assert item.status == "adopted" and item.decision.meeting.quorate
