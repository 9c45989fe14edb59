"""The one service that applies a transition of any workflow table (``bilim.regulations.workflows``).

``transition_apply`` locks the record, finds the (state, action) row of the table, evaluates every
guard rule on the facts gathered from the *locked* row by the caller's facts builder (so no guard ever
judges data read before the lock; any FAIL refuses the move and nothing is written),
checks the authority the row names (a role of the actor, or an adopted decision of the named body
about this record), writes the new state, a :class:`Transition` row and an audit event in one
transaction, and e-mails the people concerned once the transaction has committed. Apps register
``ON_MOVE`` hooks per model to keep records derived from the state (a quota place) in step with it in
the same transaction, under the same lock.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import models, transaction
from django.utils import timezone, translation
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from bilim.apps.accounts.models import Role
from bilim.apps.accounts.permissions import role_codes
from bilim.apps.audit import services as audit
from bilim.apps.audit.models import AuditEvent
from bilim.apps.workflow import trace
from bilim.apps.workflow.models import Transition
from bilim.regulations.core.outcome import Explanation, Outcome, Verdict
from bilim.regulations.core.registry import evaluate
from bilim.regulations.workflows.core import InvalidTransition, get_workflow

# Callables that return the e-mail addresses to notify about a record's state change; apps register
# one per model label (``mobility.studentmobility`` …). Kept here so this app stays generic.
RECIPIENTS: dict[str, Callable[[models.Model], Iterable[str]]] = {}

#: Facts builder: called inside the transaction on the row locked by ``select_for_update``; returns the facts (or
#: ready-made outcomes) per guard rule ID.
#: builds the guard facts from the locked row; typed by each caller for its own model
FactsBuilder = Callable[[Any], Mapping[str, Any]]


@dataclass(frozen=True)
class Move:
    """What an ``ON_MOVE`` hook sees: the locked row (state not yet written) and the table row being applied."""

    locked: Any  # the subject's own model (each hook knows which)
    workflow_code: str
    state_field: str
    source: str
    action: str
    target: str
    actor: Any


#: Hooks per model label (``mobility.studentmobility`` …) run on every move of that model, after the guards and the
#: authority passed and before the new state is written. A hook changes fields of ``move.locked`` and returns their
#: names: they are saved in the same UPDATE as the state (so a CHECK tying them to the state always holds). A hook
#: may raise :class:`TransitionRefused`; then nothing is written. Kept here so this app stays generic.
ON_MOVE: dict[str, list[Callable[[Move], Iterable[str]]]] = {}


class TransitionRefused(Exception):
    """The move was refused; ``explanations`` say why (rule IDs + message), nothing was written."""

    def __init__(self, message: str | Promise, explanations: list[Explanation] | None = None, *, code: str = "refused",
                 rule_ids: Iterable[str] = ()) -> None:
        super().__init__(message)
        self.explanations = explanations or []
        self.code = code
        #: rule IDs that forbid the step besides those of the explanations (the rule of the step that must come first)
        self.extra_rule_ids = tuple(rule_ids)

    @property
    def rule_ids(self) -> list[str]:
        """Every rule ID the refusal cites: its explanations' (depth first), then the extra ones, without repeats."""
        out: list[str] = []
        for e in self.explanations:
            out += [r for r in e.all_rule_ids() if r not in out]
        return out + [r for r in self.extra_rule_ids if r not in out]

    def messages(self, lang: str = "en") -> list[str]:
        out = [e.message(lang) for e in self.explanations]
        return out or [str(self)]


class StaleRecord(TransitionRefused):
    """Someone else changed the record since the user loaded it (optimistic ``version`` check)."""


@dataclass
class GuardResult:
    outcomes: dict[str, Outcome] = field(default_factory=dict)

    @property
    def failures(self) -> list[Outcome]:
        return [o for o in self.outcomes.values() if o.verdict is Verdict.FAIL]


