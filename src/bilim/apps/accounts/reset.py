"""Password reset, rate-limited per e-mail address and per client address.

Every accepted request sends an e-mail, so without a limit anyone could flood a person's mailbox
(or the outgoing mail server) from a script. Requests are counted in the Django cache (shared
across app servers when ``REDIS_URL`` is set) in a fixed window of
``BILIM_PASSWORD_RESET_WINDOW`` seconds: at most ``BILIM_PASSWORD_RESET_PER_EMAIL`` for one typed
address and ``BILIM_PASSWORD_RESET_PER_IP`` from one client. The count is kept for the typed
address whether or not an account has it, and the refusal reads the same, so the limit reveals
nothing about who has an account.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import PasswordResetForm
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.translation import gettext

from bilim.apps.accounts.client_ip import client_ip


def _within_limit(key: str, limit: int, window: int) -> bool:
    """Count one request under ``key``; is the count still within ``limit``?"""
    cache.add(key, 0, window)
    try:
        count = cache.incr(key)
    except ValueError:  # the window ended between add() and incr()
        cache.set(key, 1, window)
        count = 1
    return count <= limit


def reset_allowed(*, email: str, ip: str | None) -> bool:
    """Count a password-reset request for ``email`` from ``ip``; False when either limit is reached."""
    window = int(getattr(settings, "BILIM_PASSWORD_RESET_WINDOW", 3600))
    email_key = "bilim:pwreset:email:" + hashlib.sha256(email.strip().lower().encode()).hexdigest()
    ip_key = "bilim:pwreset:ip:" + hashlib.sha256((ip or "unknown").encode()).hexdigest()
    by_ip = _within_limit(ip_key, int(getattr(settings, "BILIM_PASSWORD_RESET_PER_IP", 10)), window)
    by_email = _within_limit(email_key, int(getattr(settings, "BILIM_PASSWORD_RESET_PER_EMAIL", 3)), window)
    return by_ip and by_email


class ThrottledPasswordResetView(auth_views.PasswordResetView):
    """Django's password reset, refused with a clear message (429) once a limit is reached."""

    def form_valid(self, form: PasswordResetForm) -> HttpResponse:
        if not reset_allowed(email=form.cleaned_data["email"], ip=client_ip(self.request)):
            form.add_error("email", gettext("Too many password reset requests. Please try again later."))
            response = self.form_invalid(form)
            response.status_code = 429
            return response
        return super().form_valid(form)
