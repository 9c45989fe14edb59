"""Backup and restore of a whole Bilim installation: the database plus the uploaded files.

One archive (``bilim-backup-<UTC timestamp>.tar.gz``) holds

    database.pgdump | database.sqlite3   pg_dump custom format, or a SQLite copy by the online backup API
    media/…                              every file under ``MEDIA_ROOT``
    manifest.json                        format version, creation time, Bilim version, database vendor,
                                         latest applied migration per app, the row count of every table
                                         and the SHA-256 of the dump and of every uploaded file

Why a manifest: a backup nobody has checked is a hope. ``restore`` verifies the archive against it
before touching anything, and verifies the restored database and files against it afterwards; the
row counts are taken from the same snapshot as the dump (PostgreSQL: an exported snapshot shared with
``pg_dump``; SQLite: the copy itself), so they hold even while the application keeps writing.

The management commands ``bilim backup`` and ``bilim restore`` are thin wrappers around
:func:`create_backup` and :func:`restore_backup`; every expected failure is a :class:`BackupError`
with an operator-readable message.
"""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any, BinaryIO

import django
from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections

import bilim

FORMAT = "bilim-backup"
FORMAT_VERSION = 1
MANIFEST_NAME = "manifest.json"
MEDIA_DIR = "media"
DB_MEMBERS = {"postgresql": "database.pgdump", "sqlite": "database.sqlite3"}
DB_MAGIC = {"postgresql": b"PGDMP", "sqlite": b"SQLite format 3\x00"}
VENDOR_NAMES = {"postgresql": "PostgreSQL", "sqlite": "SQLite"}
MIGRATIONS_TABLE = "django_migrations"
# libpq environment variables for the connection OPTIONS Django passes through to psycopg.
_PG_OPTION_ENV = {
    "sslmode": "PGSSLMODE",
    "sslrootcert": "PGSSLROOTCERT",
    "sslcert": "PGSSLCERT",
    "sslkey": "PGSSLKEY",
    "sslcrl": "PGSSLCRL",
    "connect_timeout": "PGCONNECT_TIMEOUT",
    "service": "PGSERVICE",
    "passfile": "PGPASSFILE",
    "application_name": "PGAPPNAME",
    "options": "PGOPTIONS",
    "target_session_attrs": "PGTARGETSESSIONATTRS",
}
_CHUNK = 1024 * 1024


class BackupError(Exception):
    """An expected failure, stated for the operator (the commands turn it into a CommandError)."""


@dataclass
class Outcome:
    """What a backup or a restore did, with the manifest it used."""

    path: Path
    manifest: dict[str, Any]
    seconds: float
    notes: list[str] = field(default_factory=list)

    @property
    def rows(self) -> int:
        return sum(self.manifest["tables"].values())

    def describe(self) -> str:
        files = self.manifest["media"]
        size = sum(f["size"] for f in files.values())
        vendor = VENDOR_NAMES.get(self.manifest["database"]["vendor"], self.manifest["database"]["vendor"])
        return (
            f"{vendor}, {len(self.manifest['tables'])} tables, {self.rows:,} rows, "
            f"{len(files)} uploaded file{'' if len(files) == 1 else 's'} ({_human_size(size)})"
        )


# --------------------------------------------------------------------------------------------- helpers


def _human_size(n: float) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024
    return f"{n:.1f} GB"  # pragma: no cover - loop always returns


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _quote(name: str) -> str:
    """An SQL identifier quoted the same way for SQLite and PostgreSQL."""
    return '"' + name.replace('"', '""') + '"'


def _vendor_name(vendor: str) -> str:
    return VENDOR_NAMES.get(vendor, vendor)


def model_tables(alias: str = DEFAULT_DB_ALIAS) -> set[str]:
    """Every table of every installed app (auto-created many-to-many tables included), plus Django's migration table."""
    return set(connections[alias].introspection.django_table_names(include_views=False)) | {MIGRATIONS_TABLE}


