"""Sections of the KTMU student's page contributed by other apps (leave, thesis, registration…).

An app appends ``(template_name, context_builder)`` in its ``AppConfig.ready``; the student page renders
each template with ``context_builder(request, student)`` (a dict) — so the page shows every part of the
student's life without the postgrad app importing the apps that keep them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

STUDENT_SECTIONS: list[tuple[str, Callable[[Any, Any], dict[str, Any]]]] = []


def register_section(template: str, builder: Callable[[Any, Any], dict[str, Any]]) -> None:
    if all(t != template for t, _ in STUDENT_SECTIONS):
        STUDENT_SECTIONS.append((template, builder))
