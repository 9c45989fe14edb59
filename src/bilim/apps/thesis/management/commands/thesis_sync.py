"""``bilim thesis_sync``: the system's steps of W-12, run daily — release the thesis-submission locks whose day
has come (KTMU-23(2)-1) and suspend / resume supervision as the students' status says (KTMU-21(10)-1)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from bilim.apps.thesis import models as m
from bilim.apps.thesis import services as s
from bilim.apps.workflow.services import TransitionRefused


class Command(BaseCommand):
    help = "Release due thesis-submission locks and suspend/resume supervision by the students' status (W-12 system steps)."

    def handle(self, *args: Any, **opts: Any) -> None:
        released = s.supervision_locks_release_due(actor=None)
        moved = 0
        for file in m.SupervisionFile.objects.filter(state__in=["SUPERVISED", "THESIS_LOCK", "SUSPENDED", "SUSPENDED_LOCKED"]).select_related("student"):
            try:
                if s.supervision_sync_status(actor=None, file=file) is not None:
                    moved += 1
            except TransitionRefused:
                continue
        self.stdout.write(f"locks released: {released}; supervision suspended/resumed: {moved}")
