"""Bodies at work: memberships, meetings, agendas built from the body's queue, attendance and quorum, votes,
decisions that fire the waiting workflow step, urgent decisions of the Trustees' chair and deputies.

Every rule comes from ``bilim.regulations`` (Trustees: ``governance.trustees``; other bodies:
``governance.bodies`` with the dated settings ``gov.body.*``). Each service runs in one transaction, locks
what it changes, checks who may act and writes an audit row. A refusal is a :class:`Refused` (a
``ValidationError``) whose message cites the rule; nothing is written.

Choice (issue 8): when a body adopts a decision on an item whose step the workflow then refuses (its guard
fails on the file's data), the decision stays recorded — the body did vote, the minutes must say so — and the
item shows the refusal's explanation; the step can be tried again with the same decision once the file is put
right (:func:`item_retry_step`). Refusing the adoption instead would make the minutes lie about the vote.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from bilim.apps.accounts.models import Role
from bilim.apps.accounts.permissions import can, restrict, role_codes
from bilim.apps.audit.models import AuditEvent
from bilim.apps.audit.services import record, snapshot
from bilim.apps.governance.models import (
    AgendaItem,
    AllowanceAccrual,
    BoardPayment,
    Body,
    BudgetNotice,
    Conflict,
    Decision,
    Meeting,
    Membership,
    UrgentDecision,
    Vote,
)
from bilim.apps.people.models import Person
from bilim.apps.workflow.services import TransitionRefused, transition_apply
from bilim.regulations.core.outcome import Outcome
from bilim.regulations.core.registry import evaluate
from bilim.regulations.governance import bodies as body_rules

W21 = "KTMU-W-21"
#: Steps of the tables that answer "no" to what waits for a body (a rejected item takes this row if it exists)
REJECT_ACTIONS = ("reject", "not_select", "not_placed", "drop_case", "uphold", "no_error", "score_fail")
CITIZENSHIP = {"KG": "KR", "KR": "KR", "TR": "TR"}


class Refused(ValidationError):
    """A governance step refused; ``rule`` is the ID the message cites."""

    def __init__(self, message: str, rule: str = "", code: str = "refused", explanation: dict[str, Any] | None = None) -> None:
        super().__init__(f"[{rule}] {message}" if rule else message, code=code)
        self.rule = rule
        self.explanation = explanation


class Conflicting(Refused):
    """Someone else changed the meeting first (e.g. two secretaries closing it at once)."""


# ---------------------------------------------------------------------------------------------- who is who


def person_of(user: Any) -> Person | None:
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    return Person.objects.filter(user=user).first()


def memberships_on(body: Body, on: dt.date) -> Any:
    return body.memberships.filter(starts_on__lte=on).filter(Q(ends_on__isnull=True) | Q(ends_on__gte=on)).select_related("person")


def voting_ids(body: Body, on: dt.date) -> list[str]:
    return [str(m.person_id) for m in memberships_on(body, on) if m.voting]


def chair_of(body: Body, on: dt.date) -> Membership | None:
    return memberships_on(body, on).filter(role=Membership.Role.CHAIR).first()


def deputies_of(body: Body, on: dt.date) -> list[Membership]:
    return list(memberships_on(body, on).filter(role=Membership.Role.DEPUTY_CHAIR))


def is_admin(user: Any) -> bool:
    return bool(getattr(user, "is_superuser", False)) or Role.ADMINISTRATOR in role_codes(user)


def can_manage(user: Any, body: Body, on: dt.date | None = None) -> bool:
    """The body's chair, deputy or secretary (dated membership), an officer who records the body's decisions, or
    the administrator may convene and run its meetings."""
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    if is_admin(user):
        return True
    me = person_of(user)
    if me is not None and memberships_on(body, on or timezone.localdate()).filter(
        person=me, role__in=[Membership.Role.CHAIR, Membership.Role.DEPUTY_CHAIR, Membership.Role.SECRETARY]
    ).exists():
        return True
    return can(user, "governance.record_decision_for_body") and restrict(
        user, "governance.record_decision_for_body", Body.objects.filter(pk=body.pk)).exists()


def is_member(user: Any, body: Body) -> bool:
    me = person_of(user)
    return me is not None and body.memberships.filter(person=me).exists()


def visible_bodies(user: Any) -> Any:
    """Bodies a user sees: those of their scope (staff) and those they sit on."""
    qs = restrict(user, "governance.view_body", Body.objects.all()) if can(user, "governance.view_body") else Body.objects.none()
    me = person_of(user)
    if me is not None:
        qs = Body.objects.filter(Q(pk__in=qs.values("pk")) | Q(pk__in=Membership.objects.filter(person=me).values("body_id")))
    return qs


def _require_manage(actor: Any, body: Body, on: dt.date | None = None) -> None:
    if not can_manage(actor, body, on):
        raise Refused(_("Only the body's chair, deputy chair or secretary (or the officer who records its decisions) may do this."),
                      code="forbidden")


def _bt_chair_check(obj: Any, actor: Any) -> bool:
    """Relational role ``bt_chair`` of table KTMU-W-21: the Board's chair on the meeting day; the Board's secretary
    records the chair's acts (convocation, opening, results, closing) on the chair's behalf."""
    if not isinstance(obj, Meeting) or obj.body.kind != Body.Kind.TRUSTEES:
        return False
    me = person_of(actor)
    return me is not None and memberships_on(obj.body, obj.held_on).filter(
        person=me, role__in=[Membership.Role.CHAIR, Membership.Role.SECRETARY]).exists()


# ---------------------------------------------------------------------------------------------- bodies and memberships


def can_create_body(user: Any, institution: Any) -> bool:
    """The administrator, or the rector's office of the institution, sets up its bodies."""
    if is_admin(user):
        return True
    from bilim.apps.accounts.permissions import active_roles

    return any(a.role == Role.RECTOR_OFFICE and (a.institution_id == institution.pk or (a.body is not None and a.body.institution_id == institution.pk))
               for a in active_roles(user))


