"""``bilim seed [--students N]``: load the deterministic demo data and print the demo accounts."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from bilim.apps.core import seed


class Command(BaseCommand):
    help = "Load the deterministic demo data set (into an empty database) and print the demo accounts."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--students", type=int, default=400, help="number of students (default 400)")
        parser.add_argument("--seed", type=int, default=2026, help="random seed (same seed, same data)")
        parser.add_argument("--if-empty", action="store_true", help="do nothing when data is already loaded")

    def handle(self, *args: Any, **opts: Any) -> None:
        if opts["students"] < 1:
            raise CommandError("--students must be at least 1")
        from bilim.apps.org.models import Institution

        if Institution.objects.filter(code="oshsu").exists():
            if opts["if_empty"]:
                self.stdout.write("Demo data already loaded.")
                self._accounts()
                return
            raise CommandError("The database already holds data; use a fresh database (or --if-empty).")
        started = time.monotonic()
        seed.run(students=opts["students"], seed=opts["seed"], quiet=opts["verbosity"] == 0)
        self.stdout.write(self.style.SUCCESS(f"Demo data loaded in {time.monotonic() - started:.1f} s."))
        self._accounts()

    def _accounts(self) -> None:
        from bilim.apps.accounts.models import User

        from django.utils.translation import gettext as _

        self.stdout.write(_("Demo accounts (password for all: %(password)s):") % {"password": seed.DEMO_PASSWORD})
        for user in User.objects.order_by("id"):
            roles = ", ".join(sorted({r.get_role_display() for r in user.roles.all()})) or _("no role (outsider)")
            self.stdout.write(f"  {user.username:<22} {roles}")
