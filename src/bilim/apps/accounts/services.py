"""Account services: personal API tokens (issue, revoke), each one transaction with an audit row."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from bilim.apps.accounts.permissions import role_codes
from bilim.apps.api.models import ApiToken
from bilim.apps.audit.models import AuditEvent
from bilim.apps.audit.services import record


def _token_state(token: ApiToken) -> dict[str, Any]:
    """What the audit trail keeps of a token (never its digest)."""
    return {
        "name": token.name,
        "user": token.user_id,
        "expires_at": token.expires_at.isoformat() if token.expires_at else None,
        "revoked_at": token.revoked_at.isoformat() if token.revoked_at else None,
    }


def token_issue(*, actor: Any, name: str, days: int | None = None) -> str:
    """Issue a personal API token for ``actor`` valid for ``days`` (audited; only the digest is stored)."""
    if not role_codes(actor) and not getattr(actor, "is_superuser", False):
        raise PermissionDenied("accounts.issue_token")
    with transaction.atomic():
        token, raw = ApiToken.issue(actor, name, days)
        record(actor=actor, action=AuditEvent.Action.CREATE, obj=token, after=_token_state(token), reason="API token issued")
    return raw


def token_revoke(*, actor: Any, token_id: int) -> ApiToken:
    """Revoke one of ``actor``'s own tokens (idempotent; audited). Another user's token: PermissionDenied."""
    with transaction.atomic():
        token = ApiToken.objects.select_for_update().filter(pk=token_id).first()
        if token is None or token.user_id != getattr(actor, "pk", None):
            raise PermissionDenied("accounts.revoke_token")
        if token.revoked_at is None:
            before = _token_state(token)
            token.revoked_at = timezone.now()
            token.save(update_fields=["revoked_at"])
            record(actor=actor, action=AuditEvent.Action.UPDATE, obj=token, before=before, after=_token_state(token), reason="API token revoked")
    return token
