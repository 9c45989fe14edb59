"""KTMU semester registration and credit transfer: the JSON API under /api/v1/postgrad/registration/"""

from __future__ import annotations

from ninja import Router

router = Router(tags=["registration"])

from bilim.apps.api.api import api  # noqa: E402

# (routes above) — mounted last so every route is registered first
api.add_router("/postgrad/registration", router)
