"""Backup and restore: the database (pg_dump custom format) and the two file roots, with a manifest.

A backup is one directory:

    manifest.json   what is inside, with the row count of every table and a checksum per file
    database.dump   pg_dump -Fc of the configured database, sessions without their rows
    media.tar       MEDIA_ROOT (public uploads and renditions)
    private.tar     PRIVATE_ROOT (files only staff download: catalog PDFs, exports)
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import tarfile
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages
from django.db import connection

FORMAT_VERSION = 1
# Archive name -> the storage whose files it holds: "default" is MEDIA_ROOT, "private" PRIVATE_ROOT.
FILE_ROOTS = {"media": "default", "private": "private"}
# Tables dumped without their rows. A session row's key is a signed-in browser's cookie: a backup
# with them would let its reader be every signed-in person, staff included. Restoring one signs
# everybody out, nothing more.
TABLES_WITHOUT_DATA = ("django_session",)


class BackupError(Exception):
    pass


def pg_tool(name: str) -> str:
    """pg_dump/pg_restore matching the server: pgserver's (16) for the embedded one, else PATH's."""
    if os.environ.get("PG_BIN_DIR"):
        return str(Path(os.environ["PG_BIN_DIR"]) / name)
    import pgserver

    bundled = Path(pgserver.__file__).parent / "pginstall" / "bin" / name
    if not os.environ.get("DATABASE_URL") and bundled.exists():
        return str(bundled)
    found = shutil.which(name)
    if found:
        return found
    if bundled.exists():
        return str(bundled)
    raise BackupError(f"{name} not found: install the PostgreSQL client tools or set PG_BIN_DIR.")


def _connection_args() -> tuple[list[str], dict[str, str]]:
    db = settings.DATABASES["default"]
    args = ["--dbname", db["NAME"], "--username", db.get("USER") or "postgres"]
    if db.get("HOST"):
        args += ["--host", str(db["HOST"])]
    if db.get("PORT"):
        args += ["--port", str(db["PORT"])]
    env = {**os.environ}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = db["PASSWORD"]
    return args, env


def _root(storage: str) -> Path | None:
    """The folder of a storage on the local disk; None for an object store (MEDIA_STORAGE_URL),
    whose files are not archived here: the store keeps them (its versioning, docs/deploy.md)."""
    found = storages[storage]
    return Path(found.location) if isinstance(found, FileSystemStorage) else None


def _run(command: list[str], env: dict[str, str]) -> None:
    result = subprocess.run(command, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise BackupError(
            f"{Path(command[0]).name} failed ({result.returncode}): {result.stderr.strip()[-2000:]}"
        )


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def table_counts() -> dict[str, int]:
    """Rows in every table of the public schema: written to the manifest, compared by the tests."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename")
        tables = [row[0] for row in cursor.fetchall()]
        counts = {}
        for table in tables:
            cursor.execute(f'SELECT count(*) FROM "{table}"')  # noqa: S608 (names from the catalog)
            counts[table] = cursor.fetchone()[0]
    return counts


def file_listing(root: Path) -> dict[str, str]:
    """Relative path -> sha256 of every file under root."""
    if not root.exists():
        return {}
    return {str(path.relative_to(root)): _sha256(path) for path in sorted(root.rglob("*")) if path.is_file()}


def backup_create(*, destination: Path) -> dict:
    """Write a backup into `destination` (a new directory). Returns the manifest."""
    destination.mkdir(parents=True, exist_ok=False)
    args, env = _connection_args()
    dump = destination / "database.dump"
    skipped = [f"--exclude-table-data={table}" for table in TABLES_WITHOUT_DATA]
    _run([pg_tool("pg_dump"), "--format=custom", "--no-owner", *skipped, "--file", str(dump), *args], env)
    files = {}
    for name, storage in FILE_ROOTS.items():
        root = _root(storage)
        if root is None:
            files[name] = {
                "root": None,
                "archive": None,
                "files": {},
                "store": type(storages[storage]).__name__,
            }
            continue
        archive = destination / f"{name}.tar"
        with tarfile.open(archive, "w") as tar:
            if root.exists():
                tar.add(root, arcname=".")
        files[name] = {"root": str(root), "archive": archive.name, "files": file_listing(root)}
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        server_version = cursor.fetchone()[0]
    manifest = {
        "format": FORMAT_VERSION,
        "created_at": datetime.now(UTC).isoformat(),
        "database": {
            "name": settings.DATABASES["default"]["NAME"],
            "server_version": server_version,
            "dump": dump.name,
            "dump_sha256": _sha256(dump),
            # What the dump holds: the tables kept without rows count none.
            "tables": {**table_counts(), **dict.fromkeys(TABLES_WITHOUT_DATA, 0)},
        },
        "files": files,
    }
    (destination / "manifest.json").write_text(json.dumps(manifest, indent=2, sort_keys=True))
    return manifest


def _manifest(source: Path) -> dict:
    path = source / "manifest.json"
    if not path.exists():
        raise BackupError(f"{source} is not a backup: manifest.json is missing.")
    manifest = json.loads(path.read_text())
    if manifest.get("format") != FORMAT_VERSION:
        raise BackupError(f"Unknown backup format {manifest.get('format')!r}.")
    dump = source / manifest["database"]["dump"]
    if _sha256(dump) != manifest["database"]["dump_sha256"]:
        raise BackupError("database.dump does not match its checksum in the manifest.")
    return manifest


def _replace_root(root: Path, archive: Path) -> None:
    # Unpack beside the root, then swap: a failed unpack leaves the current files untouched.
    root.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{root.name}-restore-", dir=root.parent))
    with tarfile.open(archive) as tar:
        tar.extractall(staging, filter="data")
    if root.exists():
        old = root.with_name(f".{root.name}-old-{os.getpid()}")
        root.rename(old)
        staging.rename(root)
        shutil.rmtree(old)
    else:
        staging.rename(root)


def backup_restore(*, source: Path) -> dict:
    """Replace the configured database and the file roots with a backup. Returns its manifest."""
    manifest = _manifest(source)
    args, env = _connection_args()
    connection.close()
    _run(
        [
            pg_tool("pg_restore"),
            "--clean",
            "--if-exists",
            "--no-owner",
            "--single-transaction",
            "--exit-on-error",
            *args,
            str(source / manifest["database"]["dump"]),
        ],
        env,
    )
    for name, storage in FILE_ROOTS.items():
        root, archive = _root(storage), manifest["files"][name]["archive"]
        if root is not None and archive is not None:
            _replace_root(root, source / archive)
    return manifest
