"""A long job recorded as a row (a solver's run) and run by a Celery task: claimed once, failed visibly.

A run row is created by the request (queued), and its task is queued after commit. The task
claims the row with one conditional UPDATE (`run_claim`): only the first delivery of the task
finds the row still waiting and not yet started, so a task delivered twice (a retry, a worker
lost after ack, a duplicate message) runs once. A solve that raises marks the row failed with
its error (`run_fail`), where staff see it, and frees the program's slot for the next run.

The rows need `status`, `started_at`, `finished_at` and `error` fields.
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone

ERROR_LENGTH = 2000


def run_claim(model: type[models.Model], pk: int, *, waiting: str, running: str) -> bool:
    """Claim a waiting run for this task: True for exactly one caller, whatever the deliveries."""
    claimed: int = model._default_manager.filter(pk=pk, status=waiting, started_at__isnull=True).update(
        status=running, started_at=timezone.now()
    )
    return claimed == 1


def run_fail(model: type[models.Model], pk: int, *, failed: str, error: str) -> None:
    """Mark a run failed with its error (cut to fit), whatever state it reached."""
    model._default_manager.filter(pk=pk).update(
        status=failed, error=error[:ERROR_LENGTH], finished_at=timezone.now()
    )
