"""Shared helpers for the auth security tests (login throttling, client address, tokens)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client, override_settings

PASSWORD = "correct-horse-battery-9"
FAST_HASHER = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # tests only: keeps many log-ins fast


@pytest.fixture
def axes_on(db: Any) -> Iterator[None]:
    """Login throttling enabled (tests/conftest.py turns it off for the rest of the suite)."""
    with override_settings(AXES_ENABLED=True, AXES_FAILURE_LIMIT=5, AXES_IP_FAILURE_LIMIT=8, PASSWORD_HASHERS=FAST_HASHER):
        cache.clear()
        yield
        cache.clear()


def make_user(username: str, email: str, **extra: Any) -> Any:
    from bilim.apps.accounts.models import User

    with override_settings(PASSWORD_HASHERS=FAST_HASHER):
        return User.objects.create_user(username=username, email=email, password=PASSWORD, **extra)


def login(client: Client, username: str, password: str, **headers: Any) -> Any:
    return client.post("/accounts/login/", {"username": username, "password": password}, **headers)


def logged_in(response: Any) -> bool:
    """A successful log-in redirects (302) and leaves a session for the user."""
    return response.status_code == 302 and "_auth_user_id" in response.wsgi_request.session
