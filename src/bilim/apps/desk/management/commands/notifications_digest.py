"""``bilim notifications_digest [--date YYYY-MM-DD] [--enqueue]``: one e-mail per person who chose the daily digest.

Run it once a day (cron, systemd timer) after the working day; ``--enqueue`` hands the work to the task queue instead.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Send each person who chose the daily digest one e-mail with the day's unread notifications."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--date", default="", help="the day whose notifications are sent (YYYY-MM-DD; default today)")
        parser.add_argument("--enqueue", action="store_true", help="enqueue the work as a background task")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            on = dt.date.fromisoformat(options["date"]) if options["date"] else None
        except ValueError as exc:
            raise CommandError(f"--date: {exc}") from None
        if options["enqueue"]:
            from bilim.apps.desk.tasks import notifications_digest

            result = notifications_digest.enqueue(on.isoformat() if on else "")
            self.stdout.write(f"enqueued {result.id}")
            return
        from bilim.apps.desk.notifications import send_digests

        self.stdout.write(f"{send_digests(on=on)} digest e-mail(s) sent")
