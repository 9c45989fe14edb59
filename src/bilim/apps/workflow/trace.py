"""A record of the (table, state, action) steps the transition service executed, for ``bilim workflows coverage``.

Off unless a listener is installed: the test plugin (``tests/workflow_plugin.py``) installs one around each
test marked ``@pytest.mark.workflow(...)``. The service calls :func:`executed` after a move committed to
its transaction; the cost when nobody listens is one list check.
"""

from __future__ import annotations

from collections.abc import Callable

LISTENERS: list[Callable[[str, str, str, str], None]] = []


def executed(workflow_code: str, source: str, action: str, target: str) -> None:
    for listener in LISTENERS:
        listener(workflow_code, source, action, target)
