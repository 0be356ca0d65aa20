"""Fair background work: the allocator's run, by id, once (fairs.services.allocation_run)."""

from __future__ import annotations

from datetime import timedelta

from celery import shared_task

from fairs import cache, services

# A solve takes seconds (7 s at 260 stands); the limits only stop a run that went wrong.
SOFT_LIMIT_SECONDS = 10 * 60
HARD_LIMIT_SECONDS = 12 * 60
# A queued or running run older than this has lost its worker: the next start fails it.
RUN_LOST_AFTER = timedelta(minutes=30)


@shared_task(name="fairs.allocate_stands", soft_time_limit=SOFT_LIMIT_SECONDS, time_limit=HARD_LIMIT_SECONDS)
def allocate_stands_task(run_id: int) -> str:
    run = services.allocation_run(run_id=run_id)
    return run.status if run else "missing"


@shared_task(name="fairs.prune_changes")
def prune_changes_task() -> int:
    """Run by beat every hour: the fair site's change log keeps a day and its newest row."""
    return cache.prune_changes()
