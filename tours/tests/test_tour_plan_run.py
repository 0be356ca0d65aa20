"""The tour planner's run as a task: queued from the plan page, claimed once, solved on a snapshot,
written only if the tour did not change meanwhile, failed visibly; one run per tour at a time."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db.models import F
from django.urls import reverse
from django.utils import timezone, translation

from common import runs
from common.tests.races import race
from tours import planner, services, tasks
from tours.models import CandidateStop, PlannedStop, Tour, TourPlanRun
from tours.tests.factories import make_tour, plan_now, staff_planner


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.mark.django_db
def test_a_start_queues_a_run_that_its_task_plans_after_commit(django_capture_on_commit_callbacks):
    tour = make_tour(artisans=3, buyers=2)
    staff = staff_planner()
    with django_capture_on_commit_callbacks(execute=False) as queued:
        run = services.tour_plan_request(tour=tour, by=staff)
    assert run.status == TourPlanRun.Status.QUEUED and not tour.stops.exists()
    assert len(queued) == 1

    queued[0]()  # the task, eager here as a worker would run it after commit
    run.refresh_from_db()
    tour.refresh_from_db()
    assert run.status == TourPlanRun.Status.DONE and run.error == ""
    assert run.started_at is not None and run.finished_at is not None
    assert run.stops == tour.stops.filter(status=PlannedStop.Status.PROPOSED).count() > 0
    assert run.value == tour.plan_value and run.baseline_value == tour.baseline_value
    assert tour.version == 1


@pytest.mark.django_db
def test_a_task_delivered_twice_runs_once():
    tour = make_tour(artisans=3, buyers=2)
    run = services.tour_plan_request(tour=tour, by=None)
    assert tasks.plan_tour_task(run.pk) == TourPlanRun.Status.DONE
    run.refresh_from_db()
    stops, started = tour.stops.count(), run.started_at

    assert tasks.plan_tour_task(run.pk) == TourPlanRun.Status.DONE
    run.refresh_from_db()
    assert tour.stops.count() == stops and run.started_at == started
    assert Tour.objects.get(pk=tour.pk).version == 1
    assert tasks.plan_tour_task(run.pk + 1000) == "missing"


@pytest.mark.django_db
def test_a_workshop_changed_during_the_solve_makes_the_run_stale_and_it_writes_nothing(monkeypatch):
    tour = make_tour(artisans=3, buyers=2)
    real_plan = planner.plan

    def plan_while_staff_edit_a_workshop(problem, **kwargs):
        solution = real_plan(problem, **kwargs)
        CandidateStop.objects.filter(tour=tour).update(visit_minutes=F("visit_minutes") + 15)
        return solution

    monkeypatch.setattr(planner, "plan", plan_while_staff_edit_a_workshop)
    run = services.tour_plan_request(tour=tour, by=None)
    run = services.tour_plan_run(run_id=run.pk, seconds=0.5)
    assert run is not None and run.status == TourPlanRun.Status.STALE and run.finished_at is not None
    assert not tour.stops.exists() and Tour.objects.get(pk=tour.pk).version == 0

    monkeypatch.setattr(planner, "plan", real_plan)
    again = plan_now(tour)
    assert again.pk != run.pk and tour.stops.exists()


@pytest.mark.django_db
def test_a_stop_moved_during_the_solve_makes_the_run_stale(monkeypatch):
    tour = make_tour(artisans=3, buyers=2)
    staff = staff_planner()
    plan_now(tour, staff)
    stops_before = set(tour.stops.values_list("pk", "status"))
    real_plan = planner.plan

    def plan_while_a_stop_moves(problem, **kwargs):
        solution = real_plan(problem, **kwargs)
        Tour.objects.filter(pk=tour.pk).update(version=F("version") + 1)  # what every change of a stop does
        return solution

    monkeypatch.setattr(planner, "plan", plan_while_a_stop_moves)
    run = services.tour_plan_request(tour=tour, by=staff)
    run = services.tour_plan_run(run_id=run.pk, seconds=0.5)
    assert run is not None and run.status == TourPlanRun.Status.STALE
    assert set(tour.stops.values_list("pk", "status")) == stops_before


@pytest.mark.django_db
def test_a_host_answering_during_the_solve_fails_the_run_with_the_reason(monkeypatch):
    tour = make_tour(artisans=3, buyers=2)
    staff = staff_planner()
    plan_now(tour, staff)
    stop = tour.stops.filter(status=PlannedStop.Status.PROPOSED).first()
    real_plan = planner.plan

    def plan_while_the_host_confirms(problem, **kwargs):
        solution = real_plan(problem, **kwargs)
        services.planned_stop_confirm(stop=stop, by=stop.candidate.artisan.user)
        return solution

    monkeypatch.setattr(planner, "plan", plan_while_the_host_confirms)
    run = services.tour_plan_request(tour=tour, by=staff)
    run = services.tour_plan_run(run_id=run.pk, seconds=0.5)
    assert run is not None and run.status == TourPlanRun.Status.FAILED
    assert "Hosts have answered some stops" in run.error
    stop.refresh_from_db()
    assert stop.status == PlannedStop.Status.CONFIRMED


@pytest.mark.django_db
def test_a_failing_solve_marks_the_run_failed_with_its_error_and_frees_the_slot(monkeypatch):
    tour = make_tour(artisans=3, buyers=2)

    def broken(problem, **kwargs):
        raise RuntimeError("routing exploded")

    monkeypatch.setattr(planner, "plan", broken)
    run = services.tour_plan_request(tour=tour, by=None)
    with pytest.raises(RuntimeError):
        tasks.plan_tour_task(run.pk)
    run.refresh_from_db()
    assert run.status == TourPlanRun.Status.FAILED and "routing exploded" in run.error
    assert run.finished_at is not None and not tour.stops.exists()
    following = services.tour_plan_request(tour=tour, by=None)
    assert following.pk != run.pk and following.status == TourPlanRun.Status.QUEUED


@pytest.mark.django_db
def test_a_start_while_a_run_is_under_way_is_given_that_run_and_a_lost_one_is_failed():
    tour = make_tour(artisans=2, buyers=1)
    first = services.tour_plan_request(tour=tour, by=None)
    assert services.tour_plan_request(tour=tour, by=None) == first
    # Claimed within the task's hard limit: a live run, given to the next start.
    limit = runs.run_lost_after(tasks.plan_tour_task)
    TourPlanRun.objects.filter(pk=first.pk).update(
        status=TourPlanRun.Status.RUNNING,
        created_at=timezone.now() - limit * 2,
        started_at=timezone.now() - limit + timedelta(seconds=30),
    )
    assert services.tour_plan_request(tour=tour, by=None) == first
    # Past it (plus the margin), its worker was lost: failed, and a new run is queued.
    TourPlanRun.objects.filter(pk=first.pk).update(started_at=timezone.now() - limit - timedelta(seconds=5))
    fresh = services.tour_plan_request(tour=tour, by=None)
    first.refresh_from_db()
    assert fresh.pk != first.pk and fresh.status == TourPlanRun.Status.QUEUED
    assert first.status == TourPlanRun.Status.FAILED and first.error == runs.LOST_RUNNING
    # A new run no worker takes within the short wait is lost too.
    TourPlanRun.objects.filter(pk=fresh.pk).update(created_at=timezone.now() - runs.QUEUE_WAIT - timedelta(seconds=5))
    third = services.tour_plan_request(tour=tour, by=None)
    fresh.refresh_from_db()
    assert third.pk != fresh.pk and fresh.status == TourPlanRun.Status.FAILED and fresh.error == runs.LOST_WAITING


@pytest.mark.django_db(transaction=True)
def test_eight_starts_at_once_make_one_run(monkeypatch):
    tour = make_tour(artisans=2, buyers=1)
    queued: list[int] = []
    monkeypatch.setattr(tasks.plan_tour_task, "delay", queued.append)
    result = race([lambda: services.tour_plan_request(tour=tour, by=None) for _ in range(8)], refused=())
    assert result.errors == []
    assert len(result.wins) == 8 and len({run.pk for run in result.wins}) == 1
    assert TourPlanRun.objects.filter(tour=tour).count() == 1
    assert queued == [result.wins[0].pk]


@pytest.mark.django_db
def test_plan_button_sends_staff_to_the_run_page_which_polls_until_done(client):
    tour = make_tour(artisans=3, buyers=2)
    client.force_login(staff_planner())
    response = client.post(reverse("tours:plan-run", args=[tour.public_id]))
    run = TourPlanRun.objects.get(tour=tour)
    page = reverse("tours:plan-run-status", args=[tour.public_id, run.public_id])
    assert response.status_code == 302 and response["Location"] == page

    waiting = client.get(page).content.decode()
    assert 'http-equiv="refresh"' in waiting and 'data-status="queued"' in waiting

    services.tour_plan_run(run_id=run.pk, seconds=0.5)
    run.refresh_from_db()
    done = client.get(page).content.decode()
    assert 'http-equiv="refresh"' not in done and 'data-status="done"' in done
    assert f"Planned {run.stops} visits worth {run.value}" in done


@pytest.mark.django_db
def test_plan_button_is_refused_on_the_plan_page_once_a_host_answered(client):
    tour = make_tour(artisans=3, buyers=2)
    staff = staff_planner()
    plan_now(tour, staff)
    stop = tour.stops.first()
    services.planned_stop_confirm(stop=stop, by=stop.candidate.artisan.user)
    client.force_login(staff)
    response = client.post(reverse("tours:plan-run", args=[tour.public_id]), follow=True)
    assert response.redirect_chain[-1][0] == reverse("tours:plan", args=[tour.public_id])
    assert "Hosts have answered some stops" in response.content.decode()
    assert TourPlanRun.objects.filter(tour=tour).count() == 1


@pytest.mark.django_db
def test_the_plan_page_links_to_the_last_run(client):
    tour = make_tour(artisans=2, buyers=1)
    client.force_login(staff_planner())
    assert (
        'id="plan-last-run"' not in client.get(reverse("tours:plan", args=[tour.public_id])).content.decode()
    )
    run = services.tour_plan_request(tour=tour, by=None)
    page = client.get(reverse("tours:plan", args=[tour.public_id])).content.decode()
    assert "The planner is running:" in page
    assert reverse("tours:plan-run-status", args=[tour.public_id, run.public_id]) in page
