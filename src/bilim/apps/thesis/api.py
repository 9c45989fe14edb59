"""KTMU languages, preparation, supervision and thesis: the JSON API under /api/v1/postgrad/thesis/"""

from __future__ import annotations

from ninja import Router

router = Router(tags=["thesis"])

from bilim.apps.api.api import api  # noqa: E402

# (routes above) — mounted last so every route is registered first
api.add_router("/postgrad/thesis", router)
