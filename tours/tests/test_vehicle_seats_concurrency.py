"""Six people take the last two seats of a van at once: the locked vehicle row lets two through."""

from __future__ import annotations

import datetime as dt

import pytest

from accounts.tests.factories import UserFactory
from common.statemachine import TransitionRefused
from common.tests.races import race
from tours import services
from tours.models import Participant
from tours.tests.factories import FIRST_DAY, make_tour

pytestmark = pytest.mark.django_db(transaction=True)


def test_six_people_for_two_free_seats_seat_exactly_two():
    tour = make_tour(artisans=1, buyers=1, vehicles=1, seats=3)
    van = tour.vehicles.get()
    Participant.objects.filter(tour=tour).update(vehicle=van)
    people = [
        Participant.objects.create(
            tour=tour,
            user=UserFactory(),
            role=Participant.Role.INTERPRETER,
            arrives_on=FIRST_DAY,
            leaves_on=FIRST_DAY + dt.timedelta(days=1),
        )
        for _ in range(6)
    ]
    result = race(
        [(lambda p=p: services.participant_assign_vehicle(participant=p, vehicle=van)) for p in people],
        refused=TransitionRefused,
    )
    assert result.errors == []
    assert len(result.wins) == 2 and len(result.refusals) == 4
    assert all(error.message == "This vehicle has no free seat." for error in result.refusals)
    assert Participant.objects.filter(vehicle=van).count() == 3
