"""A long job recorded as a row (a solver's run) and run by a Celery task: claimed once, failed visibly.

A run row is created by the request (queued), and its task is queued after commit. The task
claims the row with one conditional UPDATE (`run_claim`): only the first delivery of the task
finds the row still waiting and not yet started, so a task delivered twice (a retry, a worker
lost after ack, a duplicate message) runs once. A solve that raises marks the row failed with
its error (`run_fail`), where staff see it, and frees the program's slot for the next run.

A run whose worker died never finishes, and blocks the next start of its program, tour or
session. The next start fails it first (`run_fail_lost`), by one rule for every kind of run: a
run still waiting with no worker having taken it after `QUEUE_WAIT`, or running longer than its
task's hard time limit (past which Celery has killed it) plus `MARGIN`, is lost.

The rows need `status`, `started_at`, `finished_at` and `error` fields, and a creation time.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Case, Q, Value, When
from django.utils import timezone

ERROR_LENGTH = 2000
# A worker that is up takes a queued run within seconds (prefetch 1, the default queue): a run
# no worker took in this time was queued while none ran, or its message was lost.
QUEUE_WAIT = timedelta(minutes=2)
# Past the hard time limit the run's process was killed; the margin covers the worker's clock
# and the moment between its claim and the limit's start.
MARGIN = timedelta(minutes=1)
LOST_WAITING = "lost: no worker took the run in time (the workers were down or its message was lost)"
LOST_RUNNING = "lost: the worker stopped during the run (it was killed or past its time limit)"


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


def run_lost_after(task: Any) -> timedelta:
    """How long a claimed run of this Celery task may run before it is lost."""
    hard = getattr(task, "time_limit", None) or settings.CELERY_TASK_TIME_LIMIT
    return timedelta(seconds=hard) + MARGIN


@dataclass(frozen=True)
class RunStates:
    """A run model's statuses and creation field, declared on it as `RUN_STATES`."""

    waiting: str
    running: str
    failed: str
    created: str


def run_fail_lost(runs: models.QuerySet[Any], *, task: Any) -> int:
    """Fail the lost runs among `runs` (one program's, tour's or session's), saying why.

    One UPDATE whose WHERE is the rule, so it cannot fail a live run: PostgreSQL checks the
    condition again on a row a worker's claim (`run_claim`) changed meanwhile, and a claimed run
    is neither waiting unstarted nor started long ago. A claim after it finds the run failed
    and does nothing. Returns how many runs were failed.
    """
    states: RunStates = runs.model.RUN_STATES  # type: ignore[attr-defined]
    now = timezone.now()
    never_taken = Q(
        status=states.waiting, started_at__isnull=True, **{f"{states.created}__lt": now - QUEUE_WAIT}
    )
    killed = Q(status=states.running, started_at__lt=now - run_lost_after(task))
    failed_count: int = runs.filter(never_taken | killed).update(
        status=states.failed,
        error=Case(When(started_at__isnull=True, then=Value(LOST_WAITING)), default=Value(LOST_RUNNING)),
        finished_at=now,
    )
    return failed_count