def body_create(*, actor: Any, institution: Any, kind: str, code: str, name_ky: str, name_en: str, name_ru: str = "", name_tr: str = "",
                unit: Any = None) -> Body:
    """A new deciding body of ``institution`` (its members are then seated on its page)."""
    if not can_create_body(actor, institution):
        raise Refused(_("Only the rector's office of the institution (or the administrator) sets up its bodies."), code="forbidden")
    if unit is not None and unit.institution_id != institution.pk:
        raise ValidationError({"unit": _("The unit belongs to another institution.")})
    with transaction.atomic():
        if Body.objects.filter(institution=institution, code=code).exists():
            raise ValidationError({"code": _("This institution already has a body with this code.")})
        b = Body.objects.create(institution=institution, unit=unit, kind=kind, code=code, name_ky=name_ky, name_en=name_en, name_ru=name_ru,
                                name_tr=name_tr)
        record(actor=actor, action=AuditEvent.Action.CREATE, obj=b)
    return b


# ---------------------------------------------------------------------------------------------- memberships


def term_end(body: Body, starts_on: dt.date) -> dt.date | None:
    """Last day of office of a Trustees member (KTMU-BT-3-1: five years; the day before the anniversary)."""
    if body.kind != Body.Kind.TRUSTEES:
        return None
    end = evaluate("KTMU-BT-3-1", {"person_id": "-", "term_start": starts_on}, starts_on).value
    return end - dt.timedelta(days=1)


def membership_add(*, actor: Any, body: Body, person: Person, role: str, starts_on: dt.date, ends_on: dt.date | None = None,
                   voting: bool = True, appointed_by: str = Membership.Appointer.OTHER, proposed_by_moes: bool = False,
                   reason: str = "") -> Membership:
    """Seat ``person`` on ``body`` from ``starts_on``. A Trustees member's seat ends with the term (KTMU-BT-3-1) unless
    an earlier end is given; the secretary has no vote."""
    _require_manage(actor, body, starts_on)
    limit = term_end(body, starts_on)
    if limit is not None:
        if ends_on is not None and ends_on > limit:
            raise Refused(_("A member of the Board of Trustees serves five years: the seat ends on %(date)s at the latest.")
                          % {"date": limit.strftime("%d.%m.%Y")}, "KTMU-BT-3-1")
        ends_on = ends_on or limit
    if ends_on is not None and ends_on < starts_on:
        raise ValidationError({"ends_on": _("The end cannot be before the start.")})
    if role == Membership.Role.SECRETARY:
        voting = False
    with transaction.atomic():
        if memberships_on(body, starts_on).filter(person=person).exists():
            raise ValidationError({"person": _("This person already sits on this body on that date.")})
        m = Membership.objects.create(body=body, person=person, role=role, starts_on=starts_on, ends_on=ends_on, voting=voting,
                                      appointed_by=appointed_by, proposed_by_moes=proposed_by_moes)
        record(actor=actor, action=AuditEvent.Action.CREATE, obj=m, reason=reason)
    return m


def membership_end(*, actor: Any, membership: Membership, ends_on: dt.date, reason: str = "") -> Membership:
    _require_manage(actor, membership.body, ends_on)
    with transaction.atomic():
        m = Membership.objects.select_for_update().get(pk=membership.pk)
        if ends_on < m.starts_on:
            raise ValidationError({"ends_on": _("The end cannot be before the start.")})
        before = snapshot(m)
        m.ends_on = ends_on
        m.save(update_fields=["ends_on"])
        record(actor=actor, action=AuditEvent.Action.UPDATE, obj=m, before=before, reason=reason)
    return m


def _trustee_facts(body: Body, on: dt.date) -> dict[str, Any]:
    members, deputies = [], []
    for m in memberships_on(body, on):
        if not m.voting:
            continue
        members.append({
            "person_id": str(m.person_id), "citizenship": CITIZENSHIP.get(m.person.citizenship, "OTHER"),
            "appointed_by": m.appointed_by, "proposed_by": "MOES_KR" if m.proposed_by_moes else "NONE",
            "is_chair": m.role == Membership.Role.CHAIR,
        })
        if m.role == Membership.Role.DEPUTY_CHAIR:
            deputies.append(str(m.person_id))
    return {"members": members, "deputies": deputies}


def composition(body: Body, on: dt.date) -> list[Outcome]:
    """The composition rules of the body on ``on`` (the Board of Trustees: KTMU-BT-1-1 … 1-4, 5-1); other bodies
    have none in the instructions — only a chair and a quorum that can be reached."""
    if body.kind == Body.Kind.TRUSTEES:
        facts = _trustee_facts(body, on)
        out = [evaluate(rid, facts, on) for rid in ("KTMU-BT-1-1", "KTMU-BT-1-2", "KTMU-BT-1-3", "KTMU-BT-1-4")]
        secretaries = [m for m in memberships_on(body, on) if m.role == Membership.Role.SECRETARY]
        chair = chair_of(body, on)
        out.append(evaluate("KTMU-BT-5-1", {"created_by_trustees_decision": True, "chair_id": str(chair.person_id if chair else ""),
                                            "members": {str(m.person_id): str(chair.person_id if chair else "") for m in secretaries}}, on))
        return out
    return []


def alerts(body: Body, on: dt.date) -> list[dict[str, Any]]:
    """What needs attention on ``on``: a failed composition rule, a term ending soon, no chair, a budget notice due."""
    out: list[dict[str, Any]] = []
    for o in composition(body, on):
        if not o.ok:
            out.append({"level": "fail", "rule": ", ".join(o.rule_ids), "explanation": o.explanation})
    lead = int(body_rules._params.get("gov.alerts.term_end_days", on).value)
    for m in memberships_on(body, on):
        if m.ends_on is not None and m.ends_on <= on + dt.timedelta(days=lead):
            out.append({"level": "warn", "rule": "KTMU-BT-3-1" if body.kind == Body.Kind.TRUSTEES else "",
                        "text": _("The term of %(person)s ends on %(date)s.") % {"person": m.person, "date": m.ends_on.strftime("%d.%m.%Y")}})
    if body.kind not in (Body.Kind.BT_CHAIR_AND_DEPUTIES,) and memberships_on(body, on).exists() and chair_of(body, on) is None:
        out.append({"level": "warn", "rule": "", "text": _("The body has no chair on this date.")})
    if body.kind == Body.Kind.TRUSTEES:
        o = budget_notice_status(body, on.year + 1, on)
        days = int(body_rules._params.get("gov.alerts.budget_notice_days", on).value)
        due = o.explanation.message_values.get("due")
        if not o.ok or (o.verdict and o.verdict.value == "WARN" and due and dt.date.fromisoformat(str(due)) <= on + dt.timedelta(days=days)):
            out.append({"level": "fail" if not o.ok else "warn", "rule": "KTMU-BT-4-6", "explanation": o.explanation})
    return out


