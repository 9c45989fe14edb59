"""Bringing a file in: check every row, then write all of them in one transaction — or nothing.

``import_check`` reads the header (any of the column's spellings), cleans every row and reports, per row, each
column that is wrong and why, in the reader's language; it writes nothing. ``import_run`` checks again (the
data may have changed since the preview) and, only when no row is wrong, creates and updates the records in
one transaction, each with its audit row. A write that still fails (a constraint, a race) rolls back the whole
file and comes back as that row's error.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from bilim.apps.accounts.models import Role
from bilim.apps.accounts.permissions import can, restrict_targets, role_codes
from bilim.apps.imports.kinds import KINDS, Context, Kind, RowError, normalise
from bilim.apps.org.models import Institution, Unit
from bilim.apps.people.models import Student


@dataclass
class RowReport:
    number: int  # the row's number in the spreadsheet (the header is row 1)
    cells: list[tuple[str, bool]]  # the row's values in the file's recognised columns (kind's order), and whether each is wrong
    errors: list[tuple[str, str]] = field(default_factory=list)  # (column header as in the file, message)
    outcome: str = ""  # created / updated / unchanged after a run


@dataclass
class Report:
    kind: Kind
    columns: list[tuple[str, str]] = field(default_factory=list)  # (key, header shown) of the recognised columns
    headers: list[str] = field(default_factory=list)  # the recognised columns' headers as the file writes them, in the kind's order
    ignored: list[str] = field(default_factory=list)  # headers of the file that are no column of this kind
    file_errors: list[str] = field(default_factory=list)
    rows: list[RowReport] = field(default_factory=list)
    written: bool = False

    @property
    def ok(self) -> bool:
        return not self.file_errors and not any(r.errors for r in self.rows) and bool(self.rows)

    @property
    def error_count(self) -> int:
        return len(self.file_errors) + sum(len(r.errors) for r in self.rows)

    def counts(self) -> dict[str, int]:
        out = {"created": 0, "updated": 0, "unchanged": 0}
        for r in self.rows:
            if r.outcome in out:
                out[r.outcome] += 1
        return out


def writable_units(actor: Any, action: str = "imports.import") -> set[int] | None:
    """The units the actor may import into (``None``: all of them); PermissionDenied when none."""
    if not can(actor, action):
        raise PermissionDenied(action)
    if action == "imports.export" and Role.AUDITOR in role_codes(actor):
        return None  # the auditor reads everything
    units = restrict_targets(actor, action, Unit.objects.all(), model=Student, through="unit")
    if units.count() == Unit.objects.count():
        return None
    return set(units.values_list("pk", flat=True))


def _context(actor: Any) -> Context:
    units = writable_units(actor)
    institutions = Institution.objects.filter(is_home=True).order_by("code")
    if units is not None:
        institutions = institutions.filter(units__in=units).distinct()
    return Context(actor=actor, units=units, institutions=list(institutions))


def map_header(kind: Kind, header: list[str], report: Report) -> dict[int, str]:
    """The file's column positions → the kind's column keys; unknown headers are listed, required ones missing are errors."""
    spellings = {c.key: c.spellings() for c in kind.columns}
    positions: dict[int, str] = {}
    for i, name in enumerate(header):
        wanted = normalise(name)
        key = next((k for k, names in spellings.items() if wanted and wanted in names and k not in positions.values()), None)
        if key is None:
            if name.strip():
                report.ignored.append(name)
            continue
        positions[i] = key
        report.columns.append((key, name))
    found = set(positions.values())
    for col in kind.columns:
        if col.required and col.key not in found:
            report.file_errors.append(_("The column “%(column)s” is missing.") % {"column": col.label})
    return positions


def _check(ctx: Context, kind: Kind, header: list[str], rows: list[tuple[int, list[str]]]) -> tuple[Report, list[dict[str, Any] | None]]:
    report = Report(kind=kind)
    positions = map_header(kind, header, report)
    shown = {key: name for key, name in report.columns}
    present = [c.key for c in kind.columns if c.key in shown]
    report.headers = [shown[k] for k in present]
    cleaned: list[dict[str, Any] | None] = []
    if not rows:
        report.file_errors.append(_("The file has a header but no rows."))
    for number, cells in rows:
        values = {key: (cells[i] if i < len(cells) else "").strip() for i, key in positions.items()}
        row = RowReport(number=number, cells=[(values.get(k, ""), False) for k in present])
        report.rows.append(row)
        if report.file_errors:
            cleaned.append(None)
            continue
        try:
            cleaned.append(kind.clean(ctx, values, number))
        except RowError as exc:
            row.errors.append((shown.get(exc.column) or str(kind.column(exc.column).label), exc.message))
            if exc.column in present:
                i = present.index(exc.column)
                row.cells[i] = (row.cells[i][0], True)
            cleaned.append(None)
    return report, cleaned


def import_check(*, actor: Any, kind: str, header: list[str], rows: list[tuple[int, list[str]]]) -> Report:
    """Check a file without writing anything (the preview)."""
    report, _cleaned = _check(_context(actor), KINDS[kind], header, rows)
    return report


class _Rollback(Exception):
    pass


def import_run(*, actor: Any, kind: str, header: list[str], rows: list[tuple[int, list[str]]]) -> Report:
    """Check the file again and, if every row is right, write them all in one transaction (audited)."""
    ctx = _context(actor)
    spec = KINDS[kind]
    try:
        with transaction.atomic():
            report, cleaned = _check(ctx, spec, header, rows)
            if not report.ok:
                raise _Rollback
            for row, clean in zip(report.rows, cleaned, strict=True):
                assert clean is not None
                try:
                    with transaction.atomic():
                        row.outcome = spec.write(ctx, clean)
                except RowError as exc:
                    row.errors.append((str(spec.column(exc.column).label), exc.message))
                except (ValidationError, IntegrityError) as exc:
                    messages = exc.messages if isinstance(exc, ValidationError) else [_("The record conflicts with one already stored.")]
                    row.errors.append((_("Row"), " ".join(str(m) for m in messages)))
            if not report.ok:
                raise _Rollback
            report.written = True
    except _Rollback:
        for row in report.rows:
            row.outcome = ""
    return report
