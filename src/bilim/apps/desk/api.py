"""``GET /api/v1/me/tasks``: the same list as the "My tasks" page."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router
from ninja.errors import HttpError

from bilim.apps.desk.selectors import my_tasks

router = Router(tags=["desk"])


@router.get("/tasks", summary="Every record waiting for my step, oldest first")
def tasks(request: HttpRequest) -> dict[str, Any]:
    user = request.auth if getattr(request, "auth", None) is not None and hasattr(request.auth, "is_authenticated") else request.user  # type: ignore[attr-defined]
    if not getattr(user, "is_authenticated", False):
        raise HttpError(401, "authentication required")
    items = [t.as_dict() for t in my_tasks(user)]
    return {"count": len(items), "items": items}


from bilim.apps.api.api import api  # noqa: E402

api.add_router("/me", router)
