"""Planning a tour from the database, staff adjustments, hosts' answers, itineraries by mail."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.db import IntegrityError

from common.statemachine import TransitionRefused
from notifications.models import Email
from tours import planner, selectors, services
from tours.models import Participant, PlannedStop
from tours.tests.factories import make_tour, plan_now, staff_planner

pytestmark = pytest.mark.django_db


@pytest.fixture
def planned(monkeypatch):
    tour = make_tour(artisans=5, buyers=3, vehicles=2)
    staff = staff_planner()
    # The run records the plan's figures; the planner's own solution is kept here to check its routes.
    solutions: list[planner.Solution] = []
    real_plan = planner.plan

    def plan_and_keep(problem, **kwargs):
        solutions.append(real_plan(problem, **kwargs))
        return solutions[-1]

    with monkeypatch.context() as patched:
        patched.setattr(planner, "plan", plan_and_keep)
        run = plan_now(tour, staff, seconds=1)
    (solution,) = solutions
    assert (run.stops, run.value, run.baseline_value) == (
        sum(len(r.visits) for r in solution.routes),
        solution.value,
        solution.baseline_value,
    )
    tour.refresh_from_db()
    return tour, staff, solution


def test_plan_keeps_the_rules_and_beats_or_equals_the_baseline(planned):
    tour, _staff, solution = planned
    built = selectors.tour_problem(tour)
    assert planner.violations(built.problem, solution.routes) == []
    assert solution.value >= solution.baseline_value > 0
    stops = list(tour.stops.filter(status=PlannedStop.Status.PROPOSED))
    assert len(stops) == sum(len(r.visits) for r in solution.routes) == 5
    assert tour.plan_value == solution.value and tour.version == 1
    # Every buyer was seated; lunch (13:00-14:00 in Fez) holds no visit.
    assert not Participant.objects.filter(tour=tour, vehicle__isnull=True).exists()
    for stop in stops:
        local = stop.arrival_at.astimezone(built.zone), stop.departure_at.astimezone(built.zone)
        assert not (local[0].hour < 14 and (local[1].hour, local[1].minute) > (13, 0))


def test_a_confirmed_stop_moved_by_staff_waits_for_its_host_and_is_confirmed_again(planned):
    tour, staff, _solution = planned
    stop = tour.stops.filter(status="proposed").order_by("arrival_at").first()
    host = stop.candidate.artisan.user
    services.planned_stop_confirm(stop=stop, by=host)
    stop.refresh_from_db()
    assert stop.status == "confirmed" and stop.confirmed_arrival_at == stop.arrival_at
    later = (
        stop.arrival_at - timedelta(minutes=10)
        if stop.arrival_at.astimezone(selectors.tour_zone(tour)).hour >= 10
        else stop.arrival_at
    )
    services.planned_stop_move(stop=stop, by=staff, arrival_at=later)
    stop.refresh_from_db()
    assert stop.status == "proposed"
    services.planned_stop_confirm(stop=stop, by=host)
    stop.refresh_from_db()
    assert stop.status == "confirmed" and stop.confirmed_arrival_at == stop.arrival_at
    assert list(stop.events.values_list("action", flat=True)) == ["plan", "confirm", "move", "confirm"]


def test_a_host_proposes_another_time_and_staff_accept_it(planned):
    tour, staff, _solution = planned
    stop = tour.stops.order_by("arrival_at").first()
    host = stop.candidate.artisan.user
    with pytest.raises(TransitionRefused):
        services.planned_stop_accept(stop=stop, by=staff)
    # 16:00 local on the last day: free for that vehicle, open, after lunch, back by 17:00.
    zone = selectors.tour_zone(tour)
    at = stop.arrival_at.astimezone(zone).replace(hour=15, minute=50)
    tour.stops.filter(vehicle=stop.vehicle, day=stop.day).exclude(pk=stop.pk).filter(
        arrival_at__gte=at - timedelta(hours=1)
    ).update(status="cancelled")
    services.planned_stop_propose(stop=stop, by=host, at=at, note="Afternoon is better")
    with pytest.raises(TransitionRefused):
        services.planned_stop_confirm(stop=stop, by=staff)  # staff are not the host
    services.planned_stop_accept(stop=stop, by=staff)
    stop.refresh_from_db()
    assert stop.status == "confirmed" and stop.arrival_at == at


def test_staff_cannot_move_a_stop_into_a_break_or_past_closing(planned):
    tour, staff, _solution = planned
    stop = tour.stops.order_by("arrival_at").first()
    local = stop.arrival_at.astimezone(selectors.tour_zone(tour))
    for hour, minute in [(12, 30), (16, 30), (8, 0)]:
        with pytest.raises(TransitionRefused):
            services.planned_stop_move(
                stop=stop, by=staff, arrival_at=local.replace(hour=hour, minute=minute)
            )
    host = stop.candidate.artisan.user
    with pytest.raises(TransitionRefused):
        services.planned_stop_move(stop=stop, by=host, arrival_at=local.replace(hour=15))


def test_the_database_keeps_one_vehicle_in_one_place(planned):
    tour, _staff, _solution = planned
    first, second = tour.stops.filter(status="proposed").order_by("arrival_at")[:2]
    with pytest.raises(IntegrityError):
        PlannedStop.objects.filter(pk=second.pk).update(
            vehicle=first.vehicle, arrival_at=first.arrival_at, departure_at=first.departure_at
        )


def test_itineraries_go_once_per_version_and_again_when_the_plan_changes(
    planned, django_capture_on_commit_callbacks, settings
):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    from config.celery import app

    app.conf.task_always_eager = True
    tour, staff, _solution = planned
    with django_capture_on_commit_callbacks(execute=True):
        services.tour_itineraries_request(tour=tour)
    with django_capture_on_commit_callbacks(execute=True):
        services.tour_itineraries_request(tour=tour)
    assert Email.objects.filter(key__startswith=f"tour-itinerary:{tour.pk}:").count() == 3
    first = Email.objects.filter(key__startswith=f"tour-itinerary:{tour.pk}:").first()
    assert first.attachments and {a["filename"] for a in first.attachments} == {
        "itinerary.pdf",
        "itinerary.ics",
    }
    stop = tour.stops.order_by("arrival_at").first()
    with django_capture_on_commit_callbacks(execute=True):
        services.planned_stop_cancel(stop=stop, by=staff)
    updates = Email.objects.filter(key__endswith=":v2")
    assert updates.count() == 3
    assert all("changed" in e.subject for e in updates)
    assert len(mail.outbox) == 6


def test_itinerary_mail_is_in_the_participants_language(planned, django_capture_on_commit_callbacks):
    tour, _staff, _solution = planned
    participant = tour.participants.first()
    participant.user.language = "fr"
    participant.user.save(update_fields=["language"])
    services.tour_send_itineraries(tour=tour)
    email = Email.objects.get(key=f"tour-itinerary:{tour.pk}:{participant.pk}:v1")
    assert email.language == "fr"


def test_planning_again_is_refused_once_a_host_answered(planned):
    tour, staff, _solution = planned
    stop = tour.stops.filter(status="proposed").first()
    services.planned_stop_confirm(stop=stop, by=stop.candidate.artisan.user)
    with pytest.raises(TransitionRefused):
        services.tour_plan_request(tour=tour, by=staff)


def test_outcome_and_deal_from_a_stop_are_for_its_buyers(planned):
    tour, _staff, _solution = planned
    stop = tour.stops.filter(status="proposed").first()
    buyer = Participant.objects.filter(tour=tour, vehicle=stop.vehicle).first().user
    with pytest.raises(TransitionRefused):
        services.stop_outcome_record(stop=stop, user=buyer, held=True, interest=3, next_step="samples")
    services.planned_stop_confirm(stop=stop, by=stop.candidate.artisan.user)
    stop.refresh_from_db()
    outcome = services.stop_outcome_record(
        stop=stop, user=buyer, held=True, interest=3, next_step="samples", notes="Tiles"
    )
    assert outcome.interest == 3 and outcome.meeting_id == stop.meeting_id
    deal = services.stop_deal_start(stop=stop, user=buyer, specification="Zellige tiles, blue", quantity=200)
    assert deal.artisan_id == stop.candidate.artisan_id and deal.program_id == tour.program_id
    assert deal.meeting_id == stop.meeting_id
    stranger = stop.candidate.artisan.user
    with pytest.raises(TransitionRefused):
        services.stop_deal_start(stop=stop, user=stranger, specification="x", quantity=1)
