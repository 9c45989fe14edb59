"""KTMU programmes, courses and quotas: the JSON API under /api/v1/programmes/"""

from __future__ import annotations

from ninja import Router

router = Router(tags=["programmes"])

from bilim.apps.api.api import api  # noqa: E402

# (routes above) — mounted last so every route is registered first
api.add_router("/programmes", router)
