"""Token authentication for the API: ``Authorization: Bearer <token>``."""

from __future__ import annotations

import hashlib
import secrets
from typing import Any

from django.conf import settings
from django.db import models
from django.http import HttpRequest
from django.utils import timezone
from ninja.security import HttpBearer


class ApiToken(models.Model):
    """A personal API token (only its SHA-256 is stored)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100)
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        app_label = "api"

    @staticmethod
    def issue(user: Any, name: str) -> str:
        raw = secrets.token_urlsafe(32)
        ApiToken.objects.create(user=user, name=name, digest=hashlib.sha256(raw.encode()).hexdigest())
        return raw


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Any:
        digest = hashlib.sha256(token.encode()).hexdigest()
        found = ApiToken.objects.select_related("user").filter(digest=digest, user__is_active=True).first()
        if found is None:
            return None
        ApiToken.objects.filter(pk=found.pk).update(last_used_at=timezone.now())
        request.user = found.user
        return found.user
