from __future__ import annotations

from typing import Any

from django.http import HttpRequest


def desk(request: HttpRequest) -> dict[str, Any]:
    """The bell's unread count (lazy: one COUNT query only when a page shows the bell)."""
    from django.utils.functional import SimpleLazyObject

    from bilim.apps.desk.notifications import unread_count

    user = getattr(request, "user", None)
    return {"unread_notifications": SimpleLazyObject(lambda: unread_count(user)) if user is not None else 0}
