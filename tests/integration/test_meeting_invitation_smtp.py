"""A confirmed meeting's invitation goes through a real Celery worker and a real SMTP server."""

from __future__ import annotations

import time

import pytest
from icalendar import Calendar

from catalog.tests.factories import ArtisanProfileFactory
from meetings import services
from meetings.models import Meeting
from meetings.tests.factories import BuyerProfileFactory, MeetingFactory, in_days
from notifications.models import Email

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


def test_worker_emails_both_sides_a_calendar_invitation(celery_worker_process, smtp_sink):
    from config.celery import app

    app.conf.task_always_eager = False
    celery_worker_process(env={"EMAIL_URL": smtp_sink.url, "CRAFTMATCH_TESTING": "1"})
    workshop = ArtisanProfileFactory(business_name="Cerámica Moreno", time_zone="Europe/Madrid")
    shop = BuyerProfileFactory(organisation_name="Met Store")
    meeting = MeetingFactory(artisan=workshop, buyer=shop, proposed_starts=[in_days(7)], duration_minutes=45)

    # Committed here; the invitation task is queued after commit and runs in the worker.
    services.meeting_accept(meeting_id=meeting.pk, actor=workshop.user, start_at=in_days(7))
    meeting = Meeting.objects.get(pk=meeting.pk)

    messages = smtp_sink.wait_for(2, timeout=60)
    assert sorted(m["To"] for m in messages) == sorted([workshop.user.email, shop.user.email])
    for message in messages:
        assert message["X-CraftMatch-Key"].startswith(f"meeting-invitation:{meeting.pk}:")
        (ics,) = [part.get_payload(decode=True) for part in message.walk() if part.get_content_type() == "text/calendar"]
        calendar = Calendar.from_ical(ics)
        assert str(calendar["METHOD"]) == "REQUEST"
        (event,) = [c for c in calendar.walk() if c.name == "VEVENT"]
        assert str(event["UID"]) == f"meeting-{meeting.public_id}@craftmatch"
        assert int(event["SEQUENCE"]) == 0
        assert event.decoded("DTSTART") == in_days(7)
        assert str(event["LOCATION"]) == meeting.video_url

    for _ in range(100):
        statuses = set(Email.objects.filter(key__startswith="meeting-invitation:").values_list("status", flat=True))
        if statuses == {Email.Status.SENT}:
            break
        time.sleep(0.1)
    assert statuses == {Email.Status.SENT}
    time.sleep(1)
    assert len(smtp_sink.messages) == 2