def evaluate_guards(guards: Iterable[str], facts_by_rule: Mapping[str, Any], as_of: Any = None) -> GuardResult:
    """Evaluate each guard rule on its facts (an ``Outcome`` already computed is taken as is).

    A guard of the table for which the caller brought no facts is a refusal, never a silent pass; so is a
    ready-made ``Outcome`` that another rule produced (its rule IDs do not name the guard it stands for):
    otherwise any PASS of any rule could open any gate.
    """
    if as_of is None:  # the step is judged on the day it is taken (stated here: the rules layer requires a date)
        as_of = timezone.localdate()
    res = GuardResult()
    for rid in list(dict.fromkeys([*guards, *facts_by_rule])):
        facts = facts_by_rule.get(rid)
        if facts is None:
            raise TransitionRefused(
                _("The check %(rule)s could not be made: its data is missing.") % {"rule": rid}, code="guard_missing"
            )
        if isinstance(facts, Outcome):
            if rid not in facts.rule_ids:
                raise TransitionRefused(
                    _("The check %(rule)s was answered by another rule (%(other)s); the step cannot be judged on it.")
                    % {"rule": rid, "other": ", ".join(facts.rule_ids) or "?"},
                    code="guard_mismatch",
                )
            res.outcomes[rid] = facts
        else:
            res.outcomes[rid] = evaluate(rid, facts, as_of)
    return res


# Role codes some tables use for the same office (the KTMU tables name offices by the instruction's words).
ROLE_ALIASES = {"dean": "dean_office", "vdir": "deputy_dean_ir", "vdaa": "deputy_dean_academic", "ird": "ird_officer",
                "hod": "head_of_department", "rector": "rector_office", "vr_sci": "vice_rector_research", "pl": "programme_leader",
                # KTMU: the FoS head is the head of the FoS unit; the institute's officers are its secretariat (dean's office role)
                "fos_head": "head_of_department", "institute_officer": "dean_office"}
#: Body codes some tables use for the same body (KTMU A-01: the "institute council" is the Institute Board).
BODY_ALIASES: dict[str, str] = {"institute_council": "institute_board", "rectorate": "rector_office"}

#: Relations that make the actor the holder of a role *for this record* (the project leader of a trip, the supervisor
#: of a student, the instructor of an offering, the student whose file it is). Apps add theirs with
#: :func:`register_relational_role`; each check returns False for records it does not know.
RELATIONAL_ROLES: dict[str, list[Callable[[models.Model, Any], bool]]] = {
    "project_leader": [lambda obj, actor: getattr(obj, "project_leader_id", None) == getattr(actor, "pk", -1)],
}


def register_relational_role(code: str, check: Callable[[Any, Any], bool]) -> None:
    """``check(obj, actor)``: the actor holds role ``code`` for ``obj`` (idempotent)."""
    checks = RELATIONAL_ROLES.setdefault(code, [])
    if check not in checks:
        checks.append(check)


def body_kind(code: str) -> str:
    return BODY_ALIASES.get(code, code)


def _has_authority(actor: Any, authority: tuple[str, ...], obj: models.Model, decision: Any) -> bool:
    if not authority:
        return True
    codes = role_codes(actor) if actor is not None else set()
    superuser = bool(getattr(actor, "is_superuser", False)) or Role.ADMINISTRATOR in codes
    for a in authority:
        if a == "system":
            if actor is None or superuser:
                return True
        elif a.startswith("role:"):
            code = ROLE_ALIASES.get(a[5:], a[5:])
            if superuser or code in codes:
                return True
            if actor is not None and any(check(obj, actor) for check in RELATIONAL_ROLES.get(a[5:], [])):
                return True
        elif a.startswith("body:") and decision is not None:
            if (
                decision.status == "adopted"
                and decision.body.kind == body_kind(a[5:])
                and decision.subject_type in ("", obj._meta.label_lower)
                and decision.subject_id in ("", str(obj.pk))
            ):
                return True
    return False


def cite(outcome: Outcome | Explanation, lang: str) -> str:
    """A rule's sentence for a field error, keeping the rule IDs it was judged under: “… (rule OSU-1.3.5-2)”."""
    expl = outcome.explanation if isinstance(outcome, Outcome) else outcome
    ids = expl.all_rule_ids()
    text = expl.message(lang)
    return f"{text} ({_('rule')} {', '.join(ids)})" if ids else text


