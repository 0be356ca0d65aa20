"""The allocator's run through a real Celery worker on Redis: staff start it, the worker solves it
once, and the run page's record ends done with the stands held."""

from __future__ import annotations

import time

import pytest

from fairs import services
from fairs.models import AllocationRun, Stand, StandApplication
from fairs.tests.factories import small_fair

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


def test_a_worker_solves_a_started_run_once(celery_worker_process, staff):
    from config.celery import app

    app.conf.task_always_eager = False
    worker = celery_worker_process(env={"CRAFTMATCH_TESTING": "1"})
    world = small_fair(stands=5, exhibitors=3)
    for person in world.exhibitors:
        StandApplication.objects.create(exhibitor=person, needs_power=True)

    # Outside any transaction: the run is committed and its task queued at once.
    run = services.allocation_run_request(program=world.program, by=staff)
    assert run.status == AllocationRun.Status.QUEUED
    # A duplicate message for the same run: the claim lets one delivery solve it.
    from fairs.tasks import allocate_stands_task

    allocate_stands_task.delay(run.pk)
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        run.refresh_from_db()
        if not run.is_active:
            break
        time.sleep(0.2)
    log = worker.log_path.read_text()
    assert run.status == AllocationRun.Status.DONE, log
    assert run.placed == 3 and run.by == staff
    assert Stand.objects.filter(program=world.program, status=Stand.Status.HELD).count() == 3
    # Both messages were handled; the second found the run claimed and wrote nothing more.
    for _ in range(100):
        if worker.log_path.read_text().count("succeeded in") >= 2:
            break
        time.sleep(0.1)
    assert worker.log_path.read_text().count("succeeded in") == 2, worker.log_path.read_text()
    assert Stand.objects.filter(program=world.program, status=Stand.Status.HELD).count() == 3
    assert AllocationRun.objects.filter(program=world.program).count() == 1