# ---------------------------------------------------------------------------------------------- meetings


def _w21(meeting: Meeting, action: str, actor: Any, facts: dict[str, Any] | None = None, decision: Decision | None = None,
         extra: Iterable[Any] = ()) -> None:
    if not meeting.is_trustees:
        return
    try:
        transition_apply(actor=actor, obj=meeting, workflow_code=W21, action=action, facts_by_rule=facts or {}, decision=decision,
                         state_field="bt_state", as_of=meeting.held_on, extra_explanations=extra)
    except TransitionRefused as exc:
        raise Refused(" ".join(exc.messages(_lang())), ", ".join(sorted({r for e in exc.explanations for r in e.rule_ids})), code=exc.code) from None


def _lang() -> str:
    from django.utils.translation import get_language

    code = (get_language() or "ky")[:2]
    return code if code in ("ky", "ru", "en", "tr") else "ky"


def meeting_convene(*, actor: Any, body: Body, held_on: dt.date, place: str = "", online_link: str = "", number: str = "",
                    reason: str = "") -> Meeting:
    """Convene a meeting of ``body``. The Board of Trustees meets on its chair's convocation (KTMU-BT-1-5; the
    secretary records it for the chair), twice a year (KTMU-BT-1-6), place and date set by the chair (KTMU-BT-1-7)."""
    _require_manage(actor, body, held_on)
    if not place.strip() and not online_link.strip():
        raise ValidationError({"place": _("Give the place of the meeting or its online link.")})
    chair = chair_of(body, held_on)
    if body.kind == Body.Kind.TRUSTEES and chair is None:
        raise Refused(_("The Board of Trustees meets when its chair convenes it; the Board has no chair on that date."), "KTMU-BT-1-5")
    with transaction.atomic():
        Body.objects.select_for_update().get(pk=body.pk)  # numbers in order
        if not number:
            count = Meeting.objects.filter(body=body, held_on__year=held_on.year).count()
            number = f"{held_on.year}-{count + 1}"
        if Meeting.objects.filter(body=body, number=number).exists():
            raise ValidationError({"number": _("This body already has a meeting with this number.")})
        me = person_of(actor)
        convener = chair.person if body.kind == Body.Kind.TRUSTEES and chair else me
        m = Meeting.objects.create(body=body, held_on=held_on, number=number, place=place.strip(), online_link=online_link.strip(),
                                   convened_by=convener)
        record(actor=actor, action=AuditEvent.Action.CREATE, obj=m, reason=reason)
        if body.kind == Body.Kind.TRUSTEES:
            dates = list(Meeting.objects.filter(body=body, held_on__year=held_on.year).exclude(bt_state="NEW").values_list("held_on", flat=True))
            _w21(m, "convene", actor, {
                "KTMU-BT-1-5": {"meeting_id": str(m.pk), "convened_by": str(convener.pk) if convener else "", "chair_id": str(chair.person_id) if chair else ""},
                "KTMU-BT-1-6": {"year": held_on.year, "ordinary_meeting_dates": [*dates, held_on]},
            })
    return m


def _next_position(meeting: Meeting) -> int:
    return (meeting.items.aggregate(n=Max("position"))["n"] or 0) + 1


def _require_convened(meeting: Meeting) -> None:
    if meeting.status in (Meeting.Status.CLOSED, Meeting.Status.NO_QUORUM):
        raise Refused(_("The meeting is closed: its agenda can no longer change."), code="closed")


def item_add(*, actor: Any, meeting: Meeting, title: str, text: str = "", public: bool = False) -> AgendaItem:
    _require_manage(actor, meeting.body, meeting.held_on)
    if not title.strip():
        raise ValidationError({"title": _("Give the item a title.")})
    with transaction.atomic():
        locked = Meeting.objects.select_for_update().get(pk=meeting.pk)
        _require_convened(locked)
        item = AgendaItem.objects.create(meeting=locked, position=_next_position(locked), title=title.strip()[:300], text=text, public=public)
        record(actor=actor, action=AuditEvent.Action.CREATE, obj=item)
    return item


def queue(body: Body) -> list[dict[str, Any]]:
    """The body's queue grouped per file: the step that approves and, if the table has one, the step that rejects."""
    from bilim.apps.workflow.labels import action_label, state_label, workflow_title
    from bilim.apps.workflow.selectors import pending_for_body

    grouped: dict[tuple[str, str, str], dict[str, Any]] = {}
    for p in pending_for_body(body):
        key = (p.workflow_code, p.obj._meta.label_lower, str(p.obj.pk))
        g = grouped.setdefault(key, {"pending": p, "approve": None, "reject": None, "steps": []})
        g["steps"].append(p.step)
        if p.step.action in REJECT_ACTIONS or (p.workflow_code == W21 and p.step.action == "lapse"):
            g["reject"] = g["reject"] or p.step
        else:
            g["approve"] = g["approve"] or p.step
    out = []
    seen: set[tuple[str, str, str]] = set()
    for (code, label, pk), g in grouped.items():
        # one model may be the subject of two tables (OshSU long- and short-term files share a model and a state
        # field): the engine cannot tell which applies, so the file comes once, on the table registered first
        first = g["approve"] or g["reject"]
        if (label, pk, first.action) in seen:
            continue
        seen.add((label, pk, first.action))
        p = g["pending"]
        step = g["approve"] or g["reject"]
        state = getattr(p.obj, p.subject.state_field)
        reject = g["reject"].action if g["reject"] and g["approve"] else ""
        if code == W21 and step.action == "ratify":
            reject = "lapse"
        explanation = _("%(table)s: the file is “%(state)s”; the body decides “%(action)s” (%(refs)s).") % {
            "table": workflow_title(code), "state": state_label(code, state), "action": action_label(code, step.action),
            "refs": ", ".join(step.refs) or code}
        # (the table's ``note`` is the analysts' English remark on the catalogue, not a sentence for the body)
        out.append({"workflow_code": code, "subject_type": label, "subject_id": pk, "obj": p.obj, "label": p.label, "url": file_url(p),
                    "action": step.action, "reject_action": reject, "explanation": explanation})
    return out


