from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from bilim.apps.accounts.permissions import role_codes


def bilim(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    roles = sorted(role_codes(user)) if user is not None else []
    return {"bilim_roles": roles, "bilim_version": "0.1.0"}
