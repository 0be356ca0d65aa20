"""Staff-placed meetings (a published schedule): confirmed at once, refused on an overlap."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail

from meetings import services
from meetings.models import Meeting, MeetingEvent
from meetings.tests.factories import MeetingFactory, in_days
from programs.tests.factories import ProgramFactory

pytestmark = pytest.mark.django_db


def test_scheduled_meeting_is_confirmed_with_an_event_and_both_invitations(
    workshop, shop, buyer, artisan, staff, django_capture_on_commit_callbacks
):
    program = ProgramFactory()
    with django_capture_on_commit_callbacks(execute=True):
        meeting = services.meeting_schedule(
            artisan=workshop, buyer_user=buyer, start_at=in_days(5), duration_minutes=30,
            mode=Meeting.Mode.IN_PERSON, location="Palais des congrès, table 4", program=program, actor=staff,
        )
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.CONFIRMED
    assert meeting.program == program
    assert (meeting.start_at, meeting.end_at) == (in_days(5), in_days(5) + timedelta(minutes=30))
    assert meeting.confirmed_at is not None
    event = MeetingEvent.objects.get(meeting=meeting)
    assert (event.action, event.from_status, event.to_status, event.actor) == ("schedule", "", "confirmed", staff)
    invited = {m.to[0] for m in mail.outbox if "meeting-invitation" in m.extra_headers["X-CraftMatch-Key"]}
    assert invited == {artisan.email, buyer.email}


def test_scheduled_video_call_gets_a_room(workshop, shop, buyer):
    meeting = services.meeting_schedule(
        artisan=workshop, buyer_user=buyer, start_at=in_days(5), duration_minutes=30, mode=Meeting.Mode.VIRTUAL,
        invite=False,
    )
    assert meeting.video_url


def test_without_invite_no_invitation_is_queued(workshop, shop, buyer, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_schedule(artisan=workshop, buyer_user=buyer, start_at=in_days(5), duration_minutes=30,
                                  mode=Meeting.Mode.VIRTUAL, invite=False)
    assert mail.outbox == []


def test_overlap_with_a_confirmed_meeting_of_the_buyer_is_refused(workshop, other_workshop, shop, buyer):
    MeetingFactory(artisan=other_workshop, buyer=shop, status=Meeting.Status.CONFIRMED, proposed_starts=[],
                   start_at=in_days(5), end_at=in_days(5) + timedelta(hours=1))
    with pytest.raises(services.SlotTaken, match="buyer already has"):
        services.meeting_schedule(artisan=workshop, buyer_user=buyer, start_at=in_days(5, minute=30),
                                  duration_minutes=30, mode=Meeting.Mode.VIRTUAL)
    assert Meeting.objects.count() == 1


def test_overlap_with_the_artisan_is_refused(workshop, shop, other_shop, buyer):
    MeetingFactory(artisan=workshop, buyer=other_shop, status=Meeting.Status.RESCHEDULING, proposed_starts=[],
                   start_at=in_days(5), end_at=in_days(5) + timedelta(hours=1))
    with pytest.raises(services.SlotTaken, match="artisan already has"):
        services.meeting_schedule(artisan=workshop, buyer_user=buyer, start_at=in_days(5), duration_minutes=30,
                                  mode=Meeting.Mode.VIRTUAL)


def test_past_times_and_unapproved_artisans_are_refused(workshop, shop, buyer):
    with pytest.raises(services.MeetingError):
        services.meeting_schedule(artisan=workshop, buyer_user=buyer, start_at=in_days(-1), duration_minutes=30,
                                  mode=Meeting.Mode.VIRTUAL)
    workshop.status = "pending"
    workshop.save()
    with pytest.raises(services.MeetingError):
        services.meeting_schedule(artisan=workshop, buyer_user=buyer, start_at=in_days(5), duration_minutes=30,
                                  mode=Meeting.Mode.VIRTUAL)
    assert not Meeting.objects.exists()