#: Pages of files whose app registered no ``url`` with its subject (until it does)
FALLBACK_URLS = {"mobility.studentmobility": "mobility:application", "mobility.stafftrip": "mobility:trip"}


def file_url(p: Any) -> str:
    from django.urls import NoReverseMatch, reverse

    if p.url:
        return str(p.url)
    if hasattr(p.obj, "get_absolute_url"):
        return str(p.obj.get_absolute_url())
    name = FALLBACK_URLS.get(p.obj._meta.label_lower)
    try:
        return reverse(name, args=[p.obj.pk]) if name else ""
    except NoReverseMatch:
        return ""


def agenda_build(*, actor: Any, meeting: Meeting) -> list[AgendaItem]:
    """Put on the agenda every file of the body's queue not already on an agenda still to vote it; the Trustees'
    provisional urgent decisions come with them (KTMU-BT-1-11: to be ratified or to lapse)."""
    _require_manage(actor, meeting.body, meeting.held_on)
    added = []
    with transaction.atomic():
        locked = Meeting.objects.select_for_update().get(pk=meeting.pk)
        _require_convened(locked)
        for q in queue(locked.body):
            waiting = AgendaItem.objects.filter(subject_type=q["subject_type"], subject_id=q["subject_id"], workflow_code=q["workflow_code"],
                                                action=q["action"], status=AgendaItem.Status.PENDING,
                                                meeting__status__in=[Meeting.Status.CONVENED, Meeting.Status.OPEN])
            if waiting.exists():
                continue
            urgent = q["obj"] if isinstance(q["obj"], UrgentDecision) else None
            item = AgendaItem.objects.create(
                meeting=locked, position=_next_position(locked), source=AgendaItem.Source.URGENT if urgent else AgendaItem.Source.QUEUE,
                title=str(q["label"])[:300], text=q["explanation"], subject_type=q["subject_type"], subject_id=q["subject_id"],
                subject_url=q["url"][:300], workflow_code=q["workflow_code"], action=q["action"], reject_action=q["reject_action"], urgent=urgent,
            )
            record(actor=actor, action=AuditEvent.Action.CREATE, obj=item, reason="from the body's queue")
            added.append(item)
    return added


def quorum_outcome(meeting: Meeting, present_ids: list[str]) -> Outcome:
    members = voting_ids(meeting.body, meeting.held_on)
    if meeting.is_trustees:
        return evaluate("KTMU-BT-1-8", {"meeting_id": str(meeting.pk), "member_ids": members, "present_ids": present_ids}, meeting.held_on)
    return body_rules.body_quorum(meeting.body.kind, members, present_ids, meeting.held_on)


def meeting_open(*, actor: Any, meeting: Meeting, present: Iterable[Person]) -> Meeting:
    """Record who is present and open the meeting: quorate or not, by the rule in force on the meeting day. Without
    quorum nothing can be decided (the meeting ends there, KTMU-W-21 NOT_QUORATE)."""
    _require_manage(actor, meeting.body, meeting.held_on)
    people = list(present)
    with transaction.atomic():
        locked = Meeting.objects.select_for_update(of=("self",)).select_related("body").get(pk=meeting.pk)
        if locked.status != Meeting.Status.CONVENED:
            raise Conflicting(_("The meeting was already opened or closed; reload the page."), code="conflict")
        before = snapshot(locked)
        q = quorum_outcome(locked, [str(p.pk) for p in people])
        locked.present.set(people)
        locked.quorate = bool(q.value)
        locked.quorum_explanation = q.explanation.to_dict()
        locked.status = Meeting.Status.OPEN if q.value else Meeting.Status.NO_QUORUM
        locked.version += 1
        locked.save(update_fields=["quorate", "quorum_explanation", "status", "version"])
        record(actor=actor, action=AuditEvent.Action.UPDATE, obj=locked, before=before, reason="attendance recorded")
        if locked.is_trustees:
            if q.value:
                _w21(locked, "open_quorate", actor, {"KTMU-BT-1-8": q})
            else:
                _w21(locked, "open_not_quorate", actor, extra=[q.explanation])
    meeting.refresh_from_db()
    return meeting


def _present_ids(meeting: Meeting) -> list[str]:
    return [str(pk) for pk in meeting.present.values_list("pk", flat=True)]


def _require_open(meeting: Meeting) -> None:
    if meeting.status == Meeting.Status.CLOSED:
        raise Refused(_("The meeting is closed: no vote or decision can be recorded any more."), code="closed")
    if meeting.status == Meeting.Status.NO_QUORUM or meeting.quorate is False:
        rule = "KTMU-BT-1-8" if meeting.is_trustees else "institution-setting"
        raise Refused(_("The meeting has no quorum: nothing can be decided."), rule, code="no_quorum")
    if meeting.status != Meeting.Status.OPEN:
        raise Refused(_("The meeting is not open yet: record the attendance first."), code="not_open")


def conflict_declare(*, actor: Any, item: AgendaItem, person: Person, note: str) -> Conflict:
    """A member declares a conflict of interest on an item; he or she does not vote on it."""
    _require_manage(actor, item.meeting.body, item.meeting.held_on)
    with transaction.atomic():
        locked = AgendaItem.objects.select_for_update(of=("self",)).select_related("meeting__body").get(pk=item.pk)
        _require_open(locked.meeting)
        if locked.status != AgendaItem.Status.PENDING:
            raise Refused(_("This item was already decided."), code="decided")
        if locked.votes.filter(person=person).exists():
            raise Refused(_("This member has already voted on the item; declare the conflict before the vote."), code="voted")
        try:
            with transaction.atomic():
                c = Conflict.objects.create(item=locked, person=person, note=note.strip()[:300] or "—")
        except IntegrityError:
            raise Refused(_("This member's conflict of interest is already recorded."), code="duplicate") from None
        record(actor=actor, action=AuditEvent.Action.CREATE, obj=c)
    return c


