"""Token authentication for the API: ``Authorization: Bearer <token>``.

A token is personal, expires (chosen when it is issued, ``BILIM_API_TOKEN_DAYS`` by default, at
most ``BILIM_API_TOKEN_MAX_DAYS``) and can be revoked by its owner; only its SHA-256 is stored.

CSRF protects what a browser's session cookie authorises. A request without an authenticated
session has nothing a forged form could abuse, so :class:`SessionCookieAuth` checks CSRF only when
the session cookie logs someone in; a Bearer request without a session cookie is authenticated by
:class:`TokenAuth` and is not refused by a CSRF check first (browsers never add an Authorization
header to a cross-site form post).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from typing import Any

from django.conf import settings
from django.db import models
from django.http import HttpRequest
from django.utils import timezone
from ninja.security import HttpBearer, SessionAuth

LAST_USED_RESOLUTION = dt.timedelta(minutes=1)  # "last used" is written at most once a minute


def token_days_default() -> int:
    return int(getattr(settings, "BILIM_API_TOKEN_DAYS", 90))


def token_days_max() -> int:
    return int(getattr(settings, "BILIM_API_TOKEN_MAX_DAYS", 365))


def _digest(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


class ApiTokenQuerySet(models.QuerySet["ApiToken"]):
    def usable(self, at: dt.datetime | None = None) -> ApiTokenQuerySet:
        """Tokens that authenticate now: not revoked, not expired, of an active user."""
        return self.filter(revoked_at__isnull=True, expires_at__gt=at or timezone.now(), user__is_active=True)


class ApiToken(models.Model):
    """A personal API token (only its SHA-256 is stored); it expires and its owner may revoke it."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100)
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        app_label = "api"

    @property
    def status(self) -> str:
        """``revoked``, ``expired`` or ``active`` (a code; templates translate it)."""
        if self.revoked_at is not None:
            return "revoked"
        if self.expires_at <= timezone.now():
            return "expired"
        return "active"

    @staticmethod
    def issue(user: Any, name: str, days: int | None = None) -> tuple[ApiToken, str]:
        """Create a token valid for ``days`` (1 … BILIM_API_TOKEN_MAX_DAYS); returns it and its raw value."""
        days = token_days_default() if days is None else days
        if not 1 <= days <= token_days_max():
            raise ValueError(f"token validity must be 1…{token_days_max()} days")
        raw = secrets.token_urlsafe(32)
        token = ApiToken.objects.create(user=user, name=name, digest=_digest(raw), expires_at=timezone.now() + dt.timedelta(days=days))
        return token, raw


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Any:
        now = timezone.now()
        found = ApiToken.objects.usable(now).select_related("user").filter(digest=_digest(token)).first()
        if found is None:
            return None
        if found.last_used_at is None or found.last_used_at < now - LAST_USED_RESOLUTION:
            ApiToken.objects.filter(pk=found.pk).update(last_used_at=now)
        request.user = found.user
        return found.user


class SessionCookieAuth(SessionAuth):
    """Django's session, with the CSRF check only when the session cookie authenticates someone."""

    def _get_key(self, request: HttpRequest) -> str | None:
        user = getattr(request, "user", None)
        if not getattr(user, "is_authenticated", False):
            return None  # no logged-in session: nothing for CSRF to protect, let the token decide
        return super()._get_key(request)
