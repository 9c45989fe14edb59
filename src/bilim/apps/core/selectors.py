"""The dashboard-link registry: the ground every app writes into and the desk reads.

Each app appends ``(action needed, title, url name)`` in its ``AppConfig.ready``; the desk
(:mod:`bilim.apps.desk.dashboard`) shows the entries whose action the reader holds. Kept here, in
``core``, so that the domain apps register without importing the desk above them.
"""

from __future__ import annotations

from typing import Any

# (action needed, title, url name) — apps add their entries in DASHBOARD_LINKS.
DASHBOARD_LINKS: list[tuple[str, Any, str]] = []
