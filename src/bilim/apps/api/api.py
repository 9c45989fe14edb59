"""The JSON API under /api/v1/ (django-ninja; OpenAPI schema at /api/v1/openapi.json, docs at /api/v1/docs)."""

from __future__ import annotations

from ninja import NinjaAPI, Swagger
from ninja.security import APIKeyHeader

from bilim.apps.api.auth import SessionCookieAuth, TokenAuth

api = NinjaAPI(
    title="Bilim API",
    version="1",
    urls_namespace="api",
    auth=[SessionCookieAuth(), TokenAuth()],  # a logged-in session (with CSRF) or a Bearer token
    # Swagger UI from django-ninja's own static files ("ninja" is an installed app, so no CDN); validatorUrl
    # None: the UI would otherwise post the schema to validator.swagger.io for its badge (offline: no host).
    docs=Swagger(settings={"validatorUrl": None}),
)

from bilim.apps.api import rules_api  # noqa: E402,F401  (registers routes)

__all__ = ["api", "APIKeyHeader"]
from bilim.apps.admissions import api as _admissions_api  # noqa: E402,F401
from bilim.apps.api import reference as _reference_api  # noqa: E402,F401  (foundation records endpoints)
from bilim.apps.desk import api as _desk_api  # noqa: E402,F401
from bilim.apps.governance import api as _governance_api  # noqa: E402,F401
from bilim.apps.mobility import api as _mobility_api  # noqa: E402,F401  (mobility router)
from bilim.apps.programmes import api as _programmes_api  # noqa: E402,F401
from bilim.apps.registration import api as _registration_api  # noqa: E402,F401
from bilim.apps.standing import api as _standing_api  # noqa: E402,F401
from bilim.apps.thesis import api as _thesis_api  # noqa: E402,F401
from bilim.apps.workflow.services import TransitionRefused  # noqa: E402


@api.exception_handler(TransitionRefused)
def _refused(request, exc: TransitionRefused):
    """A step refused by the transition service: 409 (403 without the authority) with ``detail`` (the sentences),
    ``rule_ids`` (every rule that forbids it) and ``explanation`` (each rule's sentence), in the reader's language."""
    from django.utils.translation import get_language

    lang = getattr(exc, "lang", None) or (get_language() or "ky")[:2]
    status = 403 if exc.code == "authority" else 409
    return api.create_response(request, {"detail": "; ".join(exc.messages(lang)), "code": exc.code, "rule_ids": exc.rule_ids,
                                         "explanation": [e.message(lang) for e in exc.explanations]}, status=status)
