"""``bilim restore PATH [--yes]``: put back a ``bilim backup`` archive, verified before and after.

A thin wrapper around :func:`bilim.apps.core.backup.restore_backup`: the archive is checked against
its manifest before anything is touched, and the restored database and files are checked against it
afterwards; any difference is an error (non-zero exit).
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from bilim.apps.core.backup import BackupError, restore_backup


class Command(BaseCommand):
    help = (
        "Restore the database and the uploaded files from a bilim backup archive (same database vendor). "
        "Stop the application servers first. Refuses to replace a non-empty installation without --yes."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("path", metavar="PATH", help="a bilim-backup-….tar.gz written by `bilim backup`")
        parser.add_argument(
            "--yes", action="store_true", help="replace the current database and uploaded files when they are not empty"
        )

    def handle(self, *args: Any, **opts: Any) -> None:
        try:
            outcome = restore_backup(opts["path"], confirmed=opts["yes"])
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        except DatabaseError as exc:
            raise CommandError(f"The database could not be restored: {exc}".strip()) from exc
        except OSError as exc:
            raise CommandError(f"The restore failed: {exc}") from exc
        manifest = outcome.manifest
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored {outcome.path} (made {manifest['created_at']} by Bilim {manifest['bilim_version']}): "
                f"{outcome.describe()}; every table count and file checksum matches the manifest "
                f"({outcome.seconds:.1f} s)."
            )
        )
        for note in outcome.notes:
            self.stdout.write(self.style.WARNING(f"Note: {note}"))