def not_in_this_state(wf: Any, source: str, action: str) -> TransitionRefused:
    """The refusal of a step the table does not allow from ``source``, naming the state in words and, where the table
    says which step must come first, that step and the rules it is taken under (acting before the order exists names
    the order's rule)."""
    from bilim.apps.workflow.labels import action_label, state_label

    state = state_label(wf.code, source)
    needed = [t.source for t in wf.transitions if t.action == action]
    before = [p for p in wf.transitions if p.target in needed and p.source != p.target]
    rule_ids: list[str] = []
    for p in before:
        rule_ids += [r for r in (*p.guards, *p.refs) if _is_rule_id(r) and r not in rule_ids]
    if before and source not in needed:
        first = ", ".join(dict.fromkeys(action_label(wf.code, p.action) for p in before))
        return TransitionRefused(
            _("This step is not possible now (the file is in state “%(state)s”): first comes the step “%(first)s”.")
            % {"state": state, "first": first},
            code="invalid", rule_ids=rule_ids[:4],
        )
    return TransitionRefused(
        _("This step is not possible now (the file is in state “%(state)s”). It may have been done already.") % {"state": state},
        code="invalid",
    )


def _is_rule_id(ref: str) -> bool:
    return ref[:4] in ("OSU-", "KTMU") and " " not in ref


def judge(
    row: Any,
    locked: models.Model,
    *,
    actor: Any,
    facts_by_rule: Mapping[str, Any] | None = None,
    facts: FactsBuilder | None = None,
    decision: Any = None,
    as_of: Any = None,
) -> GuardResult:
    """The checks of one table row on one record: its guard rules on the facts (the builder's win), then the authority.

    :func:`transition_apply` calls it on the locked row before writing; :func:`allowed_actions` calls it on the
    current row as a dry run (nothing is written) — so a page offers exactly the steps the service would accept.
    Raises :class:`TransitionRefused` (``guard`` with the failing rules' explanations, ``authority`` naming who acts).
    """
    merged = dict(facts_by_rule or {})
    if facts is not None:
        merged.update(facts(locked))
    # judged on the date the caller states, else on the day of the step itself (stated here, never left to the
    # rules layer, which requires a date)
    guards = evaluate_guards(row.guards, merged, as_of if as_of is not None else timezone.localdate())
    if guards.failures:
        raise TransitionRefused(_("The step was refused."), [o.explanation for o in guards.failures], code="guard")
    if not _has_authority(actor, row.authority, locked, decision):
        raise TransitionRefused(
            _("You do not have the authority for this step: %(who)s.") % {"who": authority_words(row.authority)},
            code="authority",
        )
    return guards


def authority_words(authority: Iterable[str]) -> str:
    """Who may take a step, in words: role and body names in the reader's language (never ``role:…`` codes)."""
    from bilim.apps.workflow.authority import authority_label

    return ", ".join(dict.fromkeys(authority_label(a) for a in authority if a != "system")) or _("the system")


def has_authority(actor: Any, authority: tuple[str, ...], obj: models.Model, decision: Any = None) -> bool:
    """The authority check :func:`transition_apply` makes (a role of the actor, a relation to the record, or an adopted
    decision of the named body about it), for pages that offer only the steps a person may take."""
    return _has_authority(actor, authority, obj, decision)


