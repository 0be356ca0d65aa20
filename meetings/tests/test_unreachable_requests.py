"""When a booking takes the artisan's time, buyers whose every proposed time is now taken are told, once."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail

from meetings import services
from meetings.models import Meeting
from meetings.tests.factories import BuyerProfileFactory, MeetingFactory, in_days
from notifications.models import Email

pytestmark = pytest.mark.django_db


def _told(meeting: Meeting) -> list:
    return [m for m in mail.outbox if m.extra_headers["X-CraftMatch-Key"] == f"meeting-unreachable:{meeting.pk}"]


def test_buyers_whose_every_time_is_taken_are_told_once(workshop, shop, django_capture_on_commit_callbacks):
    t1, t2 = in_days(7, 10), in_days(8, 10)
    winner = MeetingFactory(artisan=workshop, buyer=shop, proposed_starts=[t1])
    # Half an hour later than the winner's time: it overlaps the booked hour.
    stuck = MeetingFactory(artisan=workshop, buyer=BuyerProfileFactory(), proposed_starts=[t1 + timedelta(minutes=30)])
    still_open = MeetingFactory(artisan=workshop, buyer=BuyerProfileFactory(), proposed_starts=[t1, t2])
    unrelated = MeetingFactory(artisan=workshop, buyer=BuyerProfileFactory(), proposed_starts=[t2])

    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_accept(meeting_id=winner.pk, actor=workshop.user, start_at=t1)

    told = _told(stuck)
    assert [m.to[0] for m in told] == [stuck.buyer_user.email]
    assert "Cerámica Moreno" in told[0].subject
    assert f"/meetings/request/{workshop.slug}/" in told[0].body
    assert _told(still_open) == [] and _told(unrelated) == [] and _told(winner) == []
    stuck.refresh_from_db()
    assert stuck.status == Meeting.Status.REQUESTED

    # The second request wins t2: now `still_open` has no time left either; `stuck` is not told again.
    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_accept(meeting_id=unrelated.pk, actor=workshop.user, start_at=t2)
    assert len(_told(still_open)) == 1
    assert len(_told(stuck)) == 1
    assert Email.objects.filter(key__startswith="meeting-unreachable:").count() == 2


def test_the_notice_is_in_the_buyers_language(workshop, shop, django_capture_on_commit_callbacks):
    t1 = in_days(7, 10)
    winner = MeetingFactory(artisan=workshop, buyer=shop, proposed_starts=[t1])
    french = BuyerProfileFactory(user__language="fr", user__time_zone="Europe/Paris")
    stuck = MeetingFactory(artisan=workshop, buyer=french, proposed_starts=[t1])
    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_accept(meeting_id=winner.pk, actor=workshop.user, start_at=t1)
    (notice,) = _told(stuck)
    assert "ne sont plus libres" in notice.subject
    assert Email.objects.get(key=f"meeting-unreachable:{stuck.pk}").language == "fr"


def test_a_meeting_staff_schedule_also_tells_the_buyers_it_leaves_without_a_time(workshop, shop,
                                                                                 django_capture_on_commit_callbacks):
    t1 = in_days(7, 10)
    stuck = MeetingFactory(artisan=workshop, buyer=BuyerProfileFactory(), proposed_starts=[t1])
    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_schedule(artisan=workshop, buyer_user=shop.user, start_at=t1, duration_minutes=30,
                                  mode=Meeting.Mode.VIRTUAL, invite=False)
    assert [m.to[0] for m in _told(stuck)] == [stuck.buyer_user.email]