def vote_cast(*, actor: Any, item: AgendaItem, person: Person, choice: str) -> Vote:
    """Record ``person``'s open vote on ``item``. Refused (nothing written) for a non-member or a member without a
    vote, a member not present, a member with a declared conflict, a second vote, a meeting without quorum or closed."""
    if choice not in Vote.Choice.values:
        raise ValidationError({"choice": _("Choose for, against or abstain.")})
    me = person_of(actor)
    with transaction.atomic():
        locked = AgendaItem.objects.select_for_update(of=("self",)).select_related("meeting__body").get(pk=item.pk)
        meeting = locked.meeting
        if not (can_manage(actor, meeting.body, meeting.held_on) or (me is not None and me.pk == person.pk)):
            raise Refused(_("A member votes for himself or herself; the secretary records the votes of the meeting."), code="forbidden")
        _require_open(meeting)
        rule = "KTMU-BT-1-9" if meeting.is_trustees else "institution-setting"
        if locked.status != AgendaItem.Status.PENDING:
            raise Refused(_("This item was already decided; its votes can no longer change."), rule, code="decided")
        if str(person.pk) not in voting_ids(meeting.body, meeting.held_on):
            raise Refused(_("%(person)s is not a voting member of %(body)s on %(date)s: only members vote.")
                          % {"person": person, "body": meeting.body.name(_lang()), "date": meeting.held_on.strftime("%d.%m.%Y")}, rule,
                          code="not_member")
        if not meeting.present.filter(pk=person.pk).exists():
            raise Refused(_("%(person)s is not recorded as present: only members present vote.") % {"person": person}, rule, code="absent")
        if locked.conflicts.filter(person=person).exists():
            raise Refused(_("%(person)s declared a conflict of interest on this item and does not vote on it.") % {"person": person}, rule,
                          code="conflict_of_interest")
        if locked.tally_yes is not None:
            raise Refused(_("This item was voted by a tally; per-member votes cannot be added."), rule, code="tally")
        if locked.votes.filter(person=person).exists():
            raise Refused(_("%(person)s has already voted on this item: one vote per member.") % {"person": person}, rule, code="second_vote")
        try:
            with transaction.atomic():
                v = Vote.objects.create(item=locked, person=person, choice=choice)
        except IntegrityError:
            raise Refused(_("%(person)s has already voted on this item: one vote per member.") % {"person": person}, rule,
                          code="second_vote") from None
        record(actor=actor, action=AuditEvent.Action.CREATE, obj=v, reason=f"{person}: {choice}")
    return v


def item_tally(*, actor: Any, item: AgendaItem, yes: int, no: int, abstain: int) -> AgendaItem:
    """A body that records only counts: for / against / abstaining. The Board of Trustees votes per member (its
    chair's vote decides a tie, KTMU-BT-1-10), so it has no tally."""
    _require_manage(actor, item.meeting.body, item.meeting.held_on)
    with transaction.atomic():
        locked = AgendaItem.objects.select_for_update(of=("self",)).select_related("meeting__body").get(pk=item.pk)
        _require_open(locked.meeting)
        if locked.meeting.is_trustees:
            raise Refused(_("The Board of Trustees votes per member: on a tie the chair's vote counts twice."), "KTMU-BT-1-10", code="tally")
        if locked.status != AgendaItem.Status.PENDING or locked.votes.exists():
            raise Refused(_("This item already has votes."), code="decided")
        if min(yes, no, abstain) < 0:
            raise ValidationError({"yes": _("Counts cannot be negative.")})
        present = len(set(_present_ids(locked.meeting)) & set(voting_ids(locked.meeting.body, locked.meeting.held_on)))
        conflicted = locked.conflicts.count()
        if yes + no + abstain > present - conflicted:
            raise ValidationError({"yes": _("More votes (%(n)s) than voting members present without a conflict (%(m)s).")
                                   % {"n": yes + no + abstain, "m": present - conflicted}})
        before = snapshot(locked)
        locked.tally_yes, locked.tally_no, locked.tally_abstain = yes, no, abstain
        locked.save(update_fields=["tally_yes", "tally_no", "tally_abstain"])
        record(actor=actor, action=AuditEvent.Action.UPDATE, obj=locked, before=before, reason="tally")
    return locked


def vote_outcome(item: AgendaItem) -> Outcome:
    """The item's result by the rule in force on the meeting day (Trustees: KTMU-BT-1-9/1-10; others: the settings)."""
    meeting = item.meeting
    members = voting_ids(meeting.body, meeting.held_on)
    conflicted = {str(pk) for pk in item.conflicts.values_list("person_id", flat=True)}
    present = _present_ids(meeting)
    if meeting.is_trustees:
        chair = chair_of(meeting.body, meeting.held_on)
        votes = {str(v.person_id): v.choice for v in item.votes.all() if str(v.person_id) not in conflicted}
        return evaluate("KTMU-BT-1-9", {"meeting_id": str(meeting.pk), "item": item.title[:80], "member_ids": members, "present_ids": present,
                                        "chair_id": str(chair.person_id) if chair else "", "votes": votes}, meeting.held_on)
    if item.tally_yes is not None:
        yes, no, ab = item.tally_yes, item.tally_no or 0, item.tally_abstain or 0
    else:
        choices = [v.choice for v in item.votes.all() if str(v.person_id) not in conflicted]
        yes, no, ab = choices.count("YES"), choices.count("NO"), choices.count("ABSTAIN")
    return body_rules.body_vote(meeting.body.kind, members, present, yes, no, ab, meeting.held_on)


def _counts(item: AgendaItem) -> tuple[int, int, int]:
    if item.tally_yes is not None:
        return item.tally_yes, item.tally_no or 0, item.tally_abstain or 0
    choices = list(item.votes.values_list("choice", flat=True))
    return choices.count("YES"), choices.count("NO"), choices.count("ABSTAIN")


def _subject(item: AgendaItem) -> Any:
    from django.apps import apps

    if not item.subject_type or not item.subject_id:
        return None
    model = apps.get_model(item.subject_type)
    return model._default_manager.get(pk=item.subject_id)


