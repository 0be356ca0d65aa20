"""Twenty people confirm overlapping meetings at once: the database lets exactly one through."""

from __future__ import annotations

from datetime import timedelta

import pytest

from catalog.tests.factories import ArtisanProfileFactory
from common.tests.races import race
from meetings import services
from meetings.models import Meeting
from meetings.tests.factories import BuyerProfileFactory, MeetingFactory, in_days

pytestmark = pytest.mark.django_db(transaction=True)


def _race(calls) -> tuple[list, list, list]:
    result = race(calls, refused=services.SlotTaken)
    return result.wins, [error.message for error in result.refusals], result.errors


def test_twenty_overlapping_confirmations_for_one_artisan_let_exactly_one_win(workshop, artisan):
    # Twenty buyers asked for hour-long meetings starting 15:00–15:57 UTC: each overlaps all others.
    starts = [in_days(7) + timedelta(minutes=m) for m in range(0, 60, 3)]
    meetings = [
        MeetingFactory(artisan=workshop, buyer=BuyerProfileFactory(), proposed_starts=[start], duration_minutes=60)
        for start in starts
    ]
    calls = [
        (lambda m=m: services.meeting_accept(meeting_id=m.pk, actor=artisan, start_at=m.proposed_starts[0]))
        for m in meetings
    ]
    wins, refusals, errors = _race(calls)
    assert errors == []
    assert len(wins) == 1
    assert len(refusals) == 19
    assert all("artisan already has a confirmed meeting" in message for message in refusals)
    assert Meeting.objects.filter(status=Meeting.Status.CONFIRMED).count() == 1
    assert Meeting.objects.filter(status=Meeting.Status.REQUESTED).count() == 19


def test_one_buyer_cannot_be_booked_twice_by_different_artisans(shop, buyer):
    meetings = [
        MeetingFactory(artisan=ArtisanProfileFactory(), buyer=shop, status=Meeting.Status.COUNTERED,
                       proposed_starts=[in_days(7) + timedelta(minutes=10 * n)], proposed_by=None)
        for n in range(5)
    ]
    calls = [(lambda m=m: services.meeting_confirm(meeting_id=m.pk, actor=buyer)) for m in meetings]
    wins, refusals, errors = _race(calls)
    assert errors == []
    assert len(wins) == 1 and len(refusals) == 4
    assert all("buyer already has a confirmed meeting" in message for message in refusals)


def test_back_to_back_meetings_do_not_overlap(workshop, artisan):
    first = MeetingFactory(artisan=workshop, buyer=BuyerProfileFactory(), proposed_starts=[in_days(7)])
    second = MeetingFactory(artisan=workshop, buyer=BuyerProfileFactory(),
                            proposed_starts=[in_days(7) + timedelta(minutes=60)])
    services.meeting_accept(meeting_id=first.pk, actor=artisan, start_at=first.proposed_starts[0])
    services.meeting_accept(meeting_id=second.pk, actor=artisan, start_at=second.proposed_starts[0])
    assert Meeting.objects.filter(status=Meeting.Status.CONFIRMED).count() == 2