def _count_rows(cursor: Any, tables: Iterable[str]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for table in sorted(tables):
        cursor.execute(f"SELECT COUNT(*) FROM {_quote(table)}")  # noqa: S608 - identifier quoted, not user input
        counts[table] = int(cursor.fetchone()[0])
    return counts


def _latest_migrations(cursor: Any) -> dict[str, str]:
    """The latest applied migration per app (names start with their zero-padded number)."""
    cursor.execute(f"SELECT app, name FROM {MIGRATIONS_TABLE}")  # noqa: S608 - constant identifier
    latest: dict[str, str] = {}
    for app, name in cursor.fetchall():
        if name > latest.get(app, ""):
            latest[app] = name
    return dict(sorted(latest.items()))


def media_root() -> Path:
    return Path(settings.MEDIA_ROOT)


def _walk_files(root: Path) -> Iterator[tuple[str, Path]]:
    """(posix path relative to root, path) of every regular file under root; symbolic links are not followed."""
    if not root.is_dir():
        return
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        dirnames.sort()
        for name in sorted(filenames):
            path = Path(dirpath) / name
            if path.is_file() and not path.is_symlink():
                yield path.relative_to(root).as_posix(), path


def media_checksums(root: Path | None = None) -> dict[str, dict[str, Any]]:
    """{relative path: {"sha256", "size"}} of every uploaded file now on disk."""
    return {
        rel: {"sha256": sha256_file(path), "size": path.stat().st_size}
        for rel, path in _walk_files(media_root() if root is None else root)
    }


def database_state(alias: str = DEFAULT_DB_ALIAS) -> tuple[dict[str, int], dict[str, str]]:
    """Row count of every existing model table, and the latest applied migration per app, read now."""
    conn = connections[alias]
    with conn.cursor() as cursor:
        existing = set(conn.introspection.table_names(cursor))
        counts = _count_rows(cursor, model_tables(alias) & existing)
        migrations = _latest_migrations(cursor) if MIGRATIONS_TABLE in existing else {}
    return counts, migrations


def _pg_environment(settings_dict: dict[str, Any]) -> dict[str, str]:
    """libpq environment for pg_dump/pg_restore: the password goes in PGPASSWORD, never on the command line."""
    env = dict(os.environ)
    for key, var in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER"), ("PASSWORD", "PGPASSWORD")):
        value = settings_dict.get(key)
        if value not in (None, ""):
            env[var] = str(value)
    for option, var in _PG_OPTION_ENV.items():
        value = (settings_dict.get("OPTIONS") or {}).get(option)
        if value not in (None, ""):
            env[var] = str(value)
    return env


def pg_command(program: str, settings_dict: dict[str, Any], *args: str) -> tuple[list[str], dict[str, str]]:
    """The argument list and environment for a PostgreSQL client program against the configured database."""
    executable = shutil.which(program)
    if executable is None:
        raise BackupError(
            f"`{program}` was not found on PATH. Install the PostgreSQL client programs "
            f"(Debian: apt-get install postgresql-client) in the version of the server or newer."
        )
    cmd = [executable, "--no-password", *args]
    if settings_dict.get("NAME"):
        cmd.append(f"--dbname={settings_dict['NAME']}")
    return cmd, _pg_environment(settings_dict)


def _run_pg(program: str, cmd: list[str], env: dict[str, str]) -> None:
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)  # noqa: S603 - fixed program
    if proc.returncode != 0:
        detail = (proc.stderr or proc.stdout).strip()
        raise BackupError(f"{program} failed (exit code {proc.returncode}):\n{detail}")


