"""Consistency check of quota places (OSU-4.8-IRD-4, OSU-4.8-IRD-13): places used = files holding a place, per call and
per agreement/year/level quota. Prints every disagreement and exits with status 1 when there is one (for cron/CI)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from bilim.apps.mobility.selectors import place_inconsistencies


class Command(BaseCommand):
    help = "Check that the places used of every call and agreement quota equal the files holding a place (exit 1 if not)."

    def handle(self, *args: Any, **opts: Any) -> None:
        problems = place_inconsistencies()
        if not problems:
            self.stdout.write("quota places consistent")
            return
        for p in problems:
            self.stdout.write(str(p))
        self.stderr.write(f"{len(problems)} inconsistency(ies) in quota places")
        raise SystemExit(1)
