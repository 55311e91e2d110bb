"""Backup and restore of the whole installation: the database and the private files.

A backup is one tar file, `sashakt-backup-<time>.tar`, holding:
- `database.pgdump` (PostgreSQL: `pg_dump --format=custom`) or `database.sqlite3` (SQLite:
  its online backup API, a consistent copy while the site runs);
- `media/...`: every private file (MEDIA_ROOT: uploads, generated PDFs, logos);
- `manifest.json`: when, from which engine, the latest migration of each app, and the size and
  SHA-256 of every other member.

A restore reads the manifest, checks every checksum, and only then writes: into an EMPTY
database (no tables at all: a new SQLite file, or a database just made by `createdb`) and a
media folder that holds none of the archive's files. Anything else is refused before a
single row or file is written.
"""

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from django.conf import settings
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

MANIFEST = "manifest.json"
FORMAT = 1
_DUMP_NAME = {"postgresql": "database.pgdump", "sqlite": "database.sqlite3"}


class BackupError(Exception):
    """A backup or restore that cannot be done; the message says why and what to do."""


@dataclass
class BackupResult:
    path: Path
    files: int
    size: int


def _engine() -> str:
    vendor = connection.vendor
    if vendor not in _DUMP_NAME:
        raise BackupError(f"backups support PostgreSQL and SQLite, not {vendor}")
    return vendor


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _pg_env() -> tuple[dict[str, str], str]:
    """libpq's environment for the default database, and its name (no password on argv)."""
    db: dict[str, Any] = dict(settings.DATABASES["default"])
    env = dict(os.environ)
    for key, name in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER")):
        if db.get(key):
            env[name] = str(db[key])
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    return env, connection.settings_dict["NAME"]


def _run(command: list[str], env: dict[str, str]) -> None:
    if shutil.which(command[0]) is None:
        raise BackupError(f"{command[0]} is not installed (PostgreSQL client tools)")
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise BackupError(f"{command[0]} failed: {done.stderr.strip()[-2000:]}")


def _database_dump(target: Path) -> None:
    if _engine() == "postgresql":
        env, name = _pg_env()
        _run(
            [
                "pg_dump",
                "--format=custom",
                "--no-owner",
                "--no-privileges",
                "--file",
                str(target),
                name,
            ],
            env,
        )
        return
    if connection.in_atomic_block:
        # The copy would wait for ever on this connection's own open write transaction, and
        # would hold uncommitted work: a backup runs from a command, in autocommit.
        raise BackupError("a backup cannot run inside a transaction")
    connection.ensure_connection()
    destination = sqlite3.connect(target)
    try:
        connection.connection.backup(destination)
    finally:
        destination.close()


def _migrations() -> dict[str, str]:
    latest: dict[str, str] = {}
    for app, name in MigrationRecorder(connection).applied_migrations():
        latest[app] = max(latest.get(app, ""), name)
    return dict(sorted(latest.items()))


def backup_create(directory: Path) -> BackupResult:
    """Write a backup archive into `directory` (made if missing); returns its path. The
    archive appears under its final name only when complete."""
    directory.mkdir(parents=True, exist_ok=True)
    engine = _engine()
    stamp = timezone.now().strftime("%Y%m%d-%H%M%S")
    final = directory / f"sashakt-backup-{stamp}.tar"
    media_root = Path(settings.MEDIA_ROOT)
    with tempfile.TemporaryDirectory(dir=directory, prefix=".backup-") as work:
        dump = Path(work) / _DUMP_NAME[engine]
        _database_dump(dump)
        members: dict[str, dict[str, Any]] = {
            dump.name: {"size": dump.stat().st_size, "sha256": _sha256(dump)}
        }
        media = (
            sorted(p for p in media_root.rglob("*") if p.is_file()) if media_root.is_dir() else []
        )
        for path in media:
            name = "media/" + path.relative_to(media_root).as_posix()
            members[name] = {"size": path.stat().st_size, "sha256": _sha256(path)}
        manifest = {
            "format": FORMAT,
            "created_at": timezone.now().isoformat(),
            "engine": engine,
            "database": dump.name,
            "migrations": _migrations(),
            "files": members,
        }
        manifest_path = Path(work) / MANIFEST
        manifest_path.write_text(json.dumps(manifest, indent=2, ensure_ascii=False))
        partial = Path(work) / "archive.tar"
        with tarfile.open(partial, "w") as archive:
            archive.add(manifest_path, arcname=MANIFEST)
            archive.add(dump, arcname=dump.name)
            for path in media:
                archive.add(path, arcname="media/" + path.relative_to(media_root).as_posix())
        os.replace(partial, final)
    return BackupResult(final, len(media), final.stat().st_size)


