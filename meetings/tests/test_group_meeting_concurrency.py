"""Two group meetings at the same hour take the same buyer at once: the database lets one win."""

from __future__ import annotations

from datetime import timedelta

import pytest

from catalog.tests.factories import ArtisanProfileFactory
from common.tests.races import race
from meetings import services
from meetings.models import Meeting, MeetingParticipant
from meetings.tests.factories import BuyerProfileFactory, MeetingFactory, in_days

pytestmark = pytest.mark.django_db(transaction=True)


def _visit(start):
    return MeetingFactory(
        artisan=ArtisanProfileFactory(),
        status=Meeting.Status.CONFIRMED,
        start_at=start,
        end_at=start + timedelta(hours=1),
        proposed_starts=[],
        mode=Meeting.Mode.IN_PERSON,
    )


def test_two_group_meetings_taking_one_buyer_at_once_let_exactly_one_win(staff):
    guest = BuyerProfileFactory()
    visits = [_visit(in_days(7) + timedelta(minutes=10 * n)) for n in range(4)]
    calls = [
        (lambda v=v: services.participant_add(meeting_id=v.pk, actor=staff, user=guest.user)) for v in visits
    ]
    result = race(calls, refused=services.SlotTaken)
    assert result.errors == []
    assert len(result.wins) == 1 and len(result.refusals) == 3
    assert MeetingParticipant.objects.filter(user=guest.user).count() == 1


def test_a_group_place_and_a_one_to_one_booking_race_for_one_buyer_and_one_wins(staff):
    guest = BuyerProfileFactory()
    visit = _visit(in_days(7))
    request = MeetingFactory(
        buyer=guest, proposed_starts=[in_days(7) + timedelta(minutes=30)], proposed_by=guest.user
    )
    calls = [
        lambda: services.participant_add(meeting_id=visit.pk, actor=staff, user=guest.user),
        lambda: services.meeting_accept(
            meeting_id=request.pk, actor=request.artisan_user, start_at=request.proposed_starts[0]
        ),
    ]
    result = race(calls, refused=services.SlotTaken)
    assert result.errors == []
    assert len(result.wins) == 1 and len(result.refusals) == 1
    holding = MeetingParticipant.objects.filter(user=guest.user, meeting_booked=True).count()
    assert holding == 1
