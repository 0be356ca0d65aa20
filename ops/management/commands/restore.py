from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from ops.backup import BackupError, backup_restore


class Command(BaseCommand):
    help = "Restore a backup made by `manage.py backup`: replaces the database and the file roots."

    def add_arguments(self, parser):
        parser.add_argument("source", help="the backup directory")
        parser.add_argument("--noinput", "--no-input", action="store_false", dest="interactive")

    def handle(self, *args, source: str, interactive: bool = True, **options):
        name = settings.DATABASES["default"]["NAME"]
        if interactive:
            answer = input(f"This replaces the database {name!r}, MEDIA_ROOT and PRIVATE_ROOT. Type 'yes': ")
            if answer.strip().lower() != "yes":
                raise CommandError("Restore cancelled.")
        try:
            manifest = backup_restore(source=Path(source))
        except BackupError as error:
            raise CommandError(str(error))
        self.stdout.write(self.style.SUCCESS(
            f"Restored {source} (made {manifest['created_at']}) into {name!r}."
        ))