def _fsync_dir(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:  # pragma: no cover - not every platform opens directories
        return
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


class _HashingReader:
    """Reads a file for tarfile while computing its SHA-256 from exactly the bytes archived."""

    def __init__(self, fh: BinaryIO) -> None:
        self._fh = fh
        self.digest = hashlib.sha256()

    def read(self, size: int = -1) -> bytes:
        data = self._fh.read(size)
        self.digest.update(data)
        return data


def _tarinfo(name: str, size: int, mtime: float) -> tarfile.TarInfo:
    info = tarfile.TarInfo(name)
    info.size = size
    info.mtime = int(mtime)
    info.mode = 0o600
    return info


# ---------------------------------------------------------------------------------------------- backup


def _dump_sqlite(alias: str, target: Path) -> tuple[dict[str, int], dict[str, str]]:
    """Online backup API copy of the live database; counts and migrations are read from the copy."""
    conn = connections[alias]
    conn.ensure_connection()
    dst = sqlite3.connect(target)
    try:
        conn.connection.backup(dst)
        dst.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
        cursor = dst.cursor()
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        existing = {row[0] for row in cursor.fetchall()}
        counts = _count_rows(cursor, model_tables(alias) & existing)
        migrations = _latest_migrations(cursor) if MIGRATIONS_TABLE in existing else {}
    finally:
        dst.close()
    return counts, migrations


def _dump_postgresql(alias: str, target: Path) -> tuple[dict[str, int], dict[str, str]]:
    """pg_dump (custom format) from a snapshot exported by a read-only transaction that also does the counts."""
    conn = connections[alias]
    if conn.in_atomic_block:
        raise BackupError("A backup cannot run inside an open transaction.")
    cmd, env = pg_command("pg_dump", conn.settings_dict, "--format=custom", f"--file={target}")
    conn.ensure_connection()
    conn.set_autocommit(False)
    try:
        with conn.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]
            _run_pg("pg_dump", [*cmd, f"--snapshot={snapshot}"], env)
            existing = set(conn.introspection.table_names(cursor))
            counts = _count_rows(cursor, model_tables(alias) & existing)
            migrations = _latest_migrations(cursor) if MIGRATIONS_TABLE in existing else {}
    finally:
        # Closing ends the read-only transaction whatever happened; the next use reconnects in autocommit.
        conn.close()
    return counts, migrations


def default_archive_name(now: dt.datetime) -> str:
    return f"bilim-backup-{now:%Y%m%dT%H%M%SZ}.tar.gz"


def _resolve_output(output: str | os.PathLike[str] | None, now: dt.datetime) -> Path:
    if output is None:
        return Path.cwd() / default_archive_name(now)
    path = Path(output).expanduser()
    if path.is_dir() or str(output).endswith(os.sep):
        return path / default_archive_name(now)
    return path


def create_backup(output: str | os.PathLike[str] | None = None, *, alias: str = DEFAULT_DB_ALIAS) -> Outcome:
    """Write the archive (temporary file, then an atomic rename) and return what it holds."""
    started = time.monotonic()
    conn = connections[alias]
    vendor = conn.vendor
    if vendor not in DB_MEMBERS:
        raise BackupError(f"Backups support PostgreSQL and SQLite, not {vendor}.")
    now = dt.datetime.now(dt.UTC).replace(microsecond=0)
    final = _resolve_output(output, now)
    if final.exists() and not final.is_file():
        raise BackupError(f"{final} exists and is not a file.")
    if final.resolve().is_relative_to(media_root().resolve()):
        raise BackupError(f"Write the backup outside the uploaded files folder ({media_root()}); use --output.")
    final.parent.mkdir(parents=True, exist_ok=True)
    member = DB_MEMBERS[vendor]
    with tempfile.TemporaryDirectory(prefix=".bilim-backup-", dir=final.parent) as workdir:
        dump = Path(workdir) / member
        counts, migrations = (_dump_postgresql if vendor == "postgresql" else _dump_sqlite)(alias, dump)
        manifest: dict[str, Any] = {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "created_at": now.isoformat().replace("+00:00", "Z"),
            "bilim_version": bilim.__version__,
            "django_version": django.get_version(),
            "database": {"vendor": vendor, "file": member, "sha256": sha256_file(dump), "size": dump.stat().st_size},
            "migrations": migrations,
            "tables": counts,
            "media": {},
        }
        fd, tmp_name = tempfile.mkstemp(prefix=f".{final.name}.", suffix=".part", dir=final.parent)
        tmp = Path(tmp_name)
        try:
            with os.fdopen(fd, "wb") as raw:
                # gzip stream named after the final archive (not the temporary file), dated like the manifest
                gz_name = final.name.removesuffix(".gz")
                with (
                    gzip.GzipFile(filename=gz_name, mode="wb", fileobj=raw, mtime=int(now.timestamp())) as gz,
                    tarfile.open(fileobj=gz, mode="w") as tar,
                ):
                    tar.add(dump, arcname=member, filter=_normalise_member)
                    _add_media(tar, manifest["media"])
                    data = json.dumps(manifest, indent=2, ensure_ascii=False, sort_keys=False).encode()
                    tar.addfile(_tarinfo(MANIFEST_NAME, len(data), now.timestamp()), fileobj=_BytesReader(data))
                raw.flush()
                os.fsync(raw.fileno())
            os.replace(tmp, final)
            _fsync_dir(final.parent)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
    return Outcome(path=final, manifest=manifest, seconds=time.monotonic() - started)


