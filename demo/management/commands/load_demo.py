"""Load the demo catalog (safe on every start: it returns at once when the data is there)."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand
from django.db import transaction

from demo import DEMO_LOGINS, DEMO_PASSWORD
from demo.loader import RENDITION_MODES, demo_load, demo_make_renditions


class Command(BaseCommand):
    help = "Load the demo artisans, products with photos, buyers and staff account. Idempotent."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force", action="store_true",
            help="Reload every section even if it is there: restores demo texts and passwords, adds nothing twice.",
        )
        parser.add_argument(
            "--renditions", choices=RENDITION_MODES, default="queue",
            help="queue: the Celery worker makes photo renditions after commit (default); "
                 "sync: make them now (slower); none: originals only.",
        )

    def handle(self, *args, force: bool, renditions: str, **options):
        started = time.monotonic()
        with transaction.atomic():
            report = demo_load(force=force, renditions=renditions)
        if renditions == "sync":
            demo_make_renditions(report.new_photos)
        if not report.loaded:
            self.stdout.write("Demo data already loaded (use --force to reload).")
            return
        self.stdout.write(self.style.SUCCESS(
            f"Demo data loaded in {time.monotonic() - started:.1f} s: " + ", ".join(report.loaded)
            + f"; {len(report.new_photos)} photos drawn."
        ))
        self.stdout.write(f"Demo logins (password {DEMO_PASSWORD}): " + ", ".join(email for _, email in DEMO_LOGINS))