def _fire(item: AgendaItem, action: str, actor: Any, decision: Decision | None, reason: str) -> None:
    """Fire the waiting step on the item's file in a savepoint: a refusal keeps the decision and shows why on the item."""
    from bilim.apps.workflow.registry import perform_step

    obj = _subject(item)
    if obj is None or not action:
        return
    try:
        with transaction.atomic():
            if item.workflow_code == W21 and action == "lapse":
                urgent_lapse(urgent=obj, actor=actor, meeting=item.meeting)
            else:
                perform_step(obj=obj, workflow_code=item.workflow_code, action=action, actor=actor, decision=decision, reason=reason)
    except TransitionRefused as exc:
        item.step_done = False
        item.step_refusal = {"messages": {lang: exc.messages(lang) for lang in ("ky", "ru", "en", "tr")},
                             "explanations": [e.to_dict() for e in exc.explanations], "action": action}
    except (ValidationError, LookupError) as exc:
        text = " ".join(getattr(exc, "messages", [str(exc)]))
        item.step_done = False
        item.step_refusal = {"messages": {lang: [text] for lang in ("ky", "ru", "en", "tr")}, "explanations": [], "action": action}
    else:
        item.step_done = True
        item.step_refusal = None


def item_decide(*, actor: Any, item: AgendaItem, reason: str = "") -> AgendaItem:
    """Compute the item's outcome by the rule, record the body's numbered, dated decision and fire the waiting
    step in the same transaction (adopted: the item's step; not adopted: the table's rejection row, if any)."""
    with transaction.atomic():
        meeting = Meeting.objects.select_for_update(of=("self",)).select_related("body").get(pk=item.meeting_id)
        _require_manage(actor, meeting.body, meeting.held_on)
        _require_open(meeting)
        locked = AgendaItem.objects.select_for_update(of=("self",)).select_related("meeting__body").get(pk=item.pk)
        if locked.status != AgendaItem.Status.PENDING:
            raise Refused(_("This item was already decided."), code="decided")
        if locked.tally_yes is None and not locked.votes.exists():
            raise Refused(_("No vote is recorded on this item yet."), code="no_votes")
        o = vote_outcome(locked)
        if o.value == "NO_QUORUM":
            raise Refused(o.message(_lang()), ", ".join(o.rule_ids), code="no_quorum")
        adopted = o.value == "ADOPTED"
        yes, no, ab = _counts(locked)
        before = snapshot(locked)
        decision = Decision.objects.create(
            body=meeting.body, meeting=meeting, number=f"{meeting.number}/{locked.position}", date=meeting.held_on,
            subject_type=locked.subject_type, subject_id=locked.subject_id, title=locked.title[:300], text=locked.text,
            status=Decision.Status.ADOPTED if adopted or locked.reject_action else Decision.Status.REJECTED,
            positive=adopted, public=locked.public, votes_for=yes, votes_against=no, votes_abstain=ab, explanation=o.explanation.to_dict(),
            created_by=actor if getattr(actor, "is_authenticated", False) else None, adopted_at=timezone.now(),
        )
        record(actor=actor, action=AuditEvent.Action.CREATE, obj=decision, reason=reason or ("adopted" if adopted else "not adopted"))
        if meeting.is_trustees:
            if meeting.bt_state in ("ADOPTED", "NOT_ADOPTED"):
                _w21(meeting, "next_item", actor)
            _w21(meeting, "vote_adopted" if adopted else "vote_not_adopted", actor, {"KTMU-BT-1-9": o, "KTMU-BT-1-10": _tie_outcome(o)},
                 decision=decision if adopted else None)
        locked.status = AgendaItem.Status.ADOPTED if adopted else AgendaItem.Status.NOT_ADOPTED
        locked.outcome = o.explanation.to_dict()
        locked.decision = decision
        step = locked.action if adopted else locked.reject_action
        _fire(locked, step, actor, decision, reason or decision.title)
        locked.save(update_fields=["status", "outcome", "decision", "step_done", "step_refusal"])
        record(actor=actor, action=AuditEvent.Action.UPDATE, obj=locked, before=before, reason=locked.status)
    return locked


def _tie_outcome(o: Outcome) -> Outcome:
    """KTMU-BT-1-9 and 1-10 are one rule function (``vote_outcome``); its outcome answers both guards."""
    return o


def item_retry_step(*, actor: Any, item: AgendaItem) -> AgendaItem:
    """Fire again the step an adopted decision authorises, after the file was put right (same decision)."""
    with transaction.atomic():
        locked = AgendaItem.objects.select_for_update(of=("self",)).select_related("meeting__body", "decision").get(pk=item.pk)
        _require_manage(actor, locked.meeting.body, locked.meeting.held_on)
        if locked.decision is None or locked.step_done or not locked.step_refusal:
            raise Refused(_("There is no refused step to carry out on this item."), code="nothing")
        _fire(locked, locked.step_refusal.get("action", ""), actor, locked.decision, locked.decision.title)
        locked.save(update_fields=["step_done", "step_refusal"])
    return locked


def meeting_close(*, actor: Any, meeting: Meeting, expected_version: int | None = None, note: str = "") -> Meeting:
    """Close the meeting. The row is locked: of two secretaries closing at once one wins, the other is told who
    closed it (nothing written twice). Provisional urgent decisions on the agenda that were not ratified lapse
    (KTMU-BT-1-11: they hold until this meeting)."""
    with transaction.atomic():
        locked = Meeting.objects.select_for_update(of=("self",)).select_related("body").get(pk=meeting.pk)
        _require_manage(actor, locked.body, locked.held_on)
        if locked.status == Meeting.Status.CLOSED:
            raise Conflicting(_("This meeting was already closed by %(who)s at %(when)s; nothing was changed.")
                              % {"who": locked.closed_by or "—", "when": timezone.localtime(locked.closed_at).strftime("%d.%m.%Y %H:%M")
                                 if locked.closed_at else "—"}, code="conflict")
        if expected_version is not None and locked.version != expected_version:
            raise Conflicting(_("Someone else changed this meeting in the meantime; reload the page."), code="conflict")
        if locked.status != Meeting.Status.OPEN:
            raise Refused(_("Only a meeting in session can be closed (record the attendance first)."), code="not_open")
        if locked.is_trustees and locked.bt_state == "QUORATE":
            raise Refused(_("The Board has not voted any item yet; vote at least one item before closing."), "KTMU-BT-1-9", code="no_votes")
        before = snapshot(locked)
        for item in locked.items.filter(status=AgendaItem.Status.PENDING, source=AgendaItem.Source.URGENT).select_related("urgent"):
            if item.urgent and item.urgent.state == "PROVISIONAL":
                urgent_lapse(urgent=item.urgent, actor=actor, meeting=locked)
        _w21(locked, "close_meeting", actor)
        locked.refresh_from_db(fields=["bt_state", "version"])
        locked.status = Meeting.Status.CLOSED
        locked.closed_at = timezone.now()
        locked.closed_by = actor if getattr(actor, "is_authenticated", False) else None
        if note:
            locked.minutes_note = note
        locked.version += 1
        locked.save(update_fields=["status", "closed_at", "closed_by", "minutes_note", "version"])
        record(actor=actor, action=AuditEvent.Action.TRANSITION, obj=locked, before=before, reason="meeting closed")
    meeting.refresh_from_db()
    return meeting


