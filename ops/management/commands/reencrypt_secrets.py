from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from common.crypto import DecryptionError
from ops.encryption import secrets_reencrypt


class Command(BaseCommand):
    help = (
        "Rewrite outbox bodies, second-factor data and invitation tokens with the first of ENCRYPTION_KEYS "
        "(after putting a new key first; then the old key can be dropped)."
    )

    def handle(self, *args, **options):
        try:
            done = secrets_reencrypt()
        except DecryptionError as error:
            raise CommandError(f"{error} Keep the old key in ENCRYPTION_KEYS, after the new one.") from error
        self.stdout.write(self.style.SUCCESS(
            f"Re-encrypted {done['emails']} emails, {done['authenticators']} authenticators"
            f" and {done['tokens']} invitation tokens."
        ))
