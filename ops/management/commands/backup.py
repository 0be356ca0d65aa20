from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from ops.backup import BackupError, backup_create


class Command(BaseCommand):
    help = "Back up the database (pg_dump -Fc), MEDIA_ROOT and PRIVATE_ROOT into one directory with a manifest."

    def add_arguments(self, parser):
        parser.add_argument(
            "destination", nargs="?",
            help="a new directory (default: .data/backups/<UTC timestamp>)",
        )

    def handle(self, *args, destination: str | None = None, **options):
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        target = Path(destination) if destination else Path(settings.BASE_DIR) / ".data" / "backups" / stamp
        try:
            manifest = backup_create(destination=target)
        except (BackupError, FileExistsError) as error:
            raise CommandError(str(error))
        rows = sum(manifest["database"]["tables"].values())
        files = sum(len(entry["files"]) for entry in manifest["files"].values())
        self.stdout.write(self.style.SUCCESS(f"Backup written to {target}: {rows} rows, {files} files."))
