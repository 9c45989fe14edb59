"""What a person may do now with a record, asked of the same checks the transition service enforces; and the way back.

:func:`allowed_actions` answers, for one record and one user, every step of the record's table from its current
state: *allowed now*; *not allowed yet* with the reason in words (the failing guard rules' explanations and IDs, the
step and role that must come first, the body whose decision is awaited); or *hidden* — a step this user can never
take (an office's step for a student). It is a dry run of :func:`~bilim.apps.workflow.services.judge` on the current
row, the function :func:`~bilim.apps.workflow.services.transition_apply` runs on the locked row: nothing is locked and
nothing is written, so the page offers exactly what the service would accept.

:func:`transition_step_back` takes a record back to the state it came from, for the office that owns the table
(declared per subject: ``register_subject(..., step_back_roles=…, step_back_from=…)``), with a reason: a Transition
row (action ``step_back``), an audit event (before/after, reason) and the app's ``ON_MOVE`` hooks, like any move.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from bilim.apps.workflow import services as engine
from bilim.apps.workflow.labels import action_label, state_label
from bilim.apps.workflow.registry import subject_of
from bilim.regulations.workflows.core import get_workflow

STEP_BACK = "step_back"

#: ``facts(obj, action)``: the guard facts of one step of ``obj`` (as a facts builder gives them to the service), or
#: None when the app cannot gather them before the step (the step's guards are then judged when it is taken)
DryFacts = Callable[[models.Model, str], Mapping[str, Any] | None]


def _lang() -> str:
    code = (get_language() or "ky")[:2]
    return code if code in {"ky", "ru", "en", "tr"} else "ky"


@dataclass(frozen=True)
class ActionOption:
    """One step of the table for one viewer: allowed now, or not yet and why. Hidden steps are not in the set."""

    action: str
    target: str
    label: str
    allowed: bool
    #: ok · unchecked (guards judged when the step is taken) · guard · order (another step/role comes first) · body
    code: str = "ok"
    reasons: tuple[str, ...] = ()
    rule_ids: tuple[str, ...] = ()

    @property
    def reason(self) -> str:
        return " ".join(self.reasons)


@dataclass
class Actions(Mapping[str, ActionOption]):
    """The steps one viewer sees for one record, by action code; ``step_back`` when the viewer may step the file back."""

    workflow_code: str
    state: str
    options: dict[str, ActionOption] = field(default_factory=dict)
    step_back: ActionOption | None = None

    def __getitem__(self, key: str) -> ActionOption:
        return self.options[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self.options)

    def __len__(self) -> int:
        return len(self.options)

    @property
    def state_label(self) -> str:
        return state_label(self.workflow_code, self.state)

    def allowed(self, action: str) -> bool:
        o = self.options.get(action)
        return bool(o and o.allowed)

    def visible(self) -> list[ActionOption]:
        return list(self.options.values())


def _permitted(actor: Any, perm: str | None, obj: models.Model) -> bool:
    if not perm:
        return True
    from bilim.apps.accounts.permissions import require

    try:
        require(actor, perm, obj)
    except PermissionDenied:
        return False
    return True


def _refusal_reasons(e: Exception) -> tuple[tuple[str, ...], tuple[str, ...]]:
    if isinstance(e, engine.TransitionRefused):
        msgs = [m for m in e.messages(_lang())]
        return tuple(dict.fromkeys(msgs)), tuple(e.rule_ids)
    if isinstance(e, ValidationError):
        return tuple(e.messages), ()
    return (str(e),), ()


def _judge_dry(row: Any, obj: models.Model, actor: Any, facts: Mapping[str, Any] | None, decision: Any, as_of: Any,
               body_by_permission: bool) -> ActionOption | None:
    """The option of one row for a viewer who holds its authority; None when the viewer cannot take it at all."""
    if not body_by_permission and not engine._has_authority(actor, row.authority, obj, decision):
        return None  # never this viewer's step (whatever its guards say): not shown
    code = "ok"
    guards = tuple(row.guards)
    if guards:
        given = dict(facts or {})
        missing = [g for g in guards if g not in given]
        if missing:
            code = "unchecked"  # the service gathers these facts on the locked row; judged when the step is taken
            given = {g: v for g, v in given.items() if g in guards}
        if given:
            try:
                result = engine.evaluate_guards([g for g in guards if g in given], given, as_of)
            except engine.TransitionRefused as e:
                reasons, rule_ids = _refusal_reasons(e)
                return ActionOption(row.action, row.target, "", False, "guard", reasons, rule_ids)
            if result.failures:
                lang = _lang()
                return ActionOption(row.action, row.target, "", False, "guard",
                                    tuple(o.explanation.message(lang) for o in result.failures),
                                    tuple(dict.fromkeys(r for o in result.failures for r in o.explanation.all_rule_ids())))
    return ActionOption(row.action, row.target, "", True, code)


def allowed_actions(
    *,
    actor: Any,
    obj: models.Model,
    workflow_code: str,
    state_field: str | None = None,
    facts: DryFacts | None = None,
    permission: str | Mapping[str, str] | None = None,
    decision: Any = None,
    as_of: Any = None,
    hide: tuple[str, ...] = (),
) -> Actions:
    """Every step of ``obj``'s table from its current state, as ``actor`` may see it (see the module docstring).

    ``facts`` (default: the subject's registered ``facts``) gives the guard facts of a step; a FAIL makes the step
    disabled with the rule's explanation; a guard without facts leaves the step allowed (``unchecked``: the service
    judges it on the locked row). ``permission``: the app's permission (one for all steps, or per action) the
    service requires first — a viewer without it never sees the step. A step that only a body decides is offered to a
    viewer with that step's permission (the app records the body's order); to others it is hidden. ``hide``: steps the
    page offers elsewhere (or never by hand).
    """
    subject = subject_of(obj, workflow_code)
    state_field = state_field or (subject.state_field if subject else "state")
    facts = facts or (subject.facts if subject else None)
    wf = get_workflow(workflow_code)
    state = getattr(obj, state_field)
    out = Actions(workflow_code, state)
    rows = [r for r in wf.actions_from(state) if r.action not in hide]
    if not getattr(actor, "is_authenticated", False):
        return out
    for row in rows:
        perm = permission.get(row.action) if isinstance(permission, Mapping) else permission
        if not _permitted(actor, perm, obj):
            continue
        roles = [a for a in row.authority if a.startswith("role:")]
        bodies = [a for a in row.authority if a.startswith("body:")]
        body_by_permission = bool(bodies) and bool(perm) and decision is None  # the app records the body's order
        if not roles and not bodies:
            continue  # the system's own step: nobody clicks it
        try:
            step_facts = facts(obj, row.action) if facts else None
        except (engine.TransitionRefused, ValidationError) as e:
            if not body_by_permission and not engine._has_authority(actor, row.authority, obj, decision):
                continue
            reasons, rule_ids = _refusal_reasons(e)
            out.options[row.action] = ActionOption(row.action, row.target, action_label(workflow_code, row.action), False,
                                                   "guard", reasons, rule_ids)
            continue
        option = _judge_dry(row, obj, actor, step_facts, decision, as_of, body_by_permission)
        if option is None:
            continue
        out.options[row.action] = ActionOption(option.action, option.target, action_label(workflow_code, row.action),
                                               option.allowed, option.code, option.reasons, option.rule_ids)
    _add_out_of_turn(out, wf, rows, obj, actor, permission, decision, hide)
    out.step_back = step_back_option(actor=actor, obj=obj, workflow_code=workflow_code, state_field=state_field)
    return out


def _add_out_of_turn(out: Actions, wf: Any, rows: list[Any], obj: models.Model, actor: Any, permission: Any,
                     decision: Any, hide: tuple[str, ...]) -> None:
    """A viewer whose step comes right after another role's step sees it disabled, naming who acts first and the
    rule that sets the order (an approver out of turn, a step before the order exists)."""
    for row in rows:
        for nxt in wf.actions_from(row.target):
            if nxt.action in out.options or nxt.action in hide or nxt.source == out.state:
                continue
            if not [a for a in nxt.authority if a.startswith("role:")]:
                continue
            perm = permission.get(nxt.action) if isinstance(permission, Mapping) else permission
            if not _permitted(actor, perm, obj) or not engine._has_authority(actor, nxt.authority, obj, decision):
                continue
            if engine._has_authority(actor, row.authority, obj, decision):
                continue  # the viewer takes the step before too: nothing out of turn
            who = engine.authority_words(row.authority)
            reason = _("Not yet: first %(who)s takes the step “%(step)s”.") % {
                "who": who, "step": action_label(wf.code, row.action)}
            rule_ids = tuple(dict.fromkeys(r for r in (*nxt.guards, *row.guards) if engine._is_rule_id(r))) or tuple(
                r for r in row.refs if engine._is_rule_id(r))[:2]
            out.options[nxt.action] = ActionOption(nxt.action, nxt.target, action_label(wf.code, nxt.action), False,
                                                   "order", (reason,), rule_ids)


# --- stepping back ---------------------------------------------------------------------------------------------------


def _last_move(obj: models.Model, workflow_code: str) -> Any:
    return engine.history(obj).filter(workflow=workflow_code).order_by("-at", "-pk").first()


def step_back_option(*, actor: Any, obj: models.Model, workflow_code: str, state_field: str | None = None) -> ActionOption | None:
    """The way back for this viewer, or None when the viewer may not step this record back at all."""
    subject = subject_of(obj, workflow_code)
    if subject is None or not subject.step_back_roles or not getattr(actor, "is_authenticated", False):
        return None
    if not engine._has_authority(actor, tuple(subject.step_back_roles), obj, None):
        return None
    state_field = state_field or subject.state_field
    state = getattr(obj, state_field)
    if subject.step_back_from is not None and state not in subject.step_back_from:
        return None
    label = _("Step back")
    try:
        last = _step_back_target(obj, workflow_code, state, subject)
    except engine.TransitionRefused as e:
        return ActionOption(STEP_BACK, "", label, False, "invalid", tuple(e.messages(_lang())), tuple(e.rule_ids))
    return ActionOption(STEP_BACK, last.source, label, True, "ok",
                        (_("Back to “%(state)s”.") % {"state": state_label(workflow_code, last.source)},))


def _step_back_target(obj: models.Model, workflow_code: str, state: str, subject: Any) -> Any:
    last = _last_move(obj, workflow_code)
    if last is None or last.target != state:
        raise engine.TransitionRefused(_("This file has no step to go back from."), code="invalid")
    if last.decision_id is not None:
        raise engine.TransitionRefused(
            _("The last step was taken by a decision of a body; only a new decision of that body can change it."), code="invalid")
    if last.action == STEP_BACK:
        raise engine.TransitionRefused(_("The file has just been stepped back; take a step forward first."), code="invalid")
    return last


def transition_step_back(*, actor: Any, obj: models.Model, workflow_code: str, reason: str,
                         state_field: str | None = None, expected_version: int | None = None) -> Any:
    """Take ``obj`` back to the state its last step came from, with a reason (required), for the subject's
    ``step_back_roles``: Transition row ``step_back`` (old, new, actor, reason), audit event, ``ON_MOVE`` hooks."""
    from bilim.apps.audit import services as audit
    from bilim.apps.audit.models import AuditEvent
    from bilim.apps.workflow.models import Transition

    subject = subject_of(obj, workflow_code)
    if subject is None or not subject.step_back_roles:
        raise engine.TransitionRefused(_("Files of this kind cannot be stepped back."), code="invalid")
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason for stepping the file back.")})
    state_field = state_field or subject.state_field
    model = type(obj)
    with transaction.atomic():
        locked = model._default_manager.select_for_update().get(pk=obj.pk)
        if expected_version is not None and getattr(locked, "version", None) != expected_version:
            raise engine.StaleRecord(_("This record was changed by someone else in the meantime. Reload the page and try again."),
                                     code="stale")
        if not engine._has_authority(actor, tuple(subject.step_back_roles), locked, None):
            raise engine.TransitionRefused(
                _("You do not have the authority for this step: %(who)s.") % {"who": engine.authority_words(subject.step_back_roles)},
                code="authority")
        state = getattr(locked, state_field)
        if subject.step_back_from is not None and state not in subject.step_back_from:
            raise engine.TransitionRefused(
                _("A file in state “%(state)s” cannot be stepped back.") % {"state": state_label(workflow_code, state)}, code="invalid")
        last = _step_back_target(locked, workflow_code, state, subject)
        target = last.source
        before = audit.snapshot(locked)
        fields = [state_field]
        move = engine.Move(locked, workflow_code, state_field, state, STEP_BACK, target, actor)
        for hook in engine.ON_MOVE.get(locked._meta.label_lower, []):
            fields += [f for f in hook(move) if f not in fields]
        setattr(locked, state_field, target)
        if hasattr(locked, "version"):
            locked.version = (locked.version or 0) + 1
            fields.append("version")
        locked.save(update_fields=fields)
        tr = Transition.objects.create(
            object_type=locked._meta.label_lower, object_id=str(locked.pk), workflow=workflow_code, source=state,
            action=STEP_BACK, target=target, actor=actor if getattr(actor, "is_authenticated", False) else None,
            reason=reason, explanation=[],
        )
        audit.record(actor=actor, action=AuditEvent.Action.TRANSITION, obj=locked, before=before,
                     after=audit.snapshot(locked), reason=reason)
        for f in fields:
            setattr(obj, f, getattr(locked, f))
        transaction.on_commit(lambda: engine.notify_transition(tr, locked), robust=True)
    return tr