def transition_apply(
    *,
    actor: Any,
    obj: models.Model,
    workflow_code: str,
    action: str,
    facts_by_rule: Mapping[str, Any] | None = None,
    facts: FactsBuilder | None = None,
    decision: Any = None,
    reason: str = "",
    expected_version: int | None = None,
    as_of: Any = None,
    extra_explanations: Iterable[Explanation] = (),
    state_field: str = "state",
    on_behalf_of_system: bool = False,
) -> Transition:
    """Apply ``action`` to ``obj`` under workflow ``workflow_code``; return the Transition row.

    ``facts`` builds the guard facts from the locked row (use it whenever they depend on the record's
    state); ``facts_by_rule`` carries facts that do not (both may be given; the builder wins on a
    common rule ID). ``on_behalf_of_system``: the move is the system's (authority ``system``), triggered
    by ``actor`` — who is still recorded in the Transition and audit rows.

    Raises :class:`TransitionRefused` (nothing written) when the action is not allowed in the current
    state, a guard FAILs, the actor lacks the authority, or ``expected_version`` is stale.
    """
    facts_by_rule = dict(facts_by_rule or {})
    model = type(obj)
    with transaction.atomic():
        locked = model._default_manager.select_for_update().get(pk=obj.pk)
        if expected_version is not None and getattr(locked, "version", None) != expected_version:
            raise StaleRecord(_("This record was changed by someone else in the meantime. Reload the page and try again."), code="stale")
        wf = get_workflow(workflow_code)
        source = getattr(locked, state_field)
        try:
            row = wf.find(source, action)
        except InvalidTransition:
            raise not_in_this_state(wf, source, action) from None
        guards = judge(row, locked, actor=None if on_behalf_of_system else actor, facts_by_rule=facts_by_rule, facts=facts,
                       decision=decision, as_of=as_of)
        before = audit.snapshot(locked)
        fields = [state_field]
        move = Move(locked, workflow_code, state_field, source, action, row.target, actor)
        for hook in ON_MOVE.get(locked._meta.label_lower, []):
            fields += [f for f in hook(move) if f not in fields]
        setattr(locked, state_field, row.target)
        if hasattr(locked, "version"):
            locked.version = (locked.version or 0) + 1
            fields.append("version")
        locked.save(update_fields=fields)
        explanations = [o.explanation.to_dict() for o in guards.outcomes.values()] + [e.to_dict() for e in extra_explanations]
        tr = Transition.objects.create(
            object_type=locked._meta.label_lower,
            object_id=str(locked.pk),
            workflow=workflow_code,
            source=source,
            action=action,
            target=row.target,
            actor=actor if getattr(actor, "is_authenticated", False) else None,
            reason=reason,
            decision=decision,
            explanation=explanations,
        )
        audit.record(
            actor=actor,
            action=AuditEvent.Action.TRANSITION,
            obj=locked,
            before=before,
            after=audit.snapshot(locked),
            reason=reason or f"{workflow_code}: {source} —{action}→ {row.target}",
        )
        # keep the caller's instance in step with the database
        for f in fields:
            setattr(obj, f, getattr(locked, f))
        if hasattr(obj, "version"):
            obj.version = locked.version  # type: ignore[attr-defined]  # versioned subjects only
        # robust: a notification that fails (mail server, a locked database) is logged; it never makes a committed step look failed
        transaction.on_commit(lambda: notify_transition(tr, locked), robust=True)
        trace.executed(workflow_code, source, action, row.target)
    return tr


#: Who delivers a step's notification to the people concerned (the desk app installs its in-app notifications with
#: e-mail or daily digest); without one, a single e-mail in the interface's default language.
TRANSITION_DELIVERY: list[Callable[[Transition, models.Model, list[str]], int]] = []


def transition_texts(tr: Transition, obj: models.Model) -> tuple[str, str]:
    """The subject and body of a step's notification, in words (state and step labels), in the active language."""
    from bilim.apps.workflow.labels import action_label, state_label

    record = str(obj)
    subject = _("Bilim: %(record)s — new state %(state)s") % {"record": record[:80], "state": state_label(tr.workflow, tr.target)}
    body = _("The record “%(record)s” moved from %(source)s to %(target)s (step: %(action)s).") % {
        "record": record, "source": state_label(tr.workflow, tr.source), "target": state_label(tr.workflow, tr.target),
        "action": action_label(tr.workflow, tr.action),
    }
    if tr.reason:
        body += "\n" + _("Reason: %(reason)s") % {"reason": tr.reason}
    return subject, body


def notify_transition(tr: Transition, obj: models.Model) -> int:
    """Tell the people concerned (in-app and by e-mail through the installed delivery; Django's mail API otherwise)."""
    getter = RECIPIENTS.get(obj._meta.label_lower)
    recipients = sorted({r for r in (getter(obj) if getter else []) if r})
    if not recipients:
        return 0
    if TRANSITION_DELIVERY:
        return TRANSITION_DELIVERY[-1](tr, obj, recipients)
    with translation.override(settings.LANGUAGE_CODE):
        subject, body = transition_texts(tr, obj)
    return send_mail(subject, body, None, recipients, fail_silently=True)


def history(obj: models.Model) -> models.QuerySet[Transition]:
    return Transition.objects.for_object(obj).select_related("actor", "decision")
