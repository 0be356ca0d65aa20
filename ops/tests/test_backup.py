"""`manage.py backup` then `manage.py restore` brings back every row and every file."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import psycopg2
import pytest
from django.conf import settings as django_settings
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.core.management import call_command

from accounts.models import User
from catalog.tests.factories import ArtisanProfileFactory, ProductFactory
from meetings.tests.factories import BuyerProfileFactory
from ops.backup import file_listing, pg_tool, table_counts

pytestmark = pytest.mark.django_db(transaction=True)

MACHINE_SERVER = "postgres://postgres@127.0.0.1:5432"
MACHINE_DB = "craftmatch_backup_roundtrip"


def _some_data() -> None:
    for _ in range(3):
        ProductFactory(artisan=ArtisanProfileFactory())
    BuyerProfileFactory()
    storages["default"].save("products/bowl.jpg", ContentFile(b"\xff\xd8 a small jpeg" * 50))
    storages["default"].save("workshops/deep/dir/kiln.png", ContentFile(b"\x89PNG kiln"))
    storages["private"].save("catalogs/us-mission.pdf", ContentFile(b"%PDF-1.7 catalogue"))


def _roots() -> dict[str, dict[str, str]]:
    return {name: file_listing(Path(storages[name].location)) for name in ("default", "private")}


def test_backup_and_restore_round_trip_on_the_embedded_database(tmp_path):
    _some_data()
    counts, files = table_counts(), _roots()
    assert counts["catalog_product"] == 3 and files["private"]

    call_command("backup", str(tmp_path / "backup"))
    manifest = (tmp_path / "backup" / "manifest.json").read_text()
    assert '"catalog_product": 3' in manifest

    # Damage: rows gone and added, files gone, changed and added.
    User.objects.filter(role="artisan").delete()
    BuyerProfileFactory()
    storages["default"].delete("products/bowl.jpg")
    storages["private"].save("catalogs/stray.pdf", ContentFile(b"stray"))
    Path(storages["default"].path("workshops/deep/dir/kiln.png")).write_bytes(b"changed")
    assert table_counts() != counts

    call_command("restore", str(tmp_path / "backup"), "--noinput")
    assert table_counts() == counts
    assert _roots() == files


def test_restore_refuses_a_directory_that_is_not_a_backup(tmp_path):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="manifest.json is missing"):
        call_command("restore", str(tmp_path), "--noinput")


def test_restore_refuses_a_damaged_dump(tmp_path):
    from django.core.management.base import CommandError

    call_command("backup", str(tmp_path / "backup"))
    with open(tmp_path / "backup" / "database.dump", "ab") as dump:
        dump.write(b"garbage")
    with pytest.raises(CommandError, match="checksum"):
        call_command("restore", str(tmp_path / "backup"), "--noinput")


def _machine_server_reachable() -> bool:
    try:
        psycopg2.connect(f"{MACHINE_SERVER}/postgres", connect_timeout=2).close()
    except psycopg2.OperationalError:
        return False
    return True


def _counts(url: str) -> dict[str, int]:
    with psycopg2.connect(url) as conn, conn.cursor() as cursor:
        cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
        tables = sorted(row[0] for row in cursor.fetchall())
        counts = {}
        for table in tables:
            cursor.execute(f'SELECT count(*) FROM "{table}"')  # noqa: S608 (names from the catalog)
            counts[table] = cursor.fetchone()[0]
    conn.close()
    return counts


def test_backup_and_restore_round_trip_on_the_machines_postgresql(tmp_path):
    """The same commands against a PostgreSQL on 127.0.0.1:5432 (its own pg_dump from PATH)."""
    if not _machine_server_reachable():
        pytest.skip("no PostgreSQL at 127.0.0.1:5432")
    admin = psycopg2.connect(f"{MACHINE_SERVER}/postgres")
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS {MACHINE_DB}")
        cursor.execute(f"CREATE DATABASE {MACHINE_DB}")
    url = f"{MACHINE_SERVER}/{MACHINE_DB}"
    try:
        # Seed it with this test's data: a backup of the embedded database, loaded there.
        _some_data()
        call_command("backup", str(tmp_path / "seed"))
        subprocess.run(
            [pg_tool("pg_restore"), "--no-owner", "--dbname", url, str(tmp_path / "seed" / "database.dump")],
            check=True, capture_output=True,
        )
        env = {
            **os.environ, "DATABASE_URL": url,
            "MEDIA_ROOT": str(tmp_path / "m-media"), "PRIVATE_ROOT": str(tmp_path / "m-private"),
        }
        for name, sub in (("m-media", "products"), ("m-private", "catalogs")):
            (tmp_path / name / sub).mkdir(parents=True)
            (tmp_path / name / sub / "a.bin").write_bytes(os.urandom(2048))
        manage = [sys.executable, str(Path(django_settings.BASE_DIR) / "manage.py")]
        before = _counts(url)
        files = {name: file_listing(tmp_path / name) for name in ("m-media", "m-private")}

        subprocess.run([*manage, "backup", str(tmp_path / "backup")], env=env, check=True, capture_output=True)
        with psycopg2.connect(url) as conn, conn.cursor() as cursor:
            cursor.execute("DELETE FROM catalog_product")
        conn.close()
        (tmp_path / "m-media" / "products" / "a.bin").unlink()
        assert _counts(url) != before
        restored = subprocess.run(
            [*manage, "restore", str(tmp_path / "backup"), "--noinput"], env=env, capture_output=True, text=True
        )
        assert restored.returncode == 0, restored.stderr

        assert _counts(url) == before
        assert before["catalog_product"] == 3
        assert {name: file_listing(tmp_path / name) for name in ("m-media", "m-private")} == files
    finally:
        with admin.cursor() as cursor:
            cursor.execute(f"DROP DATABASE IF EXISTS {MACHINE_DB} WITH (FORCE)")
        admin.close()
