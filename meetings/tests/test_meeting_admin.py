"""Staff read every meeting, with its events, messages, outcomes and reminders, in the admin."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse

from meetings import services
from meetings.models import Meeting
from meetings.tests.factories import MeetingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting(workshop, shop, artisan, buyer):
    meeting = MeetingFactory(artisan=workshop, buyer=shop)
    services.meeting_accept(meeting_id=meeting.pk, actor=artisan, start_at=meeting.proposed_starts[0])
    services.message_post(meeting_id=meeting.pk, author=buyer, body="Looking forward")
    return meeting


def test_staff_list_filter_and_search_meetings(meeting, login, staff):
    client = login(staff)
    url = reverse("admin:meetings_meeting_changelist")
    assert "Cerámica Moreno" in client.get(url).content.decode()
    assert "Cerámica Moreno" in client.get(url, {"status__exact": "confirmed"}).content.decode()
    assert "Cerámica Moreno" not in client.get(url, {"status__exact": "declined"}).content.decode()
    assert "Cerámica Moreno" in client.get(url, {"q": "Met Store"}).content.decode()


def test_staff_see_events_and_messages_inline(meeting, login, staff):
    body = login(staff).get(reverse("admin:meetings_meeting_change", args=[meeting.pk])).content.decode()
    assert "Looking forward" in body
    assert "accept" in body and "requested" in body


def test_other_admin_lists_open(meeting, login, staff, buyer):
    meeting.refresh_from_db()
    later = meeting.end_at + timedelta(minutes=5)
    services.outcome_record(meeting_id=meeting.pk, actor=buyer, attendance="held", interest=3,
                            next_step="order", now=later)
    client = login(staff)
    for name in ("meetingevent", "message", "outcome", "reminder", "availabilitywindow", "availabilityslot",
                 "availabilityexception", "availabilitysettings"):
        assert client.get(reverse(f"admin:meetings_{name}_changelist")).status_code == 200
    assert Meeting.objects.get(pk=meeting.pk).status == Meeting.Status.COMPLETED


def test_non_staff_cannot_open_the_admin(meeting, login, artisan):
    response = login(artisan).get(reverse("admin:meetings_meeting_changelist"))
    assert response.status_code == 302
