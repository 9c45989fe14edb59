"""KTMU student status (leave, academic leave, dismissal, plagiarism): the JSON API under /api/v1/postgrad/status/"""

from __future__ import annotations

from ninja import Router

router = Router(tags=["standing"])

from bilim.apps.api.api import api  # noqa: E402

# (routes above) — mounted last so every route is registered first
api.add_router("/postgrad/status", router)
