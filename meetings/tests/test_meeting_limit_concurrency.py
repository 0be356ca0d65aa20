"""Twenty requests at once against a program's meeting limits: exactly the limit gets through."""

from __future__ import annotations

from datetime import timedelta

import pytest

from catalog.tests.factories import ArtisanProfileFactory
from common.tests.races import race
from meetings import services
from meetings.models import Meeting
from meetings.tests.factories import AvailabilityWindowFactory, BuyerProfileFactory, in_days
from programs.models import Application, ProgramBuyer
from programs.tests.factories import ProgramFactory

pytestmark = pytest.mark.django_db(transaction=True)


def _in_program(program, *, buyers=(), artisans=()) -> None:
    for buyer in buyers:
        ProgramBuyer.objects.get_or_create(program=program, user=buyer.user)
    for artisan in artisans:
        AvailabilityWindowFactory(artisan=artisan)
        Application.objects.get_or_create(program=program, artisan=artisan, defaults={"status": "accepted"})


def _request(buyer, artisan, n: int):
    return lambda: services.meeting_request(
        buyer_user=buyer.user, artisan=artisan, proposed_starts=[in_days(7) + timedelta(hours=n)],
        duration_minutes=30, mode=Meeting.Mode.VIRTUAL,
    )


def test_twenty_buyers_at_once_get_exactly_the_artisans_limit():
    program = ProgramFactory(max_meetings_per_artisan=2)
    artisan = ArtisanProfileFactory()
    buyers = [BuyerProfileFactory() for _ in range(20)]
    _in_program(program, buyers=buyers, artisans=[artisan])
    result = race([_request(buyer, artisan, n) for n, buyer in enumerate(buyers)], refused=services.MeetingError)
    assert result.errors == []
    assert len(result.wins) == 2 and len(result.refusals) == 18
    assert all("limit" in error.message for error in result.refusals)
    assert Meeting.objects.filter(program=program, artisan=artisan).count() == 2


def test_one_buyer_asking_eight_artisans_at_once_gets_exactly_the_buyers_limit():
    program = ProgramFactory(max_meetings_per_buyer=2)
    buyer = BuyerProfileFactory()
    artisans = [ArtisanProfileFactory() for _ in range(8)]
    _in_program(program, buyers=[buyer], artisans=artisans)
    result = race([_request(buyer, artisan, n) for n, artisan in enumerate(artisans)], refused=services.MeetingError)
    assert result.errors == []
    assert len(result.wins) == 2 and len(result.refusals) == 6
    assert Meeting.objects.filter(program=program, buyer_user=buyer.user).count() == 2


def test_staff_placing_meetings_while_buyers_ask_stay_within_the_limit():
    program = ProgramFactory(max_meetings_per_artisan=3)
    artisan = ArtisanProfileFactory()
    buyers = [BuyerProfileFactory() for _ in range(8)]
    _in_program(program, buyers=buyers, artisans=[artisan])

    def schedule(buyer, _artisan, n):
        return lambda: services.meeting_schedule(
            artisan=artisan, buyer_user=buyer.user, start_at=in_days(9) + timedelta(hours=n),
            duration_minutes=30, mode=Meeting.Mode.VIRTUAL, program=program, invite=False,
        )

    calls = [(schedule if n % 2 else _request)(buyer, artisan, n) for n, buyer in enumerate(buyers)]
    result = race(calls, refused=services.MeetingError)
    assert result.errors == []
    assert len(result.wins) == 3 and len(result.refusals) == 5
    assert Meeting.objects.filter(program=program, artisan=artisan).count() == 3
