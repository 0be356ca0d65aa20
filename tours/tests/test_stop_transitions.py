"""The stop table: any sequence of hosts' and staff's actions keeps "confirmed" meaning "at the time the host accepted".

A confirmed stop moved by staff waits for its host again, and is confirmed again when the host
confirms; the pages offer exactly what the services accept (STOPS.allowed against the services).
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from common.statemachine import TransitionRefused
from tours import selectors, services
from tours.models import PlannedStop
from tours.tests.factories import make_tour, plan_now, staff_planner
from tours.transitions import STOPS, stop_roles

pytestmark = pytest.mark.django_db

ACTIONS = ["confirm", "propose", "accept", "move", "cancel"]


@pytest.fixture
def setting():
    tour = make_tour(artisans=1, buyers=1, vehicles=1, days=1)
    staff = staff_planner()
    plan_now(tour, staff)
    stop = tour.stops.get(status="proposed")
    return tour, staff, stop


def _do(action: str, stop: PlannedStop, user, zone, minute: int) -> None:
    local = stop.arrival_at.astimezone(zone).replace(hour=10 + minute // 60 % 2, minute=minute % 60)
    if action == "confirm":
        services.planned_stop_confirm(stop=stop, by=user)
    elif action == "propose":
        services.planned_stop_propose(stop=stop, by=user, at=local + timedelta(hours=4))
    elif action == "accept":
        services.planned_stop_accept(stop=stop, by=user)
    elif action == "move":
        services.planned_stop_move(stop=stop, by=user, arrival_at=local)
    else:
        services.planned_stop_cancel(stop=stop, by=user)


@settings(
    max_examples=12,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    st.lists(st.tuples(st.sampled_from(ACTIONS), st.booleans(), st.integers(0, 119)), min_size=1, max_size=8)
)
def test_any_sequence_keeps_confirmed_at_the_hosts_time(setting, steps):
    tour, staff, original = setting
    PlannedStop.objects.filter(pk=original.pk).update(
        status="proposed",
        arrival_at=original.arrival_at,
        departure_at=original.departure_at,
        host_proposed_at=None,
        confirmed_arrival_at=None,
    )
    zone = selectors.tour_zone(tour)
    host = original.candidate.artisan.user
    for action, by_host, minute in steps:
        stop = PlannedStop.objects.select_related("candidate__artisan", "tour", "day").get(pk=original.pk)
        user = host if by_host else staff
        offered = action in STOPS.allowed(stop, roles=stop_roles(stop, user), now=timezone.now())
        before = stop.status
        try:
            _do(action, stop, user, zone, minute)
            done = True
        except TransitionRefused:
            done = False
        if done:
            assert offered, (action, before)
        elif not offered:
            pass  # refused and not offered: the page and the service agree
        stop.refresh_from_db()
        if done and action == "move":
            assert stop.status == "proposed"
        if stop.status == "confirmed":
            assert stop.confirmed_arrival_at == stop.arrival_at
    # Whatever happened, a moved stop the host confirms again is confirmed at its time.
    stop = PlannedStop.objects.select_related("candidate__artisan", "tour", "day").get(pk=original.pk)
    if stop.status == "proposed":
        services.planned_stop_confirm(stop=stop, by=host)
        stop.refresh_from_db()
        assert stop.status == "confirmed" and stop.confirmed_arrival_at == stop.arrival_at
