"""Decide through a real meeting, for any team's tests.

    from tests.governance.support import decide_through_meeting
    item = decide_through_meeting(body=board, obj=leave_request, workflow_code="KTMU-W-17", action="decide")

convenes a meeting of ``body`` (its chair, or a new one, convenes it), puts ``obj``'s step on the agenda (from the
body's queue when the file waits there, else by hand with the step named), records every voting member present
(quorum by the rule in force), lets each of them vote ``choice`` and decides the item: the adopted decision fires
the step through ``perform_step`` in the same transaction. Returns the refreshed :class:`AgendaItem`
(``item.decision`` the Decision, ``item.step_done`` / ``item.step_refusal`` what the workflow answered).

A body without members gets enough members (a chair and voters) on the meeting day; the Board of Trustees gets its
full composition (8: 4 KG + 4 TR, chair and two deputies).
"""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

from django.contrib.auth import get_user_model

_seq = itertools.count(1)


def _user(prefix: str) -> Any:
    n = next(_seq)
    return get_user_model().objects.create(username=f"{prefix}-{n}-{dt.datetime.now().timestamp():.0f}", is_superuser=False)


def ensure_members(body: Any, on: dt.date, n: int = 5) -> list[Any]:
    """Voting members of ``body`` on ``on``; creates a chair (with a login) and members when the body has none."""
    from bilim.apps.governance.meetings import memberships_on
    from bilim.apps.governance.models import Body, Membership
    from bilim.apps.people.models import Person

    current = [m for m in memberships_on(body, on) if m.voting]
    if current:
        return current
    start = on - dt.timedelta(days=30)
    trustees = body.kind == Body.Kind.TRUSTEES
    count = 8 if trustees else n
    out = []
    for i in range(count):
        citizenship = ("KG" if i % 2 else "TR") if trustees else "KG"
        u = _user("member") if i == 0 else None
        p = Person.objects.create(user=u, last_name=f"Мүчө{next(_seq)}", first_name="Ү", citizenship=citizenship)
        role = Membership.Role.CHAIR if i == 0 else (Membership.Role.DEPUTY_CHAIR if trustees and i in (1, 2) else Membership.Role.MEMBER)
        appointed = (Membership.Appointer.GOV_TR if citizenship == "TR" else Membership.Appointer.GOV_KR) if trustees else Membership.Appointer.OTHER
        out.append(Membership.objects.create(body=body, person=p, role=role, starts_on=start, appointed_by=appointed,
                                             proposed_by_moes=trustees and citizenship == "KG"))
    return out


def chair_user(body: Any, on: dt.date) -> Any:
    """A login of the body's chair (created if the chair has none)."""
    from bilim.apps.governance.meetings import chair_of

    ensure_members(body, on)
    chair = chair_of(body, on)
    if chair.person.user is None:
        chair.person.user = _user("chair")
        chair.person.save(update_fields=["user"])
    return chair.person.user


def decide_through_meeting(*, body: Any, obj: Any = None, workflow_code: str = "", action: str = "", choice: str = "YES",
                           held_on: dt.date | None = None, title: str = "", public: bool = False, actor: Any = None) -> Any:
    """Convene, agenda, attendance with quorum, votes, decide. See the module docstring."""
    from bilim.apps.governance import meetings as svc
    from bilim.apps.governance.models import AgendaItem

    on = held_on or dt.date.today()
    members = ensure_members(body, on)
    actor = actor or chair_user(body, on)
    meeting = svc.meeting_convene(actor=actor, body=body, held_on=on, place="Зал 1")
    item = None
    if obj is not None:
        svc.agenda_build(actor=actor, meeting=meeting)
        label = obj._meta.label_lower
        item = meeting.items.filter(subject_type=label, subject_id=str(obj.pk), workflow_code=workflow_code, action=action).first()
        if item is None:  # the step does not wait in this body's queue (state or scope): name it by hand
            item = svc.item_add(actor=actor, meeting=meeting, title=title or str(obj), public=public)
            AgendaItem.objects.filter(pk=item.pk).update(subject_type=label, subject_id=str(obj.pk), workflow_code=workflow_code, action=action)
            item.refresh_from_db()
    else:
        item = svc.item_add(actor=actor, meeting=meeting, title=title or "—", public=public)
    svc.meeting_open(actor=actor, meeting=meeting, present=[m.person for m in members])
    for m in members:
        svc.vote_cast(actor=actor, item=item, person=m.person, choice=choice)
    svc.item_decide(actor=actor, item=item)
    item.refresh_from_db()
    return item
