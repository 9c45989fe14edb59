"""Login throttling by account and by client address, whatever spelling of the name is typed.

The log-in backend accepts the username in any letter case or the e-mail address, so counting
failures per typed string (django-axes' default) gave every spelling its own five attempts, and a
success under another spelling cleared the lock. Here:

* :func:`canonical_username` (``AXES_USERNAME_CALLABLE``) maps whatever was typed to the account's
  username, the same way the backend finds the account; a name that matches no single account is
  folded to lower case, so unknown names are throttled the same way (no enumeration by lock-out).
* :class:`AccountAndIpLockoutHandler` (``AXES_HANDLER``) locks the account after
  ``AXES_FAILURE_LIMIT`` failures from anywhere, and the client address after
  ``AXES_IP_FAILURE_LIMIT`` failures on any accounts. A success clears only that account's
  failures, never the address's (else one valid account would wipe an attacker's address count).
"""

from __future__ import annotations

from typing import Any

from axes.conf import settings
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username, get_failure_limit
from axes.models import AccessAttempt
from axes.signals import user_locked_out
from django.db.models import Q, Sum
from django.http import HttpRequest

from bilim.apps.accounts.models import User

_MAX_LEN = 255  # AccessAttempt.username


def _typed_name(request: HttpRequest | None, credentials: dict[str, Any] | None) -> str | None:
    field = str(settings.AXES_USERNAME_FORM_FIELD)
    if credentials:
        value = credentials.get(field)
    elif request is not None:
        value = getattr(request, "data", request.POST).get(field)
    else:
        value = None
    if not isinstance(value, str) or not value.strip():
        return None
    return value.strip()


def canonical_username(request: HttpRequest | None, credentials: dict[str, Any] | None) -> str | None:
    """The account's username for what was typed (any case, or the e-mail), else the name in lower case."""
    typed = _typed_name(request, credentials)
    if typed is None:
        return None
    if "\x00" in typed:  # never a real name, and PostgreSQL refuses NUL in a query
        return typed.replace("\x00", "").lower()[:_MAX_LEN] or None
    memo: dict[str, str] | None = getattr(request, "_bilim_axes_names", None) if request is not None else None
    if memo is not None and typed in memo:
        return memo[typed]
    users = list(User.objects.filter(Q(username__iexact=typed) | Q(email__iexact=typed)).values_list("username", flat=True)[:2])
    name = (users[0] if len(users) == 1 else typed.lower())[:_MAX_LEN]
    if request is not None:
        if memo is None:
            memo = {}
            request._bilim_axes_names = memo  # type: ignore[attr-defined]
        memo[typed] = name
    return name


def ip_failure_limit() -> int:
    return max(int(getattr(settings, "AXES_IP_FAILURE_LIMIT", 20)), 1)


class AccountAndIpLockoutHandler(AxesDatabaseHandler):
    """Axes' database handler with two limits: one per account, a higher one per client address.

    Needs ``AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]``: ``filter_user_attempts`` then
    returns the account's attempts first and the address's attempts second.
    """

    def _account_and_ip_failures(self, request: HttpRequest, credentials: dict[str, Any] | None) -> tuple[int, int]:
        account, ip = self.get_user_attempts(request, credentials)
        total = [qs.aggregate(n=Sum("failures_since_start"))["n"] or 0 for qs in (account, ip)]
        return total[0], total[1]

    def get_failures(self, request: HttpRequest, credentials: dict[str, Any] | None = None) -> int:
        """The account's failures (compared by axes with ``AXES_FAILURE_LIMIT``)."""
        return self._account_and_ip_failures(request, credentials)[0]

    def is_locked(self, request: HttpRequest, credentials: dict[str, Any] | None = None) -> bool:
        if not settings.AXES_LOCK_OUT_AT_FAILURE:
            return False
        account, ip = self._account_and_ip_failures(request, credentials)
        return account >= get_failure_limit(request, credentials) or ip >= ip_failure_limit()

    def user_login_failed(self, sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: Any) -> None:
        super().user_login_failed(sender, credentials, request, **kwargs)
        if request is None or getattr(request, "axes_locked_out", False) or not settings.AXES_LOCK_OUT_AT_FAILURE:
            return
        if self._account_and_ip_failures(request, credentials)[1] >= ip_failure_limit():
            request.axes_locked_out = True  # type: ignore[attr-defined]
            request.axes_credentials = credentials  # type: ignore[attr-defined]
            user_locked_out.send("axes", request=request, username=get_client_username(request, credentials),
                                 ip_address=request.axes_ip_address)  # type: ignore[attr-defined]

    def reset_user_attempts(self, request: HttpRequest, credentials: dict[str, Any] | None = None) -> int:
        """After a successful log-in: forget the account's failures, not the address's."""
        username = get_client_username(request, credentials)
        if not username:
            return 0
        count, _ = AccessAttempt.objects.filter(username=username).delete()
        return count