def _normalise_member(info: tarfile.TarInfo) -> tarfile.TarInfo:
    info.uid = info.gid = 0
    info.uname = info.gname = ""
    info.mode = 0o600
    return info


class _BytesReader:
    def __init__(self, data: bytes) -> None:
        self._data = memoryview(data)
        self._pos = 0

    def read(self, size: int = -1) -> bytes:
        end = len(self._data) if size is None or size < 0 else self._pos + size
        chunk = bytes(self._data[self._pos : end])
        self._pos += len(chunk)
        return chunk


def _add_media(tar: tarfile.TarFile, files: dict[str, dict[str, Any]]) -> None:
    for rel, path in _walk_files(media_root()):
        with path.open("rb") as fh:
            stat = os.fstat(fh.fileno())
            reader = _HashingReader(fh)
            try:
                tar.addfile(_tarinfo(f"{MEDIA_DIR}/{rel}", stat.st_size, stat.st_mtime), fileobj=reader)
            except OSError as exc:
                raise BackupError(
                    f"The uploaded file {rel} changed while it was being archived; run the backup again."
                ) from exc
            files[rel] = {"sha256": reader.digest.hexdigest(), "size": stat.st_size}


# --------------------------------------------------------------------------------------------- restore


@dataclass
class VerifiedArchive:
    """An archive extracted to a working directory and checked against its own manifest."""

    path: Path
    manifest: dict[str, Any]
    database_file: Path
    media_dir: Path


def _check_member_name(info: tarfile.TarInfo) -> None:
    name = PurePosixPath(info.name)
    if name.is_absolute() or ".." in name.parts:
        raise BackupError(f"The archive holds an unsafe path ({info.name!r}); it was not made by `bilim backup`.")
    if not (info.isfile() or info.isdir()):
        raise BackupError(
            f"The archive holds a link or special file ({info.name!r}); it was not made by `bilim backup`."
        )
    top = name.parts[0] if name.parts else ""
    if top not in {MANIFEST_NAME, MEDIA_DIR, *DB_MEMBERS.values()}:
        raise BackupError(f"The archive holds an unexpected entry ({info.name!r}); it was not made by `bilim backup`.")


def extract_and_verify(path: Path, workdir: Path) -> VerifiedArchive:
    """Extract the archive into workdir and check it against its manifest; raise BackupError on any defect."""
    if not path.is_file():
        raise BackupError(f"No archive at {path}.")
    try:
        with tarfile.open(path, "r:*") as tar:
            members = tar.getmembers()
            for info in members:
                _check_member_name(info)
            tar.extractall(workdir, members=members, filter="data")
    except tarfile.ReadError as exc:
        raise BackupError(
            f"{path} is not a .tar.gz archive (or it is damaged); it was not made by `bilim backup`."
        ) from exc
    except (tarfile.TarError, EOFError, OSError, ValueError) as exc:
        raise BackupError(f"{path} is not a readable backup archive: damaged or incomplete ({exc}).") from exc
    manifest_path = workdir / MANIFEST_NAME
    if not manifest_path.is_file():
        raise BackupError(f"{path} holds no {MANIFEST_NAME}; it is not a Bilim backup (or it is incomplete).")
    try:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        if manifest.get("format") != FORMAT:
            raise ValueError("not a bilim-backup manifest")
        version = int(manifest["format_version"])
        database = manifest["database"]
        tables, media, migrations = manifest["tables"], manifest["media"], manifest["migrations"]
        if not (isinstance(tables, dict) and isinstance(media, dict) and isinstance(migrations, dict)):
            raise ValueError("tables, media and migrations must be objects")
        vendor, member = database["vendor"], database["file"]
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise BackupError(f"The manifest of {path} is not valid ({exc}).") from exc
    if version > FORMAT_VERSION:
        raise BackupError(
            f"{path} has backup format {version}; this Bilim reads format {FORMAT_VERSION} or older. "
            "Upgrade Bilim first."
        )
    if DB_MEMBERS.get(vendor) != member:
        raise BackupError(f"The manifest names an unknown database dump ({vendor!r}, {member!r}).")
    database_file = workdir / member
    problems: list[str] = []
    if not database_file.is_file():
        problems.append(f"the database dump {member} is missing")
    elif sha256_file(database_file) != database.get("sha256"):
        problems.append(f"the database dump {member} does not match its checksum")
    else:
        with database_file.open("rb") as fh:
            if not fh.read(len(DB_MAGIC[vendor])) == DB_MAGIC[vendor]:
                problems.append(f"{member} is not a {_vendor_name(vendor)} dump")
    media_dir = workdir / MEDIA_DIR
    present = dict(_walk_files(media_dir))
    for rel, meta in sorted(media.items()):
        file = present.pop(rel, None)
        if file is None:
            problems.append(f"uploaded file {rel} is missing")
        elif sha256_file(file) != meta.get("sha256"):
            problems.append(f"uploaded file {rel} does not match its checksum")
    problems.extend(f"uploaded file {rel} is not listed in the manifest" for rel in sorted(present))
    if problems:
        raise BackupError(_problem_text(f"{path} failed verification; nothing was changed", problems))
    return VerifiedArchive(path=path, manifest=manifest, database_file=database_file, media_dir=media_dir)


