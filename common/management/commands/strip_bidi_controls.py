"""Remove bidi control characters from names and short fields stored before they were refused."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from common.text import strip_stored_bidi_controls


class Command(BaseCommand):
    help = "Remove bidi control characters from names and short fields already stored (run once per deployment)."

    def handle(self, *args, **options):
        changed = strip_stored_bidi_controls()
        self.stdout.write(f"{changed} values cleaned.")
