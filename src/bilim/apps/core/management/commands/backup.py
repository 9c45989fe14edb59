"""``bilim backup [--output PATH]``: the database and the uploaded files in one verified archive.

A thin wrapper around :func:`bilim.apps.core.backup.create_backup`; see the README's "Backup and
restore" section for what the archive holds and how to schedule it.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from bilim.apps.core.backup import BackupError, create_backup


class Command(BaseCommand):
    help = (
        "Write the database (pg_dump custom format, or SQLite's online backup) and the uploaded files into one "
        "bilim-backup-<UTC timestamp>.tar.gz with a manifest of row counts and SHA-256 checksums."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--output",
            metavar="PATH",
            help="archive file to write, or an existing directory to write bilim-backup-<timestamp>.tar.gz into "
            "(default: the current directory)",
        )

    def handle(self, *args: Any, **opts: Any) -> None:
        try:
            outcome = create_backup(opts["output"])
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        except DatabaseError as exc:
            raise CommandError(f"The database could not be read: {exc}".strip()) from exc
        except OSError as exc:
            raise CommandError(f"The backup could not be written: {exc}") from exc
        self.stdout.write(
            self.style.SUCCESS(f"Backup written to {outcome.path} ({outcome.describe()}) in {outcome.seconds:.1f} s.")
        )