def _problem_text(headline: str, problems: list[str], limit: int = 20) -> str:
    lines = [f"  - {p}" for p in problems[:limit]]
    if len(problems) > limit:
        lines.append(f"  … and {len(problems) - limit} more")
    return f"{headline}:\n" + "\n".join(lines)


def read_manifest(path: Path) -> dict[str, Any]:
    """The manifest of an archive, without extracting the rest (for inspection and tests)."""
    with tarfile.open(path, "r:*") as tar:
        member = tar.extractfile(MANIFEST_NAME)
        if member is None:  # pragma: no cover - a directory named manifest.json
            raise BackupError(f"{path} holds no {MANIFEST_NAME}.")
        return json.loads(member.read().decode("utf-8"))


def _unknown_migrations(manifest: dict[str, Any]) -> list[str]:
    """Migrations the archive's database has applied that this code does not have (a newer Bilim made it)."""
    from django.db.migrations.loader import MigrationLoader

    known = set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)
    return [f"{app}.{name}" for app, name in manifest["migrations"].items() if (app, name) not in known]


def _current_contents(alias: str) -> tuple[int, int, int]:
    """(tables holding rows, rows, uploaded files) of the configured installation."""
    conn = connections[alias]
    with conn.cursor() as cursor:
        counts = _count_rows(cursor, conn.introspection.table_names(cursor))
    files = sum(1 for _ in _walk_files(media_root()))
    return sum(1 for c in counts.values() if c), sum(counts.values()), files


def restore_backup(path: str | os.PathLike[str], *, confirmed: bool = False, alias: str = DEFAULT_DB_ALIAS) -> Outcome:
    """Verify, restore the database and the uploaded files, then verify the result against the manifest."""
    started = time.monotonic()
    archive_path = Path(path).expanduser()
    conn = connections[alias]
    if conn.in_atomic_block:
        raise BackupError("A restore cannot run inside an open transaction.")
    with tempfile.TemporaryDirectory(prefix="bilim-restore-") as workdir:
        archive = extract_and_verify(archive_path, Path(workdir))
        manifest = archive.manifest
        vendor = manifest["database"]["vendor"]
        if vendor != conn.vendor:
            raise BackupError(
                f"{archive_path} holds a {_vendor_name(vendor)} database, but the configured database is "
                f"{_vendor_name(conn.vendor)}. A backup restores only into the same kind of database: set "
                f"DATABASE_URL to an (empty) {_vendor_name(vendor)} database. Nothing was changed."
            )
        unknown = _unknown_migrations(manifest)
        if unknown:
            raise BackupError(
                _problem_text(
                    f"{archive_path} was made by a newer Bilim (version {manifest.get('bilim_version')}); "
                    "install that version or newer before restoring. Nothing was changed. Unknown migrations",
                    unknown,
                )
            )
        tables_with_rows, rows, files = _current_contents(alias)
        if (rows or files) and not confirmed:
            raise BackupError(
                f"The configured installation is not empty ({rows:,} rows in {tables_with_rows} tables, "
                f"{files} uploaded files). Restoring replaces all of it with the contents of the archive. "
                "Re-run with --yes to confirm. Nothing was changed."
            )
        if vendor == "postgresql":
            _restore_postgresql(alias, archive.database_file)
        else:
            _restore_sqlite(alias, archive.database_file)
        try:
            _restore_media(archive.media_dir, manifest["media"])
        except OSError as exc:
            raise BackupError(
                f"The database was restored, but the uploaded files could not be ({exc}). "
                "Fix the cause and run the restore again with --yes."
            ) from exc
    notes = _verify_restored(alias, manifest)
    return Outcome(path=archive_path, manifest=manifest, seconds=time.monotonic() - started, notes=notes)


