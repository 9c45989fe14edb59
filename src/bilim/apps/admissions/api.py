"""KTMU admissions: the JSON API under /api/v1/admissions/"""

from __future__ import annotations

from ninja import Router

router = Router(tags=["admissions"])

from bilim.apps.api.api import api  # noqa: E402

# (routes above) — mounted last so every route is registered first
api.add_router("/admissions", router)
