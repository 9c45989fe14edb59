"""Read-side queries for the dashboard and the public home page."""

from __future__ import annotations

from typing import Any

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from bilim.apps.accounts.permissions import can, role_codes
from bilim.apps.org.models import Institution

# (action needed, title, url name) — apps add their entries in DASHBOARD_LINKS.
DASHBOARD_LINKS: list[tuple[str, Any, str]] = []


def public_stats() -> dict[str, int]:
    return {"institutions": Institution.objects.count()}


def dashboard_panels(user: Any) -> dict[str, Any]:
    links = []
    for action, title, url_name in DASHBOARD_LINKS:
        if can(user, action):
            try:
                links.append({"title": title, "url": reverse(url_name)})
            except NoReverseMatch:
                continue
    return {"roles": sorted(role_codes(user)), "links": links, "welcome": _("Welcome to Bilim")}
