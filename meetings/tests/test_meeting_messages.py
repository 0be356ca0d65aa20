"""The thread on a meeting: the other side hears of new messages, at most once per ten minutes."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.core import mail

from meetings import services
from meetings.models import Message
from meetings.tests.factories import MeetingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting(workshop, shop):
    return MeetingFactory(artisan=workshop, buyer=shop)


def test_a_burst_of_messages_sends_one_email_per_bucket(meeting, buyer, artisan, django_capture_on_commit_callbacks):
    start = datetime(2026, 10, 19, 12, 0, 30, tzinfo=UTC)
    with django_capture_on_commit_callbacks(execute=True):
        for seconds in (0, 60, 300, 540):
            services.message_post(meeting_id=meeting.pk, author=buyer, body=f"Hello {seconds}",
                                  now=start + timedelta(seconds=seconds))
        services.message_post(meeting_id=meeting.pk, author=buyer, body="Later", now=start + timedelta(minutes=15))
    assert Message.objects.filter(meeting=meeting).count() == 5
    assert [m.to for m in mail.outbox] == [[artisan.email], [artisan.email]]
    assert "Hello 0" in mail.outbox[0].body
    # The artisan writes in Spanish settings; the buyer gets their own email, unthrottled by the other side.
    with django_capture_on_commit_callbacks(execute=True):
        services.message_post(meeting_id=meeting.pk, author=artisan, body="Hola", now=start + timedelta(seconds=90))
    assert mail.outbox[-1].to == [buyer.email]


def test_strangers_and_empty_messages_are_refused(meeting, other_buyer, buyer):
    with pytest.raises(services.MeetingError):
        services.message_post(meeting_id=meeting.pk, author=other_buyer, body="Hi")
    with pytest.raises(services.MeetingError):
        services.message_post(meeting_id=meeting.pk, author=buyer, body="   ")
    assert not Message.objects.exists()
