"""Fair background work."""

from __future__ import annotations

from celery import shared_task

from fairs import cache


@shared_task(name="fairs.prune_changes")
def prune_changes_task() -> int:
    """Run by beat every hour: the fair site's change log keeps a day and its newest row."""
    return cache.prune_changes()
