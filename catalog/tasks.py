from __future__ import annotations

from celery import shared_task

from catalog import index


@shared_task(name="catalog.prune_changes")
def prune_changes_task() -> int:
    """Run by beat every hour: the catalog change log keeps a day."""
    return index.prune_changes()