def _restore_postgresql(alias: str, dump: Path) -> None:
    conn = connections[alias]
    cmd, env = pg_command(
        "pg_restore",
        conn.settings_dict,
        "--clean",
        "--if-exists",
        "--no-owner",
        "--single-transaction",  # all or nothing: a failed restore leaves the database as it was
        "--exit-on-error",
    )
    conn.close()
    try:
        _run_pg("pg_restore", [*cmd, str(dump)], env)
    except BackupError as exc:
        raise BackupError(f"{exc}\nThe database was left as it was (the restore runs in one transaction).") from exc


def _restore_sqlite(alias: str, copy: Path) -> None:
    conn = connections[alias]
    conn.close()
    conn.ensure_connection()
    src = sqlite3.connect(copy)
    try:
        src.backup(conn.connection)
    except sqlite3.Error as exc:
        raise BackupError(f"The SQLite restore failed ({exc}); is the application still running?") from exc
    finally:
        src.close()
        conn.close()


def _restore_media(source: Path, files: dict[str, dict[str, Any]]) -> None:
    """Make MEDIA_ROOT hold exactly the archived files (each replaced atomically; files not in the archive removed)."""
    root = media_root()
    root.mkdir(parents=True, exist_ok=True)
    for rel, meta in files.items():
        target = root / rel
        if target.is_file() and not target.is_symlink() and sha256_file(target) == meta["sha256"]:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        if target.is_symlink() or target.is_dir():
            if target.is_dir() and not target.is_symlink():
                shutil.rmtree(target)
            else:
                target.unlink()
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".restoring", dir=target.parent)
        os.close(fd)
        try:
            shutil.copyfile(source / rel, tmp_name)
            os.replace(tmp_name, target)
        except BaseException:
            Path(tmp_name).unlink(missing_ok=True)
            raise
    for rel, path in list(_walk_files(root)):
        if rel not in files:
            path.unlink()
    for dirpath, _dirs, _files in sorted(os.walk(root), key=lambda item: -len(item[0])):
        if Path(dirpath) != root and not os.listdir(dirpath):
            os.rmdir(dirpath)


def _verify_restored(alias: str, manifest: dict[str, Any]) -> list[str]:
    """Recount every table and re-hash every file; raise BackupError on any difference from the manifest."""
    conn = connections[alias]
    with conn.cursor() as cursor:
        existing = set(conn.introspection.table_names(cursor))
        expected: dict[str, int] = manifest["tables"]
        counts = _count_rows(cursor, set(expected) & existing)
        migrations = _latest_migrations(cursor) if MIGRATIONS_TABLE in existing else {}
    problems = [f"table {t} is missing" for t in sorted(set(expected) - existing)]
    problems += [
        f"table {t}: {counts[t]} rows, the manifest says {n}"
        for t, n in sorted(expected.items())
        if t in counts and counts[t] != n
    ]
    if migrations != manifest["migrations"]:
        problems.append("the applied migrations differ from the manifest")
    now = media_checksums()
    for rel, meta in sorted(manifest["media"].items()):
        if rel not in now:
            problems.append(f"uploaded file {rel} is missing")
        elif now[rel]["sha256"] != meta["sha256"]:
            problems.append(f"uploaded file {rel} does not match its checksum")
    problems += [f"uploaded file {rel} is not in the archive" for rel in sorted(set(now) - set(manifest["media"]))]
    if problems:
        raise BackupError(_problem_text("The restored installation does NOT match the archive", problems))
    notes: list[str] = []
    leftover = sorted((model_tables(alias) & existing) - set(expected))
    if leftover:
        notes.append(
            f"{len(leftover)} tables that the archive does not hold were left as they were: {', '.join(leftover[:10])}"
        )
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(conn)
    pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
    if pending:
        notes.append(f"the archive predates {len(pending)} migrations of this Bilim: run `bilim migrate`")
    return notes
