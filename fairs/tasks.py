"""Fair background work: the allocator's run, by id, once (fairs.services.allocation_run)."""

from __future__ import annotations

from celery import shared_task

from fairs import cache, services

# A solve takes seconds (7 s at 260 stands, with reading and writing the fair a few more); the
# limits only stop a run that went wrong. Past the hard one a run is lost (common.runs).
SOFT_LIMIT_SECONDS = 2 * 60
HARD_LIMIT_SECONDS = 3 * 60


@shared_task(name="fairs.allocate_stands", soft_time_limit=SOFT_LIMIT_SECONDS, time_limit=HARD_LIMIT_SECONDS)
def allocate_stands_task(run_id: int) -> str:
    run = services.allocation_run(run_id=run_id)
    return run.status if run else "missing"


@shared_task(name="fairs.prune_changes")
def prune_changes_task() -> int:
    """Run by beat every hour: the fair site's change log keeps a day and its newest row."""
    return cache.prune_changes()