# ---------------------------------------------------------------------------------------------- urgent decisions


def presidium(body: Body) -> Body:
    """The chair and deputies of a Board of Trustees, as the body whose decisions table KTMU-W-21 names
    (``body:bt_chair_and_deputies``)."""
    p, _created = Body.objects.get_or_create(
        institution=body.institution, code=f"{body.code}-presidium"[:60],
        defaults={"kind": Body.Kind.BT_CHAIR_AND_DEPUTIES, "name_ky": f"{body.name_ky}: төрага жана орун басарлар",
                  "name_ru": f"{body.name_ru}: председатель и заместители", "name_en": f"{body.name_en}: chair and deputies",
                  "name_tr": f"{body.name_tr}: başkan ve yardımcıları", "unit": body.unit},
    )
    return p


def _urgent_facts(u: UrgentDecision, next_meeting: dt.date | None, ratified: bool) -> dict[str, Any]:
    chair = chair_of(u.body, u.decided_on)
    return {"decision_id": str(u.pk), "decided_on": u.decided_on, "decided_by": [str(pk) for pk in u.decided_by.values_list("pk", flat=True)],
            "chair_id": str(chair.person_id) if chair else "", "deputy_ids": [str(m.person_id) for m in deputies_of(u.body, u.decided_on)],
            "next_meeting_date": next_meeting, "ratified": ratified}


def urgent_create(*, actor: Any, body: Body, title: str, text: str, decided_on: dt.date, decided_by: Iterable[Person]) -> UrgentDecision:
    """An urgent decision of the chair and all the deputies between meetings (KTMU-BT-1-11): provisional until the
    Board's next meeting, on whose agenda it comes to be ratified or to lapse."""
    if body.kind != Body.Kind.TRUSTEES:
        raise Refused(_("Urgent decisions between meetings are taken by the chair and deputies of the Board of Trustees."), "KTMU-BT-1-11")
    _require_manage(actor, body, decided_on)
    if not title.strip():
        raise ValidationError({"title": _("Give the decision a title.")})
    people = list(decided_by)
    with transaction.atomic():
        u = UrgentDecision.objects.create(body=body, title=title.strip()[:300], text=text, decided_on=decided_on)
        u.decided_by.set(people)
        o = evaluate("KTMU-BT-1-11", _urgent_facts(u, None, False), decided_on)
        if o.value != "PROVISIONAL":
            transaction.set_rollback(True)
            raise Refused(o.message(_lang()), "KTMU-BT-1-11", code="invalid", explanation=o.explanation.to_dict())
        pres = presidium(body)
        count = Decision.objects.filter(body=pres, date__year=decided_on.year).count()
        d = Decision.objects.create(body=pres, number=f"U-{decided_on.year}-{count + 1}", date=decided_on, title=u.title, text=text,
                                    subject_type=UrgentDecision._meta.label_lower, subject_id=str(u.pk), status=Decision.Status.ADOPTED,
                                    adopted_at=timezone.now(), explanation=o.explanation.to_dict(),
                                    created_by=actor if getattr(actor, "is_authenticated", False) else None)
        u.decision = d
        u.explanation = o.explanation.to_dict()
        u.save(update_fields=["decision", "explanation"])
        record(actor=actor, action=AuditEvent.Action.CREATE, obj=u)
        record(actor=actor, action=AuditEvent.Action.CREATE, obj=d)
        transition_apply(actor=actor, obj=u, workflow_code=W21, action="urgent_decision", facts_by_rule={"KTMU-BT-1-11": o}, decision=d,
                         as_of=decided_on)
    u.refresh_from_db()
    return u


def urgent_perform(*, obj: UrgentDecision, action: str, actor: Any, decision: Any = None, reason: str = "") -> Any:
    """``perform`` of the subject registry: the Board's meeting ratifies a provisional urgent decision."""
    meeting_day = decision.date if decision is not None else timezone.localdate()
    if action == "ratify":
        o = evaluate("KTMU-BT-1-11", _urgent_facts(obj, meeting_day, True), meeting_day)
        if o.value != "RATIFIED":
            raise TransitionRefused(o.message(_lang()), [o.explanation], code="guard")
        return transition_apply(actor=actor, obj=obj, workflow_code=W21, action="ratify", facts_by_rule={"KTMU-BT-1-11": o}, decision=decision,
                                reason=reason, as_of=meeting_day)
    if action == "lapse":
        return urgent_lapse(urgent=obj, actor=actor, meeting=None, on=meeting_day)
    raise TransitionRefused(_("This step is not possible now."), code="invalid")


def urgent_lapse(*, urgent: UrgentDecision, actor: Any, meeting: Meeting | None, on: dt.date | None = None) -> Any:
    """The Board's first meeting after the urgent decision did not ratify it: it lapses (KTMU-BT-1-11), by the system."""
    day = meeting.held_on if meeting is not None else (on or timezone.localdate())
    o = evaluate("KTMU-BT-1-11", _urgent_facts(urgent, day, False), day)
    if o.value != "LAPSED":
        raise TransitionRefused(o.message(_lang()), [o.explanation], code="guard")
    return transition_apply(actor=actor, obj=urgent, workflow_code=W21, action="lapse", facts_by_rule={"KTMU-BT-1-11": o},
                            on_behalf_of_system=True, as_of=day, reason="not ratified at the Board's next meeting")


# ---------------------------------------------------------------------------------------------- the Board's money


