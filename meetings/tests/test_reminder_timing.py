"""Reminders only when their moment is still ahead of the booking, and saying the real time left."""

from __future__ import annotations

import zoneinfo
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from meetings import services
from meetings.models import Meeting, Reminder
from meetings.tests.factories import MeetingFactory

pytestmark = pytest.mark.django_db


def _booked(workshop, shop, *, ahead: timedelta) -> Meeting:
    booked_at = timezone.now().replace(second=0, microsecond=0)
    start = booked_at + ahead
    return MeetingFactory(artisan=workshop, buyer=shop, status=Meeting.Status.CONFIRMED, proposed_starts=[],
                          start_at=start, end_at=start + timedelta(hours=1), video_token="tok", confirmed_at=booked_at)


def _subjects():
    return sorted(m.subject for m in mail.outbox if m.extra_headers["X-CraftMatch-Key"].startswith("meeting-reminder:"))


def test_a_meeting_booked_70_minutes_ahead_gets_no_day_before_reminder(workshop, shop,
                                                                       django_capture_on_commit_callbacks):
    meeting = _booked(workshop, shop, ahead=timedelta(minutes=70))
    with django_capture_on_commit_callbacks(execute=True):
        assert services.reminders_send_due(now=meeting.start_at - timedelta(minutes=69)) == 0
    assert not Reminder.objects.exists()

    with django_capture_on_commit_callbacks(execute=True):
        assert services.reminders_send_due(now=meeting.start_at - timedelta(minutes=28)) == 2
    assert set(Reminder.objects.values_list("kind", flat=True)) == {"1h"}
    time = timezone.localtime(meeting.start_at, timezone=zoneinfo.ZoneInfo("America/New_York"))
    assert f"In 28 minutes: your meeting at {time:%H:%M}" in _subjects()
    assert not any("one hour" in subject for subject in _subjects())


def test_a_meeting_booked_40_minutes_ahead_gets_no_reminder_at_all(workshop, shop, django_capture_on_commit_callbacks):
    meeting = _booked(workshop, shop, ahead=timedelta(minutes=40))
    with django_capture_on_commit_callbacks(execute=True):
        assert services.reminders_send_due(now=meeting.start_at - timedelta(minutes=39)) == 0
        assert services.reminders_send_due(now=meeting.start_at - timedelta(minutes=10)) == 0
    assert _subjects() == []


def test_a_meeting_booked_days_ahead_gets_both_on_time(workshop, shop, django_capture_on_commit_callbacks):
    meeting = _booked(workshop, shop, ahead=timedelta(days=3))
    with django_capture_on_commit_callbacks(execute=True):
        assert services.reminders_send_due(now=meeting.start_at - timedelta(hours=24)) == 2
        assert services.reminders_send_due(now=meeting.start_at - timedelta(hours=1)) == 2
    assert sorted(Reminder.objects.values_list("kind", flat=True)) == ["1h", "1h", "24h", "24h"]
    assert sum("In 1 hour: your meeting" in subject for subject in _subjects()) == 2
