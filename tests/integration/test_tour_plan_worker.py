"""The tour planner's run through a real Celery worker on Redis: staff start it from the plan page,
the run page follows it from queued through running to done, and the plan is written once even
when the task's message for the run is delivered twice."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import pytest
from django.db import connection, transaction
from django.urls import reverse
from django.utils import translation

from tests.cluster.processes import wait_until
from tours import tasks
from tours.models import PlannedStop, StopEvent, Tour, TourPlanRun
from tours.tests.factories import make_tour, staff_planner

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


@contextmanager
def tour_locked(tour_id: int) -> Iterator[None]:
    """Another session holds the tour's row lock: a worker that claimed the run waits at its
    first write (seating the riders), so the run is seen running for as long as this lasts."""
    taken, release = threading.Event(), threading.Event()

    def hold() -> None:
        try:
            with transaction.atomic():
                Tour.objects.select_for_update().get(pk=tour_id)
                taken.set()
                release.wait(120)
        finally:
            connection.close()

    holder = threading.Thread(target=hold)
    holder.start()
    assert taken.wait(30)
    try:
        yield
    finally:
        release.set()
        holder.join(30)


def waited(condition: Callable[[], bool], what: str, log: Callable[[], str], timeout: float = 90) -> None:
    try:
        wait_until(condition, timeout, what)
    except AssertionError as error:
        raise AssertionError(f"{error}; worker log:\n{log()}") from None


def status_on_page(client, url: str) -> str:
    page = client.get(url)
    assert page.status_code == 200
    content = page.content.decode()
    return content.split('data-status="', 1)[1].split('"', 1)[0]


def test_a_worker_plans_a_started_run_once_and_its_page_follows_it(celery_worker_process, client):
    from config.celery import app

    app.conf.task_always_eager = False
    tour = make_tour(artisans=3, buyers=2)
    staff = staff_planner()
    client.force_login(staff)

    with translation.override("en"):
        response = client.post(reverse("tours:plan-run", args=[tour.public_id]))
    run = TourPlanRun.objects.get(tour=tour)
    page = reverse("tours:plan-run-status", args=[tour.public_id, run.public_id])
    assert response.status_code == 302 and response["Location"] == page
    # No worker yet: the task's message waits in the broker and the run stays queued.
    assert run.status == TourPlanRun.Status.QUEUED and run.started_at is None
    assert status_on_page(client, page) == "queued"
    # The same run's task delivered a second time: the claim lets one delivery plan it.
    tasks.plan_tour_task.delay(run.pk)

    with tour_locked(tour.pk):
        worker = celery_worker_process(env={"CRAFTMATCH_TESTING": "1"})

        def log() -> str:
            return worker.log_path.read_text()

        def running() -> bool:
            run.refresh_from_db()
            return run.status == TourPlanRun.Status.RUNNING

        waited(running, "the run's claim", log)
        assert run.started_at is not None and run.finished_at is None
        assert status_on_page(client, page) == "running"
        assert not tour.stops.exists()  # held at its first write: nothing planned yet
        started = run.started_at

    def finished() -> bool:
        run.refresh_from_db()
        return run.status not in TourPlanRun.ACTIVE

    waited(finished, "the run's end", log)
    assert run.status == TourPlanRun.Status.DONE, (run.error, log())
    assert status_on_page(client, page) == "done"
    # Both messages were handled; the second found the run claimed and wrote nothing more.
    waited(lambda: log().count("succeeded in") >= 2, "the second delivery", log, timeout=30)
    assert log().count("succeeded in") == 2, log()

    run.refresh_from_db()
    tour.refresh_from_db()
    planned = tour.stops.filter(status=PlannedStop.Status.PROPOSED).count()
    assert run.started_at == started and run.by == staff
    assert run.stops == planned == tour.stops.count() > 0
    assert StopEvent.objects.filter(stop__tour=tour, action="plan").count() == planned
    assert tour.version == 1 and tour.plan_value == run.value
    assert TourPlanRun.objects.filter(tour=tour).count() == 1
