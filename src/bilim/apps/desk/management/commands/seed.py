"""``bilim seed [--students N]``: load the deterministic demo data and print the demo accounts.

The output is the first thing a new user reads (``scripts/start.sh``), so it is short: one line for
the data, one for the notifications the demo sent (kept in the outbox in development, not dumped as
MIME), and one line per demo account saying what that role can try first. ``--accounts`` prints only
the accounts, so that the start script can print them last, below the server's own start-up lines.
"""

from __future__ import annotations

import os
import time
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from bilim.apps.desk import seed

OUTBOX_BACKEND = "bilim.apps.outbox.backends.OutboxEmailBackend"

# What each demo account can try first, and where. Each sentence is true of the default demo data
# (`bilim seed`, 400 students); tests/security/test_firstrun_screen.py checks the claims.
FIRST_STEPS: dict[str, tuple[Any, str]] = {
    "student": (gettext_lazy("apply to the open Mevlana 2027 call"), "/mobility/calls/"),
    "kstudent": (gettext_lazy("own KTMU record: grades, attendance, supervisors"), "/postgrad/students/me/"),
    "staff": (gettext_lazy("apply for a business trip abroad"), "/mobility/trips/new/"),
    "dean_office": (gettext_lazy("the faculty's open mobility tasks"), "/mobility/tasks/"),
    "deputy_dean_ir": (gettext_lazy("two open mobility tasks of the faculty"), "/mobility/tasks/"),
    "deputy_dean_academic": (gettext_lazy("grades of the faculty's students"), "/records/grades/"),
    "programme_leader": (gettext_lazy("students of the Mathematics bachelor programme"), "/people/students/"),
    "ird_officer": (gettext_lazy("student mobility files in every state"), "/mobility/applications/"),
    "head_of_department": (gettext_lazy("the department's staff and their courses"), "/people/staff/"),
    "board_secretary": (gettext_lazy("the Institute Board's decisions, e.g. excuse exams"), "/governance/decisions/"),
    "rector_office": (gettext_lazy("mobility statistics, XLSX, printable presentation"), "/mobility/statistics/"),
    "vice_rector_research": (gettext_lazy("staff trips awaiting the vice-rector's approval"), "/mobility/trips/"),
    "accounting": (gettext_lazy("tuition debts on the dashboard"), "/dashboard/"),
    "auditor": (gettext_lazy("every record and the audit trail, read-only"), "/audit/"),
    "admin": (gettext_lazy("everything, and the e-mails the demo sent (Outbox)"), "/outbox/"),
    "outsider": (gettext_lazy("no role: only the public calls and regulations"), "/regulations/"),
    "bt_secretary": (gettext_lazy("the Board of Trustees: next meeting, urgent decision"), "/governance/mine/"),
    "kinstructor": (gettext_lazy("scores and attendance of the running KTMU course"), "/postgrad/courses/"),
    "kinstitute": (gettext_lazy("the published special and excuse exams"), "/postgrad/exams/"),
    "kfos_head": (gettext_lazy("supervisions in the field of science"), "/postgrad/supervision/"),
    "kadmissions": (gettext_lazy("2027 admissions: ranking and lists"), "/admissions/rounds/"),
    "ksupervisor": (gettext_lazy("course selections to approve, an add/drop"), "/desk/"),
    "krector": (gettext_lazy("KTMU dismissal cases and the rector's orders"), "/postgrad/status/"),
    "kphd": (gettext_lazy("own thesis: qualifying exam, proposal, supervisor"), "/postgrad/thesis/me/"),
}


def console_language() -> str:
    """The language of the console lines: ``BILIM_LANG``, else the terminal's ``LANG`` when Bilim
    speaks it (ru_RU.UTF-8 → ru), else the interface default (Kyrgyz)."""
    codes = {code for code, _name in settings.LANGUAGES}
    for candidate in (os.environ.get("BILIM_LANG", ""), os.environ.get("LANG", "")):
        code = candidate[:2].lower()
        if code in codes:
            return code
    return settings.LANGUAGE_CODE


def outbox_count() -> int | None:
    """Messages in the outbox, or None when mail does not go to the outbox (production settings)."""
    if settings.EMAIL_BACKEND != OUTBOX_BACKEND:
        return None
    from bilim.apps.outbox.models import Message

    return Message.objects.count()


class Command(BaseCommand):
    help = "Load the deterministic demo data set (into an empty database) and print the demo accounts."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--students", type=int, default=400, help="number of students (default 400)")
        parser.add_argument("--seed", type=int, default=2026, help="random seed (same seed, same data)")
        parser.add_argument("--if-empty", action="store_true", help="do nothing when data is already loaded")
        parser.add_argument("--accounts", action="store_true", help="only print the demo accounts and what each can try first")
        parser.add_argument("--no-accounts", action="store_true", help="load (or skip) the data without printing the accounts")
        parser.add_argument("--url", default="", help="the server's address, printed as the last line with the accounts")

    def handle(self, *args: Any, **opts: Any) -> None:
        from bilim.apps.org.models import Institution

        console = console_language()  # the lines printed here; the data (and its e-mails) keep the default
        if opts["accounts"]:
            with translation.override(console):
                self._accounts(opts["url"])
            return
        if opts["students"] < 1:
            raise CommandError("--students must be at least 1")
        if Institution.objects.filter(code="oshsu").exists():
            if not opts["if_empty"]:
                raise CommandError("The database already holds data; use a fresh database (or --if-empty).")
            with translation.override(console):
                self.stdout.write(_("Demo data already loaded."))
        else:
            before = outbox_count()
            started = time.monotonic()
            seed.run(students=opts["students"], seed=opts["seed"], quiet=opts["verbosity"] == 0)
            seconds = time.monotonic() - started
            after = outbox_count()
            with translation.override(console):
                self.stdout.write(self.style.SUCCESS(_("Demo data loaded in %(seconds).1f s.") % {"seconds": seconds}))
                if before is not None and after is not None and after > before:
                    n = after - before
                    line = ngettext("%(n)d notification queued — see Outbox (%(path)s, as admin).",
                                    "%(n)d notifications queued — see Outbox (%(path)s, as admin).", n)
                    self.stdout.write(line % {"n": n, "path": "/outbox/"})
        if not opts["no_accounts"]:
            with translation.override(console):
                self._accounts(opts["url"])

    def _accounts(self, url: str) -> None:
        from bilim.apps.accounts.models import User

        self.stdout.write(_("Demo accounts (password for all: %(password)s) — what to try first:") % {"password": seed.DEMO_PASSWORD})
        for user in User.objects.order_by("id").prefetch_related("roles"):
            if not user.has_usable_password():  # people in the demo data who cannot log in (e.g. admission candidates)
                continue
            step = FIRST_STEPS.get(user.username)
            if step is not None:
                self.stdout.write(f"  {user.username:<21}{step[1]:<24}{step[0]}")
            else:  # an account the demo data did not create: its roles
                roles = ", ".join(sorted({str(r.get_role_display()) for r in user.roles.all()})) or _("no role (outsider)")
                self.stdout.write(f"  {user.username:<21} {roles}")
        if url:
            self.stdout.write(self.style.SUCCESS(_("Bilim is running at %(url)s — log in with an account above; Ctrl+C stops it.") % {"url": url}))