def _require_trustees(body: Body) -> None:
    if body.kind != Body.Kind.TRUSTEES:
        raise Refused(_("Only the Board of Trustees has this register."), "KTMU-BT-7-1", code="not_trustees")


def allowance_accrue(*, actor: Any, body: Body, year: int, month: int) -> list[AllowanceAccrual]:
    """Accrue the month's representation allowance (KTMU-BT-7-1) to every chair and member in office on the first day
    of the month (A-66: accrued monthly, paid once a year). Idempotent: a month accrued stays as it is."""
    _require_trustees(body)
    _require_manage(actor, body)
    first = dt.date(year, month, 1)
    out = []
    with transaction.atomic():
        for m in memberships_on(body, first):
            if not m.voting:
                continue
            if AllowanceAccrual.objects.filter(body=body, person=m.person, year=year, month=month).exists():
                continue
            o = evaluate("KTMU-BT-7-1", {"person_id": str(m.person_id), "months_in_office": 1}, first)
            a = AllowanceAccrual.objects.create(body=body, person=m.person, year=year, month=month, amount=Decimal(o.value),
                                                explanation=o.explanation.to_dict())
            out.append(a)
        if out:
            record(actor=actor, action=AuditEvent.Action.CREATE, obj=body, reason=f"allowance accrued {year}-{month:02d}: {len(out)}")
    return out


def allowance_pay(*, actor: Any, body: Body, paid_on: dt.date) -> list[BoardPayment]:
    """Pay every member the allowance accrued and not yet paid up to ``paid_on``: only in the first week of October
    (KTMU-BT-7-2)."""
    _require_trustees(body)
    _require_manage(actor, body)
    o = evaluate("KTMU-BT-7-2", {"payment_date": paid_on}, paid_on)
    if not o.ok:
        raise Refused(o.message(_lang()), "KTMU-BT-7-2", code="payment_date", explanation=o.explanation.to_dict())
    out = []
    with transaction.atomic():
        due = AllowanceAccrual.objects.select_for_update().filter(body=body, payment__isnull=True).filter(
            Q(year__lt=paid_on.year) | Q(year=paid_on.year, month__lte=paid_on.month))
        per: dict[int, list[AllowanceAccrual]] = {}
        for a in due:
            per.setdefault(a.person_id, []).append(a)
        if not per:
            raise Refused(_("No allowance is accrued and unpaid."), code="nothing")
        for person_id, rows in per.items():
            total = sum((a.amount for a in rows), Decimal(0))
            p = BoardPayment.objects.create(body=body, kind=BoardPayment.Kind.ALLOWANCE, person_id=person_id, amount=total, currency="USD",
                                            paid_on=paid_on, purpose=_("Representation allowance, %(n)s months") % {"n": len(rows)},
                                            explanation=o.explanation.to_dict(),
                                            recorded_by=actor if getattr(actor, "is_authenticated", False) else None)
            AllowanceAccrual.objects.filter(pk__in=[a.pk for a in rows]).update(payment=p)
            record(actor=actor, action=AuditEvent.Action.CREATE, obj=p)
            out.append(p)
    return out


def expense_record(*, actor: Any, body: Body, kind: str, amount: Decimal, currency: str, paid_on: dt.date, payee: str = "",
                   person: Person | None = None, purpose: str = "", decision: Decision | None = None,
                   source: str = "UNIVERSITY_BUDGET") -> BoardPayment:
    """A board expense (KTMU-BT-6-1, 7-3, 7-4): from the university budget; fees and travel/daily amounts set by a
    Board decision (the decision is cited)."""
    _require_trustees(body)
    _require_manage(actor, body)
    if kind not in (BoardPayment.Kind.TRAVEL_DAILY, BoardPayment.Kind.AUDIT_FEE, BoardPayment.Kind.STAFF):
        raise ValidationError({"kind": _("Choose the kind of expense.")})
    if amount is None or amount <= 0:
        raise ValidationError({"amount": _("The amount must be more than zero.")})
    set_by = decision is not None and decision.body_id == body.pk and decision.status == Decision.Status.ADOPTED
    o = evaluate("KTMU-BT-6-1", {"kind": kind, "set_by_trustees": set_by, "source": source}, paid_on)
    if not o.ok:
        raise Refused(o.message(_lang()), ", ".join(o.rule_ids), code="expense", explanation=o.explanation.to_dict())
    with transaction.atomic():
        p = BoardPayment.objects.create(body=body, kind=kind, person=person, payee=payee[:200], amount=amount, currency=currency.upper()[:3],
                                        paid_on=paid_on, purpose=purpose[:300], decision=decision, explanation=o.explanation.to_dict(),
                                        recorded_by=actor if getattr(actor, "is_authenticated", False) else None)
        record(actor=actor, action=AuditEvent.Action.CREATE, obj=p)
    return p


def budget_notice_status(body: Body, budget_year: int, on: dt.date) -> Outcome:
    n = BudgetNotice.objects.filter(body=body, budget_year=budget_year).first()
    return evaluate("KTMU-BT-4-6", {"budget_year": budget_year, "notified_gov_kr": n.notified_gov_kr if n else None,
                                    "notified_gov_tr": n.notified_gov_tr if n else None}, on)


def budget_notice_record(*, actor: Any, body: Body, budget_year: int, notified_gov_kr: dt.date | None,
                         notified_gov_tr: dt.date | None) -> BudgetNotice:
    """Record the dates both governments were notified of the payments for ``budget_year`` (KTMU-BT-4-6)."""
    _require_trustees(body)
    _require_manage(actor, body)
    with transaction.atomic():
        n, created = BudgetNotice.objects.select_for_update().get_or_create(body=body, budget_year=budget_year)
        before = None if created else snapshot(n)
        n.notified_gov_kr = notified_gov_kr or n.notified_gov_kr
        n.notified_gov_tr = notified_gov_tr or n.notified_gov_tr
        n.save()
        record(actor=actor, action=AuditEvent.Action.CREATE if created else AuditEvent.Action.UPDATE, obj=n, before=before)
    return n


def decisions_about(obj: Any) -> Any:
    """Every decision of a body about ``obj`` (adopted or rejected), for the file's page."""
    return Decision.objects.filter(subject_type=obj._meta.label_lower, subject_id=str(obj.pk)).select_related("body", "meeting").order_by("-date", "-id")
