"""Demo data for bodies at work (through the services, so transitions and audit rows exist):

* the KTMU Board of Trustees re-seated by the rules: 8 members (4 Kyrgyz, 4 Turkish citizens), the chair and two
  deputies, a secretary (login ``bt_secretary``: one demo account, the first-run screen fits 24 lines); one member's
  five-year term ends next month;
* a held Board meeting (15 June 2026) with minutes: the 2027 budget adopted on a 4–4 tie by the chair's vote, the
  admission quotas adopted (public decisions);
* a provisional urgent decision of the chair and deputies (10 November 2026), and the upcoming meeting (10 December
  2026) whose agenda took it from the queue to be ratified;
* the representation allowance for 2026 accrued monthly and paid on 5 October; a travel expense; the budget notice;
* a held meeting of the KTMU Institute Board (tally).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.contrib.auth.hashers import make_password

from bilim.apps.accounts.models import User
from bilim.apps.governance import meetings as svc
from bilim.apps.governance.models import Body, Membership
from bilim.apps.people.models import Person

DEMO_PASSWORD = "bilim-demo-2026"

TRUSTEES = [  # last, first, citizenship, role, appointed by, start
    ("Йылмаз", "Мехмет", "TR", "chair", "GOV_TR", dt.date(2023, 3, 1)),
    ("Садыков", "Алмаз", "KG", "deputy_chair", "GOV_KR", dt.date(2023, 3, 1)),
    ("Демир", "Айше", "TR", "deputy_chair", "GOV_TR", dt.date(2023, 3, 1)),
    ("Кая", "Мустафа", "TR", "member", "GOV_TR", dt.date(2023, 3, 1)),
    ("Өзтүрк", "Зейнеп", "TR", "member", "GOV_TR", dt.date(2023, 3, 1)),
    ("Жээнбеков", "Бакыт", "KG", "member", "GOV_KR", dt.date(2023, 3, 1)),
    ("Үмөталиева", "Гүлнара", "KG", "member", "GOV_KR", dt.date(2023, 3, 1)),
    ("Ыдырысов", "Мирлан", "KG", "member", "GOV_KR", dt.date(2021, 12, 15)),  # term ends 14.12.2026: the alert
]


def _login(ctx: Any, username: str, person: Person) -> User:
    user = User.objects.create(username=username, first_name=person.first_name, last_name=person.last_name, email=f"{username}@demo.bilim.kg",
                               password=make_password(DEMO_PASSWORD), language="ky")
    person.user = user
    person.save(update_fields=["user"])
    ctx.users[username] = user
    return user


def seed(ctx: Any) -> None:
    bt = ctx.bodies.get("ktmu-trustees")
    admin = ctx.users.get("admin")
    if bt is None or admin is None:
        return
    Membership.objects.filter(body=bt).delete()  # the generic seed's staff; the Board is seated by its rules below
    people = []
    for last, first, cit, role, appointed, start in TRUSTEES:
        p = Person.objects.create(last_name=last, first_name=first, citizenship=cit)
        svc.membership_add(actor=admin, body=bt, person=p, role=role, starts_on=start, appointed_by=appointed,
                           proposed_by_moes=appointed == "GOV_KR", reason="demo")
        people.append(p)
    sec = Person.objects.create(last_name="Абдыкадырова", first_name="Нургүл", citizenship="KG")
    svc.membership_add(actor=admin, body=bt, person=sec, role="secretary", starts_on=dt.date(2023, 3, 1), reason="demo")
    secretary = _login(ctx, "bt_secretary", sec)
    chair, dep_kg, dep_tr = people[0], people[1], people[2]

    # a held meeting with minutes
    held = svc.meeting_convene(actor=secretary, body=bt, held_on=dt.date(2026, 6, 15), place="Бишкек, Манас университети, ректорат, 2-кабат")
    budget = svc.item_add(actor=secretary, meeting=held, title="Университеттин 2027-жылдын бюджети (KTMU-BT-4-5)",
                          text="Ректор даярдаган бюджетти бекитүү.", public=True)
    quotas = svc.item_add(actor=secretary, meeting=held, title="2027–2028 окуу жылына магистратура жана докторантурага кабыл алуу квоталары",
                          text="Сенат макулдаган квоталар.", public=True)
    svc.meeting_open(actor=secretary, meeting=held, present=people)
    for i, p in enumerate(people):  # 4–4: the chair's vote counts twice (KTMU-BT-1-10)
        svc.vote_cast(actor=secretary, item=budget, person=p, choice="YES" if p.citizenship == "TR" else "NO")
        svc.vote_cast(actor=secretary, item=quotas, person=p, choice="YES" if i != 7 else "ABSTAIN")
    budget = svc.item_decide(actor=secretary, item=budget)
    svc.item_decide(actor=secretary, item=quotas)
    svc.meeting_close(actor=secretary, meeting=held, note="Кийинки жыйын: 2026-жылдын декабры.")

    # an urgent decision between meetings, and the upcoming meeting that takes it
    svc.urgent_create(actor=secretary, body=bt, title="Чет элдик талапкерлердин арыз берүү мөөнөтүн узартуу",
                      text="Байланыш каражаттары аркылуу кабыл алынды.", decided_on=dt.date(2026, 11, 10), decided_by=[chair, dep_kg, dep_tr])
    upcoming = svc.meeting_convene(actor=secretary, body=bt, held_on=dt.date(2026, 12, 10), place="Анкара",
                                   online_link="https://meet.manas.edu.kg/bt-2026-2")
    svc.agenda_build(actor=secretary, meeting=upcoming)
    svc.item_add(actor=secretary, meeting=upcoming, title="2027-жылдын жол кире жана күнүмдүк чыгымдарынын суммалары (KTMU-BT-7-4)")

    # the Board's money: allowance 2026 (paid in the first week of October), a travel expense, the budget notice
    for month in range(1, 11):
        svc.allowance_accrue(actor=secretary, body=bt, year=2026, month=month)
    svc.allowance_pay(actor=secretary, body=bt, paid_on=dt.date(2026, 10, 5))
    svc.allowance_accrue(actor=secretary, body=bt, year=2026, month=11)
    svc.expense_record(actor=secretary, body=bt, kind="TRAVEL_DAILY", amount=Decimal("640.00"), currency="USD", paid_on=dt.date(2026, 6, 20),
                       person=dep_tr, purpose="Анкара – Бишкек, 15.06.2026 жыйыны", decision=budget.decision)
    svc.budget_notice_record(actor=secretary, body=bt, budget_year=2027, notified_gov_kr=dt.date(2026, 5, 25), notified_gov_tr=dt.date(2026, 5, 28))

    # a held meeting of an institute board, voted by a tally
    board = next((b for b in ctx.bodies.values() if b.kind == Body.Kind.INSTITUTE_BOARD), None)
    officer = ctx.users.get("board_secretary")
    if board is not None and officer is not None:
        voters = [m.person for m in svc.memberships_on(board, dt.date(2026, 10, 14)) if m.voting]
        if len(voters) >= 3:
            m = svc.meeting_convene(actor=officer, body=board, held_on=dt.date(2026, 10, 14), place="Институт, 105-аудитория")
            item = svc.item_add(actor=officer, meeting=m, title="Күзгү семестрдин жеке сынактарынын графиги")
            svc.meeting_open(actor=officer, meeting=m, present=voters)
            svc.item_tally(actor=officer, item=item, yes=len(voters) - 1, no=0, abstain=1)
            svc.item_decide(actor=officer, item=item)
            svc.meeting_close(actor=officer, meeting=m)
