"""``bilim registration_tick``: the system's steps of KTMU-W-13 — automatic approval when the supervisor did not answer
in time (KTMU-26(13)-3), the end of the renewal period, the freeze after replacements, the semester's close."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Run the periodic steps of semester registration (automatic approval, non-renewal, freeze, semester close)."

    def handle(self, *args: Any, **opts: Any) -> None:
        from bilim.apps.registration.services import tick

        for k, v in tick().items():
            self.stdout.write(f"{k}: {v}")
