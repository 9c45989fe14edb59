"""``bilim backup`` / ``bilim restore`` round trips on SQLite and on PostgreSQL.

A restore replaces the whole database, which pytest-django's test database (in-memory SQLite, or one
transaction-wrapped PostgreSQL database shared with the other tests) cannot take. So these tests run
the real ``bilim`` command in subprocesses against installations of their own, like the browser
tests' server: a temporary ``BILIM_HOME`` with a SQLite file, and a throwaway PostgreSQL database
created and dropped here. A seeded installation is built once per vendor (migrate + ``seed
--students 30`` + two uploaded files) and each test works on a fresh clone of it (a file copy, or
``CREATE DATABASE … TEMPLATE``).

The PostgreSQL variant runs whenever ``DATABASE_URL`` names PostgreSQL (CI's second pass, where it
must not be skipped) or a server answers at 127.0.0.1:5432; it is skipped only when neither holds.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import shutil
import socket
import sqlite3
import subprocess
import sys
import tarfile
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import dj_database_url
import pytest

from bilim.apps.core import backup

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"

SEED_FILES = """
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from bilim.apps.mobility.models import MobilityDocument, StudentMobility
mobility = StudentMobility.objects.order_by("pk").first()
MobilityDocument.objects.create(
    mobility=mobility, kind=MobilityDocument.Kind.OTHER, file=ContentFile(PDF, name="transcript.pdf")
)
default_storage.save("decisions/2026/буйрук-5.pdf", ContentFile(PDF.replace(b"Catalog", b"Decision")))
"""

CHANGE_DATA = """
from bilim.apps.accounts.models import User
from bilim.apps.mobility.models import MobilityDocument
from bilim.apps.records.models import Grade
Grade.objects.filter(pk__in=list(Grade.objects.order_by("pk").values_list("pk", flat=True)[:10])).delete()
MobilityDocument.objects.all().delete()
User.objects.create_user("intruder", password="intruder-password-1")
"""

def _python(env: dict[str, str], cwd: Path, code: str) -> str:
    prologue = f"import json, django\ndjango.setup()\nPDF = {PDF!r}\n"
    proc = subprocess.run(
        [sys.executable, "-c", prologue + code], env=env, cwd=cwd, capture_output=True, text=True, timeout=300
    )
    assert proc.returncode == 0, f"helper script failed:\n{proc.stdout[-2000:]}\n{proc.stderr[-4000:]}"
    return proc.stdout


@dataclass
class Site:
    """One Bilim installation: a BILIM_HOME (uploaded files under media/) and its database."""

    vendor: str
    home: Path
    database_url: str

    @property
    def media(self) -> Path:
        return self.home / "media"

    def env(self) -> dict[str, str]:
        env = dict(os.environ)
        env.update(
            {
                "BILIM_HOME": str(self.home),
                "DATABASE_URL": self.database_url,
                "DJANGO_SETTINGS_MODULE": "bilim.config.settings",
                "BILIM_DEV": "1",
                "BILIM_TESTING": "1",
                "AXES_ENABLED": "0",
            }
        )
        return env

    def bilim(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        proc = subprocess.run(
            [sys.executable, "-m", "bilim.cli", *args],
            env=self.env(),
            cwd=self.home,
            capture_output=True,
            text=True,
            timeout=600,
        )
        if check:
            what = f"`bilim {' '.join(args)}` failed ({proc.returncode})"
            assert proc.returncode == 0, f"{what}:\n{proc.stdout}\n{proc.stderr}"
        return proc

    def run(self, code: str) -> str:
        return _python(self.env(), self.home, code)

    def state(self) -> dict[str, Any]:
        """Row count of every model table, latest migration per app, SHA-256 of every uploaded file.

        Read here, on a connection of its own (sqlite3 / psycopg), not through the command under test.
        """
        if self.vendor == "sqlite":
            db = self.home / "bilim.sqlite3"
            conn: Any = sqlite3.connect(db) if db.exists() else sqlite3.connect(":memory:")
            list_tables = "SELECT name FROM sqlite_master WHERE type = 'table'"
        else:
            import psycopg

            conn = psycopg.connect(self.database_url)
            list_tables = "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'"
        try:
            cursor = conn.cursor()
            cursor.execute(list_tables)
            existing = {row[0] for row in cursor.fetchall()}
            tables = backup._count_rows(cursor, backup.model_tables() & existing)
            migrations = backup._latest_migrations(cursor) if "django_migrations" in existing else {}
        finally:
            conn.close()
        media = {path: meta["sha256"] for path, meta in backup.media_checksums(self.media).items()}
        return {"tables": tables, "migrations": migrations, "media": media}


# ----------------------------------------------------------------------------------- database servers


def _postgres_base() -> dict[str, Any] | None:
    """Connection settings of the PostgreSQL server to use, or None when there is none."""
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith(("postgres://", "postgresql://", "pgsql://")):
        return dj_database_url.parse(url)
    try:
        with socket.create_connection(("127.0.0.1", 5432), timeout=1):
            pass
    except OSError:
        return None
    return {"HOST": "127.0.0.1", "PORT": 5432, "USER": "postgres", "PASSWORD": "", "NAME": "postgres"}


class PostgresServer:
    def __init__(self, base: dict[str, Any]) -> None:
        self.base = base

    def _admin(self) -> Any:
        import psycopg

        return psycopg.connect(
            host=self.base.get("HOST") or None,
            port=self.base.get("PORT") or None,
            user=self.base.get("USER") or None,
            password=self.base.get("PASSWORD") or None,
            dbname="postgres",
            autocommit=True,
        )

    def url(self, name: str) -> str:
        user = self.base.get("USER") or "postgres"
        password = self.base.get("PASSWORD") or ""
        auth = f"{user}:{password}@" if password else f"{user}@"
        return f"postgres://{auth}{self.base.get('HOST') or '127.0.0.1'}:{self.base.get('PORT') or 5432}/{name}"

    def create(self, name: str, template: str | None = None) -> None:
        with self._admin() as conn:
            suffix = f' TEMPLATE "{template}"' if template else ""
            conn.execute(f'CREATE DATABASE "{name}"{suffix}')

    def drop(self, name: str) -> None:
        with self._admin() as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


class Installations:
    """Makes installations of one vendor: the seeded template once, then fresh clones or empty ones."""

    def __init__(self, vendor: str, root: Path, pg: PostgresServer | None) -> None:
        self.vendor, self.root, self.pg = vendor, root, pg
        self.databases: list[str] = []
        self.template: Site | None = None
        self._archive: Path | None = None

    def _new(self) -> tuple[Site, str]:
        name = f"bilim_backup_test_{uuid.uuid4().hex[:12]}"
        home = self.root / name
        (home / "media").mkdir(parents=True)
        if self.vendor == "sqlite":
            return Site("sqlite", home, f"sqlite:///{home / 'bilim.sqlite3'}"), name
        assert self.pg is not None
        return Site("postgresql", home, self.pg.url(name)), name

    def empty(self) -> Site:
        site, name = self._new()
        if self.pg is not None:
            self.pg.create(name)
            self.databases.append(name)
        return site

    def build_template(self) -> None:
        site = self.empty()
        site.bilim("migrate", "--noinput", "-v", "0")
        site.bilim("seed", "--students", "30", "-v", "0")
        site.run(SEED_FILES)
        self.template = site

    def clone(self) -> Site:
        assert self.template is not None
        site, name = self._new()
        shutil.copytree(self.template.media, site.media, dirs_exist_ok=True)
        if self.vendor == "sqlite":
            for path in self.template.home.glob("bilim.sqlite3*"):
                shutil.copy2(path, site.home / path.name)
        else:
            assert self.pg is not None
            self.pg.create(name, template=self.template.database_url.rsplit("/", 1)[1])
            self.databases.append(name)
        return site

    def archive(self) -> Path:
        """A backup of the (unchanged) seeded template, made once and shared by the tests that only read it."""
        if self._archive is None:
            assert self.template is not None
            self._archive = _back_up(self.template)
        return self._archive

    def cleanup(self) -> None:
        if self.pg is not None:
            for name in reversed(self.databases):
                self.pg.drop(name)


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def installations(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Installations]:
    pg: PostgresServer | None = None
    if request.param == "postgresql":
        base = _postgres_base()
        if base is None:
            pytest.skip("no PostgreSQL: DATABASE_URL is not PostgreSQL and nothing answers at 127.0.0.1:5432")
        pg = PostgresServer(base)
    made = Installations(request.param, tmp_path_factory.mktemp(f"backup_{request.param}"), pg)
    try:
        made.build_template()
        yield made
    finally:
        made.cleanup()


@pytest.fixture
def site(installations: Installations) -> Site:
    """A fresh seeded installation (with two uploaded files) of the vendor under test."""
    return installations.clone()


# ------------------------------------------------------------------------------------------- helpers


def _back_up(site: Site) -> Path:
    out = site.home / f"backups-{uuid.uuid4().hex[:8]}"
    out.mkdir()
    proc = site.bilim("backup", "--output", str(out))
    archives = list(out.iterdir())
    assert len(archives) == 1, f"exactly the archive, no temporary file left: {archives}"
    assert re.fullmatch(r"bilim-backup-\d{8}T\d{6}Z\.tar\.gz", archives[0].name)
    assert str(archives[0]) in proc.stdout and proc.stdout.count("\n") == 1, proc.stdout
    return archives[0]


def _change_everything(site: Site) -> None:
    """Delete rows, add a row, change one uploaded file, delete the other, add a stray one."""
    site.run(CHANGE_DATA)
    files = sorted(p for p in site.media.rglob("*") if p.is_file())
    assert len(files) >= 2, files
    files[0].write_bytes(b"%PDF-1.4 overwritten after the backup\n")
    files[1].unlink()
    (site.media / "stray.pdf").write_bytes(PDF)


def _rewrite(archive: Path, target: Path, change: Callable[[tarfile.TarInfo, bytes], bytes | None]) -> None:
    """Copy an archive member by member; change(info, data) returns new bytes, or None to keep them."""
    with tarfile.open(archive, "r:gz") as src, tarfile.open(target, "w:gz") as dst:
        for info in src.getmembers():
            data = src.extractfile(info).read() if info.isfile() else b""  # type: ignore[union-attr]
            new = change(info, data)
            if new is not None:
                data = new
                info.size = len(data)
            dst.addfile(info, io.BytesIO(data) if info.isfile() else None)


def _refused(proc: subprocess.CompletedProcess[str], *needles: str) -> None:
    assert proc.returncode != 0, proc.stdout
    assert "Traceback" not in proc.stderr, proc.stderr
    assert "CommandError" in proc.stderr, proc.stderr
    for needle in needles:
        assert needle in proc.stderr, proc.stderr


# --------------------------------------------------------------------------------------------- tests


def test_round_trip_restores_every_row_and_file(site: Site) -> None:
    before = site.state()
    assert before["tables"]["records_grade"] > 10 and before["tables"]["mobility_mobilitydocument"] == 1
    assert len(before["media"]) >= 2  # the seed's uploads (mobility and KTMU apps' documents)

    archive = _back_up(site)
    manifest = backup.read_manifest(archive)
    assert manifest["format"] == "bilim-backup" and manifest["format_version"] == 1
    assert manifest["database"]["vendor"] == site.vendor
    assert manifest["created_at"].endswith("Z") and manifest["bilim_version"]
    assert manifest["tables"] == before["tables"]
    assert manifest["migrations"] == before["migrations"] and manifest["migrations"]["mobility"]
    assert {path: meta["sha256"] for path, meta in manifest["media"].items()} == before["media"]

    _change_everything(site)
    changed = site.state()
    assert changed["tables"]["records_grade"] == before["tables"]["records_grade"] - 10
    assert changed["tables"]["accounts_user"] == before["tables"]["accounts_user"] + 1
    assert changed["media"] != before["media"]

    # Not without --yes: the installation holds data, and nothing is touched.
    _refused(site.bilim("restore", str(archive), check=False), "not empty", "--yes")
    assert site.state() == changed

    proc = site.bilim("restore", str(archive), "--yes")
    assert "matches the manifest" in proc.stdout
    assert site.state() == before
    assert not (site.media / "stray.pdf").exists()


def test_restore_into_an_empty_installation_needs_no_confirmation(installations: Installations) -> None:
    assert installations.template is not None
    expected = installations.template.state()
    fresh = installations.empty()
    fresh.bilim("restore", str(installations.archive()))
    assert fresh.state() == expected
    # The restored installation is a working one: Django sees every migration applied.
    assert "[ ]" not in fresh.bilim("showmigrations").stdout


def test_tampered_archive_is_refused_before_anything_is_touched(installations: Installations) -> None:
    archive = installations.archive()
    target = installations.empty()
    victim = sorted(backup.read_manifest(archive)["media"])[0]

    def swap_bytes(info: tarfile.TarInfo, data: bytes) -> bytes | None:
        return data.replace(b"%PDF-1.4", b"%PDF-1.7") if info.name == f"media/{victim}" else None

    tampered = target.home / "tampered.tar.gz"
    _rewrite(archive, tampered, swap_bytes)
    _refused(target.bilim("restore", str(tampered), check=False), victim, "checksum", "nothing was changed")
    assert target.state() == {"tables": {}, "migrations": {}, "media": {}}, "nothing may be restored"

    # A missing manifest, or a dump that does not match its checksum, is refused the same way.
    no_manifest = target.home / "no-manifest.tar.gz"
    with tarfile.open(archive, "r:gz") as src, tarfile.open(no_manifest, "w:gz") as dst:
        for info in src.getmembers():
            if info.name != "manifest.json":
                dst.addfile(info, src.extractfile(info))
    _refused(target.bilim("restore", str(no_manifest), check=False), "manifest.json")
    bad_dump = target.home / "bad-dump.tar.gz"
    member = backup.DB_MEMBERS[target.vendor]
    _rewrite(archive, bad_dump, lambda info, data: data[:-1] + bytes([data[-1] ^ 1]) if info.name == member else None)
    _refused(target.bilim("restore", str(bad_dump), check=False), member, "checksum")
    truncated = target.home / "truncated.tar.gz"
    truncated.write_bytes(archive.read_bytes()[: archive.stat().st_size // 2])
    _refused(target.bilim("restore", str(truncated), check=False), "damaged")
    assert target.state() == {"tables": {}, "migrations": {}, "media": {}}, "nothing may be restored"


def test_dump_of_the_other_vendor_is_refused(installations: Installations) -> None:
    """An archive whose (checksum-valid) dump is of the other vendor: a clear refusal, nothing touched."""
    site, archive = installations.template, installations.archive()
    assert site is not None
    other = "sqlite" if site.vendor == "postgresql" else "postgresql"
    fake_dump = backup.DB_MAGIC[other] + b"\x00" * 64
    manifest = backup.read_manifest(archive)
    manifest["database"] = {
        "vendor": other,
        "file": backup.DB_MEMBERS[other],
        "sha256": hashlib.sha256(fake_dump).hexdigest(),
        "size": len(fake_dump),
    }

    def swap_dump(info: tarfile.TarInfo, data: bytes) -> bytes | None:
        if info.name == backup.DB_MEMBERS[site.vendor]:
            info.name = backup.DB_MEMBERS[other]
            return fake_dump
        if info.name == "manifest.json":
            return json.dumps(manifest).encode()
        return None

    foreign = archive.with_name("foreign.tar.gz")
    _rewrite(archive, foreign, swap_dump)
    before = site.state()
    _refused(
        site.bilim("restore", str(foreign), "--yes", check=False),
        f"holds a {backup.VENDOR_NAMES[other]} database",
        f"the configured database is {backup.VENDOR_NAMES[site.vendor]}",
    )
    assert site.state() == before

    if site.vendor == "postgresql":
        # The genuine article too: a real pg_dump archive, restored into a SQLite installation.
        sqlite_home = installations.root / "sqlite-target"
        sqlite_home.mkdir()
        sqlite_site = Site("sqlite", sqlite_home, f"sqlite:///{sqlite_home / 'bilim.sqlite3'}")
        _refused(sqlite_site.bilim("restore", str(archive), check=False), "holds a PostgreSQL database", "SQLite")
        assert not (sqlite_home / "bilim.sqlite3").exists(), "refused before the database was even opened"
        assert not (sqlite_home / "media").exists()


def test_postgresql_password_goes_in_the_environment_never_on_the_command_line() -> None:
    settings_dict = {
        "NAME": "bilim",
        "USER": "bilim",
        "PASSWORD": "s3cret-pass",
        "HOST": "db.internal",
        "PORT": 5433,
        "OPTIONS": {"sslmode": "verify-full"},
    }
    cmd, env = backup.pg_command("pg_dump", settings_dict, "--format=custom")
    assert not any("s3cret-pass" in arg for arg in cmd), cmd
    assert "--no-password" in cmd and "--dbname=bilim" in cmd
    assert env["PGPASSWORD"] == "s3cret-pass"
    assert (env["PGHOST"], env["PGPORT"], env["PGUSER"]) == ("db.internal", "5433", "bilim")
    assert env["PGSSLMODE"] == "verify-full"


def test_backup_refuses_to_write_into_the_uploaded_files_folder(settings: Any, tmp_path: Path) -> None:
    """An archive inside MEDIA_ROOT would be archived by the next backup (and so on): refused, nothing written."""
    settings.MEDIA_ROOT = tmp_path / "media"
    with pytest.raises(backup.BackupError, match="outside the uploaded files folder"):
        backup.create_backup(tmp_path / "media" / "backups" / "b.tar.gz")
    assert not (tmp_path / "media").exists()
