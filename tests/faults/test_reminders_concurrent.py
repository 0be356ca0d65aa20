"""Beat fires the reminder task twice at once, on two workers, and one send is refused once."""

from __future__ import annotations

import time
from datetime import timedelta

import pytest
from django.utils import timezone

from catalog.tests.factories import ArtisanProfileFactory
from meetings.models import Meeting, Reminder
from meetings.tasks import send_meeting_reminders_task
from meetings.tests.factories import BuyerProfileFactory, MeetingFactory
from notifications.models import Email
from tests.faults.conftest import report, wait_until, worker_env

pytestmark = [pytest.mark.faults, pytest.mark.django_db(transaction=True)]


def _confirmed(starts_in: timedelta) -> Meeting:
    start = (timezone.now() + starts_in).replace(second=0, microsecond=0)
    return MeetingFactory(
        artisan=ArtisanProfileFactory(), buyer=BuyerProfileFactory(), status=Meeting.Status.CONFIRMED,
        proposed_starts=[], start_at=start, end_at=start + timedelta(minutes=30), video_token="room",
    )


def _key(meeting: Meeting, user_id: int, kind: str) -> str:
    return f"meeting-reminder:{meeting.pk}:{user_id}:{kind}:seq{meeting.sequence}"


def test_concurrent_reminder_runs_and_a_retried_send_deliver_each_reminder_once(celery_worker_process, smtp):
    hour_soon = [_confirmed(timedelta(minutes=40)) for _ in range(5)]
    day_soon = [_confirmed(timedelta(hours=20)) for _ in range(5)]
    expected = {
        _key(m, user_id, kind)
        for meetings, kind in ((hour_soon, Reminder.Kind.HOUR_BEFORE), (day_soon, Reminder.Kind.DAY_BEFORE))
        for m in meetings
        for user_id in (m.buyer_user_id, m.artisan_user_id)
    }
    refused_key = _key(hour_soon[0], hour_soon[0].buyer_user_id, Reminder.Kind.HOUR_BEFORE)
    smtp.refuse_first[refused_key] = 1

    env = worker_env(smtp)
    workers = [celery_worker_process(env=env) for _ in range(2)]
    wait_until(
        lambda: all("ready." in worker.log_path.read_text() for worker in workers), 30, "both workers to be ready"
    )
    # Two beat ticks at once: each worker takes one and both claim the same due reminders.
    send_meeting_reminders_task.delay()
    send_meeting_reminders_task.delay()

    smtp.wait_for_keys(expected, timeout=60)
    wait_until(lambda: Email.objects.filter(status=Email.Status.SENT).count() == len(expected), 20, "rows sent")
    # A third tick later finds nothing left to send.
    send_meeting_reminders_task.delay()
    time.sleep(2)
    delivered = smtp.keys()

    assert delivered == {key: 1 for key in expected}
    assert Reminder.objects.count() == len(expected)
    assert Email.objects.get(key=refused_key).attempts == 2
    assert smtp.refused == 1
    report(
        "reminders, two beats at once", reminders=len(expected), delivered=sum(delivered.values()),
        duplicates=sum(n - 1 for n in delivered.values()), lost=len(expected - set(delivered)),
        retried=smtp.refused,
    )
