"""The allocator's run as a task: queued by staff, claimed once, solved on a snapshot, written only
if the stands did not change meanwhile, failed visibly; one run per program at a time."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from accounts.tests.factories import StaffUserFactory
from common import runs
from common.tests.races import race
from fairs import allocator, services, tasks
from fairs.models import AllocationRun, Stand, StandApplication, StandEvent
from fairs.tests.factories import small_fair


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def _fair(stands: int = 4, exhibitors: int = 3):
    world = small_fair(stands=stands, exhibitors=exhibitors)
    for person in world.exhibitors:
        StandApplication.objects.create(exhibitor=person, needs_power=True)
    return world


@pytest.mark.django_db
def test_a_start_queues_a_run_that_its_task_solves_after_commit(django_capture_on_commit_callbacks):
    world = _fair()
    staff = StaffUserFactory()
    with django_capture_on_commit_callbacks(execute=False) as queued:
        run = services.allocation_run_request(program=world.program, by=staff)
    assert run.status == AllocationRun.Status.QUEUED and run.placed is None
    assert not StandEvent.objects.exists()
    assert len(queued) == 1

    queued[0]()  # the task, run eagerly as a worker would after commit
    run.refresh_from_db()
    assert run.status == AllocationRun.Status.DONE
    assert run.started_at is not None and run.finished_at is not None and run.started_at <= run.finished_at
    assert run.placed == 3 == run.placed_bound and run.applications == 3 and run.solver_status
    assert Stand.objects.filter(status=Stand.Status.HELD).count() == 3


@pytest.mark.django_db
def test_a_task_delivered_twice_runs_once():
    world = _fair()
    run = services.allocation_run_request(program=world.program, by=None)
    assert tasks.allocate_stands_task(run.pk) == AllocationRun.Status.DONE
    run.refresh_from_db()
    events, started = StandEvent.objects.count(), run.started_at

    assert tasks.allocate_stands_task(run.pk) == AllocationRun.Status.DONE
    run.refresh_from_db()
    assert StandEvent.objects.count() == events == 3
    assert run.started_at == started
    assert tasks.allocate_stands_task(run.pk + 1000) == "missing"


@pytest.mark.django_db
def test_a_stand_moved_by_hand_during_the_solve_makes_the_run_stale_and_it_writes_nothing(monkeypatch):
    world = _fair(stands=5, exhibitors=2)
    staff = StaffUserFactory()
    real_solve = allocator.solve

    def solve_while_staff_move_a_stand(problem, **kwargs):
        result = real_solve(problem, **kwargs)
        services.stand_move(exhibitor=world.exhibitors[0], stand=world.stands[4], by=staff)
        return result

    monkeypatch.setattr(allocator, "solve", solve_while_staff_move_a_stand)
    run = services.allocation_run_request(program=world.program, by=staff)
    run = services.allocation_run(run_id=run.pk, time_limit=2)
    assert run is not None and run.status == AllocationRun.Status.STALE and run.finished_at is not None
    assert run.placed is None
    # Only the move by hand: the run changed no stand.
    assert list(StandEvent.objects.values_list("action", flat=True)) == ["hold"]
    assert Stand.objects.get(exhibitor=world.exhibitors[0]) == world.stands[4]

    monkeypatch.setattr(allocator, "solve", real_solve)
    again = services.allocation_run_request(program=world.program, by=staff)
    assert again.pk != run.pk
    again = services.allocation_run(run_id=again.pk, time_limit=2)
    assert again is not None and again.status == AllocationRun.Status.DONE and again.placed == 2


@pytest.mark.django_db
def test_a_failing_solve_marks_the_run_failed_with_its_error_and_frees_the_slot(monkeypatch):
    world = _fair()

    def broken(problem, **kwargs):
        raise RuntimeError("solver exploded")

    monkeypatch.setattr(allocator, "solve", broken)
    run = services.allocation_run_request(program=world.program, by=None)
    with pytest.raises(RuntimeError):
        tasks.allocate_stands_task(run.pk)
    run.refresh_from_db()
    assert run.status == AllocationRun.Status.FAILED
    assert "solver exploded" in run.error and run.finished_at is not None
    assert not StandEvent.objects.exists()

    following = services.allocation_run_request(program=world.program, by=None)
    assert following.pk != run.pk and following.status == AllocationRun.Status.QUEUED


@pytest.mark.django_db
def test_a_start_while_a_run_is_under_way_is_given_that_run():
    world = _fair()
    first = services.allocation_run_request(program=world.program, by=None)
    assert services.allocation_run_request(program=world.program, by=None) == first
    assert AllocationRun.objects.filter(program=world.program).count() == 1


def _age(run: AllocationRun, *, queued: timedelta, started: timedelta | None = None) -> None:
    """Make `run` queued that long ago, and claimed `started` ago (None: never taken)."""
    now = timezone.now()
    AllocationRun.objects.filter(pk=run.pk).update(
        at=now - queued,
        status=AllocationRun.Status.QUEUED if started is None else AllocationRun.Status.RUNNING,
        started_at=None if started is None else now - started,
    )


HARD_LIMIT = timedelta(seconds=tasks.HARD_LIMIT_SECONDS)


@pytest.mark.django_db
def test_a_run_killed_past_its_tasks_hard_limit_is_failed_by_the_next_start_which_starts_anew():
    world = _fair()
    lost = services.allocation_run_request(program=world.program, by=None)
    _age(lost, queued=HARD_LIMIT + runs.MARGIN * 2, started=HARD_LIMIT + runs.MARGIN + timedelta(seconds=5))
    fresh = services.allocation_run_request(program=world.program, by=None)
    lost.refresh_from_db()
    assert fresh.pk != lost.pk and fresh.status == AllocationRun.Status.QUEUED
    assert lost.status == AllocationRun.Status.FAILED and lost.error == runs.LOST_RUNNING
    assert "worker" in lost.error and lost.finished_at is not None


@pytest.mark.django_db
def test_a_run_no_worker_took_after_a_short_wait_is_failed_and_a_late_delivery_does_nothing():
    world = _fair()
    lost = services.allocation_run_request(program=world.program, by=None)
    _age(lost, queued=runs.QUEUE_WAIT + timedelta(seconds=5))
    fresh = services.allocation_run_request(program=world.program, by=None)
    lost.refresh_from_db()
    assert fresh.pk != lost.pk
    assert lost.status == AllocationRun.Status.FAILED and lost.error == runs.LOST_WAITING
    # Its message arrives at last: the claim finds it failed, nothing is solved or written.
    late = services.allocation_run(run_id=lost.pk, time_limit=1)
    assert late is not None and late.status == AllocationRun.Status.FAILED and late.placed is None
    assert not StandEvent.objects.exists()


@pytest.mark.django_db
def test_live_runs_are_not_failed_a_start_is_given_them():
    world = _fair()
    run = services.allocation_run_request(program=world.program, by=None)
    # Queued a moment ago, no worker yet: still waiting for one.
    _age(run, queued=runs.QUEUE_WAIT - timedelta(seconds=30))
    assert services.allocation_run_request(program=world.program, by=None) == run
    # Queued long ago but taken a while back and still within its hard limit: a slow solve.
    _age(run, queued=timedelta(hours=1), started=HARD_LIMIT)
    assert services.allocation_run_request(program=world.program, by=None) == run
    run.refresh_from_db()
    assert run.status == AllocationRun.Status.RUNNING and run.error == ""
    assert AllocationRun.objects.filter(program=world.program).count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_starts_at_once_with_a_lost_run_fail_it_once_and_make_one_new_run(monkeypatch):
    world = _fair()
    queued: list[int] = []
    monkeypatch.setattr(tasks.allocate_stands_task, "delay", queued.append)
    lost = services.allocation_run_request(program=world.program, by=None)
    _age(lost, queued=timedelta(hours=1), started=HARD_LIMIT + runs.MARGIN * 2)
    queued.clear()
    result = race(
        [lambda: services.allocation_run_request(program=world.program, by=None) for _ in range(2)],
        refused=(),
    )
    assert result.errors == []
    assert len(result.wins) == 2 and len({run.pk for run in result.wins}) == 1
    fresh = result.wins[0]
    assert fresh.pk != lost.pk and fresh.status == AllocationRun.Status.QUEUED
    lost.refresh_from_db()
    assert lost.status == AllocationRun.Status.FAILED and lost.error == runs.LOST_RUNNING
    assert AllocationRun.objects.filter(program=world.program).count() == 2
    assert queued == [fresh.pk]


@pytest.mark.django_db(transaction=True)
def test_eight_starts_at_once_make_one_run(monkeypatch):
    world = _fair()
    queued: list[int] = []
    monkeypatch.setattr(tasks.allocate_stands_task, "delay", queued.append)
    result = race(
        [lambda: services.allocation_run_request(program=world.program, by=None) for _ in range(8)],
        refused=(),
    )
    assert result.errors == []
    assert len({run.pk for run in result.wins}) == 1 and len(result.wins) == 8
    assert AllocationRun.objects.filter(program=world.program).count() == 1
    assert queued == [result.wins[0].pk]


@pytest.mark.django_db
def test_the_admin_action_sends_staff_to_the_run_page_which_polls_until_done(admin_client):
    world = _fair()
    fair = world.fair
    response = admin_client.post(
        reverse("admin:fairs_fairsettings_changelist"),
        {"action": "run_allocator", "_selected_action": [fair.pk]},
    )
    run = AllocationRun.objects.get(program=world.program)
    page = reverse("admin:fairs_allocationrun_progress", args=[run.pk])
    assert response.status_code == 302 and response["Location"] == page

    waiting = admin_client.get(page).content.decode()
    assert 'http-equiv="refresh"' in waiting and 'data-status="queued"' in waiting

    services.allocation_run(run_id=run.pk, time_limit=2)
    done = admin_client.get(page).content.decode()
    assert 'http-equiv="refresh"' not in done
    assert f"{world.program.name}: 3 of 3 exhibitors placed" in done


@pytest.mark.django_db
def test_the_run_page_shows_why_a_run_failed(admin_client):
    world = _fair()
    run = AllocationRun.objects.create(
        program=world.program, status=AllocationRun.Status.FAILED, error="RuntimeError('boom')"
    )
    page = admin_client.get(reverse("admin:fairs_allocationrun_progress", args=[run.pk])).content.decode()
    assert "The run failed and changed nothing" in page and "RuntimeError(&#x27;boom&#x27;)" in page
    assert 'http-equiv="refresh"' not in page


@pytest.mark.django_db
def test_the_fairs_list_links_each_fair_to_its_last_run_in_constant_queries(
    admin_client, django_assert_max_num_queries
):
    worlds = [_fair(stands=2, exhibitors=1)]
    services.allocation_run_request(program=worlds[0].program, by=None)
    url = reverse("admin:fairs_fairsettings_changelist")
    with django_assert_max_num_queries(12) as one:
        first = admin_client.get(url).content.decode()
    for _ in range(3):
        world = _fair(stands=2, exhibitors=1)
        services.allocation_run_request(program=world.program, by=None)
        worlds.append(world)
    with django_assert_max_num_queries(len(one.captured_queries)):
        page = admin_client.get(url).content.decode()
    run = AllocationRun.objects.get(program=worlds[0].program)
    link = reverse("admin:fairs_allocationrun_progress", args=[run.pk])
    assert link in first and link in page and page.count(">Queued</a>") == 4
