"""Daily reminders (cron): host results documents and report due within a month of the end of the stay
(OSU-4.8-STU-12), staff advance expense reports due within 5 working days (OSU-4.8-STAFF-5); overdue host documents
also raise an alert task for the student's faculty, assigned to its deputy dean for IR (OSU-4.8-VDIR-12)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand

from bilim.apps.mobility.notifications import send_reminders


class Command(BaseCommand):
    help = "E-mail reminders before mobility deadlines and notices of overdue ones (run daily)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--date", help="evaluate as of this date (YYYY-MM-DD); default today")
        parser.add_argument("--days-before", type=int, default=7, help="remind this many days before a deadline")

    def handle(self, *args: Any, **opts: Any) -> None:
        on = dt.date.fromisoformat(opts["date"]) if opts.get("date") else None
        from bilim.apps.mobility.services_office import overdue_alerts_raise

        sent = send_reminders(on=on, days_before=opts["days_before"])
        alerts = overdue_alerts_raise(on=on)
        self.stdout.write(f"{sent} reminder(s) sent, {len(alerts)} alert(s) raised")