# --- Restore ---------------------------------------------------------------------------


def _safe_member_name(name: str) -> bool:
    path = PurePosixPath(name)
    return not path.is_absolute() and ".." not in path.parts and bool(path.parts)


def _read_and_check(archive_path: Path, work: Path) -> dict[str, Any]:
    """Extract into `work` and check the manifest's checksums; BackupError on any doubt."""
    if not archive_path.is_file():
        raise BackupError(f"no backup archive at {archive_path}")
    try:
        with tarfile.open(archive_path, "r") as archive:
            for member in archive.getmembers():
                if not member.isfile() or not _safe_member_name(member.name):
                    raise BackupError(f"unexpected member in the archive: {member.name!r}")
            archive.extractall(work, filter="data")
    except tarfile.TarError as error:
        raise BackupError(f"not a readable backup archive: {error}") from error
    manifest_path = work / MANIFEST
    if not manifest_path.is_file():
        raise BackupError("the archive has no manifest.json: not a Sashakt backup")
    manifest: dict[str, Any] = json.loads(manifest_path.read_text())
    if manifest.get("format") != FORMAT:
        raise BackupError(f"unknown backup format {manifest.get('format')!r}")
    for name, expected in manifest["files"].items():
        path = work / name
        if not path.is_file() or _sha256(path) != expected["sha256"]:
            raise BackupError(f"{name}: missing or its checksum does not match (damaged archive)")
    return manifest


def database_is_empty() -> tuple[bool, int]:
    tables = connection.introspection.table_names()
    return not tables, len(tables)


def backup_restore(archive_path: Path) -> dict[str, Any]:
    """Restore `archive_path` into this (empty) database and media folder; returns the
    manifest. Refuses, writing nothing, when the archive is damaged, comes from the other
    engine, the database has any table or a media file would be overwritten."""
    engine = _engine()
    media_root = Path(settings.MEDIA_ROOT)
    with tempfile.TemporaryDirectory(prefix="sashakt-restore-") as work_name:
        work = Path(work_name)
        manifest = _read_and_check(archive_path, work)
        if manifest["engine"] != engine:
            raise BackupError(
                f"this backup is of a {manifest['engine']} database; this installation uses "
                f"{engine}. Nothing was changed."
            )
        empty, tables = database_is_empty()
        if not empty:
            raise BackupError(
                f"the database is not empty ({tables} tables): restore only into a new, "
                "empty database (SQLite: a new file; PostgreSQL: createdb). Nothing was changed."
            )
        media = [name for name in manifest["files"] if name.startswith("media/")]
        clashes = [name for name in media if (media_root / name[len("media/") :]).exists()]
        if clashes:
            raise BackupError(
                f"{len(clashes)} files already exist in MEDIA_ROOT ({clashes[0]}, ...): restore "
                "into an empty media folder. Nothing was changed."
            )
        dump = work / manifest["database"]
        if engine == "postgresql":
            env, name = _pg_env()
            _run(
                [
                    "pg_restore",
                    "--no-owner",
                    "--no-privileges",
                    "--exit-on-error",
                    "--single-transaction",
                    "--dbname",
                    name,
                    str(dump),
                ],
                env,
            )
        else:
            connection.ensure_connection()
            source = sqlite3.connect(dump)
            try:
                source.backup(connection.connection)
            finally:
                source.close()
        for name in media:
            target = media_root / name[len("media/") :]
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(work / name, target)
    connection.close()  # the next query sees the restored schema on a fresh connection
    return manifest
