"""Decisions and orders: record a draft, adopt it, supersede an adopted one. Adopted decisions are immutable.

Each service runs in one transaction, re-checks permission with ``require``, locks the row it
changes and writes an audit event.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from bilim.apps.accounts.permissions import require
from bilim.apps.audit.models import AuditEvent
from bilim.apps.audit.services import record, snapshot
from bilim.apps.governance.models import Body, Decision

EDITABLE_FIELDS = ("number", "date", "title", "text", "subject_type", "subject_id")


class DecisionImmutable(ValidationError):
    """Raised on any attempt to change a decision that is no longer a draft."""


def _immutable(decision: Decision) -> DecisionImmutable:
    return DecisionImmutable(
        _("Decision №%(number)s is %(status)s and can no longer be changed; record a correction that supersedes it instead.")
        % {"number": decision.number, "status": decision.get_status_display().lower()},
        code="immutable",
    )


def _duplicate() -> ValidationError:
    return ValidationError({"number": _("This body already has a decision with this number on this date.")}, code="duplicate")


def decision_create(
    *, actor: Any, body: Body, number: str, date: dt.date, title: str, text: str = "", subject_type: str = "", subject_id: str = "", reason: str = ""
) -> Decision:
    """Record a draft decision of ``body``."""
    require(actor, "governance.record_decision_for_body", body)
    try:
        with transaction.atomic():
            decision = Decision.objects.create(
                body=body, number=number, date=date, title=title, text=text, subject_type=subject_type, subject_id=subject_id,
                created_by=actor if getattr(actor, "is_authenticated", False) else None,
            )
            record(actor=actor, action=AuditEvent.Action.CREATE, obj=decision, reason=reason)
    except IntegrityError:
        raise _duplicate() from None
    return decision


def decision_update(*, actor: Any, decision: Decision, reason: str = "", **changes: Any) -> Decision:
    """Change a draft. Raises :class:`DecisionImmutable` if the decision is adopted, rejected or superseded."""
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    require(actor, "governance.change_decision", decision)
    try:
        with transaction.atomic():
            locked = Decision.objects.select_for_update().get(pk=decision.pk)
            if locked.status != Decision.Status.DRAFT:
                raise _immutable(locked)
            before = snapshot(locked)
            for key, value in changes.items():
                setattr(locked, key, value)
            locked.save(update_fields=list(changes) or None)
            record(actor=actor, action=AuditEvent.Action.UPDATE, obj=locked, before=before, reason=reason)
    except IntegrityError:
        raise _duplicate() from None
    return locked


def decision_adopt(*, actor: Any, decision: Decision, reason: str = "") -> Decision:
    """Draft → adopted. From then on the decision is immutable."""
    require(actor, "governance.adopt_decision", decision)
    with transaction.atomic():
        locked = Decision.objects.select_for_update().get(pk=decision.pk)
        if locked.status != Decision.Status.DRAFT:
            raise _immutable(locked)
        before = snapshot(locked)
        locked.status = Decision.Status.ADOPTED
        locked.adopted_at = timezone.now()
        locked.save(update_fields=["status", "adopted_at"])
        record(actor=actor, action=AuditEvent.Action.TRANSITION, obj=locked, before=before, reason=reason or "adopted")
    return locked


def decision_supersede(
    *, actor: Any, decision: Decision, number: str, date: dt.date, title: str, text: str, reason: str = ""
) -> Decision:
    """Adopt a correction of an adopted decision; the old one becomes superseded. Both are audited."""
    require(actor, "governance.supersede_decision", decision)
    try:
        with transaction.atomic():
            old = Decision.objects.select_for_update().get(pk=decision.pk)
            if old.status != Decision.Status.ADOPTED:
                raise ValidationError(
                    _("Only an adopted decision can be superseded (this one is %(status)s).") % {"status": old.get_status_display().lower()},
                    code="not_adopted",
                )
            if date < old.date:
                raise ValidationError({"date": _("A correction cannot be dated before the decision it corrects.")}, code="date")
            new = Decision.objects.create(
                body=old.body, number=number, date=date, title=title, text=text, subject_type=old.subject_type, subject_id=old.subject_id,
                status=Decision.Status.ADOPTED, supersedes=old, adopted_at=timezone.now(),
                created_by=actor if getattr(actor, "is_authenticated", False) else None,
            )
            before = snapshot(old)
            old.status = Decision.Status.SUPERSEDED
            old.save(update_fields=["status"])
            record(actor=actor, action=AuditEvent.Action.CREATE, obj=new, reason=reason or f"supersedes №{old.number}")
            record(actor=actor, action=AuditEvent.Action.TRANSITION, obj=old, before=before, reason=reason or f"superseded by №{new.number}")
    except IntegrityError:
        raise _duplicate() from None
    return new
